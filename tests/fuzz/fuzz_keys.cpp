// libFuzzer target: psych-style scoring keys (parse_key) and column name patterns
// (ColumnPattern). Each input line is tried as a key and as a pattern; a pattern is expanded
// for item numbers taken from the input's first bytes. Any attune::Error is accepted; crashes,
// sanitizer reports and other exceptions are bugs. Seed corpus: tests/fuzz/corpus/keys/.
#include <cstddef>
#include <climits>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>

#include "attune/instrument/keys.h"
#include "attune/util/error.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  int number = 1;
  if (size >= 4) {
    std::memcpy(&number, data, 4);
  }
  std::string_view text(reinterpret_cast<const char*>(data), size);
  std::size_t sum = 0;
  for (std::size_t start = 0; start <= text.size();) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    start = end + 1;
    if (auto key = attune::parse_key(line)) {
      // A key is a number or a name, never both; a reversed key came with a '-'.
      if (key->number.has_value() == !key->column.empty()) std::abort();
      if (key->reversed && line.find('-') == std::string_view::npos) std::abort();
      sum += key->column.size();
    }
    try {
      attune::ColumnPattern pattern{std::string(line)};
      for (int n : {1, 36, number, number == INT_MIN ? 0 : -number}) sum += pattern.column_for(n).size();
      sum += pattern.text().size();
    } catch (const attune::Error&) {
      // a pattern without exactly one {n} is a usage error
    }
    if (end == text.size()) break;
  }
  return sum == static_cast<std::size_t>(-1);
}

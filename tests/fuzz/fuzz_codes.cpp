// libFuzzer target: arbitrary bytes as one data line through ResponseParser::parse_line_codes
// (the Likert-code path of score and analyze), with the CPU's best instruction set (the
// AVX-512 line decoder where it runs) and with ATTUNE_SIMD=avx512 (the parser's own loop),
// checked against parse_line and the general path (CsvReader + parse). The first byte picks
// the delimiter (',', ';', tab), the instrument and header (4 items on 1..5 among text
// columns in shuffled order, or 36 items on 1..7 in order after an id), missing codes and the
// invalid-cell policy. A line taken as codes must be one parse_line takes, with each code that
// of parse()'s value (0 missing, x - base) and the same texts; both levels must agree; a line
// declined must be one whose values are not all codes. Seed corpus: tests/fuzz/corpus/codes/.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "attune/instrument/loader.h"
#include "attune/io/csv_reader.h"
#include "attune/responses/response_reader.h"
#include "attune/util/error.h"
#include "../unit/codes_check.h"

namespace {

using namespace attune;

const Instrument& thirty_six_items() {
  static const Instrument instrument = load_instrument_text(R"(id: wide
name: Wide
version: "1"
citation: "Test."
response: {min: 1, max: 7}
items: {count: 36, column: "Q{n}"}
scales:
  a: {keys: [1, -2, 3, 4, 5, 6, 7, 8, -9, 10, 11, 12, 13, 14, 15, 16, 17, 18]}
  b: {keys: [19, -20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36]}
)",
                                                            "wide.yaml");
  return instrument;
}

// What one parser made of the line: whether it took it as codes, the codes and the texts.
struct CodesResult {
  bool taken = false;
  std::vector<std::uint8_t> codes;
  std::vector<std::string> texts;
  bool operator==(const CodesResult&) const = default;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::uint8_t control = data[0];
  static constexpr char kDelimiters[] = {',', ';', '\t', ','};
  const char delimiter = kDelimiters[control & 3];
  const bool wide = control & 4;
  static const Instrument four = test::four_items();
  const Instrument& instrument = wide ? thirty_six_items() : four;
  std::vector<std::string> header;
  if (wide) {
    header.push_back("id");
    for (int i = 1; i <= 36; ++i) header.push_back("Q" + std::to_string(i));
  } else {
    header = test::kFourItemsHeader;
  }
  ResponseOptions options;
  if (!wide) options.columns.keep_columns = {"note"};
  if (control & 8) options.missing_codes = {"0", "-9", "NA"};
  options.invalid = control & 16 ? InvalidPolicy::missing : InvalidPolicy::error;
  const int base = static_cast<int>(instrument.response.min) - 1;
  const auto levels = static_cast<unsigned>(instrument.response.max - instrument.response.min + 1);

  std::string head;
  for (std::size_t f = 0; f < header.size(); ++f) head += (f ? std::string(1, delimiter) : "") + header[f];
  const std::string text = head + "\n" + std::string(reinterpret_cast<const char*>(data) + 1, size - 1);
  CsvOptions csv;
  csv.delimiter = delimiter;

  try {
    const char* before = std::getenv("ATTUNE_SIMD");
    const std::string saved = before ? before : "";
    std::vector<CodesResult> results;
    bool values_taken = false;
    ResponseRow values;
    for (const char* level : {"", "avx512"}) {
      if (*level) ::setenv("ATTUNE_SIMD", level, 1);
      ResponseParser parser(instrument, header, options, "fuzz.csv");
      if (before) ::setenv("ATTUNE_SIMD", saved.c_str(), 1);
      else ::unsetenv("ATTUNE_SIMD");
      auto reader = CsvReader::from_string(text, "fuzz.csv", csv);
      Record record;
      if (!reader->next(record)) return 0;
      const std::string_view line = reader->peek_line();
      if (line.empty()) return 0;
      CodesResult result;
      result.codes.assign(parser.binding().item_fields.size(), 0xEE);
      ResponseRow row;
      result.taken = parser.parse_line_codes(line, delimiter, 1, LikertCoding{base, levels}, row, result.codes.data());
      if (result.taken)
        for (std::string_view t : row.texts) result.texts.emplace_back(t);
      else
        result.codes.clear();
      results.push_back(std::move(result));
      if (!*level) values_taken = parser.parse_line(line, delimiter, 1, values);
    }
    if (!(results[0] == results[1])) std::abort();   // the decoder and the parser's loop agree
    const CodesResult& codes = results[0];
    if (!codes.taken) {
      // Declined: the line is one parse_line declines, or one whose values are not all codes.
      if (values_taken && test::all_codes(values.items, base, levels)) std::abort();
      return 0;
    }
    if (!values_taken) std::abort();
    // Taken: the general path gives each code's value and the same texts.
    ResponseParser general(instrument, header, options, "fuzz.csv");
    auto reader = CsvReader::from_string(text, "fuzz.csv", csv);
    Record record;
    try {
      if (!reader->next(record) || !reader->next(record)) std::abort();
    } catch (const attune::Error&) {
      std::abort();   // a line taken as plain is a record the CSV reader reads
    }
    ResponseRow row;
    try {
      general.parse(record, 1, row);
    } catch (const attune::Error&) {
      std::abort();   // the fast path took a line the general path rejects
    }
    if (row.items.size() != codes.codes.size() || row.texts.size() != codes.texts.size()) std::abort();
    for (std::size_t j = 0; j < row.items.size(); ++j) {
      const double x = row.items[j];
      if (codes.codes[j] != test::code_of(x, base) || (!std::isnan(x) && x - base != codes.codes[j])) std::abort();
    }
    for (std::size_t t = 0; t < row.texts.size(); ++t)
      if (row.texts[t] != codes.texts[t]) std::abort();
  } catch (const attune::Error&) {
    // bad input rejected before any line was taken is an accepted outcome
  }
  return 0;
}

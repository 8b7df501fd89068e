// libFuzzer target: arbitrary bytes through CsvReader (from memory). The first byte picks the
// delimiter (detected, ',', ';' or tab) and small limits, so the limit paths are reached too.
// Any attune::Error is an accepted outcome; crashes, sanitizer reports, other exceptions and
// a broken Record invariant are bugs. Bits 4-7 of the first byte pick a block size: the text is
// also read in blocks (as `score --threads` does), which must give the same records and the
// same error as reading it whole; so must taking its plain lines whole (peek_line, take_line),
// as scoring does. Seed corpus: tests/fuzz/corpus/csv/.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "attune/io/csv_reader.h"
#include "../unit/csv_block_check.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::uint8_t control = data[0];
  attune::CsvOptions options;
  static constexpr char kDelimiters[] = {0, ',', ';', '\t'};
  options.delimiter = kDelimiters[control & 3];
  if (control & 4) options.limits.max_field_bytes = 16;
  if (control & 8) options.limits.max_columns = 8;
  std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
  const std::size_t block_bytes = 1 + (control >> 4) * 4;
  const attune::test::ReadResult whole = attune::test::read_whole(text, options);
  if (!(attune::test::read_in_blocks(text, options, block_bytes) == whole)) std::abort();
  if (!(attune::test::read_taking_lines(text, options) == whole)) std::abort();
  try {
    auto reader = attune::CsvReader::from_string(std::move(text), "fuzz.csv", options);
    attune::Record record;
    std::size_t bytes = 0;
    std::uint64_t previous_line = 0;
    while (reader->next(record)) {
      // Every field has a place; records move forward; the limits hold. (Ragged rows are the
      // response parser's to report, not the reader's.)
      if (record.columns.size() != record.size() || record.lines.size() != record.size()) std::abort();
      if (record.line <= previous_line && previous_line != 0) std::abort();
      if (record.size() > options.limits.max_columns) std::abort();
      previous_line = record.line;
      for (std::string_view field : record.fields) {
        if (field.size() > options.limits.max_field_bytes) std::abort();
        for (char c : field) bytes += static_cast<unsigned char>(c);   // touch every byte
      }
    }
    if (bytes == static_cast<std::size_t>(-1)) return 1;
  } catch (const attune::Error&) {
    // a clear error is the expected answer to bad input
  }
  return 0;
}

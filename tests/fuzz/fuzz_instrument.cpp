// libFuzzer target: arbitrary bytes as an instrument definition through the loader and
// `attune check`'s validation (check_instrument_text); a definition that passes is then used
// to score two small rows, so what check accepts must also be safe to score with. Problems and
// attune::Errors are accepted outcomes; crashes, sanitizer reports, other exceptions, a
// result with neither an instrument nor a problem, or a problem without a message are bugs.
// Seed corpus: tests/fuzz/corpus/instrument/.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "attune/instrument/loader.h"
#include "attune/io/csv_reader.h"
#include "attune/io/output_sink.h"
#include "attune/io/record_writer.h"
#include "attune/run/score_run.h"

namespace {

void score_two_rows(const attune::Instrument& instrument) {
  if (instrument.items.size() > 500) return;
  std::string csv = "id";
  for (const auto& item : instrument.items) {
    csv += ",\"";
    for (char c : item.column) csv += c == '"' ? std::string("\"\"") : std::string(1, c);
    csv += '"';
  }
  for (int row = 0; row < 2; ++row) {
    csv += row ? "\nb" : "\na";
    for (std::size_t i = 0; i < instrument.items.size(); ++i) {
      double value = (i + static_cast<std::size_t>(row)) % 2 ? instrument.response.max : instrument.response.min;
      csv += ',';
      if (i % 5 != 4) attune::append_number(csv, value);
    }
  }
  csv += "\n";
  attune::CsvOptions csv_options;
  csv_options.delimiter = ',';
  auto reader = attune::CsvReader::from_string(csv, "rows.csv", csv_options);
  attune::StringSink sink;
  auto writer = attune::make_writer(attune::Format::json, sink);
  attune::ScoreOptions options;
  options.invalid = attune::InvalidPolicy::missing;
  attune::run_score(instrument, *reader, *writer, options);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view yaml(reinterpret_cast<const char*>(data), size);
  attune::CheckResult result = attune::check_instrument_text(yaml, "fuzz.yaml");
  if (result.instrument.has_value() == !result.problems.empty()) std::abort();
  for (const auto& problem : result.problems) {
    if (problem.message.empty() || problem.where.file != "fuzz.yaml") std::abort();
  }
  if (result.instrument) {
    try {
      score_two_rows(*result.instrument);
    } catch (const attune::Error&) {
      // e.g. item columns that collide once read back from a header
    }
  }
  return 0;
}

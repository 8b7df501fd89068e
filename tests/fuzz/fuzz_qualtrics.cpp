// libFuzzer target: arbitrary bytes as a CSV export read through skip_qualtrics_headers
// (CsvReader::from_string wrapped; the first byte picks auto/on/off). Half the inputs are then
// scored end to end (column binding, cell parsing, scoring, classification, CSV writing) with
// a small fixed instrument whose items are Q1..Q4. Any attune::Error is accepted; crashes,
// sanitizer reports, other exceptions and a lost or reordered row are bugs.
// Seed corpus: tests/fuzz/corpus/qualtrics/.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "attune/instrument/loader.h"
#include "attune/io/csv_reader.h"
#include "attune/io/output_sink.h"
#include "attune/io/qualtrics_source.h"
#include "attune/io/record_writer.h"
#include "attune/run/score_run.h"

namespace {

const attune::Instrument& instrument() {
  static const attune::Instrument loaded = attune::load_instrument_text(
      "id: fuzz\nname: Fuzz\nversion: \"1\"\n"
      "citation: {authors: \"Doe, J.\", year: 2024, title: \"A test item set\"}\n"
      "response: {min: 1, max: 5, integer: true, labels: {1: \"Never\", 5: \"Always\"}}\n"
      "items: {count: 4, column: \"Q{n}\"}\n"
      "scales:\n  anxiety: {keys: [1, -2]}\n  avoidance: {keys: [3, -4], scoring: sum}\n"
      "computed:\n  total: {terms: {anxiety: 1, avoidance: 0.5}}\n"
      "classification:\n  dimensions: {anxiety: anxiety, avoidance: avoidance}\n  default: midpoint\n",
      "fuzz.yaml");
  return loaded;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::uint8_t control = data[0];
  static constexpr attune::QualtricsMode kModes[] = {attune::QualtricsMode::automatic, attune::QualtricsMode::on,
                                                     attune::QualtricsMode::off, attune::QualtricsMode::automatic};
  std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
  try {
    auto source = attune::skip_qualtrics_headers(attune::CsvReader::from_string(std::move(text), "fuzz.csv"),
                                                 kModes[control & 3]);
    if (control & 4) {
      attune::StringSink sink;
      attune::WriterOptions writer_options;
      writer_options.safe_csv = (control & 8) != 0;
      auto writer = attune::make_writer(attune::Format::csv, sink, writer_options);
      attune::ScoreOptions options;
      if (control & 16) options.invalid = attune::InvalidPolicy::missing;
      if (control & 32) options.classifier.method = "median";
      if (control & 64) options.impute = attune::Impute::mean;
      attune::ScoreReport report = attune::run_score(instrument(), *source, *writer, options);
      // One output line per row (ids and kept cells are quoted, so count records, not '\n');
      // report.rows also numbers the records left out as every cell empty (not respondents).
      auto check = attune::CsvReader::from_string(sink.text(), "out.csv");
      attune::Record out;
      std::uint64_t rows = 0;
      while (check->next(out)) ++rows;
      if (rows != report.rows - report.empty_records.count + 1) std::abort();
    } else {
      attune::Record record;
      std::uint64_t previous = 0;
      std::size_t bytes = 0;
      while (source->next(record)) {
        if (record.number <= previous && previous != 0) std::abort();
        previous = record.number;
        for (std::string_view field : record.fields)
          for (char c : field) bytes += static_cast<unsigned char>(c);
      }
      if (bytes == static_cast<std::size_t>(-1)) return 1;
    }
  } catch (const attune::Error&) {
    // a clear error is the expected answer to bad input
  }
  return 0;
}

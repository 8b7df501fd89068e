// SPSS .sav and Stata .dta output against R's haven: fixtures made by
// tests/reference/make_sav_fixtures.R, which had attune write the scores of examples/ecr-r.csv
// and examples/rq.csv and wrote what haven read from them (values, variable labels, value
// labels). Each case writes the same scores through the library's sav/dta writer now, reads
// the bytes back through attune's own ReadStat reader, and compares every value and label with
// what haven saw: a file R cannot read the same way fails here.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdlib>
#include <map>
#include <string>
#include <vector>

#include "attune/instrument/loader.h"
#include "attune/io/csv_reader.h"
#include "attune/io/readstat_source.h"
#include "attune/io/record_writer.h"
#include "attune/run/score_run.h"

using namespace attune;

namespace {

using Table = std::vector<std::vector<std::string>>;

Table read_all(RecordSource& source) {
  Table table;
  Record record;
  while (source.next(record)) table.emplace_back(record.fields.begin(), record.fields.end());
  return table;
}

Table read_fixture(const std::string& name) {
  CsvReader reader(std::string(ATTUNE_REFERENCE_DIR) + "/" + name);
  return read_all(reader);
}

// The scores of `data` by `instrument`, written in `format` by the library, read back.
std::unique_ptr<ReadStatSource> written(const std::string& instrument, const std::string& data, Format format) {
  Instrument definition = load_instrument_file(std::string(ATTUNE_INSTRUMENTS_DIR) + "/" + instrument + ".yaml");
  CsvReader reader(std::string(ATTUNE_EXAMPLES_DIR) + "/" + data);
  StringSink sink;
  auto writer = make_writer(format, sink);
  run_score(definition, reader, *writer, ScoreOptions{}, {});
  return ReadStatSource::from_bytes(sink.text(), instrument + "." + std::string(format_name(format)),
                                    format == Format::sav ? InputFormat::sav : InputFormat::dta);
}

void compare(const std::string& instrument, const std::string& data, Format format, const std::string& fixture) {
  auto source = written(instrument, data, format);
  const Table values = read_fixture("sav_" + fixture + "_values.csv");
  const Table labels = read_fixture("sav_" + fixture + "_labels.csv");
  const Table read = read_all(*source);

  // Values: the header (variable names), then every cell; numbers to 1e-12 relative.
  REQUIRE(read.size() == values.size());
  CHECK(read.front() == values.front());
  for (std::size_t r = 1; r < read.size(); ++r) {
    REQUIRE(read[r].size() == values[r].size());
    for (std::size_t c = 0; c < read[r].size(); ++c) {
      const std::string& ours = read[r][c];
      const std::string& haven = values[r][c];
      const bool numeric = source->variables()[c].numeric;
      if (!numeric || haven.empty() || ours.empty()) {
        CHECK_MESSAGE(ours == haven, "row " << r << " column " << values[0][c]);
      } else {
        const double a = std::strtod(ours.c_str(), nullptr), b = std::strtod(haven.c_str(), nullptr);
        CHECK_MESSAGE(std::fabs(a - b) <= 1e-12 * std::max(1.0, std::fabs(b)), "row " << r << " column " << values[0][c]);
      }
    }
  }

  // Labels: each variable's label, then its value labels (code -> label).
  std::map<std::string, std::string> variable_labels;
  std::map<std::string, std::map<std::string, std::string>> value_labels;
  for (std::size_t r = 1; r < labels.size(); ++r) {
    if (labels[r][1].empty()) variable_labels[labels[r][0]] = labels[r][2];
    else value_labels[labels[r][0]][labels[r][1]] = labels[r][2];
  }
  REQUIRE(source->variables().size() == variable_labels.size());
  for (const auto& variable : source->variables()) {
    CHECK_MESSAGE(variable.label == variable_labels.at(variable.name), variable.name);
    CHECK_MESSAGE(variable.value_labels == value_labels[variable.name], variable.name);
  }
}

}  // namespace

TEST_CASE("ECR-R scores as .sav: scale labels, the pattern as codes 1-4 labelled, as haven reads them") {
  compare("ecr-r", "ecr-r.csv", Format::sav, "ecr_r_sav");
}

TEST_CASE("RQ scores as .sav: ties beyond the four patterns get the next codes, labelled with their text") {
  compare("rq", "rq.csv", Format::sav, "rq_sav");
}

TEST_CASE("RQ scores as .dta read the same way in Stata's format") {
  compare("rq", "rq.csv", Format::dta, "rq_dta");
}

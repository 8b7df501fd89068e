// Scale scores against psych::scoreItems (psych 2.2.9): fixtures made by
// tests/reference/make_score_fixtures.R, whose header states psych's semantics in full.
// Each case runs the library's whole scoring path (instrument loader, CSV reader, column
// binding, cell parsing, imputation, scorer) on a response file and compares every score
// with psych's to 1e-8; a score psych leaves missing (NA/NaN, an empty fixture cell) must be
// missing here too.
#include <doctest/doctest.h>

#include <cmath>
#include <cstddef>
#include <cstdlib>
#include <limits>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "attune/instrument/instrument.h"
#include "attune/instrument/loader.h"
#include "attune/io/csv_reader.h"
#include "attune/responses/cell_parser.h"
#include "attune/responses/columns.h"
#include "attune/scoring/imputer.h"
#include "attune/scoring/scorer.h"

using namespace attune;

namespace {

constexpr double kTolerance = 1e-8;
const double kMissing = std::numeric_limits<double>::quiet_NaN();

// A CSV file as strings: the header and the data rows.
struct Table {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
};

Table read_table(const std::string& path) {
  CsvReader reader(path);
  Record record;
  Table table;
  REQUIRE_MESSAGE(reader.next(record), path << " is empty");
  for (auto field : record.fields) table.header.emplace_back(field);
  while (reader.next(record)) {
    std::vector<std::string> row;
    for (auto field : record.fields) row.emplace_back(field);
    table.rows.push_back(std::move(row));
  }
  return table;
}

std::size_t column_index(const Table& table, const std::string& name) {
  for (std::size_t i = 0; i < table.header.size(); ++i)
    if (table.header[i] == name) return i;
  FAIL("column " << name << " is not in the fixture");
  return 0;
}

// A fixture number: empty (or "NA") is missing; anything else must parse completely.
double fixture_number(const std::string& text) {
  if (text.empty() || text == "NA" || text == "NaN") return kMissing;
  char* end = nullptr;
  double value = std::strtod(text.c_str(), &end);
  REQUIRE_MESSAGE(end == text.c_str() + text.size(), "bad number in fixture: " << text);
  return value;
}

// What attune computes for one response file: ids and one score row per respondent.
struct Scored {
  std::vector<std::string> score_ids;
  std::vector<std::string> ids;
  std::vector<std::vector<double>> scores;
};

// Scores `data_path` with the instrument in `instrument_path` as the CLI would:
// `sums` is psych's totals = TRUE.
Scored score_file(const std::string& instrument_path, const std::string& data_path,
                  Impute impute, bool sums) {
  Instrument instrument = load_instrument_file(instrument_path);
  if (sums)
    for (auto& scale : instrument.scales) scale.scoring = Scoring::sum;

  CsvReader reader(data_path);
  Record record;
  REQUIRE(reader.next(record));
  std::vector<std::string> header(record.fields.begin(), record.fields.end());
  ColumnOptions column_options;
  column_options.id_columns = {"id"};
  ColumnBinding binding = bind_columns(instrument, header, column_options, data_path);
  REQUIRE(binding.id_fields.size() == 1);

  CellParser parser(instrument.response, {});
  const std::size_t n_items = instrument.items.size();
  std::vector<std::string> ids;
  std::vector<double> matrix;   // row-major respondents x items, NaN missing
  while (reader.next(record)) {
    ids.emplace_back(record.fields.at(binding.id_fields[0]));
    for (std::size_t i = 0; i < n_items; ++i) {
      ParsedCell cell = parser.parse(record.fields.at(binding.item_fields[i]));
      REQUIRE_MESSAGE(cell.status != CellStatus::invalid, data_path << ": " << cell.problem);
      matrix.push_back(cell.status == CellStatus::value ? cell.value : kMissing);
    }
  }

  // psych scores every respondent after imputation, even one who answered nothing (all
  // cells imputed); without imputation a mean of no items is NaN and a sum of no items is 0.
  // MinValid{false, 0} asks the scorer for the same: no minimum number of answered items.
  ScoringOptions options;
  if (impute != Impute::none || sums) options.min_valid = MinValid{false, 0};
  Scorer scorer(instrument, instrument.response, options);

  std::vector<double> centres;
  if (impute != Impute::none) centres = item_centres(matrix, n_items, impute);

  Scored result;
  result.score_ids = scorer.score_ids();
  result.ids = ids;
  std::vector<std::uint8_t> answered(n_items);
  std::vector<double> row(n_items);
  for (std::size_t r = 0; r < ids.size(); ++r) {
    for (std::size_t i = 0; i < n_items; ++i) {
      row[i] = matrix[r * n_items + i];
      answered[i] = !std::isnan(row[i]);
    }
    std::vector<double> out(result.score_ids.size(), kMissing);
    if (impute != Impute::none) {
      impute_row(row, centres);
      scorer.score(row, out, answered);
    } else {
      scorer.score(row, out);
    }
    result.scores.push_back(std::move(out));
  }
  return result;
}

// Compares attune's scores for `data` with psych's in `fixture`, cell by cell.
void check_against_psych(const std::string& instrument_file, const std::string& data,
                         const std::string& fixture, Impute impute, bool sums) {
  INFO("fixture " << fixture);
  Scored ours = score_file(std::string(ATTUNE_INSTRUMENTS_DIR) + "/" + instrument_file, data,
                           impute, sums);
  Table psych = read_table(std::string(ATTUNE_REFERENCE_DIR) + "/" + fixture);

  REQUIRE(ours.score_ids.size() == 2);
  REQUIRE(ours.ids.size() == psych.rows.size());
  REQUIRE(psych.rows.size() > 0);
  const std::size_t id_col = column_index(psych, "id");
  double max_diff = 0;
  std::size_t missing_cells = 0;
  for (std::size_t s = 0; s < ours.score_ids.size(); ++s) {
    const std::size_t col = column_index(psych, ours.score_ids[s]);
    for (std::size_t r = 0; r < ours.ids.size(); ++r) {
      INFO("respondent " << ours.ids[r] << ", score " << ours.score_ids[s]);
      REQUIRE(psych.rows[r].size() == psych.header.size());
      CHECK(ours.ids[r] == psych.rows[r][id_col]);
      const double expected = fixture_number(psych.rows[r][col]);
      const double actual = ours.scores[r][s];
      if (std::isnan(expected)) {
        ++missing_cells;
        CHECK_MESSAGE(std::isnan(actual), "psych: missing, attune: " << actual);
        continue;
      }
      REQUIRE_MESSAGE(!std::isnan(actual), "psych: " << expected << ", attune: missing");
      const double diff = std::fabs(actual - expected);
      if (diff > max_diff) max_diff = diff;
      CHECK_MESSAGE(diff <= kTolerance, "psych: " << expected << ", attune: " << actual);
    }
  }
  MESSAGE(fixture << ": " << ours.ids.size() << " respondents, " << missing_cells
                  << " missing scores, max |attune - psych| = " << max_diff);
}

const std::string kInput = std::string(ATTUNE_REFERENCE_DIR) + "/score_input.csv";
const std::string kExampleEcrR = std::string(ATTUNE_EXAMPLES_DIR) + "/ecr-r.csv";
const std::string kExampleEcr = std::string(ATTUNE_EXAMPLES_DIR) + "/ecr.csv";

}  // namespace

TEST_CASE("ECR-R means without imputation match psych::scoreItems(impute = \"none\")") {
  check_against_psych("ecr-r.yaml", kInput, "score_ecrr_impute_none.csv", Impute::none, false);
}

TEST_CASE("ECR-R means with mean imputation match psych::scoreItems(impute = \"mean\")") {
  check_against_psych("ecr-r.yaml", kInput, "score_ecrr_impute_mean.csv", Impute::mean, false);
}

TEST_CASE("ECR-R means with median imputation match psych::scoreItems(impute = \"median\")") {
  check_against_psych("ecr-r.yaml", kInput, "score_ecrr_impute_median.csv", Impute::median,
                      false);
}

TEST_CASE("ECR-R sums without imputation match psych::scoreItems(totals = TRUE)") {
  check_against_psych("ecr-r.yaml", kInput, "score_ecrr_impute_none_totals.csv", Impute::none,
                      true);
}

TEST_CASE("the shipped ECR-R example scores as psych scores it") {
  check_against_psych("ecr-r.yaml", kExampleEcrR, "score_example_ecr-r_impute_none.csv",
                      Impute::none, false);
  check_against_psych("ecr-r.yaml", kExampleEcrR, "score_example_ecr-r_impute_mean.csv",
                      Impute::mean, false);
  check_against_psych("ecr-r.yaml", kExampleEcrR, "score_example_ecr-r_impute_median.csv",
                      Impute::median, false);
  check_against_psych("ecr-r.yaml", kExampleEcrR, "score_example_ecr-r_impute_none_totals.csv",
                      Impute::none, true);
}

TEST_CASE("the shipped ECR example scores as psych scores it") {
  check_against_psych("ecr.yaml", kExampleEcr, "score_example_ecr_impute_none.csv",
                      Impute::none, false);
  check_against_psych("ecr.yaml", kExampleEcr, "score_example_ecr_impute_mean.csv",
                      Impute::mean, false);
  check_against_psych("ecr.yaml", kExampleEcr, "score_example_ecr_impute_median.csv",
                      Impute::median, false);
  check_against_psych("ecr.yaml", kExampleEcr, "score_example_ecr_impute_none_totals.csv",
                      Impute::none, true);
}

// Polychoric and tetrachoric correlations against R psych: the fixtures make_factor_polychoric.R
// wrote (psych::polychoric / psych::tetrachoric), every rho and tau to 1e-6.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "attune/responses/likert_coding.h"
#include "attune/stats/polychoric.h"
#include "fixture_csv.h"

using namespace attune;
using attune::reference::csv_number;
using attune::reference::read_csv_cells;

namespace {

// The fixture's data as Likert codes over its observed range, summed into tables.
ContingencyTables tables_of(const std::string& name) {
  const auto rows = read_csv_cells(std::string(ATTUNE_REFERENCE_DIR) + "/factor_polychoric_" + name + "_data.csv");
  const std::size_t items = rows.at(0).size();
  std::vector<std::vector<double>> values;
  double lo = INFINITY, hi = -INFINITY;
  for (std::size_t r = 1; r < rows.size(); ++r) {
    std::vector<double> row(items, std::nan(""));
    for (std::size_t c = 0; c < rows[r].size() && c < items; ++c) {
      row[c] = csv_number(rows[r][c]);
      if (!std::isnan(row[c])) lo = std::min(lo, row[c]), hi = std::max(hi, row[c]);
    }
    values.push_back(row);
  }
  const auto coding = LikertCoding::of_range(lo, hi);
  REQUIRE(coding.has_value());
  ContingencyTables tables(items, coding->levels);
  std::vector<std::uint8_t> codes(items);
  for (const auto& row : values) {
    REQUIRE(coding->encode(row, codes.data()));
    tables.add_row(codes.data());
  }
  return tables;
}

void check(const std::string& name, const PolychoricResult& result) {
  const auto expected = read_csv_cells(std::string(ATTUNE_REFERENCE_DIR) + "/factor_polychoric_" + name + "_expected.csv");
  REQUIRE(expected.size() > 1);
  std::size_t compared = 0;
  double largest = 0;
  for (std::size_t r = 1; r < expected.size(); ++r) {
    const auto& e = expected[r];
    const std::size_t i = std::stoul(e[1]), j = std::stoul(e[2]);
    const double want = csv_number(e[3]);
    const DenseMatrix& m = e[0] == "rho" ? result.rho : result.tau;
    REQUIRE(i < m.rows);
    REQUIRE(j < m.cols);
    const double got = m(i, j);
    INFO(name << " " << e[0] << "[" << i << "," << j << "] attune " << got << " psych " << want);
    if (std::isinf(want)) CHECK(got == want);
    else CHECK(std::fabs(got - want) <= 1e-6);
    if (std::isfinite(want)) largest = std::max(largest, std::fabs(got - want));
    ++compared;
  }
  MESSAGE(name << ": largest difference from psych " << largest);
  CHECK(compared == result.rho.rows * result.rho.cols + result.tau.rows * result.tau.cols);
}

}  // namespace

TEST_CASE("polychoric: psychTools::bfi's 25 items (6 categories, missing answers)") {
  const PolychoricResult result = polychoric(tables_of("bfi"));
  CHECK(result.global);
  CHECK(!result.tetrachoric);
  CHECK(result.categories == 6);
  check("bfi", result);
}

TEST_CASE("polychoric: examples/ecr-r.csv without Q16 (7 categories, global thresholds)") {
  const PolychoricResult result = polychoric(tables_of("ecr_r"));
  CHECK(result.global);
  check("ecr_r", result);
}

TEST_CASE("polychoric: examples/ecr-r.csv's 36 items, unequal highest answers, correct = 0") {
  PolychoricOptions options;
  options.correct = 0;
  const PolychoricResult result = polychoric(tables_of("ecr_r_local"), options);
  CHECK(!result.global);
  CHECK(result.corrected_pairs == 0);
  check("ecr_r_local", result);
}

TEST_CASE("polychoric: bfi's A and C items, A1 capped at 5 (empty cells get correct / n)") {
  const PolychoricResult result = polychoric(tables_of("bfi_capped"));
  CHECK(!result.global);
  CHECK(result.corrected_pairs == 37);   // psych: "37 cells were adjusted"
  check("bfi_capped", result);
}

TEST_CASE("tetrachoric: bfi's 25 items dichotomised") {
  const PolychoricResult result = polychoric(tables_of("bfi_tetra"));
  CHECK(result.tetrachoric);
  check("bfi_tetra", result);
}

TEST_CASE("tetrachoric: 60 rows, empty cells corrected, smoothed") {
  const PolychoricResult result = polychoric(tables_of("bfi_tetra_small"));
  CHECK(result.tetrachoric);
  CHECK(result.corrected_pairs == 20);
  CHECK(result.smoothed);
  check("bfi_tetra_small", result);
}

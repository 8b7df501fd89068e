// Polychoric / tetrachoric correlations and their streaming tables (stats/polychoric.h).
#include <doctest/doctest.h>

#include <cmath>
#include <numbers>
#include <random>
#include <vector>

#include "attune/stats/polychoric.h"
#include "attune/util/error.h"

using namespace attune;

namespace {

ContingencyTables tables_of(const std::vector<std::vector<std::uint8_t>>& columns, unsigned levels) {
  ContingencyTables tables(columns.size(), levels);
  std::vector<std::uint8_t> row(columns.size());
  for (std::size_t r = 0; r < columns[0].size(); ++r) {
    for (std::size_t c = 0; c < columns.size(); ++c) row[c] = columns[c][r];
    tables.add_row(row.data());
  }
  return tables;
}

}  // namespace

TEST_CASE("bivariate normal: orthants in closed form, rectangles as mnormt::sadmvn") {
  // P(X < 0, Y < 0) = 1/4 + asin(r) / (2 pi) (Sheppard), across all three of Genz's regimes.
  for (double r : {-0.99, -0.95, -0.5, 0.0, 0.2, 0.6, 0.8, 0.93, 0.999}) {
    INFO("r = " << r);
    CHECK(std::fabs(bivariate_normal_rectangle(-INFINITY, 0, -INFINITY, 0, r) -
                    (0.25 + std::asin(r) / (2 * std::numbers::pi))) < 1e-15);
  }
  // mnormt::sadmvn(lower, upper, mean = 0, varcov) in R 4 / mnormt 2.1.1.
  CHECK(std::fabs(bivariate_normal_rectangle(-1, 0.7, -0.5, 2, 0.93) - 0.44475046518432793) < 1e-14);
  CHECK(std::fabs(bivariate_normal_rectangle(-INFINITY, 0.3, 1.2, INFINITY, -0.6) - 0.10842550424680714) < 1e-14);
  CHECK(std::fabs(bivariate_normal_rectangle(-2, -1.5, -INFINITY, -0.2, 0.2) - 0.024581096693272485) < 1e-14);
  CHECK(bivariate_normal_rectangle(0.5, 0.5, -1, 1, 0.3) == 0);   // an empty interval
  CHECK(bivariate_normal_rectangle(-INFINITY, INFINITY, -INFINITY, INFINITY, 0.3) == 1);
}

TEST_CASE("polychoric: small tables with empty cells match psych::polychoric") {
  // R: polychoric(cbind(a, b, c))$rho; a x b has four empty cells, which the global
  // thresholds leave out of the likelihood (psych's correct does not apply there).
  const auto tables = tables_of({{1, 1, 1, 2, 2, 3, 3, 3, 1, 2, 3, 3},
                                 {1, 2, 1, 2, 2, 3, 3, 3, 1, 3, 3, 2},
                                 {3, 3, 2, 2, 1, 1, 1, 2, 3, 1, 2, 1}},
                                3);
  CHECK(tables.count(0, 1, 1, 3) == 0);
  const PolychoricResult r = polychoric(tables);
  CHECK(r.global);
  CHECK(r.corrected_pairs == 0);
  CHECK(std::fabs(r.rho(0, 1) - 0.93474925281328747) < 1e-9);
  CHECK(std::fabs(r.rho(0, 2) - -0.81744409837620635) < 1e-9);
  CHECK(std::fabs(r.rho(1, 2) - -0.70339223527895256) < 1e-9);
  CHECK(r.rho(2, 1) == r.rho(1, 2));
}

TEST_CASE("tetrachoric: an empty cell gets correct = 0.5, as psych::tetrachoric") {
  // R: tetrachoric(cbind(p, q, s)): "For i = 2 j = 1 A cell entry of 0 was replaced".
  // p, q, s coded 1 (for 0) and 2 (for 1).
  const std::vector<std::vector<std::uint8_t>> columns = {{1, 1, 1, 1, 2, 2, 2, 2, 2, 1}, {1, 1, 1, 2, 2, 2, 2, 2, 2, 1},
                                                          {2, 1, 2, 1, 2, 1, 2, 1, 2, 2}};
  const PolychoricResult r = polychoric(tables_of(columns, 2));
  CHECK(r.tetrachoric);
  CHECK(r.corrected_pairs == 1);
  CHECK(std::fabs(r.rho(0, 1) - 0.89003653927770299) < 1e-9);
  CHECK(std::fabs(r.rho(0, 2)) < 1e-9);
  CHECK(std::fabs(r.rho(1, 2) - -0.39788950738346890) < 1e-9);
  CHECK(std::fabs(r.tau(1, 0) - -0.25334710313579978) < 1e-12);
  CHECK(r.tau(0, 0) == 0);
}

TEST_CASE("polychoric: a constant item is an error naming it, with a hint") {
  PolychoricOptions options;
  options.item_names = {"Q1", "Q2", "Q3"};
  const auto tables = tables_of({{1, 2, 3, 1}, {2, 2, 2, 2}, {3, 1, 2, 2}}, 3);
  try {
    polychoric(tables, options);
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::data);
    CHECK(e.message().find("Q2") != std::string::npos);
    CHECK(e.message().find("no variance") != std::string::npos);
    CHECK(!e.hint().empty());
  }
  // An item never answered is as constant.
  CHECK_THROWS_AS(polychoric(tables_of({{1, 2, 3, 1}, {0, 0, 0, 0}}, 3)), Error);
  // More categories than psych's max.cat.
  options.max_categories = 2;
  CHECK_THROWS_AS(polychoric(tables_of({{1, 2, 3, 1}, {3, 1, 2, 2}}, 3), options), Error);
  // A code above the levels.
  ContingencyTables small(2, 3);
  const std::uint8_t bad[2] = {1, 4};
  CHECK_THROWS_AS(small.add_row(bad), Error);
}

TEST_CASE("polychoric: perfect association reaches the bound optimize can reach") {
  const std::vector<std::uint8_t> x = {1, 2, 3, 4, 1, 2, 3, 4, 2, 3, 3, 1};
  std::vector<std::uint8_t> reversed;
  for (std::uint8_t v : x) reversed.push_back(static_cast<std::uint8_t>(5 - v));
  const PolychoricResult r = polychoric(tables_of({x, x, reversed}, 4));
  CHECK(r.rho(0, 1) > 0.9999);
  CHECK(r.rho(0, 1) <= 1);
  CHECK(r.rho(0, 2) < -0.9999);
  CHECK(r.rho(0, 2) >= -1);
}

TEST_CASE("polychoric: a pair no row answers both of is NaN, and smoothing is off") {
  const auto tables = tables_of({{1, 2, 1, 2, 0, 0, 0, 0}, {0, 0, 0, 0, 1, 2, 2, 1}, {1, 2, 2, 1, 2, 1, 1, 2}}, 2);
  const PolychoricResult r = polychoric(tables);
  CHECK(std::isnan(r.rho(0, 1)));
  CHECK(!std::isnan(r.rho(0, 2)));
  CHECK(!r.smoothed);
}

TEST_CASE("contingency tables: streaming in parts, merged, equals all at once") {
  std::mt19937_64 engine(7);
  const std::size_t items = 6, rows = 500;
  const unsigned levels = 5;
  std::vector<std::uint8_t> data(items * rows);
  for (auto& code : data) code = static_cast<std::uint8_t>(engine() % (levels + 1));   // 0 = missing
  // Give the items a common factor so the correlations are not all near 0.
  for (std::size_t r = 0; r < rows; ++r)
    for (std::size_t c = 1; c < items; ++c)
      if (data[r * items + c] != 0 && data[r * items] != 0 && engine() % 2) data[r * items + c] = data[r * items];
  ContingencyTables all(items, levels), first(items, levels), second(items, levels), one_by_one(items, levels);
  all.add_rows(data.data(), rows);
  first.add_rows(data.data(), 200);
  second.add_rows(data.data() + 200 * items, rows - 200);
  first.merge(second);
  for (std::size_t r = 0; r < rows; ++r) one_by_one.add_row(data.data() + r * items);
  CHECK(first.rows() == rows);
  for (std::size_t i = 0; i < items; ++i)
    for (std::size_t j = 0; j < items; ++j)
      for (unsigned a = 0; a <= levels; ++a) {
        if (i == j) continue;
        for (unsigned b = 0; b <= levels; ++b) CHECK(first.count(i, j, a, b) == all.count(i, j, a, b));
        CHECK(first.marginal(i, a) == all.marginal(i, a));
      }
  const PolychoricResult whole = polychoric(all), merged = polychoric(first), streamed = polychoric(one_by_one);
  CHECK(whole.rho.values == merged.rho.values);
  CHECK(whole.rho.values == streamed.rho.values);
  CHECK(whole.tau.values == merged.tau.values);
  CHECK(whole.rho(0, 1) > 0.3);
  CHECK_THROWS_AS(all.merge(ContingencyTables(items, levels + 1)), Error);
}

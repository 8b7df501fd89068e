// analyze --cor poly against R psych: ordinal alpha and omega total on polychoric correlations,
// per keyed scale, as make_analyze_poly.R wrote them (psychTools::bfi and the shipped AAS example).
#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "attune/stats/ordinal_reliability.h"
#include "fixture_csv.h"

using namespace attune;

namespace {

using reference::read_csv_cells;

// Every scale of fixture `name`: ordinal_reliability on its keyed codes against R's values.
void check_fixture(const std::string& name) {
  const std::string base = std::string(ATTUNE_REFERENCE_DIR) + "/analyze_poly_" + name;
  const auto data = read_csv_cells(base + "_data.csv");
  const auto keys = read_csv_cells(base + "_keys.csv");
  std::map<std::string, double> expected;
  for (const auto& row : read_csv_cells(base + "_expected.csv")) {
    if (row[0] != "scale") expected[row[0] + "/" + row[1]] = std::stod(row[2]);
  }
  std::vector<std::string> scales;
  for (std::size_t r = 1; r < keys.size(); ++r) {
    if (scales.empty() || scales.back() != keys[r][0]) scales.push_back(keys[r][0]);
  }
  REQUIRE(expected.size() == 2 * scales.size());
  for (const auto& scale : scales) {
    std::vector<std::size_t> columns;
    std::vector<bool> reversed;
    double min = 0, max = 0;
    for (std::size_t r = 1; r < keys.size(); ++r) {
      if (keys[r][0] != scale) continue;
      columns.push_back(std::stoul(keys[r][1]) - 1);
      reversed.push_back(keys[r][2] == "1");
      min = std::stod(keys[r][3]);
      max = std::stod(keys[r][4]);
    }
    const auto levels = static_cast<unsigned>(max - min + 1);
    ContingencyTables tables(columns.size(), levels);
    std::vector<std::uint8_t> codes(columns.size());
    for (std::size_t r = 1; r < data.size(); ++r) {
      for (std::size_t j = 0; j < columns.size(); ++j) {
        const std::string& cell = columns[j] < data[r].size() ? data[r][columns[j]] : std::string();
        const auto code = cell.empty() || cell == "NA" ? 0u : static_cast<unsigned>(std::stod(cell) - min + 1);
        codes[j] = static_cast<std::uint8_t>(reversed[j] && code ? levels + 1 - code : code);
      }
      tables.add_row(codes.data());
    }
    PolychoricOptions options;
    options.max_categories = 15;
    const OrdinalReliability got = ordinal_reliability(tables, options);
    INFO(name << " " << scale);
    CHECK(std::abs(got.alpha - expected.at(scale + "/ordinal_alpha")) < 1e-6);
    CHECK(std::abs(got.omega_total - expected.at(scale + "/omega_tot")) < 1e-6);
  }
}

}  // namespace

TEST_CASE("ordinal alpha and polychoric omega total: psychTools::bfi's five keyed scales") { check_fixture("bfi"); }

TEST_CASE("ordinal alpha and polychoric omega total: the shipped AAS example") { check_fixture("example_aas"); }

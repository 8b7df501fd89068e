// attune's Lloyd k-means against R's stats::kmeans(algorithm = "Lloyd") from the same
// starting centres (fixtures: tests/reference/make_kmeans_fixtures.R).
#include <doctest/doctest.h>

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "attune/classify/kmeans.h"

using namespace attune;

namespace {

// Rows of a small numeric CSV with a header line.
std::vector<std::vector<double>> read_numeric_csv(const std::string& name) {
  const std::string path = std::string(ATTUNE_REFERENCE_DIR) + "/" + name;
  std::ifstream in(path);
  REQUIRE_MESSAGE(in.good(), "missing fixture " << path);
  std::string line;
  std::getline(in, line);
  std::vector<std::vector<double>> rows;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    std::vector<double> row;
    std::stringstream cells(line);
    std::string cell;
    while (std::getline(cells, cell, ',')) row.push_back(std::strtod(cell.c_str(), nullptr));
    rows.push_back(row);
  }
  return rows;
}

std::vector<Point2> points_of(const std::vector<std::vector<double>>& rows) {
  std::vector<Point2> out;
  for (const auto& r : rows) out.push_back({r[0], r[1]});
  return out;
}

void check_against_r(const std::string& name) {
  CAPTURE(name);
  const auto point_rows = read_numeric_csv("kmeans_" + name + "_points.csv");
  const auto starts = points_of(read_numeric_csv("kmeans_" + name + "_starts.csv"));
  const auto result = read_numeric_csv("kmeans_" + name + "_result.csv");
  const auto points = points_of(point_rows);
  REQUIRE(starts.size() == 4);
  REQUIRE(result.size() == 4);

  const KmeansSolution s = lloyd_kmeans(points, starts, 100);
  REQUIRE(s.converged);
  std::size_t differing = 0;
  for (std::size_t i = 0; i < points.size(); ++i) {
    if (s.assignment[i] + 1 != static_cast<std::size_t>(point_rows[i][2])) ++differing;
  }
  CHECK(differing == 0);
  double max_diff = 0;
  for (std::size_t j = 0; j < 4; ++j) {
    max_diff = std::max(max_diff, std::fabs(s.centres[j].anxiety - result[j][0]));
    max_diff = std::max(max_diff, std::fabs(s.centres[j].avoidance - result[j][1]));
    CHECK(s.sizes[j] == static_cast<std::size_t>(result[j][2]));
    CHECK(std::fabs(s.within_ss[j] - result[j][3]) <= 1e-10 * std::max(1.0, result[j][3]));
  }
  CHECK(max_diff <= 1e-12);
  CHECK(std::fabs(s.total_within_ss - result[0][4]) <= 1e-10 * std::max(1.0, result[0][4]));
  CHECK(s.iterations == static_cast<std::size_t>(result[0][5]));
}

}  // namespace

TEST_CASE("k-means (Lloyd) matches R stats::kmeans from the same starts: separated groups") {
  check_against_r("separated");
}

TEST_CASE("k-means (Lloyd) matches R stats::kmeans from the same starts: overlapping sample") {
  check_against_r("overlapping");
}

TEST_CASE("k-means (Lloyd) matches R stats::kmeans from the same starts: discrete scale means") {
  check_against_r("discrete");
}

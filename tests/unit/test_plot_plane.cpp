#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "attune/plot/plane.h"

using namespace attune;
using namespace attune::plot;

TEST_CASE("PlaneAccumulator: Pearson r against a hand-computed value; NaN counted missing") {
  PlaneAccumulator plane({1, 7}, {1, 7});
  const double x[] = {1, 2, 3, 4, 5}, y[] = {2, 4, 5, 4, 5};
  for (int i = 0; i < 5; ++i) plane.add(x[i], y[i], Pattern::secure);
  plane.add(NAN, 3, std::nullopt);
  // Sxy = 6, Sxx = 10, Syy = 6: r = 6 / sqrt(60).
  CHECK(plane.correlation() == doctest::Approx(6 / std::sqrt(60.0)).epsilon(1e-14));
  CHECK(plane.n() == 5);
  CHECK(plane.missing() == 1);
  CHECK_FALSE(plane.binned());
  CHECK(plane.points().size() == 5);
}

TEST_CASE("PlaneAccumulator turns points into counts past the limit and keeps every respondent") {
  PlaneAccumulator plane({0, 10}, {0, 10}, 3, 10);
  plane.add(0.5, 0.5, Pattern::secure);
  plane.add(9.5, 0.5, Pattern::preoccupied);
  plane.add(10, 10, Pattern::fearful);   // the top edge falls in the last bin
  CHECK_FALSE(plane.binned());
  plane.add(0.7, 0.2, Pattern::secure);
  CHECK(plane.binned());
  CHECK(plane.points().empty());
  CHECK(plane.counts()[0] == 2);
  CHECK(plane.counts()[9] == 1);
  CHECK(plane.counts()[99] == 1);
  plane.add(11, 5, std::nullopt);   // outside: counted at the edge
  CHECK(plane.outside() == 1);
  CHECK(plane.counts()[5 * 10 + 9] == 1);
  std::uint64_t sum = 0;
  for (auto c : plane.counts()) sum += c;
  CHECK(sum == plane.n());
}

TEST_CASE("plane_svg names the four regions with counts and percentages, the cuts and r") {
  PlaneAccumulator plane({1, 7}, {1, 7});
  plane.add(2, 2, Pattern::secure);
  plane.add(6, 2, Pattern::preoccupied);
  plane.add(6, 6, Pattern::fearful);
  plane.add(5, 6, Pattern::fearful);
  PlaneChart chart;
  chart.title = "Test <plane>";
  chart.anxiety_cut = 4;
  chart.avoidance_cut = 4;
  chart.anxiety_band = 0.5;
  chart.counts = {1, 1, 0, 2};
  chart.borderline = 0;
  const std::string svg = plane_svg(chart, plane);
  CHECK(svg.find(">secure</text>") != std::string::npos);
  CHECK(svg.find(">1 (25.0%)</text>") != std::string::npos);
  CHECK(svg.find(">dismissing</text>") != std::string::npos);
  CHECK(svg.find(">0 (0.0%)</text>") != std::string::npos);
  CHECK(svg.find(">2 (50.0%)</text>") != std::string::npos);
  CHECK(svg.find("Test &lt;plane&gt;") != std::string::npos);
  CHECK(svg.find("Cut lines: anxiety 4, avoidance 4; shaded: within 1 SEM (anxiety 0.5, avoidance -)") != std::string::npos);
  // The cut at 4 on 1..7 lies halfway across the plot area (90 to 650).
  CHECK(svg.find("<line x1=\"370\" y1=\"90\" x2=\"370\" y2=\"650\" stroke=\"#000000\" stroke-width=\"2\"/>") != std::string::npos);
  CHECK(svg.find("r = 0.") != std::string::npos);
  CHECK(svg == plane_svg(chart, plane));   // same bytes again
}

TEST_CASE("plane_svg without cut lines says so and draws no regions") {
  PlaneAccumulator plane({1, 7}, {1, 7});
  plane.add(2, 2, std::nullopt);
  PlaneChart chart;
  chart.unclassified = 1;
  const std::string svg = plane_svg(chart, plane);
  CHECK(svg.find("No cut lines") != std::string::npos);
  CHECK(svg.find("url(#hatch-fearful)\"/>") == std::string::npos);
  CHECK(svg.find("r = n/a (n = 1)") != std::string::npos);
}

TEST_CASE("count_and_percent") {
  CHECK(count_and_percent(1, 3) == "1 (33.3%)");
  CHECK(count_and_percent(0, 0) == "0 (0%)");
}

TEST_CASE("correlation_label never shows a negative zero") {
  PlaneAccumulator plane({0, 10}, {0, 10});
  const double x[] = {1, 2, 3, 4}, y[] = {1.0001, 3, 3, 1};   // r about -0.00003
  for (int i = 0; i < 4; ++i) plane.add(x[i], y[i], std::nullopt);
  CHECK(plane.correlation() < 0);
  CHECK(correlation_label(plane) == "r = 0.00 (n = 4)");
}

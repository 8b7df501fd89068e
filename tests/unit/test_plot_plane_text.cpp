#include <doctest/doctest.h>

#include <sstream>
#include <string>

#include "attune/plot/plane_text.h"

using namespace attune;
using namespace attune::plot;

namespace {

// Display columns of a UTF-8 line without escape sequences (every code point one column).
std::size_t columns(const std::string& line) {
  std::size_t n = 0;
  for (unsigned char c : line) n += (c & 0xC0) != 0x80;
  return n;
}

PlaneChart chart_with_cuts() {
  PlaneChart chart;
  chart.anxiety_cut = 4;
  chart.avoidance_cut = 4;
  chart.counts = {1, 0, 0, 1};
  return chart;
}

}  // namespace

TEST_CASE("plane_text fits the width, draws the cuts and the four counts") {
  PlaneAccumulator plane({1, 7}, {1, 7});
  plane.add(1, 1, Pattern::secure);
  plane.add(7, 7, Pattern::fearful);
  for (std::size_t width : {40u, 60u, 100u}) {
    const std::string text = plane_text(chart_with_cuts(), plane, {width, false});
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);) CHECK(columns(line) <= width);
    CHECK(text.find("\u253C") != std::string::npos);   // the cuts cross
    CHECK(text.find("secure 1 (50.0%)") != std::string::npos);
    CHECK(text.find("fearful 1 (50.0%)") != std::string::npos);
    CHECK(text.find("preoccupied 0 (0.0%)") != std::string::npos);
    CHECK(text.find("\x1b[") == std::string::npos);   // no colour unless asked
  }
  CHECK(plane_text(chart_with_cuts(), plane, {60, true}).find("\x1b[") != std::string::npos);
}

TEST_CASE("plane_text puts the lowest point bottom-left and the highest top-right") {
  PlaneAccumulator plane({1, 7}, {1, 7});
  plane.add(1, 1, Pattern::secure);
  plane.add(7, 7, Pattern::fearful);
  PlaneChart chart;   // no cuts: only the two dots
  chart.title = "T";
  const std::string text = plane_text(chart, plane, {40, false});
  std::istringstream lines(text);
  std::vector<std::string> all;
  for (std::string line; std::getline(lines, line);) all.push_back(line);
  // Line 2 is the top row of the plot: its last cell holds the top-right dot (U+2808).
  CHECK(all[2].ends_with("\u2808"));
  // The last row of the plot (above the axis line) starts with the bottom-left dot (U+2840).
  const std::string& bottom = all[all.size() - 6];
  CHECK(bottom.find("\u2502\u2840") != std::string::npos);
}

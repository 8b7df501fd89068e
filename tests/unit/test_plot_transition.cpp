#include <doctest/doctest.h>

#include <string>

#include "attune/plot/transition.h"
#include "attune/util/error.h"

using namespace attune::plot;

namespace {

TransitionData two_states() {
  TransitionPanel panel;
  panel.from = "0";
  panel.to = "3";
  panel.states = {"secure", "fearful"};
  panel.counts = {{3, 1}, {0, 0}};   // row secure: 3 of 4 stay (75%), 1 of 4 moves (25%)
  panel.reliably_more_secure = 2;
  panel.flows = {{"less secure", 1}, {"same pattern", 3}};
  TransitionData data;
  data.title = "T <&>";
  data.panels = {panel};
  return data;
}

}  // namespace

TEST_CASE("transition_svg writes each cell's count and row percent, and names the reliably more secure") {
  const std::string svg = transition_svg(two_states());
  CHECK(svg.find("data-panel=\"1\" data-from=\"secure\" data-to=\"secure\"") != std::string::npos);
  CHECK(svg.find("data-from=\"secure\" data-to=\"fearful\" text-anchor=\"middle\" font-size=\"16\" font-weight=\"bold\" paint-order=\"stroke\" stroke=\"#FFFFFF\" stroke-width=\"3\" stroke-linejoin=\"round\">1</text>") != std::string::npos);
  CHECK(svg.find(">75.0%</text>") != std::string::npos);
  CHECK(svg.find(">25.0%</text>") != std::string::npos);
  std::size_t percents = 0;
  for (auto at = svg.find("%</text>"); at != std::string::npos; at = svg.find("%</text>", at + 1)) ++percents;
  CHECK(percents == 2);   // the empty row and the empty cell have none
  CHECK(svg.find(">Reliably more secure: 2 of 4</text>") != std::string::npos);
  CHECK(svg.find("less secure 1; same pattern 3") != std::string::npos);
  CHECK(svg.find("<title id=\"title\">T &lt;&amp;&gt;</title>") != std::string::npos);
  CHECK(svg.find("from secure (4): secure 3, fearful 1; from fearful (0): secure 0, fearful 0;") != std::string::npos);
  CHECK(svg == transition_svg(two_states()));
}

TEST_CASE("transition_svg: a cell's square has the area of its row share; the diagonal is bordered") {
  const std::string svg = transition_svg(two_states());
  // A cell is 84 wide; the square's side is (84 - 10) * sqrt(share): 74 * sqrt(0.75) = 64.09, 74 * 0.5 = 37.
  CHECK(svg.find("width=\"64.09\" height=\"64.09\"") != std::string::npos);
  CHECK(svg.find("width=\"37\" height=\"37\"") != std::string::npos);
  // Panel at (12, 44): the grid starts at (140, 130); diagonal borders inset by 1.5.
  CHECK(svg.find("<rect x=\"141.5\" y=\"131.5\" width=\"81\" height=\"81\" fill=\"none\" stroke=\"#000000\" stroke-width=\"3\"") != std::string::npos);
  CHECK(svg.find("<rect x=\"225.5\" y=\"215.5\" width=\"81\" height=\"81\"") != std::string::npos);
}

TEST_CASE("transition_svg refuses counts that are not states x states") {
  TransitionData data = two_states();
  data.panels[0].counts.pop_back();
  CHECK_THROWS_AS(transition_svg(data), attune::Error);
}

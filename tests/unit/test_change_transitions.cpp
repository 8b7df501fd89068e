// Pattern transitions: each respondent's flow and the matrix.
#include <doctest/doctest.h>

#include <cmath>

#include "attune/change/transitions.h"

using namespace attune;

TEST_CASE("flows: into secure is 'reliably more secure' only with a reliable improvement") {
  CHECK(transition_flow("fearful", "secure", true, false) == "reliably more secure");
  CHECK(transition_flow("fearful", "secure", false, false) == "more secure (change not reliable)");
  CHECK(transition_flow("secure", "dismissing", false, false) == "less secure");
  CHECK(transition_flow("preoccupied", "fearful", true, false) == "between insecure patterns");
  CHECK(transition_flow("secure", "secure", true, false) == "same pattern");
  CHECK(transition_flow("", "secure", true, false) == "unclassified");
  CHECK(transition_flow("tie:secure+fearful", "secure", true, false) == "unclassified");
}

TEST_CASE("flows: a borderline respondent who crosses a cut line is counted apart") {
  CHECK(transition_flow("fearful", "secure", true, true) == "borderline");
  CHECK(transition_flow("secure", "fearful", false, true) == "borderline");
  CHECK(transition_flow("secure", "secure", false, true) == "same pattern");
}

TEST_CASE("the matrix counts and row percentages") {
  TransitionTable table;
  table.add("secure", "secure", "same pattern");
  table.add("secure", "fearful", "less secure");
  table.add("secure", "fearful", "less secure");
  table.add("fearful", "secure", "reliably more secure");
  table.add("", "secure", "unclassified");
  CHECK(table.counts[0][0] == 1);
  CHECK(table.counts[0][3] == 2);
  CHECK(table.counts[3][0] == 1);
  CHECK(table.counts[4][0] == 1);
  CHECK(table.row_total(0) == 3);
  CHECK(table.row_percent(0, 3) == doctest::Approx(200.0 / 3));   // 2 of 3
  CHECK(std::isnan(table.row_percent(1, 0)));                    // no preoccupied at the first wave
  CHECK(table.flows.at("less secure") == 2);
  CHECK(table.flows.at("reliably more secure") == 1);
}

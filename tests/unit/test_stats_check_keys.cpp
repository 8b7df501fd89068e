#include <doctest/doctest.h>

#include "attune/stats/check_keys.h"

using namespace attune;

TEST_CASE("an item running against the others is flagged with its name and a reverse-key hint") {
  ItemAnalysisMoments acc(4, {{"anxiety", {0, 1, 2, 3}, {false, false, false, false}, 1, 5}});
  for (const auto& r : std::vector<std::vector<double>>{
           {1, 1, 2, 5}, {2, 3, 2, 4}, {3, 2, 3, 3}, {4, 5, 4, 2}, {5, 4, 5, 1}, {3, 3, 3, 2}})
    acc.add_row(r);
  const ScaleMoments m = acc.scale_moments(0);
  const KeyCheck check = check_keys(m, alpha(m), "anxiety", {"Q1", "Q2", "Q3", "Q4"});
  REQUIRE(check.suspects.size() == 1);
  CHECK(check.suspects[0].position == 3);
  CHECK(check.suspects[0].message.find("Q4") != std::string::npos);
  CHECK(check.suspects[0].message.find("reversed") != std::string::npos);
  CHECK(check.loadings[3] < 0);
}

TEST_CASE("first-component loadings are signed to sum positive") {
  DenseMatrix r(2, 2, 0.6);
  r(0, 0) = r(1, 1) = 1;
  const auto l = first_component_loadings(r);
  CHECK(l[0] == doctest::Approx(std::sqrt(0.8)));  // eigenvalue 1.6, vector (1, 1)/sqrt(2)
  CHECK(l[1] == doctest::Approx(std::sqrt(0.8)));
}

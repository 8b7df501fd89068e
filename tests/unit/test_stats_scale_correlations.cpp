#include <doctest/doctest.h>

#include <cmath>

#include "attune/stats/scale_correlations.h"

using namespace attune;

TEST_CASE("between-scale correlations: observed below, alpha on, disattenuated above the diagonal") {
  ItemAnalysisMoments acc(4, {{"a", {0, 1}, {false, false}, 1, 5}, {"b", {2, 3}, {false, true}, 1, 5}});
  for (const auto& r : std::vector<std::vector<double>>{
           {1, 2, 1, 5}, {2, 2, 3, 4}, {3, 4, 2, 3}, {4, 3, 5, 2}, {5, 5, 4, 1}, {2, 1, 2, 4}})
    acc.add_row(r);
  const ScaleCorrelations s = scale_correlations(acc);
  CHECK(s.observed(0, 0) == 1);
  CHECK(s.observed(0, 1) == doctest::Approx(s.observed(1, 0)));
  CHECK(s.corrected(1, 0) == doctest::Approx(s.observed(1, 0)));
  CHECK(s.corrected(0, 0) == doctest::Approx(s.alpha[0]));
  CHECK(s.corrected(0, 1) == doctest::Approx(s.observed(0, 1) / std::sqrt(s.alpha[0] * s.alpha[1])));
  CHECK(s.observed(0, 1) > 0);  // the reversed item 4 goes with item 3
}

#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <vector>

#include "attune/classify/borderline.h"
#include "attune/util/error.h"

using namespace attune;

TEST_CASE("SEM = SD * sqrt(1 - alpha)") {
  CHECK(standard_error_of_measurement(1.2, 0.91) == doctest::Approx(1.2 * 0.3).epsilon(1e-14));
  CHECK(standard_error_of_measurement(2.0, 1.0) == 0.0);
  CHECK(standard_error_of_measurement(2.0, 0.0) == 2.0);
  CHECK_THROWS_AS(standard_error_of_measurement(1.0, -0.2), Error);
  CHECK_THROWS_AS(standard_error_of_measurement(1.0, 1.5), Error);
  CHECK_THROWS_AS(standard_error_of_measurement(-1.0, 0.8), Error);
  CHECK_THROWS_AS(standard_error_of_measurement(1.0, std::nan("")), Error);
}

TEST_CASE("within one SEM, inclusive at exactly one SEM") {
  CHECK(within_sem(4.0, 4.0, 0.25));          // exactly on the cut-off
  CHECK(within_sem(4.25, 4.0, 0.25));         // exactly one SEM above
  CHECK(within_sem(3.75, 4.0, 0.25));         // exactly one SEM below
  CHECK_FALSE(within_sem(4.2500001, 4.0, 0.25));
  CHECK_FALSE(within_sem(std::nan(""), 4.0, 0.25));
  CHECK(within_sem(4.0, 4.0, 0.0));           // SEM 0: only a score on the cut-off
}

TEST_CASE("flag_borderline flags a classified respondent near any cut-off") {
  std::vector<BorderlineCut> cuts = {{0, 4.0, 0.3}, {1, 4.0, 0.5}};
  Classification c = Classification::of(Pattern::secure);
  std::vector<double> scores = {2.0, 3.6};      // avoidance 0.4 below its cut-off, SEM 0.5
  CHECK(flag_borderline(c, scores, cuts));
  REQUIRE(c.flags.size() == 1);
  CHECK(c.flags[0] == "borderline");
  Classification far = Classification::of(Pattern::fearful);
  scores = {6.0, 6.0};
  CHECK_FALSE(flag_borderline(far, scores, cuts));
  CHECK(far.flags.empty());
  Classification none = Classification::unclassified();
  scores = {4.0, std::nan("")};
  CHECK_FALSE(flag_borderline(none, scores, cuts));
}

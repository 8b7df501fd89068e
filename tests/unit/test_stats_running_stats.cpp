#include <doctest/doctest.h>

#include <cmath>
#include <initializer_list>

#include "attune/stats/running_stats.h"

using namespace attune;

TEST_CASE("RunningStats: n, mean, n-1 sd, min and max against hand-computed values") {
  RunningStats s;
  for (double x : {2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0}) s.add(x);
  CHECK(s.n() == 8);
  CHECK(s.missing() == 0);
  CHECK(s.mean() == doctest::Approx(5.0).epsilon(1e-15));
  // Squared deviations sum to 32; R's sd() divides by n - 1 = 7.
  CHECK(s.sd() == doctest::Approx(std::sqrt(32.0 / 7.0)).epsilon(1e-14));
  CHECK(s.min() == 2.0);
  CHECK(s.max() == 9.0);
}

TEST_CASE("RunningStats counts NaN as missing and leaves it out") {
  RunningStats s;
  s.add(NAN);
  s.add(1.0);
  s.add(NAN);
  s.add(3.0);
  CHECK(s.n() == 2);
  CHECK(s.missing() == 2);
  CHECK(s.mean() == 2.0);
  CHECK(s.sd() == doctest::Approx(std::sqrt(2.0)).epsilon(1e-15));
  CHECK(s.min() == 1.0);
  CHECK(s.max() == 3.0);
}

TEST_CASE("RunningStats with no or one value gives NA where R does") {
  RunningStats empty;
  CHECK(empty.n() == 0);
  CHECK(std::isnan(empty.mean()));
  CHECK(std::isnan(empty.sd()));
  CHECK(std::isnan(empty.min()));
  CHECK(std::isnan(empty.max()));
  RunningStats one;
  one.add(-4.5);
  CHECK(one.mean() == -4.5);
  CHECK(std::isnan(one.sd()));
  CHECK(one.min() == -4.5);
  CHECK(one.max() == -4.5);
}

TEST_CASE("RunningStats stays accurate with a large offset (Welford, not sum of squares)") {
  RunningStats s;
  for (double x : {1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16}) s.add(x);
  CHECK(s.mean() == 1e9 + 10);
  // Deviations -6, -3, 3, 6: squares sum to 90, / 3 = 30.
  CHECK(s.sd() == doctest::Approx(std::sqrt(30.0)).epsilon(1e-9));
}

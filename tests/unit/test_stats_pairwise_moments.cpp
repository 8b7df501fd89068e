#include <doctest/doctest.h>

#include <cmath>

#include "attune/stats/pairwise_moments.h"

using namespace attune;

TEST_CASE("pairwise moments use only the rows where both values are present") {
  const double na = std::nan("");
  PairwiseMoments m(2);
  m.add(std::vector<double>{1, 2});
  m.add(std::vector<double>{2, 4});
  m.add(std::vector<double>{3, na});
  m.add(std::vector<double>{na, 8});
  m.add(std::vector<double>{na, na});
  CHECK(m.rows() == 5);
  CHECK(m.n(0) == 3);
  CHECK(m.n(1) == 3);
  CHECK(m.n(0, 1) == 2);
  CHECK(m.mean(0) == doctest::Approx(2));
  CHECK(m.mean(1) == doctest::Approx(14.0 / 3));
  CHECK(m.covariance(0, 0) == doctest::Approx(1));                   // var(1, 2, 3)
  CHECK(m.sd(1) == doctest::Approx(std::sqrt(28.0 / 3)));            // sd(2, 4, 8)
  CHECK(m.covariance(0, 1) == doctest::Approx(1));                   // rows 1-2: (-.5)(-1) + (.5)(1)
  CHECK(m.correlation(0, 1) == doctest::Approx(1));                  // with the pair's own sds
  CHECK(m.covariance(0, 1) == m.covariance(1, 0));
}

TEST_CASE("fewer than 2 complete pairs or a zero sd give NA, never a number") {
  const double na = std::nan("");
  PairwiseMoments m(3);
  m.add(std::vector<double>{1, na, 5});
  m.add(std::vector<double>{na, 2, 5});
  m.add(std::vector<double>{3, 4, 5});
  CHECK(std::isnan(m.covariance(0, 1)));  // one complete pair
  CHECK(std::isnan(m.correlation(0, 2)));  // third variable is constant
  CHECK(m.covariance(2, 2) == 0);
  PairwiseMoments empty(1);
  CHECK(std::isnan(empty.mean(0)));
  CHECK(std::isnan(empty.sd(0)));
}

TEST_CASE("a row of the wrong width is rejected") {
  PairwiseMoments m(2);
  CHECK_THROWS(m.add(std::vector<double>{1, 2, 3}));
}

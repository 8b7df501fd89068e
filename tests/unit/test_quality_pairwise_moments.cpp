#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "attune/quality/pairwise_moments.h"
#include "attune/util/error.h"

using namespace attune;

TEST_CASE("pairwise moments: covariance and correlation as R cov()/cor()") {
  // x = 1, 2, 3; y = 2, 4, 6: var x = 2/2 = 1, var y = 8/2 = 4, cov = (1*2 + 0 + 1*2)/2 = 2, r = 1
  PairwiseMoments m(2);
  m.add(std::vector<double>{1, 2});
  m.add(std::vector<double>{2, 4});
  m.add(std::vector<double>{3, 6});
  CHECK(m.n_rows() == 3);
  CHECK(m.covariance(0, 0) == doctest::Approx(1.0).epsilon(1e-15));
  CHECK(m.covariance(1, 1) == doctest::Approx(4.0).epsilon(1e-15));
  CHECK(m.covariance(0, 1) == doctest::Approx(2.0).epsilon(1e-15));
  CHECK(m.covariance(1, 0) == m.covariance(0, 1));
  CHECK(m.correlation(0, 1) == doctest::Approx(1.0).epsilon(1e-15));
  CHECK(m.mean(1) == doctest::Approx(4.0).epsilon(1e-15));
}

TEST_CASE("pairwise moments: each pair uses the respondents who answered both") {
  // rows (1, NA), (2, 4), (3, 5), (NA, 7)
  PairwiseMoments m(2);
  m.add(std::vector<double>{1, NAN});
  m.add(std::vector<double>{2, 4});
  m.add(std::vector<double>{3, 5});
  m.add(std::vector<double>{NAN, 7});
  CHECK(m.pair_count(0, 0) == 3);
  CHECK(m.pair_count(0, 1) == 2);
  CHECK(m.mean(0) == doctest::Approx(2.0).epsilon(1e-15));        // (1 + 2 + 3) / 3
  CHECK(m.mean(1) == doctest::Approx(16.0 / 3).epsilon(1e-15));   // (4 + 5 + 7) / 3
  // pair (0,1) over (2,4), (3,5): means 2.5, 4.5; cov = (-.5*-.5 + .5*.5) / 1 = 0.5
  CHECK(m.covariance(0, 1) == doctest::Approx(0.5).epsilon(1e-15));
  // var of item 1 over 4, 5, 7: mean 16/3, squares (16 + 1 + 25) / 9 = 42/9, / 2 = 7/3
  CHECK(m.covariance(1, 1) == doctest::Approx(7.0 / 3).epsilon(1e-15));
}

TEST_CASE("pairwise moments: undefined statistics are NaN, wrong rows are refused") {
  PairwiseMoments m(2);
  CHECK(std::isnan(m.mean(0)));
  m.add(std::vector<double>{1, 1});
  CHECK(std::isnan(m.covariance(0, 1)));  // one respondent
  m.add(std::vector<double>{1, 2});
  CHECK(std::isnan(m.correlation(0, 1)));  // item 0 constant
  CHECK_THROWS_AS(m.add(std::vector<double>{1, 2, 3}), Error);
  CHECK_THROWS_AS((void)m.covariance(0, 2), Error);
}

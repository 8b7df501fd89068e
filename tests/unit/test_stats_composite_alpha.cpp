#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "attune/stats/alpha.h"
#include "attune/stats/composite_alpha.h"

using namespace attune;

TEST_CASE("one stratum of equal weights is Cronbach's alpha") {
  DenseMatrix c(3, 3, 0.4);
  c(0, 0) = 1.0;
  c(1, 1) = 1.5;
  c(2, 2) = 2.0;
  const std::vector<double> w(3, 1.0 / 3);
  const std::vector<std::size_t> strata{3};
  CHECK(composite_alpha(c, w, strata) == doctest::Approx(alpha_core(c).raw_alpha).epsilon(1e-12));
}

TEST_CASE("two strata: 1 - sum (1 - alpha_s) var_s / var(total) (Cronbach, Schoenemann & McKie 1965)") {
  // Two 2-item scales (within r .5, variances 1), covariance .2 across: each alpha 2/3, each part
  // variance 3, total variance 6 + 2 * 4 * .2 = 7.6, error 2 * (1/3) * 3 = 2.
  DenseMatrix c(4, 4, 0.2);
  for (std::size_t i = 0; i < 4; ++i) c(i, i) = 1;
  c(0, 1) = c(1, 0) = c(2, 3) = c(3, 2) = 0.5;
  const std::vector<std::size_t> strata{2, 2};
  CHECK(composite_alpha(c, std::vector<double>(4, 1.0), strata) == doctest::Approx(1 - 2 / 7.6).epsilon(1e-12));
  // Means of the scales averaged (weights 1/4 each) give the same: alpha does not depend on scale.
  CHECK(composite_alpha(c, std::vector<double>(4, 0.25), strata) == doctest::Approx(1 - 2 / 7.6).epsilon(1e-12));
}

TEST_CASE("a one-item stratum has no alpha") {
  DenseMatrix c(3, 3, 0.3);
  for (std::size_t i = 0; i < 3; ++i) c(i, i) = 1;
  const std::vector<std::size_t> strata{2, 1};
  CHECK(std::isnan(composite_alpha(c, std::vector<double>(3, 1.0), strata)));
}

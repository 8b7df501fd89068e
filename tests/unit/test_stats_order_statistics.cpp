#include <doctest/doctest.h>

#include <cmath>

#include "attune/stats/order_statistics.h"

using namespace attune;

TEST_CASE("median, type-7 quantile and variance as R computes them") {
  CHECK(median_of({3, 1, 2}) == 2);
  CHECK(median_of({4, 1, 3, 2, std::nan("")}) == 2.5);
  CHECK(std::isnan(median_of({})));
  CHECK(quantile_type7({1, 2, 3, 4, 5}, 0.025) == doctest::Approx(1.1));  // R: quantile(1:5, .025)
  CHECK(quantile_type7({5, 1, 4, 2, 3}, 0.5) == 3);
  CHECK(quantile_type7({1, 2, 3, 4, 5}, 0.975) == doctest::Approx(4.9));
  CHECK(variance_of({1, 2, 3, 4}) == doctest::Approx(5.0 / 3));
  CHECK(std::isnan(variance_of({7})));
}

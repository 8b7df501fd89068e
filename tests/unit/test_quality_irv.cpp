#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "attune/quality/irv.h"

using namespace attune;

TEST_CASE("irv: standard deviation across a respondent's items, n - 1 denominator") {
  // 1..5: mean 3, squared deviations 4 + 1 + 0 + 1 + 4 = 10, 10 / 4 = 2.5, sqrt(2.5)
  CHECK(irv(std::vector<double>{1, 2, 3, 4, 5}) == doctest::Approx(std::sqrt(2.5)).epsilon(1e-15));
}

TEST_CASE("irv: missing answers are skipped") {
  // 1, NA, 3: mean 2, squared deviations 1 + 1 = 2, 2 / 1 = 2, sqrt(2)
  CHECK(irv(std::vector<double>{1, NAN, 3}) == doctest::Approx(std::sqrt(2.0)).epsilon(1e-15));
}

TEST_CASE("irv: degenerate rows") {
  CHECK(irv(std::vector<double>{3, 3, 3, 3}) == 0);        // straight-liner
  CHECK(std::isnan(irv(std::vector<double>{NAN, 4})));     // one answer: sd undefined
  CHECK(std::isnan(irv(std::vector<double>{NAN, NAN})));   // all missing
  CHECK(std::isnan(irv(std::vector<double>{})));
}

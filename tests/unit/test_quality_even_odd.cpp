#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "attune/quality/even_odd.h"
#include "attune/util/error.h"

using namespace attune;

namespace {
// Three scales of three items: A = items 0-2, B = 3-5, C = 6-8.
const std::vector<std::vector<std::size_t>> three_scales{{0, 1, 2}, {3, 4, 5}, {6, 7, 8}};
}  // namespace

TEST_CASE("even-odd: Spearman-Brown corrected correlation of odd and even half means") {
  // A = (1, 2, 2): odd (positions 1, 3) mean 1.5, even (position 2) 2
  // B = (4, 5, 3): odd mean 3.5, even 5
  // C = (2, 1, 4): odd mean 3,   even 1
  // odd = (1.5, 3.5, 3), even = (2, 5, 1); both means 8/3
  // deviations odd (-7/6, 5/6, 1/3), even (-2/3, 7/3, -5/3)
  // sxy = 14/18 + 35/18 - 10/18 = 13/6; sxx = (49 + 25 + 4)/36 = 13/6; syy = (4 + 49 + 25)/9 = 26/3
  // r = (13/6) / sqrt(13/6 * 26/3) = (13/6) / (13/3) = 0.5; Spearman-Brown 2 * .5 / 1.5 = 2/3
  const EvenOddResult r = even_odd(std::vector<double>{1, 2, 2, 4, 5, 3, 2, 1, 4}, three_scales);
  CHECK(r.correlation == doctest::Approx(0.5).epsilon(1e-14));
  CHECK(r.consistency == doctest::Approx(2.0 / 3.0).epsilon(1e-14));
  CHECK(r.scales_used == 3);
}

TEST_CASE("even-odd: r = -1 gives -infinity after Spearman-Brown, floored at -1") {
  // scales (1, 3), (2, 2), (3, 1): odd = 1, 2, 3; even = 3, 2, 1; r = -1
  const std::vector<std::vector<std::size_t>> pairs{{0, 1}, {2, 3}, {4, 5}};
  const EvenOddResult r = even_odd(std::vector<double>{1, 3, 2, 2, 3, 1}, pairs);
  CHECK(r.correlation == doctest::Approx(-1.0).epsilon(1e-14));
  CHECK(r.consistency == -1.0);
}

TEST_CASE("even-odd: missing answers and degenerate rows") {
  const double na = NAN;
  // A's even half (item 1) missing: A is dropped, 2 scales left -> NA
  const EvenOddResult dropped = even_odd(std::vector<double>{1, na, 2, 4, 5, 3, 2, 1, 4}, three_scales);
  CHECK(dropped.scales_used == 2);
  CHECK(std::isnan(dropped.consistency));
  // A's item 2 missing: odd mean of A becomes 1 (item 0 only); odd = (1, 3.5, 3), even = (2, 5, 1)
  // means 7.5/3 = 2.5 and 8/3; dev odd (-1.5, 1, .5), even (-2/3, 7/3, -5/3)
  // sxy = 1 + 7/3 - 5/6 = 2.5; sxx = 2.25 + 1 + .25 = 3.5; syy = 26/3
  // r = 2.5 / sqrt(3.5 * 26/3)
  const EvenOddResult partial = even_odd(std::vector<double>{1, 2, na, 4, 5, 3, 2, 1, 4}, three_scales);
  const double r = 2.5 / std::sqrt(3.5 * 26.0 / 3.0);
  CHECK(partial.correlation == doctest::Approx(r).epsilon(1e-14));
  CHECK(partial.consistency == doctest::Approx(2 * r / (1 + r)).epsilon(1e-14));
  // straight-liner: the halves have no variance across scales -> NA
  CHECK(std::isnan(even_odd(std::vector<double>(9, 3.0), three_scales).consistency));
  // all missing -> NA, no scale used
  const EvenOddResult blank = even_odd(std::vector<double>(9, na), three_scales);
  CHECK(std::isnan(blank.consistency));
  CHECK(blank.scales_used == 0);
  CHECK_THROWS_AS((void)even_odd(std::vector<double>{1, 2}, three_scales), Error);
}

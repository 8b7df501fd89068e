#include <doctest/doctest.h>

#include <cmath>

#include "attune/stats/alpha.h"
#include "attune/util/error.h"

using namespace attune;

namespace {
ItemAnalysisMoments accumulate(const std::vector<std::vector<double>>& rows, ScaleKey key) {
  ItemAnalysisMoments acc(rows[0].size(), {std::move(key)});
  for (const auto& r : rows) acc.add_row(r);
  return acc;
}
}  // namespace

TEST_CASE("alpha of three items with equal covariances .5 and variances 1") {
  DenseMatrix c(3, 3, 0.5);
  for (std::size_t i = 0; i < 3; ++i) c(i, i) = 1;
  const AlphaCore a = alpha_core(c);
  CHECK(a.raw_alpha == doctest::Approx(0.75));  // (1 - 3/6) * 3/2
  CHECK(a.std_alpha == doctest::Approx(0.75));
  CHECK(a.average_r == doctest::Approx(0.5));
  CHECK(a.signal_noise == doctest::Approx(3));  // 3 * .5 / .5
  CHECK(a.median_r == doctest::Approx(0.5));
  CHECK(a.var_r == doctest::Approx(0));
}

TEST_CASE("psych::alpha on a small data set (values printed by R psych 2.2.9)") {
  const auto acc = accumulate({{1, 2, 1}, {2, 2, 3}, {3, 4, 3}, {4, 5, 5}, {5, 4, 5}, {2, 1, 3}},
                              {"s", {0, 1, 2}, {false, false, false}, 1, 5});
  const AlphaResult a = alpha(acc.scale_moments(0));
  CHECK(a.total.raw_alpha == doctest::Approx(12.0 / 13).epsilon(1e-12));
  CHECK(a.total.std_alpha == doctest::Approx(0.92424535898742155).epsilon(1e-12));
  CHECK(a.total.g6_smc == doctest::Approx(0.9271577571684213).epsilon(1e-12));
  CHECK(a.total.ase == doctest::Approx(0.059114898086911782).epsilon(1e-12));
  CHECK(a.total.mean == doctest::Approx(3.0555555555555558).epsilon(1e-12));
  CHECK(a.item_stats[0].r_drop == doctest::Approx(0.93658092715794528).epsilon(1e-12));
  CHECK(a.item_stats[1].r_cor == doctest::Approx(0.78668642858143722).epsilon(1e-12));
  CHECK(a.item_stats[2].raw_r == doctest::Approx(0.93497918275085878).epsilon(1e-12));
}

TEST_CASE("reverse keying uses min + max - x: the item mean flips, alpha sees a positive covariance") {
  const auto acc = accumulate({{1, 5}, {2, 4}, {3, 3}, {4, 1}, {5, 2}}, {"s", {0, 1}, {false, true}, 1, 5});
  const ScaleMoments m = acc.scale_moments(0);
  CHECK(m.item_mean[1] == doctest::Approx(6 - 3));
  CHECK(m.covariance(0, 1) > 0);
}

TEST_CASE("a 2-item scale follows psych's special case for alpha if dropped") {
  const auto acc = accumulate({{1, 2}, {2, 2}, {3, 4}, {4, 3}, {5, 5}}, {"s", {0, 1}, {false, false}, 1, 5});
  const ScaleMoments m = acc.scale_moments(0);
  const AlphaResult a = alpha(m);
  const double c12 = m.covariance(0, 1);
  CHECK(a.alpha_drop[0].raw_alpha == doctest::Approx(c12 / m.covariance(1, 1)));
  CHECK(a.alpha_drop[1].raw_alpha == doctest::Approx(c12 / m.covariance(0, 0)));
  CHECK(std::isnan(a.alpha_drop[0].alpha_se));
  CHECK(a.alpha_drop[0].var_r == 0);
  CHECK(std::isnan(a.total.var_r));  // one correlation has no variance
}

TEST_CASE("a constant item is excluded with a reason: its statistics are NA, not silent numbers") {
  const auto acc = accumulate({{1, 2, 3}, {2, 3, 3}, {3, 3, 3}, {4, 5, 3}, {5, 4, 3}},
                              {"s", {0, 1, 2}, {false, false, false}, 1, 5});
  const AlphaResult a = alpha(acc.scale_moments(0));
  REQUIRE(a.excluded.size() == 1);
  CHECK(a.excluded[0].position == 2);
  CHECK(a.excluded[0].reason.find("no variance") != std::string::npos);
  CHECK(std::isnan(a.item_stats[2].r_drop));
  CHECK(std::isnan(a.alpha_drop[2].raw_alpha));
  CHECK(a.item_stats[2].sd == 0);
  CHECK(std::isfinite(a.total.raw_alpha));  // alpha of the two remaining items
}

TEST_CASE("an item nobody answered is an error naming the item") {
  const double na = std::nan("");
  const auto acc = accumulate({{1, 2, na}, {2, 3, na}, {3, 3, na}}, {"s", {0, 1, 2}, {false, false, false}, 1, 5});
  CHECK_THROWS_WITH_AS(alpha(acc.scale_moments(0), {"q1", "q2", "q3"}), doctest::Contains("q3"), Error);
}

TEST_CASE("a one-item scale is a usage error") {
  CHECK_THROWS_AS(ItemAnalysisMoments(2, {{"s", {0}, {false}, 1, 5}}), Error);
}

TEST_CASE("the Feldt interval matches psych::alpha.ci") {
  const AlphaInterval ci = feldt_interval(0.8, 100, 10);  // R: alpha.ci(0.8, 100, 10)
  CHECK(ci.lower == doctest::Approx(0.73604845906073368).epsilon(1e-12));
  CHECK(ci.upper == doctest::Approx(0.85369181909125125).epsilon(1e-12));
}

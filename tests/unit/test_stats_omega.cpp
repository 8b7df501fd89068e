// Schmid-Leiman omega: closed forms on exact factor models (R's numbers are in
// tests/reference/test_factor_omega.cpp).
#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "attune/stats/omega.h"
#include "stats/schmid_leiman.h"

using namespace attune;

namespace {

// The correlation matrix a factor model implies: L Phi L' with a unit diagonal.
DenseMatrix implied_correlations(const DenseMatrix& l, const DenseMatrix& phi) {
  DenseMatrix r(l.rows, l.rows);
  for (std::size_t i = 0; i < l.rows; ++i)
    for (std::size_t j = 0; j < l.rows; ++j) {
      for (std::size_t a = 0; a < l.cols; ++a)
        for (std::size_t b = 0; b < l.cols; ++b) r(i, j) += l(i, a) * phi(a, b) * l(j, b);
      if (i == j) r(i, j) = 1.0;
    }
  return r;
}

const schmid_leiman::GeneralFactor kNoGeneralFactor = [](const DenseMatrix&, bool&) -> std::vector<double> {
  FAIL("g of 1 or 2 factors needs no extraction");
  return {};
};

}  // namespace

TEST_CASE("one factor: omega_h equals omega total, (sum of loadings)^2 / sum(R), and g is everything") {
  DenseMatrix l(4, 1);
  l.values = {0.8, 0.7, 0.6, 0.5};
  const DenseMatrix r = implied_correlations(l, DenseMatrix(1, 1, 1.0));
  const OmegaResult om = schmid_leiman::omega_from_unrotated(r, l, kNoGeneralFactor);
  double vt = 0;
  for (double v : r.values) vt += v;
  const double expected = 2.6 * 2.6 / vt;
  CHECK(om.omega_h == doctest::Approx(expected).epsilon(1e-12));
  CHECK(om.omega_total == doctest::Approx(expected).epsilon(1e-12));
  CHECK(om.omega_limit == doctest::Approx(1.0).epsilon(1e-12));
  CHECK(om.ecv == doctest::Approx(1.0).epsilon(1e-12));
  for (std::size_t i = 0; i < 4; ++i) {
    CHECK(om.sl_loadings(i, 0) == doctest::Approx(l.values[i]).epsilon(1e-12));
    CHECK(om.p2[i] == doctest::Approx(1.0).epsilon(1e-12));
    CHECK(om.u2[i] == doctest::Approx(1 - l.values[i] * l.values[i]).epsilon(1e-12));
  }
  CHECK(om.key == std::vector<int>{1, 1, 1, 1});
}

TEST_CASE("an item with a negative g loading is flipped as psych::omega flips it; the omegas stay") {
  DenseMatrix l(4, 1);
  l.values = {0.8, 0.7, 0.6, 0.5};
  const OmegaResult plain = schmid_leiman::omega_from_unrotated(implied_correlations(l, DenseMatrix(1, 1, 1.0)), l,
                                                                kNoGeneralFactor);
  l.values = {0.8, -0.7, 0.6, 0.5};  // item 2 negatively keyed
  const OmegaResult flipped = schmid_leiman::omega_from_unrotated(implied_correlations(l, DenseMatrix(1, 1, 1.0)), l,
                                                                  kNoGeneralFactor);
  CHECK(flipped.key == std::vector<int>{1, -1, 1, 1});
  CHECK(flipped.sl_loadings(1, 0) == doctest::Approx(0.7).epsilon(1e-12));
  CHECK(flipped.omega_h == doctest::Approx(plain.omega_h).epsilon(1e-12));
  CHECK(flipped.omega_total == doctest::Approx(plain.omega_total).epsilon(1e-12));
  CHECK(flipped.alpha == doctest::Approx(plain.alpha).epsilon(1e-12));
}

TEST_CASE("two factors: g loads on both by psych's equal rule, sqrt(phi12)") {
  DenseMatrix pattern(6, 2);
  pattern.values = {0.7, 0, 0.6, 0, 0.5, 0, 0, 0.7, 0, 0.6, 0, 0.5};
  DenseMatrix phi(2, 2, 1.0);
  phi(0, 1) = phi(1, 0) = 0.36;
  const DenseMatrix r = implied_correlations(pattern, phi);
  // Unrotated loadings of the same model: any orthogonal square root of the common part.
  DenseMatrix unrotated(6, 2);
  for (std::size_t i = 0; i < 6; ++i) {
    const double a = pattern(i, 0), b = pattern(i, 1);
    unrotated(i, 0) = a + 0.36 * b;  // pattern x chol(phi)'
    unrotated(i, 1) = b * std::sqrt(1 - 0.36 * 0.36);
  }
  const OmegaResult om = schmid_leiman::omega_from_unrotated(r, unrotated, kNoGeneralFactor);
  CHECK(om.converged);
  REQUIRE(om.g_loadings.size() == 2);
  // oblimin stops at a gradient below 1e-5 (GPArotation's eps), so phi is 0.36 to about 1e-5.
  CHECK(om.g_loadings[0] == doctest::Approx(0.6).epsilon(1e-3));
  CHECK(om.g_loadings[1] == doctest::Approx(0.6).epsilon(1e-3));
  // Each item: g = 0.6 * its loading, group = 0.8 * its loading; h2 = g^2 + group^2.
  for (std::size_t i = 0; i < 6; ++i) {
    const double lam = i < 3 ? pattern(i, 0) : pattern(i, 1);
    CHECK(om.sl_loadings(i, 0) == doctest::Approx(0.6 * lam).epsilon(1e-3));
    CHECK(std::fabs(om.sl_loadings(i, i < 3 ? 1 : 2)) == doctest::Approx(0.8 * lam).epsilon(1e-3));
    CHECK(om.h2[i] == doctest::Approx(lam * lam).epsilon(1e-9));
  }
  double vt = 0;
  for (double v : r.values) vt += v;
  CHECK(om.omega_h == doctest::Approx(0.6 * 3.6 * 0.6 * 3.6 / vt).epsilon(1e-3));
  CHECK(om.omega_total == doctest::Approx((vt - (6 - 2 * (0.49 + 0.36 + 0.25))) / vt).epsilon(1e-9));
}

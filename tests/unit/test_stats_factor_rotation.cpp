// rotate_loadings: what holds for any loadings (R's exact numbers are in
// tests/reference/test_factor_rotation.cpp).
#include <doctest/doctest.h>

#include <cmath>

#include "attune/stats/factor_rotation.h"
#include "attune/util/error.h"
#include "stats/rotation_internal.h"

using namespace attune;

namespace {

// Unrotated loadings of 6 items on 2 factors (a general first factor, a bipolar second).
DenseMatrix two_factor_loadings() {
  DenseMatrix m(6, 2);
  const double v[6][2] = {{0.70, 0.30}, {0.65, 0.35}, {0.60, 0.25}, {0.55, -0.40}, {0.60, -0.35}, {0.50, -0.30}};
  for (std::size_t r = 0; r < 6; ++r)
    for (std::size_t c = 0; c < 2; ++c) m(r, c) = v[r][c];
  return m;
}

// diag(L %*% Phi %*% t(L)): the communalities a rotation must keep.
std::vector<double> communalities(const DenseMatrix& l, const DenseMatrix& phi) {
  std::vector<double> h2(l.rows, 0.0);
  for (std::size_t r = 0; r < l.rows; ++r)
    for (std::size_t a = 0; a < l.cols; ++a)
      for (std::size_t b = 0; b < l.cols; ++b) h2[r] += l(r, a) * phi(a, b) * l(r, b);
  return h2;
}

constexpr RotationMethod kAll[] = {RotationMethod::none, RotationMethod::varimax, RotationMethod::promax,
                                   RotationMethod::oblimin, RotationMethod::geomin_q};

}  // namespace

TEST_CASE("one factor is left as it is by every method") {
  DenseMatrix one(4, 1);
  one.values = {0.8, 0.7, 0.6, 0.5};
  for (RotationMethod m : kAll) {
    const RotatedLoadings r = rotate_loadings(one, m);
    CHECK(r.loadings.values == one.values);
    REQUIRE(r.phi.values.size() == 1);
    CHECK(r.phi(0, 0) == 1.0);
    CHECK_FALSE(r.oblique);
    CHECK(r.converged);
  }
}

TEST_CASE("every rotation keeps the communalities, and Phi has a unit diagonal") {
  const DenseMatrix a = two_factor_loadings();
  DenseMatrix identity(2, 2);
  identity(0, 0) = identity(1, 1) = 1;
  const std::vector<double> before = communalities(a, identity);
  for (RotationMethod m : kAll) {
    const RotatedLoadings r = rotate_loadings(a, m);
    CAPTURE(static_cast<int>(m));
    CHECK(r.converged);
    const std::vector<double> after = communalities(r.loadings, r.phi);
    for (std::size_t i = 0; i < before.size(); ++i) CHECK(after[i] == doctest::Approx(before[i]).epsilon(1e-12));
    for (std::size_t f = 0; f < 2; ++f) CHECK(r.phi(f, f) == doctest::Approx(1.0).epsilon(1e-12));
    CHECK(r.phi(0, 1) == doctest::Approx(r.phi(1, 0)).epsilon(1e-12));
    const bool orthogonal = m == RotationMethod::none || m == RotationMethod::varimax;
    CHECK(r.oblique == !orthogonal);
    if (orthogonal) CHECK(r.phi(0, 1) == 0.0);
  }
}

TEST_CASE("rotated factors are aligned as psych::fa: loadings sum positive, largest variance first") {
  DenseMatrix a = two_factor_loadings();
  for (std::size_t r = 0; r < a.rows; ++r) a(r, 0) = -a(r, 0);  // a flipped first factor
  for (RotationMethod m : kAll) {
    const RotatedLoadings r = rotate_loadings(a, m);
    CAPTURE(static_cast<int>(m));
    double variance[2] = {0, 0};
    for (std::size_t f = 0; f < 2; ++f) {
      double sum = 0;
      for (std::size_t i = 0; i < r.loadings.rows; ++i) sum += r.loadings(i, f);
      CHECK(sum > 0);
      for (std::size_t g = 0; g < 2; ++g)
        for (std::size_t i = 0; i < r.loadings.rows; ++i) variance[f] += r.phi(f, g) * r.loadings(i, g) * r.loadings(i, f);
    }
    CHECK(variance[0] >= variance[1]);
  }
}

TEST_CASE("oblimin on a two-factor structure finds the simple structure") {
  const RotatedLoadings r = rotate_loadings(two_factor_loadings(), RotationMethod::oblimin);
  for (std::size_t i = 0; i < 3; ++i) CHECK(std::fabs(r.loadings(i, 0)) > std::fabs(r.loadings(i, 1)));
  for (std::size_t i = 3; i < 6; ++i) CHECK(std::fabs(r.loadings(i, 1)) > std::fabs(r.loadings(i, 0)));
  CHECK(r.phi(0, 1) > 0.3);
}

TEST_CASE("a rotation stopped before it converges says so") {
  const rotation::RawRotation oblimin =
      rotation::gpf_oblique(two_factor_loadings(), rotation::ObliqueCriterion::oblimin, 1e-5, 1);
  CHECK_FALSE(oblimin.converged);
  const rotation::RawRotation geomin =
      rotation::gpf_oblique(two_factor_loadings(), rotation::ObliqueCriterion::geomin, 1e-5, 1);
  CHECK_FALSE(geomin.converged);
  const rotation::RawRotation full = rotation::gpf_oblique(two_factor_loadings(), rotation::ObliqueCriterion::oblimin);
  CHECK(full.converged);
}

TEST_CASE("loadings that are not numbers, or none at all, are refused") {
  DenseMatrix a = two_factor_loadings();
  a(2, 1) = NAN;
  CHECK_THROWS_AS(rotate_loadings(a, RotationMethod::oblimin), Error);
  CHECK_THROWS_AS(rotate_loadings(DenseMatrix(0, 2), RotationMethod::varimax), Error);
}

// attune's rotate_loadings against psych::fa(rotate = ...) from the same unrotated loadings
// (fixtures: tests/reference/make_factor_rotation.R; psych 2.2.9, GPArotation 2022.10-2).
#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "attune/stats/factor_extraction.h"
#include "attune/stats/factor_rotation.h"
#include "factor_csv.h"

using namespace attune;
using attune::reference::max_abs_diff;
using attune::reference::read_matrix_csv;

namespace {

DenseMatrix product(const DenseMatrix& a, const DenseMatrix& b) {
  DenseMatrix out(a.rows, b.cols);
  for (std::size_t r = 0; r < a.rows; ++r)
    for (std::size_t c = 0; c < b.cols; ++c)
      for (std::size_t j = 0; j < a.cols; ++j) out(r, c) += a(r, j) * b(j, c);
  return out;
}

// Largest distance from each column of `ours` to the nearest column of `theirs` or its negative:
// psych leaves rot.mat unaligned, attune aligns it with the loadings.
double column_match_diff(const DenseMatrix& ours, const DenseMatrix& theirs) {
  double worst = 0;
  for (std::size_t c = 0; c < ours.cols; ++c) {
    double best = INFINITY;
    for (std::size_t t = 0; t < theirs.cols; ++t) {
      double plus = 0, minus = 0;
      for (std::size_t r = 0; r < ours.rows; ++r) {
        plus = std::max(plus, std::fabs(ours(r, c) - theirs(r, t)));
        minus = std::max(minus, std::fabs(ours(r, c) + theirs(r, t)));
      }
      best = std::min({best, plus, minus});
    }
    worst = std::max(worst, best);
  }
  return worst;
}

struct Case {
  const char* file;
  RotationMethod method;
  bool oblique;
};

constexpr Case kCases[] = {{"none", RotationMethod::none, false},
                           {"varimax", RotationMethod::varimax, false},
                           {"promax", RotationMethod::promax, true},
                           {"oblimin", RotationMethod::oblimin, true},
                           {"geominQ", RotationMethod::geomin_q, true}};

// From R's unrotated loadings, or (end_to_end) from extract_factors on R's correlation matrix.
void check_set(const std::string& set, bool end_to_end = false) {
  const DenseMatrix r_unrotated = read_matrix_csv("factor_rotation_" + set + "_unrotated.csv");
  const DenseMatrix unrotated =
      end_to_end ? extract_factors(read_matrix_csv("factor_rotation_" + set + "_cor.csv"), r_unrotated.cols,
                                   FactorMethod::minres)
                       .loadings
                 : r_unrotated;
  for (const Case& c : kCases) {
    const std::string prefix = "factor_rotation_" + set + "_" + c.file + "_";
    CAPTURE(prefix);
    CAPTURE(end_to_end);
    const RotatedLoadings ours = rotate_loadings(unrotated, c.method);
    CHECK(ours.converged);
    CHECK(ours.oblique == c.oblique);
    const double loadings_diff = max_abs_diff(ours.loadings, read_matrix_csv(prefix + "loadings.csv"));
    const double phi_diff = max_abs_diff(ours.phi, read_matrix_csv(prefix + "phi.csv"));
    const double rotation_diff = column_match_diff(ours.rotation, read_matrix_csv(prefix + "rotmat.csv"));
    MESSAGE(prefix << std::string(end_to_end ? " from extract_factors" : "") << " max |diff|: loadings " << loadings_diff << ", Phi " << phi_diff << ", rot.mat " << rotation_diff);
    CHECK(loadings_diff < 1e-6);
    CHECK(phi_diff < 1e-6);
    CHECK(rotation_diff < 1e-6);
    CHECK(max_abs_diff(product(unrotated, ours.rotation), ours.loadings) < 1e-10);
  }
}

}  // namespace

TEST_CASE("rotations of psychTools::bfi's 5 minres factors match psych::fa") { check_set("bfi"); }

TEST_CASE("rotations of examples/ecr-r.csv's 2 minres factors match psych::fa") { check_set("ecr_r"); }

TEST_CASE("rotations of the synthetic two-factor set's 2 minres factors match psych::fa") { check_set("two_factor"); }

TEST_CASE("rotations of attune's own minres extraction match psych::fa end to end (bfi 5, ecr-r 2, two-factor 2)") {
  check_set("bfi", true);
  check_set("ecr_r", true);
  check_set("two_factor", true);
}

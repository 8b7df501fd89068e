// Factor rotations as psych::fa applies them, and psych::fa's alignment of the rotated factors.
#include "attune/stats/factor_rotation.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

#include <fmt/format.h>

#include "attune/util/error.h"
#include "stats/rotation_internal.h"

namespace attune {

namespace {

// Refuses what no rotation can take: no items, no factors, or a missing loading.
void check_loadings(const DenseMatrix& loadings) {
  if (loadings.rows == 0 || loadings.cols == 0)
    throw data_error({}, "there are no loadings to rotate", "extract at least one factor from at least one item");
  for (std::size_t r = 0; r < loadings.rows; ++r)
    for (std::size_t c = 0; c < loadings.cols; ++c)
      if (!std::isfinite(loadings(r, c)))
        throw data_error({}, fmt::format("loading of item {} on factor {} is not a number", r + 1, c + 1),
                         "the factor extraction failed; check the correlation matrix");
}

DenseMatrix identity(std::size_t k) {
  DenseMatrix m(k, k);
  for (std::size_t i = 0; i < k; ++i) m(i, i) = 1;
  return m;
}

// psych::fa's alignment after rotation: each factor's sign flipped so that its loadings sum
// positive (a zero sum keeps its sign), then the factors ordered by variance accounted for,
// diag(Phi %*% t(L) %*% L) (colSums(L^2) when orthogonal), largest first, ties in input order.
// The rotation matrix's columns follow, so that loadings = unrotated x rotation still holds
// (psych itself leaves rot.mat unaligned).
void align_as_psych_fa(RotatedLoadings& out) {
  const std::size_t p = out.loadings.rows;
  const std::size_t k = out.loadings.cols;
  std::vector<double> sign(k, 1.0);
  for (std::size_t c = 0; c < k; ++c) {
    double sum = 0;
    for (std::size_t r = 0; r < p; ++r) sum += out.loadings(r, c);
    if (sum < 0) sign[c] = -1.0;
  }
  std::vector<double> variance(k, 0.0);
  for (std::size_t c = 0; c < k; ++c) {
    for (std::size_t j = 0; j < k; ++j) {
      double cross = 0;  // (t(L) %*% L)[j, c]; the flips cancel in Phi[c, j] * cross
      for (std::size_t r = 0; r < p; ++r) cross += out.loadings(r, j) * out.loadings(r, c);
      variance[c] += out.phi(c, j) * cross;
    }
  }
  std::vector<std::size_t> order(k);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return variance[a] > variance[b]; });
  RotatedLoadings aligned = out;
  for (std::size_t c = 0; c < k; ++c) {
    const std::size_t from = order[c];
    for (std::size_t r = 0; r < p; ++r) aligned.loadings(r, c) = sign[from] * out.loadings(r, from);
    for (std::size_t r = 0; r < out.rotation.rows; ++r) aligned.rotation(r, c) = sign[from] * out.rotation(r, from);
    for (std::size_t j = 0; j < k; ++j) aligned.phi(j, c) = sign[order[j]] * out.phi(order[j], from) * sign[from];
  }
  out = std::move(aligned);
}

}  // namespace

// psych::fa (psych 2.2.9, fa.R) rotate = none / varimax / promax / oblimin / geominQ, with
// stats::varimax, psych::kaiser + Promax and GPArotation::oblimin / geominQ (GPFoblq).
RotatedLoadings rotate_loadings(const DenseMatrix& loadings, RotationMethod method) {
  check_loadings(loadings);
  DenseMatrix input = loadings;
  for (double& v : input.values)
    if (v == 0.0) v = 1e-15;  // psych::fa: "to stop a problem with varimax if loadings are exactly 0"
  const std::size_t k = input.cols;
  RotatedLoadings out;
  out.loadings = input;
  out.phi = identity(k);
  out.rotation = identity(k);
  if (k > 1 && method != RotationMethod::none) {
    rotation::RawRotation raw;
    switch (method) {
      case RotationMethod::varimax: raw = rotation::varimax(input); break;
      case RotationMethod::promax: raw = rotation::promax(input); break;
      case RotationMethod::oblimin: raw = rotation::gpf_oblique(input, rotation::ObliqueCriterion::oblimin); break;
      case RotationMethod::geomin_q: raw = rotation::gpf_oblique(input, rotation::ObliqueCriterion::geomin); break;
      case RotationMethod::none: break;
    }
    for (double v : raw.loadings.values)
      if (!std::isfinite(v))
        throw data_error({}, "the rotation broke down (a factor collapsed onto another)",
                         "try another rotation, or fewer factors");
    out.loadings = std::move(raw.loadings);
    out.phi = std::move(raw.phi);
    out.rotation = std::move(raw.rotation);
    out.converged = raw.converged;
    out.oblique = method != RotationMethod::varimax;
  }
  align_as_psych_fa(out);
  return out;
}

}  // namespace attune

#include "attune/stats/pairwise_moments.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "attune/util/error.h"

namespace attune {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
}  // namespace

PairwiseMoments::PairwiseMoments(std::size_t variables) : k_(variables), exact_(variables), shifted_(variables) {}

CoMoments PairwiseMoments::pair(std::size_t i, std::size_t j) const {
  if (i >= k_ || j >= k_) throw usage_error("PairwiseMoments: variable index out of range");
  if (i > j) std::swap(i, j);
  return combine(exact_.moments(i, j), shifted_.moments(i, j));
}

// One row: whole-number pairs to the exact sums, the pairs of any other present value to the
// shifted sums; together every pairwise-complete pair once.
void PairwiseMoments::add(std::span<const double> row) {
  if (row.size() != k_) throw usage_error("PairwiseMoments: row has the wrong number of values");
  ++rows_;
  fractional_.clear();
  exact_.add(row, fractional_);
  shifted_.add(row, fractional_);
}

std::size_t PairwiseMoments::n(std::size_t i, std::size_t j) const {
  return static_cast<std::size_t>(pair(i, j).n);
}

double PairwiseMoments::mean(std::size_t i) const {
  const CoMoments p = pair(i, i);
  return p.n > 0 ? static_cast<double>(p.mean_i) : kNaN;
}

// R sd(): sqrt(var(x)), var being rounded to a double before the square root, as in R.
double PairwiseMoments::sd(std::size_t i) const {
  const CoMoments p = pair(i, i);
  return p.n > 1 ? std::sqrt(static_cast<double>(p.ss_i / (p.n - 1))) : kNaN;
}

// R cov(use = "pairwise"): cross-products of deviations from the pair's means / (n - 1).
double PairwiseMoments::covariance(std::size_t i, std::size_t j) const {
  const CoMoments p = pair(i, j);
  if (p.n < 2) return kNaN;
  return static_cast<double>((i == j ? p.ss_i : p.cross) / (p.n - 1));
}

// R cor(use = "pairwise"): the pair's covariance over the pair's own sds, clamped to [-1, 1].
double PairwiseMoments::correlation(std::size_t i, std::size_t j) const {
  const CoMoments p = pair(i, j);
  if (p.n < 2 || p.ss_i <= 0 || p.ss_j <= 0) return kNaN;
  if (i == j) return 1.0;
  const long double r = p.cross / (std::sqrt(p.ss_i) * std::sqrt(p.ss_j));
  return static_cast<double>(std::clamp(r, -1.0L, 1.0L));
}

DenseMatrix PairwiseMoments::covariance_matrix() const {
  DenseMatrix m(k_, k_);
  for (std::size_t i = 0; i < k_; ++i)
    for (std::size_t j = 0; j < k_; ++j) m(i, j) = covariance(i, j);
  return m;
}

DenseMatrix PairwiseMoments::correlation_matrix() const {
  DenseMatrix m(k_, k_);
  for (std::size_t i = 0; i < k_; ++i)
    for (std::size_t j = 0; j < k_; ++j) m(i, j) = correlation(i, j);
  return m;
}

}  // namespace attune

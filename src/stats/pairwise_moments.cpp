#include "attune/stats/pairwise_moments.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

#include "attune/util/error.h"

namespace attune {

PairwiseMoments::PairwiseMoments(std::size_t variables)
    : k_(variables), pairs_(variables * (variables + 1) / 2) {}

std::size_t PairwiseMoments::index(std::size_t i, std::size_t j) const {
  if (i > j) std::swap(i, j);
  // Row i of the upper triangle starts after the rows 0..i-1, which hold k, k-1, ... entries.
  return i * k_ - i * (i - 1) / 2 + (j - i);
}

const PairwiseMoments::Pair& PairwiseMoments::pair(std::size_t i, std::size_t j) const {
  if (i >= k_ || j >= k_) throw usage_error("PairwiseMoments: variable index out of range");
  return pairs_[index(i, j)];
}

// Welford 1962 / Chan et al. 1979 one-pass co-moment update over pairwise-complete rows.
void PairwiseMoments::add(std::span<const double> row) {
  if (row.size() != k_) throw usage_error("PairwiseMoments: row has the wrong number of values");
  ++rows_;
  std::size_t at = 0;
  for (std::size_t i = 0; i < k_; ++i) {
    const double x = row[i];
    for (std::size_t j = i; j < k_; ++j, ++at) {
      const double y = row[j];
      if (std::isnan(x) || std::isnan(y)) continue;
      Pair& p = pairs_[at];
      p.n += 1;
      const double dx = x - p.mean_i;
      const double dy = y - p.mean_j;
      p.mean_i += dx / p.n;
      p.mean_j += dy / p.n;
      p.ss_i += dx * (x - p.mean_i);
      p.ss_j += dy * (y - p.mean_j);
      p.cross += dx * (y - p.mean_j);
    }
  }
}

std::size_t PairwiseMoments::n(std::size_t i, std::size_t j) const {
  return static_cast<std::size_t>(pair(i, j).n);
}

double PairwiseMoments::mean(std::size_t i) const {
  const Pair& p = pair(i, i);
  return p.n > 0 ? p.mean_i : std::numeric_limits<double>::quiet_NaN();
}

// R sd(): sqrt(sum of squared deviations / (n - 1)).
double PairwiseMoments::sd(std::size_t i) const {
  const Pair& p = pair(i, i);
  return p.n > 1 ? std::sqrt(p.ss_i / (p.n - 1)) : std::numeric_limits<double>::quiet_NaN();
}

// R cov(use = "pairwise"): cross-products of deviations from the pair's means / (n - 1).
double PairwiseMoments::covariance(std::size_t i, std::size_t j) const {
  const Pair& p = pair(i, j);
  if (p.n < 2) return std::numeric_limits<double>::quiet_NaN();
  return (i == j ? p.ss_i : p.cross) / (p.n - 1);
}

// R cor(use = "pairwise"): the pair's covariance over the pair's own sds, clamped to [-1, 1].
double PairwiseMoments::correlation(std::size_t i, std::size_t j) const {
  const Pair& p = pair(i, j);
  if (p.n < 2 || p.ss_i <= 0 || p.ss_j <= 0) return std::numeric_limits<double>::quiet_NaN();
  if (i == j) return 1.0;
  const double r = p.cross / (std::sqrt(p.ss_i) * std::sqrt(p.ss_j));
  return std::clamp(r, -1.0, 1.0);
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

#include "attune/quality/pairwise_moments.h"

#include <cmath>
#include <utility>

#include <fmt/format.h>

#include "attune/util/error.h"

namespace attune {

namespace {
// Index of (i, j), i <= j, in a row-major upper triangle of an n x n matrix.
std::size_t triangle_index(std::size_t n, std::size_t i, std::size_t j) {
  return i * n - i * (i - 1) / 2 + (j - i);
}
}  // namespace

PairwiseMoments::PairwiseMoments(std::size_t n_items)
    : n_items_(n_items), pairs_(n_items * (n_items + 1) / 2) {}

// Welford 1962 / Chan, Golub & LeVeque 1983 one-pass co-moment update, per item pair.
void PairwiseMoments::add(std::span<const double> answers) {
  if (answers.size() != n_items_) {
    throw usage_error(fmt::format("a respondent has {} item values; the sample has {} items",
                                  answers.size(), n_items_));
  }
  ++n_rows_;
  for (std::size_t i = 0; i < n_items_; ++i) {
    const double xi = answers[i];
    if (std::isnan(xi)) continue;
    for (std::size_t j = i; j < n_items_; ++j) {
      const double xj = answers[j];
      if (std::isnan(xj)) continue;
      Pair& p = pairs_[triangle_index(n_items_, i, j)];
      ++p.n;
      const double n = static_cast<double>(p.n);
      const double di = xi - p.mean_i;
      const double dj = xj - p.mean_j;
      p.mean_i += di / n;
      p.mean_j += dj / n;
      p.m2_i += di * (xi - p.mean_i);
      p.m2_j += dj * (xj - p.mean_j);
      p.comoment += di * (xj - p.mean_j);
    }
  }
}

const PairwiseMoments::Pair& PairwiseMoments::pair(std::size_t i, std::size_t j) const {
  if (i >= n_items_ || j >= n_items_) {
    throw usage_error(fmt::format("item index {} or {} is out of range 0..{}", i, j,
                                  n_items_ == 0 ? 0 : n_items_ - 1));
  }
  if (i > j) std::swap(i, j);
  return pairs_[triangle_index(n_items_, i, j)];
}

std::size_t PairwiseMoments::pair_count(std::size_t i, std::size_t j) const {
  return pair(i, j).n;
}

double PairwiseMoments::mean(std::size_t i) const {
  const Pair& p = pair(i, i);
  return p.n ? p.mean_i : NAN;
}

// R cov(use = "pairwise"): co-moment / (n - 1) over the pair's complete cases.
double PairwiseMoments::covariance(std::size_t i, std::size_t j) const {
  const Pair& p = pair(i, j);
  if (p.n < 2) return NAN;
  return p.comoment / static_cast<double>(p.n - 1);
}

// R cor(use = "pairwise.complete.obs"): Pearson r over the pair's complete cases.
double PairwiseMoments::correlation(std::size_t i, std::size_t j) const {
  const Pair& p = pair(i, j);
  if (p.n < 2 || !(p.m2_i > 0) || !(p.m2_j > 0)) return NAN;
  return p.comoment / std::sqrt(p.m2_i * p.m2_j);
}

std::vector<double> PairwiseMoments::covariance_matrix() const {
  std::vector<double> matrix(n_items_ * n_items_);
  for (std::size_t i = 0; i < n_items_; ++i) {
    for (std::size_t j = 0; j < n_items_; ++j) matrix[i * n_items_ + j] = covariance(i, j);
  }
  return matrix;
}

}  // namespace attune

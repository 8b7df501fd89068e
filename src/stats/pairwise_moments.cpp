#include "attune/stats/pairwise_moments.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "attune/util/error.h"
#include "stats/exact_co_sums.h"
#include "stats/shifted_co_sums.h"

namespace attune {

PairwiseMoments::PairwiseMoments(std::size_t variables)
    : k_(variables), exact_(std::in_place, variables), shifted_(std::in_place, variables) {}
PairwiseMoments::~PairwiseMoments() = default;
PairwiseMoments::PairwiseMoments(const PairwiseMoments&) = default;
PairwiseMoments::PairwiseMoments(PairwiseMoments&&) noexcept = default;
PairwiseMoments& PairwiseMoments::operator=(const PairwiseMoments&) = default;
PairwiseMoments& PairwiseMoments::operator=(PairwiseMoments&&) noexcept = default;

// The further rows' exact sums join the exact part before it becomes moments, so that the
// result is the one all of those rows added here would give.
CoMoments PairwiseMoments::pair(std::size_t i, std::size_t j, const ExactPairSums& more) const {
  if (i >= k_ || j >= k_) throw usage_error("PairwiseMoments: variable index out of range");
  if (i > j) std::swap(i, j);
  ExactPairSums exact = exact_->pair_sums(i, j);
  if (!added_.empty()) exact += added_[i * k_ - i * (i - 1) / 2 + (j - i)];
  exact += more;
  return combine(moments_of(exact), shifted_->moments(i, j));
}

namespace {
// Pair moments with the smaller index first, turned to (i, j) order.
CoMoments oriented(CoMoments m, bool swapped) {
  if (swapped) {
    std::swap(m.mean_i, m.mean_j);
    std::swap(m.ss_i, m.ss_j);
  }
  return m;
}
}  // namespace

// One row: whole-number pairs to the exact sums, the pairs of any other present value to the
// shifted sums; together every pairwise-complete pair once.
void PairwiseMoments::add(std::span<const double> row) {
  if (row.size() != k_) throw usage_error("PairwiseMoments: row has the wrong number of values");
  ++rows_;
  fractional_.clear();
  exact_->add(row, fractional_);
  shifted_->add(row, fractional_);
}

void PairwiseMoments::add_exact_sums(std::size_t rows, std::span<const ExactPairSums> upper) {
  if (upper.size() != k_ * (k_ + 1) / 2) throw usage_error("PairwiseMoments: exact sums of the wrong shape");
  if (added_.empty()) added_.assign(upper.size(), ExactPairSums{});
  for (std::size_t p = 0; p < upper.size(); ++p) added_[p] += upper[p];
  rows_ += rows;
}

std::size_t PairwiseMoments::n(std::size_t i, std::size_t j) const {
  return static_cast<std::size_t>(pair(i, j).n);
}

CoMoments PairwiseMoments::moments(std::size_t i, std::size_t j) const { return oriented(pair(i, j), i > j); }

CoMoments PairwiseMoments::moments(std::size_t i, std::size_t j, const ExactPairSums& more) const {
  return oriented(pair(i, j, i > j ? more.swapped() : more), i > j);
}

double PairwiseMoments::mean(std::size_t i) const { return co_moments::mean(pair(i, i)); }

double PairwiseMoments::sd(std::size_t i) const { return co_moments::sd(pair(i, i)); }

double PairwiseMoments::covariance(std::size_t i, std::size_t j) const {
  return co_moments::covariance(pair(i, j), i == j);
}

double PairwiseMoments::correlation(std::size_t i, std::size_t j) const {
  return co_moments::correlation(pair(i, j), i == j);
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

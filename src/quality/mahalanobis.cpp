#include "attune/quality/mahalanobis.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <list>
#include <unordered_map>

#include <Eigen/Cholesky>
#include <Eigen/Core>
#include <boost/math/distributions/chi_squared.hpp>
#include <fmt/format.h>

#include "attune/util/error.h"

namespace attune {

namespace {

using Matrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

// Why `m` cannot be inverted for D^2, or empty. Fills `llt` on success.
std::string inversion_problem(const Matrix& m, Eigen::LLT<Matrix>& llt) {
  if (!m.allFinite()) {
    return "a covariance needed is undefined (fewer than 2 respondents answered an item pair)";
  }
  llt.compute(m);
  if (llt.info() != Eigen::Success) return "the covariance matrix is not positive definite";
  if (!(llt.rcond() >= std::numeric_limits<double>::epsilon())) {
    return "the covariance matrix is computationally singular";
  }
  return {};
}

MahalanobisResult not_available(std::string reason, std::size_t df) {
  return {NAN, NAN, df, std::move(reason)};
}

// Throws a usage Error when a respondent's row does not have the model's `n_items` values.
void check_row_width(std::span<const double> answers, std::size_t n_items) {
  if (answers.size() != n_items) {
    throw usage_error(fmt::format("a respondent has {} item values; the model has {} items",
                                  answers.size(), n_items));
  }
}

// The items answered (not NaN), in order, into `answered`.
void collect_answered(std::span<const double> answers, std::vector<std::size_t>& answered) {
  answered.resize(answers.size());   // each index written, kept when answered (no branch)
  std::size_t k = 0;
  for (std::size_t i = 0; i < answers.size(); ++i) {
    answered[k] = i;
    k += !std::isnan(answers[i]);
  }
  answered.resize(k);
}

// psych::outlier's D^2: the full inverse `inverse` (row-major, n x n) over the answered items only.
double outlier_d2(std::span<const double> answers, const std::vector<std::size_t>& answered,
                  const std::vector<double>& center, const std::vector<double>& inverse, std::size_t n) {
  double d2 = 0;
  for (std::size_t i : answered) {
    const double di = answers[i] - center[i];
    for (std::size_t j : answered) d2 += di * inverse[i * n + j] * (answers[j] - center[j]);
  }
  return d2;
}

}  // namespace

// One factorised covariance sub-matrix per pattern of missing answers, most recent first.
struct MahalanobisCache::State {
  struct Pattern {
    // Factorises `sub` in place (Eigen's LLT leaves its status unset until computed, so a
    // default-constructed one must never be copied or moved).
    Pattern(std::string mask, const Matrix& sub)
        : answered_mask(std::move(mask)), problem(inversion_problem(sub, llt)) {}
    std::string answered_mask;   // one byte per item: 1 answered, 0 missing
    Eigen::LLT<Matrix> llt;
    std::string problem;         // why the sub-matrix cannot be inverted, or ""
  };
  std::size_t capacity;                    // 0: limit() by the items
  std::list<Pattern> recent;
  std::unordered_map<std::string, std::list<Pattern>::iterator> by_mask;
  std::string mask;                        // scratch: this row's pattern
  std::vector<std::size_t> answered;       // scratch: this row's answered items
  Eigen::VectorXd deviation, solved;       // scratch: x_o - m_o and S_oo^-1 (x_o - m_o)

  // The most factorisations kept for `n_items` items (see the constructor).
  std::size_t limit(std::size_t n_items) const {
    if (capacity != 0) return capacity;
    constexpr std::size_t kBudgetBytes = std::size_t{10} << 20;
    const std::size_t bytes = std::max<std::size_t>(n_items * n_items * sizeof(double), 1);
    return std::clamp<std::size_t>(kBudgetBytes / bytes, 256, 4096);
  }

  // The factorisation of `covariance`'s sub-matrix on the answered items, as
  // MahalanobisModel::distance's reference path computes it, from the cache when it holds it.
  const Pattern& factorised(const std::vector<double>& covariance, std::size_t n_items) {
    mask.assign(n_items, '\0');
    for (std::size_t i : answered) mask[i] = '\1';
    if (auto found = by_mask.find(mask); found != by_mask.end()) {
      recent.splice(recent.begin(), recent, found->second);
      return recent.front();
    }
    if (recent.size() >= limit(n_items)) {
      by_mask.erase(recent.back().answered_mask);
      recent.pop_back();
    }
    const auto size = static_cast<Eigen::Index>(answered.size());
    Matrix sub(size, size);
    for (Eigen::Index a = 0; a < size; ++a) {
      for (Eigen::Index b = 0; b < size; ++b) {
        sub(a, b) = covariance[answered[static_cast<std::size_t>(a)] * n_items + answered[static_cast<std::size_t>(b)]];
      }
    }
    recent.emplace_front(mask, sub);
    by_mask.emplace(mask, recent.begin());
    return recent.front();
  }
};

MahalanobisCache::MahalanobisCache(std::size_t patterns) : state_(std::make_unique<State>()) {
  state_->capacity = patterns;
}
MahalanobisCache::~MahalanobisCache() = default;
MahalanobisCache::MahalanobisCache(const MahalanobisCache& other) : MahalanobisCache(other.state_->capacity) {}
MahalanobisCache& MahalanobisCache::operator=(const MahalanobisCache& other) {
  if (this != &other) *this = MahalanobisCache(other.state_->capacity);
  return *this;
}
MahalanobisCache::MahalanobisCache(MahalanobisCache&&) noexcept = default;
MahalanobisCache& MahalanobisCache::operator=(MahalanobisCache&&) noexcept = default;

double chi_square_upper_tail(double d_squared, std::size_t df) {
  if (df == 0 || std::isnan(d_squared)) return NAN;
  if (d_squared <= 0) return 1.0;
  const boost::math::chi_squared_distribution<double> chi2(static_cast<double>(df));
  return boost::math::cdf(boost::math::complement(chi2, d_squared));
}

MahalanobisModel::MahalanobisModel(const PairwiseMoments& sample)
    : n_items_(sample.variables()), covariance_(sample.covariance_matrix().values) {
  center_.resize(n_items_);
  for (std::size_t i = 0; i < n_items_; ++i) center_[i] = sample.mean(i);
  if (n_items_ == 0) {
    full_problem_ = "the sample has no items";
    return;
  }
  const Eigen::Map<const Matrix> s(covariance_.data(), static_cast<Eigen::Index>(n_items_),
                                   static_cast<Eigen::Index>(n_items_));
  Eigen::LLT<Matrix> llt;
  full_problem_ = inversion_problem(s, llt);
  if (!full_problem_.empty()) return;
  const Matrix inverse = llt.solve(Matrix::Identity(s.rows(), s.cols()));
  inverse_.assign(inverse.data(), inverse.data() + inverse.size());
}

// Mahalanobis 1936 D^2 = (x - m)' S^-1 (x - m); R mahalanobis(), psych::outlier.
MahalanobisResult MahalanobisModel::distance(std::span<const double> answers,
                                             MahalanobisMissing rule) const {
  check_row_width(answers, n_items_);
  std::vector<std::size_t> answered;
  collect_answered(answers, answered);
  const std::size_t k = answered.size();
  if (k == 0) return not_available("no item answered", 0);

  if (rule == MahalanobisMissing::psych_outlier) {
    if (!full_problem_.empty()) return not_available(full_problem_, n_items_);
    const double d2 = outlier_d2(answers, answered, center_, inverse_, n_items_);
    return {d2, chi_square_upper_tail(d2, n_items_), n_items_, {}};
  }

  const auto size = static_cast<Eigen::Index>(k);
  Eigen::VectorXd deviation(size);
  for (Eigen::Index a = 0; a < size; ++a) {
    const std::size_t i = answered[static_cast<std::size_t>(a)];
    deviation(a) = answers[i] - center_[i];
  }
  double d2 = 0;
  if (k == n_items_ && full_problem_.empty()) {
    const Eigen::Map<const Matrix> inverse(inverse_.data(), size, size);
    d2 = deviation.dot(inverse * deviation);
  } else {
    Matrix sub(size, size);
    for (Eigen::Index a = 0; a < size; ++a) {
      for (Eigen::Index b = 0; b < size; ++b) {
        sub(a, b) = covariance_[answered[static_cast<std::size_t>(a)] * n_items_ +
                                answered[static_cast<std::size_t>(b)]];
      }
    }
    Eigen::LLT<Matrix> llt;
    std::string problem = inversion_problem(sub, llt);
    if (!problem.empty()) return not_available(std::move(problem), k);
    d2 = deviation.dot(llt.solve(deviation));
  }
  return {d2, chi_square_upper_tail(d2, k), k, {}};
}

// Mahalanobis 1936 D^2, as the reference overload above, step for step (the same Eigen kernels
// on the same values, so the same bits), without its per-row allocations and factorisations.
MahalanobisResult MahalanobisModel::distance(std::span<const double> answers, MahalanobisMissing rule,
                                             MahalanobisCache& cache) const {
  check_row_width(answers, n_items_);
  MahalanobisCache::State& state = *cache.state_;
  std::vector<std::size_t>& answered = state.answered;
  collect_answered(answers, answered);
  const std::size_t k = answered.size();
  if (k == 0) return not_available("no item answered", 0);

  if (rule == MahalanobisMissing::psych_outlier) {
    if (!full_problem_.empty()) return not_available(full_problem_, n_items_);
    const double d2 = outlier_d2(answers, answered, center_, inverse_, n_items_);
    return {d2, chi_square_upper_tail(d2, n_items_), n_items_, {}};
  }

  const auto size = static_cast<Eigen::Index>(k);
  Eigen::VectorXd& deviation = state.deviation;
  deviation.resize(size);
  for (Eigen::Index a = 0; a < size; ++a) {
    const std::size_t i = answered[static_cast<std::size_t>(a)];
    deviation(a) = answers[i] - center_[i];
  }
  if (k == n_items_ && full_problem_.empty()) {
    const Eigen::Map<const Matrix> inverse(inverse_.data(), size, size);
    state.solved.noalias() = inverse * deviation;
  } else {
    const MahalanobisCache::State::Pattern& pattern = state.factorised(covariance_, n_items_);
    if (!pattern.problem.empty()) return not_available(pattern.problem, k);
    state.solved = pattern.llt.solve(deviation);
  }
  const double d2 = deviation.dot(state.solved);
  return {d2, chi_square_upper_tail(d2, k), k, {}};
}

}  // namespace attune

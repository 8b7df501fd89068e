// Mahalanobis distance of each respondent from the sample centroid (Mahalanobis 1936;
// Meade & Craig 2012; careless::mahad via psych::outlier), with its chi-square p-value.
#pragma once

#include <cstddef>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "attune/stats/pairwise_moments.h"

namespace attune {

// How a respondent with missing answers is measured.
enum class MahalanobisMissing {
  // D^2 over the answered items only: (x_o - m_o)' S_oo^-1 (x_o - m_o) with S_oo the
  // covariance sub-matrix of the answered items; df = number of answered items. This is the
  // Mahalanobis distance of the observed sub-vector, chi-square(df) under multivariate
  // normality. The default.
  answered_items,
  // psych::outlier (and so careless::mahad): the full inverse S^-1, summing d_i (S^-1)_ij d_j
  // over answered i, j only, i.e. the missing deviations set to 0 (mean imputation);
  // df = number of items, as careless::mahad's qchisq(confidence, ncol(x)).
  psych_outlier,
};

// One respondent's distance. NaN = NA, with `na_reason` saying why.
struct MahalanobisResult {
  double d_squared = 0;
  double p_value = 0;      // upper tail of chi-square(df) at d_squared
  std::size_t df = 0;      // items used
  std::string na_reason;   // empty unless d_squared is NA
};

// What one thread reuses from row to row in MahalanobisModel::distance: scratch vectors and the
// factorised covariance sub-matrices of the most recently seen patterns of missing answers
// (least recently used dropped first), so a pattern is factorised once, not once per row.
class MahalanobisCache {
 public:
  // Keeps at most `patterns` factorisations (each up to items^2 doubles); 0: as many as fit in
  // about 10 MiB per thread, from 256 to 4096 (for 36 items 1011: every pattern of one or two
  // missing answers and the rarer ones between their visits, which 256 or 809 could not: LRU thrashed).
  explicit MahalanobisCache(std::size_t patterns = 0);
  ~MahalanobisCache();
  // A copy keeps the capacity and starts empty (another thread's cache).
  MahalanobisCache(const MahalanobisCache& other);
  MahalanobisCache& operator=(const MahalanobisCache& other);
  MahalanobisCache(MahalanobisCache&&) noexcept;
  MahalanobisCache& operator=(MahalanobisCache&&) noexcept;
  struct State;

 private:
  friend class MahalanobisModel;
  std::unique_ptr<State> state_;
};

// The sample's centroid and covariance, built once from the accumulated sample statistics.
class MahalanobisModel {
 public:
  // Centroid = item means over available answers (colMeans(na.rm = TRUE), as psych::outlier);
  // covariance = cov(x, use = "pairwise") as psych::outlier. With complete data both equal
  // colMeans(x) and cov(x), so D^2 equals base R mahalanobis(x, colMeans(x), cov(x)).
  explicit MahalanobisModel(const PairwiseMoments& sample);

  // D^2 and p for one respondent's raw answers (NaN = missing). NA when no item is answered,
  // when a covariance entry needed is undefined (fewer than 2 respondents answered a pair), or
  // when the (sub-)matrix is not positive definite or its reciprocal condition number is below
  // machine epsilon (R's solve() would stop with "computationally singular").
  MahalanobisResult distance(std::span<const double> answers,
                             MahalanobisMissing rule = MahalanobisMissing::answered_items) const;
  // The same result, bit for bit, computed with `cache`'s scratch and factorisations (what the
  // screening loop calls; the overload above is the reference, proven equal in the unit tests).
  MahalanobisResult distance(std::span<const double> answers, MahalanobisMissing rule,
                             MahalanobisCache& cache) const;

  std::size_t n_items() const { return n_items_; }
  // Why the full covariance matrix cannot be inverted; empty when it can.
  const std::string& full_matrix_problem() const { return full_problem_; }

 private:
  std::size_t n_items_;
  std::vector<double> center_;
  std::vector<double> covariance_;  // row-major
  std::vector<double> inverse_;     // row-major S^-1, empty when not invertible
  std::string full_problem_;
};

// Upper-tail chi-square probability P(X > d_squared), X ~ chi-square(df) (Boost.Math);
// R's pchisq(d_squared, df, lower.tail = FALSE).
double chi_square_upper_tail(double d_squared, std::size_t df);

}  // namespace attune

// Sample statistics for the sample-based quality indices, accumulated one respondent at a time:
// per item pair, the count, means, sums of squares and co-moment over the respondents who
// answered both items (pairwise-complete, as R's cov()/cor(use = "pairwise.complete.obs")).
#pragma once

#include <cstddef>
#include <span>
#include <vector>

namespace attune {

class PairwiseMoments {
 public:
  // Statistics over `n_items` items; every row added must have exactly that many values.
  explicit PairwiseMoments(std::size_t n_items);

  // Adds one respondent's raw answers (NaN = missing). Throws usage_error on a wrong length.
  void add(std::span<const double> answers);

  std::size_t n_items() const { return n_items_; }
  std::size_t n_rows() const { return n_rows_; }
  // Respondents who answered both items i and j (i == j: item i).
  std::size_t pair_count(std::size_t i, std::size_t j) const;
  // Mean of item i over the respondents who answered it (colMeans(x, na.rm = TRUE)).
  double mean(std::size_t i) const;
  // cov(x, use = "pairwise")[i, j]; NaN when fewer than 2 respondents answered both.
  double covariance(std::size_t i, std::size_t j) const;
  // cor(x, use = "pairwise.complete.obs")[i, j]; NaN when undefined (n < 2 or zero variance).
  double correlation(std::size_t i, std::size_t j) const;
  // The whole covariance matrix, row-major n_items x n_items.
  std::vector<double> covariance_matrix() const;

 private:
  struct Pair {
    std::size_t n = 0;
    double mean_i = 0, mean_j = 0, m2_i = 0, m2_j = 0, comoment = 0;
  };
  const Pair& pair(std::size_t i, std::size_t j) const;
  std::size_t n_items_;
  std::size_t n_rows_ = 0;
  std::vector<Pair> pairs_;  // upper triangle incl. diagonal, row-major
};

}  // namespace attune

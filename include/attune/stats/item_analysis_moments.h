// One pass over the responses collecting everything item analysis needs, in constant memory.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "attune/stats/dense_matrix.h"
#include "attune/stats/pairwise_moments.h"
#include "attune/stats/response_freq.h"
#include "attune/stats/scale_key.h"

namespace attune {

// What psych::alpha needs about one keyed scale, taken from the accumulated moments.
struct ScaleMoments {
  DenseMatrix covariance;             // keyed items, R: cov(x, use = "pairwise")
  DenseMatrix correlation;            // keyed items, R: cor(x, use = "pairwise") (pair's own sds)
  std::vector<std::size_t> item_n;    // item.stats "n": rows answering the item
  std::vector<double> item_mean;      // item.stats "mean" of the KEYED item, na.rm
  std::vector<double> item_sd;        // item.stats "sd", na.rm
  std::vector<double> item_total_r;   // item.stats "raw.r": cor(total, keyed item, pairwise)
  double total_mean = 0;              // total "mean": mean of the row means of keyed items
  double total_sd = 0;                // total "sd"
  std::size_t rows = 0;               // all rows read (psych's nsub, used by ase and Feldt)
};

// Accumulates, row by row: pairwise moments of every data column plus, per scale, the row's
// scale score (mean of the answered keyed items, psych::alpha's "total"; NA if none answered),
// and per column the response counts. The score column holds k * score - centre (k items,
// centre the whole number nearest k * (min + max) / 2): for a row of whole answers to all k
// items that is a small whole number, which PairwiseMoments sums exactly; correlations do not
// change, and scale_moments() turns the mean and sd back into the score's units.
class ItemAnalysisMoments {
 public:
  // `columns` values per row; every scale key is validated against it.
  ItemAnalysisMoments(std::size_t columns, std::vector<ScaleKey> scales);

  // Adds one row of raw (unreversed) responses, NaN = missing: extend_row(), then the extended
  // row to the pair moments.
  void add_row(std::span<const double> row);
  // The first half of add_row(): counts the row's responses and writes into `extended`
  // (extended_size() values) the row followed by its scale columns. It does not touch the pair
  // moments, so another thread may sum the extended rows (see adopt_pair_moments).
  void extend_row(std::span<const double> row, std::span<double> extended);
  // Replaces the pair moments by `moments`, those of every extended row summed elsewhere (on
  // another thread, with its own PairwiseMoments(extended_size())).
  void adopt_pair_moments(PairwiseMoments moments);
  // Values in an extended row: the columns, then one per scale.
  std::size_t extended_size() const { return columns_ + scales_.size(); }

  std::size_t rows() const { return moments_.rows(); }
  std::size_t columns() const { return columns_; }
  const std::vector<ScaleKey>& scales() const { return scales_; }
  // Pairwise moments over the columns followed by one column per scale (k * score - centre).
  const PairwiseMoments& moments() const { return moments_; }
  // Response counts of data column c.
  const ResponseCounts& responses(std::size_t c) const { return responses_.at(c); }

  // The keyed moments of scale s (reversed items: mean min + max - mean, covariances negated).
  ScaleMoments scale_moments(std::size_t s) const;
  // psych::response.frequencies of scale s's raw items.
  ResponseFrequencies scale_response_frequencies(std::size_t s) const;

 private:
  std::size_t columns_;
  std::vector<ScaleKey> scales_;
  PairwiseMoments moments_;
  std::vector<ResponseCounts> responses_;
  std::vector<double> extended_row_;
  std::vector<double> centres_;  // per scale: what its score column is taken about
  // Per scale, its items' keyed values as offset + sign * x (offset min + max, sign -1 if reversed).
  struct KeyedTerm {
    std::size_t column;
    double offset, sign;
  };
  std::vector<std::vector<KeyedTerm>> terms_;
};

// The keyed item responses of one scale (rows x items), for the bootstrap, which needs the
// data: reversed items become min + max - x.
DenseMatrix keyed_items(const DenseMatrix& data, const ScaleKey& key);

}  // namespace attune

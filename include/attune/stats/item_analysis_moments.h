// One pass over the responses collecting everything item analysis needs, in constant memory.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <vector>

#include "attune/responses/likert_coding.h"
#include "attune/stats/co_moments.h"
#include "attune/stats/dense_matrix.h"
#include "attune/stats/pairwise_moments.h"
#include "attune/stats/response_freq.h"
#include "attune/stats/scale_key.h"

namespace attune {

class LikertMoments;

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

// Accumulates, row by row, everything psych::alpha needs: pairwise moments of every data
// column, per scale the moments of its total (mean of the answered keyed items, psych's
// "total"; NA if none answered) with itself and with its items, and per column the response
// counts. Rows whose answers are all whole numbers of the response range (or missing) take the
// exact Likert path (LikertMoments, fed codes: add_codes, or add_row, which encodes); other
// rows take the general one: PairwiseMoments over the row extended by one column per scale
// holding k * total - centre (k items, centre the whole number nearest k * (min + max) / 2).
// The two parts are combined when asked (Chan et al. 1979; an empty part changes nothing).
class ItemAnalysisMoments {
 public:
  // `columns` values per row; every scale key is validated against it.
  ItemAnalysisMoments(std::size_t columns, std::vector<ScaleKey> scales);
  ~ItemAnalysisMoments();
  ItemAnalysisMoments(ItemAnalysisMoments&&) noexcept;
  ItemAnalysisMoments& operator=(ItemAnalysisMoments&&) noexcept;

  // Adds one row of raw (unreversed) responses, NaN = missing, to the Likert path if it
  // encodes, else extend_row() and the extended row to the pair moments.
  void add_row(std::span<const double> row);

  // The coding of the rows the Likert path takes (the scales' range has one and the scales
  // fit: LikertMoments::fits), or nullopt.
  const std::optional<LikertCoding>& coding() const { return coding_; }
  // The Likert codes of a row into `codes` (columns() bytes): true when every value has one
  // (LikertCoding::encode), false (codes unspecified) when a row must take the general path.
  bool encode(std::span<const double> row, std::uint8_t* codes) const;
  // Adds `count` rows of Likert codes (columns() bytes each); only with a coding().
  void add_codes(const std::uint8_t* rows, std::size_t count);
  // An empty LikertMoments (stats/likert_moments.h) of this shape, for another thread to add
  // codes to, then adopt_likert_moments(); only with a coding().
  LikertMoments new_likert_moments() const;
  // Replaces the Likert sums by `moments` (from new_likert_moments(), filled elsewhere).
  void adopt_likert_moments(LikertMoments moments);

  // The general path's first half: counts the row's responses and writes into `extended`
  // (extended_size() values) the row followed by its scale columns. It does not touch the pair
  // moments, so another thread may sum the extended rows (see adopt_pair_moments).
  void extend_row(std::span<const double> row, std::span<double> extended);
  // Replaces the general path's pair moments by `moments`, those of every extended row summed
  // elsewhere (on another thread, with its own PairwiseMoments(extended_size())).
  void adopt_pair_moments(PairwiseMoments moments);
  // Values in an extended row: the columns, then one per scale.
  std::size_t extended_size() const { return columns_ + scales_.size(); }

  // Rows added, by either path.
  std::size_t rows() const;
  std::size_t columns() const { return columns_; }
  const std::vector<ScaleKey>& scales() const { return scales_; }
  // Columns i and j over the rows answering both.
  CoMoments item_moments(std::size_t i, std::size_t j) const;
  // Rows answering column c.
  std::size_t item_n(std::size_t c) const;
  // Column c's sd (R: sd(x, na.rm = TRUE)).
  double item_sd(std::size_t c) const;
  // Pairwise-complete covariance of columns i and j (R: cov(x, use = "pairwise")).
  double item_covariance(std::size_t i, std::size_t j) const;
  // Response counts of data column c.
  ResponseCounts responses(std::size_t c) const;

  // The keyed moments of scale s (reversed items: mean min + max - mean, covariances negated).
  ScaleMoments scale_moments(std::size_t s) const;
  // psych::response.frequencies of scale s's raw items.
  ResponseFrequencies scale_response_frequencies(std::size_t s) const;

 private:
  // The general path's moments of scale s's column with column c (c == columns_ + s: alone),
  // in the total's units.
  CoMoments general_total(std::size_t s, std::size_t c) const;

  std::size_t columns_;
  std::vector<ScaleKey> scales_;
  PairwiseMoments moments_;
  std::optional<LikertCoding> coding_;
  std::unique_ptr<LikertMoments> likert_;   // when coding()
  std::vector<ResponseCounts> responses_;
  std::vector<double> extended_row_;
  std::vector<std::uint8_t> codes_row_;
  std::vector<double> centres_;  // per scale: what its general column is taken about
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

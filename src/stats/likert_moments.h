// Private to src/stats: exact single-pass moments of Likert answers, the fast path of
// ItemAnalysisMoments.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "attune/responses/likert_coding.h"
#include "attune/stats/co_moments.h"
#include "attune/stats/exact_pair_sums.h"
#include "attune/stats/scale_key.h"
#include "attune/util/simd_level.h"

namespace attune {

// Rows of answers on one scale of whole numbers min..max (2 to 15 levels), each held as a byte
// code (0 no answer, v the answer min - 1 + v), summed a block of 1,024 rows at a time by the
// byte kernels into exact integer sums: per column the count of each code; per column pair
// the sum of products and, for the rows where one is unanswered, what to take off the other's
// totals; per scale, grouped by how many of its items a row left unanswered (its class), the
// keyed sum's deviation from the class's centre with each item. From these every moment
// psych::alpha needs follows exactly: item pairs, and each scale's total (the mean of the
// answered keyed items) with its items. Memory does not depend on the number of rows.
class LikertMoments {
 public:
  // Whether answers min..max to `columns` columns keyed by `scales` can be summed here: min..max
  // has a Likert coding (LikertCoding::of_range), each scale is on that range with k items
  // where k * (levels - 1) <= 253 (its keyed sum then lies within 127 of its centre).
  static bool fits(std::size_t columns, const std::vector<ScaleKey>& scales, double min, double max);

  // `level` chooses the kernels (byte_kernels; the CPU must run them). Throws a usage Error
  // unless fits().
  LikertMoments(std::size_t columns, std::vector<ScaleKey> scales, double min, double max,
                SimdLevel level = simd_level());
  ~LikertMoments();
  LikertMoments(LikertMoments&&) noexcept;
  LikertMoments& operator=(LikertMoments&&) noexcept;

  // Adds `count` rows of codes in coding(); row r is rows[r * columns() .. + columns()).
  void add(const std::uint8_t* rows, std::size_t count);

  std::size_t columns() const;
  // The coding of min..max, which the rows added are in.
  LikertCoding coding() const;
  // Rows added so far.
  std::size_t rows() const;
  // Columns i and j (answers) over the rows answering both: exact sums (i's as sx, sxx), and
  // the moments they give.
  ExactPairSums item_sums(std::size_t i, std::size_t j) const;
  CoMoments items(std::size_t i, std::size_t j) const;
  // Scale s's total (mean of its answered keyed items, psych::alpha's) as variable i and its
  // item at `position` (the raw answer) as j, over the rows answering that item.
  CoMoments total_with_item(std::size_t s, std::size_t position) const;
  // Scale s's total over the rows answering any of its items (mean_j, ss_j, cross: the same).
  CoMoments total(std::size_t s) const;
  // Rows giving column c each code: [0] no answer, [v] the answer min - 1 + v (v <= levels).
  std::vector<std::uint64_t> code_counts(std::size_t c) const;

 private:
  struct State;
  // Sums the rows waiting for a full block (queries call it: they are const, the sums are not).
  void settle() const;
  std::unique_ptr<State> state_;
};

}  // namespace attune

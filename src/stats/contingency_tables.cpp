#include <algorithm>
#include <string>

#include "attune/stats/polychoric.h"
#include "attune/util/error.h"

namespace attune {

ContingencyTables::ContingencyTables(std::size_t items, unsigned levels)
    : items_(items), levels_(levels), stride_((levels + 1u) * (levels + 1u)) {
  if (levels < 2 || levels > 15)
    throw usage_error("contingency tables need 2 to 15 answer levels, not " + std::to_string(levels));
  pairs_.assign(items * (items > 0 ? items - 1 : 0) / 2 * stride_, 0);
  singles_.assign(items * (levels + 1u), 0);
}

std::size_t ContingencyTables::pair_offset(std::size_t i, std::size_t j) const {
  // Pairs (i, j), i < j, in row order of the upper triangle.
  return (i * (2 * items_ - i - 1) / 2 + (j - i - 1)) * stride_;
}

void ContingencyTables::add_row(const std::uint8_t* codes) {
  for (std::size_t i = 0; i < items_; ++i)
    if (codes[i] > levels_)
      throw usage_error("contingency tables: code " + std::to_string(codes[i]) + " of item " +
                        std::to_string(i + 1) + " is above " + std::to_string(levels_));
  const std::size_t width = levels_ + 1u;
  std::uint64_t* cell = pairs_.data();
  for (std::size_t i = 0; i < items_; ++i) {
    ++singles_[i * width + codes[i]];
    // Code 0 (no answer) has its own row and column, so the loop needs no branch.
    const std::size_t row = codes[i] * width;
    for (std::size_t j = i + 1; j < items_; ++j, cell += stride_) ++cell[row + codes[j]];
  }
  ++rows_;
}

void ContingencyTables::add_rows(const std::uint8_t* rows, std::size_t count) {
  for (std::size_t r = 0; r < count; ++r) add_row(rows + r * items_);
}

void ContingencyTables::merge(const ContingencyTables& other) {
  if (other.items_ != items_ || other.levels_ != levels_)
    throw usage_error("contingency tables of different items or levels cannot be merged");
  std::transform(pairs_.begin(), pairs_.end(), other.pairs_.begin(), pairs_.begin(), std::plus<>());
  std::transform(singles_.begin(), singles_.end(), other.singles_.begin(), singles_.begin(), std::plus<>());
  rows_ += other.rows_;
}

std::uint64_t ContingencyTables::count(std::size_t i, std::size_t j, unsigned a, unsigned b) const {
  if (i > j) return count(j, i, b, a);
  return pairs_[pair_offset(i, j) + a * (levels_ + 1u) + b];
}

std::uint64_t ContingencyTables::marginal(std::size_t i, unsigned a) const { return singles_[i * (levels_ + 1u) + a]; }

}  // namespace attune

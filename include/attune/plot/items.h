// Item response distributions: per item, how many respondents gave each answer on the
// response scale, how many left it missing, and whether the item is reverse-keyed; streamed
// row by row (counts only), drawn as one small bar chart per item.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace attune::plot {

// One item's counts: `answers[k]` respondents answered the k-th whole value of the scale.
struct ItemCounts {
  std::string label;          // e.g. "item 3 (ecr_3)"
  bool reversed = false;
  std::vector<std::uint64_t> answers;
  std::uint64_t missing = 0;
  std::uint64_t between = 0;  // answers that are not one of the whole values (e.g. 2.5)
};

// Counts answers of items over a response scale of whole values lo..hi.
class ItemTally {
 public:
  // `labels` and `reversed` per item; the scale's whole answers from `lo` to `hi`.
  ItemTally(std::vector<std::string> labels, std::vector<bool> reversed, double lo, double hi);
  // Adds one respondent's answers (one value per item, NaN missing).
  void add(std::span<const double> answers);
  const std::vector<ItemCounts>& items() const { return items_; }
  double lo() const { return lo_; }
  double hi() const { return hi_; }
  std::uint64_t respondents() const { return respondents_; }

 private:
  std::vector<ItemCounts> items_;
  double lo_, hi_;
  std::uint64_t respondents_ = 0;
};

// The small multiples as a self-contained SVG document titled `title` (deterministic bytes).
std::string items_svg(const std::string& title, const ItemTally& tally);

}  // namespace attune::plot

// Response frequencies per item, including the missing share (psych::response.frequencies).
#pragma once

#include <array>
#include <cstddef>
#include <map>
#include <vector>

#include "attune/stats/dense_matrix.h"

namespace attune {

// Counts of each distinct response of one item, accumulated one value at a time.
struct ResponseCounts {
  static constexpr int kSmallLow = -64, kSmallHigh = 63;  // whole numbers counted in `small`
  std::array<std::size_t, kSmallHigh - kSmallLow + 1> small{};  // whole response v at v - kSmallLow
  std::map<double, std::size_t> other;   // every other response value -> rows giving it
  std::size_t missing = 0;               // rows with no response (NaN)

  // Counts one response; NaN counts as missing.
  void add(double x) {
    if (x >= kSmallLow && x <= kSmallHigh) {
      const int v = static_cast<int>(x);
      if (static_cast<double>(v) == x) {
        add_small(v);
        return;
      }
    }
    add_other(x);
  }
  // add() for a whole number v in [kSmallLow, kSmallHigh].
  void add_small(int v) { ++small[static_cast<std::size_t>(v - kSmallLow)]; }
  // Every response value given -> rows giving it, ascending.
  std::map<double, std::size_t> table() const;

 private:
  // add() for a value that is not a whole number in [kSmallLow, kSmallHigh].
  void add_other(double x);
};

// psych::response.frequencies(items) of one scale's raw (unreversed) item responses.
struct ResponseFrequencies {
  std::vector<double> values;    // the distinct responses over all the scale's items, ascending
  DenseMatrix proportions;       // item x value: share of the item's NON-missing responses
  std::vector<double> missing;   // "miss": share of all rows with no response to the item
};

// Frequencies for the given items. Unlike psych (which returns NULL when an item has more
// than `max` = 10 categories), attune always tabulates. An item with no response at all gets
// NA proportions and miss = 1.
ResponseFrequencies response_frequencies(const std::vector<const ResponseCounts*>& items, std::size_t rows);

}  // namespace attune

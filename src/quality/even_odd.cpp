#include "attune/quality/even_odd.h"

#include <cmath>

#include <fmt/format.h>

#include "attune/util/error.h"
#include "pearson.h"

namespace attune {

namespace {

// Mean of the answered values at positions first, first + 2, ... of `items`; NaN if none.
double half_mean(std::span<const double> scored, const std::vector<std::size_t>& items,
                 std::size_t first) {
  double sum = 0;
  std::size_t n = 0;
  for (std::size_t pos = first; pos < items.size(); pos += 2) {
    if (items[pos] >= scored.size()) {
      throw usage_error(fmt::format("even-odd: item index {} is out of range (the row has {})",
                                    items[pos], scored.size()));
    }
    const double x = scored[items[pos]];
    if (!std::isnan(x)) {
      sum += x;
      ++n;
    }
  }
  return n ? sum / static_cast<double>(n) : NAN;
}

}  // namespace

// Johnson 2005 even-odd index; careless::evenodd (sign reversed there since 1.2.1).
EvenOddResult even_odd(std::span<const double> scored,
                       const std::vector<std::vector<std::size_t>>& scales) {
  if (scales.size() < even_odd_min_scales) {   // NA whatever the answers: only count the scales used
    std::size_t used = 0;
    for (const auto& items : scales) used += !std::isnan(half_mean(scored, items, 0)) && !std::isnan(half_mean(scored, items, 1));
    return {NAN, NAN, used};
  }
  std::vector<double> odd, even;
  for (const auto& items : scales) {
    const double o = half_mean(scored, items, 0);  // positions 1, 3, 5, ... (1-based)
    const double e = half_mean(scored, items, 1);  // positions 2, 4, 6, ...
    if (std::isnan(o) || std::isnan(e)) continue;
    odd.push_back(o);
    even.push_back(e);
  }
  EvenOddResult result{NAN, NAN, odd.size()};
  if (odd.size() < even_odd_min_scales) return result;
  const double r = detail::pearson(odd, even);
  if (std::isnan(r)) return result;
  result.correlation = r;
  // Spearman-Brown prophecy for a doubled test; r = -1 gives -inf, floored at -1 (careless).
  const double corrected = 2 * r / (1 + r);
  result.consistency = corrected < -1 ? -1.0 : corrected;
  return result;
}

}  // namespace attune

#include "attune/stats/order_statistics.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace attune {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::vector<double> present(std::vector<double> values) {
  std::erase_if(values, [](double v) { return std::isnan(v); });
  return values;
}
}  // namespace

// R stats::median: middle value, or the mean of the two middle values.
double median_of(std::vector<double> values) {
  values = present(std::move(values));
  if (values.empty()) return kNaN;
  const std::size_t n = values.size();
  const std::size_t half = n / 2;
  std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(half), values.end());
  const double upper = values[half];
  if (n % 2 == 1) return upper;
  const double lower = *std::max_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(half));
  return (lower + upper) / 2;
}

// Hyndman & Fan 1996 type 7 as R computes it: index = 1 + (n - 1) p, (1 - h) x[lo] + h x[hi].
double quantile_type7(std::vector<double> values, double probability) {
  values = present(std::move(values));
  if (values.empty()) return kNaN;
  std::sort(values.begin(), values.end());
  const double index = 1 + (static_cast<double>(values.size()) - 1) * probability;  // 1-based, as R
  const double lo1 = std::floor(index);
  const auto lo = static_cast<std::size_t>(lo1) - 1;
  const auto hi = static_cast<std::size_t>(std::ceil(index)) - 1;
  const double at_lo = values[lo];
  if (!(index > lo1) || values[hi] == at_lo) return at_lo;
  const double h = index - lo1;
  return (1 - h) * at_lo + h * values[hi];
}

// R stats::var: two-pass sum of squared deviations / (n - 1).
double variance_of(const std::vector<double>& all) {
  const std::vector<double> values = present(all);
  if (values.size() < 2) return kNaN;
  double mean = 0;
  for (double v : values) mean += v;
  mean /= static_cast<double>(values.size());
  double ss = 0;
  for (double v : values) ss += (v - mean) * (v - mean);
  return ss / (static_cast<double>(values.size()) - 1);
}

}  // namespace attune

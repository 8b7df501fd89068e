#include "attune/stats/response_freq.h"

#include <cmath>
#include <limits>
#include <set>

namespace attune {

void ResponseCounts::add(double x) {
  if (std::isnan(x)) {
    ++missing;
  } else {
    ++counts[x];
  }
}

// psych::response.frequencies: table(x) / non-missing count; miss = 1 - non-missing / rows.
ResponseFrequencies response_frequencies(const std::vector<const ResponseCounts*>& items, std::size_t rows) {
  ResponseFrequencies out;
  std::set<double> distinct;
  for (const ResponseCounts* item : items)
    for (const auto& [value, count] : item->counts) distinct.insert(value);
  out.values.assign(distinct.begin(), distinct.end());
  out.proportions = DenseMatrix(items.size(), out.values.size());
  out.missing.resize(items.size());
  for (std::size_t i = 0; i < items.size(); ++i) {
    std::size_t responses = 0;
    for (const auto& [value, count] : items[i]->counts) responses += count;
    for (std::size_t v = 0; v < out.values.size(); ++v) {
      const auto found = items[i]->counts.find(out.values[v]);
      const double count = found == items[i]->counts.end() ? 0.0 : static_cast<double>(found->second);
      out.proportions(i, v) = responses ? count / static_cast<double>(responses)
                                        : std::numeric_limits<double>::quiet_NaN();
    }
    out.missing[i] = rows ? 1 - static_cast<double>(responses) / static_cast<double>(rows)
                          : std::numeric_limits<double>::quiet_NaN();
  }
  return out;
}

}  // namespace attune

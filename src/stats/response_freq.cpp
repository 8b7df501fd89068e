#include "attune/stats/response_freq.h"

#include <cmath>
#include <limits>
#include <set>

namespace attune {

void ResponseCounts::add_other(double x) {
  if (std::isnan(x)) {
    ++missing;
  } else {
    ++other[x];
  }
}

std::map<double, std::size_t> ResponseCounts::table() const {
  std::map<double, std::size_t> all = other;
  for (std::size_t v = 0; v < small.size(); ++v)
    if (small[v]) all[static_cast<double>(static_cast<int>(v) + kSmallLow)] += small[v];
  return all;
}

// psych::response.frequencies: table(x) / non-missing count; miss = 1 - non-missing / rows,
// computed as (rows - non-missing) / rows: counts are exact, so one correctly rounded division
// (psych's subtraction after the division leaves noise such as 0.025000000000000022).
ResponseFrequencies response_frequencies(const std::vector<const ResponseCounts*>& items, std::size_t rows) {
  ResponseFrequencies out;
  std::vector<std::map<double, std::size_t>> tables;
  for (const ResponseCounts* item : items) tables.push_back(item->table());
  std::set<double> distinct;
  for (const auto& table : tables)
    for (const auto& [value, count] : table) distinct.insert(value);
  out.values.assign(distinct.begin(), distinct.end());
  out.proportions = DenseMatrix(items.size(), out.values.size());
  out.missing.resize(items.size());
  for (std::size_t i = 0; i < items.size(); ++i) {
    std::size_t responses = 0;
    for (const auto& [value, count] : tables[i]) responses += count;
    for (std::size_t v = 0; v < out.values.size(); ++v) {
      const auto found = tables[i].find(out.values[v]);
      const double count = found == tables[i].end() ? 0.0 : static_cast<double>(found->second);
      out.proportions(i, v) = responses ? count / static_cast<double>(responses)
                                        : std::numeric_limits<double>::quiet_NaN();
    }
    out.missing[i] = rows ? static_cast<double>(rows - responses) / static_cast<double>(rows)
                          : std::numeric_limits<double>::quiet_NaN();
  }
  return out;
}

}  // namespace attune

#include "attune/classify/tie.h"

#include <algorithm>
#include <cmath>

namespace attune {

std::vector<Pattern> patterns_at_maximum(const std::array<double, 4>& values) {
  if (std::any_of(values.begin(), values.end(), [](double v) { return std::isnan(v); })) return {};
  const double top = *std::max_element(values.begin(), values.end());
  std::vector<Pattern> out;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (values[i] == top) out.push_back(all_patterns[i]);
  }
  return out;
}

std::string tie_label(const std::vector<Pattern>& tied) {
  std::string label = "tie:";
  for (std::size_t i = 0; i < tied.size(); ++i) {
    if (i) label += '+';
    label += pattern_name(tied[i]);
  }
  return label;
}

Classification classify_by_maximum(const std::array<double, 4>& values) {
  const auto top = patterns_at_maximum(values);
  if (top.empty()) return Classification::unclassified();
  if (top.size() == 1) return Classification::of(top.front());
  Classification c;
  c.label = tie_label(top);
  return c;
}

}  // namespace attune

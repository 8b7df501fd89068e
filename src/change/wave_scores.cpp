#include "attune/change/wave_scores.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <numeric>

#include "attune/util/error.h"
#include "attune/util/text.h"

namespace attune {

std::optional<std::uint64_t> WaveScores::add(std::string_view id, std::uint64_t row, std::span<const double> scores,
                                             std::string_view pattern, bool borderline) {
  if (auto seen = index_.find(id); seen != index_.end()) return rows_[seen->second];
  if (ids_.size() >= UINT32_MAX) throw data_error({}, "more than 4,294,967,295 respondents in one wave");
  ids_.emplace_back(id);
  index_.emplace(ids_.back(), static_cast<std::uint32_t>(ids_.size() - 1));
  rows_.push_back(row);
  scores_.insert(scores_.end(), scores.begin(), scores.end());
  auto label = std::find(labels_.begin(), labels_.end(), pattern);
  if (label == labels_.end()) {
    if (labels_.size() >= UINT16_MAX) throw data_error({}, "more than 65,535 different pattern labels in one wave");
    label = labels_.insert(labels_.end(), std::string(pattern));
  }
  pattern_.push_back(static_cast<std::uint16_t>(label - labels_.begin()));
  borderline_.push_back(borderline ? 1 : 0);
  return std::nullopt;
}

std::optional<std::size_t> WaveScores::find(std::string_view id) const {
  auto at = index_.find(id);
  if (at == index_.end()) return std::nullopt;
  return at->second;
}

std::vector<std::size_t> order_waves(const std::vector<std::string>& names, bool* numeric) {
  std::vector<std::size_t> order(names.size());
  std::iota(order.begin(), order.end(), 0);
  std::vector<double> values;
  for (const auto& name : names) {
    std::string_view text = trim(name);
    double value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) {
      if (numeric) *numeric = false;
      return order;
    }
    values.push_back(value);
  }
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return values[a] < values[b]; });
  if (numeric) *numeric = true;
  return order;
}

std::vector<std::pair<std::size_t, std::size_t>> wave_pairs(std::size_t waves, WavePairs choice) {
  std::vector<std::pair<std::size_t, std::size_t>> pairs;
  if (waves < 2) return pairs;
  if (choice != WavePairs::first_last) {
    for (std::size_t w = 1; w < waves; ++w) pairs.emplace_back(w - 1, w);
  }
  if (choice != WavePairs::consecutive && (choice == WavePairs::first_last || waves > 2)) pairs.emplace_back(0, waves - 1);
  return pairs;
}

}  // namespace attune

#include "attune/change/wave_scores.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <numeric>

#include "attune/util/error.h"
#include "attune/util/text.h"

namespace attune {

std::size_t WaveScores::probe(std::string_view id, std::uint64_t hash) const {
  const std::size_t mask = slots_.size() - 1;
  const auto tag = static_cast<std::uint32_t>(hash);
  for (std::size_t at = (hash >> 32) & mask;; at = (at + 1) & mask) {
    const Slot& slot = slots_[at];
    if (slot.index == 0 || (slot.hash == tag && this->id(slot.index - 1) == id)) return at;
  }
}

void WaveScores::grow() {
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(old.empty() ? 1024 : old.size() * 2, Slot{});
  for (const Slot& slot : old) {
    if (slot.index == 0) continue;
    const std::uint64_t hash = std::hash<std::string_view>{}(id(slot.index - 1));
    slots_[probe(id(slot.index - 1), hash)] = slot;
  }
}

std::optional<std::uint64_t> WaveScores::add(std::string_view id, std::uint64_t row, std::span<const double> scores,
                                             std::string_view pattern, bool borderline) {
  if (ends_.size() >= UINT32_MAX - 1) throw data_error({}, "more than 4,294,967,294 respondents in one wave");
  if ((ends_.size() + 1) * 2 > slots_.size()) grow();
  const std::uint64_t hash = std::hash<std::string_view>{}(id);
  const std::size_t at = probe(id, hash);
  if (slots_[at].index != 0) return rows_[slots_[at].index - 1];
  pool_.append(id);
  ends_.push_back(pool_.size());
  slots_[at] = {static_cast<std::uint32_t>(hash), static_cast<std::uint32_t>(ends_.size())};
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
  if (slots_.empty()) return std::nullopt;
  const std::size_t at = probe(id, std::hash<std::string_view>{}(id));
  if (slots_[at].index == 0) return std::nullopt;
  return slots_[at].index - 1;
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

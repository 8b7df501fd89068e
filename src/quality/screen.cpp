#include "attune/quality/screen.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "attune/quality/irv.h"
#include "attune/quality/mahalanobis.h"
#include "attune/stats/pairwise_moments.h"
#include "attune/util/error.h"

namespace attune {

namespace {

// One scale's keys sorted by published item number.
std::vector<KeyedItem> keys_in_item_order(const Instrument& instrument, const Scale& scale) {
  std::vector<KeyedItem> keys = scale.keys;
  std::stable_sort(keys.begin(), keys.end(), [&](const KeyedItem& a, const KeyedItem& b) {
    return instrument.items.at(a.item).number < instrument.items.at(b.item).number;
  });
  return keys;
}

void check_length(std::size_t got, std::size_t want, const std::string& what) {
  if (got != want) throw usage_error(fmt::format("{}: {} values given, {} expected", what, got, want));
}

// Throws a usage Error unless `order` is empty or names each of the `n_items` items once.
void check_order(const std::vector<std::size_t>& order, std::size_t n_items) {
  if (order.empty()) return;
  check_length(order.size(), n_items, "longstring order");
  std::vector<bool> seen(n_items, false);
  for (std::size_t item : order) {
    if (item >= n_items || seen[item]) throw usage_error("longstring order: each item must appear once");
    seen[item] = true;
  }
}

}  // namespace

std::vector<std::vector<std::size_t>> even_odd_scales(const Instrument& instrument) {
  std::vector<std::vector<std::size_t>> scales;
  for (const Scale& scale : instrument.scales) {
    if (scale.keys.size() < 2) continue;
    std::vector<std::size_t> items;
    for (const KeyedItem& key : keys_in_item_order(instrument, scale)) items.push_back(key.item);
    scales.push_back(std::move(items));
  }
  return scales;
}

Screener::Screener(const Instrument& instrument, const PairwiseMoments& sample, const QualityThresholds& thresholds,
                   std::vector<std::size_t> longstring_order, std::vector<AttentionCheck> checks)
    : scale_(instrument.response),
      thresholds_(thresholds),
      longstring_order_(std::move(longstring_order)),
      checks_(std::move(checks)),
      model_(sample),
      synonyms_(find_item_pairs(sample, thresholds.psychsyn_critical_r, PairKind::synonyms)),
      antonyms_(find_item_pairs(sample, thresholds.psychsyn_critical_r, PairKind::antonyms)) {
  check_order(longstring_order_, instrument.items.size());
  // Even-odd works on keyed values: each multi-item scale's items, reverse-scored where keyed
  // so, laid end to end (an item may be keyed differently in two scales).
  for (const Scale& scale : instrument.scales) {
    if (scale.keys.size() >= 2) keyed_scales_.push_back(keys_in_item_order(instrument, scale));
  }
  std::size_t position = 0;
  for (const auto& keys : keyed_scales_) {
    keyed_positions_.emplace_back();
    for (std::size_t k = 0; k < keys.size(); ++k) keyed_positions_.back().push_back(position++);
  }
  keyed_.resize(position);
  in_order_.resize(longstring_order_.size());
}

RespondentQuality Screener::assess(std::span<const double> row, std::span<const double> check_values,
                                   double duration) {
  RespondentQuality q;
  if (in_order_.empty()) {
    q.longstring = longstring(row);
  } else {
    for (std::size_t k = 0; k < in_order_.size(); ++k) in_order_[k] = row[longstring_order_[k]];
    q.longstring = longstring(in_order_);
  }
  q.irv = irv(row);
  q.mahalanobis = model_.distance(row, thresholds_.mahalanobis_missing, mahalanobis_cache_);
  if (keyed_scales_.size() < even_odd_min_scales) {
    q.even_odd = {NAN, NAN, scales_with_both_halves(row)};   // NA whatever the answers
  } else {
    std::size_t at = 0;
    for (const auto& keys : keyed_scales_) {
      for (const KeyedItem& key : keys) {
        const double x = row[key.item];
        keyed_[at++] = key.reversed && !std::isnan(x) ? scale_.reverse(x) : x;
      }
    }
    q.even_odd = even_odd(keyed_, keyed_positions_);
  }
  q.psychsyn = psychsyn(row, synonyms_);
  q.psychant = psychsyn(row, antonyms_);
  if (!checks_.empty()) {
    if (check_values.empty()) throw usage_error("attention checks declared but no values given");
    q.attention = attention(check_values, checks_);
  }
  q.duration = duration;
  return q;
}

std::size_t Screener::scales_with_both_halves(std::span<const double> row) const {
  // A half's mean is NaN exactly when none of its items is answered (reverse-keying keeps an
  // answer an answer), so the scales even_odd() would count need no means.
  std::size_t used = 0;
  for (const auto& keys : keyed_scales_) {
    bool odd = false, even = false;
    for (std::size_t k = 0; k < keys.size() && !(odd && even); ++k) {
      bool& half = k % 2 == 0 ? odd : even;
      half = half || !std::isnan(row[keys[k].item]);
    }
    used += odd && even;
  }
  return used;
}

QualityReport Screener::sample_report() const {
  QualityReport report;
  report.synonym_pairs = synonyms_.size();
  report.antonym_pairs = antonyms_.size();
  report.even_odd_scales = keyed_scales_.size();
  report.mahalanobis_problem = model_.full_matrix_problem();
  return report;
}

QualityReport screen(const Instrument& instrument, const QualityInput& input,
                     const QualityThresholds& thresholds) {
  const std::size_t n_items = instrument.items.size();
  const std::size_t n = input.items.size();
  if (!input.check_values.empty()) check_length(input.check_values.size(), n, "attention-check rows");
  if (!input.durations.empty()) check_length(input.durations.size(), n, "durations");

  check_order(input.longstring_order, n_items);
  // Pass 1: sample statistics over the raw answers.
  PairwiseMoments sample(n_items);
  for (std::size_t r = 0; r < n; ++r) {
    check_length(input.items[r].size(), n_items, fmt::format("respondent {}'s items", r + 1));
    sample.add(input.items[r]);
  }
  // Pass 2: each respondent's indices.
  Screener screener(instrument, sample, thresholds, input.longstring_order, input.checks);
  QualityReport report = screener.sample_report();
  for (std::size_t r = 0; r < n; ++r) {
    if (!input.checks.empty() && input.check_values.empty())
      throw usage_error("attention checks declared but no values given");
    std::span<const double> checks;
    if (!input.check_values.empty()) checks = input.check_values[r];
    report.respondents.push_back(
        screener.assess(input.items[r], checks, input.durations.empty() ? NAN : input.durations[r]));
    report.flags.push_back(flag(report.respondents.back(), thresholds));
    report.summary.add(report.flags.back());
  }
  return report;
}

}  // namespace attune

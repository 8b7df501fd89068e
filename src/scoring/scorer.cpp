#include "attune/scoring/scorer.h"

#include <cmath>

#include "scoring/integer_sums.h"

namespace attune {

Scorer::Scorer(const Instrument& instrument, const ResponseScale& scale, ScoringOptions options)
    : scale_(scale), ids_(instrument.score_ids()), sums_(std::in_place) {
  for (const auto& s : instrument.scales) {
    Plan plan;
    for (const auto& key : s.keys) {
      plan.items.push_back(static_cast<std::uint32_t>(key.item));
      plan.reversed.push_back(key.reversed ? 1 : 0);
    }
    plan.scoring = s.scoring;
    plan.min_valid = (options.min_valid ? *options.min_valid : s.min_valid).resolve(s.keys.size());
    scales_.push_back(std::move(plan));
  }
  for (const auto& c : instrument.computed) {
    Combination combination;
    combination.mean_of_available = c.mean_of_available;
    for (const auto& [id, weight] : c.terms) {
      for (std::size_t i = 0; i < ids_.size(); ++i) {
        if (ids_[i] == id) combination.terms.emplace_back(i, weight);
      }
    }
    computed_.push_back(std::move(combination));
  }
  plan_integer_sums(instrument.items.size());
}

Scorer::~Scorer() = default;
Scorer::Scorer(const Scorer&) = default;
Scorer::Scorer(Scorer&&) noexcept = default;
Scorer& Scorer::operator=(const Scorer&) = default;
Scorer& Scorer::operator=(Scorer&&) noexcept = default;

// psych::scoreItems: reversed items become max + min - x; the score is rowMeans (or rowSums)
// over the keyed items with na.rm = TRUE. A scale with fewer answered items than its
// min_valid rule is missing (psych has no such rule; min_valid 0 reproduces it).
void Scorer::score(std::span<const double> items, std::span<double> out,
                   std::span<const std::uint8_t> answered) const {
  const double flip = scale_.min + scale_.max;
  for (std::size_t s = 0; s < scales_.size(); ++s) {
    const Plan& plan = scales_[s];
    std::size_t used = 0, real = 0;
    // As R's rowMeans/rowSums: a long double accumulator.
    const long double sum = keyed_sum<long double>(plan.items, plan.reversed, items, flip, used);
    const std::size_t n = plan.items.size();
    const std::uint32_t* index = plan.items.data();
    if (answered.empty()) {
      real = used;
    } else {
      for (std::size_t k = 0; k < n; ++k) real += !std::isnan(items[index[k]]) && answered[index[k]];
    }
    out[s] = finish(plan, sum, used, real);
  }
  score_computed(out);
}

double Scorer::finish(const Plan& plan, long double sum, std::size_t used, std::size_t real) {
  if (used == 0 && plan.scoring == Scoring::sum && plan.min_valid == 0) {
    return 0;   // an empty sum, as psych's rowSums(na.rm = TRUE), only when asked for
  }
  if (used == 0 || real < plan.min_valid) return NAN;
  return plan.scoring == Scoring::mean ? static_cast<double>(sum / static_cast<long double>(used))
                                       : static_cast<double>(sum);
}

NonFiniteScore::NonFiniteScore(std::string score_id, double score_value)
    : Error(ErrorKind::data, {}, "computed score '" + score_id + "' is not a finite number"),
      score(std::move(score_id)), value(score_value) {}

void Scorer::score_computed(std::span<double> out) const {
  for (std::size_t c = 0; c < computed_.size(); ++c) {
    double value = 0;
    if (computed_[c].mean_of_available) {   // the mean of the terms the respondent has
      std::size_t n = 0;
      for (const auto& term : computed_[c].terms) {
        if (!std::isnan(out[term.first])) {
          value += out[term.first];
          ++n;
        }
      }
      value = n ? value / static_cast<double>(n) : NAN;
    } else {
      for (const auto& [index, weight] : computed_[c].terms) value += weight * out[index];
    }
    if (!std::isfinite(value)) [[unlikely]] {   // missing when a term is; else an overflow
      bool term_missing = computed_[c].terms.empty();
      for (const auto& term : computed_[c].terms) term_missing = term_missing || std::isnan(out[term.first]);
      if (!term_missing || !std::isnan(value)) throw NonFiniteScore(ids_[scales_.size() + c], value);
    }
    out[scales_.size() + c] = value;
  }
}

}  // namespace attune

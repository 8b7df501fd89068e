#include "attune/scoring/scorer.h"

#include <cmath>

#include "scoring/exact_fraction.h"
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
    plan_exact(combination);
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
  if (plan.scoring == Scoring::sum) return static_cast<double>(sum);
  // A sum exact as a double (every sum of whole answers below 2^53): one correctly rounded
  // division, as exact (S / n) rounds (IEEE 754 5.4.1); R's rowMeans divides in long double
  // and rounds twice, which can differ by an ulp (psych parity is 1e-8). Else R's way.
  const auto exact = static_cast<double>(sum);
  if (static_cast<long double>(exact) == sum) return exact / static_cast<double>(used);
  return static_cast<double>(sum / static_cast<long double>(used));
}

NonFiniteScore::NonFiniteScore(std::string score_id, double score_value)
    : Error(ErrorKind::data, {}, "computed score '" + score_id + "' is not a finite number"),
      score(std::move(score_id)), value(score_value) {}

// Whole weights over a power of two (1, -1, 0.5: every shipped definition) and scale terms make
// a combination exactly summable as fractions (exact_combination).
void Scorer::plan_exact(Combination& c) const {
  for (int e = 0; e <= 20; ++e) {
    const double unit = std::ldexp(1.0, e);
    bool whole = true;
    for (const auto& [index, weight] : c.terms) {
      const double k = c.mean_of_available ? 1.0 : weight * unit;
      whole = whole && index < scales_.size() && k == std::nearbyint(k) && std::fabs(k) < 0x1p31;
    }
    if (!whole) continue;
    c.exact = true;
    c.weight_unit = std::int64_t{1} << e;
    for (const auto& [index, weight] : c.terms) {
      c.whole_weights.push_back(c.mean_of_available ? 1 : static_cast<std::int64_t>(weight * unit));
      c.most.push_back(scales_[index].scoring == Scoring::mean ? scales_[index].items.size() : 1);
    }
    return;
  }
}

// psych::scoreItems' composite as sum(w_t S_t / n_t) (a domain-global mean: over the m terms
// present, / m): summed as integer fractions, then one correctly rounded division (divide()),
// so a score exactly representable (2, 1.2's nearest double) comes out so.
std::optional<double> Scorer::exact_combination(const Combination& c, std::span<const double> out) const {
  FractionSum sum;
  std::int64_t present = 0;
  for (std::size_t t = 0; t < c.terms.size(); ++t) {
    const double v = out[c.terms[t].first];
    if (std::isnan(v)) {
      if (c.mean_of_available) continue;
      return NAN;
    }
    const std::optional<Fraction> f = fraction_of(v, c.most[t]);
    if (!f || !sum.add(*f, c.whole_weights[t])) return std::nullopt;
    ++present;
  }
  if (c.mean_of_available) return present ? sum.value(present) : std::optional<double>(NAN);
  return sum.value(c.weight_unit);
}

// Computed scores: exact_combination when it applies; else the weighted sum (or mean of the
// terms present) of the doubles in a long double, rounded once to double.
void Scorer::combine(std::span<double> out) const {
  for (std::size_t c = 0; c < computed_.size(); ++c) {
    const Combination& combination = computed_[c];
    std::optional<double> exact;
    if (combination.exact) exact = exact_combination(combination, out);
    double value = 0;
    if (exact) {
      value = *exact;
    } else if (combination.mean_of_available) {   // the mean of the terms the respondent has
      long double sum = 0;
      std::size_t n = 0;
      for (const auto& term : combination.terms) {
        if (!std::isnan(out[term.first])) {
          sum += out[term.first];
          ++n;
        }
      }
      value = n ? static_cast<double>(sum / static_cast<long double>(n)) : NAN;
    } else {
      long double sum = 0;
      for (const auto& [index, weight] : combination.terms) sum += static_cast<long double>(weight) * out[index];
      value = static_cast<double>(sum);
    }
    if (!std::isfinite(value)) [[unlikely]] {   // missing when a term is; else an overflow
      bool term_missing = combination.terms.empty();
      for (const auto& term : combination.terms) term_missing = term_missing || std::isnan(out[term.first]);
      if (!term_missing || !std::isnan(value)) throw NonFiniteScore(ids_[scales_.size() + c], value);
    }
    out[scales_.size() + c] = value;
  }
}

}  // namespace attune

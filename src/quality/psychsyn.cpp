#include "attune/quality/psychsyn.h"

#include <cmath>

#include <fmt/format.h>

#include "attune/util/error.h"
#include "pearson.h"

namespace attune {

// Meade & Craig 2012 pairs; careless get_item_pairs (lower triangle of cor(pairwise)).
std::vector<ItemPair> find_item_pairs(const PairwiseMoments& sample, double critical_r,
                                      PairKind kind) {
  const double critical = std::fabs(critical_r);
  std::vector<ItemPair> pairs;
  // careless walks the lower triangle column by column: for j, rows i > j.
  for (std::size_t j = 0; j < sample.variables(); ++j) {
    for (std::size_t i = j + 1; i < sample.variables(); ++i) {
      const double r = sample.correlation(i, j);
      if (std::isnan(r)) continue;
      const bool selected = kind == PairKind::synonyms ? r > critical : r < -critical;
      if (selected) pairs.push_back({i, j, r});
    }
  }
  return pairs;
}

// Meade & Craig 2012 psychometric synonym/antonym index; careless syn_for_one.
PsychsynResult psychsyn(std::span<const double> answers, const std::vector<ItemPair>& pairs) {
  std::vector<double> first, second;
  for (const ItemPair& p : pairs) {
    if (p.first >= answers.size() || p.second >= answers.size()) {
      throw usage_error(fmt::format("psychsyn: item pair ({}, {}) is out of range (the row has {})",
                                    p.first, p.second, answers.size()));
    }
    const double a = answers[p.first], b = answers[p.second];
    if (std::isnan(a) || std::isnan(b)) continue;
    first.push_back(a);
    second.push_back(b);
  }
  PsychsynResult result{NAN, first.size()};
  if (first.size() <= 2) return result;
  result.r = detail::pearson(first, second);
  return result;
}

}  // namespace attune

// Psychometric synonyms and antonyms (Meade & Craig 2012; careless::psychsyn, psychant).
#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "attune/stats/pairwise_moments.h"

namespace attune {

// Two items (indices into a respondent's row), first > second as careless lists them.
struct ItemPair {
  std::size_t first = 0, second = 0;
  double sample_r = 0;  // their correlation in the sample
};

enum class PairKind { synonyms, antonyms };

// Item pairs whose pairwise-complete sample correlation is > critical_r (synonyms) or
// < -critical_r (antonyms); |critical_r| is used, as careless. Default critical value .60
// (Meade & Craig 2012; careless::psychsyn). Pairs with an undefined r are skipped. May be
// empty: every respondent's index is then NA (careless stops with "No Psychometric Synonyms
// found").
std::vector<ItemPair> find_item_pairs(const PairwiseMoments& sample, double critical_r = 0.60,
                                      PairKind kind = PairKind::synonyms);

// One respondent's within-person correlation over the pairs. NaN = NA.
struct PsychsynResult {
  double r = 0;
  std::size_t pairs_answered = 0;  // pairs with both items answered (careless "numPairs")
};

// Pearson r, across the pairs with both items answered, between the first and the second
// item's raw answers (NaN = missing). NA when 2 or fewer pairs are answered (careless needs
// more than 2) or when either side has zero variance. careless's default resample_na = TRUE
// randomly swaps items within pairs up to 10 times to escape an NA; we do not (results must be
// reproducible): this equals careless with resample_na = FALSE.
PsychsynResult psychsyn(std::span<const double> answers, const std::vector<ItemPair>& pairs);

}  // namespace attune

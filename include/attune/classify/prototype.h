// Prototype classification for RQ-style instruments: the pattern with the highest of the four
// prototype ratings (Bartholomew & Horowitz 1991). Ties are never broken silently: they are
// reported as "tie:<a>+<b>" unless a documented tie rule is chosen. With `standardize` the
// ratings are first turned into sample z-scores, as Bartholomew's lab requires for
// categorising the RSQ (Griffin & Bartholomew 1994).
#pragma once

#include <array>
#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "attune/classify/classifier.h"

namespace attune {

// What to do when two or more prototypes share the highest rating.
enum class TieRule {
  report,         // label "tie:<patterns>", no pattern (default)
  forced_choice,  // the respondent's forced-choice prototype when it is among the tied ones
                  // (Bartholomew's lab rule); otherwise reported as a tie
  unclassified,   // leave tied respondents unclassified (Bartholomew's lab: drop the case)
};

// "report", "forced-choice", "unclassified"; nullopt otherwise.
std::optional<TieRule> parse_tie_rule(std::string_view text);
// The name parse_tie_rule accepts for `rule`.
std::string_view tie_rule_name(TieRule rule);

struct PrototypeOptions {
  TieRule tie_rule = TieRule::report;
  // Column of the score row holding the forced-choice answer, and what its codes mean
  // (e.g. 1 -> secure); needed for TieRule::forced_choice.
  std::optional<std::size_t> forced_choice_col;
  std::map<double, Pattern> forced_choice_codes;
  // Compare sample z-scores (mean and n-1 SD of each rating) instead of raw ratings.
  bool standardize = false;
};

// The prototype classifier; `rating_cols` are the columns of the four ratings in
// all_patterns order (secure, preoccupied, dismissing, fearful). A respondent missing any
// rating is unclassified. Throws a usage Error for TieRule::forced_choice without a column.
std::unique_ptr<Classifier> make_prototype_classifier(std::array<std::size_t, 4> rating_cols,
                                                      PrototypeOptions options);

}  // namespace attune

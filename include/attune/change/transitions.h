// Pattern transitions between two waves: each respondent's flow, the transition matrix
// (counts and row percentages) and the counts of the named flows. A self-report change into
// the secure pattern is called "reliably more secure" when it is also reliable; it is never
// "earned security", an Adult Attachment Interview construct (Main & Goldwyn; Pearson et al. 1994).
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

namespace attune {

// Rows and columns of the matrix: the four patterns, then "unclassified" (no pattern, a tie
// or any other label).
inline constexpr std::size_t kTransitionStates = 5;
inline constexpr std::array<std::string_view, kTransitionStates> kTransitionStateNames = {
    "secure", "preoccupied", "dismissing", "fearful", "unclassified"};

// The state of a pattern label ("" or an unknown label: unclassified).
std::size_t transition_state(std::string_view pattern);

// One respondent's flow from pattern `from` to `to`: "reliably more secure" (insecure to
// secure with a reliable improvement on at least one dimension), "more secure (change not reliable)"
// (insecure to secure without one), "less secure" (secure to insecure), "between insecure
// patterns", "same pattern", "borderline" (flagged near a cut-off at either wave, with
// `borderline`: counted apart, as crossing a cut line by noise is no transition), or
// "unclassified" (either pattern missing).
std::string_view transition_flow(std::string_view from, std::string_view to, bool reliable_improvement,
                                 bool borderline);

// The matrix and the flows' counts of one pair of waves.
struct TransitionTable {
  std::array<std::array<std::uint64_t, kTransitionStates>, kTransitionStates> counts{};
  std::map<std::string, std::uint64_t> flows;

  // Adds one respondent.
  void add(std::string_view from, std::string_view to, std::string_view flow);
  // Row `from`'s count of `to` as a percentage of the row's total (NaN for an empty row).
  double row_percent(std::size_t from, std::size_t to) const;
  std::uint64_t row_total(std::size_t from) const;
};

}  // namespace attune

// A respondent's classification into one of the four patterns (instrument/pattern.h).
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "attune/instrument/pattern.h"

namespace attune {

// The pattern of a point given whether each dimension is high (looked up by the two as bits,
// without a branch on either: rows fall in any of the four).
inline Pattern quadrant(bool high_anxiety, bool high_avoidance) {
  constexpr Pattern kQuadrants[4] = {Pattern::secure, Pattern::dismissing, Pattern::preoccupied, Pattern::fearful};
  return kQuadrants[2u * high_anxiety + high_avoidance];
}

// One respondent's classification. `label` is what the output shows: the pattern name, or
// something a method defines (e.g. "tie:secure+fearful"); empty when unclassified.
struct Classification {
  std::optional<Pattern> pattern;
  std::string label;
  std::vector<std::string> flags;   // e.g. "borderline"

  static Classification of(Pattern pattern);
  static Classification unclassified() { return {}; }
  // Makes this of(*pattern), or unclassified() for nullopt, reusing the strings' storage.
  void assign(std::optional<Pattern> pattern);
};

}  // namespace attune

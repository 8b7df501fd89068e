// Short descriptions of the four patterns and the two dimensions, in attune's own words, for
// `attune patterns`. They follow the two-dimensional model (Bartholomew & Horowitz 1991;
// Brennan, Clark & Shaver 1998; Mikulincer & Shaver 2007): anxiety and avoidance as the two
// responses to insecurity (anxious pursuit, avoidant withdrawal); fearful is high on both.
#pragma once

#include <array>
#include <string_view>

#include "attune/classify/pattern.h"

namespace attune {

struct PatternDescription {
  Pattern pattern;
  std::string_view name;         // pattern_name()
  std::string_view anxiety;      // "low" or "high"
  std::string_view avoidance;    // "low" or "high"
  std::string_view model_of_self;    // "positive" or "negative" (Bartholomew & Horowitz 1991)
  std::string_view model_of_other;   // "positive" or "negative"
  std::string_view description;  // two or three sentences
};

struct DimensionDescription {
  std::string_view name;         // "anxiety", "avoidance"
  std::string_view description;
};

// The four patterns in all_patterns order.
const std::array<PatternDescription, 4>& pattern_descriptions();
// The description of one pattern.
const PatternDescription& describe(Pattern pattern);
// The two dimensions: anxiety first, then avoidance.
const std::array<DimensionDescription, 2>& dimension_descriptions();
// A caution printed with the descriptions: patterns are regions of a continuous space.
std::string_view patterns_caution();

}  // namespace attune

#include "attune/classify/pattern_descriptions.h"

namespace attune {

// Written for attune; the content follows Bartholomew & Horowitz (1991) and Brennan, Clark &
// Shaver (1998), without quoting either.
const std::array<PatternDescription, 4>& pattern_descriptions() {
  static const std::array<PatternDescription, 4> table = {{
      {Pattern::secure, "secure", "low", "low", "positive", "positive",
       "Low on both dimensions. Closeness and depending on others feel comfortable, and worries "
       "about being rejected or left are rare, so neither insecure strategy is needed much."},
      {Pattern::preoccupied, "preoccupied", "high", "low", "negative", "positive",
       "High anxiety, low avoidance. Insecurity is met by pursuit: seeking closeness and "
       "reassurance, watching closely for signs of rejection, and worrying about being valued "
       "less than one values others."},
      {Pattern::dismissing, "dismissing", "low", "high", "positive", "negative",
       "Low anxiety, high avoidance. Insecurity is met by withdrawal: keeping distance, relying "
       "on oneself, and playing down the importance of closeness, with little overt worry about "
       "rejection."},
      {Pattern::fearful, "fearful", "high", "high", "negative", "negative",
       "High on both dimensions. Closeness is wanted and feared at once: worry about rejection "
       "pulls towards others while discomfort with intimacy pushes away, so pursuit and "
       "withdrawal alternate."},
  }};
  return table;
}

const PatternDescription& describe(Pattern pattern) {
  return pattern_descriptions()[static_cast<std::size_t>(pattern)];
}

const std::array<DimensionDescription, 2>& dimension_descriptions() {
  static const std::array<DimensionDescription, 2> table = {{
      {"anxiety",
       "Attachment anxiety: how much one worries about rejection and abandonment and seeks "
       "reassurance. Its strategy under insecurity is anxious pursuit (hyperactivation). High "
       "anxiety goes with a negative model of self."},
      {"avoidance",
       "Attachment avoidance: how uneasy one is with closeness and with depending on others. "
       "Its strategy under insecurity is avoidant withdrawal (deactivation). High avoidance goes "
       "with a negative model of others."},
  }};
  return table;
}

std::string_view patterns_caution() {
  return "Patterns are regions of a continuous two-dimensional space, not types: most people "
         "lie near a boundary, and the dimension scores carry more information than the label.";
}

}  // namespace attune

#include "attune/classify/pattern.h"

namespace attune {

std::string_view pattern_name(Pattern pattern) {
  switch (pattern) {
    case Pattern::secure: return "secure";
    case Pattern::preoccupied: return "preoccupied";
    case Pattern::dismissing: return "dismissing";
    case Pattern::fearful: return "fearful";
  }
  return "";
}

std::optional<Pattern> parse_pattern(std::string_view name) {
  for (Pattern p : all_patterns) {
    if (name == pattern_name(p)) return p;
  }
  if (name == "anxious-preoccupied") return Pattern::preoccupied;
  if (name == "dismissive-avoidant" || name == "dismissive") return Pattern::dismissing;
  if (name == "fearful-avoidant") return Pattern::fearful;
  return std::nullopt;
}

Pattern quadrant(bool high_anxiety, bool high_avoidance) {
  if (high_anxiety) return high_avoidance ? Pattern::fearful : Pattern::preoccupied;
  return high_avoidance ? Pattern::dismissing : Pattern::secure;
}

Classification Classification::of(Pattern pattern) {
  Classification c;
  c.assign(pattern);
  return c;
}

void Classification::assign(std::optional<Pattern> to) {
  pattern = to;
  if (to) label.assign(pattern_name(*to));
  else label.clear();
  flags.clear();
}

}  // namespace attune

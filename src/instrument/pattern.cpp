#include "attune/instrument/pattern.h"

namespace attune {

std::optional<Pattern> parse_pattern(std::string_view name) {
  for (Pattern p : all_patterns) {
    if (name == pattern_name(p)) return p;
  }
  if (name == "anxious-preoccupied") return Pattern::preoccupied;
  if (name == "dismissive-avoidant" || name == "dismissive") return Pattern::dismissing;
  if (name == "fearful-avoidant") return Pattern::fearful;
  return std::nullopt;
}

}  // namespace attune

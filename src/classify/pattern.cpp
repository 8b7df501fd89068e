#include "attune/classify/pattern.h"

namespace attune {

namespace {

// The names, indexed by the enum's value, each padded with NULs to kPadded bytes: scored rows
// fall in any of the four, so what is done per row must not branch on which (a switch's, or a
// copy's branch on the name's length, is mispredicted about every other row).
constexpr std::size_t kPadded = 15;   // the longest name a std::string holds without allocating
constexpr char kPaddedNames[4][kPadded + 1] = {"secure", "preoccupied", "dismissing", "fearful"};
// The same names as views (their lengths found at compile time, up to the first NUL).
constexpr std::string_view kNames[4] = {kPaddedNames[0], kPaddedNames[1], kPaddedNames[2], kPaddedNames[3]};

}  // namespace

std::string_view pattern_name(Pattern pattern) {
  const auto index = static_cast<std::size_t>(pattern);
  return index < 4 ? kNames[index] : std::string_view();
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

Classification Classification::of(Pattern pattern) {
  Classification c;
  c.assign(pattern);
  return c;
}

void Classification::assign(std::optional<Pattern> to) {
  pattern = to;
  label.clear();
  if (const auto index = to ? static_cast<std::size_t>(*to) : 4; index < 4) {
    // Copies the padded name whole, then cuts it to length: the same bytes, copied the same
    // way whichever the pattern (within the string's own buffer: no allocation).
    label.append(kPaddedNames[index], kPadded);
    label.resize(kNames[index].size());
  }
  flags.clear();
}

}  // namespace attune

// The four adult attachment patterns (Bartholomew & Horowitz 1991) and their names: what an
// instrument's classification section names, and what classifiers assign.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>

namespace attune {

// Low anxiety & low avoidance = secure; high anxiety & low avoidance = preoccupied;
// low anxiety & high avoidance = dismissing; high on both = fearful.
enum class Pattern { secure, preoccupied, dismissing, fearful };

inline constexpr std::array<Pattern, 4> all_patterns = {Pattern::secure, Pattern::preoccupied,
                                                       Pattern::dismissing, Pattern::fearful};

// The names, indexed by the enum's value, each padded with NULs to kPaddedPatternName bytes:
// scored rows fall in any of the four, so what is done per row must not branch on which (a
// switch's, or a copy's branch on the name's length, is mispredicted about every other row).
inline constexpr std::size_t kPaddedPatternName = 15;   // the longest a std::string holds without allocating
inline constexpr char kPaddedPatternNames[4][kPaddedPatternName + 1] = {"secure", "preoccupied", "dismissing",
                                                                       "fearful"};
// The same names as views (their lengths found at compile time, up to the first NUL).
inline constexpr std::string_view kPatternNames[4] = {kPaddedPatternNames[0], kPaddedPatternNames[1],
                                                      kPaddedPatternNames[2], kPaddedPatternNames[3]};

// "secure", "preoccupied", "dismissing", "fearful".
inline std::string_view pattern_name(Pattern pattern) {
  const auto index = static_cast<std::size_t>(pattern);
  return index < 4 ? kPatternNames[index] : std::string_view();
}

// The pattern named `name` (also accepts the long forms "anxious-preoccupied",
// "dismissive-avoidant", "fearful-avoidant"); nullopt otherwise.
std::optional<Pattern> parse_pattern(std::string_view name);

}  // namespace attune

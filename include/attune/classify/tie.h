// The pattern with the largest value (prototype ratings, classification functions), with ties
// reported rather than broken: "tie:secure+fearful".
#pragma once

#include <array>
#include <string>
#include <vector>

#include "attune/classify/pattern.h"

namespace attune {

// The patterns whose value equals the largest, in all_patterns order (values in that order).
// Empty when any value is NaN.
std::vector<Pattern> patterns_at_maximum(const std::array<double, 4>& values);

// "tie:" followed by the pattern names joined with '+', e.g. "tie:secure+dismissing".
std::string tie_label(const std::vector<Pattern>& tied);

// The single largest pattern; a tie gives no pattern and the tie_label(); NaN: unclassified.
Classification classify_by_maximum(const std::array<double, 4>& values);

}  // namespace attune

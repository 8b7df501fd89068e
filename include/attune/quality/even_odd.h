// Even-odd consistency (Johnson 2005; Meade & Craig 2012; careless::evenodd).
#pragma once

#include <cstddef>
#include <span>
#include <vector>

namespace attune {

// One respondent's even-odd consistency. NaN = NA.
struct EvenOddResult {
  // Spearman-Brown corrected within-person correlation 2r / (1 + r), floored at -1. Higher =
  // MORE consistent (the literature's sign); careless::evenodd >= 1.2.1 returns its negation.
  double consistency = 0;
  double correlation = 0;       // r before the Spearman-Brown correction
  std::size_t scales_used = 0;  // scales with both halves answered (careless "eo_missing")
};

// The fewest scales with both halves answered for a value: r over 2 points is always +-1.
inline constexpr std::size_t even_odd_min_scales = 3;

// `scored`: all item values already REVERSE-KEYED (NaN = missing). `scales`: for each
// multi-item scale, its item indices into `scored` in administration order. For each scale,
// the odd half is the mean of the answered items at positions 1, 3, 5, ... (1-based, within
// the scale) and the even half the mean of those at 2, 4, 6, ...; a half with no answered item
// is NA and drops the scale (careless: mean(na.rm = TRUE), cor(use = "pairwise.complete.obs")).
// r = Pearson correlation across the scales between odd and even halves. NA when fewer than
// even_odd_min_scales scales are used (careless computes +-1 for 2) or when either half has
// zero variance across scales (careless: NA). Throws usage_error on an index out of range.
EvenOddResult even_odd(std::span<const double> scored,
                       const std::vector<std::vector<std::size_t>>& scales);

}  // namespace attune

// Intra-individual response variability (Dunn et al. 2018; careless::irv).
#pragma once

#include <span>

namespace attune {

// Standard deviation (n - 1 denominator, as R's sd()) of the answered items of one respondent
// (raw answers; NaN = missing, skipped as careless::irv's na.rm = TRUE). NA (NaN) when fewer
// than 2 items are answered, as sd() of 0 or 1 value. A constant row gives 0.
double irv(std::span<const double> answers);

}  // namespace attune

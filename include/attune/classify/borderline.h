// Borderline flags: a respondent whose score lies within one standard error of measurement
// of a cut-off could fall on either side of it on retest. SEM = SD * sqrt(1 - alpha)
// (classical test theory; e.g. Nunnally & Bernstein 1994); alpha and SD come from the sample
// (stats library) or from --reliability.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "attune/classify/pattern.h"

namespace attune {

// SD * sqrt(1 - alpha). Throws a usage Error when sd < 0 or alpha is outside [0, 1] or either
// is not finite (a negative sample alpha has no SEM).
double standard_error_of_measurement(double sd, double alpha);

// |score - cutoff| <= sem; false when score or cutoff is NaN.
bool within_sem(double score, double cutoff, double sem);

// One cut-off on one column of the score row, with that score's SEM.
struct BorderlineCut {
  std::size_t col = 0;
  double cutoff = 0;
  double sem = 0;
};

// Adds the flag "borderline" to `classification` when any score is within_sem of its cut-off;
// returns whether it did. Unclassified respondents are left alone.
bool flag_borderline(Classification& classification, std::span<const double> scores,
                     const std::vector<BorderlineCut>& cuts);

}  // namespace attune

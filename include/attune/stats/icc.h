// Intraclass correlations of a subjects x occasions table (Shrout & Fleiss 1979), as
// psych::ICC(x, lmer = FALSE) reports them, and the test-retest correlation of two occasions.
#pragma once

#include <array>
#include <cstddef>
#include <string>

#include "attune/stats/co_moments.h"

namespace attune {

// The two-way ANOVA of n subjects rated on k occasions (complete rows only): sums of squares.
struct IccAnova {
  double n = 0, k = 0;
  double ss_subjects = 0, ss_occasions = 0, ss_residual = 0;
};

// One row of psych::ICC()$results: the form's estimate, its F test and 95% interval.
struct IccForm {
  std::string type;   // "ICC1", "ICC2", "ICC3", "ICC1k", "ICC2k", "ICC3k"
  double icc = 0, f = 0, df1 = 0, df2 = 0, p = 0, lower = 0, upper = 0;
};

// The six forms, in psych's order (ICC1, ICC2, ICC3, ICC1k, ICC2k, ICC3k).
using IccForms = std::array<IccForm, 6>;

// The ANOVA of two occasions from their paired moments (complete pairs): SSB = (S11 + S22 +
// 2 S12) / 2, SSJ = n (m1 - m2)^2 / 2, SSE = (S11 + S22 - 2 S12) / 2 (the two-way table's sums).
IccAnova icc_anova(const CoMoments& pairs);

// psych::ICC (Revelle; Shrout & Fleiss 1979, Psychol Bull 86(2), 420-428, with their
// approximate F interval for ICC2), lmer = FALSE, alpha = 0.05; NaN throughout when n < 2.
IccForms icc_forms(const IccAnova& anova, double alpha = 0.05);

// A correlation's 95% interval.
struct CorrelationInterval {
  double lower = 0, upper = 0;
};

// R's cor.test(x, y)$conf.int (Fisher 1921: tanh(atanh(r) -/+ qnorm(.975) / sqrt(n - 3)));
// NaN bounds when n < 4 or r is NaN, as cor.test gives none.
CorrelationInterval correlation_interval(double r, double n);

}  // namespace attune

// Classification by fixed or sample cut-offs on the anxiety and avoidance dimensions:
// `midpoint` (the response scale's midpoint or the definition's cut-offs) and `median`
// (the sample medians). A score above its cut-off is high; a score on it is low.
#pragma once

#include <cstddef>
#include <memory>

#include "attune/classify/classifier.h"

namespace attune {

// Fixed cut-offs for the two dimensions (columns of the score row).
std::unique_ptr<Classifier> make_midpoint_classifier(std::size_t anxiety_col, std::size_t avoidance_col,
                                                     double anxiety_cutoff, double avoidance_cutoff);

// Cut-offs at the sample medians, learnt by fit() (R's median over non-missing scores).
std::unique_ptr<Classifier> make_median_classifier(std::size_t anxiety_col, std::size_t avoidance_col);

// The quadrant of (anxiety, avoidance) against cut-offs; unclassified when either is NaN.
Classification classify_by_cutoffs(double anxiety, double avoidance, double anxiety_cutoff,
                                   double avoidance_cutoff);
// The pattern of classify_by_cutoffs; nullopt when either score is NaN.
std::optional<Pattern> pattern_by_cutoffs(double anxiety, double avoidance, double anxiety_cutoff,
                                          double avoidance_cutoff);

}  // namespace attune

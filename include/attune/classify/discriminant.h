// Classification by linear classification (Fisher discriminant) functions of avoidance and
// anxiety, one per pattern; the pattern whose function is largest wins. The ECR's functions
// are Brennan, Clark & Shaver (1998); a definition gives them under
// classification.methods.discriminant.tables, one row per pattern.
#pragma once

#include <array>
#include <cstddef>
#include <memory>
#include <string>

#include "attune/classify/classifier.h"

namespace attune {

// value = avoidance_weight * avoidance + anxiety_weight * anxiety + constant.
struct ClassificationFunction {
  double avoidance = 0;
  double anxiety = 0;
  double constant = 0;
};

// One function per pattern, in all_patterns order (secure, preoccupied, dismissing, fearful).
using ClassificationFunctions = std::array<ClassificationFunction, 4>;

// Reads `tables: {secure: {avoidance, anxiety, constant}, ...}` (all four patterns); throws a
// definition Error for a missing row or cell.
ClassificationFunctions discriminant_from_tables(const MethodSpec& spec);

// The four function values at (anxiety, avoidance), in all_patterns order.
std::array<double, 4> classification_function_values(const ClassificationFunctions& functions, double anxiety,
                                                     double avoidance);

// The discriminant classifier on two columns of the score row. An exact tie between the
// largest values is reported as "tie:<a>+<b>" with no pattern; missing dimension: unclassified.
std::unique_ptr<Classifier> make_discriminant_classifier(std::size_t anxiety_col, std::size_t avoidance_col,
                                                         ClassificationFunctions functions);

}  // namespace attune

// Classification against published norms: each dimension is standardised with a published
// mean and SD (z = (x - mean) / sd); z > 0 is high, z = 0 is low. Only for norms that a
// definition cites (classification.methods.norms with `tables:`).
#pragma once

#include <cstddef>
#include <memory>
#include <string>

#include "attune/classify/classifier.h"

namespace attune {

// A published mean and standard deviation of one score.
struct Norm {
  double mean = 0;
  double sd = 1;
};

// The norms of the two dimensions.
struct DimensionNorms {
  Norm anxiety;
  Norm avoidance;
};

// Reads `tables: {<anxiety id>: {mean, sd}, <avoidance id>: {mean, sd}}` (rows may also be
// named "anxiety"/"avoidance"); throws a definition Error for a missing row or cell or sd <= 0.
DimensionNorms norms_from_tables(const MethodSpec& spec, const std::string& anxiety_id,
                                 const std::string& avoidance_id);

// The z-score of `x` against `norm`; NaN when x is NaN.
double z_score(double x, const Norm& norm);

// The norms classifier on two columns of the score row. Throws a definition Error when an
// sd is not positive or a value is not finite.
std::unique_ptr<Classifier> make_norms_classifier(std::size_t anxiety_col, std::size_t avoidance_col,
                                                  DimensionNorms norms);

}  // namespace attune

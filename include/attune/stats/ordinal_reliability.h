// Ordinal alpha and categorical omega total of one scale: alpha and omega total computed on the
// polychoric correlations of its keyed items (Zumbo, Gadermann & Zeisser 2007), as
// psych::alpha(polychoric(x)$rho) and psych::omega(polychoric(x)$rho, nfactors = 1)$omega.tot.
#pragma once

#include <string>

#include "attune/stats/dense_matrix.h"
#include "attune/stats/polychoric.h"

namespace attune {

// The names every report gives these statistics.
inline constexpr const char* ordinal_alpha_name = "ordinal alpha (polychoric)";
inline constexpr const char* ordinal_omega_name = "omega total (one factor, polychoric)";
// The caveat printed once with them (Chalmers 2018).
inline constexpr const char* ordinal_alpha_caveat =
    "ordinal alpha and omega on polychoric correlations estimate the reliability of the latent "
    "responses, not of the observed sum score (Chalmers 2018, Educational and Psychological "
    "Measurement 78(6), 1056-1071, \"On misconceptions and the limited usefulness of ordinal alpha\")";

// A scale's reliability on polychoric correlations.
struct OrdinalReliability {
  double alpha = 0;         // psych::alpha(rho)$total$raw_alpha
  double omega_total = 0;   // psych::omega(rho, 1)$omega.tot; NaN when it cannot be factored
  std::string omega_note;   // why omega_total is NaN
  bool smoothed = false;    // psych::cor.smooth changed rho
  bool tetrachoric = false; // two categories: tetrachoric correlations
  std::size_t corrected_pairs = 0;  // item pairs whose empty cells got psych's correction for continuity
  std::size_t pairs = 0;            // item pairs in all
};

// Alpha of a correlation matrix (psych::alpha on r: k / (k - 1) * (1 - k / sum(r))).
double alpha_of_correlations(const DenseMatrix& r);

// Ordinal alpha and categorical omega total from a scale's keyed contingency tables.
OrdinalReliability ordinal_reliability(const ContingencyTables& keyed, const PolychoricOptions& options);

}  // namespace attune

// Factor rotations as psych::fa applies them (stats::varimax, psych::Promax, GPArotation's
// oblimin and geominQ), followed by psych::fa's alignment of factor order and signs.
#pragma once

#include <cstddef>

#include "attune/stats/dense_matrix.h"

namespace attune {

enum class RotationMethod { none, varimax, promax, oblimin, geomin_q };

struct RotatedLoadings {
  DenseMatrix loadings;   // items x factors after rotation AND psych::fa's alignment (below)
  DenseMatrix phi;        // factor correlations; identity for orthogonal rotations
  DenseMatrix rotation;   // the rotation matrix (GPArotation Th / psych rot.mat)
                          // = psych's rot.mat (t(solve(Th)) for GPArotation) with its columns
                          // flipped and ordered as the loadings: loadings = unrotated x rotation
  bool oblique = false;
  bool converged = true;
};

// Rotates as psych::fa(rotate = method) does (GPArotation for oblimin, geominQ; stats::varimax
// and psych::Promax for varimax and promax), then aligns as psych::fa does: factors ordered by
// variance accounted for, signs flipped so each factor's loadings sum positive (Phi to match).
// Convergence criteria are R's (GPFoblq: projected gradient norm < 1e-5 within 1000 steps;
// varimax: criterion gain < 1e-5 within 1000 steps); one factor is returned as it is. Throws
// attune::Error (data) for no loadings, a missing loading, or a rotation that breaks down.
RotatedLoadings rotate_loadings(const DenseMatrix& loadings, RotationMethod method);

}  // namespace attune

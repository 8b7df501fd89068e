// psych::omega's steps after the factor extraction (private to the library and its tests), so
// that they can be checked against R from R's own unrotated loadings.
#pragma once

#include <functional>
#include <vector>

#include "attune/stats/dense_matrix.h"
#include "attune/stats/omega.h"

namespace attune::schmid_leiman {

// The loadings of k > 2 oblique factors on one general factor, found from their correlations
// (psych::schmid: fa(phi, nfactors = 1, fm = fm)$loadings); sets `converged` to false if that
// extraction did not converge.
using GeneralFactor = std::function<std::vector<double>(const DenseMatrix& phi, bool& converged)>;

// psych::omega from the unrotated k-factor loadings of `correlations`: varimax and psych::fa's
// alignment, GPArotation::oblimin, g (general_factor for k > 2, psych's "equal" rule for k = 2,
// 1 for k = 1), the Schmid-Leiman loadings, omega's flip and its statistics.
OmegaResult omega_from_unrotated(const DenseMatrix& correlations, const DenseMatrix& unrotated,
                                 const GeneralFactor& general_factor);

}  // namespace attune::schmid_leiman

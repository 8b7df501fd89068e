// The rotation algorithms behind rotate_loadings and omega, each exactly as its R function,
// before psych::fa's alignment (private to the library and its tests).
#pragma once

#include "attune/stats/dense_matrix.h"

namespace attune::rotation {

// The simplicity criteria of GPArotation's oblique rotations attune offers.
enum class ObliqueCriterion {
  oblimin,  // vgQ.oblimin with gam = 0 (quartimin)
  geomin,   // vgQ.geomin with delta = 0.01
};

// A rotated solution as the R function returns it (no reordering, no sign flips).
struct RawRotation {
  DenseMatrix loadings;  // items x factors
  DenseMatrix phi;       // factor correlations (identity for orthogonal rotations)
  DenseMatrix rotation;  // psych's rot.mat: loadings = input x rotation
  bool converged = true;
  int iterations = 0;
};

// GPArotation::GPFoblq (gradient projection, Bernaards & Jennrich 2005) from Tmat = I,
// normalize = FALSE, as GPArotation::oblimin / geominQ call it; rotation = t(solve(Th)).
RawRotation gpf_oblique(const DenseMatrix& loadings, ObliqueCriterion criterion, double eps = 1e-5,
                        int max_iterations = 1000);

// stats::varimax(x, normalize = TRUE, eps = 1e-5) (Kaiser 1958); converged is false when its
// 1000 iterations end without meeting the criterion (R says nothing then).
RawRotation varimax(const DenseMatrix& loadings, double eps = 1e-5);

// psych::fa(rotate = "promax"): psych::kaiser (rows normalized to unit length), psych::Promax
// with m = 4 (Hendrickson & White 1964), rows rescaled.
RawRotation promax(const DenseMatrix& loadings, int power = 4);

}  // namespace attune::rotation

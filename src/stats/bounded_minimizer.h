// A box-constrained quasi-Newton minimizer that takes the steps R's optim(method = "L-BFGS-B")
// takes, so that psych's fits (fa minres / ml) end where psych's end.
#pragma once

#include <functional>
#include <vector>

namespace attune {

// f(x), writing the gradient at x into `gradient` (already sized).
using BoundedObjective = std::function<double(const std::vector<double>& x, std::vector<double>& gradient)>;

// optim()'s control list for "L-BFGS-B" (R defaults).
struct BoundedMinimizerOptions {
  int memory = 5;                 // lmm
  double factr = 1e7;             // stop when the relative reduction of f <= factr * DBL_EPSILON
  double pgtol = 0;               // stop when the projected gradient's max norm <= pgtol
  int max_iterations = 100;       // maxit
  std::vector<double> parscale;   // optimisation runs on x / parscale (empty: all 1)
};

// Where the search ended; code as optim's $convergence (0 converged, 1 maxit, 51 warning, 52 error).
struct BoundedMinimum {
  std::vector<double> x;
  double value = 0;
  int iterations = 0;
  int evaluations = 0;
  int code = 0;
};

// Byrd, Lu, Nocedal & Zhu (1995) L-BFGS-B, version 2.3 as in R's optim: generalized Cauchy point,
// subspace Newton step truncated to the box, More & Thuente (1994) line search (ftol 1e-3,
// gtol 0.9, xtol 0.1), first step 1 on a boxed problem. The limited-memory matrix is formed
// explicitly (it is small here); that is the same matrix as the compact form, up to rounding.
BoundedMinimum minimize_bounded(const BoundedObjective& objective, std::vector<double> start,
                                const std::vector<double>& lower, const std::vector<double>& upper,
                                const BoundedMinimizerOptions& options = {});

}  // namespace attune

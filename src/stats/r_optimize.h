// Private to src/stats: R's optimize(), so that estimates psych finds with it are reproduced
// to the digit rather than only to optimize's tolerance.
#pragma once

#include <cfloat>
#include <cmath>

namespace attune {

// The tolerance R's optimize() uses by default: .Machine$double.eps^0.25.
inline const double kROptimizeTolerance = std::pow(DBL_EPSILON, 0.25);

// The minimum of f on [lower, upper] by golden section and parabolic steps, step for step as
// R's optimize() (Brent 1973, "Algorithms for Minimization without Derivatives", localmin; R's
// Brent_fmin), including R's replacing a non-finite f by DBL_MAX.
template <class F>
double r_optimize(F&& f, double lower, double upper, double tol = kROptimizeTolerance) {
  auto value = [&](double x) {
    const double y = f(x);
    return std::isfinite(y) ? y : DBL_MAX;
  };
  const double golden = (3. - std::sqrt(5.)) * .5;   // squared inverse of the golden ratio
  const double eps = std::sqrt(DBL_EPSILON);
  double a = lower, b = upper;
  double v = a + golden * (b - a), w = v, x = v;
  double d = 0., e = 0.;
  double fx = value(x), fv = fx, fw = fx;
  const double tol3 = tol / 3.;
  for (;;) {
    const double xm = (a + b) * .5, tol1 = eps * std::fabs(x) + tol3, t2 = tol1 * 2.;
    if (std::fabs(x - xm) <= t2 - (b - a) * .5) break;
    double p = 0., q = 0., r = 0.;
    if (std::fabs(e) > tol1) {   // try a parabola through x, w, v
      r = (x - w) * (fx - fv);
      q = (x - v) * (fx - fw);
      p = (x - v) * q - (x - w) * r;
      q = (q - r) * 2.;
      if (q > 0.) p = -p;
      else q = -q;
      r = e;
      e = d;
    }
    double u;
    if (std::fabs(p) >= std::fabs(q * .5 * r) || p <= q * (a - x) || p >= q * (b - x)) {
      e = x < xm ? b - x : a - x;   // golden section
      d = golden * e;
    } else {
      d = p / q;   // parabolic step, kept away from the ends
      u = x + d;
      if (u - a < t2 || b - u < t2) {
        d = tol1;
        if (x >= xm) d = -d;
      }
    }
    // Never evaluate closer to x than tol1.
    if (std::fabs(d) >= tol1) u = x + d;
    else if (d > 0.) u = x + tol1;
    else u = x - tol1;
    const double fu = value(u);
    if (fu <= fx) {
      if (u < x) b = x;
      else a = x;
      v = w; w = x; x = u;
      fv = fw; fw = fx; fx = fu;
    } else {
      if (u < x) a = u;
      else b = u;
      if (fu <= fw || w == x) {
        v = w; fv = fw;
        w = u; fw = fu;
      } else if (fu <= fv || v == x || v == w) {
        v = u; fv = fu;
      }
    }
  }
  return x;
}

}  // namespace attune

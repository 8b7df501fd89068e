// Centred moments of one variable pair over a set of rows, and their pairwise combination.
#pragma once

#include <algorithm>
#include <cmath>
#include <limits>

namespace attune {

// Over the rows where both variables are present: n, the two means, the two sums of squared
// deviations and the sum of cross-products of deviations (long double: these are combined).
struct CoMoments {
  long double n = 0, mean_i = 0, mean_j = 0, ss_i = 0, ss_j = 0, cross = 0;
  // Every field equal (the same numbers, not merely close).
  bool operator==(const CoMoments&) const = default;
};

// The moments of the union of two disjoint sets of rows (Chan, Golub & LeVeque 1979, eq. 2.1,
// extended to cross-products).
inline CoMoments combine(const CoMoments& a, const CoMoments& b) {
  if (b.n == 0) return a;
  if (a.n == 0) return b;
  CoMoments c;
  c.n = a.n + b.n;
  const long double dx = b.mean_i - a.mean_i;
  const long double dy = b.mean_j - a.mean_j;
  const long double w = a.n * b.n / c.n;
  c.mean_i = a.mean_i + dx * (b.n / c.n);
  c.mean_j = a.mean_j + dy * (b.n / c.n);
  c.ss_i = a.ss_i + b.ss_i + dx * dx * w;
  c.ss_j = a.ss_j + b.ss_j + dy * dy * w;
  c.cross = a.cross + b.cross + dx * dy * w;
  return c;
}

// R's statistics of one pair's moments (NaN where R gives NA).
namespace co_moments {
// mean(x_i, na.rm = TRUE); NaN if n = 0.
inline double mean(const CoMoments& m) {
  return m.n > 0 ? static_cast<double>(m.mean_i) : std::numeric_limits<double>::quiet_NaN();
}
// sd(x_i, na.rm = TRUE): sqrt(var), var rounded to a double before the square root, as in R;
// NaN if n < 2.
inline double sd(const CoMoments& m) {
  return m.n > 1 ? std::sqrt(static_cast<double>(m.ss_i / (m.n - 1))) : std::numeric_limits<double>::quiet_NaN();
}
// cov(x, use = "pairwise"): cross-products of deviations from the pair's means / (n - 1), the
// sum of squares for a variable with itself; NaN if n < 2.
inline double covariance(const CoMoments& m, bool same_variable) {
  if (m.n < 2) return std::numeric_limits<double>::quiet_NaN();
  return static_cast<double>((same_variable ? m.ss_i : m.cross) / (m.n - 1));
}
// cor(x, use = "pairwise"), with the pair's own means and sds, clamped to [-1, 1]; NaN if n < 2
// or a zero sd in the pair's rows.
inline double correlation(const CoMoments& m, bool same_variable) {
  if (m.n < 2 || m.ss_i <= 0 || m.ss_j <= 0) return std::numeric_limits<double>::quiet_NaN();
  if (same_variable) return 1.0;
  const long double r = m.cross / (std::sqrt(m.ss_i) * std::sqrt(m.ss_j));
  return static_cast<double>(std::clamp(r, -1.0L, 1.0L));
}
}  // namespace co_moments

}  // namespace attune

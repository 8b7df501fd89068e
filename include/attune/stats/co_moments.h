// Centred moments of one variable pair over a set of rows, and their pairwise combination.
#pragma once

namespace attune {

// Over the rows where both variables are present: n, the two means, the two sums of squared
// deviations and the sum of cross-products of deviations (long double: these are combined).
struct CoMoments {
  long double n = 0, mean_i = 0, mean_j = 0, ss_i = 0, ss_j = 0, cross = 0;
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

}  // namespace attune

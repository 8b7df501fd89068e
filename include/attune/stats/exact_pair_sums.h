// Exact integer sums of one variable pair, and the centred moments they give.
#pragma once

#include <utility>

#include "attune/stats/co_moments.h"

namespace attune {

__extension__ typedef __int128 Int128;

// Over the rows where both variables are present: n and the sums of x_i, x_j, x_i^2, x_j^2
// and x_i x_j, as exact integers. Sums over disjoint sets of rows add; adding them before
// forming moments keeps the result independent of how the rows were split.
struct ExactPairSums {
  Int128 n = 0, sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;

  ExactPairSums& operator+=(const ExactPairSums& o) {
    n += o.n, sx += o.sx, sy += o.sy, sxx += o.sxx, syy += o.syy, sxy += o.sxy;
    return *this;
  }
  // The same sums with the two variables' roles exchanged.
  ExactPairSums swapped() const { return {n, sy, sx, syy, sxx, sxy}; }
};

// Centred moments from exact sums: ss = (n sum x^2 - (sum x)^2) / n, cross likewise, with
// exact numerators (one rounding each); all zero when n = 0.
inline CoMoments moments_of(const ExactPairSums& s) {
  CoMoments m;
  if (s.n == 0) return m;
  m.n = static_cast<long double>(s.n);
  m.mean_i = static_cast<long double>(s.sx) / m.n;
  m.mean_j = static_cast<long double>(s.sy) / m.n;
  m.ss_i = static_cast<long double>(s.n * s.sxx - s.sx * s.sx) / m.n;
  m.ss_j = static_cast<long double>(s.n * s.syy - s.sy * s.sy) / m.n;
  m.cross = static_cast<long double>(s.n * s.sxy - s.sx * s.sy) / m.n;
  return m;
}

}  // namespace attune

#include "attune/quality/irv.h"

#include <cmath>
#include <cstddef>

namespace attune {

// Dunn, Heggestad, Shanock & Theilgard 2018 IRV; careless::irv = apply(x, 1, sd, na.rm = TRUE).
double irv(std::span<const double> answers) {
  // Two passes (mean, then squared deviations) as R's sd() via var().
  // A missing answer adds +0, which leaves the sums' bits as they are (a sum from +0 is never
  // -0), so the loops need no branch.
  double sum = 0;
  std::size_t n = 0;
  for (double x : answers) {
    const bool answered = !std::isnan(x);
    sum += answered ? x : 0.0;
    n += answered;
  }
  if (n < 2) return NAN;
  const double mean = sum / static_cast<double>(n);
  double squares = 0;
  for (double x : answers) squares += std::isnan(x) ? 0.0 : (x - mean) * (x - mean);
  return std::sqrt(squares / static_cast<double>(n - 1));
}

}  // namespace attune

#include "attune/stats/composite_alpha.h"

#include <cmath>

#include "attune/stats/alpha.h"

namespace attune {

// Cronbach, Schoenemann & McKie (1965), stratified alpha; each stratum's alpha is psych's raw_alpha.
double composite_alpha(const DenseMatrix& c, std::span<const double> w, std::span<const std::size_t> strata) {
  const std::size_t k = c.rows;
  if (w.size() != k) return NAN;
  double total = 0;   // var(sum_i w_i x_i)
  for (std::size_t i = 0; i < k; ++i)
    for (std::size_t j = 0; j < k; ++j) total += w[i] * w[j] * c(i, j);
  double error = 0;
  std::size_t start = 0;
  for (std::size_t size : strata) {
    if (size < 2 || start + size > k) return NAN;
    DenseMatrix block(size, size);
    double part = 0;
    for (std::size_t i = 0; i < size; ++i)
      for (std::size_t j = 0; j < size; ++j) {
        block(i, j) = c(start + i, start + j);
        part += w[start + i] * w[start + j] * block(i, j);
      }
    error += (1 - alpha_core(block).raw_alpha) * part;
    start += size;
  }
  if (start != k || !(total > 0)) return NAN;
  return 1 - error / total;
}

}  // namespace attune

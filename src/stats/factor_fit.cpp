#include "attune/stats/factor_fit.h"

#include "attune/util/error.h"

namespace attune {

// psych::factor.stats (Revelle): not yet implemented.
FactorFit factor_fit(const DenseMatrix&, const DenseMatrix&, const DenseMatrix&, double) {
  throw data_error({}, "factor fit statistics are not implemented yet");
}

}  // namespace attune

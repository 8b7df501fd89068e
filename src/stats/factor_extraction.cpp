#include "attune/stats/factor_extraction.h"

#include "attune/util/error.h"

namespace attune {

// psych::fa (Revelle): not yet implemented.
FactorExtraction extract_factors(const DenseMatrix&, std::size_t, FactorMethod) {
  throw data_error({}, "factor extraction is not implemented yet");
}

}  // namespace attune

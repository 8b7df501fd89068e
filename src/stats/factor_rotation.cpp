// Factor rotations (stub until the implementation lands).
#include "attune/stats/factor_rotation.h"

#include "attune/util/error.h"

namespace attune {

RotatedLoadings rotate_loadings(const DenseMatrix&, RotationMethod) {
  throw usage_error("factor rotation is not implemented yet", "use --rotate none");
}

}  // namespace attune

#include <doctest/doctest.h>

#include "attune/stats/bootstrap_alpha.h"
#include "attune/util/error.h"

using namespace attune;

TEST_CASE("the bootstrap is reproducible for a seed and refuses degenerate input") {
  DenseMatrix x(8, 2);
  const double values[] = {1, 2, 2, 2, 3, 4, 4, 3, 5, 5, 2, 1, 3, 3, 4, 5};
  for (std::size_t i = 0; i < 16; ++i) x.values[i] = values[i];
  BootstrapOptions o;
  o.replicates = 50;
  o.seed = 42;
  const BootstrapAlpha a = bootstrap_alpha(x, o), b = bootstrap_alpha(x, o);
  CHECK(a.replicates == b.replicates);
  CHECK(a.replicates.size() == 50);
  CHECK(a.lower <= a.median);
  CHECK(a.median <= a.upper);
  CHECK_THROWS_AS(bootstrap_alpha(DenseMatrix(1, 2), o), Error);
  CHECK_THROWS_AS(bootstrap_alpha(DenseMatrix(5, 1), o), Error);
}

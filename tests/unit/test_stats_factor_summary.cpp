#include <doctest/doctest.h>

#include <cmath>

#include "attune/stats/factor_summary.h"

using namespace attune;

namespace {
DenseMatrix matrix(std::size_t rows, std::size_t cols, std::initializer_list<double> values) {
  DenseMatrix m(rows, cols);
  m.values.assign(values);
  return m;
}
}  // namespace

TEST_CASE("item complexity is Hofmann's (sum l^2)^2 / sum l^4: 1 for a pure item, 2 for an even split") {
  const DenseMatrix l = matrix(3, 2, {0.8, 0.0, 0.5, 0.5, 0.6, 0.3});
  const std::vector<double> com = item_complexity(l);
  CHECK(com[0] == doctest::Approx(1.0));
  CHECK(com[1] == doctest::Approx(2.0));
  CHECK(com[2] == doctest::Approx((0.45 * 0.45) / (0.1296 + 0.0081)));
}

TEST_CASE("SS loadings are column sums of squares, or diag(Phi L'L) for an oblique solution") {
  const DenseMatrix l = matrix(3, 2, {0.8, 0.1, 0.2, 0.7, 0.5, 0.5});
  const std::vector<double> orthogonal = ss_loadings(l, DenseMatrix());
  CHECK(orthogonal[0] == doctest::Approx(0.64 + 0.04 + 0.25));
  CHECK(orthogonal[1] == doctest::Approx(0.01 + 0.49 + 0.25));
  const DenseMatrix phi = matrix(2, 2, {1.0, 0.3, 0.3, 1.0});
  const std::vector<double> oblique = ss_loadings(l, phi);
  const double cross = 0.8 * 0.1 + 0.2 * 0.7 + 0.5 * 0.5;
  CHECK(oblique[0] == doctest::Approx(orthogonal[0] + 0.3 * cross));
  CHECK(oblique[1] == doctest::Approx(orthogonal[1] + 0.3 * cross));
}

TEST_CASE("fa.sort order: by the factor of the largest absolute loading, then by its size, ties in item order") {
  // items: 0 on F2 (.5), 1 on F1 (-.9), 2 on F2 (.8), 3 on F1 (.6), 4 on F1 (.6, a tie with 3)
  const DenseMatrix l = matrix(5, 2, {0.1, 0.5, -0.9, 0.2, 0.3, 0.8, 0.6, 0.1, 0.6, -0.2});
  CHECK(fa_sort_order(l) == std::vector<std::size_t>{1, 3, 4, 2, 0});
}

TEST_CASE("factors are matched to scales by the largest absolute keyed sum, reversed items counted negative") {
  // scale a: items 0, 1 (1 reversed) load on F2 (+, -); scale b: items 2, 3 on F1.
  const DenseMatrix l = matrix(4, 2, {0.1, 0.7, 0.0, -0.6, 0.8, 0.1, 0.7, 0.0});
  const std::vector<KeyedRows> scales{{"a", {0, 1}, {false, true}}, {"b", {2, 3}, {false, false}}};
  CHECK(match_factors_to_scales(l, scales) == std::vector<std::size_t>{1, 0});
  // Without the reverse key, a's loadings cancel on F2 and it is matched to what is left.
  const std::vector<KeyedRows> unkeyed{{"a", {0, 1}, {false, false}}, {"b", {2, 3}, {false, false}}};
  CHECK(match_factors_to_scales(l, unkeyed) == std::vector<std::size_t>{1, 0});
}

TEST_CASE("more scales than factors: the strongest scale takes the factor, the others get none") {
  const DenseMatrix l = matrix(4, 1, {0.3, 0.3, 0.8, 0.9});
  const std::vector<KeyedRows> scales{{"weak", {0, 1}, {false, false}}, {"strong", {2, 3}, {false, false}}};
  CHECK(match_factors_to_scales(l, scales) == std::vector<std::size_t>{1});
  const std::vector<KeyedRows> none;
  CHECK(match_factors_to_scales(l, none) == std::vector<std::size_t>{0});   // scales.size(): no scale
}

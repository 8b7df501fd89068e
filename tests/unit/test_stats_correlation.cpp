#include <doctest/doctest.h>

#include <cmath>

#include "attune/stats/correlation.h"
#include "attune/util/error.h"

using namespace attune;

TEST_CASE("cov2cor, pseudo-inverse and smc on hand-checkable matrices") {
  DenseMatrix c(2, 2);
  c(0, 0) = 4; c(1, 1) = 9; c(0, 1) = c(1, 0) = 3;
  const DenseMatrix r = cov_to_cor(c);
  CHECK(r(0, 1) == doctest::Approx(0.5));
  CHECK(r(0, 0) == 1);
  // smc of two variables is r^2; with covar = TRUE it is scaled by the variance.
  const auto smc = squared_multiple_correlations(r);
  CHECK(smc[0] == doctest::Approx(0.25));
  CHECK(squared_multiple_correlations(c, true)[1] == doctest::Approx(0.25 * 9));
  DenseMatrix d(2, 2);
  d(0, 0) = 2; d(1, 1) = 0;  // singular: Pinv inverts only the non-zero singular value
  const DenseMatrix p = pseudo_inverse(d);
  CHECK(p(0, 0) == doctest::Approx(0.5));
  CHECK(p(1, 1) == 0);
}

TEST_CASE("the pseudo-inverse's diagonal from the eigensolver equals the SVD's, for full-rank, indefinite and singular matrices") {
  // 5 x 5 symmetric: a correlation-like full-rank matrix; an indefinite one (pairwise deletion
  // can give negative eigenvalues: Pinv inverts them, negative); one of rank 2, where the values
  // Pinv drops must be dropped by both.
  DenseMatrix full(5, 5), indefinite(5, 5), rank_two(5, 5);
  const double u[5] = {1, 2, -1, 0.5, 3}, w[5] = {0.3, -1, 2, 1, 0.2};
  for (std::size_t i = 0; i < 5; ++i)
    for (std::size_t j = 0; j < 5; ++j) {
      full(i, j) = i == j ? 1.0 : 0.3 / (1.0 + static_cast<double>(i + j));
      indefinite(i, j) = i == j ? 1.0 : (i + j) % 2 ? 0.9 : -0.6;
      rank_two(i, j) = u[i] * u[j] + w[i] * w[j];
    }
  for (const DenseMatrix* m : {&full, &indefinite, &rank_two}) {
    const DenseMatrix svd = pseudo_inverse(*m);
    const std::vector<double> diagonal = pseudo_inverse_diagonal(*m);
    REQUIRE(diagonal.size() == 5);
    for (std::size_t i = 0; i < 5; ++i) {
      CAPTURE(i);
      CHECK(diagonal[i] == doctest::Approx(svd(i, i)).epsilon(1e-12));
      CHECK(svd(i, i) != 0);
    }
  }
}

TEST_CASE("smc refuses a correlation matrix with NA cells") {
  DenseMatrix r(2, 2, 1.0);
  r(0, 1) = r(1, 0) = std::nan("");
  CHECK_THROWS_AS(squared_multiple_correlations(r), Error);
}

TEST_CASE("lower triangle, cell sum and dropping a row and column") {
  DenseMatrix m(3, 3);
  for (std::size_t i = 0; i < 9; ++i) m.values[i] = static_cast<double>(i);
  CHECK(lower_triangle(m) == std::vector<double>{3, 6, 7});
  CHECK(sum_of_cells(m) == 36);
  const DenseMatrix w = without(m, 1);
  CHECK(w.values == std::vector<double>{0, 2, 6, 8});
}

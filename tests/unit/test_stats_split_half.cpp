#include <doctest/doctest.h>

#include "attune/stats/split_half.h"

using namespace attune;

namespace {
DenseMatrix equal_correlations(std::size_t n, double r) {
  DenseMatrix m(n, n, r);
  for (std::size_t i = 0; i < n; ++i) m(i, i) = 1;
  return m;
}
}  // namespace

TEST_CASE("with equal correlations every split has the same reliability") {
  const SplitHalfResult s = split_half(equal_correlations(4, 0.5));
  // 4 * (2 * 2 * .5) / (4 + 12 * .5) = .8, the Spearman-Brown of two 2-item halves.
  CHECK(s.max_split == doctest::Approx(0.8));
  CHECK(s.min_split == doctest::Approx(0.8));
  CHECK(s.mean_split == doctest::Approx(0.8));
  CHECK(s.splits_evaluated == 3);
  CHECK(s.enumerated);
}

TEST_CASE("odd item counts reproduce psych's count: ceiling(choose/2) splits, sum divided by choose/2") {
  const SplitHalfResult s = split_half(equal_correlations(7, 0.3));
  CHECK(s.splits_evaluated == 18);  // choose(7, 3) / 2 = 17.5
  CHECK(s.mean_split == doctest::Approx(s.max_split * 18 / 17.5));
}

TEST_CASE("beyond psych's 10000 splits the splits are sampled, reproducibly for a seed") {
  const DenseMatrix r = equal_correlations(20, 0.2);  // choose(20, 10) / 2 = 92378 splits
  SplitHalfOptions o;
  o.samples = 500;
  const SplitHalfResult a = split_half(r, o), b = split_half(r, o);
  CHECK(!a.enumerated);
  CHECK(a.splits_evaluated == 500);
  CHECK(a.max_half == b.max_half);
  CHECK(a.mean_split == b.mean_split);
}

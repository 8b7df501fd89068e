#include "attune/stats/split_half.h"

#include <cmath>
#include <numeric>
#include <random>

#include "attune/stats/correlation.h"
#include "attune/stats/order_statistics.h"
#include "attune/stats/random_index.h"
#include "attune/util/error.h"

namespace attune {

namespace {
// psych splitHalf's inner split(): 4 * (sum of r between halves) / sum(R). The cells r(i, j),
// i in A and j not, are added row by row in increasing i and j: the order of a loop over all
// n x n cells that skips the others, so the same sum to the bit, without n^2 branches.
// `a` and `b` are scratch for the halves' members.
double split_reliability(const DenseMatrix& r, const std::vector<char>& in_a, double sum_r,
                         std::vector<std::size_t>& a, std::vector<std::size_t>& b) {
  a.clear();
  b.clear();
  for (std::size_t i = 0; i < r.rows; ++i) (in_a[i] ? a : b).push_back(i);
  double between = 0;
  for (std::size_t i : a) {
    const double* row = r.row(i);
    for (std::size_t j : b) between += row[j];
  }
  return 4 * between / sum_r;
}

struct Tracker {
  double sum = 0, max = -9999, min = 2;
  std::vector<char> max_a, min_a;
  std::size_t count = 0;
  void visit(double rab, const std::vector<char>& in_a) {
    ++count;
    sum += rab;
    if (rab > max) { max = rab; max_a = in_a; }
    if (rab < min) { min = rab; min_a = in_a; }
  }
};

std::vector<std::size_t> members(const std::vector<char>& in_a) {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < in_a.size(); ++i)
    if (in_a[i]) out.push_back(i);
  return out;
}

// The next combination of comb.size() out of n in lexicographic order; false after the last.
bool next_combination(std::vector<std::size_t>& comb, std::size_t n) {
  const std::size_t m = comb.size();
  std::size_t i = m;
  while (i > 0 && comb[i - 1] == n - m + i - 1) --i;
  if (i == 0) return false;
  ++comb[i - 1];
  for (std::size_t j = i; j < m; ++j) comb[j] = comb[j - 1] + 1;
  return true;
}
}  // namespace

// psych::splitHalf (Revelle; Guttman 1945 lambda 2 and 6), raw = FALSE, covar = FALSE.
SplitHalfResult split_half(const DenseMatrix& keyed_covariance, const SplitHalfOptions& options) {
  const std::size_t n = keyed_covariance.rows;
  if (n < 2) throw data_error({}, "split-half reliability needs at least 2 items");
  for (double v : keyed_covariance.values)
    if (std::isnan(v)) throw data_error({}, "split-half reliability needs every item pair answered together");
  const DenseMatrix r = cov_to_cor(keyed_covariance);
  const double dn = static_cast<double>(n);
  SplitHalfResult out;
  const double sum_r = sum_of_cells(r);
  double sum_off = 0, sumsq_off = 0;
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < n; ++j)
      if (i != j) sumsq_off += r(i, j) * r(i, j);
  sum_off = sum_r - dn;  // psych: sumr - tr(r)
  double smc_sum = 0;
  for (double v : squared_multiple_correlations(r)) smc_sum += v;
  out.alpha = (sum_off / sum_r) * dn / (dn - 1);
  out.lambda6 = (sum_off + smc_sum) / sum_r;
  out.lambda2 = (sum_off + std::sqrt(sumsq_off * dn / (dn - 1))) / sum_r;
  const std::vector<double> off = lower_triangle(r);
  out.median_r = median_of(off);
  out.average_r = std::accumulate(off.begin(), off.end(), 0.0) / static_cast<double>(off.size());

  const std::size_t half = n / 2;
  double choose = 1;  // choose(n, half), exact while it fits in a double's 53 bits
  for (std::size_t i = 1; i <= half; ++i) choose = choose * static_cast<double>(n - half + i) / static_cast<double>(i);
  const double count = std::round(choose) / 2;
  Tracker t;
  std::vector<char> in_a(n, 0);
  std::vector<std::size_t> a, b;   // split_reliability's scratch
  if (options.always_enumerate || count <= options.enumerate_up_to) {
    std::vector<std::size_t> comb(half);
    std::iota(comb.begin(), comb.end(), std::size_t{0});
    const auto evaluations = static_cast<std::size_t>(std::ceil(count));
    for (std::size_t e = 0; e < evaluations; ++e) {
      std::fill(in_a.begin(), in_a.end(), 0);
      for (std::size_t i : comb) in_a[i] = 1;
      t.visit(split_reliability(r, in_a, sum_r, a, b), in_a);
      if (!next_combination(comb, n)) break;
    }
    out.mean_split = t.sum / count;
  } else {
    std::mt19937_64 engine(options.seed);
    std::vector<std::size_t> order(n);
    for (std::size_t s = 0; s < options.samples; ++s) {
      std::iota(order.begin(), order.end(), std::size_t{0});
      for (std::size_t i = 0; i < half; ++i) std::swap(order[i], order[i + random_index(engine, n - i)]);
      std::fill(in_a.begin(), in_a.end(), 0);
      for (std::size_t i = 0; i < half; ++i) in_a[order[i]] = 1;
      t.visit(split_reliability(r, in_a, sum_r, a, b), in_a);
    }
    out.enumerated = false;
    out.mean_split = t.sum / static_cast<double>(options.samples);
  }
  out.max_split = t.max;
  out.min_split = t.min;
  out.max_half = members(t.max_a);
  out.min_half = members(t.min_a);
  out.splits_evaluated = t.count;
  return out;
}

}  // namespace attune

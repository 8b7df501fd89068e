#include "attune/stats/factor_summary.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace attune {

// psych::fa complexity (Hofmann 1978, "Complexity and simplicity as objective indices descriptive of factor solutions").
std::vector<double> item_complexity(const DenseMatrix& loadings) {
  std::vector<double> com(loadings.rows);
  for (std::size_t i = 0; i < loadings.rows; ++i) {
    double squares = 0, fourths = 0;
    for (std::size_t f = 0; f < loadings.cols; ++f) {
      const double l2 = loadings(i, f) * loadings(i, f);
      squares += l2;
      fourths += l2 * l2;
    }
    com[i] = squares * squares / fourths;
  }
  return com;
}

// psych::fa Vaccounted "SS loadings" (print.psych.fa: diag(Phi %*% t(L) %*% L) when Phi is given).
std::vector<double> ss_loadings(const DenseMatrix& loadings, const DenseMatrix& phi) {
  const std::size_t k = loadings.cols;
  DenseMatrix cross(k, k);   // t(L) %*% L
  for (std::size_t a = 0; a < k; ++a)
    for (std::size_t b = 0; b < k; ++b)
      for (std::size_t i = 0; i < loadings.rows; ++i) cross(a, b) += loadings(i, a) * loadings(i, b);
  std::vector<double> vx(k);
  for (std::size_t f = 0; f < k; ++f) {
    if (phi.rows != k) {
      vx[f] = cross(f, f);
      continue;
    }
    for (std::size_t g = 0; g < k; ++g) vx[f] += phi(f, g) * cross(g, f);
  }
  return vx;
}

// psych::fa.sort / print.psych(sort = TRUE) order.
std::vector<std::size_t> fa_sort_order(const DenseMatrix& loadings) {
  std::vector<std::size_t> cluster(loadings.rows);
  for (std::size_t i = 0; i < loadings.rows; ++i) {
    std::size_t best = 0;
    for (std::size_t f = 1; f < loadings.cols; ++f) {
      if (std::fabs(loadings(i, f)) > std::fabs(loadings(i, best))) best = f;   // which.max: the first of ties
    }
    cluster[i] = best;
  }
  std::vector<std::size_t> order(loadings.rows);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    if (cluster[a] != cluster[b]) return cluster[a] < cluster[b];
    return std::fabs(loadings(a, cluster[a])) > std::fabs(loadings(b, cluster[b]));
  });
  return order;
}

// attune's alignment of factors with an instrument's scales (documented in the README's factor section).
std::vector<std::size_t> match_factors_to_scales(const DenseMatrix& loadings, const std::vector<KeyedRows>& scales) {
  const std::size_t k = loadings.cols, none = scales.size();
  std::vector<std::vector<double>> sums(scales.size(), std::vector<double>(k));
  for (std::size_t s = 0; s < scales.size(); ++s) {
    for (std::size_t p = 0; p < scales[s].items.size(); ++p) {
      for (std::size_t f = 0; f < k; ++f) {
        sums[s][f] += (scales[s].reversed[p] ? -1.0 : 1.0) * loadings(scales[s].items[p], f);
      }
    }
  }
  std::vector<std::size_t> scale_of(k, none);
  std::vector<bool> scale_taken(scales.size());
  for (std::size_t round = 0; round < std::min(k, scales.size()); ++round) {
    double best = -1;
    std::size_t best_s = none, best_f = k;
    for (std::size_t s = 0; s < scales.size(); ++s) {
      if (scale_taken[s]) continue;
      for (std::size_t f = 0; f < k; ++f) {
        if (scale_of[f] != none) continue;
        if (std::fabs(sums[s][f]) > best) {
          best = std::fabs(sums[s][f]);
          best_s = s;
          best_f = f;
        }
      }
    }
    if (best_s == none) break;
    scale_of[best_f] = best_s;
    scale_taken[best_s] = true;
  }
  return scale_of;
}

}  // namespace attune

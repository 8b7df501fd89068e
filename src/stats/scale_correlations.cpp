#include "attune/stats/scale_correlations.h"

#include <fmt/format.h>

#include <cmath>

#include "attune/stats/correlation.h"
#include "attune/util/error.h"

namespace attune {

// psych::scoreItems (Revelle), impute = "none": cov.scales = t(keys) C keys; correct.cor (Spearman 1904).
ScaleCorrelations scale_correlations(const ItemAnalysisMoments& acc) {
  const std::vector<ScaleKey>& scales = acc.scales();
  const std::size_t s_count = scales.size();
  // Signed membership of each usable item in each scale (psych's keys matrix after "bad" deletion).
  std::vector<std::vector<std::pair<std::size_t, double>>> members(s_count);
  for (std::size_t s = 0; s < s_count; ++s)
    for (std::size_t p = 0; p < scales[s].items.size(); ++p) {
      const std::size_t c = scales[s].items[p];
      if (acc.item_n(c) == 0)
        throw data_error({}, fmt::format("scale \"{}\": item column {} has no responses at all", scales[s].name, c + 1));
      if (!(acc.item_sd(c) > 0)) continue;  // scoreItems: "had no variance and was deleted"
      members[s].emplace_back(c, scales[s].reversed[p] ? -1.0 : 1.0);
    }
  DenseMatrix cov(s_count, s_count);
  std::vector<double> item_var_sum(s_count, 0.0);
  for (std::size_t a = 0; a < s_count; ++a) {
    for (const auto& [c, sign] : members[a]) item_var_sum[a] += acc.item_covariance(c, c);
    for (std::size_t b = 0; b < s_count; ++b) {
      double sum = 0;
      for (const auto& [ci, si] : members[a])
        for (const auto& [cj, sj] : members[b]) {
          const double v = acc.item_covariance(ci, cj);
          if (std::isnan(v))
            throw data_error({}, fmt::format("item columns {} and {} were answered together in fewer than 2 rows",
                                             ci + 1, cj + 1));
          sum += si * sj * v;
        }
      cov(a, b) = sum;
    }
  }
  ScaleCorrelations out;
  out.observed = cov_to_cor(cov);
  out.alpha.resize(s_count);
  for (std::size_t s = 0; s < s_count; ++s) {
    const double n = static_cast<double>(members[s].size());
    out.alpha[s] = (cov(s, s) - item_var_sum[s]) * n / ((n - 1) * cov(s, s));
  }
  out.corrected = out.observed;
  for (std::size_t i = 0; i < s_count; ++i) {
    out.corrected(i, i) = out.alpha[i];
    for (std::size_t j = i + 1; j < s_count; ++j)
      out.corrected(i, j) = out.observed(i, j) / std::sqrt(out.alpha[i] * out.alpha[j]);
  }
  return out;
}

}  // namespace attune

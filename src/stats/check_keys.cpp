#include "attune/stats/check_keys.h"

#include <fmt/format.h>

#include <Eigen/Dense>
#include <cmath>
#include <limits>

namespace attune {

namespace {

// Two decimals, or NA for an undefined value.
std::string two_decimals(double value) { return std::isnan(value) ? "NA" : fmt::format("{:.2f}", value); }

}  // namespace

// psych::principal (Revelle): eigen(r); loadings = vectors * sqrt(values), sign(colSums) made positive.
std::vector<double> first_component_loadings(const DenseMatrix& r) {
  const std::size_t k = r.rows;
  std::vector<double> loadings(k, std::numeric_limits<double>::quiet_NaN());
  Eigen::MatrixXd e(static_cast<Eigen::Index>(k), static_cast<Eigen::Index>(k));
  for (std::size_t i = 0; i < k; ++i)
    for (std::size_t j = 0; j < k; ++j) {
      if (std::isnan(r(i, j))) return loadings;
      e(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) = r(i, j);
    }
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> solver(e);
  const Eigen::Index top = static_cast<Eigen::Index>(k) - 1;  // eigenvalues ascend
  const double value = std::max(solver.eigenvalues()(top), std::numeric_limits<double>::epsilon());
  const Eigen::VectorXd vector = solver.eigenvectors().col(top);
  const double sign = vector.sum() < 0 ? -1.0 : 1.0;
  for (std::size_t i = 0; i < k; ++i) loadings[i] = sign * vector(static_cast<Eigen::Index>(i)) * std::sqrt(value);
  return loadings;
}

// psych::alpha(check.keys = TRUE): reverse the items whose principal(x, 1) loading is negative.
KeyCheck check_keys(const ScaleMoments& moments, const AlphaResult& alpha, const std::string& scale_name,
                    const std::vector<std::string>& labels) {
  KeyCheck out;
  out.loadings = first_component_loadings(moments.correlation);
  for (std::size_t p = 0; p < alpha.item_stats.size(); ++p) {
    const double r_drop = alpha.item_stats[p].r_drop;
    const double loading = out.loadings[p];
    const bool reverse = loading < 0;
    if (!reverse && !(r_drop < 0)) continue;
    const std::string name = p < labels.size() ? labels[p] : fmt::format("#{}", p + 1);
    std::string message =
        reverse ? fmt::format("item {} loads negatively on the first principal component of scale \"{}\" "
                              "(loading = {:.2f}; r.drop = {}): psych::alpha(check.keys = TRUE) would "
                              "reverse it; check its key and try it reversed",
                              name, scale_name, loading, two_decimals(r_drop))
                : fmt::format("item {} has a weak/negative item-rest correlation in scale \"{}\" (r.drop = "
                              "{:.2f}; first-component loading = {}): psych::alpha(check.keys = TRUE) would "
                              "not reverse it; look at its wording and the other items' keys",
                              name, scale_name, r_drop, two_decimals(loading));
    out.suspects.push_back({p, r_drop, loading, reverse, std::move(message)});
  }
  return out;
}

}  // namespace attune

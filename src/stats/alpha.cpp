#include "attune/stats/alpha.h"

#include <fmt/format.h>

#include <boost/math/distributions/fisher_f.hpp>
#include <cmath>
#include <limits>

#include "attune/stats/correlation.h"
#include "attune/stats/order_statistics.h"
#include "attune/util/error.h"

namespace attune {

namespace {
constexpr double kNA = std::numeric_limits<double>::quiet_NaN();

double trace(const DenseMatrix& m) {
  double t = 0;
  for (std::size_t i = 0; i < m.rows; ++i) t += m(i, i);
  return t;
}

std::string label(const std::vector<std::string>& labels, std::size_t position) {
  return position < labels.size() ? labels[position] : fmt::format("#{}", position + 1);
}

DenseMatrix submatrix(const DenseMatrix& m, const std::vector<std::size_t>& keep) {
  DenseMatrix out(keep.size(), keep.size());
  for (std::size_t a = 0; a < keep.size(); ++a)
    for (std::size_t b = 0; b < keep.size(); ++b) out(a, b) = m(keep[a], keep[b]);
  return out;
}

AlphaIfDropped dropped_row(const AlphaCore& core, std::size_t rows, std::size_t items) {
  AlphaIfDropped d{core.raw_alpha, core.std_alpha, core.g6_smc, core.average_r, core.signal_noise,
                   kNA, core.var_r, core.median_r};
  if (rows > items) d.alpha_se = std::sqrt(core.q / static_cast<double>(rows));
  return d;
}
}  // namespace

// psych alpha.1: Cronbach 1951 raw/std alpha, Guttman 1945 lambda 6, Duhachek & Iacobucci 2004 Q.
AlphaCore alpha_core(const DenseMatrix& c) {
  const double n = static_cast<double>(c.rows);
  const DenseMatrix r = cov_to_cor(c);
  const double sum_c = sum_of_cells(c);
  const double tr_c = trace(c);
  const double sum_r = sum_of_cells(r);
  double smc_sum = 0;
  for (double v : squared_multiple_correlations(r)) smc_sum += v;
  // tr(C %*% C) and sum(C %*% C) without forming the product.
  double tr_cc = 0, sum_cc = 0;
  for (std::size_t k = 0; k < c.rows; ++k) {
    double row_sum = 0, col_sum = 0;
    for (std::size_t i = 0; i < c.rows; ++i) {
      tr_cc += c(k, i) * c(i, k);
      row_sum += c(k, i);
      col_sum += c(i, k);
    }
    sum_cc += row_sum * col_sum;
  }
  AlphaCore out{};
  out.raw_alpha = (1 - tr_c / sum_c) * (n / (n - 1));
  out.std_alpha = (1 - n / sum_r) * (n / (n - 1));
  out.g6_smc = 1 - (n - smc_sum) / sum_r;
  out.average_r = (sum_r - n) / (n * (n - 1));
  out.signal_noise = n * out.average_r / (1 - out.average_r);
  out.q = (2 * n * n / ((n - 1) * (n - 1) * (sum_c * sum_c * sum_c))) *
          (sum_c * (tr_cc + tr_c * tr_c) - 2 * (tr_c * sum_cc));
  const std::vector<double> off = lower_triangle(r);
  out.var_r = variance_of(off);
  out.median_r = median_of(off);
  return out;
}

// psych::alpha.ci: 1 - (1 - alpha) F quantiles with df (N - 1, (N - 1)(n - 1)) (Feldt et al. 1987).
AlphaInterval feldt_interval(double alpha, std::size_t n_rows, std::size_t n_items, double p) {
  if (n_rows < 2 || n_items < 2) return {kNA, alpha, kNA};
  const double df1 = static_cast<double>(n_rows) - 1;
  const boost::math::fisher_f_distribution<double> f(df1, df1 * (static_cast<double>(n_items) - 1));
  return {1 - (1 - alpha) * boost::math::quantile(f, 1 - p / 2), alpha,
          1 - (1 - alpha) * boost::math::quantile(f, p / 2)};
}

// psych::alpha (Revelle), raw-data branch with use = "pairwise", cumulative = FALSE.
AlphaResult alpha(const ScaleMoments& m, const std::vector<std::string>& labels) {
  const std::size_t k = m.covariance.rows;
  AlphaResult result;
  std::vector<std::size_t> kept;
  for (std::size_t p = 0; p < k; ++p) {
    if (m.item_n[p] == 0)
      throw data_error({}, fmt::format("item {} has no responses at all", label(labels, p)),
                       "check the column, or remove the item from the scale");
    if (!(m.item_sd[p] > 0)) {  // psych: "had no variance and was deleted"
      result.excluded.push_back({p, m.item_n[p] < 2 ? "only one response: no variance"
                                                    : "constant: every response is the same (no variance)"});
    } else {
      kept.push_back(p);
    }
  }
  if (kept.size() < 2)
    throw data_error({}, fmt::format("only {} item(s) with variance remain; alpha needs at least 2", kept.size()));
  for (std::size_t a = 0; a < kept.size(); ++a)
    for (std::size_t b = a + 1; b < kept.size(); ++b)
      if (std::isnan(m.covariance(kept[a], kept[b])))
        throw data_error({}, fmt::format("items {} and {} were answered together in fewer than 2 rows",
                                         label(labels, kept[a]), label(labels, kept[b])),
                         "their covariance is undefined; remove one of them");

  const DenseMatrix c = submatrix(m.covariance, kept);
  const DenseMatrix r = cov_to_cor(c);
  const std::size_t nvar = kept.size();
  const AlphaCore core = alpha_core(c);
  result.total = {core.raw_alpha, core.std_alpha, core.g6_smc, core.average_r, core.signal_noise,
                  std::sqrt(core.q / static_cast<double>(m.rows)), m.total_mean, m.total_sd, core.median_r,
                  core.var_r};

  const AlphaIfDropped na_drop{kNA, kNA, kNA, kNA, kNA, kNA, kNA, kNA};
  result.alpha_drop.assign(k, na_drop);
  result.item_stats.resize(k);
  for (std::size_t p = 0; p < k; ++p)
    result.item_stats[p] = {m.item_n[p], kNA, kNA, kNA, kNA, m.item_mean[p], m.item_sd[p]};

  if (nvar > 2) {
    for (std::size_t i = 0; i < nvar; ++i)
      result.alpha_drop[kept[i]] = dropped_row(alpha_core(without(c, i)), m.rows, nvar);
  } else {
    // psych's 2-item special case: raw_alpha C12/C22 (item 1) and C12/C11 (item 2), alpha se NA,
    // var.r 0, the rest from the single correlation.
    const double r12 = r(0, 1);
    const double smc1 = squared_multiple_correlations(r)[0];
    result.alpha_drop[kept[0]] = {c(0, 1) / c(1, 1), r12, smc1, r12, r12 / (1 - r12), kNA, 0.0, r12};
    result.alpha_drop[kept[1]] = {c(0, 1) / c(0, 0), r12, smc1, r12, r12 / (1 - r12), kNA, 0.0, r12};
  }

  // item.stats: std.r = colSums(R)/sqrt(sum R); r.cor with smc on the diagonal; r.drop from C.
  const std::vector<double> smc = squared_multiple_correlations(r);
  double sum_r = sum_of_cells(r), sum_rc = sum_r, sum_c = sum_of_cells(c);
  for (std::size_t i = 0; i < nvar; ++i) sum_rc += smc[i] - 1;
  for (std::size_t i = 0; i < nvar; ++i) {
    double col_r = 0, col_c = 0;
    for (std::size_t j = 0; j < nvar; ++j) {
      col_r += r(j, i);
      col_c += c(j, i);
    }
    ItemStats& s = result.item_stats[kept[i]];
    s.raw_r = m.item_total_r[kept[i]];
    s.std_r = col_r / std::sqrt(sum_r);
    s.r_cor = (col_r - 1 + smc[i]) / std::sqrt(sum_rc);
    const double rest = sum_c - 2 * col_c + c(i, i);  // sum(C[-i, -i])
    s.r_drop = (col_c - c(i, i)) / std::sqrt(c(i, i) * rest);
  }

  result.feldt = feldt_interval(core.raw_alpha, m.rows, nvar);
  result.duhachek = {core.raw_alpha - 1.96 * result.total.ase, core.raw_alpha,
                     core.raw_alpha + 1.96 * result.total.ase};
  return result;
}

}  // namespace attune

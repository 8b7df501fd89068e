#include "attune/stats/polychoric.h"

#include <Eigen/Dense>
#include <boost/math/distributions/normal.hpp>
#include <cfloat>
#include <cmath>
#include <limits>
#include <string>

#include <fmt/format.h>

#include "attune/util/error.h"
#include "stats/r_optimize.h"

namespace attune {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double pnorm(double x) { return 0.5 * std::erfc(-x / std::sqrt(2.0)); }

// R's qnorm: -Inf at 0, Inf at 1, NaN outside [0, 1].
double qnorm(double p) {
  if (std::isnan(p) || p < 0 || p > 1) return kNaN;
  if (p == 0) return -INFINITY;
  if (p == 1) return INFINITY;
  return boost::math::quantile(boost::math::normal(), p);
}

// A rows x cols table of doubles, row-major.
struct Table {
  std::size_t rows = 0, cols = 0;
  std::vector<double> cells;
  Table(std::size_t r, std::size_t c) : rows(r), cols(c), cells(r * c, 0.0) {}
  double& operator()(std::size_t r, std::size_t c) { return cells[r * cols + c]; }
  double operator()(std::size_t r, std::size_t c) const { return cells[r * cols + c]; }
};

// psych's polyBinBvn: the model's cell probabilities for thresholds rc (rows) and cc
// (columns); all but the last row and column by the rectangle, those by subtraction from the
// margins, as psych (and so the same rounding).
Table cell_probabilities(double rho, const std::vector<double>& rc, const std::vector<double>& cc) {
  const std::size_t nr = rc.size() + 1, nc = cc.size() + 1;
  auto row_cut = [&](std::size_t i) { return i == 0 ? -INFINITY : i == nr ? INFINITY : rc[i - 1]; };
  auto col_cut = [&](std::size_t j) { return j == 0 ? -INFINITY : j == nc ? INFINITY : cc[j - 1]; };
  Table p(nr, nc);
  for (std::size_t i = 0; i + 1 < nr; ++i)
    for (std::size_t j = 0; j + 1 < nc; ++j)
      p(i, j) = bivariate_normal_rectangle(row_cut(i), row_cut(i + 1), col_cut(j), col_cut(j + 1), rho);
  auto row_sum = [&](std::size_t i) {
    long double s = 0;
    for (std::size_t j = 0; j + 1 < nc; ++j) s += p(i, j);
    return static_cast<double>(s);
  };
  auto col_sum = [&](std::size_t j) {
    long double s = 0;
    for (std::size_t i = 0; i + 1 < nr; ++i) s += p(i, j);
    return static_cast<double>(s);
  };
  p(0, nc - 1) = pnorm(rc[0]) - row_sum(0);
  p(nr - 1, 0) = pnorm(cc[0]) - col_sum(0);
  for (std::size_t i = 1; i + 1 < nr; ++i) p(i, nc - 1) = pnorm(rc[i]) - pnorm(rc[i - 1]) - row_sum(i);
  for (std::size_t j = 1; j + 1 < nc; ++j) p(nr - 1, j) = pnorm(cc[j]) - pnorm(cc[j - 1]) - col_sum(j);
  p(nr - 1, nc - 1) = 1 - pnorm(rc[nr - 2]) - row_sum(nr - 1);
  return p;
}

// psych's polyF: minus the log likelihood of the (proportion) table, cells the model gives no
// positive probability left out.
double poly_objective(double rho, const std::vector<double>& rc, const std::vector<double>& cc, const Table& tab) {
  const Table p = cell_probabilities(rho, rc, cc);
  long double sum = 0;
  for (std::size_t c = 0; c < p.cells.size(); ++c) {
    if (!(p.cells[c] > 0)) continue;
    const double lp = std::log(p.cells[c]);
    if (std::isfinite(lp)) sum += tab.cells[c] * lp;
  }
  return -static_cast<double>(sum);
}

// psych's tetraF on psych's tetraBinBvn: minus the log likelihood of a 2 x 2 table of counts.
double tetra_objective(double rho, double tau_i, double tau_j, const Table& tab) {
  const double p11 = bivariate_normal_rectangle(-INFINITY, tau_j, -INFINITY, tau_i, rho);
  const double p21 = pnorm(tau_j) - p11, p12 = pnorm(tau_i) - p11, p22 = 1 - pnorm(tau_j) - p12;
  const double p[4] = {p11, p12, p21, p22};
  long double sum = 0;
  for (int c = 0; c < 4; ++c) sum += tab.cells[c] * std::log(p[c]);
  return -static_cast<double>(sum);
}

// Cumulative proportions' normal quantiles, the last left out: psych's thresholds.
std::vector<double> thresholds_of(const std::vector<double>& proportions) {
  std::vector<double> tau;
  double cumulative = 0;
  for (std::size_t c = 0; c + 1 < proportions.size(); ++c) {
    cumulative += proportions[c];
    tau.push_back(qnorm(std::min(cumulative, 1.0)));
  }
  return tau;
}

// psych::polychoric's polyc with global = FALSE (after Fox's polycor): empty rows and columns
// dropped, empty cells given correct / n, thresholds from this table's margins.
double pair_rho_local(Table tab, double total, double correct, bool& corrected) {
  std::vector<std::size_t> keep_r, keep_c;
  for (std::size_t i = 0; i < tab.rows; ++i) {
    bool any = false;
    for (std::size_t j = 0; j < tab.cols; ++j) any = any || tab(i, j) != 0;
    if (any) keep_r.push_back(i);
  }
  for (std::size_t j = 0; j < tab.cols; ++j) {
    bool any = false;
    for (std::size_t i = 0; i < tab.rows; ++i) any = any || tab(i, j) != 0;
    if (any) keep_c.push_back(j);
  }
  if (keep_r.size() < 2 || keep_c.size() < 2) return kNaN;
  Table kept(keep_r.size(), keep_c.size());
  bool any_zero = false;
  for (std::size_t i = 0; i < kept.rows; ++i)
    for (std::size_t j = 0; j < kept.cols; ++j) {
      kept(i, j) = tab(keep_r[i], keep_c[j]);
      any_zero = any_zero || kept(i, j) == 0;
    }
  if (correct > 0 && any_zero) {
    corrected = true;
    for (double& cell : kept.cells)
      if (cell == 0) cell = correct / total;
  }
  std::vector<double> rsum(kept.rows, 0.0), csum(kept.cols, 0.0);
  for (std::size_t i = 0; i < kept.rows; ++i)
    for (std::size_t j = 0; j < kept.cols; ++j) {
      rsum[i] += kept(i, j);
      csum[j] += kept(i, j);
    }
  const std::vector<double> rc = thresholds_of(rsum), cc = thresholds_of(csum);
  return r_optimize([&](double rho) { return poly_objective(rho, rc, cc, kept); }, -1, 1);
}

// psych::cor.smooth: when an eigenvalue is below machine epsilon, those below 1e-12 become
// 1e-10, all are rescaled to sum to the order, and the matrix is rebuilt and made a
// correlation matrix again. True when it changed the matrix.
bool smooth_correlations(DenseMatrix& r) {
  const Eigen::Index n = static_cast<Eigen::Index>(r.rows);
  Eigen::MatrixXd m(n, n);
  for (Eigen::Index i = 0; i < n; ++i)
    for (Eigen::Index j = 0; j < n; ++j)
      m(i, j) = r(static_cast<std::size_t>(i), static_cast<std::size_t>(j));
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eigen(m);
  Eigen::VectorXd values = eigen.eigenvalues();
  if (values.minCoeff() >= DBL_EPSILON) return false;
  const double tol = 1e-12;
  for (double& v : values) v = v < tol ? 100 * tol : v;
  values *= static_cast<double>(n) / values.sum();
  const Eigen::MatrixXd rebuilt = eigen.eigenvectors() * values.asDiagonal() * eigen.eigenvectors().transpose();
  for (Eigen::Index i = 0; i < n; ++i)
    for (Eigen::Index j = 0; j < n; ++j)
      r(static_cast<std::size_t>(i), static_cast<std::size_t>(j)) =
          rebuilt(i, j) / std::sqrt(rebuilt(i, i) * rebuilt(j, j));
  return true;
}

std::string item_name(const PolychoricOptions& options, std::size_t i) {
  return i < options.item_names.size() ? options.item_names[i] : "item " + std::to_string(i + 1);
}

}  // namespace

// psych::polychoric (global = TRUE; Olsson 1979's two-step estimate: thresholds from the
// marginals, then rho maximising the bivariate normal likelihood of each pair's table with R's
// optimize) and psych::tetrachoric for two categories. psych applies `correct` only where its
// code does: tetrachoric adds it to empty cells of every pair's table; polychoric only when
// global is FALSE (items reach different highest categories), where each pair's empty cells
// get correct / n; with global thresholds an empty cell just adds nothing to the likelihood.
PolychoricResult polychoric(const ContingencyTables& tables, const PolychoricOptions& options) {
  const std::size_t k = tables.items();
  const unsigned levels = tables.levels();
  if (k < 2) throw usage_error("polychoric correlations need at least two items");
  // Each item's lowest and highest code, and answers.
  std::vector<unsigned> lowest(k, 0), highest(k, 0);
  std::vector<std::uint64_t> answered(k, 0);
  for (std::size_t i = 0; i < k; ++i) {
    for (unsigned a = 1; a <= levels; ++a) {
      const std::uint64_t n = tables.marginal(i, a);
      if (n == 0) continue;
      if (lowest[i] == 0) lowest[i] = a;
      highest[i] = a;
      answered[i] += n;
    }
    if (answered[i] == 0 || lowest[i] == highest[i])
      throw data_error({}, item_name(options, i) + " has no variance (" +
                               (answered[i] == 0 ? std::string("no answers") : "every answer the same") + ")",
                       "leave it out of the items analysed (psych::polychoric deletes it)");
  }
  const unsigned low = *std::min_element(lowest.begin(), lowest.end());
  const unsigned high = *std::max_element(highest.begin(), highest.end());
  const unsigned categories = high - low + 1;
  if (categories > options.max_categories)
    throw data_error({}, "the items have " + std::to_string(categories) + " categories, more than " +
                             std::to_string(options.max_categories),
                     "use Pearson correlations for items of many categories (psych::polychoric's max.cat)");

  PolychoricResult out;
  out.categories = categories;
  out.tetrachoric = categories == 2;
  out.global = std::all_of(highest.begin(), highest.end(), [&](unsigned h) { return h == high; });
  out.rho = DenseMatrix(k, k, 1.0);
  out.tau = DenseMatrix(k, categories - 1);

  // Thresholds: tetrachoric's -qnorm(mean); polychoric's qnorm of cumulative proportions.
  std::vector<std::vector<double>> tau(k);
  for (std::size_t i = 0; i < k; ++i) {
    const double n = static_cast<double>(answered[i]);
    if (out.tetrachoric) {
      tau[i] = {-qnorm(static_cast<double>(tables.marginal(i, high)) / n)};
    } else {
      std::vector<double> proportions;
      for (unsigned a = low; a <= high; ++a) proportions.push_back(static_cast<double>(tables.marginal(i, a)) / n);
      tau[i] = thresholds_of(proportions);
    }
    for (std::size_t c = 0; c + 1 < categories; ++c) out.tau(i, c) = tau[i][c];
  }

  bool any_missing = false;
  for (std::size_t i = 1; i < k; ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      // psych's orientation: rows item i (the later), columns item j.
      Table tab(categories, categories);
      double total = 0;
      for (unsigned a = 0; a < categories; ++a)
        for (unsigned b = 0; b < categories; ++b) {
          tab(a, b) = static_cast<double>(tables.count(i, j, low + a, low + b));
          total += tab(a, b);
        }
      double rho = kNaN;
      if (out.tetrachoric) {
        if (total > 2) {
          if (total > 1 && options.correct > 0 && std::find(tab.cells.begin(), tab.cells.end(), 0.0) != tab.cells.end()) {
            for (double& cell : tab.cells)
              if (cell == 0) cell = options.correct;
            ++out.corrected_pairs;
          }
          rho = r_optimize([&](double r) { return tetra_objective(r, tau[i][0], tau[j][0], tab); }, -1, 1);
        }
      } else if (total > 0) {
        for (double& cell : tab.cells) cell /= total;
        if (out.global) {
          rho = r_optimize([&](double r) { return poly_objective(r, tau[i], tau[j], tab); }, -1, 1);
        } else {
          bool corrected = false;
          rho = pair_rho_local(tab, total, options.correct, corrected);
          out.corrected_pairs += corrected ? 1 : 0;
        }
      }
      any_missing = any_missing || std::isnan(rho);
      out.rho(i, j) = out.rho(j, i) = rho;
    }
  }
  // psych turns smoothing off when a correlation is missing.
  if (options.smooth && !any_missing) out.smoothed = smooth_correlations(out.rho);
  return out;
}

std::string continuity_correction_warning(std::size_t corrected, std::size_t pairs, double correct) {
  if (corrected == 0) return {};
  return fmt::format(
      "polychoric correlations: the empty cells of {} of {} item pairs were given psych's correction for continuity "
      "(correct = {}; psych::polychoric warns the same: \"Examine your data carefully\"); an answer category "
      "few or no respondents used is the usual cause, and with few respondents the correction can move the estimates "
      "far from the Pearson ones: look at the response frequencies",
      corrected, pairs, correct);
}

}  // namespace attune

// Factor extraction and fit statistics against R psych::fa (make_factor_extraction.R): loadings,
// h2, u2, values, e.values and every fit statistic, 1e-6, for minres, ml and pa at 1..k factors.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "attune/stats/factor_extraction.h"
#include "attune/stats/factor_fit.h"
#include "attune/stats/omega_total.h"
#include "attune/util/error.h"
#include "fixture_csv.h"

using namespace attune;
using attune::reference::csv_number;
using attune::reference::read_csv_cells;

namespace {

DenseMatrix correlations_of(const std::string& set) {
  const auto rows = read_csv_cells(std::string(ATTUNE_REFERENCE_DIR) + "/factor_" + set + "_correlations.csv");
  DenseMatrix r(rows.size(), rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i)
    for (std::size_t j = 0; j < rows.size(); ++j) r(i, j) = csv_number(rows[i][j]);
  return r;
}

// One psych::fa result: table -> (row, column) -> value.
using Cells = std::map<std::string, std::map<std::pair<int, std::string>, double>>;
using Key = std::tuple<std::string, std::string, int>;  // set, method, nfactors

std::map<Key, Cells> expected() {
  std::map<Key, Cells> out;
  const auto rows = read_csv_cells(std::string(ATTUNE_REFERENCE_DIR) + "/factor_extraction_expected.csv");
  for (std::size_t i = 1; i < rows.size(); ++i) {
    const auto& c = rows[i];
    out[{c[0], c[1], std::stoi(c[2])}][c[3]][{std::stoi(c[4]), c[5]}] = csv_number(c[6]);
  }
  return out;
}

double fit_value(const FactorFit& f, const std::string& name) {
  const std::map<std::string, double> m{
      {"dof", f.dof}, {"objective", f.objective}, {"STATISTIC", f.STATISTIC}, {"PVAL", f.PVAL}, {"chi", f.chi},
      {"EPVAL", f.EPVAL}, {"null.model", f.null_model}, {"null.dof", f.null_dof}, {"null.chisq", f.null_chisq},
      {"TLI", f.TLI}, {"BIC", f.BIC}, {"SABIC", f.SABIC}, {"EBIC", f.EBIC}, {"ESABIC", f.ESABIC}, {"rms", f.rms},
      {"crms", f.crms}, {"fit", f.fit}, {"fit.off", f.fit_off}, {"RMSEA", f.RMSEA}, {"RMSEA.lower", f.RMSEA_lower},
      {"RMSEA.upper", f.RMSEA_upper}, {"RMSEA.confidence", f.RMSEA_confidence}};
  return m.at(name);
}

// Statistics on the scale of a chi-square are compared relative to their size (1e-6 of max(1, |x|));
// BIC and SABIC (chi-square minus dof log n, often a small difference of two large numbers)
// relative to the chi-square they come from, whose error they carry.
double difference(double ours, double theirs, double scale = 1) {
  if (std::isnan(theirs) || std::isnan(ours)) return std::isnan(theirs) == std::isnan(ours) ? 0 : INFINITY;
  return std::fabs(ours - theirs) / std::max({1.0, std::fabs(theirs), std::fabs(scale)});
}

double scale_of(const std::string& statistic, const FactorFit& fit) {
  if (statistic == "BIC" || statistic == "SABIC") return fit.STATISTIC;
  if (statistic == "EBIC" || statistic == "ESABIC") return fit.chi;
  return 1;
}

FactorMethod method_of(const std::string& m) {
  if (m == "ml") return FactorMethod::ml;
  if (m == "pa") return FactorMethod::pa;
  return FactorMethod::minres;
}

DenseMatrix matrix_of(const std::map<std::pair<int, std::string>, double>& cells, std::size_t rows, std::size_t cols) {
  DenseMatrix m(rows, cols);
  for (const auto& [rc, v] : cells) m(static_cast<std::size_t>(rc.first), static_cast<std::size_t>(std::stoi(rc.second))) = v;
  return m;
}

}  // namespace

TEST_CASE("psych::fa unrotated minres, ml and pa and their fit statistics, to 1e-6") {
  const auto all = expected();
  std::map<std::string, double> worst;  // table or statistic -> largest difference
  for (const auto& [key, cells] : all) {
    const auto& [set, method, k] = key;
    if (method == "none" || method == "oblimin" || set == "bfi_raw") continue;
    const DenseMatrix r = correlations_of(set);
    const double n = all.at({set, "none", 0}).at("n.obs").at({0, "n.obs"});
    CAPTURE(set);
    CAPTURE(method);
    CAPTURE(k);
    if (cells.count("error")) {  // psych fails (ML on a matrix that is not positive definite): so do we
      CHECK_THROWS_AS(extract_factors(r, static_cast<std::size_t>(k), method_of(method)), Error);
      continue;
    }
    const FactorExtraction ours = extract_factors(r, static_cast<std::size_t>(k), method_of(method));
    const DenseMatrix theirs = matrix_of(cells.at("loadings"), r.rows, static_cast<std::size_t>(k));
    double d = 0;
    for (std::size_t i = 0; i < theirs.values.size(); ++i) d = std::max(d, std::fabs(ours.loadings.values[i] - theirs.values[i]));
    worst["loadings " + method] = std::max(worst["loadings " + method], d);
    CHECK(d <= 1e-6);
    for (const std::string table : {"h2", "u2", "values", "e_values"}) {
      const std::vector<double>& v = table == "h2" ? ours.communalities : table == "u2" ? ours.uniquenesses
                                     : table == "values" ? ours.values : ours.e_values;
      double dt = 0;
      for (const auto& [rc, value] : cells.at(table)) dt = std::max(dt, std::fabs(v.at(static_cast<std::size_t>(rc.first)) - value));
      worst[table + " " + method] = std::max(worst[table + " " + method], dt);
      CHECK(dt <= 1e-6);
    }
    // Fit from psych's own loadings (deterministic), and from ours.
    const FactorFit from_theirs = factor_fit(r, theirs, {}, n);
    const FactorFit from_ours = factor_fit(r, ours.loadings, {}, n);
    for (const auto& [rc, value] : cells.at("fit")) {
      CAPTURE(rc.second);
      const double a = difference(fit_value(from_theirs, rc.second), value, scale_of(rc.second, from_theirs));
      const double b = difference(fit_value(from_ours, rc.second), value, scale_of(rc.second, from_ours));
      worst["fit " + rc.second] = std::max(worst["fit " + rc.second], a);
      worst["fit from ours " + rc.second] = std::max(worst["fit from ours " + rc.second], b);
      CHECK(a <= 1e-6);
      CHECK(b <= 1e-6);
    }
  }
  for (const auto& [what, d] : worst) MESSAGE(what << ": max difference " << d);
}

TEST_CASE("psych::factor.stats of an oblique (oblimin) solution with Phi, to 1e-6") {
  const auto all = expected();
  for (const std::string set : {"ecr_r", "bfi", "two_factor"}) {
    CAPTURE(set);
    const Cells& cells = all.at({set, "oblimin", 2});
    const DenseMatrix r = correlations_of(set);
    const double n = all.at({set, "none", 0}).at("n.obs").at({0, "n.obs"});
    const FactorFit fit = factor_fit(r, matrix_of(cells.at("loadings"), r.rows, 2), matrix_of(cells.at("Phi"), 2, 2), n);
    for (const auto& [rc, value] : cells.at("fit")) {
      CAPTURE(rc.second);
      CHECK(difference(fit_value(fit, rc.second), value, scale_of(rc.second, fit)) <= 1e-6);
    }
  }
}

TEST_CASE("psych::fa on raw answers with missing values: fit weighted by the pair counts (np.obs), to 1e-6") {
  const auto all = expected();
  const DenseMatrix r = correlations_of("bfi");
  const auto count_rows = read_csv_cells(std::string(ATTUNE_REFERENCE_DIR) + "/factor_bfi_pair_counts.csv");
  DenseMatrix counts(r.rows, r.cols);
  for (std::size_t i = 0; i < r.rows; ++i)
    for (std::size_t j = 0; j < r.cols; ++j) counts(i, j) = csv_number(count_rows[i][j]);
  const double n = all.at({"bfi_raw", "none", 0}).at("n.obs").at({0, "n.obs"});
  int compared = 0;
  for (const auto& [key, cells] : all) {
    const auto& [set, method, k] = key;
    if (set != "bfi_raw" || method == "none") continue;
    CAPTURE(method);
    CAPTURE(k);
    const DenseMatrix theirs = matrix_of(cells.at("loadings"), r.rows, static_cast<std::size_t>(k));
    const FactorExtraction ours = extract_factors(r, static_cast<std::size_t>(k), method_of(method));
    for (std::size_t i = 0; i < theirs.values.size(); ++i) CHECK(std::fabs(ours.loadings.values[i] - theirs.values[i]) <= 1e-6);
    const FactorFit fit = factor_fit(r, theirs, {}, n, counts);
    for (const auto& [rc, value] : cells.at("fit")) {
      CAPTURE(rc.second);
      CHECK(difference(fit_value(fit, rc.second), value, scale_of(rc.second, fit)) <= 1e-6);
      ++compared;
    }
  }
  CHECK(compared == 15 * 22);
}

TEST_CASE("omega total per scale and if an item is dropped: psych::omega(nfactors = 1)$omega.tot, to 1e-6") {
  const auto rows = read_csv_cells(std::string(ATTUNE_REFERENCE_DIR) + "/factor_omega_expected.csv");
  // set,scale -> items (1-based columns of the set's correlation file), whole-scale and drop values.
  std::map<std::pair<std::string, std::string>, std::vector<std::pair<int, double>>> scales;
  for (std::size_t i = 1; i < rows.size(); ++i) scales[{rows[i][0], rows[i][1]}].push_back({std::stoi(rows[i][2]), csv_number(rows[i][3])});
  double worst = 0;
  for (const auto& [key, values] : scales) {
    CAPTURE(key.first);
    CAPTURE(key.second);
    const DenseMatrix all = correlations_of(key.first);  // raw items: psych's flip must undo the keying
    std::vector<std::size_t> items;
    for (const auto& [item, value] : values)
      if (item > 0) items.push_back(static_cast<std::size_t>(item - 1));
    DenseMatrix r(items.size(), items.size());
    for (std::size_t a = 0; a < items.size(); ++a)
      for (std::size_t b = 0; b < items.size(); ++b) r(a, b) = all(items[a], items[b]);
    const OmegaTotal omega = omega_total_analysis(r);
    std::size_t position = 0;
    for (const auto& [item, value] : values) {
      const double ours = item < 0 ? omega.omega_total : omega.if_dropped[position++];
      CAPTURE(item);
      if (std::isnan(value)) {
        CHECK(std::isnan(ours));
        continue;
      }
      worst = std::max(worst, std::fabs(ours - value));
      CHECK(std::fabs(ours - value) <= 1e-6);
    }
  }
  MESSAGE("omega.tot and omega if dropped: max difference " << worst);
}

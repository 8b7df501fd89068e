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
#include "attune/util/error.h"

using namespace attune;

namespace {

std::vector<std::vector<std::string>> read_rows(const std::string& path) {
  std::ifstream in(path);
  REQUIRE_MESSAGE(in.good(), "cannot open " << path);
  std::vector<std::vector<std::string>> rows;
  std::string line;
  while (std::getline(in, line)) {
    std::vector<std::string> cells;
    std::stringstream ss(line);
    std::string cell;
    while (std::getline(ss, cell, ',')) cells.push_back(cell);
    rows.push_back(cells);
  }
  return rows;
}

double number(const std::string& text) { return text == "NA" ? std::nan("") : std::stod(text); }

DenseMatrix correlations_of(const std::string& set) {
  const auto rows = read_rows(std::string(ATTUNE_REFERENCE_DIR) + "/factor_" + set + "_correlations.csv");
  DenseMatrix r(rows.size(), rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i)
    for (std::size_t j = 0; j < rows.size(); ++j) r(i, j) = number(rows[i][j]);
  return r;
}

// One psych::fa result: table -> (row, column) -> value.
using Cells = std::map<std::string, std::map<std::pair<int, std::string>, double>>;
using Key = std::tuple<std::string, std::string, int>;  // set, method, nfactors

std::map<Key, Cells> expected() {
  std::map<Key, Cells> out;
  const auto rows = read_rows(std::string(ATTUNE_REFERENCE_DIR) + "/factor_extraction_expected.csv");
  for (std::size_t i = 1; i < rows.size(); ++i) {
    const auto& c = rows[i];
    out[{c[0], c[1], std::stoi(c[2])}][c[3]][{std::stoi(c[4]), c[5]}] = number(c[6]);
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
    if (method == "none" || method == "oblimin") continue;
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

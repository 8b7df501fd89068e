// attune's Schmid-Leiman omega against psych::omega (fixtures: tests/reference/make_factor_rotation.R;
// psych 2.2.9, GPArotation 2022.10-2). Each case starts from R's own unrotated minres loadings,
// so the rotations, g, the Schmid-Leiman loadings and the omegas are compared step by step
// whatever extract_factors gives; the general factor of k > 2 oblique factors is R's (fa(phi, 1)).
#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "attune/stats/omega.h"
#include "factor_csv.h"
#include "stats/schmid_leiman.h"

using namespace attune;
using attune::reference::max_abs_diff;
using attune::reference::read_matrix_csv;

namespace {

DenseMatrix column_matrix(const std::vector<double>& v) {
  DenseMatrix m(v.size(), 1);
  m.values = v;
  return m;
}

double max_abs_diff_of(const std::vector<double>& a, const std::vector<double>& b) {
  return reference::max_abs_diff(column_matrix(a), column_matrix(b));
}

// Column c of m.
std::vector<double> column(const DenseMatrix& m, std::size_t c) {
  std::vector<double> out(m.rows);
  for (std::size_t r = 0; r < m.rows; ++r) out[r] = m(r, c);
  return out;
}

// NaN-aware: both NaN counts as equal.
double max_abs_diff_na(const std::vector<double>& a, const std::vector<double>& b) {
  if (a.size() != b.size()) return INFINITY;
  double worst = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::isnan(a[i]) && std::isnan(b[i])) continue;
    const double d = std::fabs(a[i] - b[i]);
    worst = std::isnan(d) ? INFINITY : std::max(worst, d);
  }
  return worst;
}

// The fixtures' prefix: factor_omega_SET_NF_ (minres) or factor_omega_SET_NF_FM_.
std::string omega_prefix(const std::string& set, std::size_t nfactors, FactorMethod fm) {
  const char* suffix = fm == FactorMethod::ml ? "ml_" : fm == FactorMethod::pa ? "pa_" : "";
  return "factor_omega_" + set + "_" + std::to_string(nfactors) + "_" + suffix;
}

void check_omega(const std::string& set, std::size_t nfactors, FactorMethod fm = FactorMethod::minres) {
  const std::string prefix = omega_prefix(set, nfactors, fm);
  CAPTURE(prefix);
  const DenseMatrix r = read_matrix_csv("factor_rotation_" + set + "_cor.csv");
  const DenseMatrix r_phi = read_matrix_csv(prefix + "phi.csv");
  const std::vector<double> r_g = read_matrix_csv(prefix + "gloading.csv").values;
  bool asked_for_g = false;
  const schmid_leiman::GeneralFactor from_r = [&](const DenseMatrix& phi, bool&) {
    asked_for_g = true;
    CHECK(max_abs_diff(phi, r_phi) < 1e-6);
    return r_g;
  };
  const OmegaResult om = schmid_leiman::omega_from_unrotated(r, read_matrix_csv(prefix + "unrotated.csv"), from_r);
  CHECK(om.converged);
  CHECK(asked_for_g == (nfactors > 2));

  const DenseMatrix sl = read_matrix_csv(prefix + "sl.csv");  // g, F1*..Fk*, h2, u2, p2
  REQUIRE(sl.cols == nfactors + 4);
  DenseMatrix r_sl(sl.rows, nfactors + 1);
  for (std::size_t i = 0; i < sl.rows; ++i)
    for (std::size_t c = 0; c <= nfactors; ++c) r_sl(i, c) = sl(i, c);
  const DenseMatrix stats = read_matrix_csv(prefix + "stats.csv");  // name (unread), value: omega_h, omega.lim, alpha, omega.tot, G6, ECV
  const std::vector<double> ours_stats = {om.omega_h, om.omega_limit, om.alpha, om.omega_total, om.g6, om.ecv};
  const DenseMatrix group = read_matrix_csv(prefix + "group.csv");  // total, general, group
  std::vector<int> r_key;
  for (double v : read_matrix_csv(prefix + "key.csv").values) r_key.push_back(static_cast<int>(v));

  const double diffs[] = {
      max_abs_diff(om.orthogonal, read_matrix_csv(prefix + "orthog.csv")),
      max_abs_diff(om.oblique, read_matrix_csv(prefix + "oblique.csv")),
      max_abs_diff(om.phi, r_phi),
      max_abs_diff_of(om.g_loadings, r_g),
      max_abs_diff(om.sl_loadings, r_sl),
      max_abs_diff_of(om.h2, column(sl, nfactors + 1)),
      max_abs_diff_of(om.u2, column(sl, nfactors + 2)),
      max_abs_diff_of(om.p2, column(sl, nfactors + 3)),
      max_abs_diff_of(ours_stats, column(stats, 1)),
      max_abs_diff_na(om.group_total, column(group, 0)),
      max_abs_diff_na(om.group_general, column(group, 1)),
      max_abs_diff_na(om.group_group, column(group, 2)),
  };
  const char* names[] = {"orthog", "oblique", "phi", "gloading", "sl", "h2", "u2", "p2",
                         "omega_h/lim/alpha/tot/G6/ECV", "group total", "group general", "group group"};
  for (std::size_t i = 0; i < std::size(diffs); ++i) {
    if (nfactors > 2 && std::string(names[i]) == "gloading") continue;  // R's own, passed in above
    MESSAGE(prefix << std::string(names[i]) << " max |diff| " << diffs[i]);
    CHECK(diffs[i] < 1e-6);
  }
  CHECK(om.key == r_key);
}

}  // namespace

TEST_CASE("Schmid-Leiman omega of psychTools::bfi, 3 factors, matches psych::omega") { check_omega("bfi", 3); }

TEST_CASE("Schmid-Leiman omega of psychTools::bfi, 5 factors, matches psych::omega") { check_omega("bfi", 5); }

TEST_CASE("Schmid-Leiman omega of examples/ecr-r.csv, 2 factors (psych's equal rule), matches psych::omega") {
  check_omega("ecr_r", 2);
}

TEST_CASE("Schmid-Leiman omega of examples/ecr-r.csv, 3 factors, matches psych::omega") { check_omega("ecr_r", 3); }

TEST_CASE("omega of psychTools::bfi and examples/ecr-r.csv with 1 factor (omega total for analyze) matches psych::omega") {
  check_omega("bfi", 1);
  check_omega("ecr_r", 1);
}

namespace {

// omega() from the correlation matrix alone: extract_factors, the general factor of k > 2
// factors (fa(phi, 1)) and everything after it, against psych::omega.
void check_omega_end_to_end(const std::string& set, std::size_t nfactors, FactorMethod fm = FactorMethod::minres) {
  const std::string prefix = omega_prefix(set, nfactors, fm);
  CAPTURE(prefix);
  const OmegaResult om = omega(read_matrix_csv("factor_rotation_" + set + "_cor.csv"), nfactors, fm);
  CHECK(om.converged);
  const DenseMatrix sl = read_matrix_csv(prefix + "sl.csv");
  DenseMatrix r_sl(sl.rows, nfactors + 1);
  for (std::size_t i = 0; i < sl.rows; ++i)
    for (std::size_t c = 0; c <= nfactors; ++c) r_sl(i, c) = sl(i, c);
  const DenseMatrix stats = read_matrix_csv(prefix + "stats.csv");
  const std::vector<double> ours_stats = {om.omega_h, om.omega_limit, om.alpha, om.omega_total, om.g6, om.ecv};
  const DenseMatrix group = read_matrix_csv(prefix + "group.csv");
  const double diffs[] = {
      max_abs_diff(om.oblique, read_matrix_csv(prefix + "oblique.csv")),
      max_abs_diff(om.phi, read_matrix_csv(prefix + "phi.csv")),
      max_abs_diff_of(om.g_loadings, read_matrix_csv(prefix + "gloading.csv").values),
      max_abs_diff(om.sl_loadings, r_sl),
      max_abs_diff_of(om.h2, column(sl, nfactors + 1)),
      max_abs_diff_of(ours_stats, column(stats, 1)),
      max_abs_diff_na(om.group_total, column(group, 0)),
      max_abs_diff_na(om.group_general, column(group, 1)),
      max_abs_diff_na(om.group_group, column(group, 2)),
  };
  const char* names[] = {"oblique", "phi", "gloading", "sl", "h2", "omega_h/lim/alpha/tot/G6/ECV",
                         "group total", "group general", "group group"};
  for (std::size_t i = 0; i < std::size(diffs); ++i) {
    MESSAGE(prefix << "end to end " << std::string(names[i]) << " max |diff| " << diffs[i]);
    CHECK(diffs[i] < 1e-6);
  }
}

}  // namespace

TEST_CASE("omega() from the correlation matrix matches psych::omega end to end (bfi 1, 3, 5; ecr-r 1, 2, 3 factors)") {
  for (std::size_t k : {1, 3, 5}) check_omega_end_to_end("bfi", k);
  for (std::size_t k : {1, 2, 3}) check_omega_end_to_end("ecr_r", k);
}

TEST_CASE("omega of the synthetic two-factor set (2 and 3 factors) matches psych::omega") {
  for (std::size_t k : {2, 3}) {
    check_omega("two_factor", k);
    check_omega_end_to_end("two_factor", k);
  }
}

TEST_CASE("omega with fm = ml and fm = pa (bfi, 3 factors) matches psych::omega(fm = ...)") {
  for (FactorMethod fm : {FactorMethod::ml, FactorMethod::pa}) {
    check_omega("bfi", 3, fm);
    check_omega_end_to_end("bfi", 3, fm);
  }
}

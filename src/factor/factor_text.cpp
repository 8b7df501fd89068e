// The text view of a factor report (write_factor_text), laid out as print.psych prints
// psych::fa (sort = TRUE): loadings with h2, u2, com; the variance accounted for; Phi; the fit
// lines; then psych::KMO's and cortest.bartlett's values and attune's item-to-scale check.
#include <algorithm>
#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "attune/factor/factor_writer.h"
#include "factor/factor_parts.h"

namespace attune {

namespace {

std::string loadings_block(const FactorReport& r, const std::vector<std::string>& names, double cut, const TextNumbers& num) {
  Grid grid{names, {}};
  for (const char* h : {"h2", "u2", "com"}) grid.header.push_back(h);
  const DenseMatrix& l = r.rotated.loadings;
  for (std::size_t i : r.sorted) {
    std::vector<std::string> cells;
    for (std::size_t f = 0; f < names.size(); ++f) cells.push_back(std::fabs(l(i, f)) < cut ? "" : num(l(i, f)));
    cells.push_back(num(r.extraction.communalities[i]));
    cells.push_back(num(r.extraction.uniquenesses[i]));
    cells.push_back(num(r.complexity[i], 1));
    grid.rows.emplace_back(r.items[i], std::move(cells));
  }
  return "Standardized loadings (pattern matrix) based upon correlation matrix\n" + grid.render();
}

std::string variance_block(const FactorReport& r, const std::vector<std::string>& names, const TextNumbers& num) {
  const double vtotal = static_cast<double>(r.items.size());
  double total = 0, cumulative = 0, explained = 0;
  for (double v : r.ss_loadings) total += v;
  Grid grid{names, {{"SS loadings", {}}, {"Proportion Var", {}}}};
  if (names.size() > 1) {
    for (const char* label : {"Cumulative Var", "Proportion Explained", "Cumulative Proportion"}) grid.rows.push_back({label, {}});
  }
  for (std::size_t f = 0; f < names.size(); ++f) {
    cumulative += r.ss_loadings[f] / vtotal;   // psych: cumsum(vx / vtotal)
    explained += r.ss_loadings[f] / total;
    grid.rows[0].second.push_back(num(r.ss_loadings[f]));
    grid.rows[1].second.push_back(num(r.ss_loadings[f] / vtotal));
    if (names.size() == 1) continue;
    grid.rows[2].second.push_back(num(cumulative));
    grid.rows[3].second.push_back(num(r.ss_loadings[f] / total));
    grid.rows[4].second.push_back(num(explained));
  }
  return "\n" + grid.render();
}

std::string phi_block(const FactorReport& r, const std::vector<std::string>& names, const TextNumbers& num) {
  if (!r.rotated.oblique || names.size() < 2) return "";
  Grid grid{names, {}};
  for (std::size_t f = 0; f < names.size(); ++f) {
    std::vector<std::string> cells;
    for (std::size_t g = 0; g < names.size(); ++g) cells.push_back(num(r.rotated.phi(f, g)));
    grid.rows.emplace_back(names[f], std::move(cells));
  }
  return "\n With factor correlations of \n" + grid.render();
}

// A probability as psych prints one: two significant digits.
std::string p_value(double p) { return std::isnan(p) ? "NA" : fmt::format("{:.2g}", p); }

std::string fit_block(const FactorReport& r, std::size_t k, const TextNumbers& num) {
  const FactorFit& f = r.fit;
  double mean_com = 0;
  for (double c : r.complexity) mean_com += c / static_cast<double>(r.complexity.size());
  std::string out = fmt::format("\nMean item complexity =  {}\n", num(mean_com, 1));
  out += fmt::format("Test of the hypothesis that {} factor{} sufficient.\n\n", k, k == 1 ? " is" : "s are");
  out += fmt::format("df null model =  {}  with the objective function =  {} with Chi Square =  {}\n", fmt::format("{:g}", f.null_dof),
                     num(f.null_model), num(f.null_chisq));
  out += fmt::format("df of  the model are {}  and the objective function was  {} \n\n", fmt::format("{:g}", f.dof), num(f.objective));
  out += fmt::format("The root mean square of the residuals (RMSR) is  {} \n", num(f.rms));
  out += fmt::format("The df corrected root mean square of the residuals is  {} \n\n", num(f.crms));
  out += fmt::format("The total n.obs was  {}  with Likelihood Chi Square =  {}  with prob <  {} \n", r.rows,
                     num(f.STATISTIC), p_value(f.PVAL));
  out += fmt::format("The empirical chi square is  {}  with prob <  {} \n\n", num(f.chi), p_value(f.EPVAL));
  out += fmt::format("Tucker Lewis Index of factoring reliability =  {}\n", num(f.TLI, 3));
  out += fmt::format("RMSEA index =  {}  and the {} % confidence intervals are  {} {}\n", num(f.RMSEA, 3),
                     fmt::format("{:g}", 100 * f.RMSEA_confidence), num(f.RMSEA_lower, 3), num(f.RMSEA_upper, 3));
  out += fmt::format("BIC =  {}\n", num(f.BIC));
  out += fmt::format("Fit based upon off diagonal values = {}\n", num(f.fit_off));
  return out;
}

std::string adequacy_block(const FactorReport& r, const TextNumbers& num) {
  std::string out = fmt::format("\nKaiser-Meyer-Olkin factor adequacy\nOverall MSA =  {}\nMSA for each item = \n", num(r.kmo.msa));
  Grid grid{{"MSAi"}, {}};
  for (std::size_t i = 0; i < r.items.size(); ++i) grid.rows.push_back({r.items[i], {num(r.kmo.msa_i[i])}});
  out += grid.render();
  out += fmt::format("\nBartlett's test of sphericity: chisq = {}, df = {}, p.value = {}\n", num(r.bartlett.chisq),
                     fmt::format("{:g}", r.bartlett.df), p_value(r.bartlett.p_value));
  return out;
}

std::string scales_block(const FactorReport& r, const std::vector<std::string>& names, const TextNumbers& num) {
  std::string out = "\nFactors matched to scales (largest |sum of the scale's keyed loadings|):";
  for (std::size_t f = 0; f < names.size(); ++f) {
    out += fmt::format(" {} {}", names[f], r.factor_scales[f].empty() ? "(none)" : r.factor_scales[f]);
  }
  out += "\n";
  std::string unmatched;
  for (const std::string& scale : r.scales) {
    if (std::find(r.factor_scales.begin(), r.factor_scales.end(), scale) == r.factor_scales.end()) unmatched += " " + scale;
  }
  if (!unmatched.empty()) out += "Scales without a factor (more scales than factors), not checked:" + unmatched + "\n";
  if (r.misfits.empty()) return out + "Every keyed item of a matched scale loads highest on its scale's factor.\n";
  out += "Items loading highest off their scale's factor:\n";
  Grid grid{{"scale", "factor", "loading", "highest", "loading"}, {}};
  for (const ItemScaleMisfit& m : r.misfits) {
    grid.rows.push_back({r.items[m.item], {m.scale, names[m.scale_factor], num(m.scale_loading), names[m.highest_factor],
                                           num(m.highest_loading)}});
  }
  return out + grid.render();
}

}  // namespace

void write_factor_text(const FactorReport& r, OutputSink& sink, double cut, const NumberStyle& numbers) {
  const TextNumbers num{numbers};
  const std::vector<std::string> names = factor_names(r);
  std::string out = fmt::format("Factor Analysis using method =  {}\n", method_name(r.method));
  out += fmt::format("Call: attune factor -i {} (nfactors = {}, rotate = {}, cor = {}, n.obs = {})\n", r.instrument,
                     names.size(), rotation_name(names.size() > 1 ? r.rotation : RotationMethod::none), r.cor, r.rows);
  out += loadings_block(r, names, cut, num);
  out += variance_block(r, names, num);
  out += phi_block(r, names, num);
  out += fit_block(r, names.size(), num);
  out += adequacy_block(r, num);
  out += scales_block(r, names, num);
  if (r.omega) out += omega_text(r, *r.omega, numbers.digits, numbers.decimal);
  if (r.parallel) out += parallel_text(*r.parallel, r.parallel_options, numbers.digits, numbers.decimal);
  sink.write(out);
}

}  // namespace attune

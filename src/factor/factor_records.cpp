// The tidy table of a factor report (write_factor_records) and the factors' names.
#include <string>
#include <vector>

#include <fmt/format.h>

#include "attune/factor/factor_writer.h"
#include "factor/factor_parts.h"

namespace attune {

std::vector<std::string> factor_names(const FactorReport& report) {
  const char* prefix = report.method == FactorMethod::ml ? "ML" : report.method == FactorMethod::pa ? "PA" : "MR";
  std::vector<std::string> names;
  for (std::size_t f = 0; f < report.rotated.loadings.cols; ++f) names.push_back(fmt::format("{}{}", prefix, f + 1));
  return names;
}

namespace {

void vaccounted_rows(const FactorReport& r, const std::vector<std::string>& names, TidyRows& out) {
  const double vtotal = static_cast<double>(r.items.size());   // sum(h2 + u2) of a correlation matrix
  double total = 0, cumulative = 0, explained = 0;
  for (double v : r.ss_loadings) total += v;
  for (std::size_t f = 0; f < names.size(); ++f) {
    cumulative += r.ss_loadings[f] / vtotal;   // psych: cumsum(vx / vtotal)
    explained += r.ss_loadings[f] / total;
    out.row("Vaccounted", "", names[f], "SS loadings", r.ss_loadings[f]);
    out.row("Vaccounted", "", names[f], "Proportion Var", r.ss_loadings[f] / vtotal);
    out.row("Vaccounted", "", names[f], "Cumulative Var", cumulative);
    out.row("Vaccounted", "", names[f], "Proportion Explained", r.ss_loadings[f] / total);
    out.row("Vaccounted", "", names[f], "Cumulative Proportion", explained);
  }
}

void fit_rows(const FactorReport& r, TidyRows& out) {
  const FactorFit& f = r.fit;
  const std::pair<const char*, double> stats[] = {
      {"n.obs", static_cast<double>(r.rows)}, {"dof", f.dof}, {"objective", f.objective}, {"STATISTIC", f.STATISTIC},
      {"PVAL", f.PVAL}, {"chi", f.chi}, {"EPVAL", f.EPVAL}, {"null.model", f.null_model}, {"null.dof", f.null_dof},
      {"null.chisq", f.null_chisq}, {"TLI", f.TLI}, {"RMSEA", f.RMSEA}, {"RMSEA.lower", f.RMSEA_lower},
      {"RMSEA.upper", f.RMSEA_upper}, {"RMSEA.confidence", f.RMSEA_confidence}, {"BIC", f.BIC}, {"SABIC", f.SABIC},
      {"EBIC", f.EBIC}, {"ESABIC", f.ESABIC}, {"rms", f.rms}, {"crms", f.crms}, {"fit", f.fit}, {"fit.off", f.fit_off},
      {"iterations", static_cast<double>(r.extraction.iterations)}, {"converged", r.extraction.converged ? 1.0 : 0.0},
      {"rotation.converged", r.rotated.converged ? 1.0 : 0.0}};
  for (const auto& [name, value] : stats) out.row("fit", "", "", name, value);
}

}  // namespace

void write_factor_records(const FactorReport& r, RecordWriter& writer) {
  TidyRows out(writer);
  const std::vector<std::string> names = factor_names(r);
  const DenseMatrix& l = r.rotated.loadings;
  for (std::size_t i = 0; i < r.items.size(); ++i) {
    for (std::size_t f = 0; f < names.size(); ++f) out.row("loadings", r.items[i], names[f], "loading", l(i, f));
  }
  for (std::size_t i = 0; i < r.items.size(); ++i) {
    out.row("item", r.items[i], r.item_scales[i], "h2", r.extraction.communalities[i]);
    out.row("item", r.items[i], r.item_scales[i], "u2", r.extraction.uniquenesses[i]);
    out.row("item", r.items[i], r.item_scales[i], "com", r.complexity[i]);
    out.row("item", r.items[i], r.item_scales[i], "MSAi", r.kmo.msa_i[i]);
  }
  vaccounted_rows(r, names, out);
  for (std::size_t f = 0; f < names.size(); ++f) {
    for (std::size_t g = 0; g < names.size(); ++g) out.row("Phi", names[f], names[g], "Phi", r.rotated.phi(f, g));
  }
  for (std::size_t v = 0; v < r.extraction.values.size(); ++v) {
    out.row("values", std::to_string(v + 1), "", "values", r.extraction.values[v]);
  }
  for (std::size_t v = 0; v < r.extraction.e_values.size(); ++v) {
    out.row("values", std::to_string(v + 1), "", "e.values", r.extraction.e_values[v]);
  }
  fit_rows(r, out);
  out.row("KMO", "", "", "MSA", r.kmo.msa);
  out.row("bartlett", "", "", "chisq", r.bartlett.chisq);
  out.row("bartlett", "", "", "df", r.bartlett.df);
  out.row("bartlett", "", "", "p.value", r.bartlett.p_value);
  for (std::size_t f = 0; f < names.size(); ++f) {
    if (!r.factor_scales[f].empty()) out.row("alignment", names[f], r.factor_scales[f], "matched", 1);
  }
  for (const ItemScaleMisfit& m : r.misfits) {
    const std::string& item = r.items[m.item];
    out.row("misfit", item, m.scale, "scale.factor", static_cast<double>(m.scale_factor + 1));
    out.row("misfit", item, m.scale, "scale.loading", m.scale_loading);
    out.row("misfit", item, m.scale, "highest.factor", static_cast<double>(m.highest_factor + 1));
    out.row("misfit", item, m.scale, "highest.loading", m.highest_loading);
  }
  if (r.omega) omega_records(r, *r.omega, out);
  if (r.parallel) parallel_records(*r.parallel, out);
  writer.finish();
}

}  // namespace attune

// The JSON form of a factor report (write_factor_json), keyed by psych's names.
#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include "attune/factor/factor_writer.h"
#include "attune/io/json_text.h"
#include "factor/factor_parts.h"

namespace attune {

namespace {

using Fields = std::vector<std::pair<std::string, std::string>>;

std::string jobject(const Fields& fields) {
  std::string out = "{";
  for (std::size_t i = 0; i < fields.size(); ++i) out += (i ? "," : "") + json_string(fields[i].first) + ":" + fields[i].second;
  return out + "}";
}

std::string jarray(const std::vector<std::string>& items) {
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) out += (i ? "," : "") + items[i];
  return out + "]";
}

std::string jstrings(const std::vector<std::string>& texts) {
  std::vector<std::string> quoted;
  for (const auto& t : texts) quoted.push_back(json_string(t));
  return jarray(quoted);
}

std::string matrix_rows(const DenseMatrix& m, const JsonNumbers& num) {
  std::vector<std::string> rows;
  for (std::size_t r = 0; r < m.rows; ++r) rows.push_back(num(std::vector<double>(m.row(r), m.row(r) + m.cols)));
  return jarray(rows);
}

std::string items_json(const FactorReport& r, const JsonNumbers& num) {
  std::vector<std::string> items;
  const DenseMatrix& l = r.rotated.loadings;
  for (std::size_t i = 0; i < r.items.size(); ++i) {
    items.push_back(jobject({{"item", json_string(r.items[i])}, {"scale", json_string(r.item_scales[i])},
                             {"loadings", num(std::vector<double>(l.row(i), l.row(i) + l.cols))},
                             {"h2", num(r.extraction.communalities[i])}, {"u2", num(r.extraction.uniquenesses[i])},
                             {"com", num(r.complexity[i])}, {"MSAi", num(r.kmo.msa_i[i])}}));
  }
  return jarray(items);
}

std::string vaccounted_json(const FactorReport& r, const JsonNumbers& num) {
  const double vtotal = static_cast<double>(r.items.size());
  double total = 0;
  for (double v : r.ss_loadings) total += v;
  std::vector<double> proportion, cumulative, explained, cumulative_explained;
  for (std::size_t f = 0; f < r.ss_loadings.size(); ++f) {
    proportion.push_back(r.ss_loadings[f] / vtotal);
    cumulative.push_back((f ? cumulative.back() : 0.0) + proportion.back());
    explained.push_back(r.ss_loadings[f] / total);
    cumulative_explained.push_back((f ? cumulative_explained.back() : 0.0) + explained.back());
  }
  return jobject({{"SS loadings", num(r.ss_loadings)}, {"Proportion Var", num(proportion)},
                  {"Cumulative Var", num(cumulative)}, {"Proportion Explained", num(explained)},
                  {"Cumulative Proportion", num(cumulative_explained)}});
}

std::string fit_json(const FactorReport& r, const JsonNumbers& num) {
  const FactorFit& f = r.fit;
  return jobject({{"dof", num(f.dof)}, {"objective", num(f.objective)}, {"STATISTIC", num(f.STATISTIC)},
                  {"PVAL", num(f.PVAL)}, {"chi", num(f.chi)}, {"EPVAL", num(f.EPVAL)}, {"null.model", num(f.null_model)},
                  {"null.dof", num(f.null_dof)}, {"null.chisq", num(f.null_chisq)}, {"TLI", num(f.TLI)},
                  {"RMSEA", jobject({{"RMSEA", num(f.RMSEA)}, {"lower", num(f.RMSEA_lower)}, {"upper", num(f.RMSEA_upper)},
                                     {"confidence", num(f.RMSEA_confidence)}})},
                  {"BIC", num(f.BIC)}, {"SABIC", num(f.SABIC)}, {"EBIC", num(f.EBIC)}, {"ESABIC", num(f.ESABIC)},
                  {"rms", num(f.rms)}, {"crms", num(f.crms)}, {"fit", num(f.fit)}, {"fit.off", num(f.fit_off)}});
}

std::string alignment_json(const FactorReport& r, const std::vector<std::string>& names, const JsonNumbers& num) {
  std::vector<std::string> matched, misfits;
  for (std::size_t f = 0; f < names.size(); ++f) {
    matched.push_back(jobject({{"factor", json_string(names[f])},
                               {"scale", r.factor_scales[f].empty() ? "null" : json_string(r.factor_scales[f])}}));
  }
  for (const ItemScaleMisfit& m : r.misfits) {
    misfits.push_back(jobject({{"item", json_string(r.items[m.item])}, {"scale", json_string(m.scale)},
                               {"scale.factor", json_string(names[m.scale_factor])}, {"scale.loading", num(m.scale_loading)},
                               {"highest.factor", json_string(names[m.highest_factor])},
                               {"highest.loading", num(m.highest_loading)}}));
  }
  return jobject({{"alignment", jarray(matched)}, {"misfits", jarray(misfits)}});
}

std::string omega_json(const FactorReport& r, const OmegaResult& o, const JsonNumbers& num) {
  std::vector<std::string> items;
  for (std::size_t i = 0; i < r.items.size(); ++i) {
    const DenseMatrix& sl = o.sl_loadings;
    items.push_back(jobject({{"item", json_string(r.items[i])},
                             {"loadings", num(std::vector<double>(sl.row(i), sl.row(i) + sl.cols))},
                             {"h2", num(o.h2[i])}, {"u2", num(o.u2[i])}, {"p2", num(o.p2[i])},
                             {"key", num(o.key.size() > i ? static_cast<double>(o.key[i]) : 1.0)}}));
  }
  return jobject({{"omega_h", num(o.omega_h)}, {"omega.lim", num(o.omega_limit)}, {"alpha", num(o.alpha)},
                  {"omega.tot", num(o.omega_total)}, {"G6", num(o.g6)}, {"ECV", num(o.ecv)},
                  {"columns", jstrings(omega_columns(o))}, {"schmid", jarray(items)},
                  {"gloading", num(o.g_loadings)}, {"Phi", matrix_rows(o.phi, num)},
                  {"omega.group", jobject({{"total", num(o.group_total)}, {"general", num(o.group_general)},
                                           {"group", num(o.group_group)}})}});
}

}  // namespace

void write_factor_json(const FactorReport& r, OutputSink& sink, int digits) {
  const JsonNumbers num{digits};
  const std::vector<std::string> names = factor_names(r);
  std::vector<std::string> order;
  for (std::size_t i : r.sorted) order.push_back(r.items[i]);
  const std::string text = jobject({
      {"instrument", json_string(r.instrument)}, {"n.obs", num(static_cast<double>(r.rows))},
      {"fm", json_string(method_name(r.method))}, {"rotation", json_string(rotation_name(r.rotated.loadings.cols > 1 ? r.rotation : RotationMethod::none))},
      {"cor", json_string(r.cor)}, {"nfactors", num(static_cast<double>(names.size()))},
      {"factors", jstrings(names)}, {"items", items_json(r, num)}, {"fa.sort", jstrings(order)},
      {"Vaccounted", vaccounted_json(r, num)}, {"Phi", matrix_rows(r.rotated.phi, num)},
      {"values", num(r.extraction.values)}, {"e.values", num(r.extraction.e_values)},
      {"iterations", num(static_cast<double>(r.extraction.iterations))},
      {"converged", r.extraction.converged ? "true" : "false"},
      {"rotation.converged", r.rotated.converged ? "true" : "false"}, {"fit", fit_json(r, num)},
      {"KMO", jobject({{"MSA", num(r.kmo.msa)}})},
      {"bartlett", jobject({{"chisq", num(r.bartlett.chisq)}, {"df", num(r.bartlett.df)}, {"p.value", num(r.bartlett.p_value)}})},
      {"scales", alignment_json(r, names, num)}, {"omega", r.omega ? omega_json(r, *r.omega, num) : "null"},
      {"fa.parallel", r.parallel ? parallel_json(*r.parallel, num) : "null"}});
  sink.write(text + "\n");
}

}  // namespace attune

// psych::omega's part of a factor report (--omega): the text block as print.psych shows it and
// the tidy rows; the JSON object is in factor_json.cpp.
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "factor/factor_parts.h"

namespace attune {

std::vector<std::string> omega_columns(const OmegaResult& omega) {
  std::vector<std::string> names{"g"};
  for (std::size_t f = 1; f < omega.sl_loadings.cols; ++f) names.push_back(fmt::format("F{}*", f));
  return names;
}

std::string omega_text(const FactorReport& report, const OmegaResult& o, int digits, char decimal) {
  auto num = [&](double value) {
    if (std::isnan(value)) return std::string("NA");
    std::string text = fmt::format("{:.{}f}", value + 0.0, digits >= 0 ? digits : 2);
    if (decimal != '.') std::replace(text.begin(), text.end(), '.', decimal);
    return text;
  };
  const std::vector<std::string> names = omega_columns(o);
  std::string out = fmt::format("\nOmega (psych::omega: Schmid-Leiman, nfactors = {}, fm = {})\n", names.size() - 1,
                                method_name(report.method));
  out += fmt::format("Alpha:                 {} \nG.6:                   {} \nOmega Hierarchical:    {} \n"
                     "Omega H asymptotic:    {} \nOmega Total            {} \n",
                     num(o.alpha), num(o.g6), num(o.omega_h), num(o.omega_limit), num(o.omega_total));
  std::vector<std::size_t> widths(names.size() + 3, 4);
  for (std::size_t c = 0; c < names.size(); ++c) widths[c] = std::max<std::size_t>(5, names[c].size());
  std::size_t label = 0;
  for (const auto& item : report.items) label = std::max(label, item.size() + 1);
  out += fmt::format("\nSchmid Leiman Factor loadings greater than  0.2 \n{:<{}}", "", label);
  for (std::size_t c = 0; c < names.size(); ++c) out += fmt::format(" {:>{}}", names[c], widths[c]);
  out += "   h2   u2   p2\n";
  for (std::size_t i = 0; i < report.items.size(); ++i) {
    std::string line = fmt::format("{:<{}}", report.items[i] + (o.key.size() > i && o.key[i] < 0 ? "-" : ""), label);
    for (std::size_t c = 0; c < names.size(); ++c) {
      const double l = o.sl_loadings(i, c);
      line += fmt::format(" {:>{}}", std::fabs(l) >= 0.2 ? num(l) : "", widths[c]);
    }
    line += fmt::format(" {:>4} {:>4} {:>4}", num(o.h2[i]), num(o.u2[i]), num(o.p2[i]));
    out += line + "\n";
  }
  out += fmt::format("\nExplained Common Variance of the general factor =  {} \n", num(o.ecv));
  out += "\nTotal, General and Subset omega for each subset\n";
  const std::string rows[] = {"Omega total for total scores and subscales", "Omega general for total scores and subscales",
                              "Omega group for total scores and subscales"};
  const std::vector<double>* values[] = {&o.group_total, &o.group_general, &o.group_group};
  out += fmt::format("{:<45}", "");
  for (const auto& n : names) out += fmt::format(" {:>5}", n);
  out += "\n";
  for (std::size_t r = 0; r < 3; ++r) {
    out += fmt::format("{:<45}", rows[r]);
    for (std::size_t c = 0; c < names.size(); ++c) out += fmt::format(" {:>5}", c < values[r]->size() ? num((*values[r])[c]) : "NA");
    out += "\n";
  }
  return out;
}

void omega_records(const FactorReport& report, const OmegaResult& o, TidyRows& out) {
  const std::pair<const char*, double> totals[] = {{"omega_h", o.omega_h}, {"omega.lim", o.omega_limit}, {"alpha", o.alpha},
                                                   {"omega.tot", o.omega_total}, {"G6", o.g6}, {"ECV", o.ecv}};
  for (const auto& [name, value] : totals) out.row("omega", "", "", name, value);
  const std::vector<std::string> names = omega_columns(o);
  for (std::size_t i = 0; i < report.items.size(); ++i) {
    for (std::size_t c = 0; c < names.size(); ++c) out.row("schmid", report.items[i], names[c], "loading", o.sl_loadings(i, c));
    out.row("schmid", report.items[i], "", "h2", o.h2[i]);
    out.row("schmid", report.items[i], "", "u2", o.u2[i]);
    out.row("schmid", report.items[i], "", "p2", o.p2[i]);
    out.row("schmid", report.items[i], "", "key", o.key.size() > i ? o.key[i] : 1);
  }
  for (std::size_t f = 0; f < o.g_loadings.size(); ++f) {
    out.row("omega.gloading", fmt::format("F{}", f + 1), "g", "gloading", o.g_loadings[f]);
  }
  for (std::size_t f = 0; f < o.phi.rows; ++f) {
    for (std::size_t g = 0; g < o.phi.cols; ++g) {
      out.row("omega.Phi", fmt::format("F{}", f + 1), fmt::format("F{}", g + 1), "Phi", o.phi(f, g));
    }
  }
  for (std::size_t c = 0; c < names.size(); ++c) {
    out.row("omega.group", names[c], "", "total", c < o.group_total.size() ? o.group_total[c] : NAN);
    out.row("omega.group", names[c], "", "general", c < o.group_general.size() ? o.group_general[c] : NAN);
    out.row("omega.group", names[c], "", "group", c < o.group_group.size() ? o.group_group[c] : NAN);
  }
}

}  // namespace attune

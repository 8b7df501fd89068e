// psych::fa.parallel's part of a factor report (--parallel): text, tidy rows and JSON.
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "factor/factor_parts.h"

namespace attune {

namespace {

// psych's nfact / ncomp as text: NA when every observed value passes.
std::string suggested(const std::optional<std::size_t>& n) { return n ? std::to_string(*n) : "NA"; }

// The value at position i, or NaN past its end (a column left empty).
double at(const std::vector<double>& values, std::size_t i) { return i < values.size() ? values[i] : NAN; }

struct ValueColumn {
  const char* name;
  const std::vector<double>* values;
};

std::vector<ValueColumn> columns_of(const ParallelAnalysis& p) {
  std::vector<ValueColumn> columns{{"fa.values", &p.fa_values}, {"fa.sim", &p.fa_sim}, {"fa.sim.quant", &p.fa_sim_quantile}};
  if (!p.fa_simr.empty()) columns.insert(columns.end(), {{"fa.simr", &p.fa_simr}, {"fa.simr.quant", &p.fa_simr_quantile}});
  columns.insert(columns.end(), {{"pc.values", &p.pc_values}, {"pc.sim", &p.pc_sim}, {"pc.sim.quant", &p.pc_sim_quantile}});
  if (!p.pc_simr.empty()) columns.insert(columns.end(), {{"pc.simr", &p.pc_simr}, {"pc.simr.quant", &p.pc_simr_quantile}});
  return columns;
}

}  // namespace

std::string parallel_text(const ParallelAnalysis& p, const ParallelAnalysisOptions& options, int digits, char decimal) {
  auto num = [&](double value) {
    if (std::isnan(value)) return std::string("NA");
    std::string text = fmt::format("{:.{}f}", value + 0.0, digits >= 0 ? digits : 2);
    if (decimal != '.') std::replace(text.begin(), text.end(), '.', decimal);
    return text;
  };
  std::string out = fmt::format("\nParallel analysis suggests that the number of factors =  {}  and the number of components =  {} \n",
                                suggested(p.nfact), suggested(p.ncomp));
  out += fmt::format("(psych::fa.parallel: {} iterations, seed {}, compared with the {} quantile of {}; random draws "
                     "cannot equal R's)\n",
                     options.iterations, options.seed, num(options.quantile),
                     p.fa_simr.empty() ? "simulated normal data" : "simulated normal data (resampled shown too)");
  const std::vector<ValueColumn> columns = columns_of(p);
  std::vector<std::size_t> widths;
  std::string line = fmt::format("{:>3}", "");
  for (const ValueColumn& c : columns) {
    widths.push_back(std::max<std::size_t>(std::string(c.name).size(), 6));
    line += fmt::format(" {:>{}}", c.name, widths.back());
  }
  out += line + "\n";
  for (std::size_t i = 0; i < p.pc_values.size(); ++i) {
    line = fmt::format("{:>3}", i + 1);
    for (std::size_t c = 0; c < columns.size(); ++c) line += fmt::format(" {:>{}}", num(at(*columns[c].values, i)), widths[c]);
    out += line + "\n";
  }
  if (p.redraws) out += fmt::format("({} resampled data sets were drawn again: a correlation was missing)\n", p.redraws);
  return out;
}

void parallel_records(const ParallelAnalysis& p, TidyRows& out) {
  out.row("fa.parallel", "", "", "nfact", p.nfact ? static_cast<double>(*p.nfact) : NAN);
  out.row("fa.parallel", "", "", "ncomp", p.ncomp ? static_cast<double>(*p.ncomp) : NAN);
  const std::vector<ValueColumn> columns = columns_of(p);
  for (std::size_t i = 0; i < p.pc_values.size(); ++i) {
    const std::string position = std::to_string(i + 1);
    for (const ValueColumn& c : columns) out.row("fa.parallel", position, "", c.name, at(*c.values, i));
  }
}

std::string parallel_json(const ParallelAnalysis& p, const JsonNumbers& num) {
  std::string out = "{\"nfact\":" + (p.nfact ? std::to_string(*p.nfact) : std::string("null")) +
                    ",\"ncomp\":" + (p.ncomp ? std::to_string(*p.ncomp) : std::string("null"));
  for (const ValueColumn& c : columns_of(p)) out += fmt::format(",\"{}\":{}", c.name, num(*c.values));
  return out + "}";
}

}  // namespace attune

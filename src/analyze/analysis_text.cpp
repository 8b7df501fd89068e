// The text view of an analysis report (write_analysis_text), laid out as print.psych prints
// psych::alpha: the totals line, the confidence boundaries, "Reliability if an item is dropped",
// "Item statistics", "Non missing response frequency for each item"; reversed items as `Q9-`.
#include <algorithm>
#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "attune/analyze/analysis_writer.h"
#include "io/report_numbers.h"

namespace attune {

namespace {

// The label psych gives an item in alpha.drop and item.stats: a reversed item ends in '-'.
std::string keyed_label(const ScaleAnalysis& s, std::size_t i) { return s.items[i] + (s.reversed[i] ? "-" : ""); }

void totals(const ScaleAnalysis& s, std::string& out, const TextNumbers& num) {
  const AlphaTotal& t = s.alpha.total;
  Grid total{{"raw_alpha", "std.alpha", "G6(smc)", "average_r", "S/N", "ase", "mean", "sd", "median_r", "var.r"},
             {{"", {num(t.raw_alpha), num(t.std_alpha), num(t.g6_smc), num(t.average_r), num(t.signal_noise),
                    num(t.ase, 3), num(t.mean), num(t.sd), num(t.median_r), num(t.var_r, 4)}}}};
  out += total.render();
  out += "\n    95% confidence boundaries\n";
  Grid bounds{{"lower", "alpha", "upper"}, {}};
  for (auto [name, ci] : {std::pair{"Feldt", s.alpha.feldt}, {"Duhachek", s.alpha.duhachek}}) {
    bounds.rows.push_back({name, {num(ci.lower), num(ci.alpha), num(ci.upper)}});
  }
  out += bounds.render();
  if (s.bootstrap) {
    const BootstrapAlpha& b = *s.bootstrap;
    out += fmt::format("Bootstrap (percentile, {} replicates): lower {}  median {}  upper {}  mean {}\n",
                       b.replicates.size(), num(b.lower), num(b.median), num(b.upper), num(b.mean));
  }
  out += fmt::format("\n{}: {}{}\n", omega_total_name, num(s.omega.omega_total),
                     s.omega_note.empty() ? "" : " (" + s.omega_note + ")");
  if (s.omega_bootstrap) {
    const BootstrapAlpha& b = *s.omega_bootstrap;
    out += fmt::format("Bootstrap of omega total (percentile, {} replicates): lower {}  median {}  upper {}  mean {}\n",
                       b.replicates.size(), num(b.lower), num(b.median), num(b.upper), num(b.mean));
  }
  if (s.ordinal) {
    out += fmt::format("{}: {}\n", ordinal_alpha_name, num(s.ordinal->alpha));
    out += fmt::format("{}: {}{}\n", ordinal_omega_name, num(s.ordinal->omega_total),
                       s.ordinal->omega_note.empty() ? "" : " (" + s.ordinal->omega_note + ")");
  }
}

// psych::splitHalf's reliabilities (psych::alpha does not print them; attune adds them last).
void split_halves(const ScaleAnalysis& s, std::string& out, const TextNumbers& num) {
  const SplitHalfResult& h = s.split_half;
  out += h.enumerated ? fmt::format("\n Split half reliabilities ({} splits enumerated)\n", h.splits_evaluated)
                      : fmt::format("\n Split half reliabilities ({} splits sampled, not enumerated)\n", h.splits_evaluated);
  out += Grid{{"maxrb", "meanr", "minrb", "lambda2", "lambda6"},
              {{"", {num(h.max_split), num(h.mean_split), num(h.min_split), num(h.lambda2), num(h.lambda6)}}}}
             .render();
}

void item_tables(const ScaleAnalysis& s, std::string& out, const TextNumbers& num) {
  Grid dropped{{"raw_alpha", "std.alpha", "G6(smc)", "average_r", "S/N", "alpha se", "var.r", "med.r", "omega.tot"}, {}};
  Grid stats{{"n", "raw.r", "std.r", "r.cor", "r.drop", "mean", "sd", "weak"}, {}};
  for (std::size_t i = 0; i < s.items.size(); ++i) {
    const AlphaIfDropped& d = s.alpha.alpha_drop[i];
    const ItemStats& it = s.alpha.item_stats[i];
    dropped.rows.push_back({keyed_label(s, i), {num(d.raw_alpha), num(d.std_alpha), num(d.g6_smc), num(d.average_r),
                                                num(d.signal_noise), num(d.alpha_se, 4), num(d.var_r, 4), num(d.median_r),
                                                num(s.omega.if_dropped[i])}});
    stats.rows.push_back({keyed_label(s, i), {fmt::format("{}", it.n), num(it.raw_r), num(it.std_r), num(it.r_cor),
                                              num(it.r_drop), num(it.mean), num(it.sd), weak_item(s, i) ? "*" : ""}});
  }
  out += "\n Reliability if an item is dropped (omega.tot: omega total without the item):\n" + dropped.render();
  out += "\n Item statistics\n" + stats.render();
  for (const auto& excluded : s.alpha.excluded) out += fmt::format("{} left out: {}\n", s.items[excluded.position], excluded.reason);
  for (const auto& suspect : s.keys.suspects) out += fmt::format("! {}\n", suspect.message);
  Grid freq{{}, {}};
  for (double v : s.frequencies.values) freq.header.push_back(fmt::format("{}", v));
  freq.header.push_back("miss");
  for (std::size_t i = 0; i < s.items.size(); ++i) {
    std::vector<std::string> cells;
    for (std::size_t v = 0; v < s.frequencies.values.size(); ++v) cells.push_back(num(s.frequencies.proportions(i, v)));
    cells.push_back(num(s.frequencies.missing[i]));
    freq.rows.push_back({s.items[i], std::move(cells)});
  }
  out += "\nNon missing response frequency for each item\n" + freq.render();
}

}  // namespace

void write_analysis_text(const AnalysisReport& report, OutputSink& sink, const NumberStyle& numbers) {
  const TextNumbers num{numbers};
  std::string out = fmt::format("Item analysis of {} ({} rows), as psych::alpha prints it. A reversed item ends in - "
                                "(Q9-); weak items (r.drop < .30, or alpha higher without them) are marked *.\n\n",
                                report.instrument, report.rows);
  for (const auto& s : report.scales) {
    out += fmt::format("Reliability analysis of scale {} ({} items, n {})\n\n", s.name, s.items.size(), report.rows);
    totals(s, out, num);
    item_tables(s, out, num);
    split_halves(s, out, num);
    out += "\n";
  }
  for (const auto& skipped : report.skipped) out += fmt::format("Not analysed: {}\n\n", skipped);
  if (report.correlations) {
    const ScaleCorrelations& c = *report.correlations;
    out += "Scale intercorrelations: cor below the diagonal, alpha on it, corrected (for attenuation) above\n";
    Grid grid{{}, {}};
    for (const auto& s : report.scales) grid.header.push_back(s.name);
    for (std::size_t i = 0; i < report.scales.size(); ++i) {
      std::vector<std::string> cells;
      for (std::size_t j = 0; j < report.scales.size(); ++j) cells.push_back(num(c.corrected(i, j)));
      grid.rows.push_back({report.scales[i].name, std::move(cells)});
    }
    out += grid.render();
  }
  sink.write(out);
}

}  // namespace attune

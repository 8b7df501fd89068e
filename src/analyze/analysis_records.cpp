// The tidy table of an analysis report (write_analysis_records): one row per scale ×
// statistic, item × statistic and scale pair, under psych's names, in print.psych's order.
#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "attune/analyze/analysis_writer.h"

namespace attune {

namespace {

// Writes rows of the five columns block, scale, item, statistic, value.
class TidyRows {
 public:
  explicit TidyRows(RecordWriter& writer) : writer_(writer) {
    writer_.begin({{"block", false}, {"scale", false}, {"item", false}, {"statistic", false}, {"value", true}});
  }
  // One row; an empty `item` is a missing cell (a statistic of the whole scale).
  void row(std::string_view block, std::string_view scale, std::string_view item, std::string_view statistic,
           double value) {
    const Cell cells[] = {Cell::of(block), Cell::of(scale), item.empty() ? Cell::missing() : Cell::of(item),
                          Cell::of(statistic), Cell::of(value)};
    writer_.write_row(cells);
  }
  // A row per (statistic, value) pair.
  void rows(std::string_view block, std::string_view scale, std::string_view item,
            std::initializer_list<std::pair<const char*, double>> values) {
    for (const auto& [statistic, value] : values) row(block, scale, item, statistic, value);
  }

 private:
  RecordWriter& writer_;
};

void scale_rows(const ScaleAnalysis& s, std::size_t n_rows, TidyRows& out) {
  const AlphaTotal& t = s.alpha.total;
  const std::string& name = s.name;
  out.rows("total", name, "", {{"n", static_cast<double>(n_rows)}, {"raw_alpha", t.raw_alpha}, {"std.alpha", t.std_alpha},
                               {"G6(smc)", t.g6_smc}, {"average_r", t.average_r}, {"S/N", t.signal_noise}, {"ase", t.ase},
                               {"mean", t.mean}, {"sd", t.sd}, {"median_r", t.median_r}, {"var.r", t.var_r}});
  for (auto [block, interval] : {std::pair{"feldt", s.alpha.feldt}, {"duhachek", s.alpha.duhachek}}) {
    out.rows(block, name, "", {{"lower", interval.lower}, {"alpha", interval.alpha}, {"upper", interval.upper}});
  }
  if (s.bootstrap) {
    out.rows("boot.ci", name, "", {{"lower", s.bootstrap->lower}, {"median", s.bootstrap->median},
                                   {"upper", s.bootstrap->upper}, {"mean", s.bootstrap->mean},
                                   {"replicates", static_cast<double>(s.bootstrap->replicates.size())}});
  }
  out.row(omega_total_name, name, "", "omega.tot", s.omega.omega_total);
  if (s.ordinal) {
    out.row(ordinal_alpha_name, name, "", "alpha", s.ordinal->alpha);
    out.row(ordinal_omega_name, name, "", "omega.tot", s.ordinal->omega_total);
  }
  if (s.omega_bootstrap) {
    out.rows("omega.boot.ci", name, "", {{"lower", s.omega_bootstrap->lower}, {"median", s.omega_bootstrap->median},
                                         {"upper", s.omega_bootstrap->upper}, {"mean", s.omega_bootstrap->mean},
                                         {"replicates", static_cast<double>(s.omega_bootstrap->replicates.size())}});
  }
  const SplitHalfResult& h = s.split_half;
  out.rows("splitHalf", name, "", {{"maxrb", h.max_split}, {"meanr", h.mean_split}, {"minrb", h.min_split},
                                   {"lambda2", h.lambda2}, {"lambda6", h.lambda6},
                                   {"splits", static_cast<double>(h.splits_evaluated)}, {"enumerated", h.enumerated ? 1.0 : 0.0}});
  for (std::size_t i = 0; i < s.items.size(); ++i) {
    const AlphaIfDropped& d = s.alpha.alpha_drop[i];
    out.rows("alpha.drop", name, s.items[i], {{"raw_alpha", d.raw_alpha}, {"std.alpha", d.std_alpha}, {"G6(smc)", d.g6_smc},
                                              {"average_r", d.average_r}, {"S/N", d.signal_noise}, {"alpha se", d.alpha_se},
                                              {"var.r", d.var_r}, {"med.r", d.median_r}});
  }
  for (std::size_t i = 0; i < s.items.size(); ++i) out.row("omega.drop", name, s.items[i], "omega.tot", s.omega.if_dropped[i]);
  for (std::size_t i = 0; i < s.items.size(); ++i) {
    const ItemStats& it = s.alpha.item_stats[i];
    out.rows("item.stats", name, s.items[i], {{"reversed", s.reversed[i] ? 1.0 : 0.0}, {"n", static_cast<double>(it.n)},
                                              {"raw.r", it.raw_r}, {"std.r", it.std_r}, {"r.cor", it.r_cor},
                                              {"r.drop", it.r_drop}, {"mean", it.mean}, {"sd", it.sd},
                                              {"weak", weak_item(s, i) ? 1.0 : 0.0}});
  }
  for (std::size_t i = 0; i < s.items.size(); ++i) {
    for (std::size_t v = 0; v < s.frequencies.values.size(); ++v) {
      out.row("response.freq", name, s.items[i], fmt::format("{}", s.frequencies.values[v]), s.frequencies.proportions(i, v));
    }
    out.row("response.freq", name, s.items[i], "miss", s.frequencies.missing[i]);
  }
  for (const auto& suspect : s.keys.suspects) {
    out.rows("check.keys", name, s.items[suspect.position],
             {{"loading", suspect.loading}, {"r.drop", suspect.r_drop}, {"reverse", suspect.reverse ? 1.0 : 0.0}});
  }
}

}  // namespace

void write_analysis_records(const AnalysisReport& report, RecordWriter& writer) {
  TidyRows out(writer);
  for (const auto& s : report.scales) scale_rows(s, report.rows, out);
  if (report.correlations) {
    for (auto [block, matrix] : {std::pair{"cor", &report.correlations->observed}, {"corrected", &report.correlations->corrected}}) {
      for (std::size_t i = 0; i < report.scales.size(); ++i) {
        for (std::size_t j = 0; j < report.scales.size(); ++j) {
          out.row(block, report.scales[i].name, report.scales[j].name, "r", (*matrix)(i, j));
        }
      }
    }
  }
  writer.finish();
}

}  // namespace attune

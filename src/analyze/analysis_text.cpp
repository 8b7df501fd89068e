// The text view of an analysis report (write_analysis_text).
#include <algorithm>
#include <cmath>
#include <string>

#include <fmt/format.h>

#include "attune/analyze/analysis_writer.h"

namespace attune {

namespace {

// Numbers as the text shows them: `decimals` (2 unless said), or --digits; the decimal mark.
struct TextNumbers {
  NumberStyle style;
  std::string operator()(double value, int decimals = 2) const {
    if (std::isnan(value)) return "NA";
    std::string text = fmt::format("{:.{}f}", value + 0.0, style.digits >= 0 ? style.digits : decimals);
    if (style.decimal != '.') std::replace(text.begin(), text.end(), '.', style.decimal);
    return text;
  }
};

void scale_block(const ScaleAnalysis& s, std::size_t rows, std::string& out, const TextNumbers& num) {
  const AlphaTotal& t = s.alpha.total;
  out += fmt::format("Scale {} ({} items, {} rows)\n", s.name, s.items.size(), rows);
  out += fmt::format("  raw_alpha {}  std.alpha {}  G6(smc) {}  average_r {}  median_r {}  S/N {}  ase {}\n",
                     num(t.raw_alpha), num(t.std_alpha), num(t.g6_smc), num(t.average_r), num(t.median_r),
                     num(t.signal_noise), num(t.ase, 3));
  out += fmt::format("  mean {}  sd {}\n", num(t.mean), num(t.sd));
  out += fmt::format("  95% CI for alpha: Feldt [{}, {}]  Duhachek [{}, {}]", num(s.alpha.feldt.lower),
                     num(s.alpha.feldt.upper), num(s.alpha.duhachek.lower), num(s.alpha.duhachek.upper));
  if (s.bootstrap) {
    out += fmt::format("  bootstrap [{}, {}] ({} replicates)", num(s.bootstrap->lower), num(s.bootstrap->upper),
                       s.bootstrap->replicates.size());
  }
  out += "\n";
  out += fmt::format("  split half: max {}  mean {}  min {} ({} splits{})\n", num(s.split_half.max_split),
                     num(s.split_half.mean_split), num(s.split_half.min_split), s.split_half.splits_evaluated,
                     s.split_half.enumerated ? "" : ", sampled");
  out += fmt::format("  {:<12} {:>5} {:>6} {:>6} {:>6} {:>6} {:>5} {:>5} {:>9} {:>9}\n", "item", "n", "raw.r", "std.r",
                     "r.cor", "r.drop", "mean", "sd", "alpha-if", "std-if");
  for (std::size_t i = 0; i < s.items.size(); ++i) {
    const ItemStats& it = s.alpha.item_stats[i];
    const AlphaIfDropped& d = s.alpha.alpha_drop[i];
    std::string label = (s.reversed[i] ? "-" : "") + s.items[i];
    out += fmt::format("  {:<12} {:>5} {:>6} {:>6} {:>6} {:>6} {:>5} {:>5} {:>9} {:>9}{}\n", label, it.n,
                       num(it.raw_r), num(it.std_r), num(it.r_cor), num(it.r_drop), num(it.mean), num(it.sd),
                       num(d.raw_alpha), num(d.std_alpha), weak_item(s, i) ? "  * weak" : "");
  }
  for (const auto& excluded : s.alpha.excluded) {
    out += fmt::format("  {} left out: {}\n", s.items[excluded.position], excluded.reason);
  }
  for (const auto& suspect : s.keys.suspects) out += fmt::format("  ! {}\n", suspect.message);
  out += "  response frequencies (share of answers; miss = share of rows without one):\n";
  std::string head = fmt::format("  {:<12}", "item");
  for (double v : s.frequencies.values) head += fmt::format(" {:>5}", fmt::format("{}", v));
  out += head + fmt::format(" {:>5}\n", "miss");
  for (std::size_t i = 0; i < s.items.size(); ++i) {
    std::string line = fmt::format("  {:<12}", s.items[i]);
    for (std::size_t v = 0; v < s.frequencies.values.size(); ++v) line += fmt::format(" {:>5}", num(s.frequencies.proportions(i, v)));
    out += line + fmt::format(" {:>5}\n", num(s.frequencies.missing[i]));
  }
  out += "\n";
}

}  // namespace

void write_analysis_text(const AnalysisReport& report, OutputSink& sink, const NumberStyle& numbers) {
  const TextNumbers num{numbers};
  std::string out = fmt::format("Item analysis of {} ({} rows). Items marked * weak have r.drop < .30 or raise "
                                "alpha when dropped; a leading - marks a reversed item.\n\n",
                                report.instrument, report.rows);
  for (const auto& scale : report.scales) scale_block(scale, report.rows, out, num);
  for (const auto& skipped : report.skipped) out += fmt::format("Not analysed: {}\n\n", skipped);
  if (report.correlations) {
    const ScaleCorrelations& c = *report.correlations;
    out += "Scale correlations (below the diagonal: observed; diagonal: alpha; above: corrected for attenuation)\n";
    std::string head = fmt::format("  {:<12}", "");
    for (const auto& s : report.scales) head += fmt::format(" {:>10}", s.name);
    out += head + "\n";
    for (std::size_t i = 0; i < report.scales.size(); ++i) {
      std::string line = fmt::format("  {:<12}", report.scales[i].name);
      for (std::size_t j = 0; j < report.scales.size(); ++j) line += fmt::format(" {:>10}", num(c.corrected(i, j)));
      out += line + "\n";
    }
  }
  sink.write(out);
}

}  // namespace attune

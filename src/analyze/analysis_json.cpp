// The JSON form of an analysis report (write_analysis_json), keyed by psych's names.
#include <cmath>
#include <string>
#include <vector>

#include "attune/analyze/analysis_writer.h"
#include "attune/io/json_text.h"
#include "io/report_numbers.h"

namespace attune {

namespace {

std::string jobject(const std::vector<std::pair<std::string, std::string>>& fields) {
  std::string out = "{";
  for (std::size_t i = 0; i < fields.size(); ++i) {
    out += (i ? "," : "") + json_string(fields[i].first) + ":" + fields[i].second;
  }
  return out + "}";
}

std::string jarray(const std::vector<std::string>& items) {
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) out += (i ? "," : "") + items[i];
  return out + "]";
}

std::string scale_json(const ScaleAnalysis& s, std::size_t rows, const JsonNumbers& jnum) {
  const AlphaTotal& t = s.alpha.total;
  std::string total = jobject({{"raw_alpha", jnum(t.raw_alpha)}, {"std.alpha", jnum(t.std_alpha)},
                               {"G6(smc)", jnum(t.g6_smc)}, {"average_r", jnum(t.average_r)}, {"S/N", jnum(t.signal_noise)},
                               {"ase", jnum(t.ase)}, {"mean", jnum(t.mean)}, {"sd", jnum(t.sd)},
                               {"median_r", jnum(t.median_r)}, {"var.r", jnum(t.var_r)}});
  std::vector<std::string> items;
  for (std::size_t i = 0; i < s.items.size(); ++i) {
    const ItemStats& it = s.alpha.item_stats[i];
    const AlphaIfDropped& d = s.alpha.alpha_drop[i];
    std::vector<std::string> freq;
    for (std::size_t v = 0; v < s.frequencies.values.size(); ++v) {
      freq.push_back(jobject({{"response", jnum(s.frequencies.values[v])}, {"proportion", jnum(s.frequencies.proportions(i, v))}}));
    }
    items.push_back(jobject({{"item", json_string(s.items[i])}, {"reversed", s.reversed[i] ? "true" : "false"},
                             {"n", jnum(static_cast<double>(it.n))}, {"raw.r", jnum(it.raw_r)}, {"std.r", jnum(it.std_r)},
                             {"r.cor", jnum(it.r_cor)}, {"r.drop", jnum(it.r_drop)}, {"mean", jnum(it.mean)},
                             {"sd", jnum(it.sd)}, {"weak", weak_item(s, i) ? "true" : "false"},
                             {"alpha.drop", jobject({{"raw_alpha", jnum(d.raw_alpha)}, {"std.alpha", jnum(d.std_alpha)},
                                                     {"G6(smc)", jnum(d.g6_smc)}, {"average_r", jnum(d.average_r)},
                                                     {"S/N", jnum(d.signal_noise)}, {"alpha se", jnum(d.alpha_se)},
                                                     {"var.r", jnum(d.var_r)}, {"med.r", jnum(d.median_r)}})},
                             {"omega.drop", jobject({{"omega.tot", jnum(s.omega.if_dropped[i])}})},
                             {"response.freq", jarray(freq)}, {"miss", jnum(s.frequencies.missing[i])}}));
  }
  std::vector<std::string> suspects;
  for (const auto& suspect : s.keys.suspects) suspects.push_back(json_string(suspect.message));
  std::vector<std::pair<std::string, std::string>> fields = {
      {"scale", json_string(s.name)}, {"n", jnum(static_cast<double>(rows))}, {"total", total},
      {"feldt", jobject({{"lower", jnum(s.alpha.feldt.lower)}, {"alpha", jnum(s.alpha.feldt.alpha)}, {"upper", jnum(s.alpha.feldt.upper)}})},
      {"duhachek", jobject({{"lower", jnum(s.alpha.duhachek.lower)}, {"alpha", jnum(s.alpha.duhachek.alpha)}, {"upper", jnum(s.alpha.duhachek.upper)}})},
      {"splitHalf", jobject({{"maxrb", jnum(s.split_half.max_split)}, {"meanr", jnum(s.split_half.mean_split)},
                             {"minrb", jnum(s.split_half.min_split)}, {"lambda2", jnum(s.split_half.lambda2)},
                             {"lambda6", jnum(s.split_half.lambda6)}, {"splits", jnum(static_cast<double>(s.split_half.splits_evaluated))},
                             {"enumerated", s.split_half.enumerated ? "true" : "false"}})},
      {"items", jarray(items)}, {"check.keys", jarray(suspects)}};
  std::vector<std::pair<std::string, std::string>> omega = {{"name", json_string(omega_total_name)},
                                                            {"omega.tot", jnum(s.omega.omega_total)}};
  if (!s.omega_note.empty()) omega.push_back({"note", json_string(s.omega_note)});
  if (s.omega_bootstrap) {
    omega.push_back({"boot.ci", jobject({{"lower", jnum(s.omega_bootstrap->lower)}, {"median", jnum(s.omega_bootstrap->median)},
                                         {"upper", jnum(s.omega_bootstrap->upper)}, {"mean", jnum(s.omega_bootstrap->mean)},
                                         {"replicates", jnum(static_cast<double>(s.omega_bootstrap->replicates.size()))}})});
  }
  fields.insert(fields.begin() + 5, {"omega", jobject(omega)});
  if (s.ordinal) {
    std::vector<std::pair<std::string, std::string>> ordinal = {
        {"alpha.name", json_string(ordinal_alpha_name)}, {"alpha", jnum(s.ordinal->alpha)},
        {"omega.name", json_string(ordinal_omega_name)}, {"omega.tot", jnum(s.ordinal->omega_total)},
        {"tetrachoric", s.ordinal->tetrachoric ? "true" : "false"}, {"smoothed", s.ordinal->smoothed ? "true" : "false"}};
    if (!s.ordinal->omega_note.empty()) ordinal.push_back({"note", json_string(s.ordinal->omega_note)});
    fields.insert(fields.begin() + 6, {"polychoric", jobject(ordinal)});
  }
  if (s.bootstrap) {
    fields.push_back({"boot.ci", jobject({{"lower", jnum(s.bootstrap->lower)}, {"median", jnum(s.bootstrap->median)},
                                          {"upper", jnum(s.bootstrap->upper)}, {"mean", jnum(s.bootstrap->mean)},
                                          {"replicates", jnum(static_cast<double>(s.bootstrap->replicates.size()))}})});
  }
  return jobject(fields);
}

}  // namespace

void write_analysis_json(const AnalysisReport& report, OutputSink& sink, int digits) {
  const JsonNumbers jnum{digits};
  std::vector<std::string> scales, skipped;
  for (const auto& s : report.scales) scales.push_back(scale_json(s, report.rows, jnum));
  for (const auto& s : report.skipped) skipped.push_back(json_string(s));
  std::vector<std::pair<std::string, std::string>> fields = {
      {"instrument", json_string(report.instrument)}, {"rows", jnum(static_cast<double>(report.rows))},
      {"scales", jarray(scales)}, {"skipped", jarray(skipped)}};
  if (report.correlations) {
    auto matrix = [&](const DenseMatrix& m) {
      std::vector<std::string> rows;
      for (std::size_t i = 0; i < m.rows; ++i) {
        std::vector<std::string> row;
        for (std::size_t j = 0; j < m.cols; ++j) row.push_back(jnum(m(i, j)));
        rows.push_back(jarray(row));
      }
      return jarray(rows);
    };
    fields.push_back({"cor", matrix(report.correlations->observed)});
    fields.push_back({"corrected", matrix(report.correlations->corrected)});
  }
  sink.write(jobject(fields) + "\n");
}

}  // namespace attune

// The tidy table and the JSON form of an analysis report.
#include <cmath>
#include <iterator>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "attune/analyze/analysis_writer.h"
#include "attune/io/json_text.h"

namespace attune {

namespace {

const std::vector<std::string> kStatColumns = {
    "n", "raw_alpha", "std_alpha", "G6_smc", "average_r", "median_r", "S_N", "ase", "mean", "sd",
    "feldt_lower", "feldt_upper", "boot_lower", "boot_upper", "max_split", "mean_split", "min_split",
    "raw_r", "std_r", "r_cor", "r_drop", "alpha_if_dropped", "std_alpha_if_dropped", "G6_if_dropped",
    "average_r_if_dropped", "response", "proportion", "r", "r_corrected", "flag"};

class Rows {
 public:
  explicit Rows(RecordWriter& writer) : writer_(writer) {
    std::vector<Column> columns = {{"kind", false}, {"scale", false}, {"item", false}};
    for (const auto& name : kStatColumns) columns.push_back({name, name != "response" && name != "flag"});
    writer_.begin(columns);
  }
  // Starts a row of `kind` for scale/item; set() fills statistics by column name.
  void start(std::string_view kind, std::string_view scale, std::string_view item) {
    texts_ = {std::string(kind), std::string(scale), std::string(item)};
    values_.assign(kStatColumns.size(), NAN);
    text_values_.assign(kStatColumns.size(), "");
  }
  void set(std::string_view column, double value) { values_[index(column)] = value; }
  void set_text(std::string_view column, std::string value) { text_values_[index(column)] = std::move(value); }
  void write() {
    std::vector<Cell> cells;
    for (const auto& t : texts_) cells.push_back(t.empty() ? Cell::missing() : Cell::of(std::string_view(t)));
    for (std::size_t i = 0; i < values_.size(); ++i) {
      cells.push_back(!text_values_[i].empty() ? Cell::of(std::string_view(text_values_[i])) : Cell::of(values_[i]));
    }
    writer_.write_row(cells);
  }

 private:
  std::size_t index(std::string_view column) const {
    for (std::size_t i = 0; i < kStatColumns.size(); ++i) {
      if (kStatColumns[i] == column) return i;
    }
    return 0;
  }
  RecordWriter& writer_;
  std::vector<std::string> texts_, text_values_;
  std::vector<double> values_;
};

}  // namespace

void write_analysis_records(const AnalysisReport& report, RecordWriter& writer) {
  Rows rows(writer);
  for (const auto& s : report.scales) {
    const AlphaTotal& t = s.alpha.total;
    rows.start("scale", s.name, "");
    rows.set("n", static_cast<double>(report.rows));
    for (auto [column, value] : {std::pair{"raw_alpha", t.raw_alpha}, {"std_alpha", t.std_alpha}, {"G6_smc", t.g6_smc},
                                 {"average_r", t.average_r}, {"median_r", t.median_r}, {"S_N", t.signal_noise},
                                 {"ase", t.ase}, {"mean", t.mean}, {"sd", t.sd}, {"feldt_lower", s.alpha.feldt.lower},
                                 {"feldt_upper", s.alpha.feldt.upper}, {"max_split", s.split_half.max_split},
                                 {"mean_split", s.split_half.mean_split}, {"min_split", s.split_half.min_split}}) {
      rows.set(column, value);
    }
    if (s.bootstrap) {
      rows.set("boot_lower", s.bootstrap->lower);
      rows.set("boot_upper", s.bootstrap->upper);
    }
    rows.write();
    for (std::size_t i = 0; i < s.items.size(); ++i) {
      const ItemStats& it = s.alpha.item_stats[i];
      const AlphaIfDropped& d = s.alpha.alpha_drop[i];
      rows.start("item", s.name, (s.reversed[i] ? "-" : "") + s.items[i]);
      for (auto [column, value] : {std::pair{"n", static_cast<double>(it.n)}, {"raw_r", it.raw_r}, {"std_r", it.std_r},
                                   {"r_cor", it.r_cor}, {"r_drop", it.r_drop}, {"mean", it.mean}, {"sd", it.sd},
                                   {"alpha_if_dropped", d.raw_alpha}, {"std_alpha_if_dropped", d.std_alpha},
                                   {"G6_if_dropped", d.g6_smc}, {"average_r_if_dropped", d.average_r}}) {
        rows.set(column, value);
      }
      std::string flag = weak_item(s, i) ? "weak" : "";
      for (const auto& suspect : s.keys.suspects) {
        if (suspect.position == i && suspect.reverse) flag += flag.empty() ? "mis-keyed?" : ";mis-keyed?";
      }
      rows.set_text("flag", flag);
      rows.write();
    }
    for (std::size_t i = 0; i < s.items.size(); ++i) {
      for (std::size_t v = 0; v < s.frequencies.values.size(); ++v) {
        rows.start("response", s.name, s.items[i]);
        rows.set_text("response", fmt::format("{}", s.frequencies.values[v]));
        rows.set("proportion", s.frequencies.proportions(i, v));
        rows.write();
      }
      rows.start("response", s.name, s.items[i]);
      rows.set_text("response", "missing");
      rows.set("proportion", s.frequencies.missing[i]);
      rows.write();
    }
  }
  if (report.correlations) {
    for (std::size_t i = 0; i < report.scales.size(); ++i) {
      for (std::size_t j = i + 1; j < report.scales.size(); ++j) {
        rows.start("correlation", report.scales[i].name, report.scales[j].name);
        rows.set("r", report.correlations->observed(i, j));
        rows.set("r_corrected", report.correlations->corrected(i, j));
        rows.write();
      }
    }
  }
  writer.finish();
}

namespace {

// A number in JSON: shortest round trip, or rounded to --digits; null when missing; an infinite
// statistic (S/N of an alpha of 1), which JSON has no number for, as the string "Inf" or "-Inf",
// as R's jsonlite writes it.
struct JsonNumbers {
  int digits = -1;
  std::string operator()(double value) const {
    std::string out;
    if (std::isnan(value)) return "null";
    if (std::isinf(value)) return value > 0 ? "\"Inf\"" : "\"-Inf\"";
    if (digits < 0) append_number(out, value);
    else append_styled_number(out, value, {digits, '.'});
    return out;
  }
};

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

#include "attune/scoring/score_summary.h"

namespace attune {

ScoreSummary::ScoreSummary(std::vector<std::string> score_ids)
    : ids_(std::move(score_ids)), stats_(ids_.size()) {}

void ScoreSummary::add_scores(std::span<const double> scores) {
  for (std::size_t i = 0; i < stats_.size() && i < scores.size(); ++i) stats_[i].add(scores[i]);
}

void ScoreSummary::add_classification(const Classification& classification) {
  classified_ = true;
  if (classification.pattern) {
    ++patterns_[static_cast<std::size_t>(*classification.pattern)];
    return;
  }
  if (classification.label.empty()) {
    ++unclassified_;
    return;
  }
  for (auto& [label, count] : others_) {
    if (label == classification.label) {
      ++count;
      return;
    }
  }
  others_.emplace_back(classification.label, 1);
}

}  // namespace attune

namespace attune {

namespace {

// Writes one instrument's rows; `instrument` is the first cell when it is not empty.
void write_summary_rows(const ScoreSummary& summary,
                        const std::vector<std::pair<std::string, std::string>>& parameters,
                        std::string_view instrument, RecordWriter& writer) {
  std::vector<Cell> cells(10, Cell::missing());
  std::vector<Cell> row;
  auto write = [&] {
    row.clear();
    if (!instrument.empty()) row.push_back(Cell::of(instrument));
    row.insert(row.end(), cells.begin(), cells.end());
    writer.write_row(row);
  };
  for (std::size_t i = 0; i < summary.score_ids().size(); ++i) {
    const RunningStats& s = summary.stats()[i];
    cells = {Cell::of(std::string_view("score")), Cell::of(std::string_view(summary.score_ids()[i])),
             Cell::of(static_cast<double>(s.n())), Cell::of(static_cast<double>(s.missing())), Cell::of(s.mean()),
             Cell::of(s.sd()), Cell::of(s.min()), Cell::of(s.max()), Cell::missing(), Cell::missing()};
    write();
  }
  if (summary.classified()) {
    std::uint64_t total = summary.unclassified();
    for (auto count : summary.pattern_counts()) total += count;
    for (const auto& [label, count] : summary.other_labels()) total += count;
    auto pattern_row = [&](std::string_view name, std::uint64_t count) {
      double percent = total ? 100.0 * static_cast<double>(count) / static_cast<double>(total) : NAN;
      cells = {Cell::of(std::string_view("pattern")), Cell::of(name), Cell::of(static_cast<double>(count)),
               Cell::missing(), Cell::missing(), Cell::missing(), Cell::missing(), Cell::missing(),
               Cell::of(percent), Cell::missing()};
      write();
    };
    for (Pattern p : all_patterns) pattern_row(pattern_name(p), summary.pattern_counts()[static_cast<std::size_t>(p)]);
    for (const auto& [label, count] : summary.other_labels()) pattern_row(label, count);
    pattern_row("unclassified", summary.unclassified());
  }
  for (const auto& [name, value] : parameters) {
    cells = {Cell::of(std::string_view("parameter")), Cell::of(std::string_view(name)), Cell::missing(),
             Cell::missing(), Cell::missing(), Cell::missing(), Cell::missing(), Cell::missing(), Cell::missing(),
             Cell::of(std::string_view(value))};
    write();
  }
}

std::vector<Column> summary_columns(bool with_instrument) {
  std::vector<Column> columns = {{"kind", false}, {"name", false}, {"n", true, 0}, {"missing", true, 0},
                                 {"mean", true},  {"sd", true},    {"min", true},  {"max", true},
                                 {"percent", true, 1}, {"value", false}};
  if (with_instrument) columns.insert(columns.begin(), Column{"instrument", false});
  return columns;
}

}  // namespace

void write_summary(const ScoreSummary& summary,
                   const std::vector<std::pair<std::string, std::string>>& parameters, RecordWriter& writer) {
  writer.begin(summary_columns(false));
  write_summary_rows(summary, parameters, {}, writer);
  writer.finish();
}

void write_summaries(const std::vector<InstrumentSummary>& parts, RecordWriter& writer) {
  const bool several = parts.size() > 1;
  writer.begin(summary_columns(several));
  for (const auto& part : parts) {
    write_summary_rows(*part.summary, *part.parameters, several ? std::string_view(part.id) : std::string_view(),
                       writer);
  }
  writer.finish();
}

}  // namespace attune

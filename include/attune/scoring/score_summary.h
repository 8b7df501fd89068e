// Sample summary of a scoring run: per score n/mean/sd/min/max and counts per pattern.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "attune/classify/pattern.h"
#include "attune/stats/running_stats.h"

namespace attune {

class ScoreSummary {
 public:
  explicit ScoreSummary(std::vector<std::string> score_ids = {});

  // Adds one respondent's scores (NaN = missing).
  void add_scores(std::span<const double> scores);
  // Counts one respondent's classification ("unclassified" when it has no pattern).
  void add_classification(const Classification& classification);

  const std::vector<std::string>& score_ids() const { return ids_; }
  const std::vector<RunningStats>& stats() const { return stats_; }
  // Respondents per pattern, in all_patterns order.
  const std::array<std::uint64_t, 4>& pattern_counts() const { return patterns_; }
  std::uint64_t unclassified() const { return unclassified_; }
  // Other labels a method produced (e.g. ties), with their counts.
  const std::vector<std::pair<std::string, std::uint64_t>>& other_labels() const { return others_; }
  bool classified() const { return classified_; }

 private:
  std::vector<std::string> ids_;
  std::vector<RunningStats> stats_;
  std::array<std::uint64_t, 4> patterns_{};
  std::uint64_t unclassified_ = 0;
  std::vector<std::pair<std::string, std::uint64_t>> others_;
  bool classified_ = false;
};

}  // namespace attune

#include "attune/io/record_writer.h"

namespace attune {

// Writes `summary` as one tidy table with the columns kind (score | pattern | parameter), name,
// n, missing, mean, sd, min, max, percent, value: a row per score, per pattern (including
// "unclassified"), and per classification parameter.
void write_summary(const ScoreSummary& summary,
                   const std::vector<std::pair<std::string, std::string>>& parameters, RecordWriter& writer);

// One instrument's summary and classification parameters, for write_summaries().
struct InstrumentSummary {
  std::string id;
  const ScoreSummary* summary;
  const std::vector<std::pair<std::string, std::string>>* parameters;
};

// As write_summary, for several instruments: a first column `instrument` when more than one.
void write_summaries(const std::vector<InstrumentSummary>& parts, RecordWriter& writer);

}  // namespace attune

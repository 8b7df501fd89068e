// Plumbing analyze and factor share: commands that read one instrument's answers and write
// statistics, not one row per respondent.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "attune/instrument/instrument.h"
#include "attune/io/output_sink.h"
#include "attune/io/record_writer.h"
#include "attune/responses/flag_join.h"
#include "common.h"
#include "input_args.h"

namespace attune::cli {

// The InputUse of a command writing no row per respondent (analyze, factor, report): one -i;
// --keep and --source-column refused.
InputUse statistics_input_use(const std::string& command);

// The one instrument a statistics command reads, its response options, and --exclude-flagged.
struct StatisticsInput {
  std::vector<Instrument> instruments;   // one
  ResponseOptions response;
  std::optional<FlagJoin> excluded;
  const Instrument& instrument() const { return instruments.front(); }
};

// Loads the instrument, checks --columns/--map ids, notes a --range other than its own.
StatisticsInput load_statistics_input(const InputArgs& args, const InputChoice& input);

// The notes and warnings about the rows read: empty records, --exclude-flagged's matches and
// exclusions, invalid cells (throws when no flagged id matched, before anything is written).
template <class Report>
void note_rows_read(const Report& report, const std::optional<FlagJoin>& excluded) {
  if (!report.empty_records.empty()) note(report.empty_records);
  if (excluded) note(joined_note(*excluded, report.rows + report.excluded));   // throws when none matched
  if (excluded) note(excluded_note(*excluded, report.excluded, report.first_excluded));
  if (report.invalid_cells) warn(report.invalid_cells_summary);
}

// Writes a report to -o as `format` says: the table (its control characters escaped, as every
// terminal text), JSON or JSON lines, or records through a writer (whose notes are shown).
void write_statistics(const std::string& output, Format format, const WriterOptions& writing,
                      const std::function<void(OutputSink&)>& table, const std::function<void(OutputSink&)>& json,
                      const std::function<void(RecordWriter&)>& records);

}  // namespace attune::cli

// Writing an analysis report: a text view laid out as print.psych prints psych::alpha, a tidy
// table for scripts (csv/tsv: one row per scale × statistic, item × statistic and scale pair) and
// JSON; all three hold the same statistics under psych's names.
#pragma once

#include "attune/run/analysis_run.h"
#include "attune/io/output_sink.h"
#include "attune/io/record_writer.h"

namespace attune {

// One block per scale as print.psych shows psych::alpha (totals, confidence boundaries,
// reliability if an item is dropped, item statistics with weak items marked, response
// frequencies; reversed items labelled `Q9-`), then split halves; then the scale correlations.
// `numbers`: --digits (every number shows that many decimals; default 2, ase 3, alpha se and var.r 4) and the
// decimal mark.
void write_analysis_text(const AnalysisReport& report, OutputSink& sink, const NumberStyle& numbers = {});

// The tidy table: columns block (psych's list name: total, feldt, duhachek, boot.ci, the omega
// block named by omega_total_name, omega.boot.ci, splitHalf, alpha.drop, omega.drop, item.stats,
// response.freq, check.keys, cor, corrected), scale, item (empty for a scale's statistics),
// statistic (psych's name; omega.tot for omega) and value; booleans as 1/0.
void write_analysis_records(const AnalysisReport& report, RecordWriter& writer);

// Everything, as one JSON object, keyed by psych's names ("raw_alpha", "std.alpha", "r.drop", ...).
// `digits` >= 0 rounds every number to that many decimals (--digits).
void write_analysis_json(const AnalysisReport& report, OutputSink& sink, int digits = -1);

}  // namespace attune

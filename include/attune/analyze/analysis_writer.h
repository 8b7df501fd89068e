// Writing an analysis report: a text view to paste in a paper, a tidy table for scripts
// (csv/tsv: one row per scale, item, response share and scale pair), and JSON with psych's names.
#pragma once

#include "attune/run/analysis_run.h"
#include "attune/io/output_sink.h"
#include "attune/io/record_writer.h"

namespace attune {

// One block per scale: reliability, the item table (weak items marked), split halves, response
// frequencies; then the between-scale correlations.
// `numbers`: --digits (every number shows that many decimals; default 2, alpha's se 3) and the
// decimal mark.
void write_analysis_text(const AnalysisReport& report, OutputSink& sink, const NumberStyle& numbers = {});

// The tidy table: columns kind (scale | item | response | correlation), scale, item, then the
// statistics (psych's names with '.' and '/' spelled '_').
void write_analysis_records(const AnalysisReport& report, RecordWriter& writer);

// Everything, as one JSON object, keyed by psych's names ("raw_alpha", "std.alpha", "r.drop", ...).
// `digits` >= 0 rounds every number to that many decimals (--digits).
void write_analysis_json(const AnalysisReport& report, OutputSink& sink, int digits = -1);

}  // namespace attune

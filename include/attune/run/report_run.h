// One `attune report` run: what `score --summary` and `analyze` report, over the same responses.
// The responses are read twice, each pass streaming as its own command does (score's pass holds
// the scores only where score would: a sample-based method or --borderline): first the scoring
// run (pattern counts, borderline flags, each score's n and missing, quality flags joined by
// id), then the analysis run (per-scale alpha, item statistics, the mis-keying check, each
// item's missing share). Nothing is computed here that those runs compute.
#pragma once

#include <functional>
#include <memory>
#include <optional>

#include "attune/instrument/instrument.h"
#include "attune/io/record_source.h"
#include "attune/responses/flag_join.h"
#include "attune/run/analysis_run.h"
#include "attune/run/plot_run.h"
#include "attune/run/score_run.h"

namespace attune {

// How to read, score, classify and analyse. `score.flags`, when set, is the --quality join
// (neither excluding nor annotating: its flags are only counted).
struct ReportOptions {
  ScoreOptions score;
  AnalysisOptions analysis;
};

// What the two runs reported.
struct ReportResults {
  ScoreReport score;
  // The anxiety x avoidance plane the scoring pass collected (plot/plot_run's run_plane), when
  // the instrument has the two dimensions and classifies; its chart has the borderline count.
  std::optional<PlaneRun> plane;
  AnalysisReport analysis;
  std::optional<MatchedFlags> quality;   // the flags of the respondents read, when --quality
};

// Opens the responses from their first record (the header); called once per pass.
using OpenResponses = std::function<std::unique_ptr<RecordSource>()>;

// Runs the scoring pass (collecting the plane where there is one), then the analysis pass, over what `open` gives each time. Throws what
// the runs throw (the same Errors as score and analyze for the same input).
ReportResults run_report(const Instrument& instrument, const OpenResponses& open, const ReportOptions& options,
                         const ScoreHooks& hooks = {});

// The observed correlation of the classification's anxiety and avoidance scales (analyze's
// between-scale "cor", psych::scoreItems), or nullopt when either is no analysed scale.
std::optional<double> dimension_correlation(const Instrument& instrument, const AnalysisReport& analysis);

}  // namespace attune

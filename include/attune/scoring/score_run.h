// One scoring run: read -> validate -> score -> classify -> write, row by row.
// Streams in constant memory unless a sample-based step (impute mean/median, median
// classification) needs every respondent first; then it holds the rows and makes two passes.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "attune/classify/classifier.h"
#include "attune/instrument/instrument.h"
#include "attune/io/record_source.h"
#include "attune/io/record_writer.h"
#include "attune/scoring/cell_parser.h"
#include "attune/scoring/columns.h"
#include "attune/scoring/imputer.h"
#include "attune/scoring/response_reader.h"
#include "attune/scoring/score_summary.h"
#include "attune/scoring/scorer.h"

namespace attune {

// Everything a user can say about a scoring run (score's options): how to read the
// responses, and how to score and classify them.
struct ScoreOptions : ResponseOptions {
  Impute impute = Impute::none;                          // --impute
  ScoringOptions scoring;                                // --min-valid
  bool classify = true;                                  // --classify none turns it off
  ClassifierOptions classifier;                          // --classify, --cutoff
  bool provenance = false;                               // --provenance columns
};

// Callbacks through which a run reports to its caller (the library never prints).
struct ScoreHooks {
  std::function<void(const std::string&)> warn;                       // one warning line
  std::function<void(std::uint64_t done, std::uint64_t total)> progress;   // bytes read
};

// What a run did: counts for the summary and the caller's messages.
struct ScoreReport {
  std::uint64_t rows = 0;
  std::uint64_t invalid_cells = 0;        // cells --invalid missing turned into missing
  ScoreSummary summary;
  std::vector<std::pair<std::string, std::string>> classifier_parameters;
  std::string classifier_name;
};

// Whether the run must hold all rows (sample-based imputation or classification).
bool run_needs_sample(const Instrument& instrument, const ScoreOptions& options);

// Scores every record of `source` (its first record is the header) onto `writer`.
// Throws Errors for bad input; on error, nothing more is written.
ScoreReport run_score(const Instrument& instrument, RecordSource& source, RecordWriter& writer,
                      const ScoreOptions& options, const ScoreHooks& hooks = {});

}  // namespace attune

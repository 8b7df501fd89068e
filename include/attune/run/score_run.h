// One scoring run: read -> validate -> score -> classify -> write, in batches of rows.
// Streams in constant memory unless a sample-based step (impute mean/median, median or k-means
// classification, standardized prototypes, --borderline) needs every respondent first; then it
// holds the rows and makes two passes.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "attune/classify/borderline.h"
#include "attune/classify/classifier.h"
#include "attune/instrument/instrument.h"
#include "attune/io/record_source.h"
#include "attune/io/record_writer.h"
#include "attune/responses/cell_parser.h"
#include "attune/responses/columns.h"
#include "attune/responses/empty_records.h"
#include "attune/responses/flag_join.h"
#include "attune/scoring/imputer.h"
#include "attune/responses/response_reader.h"
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
  // --threads: rows are parsed, scored and formatted on this many threads (0, the default: one
  // per core for delimited text, one for SPSS/Stata/SAS files, whose decoding dominates); the
  // output is the same bytes as with 1. Sample-based runs and the table format use one.
  unsigned threads = 1;
  // Several instruments in one file: item column pattern or map file per instrument id
  // (--columns ID=PATTERN, --map ID=FILE); `columns` applies to the others.
  std::map<std::string, std::string> patterns_by_instrument;
  std::map<std::string, std::string> maps_by_instrument;
  // --borderline: flag respondents within one standard error of measurement (SD·√(1−α)) of a
  // cut-off; α and SD from the sample unless `reliability` gives α per dimension (or "all").
  bool borderline = false;
  std::map<std::string, double> reliability;
  // Flags from `attune quality` (--exclude-flagged, --quality); null when not given.
  const FlagJoin* flags = nullptr;
  // Accumulate each instrument's ScoreSummary (n, mean, sd, min, max, pattern counts); off,
  // the report's summaries stay empty (the CLI turns it on for --summary and --summary-only).
  bool summary = true;
};

// Callbacks through which a run reports to its caller (the library never prints).
struct ScoreHooks {
  std::function<void(const std::string&)> warn;                       // one warning line
  std::function<void(std::uint64_t done, std::uint64_t total)> progress;   // bytes read
};

// One instrument's part of a run: its summary and the classifier's parameters.
struct InstrumentReport {
  std::string id;
  ScoreSummary summary;
  std::vector<std::pair<std::string, std::string>> classifier_parameters;
  std::string classifier_name;
  // The cut-off on each score column (Classifier::axis_cutoffs) when the method cuts each
  // axis (cuts_each_axis), else empty; and --borderline's cuts with each score's SEM.
  std::vector<std::pair<std::size_t, double>> axis_cutoffs;
  std::vector<BorderlineCut> borderline_cuts;
};

// What a run did: counts for the summary and the caller's messages. `summary`,
// `classifier_parameters` and `classifier_name` are the first instrument's.
struct ScoreReport {
  std::uint64_t rows = 0;
  std::uint64_t invalid_cells = 0;        // cells --invalid missing turned into missing
  ScoreSummary summary;
  std::vector<std::pair<std::string, std::string>> classifier_parameters;
  std::string classifier_name;
  std::vector<InstrumentReport> instruments;
  std::uint64_t excluded = 0;             // respondents --exclude-flagged left out
  std::string first_excluded;             // the first one's id
  EmptyRecords empty_records;             // records left out as every cell empty (not respondents)
};

// Scores every record of `source` (its first record is the header) onto `writer`.
// Throws Errors for bad input; on error, nothing more is written.
ScoreReport run_score(const Instrument& instrument, RecordSource& source, RecordWriter& writer,
                      const ScoreOptions& options, const ScoreHooks& hooks = {});

// Scores several instruments from the same rows; each one's output columns are prefixed
// with "<instrument id>_" when there is more than one.
ScoreReport run_score(const std::vector<Instrument>& instruments, RecordSource& source, RecordWriter& writer,
                      const ScoreOptions& options, const ScoreHooks& hooks = {});

}  // namespace attune

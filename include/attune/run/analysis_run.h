// One `attune analyze` run: read the responses once, accumulating sufficient statistics, then
// compute per scale psych::alpha, omega total (psych::omega, one factor), the mis-keying check,
// split-half reliabilities, response frequencies and (optionally) bootstrap intervals, and the
// between-scale correlations.
// Constant memory in the rows, except the bootstrap, which holds the data.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "attune/instrument/instrument.h"
#include "attune/io/record_source.h"
#include "attune/responses/flag_join.h"
#include "attune/responses/response_reader.h"
#include "attune/stats/alpha.h"
#include "attune/stats/bootstrap_alpha.h"
#include "attune/stats/check_keys.h"
#include "attune/stats/omega_total.h"
#include "attune/stats/ordinal_reliability.h"
#include "attune/stats/response_freq.h"
#include "attune/stats/scale_correlations.h"
#include "attune/stats/split_half.h"

namespace attune {

// How to read the responses (every input option, as score reads them) and what to compute.
struct AnalysisOptions : ResponseOptions {
  std::optional<BootstrapOptions> bootstrap;   // --ci bootstrap --boot B --seed S
  SplitHalfOptions split_half;
  bool polychoric = false;   // --cor poly: ordinal alpha and omega total on polychoric rho as well
  // --threads: 1 does everything on the calling thread; 2 or more (0: one per core, if more
  // than one core) sum the variable pairs on a second thread, and fit omega if each item is
  // dropped and the bootstrap replicates on that many workers. The results are the same.
  unsigned threads = 0;
  // --exclude-flagged: respondents flagged there are left out (keyed by their first id, or by
  // row number when the flags or the data have none); null: none are.
  const FlagJoin* exclude = nullptr;
  // Told the bytes read of the total (0: unknown) every 65,536 rows, for a progress bar; may be empty.
  std::function<void(std::uint64_t done, std::uint64_t total)> progress;
};

// Everything computed for one scale.
struct ScaleAnalysis {
  std::string name;
  std::vector<std::string> items;        // item labels (their column names), in key order
  std::vector<bool> reversed;
  AlphaResult alpha;
  KeyCheck keys;
  SplitHalfResult split_half;
  ResponseFrequencies frequencies;
  std::optional<BootstrapAlpha> bootstrap;
  // psych::omega(nfactors = 1)$omega.tot of the keyed items' pairwise correlations, with omega if
  // each item is dropped; omega_total NaN when the one-factor fit fails (omega_note says why).
  OmegaTotal omega;
  std::string omega_note;
  std::optional<BootstrapAlpha> omega_bootstrap;   // --ci bootstrap: from alpha's resamples
  std::optional<OrdinalReliability> ordinal;       // --cor poly: on the keyed items' polychoric rho
};

// The whole report.
struct AnalysisReport {
  std::string instrument;
  std::size_t rows = 0;
  std::vector<ScaleAnalysis> scales;
  std::vector<std::string> skipped;      // scales left out, with the reason
  std::optional<ScaleCorrelations> correlations;   // with two or more scales
  std::uint64_t invalid_cells = 0;
  std::string invalid_cells_summary;
  std::string range_warning;   // the answers never reached an end of the declared scale, or ""
  std::string empty_records;   // the records left out as every cell empty, or ""
  std::uint64_t excluded = 0;            // respondents --exclude-flagged left out
  std::string first_excluded;            // the first one's id
};

// Reads `source` (its first record is the header) and analyses every multi-item scale.
// Throws Errors for bad input or degenerate scales (an all-missing item, fewer than 2 usable items).
AnalysisReport run_analysis(const Instrument& instrument, RecordSource& source, const AnalysisOptions& options);

// Whether an item is weak: r.drop below .30, or alpha higher without it.
bool weak_item(const ScaleAnalysis& scale, std::size_t position);

// psych's keys for every scale with at least two items, as columns of the instrument's item
// row; the others are named in `skipped` with the reason.
std::vector<ScaleKey> scale_keys(const Instrument& instrument, const ResponseScale& scale,
                                 std::vector<std::string>& skipped);

}  // namespace attune

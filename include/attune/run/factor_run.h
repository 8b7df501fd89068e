// One `attune factor` run: read the responses once through the shared response reader,
// accumulating the pairwise-complete Pearson moments of every item (analyze's one-pass
// moments), then check sampling adequacy (KMO, Bartlett), extract and rotate factors as
// psych::fa does, fit them, and check that each item loads highest on its scale's factor.
// Memory is flat in the rows.
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
#include "attune/stats/dense_matrix.h"
#include "attune/stats/factor_extraction.h"
#include "attune/stats/factor_fit.h"
#include "attune/stats/factor_rotation.h"
#include "attune/stats/omega.h"
#include "attune/stats/parallel_analysis.h"
#include "attune/stats/polychoric.h"
#include "attune/stats/sampling_adequacy.h"

namespace attune {

// How to read the responses (every input option, as analyze reads them) and what to compute.
struct FactorOptions : ResponseOptions {
  std::size_t nfactors = 0;                       // 0: one factor per scale of the instrument
  FactorMethod method = FactorMethod::minres;     // --fm
  RotationMethod rotation = RotationMethod::oblimin;   // --rotate (psych::fa's default)
  bool polychoric = false;                        // --cor poly: psych::polychoric (tetrachoric for 2 categories)
  bool omega = false;                             // --omega: psych::omega with the same nfactors and fm
  // --parallel --iter N --seed S: psych::fa.parallel (resampling each item's answers when the
  // range has Likert codes). Not with polychoric correlations (the random data are Pearson's).
  std::optional<ParallelAnalysisOptions> parallel;
  // --exclude-flagged: respondents flagged there are left out; null: none are.
  const FlagJoin* exclude = nullptr;
  // Told the bytes read of the total (0: unknown) every 65,536 rows; may be empty.
  std::function<void(std::uint64_t done, std::uint64_t total)> progress;
};

// An item whose highest absolute loading is not on the factor matched to its scale.
struct ItemScaleMisfit {
  std::size_t item = 0;              // index into FactorReport::items
  std::string scale;                 // the scale it is keyed on
  std::size_t scale_factor = 0;      // the factor matched to that scale (0-based)
  std::size_t highest_factor = 0;    // where it loads highest in absolute value (0-based)
  double scale_loading = 0;          // its loading on scale_factor
  double highest_loading = 0;        // its loading on highest_factor
};

// The whole report, with psych's names in the comments.
struct FactorReport {
  std::string instrument;
  std::size_t rows = 0;                        // n.obs: respondents read
  std::vector<std::string> items;              // the items' column names, in the definition's order
  std::vector<std::string> item_scales;        // per item, the scales keying it ("anxiety", "a,b"), or ""
  std::string cor = "pearson";                 // psych's cor = : "pearson" or "poly"
  DenseMatrix correlations;                    // r: pairwise-complete Pearson (or polychoric)
  std::size_t min_pair_n = 0;                  // the fewest rows answering a pair of items
  DenseMatrix pair_counts;                     // np.obs: rows answering each pair (psych::pairwiseCount)
  std::optional<PolychoricResult> polychoric;  // with --cor poly: rho (= correlations), tau, ...
  SamplingAdequacy kmo;                        // psych::KMO
  BartlettTest bartlett;                       // psych::cortest.bartlett(r, n.obs)
  FactorMethod method = FactorMethod::minres;
  RotationMethod rotation = RotationMethod::oblimin;
  FactorExtraction extraction;                 // unrotated (values, e.values, h2, u2)
  RotatedLoadings rotated;                     // loadings and Phi after rotation and alignment
  std::vector<double> complexity;              // com: Hofmann's item complexity
  std::vector<double> ss_loadings;             // Vaccounted "SS loadings"
  FactorFit fit;                               // psych::fa's fit block
  std::vector<std::size_t> sorted;             // the items in fa.sort's order (print.psych sort = TRUE)
  // Scale alignment: the instrument's scales, per factor the scale matched to it ("" none), and
  // the misfits found (items of a scale with no factor are not checked).
  std::vector<std::string> scales;
  std::vector<std::string> factor_scales;
  std::vector<ItemScaleMisfit> misfits;
  std::optional<OmegaResult> omega;            // --omega: psych::omega (Schmid-Leiman)
  std::optional<ParallelAnalysis> parallel;    // --parallel: psych::fa.parallel
  ParallelAnalysisOptions parallel_options;    // as run (iterations, seed, quantile)
  std::uint64_t invalid_cells = 0;
  std::string invalid_cells_summary;
  std::string empty_records;                   // records left out as every cell empty, or ""
  std::uint64_t excluded = 0;                  // respondents --exclude-flagged left out
  std::string first_excluded;
  std::vector<std::string> warnings;           // said once each (a matrix not positive definite, ...)
};

// The most factors p items identify: the largest k with p (p - 1) / 2 - p k + k (k - 1) / 2 >= 0
// (psych::fa's degrees of freedom; the Ledermann bound), at least 1 when p >= 3.
std::size_t max_factors(std::size_t items);

// The factor count the instrument asks for by default: one per scale.
std::size_t default_factors(const Instrument& instrument);

// Reads `source` (its first record is the header) and factors the instrument's items.
// Throws a usage Error for more factors than the items identify, data Errors for bad input
// or a correlation matrix with a missing cell (a pair of items never answered together).
FactorReport run_factor(const Instrument& instrument, RecordSource& source, const FactorOptions& options);

// psych's name of a method ("minres", "ml", "pa") and of a rotation ("oblimin", "geominQ", ...).
std::string method_name(FactorMethod method);
std::string rotation_name(RotationMethod rotation);

}  // namespace attune

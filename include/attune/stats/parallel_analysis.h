// Parallel analysis (Horn 1965) as psych::fa.parallel: how many factors and components stand
// above what random data of the same size would give.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "attune/stats/dense_matrix.h"
#include "attune/stats/factor_extraction.h"

namespace attune {

// How each item's answers are distributed: counts[c] rows gave code c (LikertCoding codes,
// 0 = no answer). psych::fa.parallel resamples each column on its own, with replacement
// (sample(y, n, replace = TRUE)), so a resampled column is n independent draws from its
// answers' distribution: these counts are all resampling needs, not the rows themselves.
// (ContingencyTables::marginal or LikertMoments::code_counts give them.)
struct ItemAnswerCounts {
  std::vector<std::vector<std::uint64_t>> counts;   // [item][code 0 .. levels], levels 2 .. 15
};

// psych::fa.parallel's arguments (fa = "both", SMC = FALSE, sim = TRUE as its defaults).
struct ParallelAnalysisOptions {
  std::size_t iterations = 20;         // n.iter
  double quantile = 0.95;              // quant: the simulated values the observed must pass
  FactorMethod method = FactorMethod::minres;   // fm, of the one-factor fa giving "factor" values
  std::uint64_t seed = 1;              // the same seed gives the same bytes
  unsigned threads = 1;                // iterations shared among threads; results do not depend on it
};

// Eigenvalues per position (1 .. items), observed and random.
struct ParallelAnalysis {
  std::vector<double> pc_values;   // eigenvalues of the observed correlation matrix
  std::vector<double> fa_values;   // psych::fa(r, 1, fm)$values: of the one-factor reduced matrix
  std::vector<double> pc_sim, fa_sim;        // means over normal data of n_obs rows (Pearson)
  std::vector<double> pc_sim_quantile, fa_sim_quantile;     // their `quantile` (R type 7)
  std::vector<double> pc_simr, fa_simr;      // means over resampled data; empty without counts
  std::vector<double> pc_simr_quantile, fa_simr_quantile;
  // psych's nfact / ncomp: observed values before the first not above the simulated quantile;
  // nullopt (psych's NA) when every observed value is above it.
  std::optional<std::size_t> nfact, ncomp;
  // psych's $values: one row per iteration: [resampled C, F,] simulated C, F (items each).
  DenseMatrix values;
  std::size_t redraws = 0;   // resamples drawn again because a correlation was missing (psych's `bad`)
};

// psych::fa.parallel(x, fm, fa = "both", n.iter, SMC = FALSE, quant) from the observed
// correlation matrix and the number of rows (Pearson on normal data, as psych simulates), and,
// given each item's answer counts, resampled data too (Pearson, pairwise complete, as psych's
// default cor = "cor"). Without counts it is psych's fa.parallel(r, n.obs): simulated only.
// nfact and ncomp compare with the simulated quantiles, as psych 2.2.9 does. Random draws
// cannot equal R's: std::mt19937_64 seeded per iteration from `seed` (same seed, same bytes,
// whatever the threads). Throws a data Error for a non-square matrix or n_obs not a whole
// number >= 3 (and what extract_factors throws), a usage Error for 0 iterations.
ParallelAnalysis parallel_analysis(const DenseMatrix& correlations, double n_obs,
                                   const ParallelAnalysisOptions& options = {},
                                   const ItemAnswerCounts* answers = nullptr);

}  // namespace attune

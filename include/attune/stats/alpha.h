// Internal consistency of one keyed scale: the whole psych::alpha output.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "attune/stats/item_analysis_moments.h"

namespace attune {

// psych::alpha()$total (plus var.r, which psych returns as $var.r).
struct AlphaTotal {
  double raw_alpha = 0;     // "raw_alpha": Cronbach's alpha of the keyed covariance matrix
  double std_alpha = 0;     // "std.alpha": alpha of the correlation matrix
  double g6_smc = 0;        // "G6(smc)": Guttman's lambda 6
  double average_r = 0;     // "average_r": mean inter-item correlation
  double signal_noise = 0;  // "S/N": n r / (1 - r)
  double ase = 0;           // "ase": Duhachek & Iacobucci 2004 standard error of alpha
  double mean = 0;          // "mean": mean of the row scores (mean of answered keyed items)
  double sd = 0;            // "sd": sd of the row scores
  double median_r = 0;      // "median_r": median inter-item correlation
  double var_r = 0;         // "var.r": variance of the inter-item correlations (NA for 2 items)
};

// One row of psych::alpha()$alpha.drop: the scale's statistics without that item.
struct AlphaIfDropped {
  double raw_alpha = 0, std_alpha = 0, g6_smc = 0, average_r = 0, signal_noise = 0;
  double alpha_se = 0;  // "alpha se"; NA when the scale has 2 items or rows <= items (psych)
  double var_r = 0;     // "var.r"
  double median_r = 0;  // "med.r"
};

// One row of psych::alpha()$item.stats.
struct ItemStats {
  std::size_t n = 0;  // "n": rows answering the item
  double raw_r = 0;   // "raw.r": correlation of the item with the row score (pairwise)
  double std_r = 0;   // "std.r": item-total correlation from the correlation matrix
  double r_cor = 0;   // "r.cor": std.r corrected for item overlap (smc on the diagonal)
  double r_drop = 0;  // "r.drop": correlation with the sum of the other items (covariances)
  double mean = 0;    // "mean" of the keyed item
  double sd = 0;      // "sd"
};

// A confidence interval for alpha: lower, estimate, upper.
struct AlphaInterval {
  double lower = 0, alpha = 0, upper = 0;
};

// An item psych::alpha leaves out of the computation, with the reason (its statistics are NA).
struct ExcludedItem {
  std::size_t position = 0;  // index into the scale's items
  std::string reason;
};

// The result for one scale. alpha_drop and item_stats have one row per scale item, in key order;
// rows of excluded items are NA except n, mean and sd.
struct AlphaResult {
  AlphaTotal total;
  std::vector<AlphaIfDropped> alpha_drop;
  std::vector<ItemStats> item_stats;
  AlphaInterval feldt;     // print.psych "Feldt" row: psych::alpha.ci, 95%
  AlphaInterval duhachek;  // print.psych "Duhachek" row: raw_alpha -+ 1.96 ase
  std::vector<ExcludedItem> excluded;
};

// Statistics of a keyed covariance matrix alone (psych's internal alpha.1).
struct AlphaCore {
  double raw_alpha, std_alpha, g6_smc, average_r, signal_noise;
  double q;  // "Q": the Duhachek asymptotic variance times the row count
  double var_r, median_r;
};

// psych::alpha's inner alpha.1(C, cov2cor(C)) (Cronbach 1951; Guttman 1945; Duhachek 2004).
AlphaCore alpha_core(const DenseMatrix& keyed_covariance);

// psych::alpha(x) for the keyed item set described by `moments`. Items with zero variance (or a
// single answer) are excluded as psych does (reported in `excluded`); throws a data Error if an
// item has no answer at all, fewer than 2 items remain, or two items were never answered together.
// `item_labels` (one per item, may be empty) name items in errors.
AlphaResult alpha(const ScaleMoments& moments, const std::vector<std::string>& item_labels = {});

// psych::alpha.ci (Feldt, Woodruff & Salih 1987): the 1 - p interval for alpha of n_items on n_rows.
AlphaInterval feldt_interval(double alpha, std::size_t n_rows, std::size_t n_items, double p = 0.05);

}  // namespace attune

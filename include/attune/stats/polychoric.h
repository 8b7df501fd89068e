// Polychoric and tetrachoric correlations of Likert items from their pairwise contingency
// tables, summed one row at a time (memory flat in rows), as psych::polychoric and
// psych::tetrachoric compute them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "attune/stats/dense_matrix.h"

namespace attune {

// For every pair of items, how many rows gave each pair of answers, and for every item how
// many rows gave each answer. Answers are LikertCoding byte codes (responses/likert_coding.h):
// 1 .. levels an answer, 0 no answer. A pair counts a row only when both answered (pairwise
// complete). Memory: items^2 / 2 x (levels + 1)^2 counts, whatever the number of rows.
class ContingencyTables {
 public:
  // Tables for `items` columns coded 1 .. levels (2 .. 15). Throws a usage Error otherwise.
  ContingencyTables(std::size_t items, unsigned levels);

  // Adds one row: codes[0 .. items()), each 0 .. levels (a larger code throws a usage Error).
  void add_row(const std::uint8_t* codes);
  // Adds `count` rows stored one after another (row r at rows + r * items()).
  void add_rows(const std::uint8_t* rows, std::size_t count);
  // Adds the counts of `other` (same items and levels; else a usage Error): summing parts of
  // the data apart and merging equals summing all of it here.
  void merge(const ContingencyTables& other);

  std::size_t items() const { return items_; }
  unsigned levels() const { return levels_; }
  // Rows added so far (answered or not).
  std::uint64_t rows() const { return rows_; }
  // Rows answering item i with code a and item j with code b (i != j; a, b in 1 .. levels).
  std::uint64_t count(std::size_t i, std::size_t j, unsigned a, unsigned b) const;
  // Rows answering item i with code a (1 .. levels), whatever the other items.
  std::uint64_t marginal(std::size_t i, unsigned a) const;

 private:
  std::size_t pair_offset(std::size_t i, std::size_t j) const;   // i < j
  std::size_t items_;
  unsigned levels_;
  std::size_t stride_;                  // (levels + 1)^2 cells per pair, code 0 included
  std::uint64_t rows_ = 0;
  std::vector<std::uint64_t> pairs_;    // [pair i < j][code of i][code of j]
  std::vector<std::uint64_t> singles_;  // [item][code]
};

// How to estimate (psych::polychoric's arguments of the same names).
struct PolychoricOptions {
  double correct = 0.5;            // added to empty cells where psych adds it (see polychoric())
  bool smooth = true;              // psych::cor.smooth when the matrix is not positive definite
  unsigned max_categories = 8;     // psych's max.cat: more observed categories throw
  std::vector<std::string> item_names;   // for error messages (else "item 1", "item 2", ...)
};

// Correlations of latent normal variables behind the items, and the thresholds cutting them.
struct PolychoricResult {
  DenseMatrix rho;       // items x items; NaN where a pair has no row answering both
  DenseMatrix tau;       // items x (categories - 1): thresholds from each item's marginal
  unsigned categories = 0;     // observed categories (lowest to highest code any item gave)
  bool tetrachoric = false;    // two categories: psych::tetrachoric's estimate
  bool global = true;          // psych's global: each item's own thresholds serve every pair
  bool smoothed = false;       // cor.smooth changed the matrix (it was not positive definite)
  std::size_t corrected_pairs = 0;   // pairs whose empty cells got `correct` (psych's "fixed")
};

// psych::polychoric (global = TRUE, correct = 0.5, smooth = TRUE) on the tables; when the
// observed answers take two values, psych::tetrachoric instead. Codes are shifted so the lowest
// code any item gave is the first category (psych's xmin). Throws a data Error naming the item
// when an item has no variance (psych deletes it; say which to drop) or more than
// max_categories categories occur.
PolychoricResult polychoric(const ContingencyTables& tables, const PolychoricOptions& options = {});

// The warning psych::polychoric gives ("cells were adjusted for 0 values using the correction
// for continuity"), for `corrected` of `pairs` item pairs; "" when none was corrected.
std::string continuity_correction_warning(std::size_t corrected, std::size_t pairs, double correct);

// Probability that a standard bivariate normal pair with correlation r lies in the rectangle
// [lo1, hi1] x [lo2, hi2] (limits may be infinite), as mnormt::sadmvn gives it for two variables.
double bivariate_normal_rectangle(double lo1, double hi1, double lo2, double hi2, double r);

}  // namespace attune

// Scale scores for one respondent: reverse-keying, mean or sum over valid items, minimum
// valid items, computed scales. Stateless per row, so rows can be scored in any order.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "attune/instrument/instrument.h"
#include "attune/responses/likert_coding.h"
#include "attune/util/error.h"
#include "attune/util/indirect.h"

namespace attune {

struct IntegerSums;

// Thrown by a Scorer when a computed score whose terms are all present is not a finite number
// (a chain of weights that overflows, or inf - inf): written, it would be `inf` (invalid JSON)
// or empty (read as missing). The run names the row (non_finite_score_error).
class NonFiniteScore : public Error {
 public:
  NonFiniteScore(std::string score, double value);
  std::string score;
  double value;
};

struct ScoringOptions {
  std::optional<MinValid> min_valid;   // --min-valid: overrides every scale's own rule
};

// score() is the reference; score_whole() and score_codes() are its fast paths for rows read
// as whole numbers or Likert codes (src/scoring/integer_sums.cpp), which give the same bits.
class Scorer {
 public:
  // `scale` is the effective response scale (the instrument's, or --range's).
  Scorer(const Instrument& instrument, const ResponseScale& scale, ScoringOptions options = {});
  ~Scorer();
  Scorer(const Scorer&);
  Scorer(Scorer&&) noexcept;
  Scorer& operator=(const Scorer&);
  Scorer& operator=(Scorer&&) noexcept;

  // Score ids in output order: scales, then computed scales.
  const std::vector<std::string>& score_ids() const { return ids_; }
  std::size_t scale_count() const { return scales_.size(); }

  // Scores one respondent. `items`: one value per instrument item, NaN for missing;
  // `answered`: per item, whether the respondent really answered (false for imputed cells),
  // or empty when nothing was imputed. `out`: one value per score id, NaN when missing.
  // psych::scoreItems (totals=FALSE: mean of keyed items; totals=TRUE: sum).
  void score(std::span<const double> items, std::span<double> out,
             std::span<const std::uint8_t> answered = {}) const;

  // As score(), for items that are each NaN or a whole number below 2^20 in magnitude
  // (ResponseRow::whole): the sums are kept in integers, which equal the long double sums.
  void score_whole(std::span<const double> items, std::span<double> out) const;
  // The coding rows can be scored in (score_codes), when the response scale has one
  // (LikertCoding::of_range) and there are at most 4,080 items; else nullopt.
  const std::optional<LikertCoding>& coding() const { return coding_; }
  // Bytes a row of codes must have readable (the items, rounded up to 16).
  std::size_t code_room() const { return code_room_; }
  // As score_whole(), for a row of codes in coding() (ResponseParser::parse_line_codes),
  // code_room() bytes readable: the same sums, so the same scores.
  void score_codes(const std::uint8_t* codes, std::span<double> out) const;

 private:
  // A scale's keyed items and how they make its score.
  struct Plan {
    std::vector<std::uint32_t> items;
    std::vector<std::uint8_t> reversed;
    Scoring scoring;
    std::size_t min_valid;
  };
  struct Combination {
    std::vector<std::pair<std::size_t, double>> terms;   // index into out, weight
    bool mean_of_available = false;
    // When every term is a scale and every weight is whole_weights[t] / weight_unit (a power
    // of two), the score is summed as exact fractions: most[t] is term t's largest denominator
    // (a mean scale's item count, 1 for a sum).
    bool exact = false;
    std::vector<std::int64_t> whole_weights;
    std::int64_t weight_unit = 1;
    std::vector<std::size_t> most;
  };
  // The scale's sums (long double, as R's rowMeans), its used and really answered items, into
  // the score: mean, sum, or missing under min_valid.
  static double finish(const Plan& plan, long double sum, std::size_t used, std::size_t real);
  // Computed scores from the scales' in `out` (inline: most instruments have none, and the
  // call's frame would cost every row).
  void score_computed(std::span<double> out) const {
    if (!computed_.empty()) combine(out);
  }
  void combine(std::span<double> out) const;
  // Combination c's score as one correctly rounded division of exact integer sums, when the
  // term scores are fractions fraction_of() recovers; else nullopt (scorer.cpp).
  std::optional<double> exact_combination(const Combination& c, std::span<const double> out) const;
  // Fills c's exact plan (whole weights, denominators) from its terms and the scales.
  void plan_exact(Combination& c) const;
  // Plans score_whole() and score_codes() for `items` instrument items (integer_sums.cpp).
  void plan_integer_sums(std::size_t items);

  ResponseScale scale_;
  std::vector<Plan> scales_;
  std::vector<Combination> computed_;
  std::vector<std::string> ids_;
  std::optional<LikertCoding> coding_;
  std::size_t code_room_ = 0;
  Indirect<IntegerSums> sums_;   // per scale, the fast paths' plan (scoring/integer_sums.h)
};

}  // namespace attune

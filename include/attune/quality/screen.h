// Screening a whole sample for careless responding: two passes over the respondents (sample
// statistics, then each respondent's indices and flags). The `attune quality` command's core.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <vector>

#include "attune/instrument/instrument.h"
#include "attune/quality/attention.h"
#include "attune/quality/flags.h"
#include "attune/quality/mahalanobis.h"
#include "attune/quality/psychsyn.h"

namespace attune {

// What the CLI read, per respondent (all vectors have one entry per respondent, or are empty).
struct QualityInput {
  // Raw answers (NOT reverse-keyed) in the order of Instrument::items; NaN = missing.
  std::vector<std::vector<double>> items;
  // Values of the attention-check columns, in the order of `checks` (AttentionCheck::index
  // indexes this row); empty when the instrument declares no checks.
  std::vector<std::vector<double>> check_values;
  std::vector<AttentionCheck> checks;
  // Completion times from --duration COL; empty when not given; NaN = blank cell.
  std::vector<double> durations;
  // The order longstring reads the items in, as indices into Instrument::items (each once):
  // the order the respondent answered them. Empty: the order of Instrument::items.
  std::vector<std::size_t> longstring_order;
};

// Every respondent's indices and flags, plus what the summary needs.
struct QualityReport {
  std::vector<RespondentQuality> respondents;
  std::vector<QualityFlags> flags;
  QualitySummary summary;
  std::size_t synonym_pairs = 0, antonym_pairs = 0;  // item pairs found in the sample
  std::size_t even_odd_scales = 0;                   // multi-item scales used by even-odd
  std::string mahalanobis_problem;  // why the full covariance matrix is not invertible, or ""
};

// For even-odd: each multi-item scale's items as indices into Instrument::items, in ascending
// item number (taken as the administration order).
std::vector<std::vector<std::size_t>> even_odd_scales(const Instrument& instrument);

class PairwiseMoments;

// The second pass of screening, one respondent at a time: each respondent's indices from the
// sample statistics of the first pass (the moments of every respondent's raw answers), so a run
// that can read its input twice holds nothing per respondent.
class Screener {
 public:
  // `instrument` on the scale the answers were read on; `longstring_order` as in QualityInput.
  // Throws usage_error for an order that does not name each item once.
  Screener(const Instrument& instrument, const PairwiseMoments& sample, const QualityThresholds& thresholds,
           std::vector<std::size_t> longstring_order, std::vector<AttentionCheck> checks);
  // One respondent's indices: raw answers in the order of Instrument::items, the attention-check
  // values in the order of the checks (empty when none are declared), the completion time (NaN: none).
  RespondentQuality assess(std::span<const double> row, std::span<const double> check_values, double duration);
  // The report's sample-level fields (pairs found, even-odd scales, Mahalanobis problem); no respondents.
  QualityReport sample_report() const;
  const QualityThresholds& thresholds() const { return thresholds_; }

 private:
  // Even-odd's scales_used for `row` (answers as assess() takes them) without the half means:
  // what even_odd() counts, for an instrument with too few scales for a value.
  std::size_t scales_with_both_halves(std::span<const double> row) const;

  ResponseScale scale_;
  QualityThresholds thresholds_;
  std::vector<std::size_t> longstring_order_;
  std::vector<AttentionCheck> checks_;
  MahalanobisModel model_;
  MahalanobisCache mahalanobis_cache_;
  std::vector<ItemPair> synonyms_, antonyms_;
  std::vector<std::vector<KeyedItem>> keyed_scales_;
  std::vector<std::vector<std::size_t>> keyed_positions_;
  std::vector<double> keyed_, in_order_;   // scratch
};

// Computes all indices and flags. Even-odd uses the scales' keyed (reverse-scored) values;
// the other indices use the raw answers. Throws usage_error on rows of the wrong length.
QualityReport screen(const Instrument& instrument, const QualityInput& input,
                     const QualityThresholds& thresholds);

}  // namespace attune

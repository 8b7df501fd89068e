#include "attune/stats/item_analysis_moments.h"

#include <cmath>
#include <limits>

#include "attune/util/error.h"
#include "attune/util/sse2.h"

namespace attune {

ItemAnalysisMoments::ItemAnalysisMoments(std::size_t columns, std::vector<ScaleKey> scales)
    : columns_(columns),
      scales_(std::move(scales)),
      moments_(columns + scales_.size()),
      responses_(columns),
      extended_row_(columns + scales_.size()) {
  for (const ScaleKey& key : scales_) {
    validate_scale_key(key, columns_);
    centres_.push_back(std::round(static_cast<double>(key.items.size()) * (key.min + key.max) / 2));
    std::vector<KeyedTerm>& terms = terms_.emplace_back();
    for (std::size_t p = 0; p < key.items.size(); ++p) {
      terms.push_back(key.reversed[p] ? KeyedTerm{key.items[p], key.min + key.max, -1.0}
                                      : KeyedTerm{key.items[p], 0.0, 1.0});
    }
  }
}

void ItemAnalysisMoments::add_row(std::span<const double> row) {
  extend_row(row, extended_row_);
  moments_.add(extended_row_);
}

// psych::alpha "total" (cumulative = FALSE): rowMeans(keyed items, na.rm = TRUE), NaN if none.
void ItemAnalysisMoments::extend_row(std::span<const double> row, std::span<double> extended) {
  if (row.size() != columns_) throw usage_error("ItemAnalysisMoments: row has the wrong number of values");
  if (extended.size() != extended_size()) throw usage_error("ItemAnalysisMoments: extended row has the wrong size");
  std::size_t c = 0;
#if ATTUNE_SSE2
  // Two values at a time: when both are whole numbers that ResponseCounts keeps in `small`
  // (the usual row), they are counted there directly.
  const __m128d low = _mm_set1_pd(ResponseCounts::kSmallLow), high = _mm_set1_pd(ResponseCounts::kSmallHigh);
  for (; c + 2 <= columns_; c += 2) {
    const __m128d x = _mm_loadu_pd(row.data() + c);
    _mm_storeu_pd(extended.data() + c, x);
    const __m128i t = _mm_cvttpd_epi32(x);
    const __m128d small = _mm_and_pd(_mm_cmpeq_pd(_mm_cvtepi32_pd(t), x),
                                     _mm_and_pd(_mm_cmpge_pd(x, low), _mm_cmple_pd(x, high)));
    if (_mm_movemask_pd(small) == 3) {
      responses_[c].add_small(_mm_cvtsi128_si32(t));
      responses_[c + 1].add_small(_mm_cvtsi128_si32(_mm_shuffle_epi32(t, _MM_SHUFFLE(1, 1, 1, 1))));
    } else {
      responses_[c].add(row[c]);
      responses_[c + 1].add(row[c + 1]);
    }
  }
#endif
  for (; c < columns_; ++c) {
    extended[c] = row[c];
    responses_[c].add(row[c]);
  }
  for (std::size_t s = 0; s < scales_.size(); ++s) {
    double sum = 0;
    std::size_t answered = 0;
    for (const KeyedTerm& term : terms_[s]) {   // key.keyed(), without its branches
      const double x = row[term.column];
      const bool present = !std::isnan(x);
      sum += present ? term.offset + term.sign * x : 0.0;
      answered += present;
    }
    // The score k * mean - centre: for a row that answers all k items, the keyed sum less the
    // centre, a small whole number that the exact pair sums take (scale_moments() undoes it).
    const std::size_t k = terms_[s].size();
    double score = std::numeric_limits<double>::quiet_NaN();
    if (answered == k) score = sum - centres_[s];
    else if (answered) score = sum * static_cast<double>(k) / static_cast<double>(answered) - centres_[s];
    extended[columns_ + s] = score;
  }
}

void ItemAnalysisMoments::adopt_pair_moments(PairwiseMoments moments) {
  if (moments.variables() != extended_size()) throw usage_error("ItemAnalysisMoments: pair moments of the wrong size");
  moments_ = std::move(moments);
}

ScaleMoments ItemAnalysisMoments::scale_moments(std::size_t s) const {
  const ScaleKey& key = scales_.at(s);
  const std::size_t k = key.items.size();
  const std::size_t total = columns_ + s;
  ScaleMoments m;
  m.covariance = DenseMatrix(k, k);
  m.correlation = DenseMatrix(k, k);
  for (std::size_t a = 0; a < k; ++a) {
    const double sign_a = key.reversed[a] ? -1.0 : 1.0;
    for (std::size_t b = 0; b < k; ++b) {
      const double sign = sign_a * (key.reversed[b] ? -1.0 : 1.0);
      m.covariance(a, b) = sign * moments_.covariance(key.items[a], key.items[b]);
      m.correlation(a, b) = sign * moments_.correlation(key.items[a], key.items[b]);
    }
    const std::size_t c = key.items[a];
    m.item_n.push_back(moments_.n(c));
    const double mean = moments_.mean(c);
    m.item_mean.push_back(key.reversed[a] ? key.min + key.max - mean : mean);
    m.item_sd.push_back(moments_.sd(c));
    m.item_total_r.push_back(sign_a * moments_.correlation(total, c));
  }
  const double units = static_cast<double>(k);
  m.total_mean = (moments_.mean(total) + centres_[s]) / units;
  m.total_sd = moments_.sd(total) / units;
  m.rows = moments_.rows();
  return m;
}

ResponseFrequencies ItemAnalysisMoments::scale_response_frequencies(std::size_t s) const {
  std::vector<const ResponseCounts*> items;
  for (std::size_t c : scales_.at(s).items) items.push_back(&responses_[c]);
  return response_frequencies(items, rows());
}

DenseMatrix keyed_items(const DenseMatrix& data, const ScaleKey& key) {
  validate_scale_key(key, data.cols);
  DenseMatrix out(data.rows, key.items.size());
  for (std::size_t r = 0; r < data.rows; ++r)
    for (std::size_t p = 0; p < key.items.size(); ++p) out(r, p) = key.keyed(p, data(r, key.items[p]));
  return out;
}

}  // namespace attune

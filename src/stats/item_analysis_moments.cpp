#include "attune/stats/item_analysis_moments.h"

#include <cmath>
#include <limits>

#include "attune/util/error.h"
#include "stats/likert_moments.h"
#include "util/sse2.h"

namespace attune {

ItemAnalysisMoments::ItemAnalysisMoments(std::size_t columns, std::vector<ScaleKey> scales)
    : columns_(columns),
      scales_(std::move(scales)),
      moments_(columns + scales_.size()),
      responses_(columns),
      extended_row_(columns + scales_.size()),
      codes_row_(columns) {
  for (const ScaleKey& key : scales_) {
    validate_scale_key(key, columns_);
    centres_.push_back(std::round(static_cast<double>(key.items.size()) * (key.min + key.max) / 2));
    std::vector<KeyedTerm>& terms = terms_.emplace_back();
    for (std::size_t p = 0; p < key.items.size(); ++p) {
      terms.push_back(key.reversed[p] ? KeyedTerm{key.items[p], key.min + key.max, -1.0}
                                      : KeyedTerm{key.items[p], 0.0, 1.0});
    }
  }
  if (!scales_.empty() && LikertMoments::fits(columns_, scales_, scales_.front().min, scales_.front().max)) {
    likert_ = std::make_unique<LikertMoments>(columns_, scales_, scales_.front().min, scales_.front().max);
    coding_ = likert_->coding();
  }
}

ItemAnalysisMoments::~ItemAnalysisMoments() = default;
ItemAnalysisMoments::ItemAnalysisMoments(ItemAnalysisMoments&&) noexcept = default;
ItemAnalysisMoments& ItemAnalysisMoments::operator=(ItemAnalysisMoments&&) noexcept = default;

void ItemAnalysisMoments::add_row(std::span<const double> row) {
  if (encode(row, codes_row_.data())) {
    likert_->add(codes_row_.data(), 1);
    return;
  }
  extend_row(row, extended_row_);
  moments_.add(extended_row_);
}

bool ItemAnalysisMoments::encode(std::span<const double> row, std::uint8_t* codes) const {
  if (!likert_) return false;
  if (row.size() != columns_) throw usage_error("ItemAnalysisMoments: row has the wrong number of values");
  return coding_->encode(row, codes);
}

void ItemAnalysisMoments::add_codes(const std::uint8_t* rows, std::size_t count) {
  if (!likert_) throw usage_error("ItemAnalysisMoments: these scales take no codes");
  likert_->add(rows, count);
}

LikertMoments ItemAnalysisMoments::new_likert_moments() const {
  if (!likert_) throw usage_error("ItemAnalysisMoments: these scales take no codes");
  return LikertMoments(columns_, scales_, scales_.front().min, scales_.front().max);
}

void ItemAnalysisMoments::adopt_likert_moments(LikertMoments moments) {
  if (!likert_ || moments.columns() != columns_) throw usage_error("ItemAnalysisMoments: Likert sums of the wrong shape");
  *likert_ = std::move(moments);
}

std::size_t ItemAnalysisMoments::rows() const { return moments_.rows() + (likert_ ? likert_->rows() : 0); }

CoMoments ItemAnalysisMoments::item_moments(std::size_t i, std::size_t j) const {
  if (i >= columns_ || j >= columns_) throw usage_error("ItemAnalysisMoments: column out of range");
  // The Likert rows' exact sums join the general rows' exact part: the same doubles as every
  // row added to one PairwiseMoments.
  return likert_ ? moments_.moments(i, j, likert_->item_sums(i, j)) : moments_.moments(i, j);
}

std::size_t ItemAnalysisMoments::item_n(std::size_t c) const {
  return static_cast<std::size_t>(item_moments(c, c).n);
}

double ItemAnalysisMoments::item_sd(std::size_t c) const { return co_moments::sd(item_moments(c, c)); }

double ItemAnalysisMoments::item_covariance(std::size_t i, std::size_t j) const {
  return co_moments::covariance(item_moments(i, j), i == j);
}

ResponseCounts ItemAnalysisMoments::responses(std::size_t c) const {
  ResponseCounts counts = responses_.at(c);
  if (!likert_) return counts;
  const std::vector<std::uint64_t> codes = likert_->code_counts(c);
  counts.missing += codes[0];
  for (std::size_t v = 1; v < codes.size(); ++v) {
    if (codes[v] == 0) continue;
    const double x = coding_->answer(static_cast<unsigned>(v));
    if (x >= ResponseCounts::kSmallLow && x <= ResponseCounts::kSmallHigh)
      counts.small[static_cast<std::size_t>(static_cast<int>(x) - ResponseCounts::kSmallLow)] += codes[v];
    else
      counts.other[x] += codes[v];
  }
  return counts;
}

// The general column is k * total - centre: total = (column + centre) / k.
CoMoments ItemAnalysisMoments::general_total(std::size_t s, std::size_t c) const {
  const std::size_t column = columns_ + s;
  CoMoments m = moments_.moments(column, c);
  if (m.n == 0) return m;
  const long double k = static_cast<long double>(scales_[s].items.size());
  m.mean_i = (m.mean_i + centres_[s]) / k;
  m.ss_i /= k * k;
  m.cross /= c == column ? k * k : k;
  if (c == column) {
    m.mean_j = m.mean_i;
    m.ss_j = m.ss_i;
  }
  return m;
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
  ScaleMoments m;
  m.covariance = DenseMatrix(k, k);
  m.correlation = DenseMatrix(k, k);
  for (std::size_t a = 0; a < k; ++a) {
    const double sign_a = key.reversed[a] ? -1.0 : 1.0;
    for (std::size_t b = 0; b < k; ++b) {
      const double sign = sign_a * (key.reversed[b] ? -1.0 : 1.0);
      const CoMoments pair = item_moments(key.items[a], key.items[b]);
      m.covariance(a, b) = sign * co_moments::covariance(pair, a == b);
      m.correlation(a, b) = sign * co_moments::correlation(pair, a == b);
    }
    const CoMoments item = item_moments(key.items[a], key.items[a]);
    m.item_n.push_back(static_cast<std::size_t>(item.n));
    const double mean = co_moments::mean(item);
    m.item_mean.push_back(key.reversed[a] ? key.min + key.max - mean : mean);
    m.item_sd.push_back(co_moments::sd(item));
    CoMoments with_total = general_total(s, key.items[a]);
    if (likert_) with_total = combine(likert_->total_with_item(s, a), with_total);
    m.item_total_r.push_back(sign_a * co_moments::correlation(with_total, false));
  }
  CoMoments total = general_total(s, columns_ + s);
  if (likert_) total = combine(likert_->total(s), total);
  m.total_mean = co_moments::mean(total);
  m.total_sd = co_moments::sd(total);
  m.rows = rows();
  return m;
}

ResponseFrequencies ItemAnalysisMoments::scale_response_frequencies(std::size_t s) const {
  std::vector<const ResponseCounts*> items;
  std::vector<ResponseCounts> counts;
  for (std::size_t c : scales_.at(s).items) counts.push_back(responses(c));
  for (const ResponseCounts& c : counts) items.push_back(&c);
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

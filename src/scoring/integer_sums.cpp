// Scorer's integer fast paths: rows whose items are whole numbers (score_whole) or Likert codes
// (score_codes) summed in integers, which equal score()'s long double sums, so the scores are
// the same bits.
#include <algorithm>
#include <cmath>

#include "attune/scoring/scorer.h"
#include "scoring/integer_sums.h"
#include "util/small_whole.h"
#include "util/sse2.h"

namespace attune {

void Scorer::plan_integer_sums(std::size_t items) {
  sums_->whole_flip = small_whole(scale_.min + scale_.max);
  // (At most 255 chunks of 16 items: score_codes counts a scale's answers bytewise per chunk.)
  if (items <= 255 * 16) coding_ = LikertCoding::of_range(scale_.min, scale_.max);
  if (coding_) code_room_ = (items + 15) / 16 * 16;
  for (const Plan& plan : scales_) {
    IntegerSums::Scale sums;
    sums.items = plan.items.size();
    sums.consecutive = true;
    for (std::size_t k = 0; k < plan.items.size(); ++k) {
      sums.consecutive = sums.consecutive && plan.items[k] == plan.items[0] + k;
      sums.offsets.push_back(plan.reversed[k] ? scale_.min + scale_.max : 0.0);
      sums.signs.push_back(plan.reversed[k] ? -1.0 : 1.0);
    }
    for (std::size_t k = 0; k < plan.items.size(); ++k) {
      const std::size_t at = plan.items[k] / 16 * 16;
      auto chunk = std::find_if(sums.chunks.begin(), sums.chunks.end(),
                                [at](const IntegerSums::Scale::Chunk& c) { return c.at == at; });
      if (chunk == sums.chunks.end()) chunk = sums.chunks.insert(sums.chunks.end(), IntegerSums::Scale::Chunk{at, {}, {}});
      // (Two statements, not a conditional over the two arrays: GCC 12 with UBSan wrote
      // such an element one byte off.)
      std::uint8_t* mask = plan.reversed[k] ? chunk->reversed : chunk->plain;
      mask[plan.items[k] % 16] = 0xFF;
    }
    if (coding_) {
      const std::size_t k = plan.items.size();
      for (std::size_t missing = 0; missing < 2 && missing < k; ++missing) {
        const std::size_t answered = k - missing;
        for (std::size_t keyed = answered; keyed <= answered * coding_->levels; ++keyed) {
          const auto sum = static_cast<std::int64_t>(keyed) + static_cast<std::int64_t>(answered) * coding_->base;
          sums.code_scores[missing].push_back(finish(plan, static_cast<long double>(sum), answered, answered));
        }
      }
    }
    sums_->scales.push_back(std::move(sums));
  }
}

namespace {

// The keyed sum of n consecutive items x (each NaN or a whole number below 2^20 in
// magnitude), each taken as offset + sign * x, in doubles: every term and partial sum is a
// whole number below 2^53, so the sum is exact and equals keyed_sum's in any order.
double consecutive_keyed_sum(const double* x, const double* offset, const double* sign, std::size_t n,
                             std::size_t& used) {
  double sum = 0, count = 0;
  std::size_t k = 0;
#if ATTUNE_SSE2
  __m128d sums = _mm_setzero_pd(), counts = _mm_setzero_pd();
  const __m128d one = _mm_set1_pd(1.0);
  for (; k + 2 <= n; k += 2) {
    const __m128d v = _mm_loadu_pd(x + k);
    const __m128d present = _mm_cmpeq_pd(v, v);   // false for NaN
    const __m128d keyed = _mm_add_pd(_mm_loadu_pd(offset + k), _mm_mul_pd(_mm_loadu_pd(sign + k), v));
    sums = _mm_add_pd(sums, _mm_and_pd(present, keyed));
    counts = _mm_add_pd(counts, _mm_and_pd(present, one));
  }
  sum = _mm_cvtsd_f64(sums) + _mm_cvtsd_f64(_mm_unpackhi_pd(sums, sums));
  count = _mm_cvtsd_f64(counts) + _mm_cvtsd_f64(_mm_unpackhi_pd(counts, counts));
#endif
  for (; k < n; ++k) {
    if (std::isnan(x[k])) continue;
    sum += offset[k] + sign[k] * x[k];
    ++count;
  }
  used += static_cast<std::size_t>(count);
  return sum;
}

}  // namespace

// The same sums as score()'s: whole numbers below 2^20, fewer than 2^31 of them, add up
// exactly in 64 bits, and so does the long double accumulator; only the carried dependency
// is shorter (an integer add instead of an x87 one).
void Scorer::score_whole(std::span<const double> items, std::span<double> out) const {
  if (!sums_->whole_flip) {
    score(items, out);
    return;
  }
  const auto flip = static_cast<std::int64_t>(scale_.min + scale_.max);
  for (std::size_t s = 0; s < scales_.size(); ++s) {
    const Plan& plan = scales_[s];
    const IntegerSums::Scale& sums = sums_->scales[s];
    std::size_t used = 0;
    if (sums.consecutive && !plan.items.empty()) {
      const double sum = consecutive_keyed_sum(items.data() + plan.items[0], sums.offsets.data(), sums.signs.data(),
                                               plan.items.size(), used);
      out[s] = finish(plan, static_cast<long double>(sum), used, used);
      continue;
    }
    const std::int64_t sum = keyed_sum<std::int64_t>(plan.items, plan.reversed, items, flip, used);
    out[s] = finish(plan, static_cast<long double>(sum), used, used);
  }
  score_computed(out);
}

// The keyed sum of a scale from codes u (0 missing): each answered item is base + u', u' being
// u as it is or, reversed, levels + 1 - u (min + max - x); so the sum is the sum of the u' plus
// base per answered item: sixteen codes at a time, masked to the scale's items.
void Scorer::score_codes(const std::uint8_t* codes, std::span<double> out) const {
  const auto flip = static_cast<std::uint8_t>(coding_->levels + 1);
  const std::int64_t base = coding_->base;
  const IntegerSums::Scale* all = sums_->scales.data();   // scales_[s] only to finish a rare row
  for (std::size_t s = 0; s < scales_.size(); ++s) {
    const IntegerSums::Scale& sums = all[s];
    std::int64_t keyed = 0;
    std::size_t used = 0;
#if ATTUNE_SSE2
    // Per chunk the keyed codes of the scale's answered items (0 elsewhere) summed by psadbw
    // into two 64-bit lanes, and a 1 per answered item added bytewise; both totalled once.
    __m128i totals = _mm_setzero_si128(), counts = _mm_setzero_si128();
    const __m128i zero = _mm_setzero_si128(), one = _mm_set1_epi8(1), flips = _mm_set1_epi8(static_cast<char>(flip));
    for (const IntegerSums::Scale::Chunk& chunk : sums.chunks) {
      const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(codes + chunk.at));
      const __m128i plain = _mm_loadu_si128(reinterpret_cast<const __m128i*>(chunk.plain));
      const __m128i reversed = _mm_loadu_si128(reinterpret_cast<const __m128i*>(chunk.reversed));
      const __m128i answered = _mm_andnot_si128(_mm_cmpeq_epi8(x, zero), _mm_or_si128(plain, reversed));
      const __m128i flipped = _mm_and_si128(_mm_and_si128(answered, reversed), _mm_sub_epi8(flips, x));
      totals = _mm_add_epi64(totals, _mm_sad_epu8(_mm_or_si128(_mm_and_si128(x, plain), flipped), zero));
      counts = _mm_add_epi8(counts, _mm_and_si128(answered, one));   // at most one per chunk and byte
    }
    counts = _mm_sad_epu8(counts, zero);
    keyed = _mm_cvtsi128_si64(totals) + _mm_cvtsi128_si64(_mm_unpackhi_epi64(totals, totals));
    used = static_cast<std::size_t>(_mm_cvtsi128_si64(counts) + _mm_cvtsi128_si64(_mm_unpackhi_epi64(counts, counts)));
#else
    for (const IntegerSums::Scale::Chunk& chunk : sums.chunks) {
      const std::uint8_t* u = codes + chunk.at;
      for (std::size_t b = 0; b < 16; ++b) {
        if (u[b] == 0) continue;
        if (chunk.plain[b]) keyed += u[b], ++used;
        if (chunk.reversed[b]) keyed += flip - u[b], ++used;
      }
    }
#endif
    const std::size_t missing = sums.items - used;
    if (missing < 2 && used > 0) {   // looked up: no long double division on the row's path
      out[s] = sums.code_scores[missing][static_cast<std::size_t>(keyed) - used];
      continue;
    }
    const std::int64_t sum = keyed + static_cast<std::int64_t>(used) * base;
    out[s] = finish(scales_[s], static_cast<long double>(sum), used, used);
  }
  score_computed(out);
}

}  // namespace attune

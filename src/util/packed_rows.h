// Rows of doubles packed one byte per small whole value, for handing between threads.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <span>
#include <vector>

#include "util/sse2.h"

namespace attune {

// PackedRows' codes: -128 NaN, -127 a wide value, others the whole number itself.
namespace packed_codes {
constexpr std::int8_t kMissing = -128, kWide = -127, kLowest = -126, kHighest = 127;
// The double of each code, indexed by the code's byte (NaN for kMissing and kWide).
struct Values {
  double of[256];
  constexpr Values() : of() {
    for (int b = 0; b < 256; ++b) of[b] = b < 128 ? b : b - 256;
    of[static_cast<std::uint8_t>(kMissing)] = std::numeric_limits<double>::quiet_NaN();
    of[static_cast<std::uint8_t>(kWide)] = std::numeric_limits<double>::quiet_NaN();
  }
};
inline constexpr Values kPackedValues{};
}  // namespace packed_codes

// Rows of a fixed number of doubles, stored as one signed byte per value where the value is a
// whole number in [-126, 127] (not -0), -128 for NaN, and -127 for "the next value of `wide`",
// which holds every other value exactly. Unpacking gives back the same doubles, bit for bit
// (any NaN comes back as the quiet NaN). A row of Likert answers takes one byte per value instead of eight,
// which is what crosses between cores.
class PackedRows {
 public:
  // Appends one row.
  void add(std::span<const double> row) {
    const std::size_t at = codes_.size();
    codes_.resize(at + row.size());
    std::int8_t* code = codes_.data() + at;
    std::size_t c = 0;
#if ATTUNE_SSE2
    // Four values at a time when all four are whole numbers in range (the usual row).
    const __m128d lowest = _mm_set1_pd(kLowest), highest = _mm_set1_pd(kHighest);
    for (; c + 4 <= row.size(); c += 4, code += 4) {
      const __m128d x0 = _mm_loadu_pd(row.data() + c), x1 = _mm_loadu_pd(row.data() + c + 2);
      const __m128i t0 = _mm_cvttpd_epi32(x0), t1 = _mm_cvttpd_epi32(x1);
      if ((codable(x0, t0, lowest, highest) & codable(x1, t1, lowest, highest)) != 3) {
        for (std::size_t e = 0; e < 4; ++e) code[e] = pack_one(row[c + e]);
        continue;
      }
      const __m128i words = _mm_packs_epi32(_mm_unpacklo_epi64(t0, t1), _mm_setzero_si128());
      const std::int32_t four = _mm_cvtsi128_si32(_mm_packs_epi16(words, words));
      std::memcpy(code, &four, sizeof four);
    }
#endif
    for (; c < row.size(); ++c) *code++ = pack_one(row[c]);
    ++rows_;
  }
  // Calls f(row) for each row in order, `row` being a span of `width` doubles (valid during the call).
  template <typename F>
  void for_each(std::size_t width, std::vector<double>& scratch, F f) const {
    scratch.resize(width);
    double* out = scratch.data();
    const double* wide = wide_.data();
    const std::int8_t* code = codes_.data();
    for (std::size_t r = 0; r < rows_; ++r) {
      std::size_t c = 0;
#if ATTUNE_SSE2
      // Eight codes at a time when none is missing or wide (the usual row).
      for (; c + 8 <= width; c += 8, code += 8) {
        std::int64_t eight;
        std::memcpy(&eight, code, sizeof eight);
        const __m128i bytes = _mm_cvtsi64_si128(eight);
        if ((_mm_movemask_epi8(_mm_cmpgt_epi8(bytes, _mm_set1_epi8(kWide))) & 0xff) != 0xff) break;
        const __m128i words = _mm_unpacklo_epi8(bytes, _mm_cmpgt_epi8(_mm_setzero_si128(), bytes));
        const __m128i sign = _mm_srai_epi16(words, 15);
        const __m128i low = _mm_unpacklo_epi16(words, sign), high = _mm_unpackhi_epi16(words, sign);
        _mm_storeu_pd(out + c, _mm_cvtepi32_pd(low));
        _mm_storeu_pd(out + c + 2, _mm_cvtepi32_pd(_mm_unpackhi_epi64(low, low)));
        _mm_storeu_pd(out + c + 4, _mm_cvtepi32_pd(high));
        _mm_storeu_pd(out + c + 6, _mm_cvtepi32_pd(_mm_unpackhi_epi64(high, high)));
      }
#endif
      for (; c < width; ++c, ++code) {
        const std::int8_t v = *code;
        out[c] = packed_codes::kPackedValues.of[static_cast<std::uint8_t>(v)];
        if (v == kWide) out[c] = *wide++;
      }
      f(std::span<const double>(out, width));
    }
  }
  std::size_t rows() const { return rows_; }
  void clear() {
    codes_.clear();
    wide_.clear();
    rows_ = 0;
  }

 private:
  // The code of x, keeping it in `wide` when it has none of its own.
  std::int8_t pack_one(double x) {
    // A whole number in range that is not -0 (its code is its value), else NaN or wide.
    const bool in_range = x >= kLowest && x <= kHighest;   // false for NaN
    const auto v = static_cast<std::int8_t>(in_range ? x : 0);
    if (in_range && static_cast<double>(v) == x && (v != 0 || !std::signbit(x))) return v;
    if (std::isnan(x)) return kMissing;
    wide_.push_back(x);
    return kWide;
  }
#if ATTUNE_SSE2
  // Bit 0 and 1: whether x's two values are their own codes: t (x truncated) converted back has
  // the same bits (not NaN, -0 or a fraction) and lies in [lowest, highest].
  static int codable(__m128d x, __m128i t, __m128d lowest, __m128d highest) {
    const __m128i same = _mm_cmpeq_epi32(_mm_castpd_si128(_mm_cvtepi32_pd(t)), _mm_castpd_si128(x));
    const __m128i both_halves = _mm_and_si128(same, _mm_shuffle_epi32(same, _MM_SHUFFLE(2, 3, 0, 1)));
    const __m128d in_range = _mm_and_pd(_mm_cmpge_pd(x, lowest), _mm_cmple_pd(x, highest));
    return _mm_movemask_pd(_mm_and_pd(_mm_castsi128_pd(both_halves), in_range));
  }
#endif

  static constexpr std::int8_t kMissing = packed_codes::kMissing, kWide = packed_codes::kWide,
                               kLowest = packed_codes::kLowest, kHighest = packed_codes::kHighest;

  std::vector<std::int8_t> codes_;
  std::vector<double> wide_;
  std::size_t rows_ = 0;
};

}  // namespace attune

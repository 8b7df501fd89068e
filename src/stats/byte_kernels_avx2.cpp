// The AVX2 kernels: 32 rows of one column per register; vpmaddubsw multiplies the codes and
// adds neighbouring rows' products. Only this file's functions use AVX2 (each carries the
// target attribute, and nothing inline from a header is compiled here for AVX2), so the
// program runs on any x86-64 and takes these only where simd_supported(avx2).
#include "stats/byte_kernels.h"

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>

#define ATTUNE_AVX2 __attribute__((target("avx2")))

namespace attune::byte_kernels {

namespace {

// Sixteen rows of sixteen bytes transposed in registers: four rounds of interleaving register
// i with register i + 8 (each round rotates the bits of (register, byte) by one place).
ATTUNE_AVX2 inline void transpose16(__m128i* x) {
  for (int round = 0; round < 4; ++round) {
    __m128i y[16];
    for (int i = 0; i < 8; ++i) {
      y[2 * i] = _mm_unpacklo_epi8(x[i], x[i + 8]);
      y[2 * i + 1] = _mm_unpackhi_epi8(x[i], x[i + 8]);
    }
    for (int i = 0; i < 16; ++i) x[i] = y[i];
  }
}

ATTUNE_AVX2 void transpose(const std::uint8_t* rows, std::size_t stride, std::size_t count,
                           std::size_t padded_columns, std::uint8_t* block) {
  for (std::size_t r0 = 0; r0 < kRows; r0 += 16) {
    for (std::size_t c0 = 0; c0 < padded_columns; c0 += 16) {
      __m128i x[16];
      for (std::size_t i = 0; i < 16; ++i)
        x[i] = r0 + i < count ? _mm_loadu_si128(reinterpret_cast<const __m128i*>(rows + (r0 + i) * stride + c0))
                              : _mm_setzero_si128();
      transpose16(x);
      for (std::size_t i = 0; i < 16; ++i)
        _mm_store_si128(reinterpret_cast<__m128i*>(block + (c0 + i) * kRows + r0), x[i]);
    }
  }
}

// The sum of the eight 32-bit lanes.
ATTUNE_AVX2 inline std::int64_t lanes(__m256i v) {
  const __m128i four = _mm_add_epi32(_mm256_castsi256_si128(v), _mm256_extracti128_si256(v, 1));
  const __m128i two = _mm_add_epi32(four, _mm_shuffle_epi32(four, _MM_SHUFFLE(1, 0, 3, 2)));
  return _mm_cvtsi128_si32(_mm_add_epi32(two, _mm_shuffle_epi32(two, _MM_SHUFFLE(2, 3, 0, 1))));
}

// The sum of the four 64-bit lanes.
ATTUNE_AVX2 inline std::uint64_t lanes64(__m256i v) {
  const __m128i two = _mm_add_epi64(_mm256_castsi256_si128(v), _mm256_extracti128_si256(v, 1));
  return static_cast<std::uint64_t>(_mm_cvtsi128_si64(two) + _mm_extract_epi64(two, 1));
}

ATTUNE_AVX2 void histograms(const std::uint8_t* block, std::size_t columns, unsigned top, std::uint64_t* counts) {
  const __m256i zero = _mm256_setzero_si256();
  for (std::size_t c = 0; c < columns; ++c) {
    const std::uint8_t* column = block + c * kRows;
    for (unsigned v = 0; v <= top; ++v) {
      // Byte counters take 0xFF (-1) per match: 32 chunks stay below 256.
      const __m256i value = _mm256_set1_epi8(static_cast<char>(v));
      __m256i tally = zero;
      for (std::size_t r = 0; r < kRows; r += 32) {
        const __m256i x = _mm256_load_si256(reinterpret_cast<const __m256i*>(column + r));
        tally = _mm256_sub_epi8(tally, _mm256_cmpeq_epi8(x, value));
      }
      counts[c * 16 + v] += lanes64(_mm256_sad_epu8(tally, zero));
    }
  }
}

// Pair (i, j)'s place in the upper triangle of `columns` columns.
inline std::size_t pair_index(std::size_t i, std::size_t j, std::size_t columns) {
  return i * columns - i * (i - 1) / 2 + (j - i);
}

ATTUNE_AVX2 void pair_products(const std::uint8_t* block, std::size_t columns, std::int64_t* sums) {
  const __m256i ones = _mm256_set1_epi16(1);
  // Tiles of four columns by two: eight sums in 16-bit lanes (each gains at most 2 * 15 * 15
  // per chunk, 14,400 over the 32 chunks), widened once per tile.
  for (std::size_t i0 = 0; i0 < columns; i0 += 4) {
    const std::uint8_t* a = block + i0 * kRows;
    for (std::size_t j0 = i0; j0 < columns; j0 += 2) {
      const std::uint8_t* b = block + j0 * kRows;
      __m256i acc[4][2];
      for (auto& row : acc) row[0] = row[1] = _mm256_setzero_si256();
      for (std::size_t r = 0; r < kRows; r += 32) {
        __m256i x[4], y[2];
        for (std::size_t t = 0; t < 4; ++t) x[t] = _mm256_load_si256(reinterpret_cast<const __m256i*>(a + t * kRows + r));
        for (std::size_t t = 0; t < 2; ++t) y[t] = _mm256_load_si256(reinterpret_cast<const __m256i*>(b + t * kRows + r));
        for (std::size_t s = 0; s < 4; ++s)
          for (std::size_t t = 0; t < 2; ++t) acc[s][t] = _mm256_add_epi16(acc[s][t], _mm256_maddubs_epi16(x[s], y[t]));
      }
      for (std::size_t s = 0; s < 4; ++s)
        for (std::size_t t = 0; t < 2; ++t) {
          const std::size_t i = i0 + s, j = j0 + t;
          if (i <= j && j < columns) sums[pair_index(i, j, columns)] += lanes(_mm256_madd_epi16(acc[s][t], ones));
        }
    }
  }
}

// Which classes occur among the rows (bit c of word c / 64).
inline void classes_present(const ClassedRows& rows, std::uint64_t* present) {
  for (std::size_t r = 0; r < kRows; ++r) {
    const std::uint8_t c = rows.classes[r];
    if (c != kNoClass) present[c >> 6] |= std::uint64_t{1} << (c & 63);
  }
}

ATTUNE_AVX2 void class_sums(const std::uint8_t* block, const std::uint32_t* columns, std::size_t count,
                            const ClassedRows& rows, std::int64_t* item_sums, std::int64_t* class_sums) {
  std::uint64_t present[4] = {};
  classes_present(rows, present);
  alignas(32) std::uint8_t in_class[kRows], size[kRows];
  alignas(32) std::int8_t deviation[kRows];
  const __m256i ones16 = _mm256_set1_epi16(1), one8 = _mm256_set1_epi8(1), zero = _mm256_setzero_si256();
  for (std::size_t c = 0; c < rows.count && c < 255; ++c) {
    if (!(present[c >> 6] >> (c & 63) & 1)) continue;
    // The class's rows: a 0xFF mask, the deviation there (0 elsewhere) and its size |d|.
    const __m256i label = _mm256_set1_epi8(static_cast<char>(c));
    __m256i n = zero, sum_d = zero, sum_dd = zero;
    for (std::size_t r = 0; r < kRows; r += 32) {
      const __m256i mask =
          _mm256_cmpeq_epi8(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(rows.classes + r)), label);
      const __m256i d =
          _mm256_and_si256(mask, _mm256_loadu_si256(reinterpret_cast<const __m256i*>(rows.deviations + r)));
      const __m256i magnitude = _mm256_abs_epi8(d);
      _mm256_store_si256(reinterpret_cast<__m256i*>(in_class + r), mask);
      _mm256_store_si256(reinterpret_cast<__m256i*>(deviation + r), d);
      _mm256_store_si256(reinterpret_cast<__m256i*>(size + r), magnitude);
      n = _mm256_add_epi32(n, _mm256_madd_epi16(_mm256_maddubs_epi16(_mm256_and_si256(mask, one8), one8), ones16));
      sum_d = _mm256_add_epi32(sum_d, _mm256_madd_epi16(_mm256_maddubs_epi16(one8, d), ones16));
      sum_dd = _mm256_add_epi32(sum_dd, _mm256_madd_epi16(_mm256_maddubs_epi16(magnitude, magnitude), ones16));
    }
    std::int64_t* totals = class_sums + c * kClassFields;
    totals[0] += lanes(n);
    totals[1] += lanes(sum_d);
    totals[2] += lanes(sum_dd);
    for (std::size_t t = 0; t < count; ++t) {
      const std::uint8_t* column = block + columns[t] * kRows;
      __m256i acc[kItemFields];
      for (auto& a : acc) a = zero;
      for (std::size_t r = 0; r < kRows; r += 32) {
        const __m256i u = _mm256_load_si256(reinterpret_cast<const __m256i*>(column + r));
        const __m256i mask = _mm256_load_si256(reinterpret_cast<const __m256i*>(in_class + r));
        const __m256i d = _mm256_load_si256(reinterpret_cast<const __m256i*>(deviation + r));
        const __m256i magnitude = _mm256_load_si256(reinterpret_cast<const __m256i*>(size + r));
        const __m256i p = _mm256_min_epu8(u, one8);
        const __m256i answered_size = _mm256_andnot_si256(_mm256_cmpeq_epi8(u, zero), magnitude);
        const __m256i u_in_class = _mm256_and_si256(u, mask);
        const __m256i one_in_class = _mm256_and_si256(mask, one8);
        const __m256i products[kItemFields] = {
            _mm256_maddubs_epi16(u, d),                       // d u
            _mm256_maddubs_epi16(p, d),                       // d p
            _mm256_maddubs_epi16(answered_size, magnitude),   // d^2 p
            _mm256_maddubs_epi16(p, one_in_class),            // p
            _mm256_maddubs_epi16(u, one_in_class),            // u
            _mm256_maddubs_epi16(u_in_class, u),              // u^2
        };
        for (std::size_t f = 0; f < kItemFields; ++f)
          acc[f] = _mm256_add_epi32(acc[f], _mm256_madd_epi16(products[f], ones16));
      }
      std::int64_t* sums = item_sums + (c * count + t) * kItemFields;
      for (std::size_t f = 0; f < kItemFields; ++f) sums[f] += lanes(acc[f]);
    }
  }
}

}  // namespace

const Kernels& avx2_kernels() {
  static const Kernels table{transpose, histograms, pair_products, class_sums};
  return table;
}

}  // namespace attune::byte_kernels

#else

namespace attune::byte_kernels {
const Kernels& avx2_kernels() { return plain_kernels(); }
}  // namespace attune::byte_kernels

#endif

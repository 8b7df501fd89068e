// The AVX-512 kernels: 64 rows of one column per register; vpdpbusd (VNNI) multiplies the
// codes of four neighbouring rows and adds them into 32-bit lanes in one instruction. As in
// the AVX2 file, only the functions here carry the target, and they run only where
// simd_supported(avx512).
#include "stats/byte_kernels.h"

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>

#define ATTUNE_AVX512 __attribute__((target("avx512f,avx512bw,avx512vnni")))

namespace attune::byte_kernels {

namespace {

ATTUNE_AVX512 inline std::int64_t lanes(__m512i v) { return _mm512_reduce_add_epi32(v); }

ATTUNE_AVX512 void histograms(const std::uint8_t* block, std::size_t columns, unsigned top, std::uint64_t* counts) {
  const __m512i one = _mm512_set1_epi8(1), zero = _mm512_setzero_si512();
  for (std::size_t c = 0; c < columns; ++c) {
    const std::uint8_t* column = block + c * kRows;
    for (unsigned v = 0; v <= top; ++v) {
      // Byte counters: 16 chunks stay below 256.
      const __m512i value = _mm512_set1_epi8(static_cast<char>(v));
      __m512i tally = zero;
      for (std::size_t r = 0; r < kRows; r += 64) {
        const __m512i x = _mm512_load_si512(column + r);
        tally = _mm512_mask_add_epi8(tally, _mm512_cmpeq_epi8_mask(x, value), tally, one);
      }
      counts[c * 16 + v] += static_cast<std::uint64_t>(_mm512_reduce_add_epi64(_mm512_sad_epu8(tally, zero)));
    }
  }
}

inline std::size_t pair_index(std::size_t i, std::size_t j, std::size_t columns) {
  return i * columns - i * (i - 1) / 2 + (j - i);
}

ATTUNE_AVX512 void pair_products(const std::uint8_t* block, std::size_t columns, std::int64_t* sums) {
  // Tiles of four columns by four: sixteen sums in 32-bit lanes (at most 64 * 15 * 15 a lane).
  for (std::size_t i0 = 0; i0 < columns; i0 += 4) {
    const std::uint8_t* a = block + i0 * kRows;
    for (std::size_t j0 = i0; j0 < columns; j0 += 4) {
      const std::uint8_t* b = block + j0 * kRows;
      __m512i acc[4][4];
      for (auto& row : acc)
        for (auto& v : row) v = _mm512_setzero_si512();
      for (std::size_t r = 0; r < kRows; r += 64) {
        __m512i x[4], y[4];
        for (std::size_t t = 0; t < 4; ++t) x[t] = _mm512_load_si512(a + t * kRows + r);
        for (std::size_t t = 0; t < 4; ++t) y[t] = _mm512_load_si512(b + t * kRows + r);
        for (std::size_t s = 0; s < 4; ++s)
          for (std::size_t t = 0; t < 4; ++t) acc[s][t] = _mm512_dpbusd_epi32(acc[s][t], x[s], y[t]);
      }
      for (std::size_t s = 0; s < 4; ++s)
        for (std::size_t t = 0; t < 4; ++t) {
          const std::size_t i = i0 + s, j = j0 + t;
          if (i <= j && j < columns) sums[pair_index(i, j, columns)] += lanes(acc[s][t]);
        }
    }
  }
}

ATTUNE_AVX512 void class_sums(const std::uint8_t* block, const std::uint32_t* columns, std::size_t count,
                              const ClassedRows& rows, std::int64_t* item_sums, std::int64_t* class_sums) {
  constexpr std::size_t kChunks = kRows / 64;
  std::uint64_t present[4] = {};
  for (std::size_t r = 0; r < kRows; ++r) {
    const std::uint8_t c = rows.classes[r];
    if (c != kNoClass) present[c >> 6] |= std::uint64_t{1} << (c & 63);
  }
  alignas(64) std::int8_t deviation[kRows];
  alignas(64) std::uint8_t size[kRows];
  __mmask64 in_class[kChunks];
  const __m512i one = _mm512_set1_epi8(1), zero = _mm512_setzero_si512();
  for (std::size_t c = 0; c < rows.count && c < 255; ++c) {
    if (!(present[c >> 6] >> (c & 63) & 1)) continue;
    const __m512i label = _mm512_set1_epi8(static_cast<char>(c));
    std::int64_t n = 0;
    __m512i sum_d = zero, sum_dd = zero;
    for (std::size_t k = 0; k < kChunks; ++k) {
      const __mmask64 mask = _mm512_cmpeq_epi8_mask(_mm512_loadu_si512(rows.classes + 64 * k), label);
      const __m512i d = _mm512_maskz_loadu_epi8(mask, rows.deviations + 64 * k);
      const __m512i magnitude = _mm512_abs_epi8(d);
      in_class[k] = mask;
      _mm512_store_si512(deviation + 64 * k, d);
      _mm512_store_si512(size + 64 * k, magnitude);
      n += __builtin_popcountll(mask);
      sum_d = _mm512_dpbusd_epi32(sum_d, one, d);
      sum_dd = _mm512_dpbusd_epi32(sum_dd, magnitude, magnitude);
    }
    std::int64_t* totals = class_sums + c * kClassFields;
    totals[0] += n;
    totals[1] += lanes(sum_d);
    totals[2] += lanes(sum_dd);
    for (std::size_t t = 0; t < count; ++t) {
      const std::uint8_t* column = block + columns[t] * kRows;
      __m512i acc[kItemFields];
      for (auto& a : acc) a = zero;
      for (std::size_t k = 0; k < kChunks; ++k) {
        const __m512i u = _mm512_load_si512(column + 64 * k);
        const __m512i d = _mm512_load_si512(deviation + 64 * k);
        const __m512i magnitude = _mm512_load_si512(size + 64 * k);
        const __mmask64 mask = in_class[k];
        const __m512i p = _mm512_min_epu8(u, one);
        const __m512i answered_size = _mm512_maskz_mov_epi8(_mm512_test_epi8_mask(u, u), magnitude);
        const __m512i one_in_class = _mm512_maskz_mov_epi8(mask, one);
        acc[0] = _mm512_dpbusd_epi32(acc[0], u, d);                                  // d u
        acc[1] = _mm512_dpbusd_epi32(acc[1], p, d);                                  // d p
        acc[2] = _mm512_dpbusd_epi32(acc[2], answered_size, magnitude);              // d^2 p
        acc[3] = _mm512_dpbusd_epi32(acc[3], p, one_in_class);                       // p
        acc[4] = _mm512_dpbusd_epi32(acc[4], u, one_in_class);                       // u
        acc[5] = _mm512_dpbusd_epi32(acc[5], _mm512_maskz_mov_epi8(mask, u), u);     // u^2
      }
      std::int64_t* sums = item_sums + (c * count + t) * kItemFields;
      for (std::size_t f = 0; f < kItemFields; ++f) sums[f] += lanes(acc[f]);
    }
  }
}

}  // namespace

const Kernels& avx512_kernels() {
  // The transposition is AVX2's (16-byte rows), which this CPU also runs.
  static const Kernels table{avx2_kernels().transpose, histograms, pair_products, class_sums};
  return table;
}

}  // namespace attune::byte_kernels

#else

namespace attune::byte_kernels {
const Kernels& avx512_kernels() { return plain_kernels(); }
}  // namespace attune::byte_kernels

#endif

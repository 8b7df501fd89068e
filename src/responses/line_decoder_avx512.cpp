// LineDecoder's kernel: AVX-512 F, BW and VBMI2 with BMI2. Only the functions here carry the
// target; they run only where LineDecoder::available().
#include "responses/line_decoder.h"

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>

#define ATTUNE_VBMI2 __attribute__((target("avx512f,avx512bw,avx512vbmi2,bmi,bmi2,popcnt")))

namespace attune::line_decoder {

namespace {
constexpr std::size_t kMaxPieces = 64;   // lines up to 4,096 bytes; longer ones are declined

// The position of the n-th (0-based) set bit over the words, or SIZE_MAX.
ATTUNE_VBMI2 std::size_t select_bit(const std::uint64_t* words, std::size_t count, std::size_t n) {
  for (std::size_t k = 0; k < count; ++k) {
    const auto here = static_cast<std::size_t>(_mm_popcnt_u64(words[k]));
    if (n < here) return 64 * k + _tzcnt_u64(_pdep_u64(std::uint64_t{1} << n, words[k]));
    n -= here;
  }
  return SIZE_MAX;
}
}  // namespace

ATTUNE_VBMI2 bool decode_avx512(const LineDecoder::Plan& plan, const char* line, std::size_t size, char delimiter,
                                std::uint8_t* codes, std::string_view* texts) {
  if (size == 0 || line[size - 1] != '\n') return false;
  // The terminator: the CR of a CRLF end, or the LF; it ends the last field.
  std::size_t end = size - 1;
  if (end > 0 && line[end - 1] == '\r') --end;
  const std::size_t pieces = end / 64 + 1;
  if (pieces > kMaxPieces || plan.fields > 64 * kMaxPieces) return false;
  std::uint64_t ends[kMaxPieces], starts[kMaxPieces];
  alignas(64) std::uint8_t first[64 * kMaxPieces + 64];   // the first byte of every field
  std::size_t fields = 0;
  std::uint64_t carry = 1;   // byte 0 starts a field
  const __m512i delimiters = _mm512_set1_epi8(delimiter), quote = _mm512_set1_epi8('"');
  const __m512i cr = _mm512_set1_epi8('\r'), lf = _mm512_set1_epi8('\n');
  for (std::size_t k = 0; k < pieces; ++k) {
    const std::size_t at = 64 * k, length = end + 1 - at < 64 ? end + 1 - at : 64;
    const __mmask64 present = length == 64 ? ~__mmask64{0} : (__mmask64{1} << length) - 1;
    const __m512i bytes = _mm512_maskz_loadu_epi8(present, line + at);
    const std::uint64_t terminator = end - at < 64 ? std::uint64_t{1} << (end - at) : 0;
    // A quote, a CR, an LF before the end, or a byte above ASCII (text the scalar path checks).
    const std::uint64_t odd = (_mm512_cmpeq_epi8_mask(bytes, quote) | _mm512_cmpeq_epi8_mask(bytes, cr) |
                               _mm512_cmpeq_epi8_mask(bytes, lf) | _mm512_movepi8_mask(bytes)) & present;
    if (odd & ~terminator) return false;
    ends[k] = (_mm512_cmpeq_epi8_mask(bytes, delimiters) & present) | terminator;
    starts[k] = ((ends[k] << 1) | carry) & present;
    carry = ends[k] >> 63;
    // Compressed in a register and stored whole (a compressing store to memory is slow); the
    // next piece's store overwrites what lies past this piece's fields.
    _mm512_storeu_si512(first + fields, _mm512_maskz_compress_epi8(starts[k], bytes));
    fields += static_cast<std::size_t>(_mm_popcnt_u64(starts[k]));
  }
  if (fields != plan.fields) return false;
  // Fields of two or more bytes: a start that is not an end, followed by a byte that is not an
  // end either; as one bit per field, in field order.
  std::uint64_t long_fields[kMaxPieces + 1];
  for (std::size_t k = 0; k <= pieces; ++k) long_fields[k] = 0;
  std::size_t bit = 0;
  for (std::size_t k = 0; k < pieces; ++k) {
    const std::uint64_t next = (ends[k] >> 1) | (k + 1 < pieces ? (ends[k + 1] & 1) << 63 : 0);
    const std::uint64_t bits = _pext_u64(starts[k] & ~ends[k] & ~next, starts[k]);
    long_fields[bit / 64] |= bits << (bit % 64);
    if (bit % 64 != 0) long_fields[bit / 64 + 1] |= bits >> (64 - bit % 64);
    bit += static_cast<std::size_t>(_mm_popcnt_u64(starts[k]));
  }
  auto is_long = [&](std::size_t f) { return (long_fields[f / 64] >> (f % 64) & 1) != 0; };
  // An item cell's first byte: an answer digit (its code), or an end (empty: code 0).
  const __m128i table = _mm_loadu_si128(reinterpret_cast<const __m128i*>(plan.digit_codes));
  const __m512i digit_codes = _mm512_broadcast_i32x4(table), zero = _mm512_setzero_si512();
  const __m512i nine = _mm512_set1_epi8(9), digit_zero = _mm512_set1_epi8('0'), none = _mm512_set1_epi8(-1);
  if (plan.consecutive) {
    for (std::size_t j = 0; j < plan.items; j += 64) {
      const std::size_t n = plan.items - j < 64 ? plan.items - j : 64;
      const __mmask64 lanes = n == 64 ? ~__mmask64{0} : (__mmask64{1} << n) - 1;
      const std::size_t f = plan.first_item + j;
      // The long-field bits of fields f .. f + n - 1.
      std::uint64_t longs = long_fields[f / 64] >> (f % 64);
      if (f % 64 != 0) longs |= long_fields[f / 64 + 1] << (64 - f % 64);
      if (longs & lanes) return false;
      const __m512i x = _mm512_maskz_loadu_epi8(lanes, first + f);
      const __m512i digit = _mm512_sub_epi8(x, digit_zero);
      const __mmask64 digits = _mm512_cmple_epu8_mask(digit, nine);
      const __m512i code = _mm512_shuffle_epi8(digit_codes, _mm512_maskz_mov_epi8(digits, digit));
      const __mmask64 answered = digits & _mm512_cmpneq_epi8_mask(code, none);
      const __mmask64 empty = _mm512_cmpeq_epi8_mask(x, delimiters) | _mm512_cmpeq_epi8_mask(x, cr) |
                              _mm512_cmpeq_epi8_mask(x, lf);
      if (((answered | empty) & lanes) != lanes) return false;
      _mm512_mask_storeu_epi8(codes + j, lanes, _mm512_mask_mov_epi8(zero, answered, code));
    }
  } else {
    for (std::size_t j = 0; j < plan.items; ++j) {
      const std::uint32_t f = plan.item_fields[j];
      const std::uint8_t x = first[f];
      if (is_long(f)) return false;
      if (x == static_cast<std::uint8_t>(delimiter) || x == '\r' || x == '\n') {
        codes[j] = 0;
        continue;
      }
      const unsigned digit = x - unsigned{'0'};
      if (digit > 9 || plan.digit_codes[digit] == 0xFF) return false;
      codes[j] = plan.digit_codes[digit];
    }
  }
  for (const auto& [slot, field] : plan.texts) {
    const std::size_t start = select_bit(starts, pieces, field), stop = select_bit(ends, pieces, field);
    texts[slot] = std::string_view(line + start, stop - start);
  }
  return true;
}

}  // namespace attune::line_decoder

#else

namespace attune::line_decoder {
bool decode_avx512(const LineDecoder::Plan&, const char*, std::size_t, char, std::uint8_t*, std::string_view*) {
  return false;
}
}  // namespace attune::line_decoder

#endif

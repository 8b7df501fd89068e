// Private to src/responses: reading a plain CSV line of one-digit answers as Likert codes with
// AVX-512, the fast path of ResponseParser::parse_line_codes on CPUs that have it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "attune/responses/likert_coding.h"

namespace attune {

// Decodes lines whose every item cell is empty or one answer digit, 64 bytes at a time: the
// delimiters found by one compare, the first byte of every field gathered by one compression
// (vpcompressb), the codes looked up sixteen at a time. Any other line (a quote, a stray CR, a byte above ASCII,
// another field count, an item cell of two or more bytes or a digit that is not an answer) is
// declined, and the caller reads it as before; what is decoded equals that reading.
class LineDecoder {
 public:
  // `roles`: per header field, its item slot (>= 0), its text slot (-2 - slot) or nothing
  // (-1), as ResponseParser keeps them; `answers`: bit d set when the one-digit cell d is an
  // answer; answer d is read as its code in `coding` (an answer without one is declined).
  LineDecoder(const std::vector<std::int32_t>& roles, unsigned answers, const LikertCoding& coding);

  // Whether this CPU runs the decoder (SimdLevel::avx512_vbmi2, as simd_level() allows).
  static bool available();

  // Decodes `line` (ending in LF, not starting with CR) split at `delimiter` (not a digit, NUL,
  // quote, CR or LF): item slot j's code into codes[j] (0 for an empty cell), text slot t's
  // cell into texts[t]. False, with nothing promised written, for a line it declines.
  bool decode(std::string_view line, char delimiter, std::uint8_t* codes, std::string_view* texts) const;

  const LikertCoding& coding() const { return coding_; }

  // The plan of the decoder (public for the kernel in line_decoder_avx512.cpp).
  struct Plan {
    std::size_t fields = 0, items = 0;
    bool consecutive = false;            // item j is field first_item + j
    std::size_t first_item = 0;
    std::vector<std::uint32_t> item_fields;                   // per item slot, its field
    std::vector<std::pair<std::uint32_t, std::uint32_t>> texts;   // (text slot, field)
    std::uint8_t digit_codes[16] = {};   // per digit 0..9, its code, 0xFF if not an answer
  };

 private:
  Plan plan_;
  LikertCoding coding_;
  bool usable_ = false;   // every item slot has a field
};

namespace line_decoder {
// The AVX-512 kernel (defined where the target is; call only when LineDecoder::available()).
bool decode_avx512(const LineDecoder::Plan& plan, const char* line, std::size_t size, char delimiter,
                   std::uint8_t* codes, std::string_view* texts);
}  // namespace line_decoder

}  // namespace attune

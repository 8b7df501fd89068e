// The plain-line fast path of reading respondents (ResponseParser::parse_line and
// parse_line_codes): what it takes, ResponseParser::parse would read the same.
#include "responses/plain_line.h"

#include <algorithm>
#include <cmath>

#include "attune/util/text_encoding.h"
#include "util/small_whole.h"
#include "util/sse2.h"

namespace attune {

PlainLineParser::PlainLineParser(const ColumnBinding& binding, const CellParser& cells, TextEncoding encoding)
    : encoding_(encoding), texts_(binding.id_fields.size() + binding.keep_fields.size()), items_(binding.item_fields.size()) {
  roles_.assign(binding.header_size, -1);
  shortest_line_ = binding.header_size + 2;
  auto assign = [this](std::size_t field, std::int32_t role) {
    if (field >= roles_.size() || roles_[field] != -1) return false;
    roles_[field] = role;
    return true;
  };
  bool single = true;
  std::int32_t slot = 0;
  for (auto field : binding.id_fields) single = assign(field, -2 - slot++) && single;
  for (auto field : binding.keep_fields) single = assign(field, -2 - slot++) && single;
  for (std::size_t j = 0; j < binding.item_fields.size(); ++j) {
    single = assign(binding.item_fields[j], static_cast<std::int32_t>(j)) && single;
  }
  if (!single) roles_.clear();
  item_runs_.assign(roles_.size() + 1, 0);
  for (std::size_t f = roles_.size(); f-- > 0;) {
    if (roles_[f] < 0) continue;
    const bool next_slot = f + 1 < roles_.size() && roles_[f + 1] == roles_[f] + 1;
    item_runs_[f] = 1 + (next_slot ? item_runs_[f + 1] : 0);
  }
  // The one-digit answers, when they form one unbroken range lo..hi (a missing code inside it
  // breaks it); else no eight-cell step.
  int lo = -1, hi = -1;
  bool unbroken = true;
  for (int d = 0; d <= 9; ++d) {
    if (!cells.answer_digit(static_cast<unsigned>(d))) continue;
    answer_digits_ |= 1u << d;
    if (lo < 0) lo = d;
    else if (d != hi + 1) unbroken = false;
    hi = d;
  }
  decoder_available_ = LineDecoder::available();
  if (lo >= 0 && unbroken) {
    answer_lo_ = static_cast<unsigned>(lo);
    answer_hi_ = static_cast<unsigned>(hi);
  } else {
    std::fill(item_runs_.begin(), item_runs_.end(), 0u);
  }
}

namespace {

#if ATTUNE_SSE2
// Whether the 16 bytes at p are eight one-digit item cells, each followed by the delimiter, all
// answers lo..hi; `bytes` is their load.
bool eight_answer_cells(__m128i bytes, char delimiter, unsigned lo, unsigned hi) {
  const unsigned delimiters =
      static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(bytes, _mm_set1_epi8(delimiter))));
  // Each byte less '0' + lo, compared unsigned with hi - lo: the even bytes must be answers.
  const __m128i span = _mm_set1_epi8(static_cast<char>(hi - lo));
  const __m128i offset = _mm_sub_epi8(bytes, _mm_set1_epi8(static_cast<char>('0' + lo)));
  const unsigned answers =
      static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_max_epu8(offset, span), span)));
  return (delimiters & 0xAAAAu) == 0xAAAAu && (answers & 0x5555u) == 0x5555u;
}
#endif

// Where parse_as() puts item values: as doubles (ResponseRow::items).
struct ValueItems {
  double* items;
  bool whole = true;   // every value NaN or small_whole
#if ATTUNE_SSE2
  // Eight one-digit cells at p (16 bytes readable), answers lo..hi: their values from items[slot].
  bool eight(const char* p, char delimiter, unsigned lo, unsigned hi, std::size_t slot) {
    const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    if (!eight_answer_cells(bytes, delimiter, lo, hi)) return false;
    // The even bytes as eight 16-bit digits, then four pairs of doubles.
    const __m128i digits = _mm_and_si128(_mm_sub_epi8(bytes, _mm_set1_epi8('0')), _mm_set1_epi16(0x00FF));
    const __m128i low = _mm_unpacklo_epi16(digits, _mm_setzero_si128());
    const __m128i high = _mm_unpackhi_epi16(digits, _mm_setzero_si128());
    double* out = items + slot;
    _mm_storeu_pd(out, _mm_cvtepi32_pd(low));
    _mm_storeu_pd(out + 2, _mm_cvtepi32_pd(_mm_unpackhi_epi64(low, low)));
    _mm_storeu_pd(out + 4, _mm_cvtepi32_pd(high));
    _mm_storeu_pd(out + 6, _mm_cvtepi32_pd(_mm_unpackhi_epi64(high, high)));
    return true;
  }
#endif
  void digit(std::size_t slot, unsigned d) { items[slot] = d; }
  bool value(std::size_t slot, double v) {
    items[slot] = v;
    whole = whole && (std::isnan(v) || small_whole(v));
    return true;
  }
};

// Where parse_as() puts item values: as Likert codes; a value without a code fails the line.
struct CodeItems {
  std::uint8_t* codes;
  LikertCoding coding;
#if ATTUNE_SSE2
  bool eight(const char* p, char delimiter, unsigned lo, unsigned hi, std::size_t slot) {
    const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    if (!eight_answer_cells(bytes, delimiter, lo, hi)) return false;
    // The even bytes less '0' + base, packed into eight bytes.
    const __m128i values = _mm_and_si128(
        _mm_sub_epi8(bytes, _mm_set1_epi8(static_cast<char>('0' + coding.base))), _mm_set1_epi16(0x00FF));
    _mm_storel_epi64(reinterpret_cast<__m128i*>(codes + slot), _mm_packus_epi16(values, values));
    return true;
  }
#endif
  void digit(std::size_t slot, unsigned d) {
    codes[slot] = static_cast<std::uint8_t>(static_cast<int>(d) - coding.base);
  }
  bool value(std::size_t slot, double v) { return coding.encode(v, codes[slot]); }
};

// Whether a line may take a fast path (the AVX-512 decoder or parse_as): it ends in LF and does
// not start with CR (a line starting with CR is blank, CRLF, or ends at that CR: next()
// decides), and the delimiter is not one that would split differently. The CSV reader gives ',',
// ';' and tab; a digit would read as an answer, and NUL, LF, CR or a quote would split otherwise.
bool line_fits_fast_paths(std::string_view line, char delimiter) {
  const bool odd_delimiter = (delimiter >= '0' && delimiter <= '9') || delimiter == '\0' || delimiter == '\n' ||
                             delimiter == '\r' || delimiter == '"';
  return !odd_delimiter && !line.empty() && line.back() == '\n' && line.front() != '\r';
}

// Whether `line` may be a record of blank cells (spaces, tabs, nothing): its first two bytes are
// each a blank, the delimiter or the line's end, as every such record's are (a line taken is at
// least shortest_line_ >= 2 bytes long).
bool may_be_blank_record(std::string_view line, char delimiter) {
  const auto blank = [delimiter](char c) { return c == ' ' || c == '\t' || c == delimiter || c == '\r' || c == '\n'; };
  return blank(line[0]) && blank(line[1]);
}

}  // namespace

const char* PlainLineParser::past_non_ascii(std::int32_t role, const char* start, const char* p, char delimiter) const {
  if (role >= 0 || (role < -1 && encoding_ != TextEncoding::utf8)) return nullptr;
  while (*p != delimiter && *p != '\n' && *p != '\r' && *p != '"') ++p;   // the LF ends every line
  if (role < -1 && invalid_utf8_at(std::string_view(start, static_cast<std::size_t>(p - start))) != std::string_view::npos)
    return nullptr;
  return p;
}

bool ResponseParser::parse_line(std::string_view line, char delimiter, std::uint64_t number, ResponseRow& row) {
  return plain_->parse(line, delimiter, number, parser_, row);
}

bool ResponseParser::parse_line_codes(std::string_view line, char delimiter, std::uint64_t number,
                                      const LikertCoding& coding, ResponseRow& row, std::uint8_t* codes) {
  return plain_->parse_codes(line, delimiter, number, parser_, coding, row, codes);
}

bool PlainLineParser::parse(std::string_view line, char delimiter, std::uint64_t number, const CellParser& cells,
                            ResponseRow& row) {
  // A line no longer than its delimiters and end may be a record of empty cells, which
  // ResponseParser::parse marks (ResponseRow::empty); so may a few short lines with something in
  // them, and a line that starts with two blank or empty cells' bytes (a record of spaces):
  // they are read there too. Lines taken here are never empty records.
  if (line.size() < shortest_line_ || may_be_blank_record(line, delimiter)) return false;
  row.items.resize(items_);
  ValueItems items{row.items.data()};
  if (!parse_as(line, delimiter, cells, row, items)) return false;
  row.number = number;
  row.whole = items.whole;
  row.coded = false;
  return true;
}

bool PlainLineParser::parse_codes(std::string_view line, char delimiter, std::uint64_t number,
                                  const CellParser& cells, const LikertCoding& coding, ResponseRow& row,
                                  std::uint8_t* codes) {
  // Only when every one-digit answer has a code, and never an empty record (see parse()).
  if ((answer_digits_ & ~coding.digits()) != 0 || line.size() < shortest_line_ || may_be_blank_record(line, delimiter))
    return false;
  // AVX-512: lines whose item cells are all empty or one answer digit, 64 bytes at a time.
  bool decoded = false;
  if (decoder_available_ && !roles_.empty() && line_fits_fast_paths(line, delimiter)) {
    if (!decoder_ || decoder_->coding() != coding) decoder_.emplace(roles_, answer_digits_, coding);
    row.texts.resize(texts_);
    decoded = decoder_->decode(line, delimiter, codes, row.texts.data());
  }
  if (!decoded) {
    CodeItems items{codes, coding};
    if (!parse_as(line, delimiter, cells, row, items)) return false;
  }
  row.number = number;
  row.whole = true;
  row.coded = true;
  return true;
}

template <typename Items>
bool PlainLineParser::parse_as(std::string_view line, char delimiter, const CellParser& cells, ResponseRow& row,
                               Items& items) {
  if (roles_.empty() || !line_fits_fast_paths(line, delimiter)) return false;
  if (delimiter != stops_delimiter_) {
    std::fill(std::begin(stops_), std::end(stops_), false);
    for (char c : {delimiter, '\n', '\r', '"'}) stops_[static_cast<unsigned char>(c)] = true;
    std::fill(std::begin(stops_) + 0x80, std::end(stops_), true);   // bytes above ASCII: past_non_ascii()
    stops_delimiter_ = delimiter;
  }
  row.texts.resize(texts_);
  std::string_view* texts = row.texts.data();
  const std::int32_t* roles = roles_.data();
  const std::size_t fields = roles_.size();
  const char* p = line.data();   // the line ends in '\n', which stops every scan
  [[maybe_unused]] const char* const end = line.data() + line.size();
  [[maybe_unused]] const std::uint32_t* runs = item_runs_.data();   // fields + 1 entries, the last 0
  for (std::size_t f = 0;; ++f) {
#if ATTUNE_SSE2
    // Runs of Likert cells, eight at a time ("3,5,1,...": 16 bytes, the last a delimiter, so
    // never the line's last cell); the run's slots are consecutive.
    while (runs[f] >= 8 && end - p >= 16 &&
           items.eight(p, delimiter, answer_lo_, answer_hi_, static_cast<std::size_t>(roles[f]))) {
      p += 16;
      f += 8;
    }
#endif
    if (f == fields) return false;   // a field too many
    const std::int32_t role = roles[f];
    if (role >= 0) {   // the common item cell: one digit, then the delimiter
      const auto digit = static_cast<unsigned>(static_cast<unsigned char>(p[0])) - unsigned{'0'};
      if (cells.answer_digit(digit) && p[1] == delimiter) {   // p[1] exists: p[0] is not the LF
        items.digit(static_cast<std::size_t>(role), digit);
        p += 2;
        continue;
      }
    }
    const char* start = p;
    while (!stops_[static_cast<unsigned char>(*p)]) ++p;
    if (static_cast<signed char>(*p) < 0 && (p = past_non_ascii(role, start, p, delimiter)) == nullptr) return false;
    const bool crlf = *p == '\r' && p[1] == '\n';   // the line's end (p[1] exists: the LF is after p)
    const char c = crlf ? '\n' : *p;
    if (c != delimiter && c != '\n') return false;   // a quote, or a CR that ends a record mid-line
    const std::string_view cell(start, static_cast<std::size_t>(p - start));
    if (role >= 0) {
      double value;
      if (cells.classify(cell, value) == CellStatus::invalid) return false;
      if (!items.value(static_cast<std::size_t>(role), value)) return false;
    } else if (role < -1) {
      texts[-2 - role] = cell;
    }
    if (c == '\n') {
      if (f + 1 != fields) return false;
      break;
    }
    ++p;
  }
  return true;
}

}  // namespace attune

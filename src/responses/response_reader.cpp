#include "attune/responses/response_reader.h"

#include <algorithm>
#include <cmath>

#include "attune/util/sse2.h"

#include <fmt/format.h>

#include "attune/io/csv_reader.h"
#include "attune/responses/line_decoder.h"
#include "attune/util/small_whole.h"
#include "attune/util/text.h"

namespace attune {

ResponseScale effective_scale(const Instrument& instrument, const ResponseOptions& options) {
  ResponseScale scale = instrument.response;
  if (options.range) {
    scale.min = options.range->first;
    scale.max = options.range->second;
    // Labels belong to the published scale; on another range they no longer apply.
    if (scale.min != instrument.response.min || scale.max != instrument.response.max) scale.labels.clear();
  }
  return scale;
}

std::vector<std::string> read_header(RecordSource& source) {
  Record record;
  if (!source.next(record)) {
    throw data_error({source.name()}, "the input is empty: no header row",
                     "the first line must name the columns: an id and the items");
  }
  return {record.fields.begin(), record.fields.end()};
}

ResponseParser::ResponseParser(const Instrument& instrument, std::vector<std::string> header,
                               const ResponseOptions& options, const std::string& file)
    : file_(file), policy_(options.invalid),
      parser_(effective_scale(instrument, options), options.missing_codes, options.decimal_mark),
      header_(std::move(header)), binding_(bind_columns(instrument, header_, options.columns, file)) {
  roles_.assign(binding_.header_size, -1);
  auto assign = [this](std::size_t field, std::int32_t role) {
    if (field >= roles_.size() || roles_[field] != -1) return false;
    roles_[field] = role;
    return true;
  };
  bool single = true;
  std::int32_t slot = 0;
  for (auto field : binding_.id_fields) single = assign(field, -2 - slot++) && single;
  for (auto field : binding_.keep_fields) single = assign(field, -2 - slot++) && single;
  for (std::size_t j = 0; j < binding_.item_fields.size(); ++j) {
    single = assign(binding_.item_fields[j], static_cast<std::int32_t>(j)) && single;
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
    if (!parser_.answer_digit(static_cast<unsigned>(d))) continue;
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

// Where parse_line_as() puts item values: as doubles (ResponseRow::items).
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

// Where parse_line_as() puts item values: as Likert codes (0 missing, value - base for a whole
// value base + 1 .. base + levels); a value without a code fails the line.
struct CodeItems {
  std::uint8_t* codes;
  int base;
  unsigned levels;
#if ATTUNE_SSE2
  bool eight(const char* p, char delimiter, unsigned lo, unsigned hi, std::size_t slot) {
    const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    if (!eight_answer_cells(bytes, delimiter, lo, hi)) return false;
    // The even bytes less '0' + base, packed into eight bytes.
    const __m128i values = _mm_and_si128(_mm_sub_epi8(bytes, _mm_set1_epi8(static_cast<char>('0' + base))),
                                         _mm_set1_epi16(0x00FF));
    _mm_storel_epi64(reinterpret_cast<__m128i*>(codes + slot), _mm_packus_epi16(values, values));
    return true;
  }
#endif
  void digit(std::size_t slot, unsigned d) { codes[slot] = static_cast<std::uint8_t>(static_cast<int>(d) - base); }
  bool value(std::size_t slot, double v) {
    if (std::isnan(v)) {
      codes[slot] = 0;
      return true;
    }
    const double code = v - base;
    if (!(code >= 1 && code <= levels) || code != std::floor(code)) return false;
    codes[slot] = static_cast<std::uint8_t>(code);
    return true;
  }
};

// Whether a line may take a fast path (the AVX-512 decoder or parse_line_as): it ends in LF and
// does not start with CR (a line starting with CR is blank, CRLF, or ends at that CR: next()
// decides), and the delimiter is not one that would split differently. The CSV reader gives ',',
// ';' and tab; a digit would read as an answer, and NUL, LF, CR or a quote would split otherwise.
bool line_fits_fast_paths(std::string_view line, char delimiter) {
  const bool odd_delimiter = (delimiter >= '0' && delimiter <= '9') || delimiter == '\0' || delimiter == '\n' ||
                             delimiter == '\r' || delimiter == '"';
  return !odd_delimiter && !line.empty() && line.back() == '\n' && line.front() != '\r';
}

}  // namespace

bool ResponseParser::parse_line(std::string_view line, char delimiter, std::uint64_t number, ResponseRow& row) {
  row.items.resize(binding_.item_fields.size());
  ValueItems items{row.items.data()};
  if (!parse_line_as(line, delimiter, row, items)) return false;
  row.number = number;
  row.whole = items.whole;
  row.coded = false;
  return true;
}

bool ResponseParser::parse_line_codes(std::string_view line, char delimiter, std::uint64_t number, int base,
                                      unsigned levels, ResponseRow& row, std::uint8_t* codes) {
  // Only when every one-digit answer has a code (lies within base + 1 .. base + levels): the
  // digits that do, as bits, hold every answer digit.
  const int lo = std::max(base + 1, 0), hi = std::min(base + static_cast<int>(levels), 9);
  const unsigned coded = hi < lo ? 0u : ((2u << hi) - 1u) & ~((1u << lo) - 1u);
  if ((answer_digits_ & ~coded) != 0) return false;
  // AVX-512: lines whose item cells are all empty or one answer digit, 64 bytes at a time.
  if (decoder_available_ && !roles_.empty() && line_fits_fast_paths(line, delimiter)) {
    if (!decoder_ || decoder_->base() != base) decoder_.emplace(roles_, answer_digits_, base);
    row.texts.resize(binding_.id_fields.size() + binding_.keep_fields.size());
    if (decoder_->decode(line, delimiter, codes, row.texts.data())) {
      row.number = number;
      row.whole = true;
      row.coded = true;
      return true;
    }
  }
  CodeItems items{codes, base, levels};
  if (!parse_line_as(line, delimiter, row, items)) return false;
  row.number = number;
  row.whole = true;
  row.coded = true;
  return true;
}

template <typename Items>
bool ResponseParser::parse_line_as(std::string_view line, char delimiter, ResponseRow& row, Items& items) {
  if (roles_.empty() || !line_fits_fast_paths(line, delimiter)) return false;
  if (delimiter != stops_delimiter_) {
    std::fill(std::begin(stops_), std::end(stops_), false);
    for (char c : {delimiter, '\n', '\r', '"'}) stops_[static_cast<unsigned char>(c)] = true;
    stops_delimiter_ = delimiter;
  }
  row.texts.resize(binding_.id_fields.size() + binding_.keep_fields.size());
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
      if (parser_.answer_digit(digit) && p[1] == delimiter) {   // p[1] exists: p[0] is not the LF
        items.digit(static_cast<std::size_t>(role), digit);
        p += 2;
        continue;
      }
    }
    const char* start = p;
    while (!stops_[static_cast<unsigned char>(*p)]) ++p;
    const bool crlf = *p == '\r' && p[1] == '\n';   // the line's end (p[1] exists: the LF is after p)
    const char c = crlf ? '\n' : *p;
    if (c != delimiter && c != '\n') return false;   // a quote, or a CR that ends a record mid-line
    const std::string_view cell(start, static_cast<std::size_t>(p - start));
    if (role >= 0) {
      double value;
      if (parser_.classify(cell, value) == CellStatus::invalid) return false;
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

void ResponseParser::parse(const Record& record, std::uint64_t number, ResponseRow& row) {
  if (record.size() != binding_.header_size) {
    throw data_error(record.where(file_, 0),
                     fmt::format("this row has {} fields but the header has {}", record.size(), binding_.header_size),
                     "a text field containing the delimiter must be quoted");
  }
  row.number = number;
  row.whole = false;   // not looked at here (Scorer::score_whole is an optimisation)
  row.coded = false;
  row.texts.clear();
  for (auto field : binding_.id_fields) row.texts.push_back(record.fields[field]);
  for (auto field : binding_.keep_fields) row.texts.push_back(record.fields[field]);
  const std::size_t n_items = binding_.item_fields.size();
  row.items.resize(n_items);
  const std::size_t* item_fields = binding_.item_fields.data();
  const std::string_view* fields = record.fields.data();
  double* items = row.items.data();
  for (std::size_t j = 0; j < n_items; ++j) {
    std::size_t field = item_fields[j];
    double value;
    if (parser_.classify(fields[field], value) != CellStatus::invalid) {
      items[j] = value;
      continue;
    }
    // Invalid: only now is the message built.
    ParsedCell cell = parser_.parse(record.fields[field]);
    SourceLocation where = record.where(file_, field);
    std::string message = fmt::format("column {}: {}", show_text(header_[field]), cell.problem);
    if (policy_ == InvalidPolicy::error) {
      // A Qualtrics export whose ImportId row is missing reads its question-text row as data.
      bool qualtrics = number == 1 && std::find(header_.begin(), header_.end(), "ResponseId") != header_.end();
      throw data_error(where, message,
                       qualtrics ? "this looks like a Qualtrics export's question-text row: give --qualtrics to skip it"
                                 : parser_.hint_for(record.fields[field]));
    }
    if (invalid_.count++ == 0) invalid_.first = where.to_string() + ": " + message;
    ++invalid_.by_column[header_[field]];
    row.items[j] = cell.value;
  }
}

ResponseReader::ResponseReader(const Instrument& instrument, RecordSource& source, const ResponseOptions& options)
    : source_(source), parser_(instrument, read_header(source), options, source.name()) {}

ResponseReader::ResponseReader(const Instrument& instrument, RecordSource& source, std::vector<std::string> header,
                               const ResponseOptions& options)
    : source_(source), parser_(instrument, std::move(header), options, source.name()) {}

bool ResponseReader::next(ResponseRow& row) {
  if (PlainText* csv = source_.plain_text()) {
    std::string_view line = csv->peek_line();
    if (!line.empty() && parser_.parse_line(line, csv->delimiter(), rows_ + 1, row)) {
      csv->take_line(line);
      ++rows_;
      return true;
    }
  }
  if (!source_.next(record_)) return false;
  parser_.parse(record_, ++rows_, row);
  return true;
}

ResponseReader::Read ResponseReader::next_codes(ResponseRow& row, int base, unsigned levels, std::uint8_t* codes) {
  if (PlainText* csv = source_.plain_text()) {
    std::string_view line = csv->peek_line();
    if (!line.empty() && parser_.parse_line_codes(line, csv->delimiter(), rows_ + 1, base, levels, row, codes)) {
      csv->take_line(line);
      ++rows_;
      return Read::codes;
    }
  }
  return next(row) ? Read::values : Read::end;
}

std::string ResponseParser::invalid_cells_summary() const {
  if (invalid_.count == 0) return {};
  std::vector<std::string> per_column;
  for (const auto& [column, count] : invalid_.by_column) per_column.push_back(fmt::format("{} {}", column, count));
  return fmt::format("{} invalid cell(s) counted as missing (--invalid missing): {}; the first: {}", invalid_.count,
                     fmt::join(per_column, ", "), invalid_.first);
}

void InvalidCells::add_later(const InvalidCells& later) {
  if (count == 0) first = later.first;
  count += later.count;
  for (const auto& [column, n] : later.by_column) by_column[column] += n;
}

}  // namespace attune

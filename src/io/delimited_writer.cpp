#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

#include "util/sse2.h"
#include "attune/util/text.h"
#include "writers.h"

namespace attune::writers {

namespace {

// Whether `text` is a decimal number: a sign, digits with at most one '.', an exponent.
bool is_plain_number(std::string_view text) {
  std::size_t i = 0, digits = 0;
  auto digit_run = [&] {
    std::size_t n = 0;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i, ++n;
    return n;
  };
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
  digits += digit_run();
  if (i < text.size() && text[i] == '.') {
    ++i;
    digits += digit_run();
  }
  if (digits == 0) return false;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
    if (digit_run() == 0) return false;
  }
  return i == text.size();
}

class DelimitedWriter : public RecordWriter, public RowFormatter {
 public:
  DelimitedWriter(OutputSink& sink, char delimiter, WriterOptions options)
      : sink_(sink), delimiter_(delimiter), options_(options) {
    for (char c : {delimiter_, '"', '\n', '\r'}) needs_quotes_[static_cast<unsigned char>(c)] = true;
  }

  void begin(const std::vector<Column>& columns) override {
    numeric_.clear();
    std::vector<Cell> names;
    for (const auto& column : columns) {
      names.push_back(Cell::of(std::string_view(column.name)));
      numeric_.push_back(column.numeric);
    }
    format_cells(line_, names, options_.safe_csv, true);   // a header cell is text, whatever its column holds
    sink_.write(line_);
    line_.clear();
  }

  void write_row(std::span<const Cell> cells) override {
    format_row(line_, cells, 0);
    if (line_.size() >= (1u << 16)) flush();
  }

  void format_row(std::string& out, std::span<const Cell> cells, std::uint64_t /*index*/) const override {
    format_cells(out, cells, options_.safe_csv);
  }

  void finish() override { flush(); }

  const RowFormatter* row_formatter() const override { return this; }

  void write_formatted(std::string_view bytes, std::uint64_t /*rows*/) override {
    flush();
    sink_.write(bytes);
  }

 private:
  void flush() {
    sink_.write(line_);
    line_.clear();
  }

  // Appends the cells as one line. The line is written through a pointer into room made
  // first (each cell's most: a number's kNumberRoom; a text's every byte doubled, quotes and
  // the formula mark), then cut to what was written. (Making the line on the stack and
  // appending it was slower: the copy's loads wait on the stores just made.)
  void format_cells(std::string& out, std::span<const Cell> cells, bool defuse_text, bool header = false) const {
    if (options_.for_terminal) return format_escaped(out, cells, defuse_text, header);
    format_raw(out, cells, defuse_text, header);
  }

  void format_raw(std::string& out, std::span<const Cell> cells, bool defuse_text, bool header) const {
    // (A text's room counts at least 16 bytes, so the room, and the zero-filling of it, is the
    // same from row to row however long a short text, e.g. a pattern's name, is.)
    std::size_t room = 1;
    for (const Cell& cell : cells) {
      room += 1 + (cell.kind == Cell::Kind::text ? 2 * std::max<std::size_t>(cell.text.size(), 16) + 3 : number_room_);
    }
    const std::size_t start = out.size();
    out.resize(start + room);
    char* end = write_cells(out.data() + start, cells, defuse_text, header);
    out.resize(static_cast<std::size_t>(end - out.data()));
  }

  // On a terminal nothing raw is shown: the cells with their texts' control characters escaped.
  void format_escaped(std::string& out, std::span<const Cell> cells, bool defuse_text, bool header) const {
    std::vector<std::string> texts;
    texts.reserve(cells.size());   // the copies' views stay valid
    std::vector<Cell> shown(cells.begin(), cells.end());
    for (Cell& cell : shown) {
      if (cell.kind != Cell::Kind::text) continue;
      texts.push_back(escape_controls(cell.text));
      cell.text = texts.back();
    }
    format_raw(out, shown, defuse_text, header);
  }

  // Writes the cells and the line's end at `p`, which has room for them; returns the end.
  char* write_cells(char* p, std::span<const Cell> cells, bool defuse_text, bool header) const {
    for (std::size_t i = 0; i < cells.size(); ++i) {
      if (i) *p++ = delimiter_;
      const Cell& cell = cells[i];
      if (cell.kind == Cell::Kind::number) {
        p = plain_numbers_ ? write_number(p, cell.number) : write_styled_number(p, cell.number, options_.numbers);
      }
      else if (cell.kind == Cell::Kind::text) p = write_text(p, cell.text, defuse_text && (header || !numeric_[i]));
    }
    *p++ = '\n';
    return p;
  }

  // Writes a text cell at `p` (room for 2 * size + 3 bytes); returns the end.
  char* write_text(char* p, std::string_view text, bool defuse) const {
    // Spreadsheets run cells starting with = + - @ as formulas; a leading ' shows them as text.
    // A number ("-7", "+1.5e3") is left as it is: a spreadsheet reads it as the number it is.
    bool formula = defuse && !text.empty() && std::string_view("=+-@\t\r").find(text.front()) != std::string_view::npos &&
                   !is_plain_number(text);
    // TSV is quoted as CSV is (a cell with a tab, quote, LF or CR in quotes, quotes doubled;
    // a backslash is a backslash), which Python's csv (excel-tab) and R's read.delim read back
    // unchanged. A formula mark stays outside a cell that needs no quotes, as before.
    if (delimiter_ == '\t' && formula) {
      *p++ = '\'';
      if (char* end = write_unquoted(p, text)) return end;
      --p;   // the cell needs quotes: the mark goes inside them
    }
    if (!formula) {
      if (char* end = write_unquoted(p, text)) return end;
    }
    *p++ = '"';
    if (formula) *p++ = '\'';
    for (char c : text) {
      if (c == '"') *p++ = '"';
      *p++ = c;
    }
    *p++ = '"';
    return p;
  }

  // Writes the text at `p` as it is and returns the end, or returns nullptr when it holds the
  // delimiter, a quote, LF or CR (and so needs quotes). The text is looked at where it lies,
  // with loads inside it only: reading it back from a copy just made waits on the copy's
  // stores (that load had a third of this writer's time).
  char* write_unquoted(char* p, std::string_view text) const {
    const char* t = text.data();
    const std::size_t n = text.size();
#if ATTUNE_SSE2
    if (n >= 4 && n <= 16) {
      // Four overlapping 4-byte pieces cover the text (at 0, a third and two thirds of the
      // way, and its last 4 bytes): looked at together and copied as they are, with no branch
      // on the length, which varies from row to row (ids, pattern names).
      const std::size_t step = n - 4;
      const std::size_t at[4] = {0, step / 3, 2 * step / 3, step};
      std::uint32_t piece[4];
      for (std::size_t k = 0; k < 4; ++k) std::memcpy(&piece[k], t + at[k], 4);
      const __m128i pieces = _mm_set_epi32(static_cast<int>(piece[3]), static_cast<int>(piece[2]),
                                           static_cast<int>(piece[1]), static_cast<int>(piece[0]));
      if (special_bytes(pieces) != 0) return nullptr;
      for (std::size_t k = 0; k < 4; ++k) std::memcpy(p + at[k], &piece[k], 4);
      return p + n;
    }
    if (n > 16) {   // 16 bytes at a time, the last 16 overlapping
      for (std::size_t i = 0; i + 16 < n; i += 16) {
        if (special_bytes(_mm_loadu_si128(reinterpret_cast<const __m128i*>(t + i))) != 0) return nullptr;
      }
      if (special_bytes(_mm_loadu_si128(reinterpret_cast<const __m128i*>(t + n - 16))) != 0) return nullptr;
      std::memcpy(p, t, n);
      return p + n;
    }
#endif
    bool quote = false;
    for (std::size_t i = 0; i < n; ++i) quote |= needs_quotes_[static_cast<unsigned char>(t[i])];
    if (quote) return nullptr;
    if (n > 0) std::memcpy(p, t, n);
    return p + n;
  }

#if ATTUNE_SSE2
  // The bytes of `bytes` that are the delimiter, a quote, LF or CR, as a 16-bit mask.
  int special_bytes(__m128i bytes) const {
    const __m128i delimiter = _mm_set1_epi8(delimiter_), quote = _mm_set1_epi8('"');
    const __m128i lf = _mm_set1_epi8('\n'), cr = _mm_set1_epi8('\r');
    return _mm_movemask_epi8(_mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(bytes, delimiter), _mm_cmpeq_epi8(bytes, quote)),
                                          _mm_or_si128(_mm_cmpeq_epi8(bytes, lf), _mm_cmpeq_epi8(bytes, cr))));
  }
#endif

  OutputSink& sink_;
  char delimiter_;
  WriterOptions options_;
  bool plain_numbers_ = options_.numbers.plain();   // else --digits or a decimal comma
  std::size_t number_room_ = plain_numbers_ ? kNumberRoom : kStyledNumberRoom;
  std::vector<std::uint8_t> numeric_;   // per column: 1 if numeric (never defused)
  bool needs_quotes_[256] = {};   // the delimiter, quote, LF and CR
  std::string line_;
};

}  // namespace

std::unique_ptr<RecordWriter> make_delimited(OutputSink& sink, char delimiter, WriterOptions options) {
  return std::make_unique<DelimitedWriter>(sink, delimiter, options);
}

}  // namespace attune::writers

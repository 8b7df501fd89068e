// Reading respondents: binds a source's header to an instrument, then yields each row's
// ids, kept columns and parsed item values. The one reading path of score, analyze and
// quality.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "attune/instrument/instrument.h"
#include "attune/io/record_source.h"
#include "attune/responses/cell_parser.h"
#include "attune/responses/columns.h"
#include "attune/responses/empty_records.h"
#include "attune/responses/likert_coding.h"
#include "attune/util/indirect.h"
#include "attune/util/text_encoding.h"

namespace attune {

class PlainLineParser;

// How to read responses: column names, missing codes, response range, invalid cells.
struct ResponseOptions {
  ColumnOptions columns;
  // Added to the instrument's: NA by default, as R's read.csv and pandas read it (a response
  // label "NA" of the instrument still wins, see CellParser); --na and --missing set them.
  std::vector<std::string> missing_codes = {"NA"};
  std::optional<std::pair<double, double>> range;       // --range MIN:MAX
  InvalidPolicy invalid = InvalidPolicy::error;          // --invalid
  char decimal_mark = '.';                               // --decimal
  // --keep-empty: records whose every cell is empty stay rows (responses/empty_records.h).
  bool keep_empty = false;
  // --encoding: what the bytes of text cells (ids, kept cells) and column names are. UTF-8: a
  // cell that is not is an error naming the option; Latin-1 or Windows-1252: read as UTF-8.
  TextEncoding encoding = TextEncoding::utf8;
};

// The response scale a run uses: the instrument's, or the --range one (labels dropped then).
ResponseScale effective_scale(const Instrument& instrument, const ResponseOptions& options);

// One respondent. Views and spans are valid until the next call to next().
struct ResponseRow {
  std::uint64_t number = 0;                  // 1-based data row
  std::vector<std::string_view> texts;       // id cells, then kept cells (UTF-8)
  std::string text_bytes;                    // texts read from another encoding, as UTF-8
  std::vector<double> items;                 // one per instrument item, NaN = missing
  bool whole = false;   // known: every item is NaN or a whole number below 2^20 in magnitude
  // Set by parse(): every cell of its record is empty (a line of delimiters alone:
  // responses/empty_records.h). The parse_line functions take no such line and leave it as it was.
  bool empty = false;
  // Set by parse_line_codes: the items were read as Likert codes, into the bytes it was given
  // (when scoring, `codes`), not into `items`.
  bool coded = false;
  std::vector<std::uint8_t> codes;
};

// Cells --invalid missing turned into missing: how many, per column, and the first (its place
// and message).
struct InvalidCells {
  std::uint64_t count = 0;
  std::map<std::string, std::uint64_t> by_column;
  std::string first;

  // Adds the cells of rows that come after these (parallel runs merge in input order).
  void add_later(const InvalidCells& later);
};

// Parses records of one header for one instrument (several can share a record stream).
// Copies parse independently (one per thread); their invalid cells are merged in input order.
// parse() is the reference: it reads every record and says what is wrong with one. The
// parse_line functions are its fast path for plain CSV lines (src/responses/plain_line.cpp):
// what they take, parse() would read the same; what they decline, parse() reads.
class ResponseParser {
 public:
  // Binds `header` (of `file`; read in --encoding). Throws a data Error for missing item columns,
  // or for the name of a column it reads that is not UTF-8 (unless --encoding says what it is).
  ResponseParser(const Instrument& instrument, std::vector<std::string> header, const ResponseOptions& options,
                 const std::string& file);
  ~ResponseParser();
  ResponseParser(const ResponseParser&);
  ResponseParser(ResponseParser&&) noexcept;
  ResponseParser& operator=(const ResponseParser&);
  ResponseParser& operator=(ResponseParser&&) noexcept;

  // Parses one data record into `row` (`number` is its 1-based data row). Throws a data
  // Error (file:line:col) for a ragged row, a text cell that is not UTF-8 (unless --encoding
  // says what it is) or, unless --invalid missing, an invalid cell.
  void parse(const Record& record, std::uint64_t number, ResponseRow& row);

  // The fast path of parse() for a plain CSV line (CsvReader::peek_line: the record's bytes and
  // its LF) split at `delimiter`: true when the line has no quote and no CR but the one of a
  // CRLF end, has the header's field count, and every item cell is an answer or missing; `row`
  // is then what parse() would make. Else false, and the record must go through parse() (which
  // says what is wrong).
  bool parse_line(std::string_view line, char delimiter, std::uint64_t number, ResponseRow& row);
  // parse_line() giving item j as its code in `coding` in codes[j] instead of a value. False
  // (the record must go through parse()) also when an item's value has no code, or when the
  // one-digit answers do not all have one. row.items is not touched.
  bool parse_line_codes(std::string_view line, char delimiter, std::uint64_t number, const LikertCoding& coding,
                        ResponseRow& row, std::uint8_t* codes);

  const ColumnBinding& binding() const { return binding_; }
  const std::vector<std::string>& header() const { return header_; }
  const ResponseScale& scale() const { return parser_.scale(); }
  // Cells --invalid missing turned into missing.
  std::uint64_t invalid_cells() const { return invalid_.count; }
  // Hands over the invalid cells counted so far and starts counting afresh.
  InvalidCells take_invalid_cells() { return std::exchange(invalid_, InvalidCells{}); }
  // Counts invalid cells of later rows that another copy parsed.
  void add_invalid_cells(const InvalidCells& later) { invalid_.add_later(later); }
  // One line describing the invalid cells (counts per column and the first), or "".
  std::string invalid_cells_summary() const;

 private:
  // Checks row.texts (of `record`) are UTF-8, or reads them from --encoding into row.text_bytes.
  void read_texts(const Record& record, ResponseRow& row);

  std::string file_;
  InvalidPolicy policy_;
  TextEncoding encoding_;
  CellParser parser_;
  std::vector<std::string> header_;
  ColumnBinding binding_;
  InvalidCells invalid_;
  Indirect<PlainLineParser> plain_;   // the parse_line functions' plan (responses/plain_line.h)
};

// Reads respondents of one instrument from a source: its header, then row by row.
class ResponseReader {
 public:
  // Reads and binds the header. Throws a data Error for an empty source or missing columns.
  ResponseReader(const Instrument& instrument, RecordSource& source, const ResponseOptions& options);
  // Binds a header already read from `source`.
  ResponseReader(const Instrument& instrument, RecordSource& source, std::vector<std::string> header,
                 const ResponseOptions& options);

  // Reads the next respondent; false at the end. Throws as ResponseParser::parse. Records
  // whose every cell is empty are left out and counted (empty_records()) unless --keep-empty or
  // the source declares its cases (leaves_out_empty_records).
  bool next(ResponseRow& row);
  // What next_codes() read.
  enum class Read { end, codes, values };
  // Reads the next respondent as next() does, but as its codes in `coding` into `codes` when
  // its line is plain and every item has one (ResponseParser::parse_line_codes); else into
  // row.items.
  Read next_codes(ResponseRow& row, const LikertCoding& coding, std::uint8_t* codes);

  const ColumnBinding& binding() const { return parser_.binding(); }
  const std::vector<std::string>& header() const { return parser_.header(); }
  const ResponseScale& scale() const { return parser_.scale(); }
  RecordSource& source() { return source_; }
  std::uint64_t invalid_cells() const { return parser_.invalid_cells(); }
  std::string invalid_cells_summary() const { return parser_.invalid_cells_summary(); }
  // The records left out because every cell was empty.
  const EmptyRecords& empty_records() const { return empty_; }

 private:
  RecordSource& source_;
  Record record_;
  ResponseParser parser_;
  std::uint64_t rows_ = 0;
  bool leave_out_empty_ = true;
  EmptyRecords empty_;
};

// Reads a source's header; throws a data Error when the source is empty.
std::vector<std::string> read_header(RecordSource& source);

}  // namespace attune

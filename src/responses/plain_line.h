// Private to src/responses: the fast path of ResponseParser for plain CSV lines.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "attune/responses/cell_parser.h"
#include "attune/responses/columns.h"
#include "attune/responses/likert_coding.h"
#include "attune/responses/response_reader.h"
#include "attune/util/text_encoding.h"
#include "responses/line_decoder.h"

namespace attune {

// Reads a plain CSV line (CsvReader::peek_line: the record's bytes and its LF) in one pass that
// splits it and parses its item cells, eight one-digit answers at a time where the header has
// eight items in a row; as Likert codes, on CPUs with AVX-512 VBMI2 the line decoder's 64 bytes
// at a time. It takes a line only when it has no quote and no CR but the one of a CRLF end, has
// the header's field count, is longer than its delimiters and end (so never a record of empty
// cells, which parse() marks), and every item cell is an answer or missing; the row is then what
// ResponseParser::parse would make; text cells with bytes above ASCII only when they are
// well-formed UTF-8 read as UTF-8. Any other line it declines, for parse() to read and report.
class PlainLineParser {
 public:
  // Plans the fields of `binding`, whose cells `cells` parses and whose text cells are in `encoding`.
  PlainLineParser(const ColumnBinding& binding, const CellParser& cells, TextEncoding encoding);

  // ResponseParser::parse_line, parsing cells with `cells`.
  bool parse(std::string_view line, char delimiter, std::uint64_t number, const CellParser& cells,
             ResponseRow& row);
  // ResponseParser::parse_line_codes, parsing cells with `cells`.
  bool parse_codes(std::string_view line, char delimiter, std::uint64_t number, const CellParser& cells,
                   const LikertCoding& coding, ResponseRow& row, std::uint8_t* codes);

 private:
  // parse() and parse_codes(), which differ in where `items` puts the values.
  template <typename Items>
  bool parse_as(std::string_view line, char delimiter, const CellParser& cells, ResponseRow& row, Items& items);
  // The end of a cell of role `role` starting at `start` whose scan stopped at a byte above ASCII
  // at `p`: an ignored cell's end, a text cell's when it is well-formed UTF-8 read as UTF-8; else
  // nullptr (an item cell, or a text cell parse() transcodes or reports).
  const char* past_non_ascii(std::int32_t role, const char* start, const char* p, char delimiter) const;

  TextEncoding encoding_ = TextEncoding::utf8;

  std::size_t texts_ = 0, items_ = 0;   // ids and kept cells; items
  std::size_t shortest_line_ = 0;       // the bytes of a line taken: more than its delimiters and end
  // Per field, its item (>= 0), its text slot (-2 - slot) or nothing (-1); empty when a field
  // has two roles (parse() then does all). The bytes that end a plain field.
  std::vector<std::int32_t> roles_;
  bool stops_[256] = {};
  char stops_delimiter_ = 0;
  // The eight-cell step: per field, how many fields from it on are items in consecutive slots;
  // the answers' digits when they are one range lo..hi (else hi < lo).
  std::vector<std::uint32_t> item_runs_;
  unsigned answer_lo_ = 1, answer_hi_ = 0;
  unsigned answer_digits_ = 0;   // bit d: the one-digit cell d is an answer
  // parse_codes' AVX-512 path, when the CPU has it (made for the coding asked for).
  bool decoder_available_ = false;
  std::optional<LineDecoder> decoder_;
};

}  // namespace attune

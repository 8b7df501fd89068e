// Cutting CSV input into blocks of whole records, so that several threads can parse it: the
// reading thread finds where records end (quote-aware, as the parser sees them) and counts
// them; each block is then parsed on its own by CsvReader::parse_block.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace attune {

// Raw bytes of whole records, with where they start in the input.
struct CsvBlock {
  std::string text;               // whole records, as read
  std::uint64_t first_line = 1;   // 1-based line of the block's first byte
  std::uint64_t first_record = 1; // 1-based record number of its first non-blank record
  std::uint64_t records = 0;      // non-blank records in `text` (blank lines are not records)
};

// Where the records of a CSV text (starting at a record's start) end.
struct RecordCut {
  std::size_t end = 0;            // bytes of whole records (0: no record ends in the text)
  std::uint64_t records = 0;      // non-blank records among them
  std::uint64_t lines = 0;        // line ends among them (as the parser counts lines)
};

// Finds the first record end at or after `want` bytes of `text` (or the last one when the text
// ends first); with `at_eof`, a final record without a line end counts too. Records end at LF,
// CRLF or CR outside quotes; a record with no byte before its end is a blank line. For any
// input, a parser starting at the text's start agrees with the cut up to the first malformed
// byte, where it fails.
RecordCut cut_records(std::string_view text, std::size_t want, bool at_eof);

}  // namespace attune

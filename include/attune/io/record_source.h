// The one reading path: every input format (CSV, and later others) yields Records.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "attune/util/error.h"

namespace attune {

struct CsvBlock;
class PlainText;

// One record (the first is the header). Fields are views valid until the source's next().
struct Record {
  std::vector<std::string_view> fields;
  std::vector<std::uint32_t> columns;   // 1-based byte column of each field's start
  std::vector<std::uint64_t> lines;     // 1-based line of each field's start
  std::uint64_t line = 0;               // line where the record starts
  std::uint64_t number = 0;             // 1-based record number (the header is record 1)

  std::size_t size() const { return fields.size(); }
  // The location of field `i` in `file` (the record's start when i is out of range).
  SourceLocation where(const std::string& file, std::size_t i) const;
  // Whether every field is empty or blank (spaces, tabs: a cell read as no answer): a line of
  // delimiters alone, which is no respondent.
  bool blank() const;
};

// A source of records: a file or stream in some format.
class RecordSource {
 public:
  virtual ~RecordSource() = default;
  // Reads the next record into `record`; false at end of input. Throws data Errors.
  virtual bool next(Record& record) = 0;
  // The name used in messages: the path, or "<stdin>".
  virtual const std::string& name() const = 0;
  // Bytes consumed so far and the total size when known (0 for pipes); for progress bars.
  virtual std::uint64_t bytes_read() const = 0;
  virtual std::uint64_t total_bytes() const = 0;
  // The delimited text whose next records are exactly this source's next records, if there is
  // one now: a run may then take its plain lines itself, or cut it into blocks for threads.
  virtual PlainText* plain_text() { return nullptr; }
  // Whether the records are lines of delimited text (CSV, TSV): a record of empty fields is then
  // a line of delimiters alone, and the calling thread can cut the text into blocks of whole
  // records for worker threads. False for files that declare their cases (SPSS, Stata, SAS),
  // whose own decoding is the work (threads would only add copies).
  virtual bool delimited_text() const { return false; }
  // Starts again at the first record after the header (once the header is read), so that the
  // records, their lines and numbers come again as the first time; false (nothing changed) when
  // this source cannot: a pipe, a FIFO, standard input that is not a file. For a run that needs
  // two passes over its input (quality's sample statistics) instead of holding every row.
  virtual bool rewind() { return false; }
  // Where line `line` of the records handed out lies: the file and its own line (a chain of
  // several files numbers its lines on; see concat_source.h).
  virtual SourceLocation locate(std::uint64_t line) const { return {name(), static_cast<std::size_t>(line), 0}; }
};

// Delimited text whose records a run may take without making a Record of each: a plain line at
// a time (the caller splits it), or blocks of whole records cut for other threads.
class PlainText {
 public:
  virtual ~PlainText() = default;
  // The delimiter in use.
  virtual char delimiter() const = 0;
  // The next line with its LF, when it lies whole in the buffer, is not blank, and is short
  // enough for any limit; else "" (read it as a record). Valid until the next read. Its record
  // is what next() would read only if the line has no quote and no CR other than a CRLF end's
  // (and does not start with it): the caller checks that before take_line().
  virtual std::string_view peek_line() const = 0;
  // The line number of the next record (of the line peek_line() gives).
  virtual std::uint64_t line() const = 0;
  // Consumes the line peek_line() gave, as reading its record would have; returns its line number.
  virtual std::uint64_t take_line(std::string_view line) = 0;
  // Reads the next record; false at end of input. Throws data Errors.
  virtual bool next(Record& record) = 0;

  // What next_block did.
  enum class BlockRead { block, long_record, end };
  // Moves the next whole records (about `bytes` of them, at least one) into `block`, unparsed.
  // `long_record` when no record ends within 2·bytes: read that one with next() (its limits and
  // errors apply as they would without blocks), then go on; `end` at the end of input.
  virtual BlockRead next_block(CsvBlock& block, std::size_t bytes) = 0;
  // A reader of the blocks next_block() cuts (for another thread): nothing to read until
  // parse_block() hands it one.
  virtual std::unique_ptr<PlainText> block_reader() const = 0;
  // Makes this reader's records `block`'s (with their lines and record numbers in the input);
  // takes its text, and gives back the text of the block read before.
  virtual void parse_block(CsvBlock& block) = 0;
};

}  // namespace attune

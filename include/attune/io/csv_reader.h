// A streaming RFC 4180 CSV reader: quoted fields with embedded delimiters, quotes and
// newlines; UTF-8 BOM; LF, CRLF or CR alone; delimiter ',', ';' or tab, detected from the header line.
// Reads the input in large blocks; memory is bounded by the longest record, not the row count.
// Throws data Errors (file:line:col) for malformed input.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "attune/io/csv_block.h"
#include "attune/io/record_source.h"
#include "attune/util/text_encoding.h"

namespace attune {

// Limits that keep hostile input bounded; each breach is an Error naming the limit.
struct CsvLimits {
  std::size_t max_field_bytes = 64u << 20;   // 64 MiB
  std::size_t max_columns = 100000;
};

struct CsvOptions {
  char delimiter = 0;   // 0: detect from the first line (',' ';' or '\t')
  CsvLimits limits;
  // What the text is read as (--encoding): a file starting with a UTF-8 byte order mark is
  // refused under Latin-1 or Windows-1252, as the mark says the text is UTF-8.
  TextEncoding encoding = TextEncoding::utf8;
};

// Reads records from a file or from standard input ("-").
class CsvReader final : public RecordSource, public PlainText {
 public:
  // Opens `path` ("-" is standard input). Throws an io Error naming the file.
  CsvReader(const std::string& path, CsvOptions options = {});
  // Reads the descriptor `fd` (owned from then on; 0 is never closed) after `head`, the bytes
  // already read from it; `size` is its total size when known (0 for pipes), for progress.
  CsvReader(int fd, std::string name, std::string_view head, std::uint64_t size, CsvOptions options = {});
  // Reads from an in-memory text (tests, fuzzing); `name` is used in messages.
  static std::unique_ptr<CsvReader> from_string(std::string text, std::string name,
                                                CsvOptions options = {});
  ~CsvReader();
  CsvReader(const CsvReader&) = delete;
  CsvReader& operator=(const CsvReader&) = delete;

  bool next(Record& record) override;
  const std::string& name() const override { return name_; }
  std::uint64_t bytes_read() const override { return consumed_; }
  std::uint64_t total_bytes() const override { return total_; }
  PlainText* plain_text() override { return delimiter_ != 0 ? this : nullptr; }
  bool delimited_text() const override { return true; }
  // On a regular file or an in-memory text, after the header: back to the first record's byte.
  bool rewind() override;

  // The delimiter in use (known after the first record).
  char delimiter() const override { return delimiter_; }
  // The options the reader was made with (limits; the delimiter asked for, 0 if detected).
  const CsvOptions& options() const { return options_; }

  // PlainText, after the header (peek_line gives nothing before it).
  std::string_view peek_line() const override;
  std::uint64_t line() const override { return line_; }
  std::uint64_t take_line(std::string_view line) override;
  BlockRead next_block(CsvBlock& block, std::size_t bytes) override;
  std::unique_ptr<PlainText> block_reader() const override;
  void parse_block(CsvBlock& block) override;
  // A reader of blocks cut by another reader of the same input (`options.delimiter` set).
  static std::unique_ptr<CsvReader> block_parser(std::string name, CsvOptions options);

 private:
  struct Named {};
  CsvReader(Named, std::string name, CsvOptions options);
  enum class Parse { done, need_more };
  Parse parse_record(Record& record);   // from pos_; need_more when the buffer ends first
  bool parse_simple_record(Record& record);   // the fast path: no quotes, whole in the buffer
  bool fill();                          // reads more input; false at end of input
  void detect_delimiter();
  void use_delimiter(char delimiter);   // sets delimiter_ and the bytes the field scan stops at
  [[noreturn]] void fail(std::size_t at, std::string message, std::string hint) const;

  std::string name_;
  CsvOptions options_;
  int fd_ = -1;
  bool eof_ = false;
  char delimiter_ = 0;
  std::string buffer_;                 // raw bytes; [pos_, end_) not yet parsed; '\n' at end_
  std::size_t pos_ = 0, end_ = 0;
  std::size_t line_start_ = 0;         // buffer offset where the current line starts
  std::uint64_t line_ = 1;             // line number at pos_
  struct FieldSpan {
    std::size_t offset, length;
    bool in_scratch;                   // unescaped copy in scratch_, else raw in buffer_
  };
  std::string scratch_;                // unescaped quoted fields of the current record
  std::vector<FieldSpan> spans_;
  std::uint64_t records_ = 0;
  std::uint64_t consumed_ = 0, total_ = 0;
  bool special_[256] = {};
  bool cr_lines_ = false;              // the header ended with a lone CR: lines end with CR
  void remember_first_record();        // after the header: where rewind() goes back to
  struct FirstRecord {
    bool known = false;                // the header was read through next()
    std::int64_t offset = -1;          // its byte offset in the file (-1: cannot seek)
    std::size_t pos = 0;               // its offset in buffer_ for an in-memory text
    std::uint64_t line = 0, consumed = 0;
  } first_;
};

}  // namespace attune

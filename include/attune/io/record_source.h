// The one reading path: every input format (CSV, and later others) yields Records.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "attune/util/error.h"

namespace attune {

class CsvReader;

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
  // The CSV reader whose next records are exactly this source's next records, if there is one
  // now: a run may then cut them into blocks for several threads (CsvReader::next_block).
  virtual CsvReader* csv_blocks() { return nullptr; }
};

}  // namespace attune

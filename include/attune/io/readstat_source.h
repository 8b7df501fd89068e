// Reads SPSS (.sav, .zsav), Stata (.dta) and SAS (.sas7bdat) files through ReadStat as Records:
// first a header of variable names, then one record per case. Numbers are rendered in shortest
// round-trip form ("4", "0.1"); system-missing, Stata/SAS tagged missing (.a-.z) and SPSS
// user-missing values (declared missing codes and ranges) become empty fields, i.e. missing;
// strings are passed as they are. Value labels are exposed per variable, keyed by the cell text
// of the code, and never replace the code in a cell.
//
// Memory: ReadStat parses a whole file through callbacks, so cases are read in chunks of
// about `chunk_cells` cells (at least one case) into one text buffer. The first chunk is read
// on construction; each later chunk re-parses the file with ReadStat's row offset and stops
// once the chunk is full. Memory is bounded by the chunk, not the file; the price is that the
// file's dictionary (and, for compressed files, the skipped cases) is decoded once per chunk.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "attune/io/input_format.h"
#include "attune/io/record_source.h"

namespace attune {

// Limits that keep memory bounded and hostile input in check.
struct ReadStatLimits {
  std::size_t chunk_cells = 1u << 20;        // cells held at once (at least one case)
  std::size_t chunk_bytes = 64u << 20;       // text bytes held at once (at least one case)
  std::size_t max_variables = 100000;        // like CsvLimits::max_columns
};

// What the file says about one variable (column).
struct VariableInfo {
  std::string name;
  std::string label;                               // the variable label; may be empty
  bool numeric = true;
  std::map<std::string, std::string> value_labels; // cell text of a code -> its label
  std::vector<std::pair<double, double>> user_missing;  // SPSS missing ranges (lo == hi: a code)
};

class ReadStatSource : public RecordSource {
 public:
  // Opens `path` as `format` (sav, zsav, dta or sas7bdat) and reads its dictionary and first
  // chunk. Throws an io Error if the file cannot be opened, a data Error if it is not a
  // readable file of that format (naming what it looks like instead), a usage Error for csv.
  ReadStatSource(const std::string& path, InputFormat format, ReadStatLimits limits = {});
  // Reads the regular file open on `fd` (owned from then on) from its start; `name` is used
  // in messages. Throws as the path constructor does.
  ReadStatSource(int fd, std::string name, InputFormat format, ReadStatLimits limits = {});
  // Reads from bytes in memory (tests, fuzzing); `name` is used in messages.
  static std::unique_ptr<ReadStatSource> from_bytes(std::string bytes, std::string name,
                                                    InputFormat format,
                                                    ReadStatLimits limits = {});
  ~ReadStatSource() override;
  ReadStatSource(const ReadStatSource&) = delete;
  ReadStatSource& operator=(const ReadStatSource&) = delete;

  bool next(Record& record) override;
  const std::string& name() const override { return name_; }
  // Progress: the file size times the share of cases delivered (0 until the case count is known).
  std::uint64_t bytes_read() const override;
  std::uint64_t total_bytes() const override { return total_bytes_; }
  // After the header: back to the first case (the first chunk is read again unless it is the current one).
  bool rewind() override;

  // The variables in column order, with their labels, value labels and SPSS missing codes.
  const std::vector<VariableInfo>& variables() const { return variables_; }
  // The case count the file declares; -1 when it does not say.
  std::int64_t declared_case_count() const { return declared_cases_; }

 private:
  struct Parse;                      // the state ReadStat's callbacks fill (in the .cpp)
  ReadStatSource(std::string name, std::string memory, InputFormat format, ReadStatLimits limits);
  void open_fd();                    // checks fd_ is a regular file, reads the first chunk
  void read_chunk();                 // parses cases from cases_done_ on, up to a full chunk
  // Up to `bytes` bytes of the input from `offset` (fewer at its end).
  std::size_t read_at(std::uint64_t offset, char* buffer, std::size_t bytes) const;
  // A .sav file that does not declare its case count: throws unless its data section holds
  // exactly `cases` whole cases (ReadStat stops quietly at a short read then).
  void check_whole(std::uint64_t cases) const;
  [[noreturn]] void fail(int code, const std::string& detail) const;

  std::string name_;
  InputFormat format_;
  ReadStatLimits limits_;
  std::string memory_;               // from_bytes input
  int fd_ = -1;
  std::uint64_t total_bytes_ = 0;
  std::int64_t declared_cases_ = -1;
  bool row_compressed_ = false;      // .sav bytecode-compressed cases
  bool binary_compressed_ = false;   // .zsav zlib-compressed blocks
  bool big_endian_ = false;
  std::uint64_t data_start_ = 0;     // .sav: where the cases start
  std::vector<VariableInfo> variables_;
  bool dictionary_read_ = false;     // variables_ is complete (after the first chunk)
  bool header_sent_ = false;

  // The current chunk: its text, one (begin, size) span per cell, case-major.
  std::string text_;
  std::vector<std::pair<std::uint64_t, std::uint32_t>> cells_;
  std::size_t chunk_cases_ = 0;      // cases in the chunk
  std::size_t chunk_pos_ = 0;        // next case of the chunk to deliver
  std::uint64_t cases_done_ = 0;     // cases before the chunk
  bool more_cases_ = false;          // the file holds cases after the chunk
  std::uint64_t records_ = 0;
};

}  // namespace attune

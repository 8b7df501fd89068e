// Several inputs read in order as one data set (`attune score -i ecr-r wave1.csv wave2.csv`):
// each next file's header must equal the first's; its header is then skipped and its records
// follow the first file's. The chain numbers lines on across its files (a file's line n is
// the chain's line offset + n) and maps such a line back to its file (ChainLines), so that a
// message about a row of the second file names that file and its own line.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "attune/io/record_source.h"
#include "attune/util/error.h"

namespace attune {

// Where each file of a chain lies in the chain's line numbers.
class ChainLines {
 public:
  explicit ChainLines(std::string name) : name_(std::move(name)) {}
  // The name the chain's records are located in (its first file's).
  const std::string& name() const { return name_; }
  // Records that `file`'s lines follow from line `offset` + 1 of the chain on.
  void add(std::string file, std::uint64_t offset) { parts_.push_back({std::move(file), offset}); }
  // `at` in the file it lies in and that file's own line (unchanged when it names another
  // file or no line).
  SourceLocation locate(const SourceLocation& at) const;

 private:
  struct Part {
    std::string file;
    std::uint64_t offset = 0;
  };
  std::string name_;
  std::vector<Part> parts_;
};

// Reads `sources` in order as one source. The first one's header is the header; every next
// one's must hold the same names in the same order (else a data Error naming that file, the
// first column that differs and both names). With a `source_column` name, each record gets
// one more field: that name in the header, the file's name (as given) in every row (empty in
// a record of empty cells, which stays one).
// name() is the first file's; plain_text() is none (lines are renumbered record by record).
class ConcatSource : public RecordSource {
 public:
  ConcatSource(std::vector<std::unique_ptr<RecordSource>> sources, std::string source_column = {});

  bool next(Record& record) override;
  const std::string& name() const override { return lines_->name(); }
  std::uint64_t bytes_read() const override;
  std::uint64_t total_bytes() const override;
  bool delimited_text() const override;
  // Starts every file again after its header (reading ahead, and checking, the headers of the
  // files not reached yet), so the chain's records, lines and numbers come again as the first
  // time; false when a file cannot (standard input, a pipe). Called before any record after the
  // header was handed out (as quality does), a false leaves the chain reading on as before.
  bool rewind() override;
  SourceLocation locate(std::uint64_t line) const override {
    return lines_->locate({name(), static_cast<std::size_t>(line), 0});
  }
  // The map from the chain's lines to each file's (shared: it outlives the source, for errors
  // that reach the caller after it is gone).
  std::shared_ptr<const ChainLines> lines() const { return lines_; }

 private:
  void check_header(const Record& record) const;
  void add_source_field(Record& record, const std::string& value) const;

  std::vector<std::unique_ptr<RecordSource>> sources_;
  std::string source_column_;
  const std::string empty_;
  std::shared_ptr<ChainLines> lines_;
  std::vector<std::string> header_;
  std::size_t at_ = 0;               // the file being read
  bool header_read_ = false;         // whether the current file's header was read
  std::uint64_t line_offset_ = 0;    // added to the current file's lines
  std::uint64_t last_line_ = 0;      // the highest chain line handed out
  std::uint64_t number_offset_ = 0;  // added to the current file's record numbers (its header skipped)
  std::uint64_t last_number_ = 0;
  std::uint64_t done_bytes_ = 0;     // bytes of the files read to their end
  // Per file: its header was read and the file started again after it (rewind), so reaching
  // it reads no header; the line its header ends on (its own numbering); files in lines_.
  std::vector<char> header_taken_;
  std::vector<std::uint64_t> header_end_;
  std::size_t files_in_lines_ = 1;
  std::uint64_t first_header_line_ = 0, first_header_number_ = 0;
};

}  // namespace attune

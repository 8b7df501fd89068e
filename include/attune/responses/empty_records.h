// Records that are not respondents: a line of delimiters alone (";;;;", as a spreadsheet saves
// the empty rows below its data) has every cell empty. Runs leave such records out of every
// output and statistic and say so; --keep-empty keeps them as rows. A record with an id but no
// answer is a respondent (with empty scores). SPSS, Stata and SAS files declare their cases: an
// empty cell there is a missing value, so their records are never left out.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "attune/io/record_source.h"

namespace attune {

struct ResponseOptions;

// The records left out as empty: how many, and the lines of the first few.
struct EmptyRecords {
  static constexpr std::size_t kLinesShown = 5;
  std::uint64_t count = 0;
  std::vector<std::uint64_t> first_lines;

  // Counts the record starting on `line`.
  void add(std::uint64_t line) {
    if (count++ < kLinesShown) first_lines.push_back(line);
  }
  // Counts records that come after these (parallel runs merge in input order).
  void add_later(const EmptyRecords& later);
  // One line saying how many were left out and where, or "" when none were.
  std::string summary(const std::string& file) const;
  // As summary(file), each line mapped to its file through `source` (a chain of several files).
  std::string summary(const RecordSource& source) const;
};


// Whether a run reading `source` with `options` leaves empty records out: a delimited-text source
// (RecordSource::delimited_text) without --keep-empty.
bool leaves_out_empty_records(const RecordSource& source, const ResponseOptions& options);

}  // namespace attune

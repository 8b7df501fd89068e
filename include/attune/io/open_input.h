// Opens survey responses in any supported format as a RecordSource: the one reading path.
// An input is opened once and read forward only: its format is sniffed from the bytes read
// first, which the reader then starts with, so named pipes, process substitution (<(...)),
// /dev/stdin and "-" read as regular files do. A binary data set arriving through a pipe is
// copied to an unlinked temporary file ($TMPDIR, else /tmp), as ReadStat needs to seek.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "attune/io/csv_reader.h"
#include "attune/io/qualtrics_source.h"
#include "attune/io/readstat_source.h"
#include "attune/io/record_source.h"

namespace attune {

// How to read an input: its format ("csv", "sav", "zsav", "dta", "sas7bdat", or empty/"auto"),
// the CSV reader's options, Qualtrics' header rows, and ReadStat's chunk limits.
struct InputOptions {
  std::string format;
  CsvOptions csv;
  QualtricsMode qualtrics = QualtricsMode::automatic;
  ReadStatLimits readstat;
};

// Opens `path` ("-" is standard input) as `format`: "csv", "sav", "zsav", "dta",
// "sas7bdat", or empty/"auto" to decide by the extension (.sav .zsav .dta .sas7bdat; anything
// else is CSV), except that standard input and pipes without such an extension are read in
// the format their first bytes show. Throws a usage Error for an unknown format, an io Error
// for a file that cannot be opened, and a data Error for a file that is not what its format
// says (naming what it looks like).
// CSV inputs are read with `csv_options` and, unless `qualtrics` is off, Qualtrics' extra
// header rows are dropped (see qualtrics_source.h).
std::unique_ptr<RecordSource> open_record_source(const std::string& path,
                                                 std::string_view format = {},
                                                 CsvOptions csv_options = {},
                                                 QualtricsMode qualtrics = QualtricsMode::automatic);

// As open_record_source, over a descriptor already open for reading (owned from then on;
// standard input's 0 is never closed). `name` is used in messages and its extension as a
// path's is. Fuzzing and tests reach the sniffing path through this.
std::unique_ptr<RecordSource> open_record_source_fd(int fd, const std::string& name,
                                                    const InputOptions& options);

}  // namespace attune

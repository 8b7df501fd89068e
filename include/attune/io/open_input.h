// Opens survey responses in any supported format as a RecordSource: the one reading path.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "attune/io/csv_reader.h"
#include "attune/io/qualtrics_source.h"
#include "attune/io/record_source.h"

namespace attune {

// Opens `path` ("-" is standard input, CSV only) as `format`: "csv", "sav", "zsav", "dta",
// "sas7bdat", or empty/"auto" to decide by the extension (.sav .zsav .dta .sas7bdat; anything
// else is CSV). Throws a usage Error for an unknown format or a binary format on standard
// input, an io Error for a file that cannot be opened, and a data Error for a file that is
// not what its format says (naming what it looks like).
// CSV inputs are read with `csv_options` and, unless `qualtrics` is off, Qualtrics' extra
// header rows are dropped (see qualtrics_source.h).
std::unique_ptr<RecordSource> open_record_source(const std::string& path,
                                                 std::string_view format = {},
                                                 CsvOptions csv_options = {},
                                                 QualtricsMode qualtrics = QualtricsMode::automatic);

}  // namespace attune

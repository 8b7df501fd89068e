// Qualtrics CSV exports: a header of column names followed by two more header rows (the
// question texts, then ImportId JSON such as {"ImportId":"QID1"}). This source passes the
// column names on and drops the two extra rows, so the data start at the fourth line.
#pragma once

#include <memory>

#include "attune/io/record_source.h"

namespace attune {

// auto: drop the rows only when the third row is ImportId JSON; on: always drop the second
// row (and the third when it is ImportId JSON; older exports had two header rows); off: never.
enum class QualtricsMode { automatic, on, off };

// Wraps `inner` (a CSV source) so that Qualtrics' extra header rows are skipped.
std::unique_ptr<RecordSource> skip_qualtrics_headers(std::unique_ptr<RecordSource> inner, QualtricsMode mode);

// Whether a row is Qualtrics' ImportId row: its non-empty cells are JSON objects naming an
// ImportId, and at least one is.
bool is_qualtrics_import_row(const Record& record);

}  // namespace attune

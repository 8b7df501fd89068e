// Private to src/io: the concrete record writers behind make_writer().
#pragma once

#include <memory>

#include "attune/io/record_writer.h"

namespace attune::writers {

// CSV (RFC 4180 quoting) or TSV (tabs and line breaks in cells escaped as \t \n \r \\).
std::unique_ptr<RecordWriter> make_delimited(OutputSink& sink, char delimiter, WriterOptions options);
// A JSON array of objects, or JSON lines (one object per line).
std::unique_ptr<RecordWriter> make_json(OutputSink& sink, bool lines, NumberStyle numbers);
// An aligned text table for terminals; holds all rows to size the columns.
std::unique_ptr<RecordWriter> make_table(OutputSink& sink, WriterOptions options);
// An SPSS .sav (or, with `stata`, a Stata .dta) file: numbers as doubles, text as strings,
// columns with value labels as labelled codes; holds every row (the header counts them).
std::unique_ptr<RecordWriter> make_readstat(OutputSink& sink, bool stata, NumberStyle numbers);

}  // namespace attune::writers

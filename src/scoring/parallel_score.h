// Private to src/scoring: scoring rows on several threads with output in input order.
//
// The calling thread reads records and copies each batch of them into the batch's own arena;
// worker threads parse, score, classify and format whole batches into the batch's own output
// buffer; the calling thread then writes the buffers, adds the summaries and merges the
// invalid-cell counts strictly in input order. A bounded number of batches is in flight, so
// memory does not grow with the row count. The bytes written are those of the sequential run.
#pragma once

#include <cstdint>
#include <functional>

#include "attune/io/record_source.h"
#include "attune/io/record_writer.h"
#include "attune/scoring/score_run.h"
#include "score_lane.h"

namespace attune::scoring {

// Scores the data records left in `source` (the header has been read) with `lanes` onto
// `writer`, whose row_formatter() must not be null, on `threads` worker threads. Updates each
// lane's summary and invalid-cell counts; returns the number of rows. On an error, throws the
// error the sequential run would have thrown (that of the earliest failing row) after writing
// only the rows before it.
// `on_record` sees every record on the reading thread, in input order (e.g. to note ids).
std::uint64_t score_in_parallel(const Lanes& lanes, const RowShape& shape, std::size_t cell_count,
                                RecordSource& source, RecordWriter& writer, unsigned threads,
                                const ScoreHooks& hooks, const std::function<void(const Record&)>& on_record);

}  // namespace attune::scoring

// Private to src/scoring: scoring rows on several threads with output in input order.
//
// The calling thread cuts plain CSV input into blocks of whole records (counting them, without
// parsing; a record longer than a block is read whole, as without threads), or copies the
// records of other sources into a batch's own arena; worker threads
// parse, score, classify and format whole batches into the batch's own output
// buffer; the calling thread then writes the buffers, adds the summaries and merges the
// invalid-cell counts strictly in input order. A bounded number of batches is in flight, so
// memory does not grow with the row count. The bytes written are those of the sequential run.
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <string_view>

#include "attune/io/record_source.h"
#include "attune/io/record_writer.h"
#include "attune/responses/duplicate_ids.h"
#include "attune/run/score_run.h"
#include "score_lane.h"

namespace attune::scoring {

// Scores the data records left in `source` (the header has been read) with `lanes` onto
// `writer`, whose row_formatter() must not be null, on `threads` worker threads. Updates each
// lane's summary (when `summary`) and invalid-cell counts; returns the number of rows. On an error, throws the
// error the sequential run would have thrown (that of the earliest failing row), having written
// no row at or after it (rows just before it may be unwritten, as a failed run's output is cut).
// Every row's id (when the lanes' binding has id columns) is noted in `ids` on the calling
// thread, in input order, as the sequential run notes them.
std::uint64_t score_in_parallel(const Lanes& lanes, const RowShape& shape, std::size_t cell_count,
                                RecordSource& source, RecordWriter& writer, unsigned threads, bool summary,
                                const ScoreHooks& hooks, DuplicateIds& ids);

}  // namespace attune::scoring

// Private to src/run: what reading a respondent takes in `quality` (the bound response parser,
// the attention-check and duration cells), kept from the first pass for the second
// (quality_run.cpp reads the first pass, quality_rows.cpp writes the second).
#pragma once

#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "attune/quality/screen.h"
#include "attune/responses/empty_records.h"
#include "attune/responses/likert_coding.h"
#include "attune/responses/observed_range.h"
#include "attune/responses/cell_parser.h"
#include "attune/responses/response_reader.h"
#include "attune/run/quality_run.h"
#include "attune/stats/pairwise_moments.h"
#include "attune/util/error.h"
#include "attune/util/text.h"
#include "run/progress_tick.h"
#include "run/row_loop.h"

namespace attune {

// Reads attention-check and duration cells as item cells are read (a CellParser): numbers,
// the definition's response labels (checks only) and missing codes with --missing, in the
// --decimal mark; any value, since neither needs to be on the items' scale.
class ExtraCellReader {
 public:
  ExtraCellReader(ResponseScale scale, const ResponseOptions& options, std::string file)
      : parser_(unbounded(std::move(scale)), options.missing_codes, options.decimal_mark), file_(std::move(file)) {}

  double read(const Record& record, std::size_t field, const std::string& column) const {
    ParsedCell cell = parser_.parse(record.fields[field]);
    if (cell.status == CellStatus::invalid) {
      throw data_error(record.where(file_, field), fmt::format("column {}: {}", show_text(column), cell.problem),
                       "give numbers (attention checks may also use the definition's response labels); add "
                       "--missing CODE for a code that means no answer");
    }
    return cell.value;   // NaN when missing
  }

 private:
  static ResponseScale unbounded(ResponseScale scale) {
    scale.min = -std::numeric_limits<double>::infinity();
    scale.max = std::numeric_limits<double>::infinity();
    scale.integer = false;
    return scale;
  }
  CellParser parser_;
  std::string file_;
};

// How one respondent's record is read: copied once per worker thread in the second pass.
struct QualityReader {
  ResponseParser parser;
  std::vector<std::size_t> check_fields;
  std::vector<std::string> check_columns;
  std::optional<std::size_t> duration_field;
  std::string duration_column;
  ExtraCellReader check_cells, duration_cells;
  bool leave_out_empty = false;

  // Reads `record` (data row `number`) into `row`, `checks` and `duration`; false when it is an
  // empty record left out. Throws data Errors for bad cells.
  bool read(const Record& record, std::uint64_t number, ResponseRow& row, std::vector<double>& checks,
            double& duration) {
    parser.parse(record, number, row);
    if (row.empty && leave_out_empty) return false;
    checks.clear();
    for (std::size_t c = 0; c < check_fields.size(); ++c) {
      checks.push_back(check_cells.read(record, check_fields[c], check_columns[c]));
    }
    duration = duration_field ? duration_cells.read(record, *duration_field, duration_column) : NAN;
    return true;
  }
};

// The reader, and the screener the first pass's sample statistics made.
struct QualityPass : QualityReader {
  std::unique_ptr<Screener> screener;   // after the first pass
};

// What the first pass fills, for read_first_pass_in_batches (quality_first_pass.cpp).
struct FirstPassInput {
  QualityReader& reader;      // its parser is copied to each worker and counts their invalid cells
  PairwiseMoments& sample;    // every row's answers
  LikertCoding coding;        // of the parser's scale
  bool watch_range;           // whether `seen` is wanted (no --range)
  ObservedRange& seen;
  EmptyRecords& empty;
  std::uint64_t& respondents;
};

// Worker threads for a pass over `source` with --threads `requested`; 0: the calling thread
// alone. The default (0) follows score: one per core for delimited text, none for sources
// whose decoding is the work.
unsigned quality_threads(const RecordSource& source, unsigned requested);

// The first pass of the Likert fast path over `threads` worker threads, from the source's first
// record: the same sample moments, counts and errors as the one-thread loop.
void read_first_pass_in_batches(FirstPassInput& in, RecordSource& source, unsigned threads,
                                const std::function<void(std::uint64_t, std::uint64_t)>& report);

// Cuts the next batch of `source` for both passes' workers, as score's row loop does: a block
// of whole records when `source` has plain text (each worker given a block reader the first
// time), else copied records, at most `max_rows`, up to one long record or the start of plain
// text. Sets `from_block`, counts the rows in `rows` and `progress`; false once `source` ended.
template <typename Worker>
bool cut_batch(RecordSource& source, std::vector<Worker>& workers, scoring::Batch& batch, bool& from_block,
               std::size_t block_bytes, std::size_t max_rows, Record& record, ProgressTick& progress,
               std::uint64_t& rows) {
  PlainText* text = source.plain_text();
  PlainText::BlockRead cut = PlainText::BlockRead::long_record;
  if (text) {
    if (!workers.front().blocks) {
      for (auto& worker : workers) worker.blocks = text->block_reader();
    }
    cut = text->next_block(batch.block, block_bytes);
  }
  if (cut == PlainText::BlockRead::block) {
    from_block = true;
    batch.records = batch.block.records;
    for (std::size_t r = 0; r < batch.records; ++r) progress.row();
    rows += batch.records;
    return true;
  }
  if (cut == PlainText::BlockRead::end) return false;
  bool more = true;
  while (batch.records < max_rows && (more = source.next(record))) {
    progress.row();
    batch.add(record);
    ++rows;
    if (text || source.plain_text()) break;   // the one long record, or plain text from here: blocks again
  }
  return more;
}

}  // namespace attune

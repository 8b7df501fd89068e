// Private to src/run: a scoring run and its one row loop.
//
// Rows go in batches through an OrderedPool (util/ordered_pool.h). Each row is parsed, scored,
// classified and formatted by one body (take_row, emit_row), on a worker thread or on the
// calling thread; the calling thread then collects each batch in input order: writes its rows,
// adds them to the summaries, notes their ids and merges the invalid-cell counts. With
// --threads above 1, the calling thread cuts plain CSV input into blocks of whole records
// (counting them, without parsing; a record longer than a block is read whole), or copies the
// records of other sources into a batch, and worker threads do the rest. With no worker
// threads, the calling thread reads each batch's rows straight from the source and writes them
// as it goes, with no copy and no handoff. A bounded number of batches is in flight, so memory
// does not grow with the row count; the bytes written are the same whatever the threads.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "attune/io/csv_block.h"
#include "attune/io/record_source.h"
#include "attune/io/record_writer.h"
#include "attune/responses/duplicate_ids.h"
#include "attune/run/score_run.h"
#include "score_lane.h"

namespace attune::scoring {

// Rows per batch of held rows (and of rows read from the source).
inline constexpr std::size_t kHeldBatchRows = 1024;

// Where a batch's rows come from: the source itself (no worker threads), a CSV block cut by the
// calling thread, records copied out of another source, or the rows a sample-based run held.
enum class RowsFrom { source, block, copies, held };

// A run of rows, and what was made of them.
struct Batch {
  RowsFrom from = RowsFrom::source;
  std::uint64_t first_row = 0;   // 1-based data row of the first
  std::size_t records = 0;       // rows read (block, copies: known before the work)
  std::size_t emitted = 0;       // rows scored and written (not held, not excluded)
  std::size_t first_held = 0;    // RowsFrom::held: index of the first held row
  CsvBlock block;
  // Copied records: their fields, their places, and their record numbers.
  std::string text;                                // every field's bytes, one after another
  std::vector<std::uint32_t> field_ends;           // end of each field in `text`
  std::vector<std::uint32_t> field_columns;        // Record::columns
  std::vector<std::uint32_t> field_line_offsets;   // Record::lines minus the record's line
  std::vector<std::uint32_t> record_fields;        // fields per record
  std::vector<std::uint64_t> record_lines, record_numbers;

  // Per lane, for each emitted row: its scores (a score row's width each) and classification;
  // per lane, the invalid cells; the rows formatted (when not written as they were made).
  std::vector<std::vector<double>> scores;
  std::vector<std::vector<Classification>> classifications;
  std::vector<InvalidCells> invalid;
  std::string out;
  // For the repeated-id check, the rows' ids in order: runs of one-cell whole-number ids, each
  // one more than the last on the next line (count > 0), and the others one by one (count 0:
  // its id cells are the next in `ids`, ended by `id_ends`).
  struct IdEntry {
    std::int64_t first_id = 0;
    std::uint64_t line = 0, count = 0;
  };
  std::vector<IdEntry> id_entries;
  std::string ids;
  std::vector<std::uint32_t> id_ends;
  // Whether the rows' answers are watched for the declared scale's ends, and per lane what they
  // reached (ObservedRange; merged into the lane's when collected).
  bool watch_range = false;
  std::vector<ObservedRange> seen;
  // Rows --exclude-flagged left out, and the first one's id.
  std::uint64_t excluded = 0;
  std::string first_excluded;

  void clear();
  // Copies `record` in as the next record.
  void add(const Record& record);
  // Record r of the copies into `record`; `field` and `start` walk the fields (returns the next start).
  std::uint32_t rebuild(std::size_t r, std::size_t& field, std::uint32_t start, Record& record) const;
  // Row e's scores in lane l, `width` wide.
  std::span<double> scores_of(std::size_t l, std::size_t e, std::size_t width) {
    return {scores[l].data() + e * width, width};
  }
};

// What one thread owns while it works on batches: its own copies of the parsers and scorers
// (the lanes' sit beside the summaries the calling thread updates), and scratch space; on
// cache lines of its own, as what the calling thread writes while collecting is below.
struct alignas(64) Worker {
  bool direct = false;                   // rows are written as they are made (no worker threads)
  const RowFormatter* formatter = nullptr;   // else formatted into the batch by this
  std::unique_ptr<PlainText> blocks;     // parses CSV blocks (worker threads)
  std::vector<ResponseParser> parsers;   // per lane
  std::vector<Scorer> scorers;
  std::vector<ResponseRow> rows;
  std::vector<std::string> flags;        // the lane's flags of the row being written
  Record record;
  std::vector<Cell> cells;
  std::vector<std::string_view> texts;   // a held row's
  std::string row_key;
};

// One scoring run: set-up and report (score_run.cpp), the row loop (row_loop.cpp), and the
// rows a sample-based run holds for its second pass (held_rows.cpp; read_held_rows in row_loop.cpp).
class ScoreRun {
 public:
  ScoreRun(const std::vector<Instrument>& instruments, RecordSource& source, RecordWriter& writer,
           const ScoreOptions& options, const ScoreHooks& hooks);
  ScoreReport run();

 private:
  std::string column_name(const Lane& lane, const std::string& name) const;
  void begin_output();
  // Worker threads for the rows; 0 reads, scores and writes them on the calling thread.
  unsigned worker_threads() const;

  // Reads every row of the source (from == source) or of the held rows (from == held) through
  // the one body, on `threads` worker threads.
  void loop(unsigned threads, RowsFrom from);
  // Fills `batch` with the next block or copied records (calling thread); false at the end.
  bool cut(Batch& batch, std::vector<Worker>& workers, Record& record);
  void work(Worker& worker, Batch& batch);
  void read_source_rows(Worker& worker, Batch& batch);
  void read_batch_rows(Worker& worker, Batch& batch);
  void read_held_rows(Worker& worker, Batch& batch);
  // Parses the next record of `text` for every lane when it is a plain line all take, and
  // consumes it (`line`: its line number); false, with nothing consumed, when it must be read
  // as a record.
  bool parse_plain_line(PlainText& text, char delimiter, Worker& worker, std::uint64_t row, std::uint64_t& line) const;
  // The one body: a parsed row (worker.rows; `record` when it was read as one) is noted, held
  // or left out, or scored and emitted. kOnWorker: on a worker thread, where the run has no
  // flags, held rows, forced choice, borderline cuts or flag columns (worker_threads() gives
  // none to such runs), so their steps are compiled out of the body.
  template <bool kOnWorker>
  void take_row(Worker& worker, Batch& batch, std::uint64_t row, std::uint64_t line, const Record& record);
  // Classifies the batch's next emitted row (its scores already in place) and writes or formats it.
  template <bool kOnWorker>
  void emit_row(Worker& worker, Batch& batch, std::uint64_t row, std::span<const std::string_view> texts,
                std::string_view quality);
  // Writes the batch and adds it up in input order (calling thread).
  void collect(Batch& batch);
  void keep_ids(Batch& batch, std::span<const std::string_view> texts, std::uint64_t line) const;
  void note_ids(const Batch& batch);
  // The respondent's flags from --exclude-flagged / --quality, keyed by its first id (or row).
  std::string_view joined_flags(Worker& worker, std::span<const std::string_view> texts, std::uint64_t row) const;

  void hold_row(Worker& worker, std::uint64_t row, const Record& record);
  void fit_lane(std::size_t l);

  RecordSource& source_;
  RecordWriter& writer_;
  const ScoreOptions& options_;
  const ScoreHooks& hooks_;
  Lanes lanes_;
  bool hold_ = false, prefixed_ = false, forced_choice_ = false, flag_column_ = false;
  RowShape shape_;
  std::size_t cell_count_ = 0;
  std::vector<std::size_t> id_fields_;
  // Written by the calling thread while workers read the members above: on lines of their own.
  alignas(64) DuplicateIds duplicate_ids_;   // repeated ids: warned about, never dropped
  std::vector<std::string_view> id_cells_;
  bool source_done_ = false;
  bool watch_range_ = false;           // no --range, and some lane has not seen both ends yet
  std::uint64_t collected_ = 0;        // rows collected (for progress)
  std::vector<std::vector<std::pair<std::string, std::string>>> borderline_;   // per lane, its description
  std::string held_text_;              // ids and kept cells of held rows
  std::vector<std::size_t> held_text_ends_;
  std::vector<std::uint64_t> held_rows_;   // data row numbers of the held rows
  alignas(64) ScoreReport report_;
};

}  // namespace attune::scoring

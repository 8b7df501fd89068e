#include "parallel_score.h"

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "attune/io/csv_reader.h"

namespace attune::scoring {

namespace {

// Rows per copied batch, and the arena size at which it closes early (long rows); the size
// of a CSV block.
constexpr std::size_t kBatchRows = 1024;
constexpr std::size_t kBatchBytes = 1u << 20;
constexpr std::size_t kBlockBytes = 128u << 10;

// A run of records, and what the workers made of them. Records come either as a CSV block cut
// by the reader (parsed by the worker), or copied out of another source's records.
struct Batch {
  std::uint64_t first_row = 0;   // 1-based data row of the first record
  bool raw = false;              // `block` holds the records
  CsvBlock block;
  // Copied records: their fields, their places, and their record numbers.
  std::size_t records = 0;
  std::string text;                                // every field's bytes, one after another
  std::vector<std::uint32_t> field_ends;           // end of each field in `text`
  std::vector<std::uint32_t> field_columns;        // Record::columns
  std::vector<std::uint32_t> field_line_offsets;   // Record::lines minus the record's line
  std::vector<std::uint32_t> record_fields;        // fields per record
  std::vector<std::uint64_t> record_lines, record_numbers;

  // Output, per lane: scores (records x scores), classifications, invalid cells.
  std::string out;
  std::vector<std::vector<double>> scores;
  std::vector<std::vector<Classification>> classifications;
  std::vector<InvalidCells> invalid;
  // For the repeated-id check, the records' ids in order: runs of one-cell whole-number ids,
  // each one more than the last on the next line (count > 0), and the others one by one
  // (count 0: its id cells are the next in `ids`, ended by `id_ends`).
  struct IdEntry {
    std::int64_t first_id = 0;
    std::uint64_t line = 0, count = 0;
  };
  std::vector<IdEntry> id_entries;
  std::string ids;
  std::vector<std::uint32_t> id_ends;
  std::exception_ptr error;
  bool done = false;

  void clear() {
    raw = false;
    records = 0;
    id_entries.clear();
    ids.clear();
    id_ends.clear();
    text.clear();
    field_ends.clear();
    field_columns.clear();
    field_line_offsets.clear();
    record_fields.clear();
    record_lines.clear();
    record_numbers.clear();
    out.clear();
    error = nullptr;
    done = false;
  }

  void add(const Record& record) {
    for (std::size_t i = 0; i < record.size(); ++i) {
      text.append(record.fields[i]);
      field_ends.push_back(static_cast<std::uint32_t>(text.size()));
      field_line_offsets.push_back(static_cast<std::uint32_t>(record.lines[i] - record.line));
    }
    field_columns.insert(field_columns.end(), record.columns.begin(), record.columns.end());
    record_fields.push_back(static_cast<std::uint32_t>(record.size()));
    record_lines.push_back(record.line);
    record_numbers.push_back(record.number);
    ++records;
  }
};

// What one worker thread owns: its copies of the parsers, and scratch space.
struct Worker {
  std::unique_ptr<CsvReader> csv;   // parses CSV blocks
  std::vector<ResponseParser> parsers;
  // Own copies of the scorers: the lanes' sit beside their summaries, which the calling thread
  // updates for every row (1M rows, 2 threads: 0.36 s with the shared scorers, 0.32 s without).
  std::vector<Scorer> scorers;
  std::vector<ResponseRow> rows;
  Record record;
  std::vector<Cell> cells;
  std::vector<std::string_view> texts;
};

class Engine {
 public:
  Engine(const Lanes& lanes, const RowShape& shape, std::size_t cell_count, RecordWriter& writer, unsigned threads,
         bool summary, DuplicateIds& ids)
      : lanes_(lanes), shape_(shape), formatter_(*writer.row_formatter()), writer_(writer), summary_(summary),
        max_in_flight_(2 * static_cast<std::size_t>(threads) + 2), id_fields_(lanes.front()->parser.binding().id_fields),
        duplicate_ids_(ids) {
    workers_.resize(threads);
    for (auto& worker : workers_) {
      for (const auto& lane : lanes_) {
        worker.parsers.push_back(lane->parser);
        worker.scorers.push_back(lane->scorer);
      }
      worker.rows.resize(lanes_.size());
      worker.cells.resize(cell_count);
    }
    for (auto& worker : workers_) threads_.emplace_back([this, &worker] { work(worker); });
  }

  ~Engine() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    work_ready_.notify_all();
    for (auto& thread : threads_) thread.join();
  }

  std::uint64_t run(RecordSource& source, const ScoreHooks& hooks) {
    Record record;
    std::exception_ptr read_error;
    std::uint64_t rows = 0;
    for (bool more = true; more;) {
      Batch* batch = take_free_batch();
      batch->first_row = rows + 1;
      try {
        if (CsvReader* csv = source.csv_blocks()) {
          if (!block_parsers_ready_) make_block_parsers(*csv);
          switch (csv->next_block(batch->block, kBlockBytes)) {
            case CsvReader::BlockRead::block:
              batch->raw = true;
              batch->records = batch->block.records;
              break;
            case CsvReader::BlockRead::long_record:   // read as without threads: its limits, its errors
              if ((more = source.next(record))) batch->add(record);
              break;
            case CsvReader::BlockRead::end:
              more = false;
              break;
          }
        } else {
          // Until the source hands over plain CSV (e.g. after Qualtrics' looked-at rows).
          while (batch->records < kBatchRows && batch->text.size() < kBatchBytes && (more = source.next(record))) {
            batch->add(record);
            if (source.csv_blocks()) break;
          }
        }
      } catch (...) {
        read_error = std::current_exception();   // rows before it come first, and may fail first
        more = false;
      }
      if (hooks.progress && ((rows + batch->records) >> 16) != (rows >> 16)) {
        hooks.progress(source.bytes_read(), source.total_bytes());
      }
      rows += batch->records;
      if (batch->records == 0) {
        free_.push_back(batch);
      } else {
        submit(batch);
      }
      while (in_flight_.size() >= max_in_flight_ || (!more && !in_flight_.empty())) collect_oldest();
    }
    if (read_error) std::rethrow_exception(read_error);
    return rows;
  }

 private:
  // Each worker's CSV parser, with the reader's delimiter and limits.
  void make_block_parsers(const CsvReader& reader) {
    CsvOptions options = reader.options();
    options.delimiter = reader.delimiter();
    for (auto& worker : workers_) worker.csv = CsvReader::block_parser(reader.name(), options);
    block_parsers_ready_ = true;
  }

  Batch* take_free_batch() {
    if (free_.empty()) {
      batches_.push_back(std::make_unique<Batch>());
      free_.push_back(batches_.back().get());
    }
    Batch* batch = free_.back();
    free_.pop_back();
    batch->clear();
    return batch;
  }

  void submit(Batch* batch) {
    in_flight_.push_back(batch);
    {
      std::lock_guard lock(mutex_);
      queue_.push_back(batch);
    }
    work_ready_.notify_one();
  }

  // Waits for the oldest batch, then writes it and adds it up, as the sequential run would.
  void collect_oldest() {
    Batch* batch = in_flight_.front();
    {
      std::unique_lock lock(mutex_);
      batch_done_.wait(lock, [batch] { return batch->done; });
    }
    in_flight_.pop_front();
    if (batch->error) std::rethrow_exception(batch->error);
    note_ids(*batch);
    writer_.write_formatted(batch->out, batch->records);
    for (std::size_t l = 0; l < lanes_.size(); ++l) {
      Lane& lane = *lanes_[l];
      const std::size_t n = lane.scores.size();
      for (std::size_t r = 0; summary_ && r < batch->records; ++r) {
        lane.summary.add_scores(std::span<const double>(batch->scores[l].data() + r * n, n));
        if (lane.classifier) lane.summary.add_classification(batch->classifications[l][r]);
      }
      lane.parser.add_invalid_cells(batch->invalid[l]);
    }
    free_.push_back(batch);
  }

  void work(Worker& worker) {
    for (;;) {
      Batch* batch;
      {
        std::unique_lock lock(mutex_);
        work_ready_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
        if (stopping_) return;
        batch = queue_.front();
        queue_.pop_front();
      }
      try {
        score_batch(worker, *batch);
      } catch (...) {
        batch->error = std::current_exception();
      }
      {
        std::lock_guard lock(mutex_);
        batch->done = true;
      }
      batch_done_.notify_all();
    }
  }

  void score_batch(Worker& worker, Batch& batch) {
    const std::size_t lanes = lanes_.size();
    batch.scores.resize(lanes);
    batch.classifications.resize(lanes);
    batch.invalid.resize(lanes);
    for (std::size_t l = 0; l < lanes; ++l) {
      worker.parsers[l].take_invalid_cells();   // this batch's count starts at zero
      batch.scores[l].resize(batch.records * lanes_[l]->scores.size());
      batch.classifications[l].resize(batch.records);
    }
    Record& record = worker.record;
    if (batch.raw) worker.csv->parse_block(batch.block);
    auto parser_of = [&worker](std::size_t l) -> ResponseParser& { return worker.parsers[l]; };
    auto row_of = [&worker](std::size_t l) -> ResponseRow& { return worker.rows[l]; };
    auto scorer_of = [&worker](std::size_t l) -> const Scorer& { return worker.scorers[l]; };
    std::size_t field = 0;
    std::uint32_t start = 0;
    for (std::size_t r = 0; r < batch.records; ++r) {
      const std::uint64_t row = batch.first_row + r;
      std::uint64_t line = 0;
      if (!batch.raw || !parse_plain_line(*worker.csv, lanes_, row, parser_of, row_of, scorer_of, line)) {
        if (batch.raw) {
          if (!worker.csv->next(record)) throw std::logic_error("a CSV block held fewer records than counted");
        } else {
          start = rebuild_record(batch, r, field, start, record);
        }
        line = record.line;
        for (std::size_t l = 0; l < lanes; ++l) worker.parsers[l].parse(record, row, worker.rows[l]);
      }
      keep_ids(batch, worker.rows.front().texts, line);
      for (std::size_t l = 0; l < lanes; ++l) {
        const Lane& lane = *lanes_[l];
        const std::size_t n_scores = lane.scores.size();
        std::span<double> scores(batch.scores[l].data() + r * n_scores, n_scores);
        score_row(worker.scorers[l], worker.rows[l], scores);
        if (lane.classifier) lane.classifier->classify_into(scores, batch.classifications[l][r]);
      }
      fill_row_cells(
          worker.cells, shape_, lanes_, row, worker.rows.front().texts,
          [&](std::size_t l) {
            const std::size_t n_scores = lanes_[l]->scores.size();
            return std::span<const double>(batch.scores[l].data() + r * n_scores, n_scores);
          },
          [&](std::size_t l) { return std::string_view(batch.classifications[l][r].label); });
      formatter_.format_row(batch.out, worker.cells, row - 1);
    }
    if (batch.raw && worker.csv->next(record)) throw std::logic_error("a CSV block held more records than counted");
    for (std::size_t l = 0; l < lanes; ++l) batch.invalid[l] = worker.parsers[l].take_invalid_cells();
  }

  // Record r of a copied batch; `field` and `start` walk its fields (returns the next start).
  static std::uint32_t rebuild_record(const Batch& batch, std::size_t r, std::size_t& field, std::uint32_t start,
                                      Record& record) {
    const std::size_t n = batch.record_fields[r];
    record.fields.resize(n);
    record.columns.resize(n);
    record.lines.resize(n);
    record.line = batch.record_lines[r];
    record.number = batch.record_numbers[r];
    for (std::size_t i = 0; i < n; ++i, ++field) {
      const std::uint32_t end = batch.field_ends[field];
      record.fields[i] = std::string_view(batch.text.data() + start, end - start);
      record.columns[i] = batch.field_columns[field];
      record.lines[i] = record.line + batch.field_line_offsets[field];
      start = end;
    }
    return start;
  }

  // Keeps the row's id (the first of its parsed `texts`) for the repeated-id check, made in
  // input order on collection: a whole number extends the run before it or starts one.
  void keep_ids(Batch& batch, const std::vector<std::string_view>& texts, std::uint64_t line) const {
    if (id_fields_.empty()) return;
    const std::int64_t id = id_fields_.size() == 1 ? DuplicateIds::whole_number_id(texts[0]) : -1;
    if (id >= 0) {
      if (!batch.id_entries.empty()) {
        Batch::IdEntry& last = batch.id_entries.back();
        if (last.count > 0 && id - last.first_id == static_cast<std::int64_t>(last.count) &&
            line - last.line == last.count) {
          ++last.count;
          return;
        }
      }
      batch.id_entries.push_back({id, line, 1});
      return;
    }
    for (std::size_t i = 0; i < id_fields_.size(); ++i) {
      batch.ids.append(texts[i]);
      batch.id_ends.push_back(static_cast<std::uint32_t>(batch.ids.size()));
    }
    batch.id_entries.push_back({0, line, 0});
  }

  void note_ids(const Batch& batch) {
    std::vector<std::string_view>& cells = id_cells_;
    std::size_t k = 0;
    std::uint32_t start = 0;
    for (const Batch::IdEntry& entry : batch.id_entries) {
      if (entry.count > 0) {
        duplicate_ids_.add_run(entry.first_id, entry.line, entry.count);
        continue;
      }
      cells.clear();
      for (std::size_t i = 0; i < id_fields_.size(); ++i, ++k) {
        cells.emplace_back(batch.ids.data() + start, batch.id_ends[k] - start);
        start = batch.id_ends[k];
      }
      duplicate_ids_.add(cells, entry.line);
    }
  }

  const Lanes& lanes_;
  const RowShape shape_;
  const RowFormatter& formatter_;
  RecordWriter& writer_;
  const bool summary_;
  const std::size_t max_in_flight_;
  std::vector<std::unique_ptr<Batch>> batches_;
  std::vector<Batch*> free_;
  std::deque<Batch*> in_flight_;   // submitted, in input order (the calling thread's)

  std::mutex mutex_;                // guards queue_, stopping_ and every batch's `done`
  std::condition_variable work_ready_, batch_done_;
  std::deque<Batch*> queue_;        // submitted, not yet taken by a worker
  bool stopping_ = false;
  std::vector<Worker> workers_;
  std::vector<std::thread> threads_;
  bool block_parsers_ready_ = false;
  const std::vector<std::size_t>& id_fields_;
  DuplicateIds& duplicate_ids_;
  std::vector<std::string_view> id_cells_;
};

}  // namespace

std::uint64_t score_in_parallel(const Lanes& lanes, const RowShape& shape, std::size_t cell_count,
                                RecordSource& source, RecordWriter& writer, unsigned threads, bool summary,
                                const ScoreHooks& hooks, DuplicateIds& ids) {
  Engine engine(lanes, shape, cell_count, writer, std::max(1u, threads), summary, ids);
  return engine.run(source, hooks);
}

}  // namespace attune::scoring

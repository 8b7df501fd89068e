// The second pass of `quality`: one row per respondent, in input order, on the calling thread
// or (a file of delimited text, by default) in batches over worker threads (util/ordered_pool.h,
// as score's row loop): the calling thread cuts delimited text into blocks of whole records
// (or copies records into a batch), a worker reads and screens them, and the calling thread
// writes each batch's rows in order and counts them. The bytes written are the same whatever
// the threads: each row's indices depend on its answers and the sample statistics alone (the
// Mahalanobis cache of each worker only saves work).
#include <cmath>
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "attune/io/output_columns.h"
#include "attune/run/quality_run.h"
#include "attune/util/error.h"
#include "attune/util/ordered_pool.h"
#include "attune/util/threads.h"
#include "run/progress_tick.h"
#include "run/quality_pass.h"
#include "run/row_loop.h"

namespace attune {

namespace {

// The cells of one output row: ids (or the row number), kept cells, the indices, the flags.
// (Written in place into room made once: the row's cells are the same count every row.)
void add_index_cells(const RespondentQuality& q, const QualityFlags& flags, bool checks, bool durations,
                     std::vector<Cell>& cells, std::string& flag_text) {
  const std::size_t start = cells.size();
  cells.resize(start + 11 + checks + durations + 1);
  Cell* cell = cells.data() + start;
  *cell++ = Cell::of(q.longstring.longest);
  *cell++ = Cell::of(q.longstring.average);
  *cell++ = Cell::of(q.irv);
  *cell++ = Cell::of(q.mahalanobis.d_squared);
  *cell++ = Cell::of(std::isnan(q.mahalanobis.d_squared) ? NAN : static_cast<double>(q.mahalanobis.df));
  *cell++ = Cell::of(q.mahalanobis.p_value);
  *cell++ = Cell::of(q.even_odd.consistency);
  *cell++ = Cell::of(q.psychsyn.r);
  *cell++ = Cell::of(static_cast<double>(q.psychsyn.pairs_answered));
  *cell++ = Cell::of(q.psychant.r);
  *cell++ = Cell::of(static_cast<double>(q.psychant.pairs_answered));
  if (checks) *cell++ = Cell::of(static_cast<double>(q.attention.failed));
  if (durations) *cell++ = Cell::of(q.duration);
  if (flags.any()) {
    flag_text = flags.to_string();
    *cell = Cell::of(std::string_view(flag_text));
  } else {
    *cell = Cell::missing();
  }
}

// Rows per batch handed to a worker.
constexpr std::size_t kQualityBatchRows = 1024;

// A run of records copied from the source and what a worker made of them: per respondent
// (empty records left out) its data row, id and kept cells, indices and flags.
struct QualityBatch {
  scoring::Batch records;                 // the copied records (records.records of them)
  std::uint64_t first_row = 0;            // data row of the first record
  std::vector<std::uint64_t> rows;
  std::string texts;
  std::vector<std::size_t> text_ends;
  std::vector<RespondentQuality> indices;
  std::vector<QualityFlags> flags;
  std::size_t respondents = 0;
  bool from_block = false;                // records.block holds the rows (else the copies)

  void clear() {
    from_block = false;
    records.clear();
    rows.clear();
    texts.clear();
    text_ends.clear();
    respondents = 0;
  }
};

// Bytes of delimited text per block handed to a worker (as score's row loop).
constexpr std::size_t kQualityBlockBytes = 128u << 10;

// What one worker owns: its own reader and screener (copies), its reader of blocks, and scratch.
struct QualityWorker {
  QualityReader reader;
  Screener screener;
  std::unique_ptr<PlainText> blocks;
  Record record;
  ResponseRow row;
  std::vector<double> checks;
};

// Reads and screens every record of `batch` (a worker thread): a block's plain lines with
// ResponseParser::parse_line when the row has no check or duration cells, any other record as
// a Record.
void screen_batch(QualityWorker& worker, QualityBatch& batch) {
  std::size_t field = 0;
  std::uint32_t start = 0;
  double duration = NAN;
  const bool block = batch.from_block;
  if (block) worker.blocks->parse_block(batch.records.block);
  const bool plain_rows = block && worker.reader.check_fields.empty() && !worker.reader.duration_field;
  const char delimiter = block ? worker.blocks->delimiter() : 0;
  for (std::size_t r = 0; r < batch.records.records; ++r) {
    const std::uint64_t row_number = batch.first_row + r;
    const std::string_view line = plain_rows ? worker.blocks->peek_line() : std::string_view();
    if (!line.empty() && worker.reader.parser.parse_line(line, delimiter, row_number, worker.row)) {
      worker.blocks->take_line(line);
    } else {
      if (!block) {
        start = batch.records.rebuild(r, field, start, worker.record);
      } else if (!worker.blocks->next(worker.record)) {
        throw std::logic_error("a CSV block held fewer records than counted");
      }
      if (!worker.reader.read(worker.record, row_number, worker.row, worker.checks, duration)) continue;
    }
    const std::size_t at = batch.respondents++;
    if (batch.indices.size() <= at) {
      batch.indices.resize(at + 1);
      batch.flags.resize(at + 1);
    }
    batch.rows.push_back(row_number);
    for (auto text : worker.row.texts) {
      batch.texts.append(text);
      batch.text_ends.push_back(batch.texts.size());
    }
    batch.indices[at] = worker.screener.assess(worker.row.items, worker.checks, duration);
    batch.flags[at] = flag(batch.indices[at], worker.screener.thresholds());
  }
  if (block && worker.blocks->next(worker.record)) throw std::logic_error("a CSV block held more records than counted");
}

// The second pass over `threads` worker threads: the source, already rewound, from its first record.
void screen_in_batches(QualityRun& run, RecordSource& source, RecordWriter& writer, unsigned threads,
                       const std::function<void(std::uint64_t, std::uint64_t)>& report) {
  QualityPass& pass = *run.pass;
  std::vector<QualityWorker> workers;
  for (unsigned t = 0; t < threads; ++t) workers.push_back({pass, *pass.screener, nullptr, {}, {}, {}});
  std::vector<Cell> cells;
  std::string flag_text;
  std::uint64_t respondents = 0;
  QualitySummary& summary = run.report.summary;
  ProgressTick progress(source, report);
  OrderedPool<QualityBatch> pool(
      threads, [&](unsigned w, QualityBatch& batch) { screen_batch(workers[w], batch); },
      [&](QualityBatch& batch) {
        std::size_t start = 0, at = 0;
        for (std::size_t e = 0; e < batch.respondents; ++e) {
          if (++respondents > run.respondents) return;
          cells.clear();
          if (run.row_ids) cells.push_back(Cell::of(static_cast<double>(batch.rows[e])));
          for (std::size_t t = 0; t < run.texts_per_row; ++t) {
            const std::size_t end = batch.text_ends[at++];
            cells.push_back(Cell::of(std::string_view(batch.texts).substr(start, end - start)));
            start = end;
          }
          summary.add(batch.flags[e]);
          add_index_cells(batch.indices[e], batch.flags[e], run.checks, run.durations, cells, flag_text);
          writer.write_row(cells);
        }
      },
      2 * threads + 2);
  Record record;
  std::uint64_t rows = 0;
  bool more = true;
  while (more) {
    QualityBatch& batch = pool.next_batch();
    batch.first_row = rows + 1;
    more = cut_batch(source, workers, batch.records, batch.from_block, kQualityBlockBytes, kQualityBatchRows, record,
                     progress, rows);
    pool.submit();
  }
  pool.finish();
  if (respondents != run.respondents) {
    throw io_error({source.name()}, "changed while it was being read (the second reading found other rows)",
                   "screen a file that no other program writes to meanwhile");
  }
}

}  // namespace

void write_quality_rows(QualityRun& run, RecordSource& source, RecordWriter& writer, const QualityOptions& options) {
  std::vector<OutputColumn> columns;
  for (const auto& name : run.id_names) {
    columns.push_back({{name, run.row_ids}, run.row_ids ? "the row number, no id column being found" : "the id column"});
  }
  for (const auto& name : run.keep_names) columns.push_back({{name, false}, "a --keep column"});
  for (auto name : {"longstring", "longstring_avg", "irv", "mahalanobis_d2", "mahalanobis_df", "mahalanobis_p",
                    "even_odd", "psychsyn", "psychsyn_pairs", "psychant", "psychant_pairs"}) {
    columns.push_back({{name, true}, "an index"});
  }
  if (run.checks) columns.push_back({{"attention_failed", true, 0}, "an index"});
  if (run.durations) columns.push_back({{"duration", true}, "an index"});
  columns.push_back({{"flags", false}, "the flags"});
  writer.begin(unique_output_columns(columns));
  QualityPass& pass = *run.pass;
  Screener& screener = *pass.screener;
  QualitySummary& summary = run.report.summary;
  std::vector<Cell> cells;
  std::string flag_text;
  if (run.held) {
    const QualityInput& held = run.held_input;
    std::size_t start = 0, at = 0;
    for (std::size_t r = 0; r < held.items.size(); ++r) {
      cells.clear();
      if (run.row_ids) cells.push_back(Cell::of(static_cast<double>(run.row_numbers[r])));
      for (std::size_t t = 0; t < run.texts_per_row; ++t) {
        std::size_t end = run.text_ends[at++];
        cells.push_back(Cell::of(std::string_view(run.texts).substr(start, end - start)));
        start = end;
      }
      std::span<const double> checks;
      if (!held.check_values.empty()) checks = held.check_values[r];
      const RespondentQuality q = screener.assess(held.items[r], checks, held.durations.empty() ? NAN : held.durations[r]);
      const QualityFlags flags = flag(q, screener.thresholds());
      summary.add(flags);
      add_index_cells(q, flags, run.checks, run.durations, cells, flag_text);
      writer.write_row(cells);
    }
    writer.finish();
    return;
  }
  // The second pass: the same records again, from the first after the header.
  if (!source.rewind()) {
    throw io_error({source.name()}, "cannot be read a second time", "give a file that stays in place while it is read");
  }
  const unsigned threads = quality_threads(source, options.threads);
  if (threads > 0) {
    screen_in_batches(run, source, writer, threads, options.progress);
    writer.finish();
    return;
  }
  ProgressTick progress(source, options.progress);
  Record record;
  ResponseRow row;
  std::vector<double> check_values;
  double duration = NAN;
  std::uint64_t rows = 0, respondents = 0;
  // A plain line is parsed where it lies (ResponseParser::parse_line, as score and analyze read)
  // when the row has no check or duration cells to read; any other record as a Record.
  // (Asked each row: a source may have plain lines only from some row on.)
  const bool plain_rows = pass.check_fields.empty() && !pass.duration_field;
  for (;;) {
    PlainText* plain = plain_rows ? source.plain_text() : nullptr;
    const std::string_view line = plain ? plain->peek_line() : std::string_view();
    if (!line.empty() && pass.parser.parse_line(line, plain->delimiter(), rows + 1, row)) {
      plain->take_line(line);
      ++rows;
      progress.row();
    } else {
      if (!source.next(record)) break;
      progress.row();
      if (!pass.read(record, ++rows, row, check_values, duration)) continue;
    }
    if (++respondents > run.respondents) break;
    cells.clear();
    if (run.row_ids) cells.push_back(Cell::of(static_cast<double>(rows)));
    for (auto text : row.texts) cells.push_back(Cell::of(text));
    const RespondentQuality q = screener.assess(row.items, check_values, duration);
    const QualityFlags flags = flag(q, screener.thresholds());
    summary.add(flags);
    add_index_cells(q, flags, run.checks, run.durations, cells, flag_text);
    writer.write_row(cells);
  }
  if (respondents != run.respondents) {
    throw io_error({source.name()}, "changed while it was being read (the second reading found other rows)",
                   "screen a file that no other program writes to meanwhile");
  }
  writer.finish();
}

}  // namespace attune

// The first pass of `quality` over worker threads (the Likert fast path only): the calling
// thread cuts delimited text into blocks of whole records (or copies records into a batch),
// as the second pass does; each worker reads a batch's plain Likert lines as codes into its own
// LikertMoments, and parses any other record into values it hands back; the calling thread
// takes each batch in input order and adds those values to the sample's PairwiseMoments, as
// the one-thread loop does. The moments are the same bits whatever the split: the Likert rows'
// sums are exact integers (ExactPairSums add over disjoint rows), summed over the workers before
// they join PairwiseMoments' exact part, and every other row reaches PairwiseMoments on one
// thread in input order, as without threads.
#include <cstdint>
#include <exception>
#include <memory>
#include <stdexcept>
#include <string_view>
#include <vector>

#include "attune/util/ordered_pool.h"
#include "stats/likert_moments.h"
#include "attune/util/threads.h"
#include "run/progress_tick.h"
#include "run/quality_pass.h"
#include "run/row_loop.h"

namespace attune {

namespace {

// Bytes of delimited text per block, and rows per batch of copied records (as the second pass).
constexpr std::size_t kFirstPassBlockBytes = 128u << 10;
constexpr std::size_t kFirstPassBatchRows = 1024;
// Rows of codes a worker gathers before handing them to its LikertMoments.
constexpr std::size_t kWorkerCodedRows = 1024;

// A run of records and what a worker read of them.
struct FirstPassBatch {
  scoring::Batch records;             // the block, or the copied records
  bool from_block = false;
  std::uint64_t first_row = 0;        // data row of the first record
  std::vector<double> values;         // the rows not read as codes: n_items values each, in order
  std::uint64_t respondents = 0;      // records read (empty ones left out are not)
  EmptyRecords empty;
  InvalidCells invalid;
  bool watch_range = false;
  ObservedRange seen;

  void clear() {
    records.clear();
    from_block = false;
    values.clear();
    respondents = 0;
    empty = {};
    invalid = {};
    watch_range = false;
    seen = {};
  }
};

// One worker's reader, its blocks' reader, its Likert sums and scratch.
struct FirstPassWorker {
  QualityReader reader;
  LikertMoments likert;
  std::unique_ptr<PlainText> blocks;
  std::vector<std::uint8_t> codes;   // kWorkerCodedRows rows
  std::size_t coded = 0;
  Record record;
  ResponseRow row;
  std::vector<double> checks;

  void flush_codes() {
    likert.add(codes.data(), coded);
    coded = 0;
  }
};

// Reads every record of `batch` (a worker thread).
void read_batch(FirstPassWorker& worker, FirstPassBatch& batch, const LikertCoding& coding, std::size_t n_items) {
  worker.reader.parser.take_invalid_cells();   // this batch's count starts at zero
  const bool block = batch.from_block;
  if (block) worker.blocks->parse_block(batch.records.block);
  const char delimiter = block ? worker.blocks->delimiter() : 0;
  std::size_t field = 0;
  std::uint32_t start = 0;
  double duration = 0;
  for (std::size_t r = 0; r < batch.records.records; ++r) {
    const std::uint64_t row_number = batch.first_row + r;
    const std::string_view line = block ? worker.blocks->peek_line() : std::string_view();
    std::uint8_t* into = worker.codes.data() + worker.coded * n_items;
    if (!line.empty() && worker.reader.parser.parse_line_codes(line, delimiter, row_number, coding, worker.row, into)) {
      worker.blocks->take_line(line);
      ++batch.respondents;
      if (batch.watch_range) batch.seen.add_codes(std::span(into, n_items), coding.base);
      if (++worker.coded == kWorkerCodedRows) worker.flush_codes();
      continue;
    }
    if (!block) {
      start = batch.records.rebuild(r, field, start, worker.record);
    } else if (!worker.blocks->next(worker.record)) {
      throw std::logic_error("a CSV block held fewer records than counted");
    }
    if (!worker.reader.read(worker.record, row_number, worker.row, worker.checks, duration)) {
      batch.empty.add(worker.record.line);
      continue;
    }
    ++batch.respondents;
    if (batch.watch_range) batch.seen.add(worker.row.items);
    batch.values.insert(batch.values.end(), worker.row.items.begin(), worker.row.items.end());
  }
  if (block && worker.blocks->next(worker.record)) throw std::logic_error("a CSV block held more records than counted");
  batch.invalid = worker.reader.parser.take_invalid_cells();
}

}  // namespace

unsigned quality_threads(const RecordSource& source, unsigned requested) {
  if (requested == 0 && !source.delimited_text()) return 0;
  const unsigned threads = resolve_threads(requested).count;
  return threads > 1 ? threads : 0;
}

void read_first_pass_in_batches(FirstPassInput& in, RecordSource& source, unsigned threads,
                                const std::function<void(std::uint64_t, std::uint64_t)>& report) {
  const std::size_t n_items = in.sample.variables();
  const ResponseScale& scale = in.reader.parser.scale();
  std::vector<FirstPassWorker> workers;
  for (unsigned t = 0; t < threads; ++t) {
    workers.push_back({in.reader, LikertMoments(n_items, {}, scale.min, scale.max), nullptr,
                       std::vector<std::uint8_t>(kWorkerCodedRows * n_items), 0, {}, {}, {}});
  }
  bool watching = in.watch_range;
  ProgressTick progress(source, report);
  OrderedPool<FirstPassBatch> pool(
      threads, [&](unsigned w, FirstPassBatch& batch) { read_batch(workers[w], batch, in.coding, n_items); },
      [&](FirstPassBatch& batch) {
        for (std::size_t at = 0; at < batch.values.size(); at += n_items) {
          in.sample.add(std::span<const double>(batch.values).subspan(at, n_items));
        }
        in.respondents += batch.respondents;
        in.empty.add_later(batch.empty);
        in.reader.parser.add_invalid_cells(batch.invalid);
        if (batch.watch_range) {
          in.seen.merge(batch.seen);
          watching = !in.seen.reaches(scale);
        }
      },
      2 * threads + 2);
  Record record;
  std::uint64_t rows = 0;
  std::exception_ptr read_error;
  for (bool more = true; more;) {
    FirstPassBatch& batch = pool.next_batch();
    batch.first_row = rows + 1;
    batch.watch_range = watching;
    try {
      more = cut_batch(source, workers, batch.records, batch.from_block, kFirstPassBlockBytes, kFirstPassBatchRows,
                       record, progress, rows);
    } catch (...) {
      read_error = std::current_exception();   // rows before it come first, and may fail first
      more = false;
    }
    if (batch.records.records == 0) continue;   // filled again, or dropped at the end
    pool.submit();
  }
  pool.finish();
  if (read_error) std::rethrow_exception(read_error);
  // The Likert rows' exact sums, added over the workers (integers: any order gives the same).
  std::uint64_t likert_rows = 0;
  for (auto& worker : workers) {
    worker.flush_codes();
    likert_rows += worker.likert.rows();
  }
  std::vector<ExactPairSums> upper;
  for (std::size_t i = 0; i < n_items; ++i) {
    for (std::size_t j = i; j < n_items; ++j) {
      ExactPairSums sums;
      for (const auto& worker : workers) sums += worker.likert.item_sums(i, j);
      upper.push_back(sums);
    }
  }
  in.sample.add_exact_sums(likert_rows, upper);
}

}  // namespace attune

#include "row_loop.h"

#include <algorithm>
#include <exception>
#include <stdexcept>

#include "attune/util/ordered_pool.h"

namespace attune::scoring {

namespace {

// Rows per batch read from the source, and per copied batch; the arena size at which a copied
// batch closes early (long rows); the size of a CSV block.
constexpr std::size_t kBatchRows = kHeldBatchRows;
constexpr std::size_t kBatchBytes = 1u << 20;
constexpr std::size_t kBlockBytes = 128u << 10;

}  // namespace

void Batch::clear() {
  records = emitted = first_held = 0;
  excluded = 0;
  first_excluded.clear();
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
}

void Batch::add(const Record& record) {
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

std::uint32_t Batch::rebuild(std::size_t r, std::size_t& field, std::uint32_t start, Record& record) const {
  const std::size_t n = record_fields[r];
  record.fields.resize(n);
  record.columns.resize(n);
  record.lines.resize(n);
  record.line = record_lines[r];
  record.number = record_numbers[r];
  for (std::size_t i = 0; i < n; ++i, ++field) {
    const std::uint32_t end = field_ends[field];
    record.fields[i] = std::string_view(text.data() + start, end - start);
    record.columns[i] = field_columns[field];
    record.lines[i] = record.line + field_line_offsets[field];
    start = end;
  }
  return start;
}

void ScoreRun::loop(unsigned threads, RowsFrom from) {
  if (threads > 0 && (hold_ || forced_choice_ || options_.flags || flag_column_))   // as take_row<true> assumes
    throw std::logic_error("worker threads for a run whose rows need the calling thread");
  std::vector<Worker> workers(std::max(threads, 1u));
  for (auto& worker : workers) {
    worker.direct = threads == 0;
    worker.formatter = writer_.row_formatter();
    for (const auto& lane : lanes_) {
      worker.parsers.push_back(lane->parser);
      worker.scorers.push_back(lane->scorer);
    }
    worker.rows.resize(lanes_.size());
    worker.flags.resize(lanes_.size());
    worker.cells.resize(cell_count_);
  }
  OrderedPool<Batch> pool(
      threads, [&](unsigned w, Batch& batch) { work(workers[w], batch); }, [this](Batch& batch) { collect(batch); },
      2 * static_cast<std::size_t>(threads) + 2);
  Record record;
  std::exception_ptr read_error;
  std::size_t next_held = 0;
  for (bool more = true; more;) {
    Batch& batch = pool.next_batch();
    batch.from = from;
    batch.first_row = report_.rows + 1;
    batch.watch_range = watch_range_ && from != RowsFrom::held;
    if (batch.watch_range) batch.seen.assign(lanes_.size(), ObservedRange{});
    if (from == RowsFrom::held) {
      batch.first_held = next_held;
      next_held += kHeldBatchRows;
      more = next_held < held_rows_.size();
    } else if (threads == 0) {
      pool.submit();   // the rows are read as they are worked on
      more = !source_done_;
      continue;
    } else {
      try {
        more = cut(batch, workers, record);
      } catch (...) {
        read_error = std::current_exception();   // rows before it come first, and may fail first
        more = false;
      }
      report_.rows += batch.records;
      if (batch.records == 0) continue;   // the batch is filled again, or dropped at the end
    }
    pool.submit();
  }
  pool.finish();
  if (read_error) std::rethrow_exception(read_error);
}

bool ScoreRun::cut(Batch& batch, std::vector<Worker>& workers, Record& record) {
  if (PlainText* text = source_.plain_text()) {
    if (!workers.front().blocks) {
      for (auto& worker : workers) worker.blocks = text->block_reader();
    }
    switch (text->next_block(batch.block, kBlockBytes)) {
      case PlainText::BlockRead::block:
        batch.from = RowsFrom::block;
        batch.records = batch.block.records;
        return true;
      case PlainText::BlockRead::long_record:   // read as without threads: its limits, its errors
        batch.from = RowsFrom::copies;
        if (!source_.next(record)) return false;
        batch.add(record);
        return true;
      case PlainText::BlockRead::end:
        return false;
    }
  }
  // Until the source hands over plain text (e.g. after Qualtrics' looked-at rows).
  batch.from = RowsFrom::copies;
  while (batch.records < kBatchRows && batch.text.size() < kBatchBytes) {
    if (!source_.next(record)) return false;
    batch.add(record);
    if (source_.plain_text()) break;
  }
  return true;
}

void ScoreRun::work(Worker& worker, Batch& batch) {
  const std::size_t rows = batch.from == RowsFrom::block || batch.from == RowsFrom::copies ? batch.records : kBatchRows;
  batch.scores.resize(lanes_.size());
  batch.classifications.resize(lanes_.size());
  batch.invalid.resize(lanes_.size());
  for (std::size_t l = 0; l < lanes_.size(); ++l) {
    if (batch.scores[l].size() < rows * lanes_[l]->scores.size()) batch.scores[l].resize(rows * lanes_[l]->scores.size());
    if (lanes_[l]->classifier && batch.classifications[l].size() < rows) batch.classifications[l].resize(rows);
    worker.parsers[l].take_invalid_cells();   // this batch's count starts at zero
  }
  switch (batch.from) {
    case RowsFrom::source: read_source_rows(worker, batch); break;
    case RowsFrom::block:
    case RowsFrom::copies: read_batch_rows(worker, batch); break;
    case RowsFrom::held: read_held_rows(worker, batch); break;
  }
  for (std::size_t l = 0; l < lanes_.size(); ++l) batch.invalid[l] = worker.parsers[l].take_invalid_cells();
}

void ScoreRun::read_source_rows(Worker& worker, Batch& batch) {
  // The forced choice is read from each row's record, so no plain line is taken then.
  PlainText* text = forced_choice_ ? nullptr : source_.plain_text();
  char delimiter = text ? text->delimiter() : 0;
  while (batch.records < kBatchRows) {
    const std::uint64_t row = batch.first_row + batch.records;
    std::uint64_t line = 0;
    if (text == nullptr || !parse_plain_line(*text, delimiter, worker, row, line)) {
      if (!source_.next(worker.record)) {
        source_done_ = true;
        break;
      }
      line = worker.record.line;
      for (std::size_t l = 0; l < lanes_.size(); ++l) worker.parsers[l].parse(worker.record, row, worker.rows[l]);
      if (text == nullptr && !forced_choice_ && (text = source_.plain_text())) delimiter = text->delimiter();
    }
    ++batch.records;
    report_.rows = row;
    take_row<false>(worker, batch, row, line, worker.record);
  }
}

void ScoreRun::read_batch_rows(Worker& worker, Batch& batch) {
  Record& record = worker.record;
  const bool block = batch.from == RowsFrom::block;
  if (block) worker.blocks->parse_block(batch.block);
  const char delimiter = block ? worker.blocks->delimiter() : 0;
  std::size_t field = 0;
  std::uint32_t start = 0;
  for (std::size_t r = 0; r < batch.records; ++r) {
    const std::uint64_t row = batch.first_row + r;
    std::uint64_t line = 0;
    if (!block || !parse_plain_line(*worker.blocks, delimiter, worker, row, line)) {
      if (!block) {
        start = batch.rebuild(r, field, start, record);
      } else if (!worker.blocks->next(record)) {
        throw std::logic_error("a CSV block held fewer records than counted");
      }
      line = record.line;
      for (std::size_t l = 0; l < lanes_.size(); ++l) worker.parsers[l].parse(record, row, worker.rows[l]);
    }
    take_row<true>(worker, batch, row, line, record);
  }
  if (block && worker.blocks->next(record)) throw std::logic_error("a CSV block held more records than counted");
}

// The body, row by row: one function with the loop that calls it (a call per step cost a
// tenth more instructions per row).
#define ATTUNE_ROW_STEP inline __attribute__((always_inline))

ATTUNE_ROW_STEP bool ScoreRun::parse_plain_line(PlainText& text, char delimiter, Worker& worker, std::uint64_t row,
                                std::uint64_t& line) const {
  const std::string_view bytes = text.peek_line();
  if (bytes.empty()) return false;
  for (std::size_t l = 0; l < lanes_.size(); ++l) {
    ResponseParser& parser = worker.parsers[l];
    ResponseRow& parsed = worker.rows[l];
    if (lanes_[l]->codes) {
      const Scorer& scorer = worker.scorers[l];
      if (parsed.codes.size() != scorer.code_room()) parsed.codes.assign(scorer.code_room(), 0);
      if (parser.parse_line_codes(bytes, delimiter, row, *scorer.coding(), parsed, parsed.codes.data()))
        continue;
    }
    if (!parser.parse_line(bytes, delimiter, row, parsed)) return false;
  }
  line = text.take_line(bytes);
  return true;
}

template <bool kOnWorker>
ATTUNE_ROW_STEP void ScoreRun::take_row(Worker& worker, Batch& batch, std::uint64_t row, std::uint64_t line, const Record& record) {
  const std::vector<std::string_view>& texts = worker.rows.front().texts;
  keep_ids(batch, texts, line);
  std::string_view quality;
  if (!kOnWorker && options_.flags) {
    quality = joined_flags(worker, texts, row);
    if (options_.flags->exclude && !quality.empty()) {   // left out before any sample statistic
      if (batch.excluded++ == 0) batch.first_excluded = texts.empty() ? std::to_string(row) : std::string(texts.front());
      return;
    }
  }
  if (batch.watch_range) {
    for (std::size_t l = 0; l < lanes_.size(); ++l) {
      const ResponseRow& parsed = worker.rows[l];
      if (parsed.coded) {
        const std::size_t items = lanes_[l]->instrument.items.size();
        batch.seen[l].add_codes(std::span(parsed.codes.data(), items), worker.scorers[l].coding()->base);
      } else {
        batch.seen[l].add(parsed.items);
      }
    }
  }
  if (!kOnWorker && hold_) return hold_row(worker, row, record);
  for (std::size_t l = 0; l < lanes_.size(); ++l) {
    const Lane& lane = *lanes_[l];
    std::span<double> scores = batch.scores_of(l, batch.emitted, lane.scores.size());
    if (!kOnWorker && lane.forced_choice_field) scores.back() = lane.forced_choice(record, source_.name());
    score_row(worker.scorers[l], worker.rows[l], scores);
  }
  emit_row<kOnWorker>(worker, batch, row, texts, quality);
}

template <bool kOnWorker>
ATTUNE_ROW_STEP void ScoreRun::emit_row(Worker& worker, Batch& batch, std::uint64_t row, std::span<const std::string_view> texts,
                        std::string_view quality) {
  const std::size_t e = batch.emitted++;
  for (std::size_t l = 0; l < lanes_.size(); ++l) {
    const Lane& lane = *lanes_[l];
    if (!lane.classifier) continue;
    const std::span<const double> scores = batch.scores_of(l, e, lane.scores.size());
    Classification& classification = batch.classifications[l][e];
    lane.classifier->classify_into(scores, classification);
    if (kOnWorker) continue;
    if (!lane.cuts.empty()) flag_borderline(classification, scores, lane.cuts);
    if (!lane.flag_column) continue;
    std::string& flags = worker.flags[l];
    flags.clear();
    for (const auto& flag : classification.flags) flags.append(flags.empty() ? "" : ";").append(flag);
  }
  fill_row_cells(
      worker.cells, shape_, lanes_, row, texts,
      [&](std::size_t l) { return batch.scores_of(l, e, lanes_[l]->scores.size()).first(lanes_[l]->score_count()); },
      [&](std::size_t l) { return std::string_view(batch.classifications[l][e].label); },
      [&](std::size_t l) { return std::string_view(worker.flags[l]); }, quality);
  if (!kOnWorker && worker.direct) {
    writer_.write_row(worker.cells);
  } else {
    worker.formatter->format_row(batch.out, worker.cells, row - 1);   // no row is left out on threads
  }
}

void ScoreRun::read_held_rows(Worker& worker, Batch& batch) {
  const ColumnBinding& binding = lanes_.front()->parser.binding();
  const std::size_t n_texts = binding.id_fields.size() + binding.keep_fields.size();
  const std::size_t end = std::min(held_rows_.size(), batch.first_held + kBatchRows);
  for (std::size_t r = batch.first_held; r < end; ++r) {
    worker.texts.clear();
    std::size_t start = r * n_texts == 0 ? 0 : held_text_ends_[r * n_texts - 1];
    for (std::size_t t = 0; t < n_texts; ++t) {
      const std::size_t text_end = held_text_ends_[r * n_texts + t];
      worker.texts.emplace_back(held_text_.data() + start, text_end - start);
      start = text_end;
    }
    for (std::size_t l = 0; l < lanes_.size(); ++l) {
      const ScoreSample& sample = lanes_[l]->sample;
      std::span<double> scores = batch.scores_of(l, batch.emitted, sample.cols);
      std::copy_n(sample.values.data() + r * sample.cols, sample.cols, scores.data());
    }
    const std::uint64_t row = held_rows_[r];
    emit_row<false>(worker, batch, row, worker.texts, options_.flags ? joined_flags(worker, worker.texts, row) : "");
  }
}

void ScoreRun::collect(Batch& batch) {
  note_ids(batch);
  if (!batch.out.empty()) writer_.write_formatted(batch.out, batch.emitted);
  for (std::size_t l = 0; l < lanes_.size(); ++l) {
    Lane& lane = *lanes_[l];
    const std::size_t width = lane.scores.size();
    for (std::size_t e = 0; options_.summary && e < batch.emitted; ++e) {
      lane.summary.add_scores(batch.scores_of(l, e, width));
      if (lane.classifier) lane.summary.add_classification(batch.classifications[l][e]);
    }
    lane.parser.add_invalid_cells(batch.invalid[l]);
  }
  if (batch.watch_range) {   // stops watching once every lane has seen both ends of its scale
    bool reached = true;
    for (std::size_t l = 0; l < lanes_.size(); ++l) {
      lanes_[l]->seen.merge(batch.seen[l]);
      reached = reached && lanes_[l]->seen.reaches(lanes_[l]->parser.scale());
    }
    watch_range_ = !reached;
  }
  if (batch.excluded > 0) {
    if (report_.excluded == 0) report_.first_excluded = batch.first_excluded;
    report_.excluded += batch.excluded;
  }
  if (batch.from != RowsFrom::held && hooks_.progress) {
    const std::uint64_t before = collected_;
    collected_ += batch.records;
    if ((collected_ >> 16) != (before >> 16)) hooks_.progress(source_.bytes_read(), source_.total_bytes());
  }
}

ATTUNE_ROW_STEP void ScoreRun::keep_ids(Batch& batch, std::span<const std::string_view> texts, std::uint64_t line) const {
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

void ScoreRun::note_ids(const Batch& batch) {
  std::size_t k = 0;
  std::uint32_t start = 0;
  for (const Batch::IdEntry& entry : batch.id_entries) {
    if (entry.count > 0) {
      duplicate_ids_.add_run(entry.first_id, entry.line, entry.count);
      continue;
    }
    id_cells_.clear();
    for (std::size_t i = 0; i < id_fields_.size(); ++i, ++k) {
      id_cells_.emplace_back(batch.ids.data() + start, batch.id_ends[k] - start);
      start = batch.id_ends[k];
    }
    duplicate_ids_.add(id_cells_, entry.line);
  }
}

std::string_view ScoreRun::joined_flags(Worker& worker, std::span<const std::string_view> texts,
                                        std::uint64_t row) const {
  if (options_.flags->by_row || shape_.row_ids || texts.empty()) {
    worker.row_key = std::to_string(row);
    return options_.flags->flags_of(worker.row_key);
  }
  return options_.flags->flags_of(texts.front());
}

}  // namespace attune::scoring

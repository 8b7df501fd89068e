#include "attune/responses/observed_range.h"
#include "attune/run/quality_run.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <span>

#include <fmt/format.h>

#include "attune/io/output_columns.h"
#include "attune/responses/cell_parser.h"
#include "attune/util/error.h"
#include "attune/stats/pairwise_moments.h"
#include "attune/util/text.h"
#include "run/progress_tick.h"

namespace attune {

namespace {

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

// The field of the header named `name`; a data Error naming `what` when there is none.
std::size_t find_field(const std::vector<std::string>& header, const std::string& name, const std::string& what,
                       const std::string& file) {
  for (std::size_t i = 0; i < header.size(); ++i) {
    if (header[i] == name) return i;
  }
  throw data_error({file, 1, 0}, fmt::format("{} column {} is not in the header", what, show_text(name)),
                   "check the column name");
}

// Indices into instrument.items, in item-number order (ties: as listed) or, for
// ItemOrder::columns, in the order of the items' fields in the file.
std::vector<std::size_t> item_order(const Instrument& instrument, const ColumnBinding& binding, ItemOrder order) {
  std::vector<std::size_t> items(instrument.items.size());
  for (std::size_t i = 0; i < items.size(); ++i) items[i] = i;
  std::stable_sort(items.begin(), items.end(), [&](std::size_t a, std::size_t b) {
    return order == ItemOrder::columns ? binding.item_fields[a] < binding.item_fields[b]
                                       : instrument.items[a].number < instrument.items[b].number;
  });
  return items;
}

}  // namespace

// What reading a respondent takes (the bound response parser, the check and duration cells),
// kept from the first pass for the second.
struct QualityPass {
  ResponseParser parser;
  std::vector<std::size_t> check_fields;
  std::vector<std::string> check_columns;
  std::optional<std::size_t> duration_field;
  std::string duration_column;
  ExtraCellReader check_cells, duration_cells;
  bool leave_out_empty = false;
  std::unique_ptr<Screener> screener;   // after the first pass

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

namespace {

ResponseScale duration_scale(const Instrument& instrument) {
  ResponseScale scale;   // no labels; the definition's missing codes still mean no answer
  scale.missing_codes = instrument.response.missing_codes;
  return scale;
}

// The cells of one output row: ids (or the row number), kept cells, the indices, the flags.
void add_index_cells(const RespondentQuality& q, const QualityFlags& flags, bool checks, bool durations,
                     std::vector<Cell>& cells, std::string& flag_text) {
  for (double v : {q.longstring.longest, q.longstring.average, q.irv, q.mahalanobis.d_squared,
                   std::isnan(q.mahalanobis.d_squared) ? NAN : static_cast<double>(q.mahalanobis.df), q.mahalanobis.p_value,
                   q.even_odd.consistency, q.psychsyn.r, static_cast<double>(q.psychsyn.pairs_answered), q.psychant.r,
                   static_cast<double>(q.psychant.pairs_answered)}) {
    cells.push_back(Cell::of(v));
  }
  if (checks) cells.push_back(Cell::of(static_cast<double>(q.attention.failed)));
  if (durations) cells.push_back(Cell::of(q.duration));
  flag_text = flags.to_string();
  cells.push_back(flag_text.empty() ? Cell::missing() : Cell::of(std::string_view(flag_text)));
}

}  // namespace

QualityRun screen_responses(const Instrument& definition, RecordSource& source, const QualityOptions& options) {
  std::vector<std::string> header = read_header(source);
  QualityRun run;
  run.instrument = definition.for_columns(header);
  const Instrument& instrument = run.instrument;
  run.pass = std::make_shared<QualityPass>(QualityPass{
      ResponseParser(instrument, header, options, source.name()), {}, {}, std::nullopt, "",
      ExtraCellReader(instrument.response, options, source.name()),
      ExtraCellReader(duration_scale(instrument), options, source.name()), leaves_out_empty_records(source, options),
      nullptr});
  QualityPass& pass = *run.pass;
  std::vector<AttentionCheck> checks;
  for (std::size_t c = 0; c < instrument.attention_checks.size(); ++c) {
    const auto& spec = instrument.attention_checks[c];
    pass.check_fields.push_back(find_field(header, spec.column, "attention check", source.name()));
    pass.check_columns.push_back(spec.column);
    checks.push_back({c, spec.item, spec.column, spec.expected});
  }
  if (options.duration_column) {
    pass.duration_field = find_field(header, *options.duration_column, "--duration", source.name());
    pass.duration_column = *options.duration_column;
  }
  const std::vector<std::size_t> by_column = item_order(instrument, pass.parser.binding(), ItemOrder::columns);
  const std::vector<std::size_t> by_number = item_order(instrument, pass.parser.binding(), ItemOrder::instrument);
  run.columns_out_of_item_order = by_column != by_number;
  // A source that can start again is read twice (sample statistics, then each row); any other
  // holds every respondent's answers.
  run.held = !source.rewind();
  if (run.held && options.holding_rows) options.holding_rows();
  PairwiseMoments sample(instrument.items.size());
  Record record;
  ResponseRow row;
  std::vector<double> check_values;
  double duration = NAN;
  std::uint64_t rows = 0;
  ObservedRange seen;
  EmptyRecords empty;
  ProgressTick progress(source, options.progress);
  while (source.next(record)) {
    progress.row();
    if (!pass.read(record, ++rows, row, check_values, duration)) {
      empty.add(record.line);
      continue;
    }
    ++run.respondents;
    seen.add(row.items);
    sample.add(row.items);
    if (!run.held) continue;
    run.row_numbers.push_back(rows);
    for (auto text : row.texts) {
      run.texts.append(text);
      run.text_ends.push_back(run.texts.size());
    }
    run.held_input.items.push_back(row.items);
    if (!checks.empty()) run.held_input.check_values.push_back(check_values);
    if (pass.duration_field) run.held_input.durations.push_back(duration);
  }
  // Even-odd reverse-keys on the scale the answers were read on (the instrument's, or --range's).
  Instrument on_read_scale = instrument;
  on_read_scale.response = pass.parser.scale();
  pass.screener = std::make_unique<Screener>(on_read_scale, sample, options.thresholds,
                                             options.longstring_order == ItemOrder::columns ? by_column : by_number,
                                             checks);
  run.report = pass.screener->sample_report();
  const ColumnBinding& binding = pass.parser.binding();
  run.id_names = binding.id_names;
  run.keep_names = binding.keep_names;
  run.row_ids = binding.id_fields.empty();
  run.texts_per_row = binding.id_fields.size() + binding.keep_fields.size();
  run.checks = !checks.empty();
  run.durations = pass.duration_field.has_value();
  run.invalid_cells = pass.parser.invalid_cells();
  run.invalid_cells_summary = pass.parser.invalid_cells_summary();
  run.empty_records = empty.summary(source.name());
  if (!options.range) run.range_warning = narrow_range_warning(seen, pass.parser.scale(), instrument.id);
  return run;
}

void write_quality_rows(QualityRun& run, RecordSource& source, RecordWriter& writer) {
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
  Record record;
  ResponseRow row;
  std::vector<double> check_values;
  double duration = NAN;
  std::uint64_t rows = 0, respondents = 0;
  while (source.next(record)) {
    if (!pass.read(record, ++rows, row, check_values, duration)) continue;
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

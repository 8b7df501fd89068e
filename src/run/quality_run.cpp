#include "attune/responses/observed_range.h"
#include "attune/run/quality_run.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "attune/io/output_columns.h"
#include "attune/responses/cell_parser.h"
#include "attune/util/error.h"
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

QualityRun screen_responses(const Instrument& definition, RecordSource& source, const QualityOptions& options) {
  std::vector<std::string> header = read_header(source);
  QualityRun run;
  run.instrument = definition.for_columns(header);
  const Instrument& instrument = run.instrument;
  ResponseParser parser(instrument, header, options, source.name());
  QualityInput input;
  std::vector<std::size_t> check_fields;
  for (std::size_t c = 0; c < instrument.attention_checks.size(); ++c) {
    const auto& spec = instrument.attention_checks[c];
    check_fields.push_back(find_field(header, spec.column, "attention check", source.name()));
    input.checks.push_back({c, spec.item, spec.column, spec.expected});
  }
  std::optional<std::size_t> duration_field;
  if (options.duration_column) {
    duration_field = find_field(header, *options.duration_column, "--duration", source.name());
  }
  const std::vector<std::size_t> by_column = item_order(instrument, parser.binding(), ItemOrder::columns);
  const std::vector<std::size_t> by_number = item_order(instrument, parser.binding(), ItemOrder::instrument);
  run.columns_out_of_item_order = by_column != by_number;
  input.longstring_order = options.longstring_order == ItemOrder::columns ? by_column : by_number;
  ExtraCellReader check_cells(instrument.response, options, source.name());
  ResponseScale duration_scale;   // no labels; the definition's missing codes still mean no answer
  duration_scale.missing_codes = instrument.response.missing_codes;
  ExtraCellReader duration_cells(duration_scale, options, source.name());
  Record record;
  ResponseRow row;
  std::uint64_t rows = 0;
  ObservedRange seen;
  const bool leave_out_empty = leaves_out_empty_records(source, options);
  EmptyRecords empty;
  ProgressTick progress(source, options.progress);
  while (source.next(record)) {
    progress.row();
    parser.parse(record, ++rows, row);
    if (row.empty && leave_out_empty) {
      empty.add(record.line);
      continue;
    }
    run.row_numbers.push_back(rows);
    seen.add(row.items);
    for (auto text : row.texts) {
      run.texts.append(text);
      run.text_ends.push_back(run.texts.size());
    }
    input.items.push_back(row.items);
    if (!check_fields.empty()) {
      std::vector<double> values;
      for (std::size_t c = 0; c < check_fields.size(); ++c) {
        values.push_back(check_cells.read(record, check_fields[c], instrument.attention_checks[c].column));
      }
      input.check_values.push_back(std::move(values));
    }
    if (duration_field) input.durations.push_back(duration_cells.read(record, *duration_field, *options.duration_column));
  }
  // Even-odd reverse-keys on the scale the answers were read on (the instrument's, or --range's).
  Instrument on_read_scale = instrument;
  on_read_scale.response = parser.scale();
  run.report = screen(on_read_scale, input, options.thresholds);
  const ColumnBinding& binding = parser.binding();
  run.id_names = binding.id_names;
  run.keep_names = binding.keep_names;
  run.row_ids = binding.id_fields.empty();
  run.texts_per_row = binding.id_fields.size() + binding.keep_fields.size();
  run.checks = !input.checks.empty();
  run.durations = duration_field.has_value();
  run.invalid_cells = parser.invalid_cells();
  run.invalid_cells_summary = parser.invalid_cells_summary();
  run.empty_records = empty.summary(source.name());
  if (!options.range) run.range_warning = narrow_range_warning(seen, parser.scale(), instrument.id);
  return run;
}

void write_quality_rows(const QualityRun& run, RecordWriter& writer) {
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
  const QualityReport& report = run.report;
  std::vector<Cell> cells;
  std::string flags;
  std::size_t start = 0, at = 0;
  for (std::size_t r = 0; r < report.respondents.size(); ++r) {
    const RespondentQuality& q = report.respondents[r];
    cells.clear();
    if (run.row_ids) cells.push_back(Cell::of(static_cast<double>(run.row_numbers[r])));
    for (std::size_t t = 0; t < run.texts_per_row; ++t) {
      std::size_t end = run.text_ends[at++];
      cells.push_back(Cell::of(std::string_view(run.texts).substr(start, end - start)));
      start = end;
    }
    for (double v : {q.longstring.longest, q.longstring.average, q.irv, q.mahalanobis.d_squared,
                     std::isnan(q.mahalanobis.d_squared) ? NAN : static_cast<double>(q.mahalanobis.df), q.mahalanobis.p_value,
                     q.even_odd.consistency, q.psychsyn.r, static_cast<double>(q.psychsyn.pairs_answered), q.psychant.r,
                     static_cast<double>(q.psychant.pairs_answered)}) {
      cells.push_back(Cell::of(v));
    }
    if (run.checks) cells.push_back(Cell::of(static_cast<double>(q.attention.failed)));
    if (run.durations) cells.push_back(Cell::of(q.duration));
    flags = report.flags[r].to_string();
    cells.push_back(flags.empty() ? Cell::missing() : Cell::of(std::string_view(flags)));
    writer.write_row(cells);
  }
  writer.finish();
}

}  // namespace attune

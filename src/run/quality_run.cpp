#include "attune/responses/observed_range.h"
#include "attune/run/quality_run.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <optional>
#include <span>
#include <string_view>

#include <fmt/format.h>

#include "attune/io/output_columns.h"
#include "attune/responses/cell_parser.h"
#include "attune/util/error.h"
#include "attune/stats/pairwise_moments.h"
#include "stats/likert_moments.h"
#include "util/small_whole.h"
#include "attune/util/text.h"
#include "run/progress_tick.h"
#include "run/quality_pass.h"

namespace attune {

namespace {

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

// Rows of Likert codes handed to LikertMoments at a time.
constexpr std::size_t kCodedRows = 1024;

}  // namespace

namespace {

ResponseScale duration_scale(const Instrument& instrument) {
  ResponseScale scale;   // no labels; the definition's missing codes still mean no answer
  scale.missing_codes = instrument.response.missing_codes;
  return scale;
}

}  // namespace

QualityRun screen_responses(const Instrument& definition, RecordSource& source, const QualityOptions& options) {
  std::vector<std::string> header = read_header(source);
  QualityRun run;
  run.instrument = definition.for_columns(header);
  const Instrument& instrument = run.instrument;
  run.pass = std::make_shared<QualityPass>(QualityPass{
      {ResponseParser(instrument, header, options, source.name()), {}, {}, std::nullopt, "",
       ExtraCellReader(instrument.response, options, source.name()),
       ExtraCellReader(duration_scale(instrument), options, source.name()), leaves_out_empty_records(source, options)},
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
  const std::size_t n_items = instrument.items.size();
  PairwiseMoments sample(n_items);
  // analyze's fast path (ARCHITECTURE.md): a plain line whose every item has a Likert code is
  // read as codes (ResponseParser::parse_line_codes) and summed exactly by LikertMoments; any
  // other row is parsed as values into `sample`. Only when nothing else of the row is wanted
  // now (no rows held, no check or duration cells).
  // (Answers within 2^20: those PairwiseMoments sums exactly too, so the moments are the same bits.)
  const ResponseScale& scale = pass.parser.scale();
  const std::optional<LikertCoding> coding = LikertCoding::of_range(scale.min, scale.max);
  std::optional<LikertMoments> likert;
  if (coding && small_whole(scale.min) && small_whole(scale.max) && n_items > 0 && !run.held && checks.empty() &&
      !pass.duration_field) {
    likert.emplace(n_items, std::vector<ScaleKey>{}, scale.min, scale.max);
  }
  std::vector<std::uint8_t> codes(kCodedRows * n_items);
  std::size_t coded = 0;   // rows of codes waiting in `codes`
  const bool watch_range = !options.range;
  Record record;
  ResponseRow row;
  std::vector<double> check_values;
  double duration = NAN;
  std::uint64_t rows = 0;
  ObservedRange seen;
  EmptyRecords empty;
  ProgressTick progress(source, options.progress);
  // On worker threads: the Likert fast path on delimited text (quality_first_pass.cpp).
  const unsigned threads = likert && source.delimited_text() ? quality_threads(source, options.threads) : 0;
  if (threads > 0) {
    FirstPassInput in{pass, sample, *coding, watch_range, seen, empty, run.respondents};
    read_first_pass_in_batches(in, source, threads, options.progress);
  }
  while (threads == 0) {   // (with workers, they read every row)
    // (Asked each row: a source may have plain lines only from some row on.)
    if (PlainText* plain = likert ? source.plain_text() : nullptr) {
      const std::string_view line = plain->peek_line();
      std::uint8_t* into = codes.data() + coded * n_items;
      if (!line.empty() && pass.parser.parse_line_codes(line, plain->delimiter(), rows + 1, *coding, row, into)) {
        plain->take_line(line);
        ++rows;
        progress.row();
        ++run.respondents;
        if (watch_range && !seen.reaches(scale)) seen.add_codes(std::span(into, n_items), coding->base);
        if (++coded == kCodedRows) {
          likert->add(codes.data(), coded);
          coded = 0;
        }
        continue;
      }
    }
    if (!source.next(record)) break;
    progress.row();
    if (!pass.read(record, ++rows, row, check_values, duration)) {
      empty.add(record.line);
      continue;
    }
    ++run.respondents;
    if (watch_range && !seen.reaches(scale)) seen.add(row.items);
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
  if (likert && threads == 0) {
    likert->add(codes.data(), coded);
    std::vector<ExactPairSums> upper;
    for (std::size_t i = 0; i < n_items; ++i)
      for (std::size_t j = i; j < n_items; ++j) upper.push_back(likert->item_sums(i, j));
    sample.add_exact_sums(likert->rows(), upper);
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
  run.empty_records = empty.summary(source);
  if (!options.range) run.range_warning = narrow_range_warning(seen, pass.parser.scale(), instrument.id);
  return run;
}

}  // namespace attune

#include "attune/run/score_run.h"
#include "attune/util/threads.h"

#include <charconv>
#include <cmath>
#include <algorithm>
#include <memory>
#include <thread>

#include <fmt/format.h>

#include "attune/io/output_columns.h"
#include "attune/instrument/pattern.h"
#include "attune/responses/duplicate_ids.h"
#include "attune/scoring/min_valid.h"
#include "attune/util/text.h"
#include "row_loop.h"
#include "score_lane.h"

namespace attune {

namespace scoring {

ResponseOptions options_for(const Instrument& instrument, const ScoreOptions& options) {
  ResponseOptions own = options;
  own.columns = columns_for(own.columns, options.patterns_by_instrument, options.maps_by_instrument, instrument.id);
  return own;
}

Lane::Lane(const Instrument& in, const std::vector<std::string>& header, const ScoreOptions& options,
           const std::string& file)
    : instrument(in.for_columns(header)), parser(instrument, header, options_for(instrument, options), file),
      scorer(instrument, parser.scale(), options.scoring), summary(scorer.score_ids()),
      scores(scorer.score_ids().size()) {
  ClassifierOptions classifier_options = options.classifier;
  if (instrument.classification && instrument.classification->forced_choice) {
    const std::string& column = instrument.classification->forced_choice->column;
    for (std::size_t i = 0; i < header.size(); ++i) {
      if (header[i] == column) forced_choice_field = i;
    }
    if (forced_choice_field) {
      classifier_options.forced_choice_col = scores.size();
      scores.push_back(NAN);
    }
  }
  if (options.classify && (instrument.classification || !options.classifier.method.empty())) {
    classifier = make_classifier(instrument, scorer.score_ids(), parser.scale(), classifier_options);
  }
}

double Lane::forced_choice(const Record& record, const std::string& file) const {
  std::string_view cell = trim(record.fields[*forced_choice_field]);
  double value = NAN;
  if (!cell.empty()) {
    auto [end, ec] = std::from_chars(cell.data(), cell.data() + cell.size(), value);
    const auto& codes = instrument.classification->forced_choice->codes;
    if (ec != std::errc() || end != cell.data() + cell.size() || !codes.count(value)) {
      std::vector<std::string> known;
      for (const auto& [code, name] : codes) known.push_back(fmt::format("{}={}", code, name));
      throw data_error(record.where(file, *forced_choice_field),
                       fmt::format("forced choice {} is not one of the codes", show_text(cell)),
                       fmt::format("codes: {}", fmt::join(known, ", ")));
    }
  }
  return value;
}

Error non_finite_score_error(const NonFiniteScore& e, const std::string& file, std::uint64_t row, std::uint64_t line) {
  return data_error({file, line, 0},
                    fmt::format("row {}: computed score '{}' is {}, not a number that can be written", row, e.score,
                                std::isnan(e.value) ? "not a number (infinity minus infinity)" : e.value > 0 ? "+infinity" : "-infinity"),
                    fmt::format("its weights multiply up past a double's range: lower the weights of '{}' (or of the "
                                "computed scores it uses) in the definition",
                                e.score));
}

ScoreRun::ScoreRun(const std::vector<Instrument>& instruments, RecordSource& source, RecordWriter& writer,
                   const ScoreOptions& options, const ScoreHooks& hooks)
    : source_(source), writer_(writer), options_(options), hooks_(hooks) {
  std::vector<std::string> header = read_header(source);
  for (const auto& instrument : instruments) {
    lanes_.push_back(std::make_unique<Lane>(instrument, header, options, source.name()));
    Lane& lane = *lanes_.back();
    lane.plan_borderline(options);
    if (lane.classifier && lane.classifier->flags_respondents()) lane.flag_column = true;
    flag_column_ = flag_column_ || lane.flag_column;
    hold_ = hold_ || options.impute != Impute::none || !lane.borderline.empty() ||
            (lane.classifier && lane.classifier->needs_sample());
    forced_choice_ = forced_choice_ || lane.forced_choice_field.has_value();
  }
  prefixed_ = instruments.size() > 1;
  // Codes serve the scores alone: not the items a sample or --borderline holds.
  for (auto& lane : lanes_) lane->codes = !hold_ && lane->borderline.empty() && lane->scorer.coding().has_value();
  id_fields_ = lanes_.front()->parser.binding().id_fields;
  watch_range_ = !options.range;   // an explicit --range settles the scale
  leave_out_empty_ = leaves_out_empty_records(source, options);
  borderline_.resize(lanes_.size());
}

unsigned ScoreRun::worker_threads() const {
  // One thread, explicitly, for sample-based runs (the rows are held for a second pass), the
  // forced choice (read from each row's record), quality flags (--quality, --exclude-flagged),
  // methods that flag respondents, and writers that see every row themselves (the table).
  if (hold_ || forced_choice_ || options_.flags || flag_column_ || writer_.row_formatter() == nullptr) return 0;
  // By default, one thread for a source whose own decoding is the work: a 1M-row .sav took
  // 3.8 s on one thread and 6.2 s on two (bench/PERF-NOTES.md); an explicit --threads N is kept.
  if (options_.threads == 0 && !source_.delimited_text()) return 0;
  const unsigned threads = resolve_threads(options_.threads).count;
  return threads > 1 ? threads : 0;
}

ScoreReport ScoreRun::run() {
  begin_output();
  loop(worker_threads(), RowsFrom::source);
  if (hold_) {
    for (std::size_t l = 0; l < lanes_.size(); ++l) fit_lane(l);
    loop(0, RowsFrom::held);
  }
  writer_.finish();
  if (std::string repeats = duplicate_ids_.warning(
          source_.name(), [this](std::uint64_t line) { return source_.locate(line); }); !repeats.empty() && hooks_.warn) hooks_.warn(repeats);
  for (std::size_t l = 0; l < lanes_.size(); ++l) {
    Lane& lane = *lanes_[l];
    if (std::string narrow = options_.range ? "" : narrow_range_warning(lane.seen, lane.parser.scale(), lane.instrument.id);
        !narrow.empty() && hooks_.warn) {
      hooks_.warn(narrow);
    }
    report_.invalid_cells += lane.parser.invalid_cells();
    if (lane.parser.invalid_cells() && hooks_.warn) hooks_.warn(lane.parser.invalid_cells_summary());
    InstrumentReport part{lane.instrument.id, lane.summary, {}, {}, {}, {}};
    if (lane.classifier) {
      part.classifier_name = lane.classifier->name();
      part.classifier_parameters = lane.classifier->parameters();
      for (auto& described : borderline_[l]) part.classifier_parameters.push_back(described);
      if (lane.classifier->cuts_each_axis()) part.axis_cutoffs = lane.classifier->axis_cutoffs();
      part.borderline_cuts = lane.cuts;
    }
    report_.instruments.push_back(std::move(part));
  }
  report_.summary = report_.instruments.front().summary;
  report_.classifier_parameters = report_.instruments.front().classifier_parameters;
  report_.classifier_name = report_.instruments.front().classifier_name;
  return std::move(report_);
}

namespace {

// The definition's label of score `id` (a scale's or a computed score's), or "".
std::string score_label(const Instrument& instrument, const std::string& id) {
  for (const auto& scale : instrument.scales) if (scale.id == id) return scale.label;
  for (const auto& computed : instrument.computed) if (computed.id == id) return computed.label;
  return "";
}

// The pattern column's codes (SPSS/Stata): 1 secure, 2 preoccupied, 3 dismissing, 4 fearful.
std::vector<ValueLabel> pattern_codes() {
  std::vector<ValueLabel> codes;
  for (Pattern pattern : all_patterns) {
    codes.push_back({static_cast<double>(static_cast<int>(pattern) + 1), std::string(pattern_name(pattern))});
  }
  return codes;
}

}  // namespace

std::string ScoreRun::column_name(const Lane& lane, const std::string& name) const {
  return prefixed_ ? lane.instrument.id + "_" + name : name;
}

void ScoreRun::begin_output() {
  const ColumnBinding& binding = lanes_.front()->parser.binding();
  shape_.row_ids = binding.id_fields.empty();
  shape_.provenance = options_.provenance;
  shape_.flags = options_.flags && options_.flags->annotate;
  std::vector<OutputColumn> columns;
  for (const auto& name : binding.id_names) {
    columns.push_back({{name, shape_.row_ids}, shape_.row_ids ? "the row number, no id column being found" : "the id column"});
  }
  for (const auto& name : binding.keep_names) {
    columns.push_back({{name, false}, options_.columns.keep_all ? "a --keep / --keep-all column" : "a --keep column"});
  }
  for (const auto& lane : lanes_) {
    const std::string& id = lane->instrument.id;
    for (const auto& score : lane->scorer.score_ids()) {
      columns.push_back({{column_name(*lane, score), true, -1, score_label(lane->instrument, score)},
                         fmt::format("{}'s score {}", id, show_text(score))});
    }
    if (lane->classifier) {
      columns.push_back({{column_name(*lane, "pattern"), false, -1, "Attachment pattern", pattern_codes()},
                         fmt::format("{}'s pattern", id)});
    }
    if (lane->flag_column) columns.push_back({{column_name(*lane, "flags"), false}, fmt::format("{}'s flags", id)});
  }
  if (options_.flags && options_.flags->annotate) columns.push_back({{"quality_flags", false}, "--quality's flags"});
  if (options_.provenance) {
    columns.push_back({{"attune_version", false}, "--provenance"});
    for (const auto& lane : lanes_) {
      for (auto name : {"instrument", "instrument_version", "instrument_sha256"}) {
        columns.push_back({{column_name(*lane, name), false}, fmt::format("--provenance of {}", lane->instrument.id)});
      }
    }
  }
  const std::vector<Column> checked = unique_output_columns(columns);
  cell_count_ = checked.size();
  writer_.begin(checked);
}

}  // namespace scoring

ScoreReport run_score(const std::vector<Instrument>& instruments, RecordSource& source, RecordWriter& writer,
                      const ScoreOptions& options, const ScoreHooks& hooks) {
  if (instruments.empty()) throw usage_error("no instrument to score", "give -i ID");
  for (std::size_t i = 0; i < instruments.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      if (instruments[i].id != instruments[j].id) continue;
      const bool same_file = instruments[i].source == instruments[j].source;
      throw usage_error(
          same_file ? fmt::format("-i {} is given twice: its columns would appear twice", show_text(instruments[i].id))
                    : fmt::format("{} and {} both have the id {}: their columns would have the same names",
                                  show_text(instruments[j].source), show_text(instruments[i].source),
                                  show_text(instruments[i].id)),
          same_file ? "give each instrument once" : "give one of the definitions another 'id:'");
    }
  }
  for (const auto& in : instruments) if (options.scoring.min_valid) check_min_valid(in, *options.scoring.min_valid);
  return scoring::ScoreRun(instruments, source, writer, options, hooks).run();
}

ScoreReport run_score(const Instrument& instrument, RecordSource& source, RecordWriter& writer,
                      const ScoreOptions& options, const ScoreHooks& hooks) {
  return run_score(std::vector<Instrument>{instrument}, source, writer, options, hooks);
}

}  // namespace attune

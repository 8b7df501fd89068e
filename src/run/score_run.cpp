#include "attune/run/score_run.h"
#include "attune/util/threads.h"

#include <charconv>
#include <cmath>
#include <algorithm>
#include <map>
#include <memory>
#include <thread>

#include <fmt/format.h>

#include "attune/responses/duplicate_ids.h"
#include "attune/scoring/min_valid.h"
#include "attune/util/text.h"
#include "parallel_score.h"
#include "score_lane.h"

namespace attune {

bool run_needs_sample(const Instrument& instrument, const ScoreOptions& options) {
  if (options.impute != Impute::none) return true;
  if (!options.classify || !instrument.classification) return false;
  std::string method = options.classifier.method.empty() ? instrument.classification->default_method
                                                         : options.classifier.method;
  if (options.borderline) return true;
  const MethodSpec* prototype = instrument.classification->method("prototype");
  return method == "median" || method == "kmeans" || (method == "prototype" && prototype && prototype->standardize);
}

namespace scoring {

ResponseOptions options_for(const Instrument& instrument, const ScoreOptions& options) {
  ResponseOptions own = options;
  if (auto it = options.patterns_by_instrument.find(instrument.id); it != options.patterns_by_instrument.end()) {
    own.columns.pattern = it->second;
    own.columns.map_file.reset();
  }
  if (auto it = options.maps_by_instrument.find(instrument.id); it != options.maps_by_instrument.end()) {
    own.columns.map_file = it->second;
    own.columns.pattern.reset();
  }
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

void Lane::read_forced_choice(const Record& record, const std::string& file) {
  if (!forced_choice_field) return;
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
  scores.back() = value;
}

}  // namespace scoring

namespace {

using scoring::Lane;

// Threads for the rows: --threads, 0 meaning one per core.
unsigned resolve_threads(unsigned requested) {
  return attune::resolve_threads(requested).count;
}

class Run {
 public:
  Run(const std::vector<Instrument>& instruments, RecordSource& source, RecordWriter& writer,
      const ScoreOptions& options, const ScoreHooks& hooks)
      : source_(source), writer_(writer), options_(options), hooks_(hooks) {
    std::vector<std::string> header = read_header(source);
    for (const auto& instrument : instruments) {
      lanes_.push_back(std::make_unique<Lane>(instrument, header, options, source.name()));
      Lane& lane = *lanes_.back();
      lane.plan_borderline(options);
      // Methods that flag respondents: k-means (shared quadrants), prototype (how a tie was met).
      if (lane.classifier && (lane.classifier->name() == "kmeans" || lane.classifier->name() == "prototype")) {
        lane.flag_column = true;
      }
      flag_column_ = flag_column_ || lane.flag_column;   // flags are only made on the sequential path
      hold_ = hold_ || options.impute != Impute::none || !lane.borderline.empty() ||
              (lane.classifier && lane.classifier->needs_sample());
      forced_choice_ = forced_choice_ || lane.forced_choice_field.has_value();
    }
    prefixed_ = instruments.size() > 1;
    // Codes serve the scores alone: not the items a sample or --borderline holds.
    for (auto& lane : lanes_) lane->codes = !hold_ && lane->borderline.empty() && lane->scorer.coding().has_value();
  }

  // Several threads pay off only for streaming runs whose writer can format rows elsewhere.
  bool parallel() const {
    return !hold_ && !options_.flags && !forced_choice_ && !flag_column_ && resolve_threads(options_.threads) > 1 && writer_.row_formatter() != nullptr;
  }

  ScoreReport run() {
    begin_output();
    if (parallel()) {
      report_.rows = scoring::score_in_parallel(lanes_, shape_, cells_.size(), source_, writer_,
                                                resolve_threads(options_.threads), options_.summary, hooks_,
                                                duplicate_ids_);
    } else {
      read_rows();
    }
    if (hold_) second_pass();
    writer_.finish();
    if (std::string repeats = duplicate_ids_.warning(source_.name()); !repeats.empty() && hooks_.warn) hooks_.warn(repeats);
    for (auto& lane : lanes_) {
      report_.invalid_cells += lane->parser.invalid_cells();
      if (lane->parser.invalid_cells() && hooks_.warn) hooks_.warn(lane->parser.invalid_cells_summary());
      InstrumentReport part{lane->instrument.id, lane->summary, {}, {}};
      if (lane->classifier) {
        part.classifier_name = lane->classifier->name();
        part.classifier_parameters = lane->classifier->parameters();
        for (auto& described : borderline_[lane.get()]) part.classifier_parameters.push_back(described);
      }
      report_.instruments.push_back(std::move(part));
    }
    report_.summary = report_.instruments.front().summary;
    report_.classifier_parameters = report_.instruments.front().classifier_parameters;
    report_.classifier_name = report_.instruments.front().classifier_name;
    return std::move(report_);
  }

 private:
  // The sequential path: each row is written (or held) before the next is read.
  void read_rows() {
    Record record;
    auto parser_of = [this](std::size_t l) -> ResponseParser& { return lanes_[l]->parser; };
    auto row_of = [this](std::size_t l) -> ResponseRow& { return lanes_[l]->row; };
    auto scorer_of = [this](std::size_t l) -> const Scorer& { return lanes_[l]->scorer; };
    for (;;) {
      const std::uint64_t number = report_.rows + 1;
      std::uint64_t line = 0;
      CsvReader* csv = forced_choice_ ? nullptr : source_.csv_blocks();   // the forced choice is read from a Record
      if (csv == nullptr || !scoring::parse_plain_line(*csv, lanes_, number, parser_of, row_of, scorer_of, line)) {
        if (!source_.next(record)) break;
        line = record.line;
        for (auto& lane : lanes_) lane->parser.parse(record, number, lane->row);
      }
      report_.rows = number;
      note_ids(lanes_.front()->row.texts, line);
      if (excluded(lanes_.front()->row.texts, report_.rows)) continue;   // before any sample statistic
      for (auto& lane : lanes_) {
        lane->read_forced_choice(record, source_.name());
        if (!lane->borderline.empty()) lane->add_borderline_items();
      }
      if (hold_) {
        hold_row();
      } else {
        for (auto& lane : lanes_) scoring::score_row(lane->scorer, lane->row, lane->scores);
        emit(lanes_.front()->row.texts, report_.rows, [](Lane& lane) { return std::span<const double>(lane.scores); });
      }
      if (hooks_.progress && (report_.rows & 0xFFFF) == 0) hooks_.progress(source_.bytes_read(), source_.total_bytes());
    }
  }

  std::string column_name(const Lane& lane, const std::string& name) const {
    return prefixed_ ? lane.instrument.id + "_" + name : name;
  }

  void begin_output() {
    const ColumnBinding& binding = lanes_.front()->parser.binding();
    shape_.row_ids = binding.id_fields.empty();
    shape_.provenance = options_.provenance;
    shape_.flags = options_.flags && options_.flags->annotate;
    std::vector<Column> columns;
    for (const auto& name : binding.id_names) columns.push_back({name, shape_.row_ids});
    for (const auto& name : binding.keep_names) columns.push_back({name, false});
    for (const auto& lane : lanes_) {
      for (const auto& id : lane->scorer.score_ids()) columns.push_back({column_name(*lane, id), true});
      if (lane->classifier) columns.push_back({column_name(*lane, "pattern"), false});
      if (lane->flag_column) columns.push_back({column_name(*lane, "flags"), false});
    }
    if (options_.flags && options_.flags->annotate) columns.push_back({"quality_flags", false});
    if (options_.provenance) {
      columns.push_back({"attune_version", false});
      for (const auto& lane : lanes_) {
        for (auto name : {"instrument", "instrument_version", "instrument_sha256"}) {
          columns.push_back({column_name(*lane, name), false});
        }
      }
    }
    cells_.resize(columns.size());
    writer_.begin(columns);
  }

  void hold_row() {
    held_rows_.push_back(report_.rows);
    for (auto text : lanes_.front()->row.texts) {
      held_text_.append(text);
      held_text_ends_.push_back(held_text_.size());
    }
    for (auto& lane : lanes_) {
      if (options_.impute != Impute::none) {
        lane->held.insert(lane->held.end(), lane->row.items.begin(), lane->row.items.end());
        if (lane->forced_choice_field) lane->held_choice.push_back(lane->scores.back());
      } else {
        scoring::score_row(lane->scorer, lane->row, lane->scores);
        lane->held.insert(lane->held.end(), lane->scores.begin(), lane->scores.end());
      }
    }
  }

  // Imputes and scores the held rows (psych::scoreItems' order: impute over the whole sample,
  // then score), fits sample-based classifiers, then writes every row.
  void fit_lane(Lane& lane) {
    const std::size_t n_scores = lane.scores.size();
    lane.sample.cols = n_scores;
    if (options_.impute == Impute::none) {
      lane.sample.values = std::move(lane.held);
    } else {
      const std::size_t n_items = lane.instrument.items.size();
      std::vector<double> centres = item_centres(lane.held, n_items, options_.impute);
      std::vector<std::uint8_t> answered(n_items);
      const std::size_t rows = held_rows_.size();
      lane.sample.values.resize(rows * n_scores);
      for (std::size_t r = 0; r < rows; ++r) {
        std::span<double> items(lane.held.data() + r * n_items, n_items);
        for (std::size_t j = 0; j < n_items; ++j) answered[j] = !std::isnan(items[j]);
        impute_row(items, centres);
        lane.scorer.score(items, std::span<double>(lane.sample.values.data() + r * n_scores, n_scores), answered);
        if (lane.forced_choice_field) lane.sample.values[r * n_scores + n_scores - 1] = lane.held_choice[r];
      }
    }
    lane.held.clear();
    lane.held.shrink_to_fit();
    if (lane.classifier && lane.classifier->needs_sample()) lane.classifier->fit(lane.sample);
    borderline_[&lane] = lane.fit_borderline();
  }

  void second_pass() {
    for (auto& lane : lanes_) fit_lane(*lane);
    const ColumnBinding& binding = lanes_.front()->parser.binding();
    const std::size_t n_texts = binding.id_fields.size() + binding.keep_fields.size();
    std::size_t start = 0;
    std::vector<std::string_view> texts;
    for (std::size_t r = 0; r < held_rows_.size(); ++r) {
      texts.clear();
      for (std::size_t t = 0; t < n_texts; ++t) {
        std::size_t end = held_text_ends_[r * n_texts + t];
        texts.emplace_back(held_text_.data() + start, end - start);
        start = end;
      }
      emit(texts, held_rows_[r], [r](Lane& lane) {
        return std::span<const double>(lane.sample.values.data() + r * lane.sample.cols, lane.sample.cols);
      });
    }
  }

  // Remembers the row's ids to warn about repeats (the first repeat's lines, the count).
  // `texts`: the parsed row's texts, its id cells first.
  void note_ids(std::span<const std::string_view> texts, std::uint64_t line) {
    const std::size_t ids = lanes_.front()->parser.binding().id_fields.size();
    if (ids > 0) duplicate_ids_.add(texts.first(ids), line);
  }

  // Whether --exclude-flagged leaves this respondent out (before any sample statistic).
  bool excluded(const std::vector<std::string_view>& texts, std::uint64_t row) {
    if (!options_.flags || !options_.flags->exclude || joined_flags(texts, row).empty()) return false;
    if (report_.excluded++ == 0) report_.first_excluded = texts.empty() ? std::to_string(row) : std::string(texts.front());
    return true;
  }

  // The respondent's flags from --exclude-flagged / --quality, keyed by its first id (or row).
  std::string_view joined_flags(const std::vector<std::string_view>& texts, std::uint64_t row) {
    if (options_.flags->by_row || shape_.row_ids || texts.empty()) {
      row_key_ = std::to_string(row);
      return options_.flags->flags_of(row_key_);
    }
    return options_.flags->flags_of(texts.front());
  }

  template <typename ScoresOf>
  void emit(const std::vector<std::string_view>& texts, std::uint64_t row, ScoresOf scores_of) {
    std::string_view flags = options_.flags ? joined_flags(texts, row) : std::string_view();
    for (auto& lane : lanes_) {
      if (options_.summary) lane->summary.add_scores(scores_of(*lane));
      if (lane->classifier) {
        lane->classifier->classify_into(scores_of(*lane), lane->classification);
        if (!lane->cuts.empty()) flag_borderline(lane->classification, scores_of(*lane), lane->cuts);
        lane->flags_text.clear();
        for (const auto& flag : lane->classification.flags) lane->flags_text += (lane->flags_text.empty() ? "" : ";") + flag;
        if (options_.summary) lane->summary.add_classification(lane->classification);
      }
    }
    scoring::fill_row_cells(
        cells_, shape_, lanes_, row, texts,
        [&](std::size_t l) { return scores_of(*lanes_[l]).first(lanes_[l]->score_count()); },
        [&](std::size_t l) { return std::string_view(lanes_[l]->classification.label); }, flags);
    writer_.write_row(cells_);
  }

  RecordSource& source_;
  RecordWriter& writer_;
  const ScoreOptions& options_;
  const ScoreHooks& hooks_;
  scoring::Lanes lanes_;
  bool hold_ = false, prefixed_ = false, forced_choice_ = false, flag_column_ = false;
  scoring::RowShape shape_;
  DuplicateIds duplicate_ids_;         // repeated ids: warned about, never dropped
  std::vector<Cell> cells_;
  std::string row_key_;
  std::map<const Lane*, std::vector<std::pair<std::string, std::string>>> borderline_;
  std::string held_text_;             // ids and kept cells of held rows
  std::vector<std::size_t> held_text_ends_;
  std::vector<std::uint64_t> held_rows_;   // data row numbers of the held rows
  ScoreReport report_;
};

}  // namespace

ScoreReport run_score(const std::vector<Instrument>& instruments, RecordSource& source, RecordWriter& writer,
                      const ScoreOptions& options, const ScoreHooks& hooks) {
  if (instruments.empty()) throw usage_error("no instrument to score", "give -i ID");
  for (const auto& in : instruments) if (options.scoring.min_valid) check_min_valid(in, *options.scoring.min_valid);
  return Run(instruments, source, writer, options, hooks).run();
}

ScoreReport run_score(const Instrument& instrument, RecordSource& source, RecordWriter& writer,
                      const ScoreOptions& options, const ScoreHooks& hooks) {
  return run_score(std::vector<Instrument>{instrument}, source, writer, options, hooks);
}

}  // namespace attune

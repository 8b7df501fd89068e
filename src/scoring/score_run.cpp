#include "attune/scoring/score_run.h"

#include <cmath>
#include <memory>

#include <fmt/format.h>

#include "attune/scoring/duplicate_ids.h"
#include "attune/util/text.h"

namespace attune {

bool run_needs_sample(const Instrument& instrument, const ScoreOptions& options) {
  if (options.impute != Impute::none) return true;
  if (!options.classify || !instrument.classification) return false;
  std::string method = options.classifier.method.empty() ? instrument.classification->default_method
                                                         : options.classifier.method;
  return method == "median" || method == "kmeans";
}

namespace {

// The reading options of one instrument: the shared ones, with its own column names.
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

// One instrument's path through the run: parse, score, classify; and, when the run is
// sample-based, the values it holds between the passes (items when imputing, else scores).
struct Lane {
  Lane(const Instrument& in, const std::vector<std::string>& header, const ScoreOptions& options,
       const std::string& file)
      : instrument(in), parser(in, header, options_for(in, options), file), scorer(in, parser.scale(), options.scoring),
        summary(scorer.score_ids()), scores(scorer.score_ids().size()) {
    if (options.classify && (in.classification || !options.classifier.method.empty())) {
      classifier = make_classifier(in, scorer.score_ids(), parser.scale(), options.classifier);
    }
  }

  const Instrument& instrument;
  ResponseParser parser;
  Scorer scorer;
  std::unique_ptr<Classifier> classifier;
  ScoreSummary summary;
  ResponseRow row;
  std::vector<double> scores;
  std::vector<double> held;
  ScoreSample sample;
};

class Run {
 public:
  Run(const std::vector<Instrument>& instruments, RecordSource& source, RecordWriter& writer,
      const ScoreOptions& options, const ScoreHooks& hooks)
      : source_(source), writer_(writer), options_(options), hooks_(hooks) {
    std::vector<std::string> header = read_header(source);
    for (const auto& instrument : instruments) {
      lanes_.push_back(std::make_unique<Lane>(instrument, header, options, source.name()));
      hold_ = hold_ || run_needs_sample(instrument, options);
    }
    prefixed_ = instruments.size() > 1;
  }

  ScoreReport run() {
    begin_output();
    Record record;
    while (source_.next(record)) {
      ++report_.rows;
      for (auto& lane : lanes_) lane->parser.parse(record, report_.rows, lane->row);
      if (!row_ids_) duplicate_ids_.add(std::span(lanes_.front()->row.texts).first(n_ids_), record.line);
      if (hold_) {
        hold_row();
      } else {
        for (auto& lane : lanes_) lane->scorer.score(lane->row.items, lane->scores);
        emit(lanes_.front()->row.texts, report_.rows, [](Lane& lane) { return std::span<const double>(lane.scores); });
      }
      if (hooks_.progress && (report_.rows & 0xFFFF) == 0) hooks_.progress(source_.bytes_read(), source_.total_bytes());
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
      }
      report_.instruments.push_back(std::move(part));
    }
    report_.summary = report_.instruments.front().summary;
    report_.classifier_parameters = report_.instruments.front().classifier_parameters;
    report_.classifier_name = report_.instruments.front().classifier_name;
    return std::move(report_);
  }

 private:
  std::string column_name(const Lane& lane, const std::string& name) const {
    return prefixed_ ? lane.instrument.id + "_" + name : name;
  }

  void begin_output() {
    const ColumnBinding& binding = lanes_.front()->parser.binding();
    row_ids_ = binding.id_fields.empty();
    n_ids_ = binding.id_fields.size();
    std::vector<Column> columns;
    for (const auto& name : binding.id_names) columns.push_back({name, row_ids_});
    for (const auto& name : binding.keep_names) columns.push_back({name, false});
    for (const auto& lane : lanes_) {
      for (const auto& id : lane->scorer.score_ids()) columns.push_back({column_name(*lane, id), true});
      if (lane->classifier) columns.push_back({column_name(*lane, "pattern"), false});
    }
    if (options_.provenance) {
      columns.push_back({"attune_version", false});
      for (const auto& lane : lanes_) {
        for (auto name : {"instrument", "instrument_version", "instrument_sha256"}) {
          columns.push_back({column_name(*lane, name), false});
        }
      }
    }
    cells_.resize(columns.size());
    labels_.resize(lanes_.size());
    writer_.begin(columns);
  }

  void hold_row() {
    for (auto text : lanes_.front()->row.texts) {
      held_text_.append(text);
      held_text_ends_.push_back(held_text_.size());
    }
    for (auto& lane : lanes_) {
      if (options_.impute != Impute::none) {
        lane->held.insert(lane->held.end(), lane->row.items.begin(), lane->row.items.end());
      } else {
        lane->scorer.score(lane->row.items, lane->scores);
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
      lane.sample.values.resize(report_.rows * n_scores);
      for (std::size_t r = 0; r < report_.rows; ++r) {
        std::span<double> items(lane.held.data() + r * n_items, n_items);
        for (std::size_t j = 0; j < n_items; ++j) answered[j] = !std::isnan(items[j]);
        impute_row(items, centres);
        lane.scorer.score(items, std::span<double>(lane.sample.values.data() + r * n_scores, n_scores), answered);
      }
    }
    lane.held.clear();
    lane.held.shrink_to_fit();
    if (lane.classifier && lane.classifier->needs_sample()) lane.classifier->fit(lane.sample);
  }

  void second_pass() {
    for (auto& lane : lanes_) fit_lane(*lane);
    const ColumnBinding& binding = lanes_.front()->parser.binding();
    const std::size_t n_texts = binding.id_fields.size() + binding.keep_fields.size();
    std::size_t start = 0;
    std::vector<std::string_view> texts;
    for (std::size_t r = 0; r < report_.rows; ++r) {
      texts.clear();
      for (std::size_t t = 0; t < n_texts; ++t) {
        std::size_t end = held_text_ends_[r * n_texts + t];
        texts.emplace_back(held_text_.data() + start, end - start);
        start = end;
      }
      emit(texts, r + 1, [r](Lane& lane) {
        return std::span<const double>(lane.sample.values.data() + r * lane.sample.cols, lane.sample.cols);
      });
    }
  }

  template <typename ScoresOf>
  void emit(const std::vector<std::string_view>& texts, std::uint64_t row, ScoresOf scores_of) {
    std::size_t c = 0;
    if (row_ids_) cells_[c++] = Cell::of(static_cast<double>(row));
    for (auto text : texts) cells_[c++] = Cell::of(text);
    for (auto& lane : lanes_) {
      std::span<const double> scores = scores_of(*lane);
      for (double score : scores) cells_[c++] = Cell::of(score);
      lane->summary.add_scores(scores);
      if (lane->classifier) {
        Classification classification = lane->classifier->classify(scores);
        lane->summary.add_classification(classification);
        std::string& label = labels_[static_cast<std::size_t>(&lane - &lanes_.front())];
        label = classification.label;
        cells_[c++] = label.empty() ? Cell::missing() : Cell::of(std::string_view(label));
      }
    }
    if (options_.provenance) {
      cells_[c++] = Cell::of(std::string_view(ATTUNE_VERSION));
      for (const auto& lane : lanes_) {
        cells_[c++] = Cell::of(std::string_view(lane->instrument.id));
        cells_[c++] = Cell::of(std::string_view(lane->instrument.version));
        cells_[c++] = Cell::of(std::string_view(lane->instrument.sha256));
      }
    }
    writer_.write_row(cells_);
  }

  RecordSource& source_;
  RecordWriter& writer_;
  const ScoreOptions& options_;
  const ScoreHooks& hooks_;
  std::vector<std::unique_ptr<Lane>> lanes_;
  bool hold_ = false, prefixed_ = false, row_ids_ = false;
  std::size_t n_ids_ = 0;
  DuplicateIds duplicate_ids_;         // repeated ids: warned about, never dropped
  std::vector<Cell> cells_;
  std::vector<std::string> labels_;   // pattern labels of the row being written, per lane
  std::string held_text_;             // ids and kept cells of held rows
  std::vector<std::size_t> held_text_ends_;
  ScoreReport report_;
};

}  // namespace

ScoreReport run_score(const std::vector<Instrument>& instruments, RecordSource& source, RecordWriter& writer,
                      const ScoreOptions& options, const ScoreHooks& hooks) {
  if (instruments.empty()) throw usage_error("no instrument to score", "give -i ID");
  return Run(instruments, source, writer, options, hooks).run();
}

ScoreReport run_score(const Instrument& instrument, RecordSource& source, RecordWriter& writer,
                      const ScoreOptions& options, const ScoreHooks& hooks) {
  return run_score(std::vector<Instrument>{instrument}, source, writer, options, hooks);
}

}  // namespace attune

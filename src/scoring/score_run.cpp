#include "attune/scoring/score_run.h"

#include <cmath>
#include <map>

#include <fmt/format.h>

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

// The rows a sample-based run holds between its two passes: text cells (ids, kept columns)
// in one arena, and per row its item values (when imputing) or its scores.
struct HeldRows {
  std::string text;
  std::vector<std::size_t> text_ends;
  std::vector<double> values;
  std::vector<std::uint64_t> row_numbers;
};

class Run {
 public:
  Run(const Instrument& instrument, RecordSource& source, RecordWriter& writer, const ScoreOptions& options,
      const ScoreHooks& hooks)
      : instrument_(instrument), source_(source), writer_(writer), options_(options), hooks_(hooks),
        reader_(instrument, source, options), scorer_(instrument, reader_.scale(), options.scoring) {
    bool asked = !options.classifier.method.empty();
    if (options.classify && (instrument.classification || asked)) {
      classifier_ = make_classifier(instrument, scorer_.score_ids(), reader_.scale(), options.classifier);
    }
    report_.summary = ScoreSummary(scorer_.score_ids());
  }

  ScoreReport run() {
    begin_output();
    const bool hold = run_needs_sample(instrument_, options_);
    scores_.resize(scorer_.score_ids().size());
    ResponseRow row;
    while (reader_.next(row)) {
      ++report_.rows;
      if (!hold) {
        scorer_.score(row.items, scores_);
        emit(row.texts, row.number, scores_);
      } else {
        hold_row(row);
      }
      if (hooks_.progress && (report_.rows & 0xFFFF) == 0) hooks_.progress(source_.bytes_read(), source_.total_bytes());
    }
    if (hold) second_pass();
    writer_.finish();
    report_.invalid_cells = reader_.invalid_cells();
    if (report_.invalid_cells && hooks_.warn) hooks_.warn(reader_.invalid_cells_summary());
    if (classifier_) {
      report_.classifier_name = classifier_->name();
      report_.classifier_parameters = classifier_->parameters();
    }
    return std::move(report_);
  }

 private:
  void begin_output() {
    const ColumnBinding& binding = reader_.binding();
    std::vector<Column> columns;
    for (const auto& name : binding.id_names) columns.push_back({name, binding.id_fields.empty()});
    for (const auto& name : binding.keep_names) columns.push_back({name, false});
    for (const auto& id : scorer_.score_ids()) columns.push_back({id, true});
    if (classifier_) columns.push_back({"pattern", false});
    if (options_.provenance) {
      for (auto name : {"attune_version", "instrument", "instrument_version", "instrument_sha256"}) {
        columns.push_back({name, false});
      }
    }
    cells_.resize(columns.size());
    writer_.begin(columns);
  }

  void hold_row(const ResponseRow& row) {
    for (auto text : row.texts) {
      held_.text.append(text);
      held_.text_ends.push_back(held_.text.size());
    }
    if (options_.impute != Impute::none) {
      held_.values.insert(held_.values.end(), row.items.begin(), row.items.end());
    } else {
      scorer_.score(row.items, scores_);
      held_.values.insert(held_.values.end(), scores_.begin(), scores_.end());
    }
  }

  void second_pass() {
    const ColumnBinding& binding = reader_.binding();
    const std::size_t n_texts = binding.id_fields.size() + binding.keep_fields.size();
    const std::size_t n_scores = scores_.size();
    ScoreSample sample;
    sample.cols = n_scores;
    if (options_.impute != Impute::none) {
      const std::size_t n_items = instrument_.items.size();
      std::vector<double> centres = item_centres(held_.values, n_items, options_.impute);
      std::vector<std::uint8_t> answered(n_items);
      sample.values.resize(report_.rows * n_scores);
      for (std::size_t r = 0; r < report_.rows; ++r) {
        std::span<double> row(held_.values.data() + r * n_items, n_items);
        for (std::size_t j = 0; j < n_items; ++j) answered[j] = !std::isnan(row[j]);
        impute_row(row, centres);
        scorer_.score(row, std::span<double>(sample.values.data() + r * n_scores, n_scores), answered);
      }
      held_.values.clear();
      held_.values.shrink_to_fit();
    } else {
      sample.values = std::move(held_.values);
    }
    if (classifier_ && classifier_->needs_sample()) classifier_->fit(sample);
    std::size_t start = 0;
    for (std::size_t r = 0; r < report_.rows; ++r) {
      texts_.clear();
      for (std::size_t t = 0; t < n_texts; ++t) {
        std::size_t end = held_.text_ends[r * n_texts + t];
        texts_.emplace_back(held_.text.data() + start, end - start);
        start = end;
      }
      emit(texts_, r + 1, std::span<const double>(sample.values.data() + r * n_scores, n_scores));
    }
  }

  void emit(const std::vector<std::string_view>& texts, std::uint64_t row, std::span<const double> scores) {
    std::size_t c = 0;
    if (reader_.binding().id_fields.empty()) cells_[c++] = Cell::of(static_cast<double>(row));
    for (auto text : texts) cells_[c++] = Cell::of(text);
    for (double score : scores) cells_[c++] = Cell::of(score);
    report_.summary.add_scores(scores);
    Classification classification;
    if (classifier_) {
      classification = classifier_->classify(scores);
      report_.summary.add_classification(classification);
      cells_[c++] = classification.label.empty() ? Cell::missing() : Cell::of(std::string_view(classification.label));
    }
    if (options_.provenance) {
      cells_[c++] = Cell::of(std::string_view(ATTUNE_VERSION));
      cells_[c++] = Cell::of(std::string_view(instrument_.id));
      cells_[c++] = Cell::of(std::string_view(instrument_.version));
      cells_[c++] = Cell::of(std::string_view(instrument_.sha256));
    }
    writer_.write_row(cells_);
  }

  const Instrument& instrument_;
  RecordSource& source_;
  RecordWriter& writer_;
  const ScoreOptions& options_;
  const ScoreHooks& hooks_;
  ResponseReader reader_;
  Scorer scorer_;
  std::unique_ptr<Classifier> classifier_;
  std::vector<double> scores_;
  std::vector<Cell> cells_;
  std::vector<std::string_view> texts_;
  HeldRows held_;
  ScoreReport report_;
};

}  // namespace

ScoreReport run_score(const Instrument& instrument, RecordSource& source, RecordWriter& writer,
                      const ScoreOptions& options, const ScoreHooks& hooks) {
  return Run(instrument, source, writer, options, hooks).run();
}

}  // namespace attune

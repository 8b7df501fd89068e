#include "attune/scoring/score_run.h"

#include <cmath>
#include <map>

#include <fmt/format.h>

#include "attune/util/text.h"

namespace attune {

ResponseScale effective_scale(const Instrument& instrument, const ScoreOptions& options) {
  ResponseScale scale = instrument.response;
  if (options.range) {
    scale.min = options.range->first;
    scale.max = options.range->second;
    // Labels belong to the published scale; on another range they no longer apply.
    if (scale.min != instrument.response.min || scale.max != instrument.response.max) scale.labels.clear();
  }
  return scale;
}

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
        scale_(effective_scale(instrument, options)), parser_(scale_, options.missing_codes),
        scorer_(instrument, scale_, options.scoring) {
    bool asked = !options.classifier.method.empty();
    if (options.classify && (instrument.classification || asked)) {
      classifier_ = make_classifier(instrument, scorer_.score_ids(), scale_, options.classifier);
    }
    report_.summary = ScoreSummary(scorer_.score_ids());
  }

  ScoreReport run() {
    Record record;
    if (!source_.next(record)) {
      throw data_error({source_.name()}, "the input is empty: no header row",
                       "the first line must name the columns: an id and the items");
    }
    header_.assign(record.fields.begin(), record.fields.end());
    binding_ = bind_columns(instrument_, header_, options_.columns, source_.name());
    begin_output();
    const bool hold = run_needs_sample(instrument_, options_);
    const std::size_t n_items = instrument_.items.size();
    items_.resize(n_items);
    scores_.resize(scorer_.score_ids().size());
    while (source_.next(record)) {
      ++report_.rows;
      read_items(record);
      if (!hold) {
        scorer_.score(items_, scores_);
        emit(record_texts(record), report_.rows, scores_);
      } else {
        hold_row(record);
      }
      if (hooks_.progress && (report_.rows & 0xFFFF) == 0) hooks_.progress(source_.bytes_read(), source_.total_bytes());
    }
    if (hold) second_pass();
    writer_.finish();
    report_invalid_cells();
    if (classifier_) {
      report_.classifier_name = classifier_->name();
      report_.classifier_parameters = classifier_->parameters();
    }
    return std::move(report_);
  }

 private:
  void begin_output() {
    std::vector<Column> columns;
    for (const auto& name : binding_.id_names) columns.push_back({name, binding_.id_fields.empty()});
    for (const auto& name : binding_.keep_names) columns.push_back({name, false});
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

  void read_items(const Record& record) {
    if (record.size() != binding_.header_size) {
      throw data_error(record.where(source_.name(), 0),
                       fmt::format("this row has {} fields but the header has {}", record.size(),
                                   binding_.header_size),
                       "a text field containing the delimiter must be quoted");
    }
    for (std::size_t j = 0; j < items_.size(); ++j) {
      std::size_t field = binding_.item_fields[j];
      ParsedCell cell = parser_.parse(record.fields[field]);
      if (cell.status == CellStatus::invalid) {
        SourceLocation where = record.where(source_.name(), field);
        std::string message = fmt::format("column {}: {}", show_text(header_[field]), cell.problem);
        if (options_.invalid == InvalidPolicy::error) {
          throw data_error(where, message, parser_.hint_for(record.fields[field]));
        }
        if (report_.invalid_cells++ == 0) first_invalid_ = where.to_string() + ": " + message;
        ++invalid_by_column_[header_[field]];
      }
      items_[j] = cell.value;
    }
  }

  // Views of the row's id and kept cells.
  const std::vector<std::string_view>& record_texts(const Record& record) {
    texts_.clear();
    for (auto field : binding_.id_fields) texts_.push_back(record.fields[field]);
    for (auto field : binding_.keep_fields) texts_.push_back(record.fields[field]);
    return texts_;
  }

  void hold_row(const Record& record) {
    for (auto text : record_texts(record)) {
      held_.text.append(text);
      held_.text_ends.push_back(held_.text.size());
    }
    if (options_.impute != Impute::none) {
      held_.values.insert(held_.values.end(), items_.begin(), items_.end());
    } else {
      scorer_.score(items_, scores_);
      held_.values.insert(held_.values.end(), scores_.begin(), scores_.end());
    }
  }

  void second_pass() {
    const std::size_t n_texts = binding_.id_fields.size() + binding_.keep_fields.size();
    const std::size_t n_scores = scores_.size();
    ScoreSample sample;
    sample.cols = n_scores;
    if (options_.impute != Impute::none) {
      const std::size_t n_items = items_.size();
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
    if (binding_.id_fields.empty()) cells_[c++] = Cell::of(static_cast<double>(row));
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

  void report_invalid_cells() {
    if (report_.invalid_cells == 0 || !hooks_.warn) return;
    std::vector<std::string> per_column;
    for (const auto& [column, count] : invalid_by_column_) per_column.push_back(fmt::format("{} {}", column, count));
    hooks_.warn(fmt::format("{} invalid cell(s) counted as missing (--invalid missing): {}; the first: {}",
                            report_.invalid_cells, fmt::join(per_column, ", "), first_invalid_));
  }

  const Instrument& instrument_;
  RecordSource& source_;
  RecordWriter& writer_;
  const ScoreOptions& options_;
  const ScoreHooks& hooks_;
  ResponseScale scale_;
  CellParser parser_;
  Scorer scorer_;
  std::unique_ptr<Classifier> classifier_;
  std::vector<std::string> header_;
  ColumnBinding binding_;
  std::vector<double> items_, scores_;
  std::vector<Cell> cells_;
  std::vector<std::string_view> texts_;
  HeldRows held_;
  ScoreReport report_;
  std::map<std::string, std::uint64_t> invalid_by_column_;
  std::string first_invalid_;
};

}  // namespace

ScoreReport run_score(const Instrument& instrument, RecordSource& source, RecordWriter& writer,
                      const ScoreOptions& options, const ScoreHooks& hooks) {
  return Run(instrument, source, writer, options, hooks).run();
}

}  // namespace attune

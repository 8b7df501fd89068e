// The sample-based part of a scoring run: imputation, median and k-means classification,
// standardized prototypes and --borderline need every respondent before any row is written,
// so the rows are held (in compact form) and written in a second pass.
#include <cmath>

#include "row_loop.h"

namespace attune::scoring {

void ScoreRun::hold_row(Worker& worker, std::uint64_t row, const Record& record) {
  held_rows_.push_back(row);
  for (auto text : worker.rows.front().texts) {
    held_text_.append(text);
    held_text_ends_.push_back(held_text_.size());
  }
  for (std::size_t l = 0; l < lanes_.size(); ++l) {
    Lane& lane = *lanes_[l];
    const ResponseRow& parsed = worker.rows[l];
    if (lane.forced_choice_field) lane.scores.back() = lane.forced_choice(record, source_.name());
    if (!lane.borderline.empty()) lane.add_borderline_items(parsed);
    if (options_.impute != Impute::none) {
      lane.held.insert(lane.held.end(), parsed.items.begin(), parsed.items.end());
      if (lane.forced_choice_field) lane.held_choice.push_back(lane.scores.back());
    } else {
      try {
        score_row(worker.scorers[l], parsed, lane.scores);
      } catch (const NonFiniteScore& e) {
        throw non_finite_score_error(e, source_.name(), row, record.line);
      }
      lane.held.insert(lane.held.end(), lane.scores.begin(), lane.scores.end());
    }
  }
}

// Imputes and scores the held rows (psych::scoreItems' order: impute over the whole sample,
// then score), fits sample-based classifiers and the borderline cuts.
void ScoreRun::fit_lane(std::size_t l) {
  Lane& lane = *lanes_[l];
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
      try {
        lane.scorer.score(items, std::span<double>(lane.sample.values.data() + r * n_scores, n_scores), answered);
      } catch (const NonFiniteScore& e) {
        throw non_finite_score_error(e, source_.name(), held_rows_[r], 0);
      }
      if (lane.forced_choice_field) lane.sample.values[r * n_scores + n_scores - 1] = lane.held_choice[r];
    }
  }
  lane.held.clear();
  lane.held.shrink_to_fit();
  if (lane.classifier && lane.classifier->needs_sample()) lane.classifier->fit(lane.sample);
  borderline_[l] = lane.fit_borderline();
}

}  // namespace attune::scoring

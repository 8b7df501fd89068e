// Private to src/run: one instrument's path through a scoring run (parse, score, classify), and
// the layout of an output row.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "attune/classify/borderline.h"
#include "attune/classify/classifier.h"
#include "attune/stats/pairwise_moments.h"
#include "attune/io/record_writer.h"
#include "attune/responses/observed_range.h"
#include "attune/responses/response_reader.h"
#include "attune/run/score_run.h"
#include "attune/scoring/scorer.h"

namespace attune::scoring {

// The reading options of one instrument: the shared ones, with its own column names.
ResponseOptions options_for(const Instrument& instrument, const ScoreOptions& options);

// One instrument's path through the run: parse, score, classify; and, when the run is
// sample-based, the values it holds between the passes (items when imputing, else scores).
struct Lane {
  Lane(const Instrument& in, const std::vector<std::string>& header, const ScoreOptions& options,
       const std::string& file);

  Instrument instrument;   // the run's own copy, without relationship domains the file lacks
  ResponseParser parser;   // each worker parses and scores with its own copies of these two
  Scorer scorer;
  std::unique_ptr<Classifier> classifier;
  ScoreSummary summary;
  ObservedRange seen;   // the answers read (a narrower scale than the declared one is warned about)
  std::vector<double> scores;   // a row's scores (its size is a score row's width)
  std::vector<double> held;
  ScoreSample sample;
  // The RQ's forced choice: its field in the record, decoded into the extra last value of
  // `scores` (seen by the classifier, never written).
  std::optional<std::size_t> forced_choice_field;
  std::vector<double> held_choice;
  // --borderline: per classification dimension, its score column, the keyed items of its
  // scale (for the sample alpha) and the moments accumulated over them; then the cuts.
  struct BorderlineDimension {
    std::string id;
    std::size_t col = 0;
    std::vector<KeyedItem> keys;
    ScoreComposite parts;                   // the scales the score is made of (their weights)
    std::optional<double> alpha;            // --reliability
    std::optional<PairwiseMoments> moments;
  };
  std::vector<BorderlineDimension> borderline;
  std::vector<BorderlineCut> cuts;
  bool flag_column = false;                 // a <prefix>flags column follows the pattern
  bool codes = false;                       // plain lines are read as Likert codes (score_codes)
  // Sets up --borderline (throws a usage Error when it cannot apply).
  void plan_borderline(const ScoreOptions& options);
  // Adds the keyed items of `row` of each borderline dimension to its moments.
  void add_borderline_items(const ResponseRow& row);
  // After fit(): SD and alpha of each dimension, SEM, the cuts; their description.
  std::vector<std::pair<std::string, std::string>> fit_borderline();
  std::size_t score_count() const { return scorer.score_ids().size(); }
  // The forced choice of `record`, decoded (NaN when empty); throws for an unknown code.
  double forced_choice(const Record& record, const std::string& file) const;
};

using Lanes = std::vector<std::unique_ptr<Lane>>;

// Scores a parsed row: from its codes when it was read as codes (Scorer::score_codes), in
// integers when parse_line found it whole (Scorer::score_whole).
inline void score_row(const Scorer& scorer, const ResponseRow& row, std::span<double> out) {
  if (row.coded) {
    scorer.score_codes(row.codes.data(), out);
  } else if (row.whole) {
    scorer.score_whole(row.items, out);
  } else {
    scorer.score(row.items, out);
  }
}

// The error for a computed score that is not a finite number in data row `row` (at `line` of
// `file`; 0: not known): it names the row, the score and what to change.
Error non_finite_score_error(const NonFiniteScore& e, const std::string& file, std::uint64_t row, std::uint64_t line);

// What an output row holds besides texts, scores and patterns.
struct RowShape {
  bool row_ids = false;      // the row number comes first (there is no id column)
  bool provenance = false;   // version columns come last
  bool flags = false;        // a quality_flags column before the provenance columns
};

// Fills the output cells of data row `row` (1-based): [row number], the id and kept `texts`,
// then per lane its scores and, with a classifier, its pattern label and flags, then the
// quality flags and provenance. `scores_of(l)`, `label_of(l)` and `flags_of(l)` give lane l's
// (views valid while the cells are used).
template <typename ScoresOf, typename LabelOf, typename FlagsOf>
inline __attribute__((always_inline)) void fill_row_cells(std::vector<Cell>& cells, const RowShape& shape, const Lanes& lanes, std::uint64_t row,
                    std::span<const std::string_view> texts, ScoresOf scores_of, LabelOf label_of, FlagsOf flags_of,
                    std::string_view flags) {
  std::size_t c = 0;
  if (shape.row_ids) cells[c++] = Cell::of(static_cast<double>(row));
  for (auto text : texts) cells[c++] = Cell::of(text);
  for (std::size_t l = 0; l < lanes.size(); ++l) {
    for (double score : scores_of(l)) cells[c++] = Cell::of(score);
    if (lanes[l]->classifier) {
      std::string_view label = label_of(l);
      cells[c++] = label.empty() ? Cell::missing() : Cell::of(label);
    }
    if (lanes[l]->flag_column) {
      std::string_view lane_flags = flags_of(l);
      cells[c++] = lane_flags.empty() ? Cell::missing() : Cell::of(lane_flags);
    }
  }
  if (shape.flags) cells[c++] = flags.empty() ? Cell::missing() : Cell::of(flags);
  if (shape.provenance) {
    cells[c++] = Cell::of(std::string_view(ATTUNE_VERSION));
    for (const auto& lane : lanes) {
      cells[c++] = Cell::of(std::string_view(lane->instrument.id));
      cells[c++] = Cell::of(std::string_view(lane->instrument.version));
      cells[c++] = Cell::of(std::string_view(lane->instrument.sha256));
    }
  }
}

}  // namespace attune::scoring

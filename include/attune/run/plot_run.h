// The plot runs: the anxiety x avoidance plane of a scoring run (the score run itself, with a
// writer that collects each row's two dimensions, pattern and borderline flag into a
// plot::PlaneAccumulator instead of writing them), and the item response tallies.
#pragma once

#include <cstddef>
#include <optional>
#include <utility>

#include "attune/instrument/instrument.h"
#include "attune/io/record_source.h"
#include "attune/plot/items.h"
#include "attune/plot/plane.h"
#include "attune/run/score_run.h"

namespace attune {

// What a plane run gives: the chart's labels, cuts and counts, the accumulated plane, and the
// score run's report (its summary is score --summary's).
struct PlaneRun {
  explicit PlaneRun(plot::PlaneAccumulator empty) : plane(std::move(empty)) {}
  plot::PlaneChart chart;
  plot::PlaneAccumulator plane;
  ScoreReport report;
};

// Scores `source` with `options` (as run_score does) and accumulates the plane of the
// instrument's anxiety and avoidance scores over their possible range; points above
// `point_limit` become binned counts. Throws a usage Error when the instrument has no anxiety
// and avoidance dimensions, or when classification is off.
PlaneRun run_plane(const Instrument& instrument, RecordSource& source, const ScoreOptions& options,
                   const ScoreHooks& hooks = {}, std::size_t point_limit = 5000);

// Tallies every item's answers in `source` over the instrument's response scale (reverse-keyed
// items marked). Throws as the response reader does.
plot::ItemTally run_item_tally(const Instrument& instrument, RecordSource& source, const ResponseOptions& options);

}  // namespace attune

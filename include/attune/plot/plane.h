// The anxiety x avoidance plane: an accumulator that streams respondents' two dimension scores
// (points up to a limit, then a 2-D histogram of counts: memory flat in rows), and the chart
// drawn from it as SVG (plane_svg) or as text for a terminal (plane_text, plot/plane_text.h).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "attune/instrument/pattern.h"

namespace attune::plot {

// The lowest and highest value an axis shows.
struct AxisRange {
  double lo = 0;
  double hi = 1;
};

// One respondent on the plane: anxiety (x), avoidance (y), pattern (-1: none).
struct PlanePoint {
  float anxiety = 0;
  float avoidance = 0;
  std::int8_t pattern = -1;
};

// Streams points; keeps them until more than `point_limit` arrive, then counts them in a
// `bins` x `bins` grid over the two ranges instead (and keeps no points).
class PlaneAccumulator {
 public:
  PlaneAccumulator(AxisRange anxiety, AxisRange avoidance, std::size_t point_limit = 5000, std::size_t bins = 40);

  // Adds one respondent; a NaN on either dimension is counted as missing, not drawn.
  void add(double anxiety, double avoidance, std::optional<Pattern> pattern);

  AxisRange anxiety_range() const { return x_; }
  AxisRange avoidance_range() const { return y_; }
  // Whether the points became a grid of counts.
  bool binned() const { return binned_; }
  const std::vector<PlanePoint>& points() const { return points_; }
  std::size_t bins() const { return bins_; }
  // Counts, row-major from the lowest avoidance row: counts()[row * bins() + column].
  const std::vector<std::uint64_t>& counts() const { return counts_; }
  // Respondents with both dimensions; with one missing; outside the ranges (drawn at the edge).
  std::uint64_t n() const { return n_; }
  std::uint64_t missing() const { return missing_; }
  std::uint64_t outside() const { return outside_; }
  // Pearson's r of the two dimensions over n() respondents (NaN below 2 or without spread).
  double correlation() const;
  // The bin of a value on an axis of `bins` bins over `range` (clamped to the edges).
  static std::size_t bin_of(double value, AxisRange range, std::size_t bins);

 private:
  AxisRange x_, y_;
  std::size_t point_limit_, bins_;
  bool binned_ = false;
  std::vector<PlanePoint> points_;
  std::vector<std::uint64_t> counts_;
  std::uint64_t n_ = 0, missing_ = 0, outside_ = 0;
  double mean_x_ = 0, mean_y_ = 0, m2_x_ = 0, m2_y_ = 0, c_xy_ = 0;
  void count(double x, double y);
};

// What the chart says besides the points: labels, the classification's cut lines and band,
// and the counts score --summary gives.
struct PlaneChart {
  std::string title;                        // e.g. "ECR-R: attachment anxiety and avoidance"
  std::string anxiety_label = "Anxiety";    // the x axis
  std::string avoidance_label = "Avoidance";
  // The cut-off on each axis, when the method splits each dimension at one (cuts_each_axis).
  std::optional<double> anxiety_cut, avoidance_cut;
  // --borderline: one SEM on each side of each cut (a shaded band).
  std::optional<double> anxiety_band, avoidance_band;
  std::array<std::uint64_t, 4> counts{};   // respondents per pattern, in all_patterns order
  std::uint64_t unclassified = 0;
  std::uint64_t other_labels = 0;          // classified without one of the four (e.g. ties)
  std::optional<std::uint64_t> borderline; // respondents flagged borderline, with --borderline
  std::string method;                      // e.g. "midpoint: anxiety 4, avoidance 4"
};

// The chart as a self-contained SVG document (deterministic bytes).
std::string plane_svg(const PlaneChart& chart, const PlaneAccumulator& plane);

// "r = 0.32 (n = 400)" ("r = n/a" without r; never "-0.00").
std::string correlation_label(const PlaneAccumulator& plane);

// "n (p%)" of `count` among `total` (p with one decimal; "0 (0%)" when total is 0).
std::string count_and_percent(std::uint64_t count, std::uint64_t total);

// The quadrant a pattern names: whether it is high on anxiety (x) and on avoidance (y).
bool high_anxiety(Pattern pattern);
bool high_avoidance(Pattern pattern);

}  // namespace attune::plot

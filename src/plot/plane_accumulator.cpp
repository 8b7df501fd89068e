#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "attune/plot/plane.h"

namespace attune::plot {

PlaneAccumulator::PlaneAccumulator(AxisRange anxiety, AxisRange avoidance, std::size_t point_limit, std::size_t bins)
    : x_(anxiety), y_(avoidance), point_limit_(point_limit), bins_(std::max<std::size_t>(bins, 1)) {}

std::size_t PlaneAccumulator::bin_of(double value, AxisRange range, std::size_t bins) {
  const double span = range.hi - range.lo;
  if (!(span > 0)) return 0;
  const double at = std::floor((value - range.lo) / span * static_cast<double>(bins));
  if (!(at > 0)) return 0;
  return std::min(static_cast<std::size_t>(at), bins - 1);
}

void PlaneAccumulator::count(double x, double y) {
  ++counts_[bin_of(y, y_, bins_) * bins_ + bin_of(x, x_, bins_)];
}

// Co-moments updated one point at a time (Welford 1962; Pébay 2008, SAND2008-6212, eq. 3.1).
void PlaneAccumulator::add(double anxiety, double avoidance, std::optional<Pattern> pattern) {
  if (std::isnan(anxiety) || std::isnan(avoidance)) {
    ++missing_;
    return;
  }
  ++n_;
  const double n = static_cast<double>(n_);
  const double dx = anxiety - mean_x_, dy = avoidance - mean_y_;
  mean_x_ += dx / n;
  mean_y_ += dy / n;
  m2_x_ += dx * (anxiety - mean_x_);
  m2_y_ += dy * (avoidance - mean_y_);
  c_xy_ += dx * (avoidance - mean_y_);
  if (anxiety < x_.lo || anxiety > x_.hi || avoidance < y_.lo || avoidance > y_.hi) ++outside_;
  if (binned_) return count(anxiety, avoidance);
  if (points_.size() < point_limit_) {
    points_.push_back({static_cast<float>(anxiety), static_cast<float>(avoidance),
                       static_cast<std::int8_t>(pattern ? static_cast<int>(*pattern) : -1)});
    return;
  }
  binned_ = true;
  counts_.assign(bins_ * bins_, 0);
  for (const PlanePoint& p : points_) count(p.anxiety, p.avoidance);
  std::vector<PlanePoint>().swap(points_);
  count(anxiety, avoidance);
}

// Pearson's product-moment r = C_xy / sqrt(M2_x * M2_y) (Pearson 1896).
double PlaneAccumulator::correlation() const {
  if (n_ < 2 || !(m2_x_ > 0) || !(m2_y_ > 0)) return NAN;
  return c_xy_ / std::sqrt(m2_x_ * m2_y_);
}

std::string correlation_label(const PlaneAccumulator& plane) {
  const double r = plane.correlation();
  if (std::isnan(r)) return fmt::format("r = n/a (n = {})", plane.n());
  return fmt::format("r = {:.2f} (n = {})", std::fabs(r) < 0.005 ? 0.0 : r, plane.n());
}

std::string count_and_percent(std::uint64_t count, std::uint64_t total) {
  if (total == 0) return fmt::format("{} (0%)", count);
  return fmt::format("{} ({:.1f}%)", count, 100.0 * static_cast<double>(count) / static_cast<double>(total));
}

bool high_anxiety(Pattern pattern) { return pattern == Pattern::preoccupied || pattern == Pattern::fearful; }
bool high_avoidance(Pattern pattern) { return pattern == Pattern::dismissing || pattern == Pattern::fearful; }

}  // namespace attune::plot

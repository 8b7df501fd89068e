#include "attune/stats/running_stats.h"

namespace attune {

// Welford 1962 updating of mean and sum of squared deviations.
void RunningStats::add(double x) {
  if (std::isnan(x)) {
    ++missing_;
    return;
  }
  ++n_;
  double delta = x - mean_;
  mean_ += delta / static_cast<double>(n_);
  m2_ += delta * (x - mean_);
  if (x < min_) min_ = x;
  if (x > max_) max_ = x;
}

// R's sd(): sqrt(sum((x - mean)^2) / (n - 1)); NA for fewer than two values.
double RunningStats::sd() const { return n_ > 1 ? std::sqrt(m2_ / static_cast<double>(n_ - 1)) : NAN; }

}  // namespace attune

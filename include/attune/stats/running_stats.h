// Streaming descriptive statistics (n, mean, sd, min, max) in one pass, constant memory.
#pragma once

#include <cmath>
#include <cstddef>
#include <limits>

namespace attune {

// Welford 1962 updating; sd with the n - 1 denominator as R's sd().
class RunningStats {
 public:
  // Adds one value; NaN counts as missing.
  void add(double x);
  std::size_t n() const { return n_; }
  std::size_t missing() const { return missing_; }
  double mean() const { return n_ ? mean_ : NAN; }
  double sd() const;
  double min() const { return n_ ? min_ : NAN; }
  double max() const { return n_ ? max_ : NAN; }

 private:
  std::size_t n_ = 0, missing_ = 0;
  double mean_ = 0, m2_ = 0;
  double min_ = std::numeric_limits<double>::infinity();
  double max_ = -std::numeric_limits<double>::infinity();
};

}  // namespace attune

// R's median, quantile (type 7) and var of a vector, NA values removed.
#pragma once

#include <vector>

namespace attune {

// R median(x, na.rm = TRUE); NaN when no value is present.
double median_of(std::vector<double> values);

// R quantile(x, p, type = 7, na.rm = TRUE) (Hyndman & Fan 1996 definition 7); NaN if empty.
double quantile_type7(std::vector<double> values, double probability);

// R var(x, na.rm = TRUE), n - 1 denominator; NaN when fewer than 2 values.
double variance_of(const std::vector<double>& values);

}  // namespace attune

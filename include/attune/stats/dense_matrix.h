// A plain row-major matrix of doubles (NaN = missing / NA), the exchange type of the stats API.
#pragma once

#include <cmath>
#include <cstddef>
#include <vector>

namespace attune {

// rows x cols values stored row by row; NaN marks a missing response or an NA statistic.
struct DenseMatrix {
  std::size_t rows = 0;
  std::size_t cols = 0;
  std::vector<double> values;

  DenseMatrix() = default;
  // A rows x cols matrix filled with `fill`.
  DenseMatrix(std::size_t r, std::size_t c, double fill = 0.0) : rows(r), cols(c), values(r * c, fill) {}

  // Element access (row r, column c).
  double& operator()(std::size_t r, std::size_t c) { return values[r * cols + c]; }
  double operator()(std::size_t r, std::size_t c) const { return values[r * cols + c]; }
  // Pointer to the first value of row r.
  const double* row(std::size_t r) const { return values.data() + r * cols; }
};

}  // namespace attune

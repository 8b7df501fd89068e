// Reads the numeric matrix fixtures of tests/reference/make_factor_rotation.R (a header line,
// then one row of numbers per line) and measures how far two matrices are apart.
#pragma once

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "attune/stats/dense_matrix.h"

namespace attune::reference {

// The fixture tests/reference/NAME as a matrix (header skipped).
inline DenseMatrix read_matrix_csv(const std::string& name) {
  const std::string path = std::string(ATTUNE_REFERENCE_DIR) + "/" + name;
  std::ifstream in(path);
  REQUIRE_MESSAGE(in.good(), "missing fixture " << path);
  std::string line;
  std::getline(in, line);
  DenseMatrix m;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    std::stringstream cells(line);
    std::string cell;
    std::size_t cols = 0;
    while (std::getline(cells, cell, ',')) {
      m.values.push_back(cell == "NA" ? NAN : std::strtod(cell.c_str(), nullptr));
      ++cols;
    }
    if (m.rows == 0) m.cols = cols;
    REQUIRE(cols == m.cols);
    ++m.rows;
  }
  return m;
}

// Largest absolute difference between two matrices of the same shape (infinity otherwise).
inline double max_abs_diff(const DenseMatrix& a, const DenseMatrix& b) {
  if (a.rows != b.rows || a.cols != b.cols) return INFINITY;
  double worst = 0;
  for (std::size_t i = 0; i < a.values.size(); ++i) worst = std::max(worst, std::fabs(a.values[i] - b.values[i]));
  return worst;
}

}  // namespace attune::reference

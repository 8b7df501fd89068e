// Private to src/stats: copies between attune::DenseMatrix (row-major) and Eigen matrices, for
// the sources that compute with Eigen (rotations, omega, correlations, sampling adequacy, fit).
#pragma once

#include <Eigen/Dense>

#include "attune/stats/dense_matrix.h"

namespace attune {

// The same values as an Eigen matrix.
inline Eigen::MatrixXd to_eigen(const DenseMatrix& m) {
  Eigen::MatrixXd out(static_cast<Eigen::Index>(m.rows), static_cast<Eigen::Index>(m.cols));
  for (std::size_t r = 0; r < m.rows; ++r)
    for (std::size_t c = 0; c < m.cols; ++c) out(static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(c)) = m(r, c);
  return out;
}

// The same values as a DenseMatrix.
inline DenseMatrix to_dense(const Eigen::MatrixXd& m) {
  DenseMatrix out(static_cast<std::size_t>(m.rows()), static_cast<std::size_t>(m.cols()));
  for (std::size_t r = 0; r < out.rows; ++r)
    for (std::size_t c = 0; c < out.cols; ++c) out(r, c) = m(static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(c));
  return out;
}

}  // namespace attune

// Small dense helpers the factor code shares (Eigen stays inside src/).
#pragma once

#include <Eigen/Dense>

namespace attune {

// Eigenvalues in decreasing order (as R's eigen()) with their eigenvectors as columns.
struct DescendingEigen {
  Eigen::VectorXd values;
  Eigen::MatrixXd vectors;
};

// R eigen(x, symmetric = TRUE): values decreasing, vectors in the same order.
DescendingEigen descending_eigen(const Eigen::MatrixXd& symmetric);

// descending_eigen(symmetric).values without the vectors (Eigen's QR steps on the tridiagonal
// form do not depend on whether the vectors are kept, so these are the same bits).
Eigen::VectorXd descending_eigenvalues(const Eigen::MatrixXd& symmetric);

// psych::smc: 1 - 1 / diag(Pinv(r)), Pinv dropping singular values below sqrt(eps) times the
// largest; values above 1 set to 1, below 0 to 0 (Guttman 1940 squared multiple correlations).
Eigen::VectorXd squared_multiple_correlations(const Eigen::MatrixXd& r);

}  // namespace attune

#include "factor_linear_algebra.h"

#include <cfloat>
#include <cmath>

namespace attune {

// Eigen's self-adjoint solver, reordered from increasing to decreasing (LAPACK dsyevr's order in R).
DescendingEigen descending_eigen(const Eigen::MatrixXd& symmetric) {
  const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> solver(symmetric);
  DescendingEigen out;
  out.values = solver.eigenvalues().reverse();
  out.vectors = solver.eigenvectors().rowwise().reverse();
  return out;
}

// R eigen(x, symmetric = TRUE, only.values = TRUE), values decreasing.
Eigen::VectorXd descending_eigenvalues(const Eigen::MatrixXd& symmetric) {
  const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> solver(symmetric, Eigen::EigenvaluesOnly);
  return solver.eigenvalues().reverse();
}

// psych::smc with psych::Pinv (Guttman 1940); for a symmetric matrix the singular values are
// the absolute eigenvalues.
Eigen::VectorXd squared_multiple_correlations(const Eigen::MatrixXd& r) {
  const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> solver(r);
  const Eigen::VectorXd& lambda = solver.eigenvalues();
  const double largest = lambda.cwiseAbs().maxCoeff();
  const double tol = std::sqrt(DBL_EPSILON) * largest;
  Eigen::VectorXd inverse_diag = Eigen::VectorXd::Zero(r.rows());
  for (Eigen::Index k = 0; k < lambda.size(); ++k) {
    if (!(std::fabs(lambda[k]) > tol)) continue;
    inverse_diag += solver.eigenvectors().col(k).cwiseAbs2() / lambda[k];
  }
  Eigen::VectorXd smc(r.rows());
  for (Eigen::Index i = 0; i < r.rows(); ++i) {
    double v = 1 - 1 / inverse_diag[i];
    if (v > 1) v = 1;
    if (v < 0) v = 0;
    smc[i] = v;
  }
  return smc;
}

}  // namespace attune

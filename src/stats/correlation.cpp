#include "attune/stats/correlation.h"

#include <Eigen/Dense>
#include <cmath>
#include <limits>

#include "attune/util/error.h"
#include "stats/eigen_copy.h"

namespace attune {

// R stats::cov2cor.
DenseMatrix cov_to_cor(const DenseMatrix& c) {
  DenseMatrix r(c.rows, c.cols);
  std::vector<double> inv_sd(c.rows);
  for (std::size_t i = 0; i < c.rows; ++i) inv_sd[i] = 1 / std::sqrt(c(i, i));
  for (std::size_t i = 0; i < c.rows; ++i)
    for (std::size_t j = 0; j < c.cols; ++j) r(i, j) = i == j ? 1.0 : inv_sd[i] * c(i, j) * inv_sd[j];
  return r;
}

// psych::Pinv (Penrose 1955), tolerance sqrt(.Machine$double.eps) times the largest singular value.
DenseMatrix pseudo_inverse(const DenseMatrix& m) {
  const Eigen::MatrixXd e = to_eigen(m);
  Eigen::JacobiSVD<Eigen::MatrixXd> svd(e, Eigen::ComputeThinU | Eigen::ComputeThinV);
  const Eigen::VectorXd& d = svd.singularValues();
  const double tol = std::max(std::sqrt(std::numeric_limits<double>::epsilon()) * (d.size() ? d(0) : 0.0), 0.0);
  Eigen::VectorXd inv_d = Eigen::VectorXd::Zero(d.size());
  for (Eigen::Index i = 0; i < d.size(); ++i)
    if (d(i) > tol) inv_d(i) = 1 / d(i);
  return to_dense(svd.matrixV() * inv_d.asDiagonal() * svd.matrixU().transpose());
}

// The diagonal of psych::Pinv(r) for a symmetric r. Its singular values are the eigenvalues'
// magnitudes and, with the eigenvectors v, Pinv(r) = sum of v v^T / lambda over the eigenvalues
// kept (|lambda| above Pinv's tolerance); the symmetric eigensolver is several times faster
// than the SVD (it ran once per item for alpha's G6 if dropped). The SVD's pseudo_inverse when
// the solver fails.
std::vector<double> pseudo_inverse_diagonal(const DenseMatrix& r) {
  std::vector<double> diagonal(r.rows);
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> solver(to_eigen(r));
  if (solver.info() != Eigen::Success) {
    const DenseMatrix inverse = pseudo_inverse(r);
    for (std::size_t i = 0; i < r.rows; ++i) diagonal[i] = inverse(i, i);
    return diagonal;
  }
  const Eigen::VectorXd& lambda = solver.eigenvalues();
  const Eigen::MatrixXd& v = solver.eigenvectors();
  const double largest = lambda.size() ? lambda.cwiseAbs().maxCoeff() : 0.0;
  const double tol = std::max(std::sqrt(std::numeric_limits<double>::epsilon()) * largest, 0.0);
  for (Eigen::Index l = 0; l < lambda.size(); ++l) {
    if (std::fabs(lambda(l)) <= tol) continue;
    for (Eigen::Index i = 0; i < v.rows(); ++i) diagonal[static_cast<std::size_t>(i)] += v(i, l) * v(i, l) / lambda(l);
  }
  return diagonal;
}

// psych::smc (Guttman 1940): 1 - 1/diag(Pinv(cov2cor(m))), clipped to [0, 1]; times var if covar.
std::vector<double> squared_multiple_correlations(const DenseMatrix& m, bool covariance_scaled) {
  for (double v : m.values)
    if (std::isnan(v))
      throw data_error({}, "the correlation matrix has NA cells, so squared multiple correlations are undefined",
                       "some item pairs have fewer than 2 rows answered together");
  const DenseMatrix r = cov_to_cor(m);
  const std::vector<double> inverse = pseudo_inverse_diagonal(r);
  std::vector<double> smc(m.rows);
  for (std::size_t i = 0; i < m.rows; ++i) {
    smc[i] = 1 - 1 / inverse[i];
    if (smc[i] > 1) smc[i] = 1;  // psych: "smcs > 1 were set to 1.0"
    if (smc[i] < 0) smc[i] = 0;  // psych: "smcs < 0 were set to .0"
    if (covariance_scaled) smc[i] *= m(i, i);
  }
  return smc;
}

std::vector<double> lower_triangle(const DenseMatrix& m) {
  std::vector<double> out;
  for (std::size_t c = 0; c < m.cols; ++c)
    for (std::size_t r = c + 1; r < m.rows; ++r) out.push_back(m(r, c));
  return out;
}

double sum_of_cells(const DenseMatrix& m) {
  double s = 0;
  for (double v : m.values) s += v;
  return s;
}

DenseMatrix without(const DenseMatrix& m, std::size_t drop) {
  DenseMatrix out(m.rows - 1, m.cols - 1);
  for (std::size_t r = 0, orow = 0; r < m.rows; ++r) {
    if (r == drop) continue;
    for (std::size_t c = 0, ocol = 0; c < m.cols; ++c) {
      if (c == drop) continue;
      out(orow, ocol++) = m(r, c);
    }
    ++orow;
  }
  return out;
}

}  // namespace attune

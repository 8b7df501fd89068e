// stats::varimax and psych's promax (kaiser + Promax), the rotations psych::fa does itself.
#include <cmath>
#include <limits>

#include "stats/eigen_copy.h"
#include "stats/rotation_internal.h"

namespace attune::rotation {

namespace {

using Eigen::MatrixXd;
using Eigen::VectorXd;

// Euclidean length of each row.
VectorXd row_lengths(const MatrixXd& m) { return m.rowwise().norm(); }

// diag(solve(t(U) %*% U)) as psych::Promax finds it, with its fallback when the factors are
// exactly uncorrelated and t(U) %*% U is singular (eigenvalues below machine epsilon raised to
// 100 epsilon, unit diagonal).
VectorXd inverse_diagonal(const MatrixXd& utu) {
  constexpr double eps = std::numeric_limits<double>::epsilon();
  const Eigen::PartialPivLU<MatrixXd> lu(utu);
  if (lu.rcond() >= eps) return lu.inverse().diagonal();
  const Eigen::SelfAdjointEigenSolver<MatrixXd> eig(utu);
  VectorXd values = eig.eigenvalues();
  for (Eigen::Index i = 0; i < values.size(); ++i)
    if (values(i) < eps) values(i) = 100 * eps;
  MatrixXd uu = eig.eigenvectors() * values.asDiagonal() * eig.eigenvectors().transpose();
  uu.diagonal().setOnes();
  return uu.inverse().diagonal();
}

}  // namespace

// stats::varimax (Kaiser 1958) with normalize = TRUE: rows scaled to unit length, at most 1000
// SVD steps, stop when the sum of singular values grows by less than a factor 1 + eps.
RawRotation varimax(const DenseMatrix& loadings, double eps) {
  const MatrixXd original = to_eigen(loadings);
  const VectorXd sc = row_lengths(original);
  const MatrixXd x = sc.cwiseInverse().asDiagonal() * original;
  const Eigen::Index k = x.cols();
  const double p = static_cast<double>(x.rows());
  MatrixXd tt = MatrixXd::Identity(k, k);
  double d = 0;
  bool converged = false;
  int iteration = 0;
  for (iteration = 1; iteration <= 1000; ++iteration) {
    const MatrixXd z = x * tt;
    const Eigen::RowVectorXd column_squares = z.array().square().colwise().sum();
    const MatrixXd b = x.transpose() * (z.array().cube().matrix() - z * column_squares.asDiagonal() / p);
    const Eigen::JacobiSVD<MatrixXd> svd(b, Eigen::ComputeFullU | Eigen::ComputeFullV);
    tt = svd.matrixU() * svd.matrixV().transpose();
    const double d_past = d;
    d = svd.singularValues().sum();
    if (d < d_past * (1 + eps)) {
      converged = true;
      break;
    }
  }
  RawRotation out;
  out.loadings = to_dense(sc.asDiagonal() * (x * tt));
  out.phi = to_dense(MatrixXd::Identity(k, k));
  out.rotation = to_dense(tt);
  out.converged = converged;
  out.iterations = converged ? iteration : 1000;
  return out;
}

// psych::kaiser(rotate = "Promax") then psych::Promax(m = 4) (Hendrickson & White 1964): varimax
// of the row-normalized loadings, least-squares fit to the target x * |x|^(m-1), columns scaled
// so that Phi = solve(U) %*% t(solve(U)) has a unit diagonal, rows rescaled by sqrt(h2).
RawRotation promax(const DenseMatrix& loadings, int power) {
  const MatrixXd f = to_eigen(loadings);
  const VectorXd root_h2 = row_lengths(f);
  const MatrixXd weighted = root_h2.cwiseInverse().asDiagonal() * f;
  const RawRotation vm = varimax(to_dense(weighted));
  const MatrixXd x = to_eigen(vm.loadings);
  const MatrixXd target = (x.array() * x.array().abs().pow(power - 1)).matrix();
  MatrixXd u = x.colPivHouseholderQr().solve(target);
  const VectorXd d = inverse_diagonal(u.transpose() * u);
  u = u * d.cwiseSqrt().asDiagonal();
  const MatrixXd z = x * u;
  u = to_eigen(vm.rotation) * u;
  const MatrixXd ui = u.inverse();
  RawRotation out;
  out.loadings = to_dense(root_h2.asDiagonal() * z);
  out.phi = to_dense(ui * ui.transpose());
  out.rotation = to_dense(u);
  out.converged = vm.converged;
  out.iterations = vm.iterations;
  return out;
}

}  // namespace attune::rotation

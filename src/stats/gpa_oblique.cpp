// GPArotation's oblique gradient projection (GPFoblq) with the oblimin and geomin criteria.
#include <cmath>

#include "stats/eigen_copy.h"
#include "stats/rotation_internal.h"

namespace attune::rotation {

namespace {

using Eigen::MatrixXd;

// A criterion's value f and its gradient Gq with respect to the loadings L.
struct CriterionValue {
  double f = 0;
  MatrixXd gradient;
};

// GPArotation::vgQ.oblimin with gam = 0: f = sum(L^2 * (L^2 %*% (1 - I))) / 4 (Jennrich 2002).
CriterionValue oblimin_criterion(const MatrixXd& l) {
  const MatrixXd l2 = l.array().square().matrix();
  const MatrixXd off = MatrixXd::Ones(l.cols(), l.cols()) - MatrixXd::Identity(l.cols(), l.cols());
  const MatrixXd x = l2 * off;
  return {(l2.array() * x.array()).sum() / 4.0, (l.array() * x.array()).matrix()};
}

// GPArotation::vgQ.geomin with delta = 0.01: f = sum over items of the geometric mean of
// L^2 + delta (Yates 1987; Browne 2001).
CriterionValue geomin_criterion(const MatrixXd& l) {
  constexpr double delta = 0.01;
  const double k = static_cast<double>(l.cols());
  const MatrixXd l2 = (l.array().square() + delta).matrix();
  Eigen::VectorXd pro = l2.array().log().rowwise().sum().matrix() / k;
  pro = pro.array().exp().matrix();
  MatrixXd gradient = (2.0 / k) * (l.array() / l2.array()).matrix();
  for (Eigen::Index r = 0; r < l.rows(); ++r) gradient.row(r) *= pro(r);
  return {pro.sum(), gradient};
}

CriterionValue criterion_at(ObliqueCriterion criterion, const MatrixXd& l) {
  return criterion == ObliqueCriterion::oblimin ? oblimin_criterion(l) : geomin_criterion(l);
}

}  // namespace

// GPArotation::GPFoblq (Bernaards & Jennrich 2005), statement for statement: the same step
// doubling and halving (11 tries), the same stopping rule (Frobenius norm of the projected
// gradient < eps, checked before each step), so the iterates are R's.
RawRotation gpf_oblique(const DenseMatrix& loadings, ObliqueCriterion criterion, double eps, int max_iterations) {
  const MatrixXd a = to_eigen(loadings);
  const Eigen::Index k = a.cols();
  MatrixXd t = MatrixXd::Identity(k, k);
  MatrixXd l = a * t.inverse().transpose();
  CriterionValue value = criterion_at(criterion, l);
  MatrixXd g = -(l.transpose() * value.gradient * t.inverse()).transpose();
  double f = value.f;
  double al = 1;
  double s = 0;
  int iteration = 0;
  for (iteration = 0; iteration <= max_iterations; ++iteration) {
    const Eigen::RowVectorXd column_dots = (t.array() * g.array()).colwise().sum();
    const MatrixXd gp = g - t * column_dots.asDiagonal();
    s = gp.norm();
    if (s < eps) break;
    al *= 2;
    MatrixXd t_try;
    for (int attempt = 0; attempt <= 10; ++attempt) {
      const MatrixXd x = t - al * gp;
      const Eigen::RowVectorXd v = x.array().square().colwise().sum().sqrt().inverse();
      t_try = x * v.asDiagonal();
      l = a * t_try.inverse().transpose();
      value = criterion_at(criterion, l);
      if (f - value.f > 0.5 * s * s * al) break;
      al /= 2;
    }
    t = t_try;
    f = value.f;
    g = -(l.transpose() * value.gradient * t_try.inverse()).transpose();
  }
  RawRotation out;
  out.loadings = to_dense(l);
  out.phi = to_dense(t.transpose() * t);
  out.rotation = to_dense(t.inverse().transpose());
  out.converged = s < eps;
  out.iterations = iteration;
  return out;
}

}  // namespace attune::rotation

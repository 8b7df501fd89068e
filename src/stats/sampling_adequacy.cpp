#include "attune/stats/sampling_adequacy.h"

#include <Eigen/Dense>
#include <boost/math/distributions/chi_squared.hpp>
#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "attune/util/error.h"
#include "stats/eigen_copy.h"

namespace attune {

namespace {

void check_square(const DenseMatrix& r) {
  if (r.rows != r.cols || r.rows < 2) {
    throw Error(ErrorKind::data, {}, fmt::format("a correlation matrix of {} x {} cannot be tested", r.rows, r.cols),
                "give two or more items");
  }
  for (double v : r.values) {
    if (!std::isfinite(v)) {
      throw Error(ErrorKind::data, {}, "the correlation matrix has a missing (NA) cell",
                  "every pair of items needs two or more rows answering both, with some variation");
    }
  }
}

}  // namespace

// psych::KMO (Kaiser 1970, "A second generation little jiffy"; Kaiser & Rice 1974, "Little Jiffy, Mark IV").
SamplingAdequacy kaiser_meyer_olkin(const DenseMatrix& correlations) {
  check_square(correlations);
  const Eigen::MatrixXd r = to_eigen(correlations);
  const Eigen::FullPivLU<Eigen::MatrixXd> lu(r);
  SamplingAdequacy result;
  result.msa_i.assign(correlations.rows, std::numeric_limits<double>::quiet_NaN());
  if (!lu.isInvertible()) {   // psych then uses r itself as the image, with a message; attune gives NA
    result.msa = std::numeric_limits<double>::quiet_NaN();
    return result;
  }
  const Eigen::MatrixXd q = lu.inverse();
  const auto k = static_cast<Eigen::Index>(correlations.rows);
  double sum_r2 = 0, sum_q2 = 0;
  for (Eigen::Index j = 0; j < k; ++j) {
    double col_r2 = 0, col_q2 = 0;
    for (Eigen::Index i = 0; i < k; ++i) {
      if (i == j) continue;
      const double partial = q(i, j) / std::sqrt(q(i, i) * q(j, j));   // R: cov2cor(solve(r))
      col_r2 += r(i, j) * r(i, j);
      col_q2 += partial * partial;
    }
    result.msa_i[static_cast<std::size_t>(j)] = col_r2 / (col_r2 + col_q2);
    sum_r2 += col_r2;
    sum_q2 += col_q2;
  }
  result.msa = sum_r2 / (sum_r2 + sum_q2);
  return result;
}

// psych::cortest.bartlett (Bartlett 1951, "The effect of standardization on a chi square approximation in factor analysis").
BartlettTest bartlett_sphericity(const DenseMatrix& correlations, double n_obs) {
  check_square(correlations);
  Eigen::MatrixXd r = to_eigen(correlations);
  r.diagonal().setOnes();   // diag = TRUE
  const double det = r.determinant();
  const double p = static_cast<double>(correlations.rows);
  BartlettTest test;
  test.df = p * (p - 1) / 2;
  if (!(det > 0)) {   // psych: log of a negative number, NaN
    test.chisq = test.p_value = std::numeric_limits<double>::quiet_NaN();
    return test;
  }
  test.chisq = -std::log(det) * (n_obs - 1 - (2 * p + 5) / 6);
  test.p_value = test.chisq > 0 ? boost::math::cdf(boost::math::complement(boost::math::chi_squared(test.df), test.chisq))
                                : 1.0;
  return test;
}

}  // namespace attune

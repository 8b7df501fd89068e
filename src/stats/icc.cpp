#include "attune/stats/icc.h"

#include <cmath>
#include <limits>

#include <boost/math/distributions/fisher_f.hpp>

namespace attune {

namespace {

constexpr double kNA = std::numeric_limits<double>::quiet_NaN();

// R's qf(p, df1, df2).
double qf(double p, double df1, double df2) {
  if (!(df1 > 0) || !(df2 > 0) || !std::isfinite(df1) || !std::isfinite(df2)) return kNA;
  return boost::math::quantile(boost::math::fisher_f_distribution<double>(df1, df2), p);
}

// R's pf(f, df1, df2, lower.tail = FALSE).
double pf_upper(double f, double df1, double df2) {
  if (std::isnan(f) || !(df1 > 0) || !(df2 > 0)) return kNA;
  if (f <= 0) return 1;
  if (std::isinf(f)) return 0;
  return boost::math::cdf(boost::math::complement(boost::math::fisher_f_distribution<double>(df1, df2), f));
}

}  // namespace

// Two occasions as a two-way table: its sums of squares (Shrout & Fleiss 1979's ANOVA).
IccAnova icc_anova(const CoMoments& m) {
  IccAnova a;
  a.n = static_cast<double>(m.n);
  a.k = 2;
  a.ss_subjects = static_cast<double>((m.ss_i + m.ss_j + 2 * m.cross) / 2);
  const long double diff = m.mean_i - m.mean_j;
  a.ss_occasions = static_cast<double>(m.n * diff * diff / 2);
  a.ss_residual = static_cast<double>((m.ss_i + m.ss_j - 2 * m.cross) / 2);
  return a;
}

// psych::ICC's ANOVA branch (Shrout & Fleiss 1979: the six forms, their F tests and intervals).
IccForms icc_forms(const IccAnova& a, double alpha) {
  IccForms out;
  const char* names[6] = {"ICC1", "ICC2", "ICC3", "ICC1k", "ICC2k", "ICC3k"};
  for (std::size_t i = 0; i < 6; ++i) out[i] = {names[i], kNA, kNA, kNA, kNA, kNA, kNA, kNA};
  const double n = a.n, k = a.k;
  if (n < 2 || k < 2) return out;
  const double msb = a.ss_subjects / (n - 1);
  const double msj = a.ss_occasions / (k - 1);
  const double mse = a.ss_residual / ((n - 1) * (k - 1));
  const double msw = (a.ss_occasions + a.ss_residual) / (n * (k - 1));
  const double icc1 = (msb - msw) / (msb + (k - 1) * msw);
  const double icc2 = (msb - mse) / (msb + (k - 1) * mse + k * (msj - mse) / n);
  const double icc3 = (msb - mse) / (msb + (k - 1) * mse);
  const double icc1k = (msb - msw) / msb;
  const double icc2k = (msb - mse) / (msb + (msj - mse) / n);
  const double icc3k = (msb - mse) / msb;
  const double f11 = msb / msw, df11n = n - 1, df11d = n * (k - 1);
  const double f21 = msb / mse, df21n = n - 1, df21d = (n - 1) * (k - 1);
  const double p11 = pf_upper(f11, df11n, df11d), p21 = pf_upper(f21, df21n, df21d);
  const double q = 1 - alpha / 2;
  const double f1l = f11 / qf(q, df11n, df11d), f1u = f11 * qf(q, df11d, df11n);
  const double f3l = f21 / qf(q, df21n, df21d), f3u = f21 * qf(q, df21d, df21n);
  const double fj = msj / mse;
  const double vn_root = k * icc2 * fj + n * (1 + (k - 1) * icc2) - k * icc2;
  const double vn = (k - 1) * (n - 1) * vn_root * vn_root;
  const double vd_tail = n * (1 + (k - 1) * icc2) - k * icc2;
  const double vd = (n - 1) * k * k * icc2 * icc2 * fj * fj + vd_tail * vd_tail;
  const double v = vn / vd;
  const double f2u = qf(q, n - 1, v), f2l = qf(q, v, n - 1);
  const double l2 = n * (msb - f2u * mse) / (f2u * (k * msj + (k * n - k - n) * mse) + n * msb);
  const double u2 = n * (f2l * msb - mse) / (k * msj + (k * n - k - n) * mse + n * f2l * msb);
  out[0] = {names[0], icc1, f11, df11n, df11d, p11, (f1l - 1) / (f1l + (k - 1)), (f1u - 1) / (f1u + k - 1)};
  out[1] = {names[1], icc2, f21, df21n, df21d, p21, l2, u2};
  out[2] = {names[2], icc3, f21, df21n, df21d, p21, (f3l - 1) / (f3l + k - 1), (f3u - 1) / (f3u + k - 1)};
  out[3] = {names[3], icc1k, f11, df11n, df11d, p11, 1 - 1 / f1l, 1 - 1 / f1u};
  out[4] = {names[4], icc2k, f21, df21n, df21d, p21, l2 * k / (1 + l2 * (k - 1)), u2 * k / (1 + u2 * (k - 1))};
  out[5] = {names[5], icc3k, f21, df21n, df21d, p21, 1 - 1 / f3l, 1 - 1 / f3u};
  // A zero mean square divides by zero (e.g. every subject equal at both occasions): R prints
  // Inf there; attune writes NA, as no format holds an infinite number (JSON has none).
  for (auto& form : out) {
    for (double* value : {&form.icc, &form.f, &form.p, &form.lower, &form.upper}) {
      if (std::isinf(*value)) *value = kNA;
    }
  }
  return out;
}

// Fisher 1921, Metron 1, 3-32, as R's cor.test computes its conf.int (stats:::cor.test.default).
CorrelationInterval correlation_interval(double r, double n) {
  if (!(n >= 4) || std::isnan(r)) return {kNA, kNA};
  constexpr double z975 = 1.959963984540054;   // qnorm(0.975)
  const double z = std::atanh(r), sigma = 1 / std::sqrt(n - 3);
  return {std::tanh(z - z975 * sigma), std::tanh(z + z975 * sigma)};
}

}  // namespace attune

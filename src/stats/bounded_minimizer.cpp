#include "bounded_minimizer.h"

#include <Eigen/Dense>
#include <algorithm>
#include <cfloat>
#include <cmath>
#include <deque>
#include <numeric>

namespace attune {

namespace {

using Vec = Eigen::VectorXd;
using Mat = Eigen::MatrixXd;

// More & Thuente (1994) safeguarded step (MINPACK-2 dcstep): updates the bracket [stx, sty]
// from the trial (stp, fp, dp) and returns the next trial step.
struct Bracket {
  double stx = 0, fx = 0, dx = 0, sty = 0, fy = 0, dy = 0;
  bool bracketed = false;
};

double cubic_gamma(double theta, double a, double b) {
  const double s = std::max({std::fabs(theta), std::fabs(a), std::fabs(b)});
  const double t = theta / s;
  return s * std::sqrt(t * t - (a / s) * (b / s));
}

double safeguarded_step(Bracket& k, double stp, double fp, double dp, double stpmin, double stpmax) {
  const double sgnd = dp * (k.dx / std::fabs(k.dx));
  double next = 0;
  if (fp > k.fx) {  // higher value: minimum bracketed; cubic, or halfway to the quadratic
    const double theta = 3 * (k.fx - fp) / (stp - k.stx) + k.dx + dp;
    double gamma = cubic_gamma(theta, k.dx, dp);
    if (stp < k.stx) gamma = -gamma;
    const double r = (gamma - k.dx + theta) / (gamma - k.dx + gamma + dp);
    const double cubic = k.stx + r * (stp - k.stx);
    const double quad = k.stx + k.dx / ((k.fx - fp) / (stp - k.stx) + k.dx) / 2 * (stp - k.stx);
    next = std::fabs(cubic - k.stx) < std::fabs(quad - k.stx) ? cubic : cubic + (quad - cubic) / 2;
    k.bracketed = true;
  } else if (sgnd < 0) {  // lower value, derivatives of opposite sign: bracketed
    const double theta = 3 * (k.fx - fp) / (stp - k.stx) + k.dx + dp;
    double gamma = cubic_gamma(theta, k.dx, dp);
    if (stp > k.stx) gamma = -gamma;
    const double r = (gamma - dp + theta) / (gamma - dp + gamma + k.dx);
    const double cubic = stp + r * (k.stx - stp);
    const double secant = stp + dp / (dp - k.dx) * (k.stx - stp);
    next = std::fabs(cubic - stp) > std::fabs(secant - stp) ? cubic : secant;
    k.bracketed = true;
  } else if (std::fabs(dp) < std::fabs(k.dx)) {  // lower value, same sign, derivative shrinking
    const double theta = 3 * (k.fx - fp) / (stp - k.stx) + k.dx + dp;
    const double s = std::max({std::fabs(theta), std::fabs(k.dx), std::fabs(dp)});
    const double disc = (theta / s) * (theta / s) - (k.dx / s) * (dp / s);
    double gamma = disc < 0 ? 0.0 : s * std::sqrt(disc);
    if (stp > k.stx) gamma = -gamma;
    const double r = (gamma - dp + theta) / (gamma + (k.dx - dp) + gamma);
    double cubic;
    if (r < 0 && gamma != 0) cubic = stp + r * (k.stx - stp);
    else cubic = stp > k.stx ? stpmax : stpmin;
    const double secant = stp + dp / (dp - k.dx) * (k.stx - stp);
    if (k.bracketed) {
      next = std::fabs(cubic - stp) < std::fabs(secant - stp) ? cubic : secant;
      const double limit = stp + (k.sty - stp) * 0.66;
      next = stp > k.stx ? std::min(limit, next) : std::max(limit, next);
    } else {
      next = std::fabs(cubic - stp) > std::fabs(secant - stp) ? cubic : secant;
      next = std::max(stpmin, std::min(stpmax, next));
    }
  } else {  // lower value, same sign, derivative not shrinking
    if (k.bracketed) {
      const double theta = 3 * (fp - k.fy) / (k.sty - stp) + k.dy + dp;
      double gamma = cubic_gamma(theta, k.dy, dp);
      if (stp > k.sty) gamma = -gamma;
      const double r = (gamma - dp + theta) / (gamma - dp + gamma + k.dy);
      next = stp + r * (k.sty - stp);
    } else {
      next = stp > k.stx ? stpmax : stpmin;
    }
  }
  if (fp > k.fx) {
    k.sty = stp; k.fy = fp; k.dy = dp;
  } else {
    if (sgnd < 0) { k.sty = k.stx; k.fy = k.fx; k.dy = k.dx; }
    k.stx = stp; k.fx = fp; k.dx = dp;
  }
  return next;
}

// More & Thuente (1994) line search for sufficient decrease and curvature (MINPACK-2 dcsrch).
class LineSearch {
 public:
  enum class Status { evaluate, done };
  LineSearch(double f0, double g0, double stp, double stpmax) : stpmax_(stpmax) {
    finit_ = f0; ginit_ = g0; gtest_ = ftol * g0;
    width_ = stpmax; width1_ = width_ / 0.5;
    k_.stx = 0; k_.fx = f0; k_.dx = g0; k_.sty = 0; k_.fy = f0; k_.dy = g0;
    stmin_ = 0; stmax_ = stp + 4 * stp;
  }
  // Takes f and f' at stp; returns done or a new stp to evaluate.
  Status next(double f, double g, double& stp) {
    const double ftest = finit_ + stp * gtest_;
    if (stage_ == 1 && f <= ftest && g >= 0) stage_ = 2;
    bool stop = false;
    if (k_.bracketed && (stp <= stmin_ || stp >= stmax_)) stop = true;
    if (k_.bracketed && stmax_ - stmin_ <= xtol * stmax_) stop = true;
    if (stp == stpmax_ && f <= ftest && g <= gtest_) stop = true;
    if (stp == 0 && (f > ftest || g >= gtest_)) stop = true;
    if (f <= ftest && std::fabs(g) <= gtol * (-ginit_)) stop = true;
    if (stop) return Status::done;
    if (stage_ == 1 && f <= k_.fx && f > ftest) {  // modified function psi in stage 1
      Bracket m = k_;
      m.fx = k_.fx - k_.stx * gtest_; m.fy = k_.fy - k_.sty * gtest_;
      m.dx = k_.dx - gtest_; m.dy = k_.dy - gtest_;
      const double next = safeguarded_step(m, stp, f - stp * gtest_, g - gtest_, stmin_, stmax_);
      k_.bracketed = m.bracketed;
      k_.stx = m.stx; k_.sty = m.sty;
      k_.fx = m.fx + m.stx * gtest_; k_.fy = m.fy + m.sty * gtest_;
      k_.dx = m.dx + gtest_; k_.dy = m.dy + gtest_;
      stp = next;
    } else {
      stp = safeguarded_step(k_, stp, f, g, stmin_, stmax_);
    }
    if (k_.bracketed) {
      if (std::fabs(k_.sty - k_.stx) >= 0.66 * width1_) stp = k_.stx + 0.5 * (k_.sty - k_.stx);
      width1_ = width_;
      width_ = std::fabs(k_.sty - k_.stx);
      stmin_ = std::min(k_.stx, k_.sty);
      stmax_ = std::max(k_.stx, k_.sty);
    } else {
      stmin_ = stp + 1.1 * (stp - k_.stx);
      stmax_ = stp + 4.0 * (stp - k_.stx);
    }
    stp = std::max(stp, 0.0);
    stp = std::min(stp, stpmax_);
    if ((k_.bracketed && (stp <= stmin_ || stp >= stmax_)) || (k_.bracketed && stmax_ - stmin_ <= xtol * stmax_))
      stp = k_.stx;
    return Status::evaluate;
  }

 private:
  static constexpr double ftol = 1e-3, gtol = 0.9, xtol = 0.1;
  double stpmax_, finit_ = 0, ginit_ = 0, gtest_ = 0, width_ = 0, width1_ = 0, stmin_ = 0, stmax_ = 0;
  int stage_ = 1;
  Bracket k_;
};

// The limited-memory BFGS matrix: theta I updated by the stored (s, y) pairs, oldest first.
Mat bfgs_matrix(double theta, const std::deque<std::pair<Vec, Vec>>& pairs, Eigen::Index n) {
  Mat b = theta * Mat::Identity(n, n);
  for (const auto& [s, y] : pairs) {
    const Vec bs = b * s;
    b += y * y.transpose() / y.dot(s) - bs * bs.transpose() / s.dot(bs);
  }
  return b;
}

// Largest entry of the projected gradient (L-BFGS-B projgr).
double projected_gradient_norm(const Vec& x, const Vec& g, const Vec& l, const Vec& u) {
  double norm = 0;
  for (Eigen::Index i = 0; i < x.size(); ++i) {
    double gi = g[i];
    if (gi < 0) gi = std::max(gi, x[i] - u[i]);
    else gi = std::min(gi, x[i] - l[i]);
    norm = std::max(norm, std::fabs(gi));
  }
  return norm;
}

// Generalized Cauchy point along the projected steepest descent path (Byrd et al. 1995, 4);
// `fixed` marks the variables held at a bound there.
Vec cauchy_point(const Vec& x, const Vec& g, const Vec& l, const Vec& u, const Mat& b,
                 std::vector<bool>& fixed) {
  const Eigen::Index n = x.size();
  Vec d = Vec::Zero(n);
  Vec xcp = x;
  std::vector<std::pair<double, Eigen::Index>> breaks;
  double f1 = 0;
  for (Eigen::Index i = 0; i < n; ++i) {
    const double neg = -g[i];
    const double tl = x[i] - l[i], tu = u[i] - x[i];
    fixed[i] = false;
    bool zero = false;
    if (tl <= 0) fixed[i] = neg <= 0;
    else if (tu <= 0) fixed[i] = neg >= 0;
    else zero = std::fabs(neg) <= 0;
    if (fixed[i] || zero) continue;
    d[i] = neg;
    f1 -= neg * neg;
    if (neg < 0) breaks.emplace_back(tl / (-neg), i);
    else if (neg > 0) breaks.emplace_back(tu / neg, i);
  }
  if (breaks.empty()) return xcp;
  double f2 = d.dot(b * d);
  const double f2_org = f2;
  double dtm = -f1 / f2, tsum = 0, tj = 0;
  std::stable_sort(breaks.begin(), breaks.end(),
                   [](const auto& a, const auto& c) { return a.first < c.first; });
  std::size_t left = breaks.size();
  for (const auto& [t, ib] : breaks) {
    const double dt = t - tj;
    tj = t;
    if (dtm < dt) break;
    tsum += dt;
    --left;
    const double dib = d[ib];
    d[ib] = 0;
    xcp[ib] = dib > 0 ? u[ib] : l[ib];
    fixed[ib] = true;
    if (left == 0 && breaks.size() == static_cast<std::size_t>(n)) return xcp;  // every variable at a bound
    Vec z = xcp - x;
    for (Eigen::Index i = 0; i < n; ++i)
      if (d[i] != 0) z[i] = tsum * d[i];
    const Vec bd = b * d;
    f1 = g.dot(d) + z.dot(bd);
    f2 = std::max(d.dot(bd), DBL_EPSILON * f2_org);
    if (left > 0) dtm = -f1 / f2;
    else dtm = 0;  // boxed: every moving variable had a breakpoint
  }
  tsum += std::max(dtm, 0.0);
  for (Eigen::Index i = 0; i < n; ++i)
    if (d[i] != 0) xcp[i] = x[i] + tsum * d[i];
  return xcp;
}

}  // namespace

// Byrd, Lu, Nocedal & Zhu 1995 (L-BFGS-B 2.3, as R's optim runs it, including parscale).
BoundedMinimum minimize_bounded(const BoundedObjective& objective, std::vector<double> start,
                                const std::vector<double>& lower, const std::vector<double>& upper,
                                const BoundedMinimizerOptions& options) {
  const auto n = static_cast<Eigen::Index>(start.size());
  std::vector<double> scale = options.parscale;
  if (scale.empty()) scale.assign(start.size(), 1.0);
  Vec x(n), l(n), u(n);
  for (Eigen::Index i = 0; i < n; ++i) {
    x[i] = start[i] / scale[i];
    l[i] = lower[i] / scale[i];
    u[i] = upper[i] / scale[i];
    x[i] = std::min(std::max(x[i], l[i]), u[i]);
  }
  std::vector<double> point(start.size()), grad(start.size());
  BoundedMinimum out;
  auto evaluate = [&](const Vec& at, Vec& g) {
    for (Eigen::Index i = 0; i < n; ++i) point[i] = at[i] * scale[i];
    const double f = objective(point, grad);
    for (Eigen::Index i = 0; i < n; ++i) g[i] = grad[i] * scale[i];
    ++out.evaluations;
    return f;
  };
  auto finish = [&](const Vec& at, double f, int code) {
    out.x.resize(start.size());
    for (Eigen::Index i = 0; i < n; ++i) out.x[i] = at[i] * scale[i];
    out.value = f;
    out.code = code;
    return out;
  };
  Vec g(n);
  double f = evaluate(x, g);
  if (!std::isfinite(f)) return finish(x, f, 52);
  if (projected_gradient_norm(x, g, l, u) <= options.pgtol) return finish(x, f, 0);
  std::deque<std::pair<Vec, Vec>> pairs;
  double theta = 1;
  int iter = 0;
  const double tol = options.factr * DBL_EPSILON;
  std::vector<bool> fixed(static_cast<std::size_t>(n));
  while (true) {
    const Mat b = bfgs_matrix(theta, pairs, n);
    Vec z = cauchy_point(x, g, l, u, b, fixed);
    std::vector<Eigen::Index> free;
    for (Eigen::Index i = 0; i < n; ++i)
      if (!fixed[static_cast<std::size_t>(i)]) free.push_back(i);
    if (!free.empty() && !pairs.empty()) {  // subspace Newton step, truncated to the box
      const auto nf = static_cast<Eigen::Index>(free.size());
      const Vec bz = b * (z - x);
      Mat bff(nf, nf);
      Vec r(nf);
      for (Eigen::Index a = 0; a < nf; ++a) {
        r[a] = -(g[free[a]] + bz[free[a]]);
        for (Eigen::Index c = 0; c < nf; ++c) bff(a, c) = b(free[a], free[c]);
      }
      Eigen::LLT<Mat> llt(bff);
      if (llt.info() != Eigen::Success) {  // refresh the memory and start the iteration again
        pairs.clear();
        theta = 1;
        continue;
      }
      Vec du = llt.solve(r);
      double alpha = 1, temp = 1;
      Eigen::Index hit = -1;
      for (Eigen::Index a = 0; a < nf; ++a) {
        const Eigen::Index k = free[a];
        const double dk = du[a];
        if (dk < 0) {
          const double room = l[k] - z[k];
          if (room >= 0) temp = 0;
          else if (dk * alpha < room) temp = room / dk;
        } else if (dk > 0) {
          const double room = u[k] - z[k];
          if (room <= 0) temp = 0;
          else if (dk * alpha > room) temp = room / dk;
        }
        if (temp < alpha) { alpha = temp; hit = a; }
      }
      if (alpha < 1 && hit >= 0) {
        const Eigen::Index k = free[hit];
        if (du[hit] > 0) z[k] = u[k];
        else if (du[hit] < 0) z[k] = l[k];
        du[hit] = 0;
      }
      for (Eigen::Index a = 0; a < nf; ++a) z[free[a]] += alpha * du[a];
    }
    Vec d = z - x;
    double stpmax = 1;
    if (iter > 0) {
      stpmax = 1e10;
      for (Eigen::Index i = 0; i < n; ++i) {
        if (d[i] < 0) {
          const double room = l[i] - x[i];
          if (room >= 0) stpmax = 0;
          else if (d[i] * stpmax < room) stpmax = room / d[i];
        } else if (d[i] > 0) {
          const double room = u[i] - x[i];
          if (room <= 0) stpmax = 0;
          else if (d[i] * stpmax > room) stpmax = room / d[i];
        }
      }
    }
    double stp = 1;  // boxed problem: R's first trial step is 1
    const Vec x0 = x, g0 = g;
    const double fold = f;
    const double gdold = g.dot(d);
    double gd = gdold;
    bool failed = gdold >= 0;
    if (!failed) {
      LineSearch search(f, gdold, stp, stpmax);
      int tries = 0;
      while (true) {
        ++tries;
        if (tries - 1 >= 20) { failed = true; break; }
        x = stp == 1 ? z : Vec(stp * d + x0);
        f = evaluate(x, g);
        if (!std::isfinite(f)) return finish(x, f, 52);
        gd = g.dot(d);
        if (search.next(f, gd, stp) == LineSearch::Status::done) {
          failed = tries - 1 >= 20;
          break;
        }
      }
    }
    if (failed) {
      x = x0; g = g0; f = fold;
      if (pairs.empty()) return finish(x, f, 52);
      pairs.clear();
      theta = 1;
      continue;
    }
    ++iter;
    const double pgnorm = projected_gradient_norm(x, g, l, u);
    out.iterations = iter;
    if (iter > options.max_iterations) return finish(x, f, 1);
    if (pgnorm <= options.pgtol) return finish(x, f, 0);
    if (fold - f <= tol * std::max({std::fabs(fold), std::fabs(f), 1.0})) return finish(x, f, 0);
    const Vec y = g - g0;
    const double dr = stp == 1 ? gd - gdold : (gd - gdold) * stp;
    const double ddum = stp == 1 ? -gdold : -gdold * stp;
    if (dr <= DBL_EPSILON * ddum) continue;  // skip the update
    pairs.emplace_back(stp * d, y);
    if (static_cast<int>(pairs.size()) > options.memory) pairs.pop_front();
    theta = y.squaredNorm() / dr;
  }
}

}  // namespace attune

// The standard bivariate normal distribution to double precision.
#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>
#include <vector>

#include "attune/stats/polychoric.h"

namespace attune {

namespace {

constexpr double kTwoPi = 2 * std::numbers::pi;

double normal_cdf(double x) { return 0.5 * std::erfc(-x / std::numbers::sqrt2); }

// Gauss-Legendre nodes and weights on [-1, 1] with n points, by Newton's method on P_n.
struct GaussLegendre {
  std::vector<double> nodes, weights;
  explicit GaussLegendre(int n) {
    for (int i = 1; i <= n; ++i) {
      double x = std::cos(std::numbers::pi * (i - 0.25) / (n + 0.5)), derivative = 0;
      for (int step = 0; step < 100; ++step) {
        double p0 = 1, p1 = x;
        for (int m = 2; m <= n; ++m) {
          const double p2 = ((2 * m - 1) * x * p1 - (m - 1) * p0) / m;
          p0 = p1;
          p1 = p2;
        }
        derivative = n * (x * p1 - p0) / (x * x - 1);
        const double dx = p1 / derivative;
        x -= dx;
        if (std::fabs(dx) < 1e-17) break;
      }
      nodes.push_back(x);
      weights.push_back(2 / ((1 - x * x) * derivative * derivative));
    }
  }
};

const GaussLegendre& rule_for(double r) {
  static const GaussLegendre six(6), twelve(12), twenty(20);
  const double a = std::fabs(r);
  return a < 0.3 ? six : a < 0.75 ? twelve : twenty;
}

// P(X > h, Y > k) for a standard bivariate normal with correlation r: Drezner & Wesolowsky
// (1989, J. Stat. Comput. Simul. 35, 101-107) with Genz's double-precision changes (Genz 2004,
// Stat. Comput. 14, 251-260; the BVNU of his MVTDSTPACK, which mnormt::sadmvn calls).
double upper_orthant(double h, double k, double r) {
  const GaussLegendre& rule = rule_for(r);
  double hk = h * k, sum = 0;
  if (std::fabs(r) < 0.925) {
    // Integrate the density's derivative in r along asin: Plackett's identity.
    const double hs = (h * h + k * k) / 2, asr = std::asin(r);
    for (std::size_t i = 0; i < rule.nodes.size(); ++i) {
      const double sn = std::sin(asr * (rule.nodes[i] + 1) / 2);
      sum += rule.weights[i] * std::exp((sn * hk - hs) / (1 - sn * sn));
    }
    return sum * asr / (2 * kTwoPi) + normal_cdf(-h) * normal_cdf(-k);
  }
  // Near |r| = 1: the singular part in closed form, the rest by quadrature in sqrt(1 - r^2).
  if (r < 0) {
    k = -k;
    hk = -hk;
  }
  if (std::fabs(r) < 1) {
    const double as = (1 - r) * (1 + r), bs = (h - k) * (h - k);
    const double c = (4 - hk) / 8, d = (12 - hk) / 16;
    double a = std::sqrt(as);
    sum = a * std::exp(-(bs / as + hk) / 2) * (1 - c * (bs - as) * (1 - d * bs / 5) / 3 + c * d * as * as / 5);
    if (hk > -160) {
      const double b = std::sqrt(bs);
      sum -= std::exp(-hk / 2) * std::sqrt(kTwoPi) * normal_cdf(-b / a) * b * (1 - c * bs * (1 - d * bs / 5) / 3);
    }
    a /= 2;
    for (std::size_t i = 0; i < rule.nodes.size(); ++i) {
      const double xs = std::pow(a * (rule.nodes[i] + 1), 2), rs = std::sqrt(1 - xs);
      sum += a * rule.weights[i] *
             (std::exp(-bs / (2 * xs) - hk / (1 + rs)) / rs - std::exp(-(bs / xs + hk) / 2) * (1 + c * xs * (1 + d * xs)));
    }
    sum = -sum / kTwoPi;
  }
  if (r > 0) return sum + normal_cdf(-std::max(h, k));
  return -sum + std::max(0.0, normal_cdf(-h) - normal_cdf(-k));
}

}  // namespace

// mnormt::biv.nt.prob (df = Inf) and Genz's MVBVN: the rectangle from upper orthants.
double bivariate_normal_rectangle(double lo1, double hi1, double lo2, double hi2, double r) {
  if (lo1 == hi1 || lo2 == hi2) return 0;
  // Which limits are finite: 2 both, 1 lower only, 0 upper only, -1 neither.
  auto kind = [](double lo, double hi) {
    const bool finite_lo = lo > -INFINITY, finite_hi = hi < INFINITY;
    return finite_lo && finite_hi ? 2 : finite_lo ? 1 : finite_hi ? 0 : -1;
  };
  const int k1 = kind(lo1, hi1), k2 = kind(lo2, hi2);
  if (k1 == -1 && k2 == -1) return 1;
  if (k1 == -1) return normal_cdf(hi2) - normal_cdf(lo2);
  if (k2 == -1) return normal_cdf(hi1) - normal_cdf(lo1);
  auto q = upper_orthant;
  if (k1 == 2 && k2 == 2) return q(lo1, lo2, r) - q(hi1, lo2, r) - q(lo1, hi2, r) + q(hi1, hi2, r);
  if (k1 == 2 && k2 == 1) return q(lo1, lo2, r) - q(hi1, lo2, r);
  if (k1 == 1 && k2 == 2) return q(lo1, lo2, r) - q(lo1, hi2, r);
  if (k1 == 2 && k2 == 0) return q(-hi1, -hi2, r) - q(-lo1, -hi2, r);
  if (k1 == 0 && k2 == 2) return q(-hi1, -hi2, r) - q(-hi1, -lo2, r);
  if (k1 == 1 && k2 == 0) return q(lo1, -hi2, -r);
  if (k1 == 0 && k2 == 1) return q(-hi1, lo2, -r);
  if (k1 == 1 && k2 == 1) return q(lo1, lo2, r);
  return q(-hi1, -hi2, r);   // both (-inf, hi]
}

}  // namespace attune

// Private to src/stats: standard normal draws from std::mt19937_64's sequence, fully specified (so a seed
// gives the same numbers with any standard library, which std::normal_distribution does not).
#pragma once

#include <array>
#include <cmath>
#include <cstdint>
#include <random>

#include "stats/mt19937_64_batch.h"

namespace attune {

// The ziggurat method of Marsaglia & Tsang (2000, J. Stat. Softw. 5(8)) in Doornik's form
// (2005, "An improved ziggurat method to generate normal random samples": 128 blocks, the
// block index and the uniform from separate bits of one draw, so they are independent).
class NormalDraws {
 public:
  explicit NormalDraws(Mt19937_64Batch& engine) : engine_(engine) {}

  double next() {
    const Tables& t = tables();
    for (;;) {
      const std::uint64_t draw = engine_();
      const double u = 2 * (static_cast<double>(static_cast<std::int64_t>(draw >> 11)) * 0x1.0p-53) - 1;   // [-1, 1)
      const unsigned i = static_cast<unsigned>(draw & 0x7F);                   // bits below the 53
      if (std::fabs(u) < t.ratio[i]) return u * t.x[i];   // inside the block's rectangle
      if (i == 0) return tail(u < 0);                      // the base block: the tail beyond R
      const double x = u * t.x[i];
      const double f0 = std::exp(-0.5 * (t.x[i] * t.x[i] - x * x));
      const double f1 = std::exp(-0.5 * (t.x[i + 1] * t.x[i + 1] - x * x));
      if (f1 + open_uniform() * (f0 - f1) < 1.0) return x;   // under the density in the wedge
    }
  }

 private:
  static constexpr int kBlocks = 128;
  static constexpr double kR = 3.442619855899;          // where the tail starts
  static constexpr double kV = 9.91256303526217e-3;     // each block's area
  struct Tables {
    std::array<double, kBlocks + 1> x{};
    std::array<double, kBlocks> ratio{};
    Tables() {
      double f = std::exp(-0.5 * kR * kR);
      x[0] = kV / f;
      x[1] = kR;
      x[kBlocks] = 0;
      for (int i = 2; i < kBlocks; ++i) {
        x[i] = std::sqrt(-2 * std::log(kV / x[i - 1] + f));
        f = std::exp(-0.5 * x[i] * x[i]);
      }
      for (int i = 0; i < kBlocks; ++i) ratio[i] = x[i + 1] / x[i];
    }
  };
  static const Tables& tables() {
    static const Tables t;
    return t;
  }
  // Uniform in (0, 1).
  double open_uniform() { return (static_cast<double>(static_cast<std::int64_t>(engine_() >> 11)) + 0.5) * 0x1.0p-53; }
  // Marsaglia's (1964) tail beyond R.
  double tail(bool negative) {
    double x, y;
    do {
      x = std::log(open_uniform()) / kR;
      y = std::log(open_uniform());
    } while (-2 * y < x * x);
    return negative ? x - kR : kR - x;
  }
  Mt19937_64Batch& engine_;
};

}  // namespace attune

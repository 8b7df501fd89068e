#include "stats/shifted_co_sums.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

namespace attune {

namespace {
constexpr std::size_t kFirstBlock = 16, kMaxBlock = 1024;

// One listed value xf with every present value (w = 1; x is 0 where missing): the six sums over
// j of the deviations from the pair's own shifts sf[j], sj[j].
void add_pairs(double* __restrict n, double* __restrict sum_f, double* __restrict sq_f, double* __restrict sum_j,
               double* __restrict sq_j, double* __restrict c, const double* __restrict w,
               const double* __restrict x, const double* __restrict sf, const double* __restrict sj, double xf,
               std::size_t k) {
  for (std::size_t j = 0; j < k; ++j) {
    const double a = (xf - sf[j]) * w[j];
    const double b = (x[j] - sj[j]) * w[j];
    n[j] += w[j];
    sum_f[j] += a;
    sq_f[j] += a * a;
    sum_j[j] += b;
    sq_j[j] += b * b;
    c[j] += a * b;
  }
}

// A centred sum of squares from sums about a shift: Q - S^2/n, below 0 only by rounding (kept
// NaN when an overflow made it so).
long double centred(long double q, long double s, long double n) {
  const long double v = q - s * s / n;
  return v < 0 ? 0 : v;
}

CoMoments swapped(CoMoments m) {
  std::swap(m.mean_i, m.mean_j);
  std::swap(m.ss_i, m.ss_j);
  return m;
}
}  // namespace

ShiftedCoSums::ShiftedCoSums(std::size_t variables) : k_(variables) {}

std::size_t ShiftedCoSums::index(std::size_t i, std::size_t j) const {
  if (i > j) std::swap(i, j);
  return i * k_ - i * (i - 1) / 2 + (j - i);
}

void ShiftedCoSums::add(std::span<const double> row, std::span<const std::size_t> fractional) {
  if (fractional.empty()) return;
  if (block_.empty()) {
    block_.assign(k_ * kFields * k_, 0.0);
    touched_.assign(k_, 0);
    totals_.assign(k_ * (k_ + 1) / 2, CoMoments{});
    shift_f_.assign(k_ * k_, 0.0);
    shift_j_.assign(k_ * k_, 0.0);
    seeded_.assign(k_ * k_, 0);
    unseeded_.assign(k_, k_);
    w_.assign(k_, 0.0);
    x_.assign(k_, 0.0);
  }
  for (std::size_t j = 0; j < k_; ++j) {
    const bool present = !std::isnan(row[j]);
    w_[j] = present ? 1 : 0;
    x_[j] = present ? row[j] : 0;
  }
  for (std::size_t f : fractional) {
    touched_[f] = 1;
    double* sf = shift_f_.data() + f * k_;
    double* sj = shift_j_.data() + f * k_;
    unsigned char* seeded = seeded_.data() + f * k_;
    // A pair's shifts start at its first row's values, so its first block is centred near its data.
    for (std::size_t j = 0; unseeded_[f] && j < k_; ++j) {
      if (w_[j] != 0 && !seeded[j]) {
        sf[j] = x_[f];
        sj[j] = x_[j];
        seeded[j] = 1;
        --unseeded_[f];
      }
    }
    add_pairs(block(f, kN), block(f, kSumF), block(f, kSqF), block(f, kSumJ), block(f, kSqJ), block(f, kCross),
              w_.data(), x_.data(), sf, sj, x_[f], k_);
    // Pairs of f with a later listed variable are taken here, not again in that one's pass.
    w_[f] = 0;
    x_[f] = 0;
  }
  if (++block_rows_ >= std::clamp(flushed_rows_, kFirstBlock, kMaxBlock)) flush();
}

// Sums about the pair's shifts a, b to moments: mean = a + S/n, ss = Q - S^2/n,
// cross = C - S_f S_j / n.
CoMoments ShiftedCoSums::block_moments(std::size_t f, std::size_t j) const {
  CoMoments m;
  m.n = block_at(f, kN, j);
  if (m.n == 0) return m;
  const long double sf = block_at(f, kSumF, j), sj = block_at(f, kSumJ, j);
  m.mean_i = shift_f_[f * k_ + j] + sf / m.n;
  m.mean_j = shift_j_[f * k_ + j] + sj / m.n;
  m.ss_i = centred(block_at(f, kSqF, j), sf, m.n);
  m.ss_j = centred(block_at(f, kSqJ, j), sj, m.n);
  m.cross = block_at(f, kCross, j) - sf * sj / m.n;
  return f <= j ? m : swapped(m);
}

void ShiftedCoSums::flush() {
  std::vector<std::size_t> listed;
  for (std::size_t f = 0; f < k_; ++f) {
    if (!touched_[f]) continue;
    listed.push_back(f);
    for (std::size_t j = 0; j < k_; ++j) {
      CoMoments& total = totals_[index(f, j)];
      total = combine(total, block_moments(f, j));
    }
    std::fill_n(block(f, kN), kFields * k_, 0.0);
    touched_[f] = 0;
  }
  // Only now, with every sum about the old shifts taken out, move each pair's shifts (both of
  // its orientations) to the pair's means so far.
  for (std::size_t f : listed)
    for (std::size_t j = 0; j < k_; ++j) {
      const CoMoments& total = totals_[index(f, j)];
      if (total.n == 0) continue;
      const double mean_f = static_cast<double>(f <= j ? total.mean_i : total.mean_j);
      const double mean_j = static_cast<double>(f <= j ? total.mean_j : total.mean_i);
      shift_f_[f * k_ + j] = shift_j_[j * k_ + f] = mean_f;
      shift_j_[f * k_ + j] = shift_f_[j * k_ + f] = mean_j;
      for (auto [a, b] : {std::pair{f, j}, std::pair{j, f}}) {
        if (seeded_[a * k_ + b]) continue;
        seeded_[a * k_ + b] = 1;
        --unseeded_[a];
      }
    }
  flushed_rows_ += block_rows_;
  block_rows_ = 0;
}

CoMoments ShiftedCoSums::moments(std::size_t i, std::size_t j) const {
  if (totals_.empty()) return {};
  if (i > j) std::swap(i, j);
  CoMoments m = totals_[index(i, j)];
  if (touched_[i]) m = combine(m, block_moments(i, j));
  if (touched_[j] && j != i) m = combine(m, block_moments(j, i));
  return m;
}

}  // namespace attune

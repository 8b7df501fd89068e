#include "attune/stats/shifted_co_sums.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

namespace attune {

namespace {
constexpr std::size_t kFirstBlock = 16, kMaxBlock = 1024;

// One listed value yf (square yf2) with every present value: the six sums over j.
void add_pairs(double* __restrict n, double* __restrict sf, double* __restrict qf, double* __restrict sj,
               double* __restrict qj, double* __restrict c, const double* __restrict w,
               const double* __restrict y, const double* __restrict y2, double yf, double yf2, std::size_t k) {
  for (std::size_t j = 0; j < k; ++j) {
    n[j] += w[j];
    sf[j] += yf * w[j];
    qf[j] += yf2 * w[j];
    sj[j] += y[j];
    qj[j] += y2[j];
    c[j] += yf * y[j];
  }
}

CoMoments swapped(CoMoments m) {
  std::swap(m.mean_i, m.mean_j);
  std::swap(m.ss_i, m.ss_j);
  return m;
}
}  // namespace

ShiftedCoSums::ShiftedCoSums(std::size_t variables)
    : k_(variables), shift_(variables, std::numeric_limits<double>::quiet_NaN()) {}

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
    w_.assign(k_, 0.0);
    y_.assign(k_, 0.0);
    y2_.assign(k_, 0.0);
  }
  for (std::size_t j = 0; j < k_; ++j) {
    const double x = row[j];
    if (std::isnan(x)) {
      w_[j] = y_[j] = y2_[j] = 0;
      continue;
    }
    if (std::isnan(shift_[j])) shift_[j] = x;
    w_[j] = 1;
    y_[j] = x - shift_[j];
    y2_[j] = y_[j] * y_[j];
  }
  for (std::size_t f : fractional) {
    touched_[f] = 1;
    add_pairs(block(f, kN), block(f, kSumF), block(f, kSqF), block(f, kSumJ), block(f, kSqJ), block(f, kCross),
              w_.data(), y_.data(), y2_.data(), y_[f], y2_[f], k_);
    // Pairs of f with a later listed variable are taken here, not again in that one's pass.
    w_[f] = y_[f] = y2_[f] = 0;
  }
  if (++block_rows_ >= std::clamp(flushed_rows_, kFirstBlock, kMaxBlock)) flush();
}

// Sums about the shifts a, b to moments: mean = a + S/n, ss = Q - S^2/n, cross = C - S_f S_j / n.
CoMoments ShiftedCoSums::block_moments(std::size_t f, std::size_t j) const {
  CoMoments m;
  m.n = block_at(f, kN, j);
  if (m.n == 0) return m;
  const long double sf = block_at(f, kSumF, j), sj = block_at(f, kSumJ, j);
  m.mean_i = shift_[f] + sf / m.n;
  m.mean_j = shift_[j] + sj / m.n;
  m.ss_i = std::max(0.0L, block_at(f, kSqF, j) - sf * sf / m.n);
  m.ss_j = std::max(0.0L, block_at(f, kSqJ, j) - sj * sj / m.n);
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
  // Only now, with every sum about the old shifts taken out, move the shifts to the means.
  for (std::size_t f : listed)
    for (std::size_t j = 0; j < k_; ++j) {
      const CoMoments& total = totals_[index(f, j)];
      if (total.n == 0) continue;
      shift_[f] = static_cast<double>(f <= j ? total.mean_i : total.mean_j);
      shift_[j] = static_cast<double>(f <= j ? total.mean_j : total.mean_i);
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

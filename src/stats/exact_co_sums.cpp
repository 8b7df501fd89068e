#include "stats/exact_co_sums.h"

#include <algorithm>
#include <cstring>
#include <utility>

#include "util/sse2.h"

namespace attune {

namespace {
// Every running sum moves by at most 2^40 (= (2^20)^2) per row, and doubles hold integers exactly
// up to 2^53: 2^13 rows between flushes keep every running sum exact.
constexpr std::size_t kRowsPerFlush = std::size_t{1} << 13;

// a += x, b += y, c += z elementwise over k values (a separate function so that it vectorises).
void add3(double* __restrict a, double* __restrict b, double* __restrict c, const double* __restrict x,
          const double* __restrict y, const double* __restrict z, std::size_t k) {
  for (std::size_t i = 0; i < k; ++i) {
    a[i] += x[i];
    b[i] += y[i];
    c[i] += z[i];
  }
}
// The same for 16-bit values into 32-bit sums (the rows of the 16-bit path).
void add3(std::int32_t* __restrict a, std::int32_t* __restrict b, std::int32_t* __restrict c,
          const std::int16_t* __restrict x, const std::int16_t* __restrict y, const std::int16_t* __restrict z,
          std::size_t k) {
  for (std::size_t i = 0; i < k; ++i) {
    a[i] += x[i];
    b[i] += y[i];
    c[i] += z[i];
  }
}
// Rows whose whole values lie within ±63 take the 16-bit path: kBlockRows rows at a time,
// their products summed in 32-bit lanes; a lane grows by at most 63^2 per row, so stays below
// 2^31 over the kRowsPerFlush rows between moves into the doubles.
constexpr double kSmallSquare = 63 * 63;
constexpr std::size_t kBlockRows = 16;
static_assert(kRowsPerFlush * 63 * 63 < (std::size_t{1} << 31));

// What prepare_row() found in a row.
struct PreparedRow {
  std::size_t not_whole = 0;    // values that are missing or not whole
  double largest_square = 0;    // the largest x^2 of the whole values
};

// small[i] = x, small_present[i] = 1, small_square[i] = x^2 as 16-bit integers where row[i] is
// whole (small_whole), 0 where it is not; small and small_square are meaningful when
// largest_square <= kSmallSquare (the 16-bit path), else prepare_wide_row() serves.
PreparedRow prepare_row(const double* __restrict row, std::size_t k, std::int16_t* __restrict small,
                        std::int16_t* __restrict small_present, std::int16_t* __restrict small_square) {
  PreparedRow shape;
  std::size_t i = 0;
#if ATTUNE_SSE2
  // Two values at a time: whole when converting to int32 and back gives the value (false for
  // NaN, infinities and anything beyond int32) and |x| <= 2^20, as small_whole().
  const __m128d limit = _mm_set1_pd(1048576.0);
  const __m128d magnitude = _mm_castsi128_pd(_mm_set1_epi64x(0x7fffffffffffffff));
  const __m128d one = _mm_set1_pd(1.0);
  const __m128i zero = _mm_setzero_si128();
  __m128d largest = _mm_setzero_pd();
  for (; i + 2 <= k; i += 2) {
    const __m128d x = _mm_loadu_pd(row + i);
    const __m128d back = _mm_cvtepi32_pd(_mm_cvttpd_epi32(x));
    const __m128d w = _mm_and_pd(_mm_cmpeq_pd(back, x), _mm_cmple_pd(_mm_and_pd(x, magnitude), limit));
    const __m128d v = _mm_and_pd(w, x);
    const __m128d q = _mm_mul_pd(v, v);
    largest = _mm_max_pd(largest, q);
    const std::int32_t pair = _mm_cvtsi128_si32(_mm_packs_epi32(_mm_cvttpd_epi32(v), zero));
    const std::int32_t pair_present = _mm_cvtsi128_si32(_mm_packs_epi32(_mm_cvttpd_epi32(_mm_and_pd(w, one)), zero));
    const std::int32_t pair_square = _mm_cvtsi128_si32(_mm_packs_epi32(_mm_cvttpd_epi32(q), zero));
    std::memcpy(small + i, &pair, sizeof pair);
    std::memcpy(small_present + i, &pair_present, sizeof pair_present);
    std::memcpy(small_square + i, &pair_square, sizeof pair_square);
    constexpr std::size_t kNotWhole[4] = {2, 1, 1, 0};   // by the mask of the two whole flags
    shape.not_whole += kNotWhole[_mm_movemask_pd(w)];
  }
  shape.largest_square = std::max(_mm_cvtsd_f64(largest), _mm_cvtsd_f64(_mm_unpackhi_pd(largest, largest)));
#endif
  for (; i < k; ++i) {
    const double x = row[i];
    const bool w = small_whole(x);
    const double v = w ? x : 0.0, q = v * v;
    small[i] = static_cast<std::int16_t>(std::clamp(v, -32768.0, 32767.0));
    small_present[i] = w ? 1 : 0;
    small_square[i] = static_cast<std::int16_t>(std::clamp(q, -32768.0, 32767.0));
    shape.largest_square = std::max(shape.largest_square, q);
    shape.not_whole += !w;
  }
  return shape;
}

// value[i] = x, present[i] = 1, square[i] = x^2 as doubles where row[i] is whole, 0 where it is
// not: a row with a whole value beyond the 16-bit path's range.
void prepare_wide_row(const double* __restrict row, std::size_t k, double* __restrict value,
                      double* __restrict present, double* __restrict square) {
  for (std::size_t i = 0; i < k; ++i) {
    const bool w = small_whole(row[i]);
    value[i] = w ? row[i] : 0.0;
    present[i] = w ? 1.0 : 0.0;
    square[i] = value[i] * value[i];
  }
}

// For each pair i <= j (in the upper-triangle order of the sums), four 32-bit lanes
// acc[4p .. 4p+3] += the products of the block's kBlockRows rows (pmaddwd: eight 16-bit
// products and four adds in one instruction; two per pair). block[kBlockRows i + b] is
// variable i in row b. The plain loop adds each pair's products into its first lane.
void add_block_products(std::int32_t* __restrict acc, const std::int16_t* __restrict block, std::size_t k) {
  for (std::size_t i = 0; i < k; ++i) {
    const std::int16_t* column = block + kBlockRows * i;
#if ATTUNE_SSE2
    const __m128i a_low = _mm_loadu_si128(reinterpret_cast<const __m128i*>(column));
    const __m128i a_high = _mm_loadu_si128(reinterpret_cast<const __m128i*>(column + 8));
    const std::int16_t* other = column;
    for (std::size_t j = i; j < k; ++j, other += kBlockRows, acc += 4) {
      const __m128i low = _mm_madd_epi16(a_low, _mm_loadu_si128(reinterpret_cast<const __m128i*>(other)));
      const __m128i high = _mm_madd_epi16(a_high, _mm_loadu_si128(reinterpret_cast<const __m128i*>(other + 8)));
      __m128i* sums = reinterpret_cast<__m128i*>(acc);
      _mm_storeu_si128(sums, _mm_add_epi32(_mm_loadu_si128(sums), _mm_add_epi32(low, high)));
    }
#else
    for (std::size_t j = i; j < k; ++j, acc += 4)
      for (std::size_t b = 0; b < kBlockRows; ++b) acc[0] += column[b] * block[kBlockRows * j + b];
#endif
  }
}
}  // namespace

ExactCoSums::ExactCoSums(std::size_t variables)
    : k_(variables),
      cross_(variables * (variables + 1) / 2),
      n_(variables),
      sum_(variables),
      sq_(variables),
      off_n_(variables * variables),
      off_sum_(variables * variables),
      off_sq_(variables * variables),
      active_(variables),
      value_(variables),
      present_(variables),
      square_(variables),
      small_value_(variables),
      small_present_(variables),
      small_square_(variables),
      block_(kBlockRows * variables),
      block_sums_(4 * (variables * (variables + 1) / 2)),
      small_sums_(3 * variables),
      small_off_sums_(3 * variables * variables) {}

// The block's products into the 32-bit sums (rows not yet written are 0), then those into the
// running doubles.
void ExactCoSums::move_small() {
  if (block_rows_ > 0) multiply_block();
  double* c = cross_.run.data();
  for (std::size_t p = 0; p < cross_.run.size(); ++p) {
    const std::int32_t* lanes = block_sums_.data() + 4 * p;
    c[p] += static_cast<double>(std::int64_t{lanes[0]} + lanes[1] + lanes[2] + lanes[3]);
  }
  std::fill(block_sums_.begin(), block_sums_.end(), 0);
  const std::size_t k = k_, kk = k_ * k_;
  add_small_sums(n_.run.data(), sum_.run.data(), sq_.run.data(), small_sums_.data(), k);
  add_small_sums(off_n_.run.data(), off_sum_.run.data(), off_sq_.run.data(), small_off_sums_.data(), kk);
  std::fill(small_sums_.begin(), small_sums_.end(), 0);
  std::fill(small_off_sums_.begin(), small_off_sums_.end(), 0);
}

// n[i] += small[i], sum[i] += small[size + i], sq[i] += small[2 size + i].
void ExactCoSums::add_small_sums(double* n, double* sum, double* sq, const std::int32_t* small, std::size_t size) {
  for (std::size_t i = 0; i < size; ++i) {
    n[i] += small[i];
    sum[i] += small[size + i];
    sq[i] += small[2 * size + i];
  }
}

void ExactCoSums::multiply_block() {
  add_block_products(block_sums_.data(), block_.data(), k_);
  std::fill(block_.begin(), block_.end(), std::int16_t{0});
  block_rows_ = 0;
}

void ExactCoSums::Sums::flush() {
  for (std::size_t i = 0; i < run.size(); ++i) {
    total[i] += static_cast<Int128>(run[i]);
    run[i] = 0;
  }
}

void ExactCoSums::flush() {
  move_small();
  for (Sums* s : {&cross_, &n_, &sum_, &sq_, &off_n_, &off_sum_, &off_sq_}) s->flush();
  rows_since_flush_ = 0;
}

// Until now j was never whole, so the rows where i is whole and j is not are all of i's.
void ExactCoSums::activate(std::size_t j) {
  move_small();   // the 32-bit sums of i into its running sums, which j's off sums copy
  active_[j] = 1;
  ++activated_;
  const std::size_t base = j * k_;
  for (auto [off, all] : {std::pair{&off_n_, &n_}, std::pair{&off_sum_, &sum_}, std::pair{&off_sq_, &sq_}}) {
    std::copy(all->run.begin(), all->run.end(), off->run.begin() + static_cast<std::ptrdiff_t>(base));
    std::copy(all->total.begin(), all->total.end(), off->total.begin() + static_cast<std::ptrdiff_t>(base));
  }
}

void ExactCoSums::add(std::span<const double> row, std::vector<std::size_t>& fractional) {
  if (rows_since_flush_ == kRowsPerFlush) flush();
  ++rows_since_flush_;
  const PreparedRow shape =
      prepare_row(row.data(), k_, small_value_.data(), small_present_.data(), small_square_.data());
  others_.clear();
  if (shape.not_whole || activated_ < k_)
    for (std::size_t i = 0; i < k_; ++i) {
      if (small_present_[i] == 0) {
        others_.push_back(i);
        if (!std::isnan(row[i])) fractional.push_back(i);
      } else if (!active_[i]) {
        activate(i);
      }
    }

  const std::size_t k = k_;
  if (shape.largest_square <= kSmallSquare) {
    // 16-bit values: per-variable and off sums in 32 bits, pair products by the block.
    const std::int16_t* __restrict v = small_value_.data();
    const std::int16_t* __restrict p = small_present_.data();
    const std::int16_t* __restrict q = small_square_.data();
    std::int32_t* sums = small_sums_.data();
    add3(sums, sums + k, sums + 2 * k, p, v, q, k);
    std::int32_t* off = small_off_sums_.data();
    const std::size_t kk = k * k;
    for (std::size_t j : others_) {
      if (active_[j]) add3(off + j * k, off + kk + j * k, off + 2 * kk + j * k, p, v, q, k);
    }
    for (std::size_t i = 0; i < k; ++i) block_[kBlockRows * i + block_rows_] = v[i];
    if (++block_rows_ == kBlockRows) multiply_block();
    return;
  }
  prepare_wide_row(row.data(), k, value_.data(), present_.data(), square_.data());
  const double* __restrict v = value_.data();
  const double* __restrict p = present_.data();
  const double* __restrict q = square_.data();
  add3(n_.run.data(), sum_.run.data(), sq_.run.data(), p, v, q, k);
  double* __restrict c = cross_.run.data();
  for (std::size_t i = 0; i < k; ++i) {
    const double xi = v[i];
    if (xi != 0)
      for (std::size_t j = i; j < k; ++j) c[j - i] += xi * v[j];
    c += k - i;
  }
  for (std::size_t j : others_) {
    if (!active_[j]) continue;
    add3(off_n_.run.data() + j * k, off_sum_.run.data() + j * k, off_sq_.run.data() + j * k, p, v, q, k);
  }
}

// The pair's sums: each variable's over its whole rows less those where the other is not
// whole, and the cross-products, each with the 32-bit sums not yet moved.
ExactPairSums ExactCoSums::pair_sums(std::size_t i, std::size_t j) const {
  if (i > j) std::swap(i, j);
  if (!active_[i] || !active_[j]) return {};
  const std::size_t ij = j * k_ + i, ji = i * k_ + j, kk = k_ * k_;
  // Field 0: n, 1: sum, 2: sum of squares.
  auto own = [&](const Sums& all, const Sums& off, std::size_t field, std::size_t var, std::size_t pair) {
    return all.at(var) + small_sums_[field * k_ + var] - off.at(pair) - small_off_sums_[field * kk + pair];
  };
  ExactPairSums s;
  s.n = own(n_, off_n_, 0, i, ij);
  if (s.n == 0) return {};
  s.sx = own(sum_, off_sum_, 1, i, ij), s.sxx = own(sq_, off_sq_, 2, i, ij);
  s.sy = own(sum_, off_sum_, 1, j, ji), s.syy = own(sq_, off_sq_, 2, j, ji);
  const std::size_t p = i * k_ - i * (i - 1) / 2 + (j - i);
  s.sxy = cross_.at(p);
  for (std::size_t l = 0; l < 4; ++l) s.sxy += block_sums_[4 * p + l];
  for (std::size_t b = 0; b < block_rows_; ++b) s.sxy += block_[kBlockRows * i + b] * block_[kBlockRows * j + b];
  return s;
}

}  // namespace attune

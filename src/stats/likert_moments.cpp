#include "stats/likert_moments.h"

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <new>

#include "stats/byte_kernels.h"
#include "attune/util/error.h"
#include "util/sse2.h"

namespace attune {

namespace bk = byte_kernels;

namespace {

static_assert(LikertCoding::kMaxLevels <= bk::kMaxCode);
constexpr int kMaxScaleSpread = 253;   // k * (levels - 1): keyed sums within 127 of the centre

// Bytes aligned for the kernels' loads (64), freed with std::free.
struct AlignedBytes {
  std::uint8_t* data = nullptr;
  explicit AlignedBytes(std::size_t size) {
    const std::size_t rounded = (size + 63) / 64 * 64;
    data = static_cast<std::uint8_t*>(std::aligned_alloc(64, rounded == 0 ? 64 : rounded));
    if (!data) throw std::bad_alloc();
    std::memset(data, 0, rounded == 0 ? 64 : rounded);
  }
  ~AlignedBytes() { std::free(data); }
  AlignedBytes(const AlignedBytes&) = delete;
  AlignedBytes& operator=(const AlignedBytes&) = delete;
};

// The centre a class of `answered` items is taken about: the whole number nearest (half up)
// to answered * (levels + 1) / 2, the middle of the keyed sum's range.
std::int64_t class_centre(std::int64_t answered, std::int64_t levels) { return (answered * (levels + 1) + 1) / 2; }

std::size_t pair_index(std::size_t i, std::size_t j, std::size_t columns) {
  return i * columns - i * (i - 1) / 2 + (j - i);
}

}  // namespace

struct LikertMoments::State {
  struct Scale {
    std::vector<std::uint32_t> items;
    std::vector<unsigned char> reversed;
    std::vector<std::int64_t> item_sums;    // [class][position][field]
    std::vector<std::int64_t> class_sums;   // [class][field]
  };
  std::size_t columns, padded;   // padded: a multiple of kColumnTile, the row stride
  std::int64_t levels, base;     // answer = base + code
  const bk::Kernels* kernels;
  std::vector<Scale> scales;
  AlignedBytes pending, block;   // rows waiting (row-major, stride padded), the block's columns
  std::size_t pending_rows = 0, rows = 0;
  std::vector<std::uint64_t> counts;             // [column][code], 16 codes
  std::vector<std::int64_t> cross;               // upper triangle: sum of code products
  std::vector<std::int64_t> off_n, off_sum, off_sq;   // [j][i]: over rows where j is unanswered
  std::vector<std::int32_t> off_block;            // [j][field][i]: the block's, before the totals
  std::vector<unsigned char> touched;             // j has off sums in off_block
  // Per scale, per block row: the keyed sum and unanswered items, then the class and deviation.
  std::vector<std::int16_t> keyed;
  std::vector<std::uint8_t> unanswered, classes;
  std::vector<std::int8_t> deviations;

  State(std::size_t columns_, std::int64_t levels_, std::int64_t base_, const bk::Kernels& kernels_)
      : columns(columns_),
        padded((columns_ + bk::kColumnTile - 1) / bk::kColumnTile * bk::kColumnTile),
        levels(levels_),
        base(base_),
        kernels(&kernels_),
        pending(bk::kRows * padded),
        block(bk::kRows * padded),
        counts(columns_ * 16),
        cross(columns_ * (columns_ + 1) / 2),
        off_n(columns_ * columns_),
        off_sum(columns_ * columns_),
        off_sq(columns_ * columns_),
        off_block(3 * columns_ * columns_),
        touched(columns_),
        keyed(bk::kRows),
        unanswered(bk::kRows),
        classes(bk::kRows),
        deviations(bk::kRows) {}

  void sum_block();
  void sum_unanswered(std::size_t count);
  void sum_scale(Scale& scale, std::size_t count);
};

bool LikertMoments::fits(std::size_t columns, const std::vector<ScaleKey>& scales, double min, double max) {
  const std::optional<LikertCoding> coding = LikertCoding::of_range(min, max);
  if (!coding || columns == 0) return false;
  const double levels = coding->levels;
  for (const ScaleKey& key : scales) {
    if (key.min != min || key.max != max || key.items.size() != key.reversed.size()) return false;
    if (key.items.empty() || static_cast<double>(key.items.size()) * (levels - 1) > kMaxScaleSpread) return false;
    for (std::size_t item : key.items)
      if (item >= columns) return false;
  }
  return true;
}

LikertMoments::LikertMoments(std::size_t columns, std::vector<ScaleKey> scales, double min, double max,
                             SimdLevel level) {
  if (!fits(columns, scales, min, max)) throw usage_error("LikertMoments: these columns and scales do not fit");
  const LikertCoding coding = *LikertCoding::of_range(min, max);
  state_ = std::make_unique<State>(columns, coding.levels, coding.base, bk::kernels(level));
  // Padding bytes of pending rows are 1, so that they never read as unanswered.
  std::memset(state_->pending.data, 1, bk::kRows * state_->padded);
  for (const ScaleKey& key : scales) {
    State::Scale scale;
    for (std::size_t p = 0; p < key.items.size(); ++p) {
      scale.items.push_back(static_cast<std::uint32_t>(key.items[p]));
      scale.reversed.push_back(key.reversed[p] ? 1 : 0);
    }
    const std::size_t k = key.items.size();
    scale.item_sums.assign(k * k * bk::kItemFields, 0);
    scale.class_sums.assign(k * bk::kClassFields, 0);
    state_->scales.push_back(std::move(scale));
  }
}

LikertMoments::~LikertMoments() = default;
LikertMoments::LikertMoments(LikertMoments&&) noexcept = default;
LikertMoments& LikertMoments::operator=(LikertMoments&&) noexcept = default;

std::size_t LikertMoments::columns() const { return state_->columns; }
std::size_t LikertMoments::rows() const { return state_->rows; }
LikertCoding LikertMoments::coding() const {
  return {static_cast<int>(state_->base), static_cast<unsigned>(state_->levels)};
}

void LikertMoments::add(const std::uint8_t* rows, std::size_t count) {
  State& s = *state_;
  while (count > 0) {
    const std::size_t take = std::min(count, bk::kRows - s.pending_rows);
    for (std::size_t r = 0; r < take; ++r)
      std::memcpy(s.pending.data + (s.pending_rows + r) * s.padded, rows + r * s.columns, s.columns);
    s.pending_rows += take;
    s.rows += take;
    rows += take * s.columns;
    count -= take;
    if (s.pending_rows == bk::kRows) s.sum_block();
  }
}

void LikertMoments::settle() const {
  if (state_->pending_rows > 0) state_->sum_block();
}

// The pending rows (up to a block) into the sums.
void LikertMoments::State::sum_block() {
  const std::size_t count = pending_rows;
  kernels->transpose(pending.data, padded, count, padded, block.data);
  kernels->histograms(block.data, columns, static_cast<unsigned>(levels), counts.data());
  for (std::size_t c = 0; c < columns; ++c) counts[c * 16] -= bk::kRows - count;   // the zero rows after count
  kernels->pair_products(block.data, columns, cross.data());
  sum_unanswered(count);
  for (Scale& scale : scales) sum_scale(scale, count);
  pending_rows = 0;
}

// Per row and unanswered column j: the row's answered columns i into j's off sums (what pair
// (i, j) takes off i's totals), in the block's 32-bit sums (at most kRows * 15^2), which are
// then added to the totals.
void LikertMoments::State::sum_unanswered(std::size_t count) {
  const std::size_t k = columns;
  bool any = false;
  for (std::size_t r = 0; r < count; ++r) {
    const std::uint8_t* __restrict row = pending.data + r * padded;
    // The row's unanswered columns, sixteen flags at a time (padding bytes are 1).
    for (std::size_t w = 0; w < padded; w += 16) {
      unsigned zeros = 0;
#if ATTUNE_SSE2
      zeros = static_cast<unsigned>(_mm_movemask_epi8(
          _mm_cmpeq_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(row + w)), _mm_setzero_si128())));
#else
      for (std::size_t c = 0; c < 16; ++c) zeros |= unsigned{row[w + c] == 0} << c;
#endif
      while (zeros) {
        const std::size_t j = w + static_cast<std::size_t>(__builtin_ctz(zeros));
        zeros &= zeros - 1;
        std::int32_t* __restrict sums = off_block.data() + j * 3 * k;
        for (std::size_t i = 0; i < k; ++i) {
          const std::int32_t u = row[i];
          sums[i] += u != 0;
          sums[k + i] += u;
          sums[2 * k + i] += u * u;
        }
        touched[j] = 1;
        any = true;
      }
    }
  }
  if (!any) return;
  for (std::size_t j = 0; j < k; ++j) {
    if (!touched[j]) continue;
    std::int32_t* sums = off_block.data() + j * 3 * k;
    for (std::size_t i = 0; i < k; ++i) {
      off_n[j * k + i] += sums[i];
      off_sum[j * k + i] += sums[k + i];
      off_sq[j * k + i] += sums[2 * k + i];
    }
    std::fill(sums, sums + 3 * k, 0);
    touched[j] = 0;
  }
}

// A scale's classes (unanswered items) and deviations (keyed sum less the class centre) for
// the block's rows, then its sums by class.
void LikertMoments::State::sum_scale(Scale& scale, std::size_t count) {
  std::int16_t* __restrict sum = keyed.data();
  std::uint8_t* __restrict missing = unanswered.data();
  std::fill(keyed.begin(), keyed.end(), std::int16_t{0});
  std::fill(unanswered.begin(), unanswered.end(), std::uint8_t{0});
  const auto flip = static_cast<std::int16_t>(levels + 1);   // reversed: levels + 1 - code
  for (std::size_t t = 0; t < scale.items.size(); ++t) {
    const std::uint8_t* __restrict column = block.data + scale.items[t] * bk::kRows;
    if (scale.reversed[t]) {
      for (std::size_t r = 0; r < bk::kRows; ++r) {
        const std::int16_t u = column[r];
        sum[r] = static_cast<std::int16_t>(sum[r] + (u ? flip - u : 0));
        missing[r] = static_cast<std::uint8_t>(missing[r] + (u == 0));
      }
    } else {
      for (std::size_t r = 0; r < bk::kRows; ++r) {
        sum[r] = static_cast<std::int16_t>(sum[r] + column[r]);
        missing[r] = static_cast<std::uint8_t>(missing[r] + (column[r] == 0));
      }
    }
  }
  const auto k = static_cast<std::int64_t>(scale.items.size());
  for (std::size_t r = 0; r < bk::kRows; ++r) {
    const std::int64_t answered = k - missing[r];
    if (r >= count || answered == 0) {
      classes[r] = bk::kNoClass;
      deviations[r] = 0;
    } else {
      classes[r] = missing[r];
      deviations[r] = static_cast<std::int8_t>(sum[r] - class_centre(answered, levels));
    }
  }
  const bk::ClassedRows classed{classes.data(), deviations.data(), scale.items.size()};
  kernels->class_sums(block.data, scale.items.data(), scale.items.size(), classed, scale.item_sums.data(),
                      scale.class_sums.data());
}

// Two items' exact sums over the rows answering both, in answers (x = base + u, y = base + v).
ExactPairSums LikertMoments::item_sums(std::size_t i, std::size_t j) const {
  settle();
  const State& s = *state_;
  if (i >= s.columns || j >= s.columns) throw usage_error("LikertMoments: column out of range");
  const bool swapped = i > j;
  if (swapped) std::swap(i, j);
  const std::size_t k = s.columns;
  auto totals = [&](std::size_t c, Int128& n, Int128& sum, Int128& sq) {
    n = sum = sq = 0;
    for (std::int64_t v = 1; v <= s.levels; ++v) {
      const auto count = static_cast<Int128>(s.counts[c * 16 + static_cast<std::size_t>(v)]);
      n += count;
      sum += count * v;
      sq += count * v * v;
    }
  };
  Int128 ni, si, qi, nj, sj, qj;
  totals(i, ni, si, qi);
  totals(j, nj, sj, qj);
  const Int128 n = ni - s.off_n[j * k + i];
  const Int128 su = si - s.off_sum[j * k + i], suu = qi - s.off_sq[j * k + i];
  const Int128 sv = sj - s.off_sum[i * k + j], svv = qj - s.off_sq[i * k + j];
  const Int128 suv = s.cross[pair_index(i, j, k)];
  if (n == 0) return {};
  const Int128 b = s.base;
  ExactPairSums sums;
  sums.n = n;
  sums.sx = su + b * n, sums.sy = sv + b * n;
  sums.sxx = suu + 2 * b * su + b * b * n, sums.syy = svv + 2 * b * sv + b * b * n;
  sums.sxy = suv + b * (su + sv) + b * b * n;
  return swapped ? sums.swapped() : sums;
}

// R cov/cor(use = "pairwise") of two items, from exact sums (as ExactCoSums::moments).
CoMoments LikertMoments::items(std::size_t i, std::size_t j) const { return moments_of(item_sums(i, j)); }

// psych::alpha "total" (the row mean of the answered keyed items) with one item. Per class (a
// of k items answered) the total is (d + centre(a)) / a + base: its moments are the
// deviation's, scaled by 1 / a and shifted; the classes are combined in order (Chan, Golub &
// LeVeque 1979).
CoMoments LikertMoments::total_with_item(std::size_t s_index, std::size_t position) const {
  settle();
  const State& s = *state_;
  const State::Scale& scale = s.scales.at(s_index);
  const std::size_t k = scale.items.size();
  if (position >= k) throw usage_error("LikertMoments: item position out of range");
  CoMoments all;
  for (std::size_t c = 0; c < k; ++c) {
    const std::int64_t* f = scale.item_sums.data() + (c * k + position) * bk::kItemFields;
    const Int128 n = f[3];
    if (n == 0) continue;
    const Int128 sd = f[1], sdd = f[2], sdu = f[0], su = f[4], suu = f[5];
    const auto answered = static_cast<std::int64_t>(k - c);
    const long double a = static_cast<long double>(answered);
    const Int128 shift = class_centre(answered, s.levels) + answered * s.base;
    CoMoments m;
    m.n = static_cast<long double>(n);
    m.mean_i = static_cast<long double>(sd + shift * n) / (m.n * a);
    m.mean_j = static_cast<long double>(su + Int128{s.base} * n) / m.n;
    m.ss_i = static_cast<long double>(n * sdd - sd * sd) / m.n / (a * a);
    m.ss_j = static_cast<long double>(n * suu - su * su) / m.n;
    m.cross = static_cast<long double>(n * sdu - sd * su) / m.n / a;
    all = combine(all, m);
  }
  return all;
}

// psych::alpha "total" alone (its mean and sd), per class as above.
CoMoments LikertMoments::total(std::size_t s_index) const {
  settle();
  const State& s = *state_;
  const State::Scale& scale = s.scales.at(s_index);
  const std::size_t k = scale.items.size();
  CoMoments all;
  for (std::size_t c = 0; c < k; ++c) {
    const std::int64_t* f = scale.class_sums.data() + c * bk::kClassFields;
    const Int128 n = f[0];
    if (n == 0) continue;
    const Int128 sd = f[1], sdd = f[2];
    const auto answered = static_cast<std::int64_t>(k - c);
    const long double a = static_cast<long double>(answered);
    const Int128 shift = class_centre(answered, s.levels) + answered * s.base;
    CoMoments m;
    m.n = static_cast<long double>(n);
    m.mean_i = m.mean_j = static_cast<long double>(sd + shift * n) / (m.n * a);
    m.ss_i = m.ss_j = m.cross = static_cast<long double>(n * sdd - sd * sd) / m.n / (a * a);
    all = combine(all, m);
  }
  return all;
}

std::vector<std::uint64_t> LikertMoments::code_counts(std::size_t c) const {
  settle();
  const State& s = *state_;
  if (c >= s.columns) throw usage_error("LikertMoments: column out of range");
  return {s.counts.begin() + static_cast<std::ptrdiff_t>(c * 16),
          s.counts.begin() + static_cast<std::ptrdiff_t>(c * 16 + static_cast<std::size_t>(s.levels) + 1)};
}

}  // namespace attune

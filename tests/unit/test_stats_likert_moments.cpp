#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

#include "stats/likert_moments.h"
#include "attune/stats/pairwise_moments.h"

using namespace attune;

namespace {

struct Shape {
  std::size_t columns;
  double min, max;
  std::vector<ScaleKey> scales;
};

// Rows of codes: about `missing_share` of the cells unanswered, some rows with no answer at
// all and some answering only one item, with every code from 1 to levels.
std::vector<std::uint8_t> random_rows(std::size_t rows, std::size_t columns, unsigned levels, unsigned missing_in_100,
                                      std::mt19937& random) {
  std::vector<std::uint8_t> codes(rows * columns);
  for (std::size_t r = 0; r < rows; ++r) {
    for (std::size_t c = 0; c < columns; ++c) {
      const auto u = random();
      codes[r * columns + c] = static_cast<std::uint8_t>(u % 100 < missing_in_100 ? 0 : 1 + u / 100 % levels);
    }
    if (r % 997 == 3)
      for (std::size_t c = 0; c < columns; ++c) codes[r * columns + c] = 0;
    if (r % 991 == 5)
      for (std::size_t c = 1; c < columns; ++c) codes[r * columns + c] = 0;
  }
  return codes;
}

double answer(std::uint8_t code, double min) { return code == 0 ? std::nan("") : min - 1 + code; }

// The brute-force moments of scale s's total (mean of the answered keyed items) with one item
// (or, position < 0, alone), over rows of codes.
CoMoments brute_total(const std::vector<std::uint8_t>& codes, std::size_t columns, const ScaleKey& key, int position) {
  std::vector<long double> totals, items;
  for (std::size_t r = 0; r * columns < codes.size(); ++r) {
    long double sum = 0;
    int answered = 0;
    for (std::size_t p = 0; p < key.items.size(); ++p) {
      const double x = answer(codes[r * columns + key.items[p]], key.min);
      if (std::isnan(x)) continue;
      sum += key.keyed(p, x);
      ++answered;
    }
    if (answered == 0) continue;
    const double item = position < 0 ? 0 : answer(codes[r * columns + key.items[static_cast<std::size_t>(position)]], key.min);
    if (std::isnan(item)) continue;
    totals.push_back(static_cast<double>(sum / answered));
    items.push_back(item);
  }
  CoMoments m;
  m.n = static_cast<long double>(totals.size());
  if (totals.empty()) return m;
  for (std::size_t t = 0; t < totals.size(); ++t) m.mean_i += totals[t], m.mean_j += items[t];
  m.mean_i /= m.n, m.mean_j /= m.n;
  for (std::size_t t = 0; t < totals.size(); ++t) {
    const long double a = totals[t] - m.mean_i, b = items[t] - m.mean_j;
    m.ss_i += a * a, m.ss_j += b * b, m.cross += a * b;
  }
  return m;
}

void check_close(long double got, long double want, long double scale) {
  CHECK(std::fabs(static_cast<double>(got - want)) <= 1e-12 * static_cast<double>(std::fabs(scale) + 1));
}

// Every 50th row answers all items at one end of their keyed range (the largest deviations
// of the first scale's total).
void add_extreme_rows(std::vector<std::uint8_t>& codes, const Shape& shape) {
  const auto levels = static_cast<std::uint8_t>(shape.max - shape.min + 1);
  const ScaleKey& key = shape.scales.front();
  for (std::size_t r = 0; r * shape.columns < codes.size(); r += 50)
    for (std::size_t p = 0; p < key.items.size(); ++p) {
      const bool high = (r / 50 % 2 == 0) != key.reversed[p];
      codes[r * shape.columns + key.items[p]] = high ? levels : 1;
    }
}

void check_shape(const Shape& shape, std::size_t rows, unsigned missing_in_100, std::uint32_t seed) {
  std::mt19937 random(seed);
  const auto levels = static_cast<unsigned>(shape.max - shape.min + 1);
  std::vector<std::uint8_t> codes = random_rows(rows, shape.columns, levels, missing_in_100, random);
  add_extreme_rows(codes, shape);
  PairwiseMoments reference(shape.columns);
  std::vector<double> row(shape.columns);
  for (std::size_t r = 0; r < rows; ++r) {
    for (std::size_t c = 0; c < shape.columns; ++c) row[c] = answer(codes[r * shape.columns + c], shape.min);
    reference.add(row);
  }
  for (SimdLevel level : {SimdLevel::plain, SimdLevel::avx2, SimdLevel::avx512, SimdLevel::avx512_vbmi2}) {
    if (!simd_supported(level)) continue;
    CAPTURE(simd_level_name(level));
    LikertMoments likert(shape.columns, shape.scales, shape.min, shape.max, level);
    // Rows in uneven pieces, with a query in between (it sums the partial block).
    std::size_t added = 0;
    for (std::size_t piece : {std::size_t{1}, std::size_t{700}, std::size_t{1500}}) {
      const std::size_t take = std::min(piece, rows - added);
      likert.add(codes.data() + added * shape.columns, take);
      added += take;
      (void)likert.items(0, 0);
    }
    likert.add(codes.data() + added * shape.columns, rows - added);
    CHECK(likert.rows() == rows);
    // Item pairs: the same doubles as the exact sums of PairwiseMoments, to the bit.
    for (std::size_t i = 0; i < shape.columns; ++i)
      for (std::size_t j = 0; j < shape.columns; ++j) {
        const CoMoments got = likert.items(i, j), want = reference.moments(i, j);
        CAPTURE(i);
        CAPTURE(j);
        CHECK(got == want);
      }
    for (std::size_t c = 0; c < shape.columns; ++c) {
      std::vector<std::uint64_t> want(levels + 1, 0);
      for (std::size_t r = 0; r < rows; ++r) ++want[codes[r * shape.columns + c]];
      CHECK(likert.code_counts(c) == want);
    }
    // Totals against brute force.
    for (std::size_t s = 0; s < shape.scales.size(); ++s) {
      const ScaleKey& key = shape.scales[s];
      CAPTURE(s);
      const CoMoments alone = likert.total(s), want_alone = brute_total(codes, shape.columns, key, -1);
      CHECK(alone.n == want_alone.n);
      check_close(alone.mean_i, want_alone.mean_i, want_alone.mean_i);
      check_close(alone.ss_i, want_alone.ss_i, want_alone.ss_i);
      for (std::size_t p = 0; p < key.items.size(); ++p) {
        CAPTURE(p);
        const CoMoments got = likert.total_with_item(s, p);
        const CoMoments want = brute_total(codes, shape.columns, key, static_cast<int>(p));
        CHECK(got.n == want.n);
        check_close(got.mean_i, want.mean_i, want.mean_i);
        check_close(got.mean_j, want.mean_j, want.mean_j);
        check_close(got.ss_i, want.ss_i, want.ss_i);
        check_close(got.ss_j, want.ss_j, want.ss_j);
        check_close(got.cross, want.cross, std::sqrt(want.ss_i * want.ss_j));
      }
    }
  }
}

}  // namespace

TEST_CASE("Likert sums equal the exact pair sums and a brute-force total: ECR-R shape") {
  Shape shape{36, 1, 7, {}};
  ScaleKey anxiety{"anxiety", {}, {}, 1, 7}, avoidance{"avoidance", {}, {}, 1, 7};
  for (std::size_t c = 0; c < 18; ++c) {
    anxiety.items.push_back(c), anxiety.reversed.push_back(c == 8 || c == 10);
    avoidance.items.push_back(18 + c), avoidance.reversed.push_back(c % 3 != 0);
  }
  shape.scales = {anxiety, avoidance};
  check_shape(shape, 3500, 3, 7);
}

TEST_CASE("Likert sums at the edges: 15 levels, negative answers, a scale at the deviation bound, heavy missingness") {
  // Items on -7..7 (15 levels): codes up to 15; a scale of 18 items: 18 * 14 = 252 <= 253,
  // so deviations reach +-126 (the extreme rows); interleaved and overlapping scales.
  Shape shape{19, -7, 7, {}};
  ScaleKey wide{"wide", {}, {}, -7, 7}, odd{"odd", {}, {}, -7, 7};
  for (std::size_t c = 0; c < 18; ++c) wide.items.push_back(c), wide.reversed.push_back(c % 2 == 1);
  for (std::size_t c = 1; c < 19; c += 2) odd.items.push_back(c), odd.reversed.push_back(c % 4 == 1);
  shape.scales = {wide, odd};
  check_shape(shape, 2600, 45, 11);
  check_shape(shape, 1100, 0, 13);   // no cell unanswered
}

TEST_CASE("Likert sums of two-level items and a two-item scale") {
  Shape shape{3, 0, 1, {{"pair", {2, 0}, {true, false}, 0, 1}}};
  check_shape(shape, 2100, 20, 17);
}

TEST_CASE("LikertMoments takes what fits and refuses the rest") {
  const ScaleKey seven{"s", {0, 1}, {false, true}, 1, 7};
  CHECK(LikertMoments::fits(2, {seven}, 1, 7));
  CHECK(LikertMoments::fits(2, {}, 1, 15));
  CHECK_FALSE(LikertMoments::fits(2, {}, 1, 16));    // 16 levels
  CHECK_FALSE(LikertMoments::fits(2, {}, 1, 1));     // one level
  CHECK_FALSE(LikertMoments::fits(2, {}, 0.5, 7));   // not whole
  CHECK_FALSE(LikertMoments::fits(0, {}, 1, 7));
  CHECK_FALSE(LikertMoments::fits(2, {seven}, 1, 5));   // a scale on another range
  CHECK_FALSE(LikertMoments::fits(1, {seven}, 1, 7));   // an item beyond the columns
  ScaleKey long_scale{"long", {}, {}, 1, 7};
  for (std::size_t c = 0; c < 42; ++c) long_scale.items.push_back(c), long_scale.reversed.push_back(false);
  CHECK(LikertMoments::fits(43, {long_scale}, 1, 7));   // 42 * 6 = 252
  long_scale.items.push_back(42), long_scale.reversed.push_back(false);
  CHECK_FALSE(LikertMoments::fits(43, {long_scale}, 1, 7));   // 43 * 6 = 258
  CHECK_THROWS(LikertMoments(43, {long_scale}, 1, 7));

  const LikertMoments likert(2, {seven}, 1, 7);
  CHECK((likert.coding() == LikertCoding{0, 7}));
  CHECK(likert.rows() == 0);
  CHECK(likert.items(0, 1).n == 0);
  CHECK(likert.total(0).n == 0);
  CHECK_THROWS(likert.items(0, 2));
  CHECK_THROWS(likert.total_with_item(0, 2));
}

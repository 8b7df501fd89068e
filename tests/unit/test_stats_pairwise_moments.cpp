#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

#include "attune/stats/pairwise_moments.h"
#include "attune/util/error.h"
#include "stats/likert_moments.h"

using namespace attune;

TEST_CASE("pairwise moments use only the rows where both values are present") {
  const double na = std::nan("");
  PairwiseMoments m(2);
  m.add(std::vector<double>{1, 2});
  m.add(std::vector<double>{2, 4});
  m.add(std::vector<double>{3, na});
  m.add(std::vector<double>{na, 8});
  m.add(std::vector<double>{na, na});
  CHECK(m.rows() == 5);
  CHECK(m.n(0) == 3);
  CHECK(m.n(1) == 3);
  CHECK(m.n(0, 1) == 2);
  CHECK(m.mean(0) == doctest::Approx(2));
  CHECK(m.mean(1) == doctest::Approx(14.0 / 3));
  CHECK(m.covariance(0, 0) == doctest::Approx(1));                   // var(1, 2, 3)
  CHECK(m.sd(1) == doctest::Approx(std::sqrt(28.0 / 3)));            // sd(2, 4, 8)
  CHECK(m.covariance(0, 1) == doctest::Approx(1));                   // rows 1-2: (-.5)(-1) + (.5)(1)
  CHECK(m.correlation(0, 1) == doctest::Approx(1));                  // with the pair's own sds
  CHECK(m.covariance(0, 1) == m.covariance(1, 0));
}

TEST_CASE("fewer than 2 complete pairs or a zero sd give NA, never a number") {
  const double na = std::nan("");
  PairwiseMoments m(3);
  m.add(std::vector<double>{1, na, 5});
  m.add(std::vector<double>{na, 2, 5});
  m.add(std::vector<double>{3, 4, 5});
  CHECK(std::isnan(m.covariance(0, 1)));  // one complete pair
  CHECK(std::isnan(m.correlation(0, 2)));  // third variable is constant
  CHECK(m.covariance(2, 2) == 0);
  PairwiseMoments empty(1);
  CHECK(std::isnan(empty.mean(0)));
  CHECK(std::isnan(empty.sd(0)));
}

TEST_CASE("a row of the wrong width is rejected") {
  PairwiseMoments m(2);
  CHECK_THROWS(m.add(std::vector<double>{1, 2, 3}));
}

namespace {

// A careful two-pass reference over a held matrix: long double means, refined by a second pass
// over the deviations (R's mean() does this; its pairwise cov.c uses the plain long double
// means), then centred sums. The one-pass sums are checked against it.
struct TwoPass {
  long double n = 0, mean_i = 0, mean_j = 0, ss_i = 0, ss_j = 0, cross = 0;
};

TwoPass two_pass(const std::vector<std::vector<double>>& rows, std::size_t i, std::size_t j) {
  TwoPass t;
  long double sx = 0, sy = 0;
  for (const auto& r : rows)
    if (!std::isnan(r[i]) && !std::isnan(r[j])) {
      t.n += 1;
      sx += r[i];
      sy += r[j];
    }
  if (t.n == 0) return t;
  t.mean_i = sx / t.n;
  t.mean_j = sy / t.n;
  long double cx = 0, cy = 0;
  for (const auto& r : rows)
    if (!std::isnan(r[i]) && !std::isnan(r[j])) {
      cx += r[i] - t.mean_i;
      cy += r[j] - t.mean_j;
    }
  t.mean_i += cx / t.n;
  t.mean_j += cy / t.n;
  for (const auto& r : rows)
    if (!std::isnan(r[i]) && !std::isnan(r[j])) {
      const long double dx = r[i] - t.mean_i, dy = r[j] - t.mean_j;
      t.ss_i += dx * dx;
      t.ss_j += dy * dy;
      t.cross += dx * dy;
    }
  return t;
}

bool close(double a, double b, double rel) {
  if (std::isnan(a) || std::isnan(b)) return std::isnan(a) && std::isnan(b);
  return std::fabs(a - b) <= rel * std::max(1.0, std::max(std::fabs(a), std::fabs(b)));
}

// Every n, mean, sd, covariance and correlation of `m` against the two-pass reference.
void check_against_two_pass(const PairwiseMoments& m, const std::vector<std::vector<double>>& rows, double rel) {
  const double na = std::nan("");
  const std::size_t k = m.variables();
  REQUIRE(m.rows() == rows.size());
  for (std::size_t i = 0; i < k; ++i)
    for (std::size_t j = i; j < k; ++j) {
      const TwoPass t = two_pass(rows, i, j);
      INFO("pair " << i << ", " << j);
      CHECK(m.n(i, j) == static_cast<std::size_t>(t.n));
      const double cov = t.n > 1 ? static_cast<double>((i == j ? t.ss_i : t.cross) / (t.n - 1)) : na;
      CHECK(close(m.covariance(i, j), cov, rel));
      const double cor = t.n > 1 && t.ss_i > 0 && t.ss_j > 0
                             ? (i == j ? 1.0 : static_cast<double>(t.cross / (std::sqrt(t.ss_i) * std::sqrt(t.ss_j))))
                             : na;
      CHECK(close(m.correlation(i, j), cor, rel));
      if (i == j) {
        CHECK(close(m.mean(i), t.n > 0 ? static_cast<double>(t.mean_i) : na, rel));
        CHECK(close(m.sd(i), t.n > 1 ? static_cast<double>(std::sqrt(t.ss_i / (t.n - 1))) : na, rel));
      }
    }
}

}  // namespace

TEST_CASE("whole-number rows, fractional rows, missing cells and a constant column match two passes") {
  const double na = std::nan("");
  std::mt19937_64 rng(20241123);
  auto uniform = [&](int lo, int hi) { return lo + static_cast<int>(rng() % static_cast<unsigned>(hi - lo + 1)); };
  std::vector<std::vector<double>> rows;
  PairwiseMoments m(6);
  for (int r = 0; r < 5000; ++r) {
    std::vector<double> row(6);
    for (int c = 0; c < 4; ++c) row[c] = uniform(1, 7);
    row[4] = 4;                                           // constant
    row[5] = (row[0] + row[1] + row[2]) / 3;              // a scale score: mostly fractional
    if (r % 7 == 3) row[1] = row[1] + 0.5;                // some fractional item responses
    if (r % 11 == 5) row[2] = 1e6 + uniform(0, 1000) / 7.0;  // far from the rest, fractional
    for (int c = 0; c < 6; ++c)
      if (uniform(0, 99) < 8) row[c] = na;
    if (r == 17) row.assign(6, na);                       // an empty row
    rows.push_back(row);
    m.add(row);
  }
  check_against_two_pass(m, rows, 1e-13);
  CHECK(m.covariance(4, 4) == 0);
  CHECK(std::isnan(m.correlation(4, 0)));
}

TEST_CASE("whole numbers up to 2^20 over many rows are summed exactly without overflow") {
  // 40,000 rows of |x| near 2^20: the running sums pass 2^53 (moved into 128-bit totals every
  // 8,192 rows) and n * sum x^2 passes 2^63.
  const double na = std::nan("");
  std::mt19937_64 rng(7);
  std::vector<std::vector<double>> rows;
  PairwiseMoments m(4);
  for (int r = 0; r < 40000; ++r) {
    const double big = 1048576.0 - static_cast<double>(rng() % 1000);
    std::vector<double> row{big, -big + static_cast<double>(rng() % 3), 1048576.0, static_cast<double>(rng() % 5)};
    if (rng() % 10 == 0) row[rng() % 4] = na;
    rows.push_back(row);
    m.add(row);
  }
  check_against_two_pass(m, rows, 1e-13);
  CHECK(m.sd(2) == 0);
  CHECK(m.mean(2) == 1048576.0);
}

TEST_CASE("only fractional values, and whole numbers beyond 2^20, take the shifted sums") {
  std::mt19937_64 rng(11);
  std::vector<std::vector<double>> rows;
  PairwiseMoments m(3);
  for (int r = 0; r < 3000; ++r) {
    const double u = static_cast<double>(rng() % 100000) / 1e5;
    std::vector<double> row{1e8 + u, 2097152.0 + static_cast<double>(rng() % 4), u * u};
    rows.push_back(row);
    m.add(row);
  }
  check_against_two_pass(m, rows, 1e-11);
}

TEST_CASE("a pair whose rows lie far from its variables' other rows keeps its precision") {
  const double na = std::nan("");
  // Column 1's first value is 1e9 away from the rows it shares with column 0.
  std::vector<std::vector<double>> rows{{na, 1e9 + 0.5}};
  for (int r = 1; r <= 15; ++r) rows.push_back({r + 0.5, (r % 3) + 0.1});
  PairwiseMoments first(2);
  for (const auto& row : rows) first.add(row);
  check_against_two_pass(first, rows, 1e-11);
  // Column 0 sits near 1e9 while column 1 is present, near 0 while column 2 is (after many blocks).
  std::mt19937_64 rng(5);
  std::vector<std::vector<double>> halves;
  PairwiseMoments second(3);
  for (int r = 0; r < 6000; ++r) {
    const double u = static_cast<double>(rng() % 1000) / 997.0;
    std::vector<double> row = r < 3000 ? std::vector<double>{1e9 + u, u * 0.5 + 0.25, na}
                                       : std::vector<double>{u, na, 3.5 - u};
    halves.push_back(row);
    second.add(row);
  }
  check_against_two_pass(second, halves, 1e-9);
}

TEST_CASE("add_exact_sums: Likert rows summed elsewhere give the same bits as the rows added one by one") {
  // quality's first pass: plain Likert lines go to LikertMoments, the other rows (a fraction,
  // a value off the scale) to PairwiseMoments, and the Likert sums join it at the end.
  const std::size_t k = 7;
  std::mt19937 random(27);
  PairwiseMoments all(k), general(k);
  LikertMoments likert(k, {}, 1, 7);
  std::vector<std::uint8_t> codes(k);
  std::vector<double> row(k);
  for (std::size_t r = 0; r < 5000; ++r) {
    bool coded = true;
    for (std::size_t c = 0; c < k; ++c) {
      const auto u = random();
      row[c] = u % 100 < 12 ? NAN : static_cast<double>(1 + u / 100 % 7);
      if (r % 13 == 4 && c == r % k) row[c] = 2.5, coded = false;   // not a code: the general path
      if (r % 17 == 6 && c == 0) row[c] = 40, coded = false;
      codes[c] = static_cast<std::uint8_t>(std::isnan(row[c]) ? 0 : row[c]);
    }
    all.add(row);
    if (coded) likert.add(codes.data(), 1);
    else general.add(row);
  }
  std::vector<ExactPairSums> upper;
  for (std::size_t i = 0; i < k; ++i)
    for (std::size_t j = i; j < k; ++j) upper.push_back(likert.item_sums(i, j));
  CHECK(likert.rows() > 4000);
  general.add_exact_sums(likert.rows(), upper);
  CHECK(general.rows() == all.rows());
  for (std::size_t i = 0; i < k; ++i) {
    CHECK(general.mean(i) == all.mean(i));   // bit for bit: exact sums add exactly
    for (std::size_t j = 0; j < k; ++j) {
      CHECK(general.n(i, j) == all.n(i, j));
      CHECK(general.covariance(i, j) == all.covariance(i, j));
      CHECK(general.correlation(i, j) == all.correlation(i, j));
    }
  }
  CHECK_THROWS_AS(general.add_exact_sums(1, std::vector<ExactPairSums>(3)), Error);
}

#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <map>
#include <random>
#include <thread>
#include <vector>

#include "attune/stats/item_analysis_moments.h"
#include "attune/util/error.h"
#include "stats/likert_moments.h"

using namespace attune;

namespace {
// Rows of 5 answers on 1..5 with missing cells, the odd fractional answer and all-missing rows.
std::vector<std::vector<double>> sample_rows() {
  std::mt19937 random(17);
  std::vector<std::vector<double>> rows;
  for (int r = 0; r < 3000; ++r) {
    std::vector<double> row(5);
    for (auto& x : row) {
      const auto u = random();
      x = u % 11 == 0 ? std::nan("") : u % 97 == 0 ? 2.5 : 1 + static_cast<double>(u % 5);
    }
    if (r % 500 == 7) row.assign(5, std::nan(""));
    rows.push_back(row);
  }
  return rows;
}
// Items 0, 2 (reversed), 3 and 4 on 1..5: k = 4, min + max = 6, centre 12.
ScaleKey sample_key() { return {"s", {0, 2, 3, 4}, {false, true, false, false}, 1, 5}; }
}  // namespace

TEST_CASE("the scale column gives psych's total: mean and sd of the row means, r with each item") {
  const auto rows = sample_rows();
  const ScaleKey key = sample_key();
  ItemAnalysisMoments acc(5, {key});
  for (const auto& row : rows) acc.add_row(row);
  const ScaleMoments m = acc.scale_moments(0);
  // Brute force: the row means of the answered keyed items, then their mean and sd.
  std::vector<double> totals;
  for (const auto& row : rows) {
    long double sum = 0;
    int answered = 0;
    for (std::size_t p = 0; p < key.items.size(); ++p) {
      const double x = row[key.items[p]];
      if (std::isnan(x)) continue;
      sum += key.keyed(p, x);
      ++answered;
    }
    totals.push_back(answered ? static_cast<double>(sum / answered) : std::nan(""));
  }
  long double n = 0, s = 0, ss = 0;
  for (double t : totals)
    if (!std::isnan(t)) ++n, s += t;
  const long double mean = s / n;
  for (double t : totals)
    if (!std::isnan(t)) ss += (t - mean) * (t - mean);
  CHECK(m.total_mean == doctest::Approx(static_cast<double>(mean)).epsilon(1e-13));
  CHECK(m.total_sd == doctest::Approx(static_cast<double>(std::sqrt(ss / (n - 1)))).epsilon(1e-13));
  // r of the total with item 2 (reversed) over the rows where both are present.
  long double pn = 0, sx = 0, sy = 0;
  for (std::size_t r = 0; r < rows.size(); ++r)
    if (!std::isnan(rows[r][2]) && !std::isnan(totals[r])) ++pn, sx += key.keyed(1, rows[r][2]), sy += totals[r];
  long double cxy = 0, cxx = 0, cyy = 0;
  for (std::size_t r = 0; r < rows.size(); ++r) {
    if (std::isnan(rows[r][2]) || std::isnan(totals[r])) continue;
    const long double dx = key.keyed(1, rows[r][2]) - sx / pn, dy = totals[r] - sy / pn;
    cxy += dx * dy, cxx += dx * dx, cyy += dy * dy;
  }
  CHECK(m.item_total_r[1] == doctest::Approx(static_cast<double>(cxy / std::sqrt(cxx * cyy))).epsilon(1e-13));
}

TEST_CASE("encoding and extend_row on one thread and the sums on another equal add_row, to the bit") {
  const auto rows = sample_rows();
  ItemAnalysisMoments whole(5, {sample_key()});
  for (const auto& row : rows) whole.add_row(row);

  ItemAnalysisMoments split(5, {sample_key()});
  REQUIRE(split.coding());
  std::vector<std::uint8_t> codes;
  std::vector<std::vector<double>> extended;
  for (const auto& row : rows) {
    std::uint8_t row_codes[5];
    if (split.encode(row, row_codes)) {
      codes.insert(codes.end(), row_codes, row_codes + 5);
      continue;
    }
    std::vector<double> e(split.extended_size());
    split.extend_row(row, e);
    extended.push_back(e);
  }
  REQUIRE(!extended.empty());   // both paths are taken: rows with 2.5 are not Likert rows
  REQUIRE(codes.size() / 5 + extended.size() == rows.size());
  PairwiseMoments pairs(split.extended_size());
  LikertMoments likert = split.new_likert_moments();
  std::thread([&] {
    for (const auto& e : extended) pairs.add(e);
    likert.add(codes.data(), codes.size() / 5);
  }).join();
  split.adopt_pair_moments(std::move(pairs));
  split.adopt_likert_moments(std::move(likert));

  CHECK(split.rows() == whole.rows());
  const ScaleMoments a = whole.scale_moments(0), b = split.scale_moments(0);
  CHECK(a.covariance.values == b.covariance.values);
  CHECK(a.item_total_r == b.item_total_r);
  CHECK(a.total_mean == b.total_mean);
  CHECK(a.total_sd == b.total_sd);
  CHECK(whole.scale_response_frequencies(0).proportions.values ==
        split.scale_response_frequencies(0).proportions.values);
  CHECK_THROWS_AS(split.adopt_pair_moments(PairwiseMoments(3)), Error);
  CHECK_THROWS_AS(split.adopt_likert_moments(LikertMoments(4, {}, 1, 5)), Error);
}

TEST_CASE("response counts equal a brute-force tally, two columns at a time and in the odd last one") {
  // 7 columns: three pairs and a tail. Values at and beyond the edges of the directly counted
  // range (-64..63), fractions, -0, NaN and infinities, placed at random.
  const double values[] = {-64, 63, -65, 64, 0, -0.0, 0.5, 1, 7, 3, std::nan(""), INFINITY, -1e9, 62.5};
  const std::size_t columns = 7;
  ScaleKey key;
  key.name = "all";
  for (std::size_t c = 0; c < columns; ++c) {
    key.items.push_back(c);
    key.reversed.push_back(c % 2 == 1);
  }
  ItemAnalysisMoments moments(columns, {key});
  std::vector<std::map<double, std::size_t>> tally(columns);
  std::vector<std::size_t> missing(columns, 0);
  std::mt19937 random(29);
  for (int r = 0; r < 4000; ++r) {
    std::vector<double> row(columns);
    for (std::size_t c = 0; c < columns; ++c) {
      const auto u = random();
      row[c] = u % 2 ? static_cast<double>(u / 2 % 7 + 1) : values[u / 2 % std::size(values)];
      if (std::isnan(row[c])) ++missing[c];
      else ++tally[c][row[c] == 0 ? 0.0 : row[c]];
    }
    moments.add_row(row);
  }
  for (std::size_t c = 0; c < columns; ++c) {
    CAPTURE(c);
    CHECK(moments.responses(c).table() == tally[c]);
    CHECK(moments.responses(c).missing == missing[c]);
  }
}

TEST_CASE("item pairs of rows partly Likert, partly not, equal one PairwiseMoments over every row, to the bit") {
  // The Likert rows' exact sums join the other rows' exact sums (not their moments), so the
  // split by row kind leaves no trace; 2.5 answers send some rows to the general path.
  std::mt19937 random(5);
  std::vector<std::vector<double>> rows;
  for (int r = 0; r < 4000; ++r) {
    std::vector<double> row(5);
    for (auto& x : row) {
      const auto u = random();
      x = u % 7 == 0 ? std::nan("") : u % 53 == 0 ? 2.5 : 1 + static_cast<double>(u % 5);
    }
    rows.push_back(row);
  }
  ItemAnalysisMoments acc(5, {sample_key()});
  PairwiseMoments all(5);
  for (const auto& row : rows) {
    acc.add_row(row);
    all.add(row);
  }
  for (std::size_t i = 0; i < 5; ++i) {
    for (std::size_t j = 0; j < 5; ++j) {
      CAPTURE(i);
      CAPTURE(j);
      const CoMoments got = acc.item_moments(i, j), want = all.moments(i, j);
      CHECK(got == want);
    }
  }
}

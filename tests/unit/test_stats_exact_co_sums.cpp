#include <doctest/doctest.h>

#include <random>

#include <cmath>
#include <vector>

#include "stats/exact_co_sums.h"

using namespace attune;

TEST_CASE("only whole numbers within 2^20 take the exact path") {
  CHECK(ExactCoSums::whole(3));
  CHECK(ExactCoSums::whole(-7));
  CHECK(ExactCoSums::whole(0));
  CHECK(ExactCoSums::whole(1048576.0));
  CHECK(ExactCoSums::whole(-1048576.0));
  CHECK_FALSE(ExactCoSums::whole(1048577.0));
  CHECK_FALSE(ExactCoSums::whole(2.5));
  CHECK_FALSE(ExactCoSums::whole(1e300));
  CHECK_FALSE(ExactCoSums::whole(std::nan("")));
  CHECK_FALSE(ExactCoSums::whole(INFINITY));
}

TEST_CASE("exact sums leave out rows where either value is not whole and list the fractional ones") {
  const double na = std::nan("");
  ExactCoSums s(3);
  std::vector<std::size_t> fractional;
  s.add(std::vector<double>{1, 2, 2.5}, fractional);
  CHECK(fractional == std::vector<std::size_t>{2});
  fractional.clear();
  s.add(std::vector<double>{3, na, 4}, fractional);
  s.add(std::vector<double>{5, 6, 7}, fractional);
  CHECK(fractional.empty());
  const CoMoments a = s.moments(0, 1);  // rows 1 and 3: x = 1, 5; y = 2, 6
  CHECK(a.n == 2);
  CHECK(a.mean_i == 3);
  CHECK(a.mean_j == 4);
  CHECK(a.ss_i == 8);
  CHECK(a.cross == 8);
  const CoMoments b = s.moments(2, 0);  // rows 2 and 3, 2.5 not taken: (3, 4), (5, 7)
  CHECK(b.n == 2);
  CHECK(b.mean_i == 4);    // variable 0 (the smaller index comes first)
  CHECK(b.mean_j == 5.5);  // variable 2
  CHECK(b.cross == 3);     // (-1)(-1.5) + (1)(1.5)
  CHECK(s.moments(2, 2).n == 2);
  CHECK(s.moments(0, 0).n == 3);
}

TEST_CASE("exact sums equal brute-force integer sums, for Likert rows, rows up to 63 and larger ones") {
  // Rows of k = 11 variables (not a multiple of 8): answers 1..7, values up to ±63 (the 16-bit
  // sums, moved every 8 rows), up to ±2^20 (the double sums), mixtures around ±63/±64, missing
  // and fractional values.
  const std::size_t k = 11;
  std::mt19937 random(11);
  ExactCoSums sums(k);
  std::vector<std::size_t> fractional;
  std::vector<std::vector<double>> rows;
  for (int r = 0; r < 20000; ++r) {
    const int kind = r / 2000 % 4;
    std::vector<double> row(k);
    for (auto& x : row) {
      const auto u = random();
      if (u % 23 == 0) x = std::nan("");
      else if (u % 29 == 0) x = 2.5;
      else if (kind == 0) x = 1 + static_cast<double>(u % 7);
      else if (kind == 1) x = static_cast<double>(u % 127) - 63;
      else if (kind == 2) x = static_cast<double>(u % 2000001) - 1000000;
      else x = r % 3 ? 1 + static_cast<double>(u % 7) : static_cast<double>(u % 129) - 64;
    }
    sums.add(row, fractional);
    rows.push_back(row);
  }
  for (std::size_t i = 0; i < k; ++i) {
    for (std::size_t j = i; j < k; ++j) {
      Int128 n = 0, sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
      for (const auto& row : rows) {
        if (!ExactCoSums::whole(row[i]) || !ExactCoSums::whole(row[j])) continue;
        const auto x = static_cast<Int128>(row[i]), y = static_cast<Int128>(row[j]);
        ++n, sx += x, sy += y, sxx += x * x, syy += y * y, sxy += x * y;
      }
      const CoMoments m = sums.moments(i, j);
      CAPTURE(i);
      CAPTURE(j);
      const long double ln = static_cast<long double>(n);
      CHECK(m.n == ln);
      CHECK(m.mean_i == static_cast<long double>(sx) / ln);
      CHECK(m.mean_j == static_cast<long double>(sy) / ln);
      CHECK(m.ss_i == static_cast<long double>(n * sxx - sx * sx) / ln);
      CHECK(m.ss_j == static_cast<long double>(n * syy - sy * sy) / ln);
      CHECK(m.cross == static_cast<long double>(n * sxy - sx * sy) / ln);
    }
  }
}

TEST_CASE("a row's values are sorted into whole and not whole as whole() says, in any position") {
  // Each edge value at every position of a 5-value row (pairs and the odd last one): the value
  // is listed as fractional, or counted in n and summed, exactly as whole() decides.
  const double edges[] = {1048576.0, -1048576.0, 1048577.0, -1048577.0, 2147483648.0, -2147483648.0,
                          1e300, -INFINITY, INFINITY, std::nan(""), 0.5, -0.0, 63, -64, 40000, 3};
  for (double edge : edges) {
    for (std::size_t at = 0; at < 5; ++at) {
      ExactCoSums sums(5);
      std::vector<std::size_t> fractional;
      std::vector<double> row{1, 2, 3, 4, 5};
      row[at] = edge;
      sums.add(row, fractional);
      sums.add(std::vector<double>{1, 1, 1, 1, 1}, fractional);
      CAPTURE(edge);
      CAPTURE(at);
      const bool whole = ExactCoSums::whole(edge);
      CHECK(fractional == (whole || std::isnan(edge) ? std::vector<std::size_t>{} : std::vector<std::size_t>{at}));
      const CoMoments m = sums.moments(at, at == 0 ? 1 : 0);
      CHECK(m.n == (whole ? 2 : 1));
      const long double x = at == 0 ? m.mean_i : m.mean_j;
      CHECK(x == (whole ? (static_cast<long double>(edge) + 1) / 2 : 1));
    }
  }
}

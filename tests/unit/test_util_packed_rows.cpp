#include <doctest/doctest.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <random>
#include <vector>

#include "attune/util/packed_rows.h"

using namespace attune;

namespace {
bool same_bits(double a, double b) {
  if (std::isnan(a) || std::isnan(b)) return std::isnan(a) && std::isnan(b);
  return std::memcmp(&a, &b, sizeof a) == 0;
}
}  // namespace

TEST_CASE("packed rows unpack to the same doubles, bit for bit, in order") {
  const double edges[] = {-126, 127, -127, -128, 128, 0, -0.0, 0.5, -0.5, 1e300, -INFINITY, INFINITY,
                          std::nan(""), 3, 7, 1, 126.5, 1048576, -1e-300};
  const std::size_t width = 5;
  std::vector<std::vector<double>> rows;
  std::mt19937 random(5);
  for (int r = 0; r < 2000; ++r) {
    std::vector<double> row(width);
    for (auto& x : row) {
      const auto u = random();
      x = u % 3 == 0 ? edges[u / 3 % std::size(edges)] : static_cast<double>(static_cast<int>(u % 401) - 200) / (u % 5 ? 1 : 4);
    }
    rows.push_back(row);
  }
  PackedRows packed;
  for (const auto& row : rows) packed.add(row);
  CHECK(packed.rows() == rows.size());
  std::vector<double> scratch;
  std::size_t r = 0;
  packed.for_each(width, scratch, [&](std::span<const double> row) {
    REQUIRE(r < rows.size());
    for (std::size_t c = 0; c < width; ++c) {
      CAPTURE(r);
      CAPTURE(rows[r][c]);
      CHECK(same_bits(row[c], rows[r][c]));
    }
    ++r;
  });
  CHECK(r == rows.size());
  packed.clear();
  CHECK(packed.rows() == 0);
  packed.for_each(width, scratch, [&](std::span<const double>) { FAIL("a cleared batch has no rows"); });
}

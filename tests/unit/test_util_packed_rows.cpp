#include <doctest/doctest.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <random>
#include <vector>

#include "util/packed_rows.h"

using namespace attune;

namespace {
bool same_bits(double a, double b) {
  if (std::isnan(a) || std::isnan(b)) return std::isnan(a) && std::isnan(b);
  return std::memcmp(&a, &b, sizeof a) == 0;
}
}  // namespace

TEST_CASE("packed rows unpack to the same doubles, bit for bit, in order") {
  const double edges[] = {-126, 127, -127, -128, 128, 0, -0.0, 0.5, -0.5, 1e300, -INFINITY, INFINITY,
                          std::nan(""), 3, 7, 1, 126.5, 1048576, -1e-300, -2147483648.0, 2147483648.0,
                          3 + 0x1p-40};   // 3 + 2^-40 differs from 3 in its low 32 bits only
  // Widths below and above the four values packed and the eight unpacked at a time.
  for (std::size_t width : {std::size_t{3}, std::size_t{5}, std::size_t{19}}) {
    CAPTURE(width);
    std::vector<std::vector<double>> rows;
    std::mt19937 random(5);
    for (int r = 0; r < 2000; ++r) {
      std::vector<double> row(width);
      // Half the rows are codes only (Likert answers, the fast paths); the rest mix in edges,
      // fractions and values out of range at random places.
      const bool codes_only = r % 2 == 0;
      for (auto& x : row) {
        const auto u = random();
        if (codes_only) x = static_cast<double>(static_cast<int>(u % 254) - 126);
        else if (u % 3 == 0) x = edges[u / 3 % std::size(edges)];
        else x = static_cast<double>(static_cast<int>(u % 401) - 200) / (u % 5 ? 1 : 4);
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
}

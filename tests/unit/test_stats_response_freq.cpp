#include <doctest/doctest.h>

#include <cmath>

#include "attune/stats/response_freq.h"

using namespace attune;

TEST_CASE("frequencies are shares of answered rows: miss is the share of all rows") {
  ResponseCounts a, b;
  for (double x : {1.0, 1.0, 2.0, std::nan("")}) a.add(x);
  for (double x : {3.0, 3.0, 3.0, 3.0}) b.add(x);
  const ResponseFrequencies f = response_frequencies({&a, &b}, 4);
  CHECK(f.values == std::vector<double>{1, 2, 3});
  CHECK(f.proportions(0, 0) == doctest::Approx(2.0 / 3));
  CHECK(f.proportions(0, 2) == 0);
  CHECK(f.proportions(1, 2) == 1);
  CHECK(f.missing[0] == doctest::Approx(0.25));
  CHECK(f.missing[1] == 0);
  ResponseCounts none;
  none.add(std::nan(""));
  const ResponseFrequencies g = response_frequencies({&none}, 1);
  CHECK(g.missing[0] == 1);
}

TEST_CASE("whole responses in the small range and all other values are tabulated together") {
  ResponseCounts a;
  for (double x : {63.0, 64.0, -64.0, -65.0, 2.5, 3.0, 3.0, 0.0, std::nan("")}) a.add(x);
  CHECK(a.missing == 1);
  const auto table = a.table();
  CHECK(table.size() == 7);
  CHECK(table.begin()->first == -65.0);
  CHECK(table.at(3.0) == 2);
  CHECK(table.at(2.5) == 1);
  CHECK(table.at(64.0) == 1);
  const ResponseFrequencies f = response_frequencies({&a}, 9);
  CHECK(f.values == std::vector<double>{-65, -64, 0, 2.5, 3, 63, 64});
  CHECK(f.proportions(0, 4) == doctest::Approx(2.0 / 8));
  CHECK(f.missing[0] == doctest::Approx(1.0 / 9));
}

TEST_CASE("miss is (rows - answered) / rows: 1 missing of 40 is exactly 0.025, not 1 - 39/40") {
  ResponseCounts a, b;
  for (int r = 0; r < 40; ++r) a.add(r == 7 ? std::nan("") : 3.0);
  for (int r = 0; r < 40; ++r) b.add(r < 2 ? std::nan("") : 4.0);
  const ResponseFrequencies f = response_frequencies({&a, &b}, 40);
  CHECK(f.missing[0] == 0.025);   // was 0.025000000000000022 (examples/ecr-r.csv, Q1)
  CHECK(f.missing[1] == 0.05);    // was 0.050000000000000044
}

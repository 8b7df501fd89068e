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

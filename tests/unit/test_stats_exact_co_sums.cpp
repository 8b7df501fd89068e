#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "attune/stats/exact_co_sums.h"

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

#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "attune/quality/longstring.h"

using namespace attune;

TEST_CASE("longstring: longest and average run of identical consecutive answers") {
  // 1 1 1 | 2 2 | 3  -> runs 3, 2, 1: longest 3, average 6 items / 3 runs = 2
  const LongstringResult r = longstring(std::vector<double>{1, 1, 1, 2, 2, 3});
  CHECK(r.longest == 3);
  CHECK(r.average == 2);
  CHECK(r.runs == 3);
}

TEST_CASE("longstring: a missing answer breaks the run and is a run of its own (R rle)") {
  // 4 4 | NA | 4 4 4 -> runs 2, 1, 3: longest 3, average 6 / 3 = 2
  const double na = NAN;
  const LongstringResult r = longstring(std::vector<double>{4, 4, na, 4, 4, 4});
  CHECK(r.longest == 3);
  CHECK(r.average == 2);
  // NA | NA | 2 | 2 -> NA, NA, then a run of 2: runs 1, 1, 2: longest 2, average 4 / 3
  const LongstringResult two = longstring(std::vector<double>{na, na, 2, 2});
  CHECK(two.longest == 2);
  CHECK(two.average == doctest::Approx(4.0 / 3.0).epsilon(1e-15));
}

TEST_CASE("longstring: degenerate rows") {
  // constant row: one run of 5
  const LongstringResult constant = longstring(std::vector<double>{5, 5, 5, 5, 5});
  CHECK(constant.longest == 5);
  CHECK(constant.average == 5);
  // all missing or empty: NA (careless would say 1)
  CHECK(std::isnan(longstring(std::vector<double>{NAN, NAN}).longest));
  CHECK(std::isnan(longstring(std::vector<double>{NAN, NAN}).average));
  CHECK(std::isnan(longstring(std::vector<double>{}).longest));
  // a single answer among blanks: 3 runs of 1
  const LongstringResult single = longstring(std::vector<double>{NAN, 2, NAN});
  CHECK(single.longest == 1);
  CHECK(single.average == 1);
}

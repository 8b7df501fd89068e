#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "attune/quality/attention.h"
#include "attune/util/error.h"

using namespace attune;

TEST_CASE("attention: wrong and blank answers to instructed items fail") {
  const std::vector<AttentionCheck> checks{
      {0, 37, "Q37", {2}}, {1, 38, "Q38", {1, 2}}, {2, 39, "Q39", {5}}};
  // Q37 = 2 (right), Q38 = 3 (not 1 or 2: failed), Q39 blank (failed, missing)
  const AttentionResult r = attention(std::vector<double>{2, 3, NAN}, checks);
  CHECK(r.checks == 3);
  CHECK(r.failed == 2);
  CHECK(r.missing == 1);
  const AttentionResult ok = attention(std::vector<double>{2, 1, 5}, checks);
  CHECK(ok.failed == 0);
  CHECK(attention(std::vector<double>{}, {}).checks == 0);
}

TEST_CASE("attention: malformed checks are refused") {
  CHECK_THROWS_AS((void)attention(std::vector<double>{1}, {{3, 4, "Q4", {1}}}), Error);
  CHECK_THROWS_AS((void)attention(std::vector<double>{1}, {{0, 1, "Q1", {}}}), Error);
}

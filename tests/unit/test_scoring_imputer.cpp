#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "attune/scoring/imputer.h"

using namespace attune;

TEST_CASE("parse_impute knows none, mean and median") {
  CHECK(parse_impute("none") == Impute::none);
  CHECK(parse_impute("mean") == Impute::mean);
  CHECK(parse_impute("median") == Impute::median);
  CHECK_FALSE(parse_impute("Mean"));
  CHECK_FALSE(parse_impute(""));
}

// A 4 x 3 matrix, row-major: item 1 has an odd count of values, item 2 an even count, item 3
// none.
const std::vector<double> kMatrix = {
    1, 2,   NAN,   //
    5, NAN, NAN,   //
    3, 7,   NAN,   //
    NAN, 4, NAN,
};

TEST_CASE("mean centres: colMeans(na.rm = TRUE): an item with no values gets NaN") {
  auto centres = item_centres(kMatrix, 3, Impute::mean);
  REQUIRE(centres.size() == 3);
  CHECK(centres[0] == 3.0);                             // (1 + 5 + 3) / 3
  CHECK(centres[1] == doctest::Approx(13.0 / 3).epsilon(1e-15));   // (2 + 7 + 4) / 3
  CHECK(std::isnan(centres[2]));
}

TEST_CASE("median centres: the middle value, or the mean of the middle pair") {
  auto centres = item_centres(kMatrix, 3, Impute::median);
  CHECK(centres[0] == 3.0);   // 1 3 5
  CHECK(centres[1] == 4.0);   // 2 4 7
  CHECK(std::isnan(centres[2]));
  const std::vector<double> even = {4, 1, NAN, 2, 10, 3};   // 2 x 3: columns {4,2} {1,10} {NaN,3}
  auto pairs = item_centres(even, 3, Impute::median);
  CHECK(pairs[0] == 3.0);
  CHECK(pairs[1] == 5.5);
  CHECK(pairs[2] == 3.0);
  const std::vector<double> four = {9, 1, 7, 3};   // one column: 1 3 7 9
  CHECK(item_centres(four, 1, Impute::median)[0] == 5.0);
}

TEST_CASE("no imputation gives NaN centres") {
  auto centres = item_centres(kMatrix, 3, Impute::none);
  REQUIRE(centres.size() == 3);
  CHECK(std::isnan(centres[0]));
}

TEST_CASE("impute_row fills only the missing cells") {
  std::vector<double> row = {NAN, 2, NAN};
  std::vector<double> centres = {3, 9, NAN};
  impute_row(row, centres);
  CHECK(row[0] == 3);
  CHECK(row[1] == 2);
  CHECK(std::isnan(row[2]));   // an item with no centre stays missing
}

#include <cmath>
#include <vector>

#include <doctest/doctest.h>

#include "attune/responses/observed_range.h"

using namespace attune;

namespace {

ResponseScale seven() {
  ResponseScale scale;
  scale.min = 1;
  scale.max = 7;
  scale.integer = true;
  return scale;
}

// `rows` respondents answering `items` items, cycling through lo..hi.
ObservedRange answers(int rows, int items, int lo, int hi) {
  ObservedRange seen;
  int next = lo;
  for (int r = 0; r < rows; ++r) {
    std::vector<double> row;
    for (int i = 0; i < items; ++i) {
      row.push_back(next);
      next = next == hi ? lo : next + 1;
    }
    seen.add(row);
  }
  return seen;
}

}  // namespace

TEST_CASE("observed range: values and codes give the same ends, missing answers do not count") {
  ObservedRange by_value, by_code;
  by_value.add(std::vector<double>{NAN, 2, 5, NAN});
  by_code.add_codes(std::vector<std::uint8_t>{0, 2, 5, 0}, 0);
  for (const auto* seen : {&by_value, &by_code}) {
    CHECK(seen->low() == 2);
    CHECK(seen->high() == 5);
    CHECK(seen->answers() == 2);
    CHECK(seen->respondents() == 1);
  }
  ObservedRange empty;
  empty.add(std::vector<double>{NAN, NAN});
  empty.add_codes(std::vector<std::uint8_t>{0, 0}, 0);
  CHECK(empty.answers() == 0);
  CHECK(empty.respondents() == 0);
  CHECK_FALSE(empty.reaches(seven()));
}

TEST_CASE("observed range: merging parts equals adding every row to one") {
  ObservedRange a = answers(10, 3, 2, 4), b = answers(5, 3, 1, 7), whole;
  a.merge(b);
  CHECK(a.low() == 1);
  CHECK(a.high() == 7);
  CHECK(a.answers() == 45);
  CHECK(a.respondents() == 15);
  CHECK(a.reaches(seven()));
}

TEST_CASE("narrow range warning: data on 1..5 under a 1..7 scale is named with the fix") {
  ObservedRange seen = answers(40, 36, 1, 5);   // 1,440 answers of 40 respondents
  std::string warning = narrow_range_warning(seen, seven(), "ecr");
  CHECK(warning ==
        "ecr: no answer reached the top of the declared 1..7 response scale: 1440 answers of 40 respondents run from "
        "1 to 5. If the data were collected on 1..5, give --range 1:5 (reversed items and midpoints follow it); if "
        "they were collected on 1..7, give --range 1:7 to confirm");
}

TEST_CASE("narrow range warning: the bottom, and both ends") {
  CHECK(narrow_range_warning(answers(40, 36, 2, 7), seven(), "x").find("the bottom of the declared 1..7") !=
        std::string::npos);
  CHECK(narrow_range_warning(answers(40, 36, 2, 7), seven(), "x").find("--range 2:7") != std::string::npos);
  CHECK(narrow_range_warning(answers(40, 36, 2, 6), seven(), "x").find("either end") != std::string::npos);
}

TEST_CASE("narrow range warning: silent when both ends are reached or the sample is too small") {
  CHECK(narrow_range_warning(answers(40, 36, 1, 7), seven(), "x").empty());
  // Large enough in answers but too few respondents, and the other way round.
  CHECK(narrow_range_warning(answers(29, 36, 1, 5), seven(), "x").empty());
  CHECK(narrow_range_warning(answers(100, 9, 1, 5), seven(), "x").empty());   // 900 answers
  // Exactly at both limits it speaks.
  CHECK_FALSE(narrow_range_warning(answers(30, 34, 1, 5), seven(), "x").empty());   // 1,020 answers
}

TEST_CASE("narrow range warning: only rating scales of 2 to 15 whole points are judged") {
  ResponseScale slider;   // 0..100: a sample need not reach 100
  slider.min = 0;
  slider.max = 100;
  slider.integer = true;
  CHECK(narrow_range_warning(answers(40, 36, 1, 90), slider, "x").empty());
  ResponseScale real = seven();
  real.integer = false;
  CHECK(narrow_range_warning(answers(40, 36, 1, 5), real, "x").empty());
}

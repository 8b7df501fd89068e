// One wave's respondents, wave order and pairs.
#include <doctest/doctest.h>

#include <cmath>

#include "attune/change/wave_scores.h"

using namespace attune;

TEST_CASE("a wave finds respondents by id and refuses a repeated one") {
  WaveScores wave("0", 2);
  const double a[2] = {1.5, 2.5}, b[2] = {3, NAN};
  CHECK_FALSE(wave.add("p1", 0, a, "secure", false));
  CHECK_FALSE(wave.add("p2", 1, b, "", true));
  for (int i = 0; i < 2000; ++i) {   // the index stays valid as the ids grow
    const double c[2] = {static_cast<double>(i), 0};
    CHECK_FALSE(wave.add("x" + std::to_string(i), 2 + i, c, "fearful", false));
  }
  auto repeated = wave.add("p2", 5000, a, "secure", false);
  REQUIRE(repeated);
  CHECK(*repeated == 1);
  REQUIRE(wave.find("p1"));
  CHECK(wave.scores(*wave.find("p1"))[1] == 2.5);
  CHECK(wave.pattern(*wave.find("p2")).empty());
  CHECK(wave.borderline(*wave.find("p2")));
  CHECK(wave.find("x1999").value() == 2001);
  CHECK(wave.scores(2001)[0] == 1999);
  CHECK_FALSE(wave.find("p3"));
  CHECK(wave.size() == 2002);
}

TEST_CASE("waves sort by value when all are numbers, else keep their first appearance") {
  bool numeric = false;
  CHECK(order_waves({"12", "0", "3", "6", "9"}, &numeric) == std::vector<std::size_t>{1, 2, 3, 4, 0});
  CHECK(numeric);
  CHECK(order_waves({"post", "pre", "follow-up"}, &numeric) == std::vector<std::size_t>{0, 1, 2});
  CHECK_FALSE(numeric);
  CHECK(order_waves({"2", "1", "baseline"}, &numeric) == std::vector<std::size_t>{0, 1, 2});
  CHECK_FALSE(numeric);
}

TEST_CASE("pairs: consecutive, first-last, both (each once)") {
  using Pairs = std::vector<std::pair<std::size_t, std::size_t>>;
  CHECK(wave_pairs(3, WavePairs::consecutive) == Pairs{{0, 1}, {1, 2}});
  CHECK(wave_pairs(3, WavePairs::first_last) == Pairs{{0, 2}});
  CHECK(wave_pairs(3, WavePairs::both) == Pairs{{0, 1}, {1, 2}, {0, 2}});
  CHECK(wave_pairs(2, WavePairs::both) == Pairs{{0, 1}});
  CHECK(wave_pairs(1, WavePairs::both).empty());
}

#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "attune/quality/psychsyn.h"
#include "attune/util/error.h"

using namespace attune;

TEST_CASE("psychsyn: item pairs above the critical correlation in the sample") {
  // rows (1,1,5), (2,2,4), (3,3,1): r(0,1) = 1;
  // r(0,2): dev x (-1, 0, 1), dev z (5/3, 2/3, -7/3): sxz = -4, sxx = 2, szz = 78/9,
  // r = -4 / sqrt(2 * 78/9) = -0.96; r(1,2) the same
  PairwiseMoments sample(3);
  for (const auto& row : std::vector<std::vector<double>>{{1, 1, 5}, {2, 2, 4}, {3, 3, 1}}) {
    sample.add(row);
  }
  const auto synonyms = find_item_pairs(sample, 0.60, PairKind::synonyms);
  REQUIRE(synonyms.size() == 1);
  CHECK(synonyms[0].first == 1);
  CHECK(synonyms[0].second == 0);
  const auto antonyms = find_item_pairs(sample, 0.60, PairKind::antonyms);
  REQUIRE(antonyms.size() == 2);
  CHECK(antonyms[0].first == 2);
  CHECK(antonyms[0].second == 0);
  CHECK(antonyms[0].sample_r == doctest::Approx(-4.0 / std::sqrt(2 * 78.0 / 9)).epsilon(1e-14));
  CHECK(antonyms[1].first == 2);
  CHECK(antonyms[1].second == 1);
  // the sign of the critical value does not matter (careless takes abs())
  CHECK(find_item_pairs(sample, -0.60, PairKind::antonyms).size() == 2);
  // nothing above .99 among antonyms
  CHECK(find_item_pairs(sample, 0.99, PairKind::antonyms).empty());
}

TEST_CASE("psychsyn: within-person correlation over the pairs") {
  const std::vector<ItemPair> pairs{{1, 0, 0}, {3, 2, 0}, {5, 4, 0}};
  // answers (1, 2, 4, 3, 5, 5): first items (1, 3, 5) -> 2, 3, 5; second items (0, 2, 4) -> 1, 4, 5
  // means 10/3, 10/3; dev (-4/3, -1/3, 5/3), (-7/3, 2/3, 5/3)
  // sxy = (28 - 2 + 25)/9 = 51/9, sxx = 42/9, syy = 78/9: r = 51 / sqrt(42 * 78)
  const PsychsynResult r = psychsyn(std::vector<double>{1, 2, 4, 3, 5, 5}, pairs);
  CHECK(r.pairs_answered == 3);
  CHECK(r.r == doctest::Approx(51.0 / std::sqrt(42.0 * 78.0)).epsilon(1e-14));
}

TEST_CASE("psychsyn: too few answered pairs and degenerate rows") {
  const std::vector<ItemPair> pairs{{1, 0, 0}, {3, 2, 0}, {5, 4, 0}};
  // item 4 missing: 2 pairs left, careless needs more than 2 -> NA
  const PsychsynResult two = psychsyn(std::vector<double>{1, 2, 4, 3, NAN, 5}, pairs);
  CHECK(two.pairs_answered == 2);
  CHECK(std::isnan(two.r));
  // straight-liner: no variance -> NA (careless would resample; we do not)
  const PsychsynResult flat = psychsyn(std::vector<double>(6, 4.0), pairs);
  CHECK(flat.pairs_answered == 3);
  CHECK(std::isnan(flat.r));
  CHECK(std::isnan(psychsyn(std::vector<double>(6, NAN), pairs).r));
  CHECK(std::isnan(psychsyn(std::vector<double>{1, 2, 3}, {}).r));  // no pairs in the sample
  CHECK_THROWS_AS((void)psychsyn(std::vector<double>{1, 2}, pairs), Error);
}

#include <doctest/doctest.h>

#include <bit>
#include <cmath>
#include <cstdint>
#include <random>
#include <utility>
#include <vector>

#include "attune/scoring/scorer.h"
#include "scoring/exact_fraction.h"

using namespace attune;

namespace {

// Items 1..4 on a 1..7 scale. Scale "m": mean of items 1, -2, 3; scale "s": sum of 2, -4;
// computed "c" = 2*m - s; computed "d" = c + 1.
Instrument instrument(MinValid mean_rule = {}, MinValid sum_rule = {true, 1.0}) {
  Instrument in;
  in.id = "t";
  in.response.min = 1;
  in.response.max = 7;
  for (int n = 1; n <= 4; ++n) in.items.push_back({n, "q" + std::to_string(n), "", {}, {}});
  Scale mean;
  mean.id = "m";
  mean.keys = {{0, false}, {1, true}, {2, false}};
  mean.min_valid = mean_rule;
  Scale sum;
  sum.id = "s";
  sum.keys = {{1, false}, {3, true}};
  sum.scoring = Scoring::sum;
  sum.min_valid = sum_rule;
  in.scales = {mean, sum};
  in.computed = {{"c", "", {{"m", 2}, {"s", -1}}, false, {}}, {"d", "", {{"c", 1}, {"m", 0}}, false, {}}};
  return in;
}

std::vector<double> score(const Scorer& scorer, std::vector<double> items, std::vector<std::uint8_t> answered = {}) {
  std::vector<double> out(scorer.score_ids().size(), -12345);
  scorer.score(items, out, answered);
  return out;
}

// score_whole() on a row of whole numbers and missing items gives score()'s bits, score by score.
void check_whole_matches_score(const Scorer& scorer, const std::vector<double>& items) {
  std::vector<double> general = score(scorer, items), whole(general.size(), -12345);
  scorer.score_whole(items, whole);
  for (std::size_t i = 0; i < general.size(); ++i) {
    CAPTURE(i);
    CHECK(std::bit_cast<std::uint64_t>(whole[i]) == std::bit_cast<std::uint64_t>(general[i]));
  }
}

}  // namespace

TEST_CASE("reverse keying is min + max - x: a mean over the scale's items: a sum") {
  Instrument in = instrument();
  Scorer scorer(in, in.response);
  CHECK(scorer.score_ids() == std::vector<std::string>{"m", "s", "c", "d"});
  CHECK(scorer.scale_count() == 2);
  auto out = score(scorer, {1, 2, 6, 5});
  CHECK(out[0] == doctest::Approx((1 + (8 - 2) + 6) / 3.0).epsilon(1e-15));   // 13/3
  CHECK(out[1] == 2 + (8 - 5));                                             // 5
  CHECK(out[2] == doctest::Approx(2 * 13.0 / 3 - 5).epsilon(1e-15));
  CHECK(out[3] == doctest::Approx(2 * 13.0 / 3 - 5).epsilon(1e-15));
}

TEST_CASE("a mean uses the available items: a sum needs all of them by default") {
  Instrument in = instrument();
  Scorer scorer(in, in.response);
  auto out = score(scorer, {NAN, 3, 7, NAN});
  CHECK(out[0] == 6.0);            // ((8 - 3) + 7) / 2
  CHECK(std::isnan(out[1]));       // item 4 missing: the sum is missing
  CHECK(std::isnan(out[2]));       // NaN propagates into computed scales
  CHECK(std::isnan(out[3]));
  auto none = score(scorer, {NAN, NAN, NAN, NAN});
  CHECK(std::isnan(none[0]));
}

TEST_CASE("min_valid as a count or a fraction of the scale's items") {
  Instrument counted = instrument({false, 2});
  Scorer by_count(counted, counted.response);
  CHECK(std::isnan(score(by_count, {1, NAN, NAN, 1})[0]));
  CHECK(score(by_count, {1, NAN, 3, 1})[0] == 2.0);
  Instrument fraction = instrument({true, 0.67}, {true, 0.5});
  Scorer by_fraction(fraction, fraction.response);   // ceil(0.67 * 3) = 3; ceil(0.5 * 2) = 1
  CHECK(std::isnan(score(by_fraction, {1, 2, NAN, NAN})[0]));
  CHECK(score(by_fraction, {1, 2, 3, NAN})[0] == doctest::Approx((1 + 6 + 3) / 3.0));
  CHECK(score(by_fraction, {1, 2, 3, NAN})[1] == 2.0);   // a sum over the one answered item
}

TEST_CASE("--min-valid overrides every scale's rule") {
  Instrument in = instrument();
  ScoringOptions options;
  options.min_valid = MinValid{false, 1};
  Scorer scorer(in, in.response, options);
  CHECK(score(scorer, {NAN, 3, NAN, NAN})[1] == 3.0);
}

TEST_CASE("imputed cells count toward the score but not toward min_valid") {
  Instrument in = instrument({false, 2});
  Scorer scorer(in, in.response);
  // Items 1 and 3 were imputed (answered = 0): the mean scale has one real answer of three.
  auto out = score(scorer, {4, 4, 4, 4}, {0, 1, 0, 1});
  CHECK(std::isnan(out[0]));
  CHECK(out[1] == 4 + 4);
  auto enough = score(scorer, {4, 4, 4, 4}, {1, 1, 0, 1});
  CHECK(enough[0] == 4.0);
}

TEST_CASE("min_valid 0: an empty sum is 0 (as rowSums), an empty mean stays missing") {
  Instrument in = instrument({false, 0}, {false, 0});
  Scorer scorer(in, in.response);
  auto out = score(scorer, {NAN, NAN, NAN, NAN});
  CHECK(std::isnan(out[0]));
  CHECK(out[1] == 0.0);
}

TEST_CASE("the effective response scale decides reverse keying") {
  Instrument in = instrument();
  ResponseScale wider = in.response;
  wider.min = 0;
  wider.max = 10;
  Scorer scorer(in, wider);
  auto out = score(scorer, {1, 2, 6, 5});
  CHECK(out[0] == doctest::Approx((1 + 8 + 6) / 3.0));   // 10 - 2
  CHECK(out[1] == 2 + 5);                                // 10 - 5
}

TEST_CASE("score_whole gives score's bits for whole-number rows, on every min_valid rule") {
  // Rows of 1..7 and missing items; min_valid 0, 1 item, 60%, and a sum that is 0 when empty.
  std::mt19937 random(5);
  for (auto [mean_rule, sum_rule] : {std::pair{MinValid{}, MinValid{true, 1.0}}, std::pair{MinValid{false, 1.0}, MinValid{false, 0.0}},
                                     std::pair{MinValid{true, 0.6}, MinValid{false, 2.0}}}) {
    const Scorer scorer(instrument(mean_rule, sum_rule), instrument().response);
    for (int trial = 0; trial < 2000; ++trial) {
      std::vector<double> items(4);
      for (auto& x : items) x = random() % 5 == 0 ? NAN : 1 + static_cast<double>(random() % 7);
      check_whole_matches_score(scorer, items);
    }
  }
}

TEST_CASE("score_whole on a scale whose min + max is not whole scores as score does") {
  Instrument in = instrument();
  ResponseScale half = in.response;
  half.min = 0.5;   // reversed items become 7.5 - x
  const Scorer scorer(in, half);
  std::vector<double> items = {1, 2, 3, 4}, general = score(scorer, items), whole(general.size());
  scorer.score_whole(items, whole);
  CHECK(whole == general);
  CHECK(general[0] == doctest::Approx((1 + 5.5 + 3) / 3.0));
}

TEST_CASE("score_whole on scales of consecutive items (summed two at a time) gives score's bits") {
  // Five consecutive items, the second and the last (the odd one out of the pairs) reversed;
  // one consecutive reversed pair; one item alone.
  Instrument in;
  in.id = "c";
  in.response.min = 1;
  in.response.max = 5;
  for (int n = 1; n <= 8; ++n) in.items.push_back({n, "q" + std::to_string(n), "", {}, {}});
  Scale five, pair, one;
  five.id = "five";
  five.keys = {{0, false}, {1, true}, {2, false}, {3, false}, {4, true}};
  pair.id = "pair";
  pair.keys = {{5, true}, {6, true}};
  pair.scoring = Scoring::sum;
  pair.min_valid = {true, 0.0};
  one.id = "one";
  one.keys = {{7, true}};
  in.scales = {five, pair, one};
  const Scorer scorer(in, in.response);
  std::mt19937 random(9);
  for (int trial = 0; trial < 3000; ++trial) {
    std::vector<double> items(8);
    for (auto& x : items) x = random() % 4 == 0 ? NAN : 1 + static_cast<double>(random() % 5);
    check_whole_matches_score(scorer, items);
  }
}

namespace {
// score_codes() on the codes of a row of whole answers and missing items gives score()'s bits.
void check_codes_match_score(const Scorer& scorer, const std::vector<double>& items) {
  REQUIRE(scorer.coding());
  std::vector<std::uint8_t> codes(scorer.code_room(), 0xAA);   // padding: any byte
  for (std::size_t j = 0; j < items.size(); ++j)
    codes[j] = std::isnan(items[j]) ? 0 : static_cast<std::uint8_t>(items[j] - scorer.coding()->base);
  const std::vector<double> general = score(scorer, items);
  std::vector<double> coded(general.size(), -12345);
  scorer.score_codes(codes.data(), coded);
  for (std::size_t i = 0; i < general.size(); ++i) {
    CAPTURE(i);
    CHECK(std::bit_cast<std::uint64_t>(coded[i]) == std::bit_cast<std::uint64_t>(general[i]));
  }
}
}  // namespace

TEST_CASE("score_codes gives score's bits, on every min_valid rule and computed scores") {
  std::mt19937 random(15);
  for (auto [mean_rule, sum_rule] : {std::pair{MinValid{}, MinValid{true, 1.0}}, std::pair{MinValid{false, 1.0}, MinValid{false, 0.0}},
                                     std::pair{MinValid{true, 0.6}, MinValid{false, 2.0}}}) {
    const Scorer scorer(instrument(mean_rule, sum_rule), instrument().response);
    CHECK((scorer.coding() == LikertCoding{0, 7}));
    CHECK(scorer.code_room() == 16);
    for (int trial = 0; trial < 2000; ++trial) {
      std::vector<double> items(4);
      for (auto& x : items) x = random() % 5 == 0 ? NAN : 1 + static_cast<double>(random() % 7);
      check_codes_match_score(scorer, items);
    }
  }
}

TEST_CASE("score_codes: scales across 16-byte chunks, interleaved, reversed anywhere, answers below 1") {
  // 37 items on -3..3 (codes 1..7 stand for -3..3): scale "odd" takes the odd items, "wide"
  // items 10..36 (three chunks), "last" the 37th alone (the third chunk's first byte).
  Instrument in;
  in.id = "w";
  in.response.min = -3;
  in.response.max = 3;
  for (int n = 1; n <= 37; ++n) in.items.push_back({n, "q" + std::to_string(n), "", {}, {}});
  Scale odd, wide, last;
  odd.id = "odd";
  for (std::size_t i = 0; i < 37; i += 2) odd.keys.push_back({i, i % 3 == 0});
  wide.id = "wide";
  wide.scoring = Scoring::sum;
  wide.min_valid = {true, 0.5};
  for (std::size_t i = 9; i < 36; ++i) wide.keys.push_back({i, i % 4 == 1 || i == 15 || i == 16});
  last.id = "last";
  last.keys = {{36, true}};
  in.scales = {odd, wide, last};
  const Scorer scorer(in, in.response);
  CHECK((scorer.coding() == LikertCoding{-4, 7}));
  CHECK(scorer.code_room() == 48);
  std::mt19937 random(19);
  for (int trial = 0; trial < 3000; ++trial) {
    std::vector<double> items(37);
    const unsigned missing = trial % 3 == 0 ? 2 : 9;
    for (auto& x : items) x = random() % 10 < missing ? NAN : -3 + static_cast<double>(random() % 7);
    check_codes_match_score(scorer, items);
  }
}

TEST_CASE("codes are offered only for whole ranges of 2 to 15 levels") {
  Instrument in = instrument();
  CHECK(Scorer(in, in.response).coding());
  ResponseScale scale = in.response;
  scale.min = 0.5;
  CHECK_FALSE(Scorer(in, scale).coding());
  scale.min = 1;
  scale.max = 15;
  CHECK(Scorer(in, scale).coding());
  scale.max = 16;
  CHECK_FALSE(Scorer(in, scale).coding());
  scale.max = 1;
  CHECK_FALSE(Scorer(in, scale).coding());
}

// Issue 25, "no float noise in scores": computed scores are one correctly rounded division of
// exact integer sums, so a value exactly representable (or its nearest double) comes out so.
namespace {

// As the ECR-RS: four domains of a 3-item mean scale on 1..7; "global" the mean of the domain
// scores present.
Instrument domains_instrument() {
  Instrument in;
  in.id = "d";
  in.response.min = 1;
  in.response.max = 7;
  for (int n = 1; n <= 12; ++n) in.items.push_back({n, "q" + std::to_string(n), "", {}, {}});
  ComputedScale global{"global", "", {}, true, {}};
  for (std::size_t d = 0; d < 4; ++d) {
    Scale s;
    s.id = "d" + std::to_string(d);
    s.keys = {{3 * d, false}, {3 * d + 1, d == 2}, {3 * d + 2, false}};
    in.scales.push_back(s);
    global.terms.emplace_back(s.id, 1.0);
  }
  in.computed = {global};
  return in;
}

// As the RSQ: means of 5, 5, 4 and 4 items on 1..5; "self" = secure + dismissing - fearful -
// preoccupied; "half" = 0.5 secure + 0.5 fearful (weights as the AAS's).
Instrument models_instrument() {
  Instrument in;
  in.id = "r";
  in.response.min = 1;
  in.response.max = 5;
  for (int n = 1; n <= 18; ++n) in.items.push_back({n, "q" + std::to_string(n), "", {}, {}});
  std::size_t next = 0;
  for (auto [id, size] : {std::pair{"secure", 5}, {"dismissing", 5}, {"fearful", 4}, {"preoccupied", 4}}) {
    Scale s;
    s.id = id;
    for (int k = 0; k < size; ++k) s.keys.push_back({next++, false});
    in.scales.push_back(s);
  }
  in.computed = {{"self", "", {{"secure", 1}, {"dismissing", 1}, {"fearful", -1}, {"preoccupied", -1}}, false, {}},
                 {"half", "", {{"secure", 0.5}, {"fearful", 0.5}}, false, {}}};
  return in;
}

}  // namespace

TEST_CASE("a domain-global mean of 2, 7/3 and 5/3 is 2 (examples/ecr-rs.csv R001 gave 2.0000000000000004)") {
  const Instrument in = domains_instrument();
  const Scorer scorer(in, in.response);
  // d0 = 2, d1 missing, d2 = (3 + (8 - 6) + 2) / 3 = 7/3, d3 = 5/3.
  const std::vector<double> row = {2, 2, 2, NAN, NAN, NAN, 3, 6, 2, 2, 2, 1};
  const std::vector<double> out = score(scorer, row);
  CHECK(out[2] == 7.0 / 3);
  CHECK(out[3] == 5.0 / 3);
  CHECK(out[4] == 2.0);
  check_whole_matches_score(scorer, row);
  check_codes_match_score(scorer, row);
}

TEST_CASE("4 + 2.2 - 2.25 - 2.75 is 1.2 (examples/rsq.csv Q001 gave 1.2000000000000002); weights 0.5 exact") {
  const Instrument in = models_instrument();
  const Scorer scorer(in, in.response);
  const std::vector<double> row = {4, 4, 4, 4, 4, 2, 2, 2, 2, 3, 2, 2, 2, 3, 3, 3, 3, 2};
  const std::vector<double> out = score(scorer, row);
  CHECK(out[4] == 1.2);
  CHECK(out[5] == 3.125);   // (4 + 2.25) / 2
  check_whole_matches_score(scorer, row);
  check_codes_match_score(scorer, row);
}

TEST_CASE("computed scores are the correctly rounded exact value on random rows, on every path") {
  std::mt19937 random(25);
  const Instrument domains = domains_instrument(), models = models_instrument();
  const Scorer global(domains, domains.response), model(models, models.response);
  for (int trial = 0; trial < 3000; ++trial) {
    // Whole domains answered or missing: the global is (sum of their item sums) / (3 * domains).
    std::vector<double> row(12);
    std::int64_t total = 0, present = 0;
    for (std::size_t d = 0; d < 4; ++d) {
      const bool answered = random() % 4 != 0;
      present += answered;
      for (std::size_t k = 0; k < 3; ++k) {
        const double x = 1 + static_cast<double>(random() % 7);
        row[3 * d + k] = answered ? x : NAN;
        if (answered) total += static_cast<std::int64_t>(d == 2 && k == 1 ? 8 - x : x);
      }
    }
    const double expected = present ? static_cast<double>(total) / static_cast<double>(3 * present) : NAN;
    const std::vector<double> out = score(global, row);
    CHECK(std::bit_cast<std::uint64_t>(out[4]) == std::bit_cast<std::uint64_t>(expected));
    check_whole_matches_score(global, row);
    check_codes_match_score(global, row);
    // self = (4 (S_secure + S_dismissing) - 5 (S_fearful + S_preoccupied)) / 20.
    std::vector<double> answers(18);
    std::int64_t sums[4] = {};
    for (std::size_t j = 0; j < 18; ++j) {
      answers[j] = 1 + static_cast<double>(random() % 5);
      sums[j < 5 ? 0 : j < 10 ? 1 : j < 14 ? 2 : 3] += static_cast<std::int64_t>(answers[j]);
    }
    const std::vector<double> scores = score(model, answers);
    CHECK(scores[4] == static_cast<double>(4 * (sums[0] + sums[1]) - 5 * (sums[2] + sums[3])) / 20.0);
    CHECK(scores[5] == static_cast<double>(4 * sums[0] + 5 * sums[2]) / 40.0);
    if (trial % 3 == 0) answers[random() % 18] = NAN;   // a scale then misses an item: still the same bits
    check_whole_matches_score(model, answers);
    check_codes_match_score(model, answers);
  }
}

TEST_CASE("fraction_of recovers S / d from its rounded quotient; FractionSum adds them exactly") {
  const auto third = fraction_of(5.0 / 3, 6);
  REQUIRE(third);
  CHECK(third->numerator * 3 == third->denominator * 5);
  CHECK_FALSE(fraction_of(0.1, 3));              // no fraction with d <= 3 rounds to 0.1
  CHECK_FALSE(fraction_of(0x1p40, 1 << 8));      // too large to be the only one
  FractionSum sum;
  REQUIRE(sum.add({7, 3}, 1));
  REQUIRE(sum.add({5, 3}, 1));
  REQUIRE(sum.add({2, 1}, 1));
  CHECK(sum.value(3) == 2.0);
  CHECK_FALSE(sum.add({1, std::int64_t{1} << 62}, 3));   // would leave 64 bits
  CHECK(divide(6, 5) == 1.2);
  CHECK(divide((std::int64_t{1} << 60) + 1, 1) == 0x1p60);
}

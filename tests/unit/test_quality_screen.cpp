#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include <fmt/format.h>

#include "attune/quality/screen.h"
#include "attune/util/error.h"

using namespace attune;

namespace {
// Six items on 1..5, three 2-item scales: A = items 1, 2; B = items 3, 4 (4 reversed); C = 5, 6.
// Scale B lists item 4 before item 3 to show that even-odd orders items by number.
Instrument six_items() {
  Instrument in;
  in.response.min = 1;
  in.response.max = 5;
  for (int k = 1; k <= 6; ++k) in.items.push_back({k, fmt::format("Q{}", k), "", {}, {}});
  in.scales.push_back({"a", "", {{0, false}, {1, false}}, Scoring::mean, {}, {}});
  in.scales.push_back({"b", "", {{3, true}, {2, false}}, Scoring::mean, {}, {}});
  in.scales.push_back({"c", "", {{4, false}, {5, false}}, Scoring::mean, {}, {}});
  return in;
}
}  // namespace

TEST_CASE("screen: every respondent's indices, with even-odd on reverse-keyed values") {
  const Instrument instrument = six_items();
  QualityInput input;
  input.items = {{1, 2, 4, 1, 5, 4}, {5, 5, 5, 5, 5, 5}, {2, 3, 1, 4, 2, 3}};
  input.checks = {{0, 7, "Q7", {2}}};
  input.check_values = {{2}, {5}, {NAN}};
  input.durations = {300, 40, NAN};
  QualityThresholds t;
  t.duration_below = 60;
  const QualityReport report = screen(instrument, input, t);
  REQUIRE(report.respondents.size() == 3);
  CHECK(report.even_odd_scales == 3);
  CHECK(even_odd_scales(instrument)[1] == std::vector<std::size_t>{2, 3});

  // respondent 1: odd halves (items 1, 3, 5) = 1, 4, 5; even halves (items 2, 4r, 6) with
  // item 4 reversed 6 - 1 = 5: 2, 5, 4. Means 10/3, 11/3; dev (-7/3, 2/3, 5/3), (-5/3, 4/3, 1/3)
  // sxy = (35 + 8 + 5)/9 = 48/9, sxx = 78/9, syy = 42/9: r = 48 / sqrt(78 * 42)
  // (unreversed, even would be 2, 1, 4 and sxy = 24/9)
  const RespondentQuality& first = report.respondents[0];
  CHECK(first.even_odd.correlation == doctest::Approx(48.0 / std::sqrt(78.0 * 42.0)).epsilon(1e-14));
  CHECK(first.longstring.longest == 1);
  CHECK(first.attention.failed == 0);
  CHECK(report.flags[0].to_string().empty());

  // respondent 2 straight-lines: longstring 6, IRV 0, failed the check, too fast
  const RespondentQuality& second = report.respondents[1];
  CHECK(second.longstring.longest == 6);
  CHECK(second.irv == 0);
  CHECK(report.flags[1].to_string() == "attention;duration");
  // respondent 3 left the check blank: failed; duration blank: not flagged
  CHECK(report.flags[2].to_string() == "attention");
  CHECK(report.summary.flagged == 3 - 1);

  // 3 respondents, 6 items: the covariance matrix is singular, so D^2 is NA, with a reason
  CHECK_FALSE(report.mahalanobis_problem.empty());
  CHECK(std::isnan(first.mahalanobis.d_squared));
  CHECK_FALSE(first.mahalanobis.na_reason.empty());
}

TEST_CASE("screen: rows of the wrong length are refused") {
  QualityInput input;
  input.items = {{1, 2, 3}};
  CHECK_THROWS_AS((void)screen(six_items(), input, {}), Error);
  QualityInput durations;
  durations.items = {{1, 2, 3, 4, 5, 6}};
  durations.durations = {1, 2};
  CHECK_THROWS_AS((void)screen(six_items(), durations, {}), Error);
}

TEST_CASE("screen: longstring follows the order it is given, the other indices do not") {
  // Answers by item 1..6: 3, 1, 3, 2, 3, 4. In item order no two neighbours agree; presented
  // as items 1, 3, 5, 2, 4, 6 the three 3s come in a row.
  QualityInput input;
  input.items = {{3, 1, 3, 2, 3, 4}, {1, 2, 3, 4, 5, 1}, {5, 4, 3, 2, 1, 2}};
  const QualityReport by_item = screen(six_items(), input, {});
  input.longstring_order = {0, 2, 4, 1, 3, 5};
  const QualityReport presented = screen(six_items(), input, {});
  CHECK(by_item.respondents[0].longstring.longest == 1);
  CHECK(presented.respondents[0].longstring.longest == 3);
  CHECK(presented.respondents[0].longstring.runs == 4);
  CHECK(presented.respondents[0].irv == by_item.respondents[0].irv);
  CHECK(presented.respondents[1].longstring.average == by_item.respondents[1].longstring.average);
}

TEST_CASE("screen: a longstring order that does not name each item once is refused") {
  QualityInput input;
  input.items = {{1, 2, 3, 4, 5, 6}};
  input.longstring_order = {0, 1, 2, 3, 4};
  CHECK_THROWS_AS((void)screen(six_items(), input, {}), Error);
  input.longstring_order = {0, 1, 2, 3, 4, 4};
  CHECK_THROWS_AS((void)screen(six_items(), input, {}), Error);
  input.longstring_order = {0, 1, 2, 3, 4, 6};
  CHECK_THROWS_AS((void)screen(six_items(), input, {}), Error);
}

TEST_CASE("screen: with fewer than 3 multi-item scales even-odd is NA and counts the scales as even_odd() does") {
  // Scales a (items 1, 2) and b (items 3, 4, item 4 reversed) only; items 5 and 6 in no scale.
  Instrument two = six_items();
  two.scales.pop_back();
  QualityInput input;
  const double na = NAN;
  input.items = {{1, 2, 4, 1, 5, 4}, {na, 2, 4, 1, 5, 4}, {na, na, na, 1, 5, 4}, {2, 3, 1, na, na, 3},
                 {na, na, na, na, 2, 2}};
  const QualityReport report = screen(two, input, {});
  CHECK(report.even_odd_scales == 2);
  const std::vector<std::vector<std::size_t>> scales = even_odd_scales(two);
  for (std::size_t r = 0; r < input.items.size(); ++r) {
    CAPTURE(r);
    const EvenOddResult direct = even_odd(input.items[r], scales);   // NaN-ness does not depend on keying
    CHECK(std::isnan(report.respondents[r].even_odd.consistency));
    CHECK(std::isnan(report.respondents[r].even_odd.correlation));
    CHECK(report.respondents[r].even_odd.scales_used == direct.scales_used);
  }
  CHECK(report.respondents[0].even_odd.scales_used == 2);
  CHECK(report.respondents[1].even_odd.scales_used == 1);
  CHECK(report.respondents[2].even_odd.scales_used == 0);
  CHECK(report.respondents[3].even_odd.scales_used == 1);
  CHECK(report.respondents[4].even_odd.scales_used == 0);
}

#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "attune/quality/mahalanobis.h"
#include "attune/util/error.h"

using namespace attune;

namespace {
// Two items, four respondents: (1,1), (2,3), (3,2), (4,4).
// Means 2.5, 2.5; deviations x: -1.5 -.5 .5 1.5, y: -1.5 .5 -.5 1.5.
// var x = var y = (2.25 + .25 + .25 + 2.25) / 3 = 5/3; cov = (2.25 - .25 - .25 + 2.25) / 3 = 4/3.
// S = [5/3 4/3; 4/3 5/3], det = 25/9 - 16/9 = 1, S^-1 = [5/3 -4/3; -4/3 5/3].
MahalanobisModel four_respondents() {
  PairwiseMoments sample(2);
  for (const auto& row : std::vector<std::vector<double>>{{1, 1}, {2, 3}, {3, 2}, {4, 4}}) {
    sample.add(row);
  }
  return MahalanobisModel(sample);
}
}  // namespace

TEST_CASE("mahalanobis: D^2 and its chi-square p on complete rows") {
  const MahalanobisModel model = four_respondents();
  REQUIRE(model.full_matrix_problem().empty());
  // (1,1): d = (-1.5, -1.5): D^2 = 2.25 * (5/3 + 5/3 - 2 * 4/3) = 2.25 * 2/3 = 1.5
  const MahalanobisResult a = model.distance(std::vector<double>{1, 1});
  CHECK(a.d_squared == doctest::Approx(1.5).epsilon(1e-14));
  CHECK(a.df == 2);
  // chi-square(2) upper tail = exp(-D^2 / 2) = exp(-0.75)
  CHECK(a.p_value == doctest::Approx(std::exp(-0.75)).epsilon(1e-14));
  // (2,3): d = (-.5, .5): D^2 = .25 * (5/3 + 5/3 + 2 * 4/3) = .25 * 6 = 1.5 (R mahalanobis: 1.5)
  CHECK(model.distance(std::vector<double>{2, 3}).d_squared == doctest::Approx(1.5).epsilon(1e-14));
  // the centroid itself: D^2 = 0, p = 1
  const MahalanobisResult centre = model.distance(std::vector<double>{2.5, 2.5});
  CHECK(centre.d_squared == doctest::Approx(0.0));
  CHECK(centre.p_value == 1.0);
}

TEST_CASE("mahalanobis: a row with a missing answer, under both rules") {
  const MahalanobisModel model = four_respondents();
  const std::vector<double> row{4, NAN};
  // answered items: d = 1.5, S_oo = 5/3: D^2 = 2.25 / (5/3) = 1.35, df = 1,
  // p = pchisq(1.35, 1, lower.tail = FALSE) = 0.24527811680677286 (R)
  const MahalanobisResult own = model.distance(row, MahalanobisMissing::answered_items);
  CHECK(own.d_squared == doctest::Approx(1.35).epsilon(1e-14));
  CHECK(own.df == 1);
  CHECK(own.p_value == doctest::Approx(0.24527811680677286).epsilon(1e-12));
  // psych::outlier: missing deviation taken as 0 in the full inverse: 2.25 * 5/3 = 3.75, df = 2,
  // p = exp(-3.75 / 2)
  const MahalanobisResult psych = model.distance(row, MahalanobisMissing::psych_outlier);
  CHECK(psych.d_squared == doctest::Approx(3.75).epsilon(1e-14));
  CHECK(psych.df == 2);
  CHECK(psych.p_value == doctest::Approx(std::exp(-1.875)).epsilon(1e-14));
}

TEST_CASE("mahalanobis: degenerate rows and samples give NA with a reason") {
  const MahalanobisModel model = four_respondents();
  const MahalanobisResult blank = model.distance(std::vector<double>{NAN, NAN});
  CHECK(std::isnan(blank.d_squared));
  CHECK(std::isnan(blank.p_value));
  CHECK(blank.na_reason == "no item answered");
  CHECK_THROWS_AS((void)model.distance(std::vector<double>{1}), Error);

  // y = 2x exactly: S = [1 2; 2 4] is singular
  PairwiseMoments collinear(2);
  for (const auto& row : std::vector<std::vector<double>>{{1, 2}, {2, 4}, {3, 6}}) collinear.add(row);
  const MahalanobisModel singular(collinear);
  CHECK_FALSE(singular.full_matrix_problem().empty());
  const MahalanobisResult r = singular.distance(std::vector<double>{1, 2});
  CHECK(std::isnan(r.d_squared));
  CHECK_FALSE(r.na_reason.empty());
  // one item of the two is still measurable alone: var x = 1, d = 3 - 2 = 1, D^2 = 1
  CHECK(singular.distance(std::vector<double>{3, NAN}).d_squared == doctest::Approx(1.0));

  // a single respondent: covariance undefined
  PairwiseMoments one(2);
  one.add(std::vector<double>{1, 2});
  const MahalanobisModel undefined(one);
  CHECK(std::isnan(undefined.distance(std::vector<double>{1, 2}).d_squared));
}

TEST_CASE("chi-square upper tail") {
  CHECK(chi_square_upper_tail(1.5, 2) == doctest::Approx(std::exp(-0.75)).epsilon(1e-14));
  CHECK(std::isnan(chi_square_upper_tail(1.0, 0)));
  CHECK(std::isnan(chi_square_upper_tail(NAN, 3)));
}

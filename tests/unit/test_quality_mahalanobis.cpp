#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
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

namespace {
// Bit-for-bit equality of two results (NaN equal to NaN), reason included.
void check_same(const MahalanobisResult& fast, const MahalanobisResult& reference) {
  CHECK(fast.df == reference.df);
  CHECK(fast.na_reason == reference.na_reason);
  CHECK((fast.d_squared == reference.d_squared || (std::isnan(fast.d_squared) && std::isnan(reference.d_squared))));
  CHECK((fast.p_value == reference.p_value || (std::isnan(fast.p_value) && std::isnan(reference.p_value))));
}
}  // namespace

TEST_CASE("mahalanobis: the cached path equals the reference path bit for bit") {
  // Six items, 400 respondents from a fixed linear congruential sequence; item 5 copies item 4
  // (so any pattern answering both is singular); about a fifth of the cells blank.
  std::uint64_t state = 12345;
  auto next = [&] {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<double>(state >> 33) / static_cast<double>(1ULL << 31);
  };
  std::vector<std::vector<double>> rows;
  for (int r = 0; r < 400; ++r) {
    std::vector<double> row(6);
    for (int i = 0; i < 5; ++i) row[static_cast<std::size_t>(i)] = 1 + std::floor(7 * next());
    row[5] = row[4];
    for (auto& x : row) {
      if (next() < 0.2) x = NAN;
    }
    rows.push_back(row);
  }
  PairwiseMoments sample(6);
  for (const auto& row : rows) sample.add(row);
  const MahalanobisModel model(sample);
  REQUIRE_FALSE(model.full_matrix_problem().empty());
  // A cache of two patterns is evicted again and again; one of 256 is not.
  for (std::size_t capacity : {std::size_t{2}, std::size_t{256}}) {
    for (auto rule : {MahalanobisMissing::answered_items, MahalanobisMissing::psych_outlier}) {
      MahalanobisCache cache(capacity);
      for (const auto& row : rows) check_same(model.distance(row, rule, cache), model.distance(row, rule));
    }
  }
  // An invertible sample, complete rows through the full inverse and incomplete ones through
  // sub-matrices.
  PairwiseMoments regular(5);
  for (const auto& row : rows) regular.add(std::span<const double>(row).first(5));
  const MahalanobisModel invertible(regular);
  REQUIRE(invertible.full_matrix_problem().empty());
  MahalanobisCache cache(3);
  std::size_t complete = 0;
  for (const auto& row : rows) {
    const std::span<const double> five = std::span<const double>(row).first(5);
    complete += five.size() == static_cast<std::size_t>(std::count_if(five.begin(), five.end(), [](double x) { return !std::isnan(x); }));
    check_same(invertible.distance(five, MahalanobisMissing::answered_items, cache), invertible.distance(five));
  }
  CHECK(complete > 50);
  CHECK_THROWS_AS((void)invertible.distance(std::vector<double>{1}, MahalanobisMissing::answered_items, cache), Error);
}

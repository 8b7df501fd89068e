// Reliable change (Jacobson & Truax 1991), computed by hand in each case.
#include <doctest/doctest.h>

#include <cmath>

#include "attune/change/reliable_change.h"

using namespace attune;

TEST_CASE("S_diff and RCI, by hand") {
  // SD1 = 2, r_xx = .75: S_diff = sqrt(2) * 2 * sqrt(1 - .75) = sqrt(2) * 2 * .5 = sqrt(2) = 1.414213562...
  const double s_diff = difference_standard_error(2, 0.75);
  CHECK(s_diff == doctest::Approx(1.4142135623730951).epsilon(1e-15));
  // 5 -> 2: RCI = (2 - 5) / sqrt(2) = -3 / 1.41421356 = -2.121320344
  const double down = reliable_change_index(5, 2, s_diff);
  CHECK(down == doctest::Approx(-2.1213203435596424).epsilon(1e-15));
  CHECK(classify_change(down, 1.96, ChangeDirection::lower_is_better) == "reliably improved");
  CHECK(classify_change(down, 1.96, ChangeDirection::unknown) == "reliably lower");
  // the same change at z = 2.5: |-2.12| <= 2.5, no reliable change
  CHECK(classify_change(down, 2.5, ChangeDirection::lower_is_better) == "no reliable change");
  // 4 -> 5: RCI = 1 / 1.41421356 = 0.707106781
  CHECK(reliable_change_index(4, 5, s_diff) == doctest::Approx(0.7071067811865475).epsilon(1e-15));
  CHECK(classify_change(0.7071067811865475, 1.96, ChangeDirection::lower_is_better) == "no reliable change");
  // SD1 = 1, r_xx = .91: S_diff = sqrt(2) * 1 * sqrt(.09) = 1.41421356 * .3 = 0.424264069
  const double tight = difference_standard_error(1, 0.91);
  CHECK(tight == doctest::Approx(0.42426406871192845).epsilon(1e-14));
  // 3 -> 4: RCI = 1 / 0.424264069 = 2.357022604, above 1.96: worse on a dimension, higher otherwise
  const double up = reliable_change_index(3, 4, tight);
  CHECK(up == doctest::Approx(2.3570226039551585).epsilon(1e-14));
  CHECK(classify_change(up, 1.96, ChangeDirection::lower_is_better) == "reliably worsened");
  CHECK(classify_change(up, 1.96, ChangeDirection::unknown) == "reliably higher");
}

TEST_CASE("RCI at the criterion itself is not reliable change (|RCI| > z)") {
  CHECK(classify_change(1.96, 1.96, ChangeDirection::lower_is_better) == "no reliable change");
  CHECK(classify_change(-1.9600001, 1.96, ChangeDirection::lower_is_better) == "reliably improved");
}

TEST_CASE("missing scores and unusable reliabilities give no RCI") {
  CHECK(std::isnan(reliable_change_index(NAN, 3, 1)));
  CHECK(std::isnan(reliable_change_index(3, NAN, 1)));
  CHECK(std::isnan(reliable_change_index(3, 4, 0)));          // SD1 = 0: S_diff = 0
  CHECK(std::isnan(difference_standard_error(1, 1)));         // r_xx = 1: no error to test against
  CHECK(std::isnan(difference_standard_error(1, -0.1)));
  CHECK(std::isnan(difference_standard_error(NAN, 0.8)));
  CHECK(classify_change(NAN, 1.96, ChangeDirection::lower_is_better).empty());
}

TEST_CASE("the instrument says which way is better: its anxiety and avoidance dimensions") {
  Instrument instrument;
  instrument.classification = ClassificationSpec{};
  instrument.classification->anxiety = "anx";
  instrument.classification->avoidance = "avo";
  CHECK(change_direction(instrument, "anx") == ChangeDirection::lower_is_better);
  CHECK(change_direction(instrument, "avo") == ChangeDirection::lower_is_better);
  CHECK(change_direction(instrument, "closeness") == ChangeDirection::unknown);
  instrument.classification.reset();
  CHECK(change_direction(instrument, "anx") == ChangeDirection::unknown);
}

// Reliable change of one score between two waves (Jacobson & Truax 1991): the standard error
// of a difference, the Reliable Change Index and its classification.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "attune/instrument/instrument.h"

namespace attune {

// Which way is better on a score, as far as the instrument can say.
enum class ChangeDirection {
  lower_is_better,   // an anxiety or avoidance dimension of a four-pattern classification
  unknown            // any other score: changes are "higher" or "lower", never better or worse
};

// Asks the instrument: its classification's anxiety and avoidance dimensions are insecurity
// (the secure pattern is low on both), so lower is better; for every other score it cannot say.
ChangeDirection change_direction(const Instrument& instrument, const std::string& score_id);

// What S_diff was made of, for the report: wave 1's SD (n - 1), the reliability and its source.
struct ChangeBasis {
  std::string score;
  std::size_t n = 0;            // wave-1 respondents with the score
  double sd1 = 0;               // their SD (n - 1 denominator)
  double reliability = 0;       // r_xx
  std::string reliability_from; // "sample alpha at wave 1" or "--reliability"
  double s_diff = 0;            // sqrt(2) * sd1 * sqrt(1 - r_xx)
};

// S_diff = sqrt(2) * SD1 * sqrt(1 - r_xx) (Jacobson & Truax 1991, J Consult Clin Psychol
// 59(1), 12-19, doi:10.1037/0022-006X.59.1.12, p. 14); NaN unless SD1 >= 0 and 0 <= r_xx < 1.
double difference_standard_error(double sd1, double reliability);

// RCI = (x2 - x1) / S_diff (Jacobson & Truax 1991, p. 14); NaN when a score is missing or
// S_diff is not positive.
double reliable_change_index(double x1, double x2, double s_diff);

// The verdict on one RCI at the two-sided criterion |RCI| > z: "reliably improved",
// "reliably worsened" (lower_is_better) or "reliably lower", "reliably higher" (unknown), else
// "no reliable change"; "" when the RCI is missing.
std::string_view classify_change(double rci, double z, ChangeDirection direction);

// Whether a verdict is a reliable change towards the better (security, for the dimensions).
bool reliably_improved(std::string_view verdict);

}  // namespace attune

#include "attune/change/reliable_change.h"

#include <cmath>
#include <limits>

namespace attune {

ChangeDirection change_direction(const Instrument& instrument, const std::string& score_id) {
  if (instrument.classification && instrument.classification->dimensional() &&
      (instrument.classification->anxiety == score_id || instrument.classification->avoidance == score_id)) {
    return ChangeDirection::lower_is_better;
  }
  return ChangeDirection::unknown;
}

// Jacobson & Truax 1991, p. 14: S_diff = sqrt(2 * SE^2), SE = SD1 * sqrt(1 - r_xx).
double difference_standard_error(double sd1, double reliability) {
  if (!(sd1 >= 0) || !(reliability >= 0) || !(reliability < 1)) return std::numeric_limits<double>::quiet_NaN();
  return std::sqrt(2.0) * sd1 * std::sqrt(1 - reliability);
}

// Jacobson & Truax 1991, p. 14: RC = (x2 - x1) / S_diff.
double reliable_change_index(double x1, double x2, double s_diff) {
  if (std::isnan(x1) || std::isnan(x2) || !(s_diff > 0)) return std::numeric_limits<double>::quiet_NaN();
  return (x2 - x1) / s_diff;
}

std::string_view classify_change(double rci, double z, ChangeDirection direction) {
  if (std::isnan(rci)) return "";
  if (!(std::fabs(rci) > z)) return "no reliable change";
  if (direction == ChangeDirection::lower_is_better) return rci < 0 ? "reliably improved" : "reliably worsened";
  return rci < 0 ? "reliably lower" : "reliably higher";
}

bool reliably_improved(std::string_view verdict) { return verdict == "reliably improved"; }

}  // namespace attune

#include "attune/classify/borderline.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "attune/util/error.h"

namespace attune {

// Classical test theory: SEM = SD * sqrt(1 - reliability).
double standard_error_of_measurement(double sd, double alpha) {
  if (!std::isfinite(sd) || sd < 0) {
    throw usage_error(fmt::format("cannot compute a standard error of measurement from SD {}", sd));
  }
  if (!std::isfinite(alpha) || alpha < 0 || alpha > 1) {
    throw usage_error(fmt::format("cannot compute a standard error of measurement from reliability {}", alpha),
                      "a reliability must lie between 0 and 1; give one with --reliability");
  }
  return sd * std::sqrt(1 - alpha);
}

bool within_sem(double score, double cutoff, double sem) {
  if (std::isnan(score) || std::isnan(cutoff) || std::isnan(sem)) return false;
  return std::fabs(score - cutoff) <= sem;
}

bool flag_borderline(Classification& classification, std::span<const double> scores,
                     const std::vector<BorderlineCut>& cuts) {
  if (!classification.pattern && classification.label.empty()) return false;
  const bool near = std::any_of(cuts.begin(), cuts.end(), [&](const BorderlineCut& cut) {
    return within_sem(scores[cut.col], cut.cutoff, cut.sem);
  });
  if (near) classification.flags.emplace_back("borderline");
  return near;
}

}  // namespace attune

#include "attune/responses/observed_range.h"

#include <algorithm>

#include <fmt/format.h>

#include "attune/responses/likert_coding.h"

namespace attune {

void ObservedRange::merge(const ObservedRange& other) {
  low_ = std::min(low_, other.low_);
  high_ = std::max(high_, other.high_);
  answers_ += other.answers_;
  respondents_ += other.respondents_;
}

// The rule: an end of the declared scale (its lowest or highest answer) that no answer reached,
// in at least 1,000 answers from at least 30 respondents. Its false-alarm rate: if each answer
// independently took that end with probability p >= 1%, all 1,000 miss it with probability
// (1 - p)^1000 <= 0.99^1000 = 4.3e-5; answers of one person are not independent, so counted
// by respondents instead (each using the end at least once with probability >= 25%, a weak
// assumption for a whole questionnaire), 0.75^30 = 1.8e-4. Data really collected on the
// declared scale thus trips it less than once in 5,000 runs; data on a narrower scale always
// does. It is a warning, not an error: a small or homogeneous sample can truly avoid an end, the
// scores are right if the scale was the declared one, and --range MIN:MAX settles it either way.
std::string narrow_range_warning(const ObservedRange& seen, const ResponseScale& scale,
                                 const std::string& instrument_id) {
  // Only rating scales (whole answers, the 2 to 15 points of a Likert coding) have ends that a
  // large sample reaches; a slider of 0..100 need not.
  if (!scale.integer || !LikertCoding::of_range(scale.min, scale.max)) return "";
  if (seen.answers() < kNarrowRangeMinAnswers || seen.respondents() < kNarrowRangeMinRespondents) return "";
  bool top_missing = seen.high() < scale.max;
  bool bottom_missing = seen.low() > scale.min;
  if (!top_missing && !bottom_missing) return "";
  if (top_missing && bottom_missing) {
    return fmt::format(
        "{}: no answer reached either end of the declared {}..{} response scale: {} answers of {} respondents run "
        "from {} to {}. Give --range MIN:MAX with the scale the data were collected on (reversed items and "
        "midpoints follow it), or --range {}:{} to confirm the declared one",
        instrument_id, scale.min, scale.max, seen.answers(), seen.respondents(), seen.low(), seen.high(), scale.min,
        scale.max);
  }
  double low = top_missing ? scale.min : seen.low();
  double high = top_missing ? seen.high() : scale.max;
  return fmt::format(
      "{}: no answer reached the {} of the declared {}..{} response scale: {} answers of {} respondents run from {} "
      "to {}. If the data were collected on {}..{}, give --range {}:{} (reversed items and midpoints follow it); "
      "if they were collected on {}..{}, give --range {}:{} to confirm",
      instrument_id, top_missing ? "top" : "bottom", scale.min, scale.max, seen.answers(), seen.respondents(),
      seen.low(), seen.high(), low, high, low, high, scale.min, scale.max, scale.min, scale.max);
}

}  // namespace attune

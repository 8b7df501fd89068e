// The answers a run actually saw, against the response scale it declared: catches data
// collected on a narrower scale than the instrument's (an ECR answered on 1..5 and scored as
// 1..7 reverse-keys every reversed item as 8 - x instead of 6 - x, silently).
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <span>
#include <string>

#include "attune/instrument/instrument.h"

namespace attune {

// The lowest and highest answer seen over every item of every row, and how many answers and
// answering respondents there were. Rows may be added in any order and merged (threads).
class ObservedRange {
 public:
  // Adds one respondent's item values (NaN = missing).
  void add(std::span<const double> items) {
    std::uint64_t answered = 0;
    for (double x : items) {
      if (std::isnan(x)) continue;
      ++answered;
      if (x < low_) low_ = x;
      if (x > high_) high_ = x;
    }
    count(answered);
  }

  // Adds one respondent's Likert codes: 0 missing, else the answer base + code.
  void add_codes(std::span<const std::uint8_t> codes, int base) {
    unsigned lo = 255, hi = 0;
    std::uint64_t answered = 0;
    for (std::uint8_t c : codes) {
      if (c == 0) continue;
      ++answered;
      lo = c < lo ? c : lo;
      hi = c > hi ? c : hi;
    }
    if (answered) {
      low_ = std::min(low_, double(base + int(lo)));
      high_ = std::max(high_, double(base + int(hi)));
    }
    count(answered);
  }

  // Adds what another part of the same run saw.
  void merge(const ObservedRange& other);

  // Whether both ends of `scale` have been seen (nothing more can change the verdict).
  bool reaches(const ResponseScale& scale) const { return low_ <= scale.min && high_ >= scale.max; }

  double low() const { return low_; }
  double high() const { return high_; }
  std::uint64_t answers() const { return answers_; }
  std::uint64_t respondents() const { return respondents_; }

 private:
  void count(std::uint64_t answered) {
    answers_ += answered;
    respondents_ += answered != 0;
  }
  double low_ = std::numeric_limits<double>::infinity();
  double high_ = -std::numeric_limits<double>::infinity();
  std::uint64_t answers_ = 0;
  std::uint64_t respondents_ = 0;
};

// The sample a missing end must be absent from before it is reported: at least this many
// answers from at least this many respondents (the rule and its false-alarm rate are in
// observed_range.cpp and the README's "Safety checks").
inline constexpr std::uint64_t kNarrowRangeMinAnswers = 1000;
inline constexpr std::uint64_t kNarrowRangeMinRespondents = 30;

// A warning when the answers of `instrument_id` never reached the top or the bottom of the
// declared `scale` in a sample large enough to make that implausible by chance, naming the
// observed and declared ranges and the --range that settles it; "" otherwise. The caller asks
// only when the user gave no --range (an explicit range settles the question).
std::string narrow_range_warning(const ObservedRange& seen, const ResponseScale& scale,
                                 const std::string& instrument_id);

}  // namespace attune

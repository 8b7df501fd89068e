#include "attune/quality/longstring.h"

#include <algorithm>
#include <cmath>

namespace attune {

// Johnson 2005 "LongString"; careless::longstring (max and mean of rle() lengths).
LongstringResult longstring(std::span<const double> answers) {
  LongstringResult result;
  const bool any_answered =
      std::any_of(answers.begin(), answers.end(), [](double x) { return !std::isnan(x); });
  if (!any_answered) {
    result.longest = NAN;
    result.average = NAN;
    return result;
  }
  std::size_t longest = 0, current = 0;
  for (std::size_t i = 0; i < answers.size(); ++i) {
    // A run continues only if both answers are present and equal; NaN never equals anything.
    const bool continues = i > 0 && answers[i] == answers[i - 1];
    if (continues) {
      ++current;
    } else {
      ++result.runs;
      current = 1;
    }
    longest = std::max(longest, current);
  }
  result.longest = static_cast<double>(longest);
  result.average = static_cast<double>(answers.size()) / static_cast<double>(result.runs);
  return result;
}

}  // namespace attune

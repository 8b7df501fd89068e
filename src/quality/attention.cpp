#include "attune/quality/attention.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "attune/util/error.h"

namespace attune {

// Meade & Craig 2012 instructed-response items: a wrong or missing answer is a failure.
AttentionResult attention(std::span<const double> row, const std::vector<AttentionCheck>& checks) {
  AttentionResult result;
  for (const AttentionCheck& check : checks) {
    if (check.index >= row.size()) {
      throw usage_error(fmt::format("attention check on item {} ({}) is outside the row",
                                    check.item, check.column));
    }
    if (check.expected.empty()) {
      throw usage_error(fmt::format("attention check on item {} ({}) has no expected value",
                                    check.item, check.column));
    }
    ++result.checks;
    const double answer = row[check.index];
    if (std::isnan(answer)) {
      ++result.missing;
      ++result.failed;
    } else if (std::find(check.expected.begin(), check.expected.end(), answer) ==
               check.expected.end()) {
      ++result.failed;
    }
  }
  return result;
}

}  // namespace attune

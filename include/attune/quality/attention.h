// Attention checks (instructed-response items, Meade & Craig 2012) and completion time.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <vector>

namespace attune {

// One instructed-response item declared in the instrument YAML, e.g.
//   attention_checks: [{item: 37, column: Q37, expected: 2}]   (or expected: [1, 2])
struct AttentionCheck {
  std::size_t index = 0;          // position of the check's value in the row passed in
  int item = 0;                   // its published item number (for messages)
  std::string column;             // its response-file column
  std::vector<double> expected;   // accepted answers (at least one)
};

// How a respondent did on the attention checks.
struct AttentionResult {
  std::size_t checks = 0;
  std::size_t failed = 0;   // answered with a value not in `expected`, or left blank
  std::size_t missing = 0;  // left blank (also counted in `failed`)
};

// Compares each check's answer (raw, NaN = missing) with its accepted values by exact
// equality. A blank attention check counts as failed: the instruction was not followed.
// Throws usage_error when a check's index is outside `row` or it has no expected value.
AttentionResult attention(std::span<const double> row, const std::vector<AttentionCheck>& checks);

}  // namespace attune

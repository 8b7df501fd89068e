// Shared by the unit tests and the codes fuzz target: the four-item instrument their lines are
// parsed with, and what ResponseParser::parse_line_codes must make of a line's values.
#pragma once

#include <cmath>
#include <string>
#include <vector>

#include "attune/instrument/loader.h"

namespace attune::test {

// Four items q1..q4 answered 1..5; 9 is a missing code of the instrument.
inline Instrument four_items() {
  return load_instrument_text(R"(id: four
name: Four
version: "1"
citation: "Test."
response: {min: 1, max: 5, missing: ["9"]}
items: {count: 4, column: "q{n}"}
scales:
  a: {keys: [1, 2]}
  b: {keys: [3, 4]}
)",
                              "four.yaml");
}

// Its header: the items out of order among an id and two text columns ("note" is kept).
inline const std::vector<std::string> kFourItemsHeader = {"id", "q2", "q1", "note", "q3", "q4", "other"};

// The code of a parsed value: 0 for missing (NaN), x - base for an answer.
inline int code_of(double x, int base) { return std::isnan(x) ? 0 : static_cast<int>(x) - base; }

// Whether every value is missing or a whole answer base + 1 .. base + levels: a line whose
// values are all codes is one parse_line_codes must take.
inline bool all_codes(const std::vector<double>& values, int base, unsigned levels) {
  for (double x : values)
    if (!(std::isnan(x) || (x == std::trunc(x) && x - base >= 1 && x - base <= levels))) return false;
  return true;
}

}  // namespace attune::test

// Turning one response cell into a number: in-range values, response labels, missing codes.
#pragma once

#include <cmath>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "attune/instrument/instrument.h"

namespace attune {

// What to do with a cell that is neither a valid answer nor a missing code.
enum class InvalidPolicy { error, missing };

// What happened to a cell.
enum class CellStatus { value, missing, invalid };

// The result of parsing one cell: a value (NaN unless status is value) and, for invalid
// cells, why.
struct ParsedCell {
  CellStatus status = CellStatus::missing;
  double value = NAN;
  std::string problem;   // set when invalid
};

// Parses cells against a response scale; missing codes are the scale's plus `extra_missing`.
class CellParser {
 public:
  // `decimal_mark` is '.' or ',' (European exports: "3,5").
  CellParser(ResponseScale scale, std::vector<std::string> extra_missing, char decimal_mark = '.');

  // Classifies one cell. Never throws.
  ParsedCell parse(std::string_view cell) const;

  // A hint for an invalid cell: the option that would fix it (e.g. "--missing 0").
  std::string hint_for(std::string_view cell) const;

  const ResponseScale& scale() const { return scale_; }

 private:
  std::optional<double> number(std::string_view text) const;

  ResponseScale scale_;
  std::vector<std::string> missing_;
  char decimal_mark_;
};

}  // namespace attune

// Turning one response cell into a number: in-range values, response labels, missing codes.
#pragma once

#include <cmath>
#include <cstdint>
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

// Parses cells against a response scale; missing codes are the scale's plus `extra_missing`,
// but for an extra code that is also one of the scale's response labels: the instrument's
// label wins (an instrument labelling an answer "NA" reads NA as that answer).
class CellParser {
 public:
  // `decimal_mark` is '.' or ',' (European exports: "3,5").
  CellParser(ResponseScale scale, std::vector<std::string> extra_missing, char decimal_mark = '.');

  // Classifies one cell. Never throws.
  ParsedCell parse(std::string_view cell) const;

  // Classifies one cell as parse() does, without building a message for an invalid cell
  // (parse() says why). The hot path of scoring: no allocation. Never throws.
  CellStatus classify(std::string_view cell, double& value) const {
    // Fastest path: one digit (a Likert answer), looked up.
    if (cell.size() == 1) {
      const auto digit = static_cast<unsigned>(static_cast<unsigned char>(cell[0])) - unsigned{'0'};
      if (answer_digit(digit)) {
        value = digit;
        return CellStatus::value;
      }
    }
    // Fast path: a plain unsigned integer of 1 to 9 digits, as almost every Likert cell is. It
    // gives what parse() gives: no white space to trim, only an all-digit code can equal it,
    // and from_chars would read the same whole number.
    if (cell.size() - 1 < 9) {
      std::uint32_t whole = 0;
      bool digits = true;
      for (char c : cell) {
        auto digit = static_cast<unsigned>(static_cast<unsigned char>(c)) - unsigned{'0'};
        digits = digits && digit <= 9;
        whole = whole * 10 + digit;
      }
      const double number = whole;
      if (digits && digit_missing_.empty() && number >= scale_.min && number <= scale_.max) {
        value = number;
        return CellStatus::value;
      }
    }
    return classify_slow(cell, value);
  }

  // Whether the one-digit cell `digit` (its byte minus '0') is an answer (classify: a value).
  bool answer_digit(unsigned digit) const { return digit <= 9 && single_digit_value_[digit]; }

  // A hint for an invalid cell: the option that would fix it (e.g. "--missing 0").
  std::string hint_for(std::string_view cell) const;

  const ResponseScale& scale() const { return scale_; }

 private:
  std::optional<double> number(std::string_view text) const;
  CellStatus classify_slow(std::string_view cell, double& value) const;

  ResponseScale scale_;
  std::vector<std::string> missing_;        // trimmed missing codes
  std::vector<std::string> digit_missing_;  // those made only of digits (may equal a plain number)
  bool single_digit_value_[10] = {};        // the digit is an answer: in range, not a missing code
  char decimal_mark_;
};

}  // namespace attune

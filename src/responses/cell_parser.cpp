#include "attune/responses/cell_parser.h"

#include <algorithm>
#include <charconv>
#include <cstdint>

#include <fmt/format.h>

#include "attune/util/text.h"

namespace attune {

CellParser::CellParser(ResponseScale scale, std::vector<std::string> extra_missing, char decimal_mark)
    : scale_(std::move(scale)), missing_(scale_.missing_codes), decimal_mark_(decimal_mark) {
  for (auto& code : extra_missing) {
    bool label = false;
    for (const auto& [value, text] : scale_.labels) label = label || fold_label(text) == fold_label(code);
    if (!label && !trim(code).empty()) missing_.push_back(std::move(code));
  }
  // Trimmed once here, not for every cell.
  for (auto& code : missing_) {
    code = std::string(trim(code));
    bool digits = !code.empty();
    for (char c : code) digits = digits && c >= '0' && c <= '9';
    if (digits) digit_missing_.push_back(code);
  }
  for (int digit = 0; digit <= 9; ++digit) {
    const std::string text(1, static_cast<char>('0' + digit));
    single_digit_value_[digit] = digit >= scale_.min && digit <= scale_.max &&
                                 std::find(digit_missing_.begin(), digit_missing_.end(), text) == digit_missing_.end();
  }
}

// classify() without its fast path's restrictions: empty cells, all-digit missing codes, and
// everything parse() must look at.
CellStatus CellParser::classify_slow(std::string_view cell, double& value) const {
  value = NAN;
  if (cell.empty()) return CellStatus::missing;
  if (cell.size() - 1 < 9 && cell.find_first_not_of("0123456789") == std::string_view::npos) {
    // All digits, and all-digit missing codes exist (e.g. --missing 0): compare the text.
    for (const auto& missing : digit_missing_) {
      if (missing == cell) return CellStatus::missing;
    }
    double number = 0;
    std::from_chars(cell.data(), cell.data() + cell.size(), number);
    if (number >= scale_.min && number <= scale_.max) {
      value = number;
      return CellStatus::value;
    }
  }
  ParsedCell parsed = parse(cell);
  value = parsed.value;
  return parsed.status;
}

// A plain decimal number ("4", "-2", "3.5", "1e2"); no "nan", "inf", hex or trailing text.
static std::optional<double> parse_plain_number(std::string_view text) {
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  if (text.empty()) return std::nullopt;
  double value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value, std::chars_format::general);
  if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) return std::nullopt;
  return value + 0.0;   // -0 is 0
}

// A number written with this parser's decimal mark; "3.5" is not a number under --decimal ','
// and "3,5" is not one under '.', so mixed marks never pass silently.
std::optional<double> CellParser::number(std::string_view text) const {
  if (decimal_mark_ == '.') return parse_plain_number(text);
  if (text.find('.') != std::string_view::npos || text.size() > 64) return std::nullopt;
  char buffer[64];
  for (std::size_t i = 0; i < text.size(); ++i) buffer[i] = text[i] == ',' ? '.' : text[i];
  return parse_plain_number(std::string_view(buffer, text.size()));
}

ParsedCell CellParser::parse(std::string_view cell) const {
  std::string_view text = trim(cell);
  if (text.empty()) return {CellStatus::missing, NAN, {}};
  for (const auto& code : missing_) {
    if (iequals(code, text)) return {CellStatus::missing, NAN, {}};
  }
  if (auto value = number(text)) {
    if (*value < scale_.min || *value > scale_.max) {
      return {CellStatus::invalid, NAN,
              fmt::format("value {} is out of range {}..{}", show_text(text), scale_.min, scale_.max)};
    }
    if (scale_.integer && *value != std::floor(*value)) {
      return {CellStatus::invalid, NAN,
              fmt::format("value {} is not a whole number; the response scale is {}..{} in whole steps",
                          show_text(text), scale_.min, scale_.max)};
    }
    return {CellStatus::value, *value, {}};
  }
  if (!scale_.labels.empty()) {
    std::string folded = fold_label(text);
    for (const auto& [value, label] : scale_.labels) {
      if (fold_label(label) == folded) return {CellStatus::value, value, {}};
    }
  }
  return {CellStatus::invalid, NAN,
          fmt::format("value {} is not a number{}", show_text(text),
                      scale_.labels.empty() ? "" : " or a response label")};
}

// Whether `text` can be suggested as a --missing code: short, printable, and free of the
// list's ',' and of quotes (a 10 MB cell or a newline inside the suggestion broke the message).
static bool suggestable_code(std::string_view text) {
  return !text.empty() && text.size() <= 40 && text.find_first_of(",'") == std::string_view::npos &&
         show_text(text) == "\"" + std::string(text) + "\"";
}

std::string CellParser::hint_for(std::string_view cell) const {
  std::string_view text = trim(cell);
  auto value = number(text);
  std::vector<std::string> fixes;
  if (!value && decimal_mark_ == '.' && text.find(',') != std::string_view::npos) {
    std::string swapped(text);
    for (char& c : swapped) c = c == ',' ? '.' : c;
    if (parse_plain_number(swapped)) fixes.push_back("if the data use decimal commas, give --decimal ,");
  }
  if (!value && decimal_mark_ == ',' && parse_plain_number(text)) {
    fixes.push_back("this cell uses a decimal point but --decimal , was given: the file mixes decimal marks");
  }
  const bool decimal_problem = !fixes.empty();
  if (value && (*value < scale_.min || *value > scale_.max)) {
    if (suggestable_code(text)) {
      fixes.push_back(fmt::format("if {} means no answer, add --missing {}", std::string(text), std::string(text)));
    }
    if (*value > scale_.max && *value == std::floor(*value) && *value <= 100) {
      fixes.push_back(fmt::format("if the data use another response scale, give --range {}:{}", scale_.min,
                                  *value));
    }
  } else if (!value && !decimal_problem) {
    if (suggestable_code(text)) {
      fixes.push_back(fmt::format("if {} means no answer, add --missing '{}'", show_text(text), std::string(text)));
    }
    if (!scale_.labels.empty()) {
      std::vector<std::string> labels;
      for (const auto& [v, label] : scale_.labels) labels.push_back(fmt::format("{}={}", v, show_text(label)));
      fixes.push_back(fmt::format("labels are {}", fmt::join(labels, ", ")));
    }
  }
  fixes.push_back(fmt::format("{}give --invalid missing to count such cells as missing", fixes.empty() ? "" : "or "));
  return fmt::format("{}", fmt::join(fixes, "; "));
}

}  // namespace attune

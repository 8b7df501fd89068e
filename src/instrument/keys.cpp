#include "attune/instrument/keys.h"

#include <charconv>

#include "attune/util/error.h"
#include "attune/util/text.h"

namespace attune {

std::string item_given_twice(int number) { return "item " + std::to_string(number) + " is defined twice"; }

std::string column_used_twice(std::string_view column) {
  return "column '" + std::string(column) + "' is used by two items";
}

std::optional<ParsedKey> parse_key(std::string_view text) {
  text = trim(text);
  ParsedKey key;
  if (!text.empty() && text.front() == '-') {
    key.reversed = true;
    text = trim(text.substr(1));
  } else if (!text.empty() && text.front() == '+') {
    text = trim(text.substr(1));
  }
  if (text.empty()) return std::nullopt;
  int number = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (ec == std::errc() && end == text.data() + text.size()) {
    if (number <= 0) return std::nullopt;
    key.number = number;
  } else {
    key.column = std::string(text);
  }
  return key;
}

ColumnPattern::ColumnPattern(std::string pattern) : pattern_(std::move(pattern)) {
  auto at = pattern_.find("{n}");
  if (at == std::string::npos || pattern_.find("{n}", at + 3) != std::string::npos) {
    throw usage_error("column pattern '" + pattern_ + "' must contain {n} exactly once",
                      "write e.g. --columns 'ecr_{n}' for columns ecr_1, ecr_2, ...");
  }
  prefix_ = pattern_.substr(0, at);
  suffix_ = pattern_.substr(at + 3);
}

std::string ColumnPattern::column_for(int number) const {
  return prefix_ + std::to_string(number) + suffix_;
}

}  // namespace attune

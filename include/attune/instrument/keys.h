// psych-style scoring keys ("9", "-9", "Q9", "-Q9") and column name patterns ("ecr_{n}").
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace attune {

// A key names an item by number or by column name; a leading '-' reverses it.
struct ParsedKey {
  bool reversed = false;
  std::optional<int> number;   // set when the key is numeric
  std::string column;          // set when the key is a name
};

// Parses one key; nullopt when the text is empty or just "-".
std::optional<ParsedKey> parse_key(std::string_view text);

// The messages of the two mistakes in giving items their columns, the same from a definition's
// item list and from score's --map: "item 3 is defined twice", "column 'Q1' is used by two items".
std::string item_given_twice(int number);
std::string column_used_twice(std::string_view column);

// A column name pattern with one `{n}` placeholder for the item number.
class ColumnPattern {
 public:
  // Throws a usage Error when `pattern` has no `{n}` or more than one.
  explicit ColumnPattern(std::string pattern);

  // The column name for item `number`.
  std::string column_for(int number) const;
  const std::string& text() const { return pattern_; }

 private:
  std::string pattern_;
  std::string prefix_, suffix_;
};

}  // namespace attune

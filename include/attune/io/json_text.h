// JSON string quoting shared by every JSON output.
#pragma once

#include <string>
#include <string_view>

namespace attune {

// Appends `text` as a JSON string literal; bytes that are not valid UTF-8 become U+FFFD.
void append_json_string(std::string& out, std::string_view text);

// `text` as a JSON string literal.
std::string json_string(std::string_view text);

}  // namespace attune

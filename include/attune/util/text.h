// Small string helpers that know nothing of attune.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace attune {

// `text` without leading and trailing ASCII white space.
std::string_view trim(std::string_view text);
// ASCII case-insensitive equality.
bool iequals(std::string_view a, std::string_view b);
// Lowercased, trimmed, inner white space runs folded to one space (label matching).
std::string fold_label(std::string_view text);
// Splits on `sep`, keeping empty parts.
std::vector<std::string> split(std::string_view text, char sep);
// Levenshtein edit distance, case-insensitive.
std::size_t edit_distance(std::string_view a, std::string_view b);
// Up to `limit` candidates closest to `name` (by edit distance, within a sensible bound).
std::vector<std::string> closest_names(std::string_view name, const std::vector<std::string>& candidates,
                                       std::size_t limit = 3);
// Reads a whole file; throws an io Error naming it.
std::string read_file(const std::string& path);

}  // namespace attune

namespace attune {
// `text` in double quotes for an error message: control bytes and invalid UTF-8 escaped as
// \xNN, cut to `limit` bytes with "..." after.
std::string show_text(std::string_view text, std::size_t limit = 40);
// `text` as a terminal may show it: every control shown as \xNN (C0 controls, DEL, the C1
// controls U+0080..U+009F byte by byte, and bytes that are not UTF-8), so that no escape
// sequence in data or a definition reaches the terminal; with keep_line_breaks, LF and TAB stay.
// The one escaping of every text bound for a terminal (tables, messages, describe, show_text).
std::string escape_controls(std::string_view text, bool keep_line_breaks = false);
// Formats a number for a message: "4", "3.5", "1e+20".
std::string show_number(double value);
}  // namespace attune

// The formats survey responses can come in, chosen by a file's extension or by name
// (--input-format), and recognised from the first bytes read (open_input sniffs them once).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace attune {

enum class InputFormat { csv, sav, zsav, dta, sas7bdat };

// "csv" | "sav" | "zsav" | "dta" | "sas7bdat" (case-insensitive); nullopt otherwise.
std::optional<InputFormat> parse_input_format(std::string_view text);
// The name parse_input_format() accepts: "csv", "sav", ...
std::string_view input_format_name(InputFormat format);
// A phrase for messages: "an SPSS .sav file", "a Stata .dta file", "a CSV text file", ...
std::string_view input_format_description(InputFormat format);
// The format a path's extension names (case-insensitive); CSV for any other path and "-".
InputFormat input_format_for_path(const std::string& path);
// Whether two formats are read by the same parser (.sav and .zsav are).
bool same_input_family(InputFormat a, InputFormat b);

// What a file's first bytes (at least 32 when the file has them) say it is: a binary
// format by its magic number, csv for text without NUL bytes, nullopt when unrecognised.
std::optional<InputFormat> sniff_input_format(std::string_view first_bytes);

}  // namespace attune

// Quoting words for a POSIX shell, so that a command line can be shown and run again as typed.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace attune {

// `word` as one POSIX shell word: as it is when it holds only characters no shell treats
// specially (letters, digits, and _ - . , / : = @ % +), else in single quotes, each ' written '\''.
std::string shell_quote(std::string_view word);

// The words quoted and joined by spaces.
std::string shell_command(const std::vector<std::string>& words);

}  // namespace attune

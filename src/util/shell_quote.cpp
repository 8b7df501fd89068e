#include "attune/util/shell_quote.h"

namespace attune {

namespace {

// Whether `c` means nothing to a POSIX shell outside quotes (XCU 2.2), anywhere in a word.
bool plain_in_shell(char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  switch (c) {
    case '_': case '-': case '.': case ',': case '/': case ':': case '=': case '@': case '%': case '+':
      return true;
    default:
      return false;
  }
}

}  // namespace

std::string shell_quote(std::string_view word) {
  bool plain = !word.empty();
  for (char c : word) plain = plain && plain_in_shell(c);
  if (plain) return std::string(word);
  std::string quoted = "'";
  for (char c : word) {
    if (c == '\'') quoted += "'\\''";
    else quoted += c;
  }
  return quoted + "'";
}

std::string shell_command(const std::vector<std::string>& words) {
  std::string command;
  for (const auto& word : words) {
    if (!command.empty()) command += ' ';
    command += shell_quote(word);
  }
  return command;
}

}  // namespace attune

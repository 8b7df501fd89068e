// Typed errors thrown by the library. Only src/cli/ turns them into messages and exit codes.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>

namespace attune {

// Where a problem is: a file (or "<stdin>"), and 1-based line and column (0 = unknown).
struct SourceLocation {
  std::string file;
  std::size_t line = 0;
  std::size_t column = 0;

  // "file:line:col", omitting the parts that are unknown.
  std::string to_string() const;
};

// What kind of mistake an error reports; the CLI maps usage to exit 2, the rest to exit 1.
enum class ErrorKind { data, definition, usage, io };

// An error with a location, a statement of what is wrong and a hint saying what to do.
// what() is "file:line:col: message (hint)".
class Error : public std::runtime_error {
 public:
  Error(ErrorKind kind, SourceLocation where, std::string message, std::string hint = {});

  ErrorKind kind() const { return kind_; }
  const SourceLocation& where() const { return where_; }
  const std::string& message() const { return message_; }
  const std::string& hint() const { return hint_; }

 private:
  ErrorKind kind_;
  SourceLocation where_;
  std::string message_;
  std::string hint_;
};

// Shorthands for the common kinds.
Error data_error(SourceLocation where, std::string message, std::string hint = {});
Error definition_error(SourceLocation where, std::string message, std::string hint = {});
Error usage_error(std::string message, std::string hint = {});
Error io_error(SourceLocation where, std::string message, std::string hint = {});

}  // namespace attune

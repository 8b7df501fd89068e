#include "attune/util/error.h"

#include <fmt/format.h>

namespace attune {

std::string SourceLocation::to_string() const {
  if (file.empty()) return {};
  if (line == 0) return file;
  if (column == 0) return fmt::format("{}:{}", file, line);
  return fmt::format("{}:{}:{}", file, line, column);
}

static std::string compose(const SourceLocation& where, const std::string& message,
                           const std::string& hint) {
  std::string out = where.to_string();
  if (!out.empty()) out += ": ";
  out += message;
  if (!hint.empty()) out += fmt::format(" ({})", hint);
  return out;
}

Error::Error(ErrorKind kind, SourceLocation where, std::string message, std::string hint)
    : std::runtime_error(compose(where, message, hint)),
      kind_(kind),
      where_(std::move(where)),
      message_(std::move(message)),
      hint_(std::move(hint)) {}

Error data_error(SourceLocation where, std::string message, std::string hint) {
  return Error(ErrorKind::data, std::move(where), std::move(message), std::move(hint));
}
Error definition_error(SourceLocation where, std::string message, std::string hint) {
  return Error(ErrorKind::definition, std::move(where), std::move(message), std::move(hint));
}
Error usage_error(std::string message, std::string hint) {
  return Error(ErrorKind::usage, {}, std::move(message), std::move(hint));
}
Error io_error(SourceLocation where, std::string message, std::string hint) {
  return Error(ErrorKind::io, std::move(where), std::move(message), std::move(hint));
}

}  // namespace attune

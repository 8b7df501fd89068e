// Reading and checking instrument definitions (YAML). The schema is documented in
// instruments/README.md.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "attune/instrument/instrument.h"

namespace attune {

// One problem found in a definition, with its place in the YAML.
struct Problem {
  SourceLocation where;
  std::string message;
};

// Everything a check found: the instrument when there were no problems, and what a private
// definition may leave as it is but a shared one should settle (no version or citation; an id
// that differs from the file name), which `check --strict` counts as problems.
struct CheckResult {
  std::optional<Instrument> instrument;
  std::vector<Problem> problems;
  std::vector<Problem> warnings;
};

// Parses and validates a definition held in memory; `source` names it in messages.
CheckResult check_instrument_text(std::string_view yaml, const std::string& source);

// Reads and validates the definition in `path`; an unreadable file is one problem. Warns when
// the definition's id is not its file name (the registry finds definitions by file name).
CheckResult check_instrument_file(const std::string& path);

// Loads a definition, throwing a definition Error for the first problem (and how many more).
Instrument load_instrument_file(const std::string& path);

// As load_instrument_file, from memory.
Instrument load_instrument_text(std::string_view yaml, const std::string& source);

}  // namespace attune

// Checks of numeric option values, run on the text before CLI11 converts it: a negative number
// or 2^64 given to an unsigned option would otherwise wrap around, and NaN or infinity pass
// every comparison a command makes afterwards. Each names the option and the values it takes.
#pragma once

#include <cstdint>

#include <CLI/CLI.hpp>

namespace attune::cli {

// A whole number from `low` to `high` (written in digits: no sign, exponent or fraction; decimal,
// so 0x10 is refused rather than read as 16); `meaning` says what a value means, e.g. "0: one per core".
CLI::Validator whole_number(std::uint64_t low, std::uint64_t high, std::string meaning = {});

// --threads N: a whole number from 0 (one per core) up, as whole_number.
CLI::Validator thread_count();

// Any value but an empty one (`--digits ''` from an unset shell variable), which would read as
// the option not given; `what` says what the value is.
CLI::Validator not_empty(std::string what);

// A finite number from `low` to `high`; an open end excludes its bound.
CLI::Validator finite_number(double low, double high, bool low_open = false, bool high_open = false);

}  // namespace attune::cli

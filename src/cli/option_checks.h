// Checks of numeric option values, run on the text before CLI11 converts it: a negative number
// or 2^64 given to an unsigned option would otherwise wrap around, and NaN or infinity pass
// every comparison a command makes afterwards. Each names the option and the values it takes.
#pragma once

#include <cstdint>

#include <CLI/CLI.hpp>

namespace attune::cli {

// A whole number from `low` to `high` (written in digits: no sign, exponent or fraction).
CLI::Validator whole_number(std::uint64_t low, std::uint64_t high);

// A finite number from `low` to `high`; an open end excludes its bound.
CLI::Validator finite_number(double low, double high, bool low_open = false, bool high_open = false);

}  // namespace attune::cli

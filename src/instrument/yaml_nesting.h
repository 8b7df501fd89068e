// Private to src/instrument: the nesting pre-check run before yaml-cpp parses a definition.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace attune {

// The deepest a definition may nest (flow brackets and block indentation levels together).
inline constexpr std::size_t kMaxYamlNesting = 64;

// Where a definition first nests deeper than kMaxYamlNesting (1-based line and column), or
// nullopt. A scan of the bytes, bounded in time and memory, that yaml-cpp never sees past.
struct NestingPlace {
  std::size_t line = 0, column = 0;
};
std::optional<NestingPlace> find_deep_nesting(std::string_view yaml);

}  // namespace attune

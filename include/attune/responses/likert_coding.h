// Likert answers as one byte each: the form in which score and analyze read, sum and hand
// between threads the answers of a range of 2 to 15 whole numbers.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

namespace attune {

// Answers base + 1 .. base + levels held as codes 1 .. levels, 0 for no answer (NaN).
struct LikertCoding {
  int base = 0;
  unsigned levels = 0;

  // The most levels a coding has: a code fits in four bits (the byte kernels count 16 bins).
  static constexpr unsigned kMaxLevels = 15;

  // The coding of the answers min..max: when both are whole numbers below 1e9 in magnitude and
  // there are 2 to kMaxLevels of them; else nullopt.
  static std::optional<LikertCoding> of_range(double min, double max) {
    if (!(min == std::floor(min) && max == std::floor(max) && std::fabs(min) < 1e9 && std::fabs(max) < 1e9))
      return std::nullopt;
    const double levels = max - min + 1;
    if (levels < 2 || levels > kMaxLevels) return std::nullopt;
    return LikertCoding{static_cast<int>(min) - 1, static_cast<unsigned>(levels)};
  }

  // The answer that code u (1 .. levels) stands for.
  double answer(unsigned u) const { return static_cast<double>(base) + static_cast<double>(u); }

  // x's code into `code`: 0 for NaN, x - base for a whole x in base + 1 .. base + levels. False
  // (`code` unspecified) for any other value.
  bool encode(double x, std::uint8_t& code) const {
    // x - base truncated and converted back equals it (so neither NaN nor a fraction) within
    // 1 .. levels, or NaN: no branch, so a row's loop vectorises.
    const double v = x - static_cast<double>(base);
    const bool in_range = v >= 1 && v <= static_cast<double>(levels);   // false for NaN
    code = static_cast<std::uint8_t>(in_range ? static_cast<int>(v) : 0);
    return in_range ? static_cast<double>(code) == v : std::isnan(v);
  }
  // Each value's code into codes[c]: true when every value has one (codes unspecified else).
  bool encode(std::span<const double> values, std::uint8_t* codes) const {
    bool all = true;
    for (std::size_t c = 0; c < values.size(); ++c) all = encode(values[c], codes[c]) & all;
    return all;
  }

  // The one-digit answers that have a code: bit d set when d (0 .. 9) is in base + 1 .. base + levels.
  unsigned digits() const {
    const int lo = base + 1 > 0 ? base + 1 : 0, hi = base + static_cast<int>(levels) < 9 ? base + static_cast<int>(levels) : 9;
    return hi < lo ? 0u : ((2u << hi) - 1u) & ~((1u << lo) - 1u);
  }

  bool operator==(const LikertCoding&) const = default;
};

}  // namespace attune

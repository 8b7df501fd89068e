// Private to src/scoring: exact fractions behind scale scores, so that a computed score (a
// weighted sum or a mean of scale scores) is one correctly rounded division of integers.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <optional>

namespace attune {

// numerator / denominator, denominator > 0.
struct Fraction {
  std::int64_t numerator = 0;
  std::int64_t denominator = 1;
};

// The fraction S / d with d <= most whose correctly rounded quotient is v (a mean of d whole
// answers, as Scorer::finish divides it), or nullopt if none. Two distinct such fractions differ
// by |pq' - p'q| / qq' >= 1/most^2, and two values rounding to v by at most an ulp of v
// (<= 2^-52 |v|): so |v| most^2 < 2^51 makes the one found the only one, the value behind v.
inline std::optional<Fraction> fraction_of(double v, std::size_t most) {
  const double bound = static_cast<double>(most) * static_cast<double>(most);
  if (!(std::fabs(v) * bound < 0x1p51) || most == 0) return std::nullopt;
  for (std::size_t d = most; d >= 1; --d) {   // most first: a full scale is the common row
    const double denominator = static_cast<double>(d);
    const double product = v * denominator;   // |product| < 2^51: rounded to nearest by the cast
    const auto numerator = static_cast<std::int64_t>(product < 0 ? product - 0.5 : product + 0.5);
    if (static_cast<double>(numerator) / denominator == v) return Fraction{numerator, static_cast<std::int64_t>(d)};
  }
  return std::nullopt;
}

// n / d correctly rounded: one double division when both are below 2^53 (exact as doubles);
// else a long double one (exact operands below 2^64; rounded twice, at most half an ulp more).
inline double divide(std::int64_t n, std::int64_t d) {
  if (n > -(std::int64_t{1} << 53) && n < (std::int64_t{1} << 53) && d < (std::int64_t{1} << 53)) {
    return static_cast<double>(n) / static_cast<double>(d);
  }
  return static_cast<double>(static_cast<long double>(n) / static_cast<long double>(d));
}

// Sums fractions exactly over a common denominator (the same one kept, else the product: no
// division on the row's path); false once a step would leave 64 bits, when the caller falls
// back to floating point.
class FractionSum {
 public:
  bool add(Fraction f, std::int64_t weight) {
    std::int64_t term = 0;
    if (__builtin_mul_overflow(f.numerator, weight, &term)) return false;
    if (f.denominator == sum_.denominator) return !__builtin_add_overflow(sum_.numerator, term, &sum_.numerator);
    std::int64_t denominator = 0, left = 0, right = 0;
    if (__builtin_mul_overflow(sum_.denominator, f.denominator, &denominator) ||
        __builtin_mul_overflow(sum_.numerator, f.denominator, &left) ||
        __builtin_mul_overflow(term, sum_.denominator, &right) || __builtin_add_overflow(left, right, &left)) {
      return false;
    }
    sum_ = {left, denominator};
    return true;
  }
  // The sum divided by `divisor` (> 0), correctly rounded (divide()); nullopt on overflow.
  std::optional<double> value(std::int64_t divisor) const {
    std::int64_t d = 0;
    if (__builtin_mul_overflow(sum_.denominator, divisor, &d)) return std::nullopt;
    return divide(sum_.numerator, d);
  }

 private:
  Fraction sum_;
};

}  // namespace attune

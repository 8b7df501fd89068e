// Rows of doubles packed one byte per small whole value, for handing between threads.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <vector>

namespace attune {

// PackedRows' codes: -128 NaN, -127 a wide value, others the whole number itself.
namespace packed_codes {
constexpr std::int8_t kMissing = -128, kWide = -127, kLowest = -126, kHighest = 127;
// The double of each code, indexed by the code's byte (NaN for kMissing and kWide).
struct Values {
  double of[256];
  constexpr Values() : of() {
    for (int b = 0; b < 256; ++b) of[b] = b < 128 ? b : b - 256;
    of[static_cast<std::uint8_t>(kMissing)] = std::numeric_limits<double>::quiet_NaN();
    of[static_cast<std::uint8_t>(kWide)] = std::numeric_limits<double>::quiet_NaN();
  }
};
inline constexpr Values kPackedValues{};
}  // namespace packed_codes

// Rows of a fixed number of doubles, stored as one signed byte per value where the value is a
// whole number in [-126, 127] (not -0), -128 for NaN, and -127 for "the next value of `wide`",
// which holds every other value exactly. Unpacking gives back the same doubles, bit for bit
// (any NaN comes back as the quiet NaN). A row of Likert answers takes one byte per value instead of eight,
// which is what crosses between cores.
class PackedRows {
 public:
  // Appends one row.
  void add(std::span<const double> row) {
    const std::size_t at = codes_.size();
    codes_.resize(at + row.size());
    std::int8_t* code = codes_.data() + at;
    for (double x : row) {
      // A whole number in range that is not -0 (its code is its value), else NaN or wide.
      const bool in_range = x >= kLowest && x <= kHighest;   // false for NaN
      const auto v = static_cast<std::int8_t>(in_range ? x : 0);
      if (in_range && static_cast<double>(v) == x && (v != 0 || !std::signbit(x))) {
        *code++ = v;
      } else if (std::isnan(x)) {
        *code++ = kMissing;
      } else {
        *code++ = kWide;
        wide_.push_back(x);
      }
    }
    ++rows_;
  }
  // Calls f(row) for each row in order, `row` being a span of `width` doubles (valid during the call).
  template <typename F>
  void for_each(std::size_t width, std::vector<double>& scratch, F f) const {
    scratch.resize(width);
    double* out = scratch.data();
    const double* wide = wide_.data();
    const std::int8_t* code = codes_.data();
    for (std::size_t r = 0; r < rows_; ++r) {
      for (std::size_t c = 0; c < width; ++c, ++code) {
        const std::int8_t v = *code;
        out[c] = packed_codes::kPackedValues.of[static_cast<std::uint8_t>(v)];
        if (v == kWide) out[c] = *wide++;
      }
      f(std::span<const double>(out, width));
    }
  }
  std::size_t rows() const { return rows_; }
  void clear() {
    codes_.clear();
    wide_.clear();
    rows_ = 0;
  }

 private:
  static constexpr std::int8_t kMissing = packed_codes::kMissing, kWide = packed_codes::kWide,
                               kLowest = packed_codes::kLowest, kHighest = packed_codes::kHighest;

  std::vector<std::int8_t> codes_;
  std::vector<double> wide_;
  std::size_t rows_ = 0;
};

}  // namespace attune

#include "attune/io/number_style.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>

#include <fmt/format.h>

#include "attune/io/record_writer.h"

namespace attune {

namespace {

// Replaces the '.' in [begin, end) by `decimal`.
void set_mark(char* begin, char* end, char decimal) {
  if (decimal == '.') return;
  if (char* dot = std::find(begin, end, '.'); dot != end) *dot = decimal;
}

}  // namespace

char* write_styled_number(char* out, double value, const NumberStyle& style) {
  if (std::isnan(value)) return out;
  if (style.digits < 0) {
    char* end = write_number(out, value);
    set_mark(out, end, style.decimal);
    return end;
  }
  const int digits = std::min(style.digits, kMaxDigits);
  char* end = fmt::format_to(out, "{:.{}f}", value + 0.0, digits);
  if (digits > 0 && std::isfinite(value)) {
    while (end[-1] == '0') --end;   // 3.50 -> 3.5, 18.00 -> 18.
    if (end[-1] == '.') --end;
  }
  if (*out == '-' && std::all_of(out + 1, end, [](char c) { return c == '0' || c == '.'; })) {
    std::memmove(out, out + 1, static_cast<std::size_t>(end - out - 1));   // -0.001 rounds to 0, not -0
    --end;
  }
  set_mark(out, end, style.decimal);
  return end;
}

void append_styled_number(std::string& out, double value, const NumberStyle& style) {
  char text[kStyledNumberRoom];
  out.append(text, static_cast<std::size_t>(write_styled_number(text, value, style) - text));
}

void append_table_number(std::string& out, double value, int decimals, char decimal) {
  if (std::isnan(value)) return;
  const bool whole = std::isfinite(value) && value == std::floor(value) && std::fabs(value) < 1e15;
  const std::size_t start = out.size();
  out += fmt::format("{:.{}f}", value + 0.0, whole ? 0 : std::clamp(decimals, 0, kMaxDigits));
  set_mark(out.data() + start, out.data() + out.size(), decimal);
}

double round_to_digits(double value, int digits) {
  if (digits < 0 || !std::isfinite(value)) return value;
  char text[kStyledNumberRoom];
  char* end = write_styled_number(text, value, {digits, '.'});
  *end = '\0';
  return std::strtod(text, nullptr);
}

}  // namespace attune

#include "attune/util/text_encoding.h"

#include <algorithm>
#include <cctype>

namespace attune {

namespace {

// Windows-1252's bytes 0x80..0x9F (WHATWG Encoding Standard, index-windows-1252); the five it
// leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) map to the C1 code points, as WHATWG does.
constexpr char16_t kCp1252High[32] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};

void append_code_point(std::string& out, unsigned cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

std::string lowered(std::string_view name) {
  std::string out(name);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

}  // namespace

std::optional<TextEncoding> text_encoding_named(std::string_view name) {
  const std::string n = lowered(name);
  if (n == "utf-8" || n == "utf8") return TextEncoding::utf8;
  if (n == "latin1" || n == "latin-1" || n == "iso-8859-1" || n == "iso8859-1") return TextEncoding::latin1;
  if (n == "cp1252" || n == "windows-1252") return TextEncoding::cp1252;
  return std::nullopt;
}

bool has_non_ascii(std::string_view text) {
  return std::any_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
}

// RFC 3629, section 4 (the UTF8-octets grammar).
std::size_t invalid_utf8_at(std::string_view text) {
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  std::size_t i = 0;
  while (i < text.size()) {
    const unsigned char c = byte(i);
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t n = 0;
    unsigned char lo = 0x80, hi = 0xBF;   // the second byte's bounds
    if (c >= 0xC2 && c <= 0xDF) n = 2;
    else if (c == 0xE0) n = 3, lo = 0xA0;
    else if (c >= 0xE1 && c <= 0xEC) n = 3;
    else if (c == 0xED) n = 3, hi = 0x9F;
    else if (c >= 0xEE && c <= 0xEF) n = 3;
    else if (c == 0xF0) n = 4, lo = 0x90;
    else if (c >= 0xF1 && c <= 0xF3) n = 4;
    else if (c == 0xF4) n = 4, hi = 0x8F;
    if (n == 0 || i + n > text.size() || byte(i + 1) < lo || byte(i + 1) > hi) return i;
    for (std::size_t k = 2; k < n; ++k) {
      if ((byte(i + k) & 0xC0) != 0x80) return i;
    }
    i += n;
  }
  return std::string_view::npos;
}

void append_as_utf8(std::string& out, std::string_view bytes, TextEncoding from) {
  if (from == TextEncoding::utf8) {
    out.append(bytes);
    return;
  }
  for (char ch : bytes) {
    const auto c = static_cast<unsigned char>(ch);
    // Latin-1 (ISO 8859-1) is U+0000..U+00FF byte for byte.
    const unsigned cp = from == TextEncoding::cp1252 && c >= 0x80 && c <= 0x9F ? kCp1252High[c - 0x80] : c;
    append_code_point(out, cp);
  }
}

}  // namespace attune

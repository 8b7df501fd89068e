#include "attune/util/text.h"
#include "attune/util/text_encoding.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include <sys/stat.h>

#include <fmt/format.h>

#include "attune/util/error.h"

namespace attune {

static bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }
static char lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

std::string_view trim(std::string_view text) {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return lower(x) == lower(y); });
}

std::string fold_label(std::string_view text) {
  std::string out;
  bool space = false;
  for (char c : trim(text)) {
    if (is_space(c)) {
      space = true;
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += lower(c);
  }
  return out;
}

std::vector<std::string> split(std::string_view text, char sep) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (;;) {
    std::size_t end = text.find(sep, start);
    parts.emplace_back(text.substr(start, end - start));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return parts;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t above = row[j];
      std::size_t substitution = diagonal + (lower(a[i - 1]) == lower(b[j - 1]) ? 0 : 1);
      row[j] = std::min({above + 1, row[j - 1] + 1, substitution});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::vector<std::string> closest_names(std::string_view name, const std::vector<std::string>& candidates,
                                       std::size_t limit) {
  std::vector<std::pair<std::size_t, std::string>> scored;
  std::size_t bound = std::max<std::size_t>(2, name.size() / 2);
  for (const auto& c : candidates) {
    std::size_t d = edit_distance(name, c);
    if (d <= bound) scored.emplace_back(d, c);
  }
  std::stable_sort(scored.begin(), scored.end(),
                   [](const auto& x, const auto& y) { return x.first < y.first; });
  std::vector<std::string> out;
  for (auto& [d, c] : scored) {
    if (out.size() == limit) break;
    if (std::find(out.begin(), out.end(), c) == out.end()) out.push_back(c);
  }
  return out;
}

std::string read_file(const std::string& path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) {
    throw io_error({path}, std::string("cannot open: ") + std::strerror(errno),
                   "check the path and its permissions");
  }
  if (S_ISDIR(info.st_mode)) throw io_error({path}, "is a directory", "give a file");
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw io_error({path}, std::string("cannot open: ") + std::strerror(errno),
                   "check the path and its permissions");
  }
  std::ostringstream content;
  content << in.rdbuf();
  if (in.bad()) throw io_error({path}, "cannot read the file", "check that it is a readable file");
  return content.str();
}

}  // namespace attune

namespace attune {

// Length of the valid UTF-8 sequence starting at text[i], or 0 when it is not valid (RFC 3629:
// overlong forms, surrogates and code points above U+10FFFF are not).
static std::size_t utf8_length(std::string_view text, std::size_t i) {
  if (static_cast<unsigned char>(text[i]) < 0x80) return 1;
  const std::size_t bad = invalid_utf8_at(text.substr(i, 4));
  const unsigned char c = static_cast<unsigned char>(text[i]);
  const std::size_t n = c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
  return bad == 0 ? 0 : n;   // the first sequence is well formed when the first bad byte is past it
}

// The code point of the valid UTF-8 sequence of `n` bytes at text[i].
static unsigned code_point(std::string_view text, std::size_t i, std::size_t n) {
  auto byte = [&](std::size_t k) { return static_cast<unsigned>(static_cast<unsigned char>(text[k])); };
  if (n == 1) return byte(i);
  unsigned value = byte(i) & (0x7Fu >> n);
  for (std::size_t k = 1; k < n; ++k) value = (value << 6) | (byte(i + k) & 0x3F);
  return value;
}

// Appends `text` with controls escaped (see escape_controls); `quoted` also escapes " and \,
// `limit` cuts it (with "..." after).
static void append_escaped(std::string& out, std::string_view text, bool quoted, bool keep_line_breaks,
                           std::size_t limit) {
  std::size_t i = 0;
  while (i < text.size()) {
    if (i >= limit) {
      out += "...";
      break;
    }
    auto c = static_cast<unsigned char>(text[i]);
    std::size_t n = utf8_length(text, i);
    const bool line_break = keep_line_breaks && (c == '\n' || c == '\t');
    const bool control = n == 0 || ((c < 0x20 || c == 0x7F) && !line_break) ||
                         (n == 2 && code_point(text, i, n) < 0xA0);   // C1: U+0080..U+009F
    if (control) {
      for (std::size_t k = 0; k < std::max<std::size_t>(n, 1); ++k) {
        out += fmt::format("\\x{:02X}", static_cast<unsigned char>(text[i + k]));
      }
      i += std::max<std::size_t>(n, 1);
    } else if (quoted && (c == '"' || c == '\\')) {
      out += '\\';
      out += static_cast<char>(c);
      ++i;
    } else {
      out.append(text.substr(i, n));
      i += n;
    }
  }
}

std::string show_text(std::string_view text, std::size_t limit) {
  std::string out = "\"";
  append_escaped(out, text, true, false, limit);
  out += '"';
  return out;
}

std::string escape_controls(std::string_view text, bool keep_line_breaks) {
  std::string out;
  out.reserve(text.size());
  append_escaped(out, text, false, keep_line_breaks, std::string_view::npos);
  return out;
}

std::string show_number(double value) { return fmt::format("{}", value); }

}  // namespace attune

#include "report/html_text.h"

#include <cmath>

#include <fmt/format.h>

#include "attune/util/text.h"

namespace attune::report {

std::string escape(std::string_view text) {
  const std::string shown = escape_controls(text);
  std::string out;
  out.reserve(shown.size());
  for (char c : shown) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string number(double value, int decimals) {
  if (!std::isfinite(value)) return "NA";
  std::string text = fmt::format("{:.{}f}", value, decimals);
  if (text.starts_with('-') && text.find_first_not_of("-0.") == std::string::npos) text.erase(0, 1);   // no -0.000
  return text;
}

std::string count(std::uint64_t value) {
  std::string digits = std::to_string(value), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::string percent(std::uint64_t part, std::uint64_t whole) {
  if (whole == 0) return "NA";
  return number(100.0 * static_cast<double>(part) / static_cast<double>(whole), 1) + "%";
}

std::string Table::html() const {
  std::string out = id.empty() ? "<table>\n" : fmt::format("<table id=\"{}\">\n", escape(id));
  if (!caption.empty()) out += fmt::format("<caption>{}</caption>\n", escape(caption));
  out += "<thead><tr>";
  for (std::size_t c = 0; c < headings.size(); ++c) {
    const bool right = c < numeric.size() && numeric[c];
    out += fmt::format("<th scope=\"col\"{}>{}</th>", right ? " class=\"num\"" : "", escape(headings[c]));
  }
  out += "</tr></thead>\n<tbody>\n";
  for (const auto& row : rows) {
    out += "<tr>";
    for (std::size_t c = 0; c < row.size(); ++c) {
      const bool right = c < numeric.size() && numeric[c];
      if (c == 0) out += fmt::format("<th scope=\"row\">{}</th>", escape(row[c]));
      else out += fmt::format("<td{}>{}</td>", right ? " class=\"num\"" : "", escape(row[c]));
    }
    out += "</tr>\n";
  }
  return out + "</tbody>\n</table>\n";
}

}  // namespace attune::report

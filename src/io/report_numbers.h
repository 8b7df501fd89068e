// Private to src: how the analyze and factor reports show numbers and tables: a number in the
// text view, a table as R prints a data frame, and a number in JSON as R's jsonlite writes it.
#pragma once

#include <algorithm>
#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "attune/io/json_text.h"
#include "attune/io/number_style.h"

namespace attune {

// Numbers as the text shows them: `decimals` (2 unless said), or --digits; the decimal mark.
struct TextNumbers {
  NumberStyle style;
  std::string operator()(double value, int decimals = 2) const {
    if (std::isnan(value)) return "NA";
    std::string text = fmt::format("{:.{}f}", value + 0.0, style.digits >= 0 ? style.digits : decimals);
    if (style.decimal != '.') std::replace(text.begin(), text.end(), '.', style.decimal);
    return text;
  }
};

// A table as R prints a data frame: row names left-aligned, every column right-aligned to the
// wider of its header and its cells, one space between.
struct Grid {
  std::vector<std::string> header;
  std::vector<std::pair<std::string, std::vector<std::string>>> rows;

  std::string render() const {
    std::size_t label_width = 0;
    std::vector<std::size_t> widths;
    for (const auto& h : header) widths.push_back(h.size());
    for (const auto& [label, cells] : rows) {
      label_width = std::max(label_width, label.size());
      for (std::size_t c = 0; c < cells.size() && c < widths.size(); ++c) widths[c] = std::max(widths[c], cells[c].size());
    }
    auto line = [&](const std::string& label, const std::vector<std::string>& cells) {
      std::string out = fmt::format("{:<{}}", label, label_width);
      for (std::size_t c = 0; c < cells.size(); ++c) out += fmt::format(" {:>{}}", cells[c], widths[c]);
      while (!out.empty() && out.back() == ' ') out.pop_back();
      return out + "\n";
    };
    std::string out = line("", header);
    for (const auto& [label, cells] : rows) out += line(label, cells);
    return out;
  }
};

// A number in JSON: shortest round trip, or rounded to --digits; null when missing; an infinite
// statistic (S/N of an alpha of 1), which JSON has no number for, as the string "Inf" or "-Inf",
// as R's jsonlite writes it.
struct JsonNumbers {
  int digits = -1;
  std::string operator()(double value) const {
    std::string out;
    if (std::isnan(value)) return "null";
    if (std::isinf(value)) return value > 0 ? "\"Inf\"" : "\"-Inf\"";
    if (digits < 0) append_number(out, value);
    else append_styled_number(out, value, {digits, '.'});
    return out;
  }
  std::string operator()(const std::vector<double>& values) const {
    std::string out = "[";
    for (std::size_t i = 0; i < values.size(); ++i) out += (i ? "," : "") + (*this)(values[i]);
    return out + "]";
  }
};

}  // namespace attune

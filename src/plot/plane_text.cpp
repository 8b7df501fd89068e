// The plane in braille (points) or shades (density), with cut lines and counts.
#include "attune/plot/plane_text.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include <fmt/format.h>

#include "attune/classify/pattern.h"
#include "attune/util/text.h"
#include "chart_axes.h"

namespace attune::plot {

namespace {

constexpr std::size_t kLabelWidth = 6;   // "  4.5 " before the axis

// Appends code point `c` as UTF-8.
void append_utf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

// ANSI 256-colour approximations of the Okabe-Ito pattern colours.
std::string_view ansi_of(Pattern p) {
  switch (p) {
    case Pattern::secure: return "\x1b[38;5;36m";
    case Pattern::preoccupied: return "\x1b[38;5;178m";
    case Pattern::dismissing: return "\x1b[38;5;32m";
    case Pattern::fearful: return "\x1b[38;5;166m";
  }
  return "";
}
constexpr std::string_view kReset = "\x1b[0m";

struct Grid {
  std::size_t cols, rows;
  std::vector<std::uint8_t> dots;      // braille bits per cell
  std::vector<std::uint64_t> counts;   // density per cell
};

// Braille dot bit of sub-column `dx` (0..1), sub-row `dy` (0..3, from the top) (Unicode 2800 block).
std::uint8_t braille_bit(std::size_t dx, std::size_t dy) {
  constexpr std::uint8_t bits[4][2] = {{0x01, 0x08}, {0x02, 0x10}, {0x04, 0x20}, {0x40, 0x80}};
  return bits[dy][dx];
}

Grid fill_grid(const PlaneAccumulator& plane, std::size_t cols, std::size_t rows) {
  Grid grid{cols, rows, std::vector<std::uint8_t>(cols * rows, 0), std::vector<std::uint64_t>(cols * rows, 0)};
  const AxisRange x = plane.anxiety_range(), y = plane.avoidance_range();
  if (!plane.binned()) {
    for (const PlanePoint& p : plane.points()) {
      const std::size_t dx = PlaneAccumulator::bin_of(p.anxiety, x, cols * 2);
      const std::size_t dy = rows * 4 - 1 - PlaneAccumulator::bin_of(p.avoidance, y, rows * 4);
      grid.dots[(dy / 4) * cols + dx / 2] |= braille_bit(dx % 2, dy % 4);
    }
    return grid;
  }
  const std::size_t bins = plane.bins();
  for (std::size_t r = 0; r < bins; ++r) {
    for (std::size_t c = 0; c < bins; ++c) {
      const double vx = x.lo + (static_cast<double>(c) + 0.5) / static_cast<double>(bins) * (x.hi - x.lo);
      const double vy = y.lo + (static_cast<double>(r) + 0.5) / static_cast<double>(bins) * (y.hi - y.lo);
      const std::size_t gc = PlaneAccumulator::bin_of(vx, x, cols);
      const std::size_t gr = rows - 1 - PlaneAccumulator::bin_of(vy, y, rows);
      grid.counts[gr * cols + gc] += plane.counts()[r * bins + c];
    }
  }
  return grid;
}

// `text` in lines of at most `width` bytes, broken at spaces (a longer word is cut).
std::string wrap_words(const std::string& text, std::size_t width) {
  std::string out, line;
  for (const std::string& word : split(text, ' ')) {
    if (!line.empty() && line.size() + 1 + word.size() > width) out += std::exchange(line, "") + "\n";
    line += (line.empty() ? "" : " ") + word.substr(0, width);
  }
  if (!line.empty()) out += line + "\n";
  return out;
}

std::string pad_to(std::string text, std::size_t width) {
  if (text.size() < width) text.insert(0, width - text.size(), ' ');
  return text;
}

}  // namespace

std::string plane_text(const PlaneChart& chart, const PlaneAccumulator& plane, const TextPlotOptions& options) {
  const std::size_t width = std::max<std::size_t>(options.width, 40);
  const std::size_t cols = std::min<std::size_t>(width - kLabelWidth - 1, 120);
  const std::size_t rows = std::clamp<std::size_t>(cols * 2 / 5, 8, 30);
  const AxisRange x = plane.anxiety_range(), y = plane.avoidance_range();
  const Grid grid = fill_grid(plane, cols, rows);
  const std::uint64_t largest = plane.binned() ? *std::max_element(grid.counts.begin(), grid.counts.end()) : 0;
  const std::optional<std::size_t> cut_col =
      chart.anxiety_cut ? std::optional(PlaneAccumulator::bin_of(*chart.anxiety_cut, x, cols)) : std::nullopt;
  const std::optional<std::size_t> cut_row =
      chart.avoidance_cut ? std::optional(rows - 1 - PlaneAccumulator::bin_of(*chart.avoidance_cut, y, rows)) : std::nullopt;
  auto colour = [&](std::string_view code) { return options.colour ? code : std::string_view(); };
  // Which y tick lands on which row.
  std::vector<std::string> row_label(rows);
  for (double t : tick_values(y, static_cast<int>(rows / 3))) {
    row_label[rows - 1 - PlaneAccumulator::bin_of(t, y, rows)] = label_number(t);
  }
  std::string out = wrap_words(chart.title.substr(0, chart.title.find(": ")), width);   // the name; the axes follow
  out += wrap_words(fmt::format("y: {}, x: {}", chart.avoidance_label, chart.anxiety_label), width);
  for (std::size_t r = 0; r < rows; ++r) {
    out += pad_to(row_label[r], kLabelWidth - 1) + " ";
    append_utf8(out, U'\u2502');
    for (std::size_t c = 0; c < cols; ++c) {
      const bool on_col = cut_col == c, on_row = cut_row == r;
      const std::size_t cell = r * cols + c;
      const bool filled = plane.binned() ? grid.counts[cell] > 0 : grid.dots[cell] != 0;
      std::string_view tint;
      if (options.colour && chart.anxiety_cut && chart.avoidance_cut) {
        const bool hx = cut_col && c > *cut_col, hy = cut_row && r < *cut_row;
        tint = ansi_of(quadrant(hx, hy));
      }
      if (filled) {
        out += tint;
        if (plane.binned()) {
          constexpr char32_t shades[4] = {U'\u2591', U'\u2592', U'\u2593', U'\u2588'};
          const double share = largest <= 1 ? 1.0 : std::log(static_cast<double>(grid.counts[cell])) / std::log(static_cast<double>(largest));
          append_utf8(out, shades[std::clamp(static_cast<int>(share * 4), 0, 3)]);
        } else {
          append_utf8(out, 0x2800 + grid.dots[cell]);
        }
        if (!tint.empty()) out += kReset;
      } else if (on_col || on_row) {
        out += colour("\x1b[1m");
        append_utf8(out, on_col && on_row ? U'\u253C' : on_col ? U'\u2502' : U'\u2500');
        out += colour(kReset);
      } else {
        out += ' ';
      }
    }
    out += '\n';
  }
  out += std::string(kLabelWidth, ' ');
  append_utf8(out, U'\u2514');
  for (std::size_t c = 0; c < cols; ++c) append_utf8(out, U'\u2500');
  out += '\n';
  std::string ticks(cols + kLabelWidth + 1, ' ');
  for (double t : tick_values(x, static_cast<int>(cols / 8))) {
    const std::string label = label_number(t);
    std::size_t at = kLabelWidth + 1 + PlaneAccumulator::bin_of(t, x, cols);
    at = std::min(at, ticks.size() - label.size());
    bool free = true;   // a label never touches the one before it
    for (std::size_t k = at - 1; k < at + label.size(); ++k) free = free && ticks[k] == ' ';
    if (free) ticks.replace(at, label.size(), label);
  }
  while (!ticks.empty() && ticks.back() == ' ') ticks.pop_back();
  out += ticks + "\n";
  // The counts, laid out as the regions lie: high avoidance above, high anxiety on the right.
  std::uint64_t total = chart.unclassified + chart.other_labels;
  for (auto c : chart.counts) total += c;
  auto entry = [&](Pattern p) {
    return fmt::format("{}{}{} {}", colour(ansi_of(p)), pattern_name(p), colour(kReset),
                       count_and_percent(chart.counts[static_cast<std::size_t>(p)], total));
  };
  auto plain = [&](Pattern p) {
    return fmt::format("{} {}", pattern_name(p), count_and_percent(chart.counts[static_cast<std::size_t>(p)], total));
  };
  const std::size_t half = width / 2;
  for (auto [left, right] : {std::pair{Pattern::dismissing, Pattern::fearful}, std::pair{Pattern::secure, Pattern::preoccupied}}) {
    const std::string l = plain(left);
    if (l.size() + plain(right).size() + 2 <= width) {
      out += entry(left) + std::string(std::max<std::size_t>(half, l.size() + 2) - l.size(), ' ') + entry(right) + "\n";
    } else {
      out += entry(left) + "\n" + entry(right) + "\n";
    }
  }
  std::vector<std::string> parts = {correlation_label(plane),
                                    fmt::format("unclassified {}", chart.unclassified + chart.other_labels)};
  if (chart.borderline) parts.push_back(fmt::format("borderline {}", *chart.borderline));
  if (chart.anxiety_cut && chart.avoidance_cut) {
    parts.push_back(fmt::format("cuts: anxiety {}, avoidance {}", label_number(*chart.anxiety_cut),
                                label_number(*chart.avoidance_cut)));
  }
  std::string line;
  for (const std::string& part : parts) {   // as many parts on a line as fit
    if (!line.empty() && line.size() + 2 + part.size() > width) {
      out += line + "\n";
      line.clear();
    }
    line += (line.empty() ? "" : "; ") + part;
  }
  out += line + "\n";
  return out;
}

}  // namespace attune::plot

// The pattern transition plot: per pair of waves, patterns at the earlier wave (rows) by the
// later wave (columns); each cell a square of area proportional to the row percentage.
#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "attune/plot/svg.h"
#include "attune/plot/transition.h"
#include "attune/util/error.h"
#include "chart_axes.h"

namespace attune::plot {

namespace {

constexpr double kCell = 84, kGridLeft = 128, kGridTop = 86, kTotalWidth = 64;
constexpr double kTitleHeight = 44, kLegendHeight = 56, kMargin = 12;
constexpr std::string_view kHalo = " paint-order=\"stroke\" stroke=\"#FFFFFF\" stroke-width=\"3\" stroke-linejoin=\"round\"";

double panel_width(std::size_t states) { return kGridLeft + static_cast<double>(states) * kCell + kTotalWidth; }
double panel_height(std::size_t states) { return kGridTop + static_cast<double>(states) * kCell + 66; }

std::uint64_t row_total(const TransitionPanel& panel, std::size_t from) {
  std::uint64_t total = 0;
  for (auto count : panel.counts[from]) total += count;
  return total;
}

std::string percent_text(std::uint64_t count, std::uint64_t total) {
  return fmt::format("{:.1f}%", 100.0 * static_cast<double>(count) / static_cast<double>(total));
}

// One panel with its top-left corner at (x, y); `index` (1-based) names it in data-panel.
void draw_panel(Svg& svg, const TransitionPanel& panel, std::size_t index, double x, double y) {
  const std::size_t n = panel.states.size();
  const double gx = x + kGridLeft, gy = y + kGridTop, side = static_cast<double>(n) * kCell;
  std::uint64_t matched = 0;
  for (std::size_t r = 0; r < n; ++r) matched += row_total(panel, r);
  const std::string heading = fmt::format("wave {} \u2192 {}: {} matched", panel.from, panel.to, matched);
  svg.text(x + 4, y + 20, heading, "font-weight=\"bold\"" + fitting_font_size(heading, 15, panel_width(n) - 8, true));
  const std::string later = fmt::format("pattern at wave {}", panel.to), earlier = fmt::format("pattern at wave {}", panel.from);
  svg.text(gx + side / 2, y + 46, later, "text-anchor=\"middle\"" + fitting_font_size(later, 13, side));
  svg.text(0, 0, earlier, fmt::format("text-anchor=\"middle\" transform=\"translate({},{}) rotate(-90)\"{}", svg_number(x + 16),
                                      svg_number(gy + side / 2), fitting_font_size(earlier, 13, side)));
  svg.text(gx + side + kTotalWidth / 2, gy - 10, "row n", "text-anchor=\"middle\" font-size=\"12\"");
  for (std::size_t s = 0; s < n; ++s) {
    const double mid = static_cast<double>(s) * kCell + kCell / 2;
    svg.text(gx + mid, gy - 10, panel.states[s], "text-anchor=\"middle\"" + fitting_font_size(panel.states[s], 12, kCell - 4));
    svg.text(gx - 8, gy + mid + 4, panel.states[s], "text-anchor=\"end\"" + fitting_font_size(panel.states[s], 12, kGridLeft - 34));
  }
  for (std::size_t r = 0; r < n; ++r) {
    const std::uint64_t total = row_total(panel, r);
    const double cy = gy + static_cast<double>(r) * kCell;
    svg.text(gx + side + kTotalWidth / 2, cy + kCell / 2 + 5, fmt::format("{}", total), "text-anchor=\"middle\" font-size=\"13\"");
    for (std::size_t c = 0; c < n; ++c) {
      const std::uint64_t count = panel.counts[r][c];
      const double cx = gx + static_cast<double>(c) * kCell;
      const bool same = r == c;
      svg.rect(cx, cy, kCell, kCell, "fill=\"#FFFFFF\" stroke=\"#999999\" stroke-width=\"0.8\"");
      if (count > 0) {
        const double share = static_cast<double>(count) / static_cast<double>(total);
        const double square = (kCell - 10) * std::sqrt(share);
        svg.rect(cx + (kCell - square) / 2, cy + (kCell - square) / 2, square, square,
                 fmt::format("fill=\"{}\"", same ? okabe_ito::bluish_green : okabe_ito::sky_blue));
      }
      const std::string ids = Svg::attr("data-panel", std::to_string(index)) + Svg::attr("data-from", panel.states[r]) +
                              Svg::attr("data-to", panel.states[c]);
      svg.text(cx + kCell / 2, cy + kCell / 2 + (count ? -2 : 5), fmt::format("{}", count),
               fmt::format("class=\"count\"{} text-anchor=\"middle\" font-size=\"16\" font-weight=\"bold\"{}", ids, kHalo));
      if (count > 0) {
        svg.text(cx + kCell / 2, cy + kCell / 2 + 16, percent_text(count, total),
                 fmt::format("class=\"percent\" text-anchor=\"middle\" font-size=\"12\"{}", kHalo));
      }
    }
  }
  for (std::size_t d = 0; d < n; ++d) {   // the diagonal: the same pattern at both waves
    const double at = static_cast<double>(d) * kCell;
    svg.rect(gx + at + 1.5, gy + at + 1.5, kCell - 3, kCell - 3, "fill=\"none\" stroke=\"#000000\" stroke-width=\"3\"");
  }
  const std::string named = fmt::format("Reliably more secure: {} of {}", panel.reliably_more_secure, matched);
  svg.text(x + 4, gy + side + 22, named, "font-weight=\"bold\"" + fitting_font_size(named, 14, panel_width(n) - 8, true));
  std::vector<std::string> lines(1);   // the other flows, on up to two lines
  for (const auto& [flow, count] : panel.flows) {
    std::string item = fmt::format("{} {}", flow, count);
    if (!lines.back().empty() && lines.size() < 2 && (lines.back().size() + item.size() + 2) * 0.6 * 12 > panel_width(n) - 8) lines.emplace_back();
    lines.back() += (lines.back().empty() ? "" : "; ") + item;
  }
  for (std::size_t l = 0; l < lines.size(); ++l) {
    svg.text(x + 4, gy + side + 40 + static_cast<double>(l) * 16, lines[l], fitting_font_size(lines[l], 12, panel_width(n) - 8));
  }
}

}  // namespace

std::string transition_svg(const TransitionData& data) {
  std::size_t states = 0;
  for (const auto& panel : data.panels) {
    bool square = panel.counts.size() == panel.states.size();
    for (const auto& row : panel.counts) square = square && row.size() == panel.states.size();
    if (!square) throw usage_error(fmt::format("transition plot of wave {} -> {}: the counts are not {} x {}", panel.from, panel.to,
                                               panel.states.size(), panel.states.size()), "give one count per pair of states");
    states = std::max(states, panel.states.size());
  }
  const std::size_t columns = data.panels.size() > 1 ? 2 : 1, rows = (data.panels.size() + 1) / 2;
  const double cell_width = panel_width(states) + kMargin, cell_height = panel_height(states) + kMargin;
  const double width = std::max(480.0, kMargin + static_cast<double>(columns) * cell_width);
  const double height = kTitleHeight + static_cast<double>(rows) * cell_height + kLegendHeight;
  std::string desc = "Patterns at the earlier wave (rows) by the later wave (columns); counts and row percentages. ";
  for (const auto& panel : data.panels) {
    desc += fmt::format("Wave {} to {}:", panel.from, panel.to);
    for (std::size_t r = 0; r < panel.states.size(); ++r) {
      std::vector<std::string> cells;
      for (std::size_t c = 0; c < panel.states.size(); ++c) cells.push_back(fmt::format("{} {}", panel.states[c], panel.counts[r][c]));
      desc += fmt::format(" from {} ({}): {};", panel.states[r], row_total(panel, r), fmt::join(cells, ", "));
    }
    desc += fmt::format(" reliably more secure {}. ", panel.reliably_more_secure);
  }
  Svg svg(width, height, data.title, desc);
  svg.text(kMargin, 28, data.title, "font-weight=\"bold\"" + fitting_font_size(data.title, 17, width - 2 * kMargin, true));
  svg.open_group("font-size=\"13\"");
  for (std::size_t p = 0; p < data.panels.size(); ++p) {
    draw_panel(svg, data.panels[p], p + 1, kMargin + static_cast<double>(p % 2) * cell_width,
               kTitleHeight + static_cast<double>(p / 2) * cell_height);
  }
  svg.close_group();
  const double ly = height - kLegendHeight + 18;
  const std::string legend[2] = {
      "Square area: the row percentage (count and percent written). Thick border: the same pattern at both waves.",
      "Reliably more secure: insecure to secure with a reliable improvement on a dimension (self-report; not earned security)."};
  for (int i = 0; i < 2; ++i) svg.text(kMargin, ly + i * 18, legend[i], fitting_font_size(legend[i], 12, width - 2 * kMargin));
  return svg.finish();
}

}  // namespace attune::plot

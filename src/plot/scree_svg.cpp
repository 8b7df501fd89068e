// The parallel-analysis scree plot (observed against simulated and resampled eigenvalues).
#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "attune/plot/scree.h"
#include "attune/plot/svg.h"
#include "chart_axes.h"

namespace attune::plot {

namespace {

constexpr double kWidth = 640, kHeight = 480;
constexpr double kLeft = 70, kRight = 610, kTop = 60, kBottom = 380;

struct Series {
  const std::vector<double>* values;
  std::string_view name, colour, dash, marker;
};

}  // namespace

std::string scree_svg(const ScreeData& data) {
  const Series series[6] = {
      {&data.factor_observed, "factors, observed", okabe_ito::blue, "", "m-secure"},
      {&data.component_observed, "components, observed", okabe_ito::vermillion, "", "m-preoccupied"},
      {&data.factor_simulated, "factors, simulated", okabe_ito::blue, "6 3", ""},
      {&data.component_simulated, "components, simulated", okabe_ito::vermillion, "6 3", ""},
      {&data.factor_resampled, "factors, resampled", okabe_ito::blue, "2 2", ""},
      {&data.component_resampled, "components, resampled", okabe_ito::vermillion, "2 2", ""}};
  std::size_t count = 1;
  double lo = 0, hi = 1;
  for (const Series& s : series) {
    count = std::max(count, s.values->size());
    for (double v : *s.values) {
      if (!std::isfinite(v)) continue;
      lo = std::min(lo, v);
      hi = std::max(hi, v);
    }
  }
  const AxisRange y_range{std::floor(lo), std::ceil(hi)};
  const AxisRange x_range{1, static_cast<double>(std::max<std::size_t>(count, 2))};
  auto px = [&](double i) { return kLeft + (i - x_range.lo) / (x_range.hi - x_range.lo) * (kRight - kLeft); };
  auto py = [&](double v) { return kBottom - (v - y_range.lo) / (y_range.hi - y_range.lo) * (kBottom - kTop); };
  std::string desc = "Eigenvalues by factor or component number. ";
  for (const Series& s : series) {
    if (s.values->empty()) continue;
    desc += fmt::format("{}:", s.name);
    for (double v : *s.values) desc += " " + (std::isfinite(v) ? svg_number(v) : std::string("NA"));
    desc += "; ";
  }
  Svg svg(kWidth, kHeight, data.title, desc);
  svg.raw(marker_defs());
  svg.text(kLeft, 30, data.title, "font-weight=\"bold\"" + fitting_font_size(data.title, 17, kRight - kLeft, true));
  svg.open_group("font-size=\"12\"");
  for (double t : tick_values(y_range, 6)) {
    svg.line(kLeft, py(t), kRight, py(t), "stroke=\"#DDDDDD\" stroke-width=\"0.6\"");
    svg.text(kLeft - 8, py(t) + 4, label_number(t), "text-anchor=\"end\"");
  }
  for (double t : tick_values(x_range, 10)) {
    if (t != std::floor(t)) continue;
    svg.text(px(t), kBottom + 18, label_number(t), "text-anchor=\"middle\"");
  }
  svg.rect(kLeft, kTop, kRight - kLeft, kBottom - kTop, "fill=\"none\" stroke=\"#000000\"");
  if (y_range.lo < 1 && y_range.hi > 1) svg.line(kLeft, py(1), kRight, py(1), "stroke=\"#555555\" stroke-dasharray=\"1 3\"");
  svg.text((kLeft + kRight) / 2, kBottom + 38, "Factor or component number", "text-anchor=\"middle\" font-size=\"14\"");
  svg.text(0, 0, "Eigenvalue", fmt::format("text-anchor=\"middle\" font-size=\"14\" transform=\"translate({},{}) rotate(-90)\"",
                                           svg_number(kLeft - 44), svg_number((kTop + kBottom) / 2)));
  svg.close_group();
  int legend = 0;
  for (const Series& s : series) {
    if (s.values->empty()) continue;
    std::string points;
    for (std::size_t i = 0; i < s.values->size(); ++i) {
      const double v = (*s.values)[i];
      if (!std::isfinite(v)) continue;
      points += fmt::format("{}{},{}", points.empty() ? "" : " ", svg_number(px(static_cast<double>(i + 1))), svg_number(py(v)));
    }
    const std::string stroke = fmt::format("fill=\"none\" stroke=\"{}\" stroke-width=\"1.8\"{}", s.colour,
                                           s.dash.empty() ? "" : fmt::format(" stroke-dasharray=\"{}\"", s.dash));
    svg.polyline(points, stroke);
    for (std::size_t i = 0; !s.marker.empty() && i < s.values->size(); ++i) {
      if (std::isfinite((*s.values)[i])) svg.use(s.marker, px(static_cast<double>(i + 1)), py((*s.values)[i]));
    }
    const double lx = kLeft + (legend % 3) * 180, ly = kHeight - 34 + (legend / 3) * 16;
    svg.line(lx, ly - 4, lx + 28, ly - 4, stroke);
    if (!s.marker.empty()) svg.use(s.marker, lx + 14, ly - 4);
    svg.text(lx + 34, ly, s.name, "font-size=\"11\"");
    ++legend;
  }
  return svg.finish();
}

}  // namespace attune::plot

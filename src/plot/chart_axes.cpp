#include "chart_axes.h"

#include <cmath>

#include "attune/plot/svg.h"

namespace attune::plot {

std::vector<double> tick_values(AxisRange range, int wanted) {
  std::vector<double> ticks;
  const double span = range.hi - range.lo;
  if (!(span > 0) || !std::isfinite(span)) return {range.lo};
  const double raw = span / wanted;
  const double power = std::pow(10.0, std::floor(std::log10(raw)));
  double step = power;
  for (double factor : {1.0, 2.0, 5.0, 10.0}) {
    step = factor * power;
    if (step >= raw) break;
  }
  for (double k = std::ceil(range.lo / step - 1e-9); k * step <= range.hi + 1e-9 * step; ++k) ticks.push_back(k * step);
  return ticks;
}

std::string_view pattern_colour(Pattern pattern) {
  switch (pattern) {
    case Pattern::secure: return okabe_ito::bluish_green;
    case Pattern::preoccupied: return okabe_ito::orange;
    case Pattern::dismissing: return okabe_ito::blue;
    case Pattern::fearful: return okabe_ito::vermillion;
  }
  return okabe_ito::black;
}

std::string_view pattern_marker(Pattern pattern) {
  switch (pattern) {
    case Pattern::secure: return "m-secure";
    case Pattern::preoccupied: return "m-preoccupied";
    case Pattern::dismissing: return "m-dismissing";
    case Pattern::fearful: return "m-fearful";
  }
  return "m-none";
}

std::string marker_defs() {
  std::string defs = "<defs>\n";
  auto style = [](Pattern p) {
    return std::string(" fill=\"") + std::string(pattern_colour(p)) + "\" fill-opacity=\"0.55\" stroke=\"#000000\" stroke-opacity=\"0.45\" stroke-width=\"0.5\"";
  };
  defs += "<circle id=\"m-secure\" r=\"3\"" + style(Pattern::secure) + "/>\n";
  defs += "<path id=\"m-preoccupied\" d=\"M0,-3.6 L3.2,2.4 L-3.2,2.4 Z\"" + style(Pattern::preoccupied) + "/>\n";
  defs += "<rect id=\"m-dismissing\" x=\"-2.7\" y=\"-2.7\" width=\"5.4\" height=\"5.4\"" + style(Pattern::dismissing) + "/>\n";
  defs += "<path id=\"m-fearful\" d=\"M0,-3.8 L3.8,0 L0,3.8 L-3.8,0 Z\"" + style(Pattern::fearful) + "/>\n";
  defs += "<path id=\"m-none\" d=\"M-2.5,-2.5 L2.5,2.5 M-2.5,2.5 L2.5,-2.5\" stroke=\"#555555\" stroke-width=\"1\" fill=\"none\"/>\n";
  // Hatches: none for secure, one diagonal each for preoccupied and dismissing, both for fearful.
  defs += "<pattern id=\"hatch-preoccupied\" width=\"10\" height=\"10\" patternUnits=\"userSpaceOnUse\">"
          "<path d=\"M0,10 L10,0\" stroke=\"#000000\" stroke-opacity=\"0.18\" stroke-width=\"1\"/></pattern>\n";
  defs += "<pattern id=\"hatch-dismissing\" width=\"10\" height=\"10\" patternUnits=\"userSpaceOnUse\">"
          "<path d=\"M0,0 L10,10\" stroke=\"#000000\" stroke-opacity=\"0.18\" stroke-width=\"1\"/></pattern>\n";
  defs += "<pattern id=\"hatch-fearful\" width=\"10\" height=\"10\" patternUnits=\"userSpaceOnUse\">"
          "<path d=\"M0,10 L10,0 M0,0 L10,10\" stroke=\"#000000\" stroke-opacity=\"0.18\" stroke-width=\"1\"/></pattern>\n";
  return defs + "</defs>\n";
}

std::string fitting_font_size(std::string_view text, double size, double width, bool bold) {
  std::size_t characters = 0;
  for (unsigned char c : text) characters += (c & 0xC0) != 0x80;
  const double wide = static_cast<double>(characters) * (bold ? 0.65 : 0.6) * size;
  if (wide > width) size = std::floor(size * width / wide * 10) / 10;
  return " font-size=\"" + svg_number(size) + "\"";
}

std::string label_number(double value) { return svg_number(value); }

}  // namespace attune::plot

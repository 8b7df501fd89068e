// The anxiety x avoidance plane as SVG: regions, cut lines, points or density, labels.
#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "attune/plot/plane.h"
#include "attune/plot/svg.h"
#include "chart_axes.h"

namespace attune::plot {

namespace {

constexpr double kWidth = 680, kHeight = 764;
constexpr double kLeft = 90, kRight = 650, kTop = 90, kBottom = 650;   // the plot area

// ColorBrewer "Blues" (Brewer 2003): one hue, light to dark, so counts read in grey print.
constexpr std::string_view kRamp[7] = {"#DEEBF7", "#C6DBEF", "#9ECAE1", "#6BAED6", "#4292C6", "#2171B5", "#084594"};

struct Frame {
  AxisRange x, y;
  double px(double v) const { return kLeft + (v - x.lo) / (x.hi - x.lo) * (kRight - kLeft); }
  double py(double v) const { return kBottom - (v - y.lo) / (y.hi - y.lo) * (kBottom - kTop); }
};

std::uint64_t classified_total(const PlaneChart& chart) {
  std::uint64_t total = chart.unclassified + chart.other_labels;
  for (auto c : chart.counts) total += c;
  return total;
}

void draw_axes(Svg& svg, const Frame& f, const PlaneChart& chart) {
  svg.open_group("font-size=\"12\" fill=\"#000000\"");
  for (double t : tick_values(f.x)) {
    svg.line(f.px(t), kTop, f.px(t), kBottom, "stroke=\"#DDDDDD\" stroke-width=\"0.6\"");
    svg.line(f.px(t), kBottom, f.px(t), kBottom + 5, "stroke=\"#000000\"");
    svg.text(f.px(t), kBottom + 19, label_number(t), "text-anchor=\"middle\"");
  }
  for (double t : tick_values(f.y)) {
    svg.line(kLeft, f.py(t), kRight, f.py(t), "stroke=\"#DDDDDD\" stroke-width=\"0.6\"");
    svg.line(kLeft - 5, f.py(t), kLeft, f.py(t), "stroke=\"#000000\"");
    svg.text(kLeft - 9, f.py(t) + 4, label_number(t), "text-anchor=\"end\"");
  }
  svg.rect(kLeft, kTop, kRight - kLeft, kBottom - kTop, "fill=\"none\" stroke=\"#000000\" stroke-width=\"1\"");
  svg.text((kLeft + kRight) / 2, kBottom + 44, chart.anxiety_label, "text-anchor=\"middle\" font-size=\"14\"");
  svg.text(0, 0, chart.avoidance_label,
           fmt::format("text-anchor=\"middle\" font-size=\"14\" transform=\"translate({},{}) rotate(-90)\"",
                       svg_number(kLeft - 52), svg_number((kTop + kBottom) / 2)));
  svg.close_group();
}

// The region of each pattern between the cut lines, tinted and hatched.
void draw_regions(Svg& svg, const Frame& f, const PlaneChart& chart) {
  if (!chart.anxiety_cut || !chart.avoidance_cut) return;
  const double cx = std::clamp(f.px(*chart.anxiety_cut), kLeft, kRight);
  const double cy = std::clamp(f.py(*chart.avoidance_cut), kTop, kBottom);
  for (Pattern p : all_patterns) {
    const double x0 = high_anxiety(p) ? cx : kLeft, x1 = high_anxiety(p) ? kRight : cx;
    const double y0 = high_avoidance(p) ? kTop : cy, y1 = high_avoidance(p) ? cy : kBottom;
    svg.rect(x0, y0, x1 - x0, y1 - y0, fmt::format("fill=\"{}\" fill-opacity=\"0.10\"", pattern_colour(p)));
    if (p != Pattern::secure) svg.rect(x0, y0, x1 - x0, y1 - y0, fmt::format("fill=\"url(#hatch-{})\"", pattern_name(p)));
  }
}

void draw_band_and_cuts(Svg& svg, const Frame& f, const PlaneChart& chart) {
  const std::string band = "fill=\"#000000\" fill-opacity=\"0.10\" stroke=\"#000000\" stroke-dasharray=\"3 3\" stroke-width=\"0.6\"";
  if (chart.anxiety_cut && chart.anxiety_band) {
    double a = std::max(f.px(*chart.anxiety_cut - *chart.anxiety_band), kLeft);
    double b = std::min(f.px(*chart.anxiety_cut + *chart.anxiety_band), kRight);
    if (b > a) svg.rect(a, kTop, b - a, kBottom - kTop, band);
  }
  if (chart.avoidance_cut && chart.avoidance_band) {
    double a = std::max(f.py(*chart.avoidance_cut + *chart.avoidance_band), kTop);
    double b = std::min(f.py(*chart.avoidance_cut - *chart.avoidance_band), kBottom);
    if (b > a) svg.rect(kLeft, a, kRight - kLeft, b - a, band);
  }
  const std::string cut = "stroke=\"#000000\" stroke-width=\"2\"";
  if (chart.anxiety_cut) svg.line(f.px(*chart.anxiety_cut), kTop, f.px(*chart.anxiety_cut), kBottom, cut);
  if (chart.avoidance_cut) svg.line(kLeft, f.py(*chart.avoidance_cut), kRight, f.py(*chart.avoidance_cut), cut);
}

void draw_points(Svg& svg, const Frame& f, const PlaneAccumulator& plane) {
  svg.open_group("class=\"points\"");
  for (const PlanePoint& p : plane.points()) {
    const std::string_view marker = p.pattern < 0 ? "m-none" : pattern_marker(static_cast<Pattern>(p.pattern));
    svg.use(marker, std::clamp(f.px(p.anxiety), kLeft, kRight), std::clamp(f.py(p.avoidance), kTop, kBottom));
  }
  svg.close_group();
}

// Level 0..6 of a bin's count on a log scale up to the largest count.
int level_of(std::uint64_t count, std::uint64_t largest) {
  if (largest <= 1) return 6;
  const double share = std::log(static_cast<double>(count)) / std::log(static_cast<double>(largest));
  return std::clamp(static_cast<int>(share * 7), 0, 6);
}

void draw_density(Svg& svg, const PlaneAccumulator& plane) {
  const std::size_t bins = plane.bins();
  const std::uint64_t largest = *std::max_element(plane.counts().begin(), plane.counts().end());
  const double w = (kRight - kLeft) / static_cast<double>(bins), h = (kBottom - kTop) / static_cast<double>(bins);
  svg.open_group("class=\"density\" stroke=\"none\"");
  for (std::size_t r = 0; r < bins; ++r) {
    for (std::size_t c = 0; c < bins; ++c) {
      const std::uint64_t count = plane.counts()[r * bins + c];
      if (count == 0) continue;
      svg.rect(kLeft + static_cast<double>(c) * w, kBottom - static_cast<double>(r + 1) * h, w + 0.05, h + 0.05,
               fmt::format("fill=\"{}\"", kRamp[level_of(count, largest)]));
    }
  }
  svg.close_group();
  // The legend: the count at which each shade starts.
  svg.open_group("font-size=\"11\" fill=\"#000000\"");
  svg.text(kLeft, kHeight - 40, "Respondents per cell (from):");
  for (int level = 0; level < 7; ++level) {
    const double x = kLeft + 170 + level * 54;
    const double from = largest <= 1 ? 1 : std::ceil(std::pow(static_cast<double>(largest), level / 7.0));
    svg.rect(x, kHeight - 52, 16, 14, fmt::format("fill=\"{}\" stroke=\"#000000\" stroke-width=\"0.5\"", kRamp[level]));
    svg.text(x + 20, kHeight - 40, fmt::format("{}", static_cast<std::uint64_t>(from)));
  }
  svg.close_group();
}

void draw_region_labels(Svg& svg, const PlaneChart& chart, std::uint64_t total) {
  constexpr double kBoxW = 150, kBoxH = 38;
  for (Pattern p : all_patterns) {
    const double x = high_anxiety(p) ? kRight - kBoxW - 6 : kLeft + 6;
    const double y = high_avoidance(p) ? kTop + 6 : kBottom - kBoxH - 6;
    svg.rect(x, y, kBoxW, kBoxH, "fill=\"#FFFFFF\" fill-opacity=\"0.88\" stroke=\"#000000\" stroke-width=\"0.8\" rx=\"3\"");
    svg.use(pattern_marker(p), x + 12, y + 13);
    svg.text(x + 22, y + 17, pattern_name(p), "font-size=\"14\" font-weight=\"bold\"");
    svg.text(x + 10, y + 32, count_and_percent(chart.counts[static_cast<std::size_t>(p)], total), "font-size=\"12\"");
  }
}

std::string cuts_text(const PlaneChart& chart) {
  if (!chart.anxiety_cut || !chart.avoidance_cut) return "No cut lines: this method does not split each dimension at a cut-off.";
  std::string text = fmt::format("Cut lines: anxiety {}, avoidance {}", label_number(*chart.anxiety_cut),
                                 label_number(*chart.avoidance_cut));
  if (chart.anxiety_band || chart.avoidance_band) {
    text += fmt::format("; shaded: within 1 SEM (anxiety {}, avoidance {})",
                        chart.anxiety_band ? label_number(*chart.anxiety_band) : "-",
                        chart.avoidance_band ? label_number(*chart.avoidance_band) : "-");
  }
  return text + ".";
}

std::string description(const PlaneChart& chart, const PlaneAccumulator& plane, std::uint64_t total) {
  std::string text = fmt::format(
      "{} of {} respondents: {} on the horizontal axis ({} to {}), {} on the vertical axis ({} to {}). {} ",
      plane.binned() ? "Density (binned counts)" : "Scatter", plane.n(), chart.anxiety_label,
      label_number(plane.anxiety_range().lo), label_number(plane.anxiety_range().hi), chart.avoidance_label,
      label_number(plane.avoidance_range().lo), label_number(plane.avoidance_range().hi), cuts_text(chart));
  for (Pattern p : all_patterns) {
    text += fmt::format("{} {}; ", pattern_name(p), count_and_percent(chart.counts[static_cast<std::size_t>(p)], total));
  }
  text += fmt::format("unclassified {}. {}.", chart.unclassified, correlation_label(plane));
  return text;
}

}  // namespace

std::string plane_svg(const PlaneChart& chart, const PlaneAccumulator& plane) {
  const std::uint64_t total = classified_total(chart);
  Frame frame{plane.anxiety_range(), plane.avoidance_range()};
  Svg svg(kWidth, kHeight, chart.title, description(chart, plane, total));
  svg.raw(marker_defs());
  // The title on two lines when it has a "name: what" form (a long name leaves no room for both).
  const std::size_t colon = chart.title.find(": ");
  const std::string name = chart.title.substr(0, colon);
  svg.text(kLeft, 26, name, "font-weight=\"bold\"" + fitting_font_size(name, 17, kWidth - kLeft - 10, true));
  if (colon != std::string::npos) {
    const std::string what = chart.title.substr(colon + 2);
    svg.text(kLeft, 46, what, fitting_font_size(what, 14, kWidth - kLeft - 10).substr(1));
  }
  svg.text(kLeft, 72, chart.method, "font-size=\"12\"");
  svg.text(kRight, 72, correlation_label(plane), "font-size=\"13\" text-anchor=\"end\" font-weight=\"bold\"");
  draw_regions(svg, frame, chart);
  draw_axes(svg, frame, chart);
  if (plane.binned()) draw_density(svg, plane);
  else draw_points(svg, frame, plane);
  draw_band_and_cuts(svg, frame, chart);
  draw_region_labels(svg, chart, total);
  std::string foot = cuts_text(chart);
  std::string more = fmt::format("Unclassified (a dimension missing or no pattern): {}", chart.unclassified + chart.other_labels);
  if (chart.borderline) more += fmt::format("; borderline (within 1 SEM of a cut): {}", *chart.borderline);
  if (plane.outside()) more += fmt::format("; outside the axes, drawn at the edge: {}", plane.outside());
  more += ".";
  svg.text(kLeft, kHeight - 22, foot, fitting_font_size(foot, 11, kWidth - kLeft - 10).substr(1));
  svg.text(kLeft, kHeight - 8, more, fitting_font_size(more, 11, kWidth - kLeft - 10).substr(1));
  return svg.finish();
}

}  // namespace attune::plot

// Item response distributions as small multiples: a bar per answer and one for missing.
#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "attune/plot/items.h"
#include "attune/plot/svg.h"
#include "chart_axes.h"

namespace attune::plot {

ItemTally::ItemTally(std::vector<std::string> labels, std::vector<bool> reversed, double lo, double hi)
    : lo_(std::ceil(lo)), hi_(std::floor(hi)) {
  const std::size_t levels = hi_ >= lo_ ? static_cast<std::size_t>(hi_ - lo_) + 1 : 0;
  items_.resize(labels.size());
  for (std::size_t i = 0; i < labels.size(); ++i) {
    items_[i].label = std::move(labels[i]);
    items_[i].reversed = i < reversed.size() && reversed[i];
    items_[i].answers.assign(levels, 0);
  }
}

void ItemTally::add(std::span<const double> answers) {
  ++respondents_;
  for (std::size_t i = 0; i < items_.size() && i < answers.size(); ++i) {
    const double v = answers[i];
    ItemCounts& item = items_[i];
    if (std::isnan(v)) {
      ++item.missing;
    } else if (v == std::floor(v) && v >= lo_ && v <= hi_) {
      ++item.answers[static_cast<std::size_t>(v - lo_)];
    } else {
      ++item.between;
    }
  }
}

namespace {

constexpr int kColumns = 6;
constexpr double kPanelW = 160, kPanelH = 130, kLeft = 20, kTop = 78;

void draw_panel(Svg& svg, const ItemCounts& item, double x, double y, double lo, std::uint64_t largest) {
  svg.rect(x, y, kPanelW - 10, kPanelH - 8,
           item.reversed ? "fill=\"#F2F2F2\" stroke=\"#000000\" stroke-width=\"1.2\" stroke-dasharray=\"4 2\""
                         : "fill=\"none\" stroke=\"#999999\" stroke-width=\"0.6\"");
  svg.text(x + 6, y + 15, item.label + (item.reversed ? " (R)" : ""),
           item.reversed ? "font-size=\"11\" font-weight=\"bold\"" : "font-size=\"11\"");
  const std::size_t bars = item.answers.size() + 1;
  const double area_w = kPanelW - 26, base = y + kPanelH - 36, top = y + 24;
  const double slot = area_w / static_cast<double>(bars);
  for (std::size_t b = 0; b < bars; ++b) {
    const bool missing = b + 1 == bars;
    const std::uint64_t count = missing ? item.missing : item.answers[b];
    const double h = largest ? (base - top) * static_cast<double>(count) / static_cast<double>(largest) : 0;
    const double bx = x + 8 + static_cast<double>(b) * slot;
    svg.rect(bx, base - h, slot * 0.78, h,
             missing ? "fill=\"url(#hatch-fearful)\" stroke=\"#000000\" stroke-width=\"0.6\""
                     : fmt::format("fill=\"{}\"", okabe_ito::blue));
    svg.text(bx + slot * 0.39, base + 11, missing ? "NA" : label_number(lo + static_cast<double>(b)),
             "font-size=\"9\" text-anchor=\"middle\"");
  }
  svg.line(x + 6, base, x + kPanelW - 16, base, "stroke=\"#000000\" stroke-width=\"0.6\"");
  std::string note = fmt::format("missing {}", item.missing);
  if (item.between) note += fmt::format(", other {}", item.between);
  svg.text(x + 6, base + 23, note, "font-size=\"9\"");
}

}  // namespace

std::string items_svg(const std::string& title, const ItemTally& tally) {
  const auto& items = tally.items();
  const std::size_t rows = (items.size() + kColumns - 1) / kColumns;
  const double width = kLeft * 2 + kColumns * kPanelW, height = kTop + static_cast<double>(rows) * kPanelH + 10;
  std::uint64_t largest = 0, reversed = 0;
  for (const auto& item : items) {
    largest = std::max(largest, item.missing);
    for (auto c : item.answers) largest = std::max(largest, c);
    reversed += item.reversed;
  }
  std::string desc = fmt::format("Bar charts of the answers to {} items from {} respondents, on one count scale "
                                 "(tallest bar {}); {} reverse-keyed items marked (R). ",
                                 items.size(), tally.respondents(), largest, reversed);
  for (const auto& item : items) {
    desc += fmt::format("{}{}: ", item.label, item.reversed ? " (R)" : "");
    for (std::size_t k = 0; k < item.answers.size(); ++k) {
      desc += fmt::format("{}={} ", label_number(tally.lo() + static_cast<double>(k)), item.answers[k]);
    }
    desc += fmt::format("missing={}; ", item.missing);
  }
  Svg svg(width, height, title, desc);
  svg.raw(marker_defs());
  svg.text(kLeft, 28, title, "font-weight=\"bold\"" + fitting_font_size(title, 17, width - 2 * kLeft, true));
  svg.text(kLeft, 50,
           fmt::format("{} respondents; bars share one scale (tallest {}); NA = missing (hatched); "
                       "(R) and dashed grey panel = reverse-keyed item",
                       tally.respondents(), largest),
           "font-size=\"12\"");
  for (std::size_t i = 0; i < items.size(); ++i) {
    const double x = kLeft + static_cast<double>(i % kColumns) * kPanelW;
    const double y = kTop + static_cast<double>(i / kColumns) * kPanelH;
    draw_panel(svg, items[i], x, y, tally.lo(), largest);
  }
  return svg.finish();
}

}  // namespace attune::plot

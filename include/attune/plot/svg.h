// A small SVG writer: deterministic bytes (numbers with at most two decimals, no time, no
// randomness), every text and attribute value escaped, self-contained (no external fonts,
// images or scripts). The charts (plot/plane.h, plot/items.h, plot/scree.h, plot/transition.h) draw with it.
#pragma once

#include <string>
#include <string_view>

namespace attune::plot {

// The Okabe & Ito (2008) colour-blind-safe palette ("Color Universal Design").
namespace okabe_ito {
inline constexpr std::string_view black = "#000000", orange = "#E69F00", sky_blue = "#56B4E9",
                                  bluish_green = "#009E73", yellow = "#F0E442", blue = "#0072B2",
                                  vermillion = "#D55E00", reddish_purple = "#CC79A7";
}  // namespace okabe_ito

// `value` rounded to two decimals, without trailing zeros ("3", "3.5", "-0.25"; never "-0").
std::string svg_number(double value);

// `text` with &, <, >, " and ' escaped for XML, and characters XML 1.0 forbids (C0 controls
// other than tab, LF, CR) replaced by U+FFFD.
std::string xml_escape(std::string_view text);

// An SVG document built element by element. `attributes` arguments are written as given
// (the caller's own constants, e.g. `fill="#000"`); use attr() for any value from data.
class Svg {
 public:
  // Opens an SVG of `width` x `height` user units, with `title` and `desc` as its text
  // alternative (<title>, <desc>, aria-labelledby).
  Svg(double width, double height, std::string_view title, std::string_view desc);

  // ` name="value"` with value escaped.
  static std::string attr(std::string_view name, std::string_view value);

  // Raw markup (for <defs> the caller writes); must be well-formed.
  void raw(std::string_view markup);
  void open_group(std::string_view attributes = {});
  void close_group();
  void rect(double x, double y, double width, double height, std::string_view attributes);
  void line(double x1, double y1, double x2, double y2, std::string_view attributes);
  void circle(double cx, double cy, double r, std::string_view attributes);
  // A <use> of the symbol or shape with id `ref` at (x, y).
  void use(std::string_view ref, double x, double y, std::string_view attributes = {});
  // A polyline through "x,y x,y ..." points (built with svg_number).
  void polyline(std::string_view points, std::string_view attributes);
  // <text> at (x, y) with `content` escaped.
  void text(double x, double y, std::string_view content, std::string_view attributes = {});
  // Closes the document and returns its bytes (the writer is spent).
  std::string finish();

 private:
  std::string out_;
  int open_groups_ = 0;
};

}  // namespace attune::plot

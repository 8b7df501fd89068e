#include "attune/plot/svg.h"

#include <cmath>

#include <fmt/format.h>

namespace attune::plot {

std::string svg_number(double value) {
  if (!std::isfinite(value)) return "0";
  double rounded = std::round(value * 100) / 100;
  if (rounded == 0) rounded = 0;   // no "-0"
  std::string text = fmt::format("{:.2f}", rounded);
  while (text.back() == '0') text.pop_back();
  if (text.back() == '.') text.pop_back();
  return text == "-0" ? "0" : text;
}

std::string xml_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r') out += "\xEF\xBF\xBD";
        else out += c;
    }
  }
  return out;
}

Svg::Svg(double width, double height, std::string_view title, std::string_view desc) {
  out_ = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0}\" height=\"{1}\" viewBox=\"0 0 {0} {1}\" "
      "role=\"img\" aria-labelledby=\"title desc\" font-family=\"DejaVu Sans, Verdana, Arial, sans-serif\">\n"
      "<title id=\"title\">{2}</title>\n<desc id=\"desc\">{3}</desc>\n"
      "<rect width=\"100%\" height=\"100%\" fill=\"#FFFFFF\"/>\n",
      svg_number(width), svg_number(height), xml_escape(title), xml_escape(desc));
}

std::string Svg::attr(std::string_view name, std::string_view value) {
  return fmt::format(" {}=\"{}\"", name, xml_escape(value));
}

void Svg::raw(std::string_view markup) { out_ += markup; }

void Svg::open_group(std::string_view attributes) {
  fmt::format_to(std::back_inserter(out_), "<g{}{}>\n", attributes.empty() ? "" : " ", attributes);
  ++open_groups_;
}

void Svg::close_group() {
  if (open_groups_ == 0) return;
  out_ += "</g>\n";
  --open_groups_;
}

void Svg::rect(double x, double y, double width, double height, std::string_view attributes) {
  fmt::format_to(std::back_inserter(out_), "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" {}/>\n", svg_number(x),
                 svg_number(y), svg_number(width), svg_number(height), attributes);
}

void Svg::line(double x1, double y1, double x2, double y2, std::string_view attributes) {
  fmt::format_to(std::back_inserter(out_), "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" {}/>\n", svg_number(x1),
                 svg_number(y1), svg_number(x2), svg_number(y2), attributes);
}

void Svg::circle(double cx, double cy, double r, std::string_view attributes) {
  fmt::format_to(std::back_inserter(out_), "<circle cx=\"{}\" cy=\"{}\" r=\"{}\" {}/>\n", svg_number(cx),
                 svg_number(cy), svg_number(r), attributes);
}

void Svg::use(std::string_view ref, double x, double y, std::string_view attributes) {
  fmt::format_to(std::back_inserter(out_), "<use href=\"#{}\" x=\"{}\" y=\"{}\"{}{}/>\n", ref, svg_number(x),
                 svg_number(y), attributes.empty() ? "" : " ", attributes);
}

void Svg::polyline(std::string_view points, std::string_view attributes) {
  fmt::format_to(std::back_inserter(out_), "<polyline points=\"{}\" {}/>\n", points, attributes);
}

void Svg::text(double x, double y, std::string_view content, std::string_view attributes) {
  fmt::format_to(std::back_inserter(out_), "<text x=\"{}\" y=\"{}\"{}{}>{}</text>\n", svg_number(x), svg_number(y),
                 attributes.empty() ? "" : " ", attributes, xml_escape(content));
}

std::string Svg::finish() {
  while (open_groups_ > 0) close_group();
  out_ += "</svg>\n";
  return std::move(out_);
}

}  // namespace attune::plot

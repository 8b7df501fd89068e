#include <doctest/doctest.h>

#include <cmath>

#include "attune/plot/svg.h"

using namespace attune::plot;

TEST_CASE("svg_number: two decimals at most, no trailing zeros, no negative zero") {
  CHECK(svg_number(3) == "3");
  CHECK(svg_number(3.5) == "3.5");
  CHECK(svg_number(-0.25) == "-0.25");
  CHECK(svg_number(1.005001) == "1.01");
  CHECK(svg_number(-0.001) == "0");
  CHECK(svg_number(12.3456) == "12.35");
  CHECK(svg_number(NAN) == "0");
}

TEST_CASE("xml_escape escapes markup and replaces forbidden control characters") {
  CHECK(xml_escape("a<b & \"c\" 'd'>") == "a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;");
  CHECK(xml_escape(std::string("x\x01y", 3)) == "x\xEF\xBF\xBDy");
  CHECK(xml_escape("tab\there") == "tab\there");
}

TEST_CASE("Svg writes a titled, closed document with escaped text") {
  Svg svg(100, 50, "T<1>", "D&2");
  svg.open_group("font-size=\"12\"");
  svg.text(1.234, 5, "</svg><script>");
  std::string out = svg.finish();
  CHECK(out.find("<title id=\"title\">T&lt;1&gt;</title>") != std::string::npos);
  CHECK(out.find("<desc id=\"desc\">D&amp;2</desc>") != std::string::npos);
  CHECK(out.find("<text x=\"1.23\" y=\"5\">&lt;/svg&gt;&lt;script&gt;</text>") != std::string::npos);
  CHECK(out.find("</g>\n</svg>\n") != std::string::npos);   // the open group is closed
  CHECK(out.find("<script") == std::string::npos);
  CHECK(Svg::attr("id", "a\"b") == " id=\"a&quot;b\"");
}

#include <doctest/doctest.h>

#include <cmath>

#include "report/html_text.h"

using namespace attune::report;

TEST_CASE("escape makes markup characters references and shows controls escaped") {
  CHECK(escape("a<b>&\"c'") == "a&lt;b&gt;&amp;&quot;c&#39;");
  CHECK(escape("Ångström") == "Ångström");
  const std::string with_controls = escape(std::string("x\x1b[31my\x01z", 9));
  CHECK(with_controls.find('\x1b') == std::string::npos);
  CHECK(with_controls.find('\x01') == std::string::npos);
  CHECK(with_controls.find("y") != std::string::npos);
  CHECK(escape("\xff") != "\xff");   // not UTF-8: never copied as it is (XML would refuse it)
}

TEST_CASE("numbers have fixed decimals, NA when not finite, and never show -0") {
  CHECK(number(0.91234, 3) == "0.912");
  CHECK(number(-0.0001, 3) == "0.000");
  CHECK(number(-0.25, 2) == "-0.25");
  CHECK(number(NAN, 3) == "NA");
  CHECK(number(INFINITY, 1) == "NA");
}

TEST_CASE("counts are grouped by thousands, percentages have one decimal") {
  CHECK(count(0) == "0");
  CHECK(count(999) == "999");
  CHECK(count(1000) == "1,000");
  CHECK(count(1234567) == "1,234,567");
  CHECK(percent(1, 8) == "12.5%");
  CHECK(percent(0, 0) == "NA");
  CHECK(percent(3, 3) == "100.0%");
}

TEST_CASE("a table has a caption, column and row headings, and escaped cells") {
  Table table{"t", "Cap <1>", {"name", "n"}, {false, true}, {{"a&b", "3"}}};
  CHECK(table.html() ==
        "<table id=\"t\">\n<caption>Cap &lt;1&gt;</caption>\n"
        "<thead><tr><th scope=\"col\">name</th><th scope=\"col\" class=\"num\">n</th></tr></thead>\n"
        "<tbody>\n<tr><th scope=\"row\">a&amp;b</th><td class=\"num\">3</td></tr>\n</tbody>\n</table>\n");
}

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "plot/chart_axes.h"

using namespace attune::plot;

TEST_CASE("tick_values: steps of 1, 2 or 5 times a power of ten inside the range") {
  CHECK(tick_values({1, 7}) == std::vector<double>{1, 2, 3, 4, 5, 6, 7});
  CHECK(tick_values({1, 7}, 4) == std::vector<double>{2, 4, 6});
  CHECK(tick_values({18, 126}, 6) == std::vector<double>{20, 40, 60, 80, 100, 120});
  CHECK(tick_values({3, 3}) == std::vector<double>{3});
}

TEST_CASE("fitting_font_size keeps the size of a text that fits and shrinks one that does not") {
  CHECK(fitting_font_size("short", 17, 500, true) == " font-size=\"17\"");
  // 100 characters at 0.6 em of 10 units would be 600 wide: 300 allows 5.
  CHECK(fitting_font_size(std::string(100, 'x'), 10, 300) == " font-size=\"5\"");
  // UTF-8 counts characters, not bytes: 10 x U+00D7 is 10 characters.
  std::string times;
  for (int i = 0; i < 10; ++i) times += "\xC3\x97";
  CHECK(fitting_font_size(times, 10, 60) == " font-size=\"10\"");
}

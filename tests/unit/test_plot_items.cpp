#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "attune/plot/items.h"

using namespace attune::plot;

TEST_CASE("ItemTally counts each whole answer, missing and in-between answers") {
  ItemTally tally({"item 1", "item 2"}, {false, true}, 1, 5);
  const std::vector<std::vector<double>> rows = {{1, 5}, {1, NAN}, {3, 2.5}};
  for (const auto& row : rows) tally.add(row);
  CHECK(tally.respondents() == 3);
  CHECK(tally.items()[0].answers == std::vector<std::uint64_t>{2, 0, 1, 0, 0});
  CHECK(tally.items()[1].answers == std::vector<std::uint64_t>{0, 0, 0, 0, 1});
  CHECK(tally.items()[1].missing == 1);
  CHECK(tally.items()[1].between == 1);
  const std::string svg = items_svg("Items", tally);
  CHECK(svg.find(">item 2 (R)</text>") != std::string::npos);
  CHECK(svg.find(">missing 1, other 1</text>") != std::string::npos);
  CHECK(svg.find("item 1: 1=2 2=0 3=1 4=0 5=0 missing=0;") != std::string::npos);   // the text alternative
}

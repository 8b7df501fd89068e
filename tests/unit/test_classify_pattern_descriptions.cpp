#include <doctest/doctest.h>

#include <string>

#include "attune/classify/pattern_descriptions.h"

using namespace attune;

TEST_CASE("pattern descriptions agree with the quadrant rule") {
  for (const auto& d : pattern_descriptions()) {
    CHECK(d.name == pattern_name(d.pattern));
    CHECK(quadrant(d.anxiety == "high", d.avoidance == "high") == d.pattern);
    // High anxiety = negative model of self; high avoidance = negative model of others.
    CHECK((d.anxiety == "high") == (d.model_of_self == "negative"));
    CHECK((d.avoidance == "high") == (d.model_of_other == "negative"));
    CHECK(d.description.size() > 40);
    CHECK(&describe(d.pattern) == &d);
  }
  CHECK(describe(Pattern::fearful).description.find("pursuit") != std::string_view::npos);
  CHECK(describe(Pattern::fearful).description.find("withdrawal") != std::string_view::npos);
  CHECK(dimension_descriptions()[0].name == "anxiety");
  CHECK(dimension_descriptions()[0].description.find("pursuit") != std::string_view::npos);
  CHECK(dimension_descriptions()[1].description.find("withdrawal") != std::string_view::npos);
  CHECK_FALSE(patterns_caution().empty());
}

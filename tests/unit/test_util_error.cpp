#include <doctest/doctest.h>

#include "attune/util/error.h"

using namespace attune;

TEST_CASE("an error's text names the place, the problem and the remedy") {
  Error e = data_error({"data.csv", 3, 14}, "value \"9\" is out of range 1..7", "use --missing 9");
  CHECK(std::string(e.what()) == "data.csv:3:14: value \"9\" is out of range 1..7 (use --missing 9)");
  CHECK(e.kind() == ErrorKind::data);
}

TEST_CASE("unknown parts of a location are left out") {
  CHECK(SourceLocation{"a.yaml", 0, 0}.to_string() == "a.yaml");
  CHECK(SourceLocation{"a.yaml", 2, 0}.to_string() == "a.yaml:2");
  CHECK(SourceLocation{}.to_string().empty());
  CHECK(std::string(usage_error("no input").what()) == "no input");
}

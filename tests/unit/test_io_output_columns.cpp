#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "attune/io/output_columns.h"
#include "attune/util/error.h"

using namespace attune;

TEST_CASE("unique output columns pass through in order") {
  auto columns = unique_output_columns({{{"id", false}, "the id column"}, {{"anxiety", true}, "ecr-r's score"},
                                        {{"Anxiety", true}, "a --keep column"}});   // names differ by case: both kept
  REQUIRE(columns.size() == 3);
  CHECK(columns[0].name == "id");
  CHECK(columns[1].numeric);
  CHECK(columns[2].name == "Anxiety");
}

TEST_CASE("a name twice is a usage error naming both columns and where they came from") {
  try {
    unique_output_columns({{{"id", false}, "the id column"}, {{"anxiety", false}, "a --keep column"},
                           {{"anxiety", true}, "ecr-r's score \"anxiety\""}});
    FAIL("no error");
  } catch (const Error& e) {
    const std::string what = e.what();
    CHECK(e.kind() == ErrorKind::usage);
    CHECK(what.find("two columns named \"anxiety\": column 2 (a --keep column) and column 3") != std::string::npos);
    CHECK(what.find("leave it out of --keep") != std::string::npos);
  }
  // Two of attune's own columns (two instruments' prefixed names meeting): the advice is the ids.
  CHECK_THROWS_WITH_AS(unique_output_columns({{{"a_b_c", true}, "a's score \"b_c\""}, {{"a_b_c", true}, "a_b's score \"c\""}}),
                       doctest::Contains("its own id"), Error);
}

#include <doctest/doctest.h>

#include "attune/instrument/keys.h"
#include "test_support.h"

using namespace attune;

TEST_CASE("parse_key reads item numbers, column names and the reversing '-'") {
  auto plain = parse_key("9");
  REQUIRE(plain);
  CHECK_FALSE(plain->reversed);
  CHECK(plain->number == 9);
  CHECK(plain->column.empty());

  auto reversed = parse_key("-9");
  REQUIRE(reversed);
  CHECK(reversed->reversed);
  CHECK(reversed->number == 9);

  auto plus = parse_key("+9");
  REQUIRE(plus);
  CHECK_FALSE(plus->reversed);
  CHECK(plus->number == 9);

  auto named = parse_key("Q9");
  REQUIRE(named);
  CHECK_FALSE(named->reversed);
  CHECK_FALSE(named->number);
  CHECK(named->column == "Q9");

  auto named_reversed = parse_key("-Q9");
  REQUIRE(named_reversed);
  CHECK(named_reversed->reversed);
  CHECK_FALSE(named_reversed->number);
  CHECK(named_reversed->column == "Q9");

  auto spaced = parse_key(" -12 ");
  REQUIRE(spaced);
  CHECK(spaced->reversed);
  CHECK(spaced->number == 12);
}

TEST_CASE("parse_key rejects empty keys, a lone '-' and item 0") {
  CHECK_FALSE(parse_key(""));
  CHECK_FALSE(parse_key("   "));
  CHECK_FALSE(parse_key("-"));
  CHECK_FALSE(parse_key("+"));
  CHECK_FALSE(parse_key("0"));
  CHECK_FALSE(parse_key("-0"));
}

TEST_CASE("a number with trailing text is a column name, not a number") {
  auto key = parse_key("9a");
  REQUIRE(key);
  CHECK_FALSE(key->number);
  CHECK(key->column == "9a");
}

TEST_CASE("ColumnPattern substitutes the item number for {n}") {
  CHECK(ColumnPattern("ecr_{n}").column_for(7) == "ecr_7");
  CHECK(ColumnPattern("{n}_ecr").column_for(12) == "12_ecr");
  CHECK(ColumnPattern("q{n}r").column_for(3) == "q3r");
  CHECK(ColumnPattern("{n}").column_for(36) == "36");
  CHECK(ColumnPattern("ecr_{n}").text() == "ecr_{n}");
}

TEST_CASE("ColumnPattern needs exactly one {n}") {
  for (const char* bad : {"ecr_", "", "{n}_{n}", "{N}"}) {
    CAPTURE(bad);
    auto e = test::error_of([&] { ColumnPattern pattern(bad); });
    REQUIRE(e);
    CHECK(e->kind() == ErrorKind::usage);
    CHECK(e->message().find("must contain {n} exactly once") != std::string::npos);
  }
}

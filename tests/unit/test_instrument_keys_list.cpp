#include <doctest/doctest.h>

#include "attune/instrument/keys_list.h"
#include "attune/instrument/loader.h"

using namespace attune;

namespace {

// The error parse_keys_list or instrument_from_keys throws for `text`.
Error keys_error(const std::string& text) {
  try {
    instrument_from_keys(parse_keys_list(text, "k.keys"), {1, 5}, "k");
  } catch (const Error& e) {
    return e;
  }
  FAIL("no error for: " << text);
  return usage_error("unreachable");
}

}  // namespace

TEST_CASE("a keys list: comments, spaces and commas, reversed items, an item in two scales") {
  KeysList keys = parse_keys_list("# Big Five\n\nagree: A1 -A2, A3   # end comment\n consc :C1,-C2\nboth: A1 -C2\n", "k.keys");
  REQUIRE(keys.scales.size() == 3);
  CHECK(keys.scales[0].id == "agree");
  REQUIRE(keys.scales[0].keys.size() == 3);
  CHECK(keys.scales[0].keys[1].column == "A2");
  CHECK(keys.scales[0].keys[1].reversed);
  CHECK(keys.scales[0].keys[1].where.line == 3);
  CHECK(keys.scales[0].keys[1].where.column == 11);
  CHECK(keys.scales[1].id == "consc");
  CHECK(keys.scales[1].where.column == 2);
  CHECK(keys.columns() == std::vector<std::string>{"A1", "A2", "A3", "C1", "C2"});

  Instrument in = instrument_from_keys(keys, {1, 5}, "big5");
  CHECK(in.id == "big5");
  CHECK(in.source == "k.keys");
  CHECK(in.response.min == 1);
  CHECK(in.response.max == 5);
  CHECK_FALSE(in.classification);
  REQUIRE(in.items.size() == 5);
  CHECK(in.items[3].column == "C1");
  REQUIRE(in.scales.size() == 3);
  CHECK(in.scales[0].id == "agree");
  CHECK(in.scales[2].keys.size() == 2);
  CHECK(in.items[in.scales[2].keys[1].item].column == "C2");
  CHECK(in.scales[2].keys[1].reversed);
}

TEST_CASE("a keys list's grammar errors name its line and column") {
  Error no_colon = keys_error("a: Q1\nb Q2\n");
  CHECK(no_colon.where().line == 2);
  CHECK(no_colon.where().column == 1);
  CHECK(std::string(no_colon.message()).find("is not a scale line") != std::string::npos);

  Error empty_scale = keys_error("a: Q1\nb:   # none\n");
  CHECK(empty_scale.where().line == 2);
  CHECK(empty_scale.where().column == 3);
  CHECK(empty_scale.message() == "scale \"b\" has no items");

  Error twice = keys_error("a: Q1\na: Q2\n");
  CHECK(twice.where().line == 2);
  CHECK(twice.message() == "scale \"a\" is listed twice (first on line 1)");

  Error lone_dash = keys_error("a: Q1 - Q2\n");
  CHECK(lone_dash.where().column == 7);

  Error nothing = keys_error("# only a comment\n\n");
  CHECK(nothing.message() == "the keys list has no scale lines");
}

TEST_CASE("a keys list is checked by the definition's checks, their messages placed in the list") {
  // The same message a YAML definition gets for a reserved scale id, at the scale's line.
  Error reserved = keys_error("a: Q1\nid: Q2\n");
  CHECK(reserved.kind() == ErrorKind::definition);
  CHECK(reserved.where().file == "k.keys");
  CHECK(reserved.where().line == 2);
  CHECK(reserved.where().column == 1);
  CHECK(reserved.message().starts_with("'id' is reserved for an output column; choose another scale id"));

  // An item twice in one scale: at the second key's place.
  Error twice = keys_error("a: Q1 Q2\nb: Q3 -Q1 Q3\n");
  CHECK(twice.where().line == 2);
  CHECK(twice.where().column == 11);
}

TEST_CASE("a starter definition is accepted by check, with a warning per TODO value") {
  KeysList keys = parse_keys_list("agree: A1 -A2\n", "k.keys");
  DefinitionDraft draft{"big5", "TODO: the name", {1, 6}, {"A2", "A1"}, true, {"a comment"}};
  const std::string yaml = definition_yaml(keys, draft);
  CHECK(yaml.find("# a comment\n") != std::string::npos);
  CHECK(yaml.find("citation:") == yaml.find("# TODO: citation:") + 8);   // only as a comment
  CheckResult result = check_instrument_text(yaml, "big5.yaml");
  REQUIRE(result.instrument);
  CHECK(result.instrument->items[0].column == "A2");   // numbered in the draft's order
  CHECK(result.instrument->items[0].number == 1);
  int todos = 0;
  for (const auto& warning : result.warnings) todos += warning.message.starts_with("left to fill: ");
  CHECK(todos == 2);   // the name and the scale's label
}

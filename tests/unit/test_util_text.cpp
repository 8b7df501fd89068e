#include <doctest/doctest.h>

#include "attune/util/text.h"
#include "test_support.h"

using namespace attune;

TEST_CASE("trim removes ASCII white space at both ends only") {
  CHECK(trim("  a b \t\r\n") == "a b");
  CHECK(trim("\v\fx") == "x");
  CHECK(trim("   ").empty());
  CHECK(trim("").empty());
  CHECK(trim("x") == "x");
}

TEST_CASE("iequals ignores ASCII case and nothing else") {
  CHECK(iequals("ResponseId", "responseid"));
  CHECK_FALSE(iequals("id", "id "));
  CHECK_FALSE(iequals("abc", "abd"));
  CHECK(iequals("", ""));
}

TEST_CASE("fold_label lowercases, trims and folds inner white space runs") {
  CHECK(fold_label("  Strongly \t  DISAGREE ") == "strongly disagree");
  CHECK(fold_label("Neutral/mixed") == "neutral/mixed");
  CHECK(fold_label(" \t ").empty());
}

TEST_CASE("split keeps empty parts") {
  CHECK(split("a,b,c", ',') == std::vector<std::string>{"a", "b", "c"});
  CHECK(split(",a,,", ',') == std::vector<std::string>{"", "a", "", ""});
  CHECK(split("", ',') == std::vector<std::string>{""});
  CHECK(split("abc", ':') == std::vector<std::string>{"abc"});
}

TEST_CASE("edit_distance is the case-insensitive Levenshtein distance") {
  CHECK(edit_distance("kitten", "sitting") == 3);
  CHECK(edit_distance("", "abc") == 3);
  CHECK(edit_distance("abc", "") == 3);
  CHECK(edit_distance("ABC", "abc") == 0);
  CHECK(edit_distance("flaw", "lawn") == 2);
  CHECK(edit_distance("scoring", "scorign") == 2);
}

TEST_CASE("closest_names orders by distance, bounds the distance and the count") {
  std::vector<std::string> names = {"anxiety", "avoidance", "anxious", "secure"};
  auto near = closest_names("anxeity", names);
  REQUIRE(!near.empty());
  CHECK(near.front() == "anxiety");
  CHECK(closest_names("zzzzzzzzzz", names).empty());
  CHECK(closest_names("Q1", {"Q1", "Q2", "Q3", "Q4"}, 2) == std::vector<std::string>{"Q1", "Q2"});
  // Equal distances keep the candidates' order; duplicates appear once.
  CHECK(closest_names("Q", {"Q2", "Q1", "Q2"}) == std::vector<std::string>{"Q2", "Q1"});
}

TEST_CASE("show_text quotes, escapes control bytes and invalid UTF-8, and truncates") {
  CHECK(show_text("abc") == "\"abc\"");
  CHECK(show_text("") == "\"\"");
  CHECK(show_text("a\tb\n") == "\"a\\x09b\\x0A\"");
  CHECK(show_text("say \"hi\"") == "\"say \\\"hi\\\"\"");
  CHECK(show_text("a\\b") == "\"a\\\\b\"");
  CHECK(show_text("\x7F") == "\"\\x7F\"");
  CHECK(show_text("caf\xC3\xA9") == "\"caf\xC3\xA9\"");        // valid UTF-8 is kept
  CHECK(show_text("\xC3(") == "\"\\xC3(\"");                    // broken sequence
  CHECK(show_text("\xFF") == "\"\\xFF\"");
  CHECK(show_text("\xE2\x82") == "\"\\xE2\\x82\"");             // truncated 3-byte sequence
  CHECK(show_text("abcdefghij", 4) == "\"abcd...\"");
  CHECK(show_text("abcd", 4) == "\"abcd\"");
  CHECK(show_text(std::string(100, 'x')).size() == 1 + 40 + 3 + 1);
}

TEST_CASE("show_number prints the shortest form") {
  CHECK(show_number(4) == "4");
  CHECK(show_number(3.5) == "3.5");
  CHECK(show_number(-2) == "-2");
  CHECK(show_number(1e20) == "1e+20");
}

TEST_CASE("read_file reads bytes exactly and names the file in io errors") {
  test::TempDir dir;
  std::string content("a\r\nb\0c", 6);
  CHECK(read_file(dir.write("x.bin", content)) == content);
  auto missing = test::error_of([&] { read_file((dir.path() / "nope").string()); });
  REQUIRE(missing);
  CHECK(missing->kind() == ErrorKind::io);
  CHECK(missing->where().file == (dir.path() / "nope").string());
  CHECK(missing->message().find("cannot open") != std::string::npos);
  auto directory = test::error_of([&] { read_file(dir.path().string()); });
  REQUIRE(directory);
  CHECK(directory->kind() == ErrorKind::io);
  CHECK(directory->message() == "is a directory");
}

TEST_CASE("escape_controls shows C0, DEL, C1 and broken UTF-8 as \\xNN, and keeps the rest") {
  CHECK(escape_controls("plain caf\xC3\xA9 \"q\" a\\b") == "plain caf\xC3\xA9 \"q\" a\\b");
  CHECK(escape_controls("\x1b[31mred\x07\x08\x7F") == "\\x1B[31mred\\x07\\x08\\x7F");
  CHECK(escape_controls("\xC2\x9B" "2J") == "\\xC2\\x9B2J");   // C1 CSI, as UTF-8
  CHECK(escape_controls("\x9B" "2J") == "\\x9B2J");            // C1 CSI, a lone byte
  CHECK(escape_controls("a\tb\nc\r") == "a\\x09b\\x0Ac\\x0D");
  CHECK(escape_controls("a\tb\nc\r", true) == "a\tb\nc\\x0D");
  CHECK(show_text("\xC2\x85") == "\"\\xC2\\x85\"");
}

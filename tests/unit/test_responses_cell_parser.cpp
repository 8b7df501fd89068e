#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include "attune/responses/cell_parser.h"

using namespace attune;

namespace {

ResponseScale likert(bool integer) {
  ResponseScale scale;
  scale.min = 1;
  scale.max = 7;
  scale.integer = integer;
  scale.labels = {{1, "Strongly disagree"}, {4, "Neutral/mixed"}, {7, "Strongly agree"}};
  scale.missing_codes = {"NA", " -99 "};
  return scale;
}

bool is_value(const ParsedCell& cell, double value) { return cell.status == CellStatus::value && cell.value == value; }
bool is_missing(const ParsedCell& cell) { return cell.status == CellStatus::missing && std::isnan(cell.value); }
bool is_invalid(const ParsedCell& cell) {
  return cell.status == CellStatus::invalid && std::isnan(cell.value) && !cell.problem.empty();
}

}  // namespace

TEST_CASE("empty and white-space cells are missing") {
  CellParser parser(likert(true), {});
  CHECK(is_missing(parser.parse("")));
  CHECK(is_missing(parser.parse("   ")));
  CHECK(is_missing(parser.parse("\t\r")));
}

TEST_CASE("missing codes match trimmed and case-insensitively: --missing adds codes") {
  CellParser parser(likert(true), {"9", "n/a"});
  CHECK(is_missing(parser.parse("NA")));
  CHECK(is_missing(parser.parse(" na ")));
  CHECK(is_missing(parser.parse("-99")));
  CHECK(is_missing(parser.parse("9")));
  CHECK(is_missing(parser.parse("N/A")));
  CellParser plain(likert(true), {});
  CHECK(is_invalid(plain.parse("9")));
}

TEST_CASE("in-range numbers are values: decimals only on a non-integer scale") {
  CellParser integer(likert(true), {});
  CHECK(is_value(integer.parse("1"), 1));
  CHECK(is_value(integer.parse(" 7 "), 7));
  CHECK(is_value(integer.parse("+3"), 3));
  CHECK(is_value(integer.parse("4.0"), 4));
  CHECK(is_value(integer.parse("4e0"), 4));
  auto half = integer.parse("4.5");
  CHECK(is_invalid(half));
  CHECK(half.problem == "value \"4.5\" is not a whole number; the response scale is 1..7 in whole steps");
  CellParser real(likert(false), {});
  CHECK(is_value(real.parse("4.5"), 4.5));
  CHECK(is_value(real.parse("1.25"), 1.25));
}

TEST_CASE("numbers outside the range are invalid with the range in the message") {
  CellParser parser(likert(true), {});
  auto high = parser.parse("8");
  CHECK(is_invalid(high));
  CHECK(high.problem == "value \"8\" is out of range 1..7");
  CHECK(is_invalid(parser.parse("0")));
  CHECK(is_invalid(parser.parse("7.0001")));
  CHECK(is_invalid(parser.parse("-1")));
}

TEST_CASE("non-decimal number forms are not numbers") {
  CellParser parser(likert(false), {});
  for (const char* text : {"nan", "NaN", "inf", "-inf", "1e999", "0x10", "4abc", "4 5", "--4", "four"}) {
    CAPTURE(text);
    CHECK(is_invalid(parser.parse(text)));
  }
  CHECK(parser.parse("0x10").problem == "value \"0x10\" is not a number or a response label");
}

TEST_CASE("-0 is 0, valid when the range holds 0") {
  ResponseScale scale;
  scale.min = -3;
  scale.max = 3;
  CellParser parser(scale, {});
  auto zero = parser.parse("-0");
  REQUIRE(is_value(zero, 0));
  CHECK_FALSE(std::signbit(zero.value));
  CHECK(parser.parse("4abc").problem == "value \"4abc\" is not a number");   // no labels to mention
  CellParser likert_parser(likert(true), {});
  CHECK(is_invalid(likert_parser.parse("-0")));
}

TEST_CASE("response labels map to their values, ignoring case and spacing") {
  CellParser parser(likert(true), {});
  CHECK(is_value(parser.parse("Strongly agree"), 7));
  CHECK(is_value(parser.parse("  strongly   DISAGREE "), 1));
  CHECK(is_value(parser.parse("neutral/MIXED"), 4));
  CHECK(is_invalid(parser.parse("Stronglyagree")));
}

TEST_CASE("hints name the option that would fix the cell") {
  CellParser parser(likert(true), {});
  CHECK(parser.hint_for("9") ==
        "if 9 means no answer, add --missing 9; if the data use another response scale, give --range 1:9; "
        "or give --invalid missing to count such cells as missing");
  CHECK(parser.hint_for("0") == "if 0 means no answer, add --missing 0; or give --invalid missing to count "
                                "such cells as missing");
  CHECK(parser.hint_for("999") == "if 999 means no answer, add --missing 999; or give --invalid missing to "
                                  "count such cells as missing");
  CHECK(parser.hint_for(" x ") ==
        "if \"x\" means no answer, add --missing 'x'; labels are 1=\"Strongly disagree\", 4=\"Neutral/mixed\", "
        "7=\"Strongly agree\"; or give --invalid missing to count such cells as missing");
  CHECK(parser.hint_for("4.5") == "give --invalid missing to count such cells as missing");
}

// classify() is the hot path (one-digit and multi-digit fast paths) and must give parse()'s
// answer for every cell. Missing codes that are numbers inside the response range ("4" on 1..7,
// "10" on 0..100) are where its fast paths could take a code for an answer.
TEST_CASE("classify() agrees with parse() on every cell when missing codes are in-range numbers") {
  std::vector<std::string> cells = {"", " ", "NA", "na", "-99", "4.0", "+4", "-4", " 4", "4 ", "04", "004", "4,0",
                                    "10.0", "010", " 10", "10 ", "1e1", "4e0", "x", "99999999", "123456789"};
  for (int n = 0; n <= 120; ++n) cells.push_back(std::to_string(n));
  for (auto [min, max] : {std::pair{1.0, 7.0}, std::pair{0.0, 100.0}}) {
    for (bool integer : {true, false}) {
      for (const std::vector<std::string>& extra :
           {std::vector<std::string>{}, {"4"}, {"10"}, {"4", "10"}, {" 4 "}, {"0"}, {"100"}}) {
        ResponseScale scale;
        scale.min = min;
        scale.max = max;
        scale.integer = integer;
        scale.missing_codes = {"NA", "-99"};
        CellParser parser(scale, extra);
        for (const auto& cell : cells) {
          INFO("range " << min << ".." << max << ", integer " << integer << ", --missing " << extra.size()
                        << " codes (first " << (extra.empty() ? "-" : extra[0]) << "), cell \"" << cell << "\"");
          const ParsedCell expected = parser.parse(cell);
          double value = -12345;
          const CellStatus status = parser.classify(cell, value);
          CHECK(static_cast<int>(status) == static_cast<int>(expected.status));
          if (std::isnan(expected.value)) CHECK(std::isnan(value));
          else CHECK(value == expected.value);
        }
      }
    }
  }
  // The two fast paths by name: a one-digit code and a multi-digit code inside the range.
  ResponseScale seven;
  seven.min = 1;
  seven.max = 7;
  seven.integer = true;
  double value = 0;
  CHECK(CellParser(seven, {"4"}).classify("4", value) == CellStatus::missing);
  CHECK(std::isnan(value));
  ResponseScale hundred;
  hundred.min = 0;
  hundred.max = 100;
  hundred.integer = true;
  CHECK(CellParser(hundred, {"10"}).classify("10", value) == CellStatus::missing);
  CHECK(std::isnan(value));
  CHECK(CellParser(hundred, {"10"}).classify("11", value) == CellStatus::value);
  CHECK(value == 11);
}

TEST_CASE("an extra missing code that is one of the scale's response labels reads as the label") {
  ResponseScale scale = likert(true);
  scale.missing_codes.clear();
  scale.labels = {{1, "NA"}, {7, "Always"}};
  CellParser parser(scale, {"NA", "-1"});
  CHECK(is_value(parser.parse("NA"), 1));
  CHECK(is_value(parser.parse(" na "), 1));
  CHECK(is_missing(parser.parse("-1")));
  CellParser unlabelled(likert(true), {"NA"});
  CHECK(is_missing(unlabelled.parse("NA")));
}

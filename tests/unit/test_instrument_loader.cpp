#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <string>
#include <vector>

#include "attune/instrument/loader.h"
#include "test_support.h"

using namespace attune;

namespace {

// A minimal valid definition; line numbers below refer to it.
const std::string kMinimal = R"(id: tiny
name: Tiny test scale
version: "1"
citation: "Nobody (2024). A made-up scale for tests."
response:
  min: 1
  max: 7
  integer: true
  labels:
    1: "Strongly disagree"
    7: "Strongly agree"
  missing: ["NA", "-99"]
items:
  count: 4
  column: "q{n}"
scales:
  anxiety:
    keys: [1, -2]
  avoidance:
    keys: [3, -4]
    scoring: sum
computed:
  total:
    terms: {anxiety: 1, avoidance: 0.5}
classification:
  dimensions:
    anxiety: anxiety
    avoidance: avoidance
  default: midpoint
  methods:
    midpoint:
      cutoffs: {anxiety: 3.5}
)";

// kMinimal with `from` replaced by `to` (which must occur).
std::string edit(const std::string& from, const std::string& to, std::string yaml = kMinimal) {
  auto at = yaml.find(from);
  REQUIRE_MESSAGE(at != std::string::npos, from);
  return yaml.replace(at, from.size(), to);
}

// Every problem as "line:col: message" (the source name left out).
std::vector<std::string> problems(const std::string& yaml) {
  CheckResult result = check_instrument_text(yaml, "t.yaml");
  std::vector<std::string> out;
  for (const auto& p : result.problems) {
    CHECK(p.where.file == "t.yaml");
    out.push_back(std::to_string(p.where.line) + ":" + std::to_string(p.where.column) + ": " + p.message);
  }
  CHECK(result.instrument.has_value() == out.empty());
  return out;
}

bool has(const std::vector<std::string>& list, const std::string& wanted) {
  return std::find(list.begin(), list.end(), wanted) != list.end();
}

}  // namespace

TEST_CASE("a minimal valid definition loads with every field resolved") {
  CheckResult result = check_instrument_text(kMinimal, "t.yaml");
  REQUIRE(result.problems.empty());
  REQUIRE(result.instrument);
  const Instrument& in = *result.instrument;
  CHECK(in.id == "tiny");
  CHECK(in.version == "1");
  CHECK(in.source == "t.yaml");
  CHECK(in.sha256.size() == 64);
  CHECK(in.citation.text == "Nobody (2024). A made-up scale for tests.");
  CHECK(in.citation.format() == in.citation.text);
  CHECK(in.response.min == 1);
  CHECK(in.response.max == 7);
  CHECK(in.response.integer);
  CHECK(in.response.labels.at(7) == "Strongly agree");
  CHECK(in.response.missing_codes == std::vector<std::string>{"NA", "-99"});
  REQUIRE(in.items.size() == 4);
  CHECK(in.items[3].number == 4);
  CHECK(in.items[3].column == "q4");
  REQUIRE(in.scales.size() == 2);
  REQUIRE(in.scales[0].keys.size() == 2);
  CHECK(in.scales[0].keys[0].item == 0);
  CHECK_FALSE(in.scales[0].keys[0].reversed);
  CHECK(in.scales[0].keys[1].item == 1);
  CHECK(in.scales[0].keys[1].reversed);
  CHECK(in.scales[0].scoring == Scoring::mean);
  CHECK_FALSE(in.scales[0].min_valid.is_fraction);   // a mean needs one item by default
  CHECK(in.scales[0].min_valid.value == 1);
  CHECK(in.scales[1].scoring == Scoring::sum);
  CHECK(in.scales[1].min_valid.is_fraction);         // a sum needs every item by default
  CHECK(in.scales[1].min_valid.value == 1.0);
  CHECK(in.scales[1].min_valid.resolve(2) == 2);
  REQUIRE(in.computed.size() == 1);
  CHECK(in.computed[0].terms == std::vector<std::pair<std::string, double>>{{"anxiety", 1}, {"avoidance", 0.5}});
  CHECK(in.score_ids() == std::vector<std::string>{"anxiety", "avoidance", "total"});
  CHECK(in.score_range("avoidance", in.response) == std::pair<double, double>{2, 14});
  CHECK(in.score_range("total", in.response) == std::pair<double, double>{2, 14});
  REQUIRE(in.classification);
  CHECK(in.classification->anxiety == "anxiety");
  CHECK(in.classification->default_method == "midpoint");
  REQUIRE(in.classification->method("midpoint"));
  CHECK(in.classification->method("midpoint")->cutoffs.at("anxiety") == 3.5);
  CHECK(in.classification->method("median") == nullptr);
}

TEST_CASE("a citation may be a mapping with book and editors") {
  auto yaml = edit("citation: \"Nobody (2024). A made-up scale for tests.\"",
                   "citation:\n  authors: \"Doe, J.\"\n  year: 1998\n  title: \"A chapter\"\n"
                   "  book: \"A book\"\n  editors: \"Roe, R.\"\n  pages: \"46-76\"\n  publisher: \"Guilford\"");
  auto result = check_instrument_text(yaml, "t.yaml");
  REQUIRE(result.problems.empty());
  const Citation& c = result.instrument->citation;
  CHECK(c.authors == "Doe, J.");
  CHECK(c.year == 1998);
  CHECK(c.book == "A book");
  CHECK(c.editors == "Roe, R.");
  CHECK(c.format() == "Doe, J. (1998). A chapter. In Roe, R. (Eds.), A book (pp. 46-76). Guilford.");
  auto no_year = problems(edit("  year: 1998\n", "", yaml));
  CHECK(has(no_year, "5:3: missing required key 'year' in citation"));
}

TEST_CASE("YAML syntax errors carry the parser's line and column") {
  auto list = problems("id: [tiny\nname: x\n");
  REQUIRE(list.size() == 1);
  CHECK(list[0].rfind("2:5: YAML syntax error: ", 0) == 0);
  CHECK(problems("")[0] == "0:0: an instrument definition must be a mapping of keys to values");
}

TEST_CASE("an unknown key suggests the closest allowed one") {
  CHECK(problems(edit("version:", "versoin:")) ==
        std::vector<std::string>{"3:1: unknown key 'versoin' in the definition (did you mean 'version'?)"});
  CHECK(has(problems(edit("    scoring: sum", "    scorng: sum")),
            "21:5: unknown key 'scorng' in scale 'avoidance' (did you mean 'scoring'?)"));
}

TEST_CASE("each required top-level key is reported when missing") {
  auto list = problems("notes: nothing else\n");
  CHECK(list == std::vector<std::string>{
                    "1:1: missing required key 'id'", "1:1: missing required key 'name'",
                    "1:1: missing required key 'response' (the response scale: min, max)",
                    "1:1: missing required key 'items'", "1:1: missing required key 'scales'"});
}

TEST_CASE("a private definition may leave out version and citation: warnings, not problems") {
  std::string yaml = edit("version: \"1\"\n", "", kMinimal);
  const auto citation_at = yaml.find("citation:");
  REQUIRE(citation_at != std::string::npos);
  yaml.erase(citation_at, yaml.find('\n', citation_at) + 1 - citation_at);
  CheckResult result = check_instrument_text(yaml, "t.yaml");
  CHECK(result.problems.empty());
  REQUIRE(result.instrument.has_value());
  CHECK(result.instrument->version.empty());
  CHECK(result.instrument->citation.empty());
  REQUIRE(result.warnings.size() == 2);
  CHECK(result.warnings[0].message.rfind("no 'version'", 0) == 0);
  CHECK(result.warnings[1].message.rfind("no 'citation'", 0) == 0);
  CHECK(check_instrument_text(kMinimal, "t.yaml").warnings.empty());
}

TEST_CASE("ids must be lowercase letters, digits, '-' or '_'") {
  CHECK(problems(edit("id: tiny", "id: Tiny X")) ==
        std::vector<std::string>{"1:5: id 'Tiny X' must be lowercase letters, digits, '-' or '_'"});
  CHECK(problems(edit("id: tiny", "id: ecr-r_2")).empty());
}

TEST_CASE("the response scale: min below max, labels inside the range") {
  CHECK(has(problems(edit("  max: 7", "  max: 1")), "7:8: response max 1 must exceed min 1"));
  CHECK(problems(edit("    7: \"Strongly agree\"", "    8: \"Strongly agree\"")) ==
        std::vector<std::string>{"11:5: label value 8 is outside the response range 1..7"});
}

TEST_CASE("item numbers and columns must be unique") {
  const std::string list_items = "items:\n  - {number: 1}\n  - {number: 2}\n  - {number: 3}\n  - {number: 4}\n";
  auto base = edit("items:\n  count: 4\n  column: \"q{n}\"\n", list_items);
  auto ok = check_instrument_text(base, "t.yaml");
  REQUIRE(ok.problems.empty());
  CHECK(ok.instrument->items[1].column == "Q2");   // default column name
  CHECK(problems(edit("{number: 4}", "{number: 1}", base)) ==
        std::vector<std::string>{"17:5: item 1 is defined twice",
                                 "22:15: scale 'avoidance' uses item 4, which is not defined in items"});
  CHECK(problems(edit("{number: 4}", "{number: 4, column: Q3}", base)) ==
        std::vector<std::string>{"17:5: column 'Q3' is used by two items",
                                 "22:15: scale 'avoidance' uses item 4, which is not defined in items"});
}

TEST_CASE("scale keys: defined items, each once, every item in some scale") {
  CHECK(problems(edit("keys: [1, -2]", "keys: [1, -9]")) ==
        std::vector<std::string>{"14:3: item 2 is in no scale (add it to a scale's keys, or remove it)",
                                 "18:15: scale 'anxiety' uses item 9, which is not defined in items"});
  CHECK(problems(edit("keys: [1, -2]", "keys: [1, -2, 1]")) ==
        std::vector<std::string>{"18:19: scale 'anxiety' uses item 1 twice"});
  CHECK(problems(edit("count: 4", "count: 5")) ==
        std::vector<std::string>{"14:3: item 5 is in no scale (add it to a scale's keys, or remove it)"});
  auto by_column = check_instrument_text(edit("keys: [1, -2]", "keys: [q1, -q2]"), "t.yaml");
  REQUIRE(by_column.problems.empty());
  CHECK(by_column.instrument->scales[0].keys[1].item == 1);
  CHECK(by_column.instrument->scales[0].keys[1].reversed);
}

TEST_CASE("scoring is mean or sum: min_valid a count within the items or a percentage") {
  CHECK(problems(edit("scoring: sum", "scoring: total")) ==
        std::vector<std::string>{"21:14: scoring must be 'mean' or 'sum'"});
  CHECK(problems(edit("scoring: sum", "scoring: sum\n    min_valid: 3")) ==
        std::vector<std::string>{"22:16: min_valid 3 must be between 0 and the scale's 2 items"});
  CHECK(problems(edit("scoring: sum", "scoring: sum\n    min_valid: -1")) ==
        std::vector<std::string>{"22:16: min_valid -1 must be between 0 and the scale's 2 items"});
  CHECK(problems(edit("scoring: sum", "scoring: sum\n    min_valid: \"150%\"")) ==
        std::vector<std::string>{"22:16: a min_valid percentage must be between 0% and 100%"});
  CHECK(problems(edit("scoring: sum", "scoring: sum\n    min_valid: 1.5")) ==
        std::vector<std::string>{"22:16: min_valid must be a whole number"});
  auto half = check_instrument_text(edit("scoring: sum", "scoring: sum\n    min_valid: 50%"), "t.yaml");
  REQUIRE(half.instrument);
  CHECK(half.instrument->scales[1].min_valid.is_fraction);
  CHECK(half.instrument->scales[1].min_valid.value == 0.5);
  auto zero = check_instrument_text(edit("scoring: sum", "scoring: sum\n    min_valid: 0"), "t.yaml");
  REQUIRE(zero.instrument);
  CHECK_FALSE(zero.instrument->scales[1].min_valid.is_fraction);
  CHECK(zero.instrument->scales[1].min_valid.value == 0);
}

TEST_CASE("computed scales use earlier scores only") {
  CHECK(problems(edit("{anxiety: 1, avoidance: 0.5}", "{anxiety: 1, total: 1}")) ==
        std::vector<std::string>{"24:25: computed scale 'total' uses itself"});
  CHECK(problems(edit("{anxiety: 1, avoidance: 0.5}", "{anxiety: 1, later: 1}\n  later:\n    terms: {anxiety: 1}")) ==
        std::vector<std::string>{"24:25: computed scale 'total' uses 'later', which is defined after it "
                                 "(a cycle, or an order to fix: define 'later' first)"});
  CHECK(problems(edit("{anxiety: 1, avoidance: 0.5}", "{anxeity: 1}")) ==
        std::vector<std::string>{"24:13: computed scale 'total' uses unknown score 'anxeity' (did you mean 'anxiety'?)"});
}

TEST_CASE("classification: named scores must exist: dimensions or prototypes, not both") {
  CHECK(problems(edit("    anxiety: anxiety", "    anxiety: worry")) ==
        std::vector<std::string>{"27:14: classification names score 'worry', which is not defined"});
  CHECK(has(problems(edit("    avoidance: avoidance", "    avoidance: avoidanse")),
            "28:16: classification names score 'avoidanse', which is not defined (did you mean 'avoidance'?)"));
  auto both = problems(edit("  default: midpoint", "  prototypes: {secure: anxiety, preoccupied: anxiety, "
                                                    "dismissing: avoidance, fearful: total}\n  default: midpoint"));
  CHECK(both == std::vector<std::string>{"26:3: give either 'dimensions' or 'prototypes', not both"});
  auto neither = problems(edit("  dimensions:\n    anxiety: anxiety\n    avoidance: avoidance\n", ""));
  CHECK(has(neither, "26:3: classification needs 'dimensions' (anxiety, avoidance) or 'prototypes'"));
}

TEST_CASE("classification methods: known names, cut-offs inside the score's range") {
  CHECK(problems(edit("    midpoint:", "    midpiont:")) ==
        std::vector<std::string>{"31:5: unknown classification method 'midpiont' (did you mean 'midpoint'?)"});
  CHECK(problems(edit("{anxiety: 3.5}", "{anxiety: 9}")) ==
        std::vector<std::string>{"32:26: cut-off 9 for 'anxiety' is outside the score's range 1..7"});
  CHECK(problems(edit("{anxiety: 3.5}", "{avoidance: 15}")) ==
        std::vector<std::string>{"32:28: cut-off 15 for 'avoidance' is outside the score's range 2..14"});
  CHECK(problems(edit("{anxiety: 3.5}", "{avoidance: 14}")).empty());
}

TEST_CASE("nesting deeper than 64 levels is refused before parsing") {
  CHECK(problems("x: " + std::string(70, '[') + std::string(70, ']') + "\n") ==
        std::vector<std::string>{"1:68: nesting deeper than 64 levels"});   // the 65th bracket
  std::string dashes;
  for (int i = 0; i < 65; ++i) dashes += "- ";
  CHECK(problems(dashes + "x\n") == std::vector<std::string>{"1:129: nesting deeper than 64 levels"});
  std::string deep_map = "a:\n";
  for (int i = 1; i <= 70; ++i) deep_map += std::string(static_cast<std::size_t>(i), ' ') + "k:\n";
  CHECK(problems(deep_map) == std::vector<std::string>{"65:65: nesting deeper than 64 levels"});
  // 64 levels are fine as far as nesting goes (the document is just not a definition).
  CHECK(problems(dashes.substr(2) + "x\n") ==
        std::vector<std::string>{"1:1: an instrument definition must be a mapping of keys to values"});
  // Brackets inside quotes and comments do not count.
  CHECK(problems(edit("id: tiny", "id: tiny # " + std::string(70, '['))).empty());
  CHECK(problems(edit("name: Tiny test scale", "name: \"" + std::string(70, '[') + "\"")).empty());
}

TEST_CASE("an alias bomb ('billion laughs') is bounded: no expansion, a prompt answer") {
  std::string bomb = "lol0: &a0 [x, x, x, x, x, x, x, x, x]\n";
  for (int i = 1; i <= 9; ++i) {
    bomb += "lol" + std::to_string(i) + ": &a" + std::to_string(i) + " [";
    for (int k = 0; k < 9; ++k) bomb += (k ? ", *a" : "*a") + std::to_string(i - 1);
    bomb += "]\n";
  }
  bomb += "notes: *a9\n";
  auto start = std::chrono::steady_clock::now();
  auto list = problems(kMinimal + bomb);
  auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK(seconds < 2.0);
  CHECK(has(list, "33:1: unknown key 'lol0' in the definition (allowed: id, name, version, citation, notes, "
                  "response, items, scales, computed, classification, attention_checks, domains)"));
  // An alias is the anchored node itself: the problem shows where the anchor's value is.
  CHECK(has(list, "42:7: 'notes' must be a single value"));
  CHECK(list.size() == 11);   // ten unknown keys and the notes
}

TEST_CASE("every problem of a run is reported, sorted by line") {
  auto list = problems(edit("count: 4", "count: 5", edit("id: tiny", "id: Tiny X", edit("scoring: sum", "scoring: total"))));
  CHECK(list == std::vector<std::string>{"1:5: id 'Tiny X' must be lowercase letters, digits, '-' or '_'",
                                         "14:3: item 5 is in no scale (add it to a scale's keys, or remove it)",
                                         "21:14: scoring must be 'mean' or 'sum'"});
}

TEST_CASE("load_instrument_text throws the first problem and counts the rest") {
  auto e = test::error_of([&] { load_instrument_text(edit("id: tiny", "id: Tiny X", edit("count: 4", "count: 5")), "t.yaml"); });
  REQUIRE(e);
  CHECK(e->kind() == ErrorKind::definition);
  CHECK(e->where().to_string() == "t.yaml:1:5");
  CHECK(e->hint() == "and 1 more problem(s); run 'attune check t.yaml' to list every problem");
  CHECK(load_instrument_text(kMinimal, "t.yaml").id == "tiny");
  auto missing = check_instrument_file("/nonexistent/attune.yaml");
  REQUIRE(missing.problems.size() == 1);
  CHECK(missing.problems[0].where.file == "/nonexistent/attune.yaml");
}

TEST_CASE("a key given twice in a mapping is a problem at the second, naming the first's line") {
  auto list = problems(edit("id: tiny", "id: tiny\nid: tiny2"));
  CHECK(list == std::vector<std::string>{"2:1: key 'id' appears twice in the definition (the first is on line 1; keep one)"});
}

TEST_CASE("90,000 keys are checked in bounded time (the duplicate search is not quadratic)") {
  std::string many = kMinimal;
  for (int i = 0; i < 90000; ++i) many += "k" + std::to_string(i) + ": 1\n";
  auto start = std::chrono::steady_clock::now();
  CheckResult result = check_instrument_text(many, "t.yaml");
  auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK(result.problems.size() == 90000);
  CHECK(seconds < 20.0);   // about 1 s in a release build
}

TEST_CASE("a definition file is read to 1 MiB and one byte, no further") {
  test::TempDir dir;
  const std::string big = dir.write("big.yaml", std::string((1u << 20) + 10, '#'));
  CheckResult result = check_instrument_file(big);
  REQUIRE(result.problems.size() == 1);
  CHECK(result.problems[0].message == "definition is 1048586 bytes; the limit is 1048576 bytes");
  result = check_instrument_file("/dev/zero");   // endless: read no further than the limit
  REQUIRE(result.problems.size() == 1);
  CHECK(result.problems[0].message == "definition is more than 1048576 bytes; the limit is 1048576 bytes");
}

TEST_CASE("a second YAML document is a problem; a trailing document marker is not") {
  CheckResult two = check_instrument_text(kMinimal + "---\nid: other\n", "two.yaml");
  REQUIRE(two.problems.size() == 1);
  CHECK(two.problems[0].message.starts_with("a second YAML document"));
  CHECK(check_instrument_text(kMinimal + "---\n", "end.yaml").instrument);
}

TEST_CASE("a file that is no definition is not echoed: short escaped excerpts, none for binary data") {
  CheckResult shadow = check_instrument_text("root:$6$saltsalt$hashhashhashhashhashhash:19000:0:99999:7:::\n", "shadow");
  REQUIRE(!shadow.problems.empty());
  for (const auto& problem : shadow.problems) CHECK(problem.message.find("hashhash") == std::string::npos);
  CheckResult binary = check_instrument_text(std::string("id: x\0\0\0\0\1\2\3", 12), "bin");
  REQUIRE(binary.problems.size() == 1);
  CHECK(binary.problems[0].message == "is not a YAML definition: it holds binary data, not text");
}

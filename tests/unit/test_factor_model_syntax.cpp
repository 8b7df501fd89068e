#include <doctest/doctest.h>

#include <string>

#include "attune/factor/model_syntax.h"
#include "attune/instrument/loader.h"
#include "attune/util/error.h"

using namespace attune;

namespace {
Instrument two_scales() {
  return load_instrument_text(R"(id: toy
name: Toy
version: "1"
citation: {authors: "Nobody", year: 2026, title: "A toy"}
response: {min: 1, max: 5, integer: true}
items: {count: 5, column: "Q{n}"}
scales:
  alpha_scale: {keys: [1, -2]}
  b: {keys: [3, 4]}
  single: {keys: [5]}
)", "<test>");
}
}  // namespace

TEST_CASE("lavaan syntax: one =~ line per multi-item scale, reversed items in comments, data column names") {
  const std::string text = lavaan_model(two_scales(), {"A1", "A2", "B1", "B2", "C1"});
  CHECK(text.find("alpha_scale =~ A1 + A2\n") != std::string::npos);
  CHECK(text.find("b =~ B1 + B2\n") != std::string::npos);
  CHECK(text.find("# alpha_scale: reversed items (keyed negatively; their loadings are expected below zero): A2\n") !=
        std::string::npos);
  CHECK(text.find("single =~") == std::string::npos);
  CHECK(text.find("# single: a single-item scale, left out") != std::string::npos);
}

TEST_CASE("lavaan refuses a column name it cannot parse, naming it") {
  CHECK_THROWS_WITH_AS(lavaan_model(two_scales(), {"A 1", "A2", "B1", "B2", "C1"}),
                       doctest::Contains("column A 1 is not a name lavaan can read"), Error);
}

TEST_CASE("Mplus syntax: BY statements, factor names shortened to 8 characters and said so") {
  const std::string text = mplus_model(two_scales(), {"A1", "A2", "B1", "B2", "C1"});
  CHECK(text.find("  alpha_sc BY A1 A2;\n") != std::string::npos);
  CHECK(text.find("! factor alpha_sc is scale alpha_scale") != std::string::npos);
  CHECK(text.find("  b BY B1 B2;\n") != std::string::npos);
  CHECK(text.find("USEVARIABLES =\n    A1 A2 B1 B2;") != std::string::npos);
  CHECK_THROWS_WITH_AS(mplus_model(two_scales(), {"A1", "A2", "B1", "longer_than_8", "C1"}),
                       doctest::Contains("longer_than_8 is not a name Mplus can read"), Error);
}

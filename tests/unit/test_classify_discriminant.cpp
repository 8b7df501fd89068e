#include <doctest/doctest.h>

#include <limits>
#include <vector>

#include "attune/classify/discriminant.h"
#include "attune/util/error.h"

using namespace attune;

namespace {

// Brennan, Clark & Shaver (1998) ECR functions, all_patterns order (see
// notes/ecr-discriminant.yaml): {avoidance, anxiety, constant}.
ClassificationFunctions ecr_functions() {
  return {{{3.2893296, 5.4725318, -11.5307833},     // secure
           {3.9246754, 9.7102446, -28.4573220},     // preoccupied
           {7.3654621, 4.9392039, -22.2281088},     // dismissing
           {7.2371075, 8.1776448, -32.3553266}}};   // fearful
}

std::string label_at(const Classifier& c, double anxiety, double avoidance) {
  std::vector<double> row = {anxiety, avoidance};
  return c.classify(row).label;
}

}  // namespace

TEST_CASE("discriminant: the largest function wins (hand-computed values)") {
  auto values = classification_function_values(ecr_functions(), 2.0, 2.0);
  // secure: 3.2893296*2 + 5.4725318*2 - 11.5307833 = 5.9929395
  CHECK(values[0] == doctest::Approx(5.9929395).epsilon(1e-12));
  // fearful: 7.2371075*2 + 8.1776448*2 - 32.3553266 = -1.525822
  CHECK(values[3] == doctest::Approx(-1.525822).epsilon(1e-12));
  auto c = make_discriminant_classifier(0, 1, ecr_functions());
  CHECK(label_at(*c, 2.0, 2.0) == "secure");
  CHECK(label_at(*c, 6.0, 2.0) == "preoccupied");
  CHECK(label_at(*c, 2.0, 6.0) == "dismissing");
  CHECK(label_at(*c, 6.0, 6.0) == "fearful");
  CHECK(label_at(*c, std::numeric_limits<double>::quiet_NaN(), 6.0).empty());
}

TEST_CASE("discriminant: an exact tie is reported, not broken") {
  // secure = anxiety, preoccupied = 2 - anxiety; equal at anxiety 1; the others far lower.
  ClassificationFunctions f = {{{0, 1, 0}, {0, -1, 2}, {0, 0, -100}, {0, 0, -100}}};
  auto c = make_discriminant_classifier(0, 1, f);
  std::vector<double> row = {1.0, 4.0};
  auto cls = c->classify(row);
  CHECK_FALSE(cls.pattern.has_value());
  CHECK(cls.label == "tie:secure+preoccupied");
}

TEST_CASE("discriminant: tables need all four patterns and three cells") {
  MethodSpec spec;
  const char* names[] = {"secure", "preoccupied", "dismissing", "fearful"};
  for (const char* n : names) spec.tables[n] = {{"avoidance", 1}, {"anxiety", 2}, {"constant", 3}};
  auto f = discriminant_from_tables(spec);
  CHECK(f[2].anxiety == 2);
  spec.tables["fearful"].erase("constant");
  CHECK_THROWS_AS(discriminant_from_tables(spec), Error);
  spec.tables.erase("fearful");
  CHECK_THROWS_AS(discriminant_from_tables(spec), Error);
}

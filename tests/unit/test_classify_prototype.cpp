#include <doctest/doctest.h>

#include <limits>
#include <vector>

#include "attune/classify/prototype.h"
#include "attune/classify/tie.h"
#include "attune/util/error.h"

using namespace attune;

namespace {

constexpr double NaN = std::numeric_limits<double>::quiet_NaN();

// Score row: secure, preoccupied, dismissing, fearful, forced choice code.
const std::array<std::size_t, 4> kCols = {0, 1, 2, 3};

PrototypeOptions forced_choice_options() {
  PrototypeOptions o;
  o.tie_rule = TieRule::forced_choice;
  o.forced_choice_col = 4;
  o.forced_choice_codes = {{1, Pattern::secure}, {2, Pattern::fearful}, {3, Pattern::preoccupied},
                           {4, Pattern::dismissing}};
  return o;
}

bool has_flag(const Classification& c, const std::string& flag) {
  for (const auto& f : c.flags) {
    if (f == flag) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("prototype: the highest rating wins") {
  auto c = make_prototype_classifier(kCols, {});
  std::vector<double> row = {6, 1, 4, 2, NaN};
  CHECK(c->classify(row).label == "secure");
  row = {2, 3, 4, 7, NaN};
  CHECK(c->classify(row).pattern == Pattern::fearful);
}

TEST_CASE("prototype: ties are reported with every tied pattern, in pattern order") {
  auto c = make_prototype_classifier(kCols, {});
  std::vector<double> row = {5, 2, 3, 5, NaN};
  auto cls = c->classify(row);
  CHECK_FALSE(cls.pattern.has_value());
  CHECK(cls.label == "tie:secure+fearful");
  row = {4, 4, 4, 4, NaN};
  CHECK(c->classify(row).label == "tie:secure+preoccupied+dismissing+fearful");
}

TEST_CASE("prototype: a missing rating leaves the respondent unclassified") {
  auto c = make_prototype_classifier(kCols, {});
  std::vector<double> row = {7, NaN, 1, 1, NaN};
  auto cls = c->classify(row);
  CHECK_FALSE(cls.pattern.has_value());
  CHECK(cls.label.empty());
}

TEST_CASE("prototype: the forced-choice tie rule (Bartholomew's lab)") {
  auto c = make_prototype_classifier(kCols, forced_choice_options());
  std::vector<double> row = {5, 2, 3, 5, 2};   // tie secure/fearful, forced choice fearful
  auto cls = c->classify(row);
  CHECK(cls.pattern == Pattern::fearful);
  CHECK(has_flag(cls, "tie-broken-by-forced-choice"));
  row = {5, 2, 3, 5, 3};                       // forced choice preoccupied: not among the tied
  cls = c->classify(row);
  CHECK(cls.label == "tie:secure+fearful");
  CHECK(has_flag(cls, "forced-choice-not-tied"));
  row = {5, 2, 3, 5, NaN};                     // no forced choice
  cls = c->classify(row);
  CHECK(cls.label == "tie:secure+fearful");
  CHECK(has_flag(cls, "no-forced-choice"));
  row = {6, 2, 3, 5, 2};                       // no tie: the forced choice is not consulted
  CHECK(c->classify(row).pattern == Pattern::secure);
}

TEST_CASE("prototype: the unclassified tie rule and its flag") {
  PrototypeOptions o;
  o.tie_rule = TieRule::unclassified;
  auto c = make_prototype_classifier(kCols, o);
  std::vector<double> row = {5, 5, 1, 1, NaN};
  auto cls = c->classify(row);
  CHECK_FALSE(cls.pattern.has_value());
  CHECK(cls.label.empty());
  CHECK(has_flag(cls, "tie:secure+preoccupied"));
}

TEST_CASE("prototype: forced-choice rule without a column is a usage error") {
  PrototypeOptions o;
  o.tie_rule = TieRule::forced_choice;
  CHECK_THROWS_AS(make_prototype_classifier(kCols, o), Error);
}

TEST_CASE("prototype: tie rule names") {
  CHECK(parse_tie_rule("forced-choice") == TieRule::forced_choice);
  CHECK(parse_tie_rule("report") == TieRule::report);
  CHECK(parse_tie_rule("unclassified") == TieRule::unclassified);
  CHECK_FALSE(parse_tie_rule("random").has_value());
  CHECK(tie_rule_name(TieRule::forced_choice) == "forced-choice");
}

TEST_CASE("prototype: standardised ratings (RSQ) compare sample z-scores") {
  PrototypeOptions o;
  o.standardize = true;
  auto c = make_prototype_classifier(kCols, o);
  CHECK(c->needs_sample());
  // secure column mean 4 sd 1 (3, 4, 5); the others mean 2 sd 1 (1, 2, 3).
  ScoreSample s;
  s.cols = 5;
  s.values = {3, 1, 1, 1, NaN, 4, 2, 2, 2, NaN, 5, 3, 3, 3, NaN};
  c->fit(s);
  // Raw secure 4.5 is highest, but z(secure) = 0.5 < z(fearful) = (3 - 2) / 1 = 1.
  std::vector<double> row = {4.5, 2, 2, 3, NaN};
  CHECK(c->classify(row).label == "fearful");
  // Equal z-scores: a tie.
  row = {5, 3, 1, 1, NaN};
  CHECK(c->classify(row).label == "tie:secure+preoccupied");
}

TEST_CASE("prototype: standardising a constant rating is a clear error") {
  PrototypeOptions o;
  o.standardize = true;
  auto c = make_prototype_classifier(kCols, o);
  ScoreSample s;
  s.cols = 5;
  s.values = {3, 1, 1, 4, NaN, 4, 2, 2, 4, NaN};
  CHECK_THROWS_AS(c->fit(s), Error);
}

TEST_CASE("tie helpers") {
  CHECK(patterns_at_maximum({1, NaN, 2, 3}).empty());
  CHECK(tie_label({Pattern::dismissing, Pattern::fearful}) == "tie:dismissing+fearful");
  CHECK(classify_by_maximum({1, 2, 3, 4}).pattern == Pattern::fearful);
}

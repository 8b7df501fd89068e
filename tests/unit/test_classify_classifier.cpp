#include <doctest/doctest.h>

#include <cmath>
#include <cstring>
#include <vector>

#include "attune/classify/classifier.h"
#include "attune/classify/cutoff_classifier.h"
#include "attune/classify/kmeans.h"
#include "attune/classify/prototype.h"
#include "attune/classify/pattern.h"
#include "attune/instrument/loader.h"
#include "test_support.h"

using namespace attune;

namespace {

// Anxiety = mean of items 1-2, avoidance = sum of items 3-4, on 1..7; the midpoint method's
// cut-offs are given for anxiety only (avoidance falls back to the middle of 2..14 = 8).
const char* kDimensional = R"(id: dim
name: Dim
version: "1"
citation: "Test."
response: {min: 1, max: 7}
items: {count: 4}
scales:
  anx: {keys: [1, 2]}
  avo: {keys: [3, 4], scoring: sum}
classification:
  dimensions: {anxiety: anx, avoidance: avo}
  default: midpoint
  methods:
    midpoint: {cutoffs: {anxiety: 3}}
)";

std::string label(const Classifier& c, double anxiety, double avoidance) {
  std::vector<double> scores = {anxiety, avoidance};
  return c.classify(scores).label;
}

}  // namespace

TEST_CASE("pattern names, long forms and quadrants") {
  CHECK(pattern_name(Pattern::secure) == "secure");
  CHECK(pattern_name(Pattern::fearful) == "fearful");
  CHECK(parse_pattern("dismissing") == Pattern::dismissing);
  CHECK(parse_pattern("anxious-preoccupied") == Pattern::preoccupied);
  CHECK(parse_pattern("dismissive-avoidant") == Pattern::dismissing);
  CHECK(parse_pattern("fearful-avoidant") == Pattern::fearful);
  CHECK_FALSE(parse_pattern("Secure"));
  CHECK_FALSE(parse_pattern(""));
  CHECK(quadrant(false, false) == Pattern::secure);
  CHECK(quadrant(true, false) == Pattern::preoccupied);
  CHECK(quadrant(false, true) == Pattern::dismissing);
  CHECK(quadrant(true, true) == Pattern::fearful);
  CHECK(Classification::of(Pattern::fearful).label == "fearful");
  CHECK(Classification::unclassified().label.empty());
}

TEST_CASE("classify_into gives what classify gives, into a classification that held another") {
  auto midpoint = make_midpoint_classifier(1, 0, 2, 5);
  auto median = make_median_classifier(0, 1);
  ScoreSample sample;
  sample.cols = 2;
  sample.values = {1, 6, 2, 5, 3, 4, 6, 1};   // medians 2.5 and 4.5
  median->fit(sample);
  for (const Classifier* method : {midpoint.get(), median.get()}) {
    for (double a : {1.0, 2.0, 2.5, 4.0, 5.0, 6.5, double(NAN)}) {
      for (double b : {1.0, 3.0, 5.0, 5.5, double(NAN)}) {
        const std::vector<double> scores = {a, b};
        Classification out;
        out.pattern = Pattern::fearful;
        out.label = "tie:secure+fearful";
        out.flags = {"borderline"};
        method->classify_into(scores, out);
        const Classification expected = method->classify(scores);
        CAPTURE(method->name());
        CAPTURE(a);
        CAPTURE(b);
        CHECK(out.pattern == expected.pattern);
        CHECK(out.label == expected.label);
        CHECK(out.flags == expected.flags);
      }
    }
  }
  Classification reused = Classification::of(Pattern::secure);
  reused.flags = {"borderline"};
  reused.assign(std::nullopt);
  CHECK_FALSE(reused.pattern);
  CHECK(reused.label.empty());
  CHECK(reused.flags.empty());
  reused.assign(Pattern::dismissing);
  CHECK(reused.label == "dismissing");
  for (Pattern p : {Pattern::secure, Pattern::preoccupied, Pattern::fearful, Pattern::dismissing, Pattern::secure}) {
    reused.assign(p);   // a shorter name after a longer one, and the reverse: exactly the name
    CHECK(reused.label == pattern_name(p));
    CHECK(reused.label.size() == std::strlen(reused.label.c_str()));
  }
}

TEST_CASE("each method says what it needs, whether it cuts each axis and whether it flags respondents") {
  PrototypeOptions standardized;
  standardized.standardize = true;
  struct Expected {
    std::unique_ptr<Classifier> method;
    bool sample, cuts, flags;
  };
  Expected methods[] = {
      {make_midpoint_classifier(0, 1, 4, 4), false, true, false},
      {make_median_classifier(0, 1), true, true, false},
      {make_kmeans_classifier(0, 1, KmeansOptions{}), true, false, true},
      {make_prototype_classifier({0, 1, 2, 3}, PrototypeOptions{}), false, false, true},
      {make_prototype_classifier({0, 1, 2, 3}, standardized), true, false, true},
  };
  for (const auto& expected : methods) {
    CAPTURE(expected.method->name());
    CHECK(expected.method->needs_sample() == expected.sample);
    CHECK(expected.method->cuts_each_axis() == expected.cuts);
    CHECK(expected.method->flags_respondents() == expected.flags);
  }
}

TEST_CASE("cut-offs: above is high, on the cut-off is low, NaN is unclassified") {
  CHECK(classify_by_cutoffs(4.01, 4, 4, 4).pattern == Pattern::preoccupied);
  CHECK(classify_by_cutoffs(4, 4, 4, 4).pattern == Pattern::secure);
  CHECK(classify_by_cutoffs(4, 4.5, 4, 4).pattern == Pattern::dismissing);
  CHECK(classify_by_cutoffs(7, 7, 4, 4).pattern == Pattern::fearful);
  auto missing = classify_by_cutoffs(NAN, 7, 4, 4);
  CHECK_FALSE(missing.pattern);
  CHECK(missing.label.empty());
  CHECK_FALSE(classify_by_cutoffs(1, NAN, 4, 4).pattern);
  auto midpoint = make_midpoint_classifier(1, 0, 2, 5);   // anxiety in column 1
  CHECK(midpoint->name() == "midpoint");
  CHECK_FALSE(midpoint->needs_sample());
  CHECK(label(*midpoint, 4, 3) == "preoccupied");   // column 0 (avoidance) 4 <= 5, column 1 (anxiety) 3 > 2
  CHECK(midpoint->parameters()[0] == std::pair<std::string, std::string>{"anxiety_cutoff", "2"});
}

TEST_CASE("the median classifier learns R's medians (odd and even counts, NaN left out)") {
  auto median = make_median_classifier(0, 1);
  CHECK(median->needs_sample());
  ScoreSample sample;
  sample.cols = 2;
  sample.values = {1, 10, 5, 20, 3, NAN, 9, 40, NAN, 30};   // anxiety 1 5 3 9; avoidance 10 20 40 30
  median->fit(sample);
  auto params = median->parameters();
  CHECK(params[0] == std::pair<std::string, std::string>{"anxiety_cutoff", "4"});      // (3 + 5) / 2
  CHECK(params[1] == std::pair<std::string, std::string>{"avoidance_cutoff", "25"});   // (20 + 30) / 2
  CHECK(label(*median, 4, 25) == "secure");
  CHECK(label(*median, 4.5, 26) == "fearful");
  ScoreSample odd;
  odd.cols = 2;
  odd.values = {2, 1, 8, 3, 4, 2};
  median->fit(odd);
  CHECK(median->parameters()[0].second == "4");
  CHECK(median->parameters()[1].second == "2");
  // Nobody has an anxiety score: no median, and nobody can be classified.
  ScoreSample empty;
  empty.cols = 2;
  empty.values = {NAN, 1};
  median->fit(empty);
  CHECK(median->parameters()[0].second == "nan");
  CHECK(label(*median, NAN, 1) == "");
}

TEST_CASE("make_classifier: the default method, definition cut-offs, --cutoff overrides") {
  Instrument in = load_instrument_text(kDimensional, "dim.yaml");
  auto ids = in.score_ids();
  auto c = make_classifier(in, ids, in.response, {});
  CHECK(c->name() == "midpoint");
  CHECK(c->parameters()[0].second == "3");   // the definition's anxiety cut-off
  CHECK(c->parameters()[1].second == "8");   // the middle of the sum's range 2..14
  CHECK(label(*c, 3, 8) == "secure");
  CHECK(label(*c, 3.5, 9) == "fearful");
  ClassifierOptions options;
  options.cutoffs = {{"anxiety", 5}, {"avo", 10}};
  auto overridden = make_classifier(in, ids, in.response, options);
  CHECK(overridden->parameters()[0].second == "5");
  CHECK(overridden->parameters()[1].second == "10");
  options = {};
  options.method = "median";
  CHECK(make_classifier(in, ids, in.response, options)->name() == "median");
}

TEST_CASE("make_classifier moves definition cut-offs linearly onto a --range") {
  Instrument in = load_instrument_text(kDimensional, "dim.yaml");
  ResponseScale wider = in.response;
  wider.min = 0;
  wider.max = 10;
  auto c = make_classifier(in, in.score_ids(), wider, {});
  // anxiety 3 on 1..7 is a third of the way: 10/3 on 0..10; avoidance: middle of 0..20.
  CHECK(std::stod(c->parameters()[0].second) == doctest::Approx(10.0 / 3).epsilon(1e-12));
  CHECK(c->parameters()[1].second == "10");
}

TEST_CASE("make_classifier refuses unknown methods, bad --cutoff names and prototype instruments") {
  Instrument in = load_instrument_text(kDimensional, "dim.yaml");
  ClassifierOptions options;
  options.method = "k-means";
  auto unknown = test::error_of([&] { make_classifier(in, in.score_ids(), in.response, options); });
  REQUIRE(unknown);
  CHECK(unknown->kind() == ErrorKind::usage);
  CHECK(unknown->message() == "unknown classification method 'k-means'");
  CHECK(unknown->hint() == "known: midpoint, median, norms, kmeans, discriminant, prototype");
  // A method the definition cites no parameters for is refused, naming what it has.
  options.method = "norms";
  auto uncited = test::error_of([&] { make_classifier(in, in.score_ids(), in.response, options); });
  REQUIRE(uncited);
  CHECK(uncited->kind() == ErrorKind::usage);
  options = {};
  options.cutoffs = {{"worry", 1}};
  CHECK(test::error_of([&] { make_classifier(in, in.score_ids(), in.response, options); })->kind() ==
        ErrorKind::usage);
  Instrument prototypes = in;
  prototypes.classification->anxiety.clear();
  prototypes.classification->avoidance.clear();
  prototypes.classification->prototypes = {{"secure", "anx"}};
  auto proto = test::error_of([&] { make_classifier(prototypes, in.score_ids(), in.response, {}); });
  REQUIRE(proto);
  CHECK(proto->kind() == ErrorKind::usage);
  CHECK(proto->message().find("classifies by prototypes") != std::string::npos);
  Instrument none = in;
  none.classification.reset();
  CHECK(test::error_of([&] { make_classifier(none, in.score_ids(), in.response, {}); })->kind() ==
        ErrorKind::usage);
}

#include <doctest/doctest.h>

#include <limits>
#include <vector>

#include "attune/classify/norms.h"
#include "attune/util/error.h"

using namespace attune;

TEST_CASE("norms: z > 0 is high, z == 0 (a score on the mean) is low") {
  auto c = make_norms_classifier(0, 1, {{3.5, 1.0}, {2.5, 0.5}});
  CHECK_FALSE(c->needs_sample());
  auto label = [&](double anx, double avo) {
    std::vector<double> row = {anx, avo};
    return c->classify(row).label;
  };
  CHECK(label(3.5, 2.5) == "secure");          // exactly on both means
  CHECK(label(3.5000001, 2.5) == "preoccupied");
  CHECK(label(3.5, 2.6) == "dismissing");
  CHECK(label(4.0, 3.0) == "fearful");
  CHECK(label(std::numeric_limits<double>::quiet_NaN(), 3.0).empty());
  CHECK(z_score(4.5, {3.5, 0.5}) == doctest::Approx(2.0));
}

TEST_CASE("norms: a non-positive SD is a definition error") {
  CHECK_THROWS_AS(make_norms_classifier(0, 1, {{3.5, 0.0}, {2.5, 0.5}}), Error);
  CHECK_THROWS_AS(make_norms_classifier(0, 1, {{3.5, 1.0}, {2.5, -1}}), Error);
}

TEST_CASE("norms: read from a method's tables by score id or role") {
  MethodSpec spec;
  spec.name = "norms";
  spec.tables["anx"] = {{"mean", 3.0}, {"sd", 1.5}};
  spec.tables["avoidance"] = {{"mean", 2.0}, {"sd", 0.8}};
  auto n = norms_from_tables(spec, "anx", "avo");
  CHECK(n.anxiety.mean == 3.0);
  CHECK(n.anxiety.sd == 1.5);
  CHECK(n.avoidance.sd == 0.8);
  spec.tables.erase("avoidance");
  CHECK_THROWS_AS(norms_from_tables(spec, "anx", "avo"), Error);
  spec.tables["avo"] = {{"mean", 2.0}};
  CHECK_THROWS_AS(norms_from_tables(spec, "anx", "avo"), Error);
}

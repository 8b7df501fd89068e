#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "attune/quality/flags.h"

using namespace attune;

TEST_CASE("flags: only thresholds that are set flag, NA never flags") {
  RespondentQuality q;
  q.longstring = {12, 4, 3};
  q.irv = 0.2;
  q.mahalanobis = {40, 0.0004, 10, {}};
  q.even_odd = {0.1, 0.05, 6};
  q.psychsyn = {-0.2, 10};
  q.psychant = {NAN, 1};
  q.attention = {2, 1, 0};
  q.duration = 90;

  const QualityThresholds defaults;
  const QualityFlags d = flag(q, defaults);
  // defaults: only Mahalanobis (p .0004 < .001) and attention (1 failure >= 1)
  CHECK(d.to_string() == "mahalanobis;attention");
  CHECK(d.any());

  QualityThresholds t;
  t.longstring_at_least = 12;  // 12 >= 12
  t.irv_below = 0.5;           // .2 < .5
  t.irv_above = 2.0;           // .2 not > 2
  t.mahalanobis_alpha = 0.0001;  // .0004 not < .0001
  t.even_odd_below = 0.3;      // .1 < .3
  t.psychsyn_below = 0.0;      // -.2 < 0
  t.psychant_above = 0.0;      // NA: no flag
  t.attention_failures_at_least = 2;  // 1 failure: no flag
  t.duration_below = 120;      // 90 < 120
  const QualityFlags f = flag(q, t);
  CHECK(f.to_string() == "longstring;irv_low;even_odd;psychsyn;duration");

  QualitySummary summary;
  summary.add(d);
  summary.add(f);
  summary.add(QualityFlags{});
  CHECK(summary.respondents == 3);
  CHECK(summary.flagged == 2);
  CHECK(summary.mahalanobis == 1);
  CHECK(summary.longstring == 1);
  CHECK(QualityFlags{}.to_string().empty());
}

TEST_CASE("flags: the summary names every threshold, unset ones as such") {
  const auto lines = describe(QualityThresholds{});
  REQUIRE(lines.size() == 11);
  CHECK(lines[0].first == "longstring_at_least");
  CHECK(lines[0].second == "not set");
  CHECK(lines[3].second == "0.001");
  CHECK(lines[6].second == "0.6");
}

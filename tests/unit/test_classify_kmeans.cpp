#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "attune/classify/kmeans.h"
#include "attune/util/error.h"

using namespace attune;

namespace {

constexpr double NaN = std::numeric_limits<double>::quiet_NaN();

// Columns: anxiety, avoidance.
ScoreSample sample_of(const std::vector<Point2>& points) {
  ScoreSample s;
  s.cols = 2;
  for (const Point2& p : points) {
    s.values.push_back(p.anxiety);
    s.values.push_back(p.avoidance);
  }
  return s;
}

// Three points around each quadrant centre of a 1-7 plane.
std::vector<Point2> four_blobs() {
  std::vector<Point2> pts;
  for (auto [a, v] : {std::pair{2.0, 2.0}, std::pair{6.0, 2.0}, std::pair{2.0, 6.0}, std::pair{6.0, 6.0}}) {
    pts.push_back({a - 0.1, v});
    pts.push_back({a + 0.1, v + 0.05});
    pts.push_back({a, v - 0.1});
  }
  return pts;
}

std::string param(const Classifier& c, const std::string& key) {
  for (const auto& [k, v] : c.parameters()) {
    if (k == key) return v;
  }
  return "";
}

}  // namespace

TEST_CASE("lloyd_kmeans: hand-computed two-cluster example") {
  std::vector<Point2> pts = {{0, 0}, {0, 1}, {10, 0}, {10, 1}};
  auto s = lloyd_kmeans(pts, {{0, 0}, {10, 0}}, 100);
  CHECK(s.assignment == std::vector<std::size_t>{0, 0, 1, 1});
  CHECK(s.centres[0].anxiety == 0);
  CHECK(s.centres[0].avoidance == 0.5);
  CHECK(s.centres[1].anxiety == 10);
  CHECK(s.total_within_ss == doctest::Approx(1.0));   // 4 * 0.5^2
  CHECK(s.converged);
  CHECK(s.iterations == 2);   // R's iter: one changing pass, one unchanged pass
}

TEST_CASE("lloyd_kmeans: a point equidistant from two centres goes to the first (R's rule)") {
  std::vector<Point2> pts = {{0, 0}, {2, 0}, {1, 0}};
  auto s = lloyd_kmeans(pts, {{0, 0}, {2, 0}}, 1);   // one pass: no centre update yet
  CHECK(s.assignment[2] == 0);
}

TEST_CASE("lloyd_kmeans: an emptied cluster is a clear error") {
  std::vector<Point2> pts = {{0, 0}, {1, 0}};
  CHECK_THROWS_AS(lloyd_kmeans(pts, {{0, 0}, {100, 100}}, 10), Error);
}

TEST_CASE("k-means classifier: four well-separated blobs get the four quadrant names") {
  auto c = make_kmeans_classifier(0, 1, {});
  CHECK(c->needs_sample());
  c->fit(sample_of(four_blobs()));
  auto label = [&](double a, double v) {
    std::vector<double> row = {a, v};
    return c->classify(row).label;
  };
  CHECK(label(2.1, 2.0) == "secure");
  CHECK(label(6.0, 1.9) == "preoccupied");
  CHECK(label(1.9, 6.1) == "dismissing");
  CHECK(label(6.0, 6.0) == "fearful");
  std::vector<double> missing = {NaN, 3.0};
  CHECK(c->classify(missing).label.empty());
  CHECK_FALSE(c->classify(missing).pattern.has_value());
  CHECK(param(*c, "shared_quadrant").empty());
  CHECK(param(*c, "total_within_ss") != "");
  // Each cluster reports its centroid and size (3 points each).
  int with_three = 0;
  for (const auto& [k, v] : c->parameters()) {
    if (k.rfind("cluster", 0) == 0 && v.find("n=3") != std::string::npos) ++with_three;
  }
  CHECK(with_three == 4);
}

TEST_CASE("k-means classifier: deterministic for a seed") {
  auto pts = four_blobs();
  pts.push_back({4.0, 4.2});
  pts.push_back({3.9, 4.4});
  auto a = make_kmeans_classifier(0, 1, {});
  auto b = make_kmeans_classifier(0, 1, {});
  a->fit(sample_of(pts));
  b->fit(sample_of(pts));
  CHECK(a->parameters() == b->parameters());
}

TEST_CASE("k-means classifier: all points equal is a clear error") {
  auto c = make_kmeans_classifier(0, 1, {});
  std::vector<Point2> same(10, Point2{4, 4});
  try {
    c->fit(sample_of(same));
    FAIL("expected an error");
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::data);
    CHECK(std::string(e.what()).find("at least 4 distinct") != std::string::npos);
    CHECK(std::string(e.what()).find("1 distinct point") != std::string::npos);
  }
}

TEST_CASE("k-means classifier: fewer than four distinct points is a clear error") {
  auto c = make_kmeans_classifier(0, 1, {});
  std::vector<Point2> three = {{1, 1}, {1, 1}, {2, 2}, {3, 3}, {3, 3}};
  CHECK_THROWS_AS(c->fit(sample_of(three)), Error);
  // Missing rows do not count as points.
  ScoreSample s = sample_of({{1, 1}, {2, 2}, {3, 3}});
  s.values.insert(s.values.end(), {NaN, 5.0});
  CHECK_THROWS_AS(c->fit(s), Error);
  // Exactly four distinct points work, one per cluster.
  CHECK_NOTHROW(c->fit(sample_of({{1, 1}, {1, 7}, {7, 1}, {7, 7}})));
}

TEST_CASE("quadrants: a centroid on the grand mean is low: shared quadrants are reported") {
  auto q = centre_quadrants({{4, 4}, {5, 3}, {3, 5}, {5, 5}}, {4, 4});
  CHECK(q == std::vector<Pattern>{Pattern::secure, Pattern::preoccupied, Pattern::dismissing, Pattern::fearful});
  CHECK(quadrant_coverage(q).one_per_quadrant());
  auto shared = quadrant_coverage({Pattern::fearful, Pattern::fearful, Pattern::secure, Pattern::dismissing});
  CHECK(shared.shared == std::vector<Pattern>{Pattern::fearful});
  CHECK(shared.empty == std::vector<Pattern>{Pattern::preoccupied});
}

TEST_CASE("k-means classifier: two centroids in one quadrant are reported, not relabelled") {
  // Four tight groups: two near (1, 1) and (2, 1), two far out at (9, 9) and (9, 12). The
  // grand mean is about (5.3, 5.8), so both near centroids are secure and both far ones
  // fearful; preoccupied and dismissing get no centroid.
  std::vector<Point2> pts;
  for (int i = 0; i < 5; ++i) {
    const double d = 0.01 * i;
    pts.push_back({1 + d, 1});
    pts.push_back({2 + d, 1});
    pts.push_back({9 + d, 9});
    pts.push_back({9 + d, 12});
  }
  auto c = make_kmeans_classifier(0, 1, {});
  c->fit(sample_of(pts));
  const std::string shared = param(*c, "shared_quadrant");
  CHECK(shared.find("(not relabelled)") != std::string::npos);
  std::vector<double> row = {9, 12};
  auto cls = c->classify(row);
  bool flagged = false;
  for (const auto& f : cls.flags) flagged = flagged || f == "shared-quadrant";
  CHECK(flagged);
  CHECK(param(*c, "empty_quadrant") != "");
  std::vector<double> near = {1.0, 1.0};
  CHECK(c->classify(near).label == "secure");   // still named by its quadrant
}

// k-means classification on (anxiety, avoidance): four clusters found in the sample, each
// named by the quadrant its centroid lies in relative to the grand mean, after the cluster
// approach of Brennan, Clark & Shaver (1998). Lloyd's algorithm (Lloyd 1982; R's
// stats::kmeans(algorithm = "Lloyd")), started from k-means++ seeds (Arthur & Vassilvitskii
// 2007) drawn with std::mt19937_64; several restarts, keeping the lowest total within-cluster
// sum of squares.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "attune/classify/classifier.h"

namespace attune {

// How the k-means classifier searches.
struct KmeansOptions {
  std::uint64_t seed = 20250101;      // seed of the std::mt19937_64 drawing the k-means++ starts
  std::size_t restarts = 10;          // independent starts; the best total within SS is kept
  std::size_t max_iterations = 100;   // Lloyd iterations per start (R's iter.max)
};

// A point in the (anxiety, avoidance) plane.
struct Point2 {
  double anxiety = 0;
  double avoidance = 0;
};

// One run of Lloyd's algorithm.
struct KmeansSolution {
  std::vector<Point2> centres;            // one per cluster
  std::vector<std::size_t> assignment;    // cluster index (0-based) of each point
  std::vector<std::size_t> sizes;         // points per cluster
  std::vector<double> within_ss;          // within-cluster sum of squares per cluster
  double total_within_ss = 0;
  std::size_t iterations = 0;             // assignment passes, the final unchanged one included (R's iter)
  bool converged = false;                 // false when max_iterations ran out
};

// Lloyd's algorithm from the given starting centres, as R's C_kmeans_Lloyd: assign every
// point to its nearest centre (the first on a tie), then move each centre to the mean of its
// points, until no assignment changes. Throws a data Error when a cluster becomes empty.
KmeansSolution lloyd_kmeans(const std::vector<Point2>& points, const std::vector<Point2>& starts,
                            std::size_t max_iterations);

// k distinct starting centres by k-means++ seeding (Arthur & Vassilvitskii 2007): the first
// a uniformly drawn point, each next one drawn with probability proportional to its squared
// distance from the nearest centre chosen so far. Uniform numbers are (rng() >> 11) * 2^-53,
// so the draws are the same with every standard library. Throws a data Error when the points
// have fewer than k distinct positions.
std::vector<Point2> kmeans_plus_plus_starts(const std::vector<Point2>& points, std::size_t k,
                                            std::mt19937_64& rng);

// The best of `options.restarts` Lloyd runs with k-means++ starts from one seeded generator;
// on equal totals the earlier run wins. Throws a data Error when the points have fewer than
// k distinct positions, or when every run emptied a cluster.
KmeansSolution best_kmeans(const std::vector<Point2>& points, std::size_t k, const KmeansOptions& options);

// A fitted cluster: its centroid, size and the quadrant its centroid lies in.
struct KmeansCluster {
  Point2 centre;
  std::size_t size = 0;
  double within_ss = 0;
  Pattern quadrant = Pattern::secure;
};

// The quadrant of each centre relative to `grand_mean` (above the mean is high; on it, low).
std::vector<Pattern> centre_quadrants(const std::vector<Point2>& centres, Point2 grand_mean);

// Patterns that more than one centroid falls in, and patterns no centroid falls in.
struct QuadrantCoverage {
  std::vector<Pattern> shared;
  std::vector<Pattern> empty;
  bool one_per_quadrant() const { return shared.empty() && empty.empty(); }
};
QuadrantCoverage quadrant_coverage(const std::vector<Pattern>& quadrants);

// The k-means classifier (four clusters) on two columns of the score row. fit() throws a
// data Error for fewer than four distinct complete (anxiety, avoidance) points. A respondent
// is assigned to the nearest fitted centroid and gets its quadrant's pattern; when two
// centroids share a quadrant, their respondents carry the flag "shared-quadrant" and
// parameters() says which clusters share it. Unclassified when a dimension is missing.
std::unique_ptr<Classifier> make_kmeans_classifier(std::size_t anxiety_col, std::size_t avoidance_col,
                                                   KmeansOptions options);

}  // namespace attune

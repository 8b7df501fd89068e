#include "attune/classify/kmeans.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <utility>

#include <fmt/format.h>

#include "attune/util/error.h"

namespace attune {

namespace {

constexpr std::size_t kClusters = 4;

double squared_distance(Point2 a, Point2 b) {
  const double da = a.anxiety - b.anxiety, dv = a.avoidance - b.avoidance;
  return da * da + dv * dv;
}

// A uniform number in [0, 1) from the top 53 bits of one draw (the same on every library).
double uniform01(std::mt19937_64& rng) { return static_cast<double>(rng() >> 11) * 0x1.0p-53; }

std::size_t distinct_positions(const std::vector<Point2>& points, std::size_t enough) {
  std::vector<Point2> seen;
  for (const Point2& p : points) {
    bool is_new = std::none_of(seen.begin(), seen.end(), [&](Point2 q) {
      return q.anxiety == p.anxiety && q.avoidance == p.avoidance;
    });
    if (is_new) seen.push_back(p);
    if (seen.size() >= enough) break;
  }
  return seen.size();
}

void require_distinct(const std::vector<Point2>& points, std::size_t k) {
  const std::size_t distinct = distinct_positions(points, k);
  if (distinct < k) {
    throw data_error({}, fmt::format("k-means needs at least {} distinct (anxiety, avoidance) points; the sample "
                                     "has {} complete respondent(s) at {} distinct point(s)",
                                     k, points.size(), distinct),
                     "use another method (e.g. --classify midpoint) for so small or uniform a sample");
  }
}

// The nearest centre of `p`; the first one on a tie (R's strict '<').
std::size_t nearest(Point2 p, const std::vector<Point2>& centres) {
  std::size_t best = 0;
  double best_d = std::numeric_limits<double>::infinity();
  for (std::size_t j = 0; j < centres.size(); ++j) {
    const double d = squared_distance(p, centres[j]);
    if (d < best_d) {
      best_d = d;
      best = j;
    }
  }
  return best;
}

}  // namespace

// Lloyd (1982); the loop follows R's C_kmeans_Lloyd so the same starts give the same partition.
KmeansSolution lloyd_kmeans(const std::vector<Point2>& points, const std::vector<Point2>& starts,
                            std::size_t max_iterations) {
  if (starts.empty()) throw usage_error("k-means needs at least one starting centre");
  KmeansSolution s;
  s.centres = starts;
  const std::size_t k = starts.size(), none = k;
  s.assignment.assign(points.size(), none);
  for (std::size_t iter = 0; iter < max_iterations; ++iter) {
    bool updated = false;
    for (std::size_t i = 0; i < points.size(); ++i) {
      const std::size_t j = nearest(points[i], s.centres);
      if (s.assignment[i] != j) {
        updated = true;
        s.assignment[i] = j;
      }
    }
    s.iterations = iter + 1;
    if (!updated) {
      s.converged = true;
      break;
    }
    std::vector<Point2> sums(k);
    std::vector<std::size_t> counts(k, 0);
    for (std::size_t i = 0; i < points.size(); ++i) {
      sums[s.assignment[i]].anxiety += points[i].anxiety;
      sums[s.assignment[i]].avoidance += points[i].avoidance;
      ++counts[s.assignment[i]];
    }
    for (std::size_t j = 0; j < k; ++j) {
      if (counts[j] == 0) {
        throw data_error({}, fmt::format("k-means: cluster {} became empty", j + 1),
                         "try other starting centres");
      }
      s.centres[j] = {sums[j].anxiety / static_cast<double>(counts[j]),
                      sums[j].avoidance / static_cast<double>(counts[j])};
    }
  }
  s.sizes.assign(k, 0);
  s.within_ss.assign(k, 0.0);
  for (std::size_t i = 0; i < points.size(); ++i) {
    ++s.sizes[s.assignment[i]];
    s.within_ss[s.assignment[i]] += squared_distance(points[i], s.centres[s.assignment[i]]);
  }
  for (std::size_t j = 0; j < k; ++j) {
    if (s.sizes[j] == 0) throw data_error({}, fmt::format("k-means: cluster {} is empty", j + 1));
    s.total_within_ss += s.within_ss[j];
  }
  return s;
}

// Arthur & Vassilvitskii (2007), "k-means++: the advantages of careful seeding".
std::vector<Point2> kmeans_plus_plus_starts(const std::vector<Point2>& points, std::size_t k,
                                            std::mt19937_64& rng) {
  require_distinct(points, k);
  std::vector<Point2> centres;
  const auto first = static_cast<std::size_t>(uniform01(rng) * static_cast<double>(points.size()));
  centres.push_back(points[std::min(first, points.size() - 1)]);
  std::vector<double> d2(points.size());
  while (centres.size() < k) {
    double total = 0;
    for (std::size_t i = 0; i < points.size(); ++i) {
      d2[i] = squared_distance(points[i], centres[nearest(points[i], centres)]);
      total += d2[i];
    }
    const double target = uniform01(rng) * total;
    double cumulative = 0;
    std::size_t chosen = points.size();
    for (std::size_t i = 0; i < points.size(); ++i) {
      if (d2[i] <= 0) continue;
      cumulative += d2[i];
      chosen = i;                       // the last positive-weight point absorbs rounding
      if (target < cumulative) break;
    }
    centres.push_back(points[chosen]);
  }
  return centres;
}

KmeansSolution best_kmeans(const std::vector<Point2>& points, std::size_t k, const KmeansOptions& options) {
  require_distinct(points, k);
  std::mt19937_64 rng(options.seed);
  std::optional<KmeansSolution> best;
  const std::size_t runs = std::max<std::size_t>(options.restarts, 1);
  for (std::size_t run = 0; run < runs; ++run) {
    auto starts = kmeans_plus_plus_starts(points, k, rng);
    try {
      KmeansSolution s = lloyd_kmeans(points, starts, options.max_iterations);
      if (!best || s.total_within_ss < best->total_within_ss) best = std::move(s);
    } catch (const Error&) {
      // An emptied cluster makes this start unusable; the other starts decide.
    }
  }
  if (!best) {
    throw data_error({}, fmt::format("k-means: every one of the {} starts left a cluster empty", runs),
                     "give more restarts or use another method");
  }
  return *best;
}

std::vector<Pattern> centre_quadrants(const std::vector<Point2>& centres, Point2 grand_mean) {
  std::vector<Pattern> out;
  for (const Point2& c : centres) {
    out.push_back(quadrant(c.anxiety > grand_mean.anxiety, c.avoidance > grand_mean.avoidance));
  }
  return out;
}

QuadrantCoverage quadrant_coverage(const std::vector<Pattern>& quadrants) {
  QuadrantCoverage coverage;
  for (Pattern p : all_patterns) {
    const auto n = std::count(quadrants.begin(), quadrants.end(), p);
    if (n == 0) coverage.empty.push_back(p);
    if (n > 1) coverage.shared.push_back(p);
  }
  return coverage;
}

}  // namespace attune

namespace attune {

namespace {

class KmeansClassifier final : public Classifier {
 public:
  KmeansClassifier(std::size_t anxiety_col, std::size_t avoidance_col, KmeansOptions options)
      : anxiety_col_(anxiety_col), avoidance_col_(avoidance_col), options_(options) {}

  std::string name() const override { return "kmeans"; }
  bool needs_sample() const override { return true; }
  bool flags_respondents() const override { return true; }   // points in a shared quadrant

  void fit(const ScoreSample& sample) override {
    std::vector<Point2> points;
    for (std::size_t r = 0; r < sample.rows(); ++r) {
      const double anx = sample.at(r, anxiety_col_), avo = sample.at(r, avoidance_col_);
      if (std::isnan(anx) || std::isnan(avo)) continue;
      points.push_back({anx, avo});
    }
    require_distinct(points, kClusters);
    grand_mean_ = {};
    for (const Point2& p : points) {
      grand_mean_.anxiety += p.anxiety;
      grand_mean_.avoidance += p.avoidance;
    }
    grand_mean_.anxiety /= static_cast<double>(points.size());
    grand_mean_.avoidance /= static_cast<double>(points.size());
    solution_ = best_kmeans(points, kClusters, options_);
    quadrants_ = centre_quadrants(solution_.centres, grand_mean_);
    coverage_ = quadrant_coverage(quadrants_);
    fitted_ = true;
  }

  Classification classify(std::span<const double> scores) const override {
    if (!fitted_) throw usage_error("k-means classifier used before fit()");
    const double anx = scores[anxiety_col_], avo = scores[avoidance_col_];
    if (std::isnan(anx) || std::isnan(avo)) return Classification::unclassified();
    const std::size_t cluster = nearest({anx, avo}, solution_.centres);
    Classification c = Classification::of(quadrants_[cluster]);
    if (std::find(coverage_.shared.begin(), coverage_.shared.end(), quadrants_[cluster]) != coverage_.shared.end()) {
      c.flags.push_back("shared-quadrant");
    }
    return c;
  }

  std::vector<std::pair<std::string, std::string>> parameters() const override {
    std::vector<std::pair<std::string, std::string>> out = {
        {"algorithm", "Lloyd, k-means++ starts"},
        {"seed", fmt::format("{}", options_.seed)},
        {"restarts", fmt::format("{}", options_.restarts)},
    };
    if (!fitted_) return out;
    out.emplace_back("grand_mean", fmt::format("anxiety={:.4f} avoidance={:.4f}", grand_mean_.anxiety,
                                               grand_mean_.avoidance));
    for (std::size_t j = 0; j < solution_.centres.size(); ++j) {
      out.emplace_back(fmt::format("cluster{}", j + 1),
                       fmt::format("{}: anxiety={:.4f} avoidance={:.4f} n={}", pattern_name(quadrants_[j]),
                                   solution_.centres[j].anxiety, solution_.centres[j].avoidance,
                                   solution_.sizes[j]));
    }
    out.emplace_back("total_within_ss", fmt::format("{:.6g}", solution_.total_within_ss));
    for (Pattern p : coverage_.shared) {
      std::vector<std::string> ids;
      for (std::size_t j = 0; j < quadrants_.size(); ++j) {
        if (quadrants_[j] == p) ids.push_back(fmt::format("cluster{}", j + 1));
      }
      out.emplace_back("shared_quadrant", fmt::format("{}: {} (not relabelled)", pattern_name(p), fmt::join(ids, ", ")));
    }
    for (Pattern p : coverage_.empty) out.emplace_back("empty_quadrant", std::string(pattern_name(p)));
    return out;
  }

 private:
  std::size_t anxiety_col_, avoidance_col_;
  KmeansOptions options_;
  bool fitted_ = false;
  Point2 grand_mean_;
  KmeansSolution solution_;
  std::vector<Pattern> quadrants_;
  QuadrantCoverage coverage_;
};

}  // namespace

std::unique_ptr<Classifier> make_kmeans_classifier(std::size_t anxiety_col, std::size_t avoidance_col,
                                                   KmeansOptions options) {
  return std::make_unique<KmeansClassifier>(anxiety_col, avoidance_col, options);
}

}  // namespace attune

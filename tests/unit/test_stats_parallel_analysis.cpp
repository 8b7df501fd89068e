// Parallel analysis's random sources (stats/mt19937_64_batch.h, stats/normal_draws.h) and its
// argument checks (stats/parallel_analysis.h).
#include <doctest/doctest.h>

#include <cmath>
#include <random>

#include "attune/stats/parallel_analysis.h"
#include "attune/util/error.h"
#include "stats/mt19937_64_batch.h"
#include "stats/normal_draws.h"

using namespace attune;

TEST_CASE("Mt19937_64Batch gives std::mt19937_64's sequence") {
  for (std::uint64_t seed : {5489ULL, 1ULL, 0xDEADBEEFCAFEULL}) {
    std::mt19937_64 reference(seed);
    Mt19937_64Batch batch(reference);
    bool same = true;
    for (int i = 0; i < 5000; ++i) same = same && batch() == reference();
    CHECK(same);
  }
  // The standard's 10000th output of a default-seeded engine.
  std::mt19937_64 fresh;
  Mt19937_64Batch batch(fresh);
  for (int i = 1; i < 10000; ++i) batch();
  CHECK(batch() == 9981545732273789042ULL);
}

TEST_CASE("ziggurat normal draws have the normal's moments and tails") {
  std::mt19937_64 seeded(11);
  Mt19937_64Batch engine(seeded);
  NormalDraws normal(engine);
  const int n = 2000000;
  double sum = 0, squares = 0, fourth = 0;
  int beyond_2 = 0, beyond_3_5 = 0, below_0 = 0;
  for (int i = 0; i < n; ++i) {
    const double z = normal.next();
    sum += z;
    squares += z * z;
    fourth += z * z * z * z;
    beyond_2 += std::fabs(z) > 2;
    beyond_3_5 += std::fabs(z) > 3.5;   // past the ziggurat's base (3.44): the tail code
    below_0 += z < 0;
  }
  // Tolerances: about 4.5 standard errors of each estimate at n = 2e6.
  CHECK(std::fabs(sum / n) < 4.5 * std::sqrt(1.0 / n));
  CHECK(std::fabs(squares / n - 1) < 4.5 * std::sqrt(2.0 / n));
  CHECK(std::fabs(fourth / n - 3) < 4.5 * std::sqrt(96.0 / n));
  const double p2 = 0.04550026389635842, p35 = 4.652581580710802e-4;
  CHECK(std::fabs(beyond_2 / double(n) - p2) < 4.5 * std::sqrt(p2 * (1 - p2) / n));
  CHECK(std::fabs(beyond_3_5 / double(n) - p35) < 4.5 * std::sqrt(p35 * (1 - p35) / n));
  CHECK(std::fabs(below_0 / double(n) - 0.5) < 4.5 * std::sqrt(0.25 / n));
}

TEST_CASE("parallel analysis: arguments checked, one iteration enough") {
  DenseMatrix r(3, 3, 0.3);
  for (std::size_t i = 0; i < 3; ++i) r(i, i) = 1;
  CHECK_THROWS_AS(parallel_analysis(r, 2.5), Error);
  CHECK_THROWS_AS(parallel_analysis(DenseMatrix(3, 2, 0.0), 100), Error);
  ParallelAnalysisOptions options;
  options.iterations = 0;
  CHECK_THROWS_AS(parallel_analysis(r, 100, options), Error);
  options.iterations = 1;
  const ParallelAnalysis one = parallel_analysis(r, 100, options);
  CHECK(one.values.rows == 1);
  CHECK(one.pc_sim == std::vector<double>(one.values.values.begin(), one.values.values.begin() + 3));
  ItemAnswerCounts wrong;
  wrong.counts.assign(2, {0, 5, 5});
  CHECK_THROWS_AS(parallel_analysis(r, 100, options, &wrong), Error);
}

// Parallel analysis against R psych::fa.parallel on psychTools::bfi (make_factor_parallel.R):
// the observed eigenvalues exactly (1e-6), the suggested numbers, and the simulated and
// resampled means within what 20 iterations' sampling error allows (random draws cannot equal R's).
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "attune/stats/parallel_analysis.h"
#include "fixture_csv.h"

using namespace attune;
using attune::reference::read_csv_cells;

namespace {

struct BfiData {
  DenseMatrix correlations;   // R cor(x, use = "pairwise")
  ItemAnswerCounts answers;   // per item, rows per answer 1..6, [0] missing
  std::size_t rows = 0;
};

BfiData load_bfi() {
  const auto csv = read_csv_cells(std::string(ATTUNE_REFERENCE_DIR) + "/factor_polychoric_bfi_data.csv");
  const std::size_t k = csv.at(0).size();
  std::vector<std::vector<double>> x;
  BfiData out;
  out.answers.counts.assign(k, std::vector<std::uint64_t>(7, 0));
  for (std::size_t r = 1; r < csv.size(); ++r) {
    std::vector<double> row(k, NAN);
    for (std::size_t c = 0; c < k && c < csv[r].size(); ++c)
      if (!csv[r][c].empty()) row[c] = std::stod(csv[r][c]);
    for (std::size_t c = 0; c < k; ++c) ++out.answers.counts[c][std::isnan(row[c]) ? 0 : static_cast<std::size_t>(row[c])];
    x.push_back(row);
  }
  out.rows = x.size();
  out.correlations = DenseMatrix(k, k, 1.0);
  for (std::size_t i = 0; i < k; ++i)
    for (std::size_t j = 0; j < i; ++j) {
      double n = 0, mx = 0, my = 0;
      for (const auto& row : x)
        if (!std::isnan(row[i]) && !std::isnan(row[j])) n += 1, mx += row[i], my += row[j];
      mx /= n;
      my /= n;
      double sxy = 0, sxx = 0, syy = 0;
      for (const auto& row : x)
        if (!std::isnan(row[i]) && !std::isnan(row[j])) {
          sxy += (row[i] - mx) * (row[j] - my);
          sxx += (row[i] - mx) * (row[i] - mx);
          syy += (row[j] - my) * (row[j] - my);
        }
      out.correlations(i, j) = out.correlations(j, i) = sxy / std::sqrt(sxx * syy);
    }
  return out;
}

std::map<std::string, std::vector<double>> expected() {
  std::map<std::string, std::vector<double>> out;
  const auto csv = read_csv_cells(std::string(ATTUNE_REFERENCE_DIR) + "/factor_parallel_bfi_expected.csv");
  for (std::size_t r = 1; r < csv.size(); ++r) out[csv[r][0]].push_back(csv[r][3] == "NA" ? NAN : std::stod(csv[r][3]));
  return out;
}

}  // namespace

TEST_CASE("parallel analysis: bfi's observed values and suggested numbers match psych::fa.parallel") {
  const BfiData bfi = load_bfi();
  const auto want = expected();
  ParallelAnalysisOptions options;   // n.iter = 20, quant = 0.95, minres
  const ParallelAnalysis got = parallel_analysis(bfi.correlations, static_cast<double>(bfi.rows), options, &bfi.answers);
  REQUIRE(got.pc_values.size() == 25);
  for (std::size_t k = 0; k < 25; ++k) {
    INFO("position " << k + 1);
    CHECK(std::fabs(got.pc_values[k] - want.at("pc.values")[k]) < 1e-6);
    CHECK(std::fabs(got.fa_values[k] - want.at("fa.values")[k]) < 1e-6);
  }
  // psych's nfact / ncomp are random too, but on bfi the same for seeds 1 .. 11 (`stable`).
  REQUIRE(want.at("stable")[0] == 1);
  REQUIRE(got.nfact.has_value());
  REQUIRE(got.ncomp.has_value());
  CHECK(static_cast<double>(*got.nfact) == want.at("nfact")[0]);
  CHECK(static_cast<double>(*got.ncomp) == want.at("ncomp")[0]);

  // Means of 20 of attune's iterations against R's of 200: their difference has standard error
  // sd * sqrt(1/20 + 1/200), sd the per-iteration sd R measured. 4.5 standard errors: a false
  // alarm has probability below 7e-6 per value, below 7e-4 for the 100 compared, while a wrong
  // simulation (e.g. n or the item count off by one, or no centring) moves them by far more.
  auto within = [&](const std::vector<double>& ours, const std::string& name) {
    const auto& mean = want.at(name);
    const auto& sd = want.at(name + ".sd");
    REQUIRE(ours.size() == mean.size());
    double largest = 0;
    for (std::size_t k = 0; k < ours.size(); ++k) {
      const double tolerance = 4.5 * sd[k] * std::sqrt(1.0 / 20 + 1.0 / 200);
      INFO(name << "[" << k + 1 << "] attune " << ours[k] << " psych " << mean[k] << " tolerance " << tolerance);
      CHECK(std::fabs(ours[k] - mean[k]) <= tolerance);
      largest = std::max(largest, std::fabs(ours[k] - mean[k]) / (tolerance / 4.5));
    }
    MESSAGE(name << ": largest difference from psych " << largest << " standard errors");
  };
  within(got.pc_sim, "pc.sim");
  within(got.fa_sim, "fa.sim");
  within(got.pc_simr, "pc.simr");
  within(got.fa_simr, "fa.simr");
}

TEST_CASE("parallel analysis: a seed gives the same bytes, whatever the threads") {
  const BfiData bfi = load_bfi();
  ParallelAnalysisOptions options;
  options.iterations = 4;
  options.seed = 42;
  const ParallelAnalysis one = parallel_analysis(bfi.correlations, 500, options, &bfi.answers);
  options.threads = 2;
  const ParallelAnalysis two = parallel_analysis(bfi.correlations, 500, options, &bfi.answers);
  CHECK(one.values.values == two.values.values);
  options.seed = 43;
  const ParallelAnalysis other = parallel_analysis(bfi.correlations, 500, options, &bfi.answers);
  CHECK(one.values.values != other.values.values);
  // Without answer counts: simulated only (psych's fa.parallel(r, n.obs)).
  const ParallelAnalysis simulated = parallel_analysis(bfi.correlations, 500, options);
  CHECK(simulated.pc_simr.empty());
  CHECK(simulated.values.cols == 50);
  CHECK(one.values.cols == 100);
}

#include "attune/stats/parallel_analysis.h"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <random>
#include <string>
#include <thread>

#include "attune/stats/order_statistics.h"
#include "attune/util/error.h"
#include "stats/likert_moments.h"
#include "stats/mt19937_64_batch.h"
#include "stats/normal_draws.h"

namespace attune {

namespace {

constexpr std::size_t kBlockRows = 1024;       // resampled rows drawn and summed at a time: memory flat in n
constexpr std::size_t kSimulatedRows = 256;    // simulated rows at a time: the block stays in cache

// The engine of iteration k: a std::seed_seq (its mixing is fixed by the standard) of the seed
// and k, so a run's bytes depend on neither the thread count nor the standard library.
std::mt19937_64 engine_for(std::uint64_t seed, std::size_t k) {
  std::seed_seq seq{static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32),
                    static_cast<std::uint32_t>(k), static_cast<std::uint32_t>(static_cast<std::uint64_t>(k) >> 32)};
  return std::mt19937_64(seq);
}

// Lower triangle of the cross products of a block of columns (column c at block + c * stride,
// `rows` long) added into cross[i * items + j], j <= i. Compiled for AVX2 too (no FMA), chosen
// at run time: the same products summed in the same order (four partial sums), so the same bytes.
__attribute__((target_clones("avx2", "default")))
void add_cross_products(const double* block, std::size_t stride, std::size_t rows, std::size_t items, double* cross) {
  for (std::size_t i = 0; i < items; ++i) {
    const double* xi = block + i * stride;
    for (std::size_t j = 0; j <= i; ++j) {
      const double* xj = block + j * stride;
      double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      std::size_t r = 0;
      for (; r + 4 <= rows; r += 4) {
        s0 += xi[r] * xj[r];
        s1 += xi[r + 1] * xj[r + 1];
        s2 += xi[r + 2] * xj[r + 2];
        s3 += xi[r + 3] * xj[r + 3];
      }
      for (; r < rows; ++r) s0 += xi[r] * xj[r];
      cross[i * items + j] += (s0 + s1) + (s2 + s3);
    }
  }
}

// The correlation matrix of n rows of independent standard normals (psych: cor(matrix(rnorm))),
// drawn and summed a block of rows at a time (each column's block contiguous).
Eigen::MatrixXd simulated_correlations(std::size_t items, std::size_t n, Mt19937_64Batch& engine) {
  NormalDraws normal(engine);
  std::vector<double> cross(items * items, 0.0), sums(items, 0.0), block(kSimulatedRows * items);
  for (std::size_t done = 0; done < n;) {
    const std::size_t rows = std::min(kSimulatedRows, n - done);
    for (std::size_t c = 0; c < items; ++c)   // column by column, as R's matrix(rnorm(n * p), n)
      for (std::size_t r = 0; r < rows; ++r) block[c * kSimulatedRows + r] = normal.next();
    add_cross_products(block.data(), kSimulatedRows, rows, items, cross.data());
    for (std::size_t c = 0; c < items; ++c)
      for (std::size_t r = 0; r < rows; ++r) sums[c] += block[c * kSimulatedRows + r];
    done += rows;
  }
  const Eigen::Index p = static_cast<Eigen::Index>(items);
  const double count = static_cast<double>(n);
  Eigen::MatrixXd cov(p, p);
  for (std::size_t i = 0; i < items; ++i)
    for (std::size_t j = 0; j <= i; ++j)
      cov(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) = cov(static_cast<Eigen::Index>(j), static_cast<Eigen::Index>(i)) =
          cross[i * items + j] - sums[i] * sums[j] / count;
  const Eigen::VectorXd sd = cov.diagonal().cwiseSqrt();
  return cov.array() / (sd * sd.transpose()).array();
}

// 32-bit draws, two from each of the engine's 64-bit outputs (reproducible: the halves are
// used low then high).
class Draws32 {
 public:
  explicit Draws32(Mt19937_64Batch& engine) : engine_(engine) {}
  std::uint32_t next() {
    if (has_high_) {
      has_high_ = false;
      return high_;
    }
    const std::uint64_t draw = engine_();
    high_ = static_cast<std::uint32_t>(draw >> 32);
    has_high_ = true;
    return static_cast<std::uint32_t>(draw);
  }
  // Uniform in [0, range), range > 0: Lemire's multiply-shift with rejection (Lemire 2019,
  // ACM TOMACS 29(1), "Fast random integer generation in an interval"), exactly unbiased.
  std::uint32_t below(std::uint32_t range) {
    std::uint64_t m = static_cast<std::uint64_t>(next()) * range;
    if (static_cast<std::uint32_t>(m) < range) {
      const std::uint32_t threshold = static_cast<std::uint32_t>(-range) % range;
      while (static_cast<std::uint32_t>(m) < threshold) m = static_cast<std::uint64_t>(next()) * range;
    }
    return static_cast<std::uint32_t>(m >> 32);
  }
  // Uniform in [0, range) for ranges past 32 bits: random_index's rejection, on whole draws.
  std::uint64_t below64(std::uint64_t range) {
    const std::uint64_t limit = UINT64_MAX - UINT64_MAX % range;
    std::uint64_t draw = engine_();
    while (draw >= limit) draw = engine_();
    return draw % range;
  }

 private:
  Mt19937_64Batch& engine_;
  std::uint32_t high_ = 0;
  bool has_high_ = false;
};

// One resample of every item (psych: sample(y, n, replace = TRUE) per column) drawn from the
// answer counts, and its pairwise complete Pearson correlations from the exact sums of the
// byte kernels (LikertMoments). False when a correlation is missing (an item constant or a
// pair never both answered), which psych draws again.
bool resampled_correlations(const ItemAnswerCounts& answers, std::size_t n, Mt19937_64Batch& engine,
                            Eigen::MatrixXd& out) {
  const std::size_t items = answers.counts.size();
  std::size_t levels = 1;
  for (const auto& counts : answers.counts) levels = std::max(levels, counts.size() - 1);
  std::vector<std::vector<std::uint64_t>> cumulative(items);
  std::vector<std::uint64_t> totals(items);
  for (std::size_t i = 0; i < items; ++i) {
    std::uint64_t sum = 0;
    for (std::uint64_t c : answers.counts[i]) cumulative[i].push_back(sum += c);
    totals[i] = sum;
    if (sum == 0) return false;
  }
  const bool small = *std::max_element(totals.begin(), totals.end()) <= UINT32_MAX;
  LikertMoments moments(items, {}, 1, static_cast<double>(std::max<std::size_t>(levels, 2)));
  Draws32 draws(engine);
  std::vector<std::uint8_t> block(kBlockRows * items);
  for (std::size_t done = 0; done < n;) {
    const std::size_t rows = std::min(kBlockRows, n - done);
    for (std::size_t c = 0; c < items; ++c) {
      const std::uint64_t* cum = cumulative[c].data();
      const std::uint64_t total = totals[c];
      const std::size_t width = cumulative[c].size();
      for (std::size_t r = 0; r < rows; ++r) {
        const std::uint64_t draw = small ? draws.below(static_cast<std::uint32_t>(total)) : draws.below64(total);
        unsigned code = 0;   // the codes whose cumulative count the draw reaches, without branches
        for (std::size_t k = 0; k < width; ++k) code += cum[k] <= draw;
        block[r * items + c] = static_cast<std::uint8_t>(code);
      }
    }
    moments.add(block.data(), rows);
    done += rows;
  }
  const Eigen::Index p = static_cast<Eigen::Index>(items);
  out.resize(p, p);
  for (Eigen::Index i = 0; i < p; ++i) {
    out(i, i) = 1;
    for (Eigen::Index j = 0; j < i; ++j) {
      const CoMoments m = moments.items(static_cast<std::size_t>(i), static_cast<std::size_t>(j));
      if (m.n < 2 || !(m.ss_i > 0) || !(m.ss_j > 0)) return false;
      out(i, j) = out(j, i) = static_cast<double>(m.cross / std::sqrt(m.ss_i * m.ss_j));
    }
  }
  return true;
}

DenseMatrix dense_of(const Eigen::MatrixXd& m) {
  DenseMatrix d(static_cast<std::size_t>(m.rows()), static_cast<std::size_t>(m.cols()));
  for (Eigen::Index i = 0; i < m.rows(); ++i)
    for (Eigen::Index j = 0; j < m.cols(); ++j) d(static_cast<std::size_t>(i), static_cast<std::size_t>(j)) = m(i, j);
  return d;
}

// A correlation matrix's component and one-factor values (psych: eigen(C)$values and
// fa(C, nfactors = 1, fm, SMC = FALSE)$values) into row[0 .. 2 items).
void component_and_factor_values(const Eigen::MatrixXd& c, FactorMethod method, double* row) {
  // eigen(C)$values: decreasing (the solver gives them increasing); no vectors needed.
  const Eigen::VectorXd values = Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd>(c, Eigen::EigenvaluesOnly).eigenvalues().reverse();
  const FactorExtraction fa = extract_factors(dense_of(c), 1, method);
  const std::size_t items = static_cast<std::size_t>(c.rows());
  for (std::size_t k = 0; k < items; ++k) {
    row[k] = values(static_cast<Eigen::Index>(k));
    row[items + k] = fa.values[k];
  }
}

// psych: which(!(observed > quantile))[1] - 1.
std::optional<std::size_t> leading_above(const std::vector<double>& observed, const std::vector<double>& quantiles) {
  for (std::size_t k = 0; k < observed.size(); ++k)
    if (!(observed[k] > quantiles[k])) return k;
  return std::nullopt;
}

}  // namespace

// psych::fa.parallel (Horn 1965; psych 2.2.9's fa = "both", SMC = FALSE): observed values
// against the means and `quantile`s of n.iter simulated (and resampled) data sets.
ParallelAnalysis parallel_analysis(const DenseMatrix& correlations, double n_obs, const ParallelAnalysisOptions& options,
                                   const ItemAnswerCounts* answers) {
  const std::size_t items = correlations.rows;
  if (items < 2 || correlations.cols != items)
    throw data_error({}, "parallel analysis needs a square correlation matrix of at least two items");
  if (!(n_obs >= 3) || n_obs != std::floor(n_obs) || n_obs > 1e12)
    throw data_error({}, "parallel analysis needs a whole number of at least 3 rows, not " + std::to_string(n_obs));
  if (options.iterations == 0) throw usage_error("parallel analysis needs at least one iteration", "ask for one or more iterations");
  if (answers && answers->counts.size() != items)
    throw usage_error("parallel analysis: answer counts for " + std::to_string(answers->counts.size()) +
                      " items, correlations for " + std::to_string(items));
  const std::size_t n = static_cast<std::size_t>(n_obs);
  const bool resample = answers != nullptr;
  const std::size_t width = (resample ? 4 : 2) * items;

  ParallelAnalysis out;
  Eigen::MatrixXd observed(static_cast<Eigen::Index>(items), static_cast<Eigen::Index>(items));
  for (std::size_t i = 0; i < items; ++i)
    for (std::size_t j = 0; j < items; ++j) observed(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) = correlations(i, j);
  std::vector<double> first(2 * items);
  component_and_factor_values(observed, options.method, first.data());
  out.pc_values.assign(first.begin(), first.begin() + static_cast<std::ptrdiff_t>(items));
  out.fa_values.assign(first.begin() + static_cast<std::ptrdiff_t>(items), first.end());

  // Each iteration fills its own row with its own engine: threads change nothing but the time.
  out.values = DenseMatrix(options.iterations, width);
  std::vector<std::size_t> redraws(options.iterations, 0);
  auto run = [&](std::size_t k) {
    Mt19937_64Batch engine(engine_for(options.seed, k));
    double* row = out.values.values.data() + k * width;
    if (resample) {
      Eigen::MatrixXd c;
      while (!resampled_correlations(*answers, n, engine, c)) {
        if (++redraws[k] > 100)
          throw data_error({}, "parallel analysis: 100 resamples in a row had a missing correlation",
                           "an item is almost constant or pairs are seldom answered together; leave such items out");
      }
      component_and_factor_values(c, options.method, row);
      row += 2 * items;
    }
    component_and_factor_values(simulated_correlations(items, n, engine), options.method, row);
  };
  const unsigned threads = std::max(1u, std::min<unsigned>(options.threads, static_cast<unsigned>(options.iterations)));
  if (threads == 1) {
    for (std::size_t k = 0; k < options.iterations; ++k) run(k);
  } else {
    std::vector<std::thread> pool;
    std::vector<std::exception_ptr> errors(threads);
    for (unsigned t = 0; t < threads; ++t)
      pool.emplace_back([&, t] {
        try {
          for (std::size_t k = t; k < options.iterations; k += threads) run(k);
        } catch (...) {
          errors[t] = std::current_exception();
        }
      });
    for (auto& thread : pool) thread.join();
    for (auto& error : errors)
      if (error) std::rethrow_exception(error);
  }
  for (std::size_t r : redraws) out.redraws += r;

  // Column means (psych colMeans) and quantiles (quantile(x, quant), type 7).
  std::vector<double> means(width), quantiles(width);
  for (std::size_t c = 0; c < width; ++c) {
    std::vector<double> column(options.iterations);
    long double sum = 0;
    for (std::size_t k = 0; k < options.iterations; ++k) sum += column[k] = out.values(k, c);
    means[c] = static_cast<double>(sum / static_cast<long double>(options.iterations));
    quantiles[c] = quantile_type7(std::move(column), options.quantile);
  }
  auto part = [&](const std::vector<double>& v, std::size_t index) {
    return std::vector<double>(v.begin() + static_cast<std::ptrdiff_t>(index * items),
                               v.begin() + static_cast<std::ptrdiff_t>((index + 1) * items));
  };
  const std::size_t sim = resample ? 2 : 0;
  if (resample) {
    out.pc_simr = part(means, 0);
    out.fa_simr = part(means, 1);
    out.pc_simr_quantile = part(quantiles, 0);
    out.fa_simr_quantile = part(quantiles, 1);
  }
  out.pc_sim = part(means, sim);
  out.fa_sim = part(means, sim + 1);
  out.pc_sim_quantile = part(quantiles, sim);
  out.fa_sim_quantile = part(quantiles, sim + 1);
  out.ncomp = leading_above(out.pc_values, out.pc_sim_quantile);
  out.nfact = leading_above(out.fa_values, out.fa_sim_quantile);
  return out;
}

}  // namespace attune

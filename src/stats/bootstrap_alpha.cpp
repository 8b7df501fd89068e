#include "attune/stats/bootstrap_alpha.h"

#include <algorithm>
#include <cmath>
#include <random>
#include <utility>

#include <fmt/format.h>

#include "attune/stats/alpha.h"
#include "attune/stats/order_statistics.h"
#include "attune/stats/pairwise_moments.h"
#include "attune/stats/random_index.h"
#include "attune/util/error.h"
#include "attune/util/ordered_pool.h"
#include "stats/bootstrap_resample.h"

namespace attune {

namespace {
// psych alpha.1 raw_alpha (Cronbach 1951): (1 - tr(C)/sum(C)) n/(n - 1).
double raw_alpha_of(const DenseMatrix& c) {
  double trace = 0, sum = 0;
  for (std::size_t i = 0; i < c.rows; ++i) {
    trace += c(i, i);
    for (std::size_t j = 0; j < c.cols; ++j) sum += c(i, j);
  }
  const double n = static_cast<double>(c.rows);
  return (1 - trace / sum) * (n / (n - 1));
}

// The replicates of bootstrap_statistics on options.threads workers: the calling thread draws
// every resample's rows from `engine` in the order the single-threaded loop does, the workers
// compute the statistics, and the values are kept in draw order, so the bytes are the same.
void replicates_on_threads(const DenseMatrix& x, const BootstrapOptions& options, std::mt19937_64& engine,
                           const std::vector<ResampleStatistic>& statistics, std::vector<BootstrapAlpha>& out) {
  struct Batch {
    std::vector<std::size_t> rows;   // the drawn rows, x.rows per replicate
    std::vector<double> values;      // each replicate's statistics, in turn
    void clear() { rows.clear(); values.clear(); }
  };
  const std::size_t per_batch = std::clamp<std::size_t>(16384 / x.rows, 1, 64);
  OrderedPool<Batch> pool(
      options.threads,
      [&](unsigned, Batch& batch) {
        for (std::size_t first = 0; first < batch.rows.size(); first += x.rows) {
          PairwiseMoments moments(x.cols);
          for (std::size_t r = 0; r < x.rows; ++r) moments.add({x.row(batch.rows[first + r]), x.cols});
          for (const auto& statistic : statistics) batch.values.push_back(statistic(moments));
        }
      },
      [&](Batch& batch) {
        for (std::size_t v = 0; v < batch.values.size(); ++v)
          out[v % statistics.size()].replicates.push_back(batch.values[v]);
      },
      2 * static_cast<std::size_t>(options.threads) + 2);
  for (std::size_t b = 0; b < options.replicates; b += per_batch) {
    Batch& batch = pool.next_batch();
    for (std::size_t k = b; k < std::min(b + per_batch, options.replicates); ++k)
      for (std::size_t r = 0; r < x.rows; ++r) batch.rows.push_back(random_index(engine, x.rows));
    pool.submit();
  }
  pool.finish();
}

// The percentile interval (type 7 quantiles) and mean of the replicates that are not NaN.
void summarise(BootstrapAlpha& out, double level) {
  const double tail = (1 - level) / 2;
  out.lower = quantile_type7(out.replicates, tail);
  out.median = quantile_type7(out.replicates, 0.5);
  out.upper = quantile_type7(out.replicates, 1 - tail);
  double sum = 0;
  std::size_t n = 0;
  for (double v : out.replicates)
    if (!std::isnan(v)) { sum += v; ++n; }
  out.mean = n ? sum / static_cast<double>(n) : std::nan("");
}

}  // namespace

// psych alpha.1 raw_alpha of a resample's pairwise covariances; NaN when one is undefined.
double resample_raw_alpha(const PairwiseMoments& moments) {
  const DenseMatrix c = moments.covariance_matrix();
  bool defined = true;
  for (double v : c.values) defined = defined && std::isfinite(v);
  return defined ? raw_alpha_of(c) : std::nan("");
}

std::vector<BootstrapAlpha> bootstrap_statistics(const DenseMatrix& x, const BootstrapOptions& options,
                                                 const char* what, const std::vector<ResampleStatistic>& statistics) {
  if (x.cols < 2) throw data_error({}, fmt::format("the bootstrap of {} needs at least 2 items", what));
  if (x.rows < 2) throw data_error({}, fmt::format("the bootstrap of {} needs at least 2 rows", what));
  if (options.replicates < 1) throw usage_error("the bootstrap needs at least 1 replicate");
  if (!(options.level > 0 && options.level < 1)) throw usage_error("the bootstrap level must be between 0 and 1");
  std::mt19937_64 engine(options.seed);
  std::vector<BootstrapAlpha> out(statistics.size());
  for (auto& one : out) one.replicates.reserve(options.replicates);
  if (options.threads > 1) {
    replicates_on_threads(x, options, engine, statistics, out);
  } else {
    for (std::size_t b = 0; b < options.replicates; ++b) {
      PairwiseMoments moments(x.cols);
      for (std::size_t r = 0; r < x.rows; ++r)
        moments.add({x.row(random_index(engine, x.rows)), x.cols});
      for (std::size_t k = 0; k < statistics.size(); ++k) out[k].replicates.push_back(statistics[k](moments));
    }
  }
  for (auto& one : out) summarise(one, options.level);
  return out;
}

BootstrapAlpha bootstrap_statistic(const DenseMatrix& x, const BootstrapOptions& options, const char* what,
                                   const ResampleStatistic& statistic) {
  return std::move(bootstrap_statistics(x, options, what, {statistic}).front());
}

// Efron 1979 nonparametric bootstrap, percentile interval; resampling as psych::alpha(n.iter).
BootstrapAlpha bootstrap_alpha(const DenseMatrix& x, const BootstrapOptions& options) {
  return bootstrap_statistic(x, options, "alpha", resample_raw_alpha);
}

}  // namespace attune

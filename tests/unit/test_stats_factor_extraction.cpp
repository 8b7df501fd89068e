// Edge cases of factor extraction and fit: refused input, Heywood cases, singular matrices.
// The expected numbers are psych 2.2.9's (fa(r, 1, rotate = "none"), printed to 17 digits).
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <random>

#include "attune/stats/factor_extraction.h"
#include "attune/stats/factor_fit.h"
#include "attune/stats/omega_total.h"
#include "attune/stats/pairwise_moments.h"
#include "attune/stats/random_index.h"
#include "attune/util/error.h"
#include "stats/extract_loadings.h"

using namespace attune;

namespace {

DenseMatrix matrix(std::size_t n, std::initializer_list<double> values) {
  DenseMatrix m(n, n);
  std::size_t i = 0;
  for (double v : values) m.values[i++] = v;
  return m;
}

// Three items whose correlations need a loading above 1 (.8 * .8 / .5 = 1.28 for the first).
const DenseMatrix heywood = matrix(3, {1, .8, .8, .8, 1, .5, .8, .5, 1});

// Five items, the fourth a copy of the third: the matrix is singular.
const DenseMatrix singular = matrix(5, {1, .6, .5, .5, .3, .6, 1, .4, .4, .35, .5, .4, 1, 1, .45, .5, .4, 1, 1, .45,
                                        .3, .35, .45, .45, 1});

}  // namespace

TEST_CASE("too many factors, no factors, missing values and non-square input are refused with a hint") {
  try {
    extract_factors(heywood, 3, FactorMethod::minres);
    FAIL("3 factors from 3 items must throw");
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::data);
    CHECK(e.message().find("3 factors") != std::string::npos);
    CHECK(e.hint().find("at most 2") != std::string::npos);
  }
  CHECK_THROWS_AS(extract_factors(heywood, 0, FactorMethod::pa), Error);
  DenseMatrix missing = heywood;
  missing(0, 1) = missing(1, 0) = std::nan("");
  CHECK_THROWS_AS(extract_factors(missing, 1, FactorMethod::minres), Error);
  CHECK_THROWS_AS(extract_factors(DenseMatrix(3, 2), 1, FactorMethod::minres), Error);
  DenseMatrix asymmetric = heywood;
  asymmetric(0, 1) = .3;
  CHECK_THROWS_AS(extract_factors(asymmetric, 1, FactorMethod::minres), Error);
  CHECK_THROWS_AS(factor_fit(heywood, DenseMatrix(2, 1), {}, 100), Error);
}

TEST_CASE("a Heywood case is reported, and the loadings are psych's, not clipped") {
  const FactorExtraction minres = extract_factors(heywood, 1, FactorMethod::minres);
  CHECK(minres.loadings(0, 0) == doctest::Approx(1.0251386924772952).epsilon(1e-9));
  CHECK(minres.loadings(1, 0) == doctest::Approx(0.74274525712386186).epsilon(1e-9));
  CHECK(minres.loadings(2, 0) == doctest::Approx(0.74274525712217565).epsilon(1e-9));
  CHECK(minres.communalities[0] > 1);
  CHECK(minres.uniquenesses[0] < 0);
  REQUIRE(minres.heywood_items.size() == 1);
  CHECK(minres.heywood_items[0] == 0);
  const FactorExtraction pa = extract_factors(heywood, 1, FactorMethod::pa);
  CHECK(pa.loadings(0, 0) == doctest::Approx(1.1266205287644093).epsilon(1e-9));
  CHECK(pa.loadings(1, 0) == doctest::Approx(0.70889670811541527).epsilon(1e-9));
  REQUIRE(pa.heywood_items.size() == 1);
  CHECK(pa.heywood_items[0] == 0);
  // An ordinary solution reports none.
  CHECK(extract_factors(singular, 1, FactorMethod::minres).heywood_items.empty());  // the copied pair's h2 is .877
}

TEST_CASE("a singular matrix (an item and its copy) is factored as psych does, and its fit is finite") {
  const FactorExtraction f = extract_factors(singular, 1, FactorMethod::minres);
  const double expected[] = {0.6140170894752397, 0.54264098305730024, 0.93667585687187949, 0.93667585687184785,
                             0.50166390612050482};
  for (std::size_t i = 0; i < 5; ++i) CHECK(f.loadings(i, 0) == doctest::Approx(expected[i]).epsilon(1e-7));
  const FactorFit fit = factor_fit(singular, f.loadings, {}, 100);
  CHECK(fit.rms == doctest::Approx(0.11308041553288802).epsilon(1e-7));
  CHECK(fit.fit == doctest::Approx(0.83655287378537269).epsilon(1e-7));
  // The ML objective of a singular matrix depends on psych's smoothing (eigenvalues set to 1e-10):
  // finite, and within 1e-4 of psych's 20.288570556588112.
  CHECK(std::isfinite(fit.objective));
  CHECK(fit.objective == doctest::Approx(20.288570556588112).epsilon(1e-4));
  CHECK(fit.null_model == doctest::Approx(23.358183336638451).epsilon(1e-4));
}

TEST_CASE("fit statistics need n.obs: without it they are NA, the residual ones are not") {
  const FactorExtraction f = extract_factors(singular, 1, FactorMethod::pa);
  const FactorFit fit = factor_fit(singular, f.loadings, {}, std::nan(""));
  CHECK(std::isnan(fit.STATISTIC));
  CHECK(std::isnan(fit.RMSEA));
  CHECK(std::isnan(fit.TLI));
  CHECK(std::isfinite(fit.rms));
  CHECK(std::isfinite(fit.objective));
  CHECK(fit.dof == 5.0);
}

TEST_CASE("a just-identified model (3 items, 1 factor: 0 degrees of freedom) has no TLI, not psych's -Inf") {
  DenseMatrix r(3, 3);
  const double c[3][3] = {{1, 0.75, 0.78}, {0.75, 1, 0.82}, {0.78, 0.82, 1}};
  for (std::size_t i = 0; i < 3; ++i)
    for (std::size_t j = 0; j < 3; ++j) r(i, j) = c[i][j];
  const FactorExtraction f = extract_factors(r, 1, FactorMethod::minres);
  const FactorFit fit = factor_fit(r, f.loadings, {}, 40);
  CHECK(fit.dof == 0.0);
  CHECK(std::isnan(fit.TLI));
  CHECK(std::isnan(fit.RMSEA));
  CHECK(std::isfinite(fit.null_chisq));
}

TEST_CASE("the bootstrap of omega total draws alpha's resamples and is reproducible for a seed") {
  DenseMatrix x(30, 4);
  for (std::size_t r = 0; r < x.rows; ++r)
    for (std::size_t c = 0; c < x.cols; ++c) x(r, c) = static_cast<double>(1 + (r * (c + 3) + c * c + r / 4) % 5);
  BootstrapOptions o;
  o.replicates = 40;
  o.seed = 7;
  const BootstrapAlpha a = bootstrap_omega_total(x, o), b = bootstrap_omega_total(x, o);
  CHECK(a.replicates.size() == 40);
  CHECK(a.lower == b.lower);
  CHECK(a.upper == b.upper);
  CHECK(a.lower <= a.median);
  CHECK(a.median <= a.upper);
  // Replicate 0 is omega_total of the first resample bootstrap_alpha draws: rebuild it.
  std::mt19937_64 engine(o.seed);
  PairwiseMoments moments(x.cols);
  for (std::size_t r = 0; r < x.rows; ++r) moments.add({x.row(random_index(engine, x.rows)), x.cols});
  CHECK(a.replicates[0] == omega_total(moments.correlation_matrix()));
  CHECK_THROWS_AS(bootstrap_omega_total(DenseMatrix(1, 3), o), Error);
}

namespace {

// Bitwise equality of two vectors of doubles (NaN equal to NaN of the same bits).
bool same_bits(const std::vector<double>& a, const std::vector<double>& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0;
}

// 60 answers to 7 items on 1..5, the items sharing a factor, one cell missing.
DenseMatrix seven_items() {
  DenseMatrix x(60, 7);
  std::mt19937_64 engine(11);
  for (std::size_t r = 0; r < x.rows; ++r) {
    const double trait = static_cast<double>(random_index(engine, 5));
    for (std::size_t c = 0; c < x.cols; ++c)
      x(r, c) = std::min(5.0, 1 + trait * 0.8 + static_cast<double>(random_index(engine, 3)) * (c % 3 == 0 ? 1.0 : 0.5));
  }
  x(4, 2) = std::nan("");
  return x;
}

}  // namespace

TEST_CASE("the loadings alone (omega's fits) are extract_factors' loadings, bit for bit") {
  PairwiseMoments moments(7);
  const DenseMatrix x = seven_items();
  for (std::size_t r = 0; r < x.rows; ++r) moments.add({x.row(r), x.cols});
  for (const DenseMatrix& r : {heywood, singular, moments.correlation_matrix()})
    for (FactorMethod method : {FactorMethod::minres, FactorMethod::ml, FactorMethod::pa})
      for (std::size_t nf : {1u, 2u}) {
        if (nf >= r.rows) continue;
        CAPTURE(nf);
        FactorExtraction full;
        try {
          full = extract_factors(r, nf, method);
        } catch (const Error&) {
          CHECK_THROWS_AS(extract_loadings(r, nf, method), Error);
          continue;
        }
        CHECK(same_bits(extract_loadings(r, nf, method).values, full.loadings.values));
      }
}

TEST_CASE("omega if dropped and the bootstraps are the same bytes on 1, 2 and 4 threads; alpha and omega from one pass") {
  const DenseMatrix x = seven_items();
  PairwiseMoments moments(x.cols);
  for (std::size_t r = 0; r < x.rows; ++r) moments.add({x.row(r), x.cols});
  const OmegaTotal one = omega_total_analysis(moments.correlation_matrix(), 1);
  REQUIRE(one.if_dropped.size() == 7);
  CHECK(std::isfinite(one.if_dropped[3]));
  BootstrapOptions o;
  o.replicates = 70;   // not a multiple of a batch
  o.seed = 5;
  const BootstrapAlpha alpha = bootstrap_alpha(x, o), omega = bootstrap_omega_total(x, o);
  for (unsigned threads : {1u, 2u, 4u}) {
    CAPTURE(threads);
    CHECK(same_bits(omega_total_analysis(moments.correlation_matrix(), threads).if_dropped, one.if_dropped));
    o.threads = threads;
    const BootstrapAlphaOmega both = bootstrap_alpha_and_omega(x, o);
    CHECK(same_bits(both.alpha.replicates, alpha.replicates));
    CHECK(same_bits(both.omega.replicates, omega.replicates));
    CHECK(same_bits({both.omega.lower, both.omega.median, both.omega.upper, both.omega.mean},
                    {omega.lower, omega.median, omega.upper, omega.mean}));
    CHECK(same_bits(bootstrap_omega_total(x, o).replicates, omega.replicates));
  }
  CHECK(alpha.replicates != omega.replicates);
}

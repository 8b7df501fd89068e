// Sampling adequacy against R psych: KMO and cortest.bartlett as make_factor_adequacy.R wrote them.
#include <doctest/doctest.h>

#include <cmath>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "attune/stats/pairwise_moments.h"
#include "attune/stats/sampling_adequacy.h"
#include "fixture_csv.h"

using namespace attune;
using attune::reference::csv_number;
using attune::reference::read_csv_cells;

namespace {

// The pairwise-complete correlations of the columns `first`.. of a CSV file, and its row count.
DenseMatrix correlations_of(const std::string& path, std::size_t first, std::size_t& n_rows) {
  const auto rows = read_csv_cells(path);
  const std::size_t k = rows.front().size() - first;
  PairwiseMoments moments(k);
  std::vector<double> values(k);
  for (std::size_t r = 1; r < rows.size(); ++r) {
    for (std::size_t c = 0; c < k; ++c) values[c] = c + first < rows[r].size() ? csv_number(rows[r][c + first]) : std::nan("");
    moments.add(values);
  }
  n_rows = rows.size() - 1;
  return moments.correlation_matrix();
}

// Compares attune's KMO and Bartlett test with the expected rows (NA where R gives NA).
void check_against(const std::string& data, std::size_t first, const std::string& expected) {
  std::size_t n = 0;
  const DenseMatrix r = correlations_of(std::string(ATTUNE_REFERENCE_DIR) + "/" + data, first, n);
  const SamplingAdequacy kmo = kaiser_meyer_olkin(r);
  const BartlettTest bartlett = bartlett_sphericity(r, static_cast<double>(n));
  const auto rows = read_csv_cells(std::string(ATTUNE_REFERENCE_DIR) + "/" + expected);
  std::size_t item = 0, checked = 0;
  for (std::size_t i = 1; i < rows.size(); ++i) {
    const std::string& statistic = rows[i][1];
    const double want = csv_number(rows[i][2]);
    double got = NAN;
    if (statistic == "MSA") got = kmo.msa;
    else if (statistic == "MSAi") got = kmo.msa_i.at(item++);
    else if (statistic == "chisq") got = bartlett.chisq;
    else if (statistic == "df") got = bartlett.df;
    else if (statistic == "p.value") got = bartlett.p_value;
    else FAIL("unknown statistic " << statistic);
    INFO(expected << ": " << statistic << " " << rows[i][0]);
    if (std::isnan(want)) {
      CHECK(std::isnan(got));
    } else {
      CHECK(got == doctest::Approx(want).epsilon(1e-8));
    }
    ++checked;
  }
  CHECK(item == r.rows);
  CHECK(checked == r.rows + 4);
}

}  // namespace

TEST_CASE("KMO and Bartlett's test equal psych's on psychTools::bfi (missing answers, pairwise r)") {
  check_against("factor_adequacy_bfi_data.csv", 0, "factor_adequacy_bfi_expected.csv");
}

TEST_CASE("KMO and Bartlett's test equal psych's on the shipped ECR-S example") {
  check_against("../../examples/ecr-s.csv", 1, "factor_adequacy_example_ecr_s_expected.csv");
}

TEST_CASE("KMO and Bartlett's test are NA where psych's are, on the ECR-R example (r not positive definite)") {
  check_against("../../examples/ecr-r.csv", 1, "factor_adequacy_example_ecr_r_expected.csv");
}

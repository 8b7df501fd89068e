// Item analysis against R psych: every cell of the fixtures make_analyze_fixtures.R wrote.
#include <doctest/doctest.h>

#include <cmath>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "attune/run/analysis_run.h"
#include "attune/instrument/loader.h"
#include "attune/io/csv_reader.h"
#include "attune/stats/alpha.h"
#include "attune/stats/bootstrap_alpha.h"
#include "attune/stats/check_keys.h"
#include "attune/stats/item_analysis_moments.h"
#include "attune/stats/scale_correlations.h"
#include "attune/stats/split_half.h"
#include "fixture_csv.h"

using namespace attune;
using attune::reference::csv_number;
using attune::reference::read_csv_cells;

namespace {

struct Fixture {
  std::vector<std::string> scale_names;
  ItemAnalysisMoments moments;
};

Fixture load(const std::string& name) {
  const std::string base = std::string(ATTUNE_REFERENCE_DIR) + "/analyze_" + name;
  const auto data = read_csv_cells(base + "_data.csv");
  const auto key_rows = read_csv_cells(base + "_keys.csv");
  std::vector<ScaleKey> keys;
  std::vector<std::string> names;
  for (std::size_t r = 1; r < key_rows.size(); ++r) {
    std::string scale = key_rows[r][0];
    if (scale.size() >= 2 && scale.front() == '"') scale = scale.substr(1, scale.size() - 2);
    if (names.empty() || names.back() != scale) {
      names.push_back(scale);
      keys.push_back({scale, {}, {}, csv_number(key_rows[r][3]), csv_number(key_rows[r][4])});
    }
    keys.back().items.push_back(static_cast<std::size_t>(std::stoul(key_rows[r][1])) - 1);
    keys.back().reversed.push_back(key_rows[r][2] == "1");
  }
  Fixture f{names, ItemAnalysisMoments(data[0].size(), keys)};
  std::vector<double> row(data[0].size());
  for (std::size_t r = 1; r < data.size(); ++r) {
    for (std::size_t c = 0; c < row.size(); ++c) row[c] = c < data[r].size() ? csv_number(data[r][c]) : std::nan("");
    f.moments.add_row(row);
  }
  return f;
}

double alpha_total(const AlphaTotal& t, const std::string& c) {
  const std::map<std::string, double> m{{"raw_alpha", t.raw_alpha}, {"std.alpha", t.std_alpha},
                                        {"G6(smc)", t.g6_smc},      {"average_r", t.average_r},
                                        {"S/N", t.signal_noise},    {"ase", t.ase},
                                        {"mean", t.mean},           {"sd", t.sd},
                                        {"median_r", t.median_r},   {"var.r", t.var_r}};
  return m.at(c);
}

double alpha_drop(const AlphaIfDropped& d, const std::string& c) {
  const std::map<std::string, double> m{{"raw_alpha", d.raw_alpha}, {"std.alpha", d.std_alpha},
                                        {"G6(smc)", d.g6_smc},      {"average_r", d.average_r},
                                        {"S/N", d.signal_noise},    {"alpha se", d.alpha_se},
                                        {"var.r", d.var_r},         {"med.r", d.median_r}};
  return m.at(c);
}

double item_stat(const ItemStats& s, const std::string& c) {
  const std::map<std::string, double> m{{"n", static_cast<double>(s.n)}, {"raw.r", s.raw_r}, {"std.r", s.std_r},
                                        {"r.cor", s.r_cor}, {"r.drop", s.r_drop}, {"mean", s.mean}, {"sd", s.sd}};
  return m.at(c);
}

double split_stat(const SplitHalfResult& s, const std::string& c) {
  const std::map<std::string, double> m{{"maxrb", s.max_split}, {"meanr", s.mean_split}, {"minrb", s.min_split},
                                        {"alpha", s.alpha},     {"lambda2", s.lambda2},  {"lambda6", s.lambda6},
                                        {"av.r", s.average_r},  {"med.r", s.median_r}};
  return m.at(c);
}

void compare_all(const std::string& name) {
  Fixture f = load(name);
  std::map<std::string, AlphaResult> alphas;
  std::map<std::string, ScaleMoments> scale_moments;
  std::map<std::string, SplitHalfResult> splits;
  std::map<std::string, ResponseFrequencies> freqs;
  std::map<std::string, std::size_t> index;
  for (std::size_t s = 0; s < f.scale_names.size(); ++s) {
    const std::string& scale = f.scale_names[s];
    index[scale] = s;
    scale_moments[scale] = f.moments.scale_moments(s);
    alphas[scale] = alpha(scale_moments[scale]);
    SplitHalfOptions brute;
    brute.always_enumerate = true;
    splits[scale] = split_half(scale_moments[scale].covariance, brute);
    freqs[scale] = f.moments.scale_response_frequencies(s);
  }
  const ScaleCorrelations between = f.scale_names.size() >= 2 ? scale_correlations(f.moments) : ScaleCorrelations{};

  const auto expected = read_csv_cells(std::string(ATTUNE_REFERENCE_DIR) + "/analyze_" + name + "_expected.csv");
  double max_diff = 0;
  std::size_t cells = 0;
  for (std::size_t line = 1; line < expected.size(); ++line) {
    const auto& e = expected[line];
    REQUIRE(e.size() == 5);
    const std::string &scale = e[0], &table = e[1], &column = e[3];
    const auto row = static_cast<std::size_t>(std::stoul(e[2]));
    const double want = csv_number(e[4]);
    const AlphaResult& a = alphas.at(scale);
    double got = std::nan("");
    if (table == "total") got = alpha_total(a.total, column);
    else if (table == "feldt") got = column == "lower" ? a.feldt.lower : a.feldt.upper;
    else if (table == "duhachek") got = column == "lower" ? a.duhachek.lower : a.duhachek.upper;
    else if (table == "alpha_drop") got = alpha_drop(a.alpha_drop.at(row), column);
    else if (table == "item_stats") got = item_stat(a.item_stats.at(row), column);
    else if (table == "pc1") got = first_component_loadings(scale_moments.at(scale).correlation).at(row);
    else if (table == "check_keys") {
      // 1 when attune advises reversing the item, as psych::alpha(check.keys = TRUE) reverses it.
      got = 0;
      for (const auto& suspect : check_keys(scale_moments.at(scale), a, scale, {}).suspects) {
        if (suspect.position == row && suspect.reverse) got = 1;
      }
    }
    else if (table == "split_half") got = split_stat(splits.at(scale), column);
    else if (table == "response_freq") {
      const ResponseFrequencies& rf = freqs.at(scale);
      if (column == "miss") {
        got = rf.missing.at(row);
      } else {
        const double value = std::stod(column);
        std::size_t v = 0;
        while (v < rf.values.size() && rf.values[v] != value) ++v;
        REQUIRE_MESSAGE(v < rf.values.size(), "response value " << column << " missing in " << scale);
        got = rf.proportions(row, v);
      }
    } else if (table == "scale_alpha") got = between.alpha.at(index.at(scale));
    else if (table == "scale_cor") got = between.observed(index.at(scale), row);
    else if (table == "scale_corrected") got = between.corrected(index.at(scale), row);
    else FAIL("unknown fixture table " << table);
    INFO(name << " " << scale << " " << table << "[" << row << "," << column << "] R=" << e[4] << " attune=" << got);
    if (std::isnan(want)) {
      CHECK(std::isnan(got));
    } else {
      REQUIRE(!std::isnan(got));
      const double diff = std::fabs(got - want);
      max_diff = std::max(max_diff, diff);
      CHECK(diff <= 1e-8);
    }
    ++cells;
  }
  CHECK(cells + 1 == expected.size());
  MESSAGE(name << ": " << cells << " cells compared with R psych, max |diff| = " << max_diff);
}

}  // namespace

TEST_CASE("item analysis of synthetic12 (missing data, a mis-keyed item, a 2-item scale) agrees with psych") {
  compare_all("synthetic12");
}

TEST_CASE("item analysis of synthetic36 (two 18-item scales, 1..7) agrees with psych") {
  compare_all("synthetic36");
}

TEST_CASE("psychTools::bfi Openness with O2 and O5 unreversed agrees with psych, check.keys included") {
  compare_all("bfi_openness");
}

TEST_CASE("bfi Openness: reversal is advised for O2 and O5 only; O3's negative r.drop is reported without it") {
  Fixture f = load("bfi_openness");
  const ScaleMoments m = f.moments.scale_moments(0);
  const KeyCheck check = check_keys(m, alpha(m), "openness", {"O1", "O2", "O3", "O4", "O5"});
  REQUIRE(check.suspects.size() == 3);
  CHECK(check.suspects[0].position == 1);
  CHECK(check.suspects[0].reverse);
  CHECK(check.suspects[0].message ==
        "item O2 loads negatively on the first principal component of scale \"openness\" (loading = -0.60; "
        "r.drop = -0.09): psych::alpha(check.keys = TRUE) would reverse it; check its key and try it reversed");
  CHECK(check.suspects[1].position == 2);
  CHECK(!check.suspects[1].reverse);
  CHECK(check.suspects[1].message ==
        "item O3 has a weak/negative item-rest correlation in scale \"openness\" (r.drop = -0.05; "
        "first-component loading = 0.73): psych::alpha(check.keys = TRUE) would not reverse it; look at its "
        "wording and the other items' keys");
  CHECK(check.suspects[2].position == 4);
  CHECK(check.suspects[2].reverse);
  for (const auto& suspect : check.suspects) CHECK(suspect.message.find("correlates negatively") == std::string::npos);
}

TEST_CASE("the mis-keyed item of synthetic12 is flagged, the correctly keyed ones are not") {
  Fixture f = load("synthetic12");
  const ScaleMoments m = f.moments.scale_moments(0);  // scale A: item 6 keyed forward on purpose
  const AlphaResult a = alpha(m);
  const KeyCheck check = check_keys(m, a, "A", {"item1", "item2", "item3", "item4", "item5", "item6", "item7"});
  REQUIRE(check.suspects.size() == 1);
  CHECK(check.suspects[0].position == 5);
  CHECK(check.suspects[0].message.find("item6") != std::string::npos);
  for (std::size_t s = 1; s < f.scale_names.size(); ++s) {
    const ScaleMoments ms = f.moments.scale_moments(s);
    CHECK(check_keys(ms, alpha(ms), f.scale_names[s], {}).suspects.empty());
  }
}

TEST_CASE("the bootstrap of alpha is reproducible and centred on psych's analytic alpha") {
  // Scale B of synthetic12: R psych gives raw_alpha and its analytic standard error (ase).
  const auto expected = read_csv_cells(std::string(ATTUNE_REFERENCE_DIR) + "/analyze_synthetic12_expected.csv");
  double psych_alpha = 0, psych_ase = 0;
  for (const auto& e : expected) {
    if (e[0] == "B" && e[1] == "total" && e[3] == "raw_alpha") psych_alpha = csv_number(e[4]);
    if (e[0] == "B" && e[1] == "total" && e[3] == "ase") psych_ase = csv_number(e[4]);
  }
  REQUIRE(psych_ase > 0);
  const auto data = read_csv_cells(std::string(ATTUNE_REFERENCE_DIR) + "/analyze_synthetic12_data.csv");
  DenseMatrix raw(data.size() - 1, data[0].size());
  for (std::size_t r = 1; r < data.size(); ++r)
    for (std::size_t c = 0; c < raw.cols; ++c) raw(r - 1, c) = c < data[r].size() ? csv_number(data[r][c]) : std::nan("");
  const ScaleKey key{"B", {7, 8, 9, 10, 11}, {false, false, true, false, false}, 1, 5};
  const DenseMatrix keyed = keyed_items(raw, key);
  BootstrapOptions options;
  options.replicates = 2000;
  options.seed = 1;
  const BootstrapAlpha first = bootstrap_alpha(keyed, options);
  const BootstrapAlpha again = bootstrap_alpha(keyed, options);
  CHECK(first.replicates == again.replicates);
  CHECK(first.lower == again.lower);
  CHECK(first.upper == again.upper);
  options.seed = 2;
  CHECK(bootstrap_alpha(keyed, options).replicates != first.replicates);
  // Sampling error of the mean of 2000 replicates is about ase / sqrt(2000); allow for the
  // small bootstrap bias of alpha too.
  CHECK(std::fabs(first.mean - psych_alpha) < 0.25 * psych_ase);
  CHECK(first.lower < psych_alpha);
  CHECK(psych_alpha < first.upper);
  const double width = first.upper - first.lower;
  CHECK(width == doctest::Approx(2 * 1.96 * psych_ase).epsilon(0.25));
  MESSAGE("bootstrap mean " << first.mean << " vs psych alpha " << psych_alpha << " (ase " << psych_ase
                            << "); 95% CI [" << first.lower << ", " << first.upper << "]");
}

TEST_CASE("item analysis of the shipped ECR-R example agrees with psych") {
  compare_all("example_ecr_r");
}

// The whole `attune analyze` path (instrument YAML, CSV reader, column binding, keys from the
// definition) against the same fixture: the scale totals and item statistics.
TEST_CASE("attune analyze's pipeline on the shipped ECR-R example gives psych's numbers") {
  Instrument instrument = load_instrument_file(std::string(ATTUNE_INSTRUMENTS_DIR) + "/ecr-r.yaml");
  CsvReader source(std::string(ATTUNE_EXAMPLES_DIR) + "/ecr-r.csv");
  AnalysisReport report = run_analysis(instrument, source, AnalysisOptions{});
  REQUIRE(report.scales.size() == 2);
  const auto expected = read_csv_cells(std::string(ATTUNE_REFERENCE_DIR) + "/analyze_example_ecr_r_expected.csv");
  std::size_t cells = 0;
  for (std::size_t line = 1; line < expected.size(); ++line) {
    const auto& e = expected[line];
    const std::string &scale = e[0], &table = e[1], &column = e[3];
    const auto row = static_cast<std::size_t>(std::stoul(e[2]));
    const ScaleAnalysis& s = report.scales[scale == "anxiety" ? 0 : 1];
    REQUIRE(s.name == scale);
    double got;
    if (table == "total") got = alpha_total(s.alpha.total, column);
    else if (table == "item_stats") got = item_stat(s.alpha.item_stats.at(row), column);
    else if (table == "alpha_drop") got = alpha_drop(s.alpha.alpha_drop.at(row), column);
    else if (table == "scale_corrected") got = report.correlations->corrected(scale == "anxiety" ? 0 : 1, row);
    else continue;
    INFO(scale << " " << table << "[" << row << "," << column << "] R=" << e[4] << " attune=" << got);
    const double want = csv_number(e[4]);
    if (std::isnan(want)) CHECK(std::isnan(got));
    else CHECK(std::fabs(got - want) <= 1e-8);
    ++cells;
  }
  CHECK(cells > 300);
}

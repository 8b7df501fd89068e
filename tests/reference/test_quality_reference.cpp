// The careless-responding indices against base R and psych::outlier
// (fixtures: tests/reference/make_quality_fixtures.R).
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "attune/quality/even_odd.h"
#include "attune/quality/irv.h"
#include "attune/quality/longstring.h"
#include "attune/quality/mahalanobis.h"
#include "attune/stats/pairwise_moments.h"
#include "attune/quality/psychsyn.h"

using namespace attune;

namespace {

constexpr double tolerance = 1e-8;

// A CSV fixture as numbers; "NA" and "" are NaN. Columns by header name.
struct Table {
  std::vector<std::string> header;
  std::vector<std::vector<double>> rows;
  std::vector<double> column(const std::string& name) const {
    const auto at = std::find(header.begin(), header.end(), name);
    REQUIRE_MESSAGE(at != header.end(), "no column " << name);
    const auto k = static_cast<std::size_t>(at - header.begin());
    std::vector<double> out;
    for (const auto& r : rows) out.push_back(r[k]);
    return out;
  }
};

std::vector<std::string> split(const std::string& line) {
  std::vector<std::string> cells;
  std::string cell;
  std::istringstream in(line);
  while (std::getline(in, cell, ',')) cells.push_back(cell);
  if (!line.empty() && line.back() == ',') cells.emplace_back();
  return cells;
}

double number(std::string cell) {
  cell.erase(std::remove(cell.begin(), cell.end(), '"'), cell.end());
  if (cell.empty() || cell == "NA") return NAN;
  return std::stod(cell);
}

Table read_table(const std::string& name) {
  std::ifstream in(std::string(ATTUNE_REFERENCE_DIR) + "/" + name);
  REQUIRE_MESSAGE(in.good(), "cannot open " << name);
  Table t;
  std::string line;
  std::getline(in, line);
  for (auto& h : split(line)) {
    h.erase(std::remove(h.begin(), h.end(), '"'), h.end());
    t.header.push_back(h);
  }
  while (std::getline(in, line)) {
    std::vector<double> row;
    for (const auto& c : split(line)) row.push_back(number(c));
    REQUIRE(row.size() == t.header.size());
    t.rows.push_back(row);
  }
  return t;
}

// Both NA, or equal within the tolerance; reports the largest difference seen.
void check_close(double ours, double r, const std::string& what, std::size_t row, double& max_diff) {
  INFO(what << " row " << row + 1 << ": ours " << ours << ", R " << r);
  CHECK(std::isnan(ours) == std::isnan(r));
  if (!std::isnan(ours) && !std::isnan(r)) {
    const double diff = std::fabs(ours - r);
    max_diff = std::max(max_diff, diff);
    CHECK(diff <= tolerance);
  }
}

// The fixture's design: 6 scales of 4 consecutive items, the 4th of each reverse-worded.
constexpr std::size_t n_scales = 6, per_scale = 4;

std::vector<std::vector<std::size_t>> scale_items() {
  std::vector<std::vector<std::size_t>> scales(n_scales);
  for (std::size_t s = 0; s < n_scales; ++s) {
    for (std::size_t k = 0; k < per_scale; ++k) scales[s].push_back(s * per_scale + k);
  }
  return scales;
}

std::vector<double> reverse_keyed(std::vector<double> raw) {
  for (std::size_t j = 0; j < raw.size(); ++j) {
    if (j % per_scale == per_scale - 1 && !std::isnan(raw[j])) raw[j] = 1 + 5 - raw[j];
  }
  return raw;
}

void check_pairs(const std::vector<ItemPair>& ours, const Table& r, double& max_diff) {
  REQUIRE(ours.size() == r.rows.size());
  REQUIRE_FALSE(ours.empty());
  for (std::size_t k = 0; k < ours.size(); ++k) {
    CHECK(static_cast<double>(ours[k].first) == r.rows[k][0]);
    CHECK(static_cast<double>(ours[k].second) == r.rows[k][1]);
    check_close(ours[k].sample_r, r.rows[k][2], "pair r", k, max_diff);
  }
}

void check_data_set(const std::string& set) {
  const Table data = read_table("quality_" + set + "_data.csv");
  const Table expected = read_table("quality_" + set + "_expected.csv");
  REQUIRE(data.rows.size() == expected.rows.size());
  const std::size_t n_items = data.header.size();

  PairwiseMoments sample(n_items);
  for (const auto& row : data.rows) sample.add(row);
  const MahalanobisModel model(sample);
  REQUIRE(model.full_matrix_problem().empty());
  const auto synonyms = find_item_pairs(sample, 0.60, PairKind::synonyms);
  const auto antonyms = find_item_pairs(sample, 0.60, PairKind::antonyms);
  const auto scales = scale_items();

  std::map<std::string, double> max_diff;
  check_pairs(synonyms, read_table("quality_" + set + "_synonym_pairs.csv"), max_diff["pairs"]);
  check_pairs(antonyms, read_table("quality_" + set + "_antonym_pairs.csv"), max_diff["pairs"]);

  const auto col = [&](const char* name) { return expected.column(name); };
  const auto longest = col("longest"), average = col("average"), irv_r = col("irv");
  const auto d2 = col("d2"), df = col("df"), p = col("p");
  const auto d2_psych = col("d2_psych"), p_psych = col("p_psych");
  const auto eo = col("even_odd"), eo_r = col("even_odd_r"), eo_scales = col("even_odd_scales");
  const auto syn = col("psychsyn"), syn_pairs = col("psychsyn_pairs");
  const auto ant = col("psychant"), ant_pairs = col("psychant_pairs");

  for (std::size_t i = 0; i < data.rows.size(); ++i) {
    const auto& row = data.rows[i];
    const LongstringResult runs = longstring(row);
    check_close(runs.longest, longest[i], "longest", i, max_diff["longstring"]);
    check_close(runs.average, average[i], "average", i, max_diff["longstring"]);
    check_close(irv(row), irv_r[i], "irv", i, max_diff["irv"]);

    const MahalanobisResult m = model.distance(row, MahalanobisMissing::answered_items);
    check_close(m.d_squared, d2[i], "d2", i, max_diff["d2"]);
    check_close(m.p_value, p[i], "p", i, max_diff["p"]);
    CHECK(static_cast<double>(m.df) == df[i]);
    CHECK(std::isnan(m.d_squared) != m.na_reason.empty());
    const MahalanobisResult mp = model.distance(row, MahalanobisMissing::psych_outlier);
    check_close(mp.d_squared, d2_psych[i], "d2 psych", i, max_diff["d2_psych"]);
    check_close(mp.p_value, p_psych[i], "p psych", i, max_diff["p"]);

    const EvenOddResult e = even_odd(reverse_keyed(row), scales);
    check_close(e.consistency, eo[i], "even-odd", i, max_diff["even_odd"]);
    check_close(e.correlation, eo_r[i], "even-odd r", i, max_diff["even_odd"]);
    CHECK(static_cast<double>(e.scales_used) == eo_scales[i]);

    const PsychsynResult s = psychsyn(row, synonyms);
    check_close(s.r, syn[i], "psychsyn", i, max_diff["psychsyn"]);
    CHECK(static_cast<double>(s.pairs_answered) == syn_pairs[i]);
    const PsychsynResult a = psychsyn(row, antonyms);
    check_close(a.r, ant[i], "psychant", i, max_diff["psychsyn"]);
    CHECK(static_cast<double>(a.pairs_answered) == ant_pairs[i]);
  }
  for (const auto& [what, diff] : max_diff) MESSAGE(set << ": max |ours - R| " << what << " = " << diff);
}

}  // namespace

TEST_CASE("quality indices equal base R and psych::outlier on complete data") {
  check_data_set("complete");
}

TEST_CASE("quality indices equal base R and psych::outlier with missing answers") {
  check_data_set("missing");
}

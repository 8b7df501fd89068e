// attune's test-retest statistics (change --retest) against psych::ICC(lmer = FALSE) and
// cor() (fixtures: tests/reference/make_change_icc.R), to 1e-8.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdlib>
#include <map>
#include <string>
#include <vector>

#include "attune/stats/co_moments.h"
#include "attune/stats/icc.h"
#include "fixture_csv.h"

using namespace attune;

namespace {

// The cells of a fixture (quotes stripped), header line dropped.
std::vector<std::vector<std::string>> read_csv(const std::string& name) {
  std::vector<std::vector<std::string>> rows = reference::read_csv_cells(std::string(ATTUNE_REFERENCE_DIR) + "/" + name);
  REQUIRE_FALSE(rows.empty());
  rows.erase(rows.begin());
  return rows;
}

double number(const std::string& text) { return std::strtod(text.c_str(), nullptr); }

void check_close(double ours, double theirs, const char* what) {
  INFO(what << ": attune " << ours << ", R " << theirs);
  CHECK(std::fabs(ours - theirs) <= 1e-8 * std::max(1.0, std::fabs(theirs)));
}

}  // namespace

TEST_CASE("change --retest: ICC forms, r and its interval match psych::ICC(lmer = FALSE) and cor.test()") {
  std::map<std::string, CoMoments> sets;
  for (const auto& row : read_csv("change_icc_data.csv")) {
    CoMoments one{1, number(row[1]), number(row[2]), 0, 0, 0};
    sets[row[0]] = combine(sets[row[0]], one);   // as change adds each matched respondent
  }
  const auto expected = read_csv("change_icc_expected.csv");
  REQUIRE(expected.size() == 24);
  std::map<std::string, IccForms> ours;
  for (const auto& [name, moments] : sets) ours[name] = icc_forms(icc_anova(moments));
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const auto& row = expected[i];
    INFO("set " << row[0] << ", " << row[1]);
    REQUIRE(sets.count(row[0]));
    const IccForm& form = ours[row[0]][i % 6];
    CHECK(form.type == row[1]);
    check_close(form.icc, number(row[2]), "ICC");
    check_close(form.f, number(row[3]), "F");
    check_close(form.df1, number(row[4]), "df1");
    check_close(form.df2, number(row[5]), "df2");
    // p: relative to its own size (psych gives values down to 1e-24)
    CHECK(std::fabs(form.p - number(row[6])) <= 1e-8 * std::fabs(number(row[6])) + 1e-300);
    check_close(form.lower, number(row[7]), "lower bound");
    check_close(form.upper, number(row[8]), "upper bound");
    const double r = co_moments::correlation(sets[row[0]], false);
    check_close(r, number(row[9]), "r");
    const CorrelationInterval ci = correlation_interval(r, sets[row[0]].n);
    check_close(ci.lower, number(row[10]), "r's lower bound (cor.test)");
    check_close(ci.upper, number(row[11]), "r's upper bound (cor.test)");
  }
}

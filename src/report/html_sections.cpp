// The report's sections after the patterns: reliability and weak items, missing data, quality.
#include <set>

#include <fmt/format.h>

#include "report/html_sections.h"
#include "report/html_text.h"

namespace attune::report {

namespace {

// Why analyze marks item `i` of `scale` (weak_item's two tests and the mis-keying check), or "".
std::string item_concerns(const ScaleAnalysis& scale, std::size_t i) {
  std::vector<std::string> why;
  if (weak_item(scale, i)) {
    if (scale.alpha.item_stats[i].r_drop < 0.30) why.push_back("r.drop below .30");
    if (scale.alpha.alpha_drop[i].raw_alpha > scale.alpha.total.raw_alpha) why.push_back("alpha is higher without it");
  }
  for (const auto& suspect : scale.keys.suspects) {
    if (suspect.position == i) why.push_back(suspect.message);
  }
  return fmt::format("{}", fmt::join(why, "; "));
}

}  // namespace

std::string reliability_section(const ReportResults& results) {
  const AnalysisReport& analysis = results.analysis;
  std::string out = "<section id=\"reliability\">\n<h2>Reliability</h2>\n";
  out += fmt::format("<p>Per scale, from <code>attune analyze</code> on the same {} rows (as <code>psych::alpha</code>; "
                     "missing answers pairwise).</p>\n",
                     count(analysis.rows));
  Table table{"reliability", "Internal consistency per scale",
              {"scale", "items", "alpha", omega_total_name, "std. alpha", "95% interval (Feldt)", "average r"},
              {false, true, true, true, true, true, true}, {}};
  for (const auto& scale : analysis.scales) {
    const AlphaResult& a = scale.alpha;
    table.rows.push_back({scale.name, std::to_string(scale.items.size()), number(a.total.raw_alpha, 3),
                          number(scale.omega.omega_total, 3),
                          number(a.total.std_alpha, 3),
                          fmt::format("{} to {}", number(a.feldt.lower, 3), number(a.feldt.upper, 3)),
                          number(a.total.average_r, 3)});
  }
  out += table.html();
  for (const auto& skipped : analysis.skipped) out += fmt::format("<p>Not analysed: {}.</p>\n", escape(skipped));
  out += "<h3>Weak or possibly mis-keyed items</h3>\n";
  Table weak{"weak-items", "Items analyze marks",
             {"item", "scale", "keyed", "r.drop", "alpha without it", "why"}, {false, false, false, true, true, false}, {}};
  for (const auto& scale : analysis.scales) {
    for (std::size_t i = 0; i < scale.items.size(); ++i) {
      std::string why = item_concerns(scale, i);
      if (why.empty()) continue;
      weak.rows.push_back({scale.items[i], scale.name, scale.reversed[i] ? "reversed" : "forward",
                           number(scale.alpha.item_stats[i].r_drop, 3), number(scale.alpha.alpha_drop[i].raw_alpha, 3),
                           why});
    }
  }
  if (weak.rows.empty()) {
    out += "<p>None: every item correlates .30 or more with the rest of its scale, no scale's alpha rises without "
           "one of its items, and none runs against its scale.</p>\n";
  } else {
    out += weak.html();
  }
  return out + "</section>\n";
}

std::string missing_section(const ReportResults& results) {
  const ScoreReport& score = results.score;
  const AnalysisReport& analysis = results.analysis;
  std::string out = "<section id=\"missing\">\n<h2>Missing data</h2>\n<dl class=\"facts\">\n";
  out += fmt::format("<dt>Rows read</dt><dd>{}</dd>\n", count(score.rows));
  out += fmt::format("<dt>Empty records left out</dt><dd>{}</dd>\n", count(score.empty_records.count));
  out += fmt::format("<dt>Invalid cells read as missing</dt><dd>{}</dd>\n", count(analysis.invalid_cells));
  out += "</dl>\n";
  Table scores{"missing-scores", "Scores without a value", {"score", "with a value", "missing", "missing share"},
               {false, true, true, true}, {}};
  const ScoreSummary& summary = score.summary;
  for (std::size_t i = 0; i < summary.score_ids().size(); ++i) {
    const RunningStats& s = summary.stats()[i];
    scores.rows.push_back({summary.score_ids()[i], count(s.n()), count(s.missing()), percent(s.missing(), s.n() + s.missing())});
  }
  out += scores.html();
  Table items{"missing-items", "Items with missing answers", {"item", "scale", "missing share"}, {false, false, true}, {}};
  std::set<std::string> listed;
  std::size_t item_count = 0;
  for (const auto& scale : analysis.scales) {
    for (std::size_t i = 0; i < scale.items.size(); ++i) {
      if (!listed.insert(scale.items[i]).second) continue;
      ++item_count;
      const double share = scale.frequencies.missing[i];
      if (share > 0) items.rows.push_back({scale.items[i], scale.name, number(100 * share, 1) + "%"});
    }
  }
  if (items.rows.empty()) {
    out += fmt::format("<p>None of the {} analysed items has a missing answer.</p>\n", item_count);
  } else {
    out += fmt::format("<p>{} of the {} analysed items have missing answers (share of all {} rows):</p>\n",
                       items.rows.size(), item_count, count(analysis.rows));
    out += items.html();
  }
  return out + "</section>\n";
}

std::string quality_section(const ReportResults& results) {
  std::string out = "<section id=\"quality\">\n<h2>Quality flags</h2>\n";
  if (!results.quality) {
    return out + "<p>No screening was given: run <code>attune quality</code> and give its output to the report with "
                 "<code>--quality FILE</code> to count flagged respondents here.</p>\n</section>\n";
  }
  const MatchedFlags& q = *results.quality;
  out += fmt::format("<p id=\"quality-summary\"><strong>{}</strong> of the {} respondents found in the flags file are flagged ({}).</p>\n",
                     count(q.flagged), count(q.matched), percent(q.flagged, q.matched));
  Table table{"quality-flags", "Respondents per flag (one respondent may have several)", {"flag", "respondents", "percent"},
              {false, true, true}, {}};
  for (const auto& [flag, n] : q.by_flag) table.rows.push_back({flag, count(n), percent(n, q.matched)});
  if (!table.rows.empty()) out += table.html();
  return out + "</section>\n";
}

}  // namespace attune::report

// The report's patterns section: what the four patterns can and cannot say, the plane, the
// counts as bars and as a table, the borderline count and the dimensions' correlation.
#include <algorithm>
#include <cmath>
#include <optional>

#include <fmt/format.h>

#include "attune/instrument/pattern.h"
#include "report/html_sections.h"
#include "report/html_text.h"

namespace attune::report {

namespace {

// One row of the counts: a pattern (or another label, or "unclassified") and its respondents.
struct PatternCount {
  std::string name;
  std::uint64_t respondents = 0;
};

// The scoring run's counts in all_patterns order, then other labels, then unclassified.
std::vector<PatternCount> pattern_counts(const ScoreSummary& summary) {
  std::vector<PatternCount> counts;
  for (Pattern p : all_patterns) {
    counts.push_back({std::string(pattern_name(p)), summary.pattern_counts()[static_cast<std::size_t>(p)]});
  }
  for (const auto& [label, n] : summary.other_labels()) counts.push_back({label, n});
  counts.push_back({"unclassified", summary.unclassified()});
  return counts;
}

// Okabe & Ito's colour-blind-safe palette, one colour per pattern; every bar is also labelled.
constexpr const char* kBarColours[] = {"#009E73", "#E69F00", "#56B4E9", "#CC79A7", "#999999"};

// The counts as horizontal bars (an inline SVG); its text alternative lists every count, and
// the table after it holds the same numbers.
std::string counts_chart(const std::vector<PatternCount>& counts, std::uint64_t total) {
  constexpr int kLabelWidth = 150, kBarWidth = 300, kRow = 30, kTop = 8;
  std::uint64_t largest = 1;
  for (const auto& c : counts) largest = std::max(largest, c.respondents);
  const int height = kTop * 2 + kRow * static_cast<int>(counts.size());
  std::string alternative;
  for (const auto& c : counts) {
    alternative += fmt::format("{}{}: {} ({})", alternative.empty() ? "" : "; ", c.name, count(c.respondents),
                               percent(c.respondents, total));
  }
  std::string out = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0}\" height=\"{1}\" viewBox=\"0 0 {0} {1}\" role=\"img\" "
      "aria-labelledby=\"counts-chart-title counts-chart-desc\">\n<title id=\"counts-chart-title\">Respondents per "
      "pattern</title>\n<desc id=\"counts-chart-desc\">{2}</desc>\n",
      kLabelWidth + kBarWidth + 130, height, escape(alternative));
  for (std::size_t i = 0; i < counts.size(); ++i) {
    const int y = kTop + kRow * static_cast<int>(i);
    const double width = static_cast<double>(kBarWidth) * static_cast<double>(counts[i].respondents) /
                         static_cast<double>(largest);
    out += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"end\" font-size=\"14\">{}</text>\n", kLabelWidth - 8,
                       y + 19, escape(counts[i].name));
    out += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{:.1f}\" height=\"{}\" fill=\"{}\" stroke=\"#222\" "
                       "stroke-width=\"0.8\"/>\n",
                       kLabelWidth, y + 4, width, kRow - 8, kBarColours[std::min<std::size_t>(i, 4)]);
    out += fmt::format("<text x=\"{:.1f}\" y=\"{}\" font-size=\"13\">{} ({})</text>\n", kLabelWidth + width + 6, y + 19,
                       count(counts[i].respondents), percent(counts[i].respondents, total));
  }
  return out + "</svg>\n";
}

// What categories can and cannot say, with its sources (only what they report).
constexpr const char* kCategoriesNote =
    "<div class=\"note\" id=\"categories-note\">\n<p>The four patterns are regions of the anxiety &#215; avoidance "
    "plane, not types. Taxometric analyses found that adult attachment varies by degree along these dimensions "
    "rather than falling into natural categories (Fraley &amp; Waller, 1998; Fraley, Hudson, Heffernan &amp; Segal, "
    "2015). The counts below say how many respondents fall on each side of the cut-offs in use: they change when "
    "the cut-offs move, and a respondent just below a cut-off differs little from one just above it. The two "
    "dimension scores carry what the patterns summarise; use them for analysis.</p>\n</div>\n";

constexpr const char* kReferences =
    "<h3>References</h3>\n<ul class=\"references\">\n"
    "<li>Fraley, R. C., &amp; Waller, N. G. (1998). Adult attachment patterns: A test of the typological model. In "
    "J. A. Simpson &amp; W. S. Rholes (Eds.), <i>Attachment theory and close relationships</i> (pp. 77&#8211;114). "
    "Guilford Press.</li>\n"
    "<li>Fraley, R. C., Hudson, N. W., Heffernan, M. E., &amp; Segal, N. (2015). Are adult attachment styles "
    "categorical or dimensional? A taxometric analysis of general and relationship-specific attachment orientations. "
    "<i>Journal of Personality and Social Psychology, 109</i>(2), 354&#8211;368.</li>\n</ul>\n";

}  // namespace

std::string patterns_section(const Instrument& instrument, const ReportResults& results, const ReportFigures& figures) {
  const ScoreSummary& summary = results.score.summary;
  std::string out = "<section id=\"patterns\">\n<h2>Attachment patterns</h2>\n";
  if (!summary.classified()) {
    return out + "<p>No respondent was classified (the run had no classification).</p>\n</section>\n";
  }
  out += kCategoriesNote;
  // ---- The plane (attune plot's SVG, from the plot library): inserted as it is, here. ----
  if (!figures.plane_svg.empty()) {
    out += "<figure id=\"plane\">\n" + figures.plane_svg +
           "<figcaption>Anxiety (horizontal) by avoidance (vertical), with the cut lines in use; the table of "
           "counts below holds the numbers of each region.</figcaption>\n</figure>\n";
  }
  const std::vector<PatternCount> counts = pattern_counts(summary);
  std::uint64_t total = 0;
  for (const auto& c : counts) total += c.respondents;
  out += "<figure id=\"counts-chart\">\n" + counts_chart(counts, total) +
         "<figcaption>Respondents per pattern; the same numbers are in the table below.</figcaption>\n</figure>\n";
  Table table{"pattern-counts", "Respondents per pattern", {"pattern", "respondents", "percent"}, {false, true, true}, {}};
  for (const auto& c : counts) table.rows.push_back({c.name, count(c.respondents), percent(c.respondents, total)});
  out += table.html();
  if (results.plane && results.plane->chart.borderline) {
    const std::uint64_t borderline = *results.plane->chart.borderline;
    out += fmt::format("<p id=\"borderline\">Borderline: <strong>{}</strong> respondents ({}) lie within one "
                       "standard error of measurement of a cut-off, where their pattern could change with "
                       "measurement error alone.</p>\n",
                       count(borderline), percent(borderline, total));
  } else if (results.plane) {
    out += "<p id=\"borderline-not-counted\">Borderline: not counted. Give the report --borderline to count the "
           "respondents within one standard error of measurement of a cut-off, whose pattern could change with "
           "measurement error alone.</p>\n";
  }
  // The plane's Pearson r of the two scores (as its corner shows), else analyze's scale correlation.
  std::optional<double> r;
  std::string over;
  if (results.plane && std::isfinite(results.plane->plane.correlation())) {
    r = results.plane->plane.correlation();
    over = fmt::format(" (Pearson, over the {} respondents with both scores)", count(results.plane->plane.n()));
  } else if ((r = dimension_correlation(instrument, results.analysis))) {
    over = " (between the scales, from the item covariances, as psych::scoreItems)";
  }
  if (r) {
    out += fmt::format("<p id=\"dimension-correlation\">Anxiety and avoidance correlate <strong>r = {}</strong>{} in "
                       "these data, so the regions do not hold independent shares: how many respondents fall in "
                       "each depends on where the cut lines sit.</p>\n",
                       number(*r, 2), over);
  }
  return out + kReferences + "</section>\n";
}

}  // namespace attune::report

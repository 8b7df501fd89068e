#include <doctest/doctest.h>

#include <string>

#include "attune/instrument/loader.h"
#include "attune/io/csv_reader.h"
#include "attune/report/html_report.h"
#include "attune/run/report_run.h"

using namespace attune;

namespace {

// Anxiety = mean(1, -2), avoidance = mean(3, 4) on 1..5 (midpoint 3: above it is high).
const char* kYaml = R"(id: rep
name: "Report <test> & Co"
version: "2"
citation: "Author, A. (2020). A test. Journal, 1, 1-2."
response: {min: 1, max: 5, integer: true, missing: ["NA"]}
items: {count: 4}
scales:
  anx: {keys: [1, -2]}
  avo: {keys: [3, 4]}
classification:
  dimensions: {anxiety: anx, avoidance: avo}
  default: midpoint
)";

// a secure, b preoccupied, c dismissing, d and e fearful, f unclassified (no anxiety score).
const char* kCsv = "id,Q1,Q2,Q3,Q4\n"
                   "a,1,5,1,1\n"
                   "b,5,1,1,2\n"
                   "c,1,5,5,4\n"
                   "d,5,1,5,5\n"
                   "e,4,3,4,5\n"
                   "f,NA,NA,5,5\n";

ReportResults run(const ReportOptions& options = {}) {
  Instrument instrument = load_instrument_text(kYaml, "rep.yaml");
  return run_report(instrument, [] { return CsvReader::from_string(kCsv, "d.csv"); }, options);
}

std::string html(const ReportResults& results, const ReportFigures& figures = {}) {
  Instrument instrument = load_instrument_text(kYaml, "rep.yaml");
  ReportProvenance provenance{"9.9.9", {"my data.csv"}, 0, "attune report -i rep.yaml 'my data.csv'"};
  StringSink sink;
  write_html_report(instrument, results, provenance, figures, sink);
  CHECK_FALSE(sink.committed());   // the caller commits
  return sink.text();
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("the report counts the patterns as the scoring run classifies them") {
  const ReportResults results = run();
  CHECK(results.score.rows == 6);
  const std::string page = html(results);
  CHECK(has(page, "<tr><th scope=\"row\">secure</th><td class=\"num\">1</td><td class=\"num\">16.7%</td></tr>"));
  CHECK(has(page, "<tr><th scope=\"row\">preoccupied</th><td class=\"num\">1</td><td class=\"num\">16.7%</td></tr>"));
  CHECK(has(page, "<tr><th scope=\"row\">dismissing</th><td class=\"num\">1</td><td class=\"num\">16.7%</td></tr>"));
  CHECK(has(page, "<tr><th scope=\"row\">fearful</th><td class=\"num\">2</td><td class=\"num\">33.3%</td></tr>"));
  CHECK(has(page, "<tr><th scope=\"row\">unclassified</th><td class=\"num\">1</td><td class=\"num\">16.7%</td></tr>"));
  // The chart's text alternative says the same.
  CHECK(has(page, "<desc id=\"counts-chart-desc\">secure: 1 (16.7%); preoccupied: 1 (16.7%); dismissing: 1 (16.7%); "
                  "fearful: 2 (33.3%); unclassified: 1 (16.7%)</desc>"));
  // One missing anxiety score of six; items 1 and 2 each miss one answer of six.
  CHECK(has(page, "<tr><th scope=\"row\">anx</th><td class=\"num\">5</td><td class=\"num\">1</td><td class=\"num\">16.7%</td></tr>"));
  CHECK(has(page, "<tr><th scope=\"row\">Q1</th><td>anx</td><td class=\"num\">16.7%</td></tr>"));
  CHECK_FALSE(has(page, "<th scope=\"row\">Q3</th><td>avo</td><td class=\"num\">"));
}

TEST_CASE("the report's alpha and correlation are the analysis run's") {
  const ReportResults results = run();
  REQUIRE(results.analysis.scales.size() == 2);
  const std::string page = html(results);
  char expected[160];
  std::snprintf(expected, sizeof expected, "<tr><th scope=\"row\">avo</th><td class=\"num\">2</td><td class=\"num\">%.3f</td>",
                results.analysis.scales[1].alpha.total.raw_alpha);
  CHECK(has(page, expected));
  auto r = dimension_correlation(load_instrument_text(kYaml, "rep.yaml"), results.analysis);
  REQUIRE(r);
  CHECK(*r == results.analysis.correlations->observed(0, 1));
  REQUIRE(results.plane);   // the report shows the plane's r, as the plane's corner does
  std::snprintf(expected, sizeof expected, "<strong>r = %.2f</strong> (Pearson, over the 5 respondents",
                results.plane->plane.correlation());
  CHECK(has(page, expected));
}

TEST_CASE("text from the definition and the command line is escaped") {
  const std::string page = html(run());
  CHECK(has(page, "Report &lt;test&gt; &amp; Co"));
  CHECK_FALSE(has(page, "<test>"));
  CHECK(has(page, "<code>attune report -i rep.yaml &#39;my data.csv&#39;</code>"));
  CHECK(has(page, "<code>my data.csv</code>"));
}

TEST_CASE("the page is self-contained: no script, no external resource, a language, headings in order") {
  const std::string page = html(run());
  CHECK(page.starts_with("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\""));
  CHECK_FALSE(has(page, "<script"));
  CHECK_FALSE(has(page, "src=\""));
  CHECK_FALSE(has(page, "<link"));
  CHECK_FALSE(has(page, "url("));
  CHECK(has(page, "@media print"));
  CHECK(page.find("<h1>") < page.find("<h2>"));
  CHECK(page.find("<h2>Attachment patterns</h2>") < page.find("<h3>References</h3>"));
  CHECK(has(page, "Fraley, R. C., Hudson, N. W., Heffernan, M. E., &amp; Segal, N. (2015)"));
  CHECK(has(page, "<time datetime=\"1970-01-01T00:00:00Z\">"));
}

TEST_CASE("the provenance names the version and the definition's SHA-256") {
  const std::string page = html(run());
  const Instrument instrument = load_instrument_text(kYaml, "rep.yaml");
  REQUIRE(instrument.sha256.size() == 64);
  CHECK(has(page, "<dt>Definition SHA-256</dt><dd><code>" + instrument.sha256 + "</code></dd>"));
  CHECK(has(page, "attune 9.9.9"));
  CHECK(has(page, "<dt>Respondents</dt><dd>6 rows read</dd>"));
}

TEST_CASE("the borderline count appears only when asked for, as score's flags column counts it") {
  const std::string unasked = html(run());
  CHECK_FALSE(has(unasked, "id=\"borderline\""));
  // Not asked for: the report says that it did not count them, and how to (never silent).
  CHECK(has(unasked, "<p id=\"borderline-not-counted\">Borderline: not counted"));
  CHECK(has(unasked, "--borderline"));
  ReportOptions options;
  options.score.borderline = true;
  options.score.reliability["all"] = 0.5;
  // score's own rows: the respondents whose flags column says borderline.
  StringSink rows;
  auto writer = make_writer(Format::csv, rows);
  auto source = CsvReader::from_string(kCsv, "d.csv");
  run_score(load_instrument_text(kYaml, "rep.yaml"), *source, *writer, options.score);
  std::size_t flagged = 0;
  for (std::size_t at = rows.text().find("borderline"); at != std::string::npos; at = rows.text().find("borderline", at + 1)) {
    ++flagged;
  }
  CHECK(flagged >= 1);   // e (anxiety 3.5) lies within one SEM of the anxiety cut-off at 3
  const ReportResults results = run(options);
  REQUIRE(results.plane);
  CHECK(has(html(results), "Borderline: <strong>" + std::to_string(flagged) + "</strong> respondents"));
}

TEST_CASE("quality flags are counted over the respondents read") {
  FlagJoin flags;
  flags.add("a", "longstring");
  flags.add("b", "");
  flags.add("d", "longstring;irv");
  flags.add("zz", "irv");   // not in the data
  ReportOptions options;
  options.score.flags = &flags;
  const ReportResults results = run(options);
  REQUIRE(results.quality);
  CHECK(results.quality->matched == 3);
  CHECK(results.quality->flagged == 2);
  CHECK(results.quality->by_flag.at("longstring") == 2);
  CHECK(results.quality->by_flag.at("irv") == 1);
  const std::string page = html(results);
  CHECK(has(page, "<strong>2</strong> of the 3 respondents found in the flags file are flagged (66.7%)"));
  CHECK(has(page, "<tr><th scope=\"row\">irv</th><td class=\"num\">1</td><td class=\"num\">33.3%</td></tr>"));
  CHECK(has(html(run()), "No screening was given"));
}

TEST_CASE("the plane from the plot library goes in its figure, as it is") {
  CHECK_FALSE(has(html(run()), "id=\"plane\""));
  CHECK(run().plane);   // the scoring pass collected it: the instrument has both dimensions
  ReportFigures figures;
  figures.plane_svg = "<svg xmlns=\"http://www.w3.org/2000/svg\"><title>plane</title></svg>\n";
  const std::string page = html(run(), figures);
  CHECK(has(page, "<figure id=\"plane\">\n<svg xmlns=\"http://www.w3.org/2000/svg\"><title>plane</title></svg>\n"));
}

TEST_CASE("dates are ISO 8601 in UTC") {
  CHECK(iso_utc(0) == "1970-01-01T00:00:00Z");
  CHECK(iso_utc(1765045233) == "2025-12-06T18:20:33Z");
}

#include "attune/report/html_report.h"

#include <ctime>

#include <fmt/format.h>

#include "report/html_sections.h"
#include "report/html_text.h"

namespace attune {

namespace {

using report::escape;

// Readable on screen and on paper: black text, thin rules, no background that printing drops;
// sections and figures kept whole on a page where they fit.
constexpr const char* kStyle = R"(
:root { color-scheme: light; }
body { font-family: system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; color: #111; background: #fff;
       max-width: 56rem; margin: 2rem auto; padding: 0 1.25rem; line-height: 1.45; }
h1 { font-size: 1.6rem; margin-bottom: 0.2rem; }
h2 { font-size: 1.25rem; border-bottom: 1px solid #999; padding-bottom: 0.15rem; margin-top: 2rem; }
h3 { font-size: 1.05rem; margin-bottom: 0.3rem; }
.subtitle { color: #333; margin-top: 0; }
table { border-collapse: collapse; margin: 0.6rem 0 1rem; font-size: 0.95rem; }
caption { text-align: left; font-weight: 600; padding-bottom: 0.3rem; }
th, td { border: 1px solid #888; padding: 0.2rem 0.55rem; text-align: left; vertical-align: top; }
thead th { background: #eee; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 1rem; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
code { font-family: "DejaVu Sans Mono", monospace; font-size: 0.9em; }
figure { margin: 1rem 0; }
figure svg { max-width: 100%; height: auto; }
figcaption { font-size: 0.9rem; color: #333; }
svg text { font-family: system-ui, "DejaVu Sans", sans-serif; }
.note { border-left: 3px solid #555; padding: 0.1rem 0 0.1rem 0.8rem; }
.references { font-size: 0.9rem; }
@media print {
  body { max-width: none; margin: 0; font-size: 10pt; }
  h2 { break-after: avoid; }
  figure, table, .note { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
)";

// The instrument: its name, id, version and citation, and the classification method in use.
std::string instrument_section(const Instrument& instrument, const ReportResults& results) {
  std::string out = "<section id=\"instrument\">\n<h2>Instrument</h2>\n<dl class=\"facts\">\n";
  out += fmt::format("<dt>Name</dt><dd>{}</dd>\n", escape(instrument.name.empty() ? instrument.id : instrument.name));
  out += fmt::format("<dt>Identifier</dt><dd><code>{}</code>{}</dd>\n", escape(instrument.id),
                     instrument.version.empty() ? "" : fmt::format(", version {}", escape(instrument.version)));
  out += fmt::format("<dt>Citation</dt><dd>{}</dd>\n",
                     instrument.citation.empty() ? "none given in the definition" : escape(instrument.citation.format()));
  out += fmt::format("<dt>Items</dt><dd>{} items, {} scales</dd>\n", instrument.items.size(), instrument.scales.size());
  const ScoreReport& score = results.score;
  if (!score.classifier_name.empty()) {
    std::string method = escape(score.classifier_name);
    for (const auto& [name, value] : score.classifier_parameters) method += fmt::format("; {} {}", escape(name), escape(value));
    out += fmt::format("<dt>Classification</dt><dd>{}</dd>\n", method);
    const MethodSpec* spec =
        instrument.classification ? instrument.classification->method(score.classifier_name) : nullptr;
    if (spec && !spec->citation.empty()) {
      out += fmt::format("<dt>Method's source</dt><dd>{}</dd>\n", escape(spec->citation.format()));
    }
  } else {
    out += "<dt>Classification</dt><dd>none</dd>\n";
  }
  return out + "</dl>\n</section>\n";
}

// Where the report came from and how to make it again.
std::string provenance_section(const Instrument& instrument, const ReportResults& results,
                               const ReportProvenance& provenance) {
  std::string out = "<section id=\"provenance\">\n<h2>Provenance</h2>\n<dl class=\"facts\">\n";
  out += fmt::format("<dt>Made by</dt><dd>attune {}</dd>\n", escape(provenance.attune_version));
  out += fmt::format("<dt>Definition</dt><dd><code>{}</code></dd>\n", escape(instrument.source));
  out += fmt::format("<dt>Definition SHA-256</dt><dd><code>{}</code></dd>\n", escape(instrument.sha256));
  std::string inputs;
  for (const auto& input : provenance.inputs) {
    inputs += fmt::format("{}<code>{}</code>", inputs.empty() ? "" : ", ",
                          input == "-" ? std::string("standard input") : escape(input));
  }
  out += fmt::format("<dt>Input</dt><dd>{}</dd>\n", inputs);
  out += fmt::format("<dt>Respondents</dt><dd>{} rows read</dd>\n", report::count(results.score.rows));
  out += fmt::format("<dt>Date</dt><dd><time datetime=\"{0}\">{0}</time></dd>\n", iso_utc(provenance.date));
  out += fmt::format("<dt>Command</dt><dd><code>{}</code></dd>\n", escape(provenance.command));
  return out + "</dl>\n</section>\n";
}

}  // namespace

std::string iso_utc(std::int64_t seconds) {
  std::time_t when = static_cast<std::time_t>(seconds);
  std::tm utc{};
  if (!gmtime_r(&when, &utc)) return "unknown";
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", utc.tm_year + 1900, utc.tm_mon + 1, utc.tm_mday,
                     utc.tm_hour, utc.tm_min, utc.tm_sec);
}

void write_html_report(const Instrument& instrument, const ReportResults& results, const ReportProvenance& provenance,
                       const ReportFigures& figures, OutputSink& sink) {
  const std::string title = instrument.name.empty() ? instrument.id : instrument.name;
  std::string out = "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\" xml:lang=\"en\">\n<head>\n";
  out += "<meta charset=\"utf-8\"/>\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n";
  out += fmt::format("<meta name=\"generator\" content=\"attune {}\"/>\n", escape(provenance.attune_version));
  out += fmt::format("<title>attune report: {}</title>\n<style>{}</style>\n</head>\n<body>\n", escape(title), kStyle);
  out += fmt::format("<header>\n<h1>Report: {}</h1>\n<p class=\"subtitle\">{} respondents, scored and analysed by "
                     "attune {} on {}</p>\n</header>\n<main>\n",
                     escape(title), report::count(results.score.rows), escape(provenance.attune_version),
                     iso_utc(provenance.date).substr(0, 10));
  sink.write(out);
  sink.write(instrument_section(instrument, results));
  sink.write(provenance_section(instrument, results, provenance));
  sink.write(report::patterns_section(instrument, results, figures));
  sink.write(report::reliability_section(results));
  sink.write(report::missing_section(results));
  sink.write(report::quality_section(results));
  sink.write("</main>\n</body>\n</html>\n");
}

}  // namespace attune

// The report as one self-contained HTML file: inline CSS and SVG, no script, no external font,
// image or link needed to view or print it. The document is also well-formed XML (XHTML5
// polyglot), so that XML tools check it. Every text from the data or the definition is escaped.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "attune/instrument/instrument.h"
#include "attune/io/output_sink.h"
#include "attune/run/report_run.h"

namespace attune {

// Where the report came from, for its provenance section.
struct ReportProvenance {
  std::string attune_version;
  std::vector<std::string> inputs;   // the input files as given ("-" standard input)
  std::int64_t date = 0;             // seconds since 1970 UTC (SOURCE_DATE_EPOCH when set)
  std::string command;               // the command line that makes the report again, shell-quoted
};

// Pictures drawn elsewhere, inserted as they are (each an <svg> element, or "" for none).
struct ReportFigures {
  // The anxiety x avoidance plane with the cut lines and the four regions, from the plot
  // library (attune plot); "" leaves its place empty.
  std::string plane_svg;
};

// Writes the report of `results` for `instrument` to `sink` (not committed).
void write_html_report(const Instrument& instrument, const ReportResults& results, const ReportProvenance& provenance,
                       const ReportFigures& figures, OutputSink& sink);

// The date `seconds` after 1970-01-01 UTC as ISO 8601 ("2026-12-06T18:20:33Z").
std::string iso_utc(std::int64_t seconds);

}  // namespace attune

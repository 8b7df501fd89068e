// The sections of the HTML report, each a function writing one <section>. Private to src/report/.
#pragma once

#include <string>

#include "attune/instrument/instrument.h"
#include "attune/report/html_report.h"
#include "attune/run/report_run.h"

namespace attune::report {

// The anxiety x avoidance patterns: the note on what categories can say, the plane, the counts
// (a bar chart and its table), the borderline count and the dimensions' correlation.
std::string patterns_section(const Instrument& instrument, const ReportResults& results, const ReportFigures& figures);

// Per-scale reliability (alpha, its Feldt interval; omega when analyze gives it) and the weak
// or possibly mis-keyed items analyze marks.
std::string reliability_section(const ReportResults& results);

// What is missing: records left out, invalid cells, each score's and each item's missing share.
std::string missing_section(const ReportResults& results);

// The quality flags joined by id (--quality), or how to get them.
std::string quality_section(const ReportResults& results);

}  // namespace attune::report

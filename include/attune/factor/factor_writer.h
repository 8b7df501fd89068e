// Writing a factor report: a text view laid out as print.psych prints psych::fa, a tidy table
// for scripts (csv/tsv: one row per statistic) and JSON; all three hold the same statistics
// under psych's names.
#pragma once

#include <string>
#include <vector>

#include "attune/io/output_sink.h"
#include "attune/io/record_writer.h"
#include "attune/run/factor_run.h"

namespace attune {

// The factors' names as psych gives them: MR1.. (minres), ML1.. (ml), PA1.. (pa), in the
// report's column order.
std::vector<std::string> factor_names(const FactorReport& report);

// print.psych's layout: loadings (items in fa.sort's order, cells below `cut` in absolute value
// blank) with h2, u2, com; the variance accounted for; Phi; the fit lines; then KMO, Bartlett's
// test and the item-to-scale check; then omega and the parallel analysis when run. `numbers`: --digits (default 2) and the decimal mark.
void write_factor_text(const FactorReport& report, OutputSink& sink, double cut, const NumberStyle& numbers = {});

// The tidy table: columns block, row, column, statistic, value (psych's names; blocks loadings,
// item (h2, u2, com, MSAi), Vaccounted, Phi, values (values, e.values), fit, KMO, bartlett,
// alignment, misfit, and with --omega omega, schmid, omega.gloading, omega.Phi, omega.group,
// with --parallel fa.parallel). The JSON holds the same numbers (factor-formats-agree checks it).
void write_factor_records(const FactorReport& report, RecordWriter& writer);

// Everything as one JSON object keyed by psych's names; `digits` >= 0 rounds (--digits).
void write_factor_json(const FactorReport& report, OutputSink& sink, int digits = -1);

}  // namespace attune

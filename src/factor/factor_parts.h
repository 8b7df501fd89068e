// Private to src/factor: the pieces the three forms of a factor report share.
#pragma once

#include <cmath>
#include <string>
#include <string_view>
#include <vector>

#include "attune/factor/factor_writer.h"
#include "attune/io/json_text.h"
#include "attune/io/number_style.h"
#include "io/report_numbers.h"

namespace attune {

// Writes rows of the five columns block, row, column, statistic, value.
class TidyRows {
 public:
  explicit TidyRows(RecordWriter& writer) : writer_(writer) {
    writer_.begin({{"block", false}, {"row", false}, {"column", false}, {"statistic", false}, {"value", true}});
  }
  // One row; an empty row or column is a missing cell.
  void row(std::string_view block, std::string_view row, std::string_view column, std::string_view statistic, double value) {
    const Cell cells[] = {Cell::of(block), row.empty() ? Cell::missing() : Cell::of(row),
                          column.empty() ? Cell::missing() : Cell::of(column), Cell::of(statistic), Cell::of(value)};
    writer_.write_row(cells);
  }

 private:
  RecordWriter& writer_;
};

// The Schmid-Leiman columns' names as psych gives them: g, F1*, ..., Fk*.
std::vector<std::string> omega_columns(const OmegaResult& omega);

// psych::omega's statistics as print.psych shows them (a block of the text view).
std::string omega_text(const FactorReport& report, const OmegaResult& omega, int digits, char decimal);

// The rows of blocks omega, schmid and omega.group.
void omega_records(const FactorReport& report, const OmegaResult& omega, TidyRows& out);

// psych::fa.parallel's values as text, as tidy rows (block fa.parallel) and as a JSON object.
std::string parallel_text(const ParallelAnalysis& parallel, const ParallelAnalysisOptions& options, int digits, char decimal);
void parallel_records(const ParallelAnalysis& parallel, TidyRows& out);
std::string parallel_json(const ParallelAnalysis& parallel, const JsonNumbers& num);

}  // namespace attune

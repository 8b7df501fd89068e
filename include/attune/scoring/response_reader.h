// Reading respondents: binds a source's header to an instrument, then yields each row's
// ids, kept columns and parsed item values. The one reading path of score, analyze and
// quality.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "attune/instrument/instrument.h"
#include "attune/io/record_source.h"
#include "attune/scoring/cell_parser.h"
#include "attune/scoring/columns.h"

namespace attune {

// How to read responses: column names, missing codes, response range, invalid cells.
struct ResponseOptions {
  ColumnOptions columns;
  std::vector<std::string> missing_codes;               // --missing, added to the instrument's
  std::optional<std::pair<double, double>> range;       // --range MIN:MAX
  InvalidPolicy invalid = InvalidPolicy::error;          // --invalid
  char decimal_mark = '.';                               // --decimal
};

// The response scale a run uses: the instrument's, or the --range one (labels dropped then).
ResponseScale effective_scale(const Instrument& instrument, const ResponseOptions& options);

// One respondent. Views and spans are valid until the next call to next().
struct ResponseRow {
  std::uint64_t number = 0;                  // 1-based data row
  std::vector<std::string_view> texts;       // id cells, then kept cells
  std::vector<double> items;                 // one per instrument item, NaN = missing
};

class ResponseReader {
 public:
  // Reads and binds the header. Throws a data Error for an empty source or missing columns.
  ResponseReader(const Instrument& instrument, RecordSource& source, const ResponseOptions& options);

  // Reads the next respondent; false at the end. Throws a data Error (file:line:col) for a
  // ragged row or, unless --invalid missing, an invalid cell.
  bool next(ResponseRow& row);

  const ColumnBinding& binding() const { return binding_; }
  const std::vector<std::string>& header() const { return header_; }
  const ResponseScale& scale() const { return parser_.scale(); }
  RecordSource& source() { return source_; }
  // Cells --invalid missing turned into missing, in all and per column.
  std::uint64_t invalid_cells() const { return invalid_cells_; }
  // One line describing the invalid cells (counts per column and the first), or "".
  std::string invalid_cells_summary() const;

 private:
  RecordSource& source_;
  InvalidPolicy invalid_;
  CellParser parser_;
  Record record_;
  std::vector<std::string> header_;
  ColumnBinding binding_;
  std::uint64_t rows_ = 0, invalid_cells_ = 0;
  std::map<std::string, std::uint64_t> invalid_by_column_;
  std::string first_invalid_;
};

}  // namespace attune

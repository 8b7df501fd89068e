// One `attune quality` run: read every respondent (items, attention-check cells, completion
// times) through the shared response reader, accumulating the sample statistics, then compute
// and write one row per respondent in input order. A source that can start again
// (RecordSource::rewind: a file) is read twice and nothing is held per respondent; any other
// (a pipe) holds every respondent's answers.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "attune/instrument/instrument.h"
#include "attune/io/record_source.h"
#include "attune/io/record_writer.h"
#include "attune/quality/flags.h"
#include "attune/quality/screen.h"
#include "attune/responses/response_reader.h"

namespace attune {

// The order longstring follows: the items' columns in the file (what the respondent saw, when
// the export keeps the order of presentation), or the instrument's item numbers.
enum class ItemOrder { columns, instrument };

// How to read the responses (every input option, as score reads them) and what to flag.
struct QualityOptions : ResponseOptions {
  QualityThresholds thresholds;
  std::optional<std::string> duration_column;   // --duration COL
  ItemOrder longstring_order = ItemOrder::columns;   // --order
  // --threads for the second pass: rows are read, screened and written in batches on this many
  // worker threads (0, the default: one per core for delimited text, none for SPSS/Stata/SAS,
  // whose decoding is the work, as score); 1 works on the calling thread. Same bytes whatever.
  unsigned threads = 0;
  // Told the bytes read of the total (0: unknown) every 65,536 rows, for a progress bar; may be empty.
  std::function<void(std::uint64_t done, std::uint64_t total)> progress;
  // Told once, before the first row, when the source cannot be read twice and every respondent's
  // answers are held; may be empty.
  std::function<void()> holding_rows;
};

struct QualityPass;   // what reading a row takes, kept for the second pass (in the .cpp)

// A screened sample: the report, and what the rows need (ids, kept cells, columns).
struct QualityRun {
  Instrument instrument;                 // the definition bound to the header's columns
  QualityReport report;   // the sample's; no respondents (each row is written as it is screened),
                          // its summary counted as the rows are written
  std::uint64_t respondents = 0;         // rows screened (empty records left out)
  bool held = false;                     // the source could not start again: the rows below are held
  QualityInput held_input;               // held: every respondent's answers, check values, durations
  std::vector<std::string> id_names, keep_names;
  bool row_ids = false;                  // no id column: ids are row numbers
  std::vector<std::uint64_t> row_numbers;   // held: each respondent's data row (empty records left out)
  std::string texts;                     // held: every row's id and kept cells, end to end
  std::vector<std::size_t> text_ends;    // held: where each cell ends in `texts`
  std::size_t texts_per_row = 0;         // id cells, then kept cells
  bool checks = false, durations = false;
  bool columns_out_of_item_order = false;   // the file's item columns are not in item-number order
  std::uint64_t invalid_cells = 0;       // cells --invalid missing turned into missing
  std::string invalid_cells_summary;
  std::string range_warning;   // the answers never reached an end of the declared scale, or ""
  std::string empty_records;   // the records left out as every cell empty, or ""
  std::shared_ptr<QualityPass> pass;
};

// The first pass: reads `source` (its first record is the header), checking every row, and
// accumulates the sample statistics. Throws Errors for bad input (file:line:column), so all of
// them come before anything is written.
QualityRun screen_responses(const Instrument& definition, RecordSource& source, const QualityOptions& options);

// The second pass: writes one row per respondent onto `writer` (ids, kept columns, the indices,
// `flags`), reading `source` again from its first record unless the run holds the rows; counts
// run.report.summary. Uses options.threads and options.progress. Throws an io Error if the
// source cannot start again or yields other rows.
void write_quality_rows(QualityRun& run, RecordSource& source, RecordWriter& writer, const QualityOptions& options);

}  // namespace attune

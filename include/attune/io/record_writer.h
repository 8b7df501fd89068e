// Writing tables of records as table, csv, tsv, json or jsonl. One writer serves every
// subcommand; only the table format holds rows (to align columns).
#pragma once

#include <cmath>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "attune/io/number_style.h"
#include "attune/io/output_sink.h"

namespace attune {

// sav and dta are SPSS and Stata data files (binary; they hold every row until finish()).
enum class Format { table, csv, tsv, json, jsonl, sav, dta };

// "table" | "csv" | "tsv" | "json" | "jsonl" | "sav" | "dta"; nullopt otherwise.
std::optional<Format> parse_format(std::string_view text);
std::string_view format_name(Format format);

// Whether `format` writes bytes that are not text (never to be shown on a terminal).
bool is_binary(Format format);

// A code of a labelled column and what it means (1 "secure").
struct ValueLabel {
  double code = 0;
  std::string label;
};

// A column of output and whether its cells are numbers (right-aligned, unquoted in JSON).
struct Column {
  Column() = default;
  Column(std::string name_, bool numeric_ = false, int decimals_ = -1, std::string label_ = {},
         std::vector<ValueLabel> value_labels_ = {})
      : name(std::move(name_)), numeric(numeric_), decimals(decimals_), label(std::move(label_)),
        value_labels(std::move(value_labels_)) {}

  std::string name;
  bool numeric = false;
  int decimals = -1;   // the table's decimals for this column; -1: WriterOptions::table_decimals
  std::string label;   // what the column holds ("Attachment anxiety"); SPSS/Stata variable label
  // A text column whose texts are these labels: SPSS/Stata store it as the labelled code.
  std::vector<ValueLabel> value_labels;
};

// One output cell: missing, a number, or text (a view valid during write_row()).
struct Cell {
  enum class Kind : std::uint8_t { missing, number, text };
  Kind kind = Kind::missing;
  double number = 0;
  std::string_view text;

  static Cell missing() { return {}; }
  // A number cell; NaN becomes missing. (Inline: rows are filled a cell at a time, and a
  // returned Cell read back from the stack stalls the copy.)
  static Cell of(double value) {
    Cell c;
    if (!std::isnan(value)) {
      c.kind = Kind::number;
      c.number = value;
    }
    return c;
  }
  static Cell of(std::string_view value) {
    Cell c;
    c.kind = Kind::text;
    c.text = value;
    return c;
  }
};

struct WriterOptions {
  int table_decimals = 2;   // the table rounds; csv/json print shortest round-trip numbers
  bool safe_csv = false;    // csv/tsv: prefix text cells and headers starting with = + - @ (or tab, CR) with ', numbers excepted
  NumberStyle numbers;      // --digits and the decimal mark (csv, tsv, table; json takes digits only)
  char delimiter = 0;       // csv: the field delimiter; 0: ','
  bool for_terminal = false;   // csv/tsv shown on a terminal: control characters escaped (\x1B), as a table shows them
};

// Formats rows into bytes without writing them, so that other threads can format rows ahead
// of the writer. Const, hence safe to share between threads.
class RowFormatter {
 public:
  virtual ~RowFormatter() = default;
  // Appends the row whose 0-based index in the output is `index` to `out`, byte for byte as
  // the writer's write_row() would write it.
  virtual void format_row(std::string& out, std::span<const Cell> cells, std::uint64_t index) const = 0;
};

class RecordWriter {
 public:
  virtual ~RecordWriter() = default;
  // Declares the columns; called once before any row.
  virtual void begin(const std::vector<Column>& columns) = 0;
  // Writes one row, one cell per column.
  virtual void write_row(std::span<const Cell> cells) = 0;
  // Writes whatever is held and flushes to the sink (does not commit it).
  virtual void finish() = 0;
  // The formatter of this writer's rows (valid after begin()), or nullptr when the format must
  // see every row itself (the table aligns its columns over all rows).
  virtual const RowFormatter* row_formatter() const { return nullptr; }
  // Writes `rows` rows that row_formatter() formatted into `bytes`, the next in the output.
  virtual void write_formatted(std::string_view /*bytes*/, std::uint64_t /*rows*/) {}
  // What the writer changed to fit its format (a column renamed for SPSS or Stata), one
  // sentence each, for the caller to report; valid after finish().
  virtual std::vector<std::string> notes() const { return {}; }
};

// A writer of `format` onto `sink`.
std::unique_ptr<RecordWriter> make_writer(Format format, OutputSink& sink,
                                          WriterOptions options = {});

// Appends `value` in shortest round-trip form ("4", "3.5", "0.1"); nothing for NaN.
void append_number(std::string& out, double value);

// Room write_number() needs at `out`: it may write this many bytes past its result.
inline constexpr std::size_t kNumberRoom = 32;
// Writes `value` as append_number() does at `out` (kNumberRoom bytes writable); returns the end.
char* write_number(char* out, double value);

}  // namespace attune

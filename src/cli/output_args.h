// The output options, declared once for every command that writes (score, analyze, quality):
// where (-o), in what format (-f), and how numbers and fields look (--digits,
// --output-decimal, --output-delim, --safe-csv). The command layer only: it checks what the
// user typed against the format and turns it into the library's WriterOptions.
#pragma once

#include <memory>
#include <string>

#include <CLI/CLI.hpp>

#include "attune/io/output_sink.h"
#include "attune/io/record_writer.h"

namespace attune::cli {

// The output options as typed.
struct OutputOptions {
  std::string output = "-";
  std::string format;
  bool safe_csv = false;
  std::string digits;           // --digits N ("" not given)
  std::string decimal;          // --output-decimal . | , ("" not given)
  std::string delimiter;        // --output-delim , | ; | tab ("" not given)
};

// What a command's output can do with the number and field options: commands that write
// scores and statistics (score, analyze, quality) take --digits, --output-decimal and
// --output-delim; the others (listings of definitions) take -o, -f and --safe-csv only.
struct OutputUse {
  bool numbers = false;
};

// Adds -o, -f and --safe-csv to `command`, and --digits, --output-decimal and --output-delim
// when `use.numbers`.
void add_output_options(CLI::App& command, OutputOptions& options, const OutputUse& use = {});

// The format to write: -f, else from -o's extension (.sav, .dta included), else csv when
// --output-delim asks for a delimiter, else table on a terminal and csv otherwise. Throws a
// usage Error for an unknown format or extension.
Format resolve_format(const OutputOptions& options);

// The writer options the output options ask for in `format`. Throws a usage Error naming the
// option when one cannot apply to the format, or when the file could not be read back
// (decimal comma with comma delimiter), or when a binary format would reach a terminal.
WriterOptions writer_options(const OutputOptions& options, Format format);

// The writer options for the resolved format (as above).
WriterOptions writer_options(const OutputOptions& options);

// Opens -o (atomically written file, or stdout) and a writer of the resolved format.
struct Output {
  std::unique_ptr<OutputSink> sink;
  std::unique_ptr<RecordWriter> writer;
};
Output open_records_output(const OutputOptions& options, WriterOptions writer_options = {});

}  // namespace attune::cli

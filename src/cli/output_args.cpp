#include "output_args.h"

#include <cctype>
#include <charconv>
#include <filesystem>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include "attune/util/error.h"
#include "attune/util/text.h"
#include "common.h"
#include "option_checks.h"

namespace attune::cli {

namespace {

constexpr const char* kGroup = "Output options (shared by score, analyze, quality)";

// --output-delim's value as a byte (0: not given).
char parse_output_delimiter(const std::string& text) {
  if (text.empty()) return 0;
  if (text == "," || text == "comma") return ',';
  if (text == ";" || text == "semicolon") return ';';
  if (text == "\t" || text == "\\t" || text == "tab") return '\t';
  throw usage_error(fmt::format("--output-delim {}: use ',', ';' or tab", show_text(text)));
}

// --digits' value (-1: not given).
int parse_digits(const std::string& text) {
  if (text.empty()) return -1;
  int digits = -1;
  const auto [end, failure] = std::from_chars(text.data(), text.data() + text.size(), digits);
  if (failure != std::errc() || end != text.data() + text.size() || digits < 0 || digits > kMaxDigits) {
    throw usage_error(fmt::format("--digits {}: give a whole number of decimals from 0 to {}", show_text(text), kMaxDigits));
  }
  return digits;
}

// Whether -o names a terminal: standard output on one, or a path to a terminal device.
bool output_is_terminal(const std::string& output) {
  if (output == "-") return stdout_is_tty();
  struct stat status {};
  if (::stat(output.c_str(), &status) != 0 || !S_ISCHR(status.st_mode)) return false;
  const int fd = ::open(output.c_str(), O_WRONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) return false;
  const bool terminal = ::isatty(fd) == 1;
  ::close(fd);
  return terminal;
}

Format format_of(const OutputOptions& options) {
  if (!options.format.empty()) {
    if (auto format = parse_format(options.format)) return *format;
    throw usage_error(fmt::format("unknown format '{}'", options.format), "use table, csv, tsv, json, jsonl, sav or dta");
  }
  if (options.output != "-") {
    std::string ext = std::filesystem::path(options.output).extension().string();
    for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (ext == ".tsv" || ext == ".tab") return Format::tsv;
    if (ext == ".json") return Format::json;
    if (ext == ".jsonl" || ext == ".ndjson") return Format::jsonl;
    if (ext == ".txt") return Format::table;
    if (ext == ".sav") return Format::sav;
    if (ext == ".dta") return Format::dta;
    if (ext.empty() || ext == ".csv") return Format::csv;
    // An .xlsx or .md written as CSV would open as garbage or not at all: say what can be written.
    throw usage_error(fmt::format("-o {}: attune does not write {} files", show_text(options.output), ext),
                      "it writes .csv, .tsv, .tab, .json, .jsonl, .ndjson, .txt, .sav and .dta; rename the file, or give "
                      "-f csv, tsv, json, jsonl or table to write that format under this name");
  }
  if (!options.delimiter.empty()) return Format::csv;   // a delimiter asks for delimited text
  return stdout_is_tty() ? Format::table : Format::csv;
}

}  // namespace

void add_output_options(CLI::App& command, OutputOptions& options, const OutputUse& use) {
  command.add_option("-o,--output", options.output, "Write to FILE (atomically) instead of standard output")
      ->option_text("FILE");
  command.add_option("-f,--format", options.format,
                     "Output format: table, csv, tsv, json, jsonl, sav (SPSS), dta (Stata) (default: from -o's "
                     "extension, else table on a terminal and csv otherwise)")
      ->option_text("FORMAT")
      ->check(not_empty("an output format (table, csv, tsv, json, jsonl, sav, dta)"));
  command.add_flag("--safe-csv", options.safe_csv,
                   "CSV/TSV: prefix text cells and headers starting with = + - @ (not numbers) with ' so spreadsheets do not run them");
  if (!use.numbers) return;
  command.add_option("--digits", options.digits,
                     "Decimals of every number: csv/tsv/json/sav/dta round to N (default: the shortest exact text); "
                     "tables show N (default 2); whole numbers show none")
      ->option_text("N")
      ->check(not_empty(fmt::format("a whole number of decimals from 0 to {}", kMaxDigits)))
      ->group(kGroup);
  command.add_option("--output-decimal", options.decimal,
                     "Decimal mark of numbers in csv, tsv and tables: '.' (default) or ',' (with --output-delim ';' for "
                     "a German Excel)")
      ->option_text(".|,")
      ->check(not_empty("a decimal mark ('.' or ',')"))
      ->group(kGroup);
  command.add_option("--output-delim", options.delimiter, "CSV field delimiter: ',' (default), ';' or tab")
      ->option_text(",|;|tab")
      ->check(not_empty("a delimiter (',', ';' or tab)"))
      ->group(kGroup);
  for (const char* name : {"-o", "-f", "--safe-csv"}) command.get_option(name)->group(kGroup);
}

Format resolve_format(const OutputOptions& options) {
  Format format = format_of(options);
  if (is_binary(format) && output_is_terminal(options.output)) {
    throw usage_error(fmt::format("refusing to write {} data to a terminal", format_name(format)),
                      fmt::format("give -o FILE.{}, or redirect standard output to a file or pipe", format_name(format)));
  }
  return format;
}

WriterOptions writer_options(const OutputOptions& options, Format format) {
  WriterOptions writer;
  writer.safe_csv = options.safe_csv;
  writer.numbers.digits = parse_digits(options.digits);
  if (!options.decimal.empty() && options.decimal != "." && options.decimal != ",") {
    throw usage_error(fmt::format("--output-decimal {}: use '.' or ','", show_text(options.decimal)));
  }
  const bool comma = options.decimal == ",";
  writer.delimiter = parse_output_delimiter(options.delimiter);
  writer.for_terminal = (format == Format::csv || format == Format::tsv) && output_is_terminal(options.output);
  const std::string_view name = format_name(format);
  if (writer.delimiter && format != Format::csv) {
    throw usage_error(fmt::format("--output-delim goes with csv; {} output has {}", name,
                                  format == Format::tsv ? "tabs between fields always" : "no field delimiter"),
                      "give -f csv, or leave --output-delim out");
  }
  if (comma && (format == Format::json || format == Format::jsonl)) {
    throw usage_error("--output-decimal ,: JSON numbers take a decimal point", "leave --output-decimal out for json");
  }
  if (comma && is_binary(format)) {
    throw usage_error(fmt::format("--output-decimal ,: a .{} file stores numbers, not their text; SPSS and Stata "
                                  "show them with the reader's decimal mark", name),
                      "leave --output-decimal out");
  }
  if (comma && format == Format::csv && (writer.delimiter == 0 || writer.delimiter == ',')) {
    throw usage_error("--output-decimal , with the delimiter ',' cannot be read back: 3,5 would be two fields",
                      "add --output-delim ';', as a German Excel reads and writes, or give -f tsv");
  }
  if (comma) writer.numbers.decimal = ',';
  return writer;
}

WriterOptions writer_options(const OutputOptions& options) { return writer_options(options, resolve_format(options)); }

Output open_records_output(const OutputOptions& options, WriterOptions writer_options_given) {
  Format format = resolve_format(options);
  WriterOptions writer = writer_options(options, format);
  writer.safe_csv = writer.safe_csv || writer_options_given.safe_csv;
  Output out;
  out.sink = open_output(options.output);
  out.writer = make_writer(format, *out.sink, writer);
  return out;
}

}  // namespace attune::cli

#include "common.h"

#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include <unistd.h>

#include <fmt/format.h>

#include "attune/instrument/loader.h"
#include "attune/instrument/registry.h"
#include "attune/util/error.h"
#include "attune/util/text.h"

namespace attune::cli {

void add_output_options(CLI::App& command, OutputOptions& options) {
  command.add_option("-o,--output", options.output, "Write to FILE (atomically) instead of standard output")
      ->option_text("FILE");
  command.add_option("-f,--format", options.format,
                     "Output format: table, csv, tsv, json, jsonl (default: table on a terminal, else csv)")
      ->option_text("FORMAT");
}

Format resolve_format(const OutputOptions& options) {
  if (!options.format.empty()) {
    if (auto format = parse_format(options.format)) return *format;
    throw usage_error(fmt::format("unknown format '{}'", options.format), "use table, csv, tsv, json or jsonl");
  }
  if (options.output != "-") {
    std::string ext = std::filesystem::path(options.output).extension().string();
    for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (ext == ".tsv" || ext == ".tab") return Format::tsv;
    if (ext == ".json") return Format::json;
    if (ext == ".jsonl" || ext == ".ndjson") return Format::jsonl;
    if (ext == ".txt") return Format::table;
    if (ext.empty() || ext == ".csv") return Format::csv;
    // An .xlsx or .md written as CSV would open as garbage or not at all: say what can be written.
    throw usage_error(fmt::format("-o {}: attune does not write {} files", show_text(options.output), ext),
                      "it writes .csv, .tsv, .tab, .json, .jsonl, .ndjson and .txt; rename the file, or give "
                      "-f csv, tsv, json, jsonl or table to write that format under this name");
  }
  return stdout_is_tty() ? Format::table : Format::csv;
}

Output open_records_output(const OutputOptions& options, WriterOptions writer_options) {
  Format format = resolve_format(options);
  Output out;
  out.sink = open_output(options.output);
  out.writer = make_writer(format, *out.sink, writer_options);
  return out;
}

bool stdin_is_tty() { return ::isatty(0) == 1; }
bool stdout_is_tty() { return ::isatty(1) == 1; }
bool stderr_is_tty() { return ::isatty(2) == 1; }

static bool colour_on_stderr() {
  const char* no_colour = std::getenv("NO_COLOR");
  const char* term = std::getenv("TERM");
  return stderr_is_tty() && !(no_colour && *no_colour) && !(term && std::string_view(term) == "dumb");
}

static void say(const char* colour, const char* kind, const std::string& message) {
  if (colour_on_stderr()) {
    fmt::print(stderr, "attune: \x1b[{}m{}:\x1b[0m {}\n", colour, kind, message);
  } else {
    fmt::print(stderr, "attune: {}: {}\n", kind, message);
  }
}

void warn(const std::string& message) { say("1;33", "warning", message); }
void note(const std::string& message) { say("1;36", "note", message); }
void error(const std::string& message) { say("1;31", "error", message); }

void add_instrument_path_option(CLI::App& command, std::vector<std::string>& dirs) {
  command.add_option("--instrument-path", dirs,
                     "Also look for instrument definitions in DIR (repeatable; before $ATTUNE_INSTRUMENT_PATH)")
      ->allow_extra_args(false)
      ->option_text("DIR");
}

Instrument load_named_instrument(const std::string& name, const std::vector<std::string>& dirs) {
  return load_instrument_file(resolve_instrument(name, instrument_search_path(dirs)));
}

std::vector<std::string> missing_codes(const std::vector<std::string>& lists) {
  std::vector<std::string> codes;
  for (const auto& list : lists) {
    for (auto& code : split(list, ',')) codes.push_back(std::move(code));
  }
  return codes;
}

std::string examples(const std::vector<std::string>& lines) {
  std::string text = "\nExamples:\n";
  for (const auto& line : lines) text += line.empty() ? "\n" : "  " + line + "\n";
  return text;
}

}  // namespace attune::cli

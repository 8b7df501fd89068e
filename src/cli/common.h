// Plumbing every subcommand shares: output options, format choice, terminal detection,
// messages on stderr, instrument lookup. The command layer only; the library never prints.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "attune/instrument/instrument.h"
#include "attune/io/output_sink.h"
#include "attune/io/record_writer.h"
#include "output_args.h"

namespace attune::cli {

// Exit codes: 0 ok, 1 data or definition error, 2 usage error.
inline constexpr int kExitOk = 0;
inline constexpr int kExitDataError = 1;
inline constexpr int kExitUsage = 2;

// A subcommand's body, run after parsing when that subcommand was chosen.
using Command = std::function<int()>;

// Refuses (a usage Error) an output that is the same file as an input, before anything is
// read: `files` are input paths ("-" standard input, "" none), `instruments` ids or definition
// files found along `instrument_path`, `keyed_files` values of [ID=]FILE options (--map). The
// output is -o, or standard output when "-".
void refuse_output_over_inputs(const OutputOptions& output, const std::vector<std::string>& files,
                               const std::vector<std::string>& instruments = {},
                               const std::vector<std::string>& instrument_path = {},
                               const std::vector<std::string>& keyed_files = {}, const std::string& option = "-o");

// Whether standard input/output/error is a terminal.
bool stdin_is_tty();
bool stdout_is_tty();
bool stderr_is_tty();
// Whether to colour standard output: a terminal, NO_COLOR unset (or empty), TERM not dumb.
bool colour_on_stdout();

// "attune: warning: ..." on stderr (coloured on a terminal unless NO_COLOR is set).
void warn(const std::string& message);
// "attune: note: ..." on stderr.
void note(const std::string& message);
// "attune: error: ..." on stderr.
void error(const std::string& message);
// Writes `text` to stderr as it is; a failed write is dropped. Never throws.
void write_stderr(std::string_view text) noexcept;

// --instrument-path, added to `command`; the search path built from it.
void add_instrument_path_option(CLI::App& command, std::vector<std::string>& dirs);

// Loads an instrument by id (along the search path) or by file path.
Instrument load_named_instrument(const std::string& name, const std::vector<std::string>& dirs);

// The codes of every --missing option, each a comma-separated list ("0,-99,NA").
std::vector<std::string> missing_codes(const std::vector<std::string>& lists);

// Keeps the arguments the program was started with (after "attune"), for command_line().
void remember_command_line(const std::vector<std::string>& arguments);
// "attune" and the arguments remembered: the command that ran (for a report's provenance).
std::vector<std::string> command_line();

// The text shown under a command's --help: its examples.
std::string examples(const std::vector<std::string>& lines);

}  // namespace attune::cli

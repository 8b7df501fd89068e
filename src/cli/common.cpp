#include "common.h"

#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include <unistd.h>

#include <fmt/format.h>

#include "attune/instrument/loader.h"
#include "attune/instrument/registry.h"
#include "attune/io/same_file.h"
#include "attune/util/error.h"
#include "attune/util/text.h"

namespace attune::cli {

void refuse_output_over_inputs(const OutputOptions& output, const std::vector<std::string>& files,
                               const std::vector<std::string>& instruments,
                               const std::vector<std::string>& instrument_path,
                               const std::vector<std::string>& keyed_files, const std::string& option) {
  std::vector<std::string> inputs = files;
  for (const auto& value : keyed_files) {   // [ID=]FILE, as --map reads it
    const auto at = value.find('=');
    inputs.push_back(at == std::string::npos ? value : value.substr(at + 1));
  }
  if (!instruments.empty()) {
    const auto search_path = instrument_search_path(instrument_path);
    for (const auto& name : instruments) {
      try {
        inputs.push_back(resolve_instrument(name, search_path));
      } catch (const Error&) {
        inputs.push_back(name);   // not found: loading it says so
      }
    }
  }
  attune::refuse_output_over_inputs(output.output, inputs, option);
}

bool stdin_is_tty() { return ::isatty(0) == 1; }
bool stdout_is_tty() { return ::isatty(1) == 1; }
bool stderr_is_tty() { return ::isatty(2) == 1; }

// Colour on a terminal, unless NO_COLOR is set (no-color.org) or TERM is dumb.
static bool colour_on(bool terminal) {
  const char* no_colour = std::getenv("NO_COLOR");
  const char* term = std::getenv("TERM");
  return terminal && !(no_colour && *no_colour) && !(term && std::string_view(term) == "dumb");
}

static bool colour_on_stderr() { return colour_on(stderr_is_tty()); }

bool colour_on_stdout() { return colour_on(stdout_is_tty()); }

// Writes a message to stderr; one that cannot be written (stderr closed, full, or a pipe
// without a reader) is dropped: the exit code, not stderr, says whether the data was written.
// Controls in the message are shown escaped (a name from the data may hold ESC).
static void say(const char* colour, const char* kind, const std::string& message) {
  const std::string shown = escape_controls(message, true);
  const std::string line = colour_on_stderr() ? fmt::format("attune: \x1b[{}m{}:\x1b[0m {}\n", colour, kind, shown)
                                              : fmt::format("attune: {}: {}\n", kind, shown);
  write_stderr(line);
}

void write_stderr(std::string_view text) noexcept {
  while (!text.empty()) {
    const ssize_t n = ::write(2, text.data(), text.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    text.remove_prefix(static_cast<std::size_t>(n));
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

static std::vector<std::string>& remembered_arguments() {
  static std::vector<std::string> arguments;
  return arguments;
}

void remember_command_line(const std::vector<std::string>& arguments) { remembered_arguments() = arguments; }

std::vector<std::string> command_line() {
  std::vector<std::string> words{"attune"};
  words.insert(words.end(), remembered_arguments().begin(), remembered_arguments().end());
  return words;
}

}  // namespace attune::cli

// The input options, declared once for every command that reads responses (score, analyze,
// quality): the file, the instrument(s), how columns are found, how cells are read. A command
// that cannot use one of them says why in one sentence instead of CLI11's "not expected".
// The command layer only: it turns what the user typed into the library's ResponseOptions.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <CLI/CLI.hpp>

#include "attune/instrument/instrument.h"
#include "attune/io/record_source.h"
#include "attune/responses/flag_join.h"
#include "attune/responses/response_reader.h"
#include "common.h"

namespace attune::cli {

// What a command does with the shared input options: whether -i repeats, and each option it
// refuses (the option's long name, e.g. "--keep") with the one sentence that says why.
struct InputUse {
  bool several_instruments = false;
  std::vector<std::pair<std::string, std::string>> refused;
};

// The input options as typed.
struct InputArgs {
  std::vector<std::string> inputs;              // the files, read in order as one ("-" standard input; none: "-")
  std::string source_column;                    // --source-column NAME
  std::vector<std::string> instruments;         // -i (repeatable where several_instruments)
  std::vector<std::string> instrument_path;     // --instrument-path
  std::string keys;                             // --keys FILE: a psych-style keys list instead of -i
  std::vector<std::string> ids, keeps;          // --id, --keep (each a comma-separated list)
  std::vector<std::string> columns, map_files;  // --columns [ID=]PATTERN, --map [ID=]FILE
  std::vector<std::string> missing;             // --missing
  std::string na = "NA";                        // --na: the codes missing by default
  std::string range, invalid = "error", decimal = ".", delimiter, input_format = "auto";
  std::string encoding = "utf-8";               // --encoding
  bool qualtrics = false, keep_all = false;     // --qualtrics, --keep-all
  bool keep_empty = false;                      // --keep-empty
  std::string exclude_flagged;                  // --exclude-flagged FILE
  // Set by add_input_options: the refused options and why.
  std::vector<std::pair<CLI::Option*, std::string>> refused;
  bool several_instruments = false;
};

// Adds the input options to `command` (refused ones hidden from --help, answered with their
// sentence when given).
void add_input_options(CLI::App& command, InputArgs& args, const InputUse& use = {});

// Throws a usage Error when the input is a terminal, a refused option was given, or -i was
// given twice to a command that reads one instrument (`command` names the command).
void check_input_use(const InputArgs& args, const std::string& command);

// Throws a usage Error when -o is the same file as any input the options name (the data,
// definitions, --map, --exclude-flagged) or as one of `more_files` (e.g. score's --quality).
void refuse_output_over_inputs(const InputArgs& args, const OutputOptions& output,
                               const std::vector<std::string>& more_files = {}, const std::string& option = "-o");

// What the input options tell the library: the ResponseOptions (the same for every
// instrument but --columns/--map ID=..., kept apart here) and how to open the source.
struct InputChoice {
  ResponseOptions response;
  std::map<std::string, std::string> patterns_by_instrument;   // --columns ID=PATTERN
  std::map<std::string, std::string> maps_by_instrument;       // --map ID=FILE
};

// `text` as a finite number, or a usage Error naming `option`.
double parse_double(const std::string& text, const std::string& option);

// --range's MIN:MAX as numbers (a usage Error naming --range when it is not that).
std::pair<double, double> parse_range(const std::string& text);

// Checks and converts the input options (usage Errors name the option and what it takes).
InputChoice to_response_options(const InputArgs& args);

// The ResponseOptions for one instrument: --columns/--map ID=... given for it replace the shared ones.
ResponseOptions options_for(const InputChoice& choice, const std::string& instrument_id);

// Throws a usage Error when --columns/--map ID=... names an instrument not given with -i, or
// when a --columns/--map without ID= would apply to two or more instruments.
void check_instrument_ids(const InputChoice& choice, const std::vector<Instrument>& instruments);

// Loads every -i instrument along --instrument-path, or the instrument --keys defines.
std::vector<Instrument> load_instruments(const InputArgs& args);

// The input files as given ("-" when none was).
std::vector<std::string> input_files(const InputArgs& args);

// The inputs for a message: "standard input", or the file names, comma-separated.
std::string input_label(const InputArgs& args);

// Opens the input (files or "-") with --input-format, --delim and --qualtrics; several files
// (or --source-column) as one chain (attune/io/concat_source.h).
std::unique_ptr<RecordSource> open_input(const InputArgs& args);

// `error` located in the input file its line lies in, when it names a chain of several files
// that open_input opened (their lines are numbered on); else `error` itself.
Error in_input_file(const Error& error);

// The flags of --exclude-flagged, or nothing when it was not given.
std::optional<FlagJoin> excluded_flags(const InputArgs& args);

// The note for a --range that differs from the instrument's published scale ("" when none):
// `doing` is what the command does with it ("scoring"), `follows` what moves with it.
std::string range_note(const Instrument& instrument, const ResponseOptions& options, const std::string& doing,
                       const std::string& follows);

// The note saying how many of the ids in the flags file (--exclude-flagged, --quality) matched
// one of the `respondents` read. Throws a data Error when respondents were read and none
// matched (call it before committing the output, so that nothing is written).
std::string joined_note(const FlagJoin& flags, std::uint64_t respondents);

// The note saying how many respondents --exclude-flagged left out, and the first one.
std::string excluded_note(const FlagJoin& flags, std::uint64_t excluded, const std::string& first);

}  // namespace attune::cli

// attune check — validate instrument definitions.
//
// Reports every problem in each definition with file:line:column (unknown keys, items in no
// scale or missing from the items, duplicate ids or columns, cut-offs outside the range,
// classification naming a missing score, ...). Cost: reads each file once.
//
// Usage: attune check FILE|ID...
#include <filesystem>
#include <system_error>

#include <fmt/format.h>

#include "attune/instrument/loader.h"
#include "attune/instrument/registry.h"
#include "attune/util/error.h"
#include "attune/util/text.h"
#include "common.h"

namespace attune::cli {

namespace {

struct CheckArgs {
  std::vector<std::string> files;
  std::vector<std::string> instrument_path;
  bool strict = false;
};

// Whether `path` is one of the shipped definitions (in the source tree's or the installed
// instruments folder): they must settle what a private definition may leave (--strict).
bool shipped(const std::string& path) {
  std::error_code ec;
  const std::filesystem::path folder = std::filesystem::weakly_canonical(path, ec).parent_path();
  if (ec) return false;
  for (const char* dir : {ATTUNE_SOURCE_INSTRUMENTS_DIR, ATTUNE_INSTALL_INSTRUMENTS_DIR}) {
    if (std::filesystem::weakly_canonical(dir, ec) == folder && !ec) return true;
  }
  return false;
}

std::string describe_valid(const Instrument& instrument) {
  std::vector<std::string> scales;
  for (const auto& s : instrument.scales) scales.push_back(fmt::format("{} ({} items)", s.id, s.keys.size()));
  std::string text = fmt::format("{}{}: {} items; scales {}", instrument.id,
                                 instrument.version.empty() ? "" : " " + instrument.version, instrument.items.size(),
                                 fmt::join(scales, ", "));
  if (!instrument.computed.empty()) text += fmt::format("; {} computed", instrument.computed.size());
  if (instrument.classification) text += fmt::format("; classification {}", instrument.classification->default_method);
  return text;
}

int run(const CheckArgs& args) {
  refuse_output_over_inputs(OutputOptions{}, {}, args.files, args.instrument_path);
  auto search_path = instrument_search_path(args.instrument_path);
  int status = kExitOk;
  for (const auto& name : args.files) {
    std::string path = name;
    try {
      path = resolve_instrument(name, search_path);
    } catch (const Error&) {
      // not a known id: check it as a path, which reports a missing file as a problem
    }
    CheckResult result = check_instrument_file(path);
    const bool strict = args.strict || shipped(path);
    for (const auto& warning : result.warnings) {
      if (strict) {
        result.problems.push_back(warning);
        continue;
      }
      write_stderr(escape_controls(fmt::format("{}: warning: {}\n", warning.where.to_string(), warning.message), true));
    }
    if (strict && !result.warnings.empty()) result.instrument.reset();
    if (result.instrument) {
      fmt::print("{}", escape_controls(fmt::format("{}: ok: {}\n", path, describe_valid(*result.instrument)), true));
      continue;
    }
    status = kExitDataError;
    for (const auto& problem : result.problems) {
      write_stderr(escape_controls(fmt::format("{}: error: {}\n", problem.where.to_string(), problem.message), true));
    }
    write_stderr(escape_controls(
        fmt::format("{}: {} problem{}\n", path, result.problems.size(), result.problems.size() == 1 ? "" : "s"), true));
  }
  std::fflush(stdout);
  return status;
}

}  // namespace

Command add_check_command(CLI::App& app) {
  auto args = std::make_shared<CheckArgs>();
  CLI::App* cmd = app.add_subcommand("check", "Validate instrument definitions, reporting every problem with file:line:column");
  cmd->add_option("files", args->files, "Definition files (or ids of instruments on the search path)")
      ->required()
      ->option_text("FILE|ID...");
  add_instrument_path_option(*cmd, args->instrument_path);
  cmd->add_flag("--strict", args->strict,
                "Count the warnings (no version or citation, a TODO value left to fill, an id that is not the file name) as problems, "
                "as for the shipped definitions always");
  cmd->footer(examples({"attune check my_items.yaml",
                        "attune check --strict my_items.yaml   # before sharing it",
                        "attune check instruments/*.yaml",
                        "",
                        "Prints 'FILE: ok: ...' for each valid definition (exit 0); otherwise every problem",
                        "as FILE:LINE:COLUMN: error: ... on stderr (exit 1). A private definition may leave out",
                        "version and citation (a warning; an error with --strict and for the shipped ones).",
                        "The schema is documented in",
                        "instruments/README.md. Limits: a definition may be 1 MiB and nest 64 levels;",
                        "YAML aliases are not expanded."}));
  return [args] { return run(*args); };
}

}  // namespace attune::cli

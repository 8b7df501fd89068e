// Reference texts made from the command definitions themselves, so that they cannot drift from
// --help: a manual page (roff) per command, and shell completion scripts. The build writes them
// with the hidden `attune --generate-docs DIR`; `attune --help-man [COMMAND]` and
// `attune --completion SHELL` print one.
#pragma once

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace attune::cli {

// The roff source of attune(1) when `command` is null, else of attune-COMMAND(1): the same
// description, usage, options (by group) and examples as --help.
std::string man_page(const CLI::App& app, const CLI::App* command);

// The completion script for `shell` (bash, zsh or fish); throws a usage Error for another.
std::string completion_script(const CLI::App& app, const std::string& shell);

// Handles the hidden reference options (`args` as typed after `attune`): --help-man [COMMAND],
// --completion SHELL, --generate-docs DIR (DIR/man1/*.1 and DIR/completions/{attune.bash,
// _attune,attune.fish}). Returns the exit status, or -1 when args[0] is none of them.
int write_reference(const CLI::App& app, const std::vector<std::string>& args);

}  // namespace attune::cli

// attune — score psychological questionnaires.
//
// Usage: attune <command> [options]
// Commands: score, check, instruments, describe, analyze, quality, patterns. Each lives in src/cli/cmd_<name>.cpp and
// registers itself below; this file parses, dispatches, and turns errors into exit codes.
#include <csignal>
#include <cstdio>
#include <cstdlib>

#include <signal.h>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "attune/io/output_sink.h"
#include "attune/util/error.h"
#include "attune/util/simd_level.h"
#include "common.h"

namespace attune::cli {
Command add_score_command(CLI::App& app);
Command add_check_command(CLI::App& app);
Command add_instruments_command(CLI::App& app);
Command add_describe_command(CLI::App& app);
Command add_quality_command(CLI::App& app);
Command add_analyze_command(CLI::App& app);
Command add_patterns_command(CLI::App& app);
}  // namespace attune::cli

namespace {

// SIGINT, SIGTERM, SIGHUP while writing -o FILE: remove the temporary file beside FILE, then
// die of the same signal (exit status 130, 143, 129 as the shell shows it). Only
// async-signal-safe calls: unlink (inside remove_pending_outputs), signal, raise.
void on_termination_signal(int signal_number) {
  attune::remove_pending_outputs();
  std::signal(signal_number, SIG_DFL);
  std::raise(signal_number);   // blocked until this handler returns, then the default action
}

void remove_outputs_on_termination() {
  for (int signal_number : {SIGINT, SIGTERM, SIGHUP}) {
    struct sigaction old {};
    if (::sigaction(signal_number, nullptr, &old) != 0 || old.sa_handler == SIG_IGN) continue;   // nohup, `cmd &`
    struct sigaction action {};
    action.sa_handler = on_termination_signal;
    sigemptyset(&action.sa_mask);
    ::sigaction(signal_number, &action, nullptr);
  }
}

}  // namespace

int main(int argc, char** argv) {
  using namespace attune::cli;
  remove_outputs_on_termination();
  // A reader that stops early (`attune score ... | head`) ends the run quietly, as it does for
  // cat or grep, even when the parent left SIGPIPE ignored (then writes would fail with EPIPE
  // and print an error).
  std::signal(SIGPIPE, SIG_DFL);
  CLI::App app{"attune: score psychological questionnaires (adult attachment first).\n"
               "Reads an instrument definition (YAML) and responses (CSV); writes scores and patterns.",
               "attune"};
  app.set_version_flag("-V,--version", std::string("attune ") + ATTUNE_VERSION);
  app.require_subcommand(1, 1);
  app.footer(examples({"attune instruments                       # the shipped instruments",
                       "attune describe ecr-r                    # items, scales, reversed items, citation",
                       "attune score -i ecr-r responses.csv      # score and classify",
                       "attune check my_items.yaml               # validate a definition",
                       "attune analyze -i ecr-r responses.csv    # reliability and item analysis",
                       "attune quality -i ecr-r responses.csv    # careless-responding screening",
                       "attune patterns                          # what the four patterns mean",
                       "",
                       "Run 'attune COMMAND --help' for a command's options.",
                       "Exit codes: 0 ok, 1 bad data or definition, 2 bad usage."}));
  std::vector<std::pair<CLI::App*, Command>> commands;
  for (auto add : {add_score_command, add_check_command, add_instruments_command, add_describe_command,
                    add_analyze_command, add_quality_command, add_patterns_command}) {
    Command command = add(app);
    commands.emplace_back(app.get_subcommands({}).back(), std::move(command));
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    error(e.what());
    fmt::print(stderr, "Run 'attune --help' or 'attune COMMAND --help' for usage.\n");
    return kExitUsage;
  }
  // ATTUNE_SIMD lowers the instruction set (a knob for tests and measurements); a name that is
  // not a level is refused, so that a misspelt one cannot pass for a comparison of two levels.
  if (const char* asked = std::getenv("ATTUNE_SIMD"); asked && *asked && !attune::simd_level_named(asked)) {
    error(fmt::format("ATTUNE_SIMD={} names no instruction set (known: plain, avx2, avx512, avx512-vbmi2); "
                      "unset it to use the best this CPU runs",
                      asked));
    return kExitUsage;
  }
  try {
    for (auto& [subcommand, command] : commands) {
      if (subcommand->parsed()) return command();
    }
  } catch (const attune::Error& e) {
    error(e.what());
    return e.kind() == attune::ErrorKind::usage ? kExitUsage : kExitDataError;
  } catch (const std::bad_alloc&) {
    error("out of memory");
    return kExitDataError;
  } catch (const std::exception& e) {
    error(fmt::format("unexpected failure: {} (please report this)", e.what()));
    return kExitDataError;
  }
  return kExitUsage;
}

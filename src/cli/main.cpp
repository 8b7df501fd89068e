// attune — score psychological questionnaires.
//
// Usage: attune <command> [options]
// Commands: score, check, instruments, describe, analyze, factor, quality, change, patterns, init, plot, report. Each lives in src/cli/cmd_<name>.cpp and
// registers itself below; this file parses, dispatches, and turns errors into exit codes.
#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <system_error>
#include <vector>

#include <fcntl.h>
#include <signal.h>
#include <poll.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "attune/io/output_sink.h"
#include "attune/util/error.h"
#include "attune/util/simd_level.h"
#include "attune/util/text.h"
#include "common.h"
#include "input_args.h"
#include "man_page.h"
#include "memory_note.h"

namespace attune::cli {
Command add_score_command(CLI::App& app);
Command add_change_command(CLI::App& app);
Command add_check_command(CLI::App& app);
Command add_instruments_command(CLI::App& app);
Command add_describe_command(CLI::App& app);
Command add_quality_command(CLI::App& app);
Command add_analyze_command(CLI::App& app);
Command add_factor_command(CLI::App& app);
Command add_patterns_command(CLI::App& app);
Command add_init_command(CLI::App& app);
Command add_plot_command(CLI::App& app);
Command add_report_command(CLI::App& app);
}  // namespace attune::cli

namespace {

// Any signal whose default action ends the process, while writing -o FILE: remove the
// temporary name beside FILE, then die of the same signal (exit status 128 + its number, as
// the shell shows it). Only async-signal-safe calls: unlink (inside remove_pending_outputs),
// signal, raise. (An unnamed temporary file, the usual case, vanishes by itself, even on
// SIGKILL.)
void on_fatal_signal(int signal_number) {
  attune::remove_pending_outputs();
  std::signal(signal_number, SIG_DFL);
  std::raise(signal_number);   // blocked until this handler returns, then the default action
}

// Handles every catchable signal that would end the run, unless it is ignored (nohup, `cmd &`)
// or already handled (a sanitizer's crash report). SIGPIPE and SIGXFSZ are ignored instead:
// a write then fails with EPIPE (on the data: the run ends as if killed by SIGPIPE, quietly, as
// `| head` expects; on stderr: the message is dropped) or EFBIG (an error naming the file).
void handle_fatal_signals() {
  std::vector<int> fatal = {SIGHUP, SIGINT,  SIGQUIT,   SIGTERM, SIGUSR1, SIGUSR2, SIGALRM, SIGVTALRM,
                            SIGPROF, SIGXCPU, SIGPOLL, SIGPWR,  SIGSYS,  SIGTRAP, SIGSTKFLT, SIGABRT,
                            SIGSEGV, SIGBUS,  SIGILL,  SIGFPE};
  for (int signal_number = SIGRTMIN; signal_number <= SIGRTMAX; ++signal_number) fatal.push_back(signal_number);
  for (int signal_number : fatal) {
    struct sigaction old {};
    if (::sigaction(signal_number, nullptr, &old) != 0 || old.sa_handler != SIG_DFL) continue;
    struct sigaction action {};
    action.sa_handler = on_fatal_signal;
    sigemptyset(&action.sa_mask);
    ::sigaction(signal_number, &action, nullptr);
  }
  std::signal(SIGPIPE, SIG_IGN);
  std::signal(SIGXFSZ, SIG_IGN);
}

// Dies of SIGPIPE, as a writer to a closed pipe does (after the temporary files are gone).
[[noreturn]] void die_of_broken_pipe() {
  attune::remove_pending_outputs();
  std::signal(SIGPIPE, SIG_DFL);
  std::raise(SIGPIPE);
  std::_Exit(128 + SIGPIPE);
}

// Opens /dev/null on a standard descriptor the caller closed (`2>&-`), so that no file the run
// opens takes its number (then warnings would land in the output): read-only on 1 and 2, so
// that writes there fail rather than vanish, write-only on 0 (as gnulib's stdopen).
void fill_closed_standard_descriptors() {
  for (int fd = 0; fd <= 2; ++fd) {
    if (::fcntl(fd, F_GETFD) != -1 || errno != EBADF) continue;
    const int opened = ::open("/dev/null", fd == 0 ? O_WRONLY : O_RDONLY);
    if (opened >= 0 && opened != fd) ::close(opened);
  }
}

// Whether standard output is a pipe whose reader has gone (`attune --help | true`): the write
// that failed with EPIPE may have come before the flush, whose errno then says nothing.
bool reader_gone() {
  pollfd out{STDOUT_FILENO, POLLOUT, 0};
  return ::poll(&out, 1, 0) == 1 && (out.revents & POLLERR) != 0;
}

// Flushes standard output (help text, check's lines) and turns a failure into exit 1: a
// `--help >/dev/full` that printed nothing must not report success.
int finish_standard_output(int status) {
  std::cout.flush();
  errno = 0;
  const bool flushed = std::fflush(stdout) == 0;
  const int error_number = errno;
  if (flushed && !std::ferror(stdout) && !std::cout.fail()) return status;
  if (error_number == EPIPE || reader_gone()) die_of_broken_pipe();
  if (status != attune::cli::kExitOk) return status;   // the run failed already, and said why
  attune::cli::error(error_number != 0 ? fmt::format("cannot write to standard output: {}", std::strerror(error_number))
                                       : std::string("cannot write to standard output"));
  return attune::cli::kExitDataError;
}

int run(int argc, char** argv);

// The subcommand called `name`, or nullptr.
CLI::App* subcommand_named(CLI::App& app, const std::string& name) {
  for (CLI::App* sub : app.get_subcommands({})) {
    if (sub->get_name() == name) return sub;
  }
  return nullptr;
}

// "; did you mean X?" for the candidate closest to `typed` (leading dashes aside), or "".
std::string did_you_mean(const std::string& typed, const std::vector<std::string>& candidates) {
  auto bare = [](const std::string& name) { return name.substr(std::min(name.find_first_not_of('-'), name.size())); };
  const bool long_option = typed.starts_with("--");
  if (typed.starts_with("-") && !long_option) return "";   // one letter: any other is as near
  std::vector<std::string> bare_candidates;
  for (const auto& c : candidates) {
    if (c.starts_with("--") == long_option) bare_candidates.push_back(bare(c));
  }
  auto near = attune::closest_names(bare(typed), bare_candidates, 1);
  // Near enough to be a slip (a third of the letters at most), not merely the least far.
  if (near.empty() || attune::edit_distance(bare(typed), near[0]) > std::max<std::size_t>(1, bare(typed).size() / 3)) {
    return "";
  }
  for (const auto& c : candidates) {
    if (bare(c) == near[0]) return fmt::format("; did you mean {}?", c);
  }
  return "";
}

// The options `command` takes, as typed (--long, -s).
std::vector<std::string> option_names(CLI::App& command) {
  std::vector<std::string> names;
  for (const CLI::Option* option : command.get_options()) {
    for (const auto& name : option->get_lnames()) names.push_back("--" + name);
    for (const auto& name : option->get_snames()) names.push_back("-" + name);
  }
  return names;
}

// CLI11's parse error as a sentence naming the option (its own where it does not mislead).
std::string explain(const CLI::ParseError& e, CLI::App* command) {
  const std::string what = e.what();
  const std::string name = command ? command->get_name() : "attune";
  if (dynamic_cast<const CLI::ExtrasError*>(&e) && what.find(": ") != std::string::npos) {
    auto extras = attune::split(what.substr(what.find(": ") + 2), ' ');
    for (const auto& extra : extras) {
      if (extra.size() < 2 || extra[0] != '-') continue;
      std::string option = extra.substr(0, extra.find('='));
      if (command && command->get_option_no_throw(option)) continue;   // known: misplaced, said below
      return fmt::format("{} has no option {}{}", name, option,
                         command ? did_you_mean(option, option_names(*command)) : "");
    }
    std::string takes;
    for (const CLI::Option* option : command ? command->get_options() : std::vector<CLI::Option*>{}) {
      if (option->get_lnames().empty() && option->get_snames().empty()) takes = option->get_option_text();
    }
    return takes.empty() ? fmt::format("{} did not expect {}: it takes no file or other argument", name,
                                       attune::show_text(extras.front()))
                         : fmt::format("{} did not expect {}: it takes one {}, and an option's value goes right "
                                       "after the option{}",
                                       name, attune::show_text(extras.front()), takes,
                                       command->get_option_no_throw("--range") ? " (e.g. --range 1:5)" : "");
  }
  if (dynamic_cast<const CLI::ArgumentMismatch*>(&e)) {
    auto colon = what.find(": ");
    std::string option = what.substr(0, colon);
    if (auto at = what.find(": At Most 1 required but received "); at != std::string::npos) {
      return fmt::format("{} was given {} times; give it once", option, what.substr(at + 34));
    }
    if (colon != std::string::npos && what.find(" required ", colon) != std::string::npos &&
        what.ends_with(" missing")) {
      const CLI::Option* given = command ? command->get_option_no_throw(option) : nullptr;
      std::string takes = given ? given->get_option_text() : "";
      return takes.empty() ? fmt::format("{} needs a value after it", option)
                           : fmt::format("{} needs a value after it: {} {}", option, option, takes);
    }
  }
  return what;
}

}  // namespace

int main(int argc, char** argv) {
  fill_closed_standard_descriptors();
  handle_fatal_signals();
  return finish_standard_output(run(argc, argv));
}

namespace {

int run(int argc, char** argv) {
  using namespace attune::cli;
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
                       "attune factor -i ecr-r responses.csv     # factor analysis, KMO, item-to-scale check",
                       "attune quality -i ecr-r responses.csv    # careless-responding screening",
                       "attune change -i ecr-r --id pid w1.csv w2.csv   # reliable change between waves",
                       "attune patterns                          # what the four patterns mean",
                       "attune report -i ecr-r responses.csv -o report.html   # one HTML file to share",
                       "attune init data.csv --range 1:5 --keys my.keys -o my.yaml   # a starter definition",
                       "",
                       "Run 'attune COMMAND --help' for a command's options.",
                       "Exit codes: 0 ok, 1 bad data or definition, 2 bad usage."}));
  std::vector<std::pair<CLI::App*, Command>> commands;
  for (auto add : {add_score_command, add_check_command, add_instruments_command, add_describe_command,
                    add_analyze_command, add_factor_command, add_quality_command, add_change_command, add_patterns_command, add_init_command,
                    add_plot_command, add_report_command}) {
    Command command = add(app);
    commands.emplace_back(app.get_subcommands({}).back(), std::move(command));
  }
  std::vector<std::string> args(argv + 1, argv + argc);
  remember_command_line(args);
  try {   // hidden: the manual pages and completion scripts the build writes (man_page.h)
    if (const int status = write_reference(app, args); status >= 0) return status;
  } catch (const attune::Error& e) {
    error(e.what());
    return e.kind() == attune::ErrorKind::usage ? kExitUsage : kExitDataError;
  }
  // `attune help [COMMAND]`; an unknown command named with the closest; a command's --help or
  // --version answered before its required options are looked for.
  if (!args.empty() && args[0] == "help") args = args.size() > 1 ? std::vector<std::string>{args[1], "--help"}
                                                                 : std::vector<std::string>{"--help"};
  CLI::App* command = nullptr;
  if (!args.empty() && !args[0].empty() && args[0][0] != '-') {
    command = subcommand_named(app, args[0]);
    if (!command) {
      std::vector<std::string> names;
      for (CLI::App* sub : app.get_subcommands({})) names.push_back(sub->get_name());
      error(fmt::format("{} is not a command{} (commands: {})", attune::show_text(args[0]),
                        did_you_mean(args[0], names), fmt::join(names, ", ")));
      fmt::print(stderr, "Run 'attune --help' or 'attune COMMAND --help' for usage.\n");
      return kExitUsage;
    }
    for (std::size_t i = 1; i < args.size() && args[i] != "--"; ++i) {
      if (args[i] == "--version" || args[i] == "-V") {
        fmt::print("attune {}\n", ATTUNE_VERSION);
        return kExitOk;
      }
      if (args[i] == "--help" || args[i] == "-h") {
        args = {args[0], "--help"};
        break;
      }
    }
    // A mistyped long option is named before CLI11 would ask for a required one.
    for (std::size_t i = 1; i < args.size() && args[i] != "--"; ++i) {
      std::string option = args[i].substr(0, args[i].find('='));
      if (option.size() > 2 && option.starts_with("--") && !command->get_option_no_throw(option)) {
        error(fmt::format("{} has no option {}{}", args[0], option, did_you_mean(option, option_names(*command))));
        fmt::print(stderr, "Run 'attune --help' or 'attune COMMAND --help' for usage.\n");
        return kExitUsage;
      }
    }
  }
  std::vector<char*> parsed_argv{argv[0]};
  for (auto& arg : args) parsed_argv.push_back(arg.data());
  try {
    app.parse(static_cast<int>(parsed_argv.size()), parsed_argv.data());
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    error(explain(e, command));
    write_stderr("Run 'attune --help' or 'attune COMMAND --help' for usage.\n");
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
  } catch (const attune::BrokenPipe&) {
    die_of_broken_pipe();   // `attune ... | head`: the reader has what it wanted
  } catch (const attune::Error& e) {
    error(attune::cli::in_input_file(e).what());   // a row of a second input file: that file and its line
    return e.kind() == attune::ErrorKind::usage ? kExitUsage : kExitDataError;
  } catch (const std::bad_alloc&) {
    error(out_of_memory_message());
    return kExitDataError;
  } catch (const std::system_error& e) {   // fmt::print to a full or closed standard output
    if (e.code() == std::errc::broken_pipe) die_of_broken_pipe();
    for (std::errc write_failure : {std::errc::no_space_on_device, std::errc::bad_file_descriptor, std::errc::io_error,
                                    std::errc::file_too_large}) {
      if (e.code() != write_failure) continue;
      error(e.what());
      return kExitDataError;
    }
    error(fmt::format("unexpected failure: {} (please report this)", e.what()));
    return kExitDataError;
  } catch (const std::exception& e) {
    error(fmt::format("unexpected failure: {} (please report this)", e.what()));
    return kExitDataError;
  }
  return kExitUsage;
}

}  // namespace

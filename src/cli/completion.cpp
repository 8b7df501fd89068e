// Shell completion scripts (bash, zsh, fish) made from the CLI11 definitions that --help prints:
// the subcommands, each one's options, and what an option's value can be (one of a few words,
// a file, a folder, an instrument id). Instrument ids are asked of `attune instruments` as the
// user types (the name -i takes: the file name without .yaml), so definitions added to the
// search path later complete too.
#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "attune/classify/classifier.h"
#include "attune/io/input_format.h"
#include "attune/io/record_writer.h"
#include "attune/util/error.h"
#include "attune/util/text.h"
#include "attune/util/text_encoding.h"
#include "man_page.h"

namespace attune::cli {

namespace {

// What follows an option (or stands as a positional argument).
enum class Value { none, words, files, folders, instruments, other };

struct OptionSpec {
  std::vector<std::string> names;   // "-o", "--output"
  std::string description;
  Value value = Value::none;
  std::vector<std::string> words;    // Value::words
};

struct CommandSpec {
  std::string name, description;
  std::vector<OptionSpec> options;
  Value positional = Value::none;
};

// The words an option's value is one of, where the library can say: the output and input
// formats, the classification methods, prototype's tie rules, the text encodings, the decimal
// marks and the delimiters' names.
std::vector<std::string> known_words(const std::string& long_name) {
  std::vector<std::string> words;
  if (long_name == "format") {
    for (const char* name : {"table", "csv", "tsv", "json", "jsonl", "sav", "dta"}) {
      if (parse_format(name)) words.push_back(name);
    }
  } else if (long_name == "input-format") {
    words.push_back("auto");
    for (const char* name : {"csv", "sav", "zsav", "dta", "sas7bdat"}) {
      if (parse_input_format(name)) words.push_back(name);
    }
  } else if (long_name == "classify") {
    words = classifier_methods();
    words.push_back("none");
  } else if (long_name == "tie-rule") {
    words = {"report", "forced-choice", "unclassified"};
  } else if (long_name == "encoding") {
    for (const char* name : {"utf-8", "latin1", "cp1252"}) {
      if (text_encoding_named(name)) words.push_back(name);
    }
  } else if (long_name == "decimal" || long_name == "output-decimal") {
    words = {".", ","};
  } else if (long_name == "delim" || long_name == "output-delim") {
    words = {"comma", "semicolon", "tab"};   // the names both take: a bare ; would end the shell's command
  }
  return words;
}

// What the value of `option` (as --help names it) can be.
Value value_of(const CLI::Option& option, std::vector<std::string>& words) {
  if (!option.get_positional() && option.get_expected_max() == 0) return Value::none;   // a flag
  const std::string text = option.get_option_text();
  const std::string long_name = option.get_lnames().empty() ? "" : option.get_lnames().front();
  if (long_name == "instrument" || text.starts_with("ID|FILE") || text.starts_with("FILE|ID")) return Value::instruments;
  words = known_words(long_name);
  if (!words.empty()) return Value::words;
  auto alternatives = split(text, '|');
  // Words start in lower case (geominQ is one; N and FILE are placeholders) and hold letters and '-'.
  const bool all_words = alternatives.size() > 1 && std::all_of(alternatives.begin(), alternatives.end(), [](auto& w) {
    return !w.empty() && std::islower(static_cast<unsigned char>(w.front())) &&
           std::all_of(w.begin(), w.end(), [](char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '-'; });
  });
  if (all_words) {
    words = alternatives;
    return Value::words;
  }
  if (text.find("FILE") != std::string::npos) return Value::files;
  if (text.find("DIR") != std::string::npos) return Value::folders;
  return Value::other;
}

// Every command with the options --help shows (hidden ones left out), the top level first.
std::vector<CommandSpec> commands_of(const CLI::App& app) {
  std::vector<CommandSpec> specs;
  auto add = [&](const CLI::App& command, const std::string& name) {
    CommandSpec spec{name, split(command.get_description(), '\n').front(), {}, Value::none};
    for (const CLI::Option* option : command.get_options()) {
      if (option->get_group().empty()) continue;
      std::vector<std::string> words;
      Value value = value_of(*option, words);
      if (option->get_positional()) {
        spec.positional = value;
        continue;
      }
      OptionSpec o{{}, option->get_description(), value, words};
      for (const auto& s : option->get_snames()) o.names.push_back("-" + s);
      for (const auto& l : option->get_lnames()) o.names.push_back("--" + l);
      spec.options.push_back(std::move(o));
    }
    specs.push_back(std::move(spec));
  };
  add(app, "");
  for (const CLI::App* sub : app.get_subcommands({})) add(*sub, sub->get_name());
  return specs;
}

std::string single_quoted(std::string_view text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::string command_names(const std::vector<CommandSpec>& specs) {
  std::vector<std::string> names;
  for (const auto& spec : specs) {
    if (!spec.name.empty()) names.push_back(spec.name);
  }
  return fmt::format("{}", fmt::join(names, " "));
}

// The bash lines that complete a value of kind `value` into COMPREPLY.
std::string bash_reply(Value value, const std::vector<std::string>& words) {
  switch (value) {
    case Value::words: return fmt::format("COMPREPLY=($(compgen -W {} -- \"$cur\"))", single_quoted(fmt::format("{}", fmt::join(words, " "))));
    case Value::files: return "compopt -o filenames 2>/dev/null; COMPREPLY=($(compgen -f -- \"$cur\"))";
    case Value::folders: return "compopt -o filenames 2>/dev/null; COMPREPLY=($(compgen -d -- \"$cur\"))";
    case Value::instruments:
      return "compopt -o filenames 2>/dev/null; COMPREPLY=($(compgen -W \"$(_attune_instruments \"${COMP_WORDS[0]}\" "
             "\"${path_args[@]}\")\" -- \"$cur\") $(compgen -d -- \"$cur\") $(compgen -f -X '!*.y*ml' -- \"$cur\"))";
    default: return "COMPREPLY=()";
  }
}

std::string bash_script(const std::vector<CommandSpec>& specs) {
  std::string out = "# bash completion for attune; made by 'attune --completion bash' from the text of --help.\n"
                    "# Instrument ids are asked of 'attune instruments' (with the --instrument-path given).\n"
                    "_attune_instruments() {\n  local attune=$1; shift\n"
                    "  \"$attune\" instruments -f csv \"$@\" 2>/dev/null | tail -n +2 | sed -E 's/\"$//; s|.*/||; s/[.]yaml$//'\n}\n\n"
                    "_attune() {\n  local cur=${COMP_WORDS[COMP_CWORD]} prev= command= i\n"
                    "  (( COMP_CWORD > 0 )) && prev=${COMP_WORDS[COMP_CWORD-1]}\n"
                    "  # --option=value: bash splits it at '='\n"
                    "  if [[ $cur == = ]]; then cur=; elif [[ $prev == = ]] && (( COMP_CWORD > 1 )); then prev=${COMP_WORDS[COMP_CWORD-2]}; fi\n"
                    "  local -a path_args=()\n"
                    "  for ((i = 1; i < COMP_CWORD; i++)); do\n"
                    "    [[ ${COMP_WORDS[i]} == --instrument-path ]] && path_args+=(--instrument-path \"${COMP_WORDS[i+1]}\")\n"
                    "    [[ -z $command && ${COMP_WORDS[i]} != -* ]] && command=${COMP_WORDS[i]}\n"
                    "  done\n";
  out += fmt::format("  local commands={}\n", single_quoted(command_names(specs) + " help"));
  out += "  if [[ -z $command || ( $command == help && $prev == help ) ]]; then\n"
         "    if [[ $cur == -* ]]; then COMPREPLY=($(compgen -W '-h --help -V --version' -- \"$cur\")); "
         "else COMPREPLY=($(compgen -W \"$commands\" -- \"$cur\")); fi\n    return 0\n  fi\n";
  out += "  case $command:$prev in\n";
  for (const auto& spec : specs) {
    if (spec.name.empty()) continue;
    for (const auto& option : spec.options) {
      if (option.value == Value::none) continue;
      std::vector<std::string> patterns;
      for (const auto& name : option.names) patterns.push_back(spec.name + ":" + name);
      out += fmt::format("    {}) {}; return 0 ;;\n", fmt::join(patterns, "|"), bash_reply(option.value, option.words));
    }
  }
  out += "  esac\n  case $command in\n";
  for (const auto& spec : specs) {
    if (spec.name.empty()) continue;
    std::vector<std::string> names;
    for (const auto& option : spec.options) names.insert(names.end(), option.names.begin(), option.names.end());
    out += fmt::format("    {})\n      if [[ $cur == -* ]]; then COMPREPLY=($(compgen -W {} -- \"$cur\")); return 0; fi\n"
                       "      {} ;;\n",
                       spec.name, single_quoted(fmt::format("{}", fmt::join(names, " "))),
                       bash_reply(spec.positional, {}));
  }
  return out + "  esac\n  return 0\n}\ncomplete -F _attune attune\n";
}

// zsh's _arguments description: brackets and colons escaped.
std::string zsh_description(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '[' || c == ']' || c == ':' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

std::string zsh_action(Value value, const std::vector<std::string>& words) {
  switch (value) {
    case Value::words: return fmt::format("({})", fmt::join(words, " "));
    case Value::files: return "_files";
    case Value::folders: return "_files -/";
    case Value::instruments: return "_attune_instruments";
    default: return " ";
  }
}

std::string zsh_script(const std::vector<CommandSpec>& specs) {
  std::string out = "#compdef attune\n# zsh completion for attune; made by 'attune --completion zsh' from the text of --help.\n\n"
                    "_attune_instruments() {\n  local -a ids\n"
                    "  ids=(${(f)\"$(${_attune_bin:-attune} instruments -f csv 2>/dev/null | tail -n +2 | sed -E 's/\"$//; s|.*/||; s/[.]yaml$//')\"})\n"
                    "  _alternative 'instruments:instrument id:compadd -a ids' 'files:definition file:_files -g \"*.y(a|)ml\"'\n}\n\n"
                    "_attune() {\n  local curcontext=$curcontext state line _attune_bin=$words[1]\n  _arguments -C \\\n"
                    "    '(- *)'{-h,--help}'[Print this help message and exit]' \\\n"
                    "    '(- *)'{-V,--version}'[Display program version information and exit]' \\\n"
                    "    '1:command:->command' '*::argument:->argument'\n  case $state in\n"
                    "    command)\n      local -a commands\n      commands=(\n";
  for (const auto& spec : specs) {
    if (!spec.name.empty()) out += fmt::format("        {}\n", single_quoted(spec.name + ":" + zsh_description(spec.description)));
  }
  out += "        'help:Show a command'\"'\"'s help'\n      )\n      _describe -t commands 'attune command' commands ;;\n"
         "    argument)\n      case $line[1] in\n        help) _attune_commands_only ;;\n";
  for (const auto& spec : specs) {
    if (spec.name.empty()) continue;
    out += fmt::format("        {})\n          _arguments -s", spec.name);
    for (const auto& option : spec.options) {
      for (const auto& name : option.names) {
        std::string text = (option.value == Value::none ? "" : "*") + name + "[" + zsh_description(option.description) + "]";
        if (option.value != Value::none) text += ":value:" + zsh_action(option.value, option.words);
        out += " \\\n            " + single_quoted(text);
      }
    }
    if (spec.positional != Value::none) {
      out += " \\\n            " + single_quoted("*:argument:" + zsh_action(spec.positional, {}));
    }
    out += " ;;\n";
  }
  out += "      esac ;;\n  esac\n}\n\n_attune_commands_only() {\n  local -a commands\n";
  out += fmt::format("  commands=({})\n  compadd -a commands\n}}\n\n_attune \"$@\"\n", command_names(specs));
  return out;
}

std::string fish_quoted(std::string_view text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'' || c == '\\') out += '\\';
    out += c;
  }
  return out + "'";
}

std::string fish_script(const std::vector<CommandSpec>& specs) {
  std::string out = "# fish completion for attune; made by 'attune --completion fish' from the text of --help.\n"
                    "function __attune_instruments\n    set -l attune (commandline -opc)[1]\n"
                    "    $attune instruments -f csv 2>/dev/null | tail -n +2 | string replace -r '\"$' '' | string replace -r '.*/' '' "
                    "| string replace -r '[.]yaml$' ''\nend\n\n"
                    "complete -c attune -f\n"
                    "complete -c attune -n __fish_use_subcommand -s h -l help -d 'Print this help message and exit'\n"
                    "complete -c attune -n __fish_use_subcommand -s V -l version -d 'Display program version information and exit'\n";
  const std::string names = command_names(specs);
  for (const auto& spec : specs) {
    if (spec.name.empty()) continue;
    out += fmt::format("complete -c attune -n __fish_use_subcommand -a {} -d {}\n", spec.name, fish_quoted(spec.description));
  }
  out += "complete -c attune -n __fish_use_subcommand -a help -d 'Show a command'\\''s help'\n";
  out += fmt::format("complete -c attune -n '__fish_seen_subcommand_from help' -a {}\n", fish_quoted(names));
  for (const auto& spec : specs) {
    if (spec.name.empty()) continue;
    const std::string when = fish_quoted("__fish_seen_subcommand_from " + spec.name);
    for (const auto& option : spec.options) {
      std::string line = "complete -c attune -n " + when;
      for (const auto& name : option.names) line += (name.starts_with("--") ? " -l " + name.substr(2) : " -s " + name.substr(1));
      switch (option.value) {
        case Value::none: break;
        case Value::words: line += " -x -a " + fish_quoted(fmt::format("{}", fmt::join(option.words, " "))); break;
        case Value::files: line += " -r -F"; break;
        case Value::folders: line += " -x -a '(__fish_complete_directories)'"; break;
        case Value::instruments: line += " -r -F -a '(__attune_instruments)'"; break;
        case Value::other: line += " -x"; break;
      }
      out += line + " -d " + fish_quoted(option.description) + "\n";
    }
    if (spec.positional == Value::files) out += fmt::format("complete -c attune -n {} -F\n", when);
    if (spec.positional == Value::instruments) out += fmt::format("complete -c attune -n {} -F -a '(__attune_instruments)'\n", when);
  }
  return out;
}

}  // namespace

std::string completion_script(const CLI::App& app, const std::string& shell) {
  auto specs = commands_of(app);
  if (shell == "bash") return bash_script(specs);
  if (shell == "zsh") return zsh_script(specs);
  if (shell == "fish") return fish_script(specs);
  throw usage_error(fmt::format("--completion {}: no such shell", show_text(shell)), "give bash, zsh or fish");
}

}  // namespace attune::cli

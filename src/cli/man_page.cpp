// Manual pages in roff (man(7) macros), made from the CLI11 definitions that --help prints:
// the same description, usage line, option names, value names and descriptions, groups and
// examples. Also the hidden options that print or write these references.
#include "man_page.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

#include <fmt/format.h>

#include "attune/util/error.h"
#include "attune/util/text.h"
#include "common.h"

namespace attune::cli {

namespace {

// `text` escaped for roff: backslashes, hyphens (so that option names stay ASCII hyphen-minus
// when rendered), and a control character at the start of a line.
std::string roff(std::string_view text) {
  std::string out;
  bool line_start = true;
  for (char c : text) {
    if (line_start && (c == '.' || c == '\'')) out += "\\&";
    if (c == '\\') out += "\\e";
    else if (c == '-') out += "\\-";
    else out += c;
    line_start = c == '\n';
  }
  return out;
}

// The name of the page: "attune" or "attune-score".
std::string page_name(const CLI::App* command) { return command ? "attune-" + command->get_name() : "attune"; }

// The options (not positionals) of `command` in `group`, in help's order.
std::vector<const CLI::Option*> options_in(const CLI::App& command, const std::string& group) {
  return command.get_options(
      [&](const CLI::Option* option) { return option->get_group() == group && option->nonpositional(); });
}

// One option as a tagged paragraph: its names in bold, its value name in italics, then what
// --help says of it.
std::string option_paragraph(const CLI::Formatter& formatter, const CLI::Option& option, bool positional) {
  std::vector<std::string> names;
  for (const auto& name : split(formatter.make_option_name(&option, positional), ',')) {
    names.push_back("\\fB" + roff(std::string(trim(name))) + "\\fR");
  }
  std::string value(trim(formatter.make_option_opts(&option)));
  std::string tag = fmt::format("{}", fmt::join(names, ", "));
  if (!value.empty()) tag += " \\fI" + roff(value) + "\\fR";
  return fmt::format(".TP\n{}\n{}\n", tag, roff(option.get_description()));
}

// The footer (examples, then prose) as a section of its own, lines kept as they are.
std::string footer_section(const std::string& footer) {
  std::string text(footer);
  const std::string heading = "Examples:\n";
  if (auto at = text.find(heading); at != std::string::npos) text = text.substr(at + heading.size());
  while (text.ends_with('\n')) text.pop_back();
  if (trim(text).empty()) return "";
  std::string out = ".SH EXAMPLES\n.nf\n";
  for (const auto& line : split(text, '\n')) out += roff(line.starts_with("  ") ? line.substr(2) : line) + "\n";
  return out + ".fi\n";
}

}  // namespace

std::string man_page(const CLI::App& app, const CLI::App* command) {
  const CLI::App& page = command ? *command : app;
  CLI::Formatter formatter;
  const std::string name = page_name(command);
  std::string upper = name;
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  std::string summary = split(page.get_description(), '\n').front();
  if (!command && summary.starts_with("attune: ")) summary = summary.substr(8);
  while (summary.ends_with('.')) summary.pop_back();
  std::string out = fmt::format(".\\\" Made by 'attune --help-man{}' from the text of --help; do not edit.\n",
                                command ? " " + command->get_name() : "");
  out += fmt::format(".TH \"{}\" \"1\" \"\" \"attune {}\" \"attune manual\"\n.nh\n.ad l\n", upper, ATTUNE_VERSION);
  out += fmt::format(".SH NAME\n{} \\- {}\n", roff(name), roff(summary));
  std::string usage = formatter.make_usage(&page, command ? "attune " + command->get_name() : "attune");
  if (usage.starts_with("Usage: ")) usage = usage.substr(7);
  while (usage.ends_with('\n')) usage.pop_back();
  out += fmt::format(".SH SYNOPSIS\n{}\n", roff(usage));
  out += fmt::format(".SH DESCRIPTION\n{}\n", roff(page.get_description()));
  std::string options;
  // As help's "Positionals": every positional argument not hidden.
  for (const CLI::Option* option :
       page.get_options([](const CLI::Option* o) { return !o->get_group().empty() && o->get_positional(); })) {
    options += option_paragraph(formatter, *option, true);
  }
  for (const std::string& group : page.get_groups()) {
    auto in_group = options_in(page, group);
    if (group.empty() || in_group.empty()) continue;
    if (group != "Options") options += fmt::format(".SS \"{}\"\n", roff(group));
    for (const CLI::Option* option : in_group) options += option_paragraph(formatter, *option, false);
  }
  if (!options.empty()) out += ".SH OPTIONS\n" + options;
  std::vector<std::string> see_also;
  if (!command) {
    out += ".SH COMMANDS\n";
    for (const CLI::App* sub : app.get_subcommands({})) {
      out += fmt::format(".TP\n\\fBattune {}\\fR \\(em see \\fBattune\\-{}\\fR(1)\n{}\n", roff(sub->get_name()),
                         roff(sub->get_name()), roff(sub->get_description()));
    }
  }
  out += footer_section(page.get_footer());
  if (command) see_also.push_back("\\fBattune\\fR(1)");
  for (const CLI::App* sub : app.get_subcommands({})) {
    if (sub != command) see_also.push_back(fmt::format("\\fBattune\\-{}\\fR(1)", roff(sub->get_name())));
  }
  out += fmt::format(".SH SEE ALSO\n{}\n", fmt::join(see_also, ",\n"));
  return out;
}

namespace {

// Writes `text` to `path`, or throws an Error naming it.
void write_file(const std::filesystem::path& path, const std::string& text) {
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  file << text;
  file.close();
  if (!file) throw data_error({path.string()}, fmt::format("cannot write: {}", std::strerror(errno)), "");
}

}  // namespace

int write_reference(const CLI::App& app, const std::vector<std::string>& args) {
  if (args.empty()) return -1;
  if (args[0] == "--help-man") {
    const CLI::App* command = nullptr;
    if (args.size() > 1) {
      for (const CLI::App* sub : app.get_subcommands({})) {
        if (sub->get_name() == args[1]) command = sub;
      }
      if (!command) throw usage_error(fmt::format("--help-man {}: no such command", show_text(args[1])));
    }
    fmt::print("{}", man_page(app, command));
    return kExitOk;
  }
  if (args[0] == "--completion") {
    if (args.size() != 2) throw usage_error("--completion takes one shell: bash, zsh or fish");
    fmt::print("{}", completion_script(app, args[1]));
    return kExitOk;
  }
  if (args[0] == "--generate-docs") {
    if (args.size() != 2) throw usage_error("--generate-docs takes one folder");
    const std::filesystem::path dir = args[1];
    for (const char* sub : {"man1", "completions"}) {
      std::error_code ec;
      std::filesystem::create_directories(dir / sub, ec);
      if (ec) throw data_error({(dir / sub).string()}, fmt::format("cannot make the folder: {}", ec.message()));
    }
    write_file(dir / "man1" / "attune.1", man_page(app, nullptr));
    for (const CLI::App* sub : app.get_subcommands({})) {
      write_file(dir / "man1" / ("attune-" + sub->get_name() + ".1"), man_page(app, sub));
    }
    write_file(dir / "completions" / "attune.bash", completion_script(app, "bash"));
    write_file(dir / "completions" / "_attune", completion_script(app, "zsh"));
    write_file(dir / "completions" / "attune.fish", completion_script(app, "fish"));
    return kExitOk;
  }
  return -1;
}

}  // namespace attune::cli

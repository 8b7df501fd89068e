// attune patterns — what the four attachment patterns mean.
//
// A short description of each pattern and of the two dimensions, in attune's own words,
// consistent with the attachment literature; --format json for scripts. Cost: none.
//
// Usage: attune patterns [-f table|json|csv|tsv]
#include <fmt/format.h>

#include "attune/classify/pattern_descriptions.h"
#include "attune/io/json_text.h"
#include "common.h"

namespace attune::cli {

namespace {

int run(const OutputOptions& output) {
  Format format = output.format.empty() && output.output == "-" ? Format::table : resolve_format(output);
  auto sink = open_output(output.output);
  if (format == Format::table) {
    std::string text;
    for (const auto& d : dimension_descriptions()) text += fmt::format("{}: {}\n\n", d.name, d.description);
    for (const auto& p : pattern_descriptions()) {
      text += fmt::format("{} (anxiety {}, avoidance {}; model of self {}, of others {})\n  {}\n\n", p.name, p.anxiety,
                          p.avoidance, p.model_of_self, p.model_of_other, p.description);
    }
    text += fmt::format("{}\n", patterns_caution());
    sink->write(text);
  } else if (format == Format::json || format == Format::jsonl) {
    std::vector<std::string> items;
    for (const auto& p : pattern_descriptions()) {
      items.push_back(fmt::format("{{\"pattern\":{},\"anxiety\":{},\"avoidance\":{},\"model_of_self\":{},"
                                  "\"model_of_other\":{},\"description\":{}}}",
                                  json_string(p.name), json_string(p.anxiety), json_string(p.avoidance),
                                  json_string(p.model_of_self), json_string(p.model_of_other), json_string(p.description)));
    }
    std::vector<std::string> dims;
    for (const auto& d : dimension_descriptions()) {
      dims.push_back(fmt::format("{{\"dimension\":{},\"description\":{}}}", json_string(d.name), json_string(d.description)));
    }
    sink->write(fmt::format("{{\"patterns\":[{}],\"dimensions\":[{}],\"caution\":{}}}\n", fmt::join(items, ","),
                            fmt::join(dims, ","), json_string(patterns_caution())));
  } else {
    auto writer = make_writer(format, *sink);
    writer->begin({{"pattern", false}, {"anxiety", false}, {"avoidance", false}, {"model_of_self", false},
                   {"model_of_other", false}, {"description", false}});
    for (const auto& p : pattern_descriptions()) {
      std::vector<Cell> cells = {Cell::of(p.name), Cell::of(p.anxiety), Cell::of(p.avoidance),
                                 Cell::of(p.model_of_self), Cell::of(p.model_of_other), Cell::of(p.description)};
      writer->write_row(cells);
    }
    writer->finish();
  }
  sink->commit();
  return kExitOk;
}

}  // namespace

Command add_patterns_command(CLI::App& app) {
  auto output = std::make_shared<OutputOptions>();
  CLI::App* cmd = app.add_subcommand("patterns", "Describe the four attachment patterns and the two dimensions");
  add_output_options(*cmd, *output);
  cmd->footer(examples({"attune patterns", "attune patterns -f json | jq '.patterns[].pattern'"}));
  return [output] { return run(*output); };
}

}  // namespace attune::cli

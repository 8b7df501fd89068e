// attune init — write a starter instrument definition from a data file's header.
//
// Reads only the header of DATA (CSV, SPSS, Stata, SAS) and, with --keys, a psych-style keys
// list (one 'scale: item -item ...' line per scale), and writes a YAML definition that
// 'attune check' accepts: with --keys its scales are the list's, without it one scale holds
// every column that looks like an item (a name ending in a digit, such as Q1 or ecr_12; the id
// column is never one). The response scale comes from --range. Everything attune cannot know
// (name, version, citation, scale labels, item numbers and wording) is marked TODO: the
// values as warnings of 'attune check' (errors with --strict), the rest as comments. Nothing
// is invented. Cost: reads the header and the keys list only.
//
// Usage: attune init DATA --range MIN:MAX [--keys FILE] [-o def.yaml]
#include <algorithm>
#include <filesystem>
#include <set>

#include <fmt/format.h>

#include "attune/instrument/keys_list.h"
#include "attune/io/open_input.h"
#include "attune/io/output_sink.h"
#include "attune/io/record_source.h"
#include "attune/responses/columns.h"
#include "attune/util/error.h"
#include "attune/util/text.h"
#include "common.h"
#include "input_args.h"

namespace attune::cli {

namespace {

struct InitArgs {
  std::string data;
  std::string keys;
  std::string range;
  std::string output = "-";
};

// The rule for a column that looks like an item: its name ends in a digit (Q1, ecr_12, A3).
bool looks_like_item(std::string_view name) {
  name = trim(name);
  return !name.empty() && name.back() >= '0' && name.back() <= '9';
}

std::vector<std::string> read_header(const std::string& path) {
  auto source = open_record_source(path);
  Record record;
  if (!source->next(record)) {
    throw data_error({source->name()}, "the file is empty: attune init reads the column names from its header",
                     "give the data file whose first line names the columns");
  }
  return {record.fields.begin(), record.fields.end()};
}

int run(const InitArgs& args) {
  if (args.range.empty()) {
    throw usage_error("attune init needs --range MIN:MAX: the header does not say the response scale, and "
                      "attune does not guess it",
                      "give the scale the items were answered on, e.g. --range 1:5");
  }
  const auto range = parse_range(args.range);
  OutputOptions output;
  output.output = args.output;
  refuse_output_over_inputs(output, {args.data, args.keys});
  std::error_code ec;
  if (args.output != "-" && std::filesystem::exists(args.output, ec)) {
    throw usage_error(fmt::format("{} exists: attune init never replaces a definition", show_text(args.output)),
                      "remove it, or give another -o");
  }
  const std::vector<std::string> header = read_header(args.data);
  const std::optional<std::size_t> id_field = default_id_field(header);
  std::set<std::string> in_header(header.begin(), header.end());
  DefinitionDraft draft;
  draft.starter = true;
  draft.name = "TODO: the questionnaire's name";
  draft.range = range;
  draft.id = keys_list_id(args.output != "-" ? args.output : args.data);
  KeysList keys;
  std::vector<std::string> left_out;
  if (!args.keys.empty()) {
    keys = read_keys_file(args.keys);
    for (const auto& column : keys.columns()) {
      if (!in_header.count(column)) {
        throw data_error(keys.first_use(column), fmt::format("column {} is not in the header of {}", show_text(column),
                                                             args.data),
                         "name the data's columns in the keys list, as they are spelt in the header");
      }
    }
    const auto keyed = keys.columns();
    const std::set<std::string> keyed_set(keyed.begin(), keyed.end());
    for (std::size_t i = 0; i < header.size(); ++i) {
      if (keyed_set.count(header[i]) && !std::count(draft.items.begin(), draft.items.end(), header[i])) {
        draft.items.push_back(header[i]);
      } else if (!keyed_set.count(header[i])) {
        left_out.push_back(show_text(header[i]));
      }
    }
    draft.comments.push_back(fmt::format("Scales from the keys list {}; items are its columns.", args.keys));
  } else {
    ListedScale all{"scale_1", {}, {args.data}};
    for (std::size_t i = 0; i < header.size(); ++i) {
      if (i != id_field && looks_like_item(header[i]) &&
          std::find(draft.items.begin(), draft.items.end(), header[i]) == draft.items.end()) {
        draft.items.push_back(header[i]);
        all.keys.push_back({header[i], false, {args.data}});
      } else {
        left_out.push_back(show_text(header[i]));
      }
    }
    if (all.keys.empty()) {
      throw data_error({args.data, 1, 0},
                       "no column of the header looks like an item (a name ending in a digit, such as Q1 or ecr_12)",
                       "give --keys FILE to name the items, one 'scale: item -item ...' line per scale");
    }
    keys = KeysList{args.data, {std::move(all)}};
    draft.comments.push_back("Items: every column whose name ends in a digit, the id column excepted.");
    draft.comments.push_back("TODO: scale_1 holds every item: split it into the published scales and mark the");
    draft.comments.push_back("reversed items with '-' (e.g. keys: [\"Q1\", \"-Q2\"]), or rerun with --keys FILE.");
  }
  if (!left_out.empty()) {
    draft.comments.push_back(fmt::format("Columns of {} that are not items: {}", args.data, fmt::join(left_out, ", ")));
  }
  std::string yaml = definition_yaml(keys, draft);
  auto sink = open_output(args.output);
  sink->write(yaml);
  sink->commit();
  if (args.output != "-") {
    note(fmt::format("wrote {}: {} items, {} scale(s); fill its TODOs, then run 'attune check {}'", args.output,
                     draft.items.size(), keys.scales.size(), args.output));
  }
  return kExitOk;
}

}  // namespace

Command add_init_command(CLI::App& app) {
  auto args = std::make_shared<InitArgs>();
  CLI::App* cmd = app.add_subcommand("init", "Write a starter definition (YAML) from a data file's header and a keys list");
  cmd->add_option("data", args->data, "Responses whose header names the columns (CSV, SPSS, Stata, SAS; - for standard input)")
      ->required()
      ->option_text("DATA");
  cmd->add_option("--keys", args->keys,
                  "A psych-style keys list: one 'scale: item -item ...' line per scale, '-' reversing, '#' comments")
      ->option_text("FILE");
  cmd->add_option("--range", args->range, "The response scale the items were answered on (required; e.g. 1:5)")
      ->option_text("MIN:MAX");
  cmd->add_option("-o,--output", args->output, "Write the definition to FILE (never replaces one; default stdout)")
      ->option_text("FILE");
  cmd->footer(examples({"attune init survey.csv --range 1:5 --keys bfi.keys -o bfi.yaml",
                        "attune init survey.csv --range 1:7 > my_items.yaml   # one scale of every item-like column",
                        "attune check bfi.yaml                                # warns of each TODO left",
                        "",
                        "The definition holds only what the header, the keys list and --range say; the name,",
                        "version, citation, scale labels and published item numbers are marked TODO. 'attune check'",
                        "accepts it with a warning per TODO value (--strict refuses it until they are filled), so",
                        "it scores at once: attune score -i ./bfi.yaml survey.csv. Without --keys every column whose",
                        "name ends in a digit (the id column excepted) is an item, in one scale to split."}));
  return [args] { return run(*args); };
}

}  // namespace attune::cli

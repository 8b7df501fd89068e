// attune describe — show what an instrument definition says.
//
// Prints the instrument's citation, response scale, items, scales with their keys (reversed
// items marked), computed scores and classification methods with their sources. As csv/tsv
// it writes the scoring key, one row per item and scale; as json everything.
//
// Usage: attune describe ID|FILE [options]
#include <fmt/format.h>

#include "attune/io/json_text.h"
#include "attune/util/error.h"
#include "attune/util/text.h"
#include "common.h"

namespace attune::cli {

namespace {

struct DescribeArgs {
  std::string instrument;
  std::vector<std::string> instrument_path;
  OutputOptions output;
};

std::string key_list(const Instrument& in, const Scale& scale) {
  std::vector<std::string> keys;
  for (const auto& key : scale.keys) keys.push_back(fmt::format("{}{}", key.reversed ? "-" : "", in.items[key.item].number));
  return fmt::format("{}", fmt::join(keys, " "));
}

// `text` with every line indented by `indent` (the text's own indentation kept after it), without
// the trailing line break a YAML block scalar ends with.
std::string indented(std::string_view text, std::string_view indent) {
  while (text.ends_with('\n')) text.remove_suffix(1);
  std::string out;
  for (std::string_view line : split(text, '\n')) {
    if (!line.empty()) out.append(indent).append(line);
    out += '\n';
  }
  return out;
}

std::string describe_text(const Instrument& in) {
  std::string t = fmt::format("{} — {} ({})\n", in.id, in.name,
                              in.version.empty() ? "no definition version" : "definition version " + in.version);
  t += fmt::format("Citation: {}\n", in.citation.empty() ? "none given" : in.citation.format());
  t += fmt::format("Response scale: {}..{}{}\n", in.response.min, in.response.max, in.response.integer ? " (whole numbers)" : "");
  for (const auto& [value, label] : in.response.labels) t += fmt::format("  {} = {}\n", value, label);
  if (!in.response.missing_codes.empty()) {
    t += fmt::format("Missing codes: {}\n", fmt::join(in.response.missing_codes, ", "));
  }
  t += fmt::format("Items: {} (columns {} .. {})\n", in.items.size(), in.items.front().column, in.items.back().column);
  t += fmt::format("Scales (a leading - marks a reversed item, scored {} - x on the declared range; "
                   "psych::reverse.code uses the observed one):\n", in.response.min + in.response.max);
  for (const auto& s : in.scales) {
    t += fmt::format("  {}{}: {} of {} items: {}\n", s.id, s.label.empty() ? "" : " (" + s.label + ")",
                     s.scoring == Scoring::mean ? "mean" : "sum", s.keys.size(), key_list(in, s));
  }
  for (const auto& c : in.computed) {
    std::vector<std::string> terms;
    for (const auto& [id, w] : c.terms) terms.push_back(fmt::format("{:+} {}", w, id));
    t += fmt::format("  {} = {}\n", c.id, fmt::join(terms, " "));
  }
  if (in.classification) {
    const auto& spec = *in.classification;
    t += "Classification: ";
    if (spec.dimensional()) t += fmt::format("anxiety = {}, avoidance = {}", spec.anxiety, spec.avoidance);
    else t += "prototype ratings";
    t += fmt::format("; default method {}\n", spec.default_method);
    for (const auto& m : spec.methods) {
      t += fmt::format("  {}", m.name);
      for (const auto& [dim, value] : m.cutoffs) t += fmt::format(" {}>{}", dim, value);
      if (!m.citation.empty()) t += fmt::format(" — {}", m.citation.format());
      t += "\n";
      if (!m.notes.empty()) t += indented(m.notes, "    ");
    }
  }
  if (!in.notes.empty()) t += "Notes:\n" + indented(in.notes, "  ");
  return t;
}

std::string describe_json(const Instrument& in) {
  std::string j = fmt::format("{{\"id\":{},\"name\":{},\"version\":{},\"citation\":{},\"notes\":{},", json_string(in.id),
                              json_string(in.name), json_string(in.version), json_string(in.citation.empty() ? "" : in.citation.format()),
                              json_string(in.notes));
  j += fmt::format("\"response\":{{\"min\":{},\"max\":{},\"integer\":{}}},", in.response.min, in.response.max,
                   in.response.integer);
  std::vector<std::string> items, scales;
  for (const auto& item : in.items) {
    items.push_back(fmt::format("{{\"number\":{},\"column\":{}}}", item.number, json_string(item.column)));
  }
  for (const auto& s : in.scales) {
    std::vector<std::string> keys;
    for (const auto& k : s.keys) keys.push_back(fmt::format("{}", k.reversed ? -in.items[k.item].number : in.items[k.item].number));
    scales.push_back(fmt::format("{{\"id\":{},\"scoring\":\"{}\",\"keys\":[{}]}}", json_string(s.id),
                                 s.scoring == Scoring::mean ? "mean" : "sum", fmt::join(keys, ",")));
  }
  j += fmt::format("\"items\":[{}],\"scales\":[{}]", fmt::join(items, ","), fmt::join(scales, ","));
  if (in.classification) {
    const auto& spec = *in.classification;
    std::vector<std::string> methods;
    for (const auto& m : spec.methods) {
      std::vector<std::string> cutoffs;
      for (const auto& [dim, value] : m.cutoffs) cutoffs.push_back(fmt::format("{}:{}", json_string(dim), value));
      methods.push_back(fmt::format("{{\"name\":{},\"citation\":{},\"cutoffs\":{{{}}}}}", json_string(m.name),
                                    json_string(m.citation.format()), fmt::join(cutoffs, ",")));
    }
    j += fmt::format(",\"classification\":{{\"anxiety\":{},\"avoidance\":{},\"default\":{},\"methods\":[{}]}}",
                     json_string(spec.anxiety), json_string(spec.avoidance), json_string(spec.default_method),
                     fmt::join(methods, ","));
  }
  return j + "}\n";
}

int run(const DescribeArgs& args) {
  refuse_output_over_inputs(args.output, {}, {args.instrument}, args.instrument_path);
  Instrument in = load_named_instrument(args.instrument, args.instrument_path);
  // As every command: -f, else -o's extension, else the text on a terminal and csv (the key
  // table) otherwise.
  Format format = resolve_format(args.output);
  auto sink = open_output(args.output.output);
  if (format == Format::table) {
    sink->write(escape_controls(describe_text(in), true));   // the definition's text may hold ESC
  } else if (format == Format::json || format == Format::jsonl) {
    sink->write(describe_json(in));
  } else {
    auto writer = make_writer(format, *sink, writer_options(args.output));
    writer->begin({{"item", true}, {"column", false}, {"scale", false}, {"reversed", false}});
    for (const auto& s : in.scales) {
      for (const auto& key : s.keys) {
        std::vector<Cell> cells = {Cell::of(static_cast<double>(in.items[key.item].number)),
                                   Cell::of(std::string_view(in.items[key.item].column)), Cell::of(std::string_view(s.id)),
                                   Cell::of(std::string_view(key.reversed ? "yes" : "no"))};
        writer->write_row(cells);
      }
    }
    writer->finish();
  }
  sink->commit();
  return kExitOk;
}

}  // namespace

Command add_describe_command(CLI::App& app) {
  auto args = std::make_shared<DescribeArgs>();
  CLI::App* cmd = app.add_subcommand("describe", "Show an instrument: citation, response scale, items, scales, reversed items, classification");
  cmd->add_option("instrument", args->instrument, "Instrument id (looked up on the search path), or a definition file: a path with a '/' or ending in .yaml/.yml")->required()->option_text("ID|FILE");
  add_instrument_path_option(*cmd, args->instrument_path);
  add_output_options(*cmd, args->output);
  cmd->footer(examples({"attune describe ecr-r", "attune describe ecr-r -f csv     # the scoring key, a row per item",
                        "attune describe ecr-r -f table | less   # the text, in a pipe",
                        "attune describe my_items.yaml -f json",
                        "",
                        "On a terminal the text; in a pipe or file, as every command, csv (the scoring key)",
                        "unless -f or -o's extension says otherwise; json gives everything."}));
  return [args] { return run(*args); };
}

}  // namespace attune::cli

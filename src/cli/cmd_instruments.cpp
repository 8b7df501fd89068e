// attune instruments — list the instrument definitions attune can find.
//
// Lists each definition on the search path (--instrument-path, $ATTUNE_INSTRUMENT_PATH, the
// shipped ones) with its name, item and scale counts, and citation. Cost: reads each file.
//
// Usage: attune instruments [options]
#include <fmt/format.h>

#include "attune/instrument/loader.h"
#include "attune/instrument/registry.h"
#include "common.h"

namespace attune::cli {

namespace {

struct InstrumentsArgs {
  std::vector<std::string> instrument_path;
  OutputOptions output;
};

int run(const InstrumentsArgs& args) {
  Output out = open_records_output(args.output);
  out.writer->begin({{"id", false}, {"name", false}, {"items", true}, {"scales", false}, {"citation", false},
                     {"path", false}});
  int status = kExitOk;
  for (const auto& entry : list_instruments(instrument_search_path(args.instrument_path))) {
    CheckResult result = check_instrument_file(entry.path);
    if (!result.instrument) {
      warn(fmt::format("{} is not a valid definition: run 'attune check {}'", entry.path, entry.path));
      std::vector<Cell> cells = {Cell::of(std::string_view(entry.id)), Cell::of(std::string_view("(invalid)")),
                                 Cell::missing(), Cell::missing(), Cell::missing(), Cell::of(std::string_view(entry.path))};
      out.writer->write_row(cells);
      status = kExitDataError;
      continue;
    }
    const Instrument& in = *result.instrument;
    std::vector<std::string> scales;
    for (const auto& s : in.scales) scales.push_back(s.id);
    std::string scale_list = fmt::format("{}", fmt::join(scales, " "));
    std::string citation = in.citation.empty()           ? std::string()
                           : in.citation.text.empty() ? fmt::format("{} ({})", in.citation.authors, in.citation.year)
                                                      : in.citation.text;
    std::vector<Cell> cells = {Cell::of(std::string_view(in.id)), Cell::of(std::string_view(in.name)),
                               Cell::of(static_cast<double>(in.items.size())), Cell::of(std::string_view(scale_list)),
                               Cell::of(std::string_view(citation)), Cell::of(std::string_view(entry.path))};
    out.writer->write_row(cells);
  }
  out.writer->finish();
  out.sink->commit();
  return status;
}

}  // namespace

Command add_instruments_command(CLI::App& app) {
  auto args = std::make_shared<InstrumentsArgs>();
  CLI::App* cmd = app.add_subcommand("instruments", "List the instrument definitions on the search path");
  add_instrument_path_option(*cmd, args->instrument_path);
  add_output_options(*cmd, args->output);
  cmd->footer(examples({"attune instruments", "attune instruments -f json",
                        "ATTUNE_INSTRUMENT_PATH=~/my-instruments attune instruments"}));
  return [args] { return run(*args); };
}

}  // namespace attune::cli

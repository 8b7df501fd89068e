// attune analyze — item analysis and reliability, exact to R psych.
//
// Per scale: raw and standardized alpha, G6(smc), average and median inter-item r, S/N,
// alpha's standard error, Feldt (and optional bootstrap) confidence intervals, item statistics
// (raw.r, std.r, r.cor, r.drop, alpha if dropped), response frequencies, a mis-keying check
// and split-half reliabilities; between scales, observed and disattenuated correlations.
// Cost: one pass in constant memory (with --threads, the pair sums run on a second thread;
// the report is the same bytes); --ci bootstrap holds the data.
//
// Usage: attune analyze -i INSTRUMENT [options] [FILE | -]
#include <fmt/format.h>

#include "attune/run/analysis_run.h"
#include "attune/analyze/analysis_writer.h"
#include "attune/io/open_input.h"
#include "attune/util/error.h"
#include "attune/util/text.h"
#include "attune/util/threads.h"
#include "common.h"

namespace attune::cli {

namespace {

struct AnalyzeArgs {
  std::string instrument, input = "-", input_format = "auto", ci = "feldt", columns, map_file;
  std::vector<std::string> instrument_path, missing;
  OutputOptions output;
  std::size_t boot = 2000;
  std::uint64_t seed = 1;
  std::size_t split_samples = 10000;
  unsigned threads = 0;   // 0: one per core
};

int run(const AnalyzeArgs& args) {
  if (args.input == "-" && stdin_is_tty()) throw usage_error("no input: give a file, or pipe data and give -");
  AnalysisOptions options;
  if (!args.columns.empty()) options.columns.pattern = args.columns;
  if (!args.map_file.empty()) options.columns.map_file = args.map_file;
  options.missing_codes = missing_codes(args.missing);
  if (args.ci == "bootstrap") {
    if (args.boot < 100) throw usage_error("--boot needs at least 100 replicates");
    options.bootstrap = BootstrapOptions{args.boot, args.seed, 0.95};
  } else if (args.ci != "feldt") {
    throw usage_error("--ci takes feldt or bootstrap");
  }
  options.split_half.samples = args.split_samples;
  options.split_half.seed = args.seed;
  options.threads = [&] { ThreadPlan plan = resolve_threads(args.threads); if (!plan.note.empty()) note(plan.note); return plan.count; }();
  Instrument instrument = load_named_instrument(args.instrument, args.instrument_path);
  auto source = open_record_source(args.input, args.input_format);
  AnalysisReport report = run_analysis(instrument, *source, options);
  if (report.invalid_cells) warn(report.invalid_cells_summary);
  for (const auto& scale : report.scales) {
    for (const auto& suspect : scale.keys.suspects) warn(suspect.message);
  }
  Format format = resolve_format(args.output);
  auto sink = open_output(args.output.output);
  if (format == Format::table) {
    write_analysis_text(report, *sink);
  } else if (format == Format::json || format == Format::jsonl) {
    write_analysis_json(report, *sink);
  } else {
    auto writer = make_writer(format, *sink);
    write_analysis_records(report, *writer);
  }
  sink->commit();
  return kExitOk;
}

}  // namespace

Command add_analyze_command(CLI::App& app) {
  auto args = std::make_shared<AnalyzeArgs>();
  CLI::App* cmd = app.add_subcommand("analyze", "Item analysis and reliability per scale (alpha, G6, item-total r, split halves, mis-keying), as psych");
  cmd->add_option("file", args->input, "Responses (- or nothing for standard input)")->option_text("FILE");
  cmd->add_option("-i,--instrument", args->instrument, "Instrument id (looked up on the search path), or a definition file: a path with a '/' or ending in .yaml/.yml")->required()->option_text("ID|FILE");
  add_instrument_path_option(*cmd, args->instrument_path);
  cmd->add_option("--columns", args->columns, "Item columns follow PATTERN, {n} being the item number")->option_text("PATTERN");
  cmd->add_option("--map", args->map_file, "Item columns from a CSV with header item,column")->option_text("FILE");
  cmd->add_option("--missing", args->missing, "Extra codes meaning 'no answer', comma-separated")
      ->allow_extra_args(false)->option_text("CODES");
  cmd->add_option("--input-format", args->input_format, "auto, csv, sav, zsav, dta, sas7bdat")->option_text("FORMAT");
  cmd->add_option("--ci", args->ci, "Confidence interval for alpha: feldt (always shown) or bootstrap (percentile; holds the data)")
      ->option_text("feldt|bootstrap");
  cmd->add_option("--boot", args->boot, "Bootstrap replicates (default 2000)")->option_text("B");
  cmd->add_option("--seed", args->seed, "Seed for the bootstrap and for sampled split halves (default 1)")->option_text("S");
  cmd->add_option("--split-samples", args->split_samples,
                  "Split halves: every split is enumerated up to 10000 (as psych); beyond, this many are sampled (seeded)")
      ->option_text("N");
  cmd->add_option("--threads", args->threads,
                  "Threads (default 0: one per core); with 2 or more the pair sums run beside the reading; the results are the same bytes")
      ->option_text("N");
  add_output_options(*cmd, args->output);
  cmd->footer(examples({"attune analyze -i ecr-r responses.csv                 # per-scale reliability + item table",
                        "attune analyze -i my_items.yaml data.csv -f json      # everything, with psych's names",
                        "attune analyze -i my_items.yaml data.csv --ci bootstrap --seed 1 --boot 2000",
                        "",
                        "Missing answers: correlations are pairwise-complete, as psych's default. Weak items",
                        "(r.drop < .30, or alpha rising without them) are marked; an item running against its",
                        "scale is reported with the reverse key it probably needs."}));
  return [args] { return run(*args); };
}

}  // namespace attune::cli

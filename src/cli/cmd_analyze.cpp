// attune analyze — item analysis and reliability, exact to R psych.
//
// Per scale: raw and standardized alpha, G6(smc), average and median inter-item r, S/N,
// alpha's standard error, Feldt (and optional bootstrap) confidence intervals, omega total
// (psych::omega with one factor; if dropped; optional bootstrap), item statistics
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
#include "input_args.h"
#include "progress.h"
#include "statistics_command.h"
#include "memory_note.h"
#include "option_checks.h"

namespace attune::cli {

namespace {

// Bootstrap replicates and sampled split halves at most: 500 and 1,000 times the defaults (2000;
// psych's splitHalf n.sample, 10000). Beyond, only the run time grows (each replicate is a pass
// over the held data), and a typo such as 1e12 would run for days.
constexpr std::uint64_t kMaxReplicates = 1000000, kMaxSplitSamples = 10000000;

struct AnalyzeArgs {
  InputArgs input;
  std::string ci = "feldt";
  std::string cor = "pearson";
  OutputOptions output;
  std::size_t boot = 2000;
  std::uint64_t seed = 1;
  std::size_t split_samples = 10000;
  unsigned threads = 0;   // 0: one per core
};

int run(const AnalyzeArgs& args) {
  check_input_use(args.input, "analyze");
  InputChoice input = to_response_options(args.input);
  refuse_output_over_inputs(args.input, args.output);
  AnalysisOptions options;
  if (args.ci == "bootstrap") {
    if (args.boot < 100) throw usage_error("--boot needs at least 100 replicates");
    options.bootstrap = BootstrapOptions{args.boot, args.seed, 0.95};
  } else if (args.ci != "feldt") {
    throw usage_error("--ci takes feldt or bootstrap");
  }
  if (args.cor != "pearson" && args.cor != "poly") throw usage_error("--cor takes pearson or poly");
  options.polychoric = args.cor == "poly";
  options.split_half.samples = args.split_samples;
  options.split_half.seed = args.seed;
  options.threads = [&] { ThreadPlan plan = resolve_threads(args.threads); if (!plan.note.empty()) note(plan.note); return plan.count; }();
  StatisticsInput read = load_statistics_input(args.input, input);
  const Instrument& instrument = read.instrument();
  static_cast<ResponseOptions&>(options) = read.response;
  const std::optional<FlagJoin>& excluded = read.excluded;
  options.exclude = excluded ? &*excluded : nullptr;
  Format format = resolve_format(args.output);   // the output options are checked before anything is read
  WriterOptions writing = writer_options(args.output, format);
  auto source = open_input(args.input);
  ProgressBar progress(true);
  options.progress = [&](std::uint64_t done, std::uint64_t total) { progress.update(done, total); };
  if (options.bootstrap) {
    holding(fmt::format("analysing {}: --ci bootstrap holds every row's answers (--ci feldt needs no memory per row)",
                        input_label(args.input)));
  }
  AnalysisReport report = run_analysis(instrument, *source, options);
  progress.finish();
  if (options.polychoric) note(ordinal_alpha_caveat);
  note_rows_read(report, excluded);
  // The CSV and JSONL rows have no place for a scale left out: say so where every format shows it.
  for (const auto& skipped : report.skipped) {
    note(fmt::format("not analysed: {} (alpha needs 2 or more items; psych::scoreItems' alpha of 1 for one item "
                     "measures nothing): give it more items in the definition or --keys list to analyse it",
                     skipped));
  }
  if (!report.range_warning.empty()) warn(report.range_warning);
  for (const auto& scale : report.scales) {
    if (!scale.ordinal) continue;
    const std::string corrected = continuity_correction_warning(scale.ordinal->corrected_pairs, scale.ordinal->pairs, PolychoricOptions{}.correct);
    if (!corrected.empty()) warn(fmt::format("scale '{}': {}", scale.name, corrected));
  }
  for (const auto& scale : report.scales) {
    for (const auto& suspect : scale.keys.suspects) warn(suspect.message);
  }
  write_statistics(args.output.output, format, writing,
                   [&](OutputSink& sink) { write_analysis_text(report, sink, writing.numbers); },
                   [&](OutputSink& sink) { write_analysis_json(report, sink, writing.numbers.digits); },
                   [&](RecordWriter& writer) { write_analysis_records(report, writer); });
  return kExitOk;
}

}  // namespace

Command add_analyze_command(CLI::App& app) {
  auto args = std::make_shared<AnalyzeArgs>();
  CLI::App* cmd = app.add_subcommand("analyze", "Item analysis and reliability per scale (alpha, G6, item-total r, split halves, mis-keying), as psych");
  add_input_options(*cmd, args->input, statistics_input_use("analyze"));
  cmd->add_option("--ci", args->ci, "Confidence interval for alpha: feldt (always shown) or bootstrap (percentile, for alpha and omega total; holds the data)")
      ->option_text("feldt|bootstrap");
  cmd->add_option("--cor", args->cor, "Also ordinal alpha and omega total on polychoric correlations (Likert answers only)")
      ->option_text("pearson|poly");
  cmd->add_option("--boot", args->boot, "Bootstrap replicates (default 2000)")->option_text("B")
      ->check(whole_number(100, kMaxReplicates));
  cmd->add_option("--seed", args->seed, "Seed for the bootstrap and for sampled split halves (default 1)")->option_text("S")
      ->check(whole_number(0, UINT64_MAX));
  cmd->add_option("--split-samples", args->split_samples,
                  "Split halves: every split is enumerated up to 10000 (as psych); beyond, this many are sampled (seeded)")
      ->option_text("N")->check(whole_number(1, kMaxSplitSamples));
  cmd->add_option("--threads", args->threads,
                  "Threads (default 0: one per core); with 2 or more the pair sums run beside the reading; the results are the same bytes")
      ->option_text("N")
      ->check(thread_count());
  add_output_options(*cmd, args->output, {.numbers = true});
  cmd->footer(examples({"attune analyze -i ecr-r responses.csv                 # per-scale reliability + item table",
                        "attune analyze -i my_items.yaml data.csv -f json      # everything, with psych's names",
                        "attune analyze -i my_items.yaml data.csv --ci bootstrap --seed 1 --boot 2000",
                        "attune analyze -i ecr --range 1:5 --missing 0 data.csv  # an ECR given on 1..5",
                        "attune analyze -i ecr-r data.csv --exclude-flagged flags.csv   # without quality's flagged",
                        "",
                        "Missing answers: correlations are pairwise-complete, as psych's default. Weak items",
                        "(r.drop < .30, or alpha rising without them) are marked; an item running against its",
                        "scale is reported with the reverse key it probably needs."}));
  return [args] { return run(*args); };
}

}  // namespace attune::cli

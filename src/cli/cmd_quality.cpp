// attune quality — screen respondents for careless and insufficient-effort responding.
//
// Per respondent: longstring (longest and average run of identical answers), IRV (SD across
// items), Mahalanobis D² with its chi-square p, even-odd consistency, psychometric synonyms
// and antonyms, attention checks declared in the definition, and completion time; a `flags`
// column names the indices past their thresholds. Cost: a file is read twice (the sample
// statistics need a first pass) and nothing is held per respondent; a pipe (or FIFO)
// holds every respondent's answers.
//
// Usage: attune quality -i INSTRUMENT [options] [FILE | -]
#include <fmt/format.h>

#include "attune/run/quality_run.h"
#include "attune/util/error.h"
#include "attune/util/threads.h"
#include "attune/util/text.h"
#include "common.h"
#include "input_args.h"
#include "progress.h"
#include "memory_note.h"
#include "option_checks.h"

namespace attune::cli {

namespace {

struct QualityArgs {
  InputArgs input;
  std::string duration_column, mahalanobis_missing = "answered", order = "columns";
  OutputOptions output;
  std::optional<double> longstring, irv_below, irv_above, even_odd_below, psychsyn_below, psychant_above, duration_below;
  double alpha = 0.001, psychsyn_r = 0.60;
  std::size_t attention_failures = 1;
  bool summary = false;
  unsigned threads = 0;   // 0: one per core for delimited text, one for SPSS/Stata/SAS
};

QualityThresholds thresholds_of(const QualityArgs& args) {
  QualityThresholds t;
  t.longstring_at_least = args.longstring;
  t.irv_below = args.irv_below;
  t.irv_above = args.irv_above;
  if (args.alpha <= 0 || args.alpha >= 1) throw usage_error("--alpha must be between 0 and 1");
  t.mahalanobis_alpha = args.alpha;
  if (args.mahalanobis_missing == "psych") t.mahalanobis_missing = MahalanobisMissing::psych_outlier;
  else if (args.mahalanobis_missing != "answered") throw usage_error("--mahalanobis-missing takes answered or psych");
  t.even_odd_below = args.even_odd_below;
  t.psychsyn_critical_r = args.psychsyn_r;
  t.psychsyn_below = args.psychsyn_below;
  t.psychant_above = args.psychant_above;
  t.attention_failures_at_least = args.attention_failures;
  t.duration_below = args.duration_below;
  return t;
}

int run(const QualityArgs& args) {
  check_input_use(args.input, "quality");
  refuse_output_over_inputs(args.input, args.output);
  InputChoice input = to_response_options(args.input);
  QualityOptions options;
  options.thresholds = thresholds_of(args);
  options.threads = [&] { ThreadPlan plan = resolve_threads(args.threads); if (!plan.note.empty()) note(plan.note); return args.threads == 0 ? 0u : plan.count; }();
  std::vector<Instrument> instruments = load_instruments(args.input);
  check_instrument_ids(input, instruments);
  const Instrument& definition = instruments.front();
  if (args.duration_below && args.duration_column.empty()) throw usage_error("--duration-below needs --duration COL");
  if (!args.duration_column.empty()) options.duration_column = args.duration_column;
  if (args.order == "instrument") options.longstring_order = ItemOrder::instrument;
  else if (args.order != "columns") throw usage_error("--order takes columns or instrument");
  static_cast<ResponseOptions&>(options) = options_for(input, definition.id);
  if (std::string range = range_note(definition, options, "screening", ""); !range.empty()) note(range);
  writer_options(args.output);   // the output options are checked before anything is read
  auto source = open_input(args.input);
  ProgressBar progress(true);
  options.progress = [&](std::uint64_t done, std::uint64_t total) { progress.update(done, total); };
  const std::string input_name = input_label(args.input);
  options.holding_rows = [&] {
    if (input_files(args.input).size() > 1) {   // a chain of files with one that cannot start again
      note(fmt::format("{}: one of these cannot be read twice (standard input or a pipe), so quality holds every "
                       "respondent's answers for its sample statistics (Mahalanobis D², synonyms); give files' paths "
                       "to read them twice instead",
                       input_name));
    } else {
      note(fmt::format("{} cannot be read twice: quality holds every respondent's answers for its sample statistics "
                       "(Mahalanobis D², synonyms); give the file's path to read it twice instead",
                       input_name));
    }
    holding(fmt::format("screening {}: quality holds every respondent's answers for its sample statistics (Mahalanobis "
                        "D², synonyms), as the input cannot be read twice; give the file's path, or screen it in parts",
                        input_name));
  };
  QualityRun run = screen_responses(definition, *source, options);
  progress.finish();
  Output out = open_records_output(args.output);
  ProgressBar second_pass(true);   // the second reading (a file read twice) has its own bar
  options.progress = [&](std::uint64_t done, std::uint64_t total) { second_pass.update(done, total); };
  write_quality_rows(run, *source, *out.writer, options);
  second_pass.finish();
  for (const auto& said : out.writer->notes()) note(said);
  out.sink->commit();
  if (!run.empty_records.empty()) note(run.empty_records);
  if (run.invalid_cells) warn(run.invalid_cells_summary);
  if (!run.range_warning.empty()) warn(run.range_warning);
  const QualityReport& report = run.report;
  const QualityThresholds& thresholds = options.thresholds;
  const Instrument& instrument = run.instrument;
  if (run.columns_out_of_item_order && options.longstring_order == ItemOrder::columns) {
    note(fmt::format("longstring follows the order of {}'s item columns in {}, not the item numbers "
                     "(--order instrument for the numbering)",
                     instrument.id, source->name()));
  }
  if (!report.mahalanobis_problem.empty()) warn("Mahalanobis D²: " + report.mahalanobis_problem);
  if (report.even_odd_scales < 3) {
    note(fmt::format("even-odd consistency needs at least 3 multi-item scales; {} has {}, so it is empty",
                     instrument.id, report.even_odd_scales));
  }
  if (args.summary) {
    const QualitySummary& s = report.summary;
    write_stderr(fmt::format("respondents {}; flagged {}\n", s.respondents, s.flagged));
    write_stderr(fmt::format("  longstring {}, irv_low {}, irv_high {}, mahalanobis {}, even_odd {}, psychsyn {}, psychant {}, "
                       "attention {}, duration {}\n",
               s.longstring, s.irv_low, s.irv_high, s.mahalanobis, s.even_odd, s.psychsyn, s.psychant, s.attention,
               s.duration));
    write_stderr(fmt::format("  synonym pairs {}, antonym pairs {}\nthresholds:\n", report.synonym_pairs, report.antonym_pairs));
    for (const auto& [name, value] : describe(thresholds)) write_stderr(fmt::format("  {} {}\n", name, value));
  }
  return kExitOk;
}

}  // namespace

Command add_quality_command(CLI::App& app) {
  auto args = std::make_shared<QualityArgs>();
  CLI::App* cmd = app.add_subcommand("quality", "Screen respondents for careless responding: longstring, IRV, Mahalanobis, even-odd, synonyms, attention checks");
  add_input_options(*cmd, args->input,
                    {.several_instruments = false,
                     .refused = {{"--exclude-flagged",
                                  "quality screens every respondent (its flags are what --exclude-flagged reads); "
                                  "give --exclude-flagged to score or analyze"}}});
  // Thresholds are checked as given (1 to the record's 100,000 columns for a run, correlations
  // -1..1, alpha and the synonym r strictly between 0 and 1): NaN compares false with every
  // index, so `--alpha nan` flagged nothing and said nothing.
  cmd->add_option("--longstring", args->longstring, "Flag a longest run of identical answers of at least N (no default)")->option_text("N")
      ->check(finite_number(1, 100000));
  cmd->add_option("--order", args->order,
                  "Longstring's order of the items: columns (as in the file, what the respondent saw when the export "
                  "keeps it; default) or instrument (the item numbers)")
      ->option_text("columns|instrument");
  cmd->add_option("--irv-below", args->irv_below, "Flag an IRV below X: straight-lining (no default)")->option_text("X")
      ->check(finite_number(0, kResponseScaleLimit));
  cmd->add_option("--irv-above", args->irv_above, "Flag an IRV above X: random responding (no default)")->option_text("X")
      ->check(finite_number(0, kResponseScaleLimit));
  cmd->add_option("--alpha", args->alpha, "Flag Mahalanobis D² with chi-square p below ALPHA (default .001)")->option_text("ALPHA")
      ->check(finite_number(0, 1, true, true));
  cmd->add_option("--mahalanobis-missing", args->mahalanobis_missing,
                  "Rows with missing answers: answered (D² over the answered items, default) or psych (as psych::outlier)")
      ->option_text("answered|psych");
  cmd->add_option("--even-odd-below", args->even_odd_below, "Flag an even-odd consistency below X (no default)")->option_text("X")
      ->check(finite_number(-1, 1));
  cmd->add_option("--psychsyn-r", args->psychsyn_r, "Item pairs correlating above R are synonyms, below -R antonyms (default .60)")->option_text("R")
      ->check(finite_number(0, 1, true, true));
  cmd->add_option("--psychsyn-below", args->psychsyn_below, "Flag a synonym correlation below X (no default)")->option_text("X")
      ->check(finite_number(-1, 1));
  cmd->add_option("--psychant-above", args->psychant_above, "Flag an antonym correlation above X (no default)")->option_text("X")
      ->check(finite_number(-1, 1));
  cmd->add_option("--attention-failures", args->attention_failures, "Flag N or more failed attention checks (default 1)")->option_text("N")
      ->check(whole_number(1, 100000));
  cmd->add_option("--duration", args->duration_column, "Completion-time column")->option_text("COL");
  cmd->add_option("--duration-below", args->duration_below, "Flag a completion time below X (in the column's unit; no default)")->option_text("X")
      ->check(finite_number(0, 1e15));
  add_output_options(*cmd, args->output, {.numbers = true});
  cmd->add_flag("--summary", args->summary, "Print counts per flag and the thresholds used to stderr");
  cmd->add_option("--threads", args->threads, "Threads that read and screen rows in the second pass (default 0: one per core for delimited text, one for .sav/.dta/.sas7bdat); the output is the same bytes, in input order")
      ->option_text("N")
      ->check(thread_count());
  cmd->footer(examples({"attune quality -i ecr-r responses.csv --longstring 10 --irv-below 0.5",
                        "attune quality -i my_items.yaml survey.csv --duration Duration --duration-below 120 --summary",
                        "attune quality -i ecr-r data.csv -f csv -o flags.csv && attune score -i ecr-r data.csv --exclude-flagged flags.csv",
                        "attune quality -i ecr-r --columns 'ECR_{n}' survey.csv   # a Qualtrics export",
                        "",
                        "Thresholds without a default are reported but never flag until you set them: the literature",
                        "gives no cut-off that holds across instruments. An empty index could not be computed."}));
  return [args] { return run(*args); };
}

}  // namespace attune::cli

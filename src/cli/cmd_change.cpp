// attune change — who changed between waves: reliable change, pattern transitions, test-retest.
//
// Reads the same respondents at two or more waves (one file per wave, or one long panel with
// a wave column: one row per person x wave), scores each wave as `attune score` does, matches
// respondents by id and writes one row per matched respondent and pair of waves: the scores at
// both waves, the difference, the Reliable Change Index (Jacobson & Truax 1991) and its verdict,
// the patterns and the flow between them. --retest writes test-retest statistics per score
// instead (Pearson r and psych::ICC's six forms). A summary goes to stderr.
// Cost: with one file per wave, holds the earlier wave's ids and scores (not the answers); a
// long panel holds every row's id, wave and scores. Wave 1 is read twice for its sample alpha.
//
// Usage: attune change -i INSTRUMENT --id COLUMN [options] WAVE1 WAVE2 [...]
//        attune change -i INSTRUMENT --id COLUMN --wave COLUMN [options] PANEL
#include <cmath>
#include <memory>

#include <fmt/format.h>

#include "attune/instrument/instrument.h"
#include "attune/io/open_input.h"
#include "attune/run/change_run.h"
#include "attune/util/error.h"
#include "attune/util/text.h"
#include "attune/util/threads.h"
#include "change_plot.h"
#include "classify_args.h"
#include "common.h"
#include "input_args.h"
#include "memory_note.h"
#include "option_checks.h"

namespace attune::cli {

namespace {

struct ChangeArgs {
  InputArgs input;
  OutputOptions output;
  ClassifyArgs classify;
  std::string wave, pairs = "consecutive", unmatched, z = "1.96", plot;   // plot: --plot FILE.svg
  bool retest = false;
  unsigned threads = 0;   // 0: one per core
};

const ReliabilityUse kChangeReliability{
    "r_xx for the RCI (and --borderline) instead of wave 1's sample alpha: a published value, R or SCORE=R (repeatable)",
    false};

std::string number(double value) { return std::isnan(value) ? "NA" : fmt::format("{:.4g}", value); }

// The stderr summary: the waves, S_diff's parts per score, per pair the matches, the verdicts,
// the transition matrix (counts and row percentages) and the flows.
void print_summary(const ChangeReport& report, const ChangeArgs& args) {
  std::string text = fmt::format("change: {} waves ({}): {}; pairs: {}\n", report.waves.size(),
                                 args.wave.empty() ? "one file each" :
                                 report.numeric_waves ? fmt::format("column {}, in numeric order", args.wave)
                                                      : fmt::format("column {}, in order of first appearance", args.wave),
                                 fmt::join(report.waves, ", "), args.pairs);
  for (const auto& basis : report.bases) {
    text += fmt::format("  {}: SD at wave 1 {} (n = {}, n - 1 denominator), r_xx {} ({}), S_diff {}; reliable at |RCI| > {}\n",
                        basis.score, number(basis.sd1), basis.n, number(basis.reliability), basis.reliability_from,
                        number(basis.s_diff), args.z);
  }
  write_stderr(text);
  for (const auto& pair : report.pairs) {
    text = fmt::format("wave {} -> {}: {} matched, {} in wave {} only, {} in wave {} only\n", pair.from, pair.to,
                       pair.matched, pair.only_from, pair.from, pair.only_to, pair.to);
    for (std::size_t s = 0; s < report.scores.size(); ++s) {
      std::vector<std::string> parts;
      for (const auto& [verdict, count] : pair.verdicts[s]) parts.push_back(fmt::format("{} {}", verdict, count));
      std::string said = fmt::format("{}", fmt::join(parts, ", "));
      if (std::isnan(report.bases[s].s_diff)) said = fmt::format("no RCI: S_diff unknown (give --reliability {}=R)", report.scores[s]);
      else if (parts.empty()) said = "no respondent with the score at both waves";
      text += fmt::format("  {}: {}\n", report.scores[s], said);
    }
    write_stderr(text);
    if (!report.classified) continue;
    auto sink = open_stderr();
    auto table = make_writer(Format::table, *sink);
    std::vector<Column> columns{{fmt::format("wave {} \\ {}", pair.from, pair.to)}};
    for (auto name : kTransitionStateNames) columns.push_back({std::string(name), true});
    columns.push_back({"total", true});
    table->begin(columns);
    std::vector<std::string> cells_text(kTransitionStates + 2);
    for (std::size_t from = 0; from < kTransitionStates; ++from) {
      std::vector<Cell> cells{Cell::of(kTransitionStateNames[from])};
      for (std::size_t to = 0; to < kTransitionStates; ++to) {
        const auto count = pair.transitions.counts[from][to];
        cells_text[to] = count ? fmt::format("{} ({:.1f}%)", count, pair.transitions.row_percent(from, to)) : "0";
        cells.push_back(Cell::of(std::string_view(cells_text[to])));
      }
      cells.push_back(Cell::of(static_cast<double>(pair.transitions.row_total(from))));
      table->write_row(cells);
    }
    table->finish();
    sink->commit();
    std::vector<std::string> flows;
    for (const auto& [flow, count] : pair.transitions.flows) flows.push_back(fmt::format("{} {}", flow, count));
    write_stderr(fmt::format("  flows: {}\n", fmt::join(flows, ", ")));
  }
}

int run(const ChangeArgs& args) {
  check_input_use(args.input, "change");
  refuse_output_over_inputs(args.input, args.output, {args.unmatched});
  if (args.input.ids.empty()) throw usage_error("change matches respondents by id: give --id COLUMN", "e.g. --id pid");
  ChangeOptions options;
  InputChoice input = to_response_options(args.input);
  static_cast<ResponseOptions&>(options.score) = input.response;
  options.score.patterns_by_instrument = input.patterns_by_instrument;
  options.score.maps_by_instrument = input.maps_by_instrument;
  if (options.score.columns.id_columns.size() != 1) throw usage_error("change matches by one id column: give --id once", "a person id, not a dyad id with it");
  apply_classify_options(args.classify, kChangeReliability, options.score);
  options.score.threads = [&] { ThreadPlan plan = resolve_threads(args.threads); if (!plan.note.empty()) note(plan.note); return args.threads == 0 ? 0u : plan.count; }();
  options.wave_column = args.wave;
  if (args.pairs == "consecutive") options.pairs = WavePairs::consecutive;
  else if (args.pairs == "first-last") options.pairs = WavePairs::first_last;
  else if (args.pairs == "both") options.pairs = WavePairs::both;
  else throw usage_error(fmt::format("--pairs {}: use consecutive, first-last or both", show_text(args.pairs)));
  options.z = parse_double(args.z, "--z");
  if (!(options.z > 0)) throw usage_error("--z: the criterion is a positive number of standard errors (1.96 for p < .05 two-sided)");
  options.retest = args.retest;
  std::vector<Instrument> instruments = load_instruments(args.input);
  std::string range = range_note(instruments.front(), options.score, "scoring", " and cut-offs move with the range");
  if (!range.empty()) note(range);
  const bool classifies = options.score.classify && (instruments.front().classification || !options.score.classifier.method.empty());
  if (!args.plot.empty()) check_change_plot(args.plot, classifies, args.input, args.output, args.unmatched);
  std::vector<WaveSource> waves;
  const std::vector<std::string> files = input_files(args.input);
  auto opener = [&](InputArgs one) {
    auto opened = std::make_shared<int>(0);
    return [one, opened] {
      if ((*opened)++ > 0 && input_files(one).front() == "-") {
        throw usage_error("change reads wave 1 again (for its sample alpha, or to name a repeated id's rows), and standard input cannot be read twice",
                          "give the wave as a file, or --reliability R");
      }
      return open_input(one);
    };
  };
  if (args.wave.empty()) {
    for (const auto& file : files) {
      InputArgs one = args.input;
      one.inputs = {file};
      waves.push_back({file, opener(one)});
    }
  } else {
    waves.push_back({input_label(args.input), opener(args.input)});
  }
  Output out = open_records_output(args.output);
  Output unmatched;
  if (!args.unmatched.empty()) {
    OutputOptions list;
    list.output = args.unmatched;
    list.format = "csv";
    unmatched = open_records_output(list);
  }
  std::vector<std::string> held = held_reasons(args.classify);
  held.push_back(args.wave.empty() ? "change holds the earlier wave's ids and scores" : "--wave holds every row's id, wave and scores");
  holding(fmt::format("change {}: {}", input_label(args.input), fmt::join(held, "; ")));
  ChangeHooks hooks;
  hooks.warn = [](const std::string& message) { warn(message); };
  ChangeReport report = run_change(instruments.front(), waves, *out.writer, unmatched.writer.get(), options, hooks);
  for (const auto& said : out.writer->notes()) note(said);
  if (unmatched.sink) unmatched.sink->commit();
  out.sink->commit();
  if (!args.plot.empty()) write_change_plot(args.plot, report, instruments.front().id);
  print_summary(report, args);
  return kExitOk;
}

}  // namespace

Command add_change_command(CLI::App& app) {
  auto args = std::make_shared<ChangeArgs>();
  CLI::App* cmd = app.add_subcommand("change", "Change between waves: reliable change (RCI), pattern transitions, test-retest");
  add_input_options(*cmd, args->input,
                    {.several_instruments = false,
                     .refused = {{"--keep", "change writes one row per respondent and pair of waves, so a --keep "
                                            "column would have two values; join it from the waves by id"},
                                 {"--keep-all", "change writes one row per respondent and pair of waves, so --keep-all "
                                                "columns would have two values; join them from the waves by id"},
                                 {"--source-column", "change names each row's waves in its wave_1 and wave_2 columns, so "
                                                     "--source-column has nothing to add"},
                                 {"--exclude-flagged", "change matches every respondent, so --exclude-flagged has no place "
                                                       "here; leave flagged ones out of the waves' files first"}}});
  cmd->get_option("file")->description("One file per wave, in wave order (wave 1 read twice for its sample alpha); or one long panel with --wave");
  cmd->add_option("--wave", args->wave, "The wave column of a long panel (one row per person x wave); waves sort by value when all are numbers, else by first appearance")
      ->option_text("COLUMN");
  cmd->add_option("--pairs", args->pairs, "Which waves to compare: consecutive (1-2, 2-3, ...), first-last, or both (default consecutive)")
      ->option_text("consecutive|first-last|both");
  cmd->add_option("--z", args->z, "Reliable change at |RCI| above this (default 1.96: p < .05, two-sided)")->option_text("Z");
  cmd->add_flag("--retest", args->retest, "Write test-retest statistics per score and pair (n, Pearson r, psych::ICC's six forms with F tests and 95% intervals) instead of the rows");
  cmd->add_option("--unmatched", args->unmatched, "List respondents found in one wave of a pair only (id, present_in, missing_from) as CSV in FILE")
      ->option_text("FILE");
  cmd->add_option("--plot", args->plot, "Write the pattern transition matrix of each pair of waves as an SVG plot to FILE.svg")->option_text("FILE.svg");
  add_classify_options(*cmd, args->classify, kChangeReliability);
  add_output_options(*cmd, args->output, {.numbers = true});
  cmd->add_option("--threads", args->threads, "Threads that parse and score each wave's rows (default 0: one per core for delimited text); the output is the same bytes")
      ->option_text("N");
  cmd->footer(examples({
      "attune change -i ecr-r --id pid wave1.csv wave2.csv              # two files, matched by id",
      "attune change -i ecr-r --id person --wave month panel.csv        # a long panel",
      "attune change -i ecr-r --id person --wave month --retest panel.csv",
      "attune change -i ecr-r --id pid --reliability 0.93 --unmatched lost.csv w1.csv w2.csv",
      "attune change -i ecr-r --id person --wave month --pairs first-last --plot moves.svg panel.csv",
      "",
      "RCI = (x2 - x1) / S_diff, S_diff = sqrt(2) * SD1 * sqrt(1 - r_xx) (Jacobson & Truax 1991):",
      "SD1 is wave 1's SD (n - 1), r_xx wave 1's sample alpha or --reliability. For anxiety and",
      "avoidance lower is better (reliably improved / worsened); other scores change reliably",
      "higher or lower. A move into the secure pattern is 'reliably more secure' only when a",
      "dimension also improved reliably; it is not 'earned security', which the Adult Attachment",
      "Interview defines. Rows follow the later wave's input order.",
      "Exit codes: 0 ok, 1 bad data or definition, 2 bad usage."}));
  return [args] { return run(*args); };
}

}  // namespace attune::cli

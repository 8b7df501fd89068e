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
#include <filesystem>
#include <memory>
#include <system_error>

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
  std::string wave, pairs = "consecutive", unmatched, transitions, z = "1.96", plot;   // plot: --plot FILE.svg
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
      const ChangeBasis& basis = report.bases[s];
      if (std::isnan(basis.sd1)) said = "no RCI: wave 1's SD unknown (fewer than 2 respondents with the score)";
      else if (std::isnan(basis.s_diff)) said = fmt::format("no RCI: S_diff unknown (give --reliability {}=R)", report.scores[s]);
      else if (basis.s_diff == 0) said = "no RCI: S_diff is 0 (every score equal at wave 1)";
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

// Whether two output names are one file: the same name, or the same file once made absolute
// (a file that does not exist yet has no inode to compare).
bool same_output(const std::string& a, const std::string& b) {
  if (a == b) return true;
  if (a == "-" || b == "-") return false;
  std::error_code error;
  if (std::filesystem::equivalent(a, b, error)) return true;
  const auto full_a = std::filesystem::weakly_canonical(a, error);
  if (error) return false;
  const auto full_b = std::filesystem::weakly_canonical(b, error);
  return !error && full_a == full_b;
}

// Refuses --unmatched, --transitions or --plot over an input, over -o, or over each other: each is
// written whole at the end, so the later one would replace the earlier or the input.
void refuse_clashing_outputs(const ChangeArgs& args) {
  const std::vector<std::pair<std::string, std::string>> outputs{
      {"-o", args.output.output}, {"--unmatched", args.unmatched}, {"--transitions", args.transitions}, {"--plot", args.plot}};
  for (std::size_t i = 1; i < outputs.size(); ++i) {
    const auto& [option, file] = outputs[i];
    if (file.empty()) continue;
    for (const auto& input : input_files(args.input)) {
      if (input != "-" && file != "-" && same_output(file, input)) {
        throw usage_error(fmt::format("{} {} is the same file as the input {}: writing it would destroy the input",
                                      option, show_text(file), show_text(input)),
                          fmt::format("give {} another file", option));
      }
    }
    for (std::size_t j = 0; j < i; ++j) {
      if (!outputs[j].second.empty() && same_output(file, outputs[j].second)) {
        throw usage_error(file == "-" ? fmt::format("{} -: standard output is already {}'s", option, outputs[j].first)
                                      : fmt::format("{} {} is also {}'s output: one would replace the other", option,
                                                    show_text(file), outputs[j].first),
                          fmt::format("give {} a file of its own", option));
      }
    }
  }
}

// Refuses one file given as two waves (the same name, or one file through a link): every
// respondent would match itself and show no change.
void refuse_repeated_waves(const ChangeArgs& args) {
  if (!args.wave.empty()) return;
  const std::vector<std::string> files = input_files(args.input);
  for (std::size_t i = 1; i < files.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      if (!same_output(files[j], files[i])) continue;
      throw usage_error(fmt::format("waves {} and {} are the same file ({}{}): each respondent would be matched with "
                                    "itself and show no change",
                                    j + 1, i + 1, files[i] == "-" ? "standard input" : show_text(files[j]),
                                    files[i] == files[j] ? "" : fmt::format(" and {}", show_text(files[i]))),
                        "give each wave its own file in wave order, or one long panel with --wave COLUMN");
    }
  }
}

// The transition matrix of each pair as records: one row per cell (from-pattern x to-pattern)
// with its count and row percentage, in the order of the stderr table.
void write_transitions(const ChangeReport& report, const std::string& file) {
  OutputOptions options;
  options.output = file;
  Output out = open_records_output(options);
  out.writer->begin({{"wave_1"}, {"wave_2"}, {"pattern_1"}, {"pattern_2"}, {"count", true}, {"row_percent", true}});
  for (const auto& pair : report.pairs) {
    for (std::size_t from = 0; from < kTransitionStates; ++from) {
      for (std::size_t to = 0; to < kTransitionStates; ++to) {
        const double percent = pair.transitions.row_percent(from, to);
        const std::vector<Cell> cells{Cell::of(std::string_view(pair.from)), Cell::of(std::string_view(pair.to)),
                                      Cell::of(kTransitionStateNames[from]), Cell::of(kTransitionStateNames[to]),
                                      Cell::of(static_cast<double>(pair.transitions.counts[from][to])),
                                      std::isnan(percent) ? Cell::missing() : Cell::of(percent)};
        out.writer->write_row(cells);
      }
    }
  }
  out.writer->finish();
  out.sink->commit();
}

int run(const ChangeArgs& args) {
  check_input_use(args.input, "change");
  refuse_output_over_inputs(args.input, args.output, {args.unmatched, args.transitions});
  refuse_clashing_outputs(args);
  refuse_repeated_waves(args);
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
  if (!args.transitions.empty() && !(options.score.classify && (instruments.front().classification ||
                                                                 !options.score.classifier.method.empty()))) {
    throw usage_error(fmt::format("--transitions: {} gives no patterns here, so there is no transition matrix",
                                  instruments.front().id),
                      "leave --transitions out, or give --classify METHOD");
  }
  std::string range = range_note(instruments.front(), options.score, "scoring", " and cut-offs move with the range");
  if (!range.empty()) note(range);
  const bool classifies = options.score.classify && (instruments.front().classification || !options.score.classifier.method.empty());
  if (!args.plot.empty()) check_change_plot(args.plot, classifies, args.input, args.output, args.unmatched);
  std::vector<WaveSource> waves;
  const std::vector<std::string> files = input_files(args.input);
  auto opener = [&](InputArgs one) {
    auto opened = std::make_shared<int>(0);
    return [one, opened] {
      const std::string file = input_files(one).front();
      std::error_code error;
      if ((*opened)++ > 0 && (file == "-" || !std::filesystem::is_regular_file(file, error))) {
        // A pipe (standard input, a FIFO, <(...)) gives its bytes once: opening it again would wait forever.
        throw usage_error(fmt::format("change reads wave 1 again (for its sample alpha, or to name a repeated id's rows), and {} "
                                      "cannot be read twice", file == "-" ? "standard input" : show_text(file) + " (not a regular file)"),
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
  if (!args.transitions.empty()) write_transitions(report, args.transitions);
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
  cmd->add_flag("--retest", args->retest, "Write test-retest statistics per score and pair (n, Pearson r with its 95% interval, psych::ICC's six forms with F tests and 95% intervals) instead of the rows");
  cmd->add_option("--unmatched", args->unmatched, "List respondents found in one wave of a pair only (id, present_in, missing_from) as CSV in FILE")
      ->option_text("FILE");
  cmd->add_option("--transitions", args->transitions, "Also write each pair's transition matrix to FILE, one row per cell "
                  "(wave_1, wave_2, pattern_1, pattern_2, count, row_percent); format from FILE's extension (default csv)")
      ->option_text("FILE");
  cmd->add_option("--plot", args->plot, "Write the pattern transition matrix of each pair of waves as an SVG plot to FILE.svg")->option_text("FILE.svg");
  add_classify_options(*cmd, args->classify, kChangeReliability);
  add_output_options(*cmd, args->output, {.numbers = true});
  cmd->add_option("--threads", args->threads, "Threads that parse and score each wave's rows (default 0: one per core for delimited text); the output is the same bytes")
      ->option_text("N")
      ->check(thread_count());
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

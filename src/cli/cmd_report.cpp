// attune report — one self-contained HTML file to share: patterns, reliability, missing data.
//
// Scores and classifies the responses as `score --summary` does, analyses them as `analyze`
// does, and writes what both report as one HTML page: the instrument and its citation, the
// provenance (attune version, the definition's SHA-256, the input, the date, the command that
// makes the report again), the pattern counts with the anxiety x avoidance plane and a note on
// what categories can say, per-scale alpha and weak or possibly mis-keyed items, missing data,
// and the quality flags of --quality FILE. Inline CSS and SVG, no script: it opens offline and
// prints. SOURCE_DATE_EPOCH fixes its date (reproducible builds' convention).
// Cost: reads the input twice, each pass streaming in constant memory as score and analyze do
// (--classify median|kmeans and --borderline hold every row's scores, as in score); standard
// input must therefore be a file (`< data.csv`), not a pipe.
//
// Usage: attune report -i INSTRUMENT [options] -o FILE.html [FILE | -]
#include <cerrno>
#include <charconv>
#include <ctime>

#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include "attune/plot/plane.h"
#include "attune/report/html_report.h"
#include "attune/run/report_run.h"
#include "attune/util/error.h"
#include "attune/util/shell_quote.h"
#include "attune/util/text.h"
#include "attune/util/threads.h"
#include "classify_args.h"
#include "common.h"
#include "input_args.h"
#include "memory_note.h"
#include "progress.h"
#include "statistics_command.h"

namespace attune::cli {

namespace {

struct ReportArgs {
  InputArgs input;
  ClassifyArgs classify;
  std::string output = "-";
  std::string quality_flags;
};

// The report's date: SOURCE_DATE_EPOCH (seconds since 1970 UTC) when set, else now.
std::int64_t report_date() {
  const char* fixed = std::getenv("SOURCE_DATE_EPOCH");
  if (!fixed || !*fixed) return static_cast<std::int64_t>(std::time(nullptr));
  const std::string_view text(fixed);
  std::int64_t seconds = 0;
  auto [end, problem] = std::from_chars(text.data(), text.data() + text.size(), seconds);
  if (problem != std::errc() || end != text.data() + text.size() || seconds < 0) {
    throw usage_error(fmt::format("SOURCE_DATE_EPOCH={} is not a whole number of seconds since 1970", show_text(text)),
                      "set it to e.g. $(date +%s), or unset it to date the report now");
  }
  return seconds;
}

// Refuses, before anything is read, an input the report cannot read twice: standard input that
// is a pipe or terminal rather than a file.
void check_readable_twice(const InputArgs& args) {
  for (const auto& file : input_files(args)) {
    struct stat info {};
    if (file == "-" && (::fstat(0, &info) != 0 || !S_ISREG(info.st_mode))) {
      throw usage_error("report reads its input twice (scoring, then analysis), and standard input here is a pipe",
                        "give the file's name, redirect it (< data.csv), or save the pipe to a file first");
    }
  }
}

int run(const ReportArgs& args) {
  check_input_use(args.input, "report");
  if (args.output == "-" && stdout_is_tty()) {
    throw usage_error("report writes an HTML file, which a terminal cannot show",
                      "give -o FILE (e.g. -o report.html), or redirect standard output to a file");
  }
  OutputOptions output;
  output.output = args.output;
  refuse_output_over_inputs(args.input, output, {args.quality_flags});
  InputChoice input = to_response_options(args.input);
  ReportOptions options;
  static_cast<ResponseOptions&>(options.score) = input.response;
  apply_classify_options(args.classify, kBorderlineReliability, options.score);
  options.score.threads = 0;   // one per core, as score's default
  std::vector<Instrument> instruments = load_instruments(args.input);
  check_instrument_ids(input, instruments);
  const Instrument& instrument = instruments.front();
  static_cast<ResponseOptions&>(options.score) = options_for(input, instrument.id);
  static_cast<ResponseOptions&>(options.analysis) = options.score;
  options.analysis.threads = resolve_threads(0).count;
  if (std::string range = range_note(instrument, options.score, "reporting", " and cut-offs move with the range");
      !range.empty()) {
    note(range);
  }
  check_readable_twice(args.input);
  ReportProvenance provenance{ATTUNE_VERSION, input_files(args.input), report_date(), shell_command(command_line())};
  const std::string& exclude_flagged = args.input.exclude_flagged;
  FlagJoin flags;
  if (!exclude_flagged.empty() || !args.quality_flags.empty()) {
    if (!exclude_flagged.empty() && !args.quality_flags.empty() && exclude_flagged != args.quality_flags) {
      throw usage_error("--exclude-flagged and --quality name different files");
    }
    flags = read_flag_join(exclude_flagged.empty() ? args.quality_flags : exclude_flagged);
    flags.exclude = !exclude_flagged.empty();
    options.score.flags = &flags;
    if (flags.exclude) options.analysis.exclude = &flags;
  }
  if (auto reasons = held_reasons(args.classify); !reasons.empty()) {
    holding(fmt::format("reporting on {}: {} (or report on the file in parts)", input_label(args.input),
                        fmt::join(reasons, "; ")));
  }
  ProgressBar scoring_bar(true), analysis_bar(true);
  ScoreHooks hooks;
  hooks.warn = [](const std::string& message) { warn(message); };
  hooks.progress = [&](std::uint64_t done, std::uint64_t total) { scoring_bar.update(done, total); };
  options.analysis.progress = [&](std::uint64_t done, std::uint64_t total) {
    scoring_bar.finish();
    analysis_bar.update(done, total);
  };
  // Standard input that is a file is read again from where it stood when the report began.
  const off_t stdin_start = ::lseek(0, 0, SEEK_CUR);
  int opened = 0;
  auto open_again = [&] {
    if (opened++ > 0 && stdin_start >= 0 && ::lseek(0, stdin_start, SEEK_SET) != stdin_start) {
      throw io_error({"<stdin>"}, "cannot read standard input a second time", "give the file's name instead");
    }
    return open_input(args.input);
  };
  ReportResults results = run_report(instrument, open_again, options, hooks);
  scoring_bar.finish();
  analysis_bar.finish();
  if (results.score.empty_records.count) note(results.score.empty_records.summary(input_label(args.input)));
  if (options.score.flags) note(joined_note(flags, results.score.rows - results.score.empty_records.count));
  if (flags.exclude) note(excluded_note(flags, results.score.excluded, results.score.first_excluded));
  for (const auto& scale : results.analysis.scales) {
    for (const auto& suspect : scale.keys.suspects) warn(suspect.message);
  }
  ReportFigures figures;
  if (results.plane) figures.plane_svg = plot::plane_svg(results.plane->chart, results.plane->plane);
  auto sink = open_output(args.output);
  write_html_report(instrument, results, provenance, figures, *sink);
  sink->commit();
  return kExitOk;
}

}  // namespace

Command add_report_command(CLI::App& app) {
  auto args = std::make_shared<ReportArgs>();
  CLI::App* cmd = app.add_subcommand("report", "One self-contained HTML report: patterns and the plane, reliability, weak items, missing data, quality flags");
  add_input_options(*cmd, args->input, statistics_input_use("report"));
  add_classify_options(*cmd, args->classify, kBorderlineReliability);
  cmd->add_option("-o,--output", args->output, "The HTML file to write (replaced atomically); needed on a terminal")
      ->option_text("FILE");
  cmd->add_option("--quality", args->quality_flags, "Count the flags of FILE (attune quality's output), joined by id")
      ->option_text("FILE");
  cmd->footer(examples({
      "attune report -i ecr-r responses.csv -o report.html          # one file to share",
      "attune report -i ecr-r responses.csv --borderline -o report.html",
      "attune quality -i ecr-r responses.csv -f csv -o flags.csv && \\",
      "  attune report -i ecr-r responses.csv --quality flags.csv -o report.html",
      "SOURCE_DATE_EPOCH=0 attune report -i ecr-r data.csv > report.html   # a fixed date: the same bytes",
      "",
      "The report opens offline and prints (inline CSS and SVG, no script). Its numbers are those",
      "of 'attune score --summary' and 'attune analyze' with the same options; its last line of",
      "provenance is the command that makes it again. Standard input must be a file (< data.csv):",
      "the report reads its input twice.",
      "Exit codes: 0 ok, 1 bad data or definition, 2 bad usage."}));
  return [args] { return run(*args); };
}

}  // namespace attune::cli

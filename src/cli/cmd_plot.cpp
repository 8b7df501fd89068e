// attune plot — draw the anxiety x avoidance plane, or the item response distributions.
//
// Scores the responses as `score` does (the same input and classification options) and draws
// each respondent on the plane of the instrument's two dimensions: the method's cut lines,
// the four regions with their counts (score --summary's), the correlation of the dimensions.
// Writes SVG to -o FILE (atomically) or to standard output; on a terminal without -o, a text
// rendering as wide as the terminal. --items draws one bar chart per item instead.
// Cost: streams in constant memory (up to 5,000 points, then a grid of counts), except the
// classification options that hold every row's scores as score's do (median, kmeans,
// --borderline).
//
// Usage: attune plot -i INSTRUMENT [options] [FILE | -]
#include <sys/ioctl.h>
#include <unistd.h>

#include <cstdlib>
#include <optional>

#include <fmt/format.h>

#include "attune/io/output_sink.h"
#include "attune/plot/plane_text.h"
#include "attune/run/plot_run.h"
#include "attune/util/threads.h"
#include "classify_args.h"
#include "common.h"
#include "input_args.h"
#include "memory_note.h"
#include "option_checks.h"
#include "progress.h"

namespace attune::cli {

namespace {

struct PlotArgs {
  InputArgs input;
  ClassifyArgs classification;
  std::string output;          // -o FILE ("" none: the terminal's text, else SVG on stdout)
  bool items = false, text = false;
  std::size_t width = 0;       // --width (0: the terminal's)
  std::size_t max_points = 5000;
  unsigned threads = 0;
};

// The columns of standard output's terminal: TIOCGWINSZ, else $COLUMNS, else 80.
std::size_t terminal_width() {
  winsize size{};
  if (::ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) return size.ws_col;
  if (const char* columns = std::getenv("COLUMNS")) {
    if (int n = std::atoi(columns); n > 0) return static_cast<std::size_t>(n);
  }
  return 80;
}

void write_out(const PlotArgs& args, const std::string& bytes) {
  auto sink = open_output(args.output.empty() ? "-" : args.output);
  sink->write(bytes);
  sink->commit();
}

int run(const PlotArgs& args) {
  check_input_use(args.input, "plot");
  OutputOptions output;
  output.output = args.output.empty() ? "-" : args.output;
  refuse_output_over_inputs(args.input, output);
  const bool as_text = args.text || (args.output.empty() && stdout_is_tty());
  if (args.items && as_text) {
    throw usage_error("--items draws SVG only", "give -o FILE.svg, or redirect standard output");
  }
  ScoreOptions options;
  InputChoice input = to_response_options(args.input);
  static_cast<ResponseOptions&>(options) = input.response;
  options.patterns_by_instrument = input.patterns_by_instrument;
  options.maps_by_instrument = input.maps_by_instrument;
  apply_classify_options(args.classification, kBorderlineReliability, options);
  options.threads = [&] { ThreadPlan plan = resolve_threads(args.threads); if (!plan.note.empty()) note(plan.note); return args.threads == 0 ? 0u : plan.count; }();
  std::vector<Instrument> instruments = load_instruments(args.input);
  const Instrument& instrument = instruments.front();
  check_instrument_ids(input, instruments);
  if (std::string range = range_note(instrument, options, "plotting", " and cut-offs move with the range"); !range.empty()) note(range);
  std::unique_ptr<RecordSource> reader = open_input(args.input);
  if (args.items) {
    plot::ItemTally tally = run_item_tally(instrument, *reader, options_for(input, instrument.id));
    write_out(args, plot::items_svg(fmt::format("{}: item responses", instrument.name.empty() ? instrument.id : instrument.name), tally));
    return kExitOk;
  }
  std::optional<FlagJoin> excluded = excluded_flags(args.input);
  options.flags = excluded ? &*excluded : nullptr;
  ProgressBar progress(true);
  ScoreHooks hooks;
  hooks.warn = [](const std::string& message) { warn(message); };
  hooks.progress = [&](std::uint64_t done, std::uint64_t total) { progress.update(done, total); };
  std::vector<std::string> reasons = held_reasons(args.classification);
  holding(reasons.empty() ? "" : fmt::format("plotting {}: {} (or plot the file in parts)", input_label(args.input), fmt::join(reasons, "; ")));
  PlaneRun plane = run_plane(instrument, *reader, options, hooks, args.max_points);
  progress.finish();
  if (plane.report.empty_records.count) note(plane.report.empty_records.summary(*reader));
  if (excluded) note(joined_note(*excluded, plane.report.rows - plane.report.empty_records.count));
  if (excluded) note(excluded_note(*excluded, plane.report.excluded, plane.report.first_excluded));
  if (plane.plane.outside()) {
    warn(fmt::format("{} respondents lie outside the axes' range and are drawn at its edge", plane.plane.outside()));
  }
  if (as_text) {
    const bool to_terminal = args.output.empty() && stdout_is_tty();
    plot::TextPlotOptions text{args.width ? args.width : to_terminal ? terminal_width() : 80,
                               to_terminal && colour_on_stdout()};
    write_out(args, plot::plane_text(plane.chart, plane.plane, text));
  } else {
    write_out(args, plot::plane_svg(plane.chart, plane.plane));
  }
  return kExitOk;
}

}  // namespace

Command add_plot_command(CLI::App& app) {
  auto args = std::make_shared<PlotArgs>();
  CLI::App* cmd = app.add_subcommand("plot", "Draw the anxiety x avoidance plane (SVG, or text on a terminal), or the item response distributions");
  add_input_options(*cmd, args->input,
                    {.several_instruments = false,
                     .refused = {{"--keep", "plot writes no row per respondent, so --keep has nothing to carry; give it to score"},
                                 {"--keep-all", "plot writes no row per respondent, so --keep-all has nothing to carry; give it to score"},
                                 {"--source-column", "plot writes no row per respondent, so --source-column has no row to "
                                                     "name the file of; give it to score"}}});
  add_classify_options(*cmd, args->classification, kBorderlineReliability);
  cmd->add_option("-o,--output", args->output, "Write the SVG (or with --text, the text) to FILE, atomically; without -o: text on a terminal, else SVG on standard output")
      ->option_text("FILE");
  cmd->add_flag("--items", args->items, "Draw one bar chart per item (answers, missing; reverse-keyed items marked) instead of the plane");
  cmd->add_flag("--text", args->text, "Draw the plane as text (braille dots, cut lines, counts) even when not on a terminal");
  cmd->add_option("--width", args->width, "Columns of the text rendering (default: the terminal's, else 80; at least 40)")
      ->option_text("N")->check(whole_number(40, 1000));
  cmd->add_option("--max-points", args->max_points, "Draw up to N points; above N, a 2-D density of counts (default 5000)")
      ->option_text("N")->check(whole_number(0, 1000000));
  cmd->add_option("--threads", args->threads, "Threads that parse and score rows (as score's --threads); the picture is the same")
      ->option_text("N")
      ->check(thread_count());
  cmd->footer(examples({
      "attune plot -i ecr-r responses.csv -o plane.svg         # scatter, or a density above 5,000",
      "attune plot -i ecr-r responses.csv                      # on a terminal: text",
      "attune plot -i ecr-r --classify median --borderline responses.csv -o plane.svg",
      "attune plot -i ecr-r --items responses.csv -o items.svg",
      "attune plot -i ecr-r --text --width 72 responses.csv > plane.txt",
      "",
      "The counts in each region are score --summary's for the same options. Colour only on a",
      "terminal, and never when NO_COLOR is set; shapes and hatching tell the patterns apart in print.",
      "Exit codes: 0 ok, 1 bad data or definition, 2 bad usage."}));
  return [args] { return run(*args); };
}

}  // namespace attune::cli

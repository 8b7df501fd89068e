// attune factor — exploratory factor analysis of an instrument's items, exact to R psych.
//
// psych::fa on the items' pairwise-complete Pearson correlations: minres (default), ml or pa
// extraction, as many factors as the instrument has scales unless --nfactors says otherwise,
// rotated (oblimin by default, as psych; varimax, promax, geominQ or none), with h2, u2, item
// complexity, variance accounted for, Phi and psych's fit statistics; psych::KMO and
// cortest.bartlett; and a check that every item loads highest on its scale's factor.
// --omega adds psych::omega (Schmid-Leiman), --parallel psych::fa.parallel (--plot its scree
// plot as SVG). --lavaan / --mplus write the instrument's measurement model as CFA syntax instead.
// Cost: one pass in constant memory (the correlation matrix is a one-pass sufficient statistic).
//
// Usage: attune factor -i INSTRUMENT [options] [FILE | -]
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <sys/stat.h>
#include <unistd.h>

#include "attune/factor/factor_writer.h"
#include "attune/factor/model_syntax.h"
#include "attune/io/open_input.h"
#include "attune/plot/scree.h"
#include "attune/responses/columns.h"
#include "attune/run/factor_run.h"
#include "attune/util/error.h"
#include "attune/util/text.h"
#include "attune/util/threads.h"
#include "common.h"
#include "input_args.h"
#include "option_checks.h"
#include "progress.h"
#include "statistics_command.h"

namespace attune::cli {

namespace {

struct FactorArgs {
  InputArgs input;
  OutputOptions output;
  std::size_t nfactors = 0;
  std::string fm = "minres", rotate = "oblimin", cor = "pearson";
  double cut = 0;
  bool lavaan = false, mplus = false, omega = false, parallel = false;
  std::size_t iterations = 20;
  std::uint64_t seed = 1;
  std::string plot;   // --plot FILE.svg: the parallel analysis' scree plot
  unsigned threads = 0;   // --threads: the parallel analysis' iterations (0: one per core)
};

FactorMethod parse_method(const std::string& text) {
  if (text == "minres") return FactorMethod::minres;
  if (text == "ml") return FactorMethod::ml;
  if (text == "pa") return FactorMethod::pa;
  throw usage_error(fmt::format("--fm takes minres, ml or pa, not '{}'", text), "psych::fa's fm: minres is its default");
}

RotationMethod parse_rotation(const std::string& text) {
  if (text == "none") return RotationMethod::none;
  if (text == "varimax") return RotationMethod::varimax;
  if (text == "promax") return RotationMethod::promax;
  if (text == "oblimin") return RotationMethod::oblimin;
  if (text == "geominQ") return RotationMethod::geomin_q;
  throw usage_error(fmt::format("--rotate takes none, varimax, promax, oblimin or geominQ, not '{}'", text),
                    "psych::fa's rotate: oblimin is its default");
}

// --lavaan / --mplus: the model from the definition, its items named by the data's columns
// when a FILE (or -) is given (its header alone is read), else by the definition's (and --columns/--map).
int write_model(const FactorArgs& args) {
  if (args.lavaan && args.mplus) throw usage_error("give --lavaan or --mplus, not both: each writes the whole model");
  const bool from_data = !args.input.inputs.empty();
  InputArgs checked = args.input;   // every check of the input options; without a FILE, none of standard input
  if (!from_data) checked.inputs = {"(no data: the definition's columns)"};
  check_input_use(checked, "factor");
  refuse_output_over_inputs(args.input, args.output);
  if (!args.output.format.empty() || !args.output.digits.empty()) {
    throw usage_error(fmt::format("{} writes model syntax, not a table: -f and --digits do not apply",
                                  args.lavaan ? "--lavaan" : "--mplus"),
                      "leave them out, or leave out the syntax option to get the factor analysis");
  }
  std::vector<std::string> analysis;   // options of the factor analysis, which the syntax does not run
  if (args.nfactors != 0) analysis.push_back("--nfactors");
  if (args.fm != "minres") analysis.push_back("--fm");
  if (args.rotate != "oblimin") analysis.push_back("--rotate");
  if (args.cor != "pearson") analysis.push_back("--cor");
  if (args.cut != 0) analysis.push_back("--cut");
  if (args.omega) analysis.push_back("--omega");
  if (args.parallel || !args.plot.empty()) analysis.push_back(args.parallel ? "--parallel" : "--plot");
  if (args.iterations != 20 || args.seed != 1 || args.threads != 0) analysis.push_back("--iter/--seed/--threads");
  if (!analysis.empty()) {
    throw usage_error(fmt::format("{} writes the scoring key's model and runs no factor analysis, so it takes no {}",
                                  args.lavaan ? "--lavaan" : "--mplus", fmt::join(analysis, " ")),
                      "leave them out, or leave out the syntax option to get the factor analysis");
  }
  InputChoice input = to_response_options(args.input);
  std::vector<Instrument> instruments = load_instruments(args.input);
  const Instrument& instrument = instruments.front();
  const ResponseOptions options = options_for(input, instrument.id);
  std::vector<std::string> columns;
  if (from_data) {
    auto source = open_input(args.input);
    columns = bind_columns(instrument, read_header(*source), options.columns, source->name()).item_columns;
  } else {
    columns = expected_item_columns(instrument, options.columns);
  }
  const std::string text = args.lavaan ? lavaan_model(instrument, columns) : mplus_model(instrument, columns);
  auto sink = open_output(args.output.output);
  sink->write(text);
  sink->commit();
  return kExitOk;
}

// Refuses a --plot that is not an .svg file or that would overwrite an input or -o.
void check_plot_path(const FactorArgs& args) {
  const std::string& plot = args.plot;
  if (plot == "-" || plot.size() < 5 || plot.compare(plot.size() - 4, 4, ".svg") != 0) {
    throw usage_error(fmt::format("--plot writes an SVG file: '{}' does not end in .svg", plot), "give --plot scree.svg");
  }
  OutputOptions as_output = args.output;
  as_output.output = plot;
  refuse_output_over_inputs(args.input, as_output, {args.output.output}, "--plot");
  struct stat info {};
  if (::stat(plot.c_str(), &info) == 0 && S_ISDIR(info.st_mode)) {
    throw usage_error(fmt::format("--plot {} is a directory", plot), "give --plot a file name, e.g. --plot scree.svg");
  }
}

// The scree plot of the parallel analysis, written atomically to `path`.
void write_scree(const std::string& path, const FactorReport& report) {
  const ParallelAnalysis& p = *report.parallel;
  plot::ScreeData data;
  data.title = fmt::format("Parallel analysis scree plot: {} ({} rows)", report.instrument, report.rows);
  data.factor_observed = p.fa_values;
  data.component_observed = p.pc_values;
  data.factor_simulated = p.fa_sim;
  data.component_simulated = p.pc_sim;
  data.factor_resampled = p.fa_simr;
  data.component_resampled = p.pc_simr;
  auto sink = open_output(path);
  sink->write(plot::scree_svg(data));
  sink->commit();
}

int run(const FactorArgs& args) {
  if (args.lavaan || args.mplus) return write_model(args);
  check_input_use(args.input, "factor");
  InputChoice input = to_response_options(args.input);
  refuse_output_over_inputs(args.input, args.output);
  FactorOptions options;
  options.nfactors = args.nfactors;
  options.method = parse_method(args.fm);
  options.rotation = parse_rotation(args.rotate);
  if (args.cor != "pearson" && args.cor != "poly") {
    throw usage_error(fmt::format("--cor takes pearson or poly, not '{}'", args.cor),
                      "pearson: pairwise-complete, as analyze; poly: polychoric (tetrachoric for two categories)");
  }
  options.polychoric = args.cor == "poly";
  options.omega = args.omega;
  if (args.parallel || !args.plot.empty()) {
    if (options.polychoric) {
      throw usage_error("--parallel compares with Pearson correlations of simulated data, so not with --cor poly",
                        "run --parallel with --cor pearson (the default)");
    }
    ParallelAnalysisOptions parallel;
    parallel.iterations = args.iterations;
    parallel.seed = args.seed;
    parallel.method = options.method;
    parallel.threads = [&] { ThreadPlan plan = resolve_threads(args.threads); if (!plan.note.empty()) note(plan.note); return plan.count; }();
    options.parallel = parallel;
  } else if (args.iterations != 20 || args.seed != 1) {
    throw usage_error("--iter and --seed set the parallel analysis: give --parallel (or --plot) with them");
  } else if (args.threads != 0) {
    throw usage_error("--threads shares the parallel analysis' iterations: give --parallel (or --plot) with it");
  }
  if (!args.plot.empty()) check_plot_path(args);
  StatisticsInput read = load_statistics_input(args.input, input);
  const Instrument& instrument = read.instrument();
  static_cast<ResponseOptions&>(options) = read.response;
  const std::optional<FlagJoin>& excluded = read.excluded;
  options.exclude = excluded ? &*excluded : nullptr;
  Format format = resolve_format(args.output);   // the output options are checked before anything is read
  if (format == Format::sav || format == Format::dta) {
    throw usage_error(fmt::format("factor writes statistics, not one row per respondent: -f {} does not apply",
                                  format_name(format)),
                      "give -f csv, tsv, json, jsonl or table");
  }
  if (args.cut != 0 && format != Format::table) {
    throw usage_error(fmt::format("--cut blanks loadings in the table, and -f {} writes every loading", format_name(format)),
                      "leave out --cut, or give -f table");
  }
  WriterOptions writing = writer_options(args.output, format);
  auto source = open_input(args.input);
  ProgressBar progress(true);
  options.progress = [&](std::uint64_t done, std::uint64_t total) { progress.update(done, total); };
  FactorReport report = run_factor(instrument, *source, options);
  progress.finish();
  note_rows_read(report, excluded);
  for (const auto& said : report.warnings) warn(said);
  if (!args.plot.empty()) write_scree(args.plot, report);
  write_statistics(args.output.output, format, writing,
                   [&](OutputSink& sink) { write_factor_text(report, sink, args.cut, writing.numbers); },
                   [&](OutputSink& sink) { write_factor_json(report, sink, writing.numbers.digits); },
                   [&](RecordWriter& writer) { write_factor_records(report, writer); });
  return kExitOk;
}

}  // namespace

Command add_factor_command(CLI::App& app) {
  auto args = std::make_shared<FactorArgs>();
  CLI::App* cmd = app.add_subcommand("factor", "Exploratory factor analysis of the items (psych::fa), KMO, Bartlett, item-to-scale check; CFA syntax");
  add_input_options(*cmd, args->input, statistics_input_use("factor"));
  cmd->add_option("--nfactors", args->nfactors, "Factors to extract (default: one per scale of the instrument)")
      ->option_text("N")->check(whole_number(1, 1000));
  cmd->add_option("--fm", args->fm, "Extraction: minres (default, as psych), ml or pa")->option_text("minres|ml|pa");
  cmd->add_option("--rotate", args->rotate, "Rotation: oblimin (default, as psych), geominQ, promax, varimax or none")
      ->option_text("oblimin|geominQ|promax|varimax|none");
  cmd->add_option("--cor", args->cor, "Correlations: pearson (pairwise-complete, as analyze) or poly (psych::polychoric; tetrachoric for two categories)")
      ->option_text("pearson|poly");
  cmd->add_option("--cut", args->cut, "Table: leave loadings below this absolute value blank (default 0, as print.psych)")
      ->option_text("X")->check(finite_number(0, 1));
  cmd->add_flag("--omega", args->omega,
                "Also psych::omega (Schmid-Leiman): omega hierarchical and total, subscale omegas, ECV, on the same factors");
  cmd->add_flag("--parallel", args->parallel,
                "Also psych::fa.parallel: observed eigenvalues against simulated and resampled data; suggested factors, components");
  cmd->add_option("--iter", args->iterations, "Parallel analysis: random data sets (default 20, as psych)")
      ->option_text("N")->check(whole_number(1, 100000));
  cmd->add_option("--seed", args->seed, "Parallel analysis: seed of the random data (default 1; the same seed, the same bytes)")
      ->option_text("S")->check(whole_number(0, UINT64_MAX));
  cmd->add_option("--threads", args->threads,
                  "Parallel analysis: threads sharing its iterations (default 0: one per core); the results are the same bytes")
      ->option_text("N")
      ->check(thread_count());
  cmd->add_option("--plot", args->plot, "Write the parallel analysis' scree plot to FILE.svg (runs --parallel)")
      ->option_text("FILE.svg");
  cmd->add_flag("--lavaan", args->lavaan, "Write the instrument's measurement model as lavaan syntax (one factor per scale)");
  cmd->add_flag("--mplus", args->mplus, "Write the instrument's measurement model as Mplus MODEL syntax");
  add_output_options(*cmd, args->output, {.numbers = true});
  cmd->footer(examples({"attune factor -i ecr-r responses.csv                 # EFA, one factor per scale, oblimin",
                        "attune factor -i ecr-r responses.csv --cut 0.3       # blank loadings below .30",
                        "attune factor -i my_items.yaml data.csv --nfactors 2 --fm ml --rotate varimax",
                        "attune factor -i ecr-r responses.csv -f json         # everything, with psych's names",
                        "attune factor -i ecr-r responses.csv --cor poly      # on polychoric correlations",
                        "attune factor -i my_items.yaml data.csv --nfactors 3 --omega   # omega h, omega total, ECV",
                        "attune factor -i ecr-r data.csv --parallel --iter 20 --seed 1 --plot scree.svg",
                        "attune factor -i ecr-r --lavaan > ecr-r.lav           # the scoring key as a CFA model",
                        "attune factor -i ecr-r responses.csv --mplus         # ... as Mplus, named by the data's columns",
                        "",
                        "Loadings are psych::fa's after its alignment (factors ordered by variance accounted for,",
                        "signs making each factor's loadings sum positive). Each factor is matched to the scale",
                        "whose keyed loadings (reversed items counted negative) sum largest in absolute value on",
                        "it, largest first; an item loading highest elsewhere is listed."}));
  return [args] { return run(*args); };
}

}  // namespace attune::cli

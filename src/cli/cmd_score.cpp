// attune score — score survey responses with an instrument definition.
//
// Reads a CSV of responses (one row per respondent, one column per item, an id column),
// reverse-keys items, computes every scale and computed score, classifies each respondent
// into a pattern, and writes one row per input row, in input order.
// Cost: streams in constant memory, except --impute mean|median, --classify median|kmeans,
// standardized prototypes (RSQ) and --borderline,
// which hold every row (scores and ids) for a second pass.
//
// Usage: attune score -i INSTRUMENT [options] [FILE | -]
#include <charconv>
#include <map>
#include <optional>

#include <fmt/format.h>

#include "attune/instrument/instrument.h"
#include "attune/io/csv_reader.h"
#include "attune/io/open_input.h"
#include "attune/run/score_run.h"
#include "attune/util/error.h"
#include "attune/util/text.h"
#include "attune/util/threads.h"
#include "common.h"
#include "progress.h"

namespace attune::cli {

namespace {

struct ScoreArgs {
  std::vector<std::string> instruments;
  std::vector<std::string> instrument_path;
  std::string input = "-";
  OutputOptions output;
  std::vector<std::string> ids, keeps, missing, cutoffs;
  std::vector<std::string> columns, map_files;
  std::string range, invalid = "error", impute = "none", min_valid, classify, delimiter;
  std::string input_format = "auto";
  std::string decimal = ".";
  std::string exclude_flagged, quality_flags, tie_rule;
  std::uint64_t seed = 20250101;
  bool borderline = false;
  std::vector<std::string> reliability;
  bool qualtrics = false;
  bool summary = false, summary_only = false, provenance = false, safe_csv = false;
  unsigned threads = 0;   // 0: one per core
};

double parse_double(const std::string& text, const std::string& option) {
  double value = 0;
  std::string_view t = trim(text);
  auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), value);
  if (ec != std::errc() || end != t.data() + t.size() || !std::isfinite(value)) {
    throw usage_error(fmt::format("{}: {} is not a number", option, show_text(text)));
  }
  return value;
}

char parse_delimiter(const std::string& text) {
  if (text.empty()) return 0;
  if (text == "," || text == "comma") return ',';
  if (text == ";" || text == "semicolon") return ';';
  if (text == "\t" || text == "\\t" || text == "tab") return '\t';
  throw usage_error(fmt::format("--delim {}: use ',', ';' or tab", show_text(text)));
}

ScoreOptions to_score_options(const ScoreArgs& args) {
  ScoreOptions options;
  // --columns PATTERN applies to every instrument; --columns ID=PATTERN to one (same for --map).
  auto per_instrument = [&](const std::vector<std::string>& values, const char* option,
                            std::optional<std::string>& shared, std::map<std::string, std::string>& by_id) {
    for (const auto& value : values) {
      auto at = value.find('=');
      if (at == std::string::npos) {
        if (shared) throw usage_error(fmt::format("{} given twice without an instrument id", option),
                                      fmt::format("write {} ID=VALUE for each instrument", option));
        shared = value;
      } else {
        by_id[value.substr(0, at)] = value.substr(at + 1);
      }
    }
  };
  per_instrument(args.columns, "--columns", options.columns.pattern, options.patterns_by_instrument);
  per_instrument(args.map_files, "--map", options.columns.map_file, options.maps_by_instrument);
  if (options.columns.pattern && options.columns.map_file) throw usage_error("give --columns or --map, not both");
  options.columns.id_columns = args.ids;
  options.columns.keep_columns = args.keeps;
  options.missing_codes = missing_codes(args.missing);
  if (!args.range.empty()) {
    auto parts = split(args.range, ':');
    if (parts.size() != 2) throw usage_error(fmt::format("--range {}: write MIN:MAX, e.g. 1:5", show_text(args.range)));
    double low = parse_double(parts[0], "--range"), high = parse_double(parts[1], "--range");
    if (low >= high) throw usage_error(fmt::format("--range {}: MIN must be below MAX", show_text(args.range)));
    options.range = {low, high};
  }
  if (args.invalid == "missing") options.invalid = InvalidPolicy::missing;
  else if (args.invalid != "error") throw usage_error("--invalid takes 'error' or 'missing'");
  auto impute = parse_impute(args.impute);
  if (!impute) throw usage_error(fmt::format("--impute {}: use none, mean or median", show_text(args.impute)));
  options.impute = *impute;
  if (!args.min_valid.empty()) {
    std::string text(trim(args.min_valid));
    MinValid rule;
    if (text.ends_with('%')) {
      rule = {true, parse_double(text.substr(0, text.size() - 1), "--min-valid") / 100};
      if (rule.value < 0 || rule.value > 1) throw usage_error("--min-valid: a percentage runs from 0% to 100%");
    } else {
      rule = {false, parse_double(text, "--min-valid")};
      if (rule.value < 0 || rule.value != std::floor(rule.value)) {
        throw usage_error("--min-valid takes a whole number of items or a percentage such as 50%");
      }
    }
    options.scoring.min_valid = rule;
  }
  if (args.classify == "none") options.classify = false;
  else options.classifier.method = args.classify;
  for (const auto& cutoff : args.cutoffs) {
    auto at = cutoff.find('=');
    if (at == std::string::npos) throw usage_error(fmt::format("--cutoff {}: write DIMENSION=VALUE", show_text(cutoff)));
    options.classifier.cutoffs[cutoff.substr(0, at)] = parse_double(cutoff.substr(at + 1), "--cutoff");
  }
  options.provenance = args.provenance;
  options.classifier.tie_rule = args.tie_rule;
  options.classifier.seed = args.seed;
  options.borderline = args.borderline;
  for (const auto& given : args.reliability) {
    auto at = given.find('=');
    std::string key = at == std::string::npos ? "all" : given.substr(0, at);
    double alpha = parse_double(at == std::string::npos ? given : given.substr(at + 1), "--reliability");
    if (alpha < 0 || alpha >= 1) throw usage_error("--reliability: alpha runs from 0 to below 1");
    options.reliability[key] = alpha;
  }
  if (!options.reliability.empty() && !options.borderline) throw usage_error("--reliability goes with --borderline");
  options.threads = [&] { ThreadPlan plan = resolve_threads(args.threads); if (!plan.note.empty()) note(plan.note); return plan.count; }();
  options.summary = args.summary || args.summary_only;
  if (args.decimal != "." && args.decimal != ",") throw usage_error("--decimal takes '.' or ','");
  options.decimal_mark = args.decimal[0];
  return options;
}

int run(const ScoreArgs& args) {
  if (args.input == "-" && stdin_is_tty()) {
    throw usage_error("no input: give a CSV file, or pipe data and give -", "see attune score --help");
  }
  ScoreOptions options = to_score_options(args);
  std::vector<Instrument> instruments;
  for (const auto& name : args.instruments) {
    instruments.push_back(load_named_instrument(name, args.instrument_path));
    const Instrument& instrument = instruments.back();
    if (options.range && (options.range->first != instrument.response.min ||
                          options.range->second != instrument.response.max)) {
      note(fmt::format("scoring {} on a {}..{} response scale (--range) instead of its published {}..{}: "
                       "reversed items become {} - x and cut-offs move with the range",
                       instrument.id, options.range->first, options.range->second, instrument.response.min,
                       instrument.response.max, options.range->first + options.range->second));
    }
  }
  for (const auto& by_id : {options.patterns_by_instrument, options.maps_by_instrument}) {
    for (const auto& [id, value] : by_id) {
      bool known = false;
      for (const auto& in : instruments) known = known || in.id == id;
      if (!known) throw usage_error(fmt::format("'{}={}' names no instrument given with -i", id, value));
    }
  }
  CsvOptions csv;
  csv.delimiter = parse_delimiter(args.delimiter);
  std::unique_ptr<RecordSource> reader = open_record_source(
      args.input, args.input_format, csv, args.qualtrics ? QualtricsMode::on : QualtricsMode::automatic);
  WriterOptions writer_options;
  writer_options.safe_csv = args.safe_csv;
  Output out = open_records_output(args.output, writer_options);
  StringSink discard;
  std::unique_ptr<RecordWriter> rows_writer;
  RecordWriter* rows = out.writer.get();
  if (args.summary_only) {
    rows_writer = make_writer(Format::csv, discard);
    rows = rows_writer.get();
  }
  ProgressBar progress(true);
  ScoreHooks hooks;
  hooks.warn = [](const std::string& message) { warn(message); };
  hooks.progress = [&](std::uint64_t done, std::uint64_t total) { progress.update(done, total); };
  FlagJoin flags;
  if (!args.exclude_flagged.empty() || !args.quality_flags.empty()) {
    if (!args.exclude_flagged.empty() && !args.quality_flags.empty() && args.exclude_flagged != args.quality_flags) {
      throw usage_error("--exclude-flagged and --quality name different files");
    }
    flags = read_flag_join(args.exclude_flagged.empty() ? args.quality_flags : args.exclude_flagged);
    flags.exclude = !args.exclude_flagged.empty();
    flags.annotate = !args.quality_flags.empty();
    options.flags = &flags;
  }
  ScoreReport report = run_score(instruments, *reader, *rows, options, hooks);
  if (flags.exclude) {
    note(fmt::format("left out {} respondent(s) flagged in {} (--exclude-flagged){}", report.excluded, flags.file,
                     report.excluded ? fmt::format("; the first: {}", report.first_excluded) : ""));
  }
  progress.finish();
  std::vector<InstrumentSummary> parts;
  for (const auto& part : report.instruments) parts.push_back({part.id, &part.summary, &part.classifier_parameters});
  if (args.summary_only) write_summaries(parts, *out.writer);
  out.sink->commit();
  if (args.summary && !args.summary_only) {
    auto sink = open_stderr();
    auto writer = make_writer(Format::table, *sink);
    write_summaries(parts, *writer);
    sink->commit();
  }
  return kExitOk;
}

}  // namespace

Command add_score_command(CLI::App& app) {
  auto args = std::make_shared<ScoreArgs>();
  CLI::App* cmd = app.add_subcommand("score", "Score responses: scales, computed scores and patterns, one row per respondent");
  cmd->add_option("file", args->input, "Responses (CSV; - or nothing for standard input)")->option_text("FILE");
  cmd->add_option("-i,--instrument", args->instruments,
                  "Instrument id (see 'attune instruments'; looked up on the search path only) or a definition file (a path with a '/' or ending in .yaml/.yml); repeat to score several from one file (columns are then prefixed with the id)")
      ->required()
      ->allow_extra_args(false)
      ->option_text("ID|FILE");
  add_instrument_path_option(*cmd, args->instrument_path);
  cmd->add_option("--id", args->ids, "Id column(s) to carry into the output (repeatable; default: id, ID or ResponseId, else the row number)")
      ->allow_extra_args(false)
      ->option_text("COL");
  cmd->add_option("--keep", args->keeps, "Also pass these columns through (repeatable)")->allow_extra_args(false)
      ->option_text("COL");
  cmd->add_option("--columns", args->columns, "Item columns follow PATTERN, {n} being the item number (e.g. 'ecr_{n}'); ID=PATTERN for one of several instruments")
      ->allow_extra_args(false)
      ->option_text("[ID=]PATTERN");
  cmd->add_option("--map", args->map_files, "Item columns from a CSV with header item,column; ID=FILE for one of several instruments")
      ->allow_extra_args(false)
      ->option_text("[ID=]FILE");
  cmd->add_option("--input-format", args->input_format,
                  "Input format: auto (by extension), csv, sav, zsav, dta, sas7bdat (SPSS/Stata/SAS via ReadStat; user-missing codes read as missing)")
      ->option_text("FORMAT");
  cmd->add_flag("--qualtrics", args->qualtrics,
                "The CSV is a Qualtrics export: skip its question-text and ImportId rows (detected by default)");
  cmd->add_option("--delim", args->delimiter, "Input delimiter: ',', ';' or tab (default: detected from the header)")
      ->option_text("CHAR");
  cmd->add_option("--decimal", args->decimal, "Decimal mark of the data: '.' (default) or ',' (European exports: 3,5)")
      ->option_text("MARK");
  cmd->add_option("--missing", args->missing, "Extra codes meaning 'no answer', comma-separated (e.g. 0,-99,NA)")
      ->allow_extra_args(false)
      ->option_text("CODES");
  cmd->add_option("--range", args->range, "The data's response scale when it differs from the instrument's (e.g. 1:5)")
      ->option_text("MIN:MAX");
  cmd->add_option("--invalid", args->invalid, "A value out of range or not a number: error (default) or missing (counted, reported)")
      ->option_text("error|missing");
  cmd->add_option("--impute", args->impute, "Replace missing item values by the item's sample mean or median before scoring (psych::scoreItems); holds all rows")
      ->option_text("none|mean|median");
  cmd->add_option("--min-valid", args->min_valid, "Fewest answered items for a scale score: a count or a percentage (default: the definition's, else 1)")
      ->option_text("N|P%");
  cmd->add_option("--classify", args->classify, "Pattern method: midpoint (the scale midpoint or the definition's cut-offs), median (sample medians), kmeans (4 clusters named by quadrant), norms, discriminant (where the definition cites them), prototype (highest rating), or none; median and kmeans hold all scores")
      ->option_text("METHOD");
  cmd->add_option("--tie-rule", args->tie_rule,
                  "prototype ties: report (tie:<patterns>, the default), forced-choice (the RQ's forced choice decides), unclassified")
      ->option_text("RULE");
  cmd->add_option("--seed", args->seed, "Seed of --classify kmeans' k-means++ starts (default 20250101)")->option_text("S");
  cmd->add_flag("--borderline", args->borderline,
                "Flag respondents within one standard error of measurement, SD*sqrt(1-alpha), of a cut-off (a flags column); holds all scores")
      ;
  cmd->add_option("--reliability", args->reliability,
                  "Alpha for --borderline instead of the sample's: ALPHA, or DIM=ALPHA (repeatable)")
      ->allow_extra_args(false)->option_text("[DIM=]ALPHA");
  cmd->add_option("--cutoff", args->cutoffs, "Override a cut-off, e.g. anxiety=3.5 (repeatable)")->allow_extra_args(false)
      ->option_text("DIM=VALUE");
  add_output_options(*cmd, args->output);
  cmd->add_option("--exclude-flagged", args->exclude_flagged,
                  "Leave out respondents flagged in FILE (the CSV output of attune quality), joined by id; says how many")
      ->option_text("FILE");
  cmd->add_option("--quality", args->quality_flags, "Add a quality_flags column joined by id from FILE (attune quality's output)")
      ->option_text("FILE");
  cmd->add_flag("--summary", args->summary, "Also print per-score n/mean/sd/min/max and pattern counts to stderr");
  cmd->add_flag("--summary-only", args->summary_only, "Write only the summary, as the output (in the chosen format)");
  cmd->add_option("--threads", args->threads, "Threads that parse, score and format rows (default 0: one per core); the output is the same bytes, in input order")
      ->option_text("N");
  cmd->add_flag("--provenance", args->provenance, "Add columns naming the attune version and the instrument id, version and SHA-256");
  cmd->add_flag("--safe-csv", args->safe_csv, "Prefix text cells starting with = + - @ with ' so spreadsheets do not run them");
  cmd->footer(examples({
      "attune score -i ecr-r responses.csv                  # a table on a terminal",
      "attune score -i ecr-r --id pid responses.csv -f csv -o scores.csv",
      "cat responses.csv | attune score -i my_items.yaml - | head",
      "attune score -i ecr --range 1:5 --missing 0 data.csv       # an ECR given on 1..5",
      "attune score -i ecr-r --classify median --summary responses.csv",
      "attune score -i ecr-r -i ecr --columns ecr=ecr_{n} both.csv    # two instruments, one file",
      "",
      "A score above its cut-off is high, a score on it is low. A respondent with a missing",
      "dimension gets an empty pattern and is counted as unclassified in --summary.",
      "Limits: a CSV field 64 MiB, a record 100,000 columns, a definition 1 MiB and 64 nesting",
      "levels (each breach stops with an error naming it); repeated ids are warned about, never",
      "dropped: ascending numeric ids (1, 2, 3, ...) over all rows, others over 3,000,000 ids.",
      "Exit codes: 0 ok, 1 bad data or definition, 2 bad usage."}));
  return [args] { return run(*args); };
}

}  // namespace attune::cli

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
#include "classify_args.h"
#include "common.h"
#include "input_args.h"
#include "memory_note.h"
#include "option_checks.h"
#include "progress.h"

namespace attune::cli {

namespace {

struct ScoreArgs {
  InputArgs input;
  OutputOptions output;
  ClassifyArgs classify;
  std::string quality_flags;
  bool summary = false, summary_only = false, provenance = false;
  unsigned threads = 0;   // 0: one per core
};


ScoreOptions to_score_options(const ScoreArgs& args) {
  ScoreOptions options;
  InputChoice input = to_response_options(args.input);
  static_cast<ResponseOptions&>(options) = input.response;
  options.patterns_by_instrument = input.patterns_by_instrument;
  options.maps_by_instrument = input.maps_by_instrument;
  apply_classify_options(args.classify, kBorderlineReliability, options);
  options.provenance = args.provenance;
  options.threads = [&] { ThreadPlan plan = resolve_threads(args.threads); if (!plan.note.empty()) note(plan.note); return args.threads == 0 ? 0u : plan.count; }();
  options.summary = args.summary || args.summary_only;
  return options;
}

// What a score run holds in memory, and which option lets it stream instead (for the message
// when memory runs out); "" when it streams.
std::string held_rows(const ScoreArgs& args) {
  std::vector<std::string> reasons = held_reasons(args.classify);
  if (!args.summary_only && resolve_format(args.output) == Format::table) {
    reasons.push_back("-f table holds every row to align its columns (-f csv, tsv or jsonl write each row as it is read)");
  }
  if (reasons.empty()) return "";
  return fmt::format("scoring {}: {} (or score the file in parts)", input_label(args.input),
                     fmt::join(reasons, "; "));
}

int run(const ScoreArgs& args) {
  check_input_use(args.input, "score");
  refuse_output_over_inputs(args.input, args.output, {args.quality_flags});
  ScoreOptions options = to_score_options(args);
  std::vector<Instrument> instruments = load_instruments(args.input);
  for (const Instrument& instrument : instruments) {
    std::string range = range_note(instrument, options, "scoring", " and cut-offs move with the range");
    if (!range.empty()) note(range);
  }
  check_instrument_ids({options, options.patterns_by_instrument, options.maps_by_instrument}, instruments);
  std::unique_ptr<RecordSource> reader = open_input(args.input);
  Output out = open_records_output(args.output);
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
  const std::string& exclude_flagged = args.input.exclude_flagged;
  FlagJoin flags;
  if (!exclude_flagged.empty() || !args.quality_flags.empty()) {
    if (!exclude_flagged.empty() && !args.quality_flags.empty() && exclude_flagged != args.quality_flags) {
      throw usage_error("--exclude-flagged and --quality name different files");
    }
    flags = read_flag_join(exclude_flagged.empty() ? args.quality_flags : exclude_flagged);
    flags.exclude = !exclude_flagged.empty();
    flags.annotate = !args.quality_flags.empty();
    options.flags = &flags;
  }
  holding(held_rows(args));
  ScoreReport report = run_score(instruments, *reader, *rows, options, hooks);
  if (report.empty_records.count) note(report.empty_records.summary(*reader));
  for (const auto& said : rows->notes()) note(said);   // a column renamed for SPSS/Stata
  if (options.flags) note(joined_note(flags, report.rows - report.empty_records.count));   // throws when none matched: nothing is committed
  if (flags.exclude) note(excluded_note(flags, report.excluded, report.first_excluded));
  progress.finish();
  std::vector<InstrumentSummary> parts;
  for (const auto& part : report.instruments) parts.push_back({part.id, &part.summary, &part.classifier_parameters});
  if (args.summary_only) {
    write_summaries(parts, *out.writer);
    for (const auto& said : out.writer->notes()) note(said);
  }
  out.sink->commit();
  if (args.summary && !args.summary_only) {
    auto sink = open_stderr();
    WriterOptions table;   // the summary follows --digits and --output-decimal, as a table shows them
    OutputOptions as_table = args.output;
    as_table.delimiter.clear();   // --output-delim is the rows' (checked with them before any was read)
    table.numbers = writer_options(as_table, Format::table).numbers;
    auto writer = make_writer(Format::table, *sink, table);
    write_summaries(parts, *writer);
    sink->commit();
  }
  return kExitOk;
}

}  // namespace

Command add_score_command(CLI::App& app) {
  auto args = std::make_shared<ScoreArgs>();
  CLI::App* cmd = app.add_subcommand("score", "Score responses: scales, computed scores and patterns, one row per respondent");
  add_input_options(*cmd, args->input, {.several_instruments = true, .refused = {}});
  add_classify_options(*cmd, args->classify, kBorderlineReliability);
  add_output_options(*cmd, args->output, {.numbers = true});
  cmd->add_option("--quality", args->quality_flags, "Add a quality_flags column joined by id from FILE (attune quality's output)")
      ->option_text("FILE");
  cmd->add_flag("--summary", args->summary, "Also print per-score n/mean/sd/min/max and pattern counts to stderr");
  cmd->add_flag("--summary-only", args->summary_only, "Write only the summary, as the output (in the chosen format)");
  cmd->add_option("--threads", args->threads, "Threads that parse, score and format rows (default 0: one per core for delimited text, one for .sav/.dta/.sas7bdat, whose decoding is the work); the output is the same bytes, in input order")
      ->option_text("N")
      ->check(thread_count());
  cmd->add_flag("--provenance", args->provenance, "Add columns naming the attune version and the instrument id, version and SHA-256");
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

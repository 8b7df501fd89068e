// attune quality — screen respondents for careless and insufficient-effort responding.
//
// Per respondent: longstring (longest and average run of identical answers), IRV (SD across
// items), Mahalanobis D² with its chi-square p, even-odd consistency, psychometric synonyms
// and antonyms, attention checks declared in the definition, and completion time; a `flags`
// column names the indices past their thresholds. Cost: holds every respondent's answers
// (the sample statistics need a first pass).
//
// Usage: attune quality -i INSTRUMENT [options] [FILE | -]
#include <limits>

#include <fmt/format.h>

#include "attune/io/open_input.h"
#include "attune/quality/screen.h"
#include "attune/responses/response_reader.h"
#include "attune/util/error.h"
#include "attune/util/text.h"
#include "common.h"

namespace attune::cli {

namespace {

struct QualityArgs {
  std::string instrument, input = "-", input_format = "auto", duration_column, mahalanobis_missing = "answered";
  std::vector<std::string> instrument_path, ids, missing;
  OutputOptions output;
  std::optional<double> longstring, irv_below, irv_above, even_odd_below, psychsyn_below, psychant_above, duration_below;
  double alpha = 0.001, psychsyn_r = 0.60;
  std::size_t attention_failures = 1;
  bool summary = false;
};

// Reads attention-check and duration cells as item cells are read (a CellParser): numbers,
// the definition's response labels (checks only) and missing codes with --missing; any value,
// since neither needs to be on the items' scale.
class ExtraCellReader {
 public:
  ExtraCellReader(ResponseScale scale, const std::vector<std::string>& missing, std::string file)
      : parser_(unbounded(std::move(scale)), missing), file_(std::move(file)) {}

  double read(const Record& record, std::size_t field, const std::string& column) const {
    ParsedCell cell = parser_.parse(record.fields[field]);
    if (cell.status == CellStatus::invalid) {
      throw data_error(record.where(file_, field), fmt::format("column {}: {}", show_text(column), cell.problem),
                       "give numbers (attention checks may also use the definition's response labels); add "
                       "--missing CODE for a code that means no answer");
    }
    return cell.value;   // NaN when missing
  }

 private:
  static ResponseScale unbounded(ResponseScale scale) {
    scale.min = -std::numeric_limits<double>::infinity();
    scale.max = std::numeric_limits<double>::infinity();
    scale.integer = false;
    return scale;
  }
  CellParser parser_;
  std::string file_;
};

std::size_t find_field(const std::vector<std::string>& header, const std::string& name, const std::string& what,
                       const std::string& file) {
  for (std::size_t i = 0; i < header.size(); ++i) {
    if (header[i] == name) return i;
  }
  throw data_error({file, 1, 0}, fmt::format("{} column {} is not in the header", what, show_text(name)),
                   "check the column name");
}

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
  if (args.input == "-" && stdin_is_tty()) throw usage_error("no input: give a file, or pipe data and give -");
  QualityThresholds thresholds = thresholds_of(args);
  Instrument definition = load_named_instrument(args.instrument, args.instrument_path);
  if (args.duration_below && args.duration_column.empty()) throw usage_error("--duration-below needs --duration COL");
  auto source = open_record_source(args.input, args.input_format);
  ResponseOptions options;
  options.columns.id_columns = args.ids;
  options.missing_codes = missing_codes(args.missing);
  std::vector<std::string> header = read_header(*source);
  const Instrument instrument = definition.for_columns(header);
  ResponseParser parser(instrument, header, options, source->name());
  QualityInput input;
  std::vector<std::size_t> check_fields;
  for (std::size_t c = 0; c < instrument.attention_checks.size(); ++c) {
    const auto& spec = instrument.attention_checks[c];
    check_fields.push_back(find_field(header, spec.column, "attention check", source->name()));
    input.checks.push_back({c, spec.item, spec.column, spec.expected});
  }
  std::optional<std::size_t> duration_field;
  if (!args.duration_column.empty()) duration_field = find_field(header, args.duration_column, "--duration", source->name());
  ExtraCellReader check_cells(instrument.response, options.missing_codes, source->name());
  ResponseScale duration_scale;   // no labels; the definition's missing codes still mean no answer
  duration_scale.missing_codes = instrument.response.missing_codes;
  ExtraCellReader duration_cells(duration_scale, options.missing_codes, source->name());
  std::string ids_text;               // the ids of every row, kept for the output
  std::vector<std::size_t> id_ends;
  Record record;
  ResponseRow row;
  std::uint64_t rows = 0;
  while (source->next(record)) {
    parser.parse(record, ++rows, row);
    for (auto text : row.texts) {
      ids_text.append(text);
      id_ends.push_back(ids_text.size());
    }
    input.items.push_back(row.items);
    if (!check_fields.empty()) {
      std::vector<double> values;
      for (std::size_t c = 0; c < check_fields.size(); ++c) {
        values.push_back(check_cells.read(record, check_fields[c], instrument.attention_checks[c].column));
      }
      input.check_values.push_back(std::move(values));
    }
    if (duration_field) {
      input.durations.push_back(duration_cells.read(record, *duration_field, args.duration_column));
    }
  }
  QualityReport report = screen(instrument, input, thresholds);

  const ColumnBinding& binding = parser.binding();
  const bool row_ids = binding.id_fields.empty();
  std::vector<Column> columns;
  for (const auto& name : binding.id_names) columns.push_back({name, row_ids});
  for (auto name : {"longstring", "longstring_avg", "irv", "mahalanobis_d2", "mahalanobis_df", "mahalanobis_p",
                    "even_odd", "psychsyn", "psychsyn_pairs", "psychant", "psychant_pairs"}) {
    columns.push_back({name, true});
  }
  if (!input.checks.empty()) columns.push_back({"attention_failed", true, 0});
  if (duration_field) columns.push_back({"duration", true});
  columns.push_back({"flags", false});
  Output out = open_records_output(args.output);
  out.writer->begin(columns);
  std::vector<Cell> cells;
  std::vector<std::string> flag_texts(report.respondents.size());
  std::size_t start = 0;
  const std::size_t n_ids = binding.id_fields.size();
  for (std::size_t r = 0; r < report.respondents.size(); ++r) {
    const RespondentQuality& q = report.respondents[r];
    cells.clear();
    if (row_ids) cells.push_back(Cell::of(static_cast<double>(r + 1)));
    for (std::size_t t = 0; t < n_ids; ++t) {
      std::size_t end = id_ends[r * n_ids + t];
      cells.push_back(Cell::of(std::string_view(ids_text).substr(start, end - start)));
      start = end;
    }
    for (double v : {q.longstring.longest, q.longstring.average, q.irv, q.mahalanobis.d_squared,
                     std::isnan(q.mahalanobis.d_squared) ? NAN : static_cast<double>(q.mahalanobis.df), q.mahalanobis.p_value,
                     q.even_odd.consistency, q.psychsyn.r, static_cast<double>(q.psychsyn.pairs_answered), q.psychant.r,
                     static_cast<double>(q.psychant.pairs_answered)}) {
      cells.push_back(Cell::of(v));
    }
    if (!input.checks.empty()) cells.push_back(Cell::of(static_cast<double>(q.attention.failed)));
    if (duration_field) cells.push_back(Cell::of(q.duration));
    flag_texts[r] = report.flags[r].to_string();
    cells.push_back(flag_texts[r].empty() ? Cell::missing() : Cell::of(std::string_view(flag_texts[r])));
    out.writer->write_row(cells);
  }
  out.writer->finish();
  out.sink->commit();
  if (!report.mahalanobis_problem.empty()) warn("Mahalanobis D²: " + report.mahalanobis_problem);
  if (report.even_odd_scales < 3) {
    note(fmt::format("even-odd consistency needs at least 3 multi-item scales; {} has {}, so it is empty",
                     instrument.id, report.even_odd_scales));
  }
  if (args.summary) {
    const QualitySummary& s = report.summary;
    fmt::print(stderr, "respondents {}; flagged {}\n", s.respondents, s.flagged);
    fmt::print(stderr, "  longstring {}, irv_low {}, irv_high {}, mahalanobis {}, even_odd {}, psychsyn {}, psychant {}, "
                       "attention {}, duration {}\n",
               s.longstring, s.irv_low, s.irv_high, s.mahalanobis, s.even_odd, s.psychsyn, s.psychant, s.attention,
               s.duration);
    fmt::print(stderr, "  synonym pairs {}, antonym pairs {}\nthresholds:\n", report.synonym_pairs, report.antonym_pairs);
    for (const auto& [name, value] : describe(thresholds)) fmt::print(stderr, "  {} {}\n", name, value);
  }
  return kExitOk;
}

}  // namespace

Command add_quality_command(CLI::App& app) {
  auto args = std::make_shared<QualityArgs>();
  CLI::App* cmd = app.add_subcommand("quality", "Screen respondents for careless responding: longstring, IRV, Mahalanobis, even-odd, synonyms, attention checks");
  cmd->add_option("file", args->input, "Responses (- or nothing for standard input)")->option_text("FILE");
  cmd->add_option("-i,--instrument", args->instrument, "Instrument id (looked up on the search path), or a definition file: a path with a '/' or ending in .yaml/.yml")->required()->option_text("ID|FILE");
  add_instrument_path_option(*cmd, args->instrument_path);
  cmd->add_option("--id", args->ids, "Id column(s) (default: id, ID or ResponseId, else the row number)")
      ->allow_extra_args(false)->option_text("COL");
  cmd->add_option("--missing", args->missing, "Extra codes meaning 'no answer', comma-separated")
      ->allow_extra_args(false)->option_text("CODES");
  cmd->add_option("--input-format", args->input_format, "auto, csv, sav, zsav, dta, sas7bdat")->option_text("FORMAT");
  cmd->add_option("--longstring", args->longstring, "Flag a longest run of identical answers of at least N (no default)")->option_text("N");
  cmd->add_option("--irv-below", args->irv_below, "Flag an IRV below X: straight-lining (no default)")->option_text("X");
  cmd->add_option("--irv-above", args->irv_above, "Flag an IRV above X: random responding (no default)")->option_text("X");
  cmd->add_option("--alpha", args->alpha, "Flag Mahalanobis D² with chi-square p below ALPHA (default .001)")->option_text("ALPHA");
  cmd->add_option("--mahalanobis-missing", args->mahalanobis_missing,
                  "Rows with missing answers: answered (D² over the answered items, default) or psych (as psych::outlier)")
      ->option_text("answered|psych");
  cmd->add_option("--even-odd-below", args->even_odd_below, "Flag an even-odd consistency below X (no default)")->option_text("X");
  cmd->add_option("--psychsyn-r", args->psychsyn_r, "Item pairs correlating above R are synonyms, below -R antonyms (default .60)")->option_text("R");
  cmd->add_option("--psychsyn-below", args->psychsyn_below, "Flag a synonym correlation below X (no default)")->option_text("X");
  cmd->add_option("--psychant-above", args->psychant_above, "Flag an antonym correlation above X (no default)")->option_text("X");
  cmd->add_option("--attention-failures", args->attention_failures, "Flag N or more failed attention checks (default 1)")->option_text("N");
  cmd->add_option("--duration", args->duration_column, "Completion-time column")->option_text("COL");
  cmd->add_option("--duration-below", args->duration_below, "Flag a completion time below X (in the column's unit; no default)")->option_text("X");
  add_output_options(*cmd, args->output);
  cmd->add_flag("--summary", args->summary, "Print counts per flag and the thresholds used to stderr");
  cmd->footer(examples({"attune quality -i ecr-r responses.csv --longstring 10 --irv-below 0.5",
                        "attune quality -i my_items.yaml survey.csv --duration Duration --duration-below 120 --summary",
                        "attune quality -i ecr-r data.csv -f csv -o flags.csv && attune score -i ecr-r data.csv --exclude-flagged flags.csv",
                        "",
                        "Thresholds without a default are reported but never flag until you set them: the literature",
                        "gives no cut-off that holds across instruments. An empty index could not be computed."}));
  return [args] { return run(*args); };
}

}  // namespace attune::cli

#include "input_args.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <memory>
#include <set>

#include <fmt/format.h>

#include "attune/io/concat_source.h"
#include "attune/instrument/keys_list.h"
#include "attune/io/open_input.h"
#include "attune/util/error.h"
#include "attune/util/text_encoding.h"
#include "attune/util/text.h"
#include "common.h"
#include "option_checks.h"

namespace attune::cli {

namespace {

constexpr const char* kGroup = "Input options (shared by score, analyze, quality)";

char parse_delimiter(const std::string& text) {
  if (text.empty()) return 0;
  if (text == "," || text == "comma") return ',';
  if (text == ";" || text == "semicolon") return ';';
  if (text == "\t" || text == "\\t" || text == "tab") return '\t';
  throw usage_error(fmt::format("--delim {}: use ',', ';' or tab", show_text(text)));
}

// --columns PATTERN applies to every instrument; --columns ID=PATTERN to one (same for --map).
void per_instrument(const std::vector<std::string>& values, const char* option, std::optional<std::string>& shared,
                    std::map<std::string, std::string>& by_id) {
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
}

}  // namespace

double parse_double(const std::string& text, const std::string& option) {
  double value = 0;
  std::string_view t = trim(text);
  auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), value);
  if (ec != std::errc() || end != t.data() + t.size() || !std::isfinite(value)) {
    throw usage_error(fmt::format("{}: {} is not a number", option, show_text(text)));
  }
  return value;
}

void add_input_options(CLI::App& cmd, InputArgs& args, const InputUse& use) {
  args.several_instruments = use.several_instruments;
  auto refusal = [&](const std::string& name) -> const std::string* {
    for (const auto& [option, why] : use.refused) {
      if (option == name || (name == "--keep-all" && option == "--keep")) return &why;   // one refusal for both
    }
    return nullptr;
  };
  // Every option goes through here: a refused one is hidden and remembered with its sentence.
  auto place = [&](CLI::Option* option, const std::string& name) {
    if (const std::string* why = refusal(name)) {
      option->group("");
      args.refused.emplace_back(option, *why);
    } else {
      option->group(kGroup);
    }
    return option;
  };
  cmd.add_option("file", args.inputs,
                 "Responses (CSV, SPSS, Stata, SAS; - or nothing for standard input); several files with the same "
                 "header are read in order as one data set")
      ->option_text("FILE...");
  place(cmd.add_option("-i,--instrument", args.instruments,
                       use.several_instruments
                           ? "Instrument id (see 'attune instruments'; looked up on the search path only) or a definition file (a path with a '/' or ending in .yaml/.yml); repeat to score several from one file (columns are then prefixed with the id)"
                           : "Instrument id (see 'attune instruments'; looked up on the search path only) or a definition file (a path with a '/' or ending in .yaml/.yml)")
            ->allow_extra_args(false)
            ->option_text("ID|FILE"),
        "--instrument");
  place(cmd.add_option("--keys", args.keys,
                       "Score a psych-style keys list instead of a definition: one 'scale: item -item ...' line per "
                       "scale, items named by their columns, '-' reversing (needs --range; no classification)")
            ->option_text("FILE"),
        "--keys");
  place(cmd.add_option("--instrument-path", args.instrument_path,
                       "Also look for instrument definitions in DIR (repeatable; before $ATTUNE_INSTRUMENT_PATH)")
            ->allow_extra_args(false)
            ->option_text("DIR"),
        "--instrument-path");
  place(cmd.add_option("--id", args.ids, "Id column(s): carried into the output, and the key --exclude-flagged joins on (repeatable; default: id, ID or ResponseId, else the row number)")
            ->allow_extra_args(false)
            ->option_text("COL"),
        "--id");
  place(cmd.add_option("--keep", args.keeps, "Also pass these columns through, comma-separated (e.g. Q1,Q2; repeatable)")
            ->allow_extra_args(false)
            ->option_text("COLS"),
        "--keep");
  place(cmd.add_flag("--keep-all", args.keep_all, "Pass every column that is not an item or an id through"),
        "--keep-all");
  place(cmd.add_option("--columns", args.columns, "Item columns follow PATTERN, {n} being the item number (e.g. 'ecr_{n}'); ID=PATTERN for one of several instruments")
            ->allow_extra_args(false)
            ->option_text("[ID=]PATTERN"),
        "--columns");
  place(cmd.add_option("--map", args.map_files, "Item columns from a CSV with header item,column; ID=FILE for one of several instruments")
            ->allow_extra_args(false)
            ->option_text("[ID=]FILE"),
        "--map");
  place(cmd.add_option("--input-format", args.input_format,
                       "Input format: auto (by extension), csv, sav, zsav, dta, sas7bdat (SPSS/Stata/SAS via ReadStat; user-missing codes read as missing)")
            ->option_text("FORMAT")
            ->check(not_empty("an input format (auto, csv, sav, zsav, dta, sas7bdat)")),
        "--input-format");
  place(cmd.add_flag("--qualtrics", args.qualtrics,
                     "The CSV is a Qualtrics export: skip its question-text and ImportId rows (detected by default)"),
        "--qualtrics");
  place(cmd.add_option("--delim", args.delimiter, "Input delimiter: ',', ';' or tab (default: detected from the header)")
            ->option_text("CHAR")
            ->check(not_empty("a delimiter (',', ';' or tab)")),
        "--delim");
  place(cmd.add_option("--decimal", args.decimal, "Decimal mark of the data: '.' (default) or ',' (European exports: 3,5)")
            ->option_text("MARK"),
        "--decimal");
  place(cmd.add_option("--missing", args.missing, "Extra codes meaning 'no answer', comma-separated (e.g. 0,-99,NA)")
            ->allow_extra_args(false)
            ->option_text("CODES"),
        "--missing");
  place(cmd.add_option("--na", args.na,
                       "Codes missing by default, comma-separated (default: NA, as R and pandas read it; --na '' for none)")
            ->option_text("CODES"),
        "--na");
  place(cmd.add_option("--range", args.range, "The data's response scale when it differs from the instrument's (e.g. 1:5)")
            ->option_text("MIN:MAX")
            ->check(not_empty("a response scale MIN:MAX")),
        "--range");
  place(cmd.add_option("--invalid", args.invalid, "A value out of range or not a number: error (default) or missing (counted, reported)")
            ->option_text("error|missing"),
        "--invalid");
  place(cmd.add_option("--encoding", args.encoding,
                       "What the bytes of text cells (ids, kept columns) and column names are: utf-8 (default; other "
                       "bytes are an error), latin1 or cp1252 (Windows, Excel's \"CSV\"), read as UTF-8")
            ->option_text("NAME"),
        "--encoding");
  place(cmd.add_flag("--keep-empty", args.keep_empty,
                     "Keep records whose every cell is empty (a line of delimiters alone) as rows; by default they are "
                     "not respondents: left out, with a note (CSV/TSV only; SPSS/Stata/SAS cases are always kept)"),
        "--keep-empty");
  place(cmd.add_option("--source-column", args.source_column,
                       "Add a text column NAME holding each row's input file (as given; <stdin> for -), after the id "
                       "and --keep columns: for several files")
            ->option_text("NAME"),
        "--source-column");
  place(cmd.add_option("--exclude-flagged", args.exclude_flagged,
                       "Leave out respondents flagged in FILE (the CSV output of attune quality), joined by id; says how many")
            ->option_text("FILE"),
        "--exclude-flagged");
}

void refuse_output_over_inputs(const InputArgs& args, const OutputOptions& output,
                               const std::vector<std::string>& more_files, const std::string& option) {
  std::vector<std::string> files = input_files(args);
  files.push_back(args.exclude_flagged);
  files.push_back(args.keys);
  files.insert(files.end(), more_files.begin(), more_files.end());
  refuse_output_over_inputs(output, files, args.instruments, args.instrument_path, args.map_files, option);
}

void check_input_use(const InputArgs& args, const std::string& command) {
  const std::vector<std::string> files = input_files(args);
  if (std::count(files.begin(), files.end(), "-") > 1) {
    throw usage_error("- (standard input) is given more than once", "give - once; it can be read only once");
  }
  if (std::count(files.begin(), files.end(), "-") == 1 && stdin_is_tty()) {
    throw usage_error("no input: give a file, or pipe data and give -", fmt::format("see attune {} --help", command));
  }
  for (const auto& [option, why] : args.refused) {
    if (option->count() > 0) throw usage_error(why);
  }
  if (!args.keys.empty() && !args.instruments.empty()) {
    throw usage_error("give -i or --keys, not both: each says which items to score",
                      "--keys FILE scores a keys list without a definition; -i ID|FILE a definition");
  }
  if (args.keys.empty() && args.instruments.empty()) {
    throw usage_error("--instrument is required: -i ID|FILE names the definition to use",
                      "or give --keys FILE --range MIN:MAX to score a psych-style keys list");
  }
  if (!args.keys.empty() && args.range.empty()) {
    throw usage_error("--keys needs --range MIN:MAX: a keys list does not say the response scale",
                      "give the scale the items were answered on, e.g. --range 1:5");
  }
  if (!args.several_instruments && args.instruments.size() > 1) {
    throw usage_error(fmt::format("{} reads one instrument at a time; run it once for each -i", command));
  }
}

std::pair<double, double> parse_range(const std::string& text) {
  auto parts = split(text, ':');
  if (parts.size() != 2) throw usage_error(fmt::format("--range {}: write MIN:MAX, e.g. 1:5", show_text(text)));
  double low = parse_double(parts[0], "--range"), high = parse_double(parts[1], "--range");
  if (low >= high) throw usage_error(fmt::format("--range {}: MIN must be below MAX", show_text(text)));
  if (std::fabs(low) > kResponseScaleLimit || std::fabs(high) > kResponseScaleLimit) {
    throw usage_error(fmt::format("--range {}: the ends must lie within +-{}", show_text(text), kResponseScaleLimit),
                      "no rating scale is that wide; scores and cut-offs of it would lose their precision");
  }
  return {low, high};
}

InputChoice to_response_options(const InputArgs& args) {
  InputChoice choice;
  ResponseOptions& options = choice.response;
  per_instrument(args.columns, "--columns", options.columns.pattern, choice.patterns_by_instrument);
  per_instrument(args.map_files, "--map", options.columns.map_file, choice.maps_by_instrument);
  if (options.columns.pattern && options.columns.map_file) throw usage_error("give --columns or --map, not both");
  options.columns.id_columns = args.ids;
  for (const auto& list : args.keeps) {   // comma lists, as --missing
    for (const auto& name : split(list, ',')) {
      if (!trim(name).empty()) options.columns.keep_columns.emplace_back(trim(name));
    }
  }
  if (!args.source_column.empty()) options.columns.keep_columns.push_back(args.source_column);   // after --keep's
  options.columns.keep_all = args.keep_all;
  // Each note once, though every instrument (and thread) binds the header.
  options.columns.note = [said = std::make_shared<std::set<std::string>>()](const std::string& message) {
    if (said->insert(message).second) note(message);
  };
  options.missing_codes = missing_codes({args.na});
  for (auto& code : missing_codes(args.missing)) options.missing_codes.push_back(std::move(code));
  if (!args.range.empty()) options.range = parse_range(args.range);
  if (args.invalid == "missing") options.invalid = InvalidPolicy::missing;
  else if (args.invalid != "error") throw usage_error("--invalid takes 'error' or 'missing'");
  if (args.decimal != "." && args.decimal != ",") throw usage_error("--decimal takes '.' or ','");
  if (args.decimal == "," && parse_delimiter(args.delimiter) == ',') {
    throw usage_error("--decimal , with --delim ,: a comma cannot both part the fields and mark the decimals",
                      "files with decimal commas are written with ';' or tab between fields: give --delim ';' "
                      "(or leave --delim out: it is detected from the header)");
  }
  options.decimal_mark = args.decimal[0];
  options.keep_empty = args.keep_empty;
  std::optional<TextEncoding> encoding = text_encoding_named(args.encoding);
  if (!encoding) throw usage_error(fmt::format("--encoding {}: use utf-8, latin1 or cp1252", show_text(args.encoding)));
  options.encoding = *encoding;
  return choice;
}

ResponseOptions options_for(const InputChoice& choice, const std::string& instrument_id) {
  ResponseOptions own = choice.response;
  own.columns = columns_for(own.columns, choice.patterns_by_instrument, choice.maps_by_instrument, instrument_id);
  return own;
}

void check_instrument_ids(const InputChoice& choice, const std::vector<Instrument>& instruments) {
  for (const auto& by_id : {choice.patterns_by_instrument, choice.maps_by_instrument}) {
    for (const auto& [id, value] : by_id) {
      bool known = false;
      for (const auto& in : instruments) known = known || in.id == id;
      if (!known) throw usage_error(fmt::format("'{}={}' names no instrument given with -i", id, value));
    }
  }
  // A --columns/--map without ID= goes to every instrument that has none of its own: two or
  // more would then read the same columns, each scored from the other's items.
  const std::optional<std::string>& pattern = choice.response.columns.pattern;
  const std::optional<std::string>& map_file = choice.response.columns.map_file;
  if (!pattern && !map_file) return;
  std::vector<std::string> sharing;
  for (const auto& in : instruments) {
    if (!choice.patterns_by_instrument.count(in.id) && !choice.maps_by_instrument.count(in.id)) sharing.push_back(in.id);
  }
  if (sharing.size() < 2) return;
  const char* option = pattern ? "--columns" : "--map";
  const std::string& value = pattern ? *pattern : *map_file;
  std::string ids;
  for (const auto& id : sharing) ids += (ids.empty() ? "" : ", ") + id;
  throw usage_error(fmt::format("{} {} names no instrument, and {} instruments are given ({}): each would be "
                                "read from the same columns",
                                option, show_text(value), sharing.size(), ids),
                    fmt::format("write {} ID={} for each instrument, e.g. {} {}", option, pattern ? "PATTERN" : "FILE",
                                option, show_text(sharing.front() + "=" + value)));
}

std::vector<Instrument> load_instruments(const InputArgs& args) {
  std::vector<Instrument> instruments;
  if (!args.keys.empty()) {
    instruments.push_back(instrument_from_keys(read_keys_file(args.keys), parse_range(args.range), keys_list_id(args.keys)));
  }
  for (const auto& name : args.instruments) instruments.push_back(load_named_instrument(name, args.instrument_path));
  return instruments;
}

std::vector<std::string> input_files(const InputArgs& args) {
  return args.inputs.empty() ? std::vector<std::string>{"-"} : args.inputs;
}

std::string input_label(const InputArgs& args) {
  std::string label;
  for (const auto& file : input_files(args)) label += (label.empty() ? "" : ", ") + (file == "-" ? "standard input" : show_text(file));
  return label;
}

namespace {

// The lines of the chain open_input opened last, for errors that reach main after it is gone.
std::shared_ptr<const ChainLines>& opened_chain() {
  static std::shared_ptr<const ChainLines> chain;
  return chain;
}

}  // namespace

std::unique_ptr<RecordSource> open_input(const InputArgs& args) {
  CsvOptions csv;
  csv.delimiter = parse_delimiter(args.delimiter);
  csv.encoding = text_encoding_named(args.encoding).value_or(TextEncoding::utf8);
  std::vector<std::unique_ptr<RecordSource>> sources;
  for (const auto& file : input_files(args)) {
    std::unique_ptr<RecordSource> source = open_record_source(
        file, args.input_format, csv, args.qualtrics ? QualtricsMode::on : QualtricsMode::automatic);
    // ReadStat hands SPSS/Stata/SAS text over as UTF-8 already: reading it again as Latin-1 would
    // change every accented id.
    if (text_encoding_named(args.encoding) != TextEncoding::utf8 && !source->delimited_text()) {
      throw usage_error(fmt::format("--encoding {} applies to CSV/TSV input; {} is read with its own declared encoding "
                                    "(SPSS, Stata, SAS), as UTF-8",
                                    args.encoding, show_text(source->name())),
                        "leave --encoding out");
    }
    sources.push_back(std::move(source));
  }
  if (sources.size() == 1 && args.source_column.empty()) return std::move(sources.front());
  auto chain = std::make_unique<ConcatSource>(std::move(sources), args.source_column);
  opened_chain() = chain->lines();
  return chain;
}

Error in_input_file(const Error& error) {
  const std::shared_ptr<const ChainLines>& chain = opened_chain();
  if (!chain) return error;
  SourceLocation at = chain->locate(error.where());
  if (at.file == error.where().file && at.line == error.where().line) return error;
  return Error(error.kind(), std::move(at), error.message(), error.hint());
}

std::optional<FlagJoin> excluded_flags(const InputArgs& args) {
  if (args.exclude_flagged.empty()) return std::nullopt;
  FlagJoin flags = read_flag_join(args.exclude_flagged);
  flags.exclude = true;
  return flags;
}

std::string range_note(const Instrument& instrument, const ResponseOptions& options, const std::string& doing,
                       const std::string& follows) {
  if (!options.range || (options.range->first == instrument.response.min &&
                         options.range->second == instrument.response.max)) {
    return "";
  }
  return fmt::format("{} {} on a {}..{} response scale (--range) instead of its published {}..{}: "
                     "reversed items become {} - x{}",
                     doing, instrument.id, options.range->first, options.range->second, instrument.response.min,
                     instrument.response.max, options.range->first + options.range->second, follows);
}

std::string joined_note(const FlagJoin& flags, std::uint64_t respondents) {
  const std::string option = flags.exclude && flags.annotate ? "--exclude-flagged, --quality"
                             : flags.exclude                 ? "--exclude-flagged"
                                                             : "--quality";
  const std::string by = flags.by_row ? "row number" : fmt::format("its column {}", show_text(flags.key_column));
  const std::size_t matched = flags.matched_ids();
  if (matched == 0 && respondents > 0) {
    throw data_error({flags.file},
                     fmt::format("none of the {} id(s) in the flags file ({}, by {}) matched one of the {} respondent(s) read",
                                 flags.ids(), option, by, respondents),
                     "give the flags attune quality wrote for these responses, read with the same --id");
  }
  return fmt::format("joined {} ({}) by {}: {} of its {} id(s) matched one of the {} respondent(s) read", flags.file,
                     option, by, matched, flags.ids(), respondents);
}

std::string excluded_note(const FlagJoin& flags, std::uint64_t excluded, const std::string& first) {
  return fmt::format("left out {} respondent(s) flagged in {} (--exclude-flagged){}", excluded, flags.file,
                     excluded ? fmt::format("; the first: {}", first) : "");
}

}  // namespace attune::cli

// Plumbing analyze and factor share (statistics_command.h).
#include "statistics_command.h"

#include "attune/util/text.h"

namespace attune::cli {

InputUse statistics_input_use(const std::string& command) {
  return {.several_instruments = false,
          .refused = {{"--keep", command + " writes no row per respondent, so --keep has nothing to carry; "
                                           "give it to score or quality"},
                      {"--source-column", command + " writes no row per respondent, so --source-column has no "
                                                    "row to name the file of; give it to score or quality"}}};
}

StatisticsInput load_statistics_input(const InputArgs& args, const InputChoice& input) {
  StatisticsInput in;
  in.instruments = load_instruments(args);
  check_instrument_ids(input, in.instruments);
  in.response = options_for(input, in.instrument().id);
  if (std::string range = range_note(in.instrument(), in.response, "analysing", ""); !range.empty()) note(range);
  in.excluded = excluded_flags(args);
  return in;
}

void write_statistics(const std::string& output, Format format, const WriterOptions& writing,
                      const std::function<void(OutputSink&)>& table, const std::function<void(OutputSink&)>& json,
                      const std::function<void(RecordWriter&)>& records) {
  auto sink = open_output(output);
  if (format == Format::table) {
    StringSink text;
    table(text);
    sink->write(escape_controls(text.text(), true));
  } else if (format == Format::json || format == Format::jsonl) {
    json(*sink);
  } else {
    auto writer = make_writer(format, *sink, writing);
    records(*writer);
    for (const auto& said : writer->notes()) note(said);
  }
  sink->commit();
}

}  // namespace attune::cli

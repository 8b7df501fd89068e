#include "attune/io/open_input.h"

#include <fmt/format.h>

#include "attune/io/csv_reader.h"
#include "attune/io/input_format.h"
#include "attune/io/readstat_source.h"

namespace attune {

std::unique_ptr<RecordSource> open_record_source(const std::string& path,
                                                 std::string_view format,
                                                 CsvOptions csv_options,
                                                 QualtricsMode qualtrics) {
  InputFormat chosen = input_format_for_path(path);
  if (!format.empty() && format != "auto") {
    const auto named = parse_input_format(format);
    if (!named)
      throw usage_error(fmt::format("unknown input format \"{}\"", format),
                        "use one of csv, sav, zsav, dta, sas7bdat, or auto");
    chosen = *named;
  }
  if (chosen == InputFormat::csv) {
    // A binary data set given a CSV name would otherwise read as garbage: say what it is.
    if (path != "-") {
      const auto actual = sniff_file_format(path);
      if (actual && *actual != InputFormat::csv)
        throw data_error({path}, fmt::format("is not {}: it looks like {}",
                                             input_format_description(InputFormat::csv),
                                             input_format_description(*actual)),
                         fmt::format("give it a .{0} extension or pass --input-format {0}",
                                     input_format_name(*actual)));
    }
    auto reader = std::make_unique<CsvReader>(path, csv_options);
    if (qualtrics == QualtricsMode::off) return reader;
    return skip_qualtrics_headers(std::move(reader), qualtrics);
  }
  if (path == "-")
    throw usage_error(fmt::format("cannot read {} from standard input",
                                  input_format_description(chosen)),
                      "save it to a file and pass the file's path");
  return std::make_unique<ReadStatSource>(path, chosen);
}

}  // namespace attune

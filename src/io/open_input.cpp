#include "attune/io/open_input.h"

#include <fstream>

#include <fmt/format.h>

#include "attune/io/csv_reader.h"
#include "attune/io/input_format.h"
#include "attune/io/readstat_source.h"

namespace attune {

namespace {

// Files that are not UTF-8 text but are often given a .csv name; read as CSV they would only
// produce a baffling "item columns are not in the header". Throws a data Error naming them.
void refuse_non_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  char head[4] = {};
  in.read(head, sizeof head);
  const std::string_view bytes(head, static_cast<std::size_t>(in.gcount()));
  auto starts = [&](std::string_view magic) { return bytes.substr(0, magic.size()) == magic; };
  const char* what = nullptr;
  const char* hint = nullptr;
  if (starts("\xFF\xFE") || starts("\xFE\xFF")) {
    what = "is UTF-16 text";
    hint = "save it as UTF-8 (in Excel: CSV UTF-8; or iconv -f UTF-16 -t UTF-8)";
  } else if (starts("\x1F\x8B")) {
    what = "is gzip-compressed";
    hint = "decompress it first (gunzip), or pipe it: gunzip -c FILE | attune score ... -";
  } else if (starts("PK\x03\x04")) {
    what = "is a zip archive (an Excel .xlsx workbook is one)";
    hint = "save the sheet as CSV (UTF-8), or unzip the archive";
  }
  if (what) throw data_error({path}, what, hint);
}

}  // namespace

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
    if (path != "-") refuse_non_text(path);
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

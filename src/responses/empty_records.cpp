#include "attune/responses/empty_records.h"

#include <algorithm>

#include <fmt/format.h>

#include "attune/responses/response_reader.h"
#include "attune/util/text.h"

namespace attune {

void EmptyRecords::add_later(const EmptyRecords& later) {
  for (std::uint64_t line : later.first_lines) {
    if (first_lines.size() < kLinesShown) first_lines.push_back(line);
  }
  count += later.count;
}

std::string EmptyRecords::summary(const std::string& file) const {
  if (count == 0) return "";
  return fmt::format("left out {} record(s) of {} whose every cell is empty (not respondents), at line(s) {}{}; "
                     "--keep-empty keeps them as rows",
                     count, file, fmt::join(first_lines, ", "), count > first_lines.size() ? ", ..." : "");
}

bool every_field_empty(const Record& record) {
  // A cell of spaces reads as no answer (CellParser trims), so it is as empty as "".
  return std::all_of(record.fields.begin(), record.fields.end(), [](std::string_view f) { return trim(f).empty(); });
}

bool leaves_out_empty_records(const RecordSource& source, const ResponseOptions& options) {
  return !options.keep_empty && source.delimited_text();
}

}  // namespace attune

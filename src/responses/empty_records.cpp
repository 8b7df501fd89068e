#include "attune/responses/empty_records.h"


#include <string>
#include <vector>

#include <fmt/format.h>

#include "attune/responses/response_reader.h"

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

std::string EmptyRecords::summary(const RecordSource& source) const {
  if (count == 0) return "";
  std::vector<std::string> places;
  bool other_file = false;
  for (std::uint64_t line : first_lines) {
    const SourceLocation at = source.locate(line);
    other_file = other_file || at.file != source.name();
    places.push_back(fmt::format("{}:{}", at.file, at.line));
  }
  if (!other_file) return summary(source.name());
  return fmt::format("left out {} record(s) whose every cell is empty (not respondents), at {}{}; "
                     "--keep-empty keeps them as rows",
                     count, fmt::join(places, ", "), count > first_lines.size() ? ", ..." : "");
}

bool leaves_out_empty_records(const RecordSource& source, const ResponseOptions& options) {
  return !options.keep_empty && source.delimited_text();
}

}  // namespace attune

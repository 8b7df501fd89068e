#include "attune/responses/flag_join.h"

#include <optional>

#include <fmt/format.h>

#include "attune/io/csv_reader.h"
#include "attune/util/error.h"
#include "attune/util/text.h"

namespace attune {

std::string_view FlagJoin::flags_of(std::string_view key) const {
  auto it = flags.find(std::string(key));
  return it == flags.end() ? std::string_view() : std::string_view(it->second);
}

FlagJoin read_flag_join(const std::string& path) {
  CsvReader reader(path);
  Record record;
  FlagJoin join;
  join.file = reader.name();
  if (!reader.next(record)) throw data_error({join.file}, "the flags file is empty", "give the output of attune quality");
  std::optional<std::size_t> flags_field;
  for (std::size_t i = 0; i < record.size(); ++i) {
    if (record.fields[i] == "flags") flags_field = i;
  }
  if (!flags_field || record.size() < 2) {
    throw data_error({join.file, 1, 0}, "the flags file has no 'flags' column",
                     "give the CSV output of attune quality (-f csv)");
  }
  join.key_column = std::string(record.fields[0]);
  join.by_row = join.key_column == "row";
  std::unordered_map<std::string, bool> seen;
  while (reader.next(record)) {
    if (record.size() != 1 + *flags_field && record.size() <= *flags_field) {
      throw data_error(record.where(join.file, 0), "this row has fewer fields than the header");
    }
    std::string key(record.fields[0]);
    if (seen.count(key)) {
      throw data_error(record.where(join.file, 0), fmt::format("id {} appears twice in the flags file", show_text(key)),
                       "the flags must name each respondent once");
    }
    seen[key] = true;
    std::string_view flags = trim(record.fields[*flags_field]);
    if (!flags.empty()) join.flags.emplace(std::move(key), std::string(flags));
  }
  return join;
}

}  // namespace attune

#include "attune/responses/flag_join.h"

#include <optional>

#include <fmt/format.h>

#include "attune/io/csv_reader.h"
#include "attune/util/error.h"
#include "attune/util/text.h"

namespace attune {

std::string_view FlagJoin::flags_of(std::string_view key) const {
  auto it = entries_.find(std::string(key));
  if (it == entries_.end()) return {};
  // Load first: after the first match the flag is only read, the cache line stays shared.
  if (!it->second.matched.load(std::memory_order_relaxed)) it->second.matched.store(true, std::memory_order_relaxed);
  return it->second.flags;
}

bool FlagJoin::add(std::string key, std::string flags) {
  return entries_.try_emplace(std::move(key), std::move(flags)).second;
}

std::size_t FlagJoin::matched_ids() const {
  std::size_t matched = 0;
  for (const auto& [key, entry] : entries_) matched += entry.matched.load(std::memory_order_relaxed) ? 1 : 0;
  return matched;
}

MatchedFlags FlagJoin::matched_flags() const {
  MatchedFlags counts;
  for (const auto& [key, entry] : entries_) {
    if (!entry.matched.load(std::memory_order_relaxed)) continue;
    ++counts.matched;
    if (entry.flags.empty()) continue;
    ++counts.flagged;
    for (const auto& flag : split(entry.flags, ';')) {
      if (!trim(flag).empty()) ++counts.by_flag[std::string(trim(flag))];
    }
  }
  return counts;
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
  while (reader.next(record)) {
    if (record.size() != 1 + *flags_field && record.size() <= *flags_field) {
      throw data_error(record.where(join.file, 0), "this row has fewer fields than the header");
    }
    std::string key(record.fields[0]);
    if (!join.add(key, std::string(trim(record.fields[*flags_field])))) {
      throw data_error(record.where(join.file, 0), fmt::format("id {} appears twice in the flags file", show_text(key)),
                       "the flags must name each respondent once");
    }
  }
  return join;
}

}  // namespace attune

// Joining an `attune quality` result into a scoring run: respondents' flags by id, to drop
// flagged respondents explicitly (--exclude-flagged) or to carry the flags (--quality).
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>

namespace attune {

struct FlagJoin {
  std::string file;                                      // where the flags came from
  std::string key_column;                                // the flags file's first column
  bool by_row = false;                                   // keyed by row number ("row")
  std::unordered_map<std::string, std::string> flags;    // key -> flags (only flagged rows)
  bool exclude = false;                                  // drop flagged respondents
  bool annotate = false;                                 // add a quality_flags column

  // The flags of the respondent with this key ("" when none).
  std::string_view flags_of(std::string_view key) const;
};

// Reads a quality result (CSV with the id as its first column and a `flags` column).
// Throws a data Error when it has no flags column or names an id twice.
FlagJoin read_flag_join(const std::string& path);

}  // namespace attune

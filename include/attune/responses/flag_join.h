// Joining an `attune quality` result into a scoring run: respondents' flags by id, to drop
// flagged respondents explicitly (--exclude-flagged) or to carry the flags (--quality).
// The join counts which of its ids a respondent matched, so that the caller can say how many
// did and refuse a join that matched none.
#pragma once

#include <atomic>
#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>

namespace attune {

// Of the ids flags_of was asked for: how many there were, how many carry a flag, and how many
// carry each flag (a respondent's flags are split at ';'), by flag name.
struct MatchedFlags {
  std::size_t matched = 0, flagged = 0;
  std::map<std::string, std::size_t> by_flag;
};

struct FlagJoin {
  std::string file;                                      // where the flags came from
  std::string key_column;                                // the flags file's first column
  bool by_row = false;                                   // keyed by row number ("row")
  bool exclude = false;                                  // drop flagged respondents
  bool annotate = false;                                 // add a quality_flags column

  // The flags of the respondent with this key ("" when none, or when the key is not in the
  // file); marks the key as matched. Safe to call from several threads at once.
  std::string_view flags_of(std::string_view key) const;
  // Adds one id of the file and its flags ("" when not flagged); false when it is there already.
  bool add(std::string key, std::string flags);
  // How many ids the file holds.
  std::size_t ids() const { return entries_.size(); }
  // How many of them flags_of was asked for (each counted once).
  std::size_t matched_ids() const;
  // The flags of the ids flags_of was asked for, counted (each id once).
  MatchedFlags matched_flags() const;

 private:
  struct Entry {
    std::string flags;
    mutable std::atomic<bool> matched{false};
    explicit Entry(std::string f) : flags(std::move(f)) {}
  };
  std::unordered_map<std::string, Entry> entries_;   // every id of the file
};

// Reads a quality result (CSV with the id as its first column and a `flags` column).
// Throws a data Error when it has no flags column or names an id twice.
FlagJoin read_flag_join(const std::string& path);

}  // namespace attune

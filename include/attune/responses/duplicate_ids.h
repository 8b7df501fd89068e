// Respondent ids that repeat an earlier row's: noticed (for one warning), never dropped.
// Ids that are ascending whole numbers (1, 2, 3, ... as most exports number respondents) are
// kept as runs of consecutive values with their lines: a file numbered 1..N costs one run and
// no hashing. Other ids are kept as 64-bit hashes with their line (12 bytes a slot). Memory is
// bounded: `max_tracked` entries (a run counts two), at most about 48 MiB at the default cap;
// later rows are compared with the remembered ids but not remembered, and the warning says so.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "attune/util/error.h"

namespace attune {

class DuplicateIds {
 public:
  // Rows whose ids are checked by default (about 48 MiB of hashes at most).
  static constexpr std::uint64_t kDefaultMaxTracked = 3'000'000;

  explicit DuplicateIds(std::uint64_t max_tracked = kDefaultMaxTracked);

  // Notes the id of the row starting at `line` (several id cells form one id). Rows whose id
  // cells are all empty are not checked.
  void add(std::span<const std::string_view> id_cells, std::uint64_t line);

  // Notes `count` rows whose ids are the one cells first_id, first_id + 1, ... (each a value
  // of whole_number_id, so below 10^18) on the lines first_line, first_line + 1, ...: the same as add() for each
  // in turn, and one step when they continue above every id noted so far.
  void add_run(std::int64_t first_id, std::uint64_t first_line, std::uint64_t count);

  // The value of an id cell that is a canonical decimal whole number ("0", or 1-18 digits
  // without a leading zero), else -1: two such cells are one id exactly when their values are.
  static std::int64_t whole_number_id(std::string_view cell);

  // Rows whose id an earlier row already had.
  std::uint64_t repeated_rows() const { return repeated_; }
  // Rows past the cap whose ids were not remembered (compared with the first rows' only).
  std::uint64_t unchecked_rows() const { return unchecked_; }

  // One warning line for `file` (repeats with the first one's lines, and unchecked rows), or
  // "" when there is nothing to say.
  // `locate`, when given, says which file and own line a line lies in (several input files).
  std::string warning(const std::string& file,
                      const std::function<SourceLocation(std::uint64_t)>& locate = {}) const;

 private:
  void grow();
  // Whether the key is in the ascending runs (sets the first repeat's line if so).
  bool in_runs(std::int64_t id, std::uint64_t& line) const;
  // Notes a repeat of `key_` first seen on `first_line`, now on `line`.
  void repeat(std::uint64_t first_line, std::uint64_t line);

  // Consecutive ids on consecutive lines: first_id..first_id+count-1, ascending across runs.
  struct Run {
    std::int64_t first_id;
    std::uint32_t first_line;
    std::uint32_t count;
  };
  std::vector<Run> runs_;

  std::uint64_t max_tracked_;
  std::vector<std::uint64_t> hashes_;   // open addressing, linear probing; 0 = empty slot
  std::vector<std::uint32_t> lines_;    // the line of the row that first had the id
  std::uint64_t tracked_ = 0, hashed_ = 0, repeated_ = 0, unchecked_ = 0;
  std::string key_;                     // scratch: the id cells joined
  std::string first_id_;                // the first repeated id
  std::uint64_t first_line_ = 0, first_repeat_line_ = 0;
};

}  // namespace attune

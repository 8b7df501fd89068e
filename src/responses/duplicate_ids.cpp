#include "attune/responses/duplicate_ids.h"

#include <algorithm>
#include <functional>
#include <limits>

#include <fmt/format.h>

#include "attune/util/text.h"

namespace attune {

namespace {
constexpr std::size_t kInitialSlots = 1024;   // a power of two
constexpr char kCellSeparator = '\x1f';        // joins several id cells (ASCII unit separator)
constexpr std::uint64_t kRunEntries = 2;       // a run's share of the cap (16 bytes, vector slack)

std::uint32_t line32(std::uint64_t line) {
  return static_cast<std::uint32_t>(std::min<std::uint64_t>(line, std::numeric_limits<std::uint32_t>::max()));
}
}  // namespace

DuplicateIds::DuplicateIds(std::uint64_t max_tracked) : max_tracked_(max_tracked) {}

std::int64_t DuplicateIds::whole_number_id(std::string_view cell) {
  if (cell.empty() || cell.size() > 18 || (cell[0] == '0' && cell.size() > 1)) return -1;
  std::int64_t value = 0;
  for (char c : cell) {
    if (c < '0' || c > '9') return -1;
    value = value * 10 + (c - '0');
  }
  return value;
}

void DuplicateIds::add_run(std::int64_t first_id, std::uint64_t first_line, std::uint64_t count) {
  if (count == 0) return;
  constexpr std::uint64_t kMax32 = std::numeric_limits<std::uint32_t>::max();
  const std::int64_t top = runs_.empty() ? -1 : runs_.back().first_id + runs_.back().count - 1;
  // Above every id so far, on lines that fit the runs' 32 bits: what add() would make of the
  // rows one by one (extend the last run, or start one), at once.
  if (first_id > top && first_line + count - 1 <= kMax32) {
    Run* last = runs_.empty() ? nullptr : &runs_.back();
    if (last && first_id == top + 1 && first_line == std::uint64_t{last->first_line} + last->count &&
        last->count + count <= kMax32) {
      last->count += static_cast<std::uint32_t>(count);
      return;
    }
    if (!(last && first_id == top + 1 && first_line == std::uint64_t{last->first_line} + last->count) &&
        tracked_ + kRunEntries <= max_tracked_ && count <= kMax32) {
      runs_.push_back({first_id, static_cast<std::uint32_t>(first_line), static_cast<std::uint32_t>(count)});
      tracked_ += kRunEntries;
      return;
    }
  }
  for (std::uint64_t k = 0; k < count; ++k) {   // anything else: row by row
    const std::string text = fmt::format("{}", first_id + static_cast<std::int64_t>(k));
    const std::string_view cell = text;
    add(std::span<const std::string_view>(&cell, 1), first_line + k);
  }
}

void DuplicateIds::grow() {
  std::size_t slots = hashes_.empty() ? kInitialSlots : hashes_.size() * 2;
  std::vector<std::uint64_t> hashes(slots, 0);
  std::vector<std::uint32_t> lines(slots, 0);
  for (std::size_t i = 0; i < hashes_.size(); ++i) {
    if (hashes_[i] == 0) continue;
    std::size_t at = hashes_[i] & (slots - 1);
    while (hashes[at] != 0) at = (at + 1) & (slots - 1);
    hashes[at] = hashes_[i];
    lines[at] = lines_[i];
  }
  hashes_.swap(hashes);
  lines_.swap(lines);
}

bool DuplicateIds::in_runs(std::int64_t id, std::uint64_t& line) const {
  auto after = std::upper_bound(runs_.begin(), runs_.end(), id,
                                [](std::int64_t value, const Run& run) { return value < run.first_id; });
  if (after == runs_.begin()) return false;
  const Run& run = *(after - 1);
  if (id - run.first_id >= static_cast<std::int64_t>(run.count)) return false;
  line = run.first_line + static_cast<std::uint64_t>(id - run.first_id);
  return true;
}

void DuplicateIds::repeat(std::uint64_t first_line, std::uint64_t line) {
  if (repeated_++ == 0) {
    first_id_ = key_;
    first_line_ = first_line;
    first_repeat_line_ = line;
  }
}

void DuplicateIds::add(std::span<const std::string_view> id_cells, std::uint64_t line) {
  // Ascending whole numbers: above every run (and so above every hashed whole number, each of
  // which was below the runs' top when it came), hence new.
  if (id_cells.size() == 1) {
    if (std::int64_t id = whole_number_id(id_cells[0]); id >= 0) {
      const std::int64_t top = runs_.empty() ? -1 : runs_.back().first_id + runs_.back().count - 1;
      if (id > top) {
        Run* last = runs_.empty() ? nullptr : &runs_.back();
        if (last && id == top + 1 && line32(line) == std::uint64_t{last->first_line} + last->count &&
            last->count < std::numeric_limits<std::uint32_t>::max()) {
          ++last->count;
        } else if (tracked_ + kRunEntries <= max_tracked_) {
          runs_.push_back({id, line32(line), 1});
          tracked_ += kRunEntries;
        } else {
          ++unchecked_;
        }
        return;
      }
      std::uint64_t first_line = 0;
      if (in_runs(id, first_line)) {
        key_.assign(id_cells[0]);
        repeat(first_line, line);
        return;
      }
    }
  }
  key_.clear();
  bool any = false;
  for (std::size_t i = 0; i < id_cells.size(); ++i) {
    if (i) key_ += kCellSeparator;
    key_.append(id_cells[i]);
    any = any || !id_cells[i].empty();
  }
  if (!any) return;
  const bool room = tracked_ < max_tracked_;
  // Grow before the table is three quarters full.
  if (room && (hashes_.empty() || (hashed_ + 1) * 4 > hashes_.size() * 3)) grow();
  if (hashes_.empty()) {   // a cap of 0
    ++unchecked_;
    return;
  }
  std::uint64_t hash = std::hash<std::string_view>{}(key_);
  if (hash == 0) hash = 1;   // 0 marks an empty slot
  const std::size_t mask = hashes_.size() - 1;
  std::size_t at = hash & mask;
  while (hashes_[at] != 0) {
    if (hashes_[at] == hash) {
      repeat(lines_[at], line);
      return;
    }
    at = (at + 1) & mask;
  }
  if (!room) {   // past the cap: compared with the remembered ids, not remembered itself
    ++unchecked_;
    return;
  }
  hashes_[at] = hash;
  lines_[at] = line32(line);
  ++tracked_;
  ++hashed_;
}

std::string DuplicateIds::warning(const std::string& file,
                                  const std::function<SourceLocation(std::uint64_t)>& locate) const {
  std::string unchecked =
      unchecked_ ? fmt::format("{} later row{} compared only with the ids remembered before the cap of {} entries",
                               unchecked_, unchecked_ == 1 ? " was" : "s were", max_tracked_)
                 : std::string();
  if (repeated_ == 0) return unchecked.empty() ? std::string() : fmt::format("{}: {}", file, unchecked);
  std::string id = first_id_;
  for (char& c : id) {
    if (c == kCellSeparator) c = ',';
  }
  SourceLocation first{file, static_cast<std::size_t>(first_line_), 0};
  SourceLocation repeat{file, static_cast<std::size_t>(first_repeat_line_), 0};
  if (locate) {
    first = locate(first_line_);
    repeat = locate(first_repeat_line_);
  }
  // One file when both lines lie at the same offset (a file given twice is two files).
  const bool one_file = first.file == repeat.file && first_line_ - first.line == first_repeat_line_ - repeat.line;
  const std::string lines = one_file
                                ? fmt::format("on lines {} and {}", first.line, repeat.line)
                                : fmt::format("on line {} of {} and line {} of {}", first.line, first.file,
                                              repeat.line, repeat.file);
  return fmt::format("{}: {} row{} repeat{} an earlier row's id; the first: id {} {} "
                     "(every row is scored and written; check the data for repeated responses{}{})",
                     repeat.file, repeated_, repeated_ == 1 ? "" : "s", repeated_ == 1 ? "s" : "", show_text(id),
                     lines, unchecked.empty() ? "" : "; ", unchecked);
}

}  // namespace attune

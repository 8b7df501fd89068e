#include "attune/scoring/duplicate_ids.h"

#include <algorithm>
#include <functional>
#include <limits>

#include <fmt/format.h>

#include "attune/util/text.h"

namespace attune {

namespace {
constexpr std::size_t kInitialSlots = 1024;   // a power of two
constexpr char kCellSeparator = '\x1f';        // joins several id cells (ASCII unit separator)
}  // namespace

DuplicateIds::DuplicateIds(std::uint64_t max_tracked) : max_tracked_(max_tracked) {}

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

void DuplicateIds::add(std::span<const std::string_view> id_cells, std::uint64_t line) {
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
  if (room && (hashes_.empty() || (tracked_ + 1) * 4 > hashes_.size() * 3)) grow();
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
      if (repeated_++ == 0) {
        first_id_ = key_;
        first_line_ = lines_[at];
        first_repeat_line_ = line;
      }
      return;
    }
    at = (at + 1) & mask;
  }
  if (!room) {   // past the cap: compared with the remembered ids, not remembered itself
    ++unchecked_;
    return;
  }
  hashes_[at] = hash;
  lines_[at] = static_cast<std::uint32_t>(std::min<std::uint64_t>(line, std::numeric_limits<std::uint32_t>::max()));
  ++tracked_;
}

std::string DuplicateIds::warning(const std::string& file) const {
  std::string unchecked =
      unchecked_ ? fmt::format("{} later row{} compared only with the ids of the first {} rows", unchecked_,
                               unchecked_ == 1 ? " was" : "s were", max_tracked_)
                 : std::string();
  if (repeated_ == 0) return unchecked.empty() ? std::string() : fmt::format("{}: {}", file, unchecked);
  std::string id = first_id_;
  for (char& c : id) {
    if (c == kCellSeparator) c = ',';
  }
  return fmt::format("{}: {} row{} repeat{} an earlier row's id; the first: id {} on lines {} and {} "
                     "(every row is scored and written; check the data for repeated responses{}{})",
                     file, repeated_, repeated_ == 1 ? "" : "s", repeated_ == 1 ? "s" : "", show_text(id),
                     first_line_, first_repeat_line_, unchecked.empty() ? "" : "; ", unchecked);
}

}  // namespace attune

// One wave's respondents as matching across waves needs them: ids, scores, pattern labels
// and borderline marks, never the answers; and how waves are ordered and paired.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace attune {

// The respondents of one wave, in input order, found by id.
class WaveScores {
 public:
  WaveScores(std::string name, std::size_t width) : name_(std::move(name)), width_(width) {}
  // Adds respondent `id` (0-based output row `row` of its source); returns the row of an
  // earlier respondent with the same id (a duplicate: nothing is added), else nullopt.
  std::optional<std::uint64_t> add(std::string_view id, std::uint64_t row, std::span<const double> scores,
                                   std::string_view pattern, bool borderline);
  // The index of respondent `id`, or nullopt.
  std::optional<std::size_t> find(std::string_view id) const;
  std::size_t size() const { return ends_.size(); }
  const std::string& name() const { return name_; }
  std::string_view id(std::size_t i) const { return {pool_.data() + ends_[i] - length(i), length(i)}; }
  std::uint64_t row(std::size_t i) const { return rows_[i]; }
  std::span<const double> scores(std::size_t i) const { return {scores_.data() + i * width_, width_}; }
  std::string_view pattern(std::size_t i) const { return labels_[pattern_[i]]; }
  bool borderline(std::size_t i) const { return borderline_[i] != 0; }

 private:
  std::string name_;
  std::size_t width_;
  // The ids, end to end, and where each ends; found through an open-addressing table of
  // (hash, index + 1) slots, linear probing, kept at most half full.
  std::string pool_;
  std::vector<std::uint64_t> ends_;
  struct Slot {
    std::uint32_t hash = 0, index = 0;   // index + 1; 0: empty
  };
  std::vector<Slot> slots_;
  std::size_t length(std::size_t i) const { return ends_[i] - (i ? ends_[i - 1] : 0); }
  // The slot holding `id` (of hash `hash`), or the empty slot where it would go.
  std::size_t probe(std::string_view id, std::uint64_t hash) const;
  void grow();
  std::vector<std::uint64_t> rows_;
  std::vector<double> scores_;
  std::vector<std::uint16_t> pattern_;   // into labels_
  std::vector<std::string> labels_;
  std::vector<std::uint8_t> borderline_;
};

// The waves of a long panel in order: by value when every one is a number (0, 3, 12), else
// in order of first appearance. Returns indices into `names` (given in order of appearance).
std::vector<std::size_t> order_waves(const std::vector<std::string>& names, bool* numeric = nullptr);

// Which pairs of waves are compared.
enum class WavePairs { consecutive, first_last, both };

// The pairs (earlier, later) of `waves` waves: consecutive (1-2, 2-3, ...), first-last (1-k),
// or both (consecutive, then 1-k when k > 2), each pair once.
std::vector<std::pair<std::size_t, std::size_t>> wave_pairs(std::size_t waves, WavePairs choice);

}  // namespace attune

// Which items make a scale and which of them are reverse keyed (psych's keys).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace attune {

// One scale: item columns (0-based, into the data row), reverse flags and the response range.
// A reversed item is scored min + max - x (psych::reverse.code / scoreItems, with the DECLARED
// range; psych::alpha(keys=) uses the observed range of the data instead: identical whenever
// every response option was used at least once).
struct ScaleKey {
  std::string name;
  std::vector<std::size_t> items;   // columns of the data row
  std::vector<bool> reversed;       // same length as items
  double min = 1;                   // lowest response option
  double max = 7;                   // highest response option

  // The keyed value of the item at `position` for a raw response x (NaN stays NaN).
  double keyed(std::size_t position, double x) const { return reversed[position] ? min + max - x : x; }
};

// Throws a usage Error if the key is unusable: fewer than 2 items, a column >= n_columns,
// a repeated item, reversed.size() != items.size(), or min >= max.
void validate_scale_key(const ScaleKey& key, std::size_t n_columns);

}  // namespace attune

#include "attune/stats/scale_key.h"

#include <fmt/format.h>

#include <set>

#include "attune/util/error.h"

namespace attune {

void validate_scale_key(const ScaleKey& key, std::size_t n_columns) {
  if (key.items.size() < 2)
    throw usage_error(fmt::format("scale \"{}\" has {} item(s); reliability needs at least 2", key.name,
                                  key.items.size()));
  if (key.reversed.size() != key.items.size())
    throw usage_error(fmt::format("scale \"{}\": {} reverse flags for {} items", key.name, key.reversed.size(),
                                  key.items.size()));
  if (!(key.min < key.max))
    throw usage_error(fmt::format("scale \"{}\": response range {}..{} is empty", key.name, key.min, key.max));
  std::set<std::size_t> seen;
  for (std::size_t item : key.items) {
    if (item >= n_columns)
      throw usage_error(fmt::format("scale \"{}\": item column {} is beyond the {} data columns", key.name, item + 1,
                                    n_columns));
    if (!seen.insert(item).second)
      throw usage_error(fmt::format("scale \"{}\": item column {} is listed twice", key.name, item + 1));
  }
}

}  // namespace attune

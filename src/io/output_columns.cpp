#include "attune/io/output_columns.h"

#include <unordered_map>

#include <fmt/format.h>

#include "attune/util/error.h"
#include "attune/util/text.h"

namespace attune {

namespace {

// Whether a column of this origin comes from the input's header (and so can be renamed there
// or left out of an option).
bool from_input(const std::string& origin) {
  return origin.find("--keep") != std::string::npos || origin.find("id column") != std::string::npos;
}

}  // namespace

std::vector<Column> unique_output_columns(const std::vector<OutputColumn>& columns) {
  std::unordered_map<std::string, std::size_t> first_of;
  std::vector<Column> out;
  out.reserve(columns.size());
  for (std::size_t i = 0; i < columns.size(); ++i) {
    auto [at, fresh] = first_of.try_emplace(columns[i].column.name, i);
    if (!fresh) {
      const OutputColumn& first = columns[at->second];
      const OutputColumn& second = columns[i];
      std::string hint;
      if (from_input(first.origin) || from_input(second.origin)) {
        hint = "rename the input's column (a CSV header cell), or leave it out of --keep / --id; output column names "
               "must be unique (a CSV reader renames or drops one, a JSON reader keeps one key)";
      } else {
        hint = "give each instrument its own id (the definition's 'id:'), and each score a name not used by "
               "attune's own columns; output column names must be unique";
      }
      throw usage_error(fmt::format("the output would have two columns named {}: column {} ({}) and column {} ({})",
                                    show_text(second.column.name), at->second + 1, first.origin, i + 1, second.origin),
                        hint);
    }
    out.push_back(columns[i].column);
  }
  return out;
}

}  // namespace attune

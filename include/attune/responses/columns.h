// Binding a response file's header to an instrument: which field holds each item, the ids,
// and the pass-through columns.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "attune/instrument/instrument.h"

namespace attune {

// How the user said to find columns (score's --columns, --map, --id, --keep).
struct ColumnOptions {
  std::optional<std::string> pattern;       // --columns 'ecr_{n}'
  std::optional<std::string> map_file;      // --map FILE: CSV with columns item,column
  std::vector<std::string> id_columns;      // --id (repeatable)
  std::vector<std::string> keep_columns;    // --keep (repeatable)
  std::string keep_option = "--keep";       // the option an unknown keep column is blamed on
  bool keep_all = false;                    // --keep-all: then every other non-item, non-id column too
  // Told a sentence when binding guessed something the user should know (R's row names taken
  // as the id); may be empty.
  std::function<void(const std::string&)> note;
};

// Field indices in each record for everything the scorer reads or passes through.
struct ColumnBinding {
  std::vector<std::size_t> item_fields;     // per instrument item
  std::vector<std::string> item_columns;    // the header names bound to each item
  std::vector<std::size_t> id_fields;       // empty: ids are row numbers
  std::vector<std::string> id_names;        // output names of the id columns ("row" if none)
  std::vector<std::size_t> keep_fields;
  std::vector<std::string> keep_names;
  std::size_t header_size = 0;
};

// The column names instrument items are expected under (after --columns / --map).
std::vector<std::string> expected_item_columns(const Instrument& instrument,
                                               const ColumnOptions& options);

// The column options for one of several instruments read from one file: `shared`, with the
// instrument's own pattern (--columns ID=PATTERN) or map (--map ID=FILE) in place of the
// shared one when `patterns` or `maps` has its id.
ColumnOptions columns_for(const ColumnOptions& shared, const std::map<std::string, std::string>& patterns,
                          const std::map<std::string, std::string>& maps, const std::string& instrument_id);

// The id column when --id names none: the first named id, ID or ResponseId (any case), else a
// first column with no name (R's write.csv row names); nullopt when there is none.
std::optional<std::size_t> default_id_field(const std::vector<std::string>& header);

// Binds `header` (read from `file`); throws a data Error listing missing columns and the
// closest names found, or a usage Error for an unknown --id/--keep column.
ColumnBinding bind_columns(const Instrument& instrument, const std::vector<std::string>& header,
                           const ColumnOptions& options, const std::string& file);

}  // namespace attune

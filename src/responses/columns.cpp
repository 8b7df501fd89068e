#include "attune/responses/columns.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <map>
#include <set>
#include <unordered_map>

#include <fmt/format.h>

#include "attune/instrument/keys.h"
#include "attune/io/csv_reader.h"
#include "attune/util/text.h"

namespace attune {

namespace {

// Reads --map FILE: a CSV with a header `item,column`; item is a number or the instrument's
// column name. Returns the data column per item index. The definition's rules hold: an item is
// given once, and a column serves one item (their messages are the definition check's).
std::map<std::size_t, std::string> read_column_map(const Instrument& instrument, const std::string& path) {
  CsvReader reader(path);
  Record record;
  if (!reader.next(record) || record.size() < 2 || trim(record.fields[0]) != "item" ||
      trim(record.fields[1]) != "column") {
    throw data_error({reader.name(), 1, 1}, "a column map needs the header 'item,column'",
                     "write one line per item: its number (or name) and the data column");
  }
  std::map<std::size_t, std::string> map;
  std::map<std::size_t, std::uint64_t> line_of_item;
  std::map<std::string, std::size_t> item_of_column;
  while (reader.next(record)) {
    if (record.size() != 2) {
      throw data_error(record.where(reader.name(), 0),
                       fmt::format("expected 2 fields (item,column), found {}", record.size()));
    }
    auto key = parse_key(record.fields[0]);
    std::optional<std::size_t> index;
    if (key && !key->reversed) {
      index = key->number ? instrument.item_by_number(*key->number) : instrument.item_by_column(key->column);
    }
    if (!index) {
      throw data_error(record.where(reader.name(), 0),
                       fmt::format("{} is not an item of {}", show_text(record.fields[0]), instrument.id),
                       "give an item number or the instrument's column name");
    }
    const int number = instrument.items[*index].number;
    if (auto first = line_of_item.find(*index); first != line_of_item.end()) {
      throw data_error(record.where(reader.name(), 0), item_given_twice(number),
                       fmt::format("the first is on line {}; keep one line per item", first->second));
    }
    std::string column(trim(record.fields[1]));
    if (auto other = item_of_column.find(column); other != item_of_column.end()) {
      throw data_error(record.where(reader.name(), 1), column_used_twice(column),
                       fmt::format("item {} (line {}) and item {} (line {}) both map to it; give each item its own "
                                   "column",
                                   instrument.items[other->second].number, line_of_item[other->second], number,
                                   record.line));
    }
    line_of_item[*index] = record.line;
    item_of_column[column] = *index;
    map[*index] = std::move(column);
  }
  return map;
}

// The header's names looked up in constant time: binding a wide instrument to a wide header
// costs a pass over each, not their product.
class HeaderIndex {
 public:
  explicit HeaderIndex(const std::vector<std::string>& header) {
    for (std::size_t i = 0; i < header.size(); ++i) {
      exact_.try_emplace(header[i], i, 0).first->second.second++;
      folded_.try_emplace(lowercase(trim(header[i])), i, 0).first->second.second++;
    }
  }
  // The header field named `name`: exact, else the single case-insensitive match.
  std::optional<std::size_t> find(const std::string& name) const {
    if (auto it = exact_.find(name); it != exact_.end()) return it->second.first;
    auto it = folded_.find(lowercase(name));
    if (it == folded_.end() || it->second.second > 1) return std::nullopt;
    return it->second.first;
  }
  // How many header fields are exactly `name`.
  std::size_t count(const std::string& name) const {
    auto it = exact_.find(name);
    return it == exact_.end() ? 0 : it->second.second;
  }

 private:
  static std::string lowercase(std::string_view text) {
    std::string out(text);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
  }
  // name -> (first field, how many fields)
  std::unordered_map<std::string, std::pair<std::size_t, std::size_t>> exact_, folded_;
};

// " (closest: "a", "b")", or nothing when no header name is close.
std::string closest_hint(const std::string& name, const std::vector<std::string>& header) {
  auto near = closest_names(name, header, 2);
  if (near.empty()) return "";
  std::vector<std::string> shown;
  for (auto& n : near) shown.push_back(show_text(n));
  return fmt::format(" (closest: {})", fmt::join(shown, ", "));
}

std::vector<std::size_t> bind_named(const std::vector<std::string>& names, const std::vector<std::string>& header,
                                    const HeaderIndex& index, const std::string& option, const std::string& file) {
  std::vector<std::size_t> fields;
  for (const auto& name : names) {
    auto at = index.find(name);
    if (!at) {
      throw usage_error(fmt::format("{}: {} {} names no column of the header{}", file, option, show_text(name),
                                    closest_hint(name, header)),
                        "column names are matched exactly, then ignoring case");
    }
    if (std::size_t copies = index.count(header[*at]); copies > 1) {
      std::vector<std::string> places;
      for (std::size_t i = 0; i < header.size(); ++i) {
        if (header[i] == header[*at]) places.push_back(std::to_string(i + 1));
      }
      throw data_error({file, 1, 0},
                       fmt::format("{} {}: the header has {} columns of that name (columns {}), and attune would not "
                                   "guess which one you mean",
                                   option, show_text(name), copies, fmt::join(places, ", ")),
                       "rename the columns so each name is unique, then name the one you mean");
    }
    fields.push_back(*at);
  }
  return fields;
}

// A column pattern ("ecr_{n}") under which the header holds items 1..count, if there is one:
// each header name is read as text + number + text and the shapes are counted.
std::optional<std::string> guess_item_pattern(const std::vector<std::string>& header, std::size_t count) {
  std::map<std::string, std::set<long>> numbers_by_shape;
  for (const auto& name : header) {
    auto first = name.find_first_of("0123456789");
    if (first == std::string::npos) continue;
    auto last = name.find_first_not_of("0123456789", first);
    std::string digits = name.substr(first, last == std::string::npos ? std::string::npos : last - first);
    if (digits.size() > 6 || (digits.size() > 1 && digits[0] == '0')) continue;
    std::string shape = name.substr(0, first) + "{n}" + (last == std::string::npos ? "" : name.substr(last));
    numbers_by_shape[shape].insert(std::stol(digits));
  }
  for (const auto& [shape, numbers] : numbers_by_shape) {
    bool all = true;
    for (long n = 1; n <= static_cast<long>(count) && all; ++n) all = numbers.count(n) > 0;
    if (all) return shape;
  }
  return std::nullopt;
}

}  // namespace

std::vector<std::string> expected_item_columns(const Instrument& instrument, const ColumnOptions& options) {
  std::vector<std::string> columns;
  std::optional<ColumnPattern> pattern;
  if (options.pattern) pattern.emplace(*options.pattern);
  std::map<std::size_t, std::string> map;
  if (options.map_file) map = read_column_map(instrument, *options.map_file);
  for (std::size_t i = 0; i < instrument.items.size(); ++i) {
    if (auto it = map.find(i); it != map.end()) columns.push_back(it->second);
    else if (pattern) columns.push_back(pattern->column_for(instrument.items[i].number));
    else columns.push_back(instrument.items[i].column);
  }
  return columns;
}

ColumnOptions columns_for(const ColumnOptions& shared, const std::map<std::string, std::string>& patterns,
                          const std::map<std::string, std::string>& maps, const std::string& instrument_id) {
  ColumnOptions own = shared;
  if (auto it = patterns.find(instrument_id); it != patterns.end()) {
    own.pattern = it->second;
    own.map_file.reset();
  }
  if (auto it = maps.find(instrument_id); it != maps.end()) {
    own.map_file = it->second;
    own.pattern.reset();
  }
  return own;
}

std::optional<std::size_t> default_id_field(const std::vector<std::string>& header) {
  for (std::size_t i = 0; i < header.size(); ++i) {
    std::string_view name = trim(header[i]);
    if (iequals(name, "id") || iequals(name, "responseid")) return i;
  }
  if (!header.empty() && trim(header[0]).empty()) return 0;
  return std::nullopt;
}

ColumnBinding bind_columns(const Instrument& instrument, const std::vector<std::string>& header,
                           const ColumnOptions& options, const std::string& file) {
  ColumnBinding binding;
  binding.header_size = header.size();
  binding.item_columns = expected_item_columns(instrument, options);
  const HeaderIndex index(header);
  std::vector<std::string> missing;
  constexpr std::size_t kNoItem = SIZE_MAX;
  std::vector<std::size_t> item_of_field(header.size(), kNoItem);   // which item reads a field, for one look-up
  for (const auto& column : binding.item_columns) {
    auto at = index.find(column);
    if (!at) {
      missing.push_back(column);
      continue;
    }
    if (index.count(header[*at]) > 1) {
      throw data_error({file, 1, 0}, fmt::format("column {} appears more than once in the header", show_text(header[*at])),
                       "rename the duplicate so each item has one column");
    }
    if (item_of_field[*at] != kNoItem && missing.empty()) {
      const std::size_t first = item_of_field[*at];
      throw data_error({file, 1, 0}, column_used_twice(header[*at]),
                       fmt::format("items {} and {} both read it; give each item its own column with --map, --columns "
                                   "or the definition's items",
                                   instrument.items[first].number, instrument.items[binding.item_fields.size()].number));
    }
    item_of_field[*at] = binding.item_fields.size();
    binding.item_fields.push_back(*at);
  }
  if (!missing.empty()) {
    std::string listed;
    for (std::size_t i = 0; i < missing.size() && i < 10; ++i) listed += (i ? ", " : "") + missing[i];
    if (missing.size() > 10) listed += fmt::format(", and {} more", missing.size() - 10);
    std::string hint;
    if (auto pattern = guess_item_pattern(header, instrument.items.size())) {
      hint = fmt::format("the header looks like --columns '{}'", *pattern);
    } else {
      std::vector<std::string> unused;
      std::vector<bool> used(header.size(), false);
      for (auto field : binding.item_fields) used[field] = true;
      for (std::size_t i = 0; i < header.size() && unused.size() <= 6; ++i) {
        if (!used[i]) unused.push_back(show_text(header[i]));
      }
      std::string shown = unused.size() <= 6 ? fmt::format("{}", fmt::join(unused, ", "))
                                             : fmt::format("{}, ...", fmt::join(unused.begin(), unused.begin() + 6, ", "));
      hint = fmt::format("columns not used: {}; name the item columns with --columns 'PREFIX{{n}}' or --map FILE",
                         unused.empty() ? "none" : shown);
    }
    throw data_error({file, 1, 0},
                     fmt::format("{} of {}'s {} item columns are not in the header: {}", missing.size(), instrument.id,
                                 instrument.items.size(), listed),
                     hint);
  }
  if (!options.id_columns.empty()) {
    binding.id_fields = bind_named(options.id_columns, header, index, "--id", file);
    for (auto field : binding.id_fields) binding.id_names.push_back(header[field]);
  } else {
    if (auto found = default_id_field(header); found && !trim(header[*found]).empty()) {
      const std::size_t i = *found;
      if (index.count(header[i]) > 1) {   // which of them holds the ids would be a guess
        throw data_error({file, 1, 0},
                         fmt::format("the header has {} columns named {}, and attune would not guess which holds "
                                     "the ids",
                                     index.count(header[i]), show_text(header[i])),
                         "rename the columns so each name is unique, or give --id COL for another column");
      }
      for (std::size_t j = i + 1; j < header.size(); ++j) {   // "ID" and "id": found ignoring case, both are
        if (header[j] != header[i] && iequals(trim(header[j]), trim(header[i]))) {
          throw data_error({file, 1, 0},
                           fmt::format("the header has columns {} (column {}) and {} (column {}), which differ only in "
                                       "letter case; the id column is found ignoring case, and attune would not guess "
                                       "which holds the ids",
                                       show_text(header[i]), i + 1, show_text(header[j]), j + 1),
                           fmt::format("give --id {} or --id {}", show_text(header[i]), show_text(header[j])));
        }
      }
      binding.id_fields.push_back(i);
      binding.id_names.push_back(header[i]);
    }
    if (binding.id_fields.empty() && !header.empty() && trim(header[0]).empty()) {
      // R's write.csv without row.names = FALSE: a first column headed "" holds the row names.
      binding.id_fields.push_back(0);
      binding.id_names.push_back("id");
      if (options.note) {
        options.note(fmt::format("{}: the first column has no name, as R's write.csv writes row names: they are "
                                 "the ids (give --id COL for another column)",
                                 file));
      }
    }
    if (binding.id_fields.empty()) binding.id_names.push_back("row");
  }
  for (std::size_t i = 0; i < binding.item_fields.size(); ++i) {
    const auto& ids = binding.id_fields;
    if (std::find(ids.begin(), ids.end(), binding.item_fields[i]) != ids.end()) {
      throw data_error({file, 1, 0},
                       fmt::format("column {} is both the id column and item {}'s column: the ids would be scored "
                                   "as answers",
                                   show_text(header[binding.item_fields[i]]), instrument.items[i].number),
                       "give the item its own column with --map or --columns, or name the id column with --id");
    }
  }
  binding.keep_fields = bind_named(options.keep_columns, header, index, options.keep_option, file);
  if (options.keep_all) {   // after the --keep ones, in header order
    std::vector<bool> taken(header.size(), false);
    for (const auto* fields : {&binding.item_fields, &binding.id_fields, &binding.keep_fields}) {
      for (auto field : *fields) taken[field] = true;
    }
    for (std::size_t i = 0; i < header.size(); ++i) {
      if (!taken[i]) binding.keep_fields.push_back(i);
    }
  }
  for (auto field : binding.keep_fields) binding.keep_names.push_back(header[field]);
  return binding;
}

}  // namespace attune

// A psych-style keys list, as psych::make.keys users keep one: a text file with one scale a
// line, `scale: item -item ...`, and the definition (YAML) it makes. The grammar:
//   - `#` starts a comment that runs to the end of the line; blank lines are skipped;
//   - a scale line is the scale's id, a colon, then its items separated by spaces or commas;
//   - an item is a column name of the data; a leading `-` reverses it (`-Q9`);
//   - one line per scale (no continuation lines), each scale once, at least one item each.
// An item may belong to several scales (as in psych). Column names with spaces, commas, `#`
// or a leading `-` cannot be written in a keys list: write a definition instead.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "attune/instrument/instrument.h"

namespace attune {

// One key of a scale line: the column it names, whether it is reversed, where it was written.
struct ListedKey {
  std::string column;
  bool reversed = false;
  SourceLocation where;
};

// One scale line.
struct ListedScale {
  std::string id;
  std::vector<ListedKey> keys;
  SourceLocation where;
};

// A whole keys list.
struct KeysList {
  std::string source;
  std::vector<ListedScale> scales;

  // The columns the scales name, each once, in the order they first appear.
  std::vector<std::string> columns() const;
  // Where `column` is first named (its item's place in messages).
  SourceLocation first_use(const std::string& column) const;
};

// Parses a keys list held in memory; throws a definition Error naming `source`, line and
// column for a line that is not `scale: item ...`, an empty scale, a scale given twice.
KeysList parse_keys_list(std::string_view text, const std::string& source);

// Reads and parses the keys list in `path`; an unreadable file is an io Error.
KeysList read_keys_file(const std::string& path);

// What a definition drawn from a keys list says besides the keys.
struct DefinitionDraft {
  std::string id, name;
  std::pair<double, double> range;                  // the response scale (min, max), as the user gave it
  std::vector<std::string> items;                   // item columns in order (default: the keys' columns)
  bool starter = false;                             // attune init: TODO markers and comments to fill
  std::vector<std::string> comments;                // written as `# ` lines after the starter's first ones
};

// The definition (YAML text) for `keys` with `draft`'s fields. The items are numbered 1.. in
// `draft.items` order (the keys' columns when empty). A starter marks what the user must fill
// with `TODO:` values (that check warns about) and comments; it never invents a citation,
// a version or item wording.
std::string definition_yaml(const KeysList& keys, const DefinitionDraft& draft);

// The instrument a keys list defines on response scale `range`, under `id`, checked by the
// same checks as a YAML definition: a problem throws the same message, placed in the keys list
// (file, line, column of the scale or item it concerns).
Instrument instrument_from_keys(const KeysList& keys, std::pair<double, double> range, const std::string& id);

// The id for a keys list read from `path`: the file's stem when it is a valid id, else "keys".
std::string keys_list_id(const std::string& path);

}  // namespace attune

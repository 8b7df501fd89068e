#include "attune/instrument/keys_list.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include <fmt/format.h>

#include "attune/instrument/loader.h"
#include "attune/util/text.h"

namespace attune {

namespace {

constexpr std::size_t kMaxKeysListBytes = 1u << 20;   // 1 MiB, as a definition

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f'; }

// Appends the keys written in `line` from byte `from` on (1-based columns) to `scale`.
void read_keys(std::string_view line, std::size_t from, const SourceLocation& at, ListedScale& scale) {
  std::size_t i = from;
  while (i < line.size()) {
    if (is_space(line[i]) || line[i] == ',') {
      ++i;
      continue;
    }
    std::size_t end = i;
    while (end < line.size() && !is_space(line[end]) && line[end] != ',') ++end;
    std::string_view token = line.substr(i, end - i);
    ListedKey key{std::string(token), false, {at.file, at.line, i + 1}};
    if (token.front() == '-') {
      key.reversed = true;
      key.column = std::string(token.substr(1));
    }
    if (key.column.empty() || key.column.front() == '-') {
      throw definition_error(key.where, fmt::format("{} names no column: write a column name, with one '-' before it "
                                                    "to reverse the item",
                                                    show_text(token)),
                             "e.g. 'anxiety: Q1 Q2 -Q9'");
    }
    scale.keys.push_back(std::move(key));
    i = end;
  }
}

// `text` as a YAML double-quoted scalar (every byte kept; control bytes escaped).
std::string yaml_quoted(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    const auto b = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (b < 0x20 || b == 0x7F) {
      out += fmt::format("\\x{:02X}", b);
    } else {
      out += c;
    }
  }
  return out + "\"";
}

// Whether `column` reads as a whole number, which a definition's keys take as an item number.
bool numeric(const std::string& column) {
  int n = 0;
  auto [end, ec] = std::from_chars(column.data(), column.data() + column.size(), n);
  return ec == std::errc() && end == column.data() + column.size();
}

std::string number_text(double x) { return fmt::format("{}", x); }

// The YAML being written, with where each of its lines came from in the keys list.
struct Drafting {
  std::string yaml;
  std::vector<std::vector<std::pair<std::size_t, SourceLocation>>> origins;   // per line: (column, place)

  void line(const std::string& text, std::vector<std::pair<std::size_t, SourceLocation>> from = {}) {
    yaml += text;
    yaml += '\n';
    origins.push_back(std::move(from));
  }
};

}  // namespace

std::vector<std::string> KeysList::columns() const {
  std::vector<std::string> out;
  std::set<std::string> seen;
  for (const auto& scale : scales) {
    for (const auto& key : scale.keys) {
      if (seen.insert(key.column).second) out.push_back(key.column);
    }
  }
  return out;
}

SourceLocation KeysList::first_use(const std::string& column) const {
  for (const auto& scale : scales) {
    for (const auto& key : scale.keys) {
      if (key.column == column) return key.where;
    }
  }
  return {source};
}

KeysList parse_keys_list(std::string_view text, const std::string& source) {
  if (text.size() > kMaxKeysListBytes) {
    throw definition_error({source}, fmt::format("keys list is {} bytes; the limit is {} bytes", text.size(),
                                                 kMaxKeysListBytes));
  }
  KeysList keys{source, {}};
  std::map<std::string, std::size_t> scale_lines;
  std::size_t number = 0;
  while (!text.empty()) {
    const std::size_t eol = text.find('\n');
    std::string_view line = text.substr(0, eol);
    text = eol == std::string_view::npos ? std::string_view() : text.substr(eol + 1);
    ++number;
    if (auto hash = line.find('#'); hash != std::string_view::npos) line = line.substr(0, hash);
    if (trim(line).empty()) continue;
    const std::size_t indent = line.find_first_not_of(" \t\r\v\f");
    const SourceLocation at{source, number, indent + 1};
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) {
      throw definition_error(at, fmt::format("{} is not a scale line: write the scale's id, a colon, then its items",
                                             show_text(trim(line))),
                             "e.g. 'anxiety: Q1 Q2 -Q9'; a '-' reverses an item, '#' starts a comment");
    }
    ListedScale scale{std::string(trim(line.substr(0, colon))), {}, at};
    if (scale.id.empty()) {
      throw definition_error(at, "the scale has no id before the colon", "e.g. 'anxiety: Q1 Q2 -Q9'");
    }
    if (auto [it, fresh] = scale_lines.emplace(scale.id, number); !fresh) {
      throw definition_error(at, fmt::format("scale {} is listed twice (first on line {})", show_text(scale.id),
                                             it->second),
                             "give each scale one line with all its items");
    }
    read_keys(line, colon + 1, at, scale);
    if (scale.keys.empty()) {
      throw definition_error({source, number, colon + 2}, fmt::format("scale {} has no items", show_text(scale.id)),
                             "list its columns after the colon, e.g. 'anxiety: Q1 Q2 -Q9'");
    }
    keys.scales.push_back(std::move(scale));
  }
  if (keys.scales.empty()) {
    throw definition_error({source}, "the keys list has no scale lines",
                           "write one line per scale, e.g. 'anxiety: Q1 Q2 -Q9'");
  }
  return keys;
}

KeysList read_keys_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in || std::filesystem::is_directory(path)) {
    throw io_error({path}, "cannot read the keys list", "check the path given to --keys");
  }
  std::string text(kMaxKeysListBytes + 1, '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<std::size_t>(in.gcount()));
  if (in.bad()) throw io_error({path}, "cannot read the keys list", "check the path given to --keys");
  if (text.find('\0') != std::string::npos) {
    throw definition_error({path}, "is not a keys list: it holds binary data, not text",
                           "give a text file with one 'scale: item -item ...' line per scale");
  }
  return parse_keys_list(text, path);
}

namespace {

Drafting draft_definition(const KeysList& keys, const DefinitionDraft& draft) {
  const std::vector<std::string> items = draft.items.empty() ? keys.columns() : draft.items;
  std::map<std::string, std::size_t> number_of;
  for (std::size_t i = 0; i < items.size(); ++i) number_of.emplace(items[i], i + 1);
  Drafting out;
  const SourceLocation file{keys.source};
  if (draft.starter) {
    out.line("# A starter definition written by attune init: fill every TODO, then run 'attune check' on it.");
    out.line("# It holds nothing that was not in the data's header or the keys list.");
    for (const auto& comment : draft.comments) out.line("# " + comment);
  }
  out.line("id: " + yaml_quoted(draft.id), {{0, file}});
  out.line("name: " + yaml_quoted(draft.name), {{0, file}});
  if (draft.starter) {
    out.line("# TODO: version: \"1.0\"     (this definition's own version)");
    out.line("# TODO: citation: {authors: \"...\", year: ..., title: \"...\", doi: \"...\"}   (where the key was published)");
    out.line("# TODO: notes: |   (what was checked against the publication, and what could not be)");
  }
  out.line("response:");
  out.line("  min: " + number_text(draft.range.first), {{0, file}});
  out.line("  max: " + number_text(draft.range.second), {{0, file}});
  if (draft.starter) out.line("  # TODO: integer: true, labels: {1: \"...\"} and missing codes, from the publication");
  auto write_items = [&] {
  out.line("items:");
  if (draft.starter) out.line("  # Numbered in the data's column order: give the published item numbers instead.");
  for (std::size_t i = 0; i < items.size(); ++i) {
    out.line(fmt::format("  - {{number: {}, column: {}}}", i + 1, yaml_quoted(items[i])),
             {{0, keys.first_use(items[i])}});
  }
  };
  auto write_scales = [&] {
  out.line("scales:");
  for (const auto& scale : keys.scales) {
    out.line("  " + yaml_quoted(scale.id) + ":", {{0, scale.where}});
    if (draft.starter) out.line("    label: \"TODO: the scale's name in the publication\"");
    std::string line = "    keys: [";
    std::vector<std::pair<std::size_t, SourceLocation>> from{{0, scale.where}};
    for (std::size_t k = 0; k < scale.keys.size(); ++k) {
      const ListedKey& key = scale.keys[k];
      if (k > 0) line += ", ";
      from.emplace_back(line.size(), key.where);
      auto number = number_of.find(key.column);
      // A column the item list lacks stays a name, and the checks report it.
      if (number != number_of.end() && numeric(key.column)) {
        line += fmt::format("{}{}", key.reversed ? "-" : "", number->second);
      } else {
        line += yaml_quoted((key.reversed ? "-" : "") + key.column);
      }
    }
    out.line(line + "]", std::move(from));
    out.line("    scoring: mean", {{0, scale.where}});
  }
  };
  // Checked from a keys list, the scales come first: their problems are then reported before
  // what follows from them (an item in no scale when its scale was refused).
  if (draft.starter) {
    write_items();
    write_scales();
  } else {
    write_scales();
    write_items();
  }
  return out;
}

// Where a problem the checks found at (line, column) of the drafted YAML is in the keys list.
SourceLocation origin(const Drafting& drafting, const SourceLocation& where, const std::string& source) {
  if (where.line == 0 || where.line > drafting.origins.size()) return {source};
  SourceLocation found{source};
  for (const auto& [column, place] : drafting.origins[where.line - 1]) {
    if (column + 1 <= std::max<std::size_t>(where.column, 1)) found = place;
  }
  return found;
}

}  // namespace

std::string definition_yaml(const KeysList& keys, const DefinitionDraft& draft) {
  return draft_definition(keys, draft).yaml;
}

Instrument instrument_from_keys(const KeysList& keys, std::pair<double, double> range, const std::string& id) {
  DefinitionDraft draft{id, "keys list " + std::filesystem::path(keys.source).filename().string(), range, {}, false, {}};
  const Drafting drafting = draft_definition(keys, draft);
  CheckResult result = check_instrument_text(drafting.yaml, keys.source);
  if (!result.instrument) {
    const Problem& first = result.problems.front();
    std::string more = result.problems.size() > 1
                           ? fmt::format(" (and {} more problem(s))", result.problems.size() - 1)
                           : std::string();
    throw definition_error(origin(drafting, first.where, keys.source), first.message + more,
                           "fix the keys list: one 'scale: item -item ...' line per scale");
  }
  Instrument instrument = std::move(*result.instrument);
  instrument.source = keys.source;
  return instrument;
}

std::string keys_list_id(const std::string& path) {
  std::string stem = std::filesystem::path(path).stem().string();
  std::transform(stem.begin(), stem.end(), stem.begin(), [](unsigned char c) { return std::tolower(c); });
  const bool valid = !stem.empty() && stem.size() <= 64 && std::all_of(stem.begin(), stem.end(), [](unsigned char c) {
    return std::islower(c) || std::isdigit(c) || c == '-' || c == '_';
  });
  return valid ? stem : "keys";
}

}  // namespace attune

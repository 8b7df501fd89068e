// Sections of a definition that describe the questionnaire: citation, response scale, items.
#include <algorithm>
#include <cmath>
#include <set>

#include <fmt/format.h>

#include "attune/instrument/keys.h"
#include "attune/util/text.h"
#include "sections.h"

namespace attune::sections {

using yaml_fields::Reader;

static void read_item_list(Reader& reader, const YAML::Node& node, std::vector<Item>& items, bool per_domain);

Citation read_citation(Reader& reader, const YAML::Node& node) {
  Citation c;
  if (node.IsScalar()) {
    c.text = node.Scalar();
    if (trim(c.text).empty()) reader.problem(node, "citation is empty");
    return c;
  }
  if (!reader.expect_map(node, "citation")) return c;
  reader.check_keys(node, "citation",
                    {"authors", "year", "title", "journal", "book", "editors", "volume", "issue", "pages",
                     "publisher", "doi", "url"});
  auto get = [&](std::string_view key, bool required) { return reader.text(node, key, required).value_or(""); };
  c.authors = get("authors", true);
  c.title = get("title", true);
  c.journal = get("journal", false);
  c.book = get("book", false);
  c.editors = get("editors", false);
  c.volume = get("volume", false);
  c.issue = get("issue", false);
  c.pages = get("pages", false);
  c.publisher = get("publisher", false);
  c.doi = get("doi", false);
  c.url = get("url", false);
  if (node["year"]) {
    if (auto year = reader.whole(node["year"], "citation year")) c.year = static_cast<int>(*year);
  } else {
    reader.problem(node, "missing required key 'year' in citation");
  }
  return c;
}

void read_response(Reader& reader, const YAML::Node& node, ResponseScale& scale) {
  if (!reader.expect_map(node, "response")) return;
  reader.check_keys(node, "response", {"min", "max", "integer", "labels", "missing"});
  std::optional<double> min, max;
  if (node["min"]) min = reader.number(node["min"], "response min");
  else reader.problem(node, "missing required key 'min' in response (the lowest answer)");
  if (node["max"]) max = reader.number(node["max"], "response max");
  else reader.problem(node, "missing required key 'max' in response (the highest answer)");
  if (min && max) {
    scale.min = *min;
    scale.max = *max;
    if (*min >= *max) reader.problem(node["max"], fmt::format("response max {} must exceed min {}", *max, *min));
    for (const auto& [key, value] : {std::pair{"min", *min}, std::pair{"max", *max}}) {
      if (std::fabs(value) > kResponseScaleLimit) {
        reader.problem(node[key], fmt::format("response {} {} is beyond +-{}: no rating scale is that wide, and "
                                              "scores of it would lose their precision",
                                              key, value, kResponseScaleLimit));
      }
    }
  }
  if (const YAML::Node integer = node["integer"]) {
    if (integer.IsScalar() && (integer.Scalar() == "true" || integer.Scalar() == "false")) {
      scale.integer = integer.Scalar() == "true";
    } else {
      reader.problem(integer, "'integer' must be true or false");
    }
  }
  if (const YAML::Node labels = node["labels"]; labels && reader.expect_map(labels, "response labels")) {
    std::set<std::string> seen;
    for (const auto& entry : labels) {
      auto value = reader.number(entry.first, "a label's value");
      if (!entry.second.IsScalar() || trim(entry.second.Scalar()).empty()) {
        reader.problem(entry.second, "a response label must be a non-empty text");
        continue;
      }
      if (!value) continue;
      if (min && max && (*value < *min || *value > *max)) {
        reader.problem(entry.first, fmt::format("label value {} is outside the response range {}..{}", *value,
                                                *min, *max));
      }
      if (!seen.insert(fold_label(entry.second.Scalar())).second) {
        reader.problem(entry.second, fmt::format("label '{}' is given twice", entry.second.Scalar()));
      }
      if (scale.labels.count(*value)) reader.problem(entry.first, fmt::format("value {} has two labels", *value));
      scale.labels[*value] = entry.second.Scalar();
    }
  }
  if (const YAML::Node missing = node["missing"]) {
    if (missing.IsScalar()) {
      scale.missing_codes.push_back(missing.Scalar());
    } else if (missing.IsSequence()) {
      for (const auto& code : missing) {
        if (code.IsScalar()) scale.missing_codes.push_back(code.Scalar());
        else reader.problem(code, "a missing-value code must be a single value");
      }
    } else {
      reader.problem(missing, "'missing' must be a list of codes, e.g. [\"NA\", \"-99\"]");
    }
  }
}

static void add_item(Reader& reader, const YAML::Node& at, std::vector<Item>& items, Item item,
                     std::set<int>& numbers, std::set<std::string>& columns) {
  if (!numbers.insert(item.number).second) {
    reader.problem(at, item_given_twice(item.number));
    return;
  }
  if (!columns.insert(item.column).second) {
    reader.problem(at, column_used_twice(item.column));
    return;
  }
  items.push_back(std::move(item));
}

void read_domains(Reader& reader, const YAML::Node& node, Instrument& instrument) {
  if (!reader.expect_map(node, "domains")) return;
  reader.check_keys(node, "domains", {"names", "labels", "global"});
  const YAML::Node names = node["names"];
  if (!names || !names.IsSequence() || names.size() == 0) {
    reader.problem(node, "domains needs 'names': a list such as [mother, father, partner, friend]");
    return;
  }
  for (const auto& name : names) {
    std::string text = name.IsScalar() ? name.Scalar() : "";
    bool valid = !text.empty() && text.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_") == std::string::npos;
    if (!valid) {
      reader.problem(name, "a domain name is lowercase letters, digits or '_'");
    } else if (std::find(instrument.domains.begin(), instrument.domains.end(), text) != instrument.domains.end()) {
      reader.problem(name, fmt::format("domain '{}' is named twice", text));
    } else {
      instrument.domains.push_back(text);
    }
  }
  if (auto global = reader.text(node, "global", false); global && *global != "mean") {
    reader.problem(node["global"], "global takes 'mean' (the mean of a respondent's domain scores)");
  }
}

void read_items(Reader& reader, const YAML::Node& node, Instrument& instrument) {
  std::vector<Item> items;
  read_item_list(reader, node, items, !instrument.domains.empty());
  if (instrument.domains.empty()) {
    instrument.items = std::move(items);
    return;
  }
  // One copy of every item per domain, domain after domain.
  for (const auto& domain : instrument.domains) {
    for (const auto& item : items) {
      Item copy = item;
      copy.domain = domain;
      auto at = copy.column.find("{domain}");
      if (at != std::string::npos) copy.column.replace(at, 8, domain);   // else already reported
      instrument.items.push_back(std::move(copy));
    }
  }
}

static void read_item_list(Reader& reader, const YAML::Node& node, std::vector<Item>& items, bool per_domain) {
  std::set<int> numbers;
  std::set<std::string> columns;
  auto check_domain = [&](const YAML::Node& at, const std::string& column) {
    bool has = column.find("{domain}") != std::string::npos;
    if (per_domain && !has) reader.problem(at, fmt::format("with domains, item columns need {{domain}} (e.g. \"{{domain}}_{{n}}\"), not '{}'", column));
    if (!per_domain && has) reader.problem(at, "{domain} in a column needs a 'domains:' section");
  };
  if (node.IsSequence()) {
    for (const auto& entry : node) {
      if (!reader.expect_map(entry, "an item")) continue;
      reader.check_keys(entry, "an item", {"number", "column", "label"});
      if (!entry["number"]) {
        reader.problem(entry, "an item needs a 'number'");
        continue;
      }
      auto number = reader.whole(entry["number"], "an item number");
      if (!number) continue;
      if (*number < 1 || *number > 100000) {
        reader.problem(entry["number"], "item numbers run from 1 to 100000");
        continue;
      }
      Item item{static_cast<int>(*number), reader.text(entry, "column", false).value_or(""),
                reader.text(entry, "label", false).value_or(""), reader.where(entry), {}};
      if (item.column.empty()) item.column = (per_domain ? "{domain}_" : "Q") + std::to_string(item.number);
      check_domain(entry, item.column);
      add_item(reader, entry, items, std::move(item), numbers, columns);
    }
    if (items.empty()) reader.problem(node, "the item list is empty");
    return;
  }
  if (!reader.expect_map(node, "items (a count and a column pattern, or a list)")) return;
  reader.check_keys(node, "items", {"count", "column", "labels"});
  if (!node["count"]) {
    reader.problem(node, "missing required key 'count' in items");
    return;
  }
  auto count = reader.whole(node["count"], "items count");
  if (!count) return;
  if (*count < 1 || *count > 100000) {
    reader.problem(node["count"], "items count must be between 1 and 100000");
    return;
  }
  std::string pattern_text = reader.text(node, "column", false).value_or(per_domain ? "{domain}_{n}" : "Q{n}");
  check_domain(node["column"] ? node["column"] : node, pattern_text);
  std::optional<ColumnPattern> pattern;
  try {
    pattern.emplace(pattern_text);
  } catch (const Error& e) {
    reader.problem(node["column"], e.message());
    return;
  }
  for (int n = 1; n <= *count; ++n) {
    add_item(reader, node, items, Item{n, pattern->column_for(n), "", reader.where(node), {}}, numbers, columns);
  }
  if (const YAML::Node labels = node["labels"]; labels && reader.expect_map(labels, "item labels")) {
    for (const auto& entry : labels) {
      auto number = reader.whole(entry.first, "an item number");
      if (!number) continue;
      if (*number < 1 || *number > *count) {
        reader.problem(entry.first, fmt::format("label for item {}, but items run from 1 to {}", *number, *count));
      } else if (!entry.second.IsScalar()) {
        reader.problem(entry.second, "an item label must be a text");
      } else {
        items[static_cast<std::size_t>(*number - 1)].label = entry.second.Scalar();
      }
    }
  }
}

void read_attention_checks(Reader& reader, const YAML::Node& node, Instrument& instrument) {
  if (!node.IsSequence()) {
    reader.problem(node, "attention_checks must be a list of {column, expected} entries");
    return;
  }
  for (const auto& entry : node) {
    if (!reader.expect_map(entry, "an attention check")) continue;
    reader.check_keys(entry, "an attention check", {"column", "expected", "item"});
    AttentionCheckSpec check;
    check.where = reader.where(entry);
    check.column = reader.text(entry, "column", true).value_or("");
    if (instrument.item_by_column(check.column)) {
      reader.problem(entry["column"], fmt::format("attention check column '{}' is a scale item's column", check.column));
    }
    if (entry["item"]) {
      if (auto number = reader.whole(entry["item"], "an attention check's item number")) check.item = static_cast<int>(*number);
    }
    const YAML::Node expected = entry["expected"];
    if (!expected) {
      reader.problem(entry, "an attention check needs 'expected': the accepted answer(s)");
    } else if (expected.IsSequence() && expected.size() > 0) {
      for (const auto& value : expected) {
        if (auto v = reader.number(value, "an expected answer")) check.expected.push_back(*v);
      }
    } else if (auto v = reader.number(expected, "an expected answer")) {
      check.expected.push_back(*v);
    }
    instrument.attention_checks.push_back(std::move(check));
  }
}

}  // namespace attune::sections

#include "yaml_fields.h"

#include <algorithm>
#include <map>

#include <charconv>
#include <cmath>

#include <fmt/format.h>

#include "attune/util/text.h"

namespace attune::yaml_fields {

SourceLocation Reader::where(const YAML::Node& node) const {
  const YAML::Mark mark = node.Mark();
  if (mark.is_null()) return {source_};
  return {source_, static_cast<std::size_t>(mark.line + 1), static_cast<std::size_t>(mark.column + 1)};
}

void Reader::problem(const YAML::Node& node, std::string message) {
  problems_.push_back({where(node), std::move(message)});
}

void Reader::problem(SourceLocation at, std::string message) {
  problems_.push_back({std::move(at), std::move(message)});
}

std::string excerpt(std::string_view text) {
  constexpr std::size_t kPlain = 24, kShown = 20;
  const bool plain = text.size() <= kPlain && std::all_of(text.begin(), text.end(), [](char c) {
    const auto b = static_cast<unsigned char>(c);
    return b >= 0x20 && b < 0x7F;
  });
  if (plain) return std::string(text);
  const std::string shown = show_text(text, kShown);   // "..." quoted and escaped
  return shown.substr(1, shown.size() - 2);
}

void Reader::check_keys(const YAML::Node& node, std::string_view context,
                        std::initializer_list<std::string_view> allowed) {
  if (!node.IsMap()) return;
  std::vector<std::string> names(allowed.begin(), allowed.end());
  std::map<std::string, int> seen;   // keys so far and their lines (YAML would keep one silently)
  for (const auto& entry : node) {
    if (!entry.first.IsScalar()) {
      problem(entry.first, fmt::format("{}: keys must be plain names", context));
      continue;
    }
    const std::string key = entry.first.Scalar();
    auto [earlier, first] = seen.emplace(key, entry.first.Mark().line + 1);
    if (!first) {
      problem(entry.first, fmt::format("key '{}' appears twice in {} (the first is on line {}; keep one)", excerpt(key),
                                       context, earlier->second));
      continue;
    }
    bool known = false;
    for (auto a : allowed) known = known || a == key;
    if (known) continue;
    auto near = closest_names(key, names, 1);
    std::string hint = near.empty() ? fmt::format("allowed: {}", fmt::join(names, ", "))
                                    : fmt::format("did you mean '{}'?", near.front());
    problem(entry.first, fmt::format("unknown key '{}' in {} ({})", excerpt(key), context, hint));
  }
}

bool Reader::expect_map(const YAML::Node& node, std::string_view what) {
  if (node.IsMap()) return true;
  problem(node, fmt::format("{} must be a mapping of keys to values", what));
  return false;
}

std::optional<std::string> Reader::text(const YAML::Node& parent, std::string_view key, bool required) {
  const YAML::Node node = parent[std::string(key)];
  if (!node) {
    if (required) problem(parent, fmt::format("missing required key '{}'", key));
    return std::nullopt;
  }
  if (!node.IsScalar()) {
    problem(node, fmt::format("'{}' must be a single value", key));
    return std::nullopt;
  }
  return node.Scalar();
}

std::optional<double> parse_number(std::string_view text) {
  text = trim(text);
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  double value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) return std::nullopt;
  return value;
}

std::optional<double> Reader::number(const YAML::Node& node, std::string_view what) {
  std::optional<double> value;
  if (node.IsScalar()) value = parse_number(node.Scalar());
  if (!value) problem(node, fmt::format("{} must be a number", what));
  return value;
}

std::optional<long> Reader::whole(const YAML::Node& node, std::string_view what) {
  std::optional<double> value;
  if (node.IsScalar()) value = parse_number(node.Scalar());
  if (!value || *value != std::floor(*value) || std::fabs(*value) > 1e9) {
    problem(node, fmt::format("{} must be a whole number", what));
    return std::nullopt;
  }
  return static_cast<long>(*value);
}

}  // namespace attune::yaml_fields

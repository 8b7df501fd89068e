// The `classification:` section: which scores classify, the default method and its parameters.
#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "attune/instrument/pattern.h"
#include "attune/util/text.h"
#include "sections.h"

namespace attune::sections {

using yaml_fields::Reader;

namespace {

// The largest number of a method's table (norms' means and SDs, discriminant coefficients and
// constants), in magnitude: published ones are a few units to a few hundred; 1,000,000 leaves
// room while a function of scores on the widest response scale stays a finite number.
constexpr double kMaxTableValue = 1e6;


// Methods a definition may configure; the classifier factory implements them.
const std::vector<std::string> kMethods = {"midpoint", "median", "norms", "kmeans", "discriminant", "prototype"};

bool known_score(Reader& reader, const YAML::Node& at, const Instrument& instrument, const std::string& id) {
  auto ids = instrument.score_ids();
  if (std::find(ids.begin(), ids.end(), id) != ids.end()) return true;
  auto near = closest_names(id, ids, 1);
  reader.problem(at, fmt::format("classification names score '{}', which is not defined{}", id,
                                 near.empty() ? "" : fmt::format(" (did you mean '{}'?)", near[0])));
  return false;
}

// The dimension roles (anxiety, avoidance) or the score ids a cut-off may be keyed by.
std::optional<std::string> cutoff_dimension(const ClassificationSpec& spec, const std::string& key) {
  if (key == "anxiety" || key == spec.anxiety) return spec.anxiety;
  if (key == "avoidance" || key == spec.avoidance) return spec.avoidance;
  return std::nullopt;
}

void read_method(Reader& reader, const std::string& name, const YAML::Node& body, const Instrument& instrument,
                 ClassificationSpec& spec) {
  MethodSpec method;
  method.name = name;
  method.where = reader.where(body);
  if (body.IsNull()) {
    spec.methods.push_back(std::move(method));
    return;
  }
  if (!reader.expect_map(body, fmt::format("method '{}'", name))) return;
  if (name == "prototype") {
    reader.check_keys(body, "method 'prototype'", {"citation", "notes", "tie_rule", "standardize"});
  } else {
    reader.check_keys(body, fmt::format("method '{}'", name), {"citation", "notes", "cutoffs", "tables"});
  }
  if (auto rule = reader.text(body, "tie_rule", false)) {
    method.tie_rule = *rule;
    if (*rule != "report" && *rule != "forced-choice" && *rule != "unclassified") {
      reader.problem(body["tie_rule"], "tie_rule takes report, forced-choice or unclassified");
    } else if (*rule == "forced-choice" && !spec.forced_choice) {
      reader.problem(body["tie_rule"], "tie_rule forced-choice needs classification.forced_choice");
    }
  }
  if (auto standardize = reader.text(body, "standardize", false)) {
    if (*standardize != "true" && *standardize != "false") reader.problem(body["standardize"], "standardize is true or false");
    method.standardize = *standardize == "true";
  }
  if (body["citation"]) method.citation = read_citation(reader, body["citation"]);
  method.notes = reader.text(body, "notes", false).value_or("");
  if (const YAML::Node cutoffs = body["cutoffs"]; cutoffs && reader.expect_map(cutoffs, "cutoffs")) {
    for (const auto& entry : cutoffs) {
      const std::string key = entry.first.Scalar();
      auto dimension = cutoff_dimension(spec, key);
      auto value = reader.number(entry.second, "a cut-off");
      if (!dimension) {
        reader.problem(entry.first, fmt::format("cut-off for '{}', which is not a classification dimension "
                                                "(anxiety or avoidance)", key));
        continue;
      }
      if (!value) continue;
      auto [low, high] = instrument.score_range(*dimension, instrument.response);
      if (*value < low || *value > high) {
        reader.problem(entry.second, fmt::format("cut-off {} for '{}' is outside the score's range {}..{}", *value,
                                                 *dimension, low, high));
      }
      method.cutoffs[*dimension] = *value;
    }
  }
  if (const YAML::Node tables = body["tables"]; tables && reader.expect_map(tables, "tables")) {
    for (const auto& table : tables) {
      const std::string row = table.first.Scalar();
      if (!reader.expect_map(table.second, fmt::format("table row '{}'", row))) continue;
      for (const auto& cell : table.second) {
        auto value = reader.number(cell.second, fmt::format("'{}' in table row '{}'", cell.first.Scalar(), row));
        if (value && std::fabs(*value) > kMaxTableValue) {
          reader.problem(cell.second, fmt::format("'{}' in table row '{}' is {}, beyond +-{}: no published norm or "
                                                  "classification function has such a number",
                                                  cell.first.Scalar(), row, *value, kMaxTableValue));
        } else if (value) {
          method.tables[row][cell.first.Scalar()] = *value;
        }
      }
    }
  }
  spec.methods.push_back(std::move(method));
}

}  // namespace

void read_classification(Reader& reader, const YAML::Node& node, Instrument& instrument) {
  if (!reader.expect_map(node, "classification")) return;
  reader.check_keys(node, "classification", {"dimensions", "prototypes", "forced_choice", "default", "methods"});
  ClassificationSpec spec;
  spec.where = reader.where(node);
  const YAML::Node dimensions = node["dimensions"], prototypes = node["prototypes"];
  if (dimensions && prototypes) reader.problem(node, "give either 'dimensions' or 'prototypes', not both");
  if (!dimensions && !prototypes) {
    reader.problem(node, "classification needs 'dimensions' (anxiety, avoidance) or 'prototypes'");
  }
  if (dimensions && reader.expect_map(dimensions, "dimensions")) {
    reader.check_keys(dimensions, "dimensions", {"anxiety", "avoidance"});
    for (auto role : {"anxiety", "avoidance"}) {
      auto id = reader.text(dimensions, role, true);
      if (!id || !known_score(reader, dimensions[role], instrument, *id)) continue;
      (std::string_view(role) == "anxiety" ? spec.anxiety : spec.avoidance) = *id;
    }
  }
  if (prototypes && reader.expect_map(prototypes, "prototypes")) {
    reader.check_keys(prototypes, "prototypes", {"secure", "preoccupied", "dismissing", "fearful"});
    for (Pattern pattern : all_patterns) {
      std::string role(pattern_name(pattern));
      auto id = reader.text(prototypes, role, true);
      if (id && known_score(reader, prototypes[role], instrument, *id)) spec.prototypes[role] = *id;
    }
  }
  if (const YAML::Node choice = node["forced_choice"]; choice && reader.expect_map(choice, "forced_choice")) {
    reader.check_keys(choice, "forced_choice", {"column", "codes"});
    ForcedChoice forced;
    forced.column = reader.text(choice, "column", true).value_or("");
    if (!prototypes) reader.problem(choice, "forced_choice goes with prototypes");
    if (const YAML::Node codes = choice["codes"]; codes && reader.expect_map(codes, "forced_choice codes")) {
      for (const auto& code : codes) {
        auto value = reader.number(code.first, "a forced-choice code");
        auto pattern = code.second.IsScalar() ? parse_pattern(code.second.Scalar()) : std::nullopt;
        if (!pattern) reader.problem(code.second, "a forced-choice code names a pattern: secure, preoccupied, dismissing or fearful");
        if (value && pattern) forced.codes[*value] = std::string(pattern_name(*pattern));
      }
    } else if (!codes) {
      reader.problem(choice, "forced_choice needs 'codes': answer -> pattern");
    }
    spec.forced_choice = std::move(forced);
  }
  if (const YAML::Node methods = node["methods"]; methods && reader.expect_map(methods, "methods")) {
    for (const auto& entry : methods) {
      const std::string name = entry.first.Scalar();
      if (std::find(kMethods.begin(), kMethods.end(), name) == kMethods.end()) {
        auto near = closest_names(name, kMethods, 1);
        reader.problem(entry.first, fmt::format("unknown classification method '{}' ({})", name,
                                                near.empty() ? fmt::format("known: {}", fmt::join(kMethods, ", "))
                                                             : fmt::format("did you mean '{}'?", near[0])));
        continue;
      }
      if (spec.method(name)) {
        reader.problem(entry.first, fmt::format("method '{}' is defined twice", name));
        continue;
      }
      read_method(reader, name, entry.second, instrument, spec);
    }
  }
  if (auto chosen = reader.text(node, "default", true)) {
    spec.default_method = *chosen;
    if (std::find(kMethods.begin(), kMethods.end(), *chosen) == kMethods.end()) {
      reader.problem(node["default"], fmt::format("unknown default method '{}' (known: {})", *chosen,
                                                  fmt::join(kMethods, ", ")));
    }
  }
  instrument.classification = std::move(spec);
}

}  // namespace attune::sections

#include "attune/classify/classifier.h"

#include <algorithm>

#include <fmt/format.h>

#include "attune/classify/cutoff_classifier.h"
#include "attune/classify/discriminant.h"
#include "attune/classify/kmeans.h"
#include "attune/classify/norms.h"
#include "attune/classify/prototype.h"
#include "attune/util/error.h"

namespace attune {

std::size_t score_column(const std::vector<std::string>& score_ids, const std::string& id) {
  auto it = std::find(score_ids.begin(), score_ids.end(), id);
  if (it == score_ids.end()) throw definition_error({}, fmt::format("classification score '{}' is not scored", id));
  return static_cast<std::size_t>(it - score_ids.begin());
}

std::vector<std::string> classifier_methods() {
  return {"midpoint", "median", "norms", "kmeans", "discriminant", "prototype"};
}

namespace {


// The cut-off for one dimension: --cutoff, else the definition's (moved linearly onto the
// effective range when --range changed it), else the middle of the score's range.
double cutoff_for(const Instrument& instrument, const MethodSpec* spec, const ResponseScale& scale,
                  const ClassifierOptions& options, const std::string& role, const std::string& id) {
  auto [low, high] = instrument.score_range(id, scale);
  for (const auto& key : {role, id}) {
    auto it = options.cutoffs.find(key);
    if (it == options.cutoffs.end()) continue;
    // Outside the score's range every respondent falls on one side: a classification in name only.
    if (!(it->second >= low && it->second <= high)) {
      throw usage_error(fmt::format("--cutoff {}={}: outside the range of {}'s '{}' scores, {}..{}, so every "
                                    "respondent would be on one side of it",
                                    key, it->second, instrument.id, id, low, high),
                        "give a cut-off within the scores' range (the response scale's for a mean; --range "
                        "changes it)");
    }
    return it->second;
  }
  if (spec) {
    if (auto it = spec->cutoffs.find(id); it != spec->cutoffs.end()) {
      auto [low0, high0] = instrument.score_range(id, instrument.response);
      return low + (it->second - low0) * (high - low) / (high0 - low0);
    }
  }
  return (low + high) / 2;
}

std::string method_list(const ClassificationSpec& spec) {
  std::vector<std::string> names;
  for (const auto& m : spec.methods) names.push_back(m.name);
  return fmt::format("{}", fmt::join(names, ", "));
}

// The highest of the four prototype ratings (RQ, RSQ), with the definition's or --tie-rule's rule.
std::unique_ptr<Classifier> prototype_classifier(const Instrument& instrument, const std::vector<std::string>& score_ids,
                                                 const ClassifierOptions& options) {
  const ClassificationSpec& spec = *instrument.classification;
  if (spec.prototypes.size() != 4) {
    throw usage_error(fmt::format("method 'prototype' needs four prototype ratings; '{}' has dimensions", instrument.id),
                      "use --classify midpoint, median, kmeans, norms or discriminant");
  }
  std::array<std::size_t, 4> columns{};
  for (Pattern p : all_patterns) {
    columns[static_cast<std::size_t>(p)] = score_column(score_ids, spec.prototypes.at(std::string(pattern_name(p))));
  }
  PrototypeOptions prototype;
  const MethodSpec* params = spec.method("prototype");
  std::string rule = !options.tie_rule.empty() ? options.tie_rule : params ? params->tie_rule : "";
  if (!rule.empty()) {
    auto parsed = parse_tie_rule(rule);
    if (!parsed) throw usage_error(fmt::format("unknown tie rule '{}'", rule), "use report, forced-choice or unclassified");
    prototype.tie_rule = *parsed;
  }
  if (prototype.tie_rule == TieRule::forced_choice) {
    if (!spec.forced_choice) {
      throw usage_error(fmt::format("{} defines no forced-choice question", instrument.id), "use --tie-rule report");
    }
    prototype.forced_choice_col = options.forced_choice_col;
    for (const auto& [code, name] : spec.forced_choice->codes) prototype.forced_choice_codes[code] = *parse_pattern(name);
    if (!options.forced_choice_col) {
      // The file has no forced-choice column: the definition's rule cannot apply, ties are
      // reported as they are; asked for on the command line, it is an error.
      if (!options.tie_rule.empty()) {
        throw usage_error(fmt::format("--tie-rule forced-choice needs the column '{}' in the data",
                                      spec.forced_choice->column),
                          "use --tie-rule report or unclassified");
      }
      prototype.tie_rule = TieRule::report;
      prototype.forced_choice_codes.clear();
    }
  }
  prototype.standardize = params && params->standardize;
  return make_prototype_classifier(columns, prototype);
}

}  // namespace

std::unique_ptr<Classifier> make_classifier(const Instrument& instrument, const std::vector<std::string>& score_ids,
                                            const ResponseScale& scale, const ClassifierOptions& options) {
  if (!instrument.classification) {
    throw usage_error(fmt::format("instrument '{}' defines no classification", instrument.id),
                      "give --classify none to score without classifying");
  }
  const ClassificationSpec& spec = *instrument.classification;
  std::string method = options.method.empty() ? spec.default_method : options.method;
  auto known = classifier_methods();
  if (std::find(known.begin(), known.end(), method) == known.end()) {
    throw usage_error(fmt::format("unknown classification method '{}'", method),
                      fmt::format("known: {}", fmt::join(known, ", ")));
  }
  for (const auto& [key, value] : options.cutoffs) {
    if (key != "anxiety" && key != "avoidance" && key != spec.anxiety && key != spec.avoidance) {
      throw usage_error(fmt::format("--cutoff names '{}', which is not a classification dimension", key),
                        "write --cutoff anxiety=VALUE or --cutoff avoidance=VALUE");
    }
  }
  // Options a method does not use are refused rather than ignored.
  if (!options.cutoffs.empty() && method != "midpoint") {
    throw usage_error(fmt::format("--cutoff applies to --classify midpoint, not {}", method));
  }
  if (!options.tie_rule.empty() && method != "prototype") {
    throw usage_error(fmt::format("--tie-rule applies to --classify prototype, not {}", method));
  }
  if (method == "prototype") return prototype_classifier(instrument, score_ids, options);
  if (!spec.dimensional()) {
    throw usage_error(fmt::format("method '{}' needs anxiety and avoidance dimensions; '{}' classifies by "
                                  "prototypes", method, instrument.id),
                      "use --classify prototype");
  }
  std::size_t anxiety = score_column(score_ids, spec.anxiety), avoidance = score_column(score_ids, spec.avoidance);
  if (method == "median") return make_median_classifier(anxiety, avoidance);
  if (method == "kmeans") return make_kmeans_classifier(anxiety, avoidance, KmeansOptions{options.seed, 10, 100});
  if (method == "norms" || method == "discriminant") {
    const MethodSpec* params = spec.method(method);
    if (!params) {
      throw usage_error(fmt::format("{} defines no {} (none could be cited for it)", instrument.id, method),
                        fmt::format("its methods: {}", method_list(spec)));
    }
    if (scale.min != instrument.response.min || scale.max != instrument.response.max) {
      throw usage_error(fmt::format("{} was published for the {}..{} response scale, not --range {}..{}", method,
                                    instrument.response.min, instrument.response.max, scale.min, scale.max),
                        "use --classify midpoint or median");
    }
    if (method == "norms") {
      return make_norms_classifier(anxiety, avoidance, norms_from_tables(*params, spec.anxiety, spec.avoidance));
    }
    return make_discriminant_classifier(anxiety, avoidance, discriminant_from_tables(*params));
  }
  const MethodSpec* params = spec.method("midpoint");
  return make_midpoint_classifier(anxiety, avoidance,
                                  cutoff_for(instrument, params, scale, options, "anxiety", spec.anxiety),
                                  cutoff_for(instrument, params, scale, options, "avoidance", spec.avoidance));
}

}  // namespace attune

#include "attune/classify/classifier.h"

#include <algorithm>

#include <fmt/format.h>

#include "attune/classify/cutoff_classifier.h"
#include "attune/util/error.h"

namespace attune {

std::vector<std::string> classifier_methods() { return {"midpoint", "median"}; }

namespace {

std::size_t column_of(const std::vector<std::string>& score_ids, const std::string& id) {
  auto it = std::find(score_ids.begin(), score_ids.end(), id);
  if (it == score_ids.end()) throw definition_error({}, fmt::format("classification score '{}' is not scored", id));
  return static_cast<std::size_t>(it - score_ids.begin());
}

// The cut-off for one dimension: --cutoff, else the definition's (moved linearly onto the
// effective range when --range changed it), else the middle of the score's range.
double cutoff_for(const Instrument& instrument, const MethodSpec* spec, const ResponseScale& scale,
                  const ClassifierOptions& options, const std::string& role, const std::string& id) {
  for (const auto& key : {role, id}) {
    if (auto it = options.cutoffs.find(key); it != options.cutoffs.end()) return it->second;
  }
  auto [low, high] = instrument.score_range(id, scale);
  if (spec) {
    if (auto it = spec->cutoffs.find(id); it != spec->cutoffs.end()) {
      auto [low0, high0] = instrument.score_range(id, instrument.response);
      return low + (it->second - low0) * (high - low) / (high0 - low0);
    }
  }
  return (low + high) / 2;
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
  if (!spec.dimensional()) {
    throw usage_error(fmt::format("method '{}' needs anxiety and avoidance dimensions; '{}' classifies by "
                                  "prototypes", method, instrument.id),
                      "use --classify prototype");
  }
  std::size_t anxiety = column_of(score_ids, spec.anxiety), avoidance = column_of(score_ids, spec.avoidance);
  if (method == "median") return make_median_classifier(anxiety, avoidance);
  const MethodSpec* params = spec.method("midpoint");
  return make_midpoint_classifier(anxiety, avoidance,
                                  cutoff_for(instrument, params, scale, options, "anxiety", spec.anxiety),
                                  cutoff_for(instrument, params, scale, options, "avoidance", spec.avoidance));
}

}  // namespace attune

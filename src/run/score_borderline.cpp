// --borderline: respondents within one standard error of measurement of a cut-off.
#include <algorithm>
#include <array>
#include <cmath>

#include <fmt/format.h>

#include "attune/stats/alpha.h"
#include "attune/stats/composite_alpha.h"
#include "attune/stats/running_stats.h"
#include "score_lane.h"

namespace attune::scoring {

void Lane::plan_borderline(const ScoreOptions& options) {
  if (!options.borderline || !classifier) return;
  const ClassificationSpec& spec = *instrument.classification;
  if (!spec.dimensional() || !classifier->cuts_each_axis()) {
    throw usage_error(fmt::format("--borderline needs a method with a cut-off on each dimension, not '{}'",
                                  classifier->name()),
                      "use --classify midpoint, median or norms");
  }
  const auto ids = scorer.score_ids();
  const std::array<std::pair<std::string, std::string>, 2> dimensions = {
      std::pair{spec.anxiety, std::string("anxiety")}, std::pair{spec.avoidance, std::string("avoidance")}};
  for (const auto& dimension : dimensions) {
    const std::string& id = dimension.first;     // (lambdas cannot capture structured bindings
    const std::string& role = dimension.second;  // in clang 14)
    BorderlineDimension dim;
    dim.id = id;
    dim.col = score_column(ids, id);
    for (const std::string& key : {id, role, std::string("all")}) {
      if (auto it = options.reliability.find(key); it != options.reliability.end() && !dim.alpha) dim.alpha = it->second;
    }
    if (!dim.alpha) {
      ScoreComposite parts = instrument.composite_of(id);   // a scale, or a composite of scales (ECR-RS global)
      if (parts.keys.empty() || *std::min_element(parts.stratum_sizes.begin(), parts.stratum_sizes.end()) < 2) {
        throw usage_error(fmt::format("--borderline: '{}' is not made of multi-item scales, so its alpha cannot "
                                      "come from the sample", id),
                          fmt::format("give --reliability {}=ALPHA", id));
      }
      dim.keys = parts.keys;
      dim.parts = std::move(parts);
      dim.moments.emplace(dim.keys.size());
    }
    borderline.push_back(std::move(dim));
  }
  flag_column = true;
}

void Lane::add_borderline_items(const ResponseRow& row) {
  const double flip = parser.scale().min + parser.scale().max;
  std::vector<double> keyed;
  for (auto& dim : borderline) {
    if (!dim.moments) continue;
    keyed.clear();
    for (const auto& key : dim.keys) {
      double v = row.items[key.item];
      keyed.push_back(key.reversed && !std::isnan(v) ? flip - v : v);
    }
    dim.moments->add(keyed);
  }
}

// SEM = SD * sqrt(1 - alpha) (classical test theory; e.g. Harvill 1991), with the SD of the
// dimension's scores and raw alpha (Cronbach 1951; psych::alpha "raw_alpha") from the sample,
// stratified over the scales of a composite score (Cronbach, Schoenemann & McKie 1965).
std::vector<std::pair<std::string, std::string>> Lane::fit_borderline() {
  std::vector<std::pair<std::string, std::string>> described;
  if (borderline.empty()) return described;
  auto axis = classifier->axis_cutoffs();
  for (auto& dim : borderline) {
    RunningStats stats;
    for (std::size_t r = 0; r < sample.rows(); ++r) stats.add(sample.at(r, dim.col));
    double alpha = dim.alpha ? *dim.alpha
                             : composite_alpha(dim.moments->covariance_matrix(), dim.parts.item_weights,
                                               dim.parts.stratum_sizes);
    double sem = standard_error_of_measurement(stats.sd(), alpha);
    for (const auto& [col, cutoff] : axis) {
      if (col == dim.col && !std::isnan(sem)) cuts.push_back({col, cutoff, sem});
    }
    described.emplace_back(dim.id + "_sem", fmt::format("{:.4g} (sd {:.4g}, alpha {:.4g}{})", sem, stats.sd(), alpha,
                                                        dim.alpha ? " given" : " from the sample"));
  }
  return described;
}

}  // namespace attune::scoring

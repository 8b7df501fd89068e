#include "attune/classify/norms.h"

#include <cmath>

#include <fmt/format.h>

#include "attune/util/error.h"

namespace attune {

namespace {

const std::map<std::string, double>* table_row(const MethodSpec& spec, const std::string& id,
                                               const std::string& role) {
  for (const auto& key : {id, role}) {
    if (auto it = spec.tables.find(key); it != spec.tables.end()) return &it->second;
  }
  return nullptr;
}

Norm read_norm(const MethodSpec& spec, const std::string& id, const std::string& role) {
  const auto* row = table_row(spec, id, role);
  if (!row) {
    throw definition_error(spec.where, fmt::format("norms table has no row for '{}'", id),
                           fmt::format("add `{}: {{mean: M, sd: SD}}` under tables", id));
  }
  Norm norm;
  for (auto [cell, target] : {std::pair{"mean", &norm.mean}, std::pair{"sd", &norm.sd}}) {
    auto it = row->find(cell);
    if (it == row->end()) {
      throw definition_error(spec.where, fmt::format("norms row '{}' has no '{}'", id, cell));
    }
    *target = it->second;
  }
  return norm;
}

void check_norm(const Norm& norm, const char* role) {
  if (!std::isfinite(norm.mean) || !std::isfinite(norm.sd) || norm.sd <= 0) {
    throw definition_error({}, fmt::format("norms for {}: mean {} and sd {} (sd must be positive)", role,
                                           norm.mean, norm.sd));
  }
}

class NormsClassifier final : public Classifier {
 public:
  explicit NormsClassifier(std::size_t anxiety_col, std::size_t avoidance_col, DimensionNorms norms)
      : anxiety_col_(anxiety_col), avoidance_col_(avoidance_col), norms_(norms) {
    check_norm(norms_.anxiety, "anxiety");
    check_norm(norms_.avoidance, "avoidance");
  }

  std::string name() const override { return "norms"; }

  // z > 0 is high: on the raw scale, the cut-off is the published mean.
  std::vector<std::pair<std::size_t, double>> axis_cutoffs() const override {
    return {{anxiety_col_, norms_.anxiety.mean}, {avoidance_col_, norms_.avoidance.mean}};
  }
  bool cuts_each_axis() const override { return true; }

  Classification classify(std::span<const double> scores) const override {
    const double z_anx = z_score(scores[anxiety_col_], norms_.anxiety);
    const double z_avo = z_score(scores[avoidance_col_], norms_.avoidance);
    if (std::isnan(z_anx) || std::isnan(z_avo)) return Classification::unclassified();
    return Classification::of(quadrant(z_anx > 0, z_avo > 0));
  }

  std::vector<std::pair<std::string, std::string>> parameters() const override {
    return {{"anxiety_norm", fmt::format("mean={} sd={}", norms_.anxiety.mean, norms_.anxiety.sd)},
            {"avoidance_norm", fmt::format("mean={} sd={}", norms_.avoidance.mean, norms_.avoidance.sd)}};
  }

 private:
  std::size_t anxiety_col_, avoidance_col_;
  DimensionNorms norms_;
};

}  // namespace

DimensionNorms norms_from_tables(const MethodSpec& spec, const std::string& anxiety_id,
                                 const std::string& avoidance_id) {
  return {read_norm(spec, anxiety_id, "anxiety"), read_norm(spec, avoidance_id, "avoidance")};
}

// z = (x - M) / SD against a published norm.
double z_score(double x, const Norm& norm) { return (x - norm.mean) / norm.sd; }

std::unique_ptr<Classifier> make_norms_classifier(std::size_t anxiety_col, std::size_t avoidance_col,
                                                  DimensionNorms norms) {
  return std::make_unique<NormsClassifier>(anxiety_col, avoidance_col, norms);
}

}  // namespace attune

#include "attune/classify/prototype.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "attune/classify/tie.h"
#include "attune/util/error.h"

namespace attune {

std::optional<TieRule> parse_tie_rule(std::string_view text) {
  for (TieRule rule : {TieRule::report, TieRule::forced_choice, TieRule::unclassified}) {
    if (text == tie_rule_name(rule)) return rule;
  }
  return std::nullopt;
}

std::string_view tie_rule_name(TieRule rule) {
  switch (rule) {
    case TieRule::report: return "report";
    case TieRule::forced_choice: return "forced-choice";
    case TieRule::unclassified: return "unclassified";
  }
  return "";
}

namespace {

class PrototypeClassifier final : public Classifier {
 public:
  PrototypeClassifier(std::array<std::size_t, 4> rating_cols, PrototypeOptions options)
      : cols_(rating_cols), options_(std::move(options)) {
    if (options_.tie_rule == TieRule::forced_choice && !options_.forced_choice_col) {
      throw usage_error("the forced-choice tie rule needs a forced-choice column",
                        "name the forced-choice answer in the definition, or choose --tie-rule report");
    }
  }

  std::string name() const override { return "prototype"; }
  bool needs_sample() const override { return options_.standardize; }
  bool flags_respondents() const override { return true; }   // how a tie was met

  // Sample mean and SD (n - 1) of each rating over respondents who have it (R's mean, sd).
  void fit(const ScoreSample& sample) override {
    if (!options_.standardize) return;
    for (std::size_t i = 0; i < cols_.size(); ++i) {
      double sum = 0, n = 0;
      for (std::size_t r = 0; r < sample.rows(); ++r) {
        const double v = sample.at(r, cols_[i]);
        if (!std::isnan(v)) sum += v, n += 1;
      }
      const double mean = sum / n;
      double ss = 0;
      for (std::size_t r = 0; r < sample.rows(); ++r) {
        const double v = sample.at(r, cols_[i]);
        if (!std::isnan(v)) ss += (v - mean) * (v - mean);
      }
      const double sd = std::sqrt(ss / (n - 1));
      if (n < 2 || !(sd > 0)) {
        throw data_error({}, fmt::format("cannot standardise the {} rating: {} respondent(s) with it, SD {}",
                                         pattern_name(all_patterns[i]), n, n < 2 ? "undefined" : "0"),
                         "standardised prototypes need at least two different ratings of each prototype");
      }
      means_[i] = mean;
      sds_[i] = sd;
    }
    fitted_ = true;
  }

  Classification classify(std::span<const double> scores) const override {
    if (options_.standardize && !fitted_) throw usage_error("standardised prototype classifier used before fit()");
    std::array<double, 4> values{};
    for (std::size_t i = 0; i < cols_.size(); ++i) {
      values[i] = scores[cols_[i]];
      if (options_.standardize) values[i] = (values[i] - means_[i]) / sds_[i];
    }
    Classification c = classify_by_maximum(values);
    if (c.pattern || c.label.empty()) return c;   // a single maximum, or a missing rating
    return resolve_tie(c, scores);
  }

  std::vector<std::pair<std::string, std::string>> parameters() const override {
    std::vector<std::pair<std::string, std::string>> out = {
        {"tie_rule", std::string(tie_rule_name(options_.tie_rule))},
        {"standardized", options_.standardize ? "yes" : "no"}};
    if (fitted_) {
      for (std::size_t i = 0; i < cols_.size(); ++i) {
        out.emplace_back(fmt::format("{}_norm", pattern_name(all_patterns[i])),
                         fmt::format("mean={:.6g} sd={:.6g} (sample)", means_[i], sds_[i]));
      }
    }
    return out;
  }

 private:
  Classification resolve_tie(Classification tie, std::span<const double> scores) const {
    switch (options_.tie_rule) {
      case TieRule::report: return tie;
      case TieRule::unclassified: {
        Classification c;
        c.flags.push_back(tie.label);
        return c;
      }
      case TieRule::forced_choice: {
        const double code = scores[*options_.forced_choice_col];
        auto it = options_.forced_choice_codes.find(code);
        if (std::isnan(code) || it == options_.forced_choice_codes.end()) {
          tie.flags.push_back("no-forced-choice");
          return tie;
        }
        if (tie.label.find(pattern_name(it->second)) == std::string::npos) {
          tie.flags.push_back("forced-choice-not-tied");
          return tie;
        }
        Classification c = Classification::of(it->second);
        c.flags.push_back("tie-broken-by-forced-choice");
        return c;
      }
    }
    return tie;
  }

  std::array<std::size_t, 4> cols_;
  PrototypeOptions options_;
  std::array<double, 4> means_{}, sds_{};
  bool fitted_ = false;
};

}  // namespace

std::unique_ptr<Classifier> make_prototype_classifier(std::array<std::size_t, 4> rating_cols,
                                                      PrototypeOptions options) {
  return std::make_unique<PrototypeClassifier>(rating_cols, std::move(options));
}

}  // namespace attune

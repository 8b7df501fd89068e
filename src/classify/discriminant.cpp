#include "attune/classify/discriminant.h"

#include <cmath>

#include <fmt/format.h>

#include "attune/classify/tie.h"
#include "attune/util/error.h"

namespace attune {

namespace {

class DiscriminantClassifier final : public Classifier {
 public:
  DiscriminantClassifier(std::size_t anxiety_col, std::size_t avoidance_col, ClassificationFunctions functions)
      : anxiety_col_(anxiety_col), avoidance_col_(avoidance_col), functions_(functions) {}

  std::string name() const override { return "discriminant"; }

  Classification classify(std::span<const double> scores) const override {
    const double anx = scores[anxiety_col_], avo = scores[avoidance_col_];
    if (std::isnan(anx) || std::isnan(avo)) return Classification::unclassified();
    return classify_by_maximum(classification_function_values(functions_, anx, avo));
  }

  std::vector<std::pair<std::string, std::string>> parameters() const override {
    std::vector<std::pair<std::string, std::string>> out;
    for (std::size_t i = 0; i < all_patterns.size(); ++i) {
      const auto& f = functions_[i];
      out.emplace_back(std::string(pattern_name(all_patterns[i])),
                       fmt::format("{}*avoidance + {}*anxiety + {}", f.avoidance, f.anxiety, f.constant));
    }
    return out;
  }

 private:
  std::size_t anxiety_col_, avoidance_col_;
  ClassificationFunctions functions_;
};

}  // namespace

ClassificationFunctions discriminant_from_tables(const MethodSpec& spec) {
  ClassificationFunctions functions;
  for (std::size_t i = 0; i < all_patterns.size(); ++i) {
    const std::string pattern(pattern_name(all_patterns[i]));
    auto row = spec.tables.find(pattern);
    if (row == spec.tables.end()) {
      throw definition_error(spec.where, fmt::format("discriminant table has no row for '{}'", pattern),
                             "give one row per pattern: {avoidance: W, anxiety: W, constant: C}");
    }
    for (auto [cell, target] : {std::pair{"avoidance", &functions[i].avoidance},
                                std::pair{"anxiety", &functions[i].anxiety},
                                std::pair{"constant", &functions[i].constant}}) {
      auto it = row->second.find(cell);
      if (it == row->second.end()) {
        throw definition_error(spec.where, fmt::format("discriminant row '{}' has no '{}'", pattern, cell));
      }
      *target = it->second;
    }
  }
  return functions;
}

// Fisher's linear classification functions, as tabulated by Brennan, Clark & Shaver (1998).
std::array<double, 4> classification_function_values(const ClassificationFunctions& functions, double anxiety,
                                                     double avoidance) {
  std::array<double, 4> values{};
  for (std::size_t i = 0; i < functions.size(); ++i) {
    values[i] = functions[i].avoidance * avoidance + functions[i].anxiety * anxiety + functions[i].constant;
  }
  return values;
}

std::unique_ptr<Classifier> make_discriminant_classifier(std::size_t anxiety_col, std::size_t avoidance_col,
                                                         ClassificationFunctions functions) {
  return std::make_unique<DiscriminantClassifier>(anxiety_col, avoidance_col, functions);
}

}  // namespace attune

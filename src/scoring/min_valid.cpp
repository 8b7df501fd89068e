#include "attune/scoring/min_valid.h"

#include <fmt/format.h>

namespace attune {

void check_min_valid(const Instrument& instrument, const MinValid& rule) {
  if (rule.is_fraction) return;
  for (const Scale& scale : instrument.scales) {
    if (rule.value <= static_cast<double>(scale.keys.size())) continue;   // compared before any cast: 1e300 fits no count
    const std::size_t needed = rule.resolve(scale.keys.size());
    const std::string hint =
        rule.value <= 100 ? fmt::format("did you mean {}%? --min-valid takes a count of items (here at most {}) "
                                        "or a percentage",
                                        needed, scale.keys.size())
                          : fmt::format("give a count of at most {} items, or a percentage such as 50%",
                                        scale.keys.size());
    throw usage_error(fmt::format("--min-valid {}: scale '{}' of {} has only {} items, so every '{}' score "
                                  "would be empty",
                                  rule.value, scale.id, instrument.id, scale.keys.size(), scale.id),
                      hint);
  }
}

}  // namespace attune

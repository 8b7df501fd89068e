#include "attune/instrument/instrument.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

namespace attune {

std::string Citation::format() const {
  if (!text.empty()) return text;
  std::string out = authors;
  if (year) out += fmt::format(" ({})", year);
  if (!title.empty()) out += fmt::format(". {}", title);
  if (!journal.empty()) {
    out += fmt::format(". {}", journal);
    if (!volume.empty()) out += fmt::format(", {}", volume);
    if (!issue.empty()) out += fmt::format("({})", issue);
    if (!pages.empty()) out += fmt::format(", {}", pages);
  } else if (!book.empty()) {
    out += ". In ";
    if (!editors.empty()) out += fmt::format("{} (Eds.), ", editors);
    out += book;
    if (!pages.empty()) out += fmt::format(" (pp. {})", pages);
    if (!publisher.empty()) out += fmt::format(". {}", publisher);
  } else if (!publisher.empty()) {
    out += fmt::format(". {}", publisher);
  }
  out += ".";
  if (!doi.empty()) out += fmt::format(" https://doi.org/{}", doi);
  else if (!url.empty()) out += fmt::format(" {}", url);
  return out;
}

bool Citation::empty() const { return text.empty() && authors.empty() && title.empty(); }

std::size_t MinValid::resolve(std::size_t n_items) const {
  if (!is_fraction) return static_cast<std::size_t>(value);
  return static_cast<std::size_t>(std::ceil(value * static_cast<double>(n_items) - 1e-9));
}

const MethodSpec* ClassificationSpec::method(const std::string& name) const {
  auto it = std::find_if(methods.begin(), methods.end(), [&](const MethodSpec& m) { return m.name == name; });
  return it == methods.end() ? nullptr : &*it;
}

std::optional<std::size_t> Instrument::item_by_number(int number) const {
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (items[i].number == number) return i;
  }
  return std::nullopt;
}

std::optional<std::size_t> Instrument::item_by_column(const std::string& column) const {
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (items[i].column == column) return i;
  }
  return std::nullopt;
}

std::vector<std::string> Instrument::score_ids() const {
  std::vector<std::string> ids;
  for (const auto& s : scales) ids.push_back(s.id);
  for (const auto& c : computed) ids.push_back(c.id);
  return ids;
}

std::pair<double, double> Instrument::score_range(const std::string& id, const ResponseScale& scale) const {
  for (const auto& s : scales) {
    if (s.id != id) continue;
    if (s.scoring == Scoring::mean) return {scale.min, scale.max};
    auto k = static_cast<double>(s.keys.size());
    return {k * scale.min, k * scale.max};
  }
  for (const auto& c : computed) {
    if (c.id != id) continue;
    double low = 0, high = 0;
    for (const auto& [term, weight] : c.terms) {
      auto [a, b] = score_range(term, scale);
      low += std::min(weight * a, weight * b);
      high += std::max(weight * a, weight * b);
    }
    return {low, high};
  }
  return {NAN, NAN};
}

}  // namespace attune

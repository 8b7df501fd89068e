#include "attune/instrument/instrument.h"

#include <algorithm>
#include <cmath>
#include <cstdint>

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
  if (!is_fraction) {   // a count beyond any scale (1e300) is every item and one more, not an undefined cast
    return value > 1e15 ? std::size_t{1} << 50 : static_cast<std::size_t>(value);
  }
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
    if (c.mean_of_available) {   // a mean of scores lies within their ranges
      double low = INFINITY, high = -INFINITY;
      for (const auto& term : c.terms) {
        auto [a, b] = score_range(term.first, scale);
        low = std::min(low, a);
        high = std::max(high, b);
      }
      return {low, high};
    }
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

ScoreComposite Instrument::composite_of(const std::string& id) const {
  ScoreComposite out;
  auto add = [&](auto& self, const std::string& score, double weight, int depth) -> void {
    if (depth > 64) return;   // computed scores refer only to earlier ones; a guard all the same
    for (const auto& s : scales) {
      if (s.id != score) continue;
      const double each = s.scoring == Scoring::mean ? weight / static_cast<double>(s.keys.size()) : weight;
      for (const auto& key : s.keys) {
        out.keys.push_back(key);
        out.item_weights.push_back(each);
      }
      out.stratum_sizes.push_back(s.keys.size());
      return;
    }
    for (const auto& c : computed) {
      if (c.id != score) continue;
      for (const auto& [term, w] : c.terms) {
        self(self, term, weight * (c.mean_of_available ? 1.0 / static_cast<double>(c.terms.size()) : w), depth + 1);
      }
      return;
    }
  };
  add(add, id, 1.0, 0);
  return out;
}

Instrument Instrument::for_columns(const std::vector<std::string>& present_columns) const {
  if (domains.empty()) return *this;
  auto present = [&](const std::string& column) {
    return std::find(present_columns.begin(), present_columns.end(), column) != present_columns.end();
  };
  std::vector<std::string> absent;
  for (const auto& domain : domains) {
    bool any = false;
    for (const auto& item : items) any = any || (item.domain == domain && present(item.column));
    if (!any) absent.push_back(domain);
  }
  if (absent.empty() || absent.size() == domains.size()) return *this;   // all present, or let binding report
  auto dropped = [&](const std::string& domain) {
    return std::find(absent.begin(), absent.end(), domain) != absent.end();
  };
  Instrument kept = *this;
  kept.domains.clear();
  for (const auto& domain : domains) {
    if (!dropped(domain)) kept.domains.push_back(domain);
  }
  std::vector<std::size_t> new_index(items.size(), SIZE_MAX);
  kept.items.clear();
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (dropped(items[i].domain)) continue;
    new_index[i] = kept.items.size();
    kept.items.push_back(items[i]);
  }
  kept.scales.clear();
  std::vector<std::string> removed;
  for (const auto& scale : scales) {
    if (!scale.keys.empty() && new_index[scale.keys.front().item] == SIZE_MAX) {
      removed.push_back(scale.id);
      continue;
    }
    Scale copy = scale;
    for (auto& key : copy.keys) key.item = new_index[key.item];
    kept.scales.push_back(std::move(copy));
  }
  // Domain-global means lose the absent domains' terms; any other computed score that uses a
  // removed score is removed too (in order, so scores built on it go as well).
  std::vector<ComputedScale> computed_kept;
  for (auto c : kept.computed) {
    auto is_removed = [&](const auto& term) {
      return std::find(removed.begin(), removed.end(), term.first) != removed.end();
    };
    if (c.mean_of_available) {
      std::erase_if(c.terms, is_removed);
    } else if (std::any_of(c.terms.begin(), c.terms.end(), is_removed)) {
      removed.push_back(c.id);
      continue;
    }
    computed_kept.push_back(std::move(c));
  }
  kept.computed = std::move(computed_kept);
  return kept;
}

}  // namespace attune

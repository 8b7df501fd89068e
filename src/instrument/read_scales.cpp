// Sections of a definition that describe scoring: scales, computed scales, classification.
#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <unordered_map>

#include <fmt/format.h>

#include "attune/instrument/keys.h"
#include "attune/util/text.h"
#include "sections.h"

namespace attune::sections {

using yaml_fields::Reader;

namespace {

// The names of attune's own output columns: a score of one of these names would give a second
// column (a duplicate JSON key) of that name. "id" is the usual id column's name.
const std::set<std::string> kReservedIds = {"id", "row", "pattern", "flags", "quality_flags", "attune_version",
                                            "instrument", "instrument_version", "instrument_sha256"};

// The largest weight of a computed score's term (in magnitude). Published combinations weight
// scores by 1, -1, 0.5 or a regression weight of a few units; 1,000 leaves room for rescaling
// (x100 for percentages) while a score of scales on the widest response scale (1e6 x 1e5 items)
// times it stays many orders of magnitude below a double's overflow. A long chain of computed
// scores can still multiply up: the scorer stops at a score that is not a finite number.
constexpr double kMaxTermWeight = 1000;

bool fresh_score_id(Reader& reader, const YAML::Node& at, const std::string& id, const Instrument& instrument) {
  auto ids = instrument.score_ids();
  if (std::find(ids.begin(), ids.end(), id) != ids.end()) {
    reader.problem(at, fmt::format("score id '{}' is defined twice", id));
    return false;
  }
  if (kReservedIds.count(id)) {
    reader.problem(at, fmt::format("'{}' is reserved for an output column; choose another scale id", id));
    return false;
  }
  return true;
}

void read_keys(Reader& reader, const YAML::Node& node, const Instrument& instrument, Scale& scale) {
  if (!node.IsSequence() || node.size() == 0) {
    reader.problem(node, fmt::format("scale '{}' needs 'keys': a list of item numbers (-n reverses)", scale.id));
    return;
  }
  // Items by number and by column (the first of each, as Instrument::item_by_* finds them):
  // a wide scale's keys are then looked up in constant time, not a scan each.
  std::unordered_map<int, std::size_t> by_number;
  std::unordered_map<std::string, std::size_t> by_column;
  for (std::size_t i = 0; i < instrument.items.size(); ++i) {
    by_number.try_emplace(instrument.items[i].number, i);
    by_column.try_emplace(instrument.items[i].column, i);
  }
  auto find_item = [&](const ParsedKey& key) -> std::optional<std::size_t> {
    if (key.number) {
      auto it = by_number.find(*key.number);
      return it == by_number.end() ? std::nullopt : std::optional<std::size_t>(it->second);
    }
    auto it = by_column.find(key.column);
    return it == by_column.end() ? std::nullopt : std::optional<std::size_t>(it->second);
  };
  std::set<std::size_t> used;
  for (const auto& entry : node) {
    std::optional<ParsedKey> key;
    if (entry.IsScalar()) key = parse_key(entry.Scalar());
    if (!key) {
      reader.problem(entry, "a key must be an item number or column name, '-' in front to reverse");
      continue;
    }
    if (!key->number && !instrument.domains.empty()) {
      reader.problem(entry, "with domains, scale keys are item numbers (each domain has its own columns)");
      continue;
    }
    std::optional<std::size_t> index = find_item(*key);
    if (!index) {
      reader.problem(entry, fmt::format("scale '{}' uses item {}, which is not defined in items", scale.id,
                                        key->number ? std::to_string(*key->number) : "'" + key->column + "'"));
      continue;
    }
    if (!used.insert(*index).second) {
      reader.problem(entry, fmt::format("scale '{}' uses item {} twice", scale.id, instrument.items[*index].number));
      continue;
    }
    scale.keys.push_back({*index, key->reversed});
  }
}

void read_min_valid(Reader& reader, const YAML::Node& node, Scale& scale) {
  if (!node.IsScalar()) {
    reader.problem(node, "min_valid must be a count or a percentage such as \"50%\"");
    return;
  }
  std::string text(trim(node.Scalar()));
  if (!text.empty() && text.back() == '%') {
    auto percent = yaml_fields::parse_number(text.substr(0, text.size() - 1));
    if (!percent || *percent < 0 || *percent > 100) {
      reader.problem(node, "a min_valid percentage must be between 0% and 100%");
      return;
    }
    scale.min_valid = {true, *percent / 100};
    return;
  }
  auto count = reader.whole(node, "min_valid");
  if (!count) return;
  if (*count < 0 || static_cast<std::size_t>(*count) > scale.keys.size()) {
    reader.problem(node, fmt::format("min_valid {} must be between 0 and the scale's {} items", *count,
                                     scale.keys.size()));
    return;
  }
  scale.min_valid = {false, static_cast<double>(*count)};
}

}  // namespace

void read_scales(Reader& reader, const YAML::Node& node, Instrument& instrument) {
  if (!reader.expect_map(node, "scales") || node.size() == 0) {
    if (node.IsMap()) reader.problem(node, "'scales' is empty: define at least one scale");
    return;
  }
  for (const auto& entry : node) {
    Scale scale;
    scale.id = entry.first.Scalar();
    scale.where = reader.where(entry.first);
    if (!fresh_score_id(reader, entry.first, scale.id, instrument)) continue;
    const YAML::Node body = entry.second;
    if (!reader.expect_map(body, fmt::format("scale '{}'", scale.id))) continue;
    reader.check_keys(body, fmt::format("scale '{}'", scale.id), {"label", "keys", "scoring", "min_valid"});
    scale.label = reader.text(body, "label", false).value_or("");
    if (body["keys"]) read_keys(reader, body["keys"], instrument, scale);
    else reader.problem(body, fmt::format("scale '{}' needs 'keys'", scale.id));
    if (auto scoring = reader.text(body, "scoring", false)) {
      if (*scoring == "sum") scale.scoring = Scoring::sum;
      else if (*scoring != "mean") reader.problem(body["scoring"], "scoring must be 'mean' or 'sum'");
    }
    // A sum over fewer items than the scale has is not comparable; sums need every item
    // unless the definition says otherwise (psych sums whatever is there).
    if (scale.scoring == Scoring::sum) scale.min_valid = {true, 1.0};
    if (body["min_valid"]) read_min_valid(reader, body["min_valid"], scale);
    instrument.scales.push_back(std::move(scale));
  }
  if (!instrument.domains.empty()) expand_domains(instrument);
  std::vector<bool> in_scale(instrument.items.size(), false);
  for (const auto& scale : instrument.scales) {
    for (const auto& key : scale.keys) in_scale[key.item] = true;
  }
  for (std::size_t i = 0; i < instrument.items.size(); ++i) {
    if (!in_scale[i]) {
      reader.problem(instrument.items[i].where,
                     fmt::format("item {} is in no scale (add it to a scale's keys, or remove it)",
                                 instrument.items[i].number));
    }
  }
}

void expand_domains(Instrument& instrument) {
  const std::size_t per_domain = instrument.items.size() / instrument.domains.size();
  std::vector<Scale> scales;
  for (std::size_t d = 0; d < instrument.domains.size(); ++d) {
    for (const auto& scale : instrument.scales) {
      Scale copy = scale;
      copy.id = instrument.domains[d] + "_" + scale.id;
      copy.label = scale.label.empty() ? "" : scale.label + " (" + instrument.domains[d] + ")";
      for (auto& key : copy.keys) key.item += d * per_domain;   // keys were read against domain 0
      scales.push_back(std::move(copy));
    }
  }
  for (const auto& scale : instrument.scales) {
    ComputedScale global;
    global.id = scale.id;
    global.label = scale.label.empty() ? "" : scale.label + " (mean over domains)";
    global.mean_of_available = true;
    global.where = scale.where;
    for (const auto& domain : instrument.domains) global.terms.emplace_back(domain + "_" + scale.id, 1.0);
    instrument.computed.push_back(std::move(global));
  }
  instrument.scales = std::move(scales);
}

void read_computed(Reader& reader, const YAML::Node& node, Instrument& instrument) {
  if (!reader.expect_map(node, "computed")) return;
  std::map<std::string, YAML::Node> bodies;
  for (const auto& entry : node) bodies[entry.first.Scalar()] = entry.second;
  std::set<std::string> failed;   // reported already; later uses are not reported again
  for (const auto& entry : node) {
    ComputedScale computed;
    computed.id = entry.first.Scalar();
    computed.where = reader.where(entry.first);
    if (!fresh_score_id(reader, entry.first, computed.id, instrument)) continue;
    const YAML::Node body = entry.second;
    if (!reader.expect_map(body, fmt::format("computed scale '{}'", computed.id))) continue;
    reader.check_keys(body, fmt::format("computed scale '{}'", computed.id), {"label", "terms"});
    computed.label = reader.text(body, "label", false).value_or("");
    const YAML::Node terms = body["terms"];
    if (!terms || !terms.IsMap() || terms.size() == 0) {
      reader.problem(body, fmt::format("computed scale '{}' needs 'terms': score ids with weights", computed.id));
      continue;
    }
    bool ok = true;
    for (const auto& term : terms) {
      const std::string ref = term.first.Scalar();
      auto weight = reader.number(term.second, "a term's weight");
      auto ids = instrument.score_ids();
      if (std::find(ids.begin(), ids.end(), ref) != ids.end()) {
        if (weight && std::fabs(*weight) > kMaxTermWeight) {
          reader.problem(term.second, fmt::format("computed scale '{}': weight {} of '{}' is beyond +-{} (scores "
                                                  "would overflow to infinity or lose their precision)",
                                                  computed.id, *weight, ref, kMaxTermWeight));
          ok = false;
        } else if (weight) {
          computed.terms.emplace_back(ref, *weight);
        }
        continue;
      }
      ok = false;
      if (failed.count(ref)) {
        continue;
      } else if (ref == computed.id) {
        reader.problem(term.first, fmt::format("computed scale '{}' uses itself", ref));
      } else if (bodies.count(ref)) {
        reader.problem(term.first, fmt::format("computed scale '{}' uses '{}', which is defined after it "
                                               "(a cycle, or an order to fix: define '{}' first)",
                                               computed.id, ref, ref));
      } else {
        auto near = closest_names(ref, ids, 1);
        reader.problem(term.first, fmt::format("computed scale '{}' uses unknown score '{}'{}", computed.id, ref,
                                               near.empty() ? "" : fmt::format(" (did you mean '{}'?)", near[0])));
      }
    }
    if (ok) instrument.computed.push_back(std::move(computed));
    else failed.insert(computed.id);
  }
}

}  // namespace attune::sections

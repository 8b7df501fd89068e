#include "attune/factor/model_syntax.h"

#include <algorithm>
#include <cctype>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "attune/util/error.h"

namespace attune {

namespace {

// Whether `name` is a lavaan variable name (lavaan's parser: an R-like identifier).
bool lavaan_name(std::string_view name) {
  if (name.empty() || std::isdigit(static_cast<unsigned char>(name.front())) || name.front() == '_') return false;
  for (char c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '_') return false;
  }
  return true;
}

// Whether `name` is an Mplus variable name: a letter first, then letters, digits or '_', 8 at most.
bool mplus_name(std::string_view name) {
  if (name.empty() || name.size() > 8 || !std::isalpha(static_cast<unsigned char>(name.front()))) return false;
  for (char c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') return false;
  }
  return true;
}

void check_names(const Instrument& instrument, const std::vector<std::string>& columns, bool (*valid)(std::string_view),
                 const char* language, const char* rule, bool check_scales = true) {
  auto refuse = [&](const std::string& name, const char* what) {
    throw usage_error(fmt::format("{} {} is not a name {} can read ({})", what, name, language, rule),
                      fmt::format("rename it in the data and give the new names with --columns or --map{}",
                                  std::string_view(what) == "scale" ? ", or write the model by hand" : ""));
  };
  for (const Scale& scale : instrument.scales) {
    if (scale.keys.size() < 2) continue;
    if (check_scales && !valid(scale.id)) refuse(scale.id, "scale");
    for (const KeyedItem& key : scale.keys) {
      if (!valid(columns.at(key.item))) refuse(columns.at(key.item), "column");
    }
  }
}

// The comment lines both syntaxes open with (`mark` starts a comment).
std::string header_comments(const Instrument& instrument, const std::vector<std::string>& columns, const char* mark) {
  std::string out = fmt::format("{} {} ({}{}): measurement model of the scoring key, one factor per scale\n", mark,
                                instrument.name, instrument.id, instrument.version.empty() ? "" : " " + instrument.version);
  out += fmt::format("{} written by attune factor; item names are the data's columns\n", mark);
  for (const Scale& scale : instrument.scales) {
    if (scale.keys.size() < 2) {
      out += fmt::format("{} {}: a single-item scale, left out (a factor needs two or more items)\n", mark, scale.id);
      continue;
    }
    std::string reversed;
    for (const KeyedItem& key : scale.keys) {
      if (key.reversed) reversed += " " + columns.at(key.item);
    }
    out += fmt::format("{} {}: reversed items (keyed negatively; their loadings are expected below zero):{}\n", mark,
                       scale.id, reversed.empty() ? " none" : reversed);
  }
  return out;
}

}  // namespace

// lavaan model syntax (Rosseel 2012, "lavaan: An R package for structural equation modeling", the `=~` operator).
std::string lavaan_model(const Instrument& instrument, const std::vector<std::string>& columns) {
  check_names(instrument, columns, lavaan_name, "lavaan", "letters, digits, '.' and '_', not starting with a digit");
  std::string out = header_comments(instrument, columns, "#");
  for (const Scale& scale : instrument.scales) {
    if (scale.keys.size() < 2) continue;
    out += scale.id + " =~";
    for (std::size_t p = 0; p < scale.keys.size(); ++p) out += (p ? " + " : " ") + columns.at(scale.keys[p].item);
    out += "\n";
  }
  return out;
}

// Mplus names of the scales' factors: the id when Mplus can read it, else its first letters,
// digits and '_' (a letter first, 8 at most), with a number making it unique.
std::vector<std::string> mplus_factor_names(const Instrument& instrument) {
  std::vector<std::string> names;
  for (const Scale& scale : instrument.scales) {
    std::string name;
    for (char c : scale.id) {
      if (std::isalnum(static_cast<unsigned char>(c)) || c == '_') name += c;
    }
    if (name.empty() || !std::isalpha(static_cast<unsigned char>(name.front()))) name = "f" + name;
    if (mplus_name(scale.id)) name = scale.id;
    name = name.substr(0, 8);
    for (int n = 2; std::find(names.begin(), names.end(), name) != names.end(); ++n) {
      const std::string suffix = std::to_string(n);
      name = name.substr(0, 8 - suffix.size()) + suffix;
    }
    names.push_back(name);
  }
  return names;
}

// Mplus MODEL syntax (Muthen & Muthen, Mplus User's Guide, the BY statement).
std::string mplus_model(const Instrument& instrument, const std::vector<std::string>& columns) {
  check_names(instrument, columns, mplus_name, "Mplus", "letters, digits and '_', a letter first, at most 8 characters",
              false);
  const std::vector<std::string> factors = mplus_factor_names(instrument);
  std::string out = header_comments(instrument, columns, "!");
  for (std::size_t s = 0; s < factors.size(); ++s) {
    if (factors[s] != instrument.scales[s].id && instrument.scales[s].keys.size() >= 2) {
      out += fmt::format("! factor {} is scale {} (Mplus names have at most 8 characters)\n", factors[s],
                         instrument.scales[s].id);
    }
  }
  out += "! VARIABLE: NAMES must list every column of the data file, in its order\nVARIABLE:\n  USEVARIABLES =";
  std::vector<bool> used(columns.size());
  for (const Scale& scale : instrument.scales) {
    if (scale.keys.size() < 2) continue;
    for (const KeyedItem& key : scale.keys) used.at(key.item) = true;
  }
  std::size_t on_line = 0;
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (used[i]) out += (on_line++ % 10 == 0 ? "\n    " : " ") + columns[i];
  }
  out += ";\nMODEL:\n";
  for (std::size_t s = 0; s < factors.size(); ++s) {
    const Scale& scale = instrument.scales[s];
    if (scale.keys.size() < 2) continue;
    out += "  " + factors[s] + " BY";
    for (std::size_t p = 0; p < scale.keys.size(); ++p) {
      out += (p % 10 == 0 && p ? "\n    " : " ") + columns.at(scale.keys[p].item);
    }
    out += ";\n";
  }
  return out;
}

}  // namespace attune

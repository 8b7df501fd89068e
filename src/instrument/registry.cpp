#include "attune/instrument/registry.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <system_error>

#include <fmt/format.h>

#include "attune/util/error.h"
#include "attune/util/text.h"

namespace attune {

namespace fs = std::filesystem;

// True when the running binary sits inside the build tree it was configured in.
static bool running_from_build_tree() {
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (ec) return false;
  fs::path build = fs::weakly_canonical(ATTUNE_BUILD_DIR, ec);
  if (ec) return false;
  auto rel = exe.lexically_relative(build);
  return !rel.empty() && *rel.begin() != "..";
}

std::vector<std::string> instrument_search_path(const std::vector<std::string>& explicit_dirs) {
  std::vector<std::string> path(explicit_dirs);
  if (const char* env = std::getenv("ATTUNE_INSTRUMENT_PATH"); env && *env) {
    for (auto& dir : split(env, ':')) {
      if (!dir.empty()) path.push_back(dir);
    }
  }
  if (running_from_build_tree()) path.push_back(ATTUNE_SOURCE_INSTRUMENTS_DIR);
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) path.push_back((exe.parent_path().parent_path() / "share/attune/instruments").string());
  path.push_back(ATTUNE_INSTALL_INSTRUMENTS_DIR);
  std::vector<std::string> unique;
  for (auto& dir : path) {
    if (std::find(unique.begin(), unique.end(), dir) == unique.end()) unique.push_back(dir);
  }
  return unique;
}

std::vector<InstrumentEntry> list_instruments(const std::vector<std::string>& search_path) {
  std::map<std::string, std::string> found;
  for (const auto& dir : search_path) {
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
      const fs::path& file = it->path();
      if (file.extension() != ".yaml" || !it->is_regular_file(ec)) continue;
      found.emplace(file.stem().string(), file.string());
    }
  }
  std::vector<InstrumentEntry> entries;
  for (auto& [id, path] : found) entries.push_back({id, path});
  return entries;
}

std::string resolve_instrument(const std::string& name, const std::vector<std::string>& search_path) {
  std::error_code ec;
  bool looks_like_file = name.find('/') != std::string::npos || name.ends_with(".yaml") || name.ends_with(".yml");
  // A folder given where a definition was expected ("-i instruments/", or a folder that is no id).
  auto directory_error = [&] {
    std::string dir = name.size() > 1 && name.ends_with('/') ? name.substr(0, name.size() - 1) : name;
    return usage_error(fmt::format("'{}' is a directory, not an instrument id or definition file", name),
                       fmt::format("give a YAML file in it (-i {}/NAME.yaml), or an id with --instrument-path {} "
                                   "to look for definitions there",
                                   dir, dir));
  };
  if (looks_like_file && fs::is_directory(name, ec)) throw directory_error();
  // A bare name is an id, looked up on the search path only: a file of that name in the
  // current folder must not stand in for a shipped instrument.
  if (looks_like_file) {
    if (!fs::exists(name, ec)) {
      throw usage_error(fmt::format("instrument file '{}' does not exist", name), "check the path");
    }
    return name;
  }
  auto entries = list_instruments(search_path);
  for (const auto& entry : entries) {
    if (entry.id == name) return entry.path;
  }
  if (fs::is_directory(name, ec)) throw directory_error();
  // A definition of that name in the current folder is not looked at, but is probably meant.
  for (const char* extension : {".yaml", ".yml"}) {
    if (!fs::is_regular_file(name + extension, ec)) continue;
    throw usage_error(fmt::format("unknown instrument '{}'", name),
                      fmt::format("{0}{1} is in the current folder, but a bare name is an id on the search path only: "
                                  "give its path: -i ./{0}{1}",
                                  name, extension));
  }
  std::vector<std::string> ids;
  for (const auto& entry : entries) ids.push_back(entry.id);
  auto near = closest_names(name, ids, 1);
  std::string hint = ids.empty() ? "no instruments found: set --instrument-path or ATTUNE_INSTRUMENT_PATH"
                                 : fmt::format("known: {}{}", fmt::join(ids, ", "),
                                               near.empty() ? "" : fmt::format("; did you mean '{}'?", near[0]));
  throw usage_error(fmt::format("unknown instrument '{}'", name), hint);
}

}  // namespace attune

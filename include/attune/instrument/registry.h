// Finding shipped and user instruments by name along a search path.
#pragma once

#include <string>
#include <vector>

namespace attune {

// One definition file found on the search path.
struct InstrumentEntry {
  std::string id;    // file name without .yaml
  std::string path;
};

// The directories searched, in order: `explicit_dirs` (--instrument-path), then
// $ATTUNE_INSTRUMENT_PATH (colon-separated), the source tree's instruments/ when the running
// binary lives in the build tree, then the install prefix's share/attune/instruments.
std::vector<std::string> instrument_search_path(const std::vector<std::string>& explicit_dirs);

// Every *.yaml on the path, first occurrence of each id winning, sorted by id.
std::vector<InstrumentEntry> list_instruments(const std::vector<std::string>& search_path);

// `name` itself when it is a path (it holds a '/' or ends in .yaml/.yml; it must exist), else
// the file of the instrument with that id on the search path (never a file in the current
// folder). Throws a usage Error naming the known ids.
std::string resolve_instrument(const std::string& name, const std::vector<std::string>& search_path);

}  // namespace attune

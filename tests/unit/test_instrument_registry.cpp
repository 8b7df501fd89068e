#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include "attune/instrument/registry.h"
#include "test_support.h"

using namespace attune;

namespace {

// Two search directories: `first` and `second` both define "shared".
struct TwoDirs {
  test::TempDir root;
  std::string first, second;
  TwoDirs() {
    first = (root.path() / "first").string();
    second = (root.path() / "second").string();
    root.write("first/shared.yaml", "id: shared\n");
    root.write("first/alpha.yaml", "id: alpha\n");
    root.write("first/notes.txt", "not a definition\n");
    root.write("first/beta.yml", "id: beta\n");   // only *.yaml are listed
    root.write("second/shared.yaml", "id: shared\n");
    root.write("second/zeta.yaml", "id: zeta\n");
    std::filesystem::create_directories(root.path() / "first/dir.yaml");   // a directory, not a file
  }
};

}  // namespace

TEST_CASE("list_instruments: every *.yaml, sorted by id, the first directory winning") {
  TwoDirs dirs;
  auto entries = list_instruments({dirs.first, dirs.second, (dirs.root.path() / "absent").string()});
  REQUIRE(entries.size() == 3);
  CHECK(entries[0].id == "alpha");
  CHECK(entries[1].id == "shared");
  CHECK(entries[1].path == dirs.first + "/shared.yaml");
  CHECK(entries[2].id == "zeta");
  CHECK(entries[2].path == dirs.second + "/zeta.yaml");

  auto reversed = list_instruments({dirs.second, dirs.first});
  REQUIRE(reversed.size() == 3);
  CHECK(reversed[1].path == dirs.second + "/shared.yaml");
}

TEST_CASE("resolve_instrument finds an id on the path, or takes a path as is") {
  TwoDirs dirs;
  std::vector<std::string> path = {dirs.first, dirs.second};
  CHECK(resolve_instrument("zeta", path) == dirs.second + "/zeta.yaml");
  CHECK(resolve_instrument("shared", path) == dirs.first + "/shared.yaml");
  std::string file = dirs.root.write("elsewhere/mine.yaml", "id: mine\n");
  CHECK(resolve_instrument(file, path) == file);
  // A name that looks like a file but does not exist is a usage error, not a lookup.
  auto e = test::error_of([&] { resolve_instrument(dirs.first + "/nothing.yaml", path); });
  REQUIRE(e);
  CHECK(e->kind() == ErrorKind::usage);
  CHECK(e->message().find("does not exist") != std::string::npos);
}

TEST_CASE("resolve_instrument: an unknown id is a usage error listing ids and the closest") {
  TwoDirs dirs;
  auto e = test::error_of([&] { resolve_instrument("zetta", {dirs.first, dirs.second}); });
  REQUIRE(e);
  CHECK(e->kind() == ErrorKind::usage);
  CHECK(e->message() == "unknown instrument 'zetta'");
  CHECK(e->hint() == "known: alpha, shared, zeta; did you mean 'zeta'?");
  auto none = test::error_of([&] { resolve_instrument("x", {(dirs.root.path() / "absent").string()}); });
  REQUIRE(none);
  CHECK(none->hint().find("no instruments found") != std::string::npos);
}

TEST_CASE("instrument_search_path: explicit dirs, then ATTUNE_INSTRUMENT_PATH, in order") {
  TwoDirs dirs;
  const char* saved = std::getenv("ATTUNE_INSTRUMENT_PATH");
  std::string old = saved ? saved : "";
  ::setenv("ATTUNE_INSTRUMENT_PATH", (dirs.second + "::" + dirs.first).c_str(), 1);
  auto path = instrument_search_path({"/explicit"});
  if (saved) ::setenv("ATTUNE_INSTRUMENT_PATH", old.c_str(), 1);
  else ::unsetenv("ATTUNE_INSTRUMENT_PATH");
  REQUIRE(path.size() >= 3);
  CHECK(path[0] == "/explicit");
  CHECK(path[1] == dirs.second);
  CHECK(path[2] == dirs.first);   // empty entries skipped
  CHECK(resolve_instrument("shared", path) == dirs.second + "/shared.yaml");
  // The test binary runs from the build tree, so the source instruments are on the path.
  CHECK(std::find(path.begin(), path.end(), std::string(ATTUNE_INSTRUMENTS_DIR)) != path.end());
}

TEST_CASE("resolve_instrument: a bare name is an id, never a file of that name in the current folder") {
  TwoDirs dirs;
  const auto here = std::filesystem::current_path();
  std::filesystem::current_path(dirs.root.path());
  dirs.root.write("zeta", "id: zeta\n");   // an extensionless file named like an id
  dirs.root.write("lonely", "id: lonely\n");
  const std::string found = resolve_instrument("zeta", {dirs.first, dirs.second});
  auto unknown = test::error_of([&] { resolve_instrument("lonely", {dirs.first, dirs.second}); });
  const std::string as_path = resolve_instrument("./zeta", {dirs.first, dirs.second});
  std::filesystem::current_path(here);
  CHECK(found == dirs.second + "/zeta.yaml");
  REQUIRE(unknown);
  CHECK(unknown->message() == "unknown instrument 'lonely'");
  CHECK(as_path == "./zeta");
}

#include <doctest/doctest.h>

#include <filesystem>
#include <string>

#include "attune/io/output_sink.h"
#include "attune/util/text.h"
#include "test_support.h"

using namespace attune;
namespace fs = std::filesystem;

namespace {

std::size_t entries(const fs::path& dir) {
  std::size_t n = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(dir)) ++n;
  return n;
}

}  // namespace

TEST_CASE("a file target is untouched until commit, then holds exactly the bytes") {
  test::TempDir dir;
  std::string target = (dir.path() / "out.csv").string();
  {
    auto sink = open_output(target);
    CHECK(sink->name() == target);
    sink->write("a,b\n");
    sink->write(std::string(100000, 'x'));   // more than the sink's buffer
    CHECK_FALSE(fs::exists(target));
    CHECK(entries(dir.path()) == 1);          // only the temporary file
    sink->commit();
    CHECK(entries(dir.path()) == 1);
  }
  CHECK(read_file(target) == "a,b\n" + std::string(100000, 'x'));
}

TEST_CASE("a file target of many megabytes, written in pieces large and small, holds exactly the bytes") {
  // Past the 8 MiB at which the sink starts writing back to disk, more than once.
  test::TempDir dir;
  std::string target = (dir.path() / "big.csv").string();
  std::string expected;
  {
    auto sink = open_output(target);
    for (int piece = 0; expected.size() < (20u << 20); ++piece) {
      const std::string bytes(piece % 3 == 0 ? 300000 : 1000 + piece % 7, static_cast<char>('a' + piece % 26));
      sink->write(bytes);
      expected += bytes;
    }
    sink->commit();
  }
  CHECK(read_file(target) == expected);
}

TEST_CASE("without commit the temporary file is removed and an existing target kept") {
  test::TempDir dir;
  std::string target = dir.write("out.csv", "old contents");
  {
    auto sink = open_output(target);
    sink->write(std::string(200000, 'y'));
  }
  CHECK(read_file(target) == "old contents");
  CHECK(entries(dir.path()) == 1);
  {
    auto sink = open_output(target);
    sink->write("new");
    sink->commit();
  }
  CHECK(read_file(target) == "new");
}

TEST_CASE("a directory target and a missing directory are io errors") {
  test::TempDir dir;
  auto directory = test::error_of([&] { open_output(dir.path().string()); });
  REQUIRE(directory);
  CHECK(directory->kind() == ErrorKind::io);
  CHECK(directory->message() == "is a directory");
  auto missing = test::error_of([&] { open_output((dir.path() / "no/such/out.csv").string()); });
  REQUIRE(missing);
  CHECK(missing->kind() == ErrorKind::io);
  CHECK(missing->message().rfind("cannot create the output file", 0) == 0);
}

TEST_CASE("a write failure on a device (/dev/full) is an io error at commit") {
  if (!fs::exists("/dev/full")) return;
  auto sink = open_output("/dev/full");
  sink->write("some bytes");
  auto e = test::error_of([&] { sink->commit(); });
  REQUIRE(e);
  CHECK(e->kind() == ErrorKind::io);
  CHECK(e->where().file == "/dev/full");
  CHECK(e->message().rfind("cannot write", 0) == 0);
  CHECK(e->hint() == "free some disk space");
}

TEST_CASE("the string sink keeps bytes and records commit") {
  StringSink sink;
  sink.write("ab");
  sink.write("c");
  CHECK(sink.text() == "abc");
  CHECK_FALSE(sink.committed());
  sink.commit();
  CHECK(sink.committed());
}

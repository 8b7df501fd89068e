#include <doctest/doctest.h>

#include <filesystem>
#include <string>

#include <sys/stat.h>
#include <unistd.h>

#include <fcntl.h>
#include <fmt/format.h>

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
    CHECK(entries(dir.path()) <= 1);          // an unnamed temporary file, or a hidden named one
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

namespace {

void replace_with(const std::string& path, std::string_view bytes) {
  auto sink = open_output(path);
  sink->write(bytes);
  sink->commit();
}

mode_t mode_of(const std::string& path) {
  struct stat info {};
  REQUIRE(::stat(path.c_str(), &info) == 0);
  return info.st_mode & 07777;
}

}  // namespace

TEST_CASE("a replaced file keeps its mode; a new one gets 0666 less the umask") {
  test::TempDir dir;
  std::string target = dir.write("private.csv", "old");
  REQUIRE(::chmod(target.c_str(), 0600) == 0);
  replace_with(target, "new");
  CHECK(read_file(target) == "new");
  CHECK(mode_of(target) == 0600);
  const mode_t mask = ::umask(022);
  replace_with((dir.path() / "fresh.csv").string(), "x");
  ::umask(mask);
  CHECK(mode_of((dir.path() / "fresh.csv").string()) == 0644);
  CHECK(entries(dir.path()) == 2);
}

TEST_CASE("a symbolic link is written through: the file it names is replaced, the link stays") {
  test::TempDir dir;
  std::string real = dir.write("real.csv", "old");
  std::string link = (dir.path() / "link.csv").string();
  REQUIRE(::symlink("real.csv", link.c_str()) == 0);
  replace_with(link, "new");
  CHECK(fs::is_symlink(link));
  CHECK(read_file(real) == "new");
  std::string dangling = (dir.path() / "dangling.csv").string();
  REQUIRE(::symlink("made.csv", dangling.c_str()) == 0);
  replace_with(dangling, "made");
  CHECK(fs::is_symlink(dangling));
  CHECK(read_file((dir.path() / "made.csv").string()) == "made");
}

TEST_CASE("a file with other hard links, or without write permission, is refused and kept") {
  test::TempDir dir;
  std::string target = dir.write("linked.csv", "old");
  REQUIRE(::link(target.c_str(), (dir.path() / "other.csv").c_str()) == 0);
  auto linked = test::error_of([&] { open_output(target); });
  REQUIRE(linked);
  CHECK(linked->message().find("hard links") != std::string::npos);
  std::string locked = dir.write("locked.csv", "old");
  REQUIRE(::chmod(locked.c_str(), 0444) == 0);
  auto protected_file = test::error_of([&] { open_output(locked); });
  REQUIRE(protected_file);
  CHECK(protected_file->message().find("write-protected") != std::string::npos);
  CHECK(read_file(target) == "old");
  CHECK(read_file(locked) == "old");
}

TEST_CASE("a name of 255 bytes is written (the temporary name is short)") {
  test::TempDir dir;
  std::string target = (dir.path() / std::string(255, 'n')).string();
  replace_with(target, "x");
  CHECK(read_file(target) == "x");
  CHECK(entries(dir.path()) == 1);
}

TEST_CASE("/dev/fd/N writes to the descriptor where it stands; a closed one is an io error") {
  test::TempDir dir;
  std::string target = dir.write("fd.csv", "");
  const int fd = ::open(target.c_str(), O_WRONLY | O_APPEND);
  REQUIRE(fd >= 0);
  REQUIRE(::write(fd, "head\n", 5) == 5);
  replace_with(fmt::format("/dev/fd/{}", fd), "tail\n");
  ::close(fd);
  CHECK(read_file(target) == "head\ntail\n");
  auto closed = test::error_of([&] { open_output(fmt::format("/dev/fd/{}", fd)); });
  REQUIRE(closed);
  CHECK(closed->kind() == ErrorKind::io);
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

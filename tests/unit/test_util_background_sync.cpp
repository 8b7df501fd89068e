#include <doctest/doctest.h>

#include <cerrno>
#include <string>

#include <fcntl.h>
#include <unistd.h>

#include "attune/util/background_sync.h"
#include "test_support.h"

using namespace attune;

TEST_CASE("background syncs of a file being written succeed, and finish reports no error") {
  test::TempDir dir;
  const std::string path = dir.write("out.bin", "");
  const int fd = ::open(path.c_str(), O_WRONLY);
  REQUIRE(fd >= 0);
  {
    BackgroundSync syncer(fd);
    const std::string block(1 << 16, 'x');
    for (int i = 0; i < 64; ++i) {
      REQUIRE(::write(fd, block.data(), block.size()) == static_cast<ssize_t>(block.size()));
      if (i % 8 == 7) syncer.request();
    }
    CHECK(syncer.finish() == 0);
  }
  ::close(fd);
}

TEST_CASE("a sync that fails is reported by finish, once asked for, and only then") {
  BackgroundSync quiet(-1);
  CHECK(quiet.finish() == 0);   // nothing asked: no sync, no error

  BackgroundSync syncer(-1);   // not a descriptor: fdatasync fails with EBADF
  syncer.request();
  syncer.request();
  CHECK(syncer.finish() == EBADF);
}

TEST_CASE("a descriptor that cannot sync (a pipe: EINVAL) is not a failure") {
  int ends[2];
  REQUIRE(::pipe(ends) == 0);
  {
    BackgroundSync syncer(ends[1]);
    syncer.request();
    CHECK(syncer.finish() == 0);
  }
  ::close(ends[0]);
  ::close(ends[1]);
}

TEST_CASE("destroying a syncer with a sync asked for waits for it") {
  BackgroundSync syncer(-1);
  syncer.request();
}   // no finish(): the destructor joins the thread (a crash or a leak under the sanitizers if not)

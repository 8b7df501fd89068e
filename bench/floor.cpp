// floor: the byte-scan floor of the benchmark harness. Reads a file once in 128 KiB blocks
// and counts newlines with memchr; no parser that must look at every byte can be faster.
// (128 KiB blocks scanned 1M rows faster than 1 MiB ones, and mmap was 2.4-3.2x slower than
// either on this project's VM: PERF-NOTES, tenth round.)
// Prints "<lines> <bytes>".
//
// With OUTPUT and BYTES it is the I/O reference of a scoring run: while reading, it also
// writes BYTES bytes (the input's, repeated) into a temporary file beside OUTPUT, syncs it once
// at the end (fdatasync) and renames it over OUTPUT: reading the input and leaving an output of
// that size safely on disk, done plainly. It is a reference, not a strict bound: a tool that
// syncs along the way on another thread (attune score -o does) can finish its sync sooner.
// With a fourth argument, nosync, it skips the fdatasync: reading the input and writing the
// output into the page cache, what writing this output plainly costs before it is made durable.
//
// Usage: floor FILE [OUTPUT BYTES [nosync]]

#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

namespace {

int fail(const std::string& what) {
  std::perror(what.c_str());
  return 1;
}

bool write_all(int fd, const char* data, std::size_t size) {
  while (size > 0) {
    const ssize_t wrote = ::write(fd, data, size);
    if (wrote < 0) return false;
    data += wrote;
    size -= static_cast<std::size_t>(wrote);
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  const bool nosync = argc == 5 && std::strcmp(argv[4], "nosync") == 0;
  if (argc != 2 && argc != 4 && !nosync) {
    std::fprintf(stderr, "usage: floor FILE [OUTPUT BYTES [nosync]]\n");
    return 2;
  }
  const int fd = ::open(argv[1], O_RDONLY);
  if (fd < 0) return fail(argv[1]);
  int out = -1;
  unsigned long long to_write = 0;
  std::string temporary;
  if (argc >= 4) {
    to_write = std::strtoull(argv[3], nullptr, 10);
    temporary = std::string(argv[2]) + ".floor-tmp";
    out = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (out < 0) return fail(temporary);
  }
  std::vector<char> block(std::size_t{128} << 10);
  unsigned long long lines = 0;
  unsigned long long bytes = 0;
  for (;;) {
    const ssize_t got = ::read(fd, block.data(), block.size());
    if (got < 0) return fail(argv[1]);
    if (got == 0) break;
    bytes += static_cast<unsigned long long>(got);
    const char* cursor = block.data();
    const char* const end = block.data() + got;
    while (cursor < end) {
      const void* found = std::memchr(cursor, '\n', static_cast<std::size_t>(end - cursor));
      if (found == nullptr) break;
      ++lines;
      cursor = static_cast<const char*>(found) + 1;
    }
    if (out >= 0 && to_write > 0) {
      const std::size_t now = to_write < static_cast<unsigned long long>(got) ? static_cast<std::size_t>(to_write)
                                                                               : static_cast<std::size_t>(got);
      if (!write_all(out, block.data(), now)) return fail(temporary);
      to_write -= now;
    }
  }
  ::close(fd);
  if (out >= 0) {
    while (to_write > 0) {   // an output longer than the input: the last block again
      const std::size_t now = to_write < block.size() ? static_cast<std::size_t>(to_write) : block.size();
      if (!write_all(out, block.data(), now)) return fail(temporary);
      to_write -= now;
    }
    if ((!nosync && ::fdatasync(out) != 0) || ::close(out) != 0) return fail(temporary);
    if (std::rename(temporary.c_str(), argv[2]) != 0) return fail(argv[2]);
  }
  std::printf("%llu %llu\n", lines, bytes);
  return 0;
}

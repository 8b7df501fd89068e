// floor: the byte-scan floor of the benchmark harness. Reads a file once in 1 MiB blocks
// and counts newlines with memchr; no parser that must look at every byte can be faster.
// Prints "<lines> <bytes>".
//
// Usage: floor FILE

#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <vector>

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: floor FILE\n");
    return 2;
  }
  const int fd = ::open(argv[1], O_RDONLY);
  if (fd < 0) {
    std::perror(argv[1]);
    return 1;
  }
  std::vector<char> block(std::size_t{1} << 20);
  unsigned long long lines = 0;
  unsigned long long bytes = 0;
  for (;;) {
    const ssize_t got = ::read(fd, block.data(), block.size());
    if (got < 0) {
      std::perror(argv[1]);
      return 1;
    }
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
  }
  ::close(fd);
  std::printf("%llu %llu\n", lines, bytes);
  return 0;
}

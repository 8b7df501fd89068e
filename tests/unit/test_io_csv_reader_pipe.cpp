// The CSV reader on a pipe, where each read() returns at most what the writer has written:
// long records arrive over many reads and must come out whole.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <thread>
#include <vector>

#include <unistd.h>

#include "attune/io/csv_reader.h"

using attune::CsvReader;
using attune::Record;

namespace {

// Writes `text` into a pipe in `chunk`-byte pieces from a thread; reads it back as CSV.
std::vector<std::string> read_through_pipe(const std::string& text, std::size_t chunk) {
  int fds[2];
  REQUIRE(::pipe(fds) == 0);
  std::thread writer([&] {
    for (std::size_t at = 0; at < text.size(); at += chunk) {
      std::size_t n = std::min(chunk, text.size() - at);
      for (std::size_t done = 0; done < n;) {
        ssize_t w = ::write(fds[1], text.data() + at + done, n - done);
        if (w <= 0) break;
        done += static_cast<std::size_t>(w);
      }
    }
    ::close(fds[1]);
  });
  std::vector<std::string> fields;
  {
    CsvReader reader("/dev/fd/" + std::to_string(fds[0]));
    Record record;
    while (reader.next(record)) {
      for (auto field : record.fields) fields.emplace_back(field);
    }
  }
  writer.join();
  ::close(fds[0]);
  return fields;
}

}  // namespace

TEST_CASE("a 3 MiB quoted field written 4 KiB at a time comes out whole, with the rows around it") {
  std::string big(3u << 20, 'x');
  big[12345] = '\n';
  std::string text = "id,note\na,\"" + big + "\"\nb,\"\"\"q\"\"\"\n";
  auto fields = read_through_pipe(text, 4096);
  REQUIRE(fields.size() == 6);
  CHECK(fields[2] == "a");
  CHECK(fields[3] == big);
  CHECK(fields[4] == "b");
  CHECK(fields[5] == "\"q\"");
}

TEST_CASE("many short rows written a byte at a time read as on a file") {
  std::string text = "id,q\r\n";
  for (int i = 0; i < 300; ++i) text += "r" + std::to_string(i) + "," + std::to_string(i % 7) + "\r\n";
  auto fields = read_through_pipe(text, 1);
  REQUIRE(fields.size() == 602);
  CHECK(fields[600] == "r299");
  CHECK(fields[601] == "5");
}

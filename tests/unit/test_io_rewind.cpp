#include <doctest/doctest.h>

#include <fcntl.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "attune/io/csv_reader.h"
#include "attune/io/qualtrics_source.h"
#include "attune/io/readstat_source.h"
#include "test_support.h"

using namespace attune;

namespace {

// Each record after the header: its fields, its line, its record number, each field's line and column.
struct Seen {
  std::vector<std::string> fields;
  std::uint64_t line, number;
  std::vector<std::uint64_t> lines;
  std::vector<std::uint32_t> columns;
  bool operator==(const Seen&) const = default;
};

std::vector<Seen> rest_of(RecordSource& source) {
  std::vector<Seen> seen;
  Record record;
  while (source.next(record)) {
    seen.push_back({{record.fields.begin(), record.fields.end()}, record.line, record.number, record.lines, record.columns});
  }
  return seen;
}

// Reads the header, the rest, then rewinds and reads the rest again: both readings must agree.
void check_twice(RecordSource& source, std::size_t records) {
  Record header;
  REQUIRE(source.next(header));
  const std::vector<Seen> first = rest_of(source);
  CHECK(first.size() == records);
  REQUIRE(source.rewind());
  const std::vector<Seen> second = rest_of(source);
  CHECK(second == first);
  REQUIRE(source.rewind());   // and again, from part way through
  Record one;
  REQUIRE(source.next(one));
  REQUIRE(source.rewind());
  CHECK(rest_of(source) == first);
}

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE(in);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

}  // namespace

TEST_CASE("CsvReader on a file starts again at the first record: BOM, CRLF, a header over quoted newlines") {
  test::TempDir dir;
  const std::string text = "\xEF\xBB\xBF\"id\r\nnumber\";\"Q\n1\";Q2\r\n\r\np1;\"a\r\nb\";3\r\np2;4;5\r\n\r\np3;;\r\n";
  CsvReader file(dir.write("bom.csv", text));
  check_twice(file, 3);
  CHECK(file.bytes_read() == text.size());
  auto memory = CsvReader::from_string(text, "bom.csv");
  check_twice(*memory, 3);
  memory->rewind();
  CHECK(rest_of(*memory).front().line == 5);
}

TEST_CASE("CsvReader starts again across many buffer fills and from standard input that is a file") {
  test::TempDir dir;
  std::string text = "id,q1,q2\n";
  for (int i = 0; i < 40000; ++i) text += "r" + std::to_string(i) + "," + std::to_string(i % 7) + ",\"x\ny\"\n";
  const std::string path = dir.write("long.csv", text);
  CsvReader file(path);
  check_twice(file, 40000);
  const int fd = ::open(path.c_str(), O_RDONLY);
  REQUIRE(fd > 0);
  CsvReader given(fd, path, "id,q1", text.size());   // as open_input hands it over: the head already read
  REQUIRE(::lseek(fd, 5, SEEK_SET) == 5);
  check_twice(given, 40000);
}

TEST_CASE("CsvReader on a pipe cannot start again, nor before its header") {
  int fds[2];
  REQUIRE(::pipe(fds) == 0);
  const std::string text = "a,b\n1,2\n";
  REQUIRE(::write(fds[1], text.data(), text.size()) == static_cast<ssize_t>(text.size()));
  ::close(fds[1]);
  CsvReader pipe(fds[0], "<pipe>", "", 0);
  CHECK(!pipe.rewind());
  Record record;
  REQUIRE(pipe.next(record));
  CHECK(!pipe.rewind());
  REQUIRE(pipe.next(record));
  CHECK(record.fields[0] == "1");
  CHECK(!pipe.next(record));
}

TEST_CASE("ReadStatSource starts again at the first case, in one chunk or many") {
  const std::string path = std::string(ATTUNE_EXAMPLES_DIR) + "/ecr-r.sav";
  ReadStatSource whole(path, InputFormat::sav);
  CHECK(!whole.rewind());   // the header not read yet
  check_twice(whole, static_cast<std::size_t>(whole.declared_case_count()));
  ReadStatLimits small;
  small.chunk_cells = 100;   // a few cases a chunk: rewinding reads the first chunk again
  ReadStatSource chunked(path, InputFormat::sav, small);
  check_twice(chunked, static_cast<std::size_t>(chunked.declared_case_count()));
  auto memory = ReadStatSource::from_bytes(slurp(std::string(ATTUNE_EXAMPLES_DIR) + "/ecr-r.dta"), "mem.dta",
                                           InputFormat::dta, small);
  Record header;
  REQUIRE(memory->next(header));
  const auto first = rest_of(*memory);
  REQUIRE(memory->rewind());
  CHECK(rest_of(*memory) == first);
  CHECK(first.front().line == 2);
}

TEST_CASE("a Qualtrics export starts again after its dropped header rows, with the same lines and numbers") {
  const std::string text =
      "ResponseId,Q1\nResponse ID,How?\n\"{\"\"ImportId\"\":\"\"_recordId\"\"}\",\"{\"\"ImportId\"\":\"\"QID1\"\"}\"\n"
      "R_1,3\nR_2,4\n";
  auto source = skip_qualtrics_headers(CsvReader::from_string(text, "q.csv"), QualtricsMode::automatic);
  check_twice(*source, 2);
  source->rewind();
  const auto rows = rest_of(*source);
  CHECK(rows.front().line == 4);
  CHECK(rows.front().number == 2);
  // Without an ImportId row nothing is dropped: the looked-at rows come again from the reader.
  auto plain = skip_qualtrics_headers(CsvReader::from_string("a,b\n1,2\n3,4\n", "p.csv"), QualtricsMode::automatic);
  check_twice(*plain, 2);
}

#include <doctest/doctest.h>

#include <fstream>
#include <iterator>
#include <string>
#include <thread>
#include <vector>

#include <unistd.h>

#include "attune/io/open_input.h"
#include "attune/io/readstat_source.h"

using namespace attune;

namespace {

const std::string kData = std::string(ATTUNE_TEST_DATA_DIR) + "/readstat/";
const std::string kExamples = std::string(ATTUNE_EXAMPLES_DIR) + "/";

Error error_of(const std::string& path, std::string_view format) {
  try {
    open_record_source(path, format);
  } catch (const Error& e) {
    return e;
  }
  FAIL("no error for " << path);
  return usage_error("unreachable");
}

}  // namespace

TEST_CASE("the extension picks the reader: an explicit format overrides it") {
  for (const char* file : {"ecr-r.sav", "ecr-r.zsav", "ecr-r.dta", "ecr-r.sas7bdat"}) {
    CAPTURE(file);
    auto source = open_record_source(kExamples + file);
    CHECK(dynamic_cast<ReadStatSource*>(source.get()) != nullptr);
    Record header;
    REQUIRE(source->next(header));
    CHECK(header.size() == 38);
  }
  // A Stata file under a SPSS name reads when the format is given.
  auto source = open_record_source(kData + "spss-named.dta", "sav");
  CHECK(dynamic_cast<ReadStatSource*>(source.get()) != nullptr);
  auto automatic = open_record_source(kExamples + "ecr-r.dta", "auto");
  CHECK(dynamic_cast<ReadStatSource*>(automatic.get()) != nullptr);
}

TEST_CASE("an unknown format is a usage error, before the file is opened") {
  const Error unknown = error_of(kExamples + "ecr-r.sav", "xlsx");
  CHECK(unknown.kind() == ErrorKind::usage);
  CHECK(unknown.message() == "unknown input format \"xlsx\"");
  CHECK(error_of(kExamples + "no-such-file.sav", "xlsx").kind() == ErrorKind::usage);
}

namespace {

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// Every record of `source`, field by field.
std::vector<std::vector<std::string>> records_of(RecordSource& source) {
  std::vector<std::vector<std::string>> rows;
  Record record;
  while (source.next(record)) rows.emplace_back(record.fields.begin(), record.fields.end());
  return rows;
}

// The read end of a pipe that a thread fills with `bytes` and closes.
struct Pipe {
  int read_end = -1;
  std::thread writer;
  explicit Pipe(std::string bytes) {
    int ends[2];
    REQUIRE(::pipe(ends) == 0);
    read_end = ends[0];
    writer = std::thread([fd = ends[1], bytes = std::move(bytes)] {
      std::size_t done = 0;
      while (done < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n <= 0) break;
        done += static_cast<std::size_t>(n);
      }
      ::close(fd);
    });
  }
  ~Pipe() { writer.join(); }
};

}  // namespace

TEST_CASE("a pipe is read once, forward: CSV whole, binary data sets by their first bytes") {
  // CSV larger than any sniff or read buffer: nothing before the reader's first read is lost.
  std::string csv = "id,a,b\n";
  for (int i = 0; i < 20000; ++i) csv += "r" + std::to_string(i) + ",1,2\n";
  {
    Pipe pipe(csv);
    auto source = open_record_source_fd(pipe.read_end, "<stdin>", {});
    const auto rows = records_of(*source);
    REQUIRE(rows.size() == 20001);
    CHECK(rows[0] == std::vector<std::string>{"id", "a", "b"});
    CHECK(rows[20000][0] == "r19999");
  }
  for (const char* file : {"ecr-r.sav", "ecr-r.zsav", "ecr-r.dta", "ecr-r.sas7bdat"}) {
    CAPTURE(file);
    auto from_file = open_record_source(kExamples + file);
    Pipe pipe(slurp(kExamples + file));
    auto piped = open_record_source_fd(pipe.read_end, "<stdin>", {});
    CHECK(dynamic_cast<ReadStatSource*>(piped.get()) != nullptr);
    CHECK(records_of(*piped) == records_of(*from_file));
  }
  // A format given by name reads a pipe as that format.
  Pipe pipe(slurp(kExamples + std::string("ecr-r.sav")));
  InputOptions sav;
  sav.format = "sav";
  auto piped = open_record_source_fd(pipe.read_end, "<stdin>", sav);
  CHECK(records_of(*piped).size() == 21);
}

TEST_CASE("a binary data set read as CSV says what it is") {
  const Error e = error_of(kExamples + "ecr-r.sas7bdat", "csv");
  CHECK(e.kind() == ErrorKind::data);
  CHECK(e.message() == "is not a CSV text file: it looks like a SAS .sas7bdat file");
  CHECK(e.hint() == "give it a .sas7bdat extension or pass --input-format sas7bdat");
  CHECK(error_of(kData + "text-named.sav", {}).message() ==
        "is not an SPSS .sav file: it looks like a CSV text file");
}

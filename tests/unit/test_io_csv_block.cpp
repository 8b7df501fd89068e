#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include <unistd.h>

#include "attune/io/csv_block.h"
#include "csv_block_check.h"

using namespace attune;

TEST_CASE("cut_records: the first record end at or after the wanted size, records and lines counted") {
  RecordCut cut = cut_records("a,b\nc,d\ne,f\n", 5, false);
  CHECK(cut.end == 8);
  CHECK(cut.records == 2);
  CHECK(cut.lines == 2);
  cut = cut_records("a,b\n\n\nc,d\n", 100, false);   // blank lines are line ends, not records
  CHECK(cut.end == 10);
  CHECK(cut.records == 2);
  CHECK(cut.lines == 4);
  cut = cut_records("a,b\nc,d", 100, false);   // the last record may go on: not cut
  CHECK(cut.end == 4);
  CHECK(cut.records == 1);
  cut = cut_records("a,b\nc,d", 100, true);    // at the end of input it is a record
  CHECK(cut.end == 7);
  CHECK(cut.records == 2);
  CHECK(cut_records("abc", 1, false).end == 0);
}

TEST_CASE("cut_records: quoted line ends do not end records, and CR, CRLF and LF each end one") {
  RecordCut cut = cut_records("\"a\nb\",c\nd,e\n", 1, false);
  CHECK(cut.end == 8);
  CHECK(cut.records == 1);
  CHECK(cut.lines == 2);   // the quoted LF is a line of the input
  cut = cut_records("a\rb\r\nc\n", 100, false);
  CHECK(cut.end == 7);
  CHECK(cut.records == 3);
  CHECK(cut.lines == 3);
  CHECK(cut_records("a\r", 100, false).end == 0);   // CR or CRLF? the next byte tells
  CHECK(cut_records("a\r", 100, true).end == 2);
  cut = cut_records("\"\"\n,\n", 100, false);   // an empty quoted field and two empty fields are records
  CHECK(cut.records == 2);
  cut = cut_records("\"a\"\"\n\"\nb\n", 1, false);   // a doubled quote inside a quoted field
  CHECK(cut.end == 7);
  CHECK(cut.records == 1);
}

TEST_CASE("reading in blocks gives the records of reading whole, for fixed texts") {
  const char* texts[] = {
      "id,a\n1,2\n3,4\n",
      "id,a\r\n1,2\r\n\r\n3,4",
      "id,a\n\"x\ny\",2\n\n\n3,\"4\"\"\"\n",
      "id;a\n1;2\r3;4\r",
      "id,a\n1,2\n3,\"4\n",             // unterminated quote: the same error
      "id,a\n1,2\n3,4\"x\n5,6\n",       // a quote inside an unquoted field
      "id,a\n1,2\n\"3\"x,4\n",          // text after a closing quote
      "\xEF\xBB\xBFid\ta\n1\t2\n",
      "id,a\n",
      "id,a",
      "",
  };
  for (const char* text : texts) {
    for (std::size_t block : {1, 2, 3, 5, 8, 64}) {
      CAPTURE(text);
      CAPTURE(block);
      CHECK(test::read_in_blocks(text, {}, block) == test::read_whole(text, {}));
    }
    CHECK(test::read_taking_lines(text, {}) == test::read_whole(text, {}));
  }
}

TEST_CASE("reading in blocks or taking plain lines gives the records of reading whole, for 3000 random texts") {
  std::mt19937 random(20261123);
  const char alphabet[] = {'a', 'b', ',', ',', '"', '\n', '\n', '\r', ' ', ';'};
  for (int t = 0; t < 3000; ++t) {
    std::string text = "h1,h2\n";
    const int length = static_cast<int>(random() % 60);
    for (int i = 0; i < length; ++i) text += alphabet[random() % sizeof(alphabet)];
    CsvOptions options;
    options.limits.max_columns = 1 + random() % 6;
    options.limits.max_field_bytes = 1 + random() % 8;
    const std::size_t block = 1 + random() % 16;
    CAPTURE(text);
    CAPTURE(block);
    REQUIRE(test::read_in_blocks(text, options, block) == test::read_whole(text, options));
    REQUIRE(test::read_taking_lines(text, options) == test::read_whole(text, options));
  }
}

namespace {

// Reads `text` from a file (the reader fills its buffer as it goes: 128 KiB for records, 1 MiB
// for blocks), whole and in blocks.
void check_file(const std::string& text, CsvOptions options = {}) {
  const auto path = std::filesystem::temp_directory_path() / ("attune-block-" + std::to_string(::getpid()) + ".csv");
  std::ofstream(path, std::ios::binary) << text;
  test::ReadResult whole, blocks;
  {
    CsvReader reader(path.string(), options);
    whole = test::read_whole(reader);
  }
  {
    CsvReader reader(path.string(), options);
    blocks = test::read_in_blocks(reader, options, 64u << 10);
  }
  std::filesystem::remove(path);
  CHECK(blocks.records.size() == whole.records.size());
  CHECK(blocks.error == whole.error);
  CHECK(blocks == whole);
}

std::string repeated(const std::string& piece, std::size_t times) {
  std::string text;
  text.reserve(piece.size() * times);
  for (std::size_t i = 0; i < times; ++i) text += piece;
  return text;
}

}  // namespace

TEST_CASE("blocks from a file: LF, CRLF and CR-only line ends, several buffers long, in linear time") {
  const auto start = std::chrono::steady_clock::now();
  check_file("id,a,b\n" + repeated("r1,1,2\nr2,\"x\ny\",3\n\n", 200000));
  check_file("id,a,b\r\n" + repeated("r1,1,2\r\n", 300000));
  check_file("id,a,b\r" + repeated("r1,1,2\r", 300000));   // classic Mac: no LF at all
  check_file("id,a,b\n" + repeated("r1,1,2\r", 300000));   // LF header, CR-only rows
  check_file("id,a\n" + repeated("\"q\",", 300) + "1\n" + repeated(repeated("\"q\",", 300) + "1\n", 2000));
  // Budget: linear work is well under a second each; the quadratic cutter took minutes.
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(60));
}

TEST_CASE("blocks from a file: a record longer than a block is read whole, with the errors of reading without blocks") {
  check_file("a,b\n1,2\n" + repeated("\"\",", 150000) + "\n3,4\n");   // over the column limit
  check_file("a,b\n1,2\n3,5'10\"" + repeated("x", 300000) + ",3\n4,5\n");   // a quote inside an unquoted field
  CsvOptions small;
  small.limits.max_field_bytes = 100000;
  check_file("a,b\n1," + repeated("y", 200000) + "\n", small);   // a field over its limit
  check_file("a,b\n1,\"" + repeated("z\n", 100000) + "\"\n2,3\n");   // a long quoted field, many lines
}

TEST_CASE("cut_records counts lines and blank lines of plain texts as a byte loop does, at every length") {
  // Texts of LFs and letters up to 9000 bytes: the 16-byte counting steps, their 255-step
  // groups and the bytes left after them; with quotes, the general path's stretches too.
  std::mt19937 random(7);
  for (int trial = 0; trial < 400; ++trial) {
    const std::size_t n = random() % 9000;
    const bool quoted = trial % 4 == 3;
    std::string text(n, 'a');
    for (auto& c : text) {
      const auto r = random() % 10;
      c = r < 3 ? '\n' : (quoted && r == 3 ? '"' : 'a');
    }
    if (quoted) {   // balanced quotes, so that every LF outside them ends a record
      std::size_t quotes = static_cast<std::size_t>(std::count(text.begin(), text.end(), '"'));
      if (quotes % 2) text += '"';
      text += '\n';
    }
    CAPTURE(trial);
    const RecordCut cut = cut_records(text, text.size(), true);
    std::uint64_t lines = 0, records = 0;
    bool inside = false, at_start = true;
    for (std::size_t i = 0; i < cut.end; ++i) {
      if (text[i] == '"') inside = !inside;
      if (text[i] != '\n') at_start = false;
      if (text[i] == '\n') {
        ++lines;
        if (!inside) {
          records += !at_start;
          at_start = true;
        }
      }
    }
    if (cut.end == text.size() && !at_start) ++records;   // a last record without its LF
    CHECK(cut.end == text.size());
    CHECK(cut.lines == lines);
    CHECK(cut.records == records);
  }
}

TEST_CASE("cut_records: 5000 blank lines, then a record") {
  // Every byte lane of the 16-byte counting sees a match at every step.
  const std::string text = std::string(5000, '\n') + "a\n";
  const RecordCut cut = cut_records(text, text.size(), true);
  CHECK(cut.end == text.size());
  CHECK(cut.lines == 5001);
  CHECK(cut.records == 1);
}

#include <doctest/doctest.h>

#include <random>
#include <string>

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
  }
}

TEST_CASE("reading in blocks gives the records of reading whole, for 3000 random texts") {
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
  }
}

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "attune/io/csv_reader.h"
#include "csv_block_check.h"
#include "test_support.h"

using namespace attune;

namespace {

using Rows = std::vector<std::vector<std::string>>;

Rows read_all(RecordSource& source) {
  Rows rows;
  Record record;
  while (source.next(record)) rows.emplace_back(record.fields.begin(), record.fields.end());
  return rows;
}

Rows parse(std::string text, CsvOptions options = {}) {
  auto reader = CsvReader::from_string(std::move(text), "t.csv", options);
  return read_all(*reader);
}

// The data error reading `text` gives, as "line:col: message".
std::string failure(std::string text, CsvOptions options = {}) {
  auto reader = CsvReader::from_string(std::move(text), "t.csv", options);
  auto e = test::error_of([&] { read_all(*reader); });
  REQUIRE(e);
  CHECK(e->kind() == ErrorKind::data);
  CHECK(e->where().file == "t.csv");
  return std::to_string(e->where().line) + ":" + std::to_string(e->where().column) + ": " + e->message();
}

}  // namespace

TEST_CASE("plain and quoted fields: quotes protect delimiters, quotes and line breaks") {
  CHECK(parse("a,b,c\n1,2,3\n") == Rows{{"a", "b", "c"}, {"1", "2", "3"}});
  CHECK(parse("a,b\n\"x,y\",\"say \"\"hi\"\"\"\n") == Rows{{"a", "b"}, {"x,y", "say \"hi\""}});
  CHECK(parse("a,b\n\"line1\nline2\",\"cr\r\nlf\"\n") == Rows{{"a", "b"}, {"line1\nline2", "cr\r\nlf"}});
  CHECK(parse("a,b\n\"\",x\n") == Rows{{"a", "b"}, {"", "x"}});
  CHECK(parse("a,b\n,\n") == Rows{{"a", "b"}, {"", ""}});
  CHECK(parse("\"\"\"\"\n") == Rows{{"\""}});
}

TEST_CASE("line ends: LF, CRLF, lone CR, and none at the end") {
  CHECK(parse("a,b\r\n1,2\r\n") == Rows{{"a", "b"}, {"1", "2"}});
  CHECK(parse("a,b\r1,2\r") == Rows{{"a", "b"}, {"1", "2"}});
  CHECK(parse("a,b\n1,2") == Rows{{"a", "b"}, {"1", "2"}});
  CHECK(parse("a,b\n\"1\",\"2\"") == Rows{{"a", "b"}, {"1", "2"}});
  CHECK(parse("a,b\n1,") == Rows{{"a", "b"}, {"1", ""}});
}

TEST_CASE("a UTF-8 byte order mark is skipped: blank lines are skipped: empty input has no records") {
  CHECK(parse("\xEF\xBB\xBFid,q1\n1,2\n") == Rows{{"id", "q1"}, {"1", "2"}});
  CHECK(parse("a,b\n\n1,2\n\r\n\n3,4\n\n") == Rows{{"a", "b"}, {"1", "2"}, {"3", "4"}});
  CHECK(parse("").empty());
  CHECK(parse("\n\n").empty());
  CHECK(parse("\xEF\xBB\xBF").empty());
  // A quoted empty field is a record, not a blank line.
  CHECK(parse("a\n\"\"\n") == Rows{{"a"}, {""}});
}

TEST_CASE("the delimiter is detected from the header outside quotes, or given") {
  auto detect = [](std::string text) {
    auto reader = CsvReader::from_string(std::move(text), "t.csv");
    Record record;
    reader->next(record);
    return reader->delimiter();
  };
  CHECK(detect("a,b,c\n") == ',');
  CHECK(detect("a;b;c\n1,5;2,5;3\n") == ';');
  CHECK(detect("a\tb\tc\n") == '\t');
  CHECK(detect("\"a;b;c\",d\n") == ',');   // quoted semicolons do not count
  CHECK(detect("single\n") == ',');
  CHECK(parse("a;b\n1,5;2\n") == Rows{{"a", "b"}, {"1,5", "2"}});
  CHECK(parse("a\tb\n\"x\ty\"\t2\n") == Rows{{"a", "b"}, {"x\ty", "2"}});
  CsvOptions semicolon;
  semicolon.delimiter = ';';
  CHECK(parse("a,b;c\n1;2\n", semicolon) == Rows{{"a,b", "c"}, {"1", "2"}});
}

TEST_CASE("malformed quoting is a data error at its line and column") {
  CHECK(failure("a,b\n1,\"open\n") == "2:3: unterminated quoted field");
  CHECK(failure("a,b\n1,\"x\"y\n") == "2:6: unexpected text after a closing quote");
  CHECK(failure("a,b\n1,x\"y\n") == "2:4: a quote inside an unquoted field");
  CHECK(failure("a,b\n\"multi\nline\"x\n") == "3:6: unexpected text after a closing quote");
}

TEST_CASE("limits on field size and column count are errors naming the limit") {
  CsvOptions small;
  small.limits.max_field_bytes = 4;
  small.limits.max_columns = 3;
  CHECK(parse("abcd,b,c\n", small) == Rows{{"abcd", "b", "c"}});
  CHECK(failure("a,b\nabcde,x\n", small) == "2:1: a field longer than 4 bytes");
  CHECK(failure("a,b\nx,\"abcde\"\n", small) == "2:3: a field longer than 4 bytes");
  CHECK(failure("a,b,c,d\n", small) == "1:7: more than 3 columns");
}

TEST_CASE("ragged rows come back as they are: the reader does not judge widths") {
  CHECK(parse("a,b,c\n1\n1,2,3,4\n") == Rows{{"a", "b", "c"}, {"1"}, {"1", "2", "3", "4"}});
}

TEST_CASE("each field knows its line and column: records know their number") {
  auto reader = CsvReader::from_string("id,q1\n\"a\nb\",x\n\n7,  8\n", "t.csv");
  Record record;
  REQUIRE(reader->next(record));
  CHECK(record.number == 1);
  CHECK(record.line == 1);
  REQUIRE(reader->next(record));
  CHECK(record.number == 2);
  CHECK(record.line == 2);
  CHECK(record.where("t.csv", 0).to_string() == "t.csv:2:1");
  CHECK(record.where("t.csv", 1).to_string() == "t.csv:3:4");
  CHECK(record.where("t.csv", 9).to_string() == "t.csv:2");
  REQUIRE(reader->next(record));
  CHECK(record.number == 3);   // the blank line is no record
  CHECK(record.line == 5);
  CHECK(record.fields[1] == "  8");
  CHECK(record.where("t.csv", 1).to_string() == "t.csv:5:3");
  CHECK_FALSE(reader->next(record));
}

TEST_CASE("columns after a byte order mark count from the first character") {
  auto reader = CsvReader::from_string("\xEF\xBB\xBFid,q1\n", "t.csv");
  Record record;
  REQUIRE(reader->next(record));
  CHECK(record.where("t.csv", 1).to_string() == "t.csv:1:4");
}

TEST_CASE("files: records straddling the first read (128 KiB) and longer than the buffer are whole") {
  test::TempDir dir;
  const std::size_t block = 128u << 10;   // CsvReader's first read() fills this much
  std::string text = "id,value\n";
  // Fill up to just before the block boundary with short records.
  while (text.size() < block - 20) text += "r,0123456789\n";
  std::size_t before = text.size();
  text += "straddle," + std::string(40, 'x') + "\n";   // crosses the boundary
  REQUIRE(before < block);
  REQUIRE(text.size() > block);
  const std::string long_run(std::size_t{1} << 20, 'y');   // longer than either read buffer
  std::string quoted = "\"first line\nsecond, \"\"quoted\"\"\r\n" + long_run + "\nlast\"";
  text += "big," + quoted + "\n";     // a quoted field with line breaks, longer than a block
  text += "end,1";                    // no final newline
  std::string path = dir.write("big.csv", text);
  CsvReader reader(path);
  CHECK(reader.total_bytes() == text.size());
  Record record;
  std::size_t rows = 0, bad = 0;
  bool saw_straddle = false, saw_big = false, saw_end = false;
  while (reader.next(record)) {
    ++rows;
    if (record.size() != 2) {
      ++bad;
      continue;
    }
    if (record.fields[0] == "straddle") {
      saw_straddle = record.fields[1] == std::string(40, 'x');
    } else if (record.fields[0] == "big") {
      saw_big = record.fields[1] == "first line\nsecond, \"quoted\"\r\n" + long_run + "\nlast";
      CHECK(record.where(path, 1).column == 5);
    } else if (record.fields[0] == "end") {
      saw_end = record.fields[1] == "1";
      CHECK(record.line == record.lines[0]);
    } else if (rows > 1) {
      bad += record.fields[0] != "r" || record.fields[1] != "0123456789";
    }
  }
  CHECK(bad == 0);
  CHECK(saw_straddle);
  CHECK(saw_big);
  CHECK(saw_end);
  CHECK(rows == 1 + (before - 9) / 13 + 3);
  CHECK(reader.bytes_read() == text.size());
}

TEST_CASE("files: line numbers stay right across read blocks") {
  test::TempDir dir;
  std::string text = "a,b\n";
  for (int i = 0; i < 200000; ++i) text += "1,2\n";   // 800 KB
  text += "\"x\ny\",2\n";                                // a two-line record
  for (int i = 0; i < 100000; ++i) text += "1,2\n";   // 1.2 MB in all: many reads
  text += "1,\"bad\"x\n";
  auto e = test::error_of([&] {
    CsvReader reader(dir.write("lines.csv", text));
    Record record;
    while (reader.next(record)) {
    }
  });
  REQUIRE(e);
  CHECK(e->where().line == 1 + 200000 + 2 + 100000 + 1);
  CHECK(e->where().column == 8);
}

TEST_CASE("a directory or a missing file is an io error naming it") {
  test::TempDir dir;
  auto directory = test::error_of([&] { CsvReader reader(dir.path().string()); });
  REQUIRE(directory);
  CHECK(directory->kind() == ErrorKind::io);
  CHECK(directory->where().file == dir.path().string());
  CHECK(directory->message() == "is a directory");
  std::string missing_path = (dir.path() / "missing.csv").string();
  auto missing = test::error_of([&] { CsvReader reader(missing_path); });
  REQUIRE(missing);
  CHECK(missing->kind() == ErrorKind::io);
  CHECK(missing->where().file == missing_path);
  CHECK(missing->message().find("cannot open") == 0);
}

TEST_CASE("files: lines taken whole (peek_line, take_line) read as next() reads them") {
  // Plain, blank, CRLF, quoted and multi-line records, 2.5 MiB (many buffer fills), and a last
  // record without a line end (never a peeked line).
  std::string text = "id;a;b\n";
  for (int i = 0; text.size() < (5u << 19); ++i) {
    switch (i % 7) {
      case 0: text += std::to_string(i) + ";1;2\n"; break;
      case 1: text += "\n"; break;
      case 2: text += std::to_string(i) + ";3;\r\n"; break;
      case 3: text += "\"" + std::to_string(i) + "\";\"x\ny\";4\n"; break;
      case 4: text += std::to_string(i) + ";;" + std::string(static_cast<std::size_t>(i % 300), 'z') + "\n"; break;
      case 5: text += std::to_string(i) + ";5;6\r"; break;
      default: text += ";;\n"; break;
    }
  }
  text += "last;7;8";
  test::TempDir dir;
  const std::string path = dir.write("lines.csv", text);
  CsvReader whole(path), taking(path);
  const test::ReadResult expected = test::read_whole(whole);
  CHECK(expected.error.empty());
  CHECK(expected.records.size() > 30000);
  CHECK(test::read_taking_lines(taking) == expected);
  CHECK(test::read_taking_lines(text, {}) == test::read_whole(text, {}));   // in memory: one buffer
}

TEST_CASE("peek_line gives nothing before the header, on a blank line or a line without its end") {
  auto reader = CsvReader::from_string("a,b\n\n1,2\n3,4", "t.csv");
  CHECK(reader->peek_line().empty());   // the delimiter is not known yet
  Record record;
  REQUIRE(reader->next(record));
  CHECK(reader->peek_line().empty());   // blank
  REQUIRE(reader->next(record));
  CHECK(record.fields[0] == "1");
  CHECK(reader->peek_line().empty());   // "3,4" has no LF
  REQUIRE(reader->next(record));
  CHECK(record.line == 4);
}

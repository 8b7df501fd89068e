#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <vector>

#include "attune/io/concat_source.h"

using namespace attune;

namespace {

// Records from a table of cells: row i is line i + 1 (one line each), record number i + 1.
class TableSource : public RecordSource {
 public:
  TableSource(std::string name, std::vector<std::vector<std::string>> rows, bool delimited = true, bool rewinds = false)
      : name_(std::move(name)), rows_(std::move(rows)), delimited_(delimited), rewinds_(rewinds) {}
  // Back to the first record after the header, as a file does (not before the header is read).
  bool rewind() override {
    if (!rewinds_ || at_ == 0) return false;
    at_ = 1;
    return true;
  }
  bool next(Record& record) override {
    if (at_ == rows_.size()) return false;
    const auto& row = rows_[at_++];
    record.fields.assign(row.begin(), row.end());
    record.columns.assign(row.size(), 1);
    record.lines.assign(row.size(), at_);
    record.line = at_;
    record.number = at_;
    return true;
  }
  const std::string& name() const override { return name_; }
  std::uint64_t bytes_read() const override { return at_ * 10; }
  std::uint64_t total_bytes() const override { return rows_.size() * 10; }
  bool delimited_text() const override { return delimited_; }

 private:
  std::string name_;
  std::vector<std::vector<std::string>> rows_;
  bool delimited_, rewinds_;
  std::size_t at_ = 0;
};

std::unique_ptr<RecordSource> table(std::string name, std::vector<std::vector<std::string>> rows, bool delimited = true) {
  return std::make_unique<TableSource>(std::move(name), std::move(rows), delimited);
}

std::unique_ptr<RecordSource> file(std::string name, std::vector<std::vector<std::string>> rows, bool rewinds = true) {
  return std::make_unique<TableSource>(std::move(name), std::move(rows), true, rewinds);
}

// Every record left in `source`: its cells, line, lines and number, one string each.
std::vector<std::string> rest(ConcatSource& source) {
  std::vector<std::string> out;
  Record record;
  while (source.next(record)) {
    std::string said = std::to_string(record.number) + "@" + std::to_string(record.line) + ":";
    for (std::size_t i = 0; i < record.size(); ++i) said += std::string(record.fields[i]) + "/" + std::to_string(record.lines[i]) + ",";
    out.push_back(said);
  }
  return out;
}

ConcatSource chain(std::vector<std::unique_ptr<RecordSource>> sources, std::string column = {}) {
  return ConcatSource(std::move(sources), std::move(column));
}

std::vector<std::string> cells(const Record& record) { return {record.fields.begin(), record.fields.end()}; }

Error error_reading(ConcatSource& source) {
  Record record;
  try {
    while (source.next(record)) {
    }
  } catch (const Error& e) {
    return e;
  }
  FAIL("no error");
  return usage_error("unreachable");
}

}  // namespace

TEST_CASE("two files with one header read as one: the second header skipped, lines and numbers go on") {
  std::vector<std::unique_ptr<RecordSource>> sources;
  sources.push_back(table("a.csv", {{"id", "Q1"}, {"1", "5"}, {"2", "6"}}));
  sources.push_back(table("b.csv", {{"id", "Q1"}, {"3", "7"}}));
  ConcatSource source = chain(std::move(sources));
  CHECK(source.name() == "a.csv");
  Record record;
  REQUIRE(source.next(record));
  CHECK(cells(record) == std::vector<std::string>{"id", "Q1"});
  REQUIRE(source.next(record));
  CHECK(cells(record) == std::vector<std::string>{"1", "5"});
  CHECK(record.line == 2);
  REQUIRE(source.next(record));
  CHECK(record.number == 3);
  REQUIRE(source.next(record));
  CHECK(cells(record) == std::vector<std::string>{"3", "7"});
  CHECK(record.number == 4);   // the row after the first file's last
  CHECK(record.line == 5);     // the chain's line: 3 of a.csv, then b.csv's 1 and 2
  CHECK(record.lines == std::vector<std::uint64_t>{5, 5});
  CHECK_FALSE(source.next(record));
  CHECK(source.bytes_read() == 50);
  CHECK(source.total_bytes() == 50);
  CHECK(source.plain_text() == nullptr);

  // Each chain line back in its own file; a location in another file is left alone.
  const SourceLocation in_a = source.locate(2), in_b = source.locate(5);
  CHECK(in_a.file == "a.csv");
  CHECK(in_a.line == 2);
  CHECK(in_b.file == "b.csv");
  CHECK(in_b.line == 2);
  SourceLocation other = source.lines()->locate({"flags.csv", 5, 3});
  CHECK(other.file == "flags.csv");
  CHECK(other.line == 5);
  SourceLocation field = source.lines()->locate({"a.csv", 5, 3});
  CHECK(field.file == "b.csv");
  CHECK(field.line == 2);
  CHECK(field.column == 3);
}

TEST_CASE("a header that differs names the file, the column and both names") {
  std::vector<std::unique_ptr<RecordSource>> sources;
  sources.push_back(table("a.csv", {{"id", "Q1", "Q2"}, {"1", "5", "4"}}));
  sources.push_back(table("b.csv", {{"id", "Q01", "Q2"}, {"2", "5", "4"}}));
  ConcatSource source = chain(std::move(sources));
  Error e = error_reading(source);
  CHECK(e.kind() == ErrorKind::data);
  CHECK(e.where().file == "b.csv");
  CHECK(e.where().line == 1);
  CHECK(e.message() == "the header differs from the first file's (a.csv): column 2 is \"Q1\" there and \"Q01\" here");
}

TEST_CASE("a header with fewer or more columns names where it ends") {
  std::vector<std::unique_ptr<RecordSource>> fewer;
  fewer.push_back(table("a.csv", {{"id", "Q1"}}));
  fewer.push_back(table("b.csv", {{"id"}}));
  ConcatSource short_one = chain(std::move(fewer));
  CHECK(error_reading(short_one).message() ==
        "the header differs from the first file's (a.csv): column 2 is \"Q1\" there and nothing (it ends there) here");
  std::vector<std::unique_ptr<RecordSource>> more;
  more.push_back(table("a.csv", {{"id", "Q1"}}));
  more.push_back(table("b.csv", {{"id", "Q1", "Q2"}}));
  ConcatSource long_one = chain(std::move(more));
  CHECK(error_reading(long_one).message() ==
        "the header differs from the first file's (a.csv): column 3 is nothing (it ends there) there and \"Q2\" here");
}

TEST_CASE("an empty later file is an error naming it; an empty first file reads as empty") {
  std::vector<std::unique_ptr<RecordSource>> sources;
  sources.push_back(table("a.csv", {{"id"}, {"1"}}));
  sources.push_back(table("b.csv", {}));
  ConcatSource source = chain(std::move(sources));
  Error e = error_reading(source);
  CHECK(e.where().file == "b.csv");
  CHECK(e.message() == "is empty: it has no header row");

  std::vector<std::unique_ptr<RecordSource>> first_empty;
  first_empty.push_back(table("a.csv", {}));
  first_empty.push_back(table("b.csv", {{"id"}}));
  ConcatSource empty = chain(std::move(first_empty));
  Record record;
  CHECK_FALSE(empty.next(record));
}

TEST_CASE("--source-column adds each row's file as the last field") {
  std::vector<std::unique_ptr<RecordSource>> sources;
  sources.push_back(table("a.csv", {{"id"}, {"1"}}));
  sources.push_back(table("b.sav", {{"id"}, {"2"}}, false));
  ConcatSource source = chain(std::move(sources), "wave");
  CHECK_FALSE(source.delimited_text());   // not every file is delimited text
  Record record;
  REQUIRE(source.next(record));
  CHECK(cells(record) == std::vector<std::string>{"id", "wave"});
  CHECK(record.size() == record.columns.size());
  CHECK(record.size() == record.lines.size());
  REQUIRE(source.next(record));
  CHECK(cells(record) == std::vector<std::string>{"1", "a.csv"});
  REQUIRE(source.next(record));
  CHECK(cells(record) == std::vector<std::string>{"2", "b.sav"});
  CHECK_FALSE(source.next(record));

  std::vector<std::unique_ptr<RecordSource>> taken;
  taken.push_back(table("a.csv", {{"id", "wave"}}));
  ConcatSource clash = chain(std::move(taken), "wave");
  CHECK(error_reading(clash).kind() == ErrorKind::usage);
}

TEST_CASE("a record of empty cells keeps its file cell empty, so it stays a record of empty cells") {
  std::vector<std::unique_ptr<RecordSource>> sources;
  sources.push_back(table("a.csv", {{"id", "Q1"}, {"", ""}, {"1", ""}}));
  ConcatSource source = chain(std::move(sources), "wave");
  Record record;
  REQUIRE(source.next(record));
  REQUIRE(source.next(record));
  CHECK(cells(record) == std::vector<std::string>{"", "", ""});
  REQUIRE(source.next(record));
  CHECK(cells(record) == std::vector<std::string>{"1", "", "a.csv"});
}

namespace {
std::vector<std::unique_ptr<RecordSource>> three_files(bool second_rewinds = true) {
  std::vector<std::unique_ptr<RecordSource>> sources;
  sources.push_back(file("a.csv", {{"id", "Q1"}, {"1", "5"}, {"2", "6"}}));
  sources.push_back(file("b.csv", {{"id", "Q1"}}, second_rewinds));   // a header alone
  sources.push_back(file("c.csv", {{"id", "Q1"}, {"3", "7"}, {"4", "1"}}));
  return sources;
}
}  // namespace

TEST_CASE("a chain starts again: the same records, lines and numbers, every file after its header") {
  ConcatSource source = chain(three_files());
  Record record;
  REQUIRE(source.next(record));   // the header
  const std::vector<std::string> first = rest(source);
  REQUIRE(first.size() == 4);
  CHECK(first[2] == "4@6:3/6,7/6,");   // c.csv line 2 after a.csv 3 and b.csv 1; record 4 after a.csv 3
  REQUIRE(source.rewind());
  CHECK(source.bytes_read() == 10);   // a.csv's header only
  CHECK(rest(source) == first);
  CHECK(source.locate(6).file == "c.csv");
  CHECK(source.locate(6).line == 2);
  REQUIRE(source.rewind());
  CHECK(rest(source) == first);
}

TEST_CASE("a chain started again right after its header (as quality does) reads later headers ahead") {
  ConcatSource once = chain(three_files());
  Record record;
  REQUIRE(once.next(record));
  const std::vector<std::string> expected = rest(once);
  ConcatSource source = chain(three_files());
  CHECK_FALSE(source.rewind());   // before the header: nothing to start again after
  REQUIRE(source.next(record));
  REQUIRE(source.rewind());
  CHECK(rest(source) == expected);
  REQUIRE(source.rewind());
  CHECK(rest(source) == expected);
  CHECK(source.locate(6).file == "c.csv");

  // A file that cannot start again (a pipe): false, and the chain reads on once, unchanged.
  ConcatSource piped = chain(three_files(false));
  REQUIRE(piped.next(record));
  CHECK_FALSE(piped.rewind());
  CHECK(rest(piped) == expected);

  // A later file's header that differs is found when it is read ahead.
  std::vector<std::unique_ptr<RecordSource>> sources;
  sources.push_back(file("a.csv", {{"id", "Q1"}, {"1", "5"}}));
  sources.push_back(file("b.csv", {{"id", "Q2"}, {"2", "6"}}));
  ConcatSource differs = chain(std::move(sources));
  REQUIRE(differs.next(record));
  try {
    (void)differs.rewind();
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.where().file == "b.csv");
    CHECK(std::string(e.message()).find("column 2") != std::string::npos);
  }
}

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
  TableSource(std::string name, std::vector<std::vector<std::string>> rows, bool delimited = true)
      : name_(std::move(name)), rows_(std::move(rows)), delimited_(delimited) {}
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
  bool delimited_;
  std::size_t at_ = 0;
};

std::unique_ptr<RecordSource> table(std::string name, std::vector<std::vector<std::string>> rows, bool delimited = true) {
  return std::make_unique<TableSource>(std::move(name), std::move(rows), delimited);
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

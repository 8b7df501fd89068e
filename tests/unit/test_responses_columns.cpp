#include <doctest/doctest.h>

#include "attune/instrument/keys.h"
#include "attune/instrument/loader.h"
#include "attune/responses/columns.h"
#include "test_support.h"

using namespace attune;

namespace {

// Four items in columns q1..q4.
Instrument four_items() {
  return load_instrument_text(R"(id: four
name: Four
version: "1"
citation: "Test."
response: {min: 1, max: 5}
items: {count: 4, column: "q{n}"}
scales:
  a: {keys: [1, 2]}
  b: {keys: [3, 4]}
)",
                              "four.yaml");
}

using Names = std::vector<std::string>;

Error bind_error(const Names& header, const ColumnOptions& options = {}) {
  auto e = test::error_of([&] { bind_columns(four_items(), header, options, "d.csv"); });
  REQUIRE(e);
  return *e;
}

}  // namespace

TEST_CASE("items bind by exact name, else by the single case-insensitive match") {
  auto binding = bind_columns(four_items(), {"id", "q4", "Q3", "q2", " q1 "}, {}, "d.csv");
  CHECK(binding.item_fields == std::vector<std::size_t>{4, 3, 2, 1});
  CHECK(binding.item_columns == Names{"q1", "q2", "q3", "q4"});
  CHECK(binding.header_size == 5);
  // An exact match wins over case-insensitive ones.
  CHECK(bind_columns(four_items(), {"Q1", "q1", "q2", "q3", "q4"}, {}, "d.csv").item_fields[0] == 1);
}

TEST_CASE("two case-insensitive matches are ambiguous and count as missing") {
  Error e = bind_error({"Q1", " q1", "q2", "q3", "q4"});
  CHECK(e.kind() == ErrorKind::data);
  CHECK(e.where().to_string() == "d.csv:1");
  CHECK(e.message() == "1 of four's 4 item columns are not in the header: q1");
}

TEST_CASE("missing item columns are listed with the header columns left unused") {
  Error e = bind_error({"id", "q_4", "q1", "q2", "item3"});
  CHECK(e.kind() == ErrorKind::data);
  CHECK(e.message() == "2 of four's 4 item columns are not in the header: q3, q4");
  CHECK(e.hint() == "columns not used: \"id\", \"q_4\", \"item3\"; name the item columns with --columns "
                    "'PREFIX{n}' or --map FILE");
}

TEST_CASE("a header whose names follow one pattern suggests --columns") {
  Error e = bind_error({"id", "item_1", "item_2", "item_3", "item_4"});
  CHECK(e.message() == "4 of four's 4 item columns are not in the header: q1, q2, q3, q4");
  CHECK(e.hint() == "the header looks like --columns 'item_{n}'");
}

TEST_CASE("--columns renames every item by a pattern") {
  ColumnOptions options;
  options.pattern = "ecr_{n}";
  auto binding = bind_columns(four_items(), {"ecr_1", "ecr_2", "ecr_3", "ecr_4"}, options, "d.csv");
  CHECK(binding.item_fields == std::vector<std::size_t>{0, 1, 2, 3});
  CHECK(binding.item_columns == Names{"ecr_1", "ecr_2", "ecr_3", "ecr_4"});
  options.pattern = "ecr";
  CHECK(test::error_of([&] { expected_item_columns(four_items(), options); })->kind() == ErrorKind::usage);
}

TEST_CASE("--map names columns per item: the rest keep their names") {
  test::TempDir dir;
  ColumnOptions options;
  options.map_file = dir.write("map.csv", "item,column\n1,first\nq2, second \n");
  CHECK(expected_item_columns(four_items(), options) == Names{"first", "second", "q3", "q4"});
  options.pattern = "x{n}";   // the map wins over the pattern for the items it names
  CHECK(expected_item_columns(four_items(), options) == Names{"first", "second", "x3", "x4"});
}

TEST_CASE("a bad --map file is a data error at its place") {
  test::TempDir dir;
  ColumnOptions options;
  options.map_file = dir.write("bad_header.csv", "number,name\n1,a\n");
  auto header = test::error_of([&] { expected_item_columns(four_items(), options); });
  REQUIRE(header);
  CHECK(header->kind() == ErrorKind::data);
  CHECK(header->where().to_string() == *options.map_file + ":1:1");
  CHECK(header->message() == "a column map needs the header 'item,column'");
  options.map_file = dir.write("unknown.csv", "item,column\n1,a\n9,b\n");
  auto unknown = test::error_of([&] { expected_item_columns(four_items(), options); });
  REQUIRE(unknown);
  CHECK(unknown->where().to_string() == *options.map_file + ":3:1");
  CHECK(unknown->message() == "\"9\" is not an item of four");
  options.map_file = dir.write("reversed.csv", "item,column\n-1,a\n");
  CHECK(test::error_of([&] { expected_item_columns(four_items(), options); })->message() ==
        "\"-1\" is not an item of four");
  options.map_file = dir.write("wide.csv", "item,column\n1,a,b\n");
  CHECK(test::error_of([&] { expected_item_columns(four_items(), options); })->message() ==
        "expected 2 fields (item,column), found 3");
}

TEST_CASE("the id column is found as id, ID or ResponseId: else rows are numbered") {
  const Names items = {"q1", "q2", "q3", "q4"};
  for (const char* name : {"id", "ID", "ResponseId", "responseid"}) {
    CAPTURE(name);
    Names header = items;
    header.insert(header.begin() + 2, name);
    auto binding = bind_columns(four_items(), header, {}, "d.csv");
    CHECK(binding.id_fields == std::vector<std::size_t>{2});
    CHECK(binding.id_names == Names{name});
  }
  auto numbered = bind_columns(four_items(), items, {}, "d.csv");
  CHECK(numbered.id_fields.empty());
  CHECK(numbered.id_names == Names{"row"});
  CHECK(bind_columns(four_items(), {"identity", "q1", "q2", "q3", "q4"}, {}, "d.csv").id_names == Names{"row"});
}

TEST_CASE("--id and --keep bind named columns: an unknown one is a usage error") {
  ColumnOptions options;
  options.id_columns = {"wave", "pid"};
  options.keep_columns = {"Group"};
  auto binding = bind_columns(four_items(), {"pid", "q1", "q2", "group", "q3", "q4", "wave"}, options, "d.csv");
  CHECK(binding.id_fields == std::vector<std::size_t>{6, 0});
  CHECK(binding.id_names == Names{"wave", "pid"});
  CHECK(binding.keep_fields == std::vector<std::size_t>{3});
  CHECK(binding.keep_names == Names{"group"});
  options.id_columns = {"pidd"};
  Error e = bind_error({"pid", "q1", "q2", "q3", "q4"}, options);
  CHECK(e.kind() == ErrorKind::usage);
  CHECK(e.message() == "d.csv: --id \"pidd\" names no column of the header (closest: \"pid\")");
  options.id_columns = {};
  options.keep_columns = {"grp"};
  Error keep = bind_error({"group", "q1", "q2", "q3", "q4"}, options);
  CHECK(keep.kind() == ErrorKind::usage);
  CHECK(keep.message().rfind("d.csv: --keep \"grp\" names no column of the header", 0) == 0);
}

TEST_CASE("an item column that appears twice in the header is an error") {
  Error e = bind_error({"q1", "q2", "q3", "q4", "q2"});
  CHECK(e.kind() == ErrorKind::data);
  CHECK(e.message() == "column \"q2\" appears more than once in the header");
}

TEST_CASE("--map follows the definition's rules with the definition check's messages") {
  test::TempDir dir;
  ColumnOptions options;
  options.map_file = dir.write("twice.csv", "item,column\n1,a\nq1,b\n");
  auto twice = test::error_of([&] { expected_item_columns(four_items(), options); });
  REQUIRE(twice);
  CHECK(twice->where().to_string() == *options.map_file + ":3:1");
  CHECK(twice->message() == item_given_twice(1));
  CHECK(twice->message() == "item 1 is defined twice");
  options.map_file = dir.write("shared.csv", "item,column\n1,a\n2, a\n");
  auto shared = test::error_of([&] { expected_item_columns(four_items(), options); });
  REQUIRE(shared);
  CHECK(shared->where().to_string() == *options.map_file + ":3:3");
  CHECK(shared->message() == column_used_twice("a"));
  // Item 2 mapped onto item 1's own column: found when the header is bound.
  options.map_file = dir.write("onto.csv", "item,column\n2,q1\n");
  CHECK(bind_error({"q1", "q2", "q3", "q4"}, options).message() == "column 'q1' is used by two items");
}

TEST_CASE("no item may read the id column: the ids would be scored as answers") {
  test::TempDir dir;
  ColumnOptions options;
  options.map_file = dir.write("id.csv", "item,column\n3,id\n");
  CHECK(bind_error({"id", "q1", "q2", "q3", "q4"}, options).message() ==
        "column \"id\" is both the id column and item 3's column: the ids would be scored as answers");
  ColumnOptions by_option;
  by_option.id_columns = {"q2"};
  CHECK(bind_error({"q1", "q2", "q3", "q4"}, by_option).message() ==
        "column \"q2\" is both the id column and item 2's column: the ids would be scored as answers");
}

TEST_CASE("R's row-name column (first header cell \"\") is the id when no id column exists, with a note") {
  std::vector<std::string> notes;
  ColumnOptions options;
  options.note = [&](const std::string& message) { notes.push_back(message); };
  auto binding = bind_columns(four_items(), {"", "q1", "q2", "q3", "q4"}, options, "d.csv");
  CHECK(binding.id_fields == std::vector<std::size_t>{0});
  CHECK(binding.id_names == Names{"id"});
  REQUIRE(notes.size() == 1);
  CHECK(notes[0].find("row names") != std::string::npos);
  // An id column, or --id, wins; then no note.
  notes.clear();
  binding = bind_columns(four_items(), {"", "ID", "q1", "q2", "q3", "q4"}, options, "d.csv");
  CHECK(binding.id_fields == std::vector<std::size_t>{1});
  options.id_columns = {"pid"};
  binding = bind_columns(four_items(), {"", "pid", "q1", "q2", "q3", "q4"}, options, "d.csv");
  CHECK(binding.id_fields == std::vector<std::size_t>{1});
  CHECK(notes.empty());
}

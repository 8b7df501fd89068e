#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "attune/io/csv_reader.h"
#include "attune/responses/empty_records.h"
#include "attune/responses/response_reader.h"
#include "codes_check.h"

using namespace attune;

namespace {

const std::string kHeaderLine = "id,q2,q1,note,q3,q4,other\n";

ResponseOptions keeping_note() {
  ResponseOptions options;
  options.columns.keep_columns = {"note"};
  return options;
}

// The ids ResponseReader yields for `text` (after the header line), and what it left out.
std::vector<std::string> ids_read(const std::string& text, const ResponseOptions& options, EmptyRecords& left_out) {
  auto source = CsvReader::from_string(kHeaderLine + text, "d.csv");
  ResponseReader reader(test::four_items(), *source, options);
  ResponseRow row;
  std::vector<std::string> ids;
  while (reader.next(row)) ids.push_back(std::string(row.texts.front()) + "@" + std::to_string(row.number));
  left_out = reader.empty_records();
  return ids;
}

}  // namespace

TEST_CASE("a record whose every cell is empty is not a respondent; one with an id is") {
  const std::string text = "r1,1,2,a,3,4,x\n,,,,,,\n\"\",,\"\",,,,\r\nr2,,,,,,\n,,,,,,\n";
  EmptyRecords left_out;
  CHECK(ids_read(text, keeping_note(), left_out) == std::vector<std::string>{"r1@1", "r2@4"});
  CHECK(left_out.count == 3);
  CHECK(left_out.first_lines == std::vector<std::uint64_t>{3, 4, 6});
  CHECK(left_out.summary("d.csv") ==
        "left out 3 record(s) of d.csv whose every cell is empty (not respondents), at line(s) 3, 4, 6; "
        "--keep-empty keeps them as rows");
  ResponseOptions keep = keeping_note();
  keep.keep_empty = true;
  CHECK(ids_read(text, keep, left_out) == std::vector<std::string>{"r1@1", "@2", "@3", "r2@4", "@5"});
  CHECK(left_out.count == 0);
  CHECK(left_out.summary("d.csv").empty());
}

TEST_CASE("the plain-line path takes no empty record, and parse() marks one") {
  ResponseParser parser(test::four_items(), test::kFourItemsHeader, keeping_note(), "d.csv");
  ResponseRow row;
  for (std::string line : {",,,,,,\n", ",,,,,,\r\n", "1,,,,,,\n"}) {
    CAPTURE(line);
    CHECK_FALSE(parser.parse_line(line, ',', 1, row));
  }
  CHECK(parser.parse_line("r1,,,,,,\n", ',', 1, row));   // an id: a respondent
  auto source = CsvReader::from_string(kHeaderLine + ",,,,,,\nr1,,,,,,\n", "d.csv");
  Record record;
  REQUIRE(source->next(record));
  REQUIRE(source->next(record));
  parser.parse(record, 1, row);
  CHECK(row.empty);
  REQUIRE(source->next(record));
  parser.parse(record, 2, row);
  CHECK_FALSE(row.empty);
}

TEST_CASE("only delimited text leaves empty records out") {
  auto csv = CsvReader::from_string(kHeaderLine, "d.csv");
  ResponseOptions options;
  CHECK(leaves_out_empty_records(*csv, options));
  options.keep_empty = true;
  CHECK_FALSE(leaves_out_empty_records(*csv, options));
}

TEST_CASE("empty records merge in input order, the first lines kept") {
  EmptyRecords first, later;
  for (std::uint64_t line : {2, 3, 4}) first.add(line);
  for (std::uint64_t line : {9, 10, 11, 12}) later.add(line);
  first.add_later(later);
  CHECK(first.count == 7);
  CHECK(first.first_lines == std::vector<std::uint64_t>{2, 3, 4, 9, 10});
  CHECK(first.summary("d.csv").find("at line(s) 2, 3, 4, 9, 10, ...;") != std::string::npos);
}

TEST_CASE("text cells: UTF-8 taken on the plain path, other bytes an error or read from --encoding") {
  ResponseParser utf8(test::four_items(), test::kFourItemsHeader, keeping_note(), "d.csv");
  ResponseRow row;
  REQUIRE(utf8.parse_line("Zo\xC3\xAB,1,2,caf\xC3\xA9,3,4,\xFF\n", ',', 1, row));   // the ignored column may hold anything
  CHECK(row.texts == std::vector<std::string_view>{"Zo\xC3\xAB", "caf\xC3\xA9"});
  CHECK_FALSE(utf8.parse_line("Zo\xEB,1,2,x,3,4,\n", ',', 1, row));     // Latin-1: parse() reports it
  CHECK_FALSE(utf8.parse_line("r1,1,2,\xC0\xAF,3,4,\n", ',', 1, row));  // an overlong form
  CHECK_FALSE(utf8.parse_line("r1,\xC3\xA9,2,x,3,4,\n", ',', 1, row));  // an item cell: invalid anyway
  auto source = CsvReader::from_string(kHeaderLine + "Zo\xEB,1,2,x,3,4,\n", "d.csv");
  Record record;
  REQUIRE(source->next(record));
  REQUIRE(source->next(record));
  CHECK_THROWS_WITH(utf8.parse(record, 1, row),
                    doctest::Contains("d.csv:2:1: column \"id\": \"Zo\\xEB\" is not UTF-8 text (byte 0xEB)"));
  for (auto [encoding, expected] : {std::pair{TextEncoding::latin1, "Zo\xC3\xAB|\xC2\x80"},
                                    std::pair{TextEncoding::cp1252, "Zo\xC3\xAB|\xE2\x82\xAC"}}) {
    ResponseOptions options = keeping_note();
    options.encoding = encoding;
    ResponseParser parser(test::four_items(), test::kFourItemsHeader, options, "d.csv");
    CHECK_FALSE(parser.parse_line("Zo\xEB,1,2,\x80,3,4,\n", ',', 1, row));   // transcoded by parse() alone
    auto text = CsvReader::from_string(kHeaderLine + "Zo\xEB,1,2,\x80,3,4,\n", "d.csv");
    REQUIRE(text->next(record));
    REQUIRE(text->next(record));
    parser.parse(record, 1, row);
    CHECK(std::string(row.texts[0]) + "|" + std::string(row.texts[1]) == expected);
    CHECK(row.items == std::vector<double>{2, 1, 3, 4});
  }
}

TEST_CASE("a column name that is not UTF-8 is an error only when the run reads that column") {
  std::vector<std::string> header = test::kFourItemsHeader;
  header[6] = "Gr\xF6\xDF" "e";   // not read: fine
  ResponseParser fine(test::four_items(), header, ResponseOptions{}, "d.csv");
  header[3] = "N\xF6te";
  ResponseOptions keep;
  keep.columns.keep_columns = {"N\xF6te"};
  CHECK_THROWS_WITH(ResponseParser(test::four_items(), header, keep, "d.csv"),
                    doctest::Contains("d.csv:1: the name of column 4 \"N\\xF6te\" is not UTF-8 text"));
  keep.encoding = TextEncoding::latin1;
  keep.columns.keep_columns = {"N\xC3\xB6te"};   // options name columns in UTF-8
  ResponseParser latin1(test::four_items(), header, keep, "d.csv");
  CHECK(latin1.binding().keep_names == std::vector<std::string>{"N\xC3\xB6te"});
}

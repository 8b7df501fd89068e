#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "attune/io/number_style.h"
#include "attune/io/record_writer.h"

using namespace attune;

namespace {

std::string styled(double value, int digits, char decimal = '.') {
  std::string out;
  append_styled_number(out, value, {digits, decimal});
  return out;
}

std::string table_number(double value, int decimals, char decimal = '.') {
  std::string out;
  append_table_number(out, value, decimals, decimal);
  return out;
}

std::string write(Format format, WriterOptions options, const std::vector<std::vector<Cell>>& rows) {
  const std::vector<Column> columns = {{"id", false}, {"score", true}, {"note", false}};
  StringSink sink;
  auto writer = make_writer(format, sink, options);
  writer->begin(columns);
  for (const auto& row : rows) writer->write_row(row);
  writer->finish();
  return sink.text();
}

}  // namespace

TEST_CASE("without digits a data format writes the shortest round trip, with the chosen mark") {
  for (double value : {0.1, 3.5, 18.0, 1.0 / 3, -2.5e-7, 1e21}) {
    std::string plain;
    append_number(plain, value);
    CHECK(styled(value, -1) == plain);
  }
  CHECK(styled(1.0 / 3, -1, ',') == "0,3333333333333333");
  CHECK(styled(18, -1, ',') == "18");
  CHECK(styled(std::nan(""), 2).empty());
}

TEST_CASE("digits round to that many decimals and drop trailing zeros; -0 never shows") {
  CHECK(styled(3.456, 2) == "3.46");
  CHECK(styled(3.5, 2) == "3.5");
  CHECK(styled(18, 2) == "18");
  CHECK(styled(17.999, 2) == "18");
  CHECK(styled(2.675, 2) == "2.67");   // the double is 2.67499999...: rounded as it is, as R's round() does
  CHECK(styled(-0.001, 2) == "0");
  CHECK(styled(-0.4, 0) == "0");
  CHECK(styled(-1.25, 1, ',') == "-1,2");   // 1.25 is exact: ties go to even, as printf and R's format
  CHECK(styled(1e20, 2) == "100000000000000000000");
  CHECK(styled(0.1, 15) == "0.1");
  CHECK(styled(-std::numeric_limits<double>::max(), 15).size() < kStyledNumberRoom);
}

TEST_CASE("a table shows fixed decimals, a whole number bare") {
  CHECK(table_number(18, 2) == "18");
  CHECK(table_number(-3, 2) == "-3");
  CHECK(table_number(3.5, 2) == "3.50");
  CHECK(table_number(3.5, 2, ',') == "3,50");
  CHECK(table_number(1.0 / 3, 4) == "0.3333");
  CHECK(table_number(2.9999, 2) == "3.00");   // shown to two decimals, not whole
}

TEST_CASE("round_to_digits gives the double the rounded text reads back as") {
  CHECK(round_to_digits(1.0 / 3, 2) == 0.33);
  CHECK(round_to_digits(1.0 / 3, -1) == 1.0 / 3);
  CHECK(round_to_digits(5.944444444444445, 1) == 5.9);
}

TEST_CASE("csv with ';' between fields and a decimal comma: commas in text need no quotes, ';' does") {
  WriterOptions excel;
  excel.delimiter = ';';
  excel.numbers.decimal = ',';
  CHECK(write(Format::csv, excel, {{Cell::of("a,b"), Cell::of(3.5), Cell::of("x;y")}, {Cell::of("c"), Cell::missing(), Cell::of("")}}) ==
        "id;score;note\na,b;3,5;\"x;y\"\nc;;\n");
  excel.numbers.digits = 2;
  CHECK(write(Format::csv, excel, {{Cell::of("a"), Cell::of(1.0 / 3), Cell::of("n")}}) == "id;score;note\na;0,33;n\n");
}

TEST_CASE("digits apply to tsv, json and tables; json keeps its point") {
  WriterOptions two;
  two.numbers.digits = 2;
  const std::vector<std::vector<Cell>> rows = {{Cell::of("a"), Cell::of(2.0 / 3), Cell::of("n")}, {Cell::of("b"), Cell::of(4), Cell::of("m")}};
  CHECK(write(Format::tsv, two, rows) == "id\tscore\tnote\na\t0.67\tn\nb\t4\tm\n");
  CHECK(write(Format::jsonl, two, rows) == "{\"id\":\"a\",\"score\":0.67,\"note\":\"n\"}\n{\"id\":\"b\",\"score\":4,\"note\":\"m\"}\n");
  two.numbers.decimal = ',';
  CHECK(write(Format::jsonl, two, {rows[0]}) == "{\"id\":\"a\",\"score\":0.67,\"note\":\"n\"}\n");
  WriterOptions one;
  one.numbers.digits = 1;
  one.numbers.decimal = ',';
  CHECK(write(Format::table, one, rows) == "id  score  note\n--  -----  ----\na     0,7  n\nb       4  m\n");
}

TEST_CASE("sav and dta are binary formats, named and parsed like the others") {
  CHECK(parse_format("sav") == Format::sav);
  CHECK(parse_format("dta") == Format::dta);
  CHECK(is_binary(Format::sav));
  CHECK(is_binary(Format::dta));
  CHECK_FALSE(is_binary(Format::csv));
}

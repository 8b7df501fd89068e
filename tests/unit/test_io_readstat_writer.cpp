#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "attune/io/readstat_source.h"
#include "attune/io/record_writer.h"

using namespace attune;

namespace {

struct Written {
  std::vector<std::string> notes;
  std::vector<VariableInfo> variables;
  std::vector<std::vector<std::string>> rows;
};

// Writes `rows` under `columns` as `format`, reads the bytes back through attune's reader.
Written round_trip(Format format, const std::vector<Column>& columns, const std::vector<std::vector<Cell>>& rows) {
  StringSink sink;
  auto writer = make_writer(format, sink);
  writer->begin(columns);
  for (const auto& row : rows) writer->write_row(row);
  writer->finish();
  CHECK_FALSE(sink.committed());
  auto source = ReadStatSource::from_bytes(sink.text(), "t", format == Format::sav ? InputFormat::sav : InputFormat::dta);
  Written out{writer->notes(), source->variables(), {}};
  Record record;
  while (source->next(record)) out.rows.emplace_back(record.fields.begin(), record.fields.end());
  return out;
}

}  // namespace

TEST_CASE("sav and dta: numbers, text, a labelled code and missing cells read back as written") {
  const std::vector<Column> columns = {{"id", false}, {"score", true, -1, "A score"},
                                       {"pattern", false, -1, "Pattern", {{1, "secure"}, {2, "fearful"}}}};
  for (Format format : {Format::sav, Format::dta}) {
    CAPTURE(format_name(format));
    Written w = round_trip(format, columns,
                           {{Cell::of("a"), Cell::of(2.5), Cell::of("fearful")},
                            {Cell::of("bb"), Cell::missing(), Cell::of("tie:secure+fearful")},
                            {Cell::of(""), Cell::of(-1.0 / 3), Cell::missing()}});
    CHECK(w.notes.empty());
    REQUIRE(w.rows.size() == 4);
    CHECK(w.rows[0] == std::vector<std::string>{"id", "score", "pattern"});
    CHECK(w.rows[1] == std::vector<std::string>{"a", "2.5", "2"});
    CHECK(w.rows[2] == std::vector<std::string>{"bb", "", "3"});   // a text beyond the labels: the next code
    CHECK(w.rows[3] == std::vector<std::string>{"", "-0.3333333333333333", ""});
    CHECK(w.variables[1].label == "A score");
    CHECK(w.variables[2].label == "Pattern");
    CHECK(w.variables[2].value_labels ==
          std::map<std::string, std::string>{{"1", "secure"}, {"2", "fearful"}, {"3", "tie:secure+fearful"}});
  }
}

TEST_CASE("a name the format may refuse is renamed to letters, digits and _, unlike the others, and noted") {
  const std::vector<Column> columns = {{"a_b", true}, {"a-b", true}, {"2nd note", false}, {"with", true}};
  Written w = round_trip(Format::dta, columns, {{Cell::of(1), Cell::of(2), Cell::of("x"), Cell::of(3)}});
  CHECK(w.rows[0] == std::vector<std::string>{"a_b", "a_b_2", "v2nd_note", "with_"});
  CHECK(w.rows[1] == std::vector<std::string>{"1", "2", "x", "3"});
  REQUIRE(w.notes.size() == 3);
  CHECK(w.notes[0] == "column \"a-b\" is a_b_2 in the .dta file: Stata names take letters, digits and _");
}

TEST_CASE("digits round what a binary format stores") {
  StringSink sink;
  WriterOptions two;
  two.numbers.digits = 2;
  auto writer = make_writer(Format::sav, sink, two);
  writer->begin({{"x", true}});
  const std::vector<Cell> row = {Cell::of(2.0 / 3)};
  writer->write_row(row);
  writer->finish();
  auto source = ReadStatSource::from_bytes(sink.text(), "t", InputFormat::sav);
  Record record;
  REQUIRE(source->next(record));
  REQUIRE(source->next(record));
  CHECK(record.fields[0] == "0.67");
}

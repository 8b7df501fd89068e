#include <doctest/doctest.h>
#include <fmt/format.h>

#include <cmath>
#include <cstring>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "attune/io/json_text.h"
#include "attune/io/record_writer.h"

using namespace attune;

namespace {

const std::vector<Column> kColumns = {{"id", false}, {"score", true}, {"note", false}};

std::string write(Format format, const std::vector<std::vector<Cell>>& rows, WriterOptions options = {},
                  const std::vector<Column>& columns = kColumns) {
  StringSink sink;
  auto writer = make_writer(format, sink, options);
  writer->begin(columns);
  for (const auto& row : rows) writer->write_row(row);
  writer->finish();
  CHECK_FALSE(sink.committed());   // finish() flushes but does not commit
  return sink.text();
}

}  // namespace

TEST_CASE("formats by name") {
  CHECK(parse_format("jsonl") == Format::jsonl);
  CHECK(parse_format("table") == Format::table);
  CHECK_FALSE(parse_format("JSON"));
  CHECK(format_name(Format::tsv) == "tsv");
}

TEST_CASE("append_number prints the shortest round-trip form: NaN prints nothing") {
  auto text = [](double v) {
    std::string out;
    append_number(out, v);
    return out;
  };
  CHECK(text(4) == "4");
  CHECK(text(3.5) == "3.5");
  CHECK(text(0.1) == "0.1");
  CHECK(text(1.0 / 3) == "0.3333333333333333");
  CHECK(std::stod(text(1.0 / 3)) == 1.0 / 3);
  CHECK(text(-0.0) == "0");
  CHECK(text(-2.25) == "-2.25");
  CHECK(text(NAN).empty());
  CHECK(Cell::of(NAN).kind == Cell::Kind::missing);
}

TEST_CASE("a remembered number's text is the text fmt gives, first time and again, up to 24 characters") {
  // Texts up to 23 characters are kept per thread and copied as two fixed pieces; longer
  // ones are written afresh each time. Every score k/n of up to 40 items, and long ones.
  std::vector<double> values = {-2.2250738585072014e-308, 1.7976931348623157e308, -1.2345678901234567e-100,
                                4.9406564584124654e-324, 123456789012345680.0, -0.1};
  // 23 characters, the longest kept, and 24, the shortest not kept: each written twice in a
  // row, so the second is a hit when kept.
  for (double v : {-1.2345678901234567e-10, -0.00012345678901234567, -1.2345678901234567e-100}) {
    for (int again = 0; again < 2; ++again) {
      char out[kNumberRoom];
      CAPTURE(v);
      CHECK(std::string(out, write_number(out, v)) == fmt::format("{}", v));
    }
  }
  CHECK(fmt::format("{}", -1.2345678901234567e-10).size() == 23);
  CHECK(fmt::format("{}", -1.2345678901234567e-100).size() == 24);
  for (int n = 1; n <= 40; ++n) {
    for (int k = 0; k <= 7 * n; ++k) values.push_back(static_cast<double>(k) / n);
  }
  for (int round = 0; round < 2; ++round) {
    for (double v : values) {
      char out[kNumberRoom + 8];
      std::memset(out, '#', sizeof out);
      char* end = write_number(out, v);
      CAPTURE(v);
      CHECK(std::string(out, end) == fmt::format("{}", v));
      CHECK(out[kNumberRoom] == '#');   // nothing written past the room
    }
  }
}

TEST_CASE("write_number's own shortest writer gives fmt's text for any double") {
  // Random bit patterns (every exponent), values near the switch between fixed and exponent
  // notation (1e-5, 1e16), and everyday values; written twice, afresh and remembered.
  std::mt19937_64 rng(20261206);
  std::vector<double> values = {1e15, 9.999999999999998e15, 1e16, 1e17, 1e-4, 1e-5, 0.00012, 1e100, 1e-100,
                                5e-324, 1.7976931348623157e308, 2.2250738585072014e-308, 123456789012345678.0};
  for (int e = -330; e <= 310; ++e) values.push_back(1.2345678901234567 * std::pow(10.0, e));
  for (int i = 0; i < 200000; ++i) {
    const std::uint64_t bits = rng();
    double v;
    std::memcpy(&v, &bits, sizeof v);
    values.push_back(v);
    values.push_back(std::ldexp(static_cast<double>(rng() >> 11), -static_cast<int>(rng() % 80)));
  }
  for (double v : values) {
    if (std::isnan(v)) continue;
    for (int again = 0; again < 2; ++again) {
      char out[kNumberRoom];
      const std::string text(out, write_number(out, v));
      if (text != fmt::format("{}", v + 0.0)) {   // one CHECK per failure only: 400k values
        CAPTURE(v);
        CHECK(text == fmt::format("{}", v + 0.0));
      }
    }
  }
}

TEST_CASE("csv quotes cells holding the delimiter, quotes or line breaks") {
  auto out = write(Format::csv, {{Cell::of("a,b"), Cell::of(1.5), Cell::of("say \"x\"")},
                                 {Cell::of("line\nbreak"), Cell::missing(), Cell::of("cr\r")},
                                 {Cell::of("plain"), Cell::of(0.1), Cell::of("")}});
  CHECK(out == "id,score,note\n\"a,b\",1.5,\"say \"\"x\"\"\"\n\"line\nbreak\",,\"cr\r\"\nplain,0.1,\n");
}

TEST_CASE("tsv quotes cells holding tabs, quotes or line breaks as csv does; backslashes stay") {
  auto out = write(Format::tsv, {{Cell::of("a\tb"), Cell::of(2), Cell::of("x\ny\\z\r")},
                                 {Cell::of("DOM\\user"), Cell::of(3), Cell::of("say \"x\"")}});
  CHECK(out == "id\tscore\tnote\n\"a\tb\"\t2\t\"x\ny\\z\r\"\nDOM\\user\t3\t\"say \"\"x\"\"\"\n");
}

TEST_CASE("safe_csv defuses formula-like text in text columns only") {
  WriterOptions safe;
  safe.safe_csv = true;
  std::vector<Column> columns = {{"id", false}, {"n", true}};
  auto out = write(Format::csv, {{Cell::of("=SUM(A1)"), Cell::of(-1)}, {Cell::of("+1"), Cell::of("-2")},
                                 {Cell::of("@x"), Cell::of(3)}, {Cell::of("-x,y"), Cell::of(4)},
                                 {Cell::of("ok"), Cell::of(5)}},
                   safe, columns);
  CHECK(out == "id,n\n\"'=SUM(A1)\",-1\n+1,-2\n\"'@x\",3\n\"'-x,y\",4\nok,5\n");   // +1 is a number
  CHECK(write(Format::csv, {{Cell::of("=1"), Cell::of(1)}}, {}, columns) == "id,n\n=1,1\n");
  CHECK(write(Format::tsv, {{Cell::of("=1"), Cell::of(1)}}, safe, columns) == "id\tn\n'=1\t1\n");
}

TEST_CASE("safe_csv leaves numbers written as text alone and defuses header cells") {
  WriterOptions safe;
  safe.safe_csv = true;
  std::vector<Column> columns = {{"=HYPERLINK(\"x\")", false}, {"-7", true}, {"+n", true}};
  auto out = write(Format::csv, {{Cell::of("-7"), Cell::of(1), Cell::of("-1.5e3")}, {Cell::of("+.5"), Cell::of(2), Cell::of("-1-1")},
                                 {Cell::of("-"), Cell::of(3), Cell::of("-e5")}},
                   safe, columns);
  CHECK(out == "\"'=HYPERLINK(\"\"x\"\")\",-7,\"'+n\"\n-7,1,-1.5e3\n+.5,2,-1-1\n\"'-\",3,-e5\n");
  CHECK(write(Format::tsv, {{Cell::of("-1-1"), Cell::of(1), Cell::missing()}}, safe, columns) ==
        "\"'=HYPERLINK(\"\"x\"\")\"\t-7\t'+n\n'-1-1\t1\t\n");   // a quote in a TSV cell: quoted as CSV
  CHECK(write(Format::csv, {}, {}, columns) == "\"=HYPERLINK(\"\"x\"\")\",-7,+n\n");   // without it: as before
}

TEST_CASE("the table shows control characters in cells and headers escaped (line breaks and tabs as spaces)") {
  std::vector<Column> columns = {{"id\x1b[2J", false}, {"n", true}};
  CHECK(write(Format::table, {{Cell::of("a\x1b]0;x\x07" "b\x08\x7f\xc2\x9b\tc\n"), Cell::of(1)}}, {}, columns) ==
        "id\\x1B[2J                          n\n"
        "---------------------------------  -\n"
        "a\\x1B]0;x\\x07b\\x08\\x7F\\xC2\\x9B c   1\n");   // a whole number shows no decimals
}

TEST_CASE("cells that grow most when written (quotes doubled, formula mark, escapes, long numbers) come out whole") {
  // The delimited writer writes a row into room it reserves first: each case at that room's limit.
  WriterOptions safe;
  safe.safe_csv = true;
  const std::vector<Column> columns = {{"a", false}, {"b", true}, {"c", false}};
  const std::string quotes(40, '"');
  const std::string expected_quotes = "\"" + std::string(80, '"') + "\"";
  CHECK(write(Format::csv, {{Cell::of("=" + quotes), Cell::of(-2.2250738585072014e-308), Cell::of(quotes)}}, safe,
              columns) == "a,b,c\n\"'=" + std::string(80, '"') + "\",-2.2250738585072014e-308," + expected_quotes + "\n");
  const std::string tabs(40, '\t');
  CHECK(write(Format::tsv, {{Cell::of("=" + tabs), Cell::of(1e300), Cell::of(tabs)}}, safe, columns) ==
        "a\tb\tc\n\"'=" + tabs + "\"\t1e+300\t\"'" + tabs + "\"\n");   // a leading tab is defused too
  CHECK(write(Format::csv, {{Cell::of(""), Cell::of(0.1), Cell::missing()}}, safe, columns) == "a,b,c\n,0.1,\n");
}

TEST_CASE("a byte that needs quotes is found wherever it sits: first, last, past 16 bytes") {
  const std::vector<Column> columns = {{"a", false}};
  const std::string sixteen = "abcdefghijklmnop";
  for (const char special : {',', '"', '\n', '\r'}) {
    const std::string s(1, special);
    const std::string quoted = special == '"' ? "\"\"" : s;
    CAPTURE(static_cast<int>(special));
    CHECK(write(Format::csv, {{Cell::of(s + "x")}}, {}, columns) == "a\n\"" + quoted + "x\"\n");
    CHECK(write(Format::csv, {{Cell::of(sixteen.substr(0, 15) + s)}}, {}, columns) ==
          "a\n\"" + sixteen.substr(0, 15) + quoted + "\"\n");
    CHECK(write(Format::csv, {{Cell::of(sixteen + s)}}, {}, columns) == "a\n\"" + sixteen + quoted + "\"\n");
    CHECK(write(Format::csv, {{Cell::of(sixteen + sixteen + "q" + s)}}, {}, columns) ==
          "a\n\"" + sixteen + sixteen + "q" + quoted + "\"\n");
  }
}

TEST_CASE("every length from 0 to 40 and every place: a byte that needs quotes is found, none is imagined") {
  // The writer reads a text of 4 to 16 bytes as four overlapping 4-byte pieces and a longer
  // one 16 bytes at a time with the last piece overlapping, so each length class and seam is here.
  const std::vector<Column> columns = {{"a", false}};
  for (std::size_t length = 0; length <= 40; ++length) {
    std::string plain(length, 'x');
    for (std::size_t i = 0; i < length; ++i) plain[i] = static_cast<char>('a' + i % 26);
    CAPTURE(length);
    CHECK(write(Format::csv, {{Cell::of(plain)}}, {}, columns) == "a\n" + plain + "\n");
    for (std::size_t at = 0; at < length; ++at) {
      for (const char special : {',', '"', '\n', '\r'}) {
        std::string text = plain;
        text[at] = special;
        std::string expected = "\"";
        for (char c : text) expected += c == '"' ? std::string("\"\"") : std::string(1, c);
        CAPTURE(at);
        CAPTURE(static_cast<int>(special));
        CHECK(write(Format::csv, {{Cell::of(text)}}, {}, columns) == "a\n" + expected + "\"\n");
      }
    }
  }
}

TEST_CASE("json writes an array of objects with null for missing cells") {
  auto out = write(Format::json, {{Cell::of("r1"), Cell::of(1.0 / 3), Cell::missing()},
                                  {Cell::of("q\"\\\n\t\x01"), Cell::missing(), Cell::of("\xC3\xA9")}});
  CHECK(out == "[\n{\"id\":\"r1\",\"score\":0.3333333333333333,\"note\":null},\n"
               "{\"id\":\"q\\\"\\\\\\n\\t\\u0001\",\"score\":null,\"note\":\"\xC3\xA9\"}\n]\n");
  CHECK(write(Format::json, {}) == "[]\n");
}

TEST_CASE("jsonl writes one object per line") {
  auto out = write(Format::jsonl, {{Cell::of("a"), Cell::of(0.1), Cell::of("x")}, {Cell::of("b"), Cell::of(2), Cell::missing()}});
  CHECK(out == "{\"id\":\"a\",\"score\":0.1,\"note\":\"x\"}\n{\"id\":\"b\",\"score\":2,\"note\":null}\n");
  CHECK(write(Format::jsonl, {}).empty());
}

TEST_CASE("json strings: invalid UTF-8 becomes U+FFFD, valid sequences pass") {
  CHECK(json_string("\xFF") == "\"\xEF\xBF\xBD\"");
  CHECK(json_string("a\xC3") == "\"a\xEF\xBF\xBD\"");             // truncated sequence
  CHECK(json_string("\xC3(") == "\"\xEF\xBF\xBD(\"");
  CHECK(json_string("\xE2\x82\xAC") == "\"\xE2\x82\xAC\"");        // the euro sign
  CHECK(json_string("\xF0\x9F\x98\x80") == "\"\xF0\x9F\x98\x80\"");
  CHECK(json_string("\x1F") == "\"\\u001f\"");
}

TEST_CASE("the table aligns numbers right and text left, with fixed decimals") {
  std::vector<Column> columns = {{"id", false}, {"score", true}, {"n", true, 0}};
  auto out = write(Format::table, {{Cell::of("a"), Cell::of(1.0 / 3), Cell::of(12)},
                                   {Cell::of("longer\tid"), Cell::of(10.5), Cell::missing()},
                                   {Cell::of("b"), Cell::missing(), Cell::of(3.6)}},
                   {}, columns);
  CHECK(out == "id         score   n\n"
               "---------  -----  --\n"
               "a           0.33  12\n"
               "longer id  10.50\n"
               "b                  4\n");
  WriterOptions three;
  three.table_decimals = 3;
  CHECK(write(Format::table, {{Cell::of("a"), Cell::of(0.5), Cell::of("x")}}, three) ==
        "id  score  note\n--  -----  ----\na   0.500  x\n");
}

TEST_CASE("an empty table still shows its header: wide characters count once") {
  CHECK(write(Format::table, {}) == "id  score  note\n--  -----  ----\n");
  std::vector<Column> columns = {{"name", false}, {"x", true}};
  CHECK(write(Format::table, {{Cell::of("caf\xC3\xA9s"), Cell::of(1)}}, {}, columns) ==
        "name   x\n-----  -\ncaf\xC3\xA9s  1\n");
}

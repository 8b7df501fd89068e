#include <doctest/doctest.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "attune/instrument/loader.h"
#include "attune/io/csv_reader.h"
#include "attune/responses/response_reader.h"
#include "codes_check.h"
#include "test_support.h"

using namespace attune;

namespace {

using test::four_items;
const std::vector<std::string>& kHeader = test::kFourItemsHeader;

ResponseOptions options_with(std::vector<std::string> missing, InvalidPolicy invalid) {
  ResponseOptions options;
  options.columns.keep_columns = {"note"};
  options.missing_codes = std::move(missing);
  options.invalid = invalid;
  return options;
}

// A row's items compared bit for bit (NaN equals NaN), and its texts and number.
void check_same_row(const ResponseRow& fast, const ResponseRow& general) {
  REQUIRE(fast.items.size() == general.items.size());
  for (std::size_t j = 0; j < fast.items.size(); ++j) {
    CHECK(std::bit_cast<std::uint64_t>(fast.items[j]) == std::bit_cast<std::uint64_t>(general.items[j]));
  }
  CHECK(fast.texts == general.texts);
  CHECK(fast.number == general.number);
}

// A row parse_line made, with the reader whose buffer its texts point into.
struct FastRow {
  std::unique_ptr<CsvReader> reader;
  ResponseRow row;
  std::string_view line;   // the line it took (not yet consumed)
};

// parse_line on the line after the header of `text`; nullopt when it declines.
std::optional<FastRow> parse_fast(ResponseParser& parser, const std::string& text) {
  FastRow fast{CsvReader::from_string(text, "d.csv"), {}, {}};
  Record header;
  REQUIRE(fast.reader->next(header));
  std::string_view line = fast.reader->peek_line();
  if (line.empty() || !parser.parse_line(line, fast.reader->delimiter(), 1, fast.row)) return std::nullopt;
  fast.line = line;
  return fast;
}

// What the CSV reader and parse() make of the record after the header of `text`, with the
// reader, positioned after that record.
struct GeneralRow {
  std::unique_ptr<CsvReader> reader;
  ResponseRow row;
};
GeneralRow parse_general(ResponseParser& parser, const std::string& text) {
  GeneralRow general{CsvReader::from_string(text, "d.csv"), {}};
  Record record;
  REQUIRE(general.reader->next(record));
  REQUIRE(general.reader->next(record));
  parser.parse(record, 1, general.row);   // must not throw when parse_line took the line
  return general;
}

std::string with_header(const std::string& line) {
  return "id,q2,q1,note,q3,q4,other\n" + line;
}

}  // namespace

TEST_CASE("parse_line reads a plain line as parse does") {
  ResponseParser parser(four_items(), kHeader, options_with({}, InvalidPolicy::error), "d.csv");
  auto row = parse_fast(parser, with_header("r7,2,1,hello,3,,x\n"));
  REQUIRE(row);
  CHECK(row->row.number == 1);
  CHECK(row->row.texts == std::vector<std::string_view>{"r7", "hello"});
  CHECK(row->row.items[0] == 1);
  CHECK(row->row.items[1] == 2);
  CHECK(row->row.items[2] == 3);
  CHECK(std::isnan(row->row.items[3]));
  // A CRLF end is the line's end, as the CSV reader reads it.
  row = parse_fast(parser, with_header("r7,2,1,hello,3,4,5\r\n"));
  REQUIRE(row);
  CHECK(row->row.items[3] == 4);
  CHECK(row->row.texts == std::vector<std::string_view>{"r7", "hello"});
  ResponseParser items_last(four_items(), {"id", "note", "q1", "q2", "q3", "q4"},
                            options_with({}, InvalidPolicy::error), "d.csv");
  row = parse_fast(items_last, "id,note,q1,q2,q3,q4\r\nr8,,1,2,3,4\r\n");   // the last field an item
  REQUIRE(row);
  CHECK(row->row.items == std::vector<double>{1, 2, 3, 4});
  // A missing code, a multi-digit cell in range after --range would not apply: 9 is missing here.
  row = parse_fast(parser, with_header("r8,9,1,,5,4,\n"));
  REQUIRE(row);
  CHECK(std::isnan(row->row.items[1]));
}

TEST_CASE("parse_line declines what only parse can read or report") {
  ResponseParser parser(four_items(), kHeader, options_with({}, InvalidPolicy::missing), "d.csv");
  CHECK_FALSE(parse_fast(parser, with_header("r1,2,1,\"a, b\",3,4,x\n")));   // a quote
  CHECK_FALSE(parse_fast(parser, with_header("r1,2,1\ra,3,4,x\n")));         // a CR ending a record
  CHECK_FALSE(parse_fast(parser, with_header("\r\nr1,2,1,a,3,4,x\n")));       // a blank CRLF line
  CHECK_FALSE(parse_fast(parser, with_header("r1,2,1,a,3,4\n")));             // a field short
  CHECK_FALSE(parse_fast(parser, with_header("r1,2,1,a,3,4,x,y\n")));         // a field too many
  CHECK_FALSE(parse_fast(parser, with_header("r1,2,6,a,3,4,x\n")));           // out of range
  CHECK_FALSE(parse_fast(parser, with_header("r1,2,1,a,3,4,x")));             // no LF: not a plain line
  CHECK(parser.invalid_cells() == 0);   // declining counts nothing: parse() will
}

TEST_CASE("parse_line agrees with parse on random lines") {
  // Cells drawn from answers, missing codes, invalid and odd texts; lines with 6 to 8 fields.
  const std::vector<std::string> cells = {"",  "1",  "3",  "5",  "9",   "6",   "0",   "12",  "03", "-9", " 2",
                                          "2 ", "4.0", "2,5", "a", "\"3\"", "3\r", "\"\"", "+1", "1e0", "x y", "\r"};
  std::mt19937 random(20261123);
  std::size_t taken = 0, declined = 0, whole = 0;
  for (auto missing : {std::vector<std::string>{}, std::vector<std::string>{"0", "-9"}}) {
    for (auto policy : {InvalidPolicy::error, InvalidPolicy::missing}) {
      ResponseParser fast(four_items(), kHeader, options_with(missing, policy), "d.csv");
      ResponseParser general(four_items(), kHeader, options_with(missing, policy), "d.csv");
      for (int trial = 0; trial < 3000; ++trial) {
        const std::size_t n = 6 + random() % 3;
        std::string line;
        for (std::size_t f = 0; f < n; ++f) {   // the first five cells (answers or empty) most often
          line += (f ? "," : "") + cells[random() % 8 ? random() % 5 : random() % cells.size()];
        }
        // A record follows, so that what taking the line leaves (position, line and record
        // numbers) is compared too.
        const std::string text = with_header(line + (random() % 4 ? "\n" : "\r\n") + "next,1,1,,1,1,\n");
        CAPTURE(text);
        auto row = parse_fast(fast, text);
        if (!row) {
          ++declined;
          continue;
        }
        ++taken;
        GeneralRow expected = parse_general(general, text);
        check_same_row(row->row, expected.row);
        row->reader->take_line(row->line);
        Record after_take, after_next;
        REQUIRE(row->reader->next(after_take));
        REQUIRE(expected.reader->next(after_next));
        CHECK(after_take.line == after_next.line);
        CHECK(after_take.number == after_next.number);
        CHECK(after_take.fields == after_next.fields);
        if (row->row.whole) {   // what Scorer::score_whole relies on
          for (double x : row->row.items) CHECK((std::isnan(x) || x == std::trunc(x)));
          ++whole;
        }
      }
      CHECK(fast.invalid_cells() == 0);
    }
  }
  // Both outcomes occur, so neither half of the check is empty.
  CHECK(taken > 500);
  CHECK(whole > 500);
  CHECK(declined > 500);
}

TEST_CASE("ResponseReader reads plain and quoted lines alike, with invalid cells counted once") {
  const std::string text = with_header("r1,2,1,a,3,4,x\n\"r2\",2,1,\"b\",3,4,x\nr3,7,1,c,3,4,x\r\nr4,2,1,d,3,4,x\n");
  auto source = CsvReader::from_string(text, "d.csv");
  ResponseReader reader(four_items(), *source, options_with({}, InvalidPolicy::missing));
  ResponseRow row;
  std::vector<std::string> ids;
  while (reader.next(row)) ids.emplace_back(row.texts.front());
  CHECK(ids == std::vector<std::string>{"r1", "r2", "r3", "r4"});
  CHECK(reader.invalid_cells() == 1);
  CHECK(reader.invalid_cells_summary().find("d.csv:4:4") != std::string::npos);
}

TEST_CASE("parse_line's eight-cell step agrees with parse on long runs of Likert cells") {
  // 20 items answered 1..7 in two runs (a kept note between them), or in an order whose slots
  // are not consecutive; mostly one-digit answers, with now and then a cell the step must not
  // take (empty, a missing code, out of range, two digits, a space, a quote, a CR), and the
  // delimiters the CSV reader detects.
  const Instrument twenty = load_instrument_text(R"(id: twenty
name: Twenty
version: "1"
citation: "Test."
response: {min: 1, max: 7}
items: {count: 20, column: "q{n}"}
scales:
  a: {keys: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]}
  b: {keys: [11, 12, 13, 14, 15, 16, 17, 18, 19, 20]}
)",
                                                 "twenty.yaml");
  std::vector<std::string> in_order = {"id"}, shuffled = {"id"};
  for (int i = 1; i <= 20; ++i) {
    in_order.push_back("q" + std::to_string(i));
    if (i == 10) in_order.push_back("note");
    shuffled.push_back("q" + std::to_string(i % 2 ? i + 1 : i - 1));   // q2, q1, q4, q3, ...
  }
  const std::vector<std::string> odd = {"", "9", "0", "8", "12", " 3", "\"3\"", "3\r", "3", "7"};
  std::mt19937 random(8);
  std::size_t taken = 0, all_digits = 0;
  for (const auto& header : {in_order, shuffled}) {
    for (char delimiter : {',', ';', '\t'}) {
      for (auto missing : {std::vector<std::string>{}, std::vector<std::string>{"9"},
                           std::vector<std::string>{"4"}, std::vector<std::string>{"0", "8"}}) {
        ResponseOptions options;
        options.columns.keep_columns = header == in_order ? std::vector<std::string>{"note"}
                                                          : std::vector<std::string>{};
        options.missing_codes = missing;
        options.invalid = InvalidPolicy::missing;
        ResponseParser fast(twenty, header, options, "d.csv");
        ResponseParser general(twenty, header, options, "d.csv");
        std::string head;
        for (std::size_t f = 0; f < header.size(); ++f) head += (f ? std::string(1, delimiter) : "") + header[f];
        for (int trial = 0; trial < 400; ++trial) {
          std::string line = "r" + std::to_string(trial);
          bool plain = true;
          for (std::size_t f = 1; f < header.size(); ++f) {
            std::string cell = header[f] == "note" ? "n" : std::to_string(1 + random() % 7);
            if (random() % 12 == 0) cell = odd[random() % odd.size()], plain = false;
            line += delimiter + cell;
          }
          all_digits += plain;
          const std::string text = head + "\n" + line + (random() % 3 ? "\n" : "\r\n") + "next\n";
          CAPTURE(text);
          auto row = parse_fast(fast, text);
          if (!row) continue;
          ++taken;
          const GeneralRow expected = parse_general(general, text);   // its reader holds the texts
          check_same_row(row->row, expected.row);
          CHECK(row->row.whole == std::all_of(expected.row.items.begin(), expected.row.items.end(), [](double x) {
                  return std::isnan(x) || x == std::trunc(x);
                }));
        }
      }
    }
  }
  CHECK(all_digits > 1000);
  CHECK(taken > 3000);
}

namespace {
// Checks parse_line_codes on the line after the header of `text` against parse(): when it takes
// the line, every code is that of parse()'s value (0 missing, x - base) and the texts agree;
// it declines only lines that parse_line declines or whose values are not all codes.
// Returns whether it took the line.
bool check_codes_against_parse(ResponseParser& fast, ResponseParser& general, const std::string& text, int base,
                               unsigned levels) {
  auto reader = CsvReader::from_string(text, "d.csv");
  Record header;
  REQUIRE(reader->next(header));
  const std::string_view line = reader->peek_line();
  ResponseRow row;
  std::vector<std::uint8_t> codes(general.binding().item_fields.size(), 0xEE);
  const bool taken =
      !line.empty() && fast.parse_line_codes(line, reader->delimiter(), 1, LikertCoding{base, levels}, row, codes.data());
  ResponseRow values;
  const bool values_taken = !line.empty() && fast.parse_line(line, reader->delimiter(), 1, values);
  if (!taken) {
    CHECK_FALSE((values_taken && test::all_codes(values.items, base, levels)));
    return false;
  }
  const GeneralRow expected = parse_general(general, text);
  REQUIRE(codes.size() == expected.row.items.size());
  for (std::size_t j = 0; j < codes.size(); ++j) {
    const double x = expected.row.items[j];
    CAPTURE(j);
    CHECK(static_cast<int>(codes[j]) == test::code_of(x, base));
    if (!std::isnan(x)) CHECK(x - base == static_cast<double>(codes[j]));
  }
  CHECK(row.texts == expected.row.texts);
  CHECK(row.number == 1);
  return true;
}
}  // namespace

namespace {
// Runs `body` twice: with the CPU's best SIMD level (the AVX-512 line decoder where it runs)
// and with ATTUNE_SIMD=avx512 (parse_line_codes' own loop), restoring the environment.
template <typename Body>
void with_and_without_decoder(Body body) {
  const char* before = std::getenv("ATTUNE_SIMD");
  const std::string saved = before ? before : "";
  for (const char* level : {"", "avx512"}) {
    CAPTURE(level);
    if (*level) ::setenv("ATTUNE_SIMD", level, 1);
    body();
    if (before) ::setenv("ATTUNE_SIMD", saved.c_str(), 1);
    else ::unsetenv("ATTUNE_SIMD");
  }
}
}  // namespace

TEST_CASE("parse_line_codes agrees with parse on random lines") {
  with_and_without_decoder([&] {
    const std::vector<std::string> cells = {"",  "1",  "3",  "5",  "9",   "6",   "0",   "12",  "03", "-9", " 2",
                                            "2 ", "4.0", "2,5", "a", "\"3\"", "3\r", "\"\"", "+1", "1e0", "x y", "\r"};
    std::mt19937 random(20261202);
    std::size_t taken = 0, declined = 0;
    for (auto missing : {std::vector<std::string>{}, std::vector<std::string>{"0", "-9"}}) {
      for (auto policy : {InvalidPolicy::error, InvalidPolicy::missing}) {
        ResponseParser fast(four_items(), kHeader, options_with(missing, policy), "d.csv");
        ResponseParser general(four_items(), kHeader, options_with(missing, policy), "d.csv");
        for (int trial = 0; trial < 3000; ++trial) {
          const std::size_t n = 6 + random() % 3;
          std::string line;
          for (std::size_t f = 0; f < n; ++f) line += (f ? "," : "") + cells[random() % 8 ? random() % 5 : random() % cells.size()];
          const std::string text = with_header(line + (random() % 4 ? "\n" : "\r\n") + "next,1,1,,1,1,\n");
          CAPTURE(text);
          (check_codes_against_parse(fast, general, text, 0, 5) ? taken : declined)++;
        }
      }
    }
    CHECK(taken > 500);
    CHECK(declined > 500);
  });
}

TEST_CASE("parse_line_codes: the eight-cell step, and answers that have no code") {
  with_and_without_decoder([&] {
    const Instrument twenty = load_instrument_text(R"(id: twenty
name: Twenty
version: "1"
citation: "Test."
response: {min: 1, max: 7}
items: {count: 20, column: "q{n}"}
scales:
  a: {keys: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]}
  b: {keys: [11, 12, 13, 14, 15, 16, 17, 18, 19, 20]}
)",
                                                   "twenty.yaml");
    // Items in order (runs of eight for the step) and shuffled (slots not consecutive).
    std::vector<std::string> in_order = {"id"}, shuffled = {"id"};
    for (int i = 1; i <= 20; ++i) {
      in_order.push_back("q" + std::to_string(i));
      shuffled.push_back("q" + std::to_string(i % 2 ? i + 1 : i - 1));
    }
    const std::vector<std::string> odd = {"", "9", "0", "8", "12", " 3", "\"3\"", "3\r", "3", "7", "NA"};
    std::mt19937 random(9);
    std::size_t taken = 0;
    for (const auto& header : {in_order, shuffled}) {
      for (char delimiter : {',', ';', '\t'}) {
        for (auto missing : {std::vector<std::string>{}, std::vector<std::string>{"4"}, std::vector<std::string>{"NA", "8"}}) {
          ResponseOptions options;
          options.missing_codes = missing;
          options.invalid = InvalidPolicy::missing;
          ResponseParser fast(twenty, header, options, "d.csv");
          ResponseParser general(twenty, header, options, "d.csv");
          std::string head;
          for (std::size_t f = 0; f < header.size(); ++f) head += (f ? std::string(1, delimiter) : "") + header[f];
          for (int trial = 0; trial < 400; ++trial) {
            std::string line = "r" + std::to_string(trial);
            for (std::size_t f = 1; f < header.size(); ++f)
              line += delimiter + (random() % 12 == 0 ? odd[random() % odd.size()] : std::to_string(1 + random() % 7));
            const std::string text = head + "\n" + line + (random() % 3 ? "\n" : "\r\n") + "next\n";
            CAPTURE(text);
            taken += check_codes_against_parse(fast, general, text, 0, 7);
          }
        }
      }
    }
    CHECK(taken > 2000);
    const std::vector<std::string>& header = in_order;
    // Codes that cannot hold the answers 1..7 (base 1: answer 1 would be code 0; levels 6: 7
    // would be 7 > 6) decline every line, even plain ones.
    ResponseParser fast(twenty, header, ResponseOptions{}, "d.csv");
    std::string text;
    for (std::size_t f = 0; f < header.size(); ++f) text += (f ? "," : "") + header[f];
    text += "\nr1";
    for (int i = 0; i < 20; ++i) text += "," + std::to_string(2 + i % 5);
    text += "\n";
    auto reader = CsvReader::from_string(text, "d.csv");
    Record first;
    REQUIRE(reader->next(first));
    ResponseRow row;
    std::uint8_t codes[20];
    CHECK(fast.parse_line_codes(reader->peek_line(), ',', 1, LikertCoding{0, 7}, row, codes));
    CHECK_FALSE(fast.parse_line_codes(reader->peek_line(), ',', 1, LikertCoding{1, 7}, row, codes));
    CHECK_FALSE(fast.parse_line_codes(reader->peek_line(), ',', 1, LikertCoding{0, 6}, row, codes));
  });
}

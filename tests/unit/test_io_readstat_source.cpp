#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "attune/io/readstat_source.h"
#include "test_support.h"

using namespace attune;

namespace {

const std::string kData = std::string(ATTUNE_TEST_DATA_DIR) + "/readstat/";
const std::string kExamples = std::string(ATTUNE_EXAMPLES_DIR) + "/";

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE(in);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

using Table = std::vector<std::vector<std::string>>;

// ecr-r-binary.csv, written by R (examples/make_binary_examples.R): plain, unquoted fields.
Table read_csv_twin() {
  Table table;
  std::istringstream in(slurp(kExamples + "ecr-r-binary.csv"));
  for (std::string line; std::getline(in, line);) {
    std::vector<std::string> row;
    std::size_t start = 0;
    for (std::size_t comma; (comma = line.find(',', start)) != std::string::npos; start = comma + 1)
      row.push_back(line.substr(start, comma - start));
    row.push_back(line.substr(start));
    table.push_back(row);
  }
  return table;
}

Table read_all(RecordSource& source) {
  Table table;
  Record record;
  while (source.next(record)) {
    table.emplace_back(record.fields.begin(), record.fields.end());
    CHECK(record.number == table.size());
    CHECK(record.line == table.size());
  }
  return table;
}

Error error_of(const std::string& path, InputFormat format) {
  try {
    ReadStatSource source(path, format);
    read_all(source);
  } catch (const Error& e) {
    return e;
  }
  FAIL("no error for " << path);
  return usage_error("unreachable");
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("every example file reads cell for cell as the CSV twin R wrote") {
  const Table expected = read_csv_twin();
  REQUIRE(expected.size() == 21);          // header + 20 cases
  REQUIRE(expected[0].size() == 38);       // id, weight, Q1..Q36
  const std::pair<const char*, InputFormat> files[] = {
      {"ecr-r.sav", InputFormat::sav},
      {"../tests/unit/data/readstat/ecr-r-uncompressed.sav", InputFormat::sav},
      {"ecr-r.zsav", InputFormat::zsav},
      {"ecr-r.dta", InputFormat::dta},
      {"ecr-r.sas7bdat", InputFormat::sas7bdat}};
  for (const auto& [file, format] : files) {
    for (std::size_t chunk_cells : {std::size_t{1} << 20, std::size_t{38 * 3}, std::size_t{1}}) {
      CAPTURE(file);
      CAPTURE(chunk_cells);
      ReadStatLimits limits;
      limits.chunk_cells = chunk_cells;
      ReadStatSource source(kExamples + file, format, limits);
      CHECK(source.declared_case_count() == 20);
      CHECK(source.bytes_read() == 0);
      const Table got = read_all(source);
      REQUIRE(got.size() == expected.size());
      for (std::size_t r = 0; r < got.size(); ++r) {
        REQUIRE(got[r].size() == expected[r].size());
        for (std::size_t c = 0; c < got[r].size(); ++c) {
          CAPTURE(r);
          CAPTURE(c);
          CHECK(got[r][c] == expected[r][c]);
        }
      }
      CHECK(source.bytes_read() == source.total_bytes());
      Record record;
      CHECK_FALSE(source.next(record));    // stays at the end
    }
  }
}

TEST_CASE("numbers are shortest round-trip text: strings pass through") {
  ReadStatSource source(kExamples + "ecr-r.sav", InputFormat::sav);
  Record record;
  REQUIRE(source.next(record));
  CHECK(record.fields[0] == "id");
  CHECK(record.fields[37] == "Q36");
  REQUIRE(source.next(record));
  CHECK(record.fields[0] == "R01");
  CHECK(record.fields[1] == "0.3333333333333333");
  CHECK(record.fields[2] == "7");
  CHECK(record.lines[2] == 2);      // a case's "line" is its record number
  CHECK(record.columns[2] == 0);    // binary files have no byte columns
}

TEST_CASE("SPSS user-missing codes read as empty cells and are reported per variable") {
  ReadStatSource source(kExamples + "ecr-r.sav", InputFormat::sav);
  const auto& variables = source.variables();
  REQUIRE(variables.size() == 38);
  CHECK_FALSE(variables[0].numeric);
  CHECK(variables[6].name == "Q5");
  REQUIRE(variables[6].user_missing.size() == 1);
  CHECK(variables[6].user_missing[0] == std::pair<double, double>(-99, -99));
  const Table table = read_all(source);
  CHECK(table[3][6] == "");     // case R03, Q5 was coded -99
  CHECK(table[9][13] == "");    // R09, Q12
  CHECK(table[14][21] == "");   // R14, Q20
  CHECK(table[2][4] == "");     // R02, Q3 was system-missing
  CHECK(table[4][6] == "2");    // R04, Q5 answered
}

TEST_CASE("value labels are exposed keyed by the code's cell text: cells keep the code") {
  SUBCASE("SPSS") {
    ReadStatSource source(kExamples + "ecr-r.sav", InputFormat::sav);
    const auto& labels = source.variables()[2].value_labels;   // Q1
    CHECK(labels.size() == 3);
    CHECK(labels.at("1") == "Strongly disagree");
    CHECK(labels.at("7") == "Strongly agree");
    CHECK(labels.at("-99") == "No answer");
    CHECK(source.variables()[0].value_labels.empty());         // id
  }
  SUBCASE("Stata") {
    ReadStatSource source(kExamples + "ecr-r.dta", InputFormat::dta);
    const auto& labels = source.variables()[37].value_labels;  // Q36
    CHECK(labels.size() == 2);
    CHECK(labels.at("1") == "Strongly disagree");
    CHECK(labels.at("7") == "Strongly agree");
    const Table table = read_all(source);
    CHECK(table[1][2] == "7");                                  // R01 Q1: the code, not the label
  }
  SUBCASE("SAS keeps labels in separate catalogs: none") {
    ReadStatSource source(kExamples + "ecr-r.sas7bdat", InputFormat::sas7bdat);
    for (const auto& variable : source.variables()) CHECK(variable.value_labels.empty());
  }
}

TEST_CASE("in-memory bytes read like the file") {
  auto source = ReadStatSource::from_bytes(slurp(kExamples + "ecr-r.dta"), "mem.dta",
                                           InputFormat::dta);
  CHECK(source->name() == "mem.dta");
  CHECK(read_all(*source) == read_csv_twin());
}

TEST_CASE("a missing file is an io error naming it") {
  const Error e = error_of(kData + "no-such-file.sav", InputFormat::sav);
  CHECK(e.kind() == ErrorKind::io);
  CHECK(e.where().file == kData + "no-such-file.sav");
  CHECK(contains(e.message(), "cannot open"));
}

TEST_CASE("a file that is not what its extension says is a data error saying what it is") {
  const Error text = error_of(kData + "text-named.sav", InputFormat::sav);
  CHECK(text.kind() == ErrorKind::data);
  CHECK(text.message() == "is not an SPSS .sav file: it looks like a CSV text file");
  CHECK(contains(text.hint(), "--input-format csv"));

  const Error spss = error_of(kData + "spss-named.dta", InputFormat::dta);
  CHECK(spss.message() == "is not a Stata .dta file: it looks like an SPSS .sav file");
  CHECK(contains(spss.hint(), "--input-format sav"));

  const Error stata = error_of(kExamples + "ecr-r.dta", InputFormat::sas7bdat);
  CHECK(stata.message() == "is not a SAS .sas7bdat file: it looks like a Stata .dta file");
}

TEST_CASE("corrupt files are data errors, never crashes") {
  for (const auto& [file, format] :
       {std::pair<const char*, InputFormat>{"truncated.sav", InputFormat::sav},
        {"truncated.sas7bdat", InputFormat::sas7bdat},
        {"damaged.zsav", InputFormat::zsav}}) {
    CAPTURE(file);
    const Error e = error_of(kData + file, format);
    CHECK(e.kind() == ErrorKind::data);
    CHECK(e.where().file == kData + file);
    CHECK(contains(e.message(), "cannot be read as"));
    CHECK(contains(e.hint(), "truncated or damaged"));
  }
}

TEST_CASE("every truncation of every example is an error or reads fewer cases, never a crash") {
  for (const char* file : {"ecr-r.sav", "ecr-r.zsav", "ecr-r.dta", "ecr-r.sas7bdat"}) {
    const std::string bytes = slurp(kExamples + file);
    const InputFormat format = input_format_for_path(file);
    for (std::size_t size = 0; size < bytes.size(); size += 97) {
      CAPTURE(file);
      CAPTURE(size);
      try {
        auto source = ReadStatSource::from_bytes(bytes.substr(0, size), file, format);
        CHECK(read_all(*source).size() <= 21);
      } catch (const Error& e) {
        CHECK(e.kind() == ErrorKind::data);
      }
    }
  }
}

TEST_CASE("an empty file says so") {
  try {
    ReadStatSource::from_bytes("", "empty.sav", InputFormat::sav);
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::data);
    CHECK(std::string(e.what()) ==
          "empty.sav: is empty, not an SPSS .sav file (check that the file was fully saved or "
          "copied)");
  }
}

TEST_CASE("inputs the fuzzer found harmful now read as errors") {
  const std::string fuzz = std::string(ATTUNE_TEST_DATA_DIR) + "/../../fuzz/corpus/readstat/";
  const std::string bytes = slurp(fuzz + "regress-dta-unterminated-label-set");
  for (InputFormat format : {InputFormat::sav, InputFormat::dta, InputFormat::sas7bdat}) {
    try {
      auto source = ReadStatSource::from_bytes(bytes, "regress", format);
      read_all(*source);
    } catch (const Error& e) {
      CHECK(e.kind() == ErrorKind::data);
    }
  }
}

TEST_CASE("a csv format is refused as a usage error") {
  CHECK_THROWS_AS(ReadStatSource::from_bytes("a,b\n", "x.csv", InputFormat::csv), Error);
}

TEST_CASE("a .sav file that does not declare its case count and is cut short is an error") {
  // Its header's case count set to -1 (unknown, as the format allows): ReadStat then reads
  // until the data stop, and a cut made it lose whole 64 KiB blocks of cases quietly.
  std::string bytes = slurp(kExamples + "ecr-r.sav");
  bytes.replace(80, 4, "\xFF\xFF\xFF\xFF");
  auto whole = ReadStatSource::from_bytes(bytes, "unknown.sav", InputFormat::sav);
  CHECK(whole->declared_case_count() == -1);
  const Table all = read_all(*whole);
  for (std::size_t cut = 1; cut < 600 && cut < bytes.size(); ++cut) {
    CAPTURE(cut);
    try {
      auto source = ReadStatSource::from_bytes(bytes.substr(0, bytes.size() - cut), "unknown.sav", InputFormat::sav);
      CHECK(read_all(*source) == all);   // only a cut through the end marker's padding loses nothing
    } catch (const Error& e) {
      CHECK(e.kind() == ErrorKind::data);
      CHECK(e.message().find("truncated") != std::string::npos);
    }
  }
  auto error = test::error_of([&] {
    auto source = ReadStatSource::from_bytes(bytes.substr(0, bytes.size() - 1), "unknown.sav", InputFormat::sav);
    read_all(*source);
  });
  REQUIRE(error);
  CHECK(error->message().find("truncated") != std::string::npos);
}

TEST_CASE("a .sav file cut short that declares its case count is an error too") {
  const std::string bytes = slurp(kExamples + "ecr-r.sav");
  for (std::size_t cut : {1, 8, 100, 400}) {
    CAPTURE(cut);
    auto error = test::error_of([&] {
      auto source = ReadStatSource::from_bytes(bytes.substr(0, bytes.size() - cut), "cut.sav", InputFormat::sav);
      read_all(*source);
    });
    REQUIRE(error);
    CHECK(error->kind() == ErrorKind::data);
  }
}

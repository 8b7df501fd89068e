#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "attune/instrument/loader.h"
#include "attune/io/csv_reader.h"
#include "attune/run/quality_run.h"
#include "test_support.h"

using namespace attune;

namespace {

// Six items on 1..7, three 2-item scales (item 4 reversed), so even-odd has its 3 scales.
std::string yaml(const std::string& response) {
  return "id: q\nname: Q\nversion: \"1\"\ncitation: \"Test.\"\nresponse: " + response +
         "\nitems: {count: 6}\nscales:\n  a: {keys: [1, 2]}\n  b: {keys: [3, -4]}\n  c: {keys: [5, 6]}\n";
}

const char* kData = "pid,Q1,Q2,Q3,Q4,Q5,Q6,note\n"
                    "p1,1,2,4,2,3,3,x\n"
                    "p2,5,4,1,5,2,1,y\n"
                    "p3,2,2,3,1,5,4,z\n"
                    "p4,4,5,2,4,1,2,w\n";

// A run's first pass, and its source for the second.
struct Screened {
  std::unique_ptr<CsvReader> source;
  QualityRun run;
};

Screened screened(const std::string& response, const QualityOptions& options, const std::string& data = kData) {
  Instrument instrument = load_instrument_text(yaml(response), "q.yaml");
  auto source = CsvReader::from_string(data, "d.csv");
  QualityRun run = screen_responses(instrument, *source, options);
  return {std::move(source), std::move(run)};
}

std::string rows_of(Screened&& screened) {
  StringSink sink;
  auto writer = make_writer(Format::csv, sink);
  write_quality_rows(screened.run, *screened.source, *writer, {});
  return sink.text();
}

// Field `column` (0-based) of each data row of CSV `text` (no quoted fields).
std::vector<std::string> column_of(const std::string& text, std::size_t column) {
  std::vector<std::string> cells;
  std::size_t at = text.find('\n') + 1;
  while (at < text.size()) {
    const std::size_t end = text.find('\n', at);
    std::string line = text.substr(at, end - at);
    std::size_t start = 0;
    for (std::size_t c = 0; c < column; ++c) start = line.find(',', start) + 1;
    cells.push_back(line.substr(start, line.find(',', start) - start));
    at = end + 1;
  }
  return cells;
}

}  // namespace

TEST_CASE("--range: even-odd reverse-keys on the range's scale, as a definition of that range does") {
  QualityOptions ranged;
  ranged.range = std::pair{1.0, 5.0};
  // even_odd is column 7: pid, then longstring, longstring_avg, irv, mahalanobis d2/df/p.
  const auto on_range = column_of(rows_of(screened("{min: 1, max: 7}", ranged)), 7);
  const auto native = column_of(rows_of(screened("{min: 1, max: 5}", {})), 7);
  const auto published = column_of(rows_of(screened("{min: 1, max: 7}", {})), 7);
  REQUIRE(on_range.size() == 4);
  CHECK(on_range == native);
  CHECK(!on_range[0].empty());
  // 8 - x instead of 6 - x moves the reversed item's half: the consistency differs.
  CHECK(on_range[0] != published[0]);
}

TEST_CASE("rows carry the ids, then the --keep columns, in input order") {
  QualityOptions options;
  options.columns.id_columns = {"pid"};
  options.columns.keep_columns = {"note"};
  const std::string text = rows_of(screened("{min: 1, max: 7}", options));
  CHECK(text.rfind("pid,note,longstring,", 0) == 0);
  CHECK(text.find("\np1,x,") != std::string::npos);
  CHECK(text.find("\np4,w,") != std::string::npos);
  CHECK(text.find("\np1,x,") < text.find("\np4,w,"));
}

TEST_CASE("--invalid missing counts a bad cell as missing; by default it stops with its place") {
  const std::string bad = "pid,Q1,Q2,Q3,Q4,Q5,Q6\np1,1,9,4,2,3,3\np2,5,4,1,5,2,1\n";
  QualityOptions lenient;
  lenient.invalid = InvalidPolicy::missing;
  const QualityRun run = screened("{min: 1, max: 7}", lenient, bad).run;
  CHECK(run.invalid_cells == 1);
  CHECK(run.respondents == 2);
  CHECK(run.invalid_cells_summary.find("Q2") != std::string::npos);
  auto e = test::error_of([&] { screened("{min: 1, max: 7}", {}, bad); });
  REQUIRE(e);
  CHECK(e->where().line == 2);
}

TEST_CASE("--columns binds items named otherwise") {
  QualityOptions options;
  options.columns.pattern = "ECR_{n}";
  const std::string data = "ResponseId,ECR_1,ECR_2,ECR_3,ECR_4,ECR_5,ECR_6\nR_1,1,2,4,2,3,3\nR_2,5,4,1,5,2,1\n";
  const std::string text = rows_of(screened("{min: 1, max: 7}", options, data));
  CHECK(text.find("\nR_1,") != std::string::npos);
  CHECK(text.find("\nR_2,") != std::string::npos);
}

namespace {

// A CSV text read as a pipe is: it cannot start again.
class OnePass : public RecordSource {
 public:
  explicit OnePass(std::unique_ptr<CsvReader> inner) : inner_(std::move(inner)) {}
  bool next(Record& record) override { return inner_->next(record); }
  const std::string& name() const override { return inner_->name(); }
  std::uint64_t bytes_read() const override { return inner_->bytes_read(); }
  std::uint64_t total_bytes() const override { return 0; }
  bool delimited_text() const override { return true; }

 private:
  std::unique_ptr<CsvReader> inner_;
};

const char* kChecked = "pid,Q1,Q2,Q3,Q4,Q5,Q6,secs\n"
                       "p1,1,2,4,2,3,3,100\n"
                       ",,,,,,,\n"
                       "p2,5,4,1,5,2,1,\n"
                       "\"p\n3\",2,2,3,1,5,4,30\n"
                       "p4,4,5,2,4,1,2,250\n"
                       "p5,4,4,4,4,4,4,12\n";

}  // namespace

TEST_CASE("a source that starts again is read twice and holds nothing; one that cannot holds the rows: same rows") {
  Instrument instrument = load_instrument_text(yaml("{min: 1, max: 7}"), "q.yaml");
  QualityOptions options;
  options.columns.id_columns = {"pid"};
  options.duration_column = "secs";
  options.thresholds.duration_below = 50;
  int told = 0;
  options.holding_rows = [&] { ++told; };
  auto file = CsvReader::from_string(kChecked, "d.csv");
  QualityRun twice = screen_responses(instrument, *file, options);
  CHECK(!twice.held);
  CHECK(told == 0);
  CHECK(twice.held_input.items.empty());
  CHECK(twice.texts.empty());
  OnePass pipe(CsvReader::from_string(kChecked, "d.csv"));
  QualityRun held = screen_responses(instrument, pipe, options);
  CHECK(held.held);
  CHECK(told == 1);
  CHECK(held.held_input.items.size() == 5);
  CHECK(twice.respondents == 5);
  StringSink a, b;
  write_quality_rows(twice, *file, *make_writer(Format::csv, a), {});
  write_quality_rows(held, pipe, *make_writer(Format::csv, b), {});
  CHECK(a.text() == b.text());
  CHECK(a.text().find("\"p\n3\",") != std::string::npos);
  INFO(twice.empty_records);
  CHECK(twice.report.summary.respondents == 5);
  CHECK(twice.report.summary.duration == 2);
  CHECK(held.report.summary.duration == 2);
  CHECK(twice.empty_records.find("line(s) 3;") != std::string::npos);
}

TEST_CASE("every error comes in the first pass: a bad cell on the last row, and its line counts quoted newlines") {
  Instrument instrument = load_instrument_text(yaml("{min: 1, max: 7}"), "q.yaml");
  const std::string bad = std::string(kChecked) + "p6,1,2,3,4,5,9,1\n";
  auto e = test::error_of([&] {
    auto source = CsvReader::from_string(bad, "d.csv");
    screen_responses(instrument, *source, {});
  });
  REQUIRE(e);
  CHECK(e->where().line == 9);   // the header, 6 records (one over two lines), an empty one
  CHECK(e->where().column == 14);
}

TEST_CASE("the second pass finds the rows of the first, or says the file changed") {
  Instrument instrument = load_instrument_text(yaml("{min: 1, max: 7}"), "q.yaml");
  test::TempDir dir;
  const std::string path = dir.write("changing.csv", kData);
  CsvReader file(path);
  QualityRun run = screen_responses(instrument, file, {});
  dir.write("changing.csv", std::string(kData) + "p5,1,1,1,1,1,1,v\n");
  StringSink sink;
  auto e = test::error_of([&] { write_quality_rows(run, file, *make_writer(Format::csv, sink), {}); });
  REQUIRE(e);
  CHECK(std::string(e->what()).find("changed") != std::string::npos);
}

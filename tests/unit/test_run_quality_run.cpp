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

QualityRun screened(const std::string& response, const QualityOptions& options, const std::string& data = kData) {
  Instrument instrument = load_instrument_text(yaml(response), "q.yaml");
  auto source = CsvReader::from_string(data, "d.csv");
  return screen_responses(instrument, *source, options);
}

std::string rows_of(const QualityRun& run) {
  StringSink sink;
  auto writer = make_writer(Format::csv, sink);
  write_quality_rows(run, *writer);
  return sink.text();
}

}  // namespace

TEST_CASE("--range: even-odd reverse-keys on the range's scale, as a definition of that range does") {
  QualityOptions ranged;
  ranged.range = std::pair{1.0, 5.0};
  const QualityRun on_range = screened("{min: 1, max: 7}", ranged);
  const QualityRun native = screened("{min: 1, max: 5}", {});
  const QualityRun published = screened("{min: 1, max: 7}", {});
  REQUIRE(on_range.report.respondents.size() == 4);
  for (std::size_t r = 0; r < 4; ++r) {
    CHECK(on_range.report.respondents[r].even_odd.consistency == native.report.respondents[r].even_odd.consistency);
  }
  // 8 - x instead of 6 - x moves the reversed item's half: the consistency differs.
  CHECK(on_range.report.respondents[0].even_odd.consistency !=
        published.report.respondents[0].even_odd.consistency);
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
  const QualityRun run = screened("{min: 1, max: 7}", lenient, bad);
  CHECK(run.invalid_cells == 1);
  CHECK(run.report.respondents.size() == 2);
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

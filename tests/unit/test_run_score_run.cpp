#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "attune/instrument/loader.h"
#include "attune/io/csv_reader.h"
#include "attune/run/score_run.h"
#include "test_support.h"

using namespace attune;

namespace {

// Anxiety = mean(1, -2), avoidance = mean(3, 4) on 1..5 (midpoint 3).
const char* kYaml = R"(id: run
name: Run
version: "2"
citation: "Test."
response: {min: 1, max: 5, integer: true, missing: ["NA"]}
items: {count: 4}
scales:
  anx: {keys: [1, -2]}
  avo: {keys: [3, 4]}
classification:
  dimensions: {anxiety: anx, avoidance: avo}
  default: midpoint
)";

struct Output {
  std::string text;
  ScoreReport report;
  std::vector<std::string> warnings;
};

Output run(const std::string& csv, const ScoreOptions& options = {}) {
  Instrument instrument = load_instrument_text(kYaml, "run.yaml");
  auto source = CsvReader::from_string(csv, "d.csv");
  StringSink sink;
  auto writer = make_writer(Format::csv, sink);
  Output out;
  ScoreHooks hooks;
  hooks.warn = [&](const std::string& w) { out.warnings.push_back(w); };
  out.report = run_score(instrument, *source, *writer, options, hooks);
  out.text = sink.text();
  return out;
}

Error run_error(const std::string& csv, const ScoreOptions& options = {}) {
  auto e = test::error_of([&] { run(csv, options); });
  REQUIRE(e);
  return *e;
}

}  // namespace

TEST_CASE("one output row per input row, in order, with ids, scores and patterns") {
  auto out = run("id,Q1,Q2,Q3,Q4\nb,5,1,1,2\na,1,5,5,4\nc,NA,,5,\n");
  CHECK(out.text == "id,anx,avo,pattern\n"
                    "b,5,1.5,preoccupied\n"   // anx (5 + 6-1)/2 = 5; avo 1.5
                    "a,1,4.5,dismissing\n"
                    "c,,5,\n");               // no anxiety items: unclassified
  CHECK(out.report.rows == 3);
  CHECK(out.report.classifier_name == "midpoint");
  CHECK(out.report.summary.stats()[0].n() == 2);
  CHECK(out.report.summary.unclassified() == 1);
}

TEST_CASE("without a summary asked for, the same rows are written and the summary stays empty") {
  const std::string csv = "id,Q1,Q2,Q3,Q4\nb,5,1,1,2\na,1,5,5,4\nc,NA,,5,\n";
  for (unsigned threads : {1u, 2u}) {
    ScoreOptions options;
    options.threads = threads;
    const auto with = run(csv, options);
    options.summary = false;
    const auto without = run(csv, options);
    CAPTURE(threads);
    CHECK(without.text == with.text);
    CHECK(with.report.summary.stats()[0].n() == 2);
    CHECK(without.report.summary.stats()[0].n() == 0);
    CHECK(without.report.summary.unclassified() == 0);
    CHECK(without.report.rows == 3);
  }
}

TEST_CASE("without an id column rows are numbered: --keep passes columns through") {
  CHECK(run("Q1,Q2,Q3,Q4\n3,3,3,3\n5,1,5,5\n").text == "row,anx,avo,pattern\n1,3,3,secure\n2,5,5,fearful\n");
  ScoreOptions options;
  options.columns.keep_columns = {"group"};
  options.classify = false;
  CHECK(run("group,ID,Q1,Q2,Q3,Q4\n\"x,y\",p1,3,3,3,3\n", options).text == "ID,group,anx,avo\np1,\"x,y\",3,3\n");
}

TEST_CASE("a row with another number of fields than the header is an error at its line") {
  Error e = run_error("id,Q1,Q2,Q3,Q4\na,1,1,1,1\n\nb,1,1,1\n");
  CHECK(e.kind() == ErrorKind::data);
  CHECK(e.where().to_string() == "d.csv:4:1");
  CHECK(e.message() == "this row has 4 fields but the header has 5");
}

TEST_CASE("an invalid value is an error at file:line:col with a hint") {
  Error e = run_error("id,Q1,Q2,Q3,Q4\na,1,1,1,1\nb,1,9,1,1\n");
  CHECK(e.kind() == ErrorKind::data);
  CHECK(e.where().to_string() == "d.csv:3:5");
  CHECK(e.message() == "column \"Q2\": value \"9\" is out of range 1..5");
  CHECK(e.hint().rfind("if 9 means no answer, add --missing 9", 0) == 0);
}

TEST_CASE("--invalid missing counts the cells and warns once through the hooks") {
  ScoreOptions options;
  options.invalid = InvalidPolicy::missing;
  auto out = run("id,Q1,Q2,Q3,Q4\na,x,1,1,1\nb,1,9,1,7\n", options);
  CHECK(out.report.invalid_cells == 3);
  CHECK(out.text == "id,anx,avo,pattern\na,5,1,preoccupied\nb,1,1,secure\n");
  REQUIRE(out.warnings.size() == 1);
  CHECK(out.warnings[0] == "3 invalid cell(s) counted as missing (--invalid missing): Q1 1, Q2 1, Q4 1; the first: "
                           "d.csv:2:3: column \"Q1\": value \"x\" is not a number");
}

TEST_CASE("--provenance adds the version, instrument id, version and hash") {
  ScoreOptions options;
  options.provenance = true;
  options.classify = false;
  Instrument instrument = load_instrument_text(kYaml, "run.yaml");
  auto out = run("Q1,Q2,Q3,Q4\n1,1,1,1\n", options);
  CHECK(out.text == "row,anx,avo,attune_version,instrument,instrument_version,instrument_sha256\n1,3,1," +
                        std::string(ATTUNE_VERSION) + ",run,2," + instrument.sha256 + "\n");
}

TEST_CASE("median classification holds every row, then classifies against the sample medians") {
  ScoreOptions options;
  options.classifier.method = "median";
  // anx: 1, 2, 3, 5 (median 2.5); avo: 1, 2, 4, 5 (median 3).
  auto out = run("id,Q1,Q2,Q3,Q4\np,1,5,1,1\nq,2,4,2,2\nr,3,3,4,4\ns,5,1,5,5\n", options);
  CHECK(out.text == "id,anx,avo,pattern\np,1,1,secure\nq,2,2,secure\nr,3,4,fearful\ns,5,5,fearful\n");
  CHECK(out.report.classifier_name == "median");
  CHECK(out.report.classifier_parameters[0].second == "2.5");
  CHECK(out.report.classifier_parameters[1].second == "3");
}

TEST_CASE("--impute mean fills missing items with item means before scoring") {
  ScoreOptions options;
  options.impute = Impute::mean;
  options.classify = false;
  // Q1 mean over answered = (1 + 4) / 2 = 2.5; row c's Q1 is imputed.
  auto out = run("id,Q1,Q2,Q3,Q4\na,1,1,1,1\nb,4,2,3,3\nc,,3,5,5\n", options);
  CHECK(out.text == "id,anx,avo\na,3,1\nb,4,3\nc,2.75,5\n");   // c: (2.5 + 6-3) / 2
  // An imputed cell does not count toward min_valid.
  options.scoring.min_valid = MinValid{false, 2};
  CHECK(run("id,Q1,Q2,Q3,Q4\na,1,1,1,1\nb,4,2,3,3\nc,,3,5,5\n", options).text ==
        "id,anx,avo\na,3,1\nb,4,3\nc,,5\n");
}

TEST_CASE("--range changes the response scale (reverse keying, validity, midpoint)") {
  ScoreOptions options;
  options.range = std::pair<double, double>{0, 10};
  Instrument instrument = load_instrument_text(kYaml, "run.yaml");
  CHECK(effective_scale(instrument, options).max == 10);
  CHECK(run("Q1,Q2,Q3,Q4\n6,10,0,9\n", options).text == "row,anx,avo,pattern\n1,3,4.5,secure\n");
}

TEST_CASE("empty input is an error: a header alone gives no rows") {
  Error e = run_error("");
  CHECK(e.kind() == ErrorKind::data);
  CHECK(e.message() == "the input is empty: no header row");
  auto out = run("id,Q1,Q2,Q3,Q4\n");
  CHECK(out.text == "id,anx,avo,pattern\n");
  CHECK(out.report.rows == 0);
}

TEST_CASE("rows read as codes and rows read as values (a fraction, a missing code, a quote) score alike") {
  // A range that is not integer: "2.5" is an answer, which has no code, so its line is read as
  // values; the others as codes. Both on one thread and on two.
  const char* yaml = R"(id: half
name: Half
version: "1"
citation: "Test."
response: {min: 1, max: 5, integer: false, missing: ["NA"]}
items: {count: 4}
scales:
  anx: {keys: [1, -2]}
  avo: {keys: [3, 4]}
)";
  const std::string csv = "id,Q1,Q2,Q3,Q4\na,1,5,2,4\nb,2.5,1,,5\nc,NA,3,3,3\n\"d\",4,4,1,2\ne,,,,\n";
  for (unsigned threads : {1u, 2u}) {
    CAPTURE(threads);
    Instrument instrument = load_instrument_text(yaml, "half.yaml");
    auto source = CsvReader::from_string(csv, "d.csv");
    StringSink sink;
    auto writer = make_writer(Format::csv, sink);
    ScoreOptions options;
    options.threads = threads;
    run_score(instrument, *source, *writer, options, {});
    CHECK(sink.text() == "id,anx,avo\na,1,3\nb,3.75,5\nc,3,3\nd,3,1.5\ne,,\n");
  }
}

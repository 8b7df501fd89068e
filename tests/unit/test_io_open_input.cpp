#include <doctest/doctest.h>

#include <string>

#include "attune/io/open_input.h"
#include "attune/io/readstat_source.h"

using namespace attune;

namespace {

const std::string kData = std::string(ATTUNE_TEST_DATA_DIR) + "/readstat/";
const std::string kExamples = std::string(ATTUNE_EXAMPLES_DIR) + "/";

Error error_of(const std::string& path, std::string_view format) {
  try {
    open_record_source(path, format);
  } catch (const Error& e) {
    return e;
  }
  FAIL("no error for " << path);
  return usage_error("unreachable");
}

}  // namespace

TEST_CASE("the extension picks the reader: an explicit format overrides it") {
  for (const char* file : {"ecr-r.sav", "ecr-r.zsav", "ecr-r.dta", "ecr-r.sas7bdat"}) {
    CAPTURE(file);
    auto source = open_record_source(kExamples + file);
    CHECK(dynamic_cast<ReadStatSource*>(source.get()) != nullptr);
    Record header;
    REQUIRE(source->next(header));
    CHECK(header.size() == 38);
  }
  // A Stata file under a SPSS name reads when the format is given.
  auto source = open_record_source(kData + "spss-named.dta", "sav");
  CHECK(dynamic_cast<ReadStatSource*>(source.get()) != nullptr);
  auto automatic = open_record_source(kExamples + "ecr-r.dta", "auto");
  CHECK(dynamic_cast<ReadStatSource*>(automatic.get()) != nullptr);
}

TEST_CASE("unknown formats and binary formats on standard input are usage errors") {
  const Error unknown = error_of(kExamples + "ecr-r.sav", "xlsx");
  CHECK(unknown.kind() == ErrorKind::usage);
  CHECK(unknown.message() == "unknown input format \"xlsx\"");
  const Error piped = error_of("-", "sav");
  CHECK(piped.kind() == ErrorKind::usage);
  CHECK(piped.message() == "cannot read an SPSS .sav file from standard input");
}

TEST_CASE("a binary data set read as CSV says what it is") {
  const Error e = error_of(kExamples + "ecr-r.sas7bdat", "csv");
  CHECK(e.kind() == ErrorKind::data);
  CHECK(e.message() == "is not a CSV text file: it looks like a SAS .sas7bdat file");
  CHECK(e.hint() == "give it a .sas7bdat extension or pass --input-format sas7bdat");
  CHECK(error_of(kData + "text-named.sav", {}).message() ==
        "is not an SPSS .sav file: it looks like a CSV text file");
}

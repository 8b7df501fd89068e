#include <doctest/doctest.h>

#include <string>

#include <unistd.h>

#include "attune/io/same_file.h"
#include "test_support.h"

using namespace attune;

TEST_CASE("an output that is an input (by name, symbolic or hard link) is a usage error") {
  test::TempDir dir;
  const std::string data = dir.write("data.csv", "id\n1\n");
  const std::string other = dir.write("other.csv", "x");
  const std::string symbolic = (dir.path() / "symbolic.csv").string();
  const std::string hard = (dir.path() / "hard.csv").string();
  REQUIRE(::symlink(data.c_str(), symbolic.c_str()) == 0);
  REQUIRE(::link(data.c_str(), hard.c_str()) == 0);
  for (const std::string& output : {data, symbolic, hard}) {
    CAPTURE(output);
    auto e = test::error_of([&] { refuse_output_over_inputs(output, {"", other, data}); });
    REQUIRE(e);
    CHECK(e->kind() == ErrorKind::usage);
    CHECK(e->message() == "-o " + output + " is the same file as the input " + data +
                              ": writing it would destroy the input");
  }
  CHECK_FALSE(test::error_of([&] { refuse_output_over_inputs(other, {data}); }));
  CHECK_FALSE(test::error_of([&] { refuse_output_over_inputs((dir.path() / "new.csv").string(), {data}); }));
  CHECK_FALSE(test::error_of([&] { refuse_output_over_inputs("/dev/null", {"/dev/null"}); }));   // not a file
  CHECK_FALSE(test::error_of([&] { refuse_output_over_inputs(data, {(dir.path() / "missing.csv").string()}); }));
}

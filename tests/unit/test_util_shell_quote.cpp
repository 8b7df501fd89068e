#include <doctest/doctest.h>

#include "attune/util/shell_quote.h"

using namespace attune;

TEST_CASE("plain words stay as they are") {
  CHECK(shell_quote("attune") == "attune");
  CHECK(shell_quote("--cutoff=anxiety=3.5") == "--cutoff=anxiety=3.5");
  CHECK(shell_quote("../data/ecr-r_2024.csv") == "../data/ecr-r_2024.csv");
}

TEST_CASE("words a shell would change are single-quoted") {
  CHECK(shell_quote("") == "''");
  CHECK(shell_quote("my data.csv") == "'my data.csv'");
  CHECK(shell_quote("$HOME") == "'$HOME'");
  CHECK(shell_quote("a*b") == "'a*b'");
  CHECK(shell_quote("~/x") == "'~/x'");
  CHECK(shell_quote("x;rm -rf /") == "'x;rm -rf /'");
}

TEST_CASE("a single quote is closed, escaped and reopened") {
  CHECK(shell_quote("it's") == "'it'\\''s'");
  CHECK(shell_quote("'") == "''\\'''");
}

TEST_CASE("a command joins its quoted words with spaces") {
  CHECK(shell_command({"attune", "report", "-i", "ecr-r", "my file.csv", "-o", "r.html"}) ==
        "attune report -i ecr-r 'my file.csv' -o r.html");
  CHECK(shell_command({}).empty());
}

#include <doctest/doctest.h>

#include <string>

#include "attune/io/input_format.h"

using namespace attune;

TEST_CASE("formats are named, case-insensitively") {
  CHECK(parse_input_format("SAV") == InputFormat::sav);
  CHECK(parse_input_format("zsav") == InputFormat::zsav);
  CHECK(parse_input_format("dta") == InputFormat::dta);
  CHECK(parse_input_format("sas7bdat") == InputFormat::sas7bdat);
  CHECK(parse_input_format("csv") == InputFormat::csv);
  CHECK_FALSE(parse_input_format("xlsx"));
  CHECK(input_format_name(InputFormat::sas7bdat) == "sas7bdat");
}

TEST_CASE("the extension decides, CSV otherwise") {
  CHECK(input_format_for_path("data/ECR.SAV") == InputFormat::sav);
  CHECK(input_format_for_path("a.zsav") == InputFormat::zsav);
  CHECK(input_format_for_path("a.dta") == InputFormat::dta);
  CHECK(input_format_for_path("a.sas7bdat") == InputFormat::sas7bdat);
  CHECK(input_format_for_path("a.csv") == InputFormat::csv);
  CHECK(input_format_for_path("a.tsv") == InputFormat::csv);
  CHECK(input_format_for_path("-") == InputFormat::csv);
  CHECK(same_input_family(InputFormat::sav, InputFormat::zsav));
  CHECK_FALSE(same_input_family(InputFormat::sav, InputFormat::dta));
}

TEST_CASE("magic numbers say what a file is") {
  using namespace std::string_literals;
  CHECK(sniff_input_format("$FL2@(#) IBM SPSS") == InputFormat::sav);
  CHECK(sniff_input_format("$FL3@(#) IBM SPSS") == InputFormat::zsav);
  CHECK(sniff_input_format("<stata_dta><header>") == InputFormat::dta);
  CHECK(sniff_input_format("\x72\x02\x01\x00rest"s) == InputFormat::dta);    // Stata 114
  const std::string sas = "\0\0\0\0\0\0\0\0\0\0\0\0\xc2\xea\x81\x60\xb3\x14\x11\xcf"
                          "\xbd\x92\x08\x00\x09\xc7\x31\x8c\x18\x1f\x10\x11"s;
  CHECK(sniff_input_format(sas) == InputFormat::sas7bdat);
  CHECK(sniff_input_format("id,Q1,Q2\n1,2,3\n") == InputFormat::csv);
  CHECK_FALSE(sniff_input_format("PK\x03\x04\0\0"s));
  CHECK_FALSE(sniff_input_format(""));
}

// The names of a command's output columns, checked before the first row: a name twice would
// be a duplicate CSV column (read.csv renames it, pandas too) and a duplicate JSON key (most
// readers keep the last), so one of the two values would be lost or misread.
#pragma once

#include <string>
#include <vector>

#include "attune/io/record_writer.h"

namespace attune {

// An output column and where it comes from, said as a reader would ("the id column",
// "a --keep column", "ecr-r's score"), for the error that names a clash.
struct OutputColumn {
  Column column;
  std::string origin;
};

// The columns, in order; throws a usage error naming the first name that appears twice, both
// places it came from and what to do, when two columns share a name (exactly: JSON keys and R
// names are case-sensitive).
std::vector<Column> unique_output_columns(const std::vector<OutputColumn>& columns);

}  // namespace attune

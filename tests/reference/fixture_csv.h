// Reads the CSV fixtures the R scripts in tests/reference/ wrote: cells split at commas, R's
// quotes around a cell taken off, a trailing comma kept as an empty last cell; and R's numbers.
#pragma once

#include <doctest/doctest.h>

#include <cmath>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace attune::reference {

// Every line of the CSV file at `path` as its cells, header line included.
inline std::vector<std::vector<std::string>> read_csv_cells(const std::string& path) {
  std::ifstream in(path);
  REQUIRE_MESSAGE(in.good(), "cannot open " << path);
  std::vector<std::vector<std::string>> rows;
  std::string line;
  while (std::getline(in, line)) {
    std::vector<std::string> cells;
    std::stringstream ss(line);
    std::string cell;
    while (std::getline(ss, cell, ',')) {
      if (cell.size() >= 2 && cell.front() == '"') cell = cell.substr(1, cell.size() - 2);
      cells.push_back(cell);
    }
    if (!line.empty() && line.back() == ',') cells.emplace_back();
    rows.push_back(cells);
  }
  return rows;
}

// A cell as R wrote the number: empty or NA is NaN, Inf and -Inf are infinities.
inline double csv_number(const std::string& text) {
  if (text.empty() || text == "NA") return std::nan("");
  if (text == "Inf") return INFINITY;
  if (text == "-Inf") return -INFINITY;
  return std::stod(text);
}

}  // namespace attune::reference

#include "attune/scoring/imputer.h"

#include <algorithm>
#include <cmath>

namespace attune {

std::optional<Impute> parse_impute(std::string_view text) {
  if (text == "none") return Impute::none;
  if (text == "mean") return Impute::mean;
  if (text == "median") return Impute::median;
  return std::nullopt;
}

// psych::scoreItems impute: colMeans(items, na.rm = TRUE) or apply(items, 2, median, na.rm = TRUE).
std::vector<double> item_centres(std::span<const double> matrix, std::size_t cols, Impute how) {
  std::vector<double> centres(cols, NAN);
  if (how == Impute::none || cols == 0) return centres;
  std::size_t rows = matrix.size() / cols;
  std::vector<double> column;
  for (std::size_t j = 0; j < cols; ++j) {
    column.clear();
    for (std::size_t i = 0; i < rows; ++i) {
      double v = matrix[i * cols + j];
      if (!std::isnan(v)) column.push_back(v);
    }
    if (column.empty()) continue;
    if (how == Impute::mean) {
      // R's colMeans: a long double sum divided by the count.
      long double sum = 0;
      for (double v : column) sum += v;
      centres[j] = static_cast<double>(sum / static_cast<long double>(column.size()));
    } else {
      std::size_t n = column.size(), half = n / 2;
      std::nth_element(column.begin(), column.begin() + static_cast<std::ptrdiff_t>(half), column.end());
      double upper = column[half];
      if (n % 2 == 1) {
        centres[j] = upper;
      } else {
        double lower = *std::max_element(column.begin(), column.begin() + static_cast<std::ptrdiff_t>(half));
        centres[j] = (lower + upper) / 2;
      }
    }
  }
  return centres;
}

void impute_row(std::span<double> items, std::span<const double> centres) {
  for (std::size_t j = 0; j < items.size() && j < centres.size(); ++j) {
    if (std::isnan(items[j])) items[j] = centres[j];
  }
}

}  // namespace attune

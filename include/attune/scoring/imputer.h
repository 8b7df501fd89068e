// Item-level imputation before scoring, as psych::scoreItems(impute = "mean" | "median").
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace attune {

enum class Impute { none, mean, median };

// "none" | "mean" | "median"; nullopt otherwise.
std::optional<Impute> parse_impute(std::string_view text);

// Per-item centres from a row-major matrix (`rows` respondents x `cols` items, NaN missing):
// the item's mean or median over its non-missing values (NaN when an item has none).
// psych::scoreItems: colMeans(items, na.rm = TRUE) / apply(items, 2, median, na.rm = TRUE).
std::vector<double> item_centres(std::span<const double> matrix, std::size_t cols, Impute how);

// Replaces each NaN in `items` by its item's centre.
void impute_row(std::span<double> items, std::span<const double> centres);

}  // namespace attune

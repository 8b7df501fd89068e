# Fixtures for attune's polychoric / tetrachoric correlations (include/attune/stats/polychoric.h),
# produced by R psych (psych::polychoric, psych::tetrachoric with their defaults: global = TRUE,
# correct = 0.5, smooth = TRUE).
#   Rscript tests/reference/make_factor_polychoric.R
# For each set NAME writes tests/reference/factor_polychoric_NAME_data.csv (the items, empty =
# missing) and factor_polychoric_NAME_expected.csv, long: table,row,column,value with table
# rho (items x items) or tau (items x thresholds), 0-based row and column, 17 significant digits.
# Sets:
#   bfi       psychTools::bfi's 25 items, 2800 rows, answers 1..6 with missing answers
#   ecr_r     examples/ecr-r.csv's 36 items, answers 1..7
#   ecr_r_local all 36 items of examples/ecr-r.csv (40 rows): Q16's highest answer is 6, so psych
#             sets global = FALSE (each pair's own thresholds) and, with its default correct = 0.5,
#             fails on every shipped 7-category example (a corrected cumulative proportion above 1
#             gives qnorm NaN, then sadmvn stops): made with correct = 0
#   ecr_r     the same without Q16: 35 items, all reaching 7, global thresholds (Q36's lowest is 2)
#   bfi_capped the first 400 rows of bfi's A and C items with A1 capped at 5: global = FALSE and
#             correct = 0.5 added (as correct / n) to the empty cells of each pair's table
#   bfi_tetra bfi's 25 items dichotomised (answer >= 4), missing kept: psych::tetrachoric
#   bfi_tetra_small the first 60 rows of bfi's first 10 items dichotomised at 6 (rare): 20 pairs
#             with an empty cell, which gets correct = 0.5; the matrix is then smoothed
suppressPackageStartupMessages({ library(psych); library(psychTools) })
out_dir <- "tests/reference"
fmt <- function(v) ifelse(is.na(v), "NA", trimws(formatC(v, digits = 17, format = "g")))

write_set <- function(name, x, result) {
  write.csv(x, file.path(out_dir, paste0("factor_polychoric_", name, "_data.csv")), row.names = FALSE, na = "")
  rows <- list()
  add <- function(table, m) {
    m <- as.matrix(m)
    for (i in seq_len(nrow(m))) for (j in seq_len(ncol(m)))
      rows[[length(rows) + 1]] <<- data.frame(table = table, row = i - 1, column = j - 1, value = fmt(m[i, j]))
  }
  add("rho", result$rho)
  add("tau", result$tau)
  write.csv(do.call(rbind, rows), file.path(out_dir, paste0("factor_polychoric_", name, "_expected.csv")),
            row.names = FALSE, quote = FALSE)
}

quietly <- function(expr) suppressWarnings(suppressMessages(expr))

bfi_items <- as.matrix(psychTools::bfi[, 1:25])
write_set("bfi", bfi_items, quietly(polychoric(bfi_items)))

ecr <- read.csv("examples/ecr-r.csv")
ecr_items <- as.matrix(ecr[, -1])
write_set("ecr_r_local", ecr_items, quietly(polychoric(ecr_items, correct = 0)))
ecr_global <- ecr_items[, colnames(ecr_items) != "Q16"]
write_set("ecr_r", ecr_global, quietly(polychoric(ecr_global)))

capped <- bfi_items[1:400, 1:10]
capped[, "A1"] <- pmin(capped[, "A1"], 5)
write_set("bfi_capped", capped, quietly(polychoric(capped)))

dich <- ifelse(bfi_items >= 4, 1, 0)
write_set("bfi_tetra", dich, quietly(tetrachoric(dich)))
tiny <- ifelse(bfi_items[1:60, 1:10] >= 6, 1, 0)
write_set("bfi_tetra_small", tiny, quietly(tetrachoric(tiny)))

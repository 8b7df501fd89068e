# Fixtures for attune's parallel analysis (include/attune/stats/parallel_analysis.h), produced
# by psych::fa.parallel (fm = "minres", fa = "both", SMC = FALSE, quant = 0.95) on psychTools::bfi's
# 25 items (the data are tests/reference/factor_polychoric_bfi_data.csv, which
# make_factor_polychoric.R writes).
#   Rscript tests/reference/make_factor_parallel.R
# Writes tests/reference/factor_parallel_bfi_expected.csv: table,row,column,value (0-based row).
#   pc.values, fa.values  observed, deterministic (eigen(cor(x, use = "pairwise")), fa(r, 1)$values)
#   nfact, ncomp          psych's suggestion with n.iter = 20 and set.seed(1) (random; stable on
#                         bfi: the same in each of 10 seeds, see `stable` rows)
#   pc.sim, fa.sim, pc.simr, fa.simr  means over n.iter = 200 (seed 1), with their per-iteration
#                         sd in `*.sd` rows: a test compares attune's means within k sd / sqrt(n)
suppressPackageStartupMessages({ library(psych); library(psychTools) })
out_dir <- "tests/reference"
fmt <- function(v) ifelse(is.na(v), "NA", trimws(formatC(v, digits = 17, format = "g")))
x <- as.matrix(psychTools::bfi[, 1:25])
rows <- list()
add <- function(table, v) for (i in seq_along(v))
  rows[[length(rows) + 1]] <<- data.frame(table = table, row = i - 1, column = 0, value = fmt(v[i]))
quiet <- function(expr) suppressWarnings(suppressMessages({ out <- NULL; invisible(capture.output(out <- expr)); out }))
set.seed(1)
p20 <- quiet(fa.parallel(x, n.iter = 20, plot = FALSE))
add("pc.values", p20$pc.values)
add("fa.values", p20$fa.values)
add("nfact", p20$nfact)
add("ncomp", p20$ncomp)
suggested <- sapply(2:11, function(s) { set.seed(s); p <- quiet(fa.parallel(x, n.iter = 20, plot = FALSE)); c(p$nfact, p$ncomp) })
add("stable", as.numeric(all(suggested[1, ] == p20$nfact) && all(suggested[2, ] == p20$ncomp)))
set.seed(1)
p200 <- quiet(fa.parallel(x, n.iter = 200, plot = FALSE))
k <- ncol(x)
v <- p200$values   # per iteration: resampled C, F, simulated C, F
add("pc.simr", p200$pc.simr); add("pc.simr.sd", apply(v[, 1:k], 2, sd))
add("fa.simr", p200$fa.simr); add("fa.simr.sd", apply(v[, k + 1:k], 2, sd))
add("pc.sim", p200$pc.sim); add("pc.sim.sd", apply(v[, 2 * k + 1:k], 2, sd))
add("fa.sim", p200$fa.sim); add("fa.sim.sd", apply(v[, 3 * k + 1:k], 2, sd))
write.csv(do.call(rbind, rows), file.path(out_dir, "factor_parallel_bfi_expected.csv"), row.names = FALSE, quote = FALSE)

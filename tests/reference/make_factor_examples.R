# Fixtures for `attune factor` end to end on shipped examples not in the other factor fixtures
# (the CLI case factor-examples-match-psych compares attune's JSON with them to 1e-6).
#   Rscript tests/reference/make_factor_examples.R
# Each example: the items attune factor analyses (the instrument's keyed items, raw, in item
# order), psych::fa(x, nfactors = number of scales, fm = "minres", rotate = "oblimin") on the raw
# answers (Pearson, pairwise complete; with missing answers psych weights the empirical chi
# square and rms by the pair counts, as attune does), attune's defaults, and psych::KMO. psych orders the
# factors by variance accounted for and makes each factor's loadings sum positive, as attune does,
# so the columns compare in order (attune names them MR1.. in that order).
# Writes tests/reference/factor_examples_expected.csv: example,table,row,column,value (row: the
# item's name, or 0; column 0-based).
suppressPackageStartupMessages({ library(psych); library(GPArotation) })
out_dir <- "tests/reference"
fmt <- function(v) ifelse(is.na(v), "NA", trimws(formatC(v, digits = 17, format = "g")))
examples <- list(
  aas = list(items = sprintf("Q%d", 1:18), k = 3),
  ecr = list(items = sprintf("Q%d", 1:36), k = 2),
  `ecr-s` = list(items = sprintf("Q%d", 1:12), k = 2),
  rsq = list(items = sprintf("Q%d", c(1, 2, 3, 5, 6, 8, 9, 10, 12, 15, 16, 19, 22, 24, 25, 26, 28)), k = 4))
rows <- list()
add <- function(ex, table, row, column, value) {
  rows[[length(rows) + 1]] <<- data.frame(example = ex, table = table, row = row, column = column,
                                          value = fmt(as.numeric(value)))
}
for (ex in names(examples)) {
  e <- examples[[ex]]
  x <- read.csv(file.path("examples", paste0(ex, ".csv")))[, e$items]
  r <- cor(x, use = "pairwise")
  f <- suppressWarnings(suppressMessages(fa(x, e$k, fm = "minres", rotate = "oblimin")))
  L <- unclass(f$loadings)
  for (i in seq_len(nrow(L))) for (j in seq_len(ncol(L))) add(ex, "loadings", e$items[i], j - 1, L[i, j])
  for (i in seq_along(e$items)) {
    add(ex, "h2", e$items[i], 0, f$communality[i])
    add(ex, "u2", e$items[i], 0, f$uniquenesses[i])
    add(ex, "com", e$items[i], 0, f$complexity[i])
  }
  for (i in seq_len(e$k)) for (j in seq_len(e$k)) add(ex, "Phi", i - 1, j - 1, f$Phi[i, j])
  for (i in seq_along(f$values)) add(ex, "values", 0, i - 1, f$values[i])
  for (i in seq_along(f$e.values)) add(ex, "e.values", 0, i - 1, f$e.values[i])
  for (nm in c("dof", "objective", "STATISTIC", "PVAL", "chi", "EPVAL", "null.model", "null.dof", "null.chisq",
               "TLI", "BIC", "SABIC", "EBIC", "ESABIC", "rms", "crms", "fit", "fit.off"))
    add(ex, "fit", 0, nm, if (is.null(f[[nm]])) NA else f[[nm]])
  for (i in 1:3) add(ex, "fit", 0, c("RMSEA", "RMSEA.lower", "RMSEA.upper")[i], f$RMSEA[i])
  kmo <- tryCatch(suppressWarnings(KMO(r)), error = function(err) NULL)
  if (!is.null(kmo)) add(ex, "KMO", 0, "MSA", kmo$MSA)
}
write.csv(do.call(rbind, rows), file.path(out_dir, "factor_examples_expected.csv"), row.names = FALSE, quote = FALSE)

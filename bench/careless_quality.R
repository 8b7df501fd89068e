# careless_quality.R: the R peer of `attune quality` in the benchmark harness (bench/run).
#
#   Rscript bench/careless_quality.R INPUT.csv OUTPUT.csv
#
# Reads the harness's ECR-R file (fread) and computes, per respondent, the indices of the R
# package careless (Yentes & Wilhelm; github.com/ryentes/careless, R/longstring.R, irv.R,
# mahad.R, evenodd.R, psychsyn.R; CRAN 1.2.2), written out here from those published functions
# so that the package need not be installed:
#   longstring  careless::longstring: the longest run of identical consecutive answers (rle)
#   irv         careless::irv: apply(x, 1, sd), with na.rm = TRUE as attune
#   mahad       careless::mahad: psych::outlier(x, plot = FALSE, bad = 0, na.rm = TRUE)
#   evenodd     careless::evenodd(x, factors): per person and factor, the means of the even
#               and odd items, correlated across factors, Spearman-Brown corrected (attune's
#               sign; careless >= 1.2.1 negates it). ECR-R's two factors of 18 items.
#   psychsyn    careless::psychsyn(x, .60, resample_na = FALSE): the item pairs correlating
#               above .60 in the sample, correlated within each person
# Timing is the point; the values are written for a look, not compared (attune's definitions,
# src/quality/DEFINITIONS.md, differ where documented: NA rules, even-odd's sign).

suppressPackageStartupMessages({
  library(data.table)
  library(psych)
})

args <- commandArgs(trailingOnly = TRUE)
if (length(args) != 2) stop("usage: Rscript careless_quality.R INPUT.csv OUTPUT.csv")

responses <- fread(args[1], sep = ",", header = TRUE, na.strings = "")
ids <- responses[["id"]]
responses[, id := NULL]
x <- as.matrix(responses)

# careless::longstring (1.2.x): the longest rle() run of each row.
longstring <- apply(x, 1, function(row) max(rle(row)$lengths))

# careless::irv
irv <- apply(x, 1, stats::sd, na.rm = TRUE)

# careless::mahad -> psych::outlier
mahad <- as.numeric(psych::outlier(x, plot = FALSE, bad = 0, na.rm = TRUE))

# careless::evenodd, factors = c(18, 18)
factors <- c(18, 18)
evenodd <- apply(x, 1, function(row) {
  f <- matrix(NA_real_, length(factors), 2)
  start <- 1
  for (j in seq_along(factors)) {
    if (j > 1) start <- start + factors[j - 1]
    s <- row[start:(start + factors[j] - 1)]
    ind <- seq_along(s)
    f[j, 1] <- mean(s[ind %% 2 == 0], na.rm = TRUE)
    f[j, 2] <- mean(s[ind %% 2 == 1], na.rm = TRUE)
  }
  val <- suppressWarnings(stats::cor(f[, 1], f[, 2], use = "pairwise.complete.obs"))
  val <- (2 * val) / (1 + val)
  if (!is.na(val) && val < -1) val <- -1
  val
})

# careless::psychsyn with resample_na = FALSE
correlations <- stats::cor(x, use = "pairwise.complete.obs")
correlations[upper.tri(correlations, diag = TRUE)] <- NA
pairs <- which(correlations > .60, arr.ind = TRUE)
psychsyn <- apply(x, 1, function(row) {
  a <- row[pairs[, 1]]
  b <- row[pairs[, 2]]
  if (sum(!(is.na(a) | is.na(b))) <= 2) return(NA_real_)
  suppressWarnings(stats::cor(a, b, use = "pairwise.complete.obs"))
})

fwrite(data.table(id = ids, longstring = longstring, irv = irv, mahad = mahad,
                  evenodd = evenodd, psychsyn = psychsyn), args[2])

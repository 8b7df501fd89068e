# Fixtures for `attune analyze` (item analysis and reliability), produced by R psych.
#   Rscript tests/reference/make_analyze_fixtures.R                 # the built-in synthetic sets
#   Rscript tests/reference/make_analyze_fixtures.R DATA.csv KEYS.csv NAME   # any data + key
#   Rscript tests/reference/make_analyze_fixtures.R bfi_openness    # psychTools::bfi Openness only
# DATA.csv: one column per item (header = item names), responses, empty or NA = missing.
# KEYS.csv: scale,column,reversed,min,max   (column = 1-based data column, reversed = 0/1).
# Writes tests/reference/analyze_NAME_{data,keys,expected}.csv. The expected file is long:
#   scale,table,row,column,value   (row = 0-based item position in the scale, 17 significant digits).
# Each scale is keyed here with min + max - x and psych::alpha is then called without keys (see the
# header of include/attune/stats/scale_key.h); scoreItems gets the signed keys, impute = "none".
suppressPackageStartupMessages(library(psych))
out_dir <- "tests/reference"
fmt <- function(v) ifelse(is.na(v), "NA", trimws(formatC(v, digits = 17, format = "g")))

expected_for <- function(x, keys) {
  rows <- list()
  add <- function(scale, table, row, column, value) {
    rows[[length(rows) + 1]] <<- data.frame(scale = scale, table = table, row = row, column = column,
                                            value = fmt(as.numeric(value)), stringsAsFactors = FALSE)
  }
  scales <- unique(keys$scale)
  for (s in scales) {
    k <- keys[keys$scale == s, ]
    keyed <- as.data.frame(x[, k$column, drop = FALSE])
    for (p in which(k$reversed == 1)) keyed[[p]] <- k$min[p] + k$max[p] - keyed[[p]]
    a <- suppressWarnings(suppressMessages({
      out <- NULL; invisible(capture.output(out <- alpha(keyed, warnings = FALSE))); out }))
    t <- a$total
    for (nm in names(t)) add(s, "total", 0, nm, t[[nm]])
    add(s, "total", 0, "var.r", a$var.r)
    add(s, "feldt", 0, "lower", a$feldt$lower.ci); add(s, "feldt", 0, "upper", a$feldt$upper.ci)
    add(s, "duhachek", 0, "lower", t$raw_alpha - 1.96 * t$ase); add(s, "duhachek", 0, "upper", t$raw_alpha + 1.96 * t$ase)
    d <- a$alpha.drop
    for (i in seq_len(nrow(d))) for (nm in names(d)) add(s, "alpha_drop", i - 1, nm, d[i, nm])
    st <- a$item.stats
    for (i in seq_len(nrow(st))) for (nm in names(st)) add(s, "item_stats", i - 1, nm, st[i, nm])
    rf <- response.frequencies(x[, k$column, drop = FALSE])
    for (i in seq_len(nrow(rf))) for (nm in colnames(rf)) add(s, "response_freq", i - 1, nm, rf[i, nm])
    pc <- suppressWarnings(principal(keyed, nfactors = 1)$loadings[, 1])
    for (i in seq_along(pc)) add(s, "pc1", i - 1, "loading", pc[i])
    # psych's mis-keying rule: the items alpha(check.keys = TRUE) reverses (1) or keeps (0).
    ck <- suppressWarnings(suppressMessages({
      out <- NULL; invisible(capture.output(out <- alpha(keyed, check.keys = TRUE, warnings = FALSE))); out }))
    reversed_by_psych <- startsWith(ck$keys[[1]], "-")
    for (i in seq_along(reversed_by_psych)) add(s, "check_keys", i - 1, "reversed", as.integer(reversed_by_psych[i]))
    sh <- suppressWarnings(splitHalf(keyed, check.keys = FALSE, brute = TRUE))
    for (nm in c("maxrb", "meanr", "minrb", "alpha", "lambda2", "lambda6", "av.r", "med.r")) add(s, "split_half", 0, nm, sh[[nm]])
    # A check that the manual keying equals psych's own: alpha(x, keys = reversed names) when
    # the observed range of the data is the declared one.
    if (any(k$reversed == 1) && min(x[, k$column], na.rm = TRUE) == k$min[1] && max(x[, k$column], na.rm = TRUE) == k$max[1]) {
      raw <- as.data.frame(x[, k$column, drop = FALSE])
      a2 <- suppressWarnings(suppressMessages({ o <- NULL; invisible(capture.output(o <- alpha(raw, keys = colnames(raw)[k$reversed == 1], warnings = FALSE))); o }))
      stopifnot(isTRUE(all.equal(unname(unlist(a2$total)), unname(unlist(a$total)), tolerance = 1e-12)))
    }
  }
  if (length(scales) >= 2) {
    km <- matrix(0, ncol(x), length(scales), dimnames = list(colnames(x), scales))
    for (s in scales) { k <- keys[keys$scale == s, ]; km[k$column, s] <- ifelse(k$reversed == 1, -1, 1) }
    used <- rowSums(abs(km)) > 0
    si <- suppressWarnings(scoreItems(km[used, , drop = FALSE], x[, used, drop = FALSE], impute = "none"))
    for (i in seq_along(scales)) {
      add(scales[i], "scale_alpha", 0, "alpha", si$alpha[1, i])
      for (j in seq_along(scales)) {
        add(scales[i], "scale_cor", j - 1, scales[j], si$cor[i, j])
        add(scales[i], "scale_corrected", j - 1, scales[j], si$corrected[i, j])
      }
    }
  }
  do.call(rbind, rows)
}

write_set <- function(x, keys, name) {
  write.csv(x, file.path(out_dir, paste0("analyze_", name, "_data.csv")), row.names = FALSE, na = "")
  write.csv(keys, file.path(out_dir, paste0("analyze_", name, "_keys.csv")), row.names = FALSE)
  e <- expected_for(x, keys)
  write.csv(e, file.path(out_dir, paste0("analyze_", name, "_expected.csv")), row.names = FALSE, quote = FALSE)
  cat("wrote", nrow(e), "expected values for", name, "\n")
}

# Set "bfi_openness": psychTools::bfi's five Openness items (2800 rows, 1..6, with missing
# answers) keyed all forward, so O2 and O5, reverse-worded in the inventory, are left unreversed:
# the case of a user who forgot two reverse keys. psych::alpha(check.keys = TRUE) reverses O2 and
# O5 only; O3's r.drop is negative although it loads +0.73 on the first component.
write_bfi_openness <- function() {
  suppressPackageStartupMessages(library(psychTools))
  x <- psychTools::bfi[, c("O1", "O2", "O3", "O4", "O5")]
  rownames(x) <- NULL
  keys <- data.frame(scale = "openness", column = 1:5, reversed = 0L, min = 1, max = 6)
  write_set(x, keys, "bfi_openness")
}

# Likert responses from a one-factor model per scale: loadings, then cut into categories.
likert <- function(n, trait, loading, categories) {
  z <- loading * trait + sqrt(1 - loading^2) * rnorm(n)
  as.integer(cut(z, breaks = c(-Inf, qnorm(seq_len(categories - 1) / categories), Inf)))
}

args <- commandArgs(trailingOnly = TRUE)
if (length(args) == 3) {
  x <- read.csv(args[1], check.names = FALSE)
  keys <- read.csv(args[2], stringsAsFactors = FALSE)
  write_set(x, keys, args[3])
} else if (length(args) == 1 && args[1] == "bfi_openness") {
  write_bfi_openness()
} else {
  set.seed(20240601)
  # Set 1 "synthetic12": 400 rows, 12 items on 1..5, ~6% missing at random plus one blank row.
  # Scale A (items 1-7): items 3 and 6 truly reversed; the key reverses 3 but NOT 6 (mis-keyed
  # on purpose). Scale B (items 8-12): item 10 truly reversed and keyed so. Scale C: items 1, 2.
  n <- 400
  f1 <- rnorm(n); f2 <- 0.4 * f1 + sqrt(1 - 0.16) * rnorm(n)
  x <- sapply(1:12, function(i) likert(n, if (i <= 7) f1 else f2, c(.7, .6, .65, .55, .6, .7, .5, .7, .6, .65, .55, .6)[i], 5))
  for (i in c(3, 6, 10)) x[, i] <- 6L - x[, i]
  x[matrix(runif(length(x)) < 0.06, n)] <- NA
  x[17, ] <- NA
  colnames(x) <- paste0("item", 1:12)
  keys <- rbind(
    data.frame(scale = "A", column = 1:7, reversed = as.integer(1:7 == 3), min = 1, max = 5),
    data.frame(scale = "B", column = 8:12, reversed = as.integer(8:12 == 10), min = 1, max = 5),
    data.frame(scale = "C", column = 1:2, reversed = 0L, min = 1, max = 5))
  write_set(as.data.frame(x), keys, "synthetic12")

  # Set 2 "synthetic36": 300 rows, two 18-item scales on 1..7 (an ECR-R-shaped layout; the
  # reversal pattern is arbitrary, not any instrument's key), 3% missing.
  n <- 300
  f1 <- rnorm(n); f2 <- 0.3 * f1 + sqrt(1 - 0.09) * rnorm(n)
  load <- rep(c(.75, .6, .7, .5, .65, .55), 6)
  x <- sapply(1:36, function(i) likert(n, if (i <= 18) f1 else f2, load[i], 7))
  rev36 <- c(9, 11, 20, 22, 26, 27, 29, 31, 33, 35)
  for (i in rev36) x[, i] <- 8L - x[, i]
  x[matrix(runif(length(x)) < 0.03, n)] <- NA
  colnames(x) <- paste0("q", 1:36)
  keys <- rbind(
    data.frame(scale = "first", column = 1:18, reversed = as.integer(1:18 %in% rev36), min = 1, max = 7),
    data.frame(scale = "second", column = 19:36, reversed = as.integer(19:36 %in% rev36), min = 1, max = 7))
  write_set(as.data.frame(x), keys, "synthetic36")
  write_bfi_openness()
}

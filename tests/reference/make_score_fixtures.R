# Reference fixtures for scale scoring: what psych::scoreItems gives for the ECR-R and ECR keys.
#
#   Rscript tests/reference/make_score_fixtures.R        # from the repository root
#
# Writes (all in tests/reference/):
#   score_input.csv                          synthetic input: id, Q1..Q36 (1-7, empty = missing)
#   score_ecrr_impute_none.csv               ECR-R key, impute = "none",   totals = FALSE (means)
#   score_ecrr_impute_mean.csv               ECR-R key, impute = "mean",   totals = FALSE
#   score_ecrr_impute_median.csv             ECR-R key, impute = "median", totals = FALSE
#   score_ecrr_impute_none_totals.csv        ECR-R key, impute = "none",   totals = TRUE (sums)
#   score_example_ecr-r_<same four>.csv      the same four for examples/ecr-r.csv, ECR-R key
#   score_example_ecr_<same four>.csv        the same four for examples/ecr.csv, ECR key
#   score_example_ecr-r_missing_4.csv        examples/ecr-r.csv with every cell "4" set to NA
#                                            first (attune's --missing 4: a code inside 1..7),
#                                            ECR-R key, impute = "none"
# Each fixture has the columns id, anxiety, avoidance. Numbers are written with 17
# significant digits (sprintf("%.17g")); a missing score (psych's NA or NaN) is an EMPTY cell.
# Deterministic: set.seed below; psych 2.2.9 was used (printed when the script runs).
#
# ---------------------------------------------------------------------------------------------
# psych::scoreItems semantics (read from the source of psych 2.2.9, print(psych::scoreItems)).
# These decide how attune imputes and scores; the fixtures below are the proof.
#
# 1. Reverse keying. A reversed item x becomes max + min - x. `min` and `max` are the
#    arguments when given (we pass min = 1, max = 7); when NULL they are min(items) and
#    max(items) over the WHOLE selected item matrix (all keyed items, all rows, na.rm = TRUE),
#    not per item. Without imputation the reversal is done per cell (neg.item <- max + min -
#    neg.item). With imputation it is done algebraically: scores <- items %*% keys (keys are
#    +1/-1/0), then each scale adds (number of reversed items) * (max + min); same value.
#
# 2. impute = "mean" / "median" (the DEFAULT of scoreItems is "median"!). Every missing cell
#    (NA) of the selected items is replaced by its item's column mean (colMeans(items,
#    na.rm = TRUE)) or column median (apply(items, 2, median, na.rm = TRUE); R's median: the
#    average of the two middle values for an even count). The centres are computed on the RAW
#    item values, i.e. BEFORE reverse keying, over ALL rows of the data (the whole sample; rows
#    are dropped first only when missing = FALSE, which we do not use). Every respondent's
#    cells are imputed, whoever they are. Because reversal is linear and the median of
#    (8 - x) is 8 - median(x), imputing before or after reversal gives the same value.
#    Scale score = sum of the (reversed) item values over ALL keyed items, divided by the
#    number of keyed items (num.item) when totals = FALSE, not divided when totals = TRUE.
#
# 3. A respondent with all items of a scale missing:
#    - impute = "none", totals = FALSE: rowMeans(..., na.rm = TRUE) of nothing = NaN
#      (written here as an empty cell: missing).
#    - impute = "none", totals = TRUE:  rowSums(..., na.rm = TRUE) of nothing = 0 (ZERO, not
#      NA), and psych warns "Specifying totals = TRUE without imputation can lead to serious
#      problems".
#    - impute = "mean" / "median": every cell was imputed, so the score is the mean (or sum)
#      of the item centres, reversed where keyed: a number, never NA. The same holds for a
#      respondent with EVERY item missing (row R150 below). attune must therefore score
#      respondents with zero answered items when imputing (min_valid 0) to match psych.
#
# 4. totals = TRUE with impute = "none": sums the AVAILABLE items only (no pro-rating): a
#    respondent with k of 18 items answered gets the sum of those k reversed values; with
#    none answered, 0 (see 3).
#
# 5. Other facts that matter for attune: items with zero variance or fewer than two values
#    (sd is 0 or NA) are DELETED from the data and the keys when delete = TRUE (the default),
#    with a warning, which changes num.item; the synthetic data here have no such item. Keys
#    given as a list of column names select and reorder the columns; cells are used as given
#    (no range check: out-of-range values are scored as they are).
# ---------------------------------------------------------------------------------------------

suppressPackageStartupMessages({
  library(psych)
  library(yaml)
})

ref_dir <- "tests/reference"
if (!dir.exists(ref_dir)) stop("run from the repository root: Rscript tests/reference/make_score_fixtures.R")
cat("psych", as.character(packageVersion("psych")), "\n")

# ---- keys: written out here, and checked against the shipped YAML definitions ----------------
ecrr_keys <- list(
  anxiety   = c(1:8, -9, 10, -11, 12:18),
  avoidance = c(19, -20, 21, -22, 23, 24, 25, -26, -27, -28, -29, -30, -31, 32, -33, -34, -35, -36))
ecr_keys <- list(
  anxiety   = c(2, 4, 6, 8, 10, 12, 14, 16, 18, 20, -22, 24, 26, 28, 30, 32, 34, 36),
  avoidance = c(1, -3, 5, 7, 9, 11, 13, -15, 17, -19, 21, 23, -25, -27, -29, -31, -33, -35))

check_yaml_keys <- function(keys, file) {
  def <- yaml::read_yaml(file)
  for (s in names(keys)) {
    if (!identical(as.numeric(def$scales[[s]]$keys), as.numeric(keys[[s]])))
      stop(file, ": scale ", s, " keys differ from this script's key")
  }
  if (!identical(names(def$scales), names(keys))) stop(file, ": scale names/order differ")
}
check_yaml_keys(ecrr_keys, "instruments/ecr-r.yaml")
check_yaml_keys(ecr_keys, "instruments/ecr.yaml")

# psych keys as column names ("Q9", "-Q9").
key_columns <- function(keys) lapply(keys, function(k) ifelse(k < 0, paste0("-Q", -k), paste0("Q", k)))

# ---- synthetic input --------------------------------------------------------------------------
set.seed(20000350)
n <- 150
n_items <- 36
anx_items <- abs(ecrr_keys$anxiety)
avo_items <- abs(ecrr_keys$avoidance)
reversed <- c(-ecrr_keys$anxiety[ecrr_keys$anxiety < 0], -ecrr_keys$avoidance[ecrr_keys$avoidance < 0])

latent_anx <- pmin(6.5, pmax(1.5, rnorm(n, 3.8, 1.2)))
latent_avo <- pmin(6.5, pmax(1.5, rnorm(n, 3.2, 1.2)))
items <- matrix(NA_real_, n, n_items, dimnames = list(NULL, paste0("Q", 1:n_items)))
for (j in 1:n_items) {
  level <- if (j %in% anx_items) latent_anx else latent_avo
  keyed <- pmin(7, pmax(1, round(level + rnorm(n, 0, 1.1))))
  items[, j] <- if (j %in% reversed) 8 - keyed else keyed
}
# About 8% of the cells missing at random.
items[matrix(runif(n * n_items) < 0.08, n, n_items)] <- NA
# Respondents with all items of one scale missing, and one with everything missing.
items[5, anx_items] <- NA
items[17, avo_items] <- NA
items[88, anx_items] <- NA
items[150, ] <- NA
# Items 2 and 20 (20 is reversed): an even number of answers whose two middle values differ,
# so their medians are averages of two values (x.5), as R's median() gives for even counts.
for (j in c(2, 20)) {
  answered <- which(!is.na(items[, j]))
  if (length(answered) %% 2 == 1) {
    items[answered[1], j] <- NA
    answered <- answered[-1]
  }
  ordered <- answered[order(items[answered, j])]
  half <- length(ordered) / 2
  items[ordered[1:half], j] <- pmin(items[ordered[1:half], j], 3)
  items[ordered[(half + 1):length(ordered)], j] <- pmax(items[ordered[(half + 1):length(ordered)], j], 4)
}
ids <- sprintf("R%03d", 1:n)

fmt_number <- function(x) ifelse(is.na(x), "", sprintf("%.17g", x))

write_input <- function(path) {
  cells <- ifelse(is.na(items), "", sprintf("%d", as.integer(items)))
  lines <- c(paste(c("id", colnames(items)), collapse = ","),
             apply(cbind(ids, cells), 1, paste, collapse = ","))
  writeLines(lines, path)
}
write_input(file.path(ref_dir, "score_input.csv"))

# ---- fixtures ---------------------------------------------------------------------------------
write_scores <- function(path, id, scores) {
  stopifnot(identical(colnames(scores), c("anxiety", "avoidance")))
  cells <- apply(scores, 2, fmt_number)
  lines <- c("id,anxiety,avoidance", paste(id, cells[, 1], cells[, 2], sep = ","))
  writeLines(lines, path)
  cat("wrote", path, "\n")
}

score_all <- function(prefix, id, data, keys) {
  kc <- key_columns(keys)
  run <- function(impute, totals) {
    res <- suppressWarnings(scoreItems(kc, data, totals = totals, impute = impute, min = 1, max = 7))
    res$scores
  }
  none <- run("none", FALSE)
  write_scores(file.path(ref_dir, paste0(prefix, "_impute_none.csv")), id, none)
  write_scores(file.path(ref_dir, paste0(prefix, "_impute_mean.csv")), id, run("mean", FALSE))
  write_scores(file.path(ref_dir, paste0(prefix, "_impute_median.csv")), id, run("median", FALSE))
  totals <- run("none", TRUE)
  write_scores(file.path(ref_dir, paste0(prefix, "_impute_none_totals.csv")), id, totals)
  invisible(list(none = none, totals = totals))
}

# Read back what was written, so the fixtures describe exactly the file the C++ test reads.
input <- read.csv(file.path(ref_dir, "score_input.csv"), colClasses = c("character", rep("numeric", n_items)))
res <- score_all("score_ecrr", input$id, input[, -1], ecrr_keys)

# Self-checks of the semantics claimed in the header (fail loudly if psych ever changes).
stopifnot(is.nan(res$none[5, "anxiety"]), is.nan(res$none[150, "avoidance"]))
stopifnot(res$totals[5, "anxiety"] == 0, res$totals[150, "anxiety"] == 0)
stopifnot(abs(res$none[1, "anxiety"] -
              mean(ifelse(anx_items %in% reversed, 8 - unlist(input[1, 1 + anx_items]),
                          unlist(input[1, 1 + anx_items])), na.rm = TRUE)) < 1e-12)
centres <- colMeans(input[, -1], na.rm = TRUE)
mean_imputed <- read.csv(file.path(ref_dir, "score_ecrr_impute_mean.csv"))
all_missing_anx <- mean(ifelse(anx_items %in% reversed, 8 - centres[anx_items], centres[anx_items]))
stopifnot(abs(mean_imputed$anxiety[150] - all_missing_anx) < 1e-12)

for (ex in list(list(file = "examples/ecr-r.csv", prefix = "score_example_ecr-r", keys = ecrr_keys),
                list(file = "examples/ecr.csv", prefix = "score_example_ecr", keys = ecr_keys))) {
  d <- read.csv(ex$file, colClasses = c("character", rep("numeric", n_items)))
  score_all(file.path(ex$prefix), d$id, d[, -1], ex$keys)
}

# A missing code that is a number inside the response range (attune score --missing 4): every
# cell "4" is no answer. psych is given the data with those cells set to NA.
d <- read.csv("examples/ecr-r.csv", colClasses = c("character", rep("numeric", n_items)))
items4 <- as.matrix(d[, -1])
items4[!is.na(items4) & items4 == 4] <- NA
missing4 <- suppressWarnings(scoreItems(key_columns(ecrr_keys), as.data.frame(items4), totals = FALSE,
                                        impute = "none", min = 1, max = 7))$scores
write_scores(file.path(ref_dir, "score_example_ecr-r_missing_4.csv"), d$id, missing4)

# Fixtures for the careless-responding indices (src/quality/). Deterministic.
# Run from the repository root:  Rscript tests/reference/make_quality_fixtures.R
#
# Data: 24 items on a 1..5 scale, 6 scales of 4 consecutive items (items 1-4, 5-8, ...); the
# 4th item of each scale is reverse-worded (raw answers correlate negatively with the other
# three); scored value = 6 - raw. Rows 1-8 straight-line, rows 9-20 answer uniformly at
# random, rows 21-24 repeat 1,2,3,4,5; the rest follow a 6-factor model.
# Two data sets: "complete" (no missing) and "missing" (about 6% of cells blank at random,
# plus row 1 all blank and row 2 with a single answer).
#
# Expected values are computed with base R (rle, sd, cor, cov, mahalanobis, pchisq) and
# psych::outlier, following the definitions documented in include/attune/quality/*.h:
#   longstring: rle() of the raw row: max and mean run length; all-blank row -> NA
#   irv: sd(row, na.rm = TRUE)
#   mahalanobis (answered items): mahalanobis(x[o], colMeans(X, na.rm)[o], cov(X, "pairwise")[o, o]),
#     df = number answered, p = pchisq(d2, df, lower.tail = FALSE)
#   mahalanobis (psych_outlier): psych::outlier(X, plot = FALSE), df = ncol(X); all-blank row -> NA
#   even-odd: per scale odd/even half means of the scored items (na.rm), scales with both
#     halves, r = cor(odd, even), consistency = 2r/(1+r) floored at -1; NA if < 3 scales
#     (careless::evenodd documents the same index with the opposite sign)
#   psychsyn/psychant: item pairs with cor(X, use = "pairwise.complete.obs") > .60 / < -.60
#     (lower triangle), per row cor() over the pairs with both answered if more than 2 pairs
set.seed(20240611)
n <- 200; n_scales <- 6; per_scale <- 4; p <- n_scales * per_scale
reversed <- rep(c(FALSE, FALSE, FALSE, TRUE), n_scales)

latent <- matrix(rnorm(n * n_scales), n, n_scales)
raw <- matrix(NA_real_, n, p)
for (j in seq_len(p)) {
  f <- (j - 1) %/% per_scale + 1
  sign <- if (reversed[j]) -1 else 1
  z <- sign * 0.9 * latent[, f] + sqrt(1 - 0.81) * rnorm(n)
  raw[, j] <- pmin(5, pmax(1, round(3 + 1.2 * z)))
}
raw[1:8, ] <- rep(c(3, 5, 1, 4, 3, 2, 5, 3), p)            # straight-liners (row i constant)
raw[9:20, ] <- sample(1:5, 12 * p, replace = TRUE)          # random responders
raw[21:24, ] <- matrix(rep_len(1:5, p), 4, p, byrow = TRUE) # 1,2,3,4,5 pattern
colnames(raw) <- sprintf("Q%d", seq_len(p))

with_missing <- raw
with_missing[matrix(runif(n * p) < 0.06, n, p)] <- NA
with_missing[1, ] <- NA
with_missing[2, -5] <- NA

num <- function(x) ifelse(is.na(x), "NA", sprintf("%.17g", x))

expected_for <- function(X) {
  scored <- X
  scored[, reversed] <- 6 - X[, reversed]
  all_blank <- apply(X, 1, function(r) all(is.na(r)))

  runs <- t(apply(X, 1, function(r) { l <- rle(r)$lengths; c(max(l), mean(l)) }))
  runs[all_blank, ] <- NA

  irv <- apply(X, 1, sd, na.rm = TRUE)

  center <- colMeans(X, na.rm = TRUE)
  S <- cov(X, use = "pairwise")
  d2 <- df <- rep(NA_real_, n)
  for (i in seq_len(n)) {
    o <- !is.na(X[i, ])
    df[i] <- sum(o)
    if (df[i] > 0) d2[i] <- mahalanobis(X[i, o], center[o], S[o, o, drop = FALSE])
  }
  d2_psych <- as.numeric(psych::outlier(X, plot = FALSE))
  d2_psych[all_blank] <- NA

  scale_of <- rep(seq_len(n_scales), each = per_scale)
  eo <- t(apply(scored, 1, function(r) {
    halves <- t(sapply(seq_len(n_scales), function(s) {
      v <- r[scale_of == s]
      c(mean(v[c(1, 3)], na.rm = TRUE), mean(v[c(2, 4)], na.rm = TRUE))
    }))
    ok <- !is.na(halves[, 1]) & !is.na(halves[, 2])
    if (sum(ok) < 3) return(c(NA, NA, sum(ok)))
    r_oe <- suppressWarnings(cor(halves[ok, 1], halves[ok, 2]))
    sb <- 2 * r_oe / (1 + r_oe)
    if (!is.na(sb) && sb < -1) sb <- -1
    c(sb, r_oe, sum(ok))
  }))

  R <- cor(X, use = "pairwise.complete.obs")
  pairs_where <- function(keep) {
    idx <- which(lower.tri(R) & keep, arr.ind = TRUE)
    idx <- idx[order(idx[, "col"], idx[, "row"]), , drop = FALSE]
    data.frame(first = idx[, "row"] - 1, second = idx[, "col"] - 1, r = R[idx])
  }
  syn_pairs <- pairs_where(!is.na(R) & R > 0.60)
  ant_pairs <- pairs_where(!is.na(R) & R < -0.60)
  within <- function(pairs) t(apply(X, 1, function(r) {
    a <- r[pairs$first + 1]; b <- r[pairs$second + 1]
    ok <- !is.na(a) & !is.na(b)
    if (sum(ok) <= 2) return(c(NA, sum(ok)))
    c(suppressWarnings(cor(a[ok], b[ok])), sum(ok))
  }))
  syn <- within(syn_pairs); ant <- within(ant_pairs)

  list(
    expected = data.frame(
      longest = num(runs[, 1]), average = num(runs[, 2]), irv = num(irv),
      d2 = num(d2), df = df, p = num(pchisq(d2, df, lower.tail = FALSE)),
      d2_psych = num(d2_psych), p_psych = num(pchisq(d2_psych, p, lower.tail = FALSE)),
      even_odd = num(eo[, 1]), even_odd_r = num(eo[, 2]), even_odd_scales = eo[, 3],
      psychsyn = num(syn[, 1]), psychsyn_pairs = syn[, 2],
      psychant = num(ant[, 1]), psychant_pairs = ant[, 2]),
    syn_pairs = transform(syn_pairs, r = num(r)),
    ant_pairs = transform(ant_pairs, r = num(r)))
}

out <- "tests/reference"
for (set in c("complete", "missing")) {
  X <- if (set == "complete") raw else with_missing
  write.csv(X, file.path(out, sprintf("quality_%s_data.csv", set)), row.names = FALSE,
            na = "")
  e <- expected_for(X)
  write.csv(e$expected, file.path(out, sprintf("quality_%s_expected.csv", set)),
            row.names = FALSE, quote = FALSE)
  write.csv(e$syn_pairs, file.path(out, sprintf("quality_%s_synonym_pairs.csv", set)),
            row.names = FALSE, quote = FALSE)
  write.csv(e$ant_pairs, file.path(out, sprintf("quality_%s_antonym_pairs.csv", set)),
            row.names = FALSE, quote = FALSE)
  cat(set, ": synonym pairs", nrow(e$syn_pairs), ", antonym pairs", nrow(e$ant_pairs), "\n")
}

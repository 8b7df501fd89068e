# Fixtures for attune's factor extraction and fit statistics (psych::fa, fm = minres / ml / pa,
# rotate = "none"; psych::factor.stats through fa), produced by R psych 2.2.9.
#   Rscript tests/reference/make_factor_extraction.R
# Data sets (each written as its correlation matrix, 17 significant digits, so that the C++
# test starts from the matrix psych started from):
#   ecr_r      examples/ecr-r.csv, items Q1..Q36 raw (not keyed: reversed items load negatively),
#              Pearson, pairwise complete (26 missing answers), n.obs = 40
#   bfi        psychTools::bfi items A1..O5 (25), Pearson, use = "pairwise", n.obs = 2800
#   two_factor tests/reference/factor_two_factor_data.csv, made here with set.seed(20261206):
#              12 items on 1..5, two factors correlating .3, loadings below, n = 500
# Writes tests/reference/factor_<set>_correlations.csv and factor_extraction_expected.csv, long:
#   set,method,nfactors,table,row,column,value   (row/column 0-based; tables: loadings, h2, u2,
#   values, e_values, fit (psych's names), error (1 when psych fails)). Set "bfi_raw": fa on
#   the raw bfi answers (fit weighted by the pair counts in factor_bfi_pair_counts.csv).
suppressPackageStartupMessages({ library(psych); library(GPArotation) })
out_dir <- "tests/reference"
fmt <- function(v) ifelse(is.na(v), "NA", trimws(formatC(v, digits = 17, format = "g")))

make_two_factor <- function() {
  set.seed(20261206)
  n <- 500
  L <- cbind(c(.8, .7, -.6, .5, .7, .4, 0, 0, .2, 0, 0, 0), c(0, 0, 0, 0, 0, 0, .75, .65, .6, -.55, .5, .45))
  phi <- matrix(c(1, .3, .3, 1), 2)
  f <- matrix(rnorm(n * 2), n) %*% chol(phi)
  u <- sqrt(pmax(1 - rowSums((L %*% phi) * L), .05))
  x <- f %*% t(L) + matrix(rnorm(n * 12), n) %*% diag(u)
  y <- pmin(pmax(round(3 + 1.1 * x), 1), 5)
  colnames(y) <- sprintf("V%02d", 1:12)
  d <- data.frame(id = sprintf("S%03d", 1:n), y)
  write.csv(d, file.path(out_dir, "factor_two_factor_data.csv"), row.names = FALSE, quote = FALSE)
  d[, -1]
}

ecr <- read.csv("examples/ecr-r.csv")[, -1]
sets <- list(
  ecr_r = list(x = ecr, kmax = 4),
  bfi = list(x = psychTools::bfi[, 1:25], kmax = 6),
  two_factor = list(x = make_two_factor(), kmax = 4))

rows <- list()
add <- function(set, method, k, table, row, column, value) {
  rows[[length(rows) + 1]] <<- data.frame(set = set, method = method, nfactors = k, table = table, row = row,
                                          column = column, value = fmt(as.numeric(value)))
}
fit_names <- c("dof", "objective", "STATISTIC", "PVAL", "chi", "EPVAL", "null.model", "null.dof", "null.chisq",
               "TLI", "BIC", "SABIC", "EBIC", "ESABIC", "rms", "crms", "fit", "fit.off")
add_fit <- function(set, method, k, f) {
  for (nm in fit_names) add(set, method, k, "fit", 0, nm, if (is.null(f[[nm]])) NA else f[[nm]])
  rm <- if (is.null(f$RMSEA)) rep(NA, 4) else f$RMSEA
  for (i in 1:4) add(set, method, k, "fit", 0, c("RMSEA", "RMSEA.lower", "RMSEA.upper", "RMSEA.confidence")[i], rm[i])
}
for (s in names(sets)) {
  x <- sets[[s]]$x
  r <- cor(x, use = "pairwise")
  n <- nrow(x)
  write.table(matrix(fmt(r), nrow(r)), file.path(out_dir, sprintf("factor_%s_correlations.csv", s)),
              sep = ",", row.names = FALSE, col.names = FALSE, quote = FALSE)
  add(s, "none", 0, "n.obs", 0, "n.obs", n)
  for (k in seq_len(sets[[s]]$kmax)) for (fm in c("minres", "ml", "pa")) {
    f <- tryCatch(suppressWarnings(suppressMessages(fa(r, k, n.obs = n, fm = fm, rotate = "none"))),
                  error = function(e) NULL)
    if (is.null(f)) { add(s, fm, k, "error", 0, "error", 1); next }
    L <- unclass(f$loadings)
    for (i in seq_len(nrow(L))) for (j in seq_len(ncol(L))) add(s, fm, k, "loadings", i - 1, j - 1, L[i, j])
    for (i in seq_along(f$communality)) add(s, fm, k, "h2", i - 1, 0, f$communality[i])
    for (i in seq_along(f$uniquenesses)) add(s, fm, k, "u2", i - 1, 0, f$uniquenesses[i])
    for (i in seq_along(f$values)) add(s, fm, k, "values", i - 1, 0, f$values[i])
    for (i in seq_along(f$e.values)) add(s, fm, k, "e_values", i - 1, 0, f$e.values[i])
    add_fit(s, fm, k, f)
  }
  # An oblique solution: fit statistics with Phi (oblimin, GPArotation), from psych's own loadings.
  f <- suppressWarnings(suppressMessages(fa(r, 2, n.obs = n, fm = "minres", rotate = "oblimin")))
  L <- unclass(f$loadings)
  for (i in seq_len(nrow(L))) for (j in seq_len(ncol(L))) add(s, "oblimin", 2, "loadings", i - 1, j - 1, L[i, j])
  for (i in 1:2) for (j in 1:2) add(s, "oblimin", 2, "Phi", i - 1, j - 1, f$Phi[i, j])
  add_fit(s, "oblimin", 2, f)
}
# psych::fa on the raw bfi answers: the fit statistics weight residuals by the pair counts
# (np.obs = pairwiseCount), written as factor_bfi_pair_counts.csv; set "bfi_raw".
bfi <- sets$bfi$x
write.table(pairwiseCount(bfi), file.path(out_dir, "factor_bfi_pair_counts.csv"), sep = ",", row.names = FALSE,
            col.names = FALSE, quote = FALSE)
add("bfi_raw", "none", 0, "n.obs", 0, "n.obs", nrow(bfi))
for (k in 1:5) for (fm in c("minres", "ml", "pa")) {
  f <- suppressWarnings(suppressMessages(fa(bfi, k, fm = fm, rotate = "none")))
  L <- unclass(f$loadings)
  for (i in seq_len(nrow(L))) for (j in seq_len(ncol(L))) add("bfi_raw", fm, k, "loadings", i - 1, j - 1, L[i, j])
  add_fit("bfi_raw", fm, k, f)
}
out <- do.call(rbind, rows)
write.csv(out, file.path(out_dir, "factor_extraction_expected.csv"), row.names = FALSE, quote = FALSE)
cat("wrote", nrow(out), "rows\n")

# omega total per scale: psych::omega(r, nfactors = 1)$omega.tot of the scale's pairwise
# correlations, and of the scale without each item (omega if dropped), written long to
# factor_omega_expected.csv: set,scale,item,value (item -1: the whole scale; items 1-based
# columns of the set's correlation file). The ECR-R scales are keyed first (8 - x for the
# reversed items), as attune analyze keys them; bfi and two_factor raw: psych's flip reverses
# the items that load negatively, so keying does not change omega.tot.
omega_tot <- function(x) {
  if (ncol(x) < 2) return(NA)
  suppressWarnings(suppressMessages({ o <- NULL; invisible(capture.output(o <- omega(cor(x, use = "pairwise"), nfactors = 1, plot = FALSE))); o$omega.tot }))
}
ecr_keys <- list(anxiety = c(1:8, -9, 10, -11, 12:18),
                 avoidance = c(19, -20, 21, -22, 23:25, -(26:31), 32, -(33:36)))
scales <- list(
  list(set = "ecr_r", x = ecr, keys = ecr_keys, min = 1, max = 7),
  list(set = "bfi", x = sets$bfi$x, keys = list(A = 1:5, C = 6:10, E = 11:15, N = 16:20, O = 21:25, A1A2 = 1:2, A1A3 = 1:3)),
  list(set = "two_factor", x = sets$two_factor$x, keys = list(F1 = 1:6, F2 = 7:12)))
orows <- list()
for (sc in scales) for (nm in names(sc$keys)) {
  k <- sc$keys[[nm]]
  x <- sc$x[, abs(k), drop = FALSE]
  for (p in which(k < 0)) x[[p]] <- sc$min + sc$max - x[[p]]
  orows[[length(orows) + 1]] <- data.frame(set = sc$set, scale = nm, item = -1, value = fmt(omega_tot(x)))
  for (p in seq_along(k))
    orows[[length(orows) + 1]] <- data.frame(set = sc$set, scale = nm, item = abs(k[p]), value = fmt(omega_tot(x[, -p, drop = FALSE])))
}
write.csv(do.call(rbind, orows), file.path(out_dir, "factor_omega_expected.csv"), row.names = FALSE, quote = FALSE)

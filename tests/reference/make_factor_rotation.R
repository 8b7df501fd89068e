# Fixtures for factor rotation and Schmid-Leiman omega (include/attune/stats/factor_rotation.h,
# omega.h), produced by R psych (fa, schmid, omega) and GPArotation (oblimin, geominQ).
#   Rscript tests/reference/make_factor_rotation.R
# Sets: "bfi" = psychTools::bfi's 25 items (pairwise correlations, missing answers), 5 factors;
#       "ecr_r" = examples/ecr-r.csv's 36 items (40 rows), 2 factors;
#       "two_factor" = tests/reference/factor_two_factor_data.csv (make_factor_extraction.R's
#       synthetic set with a known two-factor structure), 2 factors.
# Writes tests/reference/factor_rotation_SET_*.csv, plain matrices with a header, 17 significant
# digits:
#   _cor.csv                  the correlation matrix (cor(x, use = "pairwise"), as psych::fa)
#   _unrotated.csv            psych::fa(R, nfactors, rotate = "none")$loadings (minres)
#   _METHOD_loadings.csv      psych::fa(R, nfactors, rotate = METHOD)$loadings (aligned by psych)
#   _METHOD_phi.csv           its $Phi (identity written for orthogonal rotations)
#   _METHOD_rotmat.csv        its $rot.mat (psych leaves it unaligned: before the sign flips and
#                             the ordering by variance accounted for)
# and for omega, tests/reference/factor_omega_SET_NF_*.csv from psych::omega(R, nfactors = NF)
# (fm = "minres", rotate = "oblimin", flip = TRUE; factor_omega_SET_NF_FM_*.csv with fm = FM):
#   _unrotated.csv            psych::fa(R, NF, rotate = "none")$loadings, what omega starts from
#   _orthog.csv, _oblique.csv, _phi.csv, _gloading.csv   $schmid$orthog, $oblique, $phi, $gloading
#   _sl.csv                   $schmid$sl after omega's flip (g, F1*..Fk*, h2, u2, p2)
#   _key.csv                  $key (-1 = item flipped because its g loading is negative)
#   _stats.csv                name,value: omega_h, omega.lim, alpha, omega.tot, G6, ECV
#   _group.csv                $omega.group (total, general, group; rows g, F1*..Fk*)
suppressPackageStartupMessages({ library(psych); library(psychTools); library(GPArotation) })
out_dir <- "tests/reference"
fmt <- function(v) ifelse(is.na(v), "NA", trimws(formatC(v, digits = 17, format = "g")))

write_matrix <- function(m, name) {
  m <- as.matrix(unclass(m))
  cn <- colnames(m); if (is.null(cn)) cn <- paste0("V", seq_len(ncol(m)))
  lines <- c(paste(cn, collapse = ","),
             apply(m, 1, function(r) paste(fmt(as.numeric(r)), collapse = ",")))
  writeLines(lines, file.path(out_dir, name))
}

quiet <- function(expr) suppressWarnings(suppressMessages(expr))

methods <- c("none", "varimax", "promax", "oblimin", "geominQ")

write_rotations <- function(R, nfactors, set) {
  write_matrix(R, paste0("factor_rotation_", set, "_cor.csv"))
  unrot <- quiet(fa(R, nfactors = nfactors, rotate = "none"))$loadings
  write_matrix(unrot, paste0("factor_rotation_", set, "_unrotated.csv"))
  for (m in methods) {
    f <- quiet(fa(R, nfactors = nfactors, rotate = m))
    stopifnot(max(abs(quiet(fa(R, nfactors = nfactors, rotate = "none"))$loadings - unrot)) == 0)
    phi <- if (is.null(f$Phi)) diag(nfactors) else f$Phi
    rot <- if (is.null(f$rot.mat)) diag(nfactors) else f$rot.mat
    write_matrix(f$loadings, paste0("factor_rotation_", set, "_", m, "_loadings.csv"))
    write_matrix(phi, paste0("factor_rotation_", set, "_", m, "_phi.csv"))
    write_matrix(rot, paste0("factor_rotation_", set, "_", m, "_rotmat.csv"))
  }
}

write_omega <- function(R, nfactors, set, fm = "minres") {
  prefix <- paste0("factor_omega_", set, "_", nfactors, "_", if (fm == "minres") "" else paste0(fm, "_"))
  om <- quiet(omega(R, nfactors = nfactors, fm = fm, plot = FALSE))
  write_matrix(quiet(fa(R, nfactors = nfactors, fm = fm, rotate = "none"))$loadings, paste0(prefix, "unrotated.csv"))
  write_matrix(om$schmid$orthog, paste0(prefix, "orthog.csv"))
  write_matrix(om$schmid$oblique, paste0(prefix, "oblique.csv"))
  phi <- if (is.null(om$schmid$phi)) matrix(1) else om$schmid$phi
  write_matrix(phi, paste0(prefix, "phi.csv"))
  write_matrix(matrix(as.numeric(om$schmid$gloading), ncol = 1, dimnames = list(NULL, "g")),
               paste0(prefix, "gloading.csv"))
  write_matrix(om$schmid$sl, paste0(prefix, "sl.csv"))
  write_matrix(matrix(om$key, ncol = 1, dimnames = list(NULL, "key")), paste0(prefix, "key.csv"))
  stats <- c(omega_h = om$omega_h, omega.lim = om$omega.lim, alpha = om$alpha,
             omega.tot = om$omega.tot, G6 = om$G6, ECV = unname(om$ECV))
  writeLines(c("name,value", paste0(names(stats), ",", fmt(stats))), file.path(out_dir, paste0(prefix, "stats.csv")))
  write_matrix(as.matrix(om$omega.group), paste0(prefix, "group.csv"))
}

bfi_items <- psychTools::bfi[, 1:25]
R_bfi <- cor(bfi_items, use = "pairwise")
ecr <- read.csv("examples/ecr-r.csv")
R_ecr <- cor(ecr[, -1], use = "pairwise")
two <- read.csv(file.path(out_dir, "factor_two_factor_data.csv"))
R_two <- cor(two[, -1], use = "pairwise")

write_rotations(R_bfi, 5, "bfi")
write_rotations(R_ecr, 2, "ecr_r")
write_rotations(R_two, 2, "two_factor")
write_omega(R_bfi, 1, "bfi")
write_omega(R_bfi, 3, "bfi")
write_omega(R_bfi, 5, "bfi")
write_omega(R_ecr, 1, "ecr_r")
write_omega(R_ecr, 2, "ecr_r")
write_omega(R_ecr, 3, "ecr_r")
write_omega(R_bfi, 3, "bfi", fm = "ml")
write_omega(R_bfi, 3, "bfi", fm = "pa")
write_omega(R_two, 2, "two_factor")
write_omega(R_two, 3, "two_factor")

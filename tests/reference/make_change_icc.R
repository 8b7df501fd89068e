# Fixtures for attune change --retest: psych::ICC(lmer = FALSE) (Shrout & Fleiss 1979) and the
# Pearson r (cor) of two waves' scores, on synthetic panels made here with a fixed seed.
#   Rscript tests/reference/make_change_icc.R        # from the repository root
# Writes change_icc_data.csv (set, x1, x2) and change_icc_expected.csv (set, type, ICC, F,
# df1, df2, p, lower, upper, r, r_lower, r_upper: cor.test's 95% interval, Fisher's z). psych::ICC's default lmer = TRUE estimates the variance
# components by REML; attune reports the classical ANOVA forms, which is lmer = FALSE.
suppressMessages(library(psych))
set.seed(20261206)
here <- "tests/reference"
make_set <- function(name, n, retest, shift, noise) {
  t1 <- rnorm(n, 3.5, 1)
  t2 <- retest * t1 + sqrt(1 - retest^2) * rnorm(n, 0, 1) + shift + rnorm(n, 0, noise)
  data.frame(set = name, x1 = round(t1, 4), x2 = round(t2, 4))
}
data <- rbind(
  make_set("stable", 60, 0.9, 0, 0.1),
  make_set("shifted", 200, 0.7, -0.4, 0.2),
  make_set("small", 8, 0.5, 0.3, 0.5),
  make_set("weak", 40, 0.05, 0, 0.3))
expected <- do.call(rbind, lapply(split(data, factor(data$set, levels = unique(data$set))), function(d) {
  res <- ICC(d[, c("x1", "x2")], lmer = FALSE)$results
  ci <- cor.test(d$x1, d$x2)$conf.int
  data.frame(set = d$set[1], type = res$type, ICC = res$ICC, F = res$F, df1 = res$df1, df2 = res$df2,
             p = res$p, lower = res[["lower bound"]], upper = res[["upper bound"]], r = cor(d$x1, d$x2),
             r_lower = ci[1], r_upper = ci[2])
}))
write.csv(data, file.path(here, "change_icc_data.csv"), row.names = FALSE)
write.csv(expected, file.path(here, "change_icc_expected.csv"), row.names = FALSE)

# Fixtures for attune's sampling adequacy (src/stats/sampling_adequacy.cpp): psych::KMO and
# psych::cortest.bartlett on the pairwise-complete Pearson correlations of psychTools::bfi's 25
# items (2800 rows, missing answers) and of the shipped example examples/ecr-r.csv (36 items).
# Run from the repository root: Rscript tests/reference/make_factor_adequacy.R
suppressMessages({ library(psych); library(psychTools) })
out <- "tests/reference"

write_adequacy <- function(data, name) {
  r <- cor(data, use = "pairwise")
  kmo <- KMO(r)
  bart <- cortest.bartlett(r, n = nrow(data))
  rows <- rbind(
    data.frame(item = "", statistic = "MSA", value = kmo$MSA),
    data.frame(item = colnames(data), statistic = "MSAi", value = unname(kmo$MSAi)),
    data.frame(item = "", statistic = c("chisq", "df", "p.value"),
               value = c(bart$chisq, bart$df, bart$p.value)))
  write.csv(rows, file.path(out, paste0("factor_adequacy_", name, "_expected.csv")), row.names = FALSE)
}

bfi_items <- psychTools::bfi[, 1:25]
write.csv(bfi_items, file.path(out, "factor_adequacy_bfi_data.csv"), row.names = FALSE, na = "")
write_adequacy(bfi_items, "bfi")

ecr <- read.csv("examples/ecr-r.csv")   # pairwise r is not positive definite: psych gives NA/NaN
write_adequacy(ecr[, paste0("Q", 1:36)], "example_ecr_r")
ecr_s <- read.csv("examples/ecr-s.csv")
write_adequacy(ecr_s[, paste0("Q", 1:12)], "example_ecr_s")

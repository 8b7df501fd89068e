# Fixtures for `attune analyze --cor poly`: ordinal alpha and categorical omega total, by R psych.
#   Rscript tests/reference/make_analyze_poly.R
# Per scale, the items are keyed (min + max - x for reversed items), then
#   ordinal alpha  = psych::alpha(polychoric(keyed)$rho)$total$raw_alpha
#   omega total    = psych::omega(polychoric(keyed)$rho, nfactors = 1)$omega.tot
# on psychTools::bfi's five scales keyed as psychTools::bfi.keys, and on the shipped AAS example.
# Writes tests/reference/analyze_poly_NAME_{data,keys,expected}.csv (expected: scale,statistic,value).
suppressPackageStartupMessages({ library(psych); library(psychTools) })
out_dir <- "tests/reference"
fmt <- function(v) ifelse(is.na(v), "NA", trimws(formatC(v, digits = 17, format = "g")))

write_fixture <- function(name, x, keys) {
  rows <- NULL
  for (s in unique(keys$scale)) {
    k <- keys[keys$scale == s, ]
    keyed <- as.data.frame(x[, k$column, drop = FALSE])
    for (p in which(k$reversed == 1)) keyed[[p]] <- k$min[p] + k$max[p] - keyed[[p]]
    rho <- tryCatch(suppressWarnings(polychoric(keyed)$rho), error = function(e) NULL)
    if (is.null(rho)) { message(name, ": psych::polychoric fails on ", s, "; left out"); next }
    a <- suppressWarnings(suppressMessages(alpha(rho, warnings = FALSE)))$total$raw_alpha
    o <- suppressWarnings(suppressMessages(omega(rho, nfactors = 1, plot = FALSE)))$omega.tot
    rows <- rbind(rows, data.frame(scale = s, statistic = c("ordinal_alpha", "omega_tot"),
                                   value = fmt(c(a, o)), stringsAsFactors = FALSE))
  }
  write.csv(x, file.path(out_dir, paste0("analyze_poly_", name, "_data.csv")), row.names = FALSE, na = "")
  write.csv(keys, file.path(out_dir, paste0("analyze_poly_", name, "_keys.csv")), row.names = FALSE)
  write.csv(rows, file.path(out_dir, paste0("analyze_poly_", name, "_expected.csv")), row.names = FALSE, quote = FALSE)
}

# psychTools::bfi: 25 items answered 1..6, with missing answers; keys from bfi.keys.
bfi <- psychTools::bfi[, 1:25]
keys <- NULL
for (s in names(psychTools::bfi.keys)) {
  k <- psychTools::bfi.keys[[s]]
  keys <- rbind(keys, data.frame(scale = s, column = match(sub("^-", "", k), names(bfi)),
                                 reversed = as.integer(startsWith(k, "-")), min = 1, max = 6))
}
write_fixture("bfi", bfi, keys)

# The shipped AAS example (examples/aas.csv, answers 1..5; keys of instruments/aas.yaml). psych's
# polychoric fails on the shipped ECR-R example's scales (items with unequal numbers of observed
# categories: global = FALSE, then matpLower stops), so that example is not used.
aas <- read.csv("examples/aas.csv")[, paste0("Q", 1:18)]
aas_keys <- NULL
for (s in list(list("close", c(1, 6, -8, 12, -13, -17)), list("depend", c(-2, 5, -7, 14, -16, -18)),
               list("anxiety", c(3, 4, 9, 10, 11, 15)))) {
  aas_keys <- rbind(aas_keys, data.frame(scale = s[[1]], column = abs(s[[2]]), reversed = as.integer(s[[2]] < 0),
                                         min = 1, max = 5))
}
write_fixture("example_aas", aas, aas_keys)

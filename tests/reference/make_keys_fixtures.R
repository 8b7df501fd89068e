# Reference fixture for `attune score --keys`: psych::scoreItems(make.keys(...)) on a keys list.
#
#   Rscript tests/reference/make_keys_fixtures.R        # from the repository root
#
# Writes (in tests/reference/):
#   keys_small_data.csv       synthetic input: id, A1..A5, C1..C4 (1-5, NA = missing), 12 rows
#   keys_small_expected.csv   psych::scoreItems(make.keys(data, keys), min = 1, max = 5,
#                             impute = "none") scale means: id, agree, consc, overall
# The keys list keys_small.keys is read here by the grammar attune documents (keys_list.h):
# '#' starts a comment, one 'scale: item -item ...' line per scale, items separated by spaces
# or commas, a leading '-' reverses. Numbers are written with 17 significant digits; a missing
# score (psych's NaN: no item answered) is an EMPTY cell, as compare_scores.py reads it.
# Deterministic: set.seed below.
suppressPackageStartupMessages(library(psych))
cat("psych", as.character(packageVersion("psych")), "\n")
here <- "tests/reference"
set.seed(20251206)
n <- 12
items <- c(paste0("A", 1:5), paste0("C", 1:4))
data <- data.frame(id = sprintf("R%02d", 1:n))
for (item in items) data[[item]] <- sample(1:5, n, replace = TRUE)
data$A2[3] <- NA; data$C1[5] <- NA; data$C4[7] <- NA
data[9, c("C1", "C2", "C3", "C4")] <- NA          # a respondent with no consc answer
write.csv(data, file.path(here, "keys_small_data.csv"), row.names = FALSE, na = "NA")

lines <- sub("#.*$", "", readLines(file.path(here, "keys_small.keys")))
lines <- lines[grepl("\\S", lines)]
scales <- trimws(sub(":.*$", "", lines))
keys.list <- lapply(sub("^[^:]*:", "", lines), function(rest) {
  tokens <- strsplit(trimws(rest), "[[:space:],]+")[[1]]
  tokens[tokens != ""]
})
names(keys.list) <- scales
keys <- make.keys(data[, items], keys.list)
scored <- scoreItems(keys, data[, items], min = 1, max = 5, impute = "none")$scores
out <- data.frame(id = data$id)
for (s in scales) out[[s]] <- ifelse(is.na(scored[, s]), "", sprintf("%.17g", scored[, s]))
write.csv(out, file.path(here, "keys_small_expected.csv"), row.names = FALSE, quote = FALSE)

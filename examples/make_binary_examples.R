# Writes the small binary example files read through ReadStat:
#   examples/ecr-r.sav       SPSS, with user-missing code -99 and value labels
#   examples/ecr-r.zsav      the same, zlib-compressed SPSS
#   examples/ecr-r.dta       Stata 14 (-99 written as Stata's tagged missing .a)
#   examples/ecr-r.sas7bdat  SAS (-99 written as an ordinary missing value)
#   examples/ecr-r-binary.csv  the same cases as CSV, every missing answer an empty cell
#   tests/unit/data/readstat/ecr-r-uncompressed.sav  the .sav without compression
# The data are synthetic (random answers on 1..7), ECR-R-shaped: an id, a weight and Q1..Q36.
# Run from the repository root:  Rscript examples/make_binary_examples.R
# Deterministic in content (set.seed); the .sav/.zsav/.dta headers carry a creation timestamp,
# so the bytes differ from run to run while the data do not.
suppressPackageStartupMessages(library(haven))

set.seed(20240517)
n <- 20
items <- paste0("Q", 1:36)
answers <- matrix(sample(1:7, n * length(items), replace = TRUE), nrow = n,
                  dimnames = list(NULL, items))
# A few unanswered items (system-missing everywhere) ...
answers[cbind(c(2, 5, 5, 11, 17), c(3, 8, 30, 36, 1))] <- NA
# ... and a few coded "not answered" with -99 (SPSS user-missing).
user_missing <- cbind(c(3, 9, 14), c(5, 12, 20))
coded <- answers
coded[user_missing] <- -99
answered <- answers                  # what every format must read: -99 is no answer
answered[user_missing] <- NA

id <- sprintf("R%02d", 1:n)
weight <- c(1 / 3, (2:n) / 10)       # a non-integer column: 0.3333333333333333, 0.2, ...

anchors <- c("Strongly disagree" = 1, "Strongly agree" = 7)

# SPSS: -99 is a declared user-missing value; 1 and 7 carry value labels.
sav <- data.frame(id = id, weight = weight)
for (q in items) {
  sav[[q]] <- labelled_spss(as.double(coded[, q]), labels = c(anchors, "No answer" = -99),
                            na_values = -99)
}
write_sav(sav, "examples/ecr-r.sav")
write_sav(sav, "examples/ecr-r.zsav", compress = "zsav")
# Uncompressed SPSS (ReadStat seeks to a row offset here instead of decoding): for unit tests.
write_sav(sav, "tests/unit/data/readstat/ecr-r-uncompressed.sav", compress = "none")

# Stata: -99 becomes tagged missing .a; 1 and 7 carry value labels.
dta <- data.frame(id = id, weight = weight)
for (q in items) {
  x <- as.double(answered[, q])
  x[user_missing[user_missing[, 2] == match(q, items), 1]] <- tagged_na("a")
  dta[[q]] <- labelled(x, labels = anchors)
}
write_dta(dta, "examples/ecr-r.dta", version = 14)

# SAS: plain missing values (value labels live in separate SAS catalogs, not in sas7bdat).
sas <- data.frame(id = id, weight = weight)
for (q in items) sas[[q]] <- as.double(answered[, q])
suppressWarnings(write_sas(sas, "examples/ecr-r.sas7bdat"))

# The CSV twin: what each binary file must read as.
# Weights in shortest round-trip form (R's 15 significant digits would not round-trip 1/3).
csv <- data.frame(id = id, weight = c("0.3333333333333333", as.character((2:n) / 10)))
stopifnot(all(as.double(csv$weight) == weight))
for (q in items) csv[[q]] <- answered[, q]
write.csv(csv, "examples/ecr-r-binary.csv", row.names = FALSE, na = "", quote = FALSE)

# haven_score.R: the R peer of `attune score` on SPSS input in the benchmark harness (bench/run).
#
#   Rscript bench/haven_score.R INPUT.sav OUTPUT.csv   # haven::read_sav + psych::scoreItems + fwrite
#   Rscript bench/haven_score.R --write INPUT.csv OUTPUT.sav   # makes the .sav (not timed)
#
# The ECR-R key and scoring as bench/psych_score.R (impute = "none").

suppressPackageStartupMessages({
  library(data.table)
  library(haven)
  library(psych)
})

args <- commandArgs(trailingOnly = TRUE)
if (length(args) == 3 && args[1] == "--write") {
  write_sav(as.data.frame(fread(args[2], sep = ",", header = TRUE, na.strings = "")), args[3])
  quit(save = "no")
}
if (length(args) != 2) stop("usage: Rscript haven_score.R INPUT.sav OUTPUT.csv | --write INPUT.csv OUTPUT.sav")

item <- function(numbers, reversed) {
  ifelse(numbers %in% reversed, paste0("-Q", numbers), paste0("Q", numbers))
}
keys <- list(
  anxiety = item(1:18, c(9, 11)),
  avoidance = item(19:36, c(20, 22, 26:31, 33:36))
)
responses <- as.data.frame(zap_labels(read_sav(args[1])))
ids <- responses[["id"]]
responses$id <- NULL
scored <- scoreItems(keys, responses, min = 1, max = 7, impute = "none")
fwrite(data.table(id = ids, anxiety = scored$scores[, "anxiety"], avoidance = scored$scores[, "avoidance"]), args[2])

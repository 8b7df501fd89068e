# psych_score.R: the R peer of the benchmark harness (bench/run).
#
#   Rscript bench/psych_score.R score INPUT.csv OUTPUT.csv   # fread + psych::scoreItems + fwrite
#   Rscript bench/psych_score.R alpha INPUT.csv OUTPUT.csv   # fread + psych::alpha per scale
#
# The key is the ECR-R key the harness's generator writes (Fraley, Waller & Brennan 2000):
# anxiety = items 1-18 with 9 and 11 reversed; avoidance = items 19-36 with 20, 22, 26-31
# and 33-36 reversed; responses 1..7, so a reversed answer x counts as 8 - x.
# scoreItems runs with impute = "none": a scale score is the mean of the answered items.

suppressPackageStartupMessages({
  library(data.table)
  library(psych)
})

args <- commandArgs(trailingOnly = TRUE)
if (length(args) != 3 || !(args[1] %in% c("score", "alpha"))) {
  stop("usage: Rscript psych_score.R score|alpha INPUT.csv OUTPUT.csv")
}
mode <- args[1]
input <- args[2]
output <- args[3]

item <- function(numbers, reversed) {
  ifelse(numbers %in% reversed, paste0("-Q", numbers), paste0("Q", numbers))
}
keys <- list(
  anxiety = item(1:18, c(9, 11)),
  avoidance = item(19:36, c(20, 22, 26:31, 33:36))
)

responses <- fread(input, sep = ",", header = TRUE, na.strings = "")
ids <- responses[["id"]]
responses[, id := NULL]
setDF(responses)

if (mode == "score") {
  scored <- scoreItems(keys, responses, min = 1, max = 7, impute = "none")
  result <- data.table(id = ids,
                       anxiety = scored$scores[, "anxiety"],
                       avoidance = scored$scores[, "avoidance"])
  fwrite(result, output)
} else {
  rows <- lapply(names(keys), function(scale) {
    columns <- sub("^-", "", keys[[scale]])
    reversed <- columns[startsWith(keys[[scale]], "-")]
    fit <- alpha(responses[, columns], keys = reversed)
    data.table(scale = scale,
               raw_alpha = fit$total$raw_alpha,
               std_alpha = fit$total$std.alpha,
               average_r = fit$total$average_r,
               mean = fit$total$mean,
               sd = fit$total$sd)
  })
  fwrite(rbindlist(rows), output)
}

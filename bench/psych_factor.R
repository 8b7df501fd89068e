# psych_factor.R: the R peers of `attune factor` in the benchmark harness (bench/run; issue 28).
#
#   Rscript bench/psych_factor.R fa       INPUT.csv OUTPUT.csv   # psych::fa(x, nfactors = 2, fm = "minres", rotate = "oblimin")
#   Rscript bench/psych_factor.R poly     INPUT.csv OUTPUT.csv   # psych::polychoric(x)
#   Rscript bench/psych_factor.R parallel INPUT.csv OUTPUT.csv   # psych::fa.parallel(x, fa = "both", n.iter = 20, plot = FALSE)
#
# x is the harness's ECR-R file read by data.table::fread, the id column dropped (36 items,
# about 2% missing). Only the psych call is timed, after reading: its elapsed seconds and CPU
# seconds (user + system, this process and its children, as polychoric may fork through
# parallel::mclapply) are appended as one line "elapsed<TAB>cpu" to OUTPUT.time; bench/run
# reads that file. The process as a whole (R's start, loading psych, fread) is what bench/run
# itself times. fa.parallel runs with plot = FALSE: drawing the plot is not part of the work
# compared with `attune factor --parallel` (which draws only with --plot).

suppressPackageStartupMessages({
  library(data.table)
  library(psych)
  library(GPArotation)
})

args <- commandArgs(trailingOnly = TRUE)
if (length(args) != 3 || !(args[1] %in% c("fa", "poly", "parallel"))) {
  stop("usage: Rscript psych_factor.R fa|poly|parallel INPUT.csv OUTPUT.csv")
}
mode <- args[1]
output <- args[3]

responses <- fread(args[2], sep = ",", header = TRUE, na.strings = "")
responses[, id := NULL]
x <- as.data.frame(responses)

cpu_of <- function(t) sum(t[c(1, 2, 4, 5)], na.rm = TRUE)
before <- proc.time()
result <- switch(mode,
  fa = fa(x, nfactors = 2, fm = "minres", rotate = "oblimin"),
  poly = polychoric(x),
  parallel = fa.parallel(x, fa = "both", n.iter = 20, plot = FALSE))
after <- proc.time()
cat(sprintf("%.6f\t%.6f\n", (after - before)[[3]], cpu_of(after) - cpu_of(before)),
    file = paste0(output, ".time"), append = TRUE)

# Something to look at, not compared: loadings, the correlations, or the suggested numbers.
if (mode == "fa") {
  fwrite(data.table(item = rownames(result$loadings), unclass(result$loadings)), output)
} else if (mode == "poly") {
  fwrite(data.table(item = rownames(result$rho), result$rho), output)
} else {
  fwrite(data.table(nfact = result$nfact, ncomp = result$ncomp), output)
}

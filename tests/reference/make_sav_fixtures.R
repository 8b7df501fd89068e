# Fixtures for attune's SPSS/Stata output (test_sav_reference.cpp): attune writes the scores
# of two shipped examples as .sav and .dta, R's haven (2.5) reads them back, and this script
# writes what haven found: every value (numbers with 17 significant digits, labelled codes
# as their numbers, NA as an empty cell) and every variable label and value label.
#
# Usage (from the repository root): Rscript tests/reference/make_sav_fixtures.R build/attune
suppressPackageStartupMessages(library(haven))

args <- commandArgs(trailingOnly = TRUE)
attune <- if (length(args) >= 1) args[[1]] else "build/attune"
here <- "tests/reference"

cases <- list(
  list(name = "ecr_r_sav", instrument = "ecr-r", data = "examples/ecr-r.csv", ext = "sav"),
  list(name = "rq_sav", instrument = "rq", data = "examples/rq.csv", ext = "sav"),
  list(name = "rq_dta", instrument = "rq", data = "examples/rq.csv", ext = "dta")
)

as_text <- function(x) {
  if (is.numeric(x)) {
    out <- sprintf("%.17g", as.numeric(x))
    out[is.na(x)] <- ""
    out
  } else {
    out <- as.character(x)
    out[is.na(out)] <- ""
    out
  }
}

for (case in cases) {
  file <- tempfile(fileext = paste0(".", case$ext))
  status <- system2(attune, c("score", "-i", case$instrument, case$data, "-o", file),
                    env = "ATTUNE_INSTRUMENT_PATH=instruments")
  stopifnot(status == 0)
  data <- if (case$ext == "sav") read_sav(file) else read_dta(file)
  values <- as.data.frame(lapply(data, function(column) as_text(unclass(zap_labels(column)))),
                          stringsAsFactors = FALSE, check.names = FALSE)
  write.csv(values, file.path(here, paste0("sav_", case$name, "_values.csv")), row.names = FALSE, na = "")
  labels <- data.frame(variable = character(), value = character(), label = character())
  for (name in names(data)) {
    label <- attr(data[[name]], "label")
    labels[nrow(labels) + 1, ] <- c(name, "", if (is.null(label)) "" else label)
    codes <- attr(data[[name]], "labels")
    for (i in seq_along(codes)) labels[nrow(labels) + 1, ] <- c(name, sprintf("%.17g", codes[[i]]), names(codes)[[i]])
  }
  write.csv(labels, file.path(here, paste0("sav_", case$name, "_labels.csv")), row.names = FALSE)
  unlink(file)
}

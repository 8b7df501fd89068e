# What R's read.delim reads back from attune's TSV (issue 26 item 16). Run from the source tree:
#   Rscript tests/reference/read_tsv_ids.R build/attune
# It scores tsv_ids_input.csv (ids with backslashes, tabs, quotes, line breaks, "NA", "007")
# with attune into tsv_ids_attune.tsv, reads that with the README's recipe and writes each id
# as R read it, as the hex of its UTF-8 bytes, one a line, to tsv_ids_read_by_r.txt. The
# hostile test item16_tsv_round_trip.py checks that attune still writes tsv_ids_attune.tsv byte
# for byte and that R's ids are the input's (R reads a CR inside a quoted cell as LF).
args <- commandArgs(trailingOnly = TRUE)
attune <- if (length(args) >= 1) args[1] else "build/attune"
here <- "tests/reference"
status <- system2(attune, c("score", "-i", file.path(here, "tsv_ids_items.yaml"), file.path(here, "tsv_ids_input.csv"),
                            "-f", "tsv", "-o", file.path(here, "tsv_ids_attune.tsv")))
stopifnot(status == 0)
# The recipe: ids as text ("007" stays, "NA" is not missing), empty cells missing.
scores <- read.delim(file.path(here, "tsv_ids_attune.tsv"), colClasses = c(id = "character"), na.strings = "",
                     encoding = "UTF-8")
hex <- vapply(scores$id, function(x) paste(as.character(charToRaw(enc2utf8(x))), collapse = ""), "")
writeLines(hex, file.path(here, "tsv_ids_read_by_r.txt"))
cat(sprintf("%d ids read; scores %s\n", nrow(scores), paste(unique(scores$s), collapse = " ")))

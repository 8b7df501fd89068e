# Writes files-wave2.sav: files-wave2.csv as SPSS writes it (same header), for the
# files-csv-and-sav and files-analyze-and-quality CLI cases. Run in tests/cli/data.
d <- read.csv("files-wave2.csv", colClasses = c(id = "character"))
haven::write_sav(d, "files-wave2.sav")

# Makes r-export.csv and r-export-rownames.csv as R writes them (valid.yaml's items Q1..Q4).
# Run: Rscript make_r_export.R (from tests/cli/data)
d <- data.frame(Q1 = c(1, 5, NA), Q2 = c(5, 1, 3), Q3 = c(1, NA, 2), Q4 = c(5, 1, 4), group = c("a", "b", NA))
write.csv(d, "r-export.csv", row.names = FALSE)
rownames(d) <- c("s01", "s02", "s03")
write.csv(d, "r-export-rownames.csv")

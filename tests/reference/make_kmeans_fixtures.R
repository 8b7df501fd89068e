# Fixtures for attune's k-means (src/classify/kmeans.cpp): R's stats::kmeans with
# algorithm = "Lloyd", started from given centres, on synthetic (anxiety, avoidance) data.
# attune's lloyd_kmeans() from the same starting centres must give the same partition,
# centres, sizes, within-cluster sums of squares and iteration count
# (tests/reference/test_kmeans_reference.cpp).
#
#   Rscript tests/reference/make_kmeans_fixtures.R     # from the repository root
#
# Deterministic: set.seed per data set; numbers written with 17 significant digits.

out_dir <- file.path("tests", "reference")
stopifnot(dir.exists(out_dir))

fmt <- function(x) format(x, digits = 17, scientific = FALSE, trim = TRUE)

write_fixture <- function(name, x, starts) {
  force(starts)
  fit <- stats::kmeans(x, centers = starts, iter.max = 100, algorithm = "Lloyd")
  if (any(fit$size == 0)) stop("empty cluster in fixture ", name)
  if (fit$iter > 100) stop("no convergence in fixture ", name)
  points <- data.frame(anxiety = fmt(x[, 1]), avoidance = fmt(x[, 2]), cluster = fit$cluster)
  write.csv(points, file.path(out_dir, sprintf("kmeans_%s_points.csv", name)), row.names = FALSE, quote = FALSE)
  st <- data.frame(anxiety = fmt(starts[, 1]), avoidance = fmt(starts[, 2]))
  write.csv(st, file.path(out_dir, sprintf("kmeans_%s_starts.csv", name)), row.names = FALSE, quote = FALSE)
  res <- data.frame(anxiety = fmt(fit$centers[, 1]), avoidance = fmt(fit$centers[, 2]),
                    size = fit$size, withinss = fmt(fit$withinss),
                    tot_withinss = fmt(fit$tot.withinss), iter = fit$iter)
  write.csv(res, file.path(out_dir, sprintf("kmeans_%s_result.csv", name)), row.names = FALSE, quote = FALSE)
}

clamp <- function(v) { v[] <- pmin(pmax(v, 1), 7); v }

# 1. Four well-separated groups (one per quadrant of the 1-7 plane), 15 points each.
set.seed(20250101)
centres <- rbind(c(2.2, 2.3), c(5.7, 2.4), c(2.4, 5.6), c(5.6, 5.8))
x <- do.call(rbind, lapply(1:4, function(i) cbind(rnorm(15, centres[i, 1], 0.35), rnorm(15, centres[i, 2], 0.35))))
x <- clamp(x)
write_fixture("separated", x, x[sample(nrow(x), 4), ])

# 2. Overlapping: 200 correlated scale means (r about .3), as a real sample looks.
set.seed(20250102)
a <- rnorm(200, 3.6, 1.1)
v <- 2.9 + 0.3 * (a - 3.6) + rnorm(200, 0, 1.05)
x <- cbind(clamp(a), clamp(v))
write_fixture("overlapping", x, x[sample(nrow(x), 4), ])

# 3. Discrete scale means of 3-item scales (ties in distance are likely): 120 points.
set.seed(20250103)
x <- cbind(round(runif(120, 1, 7) * 3) / 3, round(runif(120, 1, 7) * 3) / 3)
x <- clamp(x)
write_fixture("discrete", x, unique(x)[sample(nrow(unique(x)), 4), ])

cat("wrote k-means fixtures to", out_dir, "\n")

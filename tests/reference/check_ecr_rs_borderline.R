# The SEM attune score --borderline uses for the ECR-RS global scores (examples/ecr-rs.csv),
# computed independently: stratified alpha (Cronbach, Schoenemann & McKie 1965) over the four
# domain scales, each alpha from cov(use = "pairwise") of its keyed items, and the SD of the
# global score (the mean of the available domain means). Its figures are what the CLI case
# tests/cli/cases/score-borderline-ecr-rs-global/stderr.grep expects (4 significant digits).
#   Rscript tests/reference/check_ecr_rs_borderline.R
d <- read.csv("examples/ecr-rs.csv")
doms <- c("mother","father","partner","friend")
strat <- function(items, rev, w_of) {
  cols <- unlist(lapply(doms, function(dm) paste0(dm, "_", items)))
  x <- d[, cols]
  for (dm in doms) for (i in rev) x[[paste0(dm,"_",i)]] <- 8 - x[[paste0(dm,"_",i)]]
  C <- cov(x, use = "pairwise")
  k <- length(items); w <- rep(1/(4*k), 4*k)
  total <- as.numeric(t(w) %*% C %*% w); err <- 0
  for (s in 0:3) { idx <- s*k + 1:k; B <- C[idx, idx]
    a <- (k/(k-1)) * (1 - sum(diag(B))/sum(B))
    err <- err + (1 - a) * as.numeric(t(w[idx]) %*% B %*% w[idx]) }
  1 - err/total
}
anx <- strat(7:9, c(), NULL); avo <- strat(1:6, 1:4, NULL)
dm_score <- function(items, rev) sapply(doms, function(dm) { x <- d[, paste0(dm, "_", items)]; for (i in seq_along(items)) if (items[i] %in% rev) x[[i]] <- 8 - x[[i]]; rowMeans(x, na.rm = TRUE) })
ga <- rowMeans(dm_score(7:9, c()), na.rm = TRUE); gv <- rowMeans(dm_score(1:6, 1:4), na.rm = TRUE)
cat(sprintf("anxiety alpha %.4g sd %.4g sem %.4g\navoidance alpha %.4g sd %.4g sem %.4g\n", anx, sd(ga, na.rm=TRUE), sd(ga, na.rm=TRUE)*sqrt(1-anx), avo, sd(gv, na.rm=TRUE), sd(gv,na.rm=TRUE)*sqrt(1-avo)))

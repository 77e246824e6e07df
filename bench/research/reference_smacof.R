# A reference non-metric SMACOF for bench/concept_map.sh, written apart from covalue's C++ in
# base R only (Debian's r-base-core): Torgerson's start by cmdscale(), random starts from
# runif(-1, 1), Guttman transforms, the primary approach to ties by ordering pairs on
# (dissimilarity, distance) and a pool-adjacent-violators fit, smacof's normalisation (sum of
# squared d-hats = number of pairs), and Kruskal's stress-1 of each final map. The fit is a
# stack-based PAVA of its own, checked against isoreg() at start: isoreg() is quadratic on
# such data and took seconds per iteration at 1,000 statements.
#
# usage: Rscript reference_smacof.R STUDY_DIR STARTS SEED [EPS] [ITMAX]
args <- commandArgs(trailingOnly = TRUE)
dir <- args[1]
starts <- as.integer(args[2])
seed <- as.integer(args[3])
eps <- if (length(args) >= 4) as.numeric(args[4]) else 1e-8
itmax <- if (length(args) >= 5) as.integer(args[5]) else 1000L

statements <- read.csv(file.path(dir, "statements.csv"), colClasses = "character")
sorts <- read.csv(file.path(dir, "sorts.csv"), colClasses = "character")
ids <- statements$id
n <- length(ids)
sorters <- unique(sorts$sorter_id)
N <- length(sorters)
together <- matrix(0, n, n)
for (s in sorters) {
  rows <- sorts[sorts$sorter_id == s, ]
  for (p in unique(rows$pile_id)) {
    m <- match(rows$statement_id[rows$pile_id == p], ids)
    together[m, m] <- together[m, m] + 1
  }
}
delta <- N + 1 - together
diag(delta) <- 0
low <- lower.tri(delta)
dl <- delta[low]
pairs <- length(dl)

pava <- function(y) {
  m <- length(y)
  val <- numeric(m); wt <- numeric(m); len <- integer(m)
  k <- 0L
  for (i in seq_len(m)) {
    k <- k + 1L; val[k] <- y[i]; wt[k] <- 1; len[k] <- 1L
    while (k > 1L && val[k - 1L] > val[k]) {
      w <- wt[k - 1L] + wt[k]
      val[k - 1L] <- (val[k - 1L] * wt[k - 1L] + val[k] * wt[k]) / w
      wt[k - 1L] <- w; len[k - 1L] <- len[k - 1L] + len[k]
      k <- k - 1L
    }
  }
  rep(val[seq_len(k)], len[seq_len(k)])
}
check <- cumsum(rnorm(2000)) + rnorm(2000, sd = 3)
stopifnot(isTRUE(all.equal(pava(check), isoreg(check)$yf, tolerance = 1e-10)))

fit <- function(d) {
  o <- order(dl, d)
  dhat <- numeric(pairs)
  dhat[o] <- pava(d[o])
  dhat
}
stress1 <- function(x) {
  d <- as.matrix(dist(x))[low]
  sqrt(sum((d - fit(d))^2) / sum(d^2))
}
smacof <- function(x) {
  x <- scale(x, scale = FALSE)
  dhat <- dl * sqrt(pairs / sum(dl^2))
  d <- as.matrix(dist(x))[low]
  x <- x * sum(d * dhat) / sum(d^2)
  d <- as.matrix(dist(x))[low]
  old <- sum((dhat - d)^2) / pairs
  for (it in seq_len(itmax)) {
    b <- matrix(0, n, n)
    b[low] <- -ifelse(d > 0, dhat / d, 0)
    b <- b + t(b)
    diag(b) <- -rowSums(b)
    x <- b %*% x / n
    d <- as.matrix(dist(x))[low]
    dhat <- fit(d)
    dhat <- dhat * sqrt(pairs / sum(dhat^2))
    new <- sum((dhat - d)^2) / pairs
    if (old - new < eps) break
    old <- new
  }
  x
}

set.seed(seed)
started <- proc.time()[["elapsed"]]
best <- stress1(smacof(cmdscale(delta, k = 2)))
for (s in seq_len(starts - 1)) {
  best <- min(best, stress1(smacof(matrix(runif(2 * n, -1, 1), n, 2))))
}
cat(sprintf("%.6f %.1f\n", best, proc.time()[["elapsed"]] - started))

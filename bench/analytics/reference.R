# R side of `npm run bench:analytics`: times spdep and spatstat on the inputs the TypeScript
# bench wrote (little-endian doubles) and writes their results back the same way.
# usage: Rscript reference.R grid COUNTS.bin SIDE RUNS OUT_PREFIX
#        Rscript reference.R kde POINTS.bin PIXELS SIGMA RUNS OUT_PREFIX
# Prints one line per timing: "timing <name> <median elapsed seconds> <runs>".
suppressPackageStartupMessages({ library(spdep); library(spatstat) })
args <- commandArgs(trailingOnly = TRUE)

timed <- function(name, runs, expr) {
  expr <- substitute(expr)
  env <- parent.frame()
  value <- NULL
  times <- numeric(runs)
  for (r in seq_len(runs)) {
    times[r] <- system.time(value <- eval(expr, env), gcFirst = TRUE)[["elapsed"]]
  }
  cat(sprintf("timing %s %.6f %s\n", name, median(times), paste(sprintf("%.3f", times), collapse = ",")))
  value
}

write_doubles <- function(x, file) writeBin(as.double(x), file, size = 8, endian = "little")

if (args[1] == "grid") {
  side <- as.integer(args[3]); runs <- as.integer(args[4]); out <- args[5]
  x <- readBin(args[2], "double", n = side * side, size = 8, endian = "little")
  nb <- timed("cell2nb", runs, cell2nb(nrow = side, ncol = side, type = "queen"))
  lwW <- timed("nb2listw_W", runs, nb2listw(nb, style = "W"))
  lwB <- timed("nb2listw_B_self", runs, nb2listw(include.self(nb), style = "B"))
  g <- timed("localG", runs, localG(x, lwB))
  m <- timed("localmoran", runs, localmoran(x, lwW))
  write_doubles(as.numeric(g), paste0(out, "-gistar.bin"))
  write_doubles(m[, "Z.Ii"], paste0(out, "-moran.bin"))
} else if (args[1] == "kde") {
  pixels <- as.integer(args[3]); sigma <- as.numeric(args[4]); runs <- as.integer(args[5]); out <- args[6]
  xy <- readBin(args[2], "double", n = 2e7, size = 8, endian = "little")
  n <- length(xy) / 2
  X <- ppp(xy[1:n], xy[(n + 1):(2 * n)], window = owin(c(0, 1), c(0, 1)))
  d0 <- timed("density_edge_false", runs, density.ppp(X, sigma = sigma, dimyx = c(pixels, pixels), edge = FALSE, diggle = FALSE))
  d1 <- timed("density_edge_true", runs, density.ppp(X, sigma = sigma, dimyx = c(pixels, pixels), edge = TRUE, diggle = FALSE))
  # im$v is [row = y, col = x]; t() then as.vector gives rows south to north, x fastest
  write_doubles(as.vector(t(d0$v)), paste0(out, "-kde.bin"))
  write_doubles(as.vector(t(d1$v)), paste0(out, "-kde-edge.bin"))
} else {
  stop("first argument must be grid or kde")
}

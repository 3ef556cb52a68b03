# Gould-Fernandez brokerage of a collabnet dataset, by sna::brokerage, for test_mixing.c.
# Run offline from the repository root (Debian's r-cran-sna 2.7-1):
#   Rscript tests/data/brokerage_sna/brokerage.R tests/data/karate faction \
#       > tests/data/brokerage_sna/karate_faction.csv
#   Rscript tests/data/brokerage_sna/brokerage.R tests/data/mixing_hand region \
#       > tests/data/brokerage_sna/mixing_hand_region.csv
# The graph is collabnet's: actors (kind other than network) with a non-empty value in the
# column, and the collaboration edges between two of them, read as a symmetric matrix.
suppressPackageStartupMessages(library(sna))
args <- commandArgs(trailingOnly = TRUE)
nodes <- read.csv(file.path(args[1], "nodes.csv"), colClasses = "character")
edges <- read.csv(file.path(args[1], "edges.csv"), colClasses = "character")
col <- args[2]
keep <- nodes$kind != "network" & nodes[[col]] != ""
ids <- nodes$id[keep]
cl <- nodes[[col]][keep]
a <- matrix(0, length(ids), length(ids))
for (k in seq_len(nrow(edges))) {
  i <- match(edges$source[k], ids)
  j <- match(edges$target[k], ids)
  if (edges$kind[k] == "collaboration" && !is.na(i) && !is.na(j) && i != j) {
    a[i, j] <- 1
    a[j, i] <- 1
  }
}
b <- brokerage(a, cl)
roles <- c("coordinator", "itinerant", "representative", "gatekeeper", "liaison", "total")
out <- data.frame(id = ids, group = cl)
for (r in 1:6) out[[roles[r]]] <- b$raw.nli[, r]
for (r in 1:6) out[[paste0("expected_", roles[r])]] <- b$exp.nli[, r]
for (r in 1:6) out[[paste0("z_", roles[r])]] <- b$z.nli[, r]
write.csv(format(out, digits = 15), stdout(), row.names = FALSE, quote = FALSE)

/* Internal: the only door to igraph. No igraph type leaves analysis/. */
#ifndef CNI_IG_H
#define CNI_IG_H

#include <stddef.h>
#include <stdint.h>

#include <collabnet/analysis.h>

/*
 * Strongly connected components of a directed graph on @p n vertices with @p m edges
 * (from[k] -> to[k]). @p comp receives n component ids; *ncomp their number.
 * Returns 0, CN_ENOMEM or CN_EGRAPH.
 */
int cni_ig_strong_components(uint32_t *comp, size_t *ncomp, size_t n, const uint32_t *from,
                             const uint32_t *to, size_t m);

/* Make igraph fail on purpose (an odd-length edge vector) under the guard: proves that igraph's
 * errors come back as CN_EGRAPH instead of aborting. For tests. */
int cni_ig_provoke_error(void);

#endif

/* Internal: the only door to igraph. No igraph type leaves analysis/ig.c. */
#ifndef CNI_IG_H
#define CNI_IG_H

#include <stddef.h>
#include <stdint.h>

#include <collabnet/analysis.h>

#include "view.h"

/* cni_graph_strong_components(), declared in model/graph.h, is defined in ig.c too. */

/* Make igraph fail on purpose (an odd-length edge vector) under the guard: proves that igraph's
 * errors come back as CN_EGRAPH instead of aborting. For tests. */
int cni_ig_provoke_error(void);

/* What cni_ig_graph_create() builds besides the edges. */
enum {
    CNI_IG_WEIGHTED = 1u << 0, /* the tie strengths (else every tie counts 1) */
    /* weighted, also the path lengths (1 / strength) that betweenness, closeness, harmonic and
     * the distances need: two more doubles a tie, which PageRank, eigenvector, constraint,
     * components and communities never read */
    CNI_IG_LENGTHS = 1u << 1,
};
/* An undirected igraph graph of a view, its edges in the view's order. Path-based measures
 * refuse (CN_EINVAL) a weighted graph built without CNI_IG_LENGTHS. */
typedef struct cni_ig_graph cni_ig_graph;
int cni_ig_graph_create(cni_ig_graph **out, const cni_view *v, unsigned flags);
void cni_ig_graph_destroy(cni_ig_graph *gr);

/* Weakly connected components: comp[nv] ids, *ncomp, sizes in *csize (malloc'd, ncomp long). */
int cni_ig_components(uint32_t *comp, size_t *ncomp, size_t **csize, const cni_ig_graph *gr);

/* A measure for every vertex (res has nv entries). Path-based measures use lengths. Betweenness
 * is raw; closeness is 1 / mean distance; harmonic is the raw sum. */
int cni_ig_measure(double *res, const cni_ig_graph *gr, cn_measure m);

/* Betweenness counted over paths from the @p k given sources to every vertex; adds to res.
 * centrality.c computes it with brandes.c (the same bits, faster); this is the reference the
 * tests hold that kernel to. */
int cni_ig_betweenness_from(double *res, const cni_ig_graph *gr, const uint32_t *src, size_t k);
/* The edge lengths betweenness uses (cni_bc_lengths()), one per edge of the
 * view, borrowed from @p gr (built with lengths); NULL when unweighted (every edge counts 1). */
const double *cni_ig_betweenness_lengths(const cni_ig_graph *gr);
/* Closeness (harmonic: the harmonic sum) of the @p k given vertices only: res[vid] is set. On a
 * weighted graph, @p other (may be NULL) gets the other of the two from the same pass;
 * unweighted, igraph computes each alone and @p other is left as it is. */
int cni_ig_closeness_of(double *res, double *other, const cni_ig_graph *gr, const uint32_t *vids,
                        size_t k, bool harmonic);
/* Distances from the @p k sources to every vertex: dist[i * nv + v]; INFINITY if unreachable. */
int cni_ig_distances_from(double *dist, const cni_ig_graph *gr, const uint32_t *src, size_t k);

/* Articulation points (ap, *nap) and, per biconnected component, its vertices: *nblocks blocks,
 * block b holds verts[off[b] .. off[b+1]). All arrays malloc'd. */
int cni_ig_blocks(uint32_t **ap, size_t *nap, uint32_t **off, uint32_t **verts, size_t *nblocks,
                  const cni_ig_graph *gr);

/* Breadth-first from @p root, at most @p depth steps: the vertices reached in BFS order
 * (order[], nv entries at most) with their distance in steps (dist[]); *count of them. */
int cni_ig_bfs(uint32_t *order, uint32_t *dist, size_t *count, const cni_ig_graph *gr,
               uint32_t root, size_t depth);

/* Newman's assortativity coefficient r of the nominal @p type of each of @p nv vertices, over the
 * @p m undirected ties from[k] - to[k] (igraph_assortativity_nominal, normalized, unweighted);
 * NaN when undefined (every tie inside one group, all of one group). */
int cni_ig_assortativity_nominal(double *out, size_t nv, const uint32_t *from, const uint32_t *to,
                                 size_t m, const uint32_t *type);
/* Communities of the graph, memb[nv] (igraph's numbering): Leiden with the modularity objective
 * iterated until stable, or Louvain (multilevel), at @p resolution; igraph's RNG seeded. */
int cni_ig_communities(uint32_t *memb, const cni_ig_graph *gr, bool leiden, double resolution,
                       uint64_t seed);
/* NMI, ARI and VI (out[0..2]) of two partitions of @p n items. */
int cni_ig_compare(double out[3], const uint32_t *a, const uint32_t *b, size_t n);

/* Forward igraph's progress reports to a callback while the current thread calls igraph. */
void cni_ig_set_progress(cn_progress_fn *fn, void *ctx);

#endif

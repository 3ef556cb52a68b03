/* Internal: betweenness from a subset of sources by Brandes' algorithm on our own CSR arrays,
 * without igraph. It takes the same steps as igraph 0.10's igraph_betweenness_subset() with
 * every vertex a target (the same neighbour order, queue and heap order, tie tolerance and
 * summation order), so its results are the same bits; it calls no igraph and keeps no global
 * state, so it may run in threads. */
#ifndef CNI_BRANDES_H
#define CNI_BRANDES_H

#include <stddef.h>
#include <stdint.h>

/**
 * The edge lengths weighted betweenness uses, from tie weights: 1 / weight, scaled so that the
 * shortest is 1, or so that the total is UNIT_MAX_TOTAL (1e300) when that would take the total
 * (the longest path's bound) past it. igraph 0.10's weighted betweenness takes two path lengths
 * within a relative 1e-10 of each other as equal and lengths below 1e-10 as about 0: with ties of
 * weight 1e300 (length 1e-300) every vertex of a 3-vertex path was as far as its neighbour and
 * the middle one got betweenness 2 instead of 1. Betweenness does not change when every length is
 * multiplied by one constant. ig.c gives igraph the same lengths.
 * @param[out] len  m lengths
 */
void cni_bc_lengths(double *len, const double *weight, size_t m);

/* An undirected graph as CSR arrays, in igraph's incidence order. */
typedef struct cni_bc_graph cni_bc_graph;

/**
 * Build the CSR arrays of @p m undirected edges from[e] - to[e] over @p nv vertices.
 * Each vertex's neighbours are in igraph's order (ascending neighbour id, parallel edges by
 * descending edge id); self-loops are left out, as igraph's betweenness leaves them out.
 * @param[out] out  the graph; the caller releases it with cni_bc_graph_destroy()
 * @param length    the length of each edge (> 0), or NULL: every edge counts 1 (breadth-first)
 * @return 0, CN_EINVAL for an edge whose end is not a vertex or for 2^31 edges or more, or
 *         CN_ENOMEM
 */
int cni_bc_graph_create(cni_bc_graph **out, size_t nv, const uint32_t *from, const uint32_t *to,
                        size_t m, const double *length);
void cni_bc_graph_destroy(cni_bc_graph *g); /* NULL is a no-op */

/* The scratch arrays of one thread or process: 32 bytes a vertex unweighted; weighted 60 bytes
 * a vertex and 8 bytes a parent recorded by a search (a log that grows to the largest search's
 * need: about one a vertex reached on generated data, at most one an edge end). */
typedef struct cni_bc_work cni_bc_work;
int cni_bc_work_create(cni_bc_work **out, const cni_bc_graph *g);
void cni_bc_work_destroy(cni_bc_work *w); /* NULL is a no-op */

/**
 * Betweenness counted over the shortest paths from the @p k sources @p src to every vertex,
 * halved (each undirected path is counted from one end only), added to res[0..nv): the same
 * bits as adding igraph_betweenness_subset(sources = src, targets = all) to res.
 * @return 0, CN_EINVAL when a source is not a vertex, or CN_ENOMEM (res is then unchanged)
 */
int cni_bc_from(double *res, cni_bc_work *w, const uint32_t *src, size_t k);

#endif

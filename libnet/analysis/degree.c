/* Degree, strength and coreness on the view's edge arrays (degree.h). igraph would first build
 * its graph (an edge-index sort) for what is one pass over the edges; on generated M that build
 * and igraph's copies were most of the step beyond the load. */
#include <stdlib.h>

#include "../util/util.h"
#include "degree.h"

bool cni_degree_handles(const cni_view *v, cn_measure m)
{
    if (m != CN_MEASURE_DEGREE && m != CN_MEASURE_STRENGTH && m != CN_MEASURE_CORENESS) {
        return false;
    }
    if (v->m > UINT32_MAX / 2) {
        return false; /* the incidence arrays hold 2m edge ends in 32 bits */
    }
    for (size_t e = 0; e < v->m; e++) {
        if (v->from[e] == v->to[e]) {
            return false;
        }
    }
    return true;
}

/* Each vertex's incident edges, in ascending edge id: off[0..nv], inc[0..2m); with @p ends, the
 * edges' other ends instead of their ids (coreness needs no more, and reads them in order). */
static int incidence(uint32_t **off_out, uint32_t **inc_out, const cni_view *v, bool ends)
{
    uint32_t *off = cni_calloc_array(v->nv + 1, sizeof *off);
    uint32_t *inc = cni_alloc_array(2 * v->m + 1, sizeof *inc);
    uint32_t *next = cni_alloc_array(v->nv + 1, sizeof *next);
    int rc = 0;

    if (!off || !inc || !next) {
        rc = cni_fail(CN_ENOMEM, "out of memory");
        goto done;
    }
    for (size_t e = 0; e < v->m; e++) {
        off[v->from[e] + 1]++;
        off[v->to[e] + 1]++;
    }
    for (size_t x = 0; x < v->nv; x++) {
        off[x + 1] += off[x];
        next[x] = off[x];
    }
    for (size_t e = 0; e < v->m; e++) {
        inc[next[v->from[e]]++] = ends ? v->to[e] : (uint32_t)e;
        inc[next[v->to[e]]++] = ends ? v->from[e] : (uint32_t)e;
    }
    *off_out = off;
    *inc_out = inc;
    off = inc = NULL;
done:
    free(next);
    free(inc);
    free(off);
    return rc;
}

/* igraph_strength() sums, for each vertex x, the weights of igraph_incident(x): the edges
 * ordered by the other end, ascending, then parallel ones by descending edge id (the order of
 * igraph's edge index). Visiting the vertices u in ascending order and their edges u - x by
 * descending edge id adds to each x in exactly that order. */
static void strength(double *res, const cni_view *v, const uint32_t *off, const uint32_t *inc)
{
    for (size_t x = 0; x < v->nv; x++) {
        res[x] = 0.0;
    }
    for (size_t u = 0; u < v->nv; u++) {
        for (uint32_t k = off[u + 1]; k-- > off[u];) {
            uint32_t e = inc[k];
            res[v->from[e] == u ? v->to[e] : v->from[e]] += v->weight[e];
        }
    }
}

/* Whether every edge runs from its lower end to its higher one and the edges are in ascending
 * order of (from, to) without repeats, as the collaboration view's merged ties are: then each
 * vertex meets its edges in the order of their other ends, igraph's order of summation. */
static bool sorted_simple(const cni_view *v)
{
    for (size_t e = 0; e < v->m; e++) {
        if (v->from[e] >= v->to[e]
            || (e > 0 && (v->from[e] < v->from[e - 1]
                          || (v->from[e] == v->from[e - 1] && v->to[e] <= v->to[e - 1])))) {
            return false;
        }
    }
    return true;
}

/* Batagelj and Zaversnik's O(m) k-core decomposition: vertices bucketed by degree, taken in
 * ascending order of their current degree; each removal lowers the degree of its remaining
 * neighbours (once per parallel edge, as igraph counts them). @p adj: incidence()'s other ends. */
static int coreness(double *res, const cni_view *v, const uint32_t *off, const uint32_t *adj)
{
    size_t nv = v->nv, maxdeg = 0;
    uint32_t *deg = cni_alloc_array(nv + 1, sizeof *deg);
    uint32_t *bin = NULL, *pos = NULL, *vert = NULL;
    int rc = 0;

    for (size_t x = 0; deg && x < nv; x++) {
        deg[x] = off[x + 1] - off[x];
        maxdeg = deg[x] > maxdeg ? deg[x] : maxdeg;
    }
    bin = cni_calloc_array(maxdeg + 2, sizeof *bin);
    pos = cni_alloc_array(nv + 1, sizeof *pos);
    vert = cni_alloc_array(nv + 1, sizeof *vert);
    if (!deg || !bin || !pos || !vert) {
        rc = cni_fail(CN_ENOMEM, "out of memory");
        goto done;
    }
    for (size_t x = 0; x < nv; x++) {
        bin[deg[x] + 1]++;
    }
    for (size_t d = 0; d <= maxdeg; d++) {
        bin[d + 1] += bin[d]; /* bin[d]: where the vertices of degree d start in vert */
    }
    for (size_t x = 0; x < nv; x++) {
        pos[x] = bin[deg[x]]++;
        vert[pos[x]] = (uint32_t)x;
    }
    for (size_t d = maxdeg + 1; d > 0; d--) {
        bin[d] = bin[d - 1]; /* the fills moved each start to the next; move them back */
    }
    bin[0] = 0;
    for (size_t i = 0; i < nv; i++) {
        uint32_t x = vert[i];
        for (uint32_t k = off[x]; k < off[x + 1]; k++) {
            uint32_t u = adj[k];
            if (deg[u] > deg[x]) {
                /* swap u with the first vertex of its bin, then shrink the bin past it */
                uint32_t du = deg[u], pu = pos[u], pw = bin[du], w = vert[pw];
                if (u != w) {
                    pos[u] = pw;
                    vert[pu] = w;
                    pos[w] = pu;
                    vert[pw] = u;
                }
                bin[du]++;
                deg[u]--;
            }
        }
    }
    for (size_t x = 0; x < nv; x++) {
        res[x] = (double)deg[x];
    }
done:
    free(vert);
    free(pos);
    free(bin);
    free(deg);
    return rc;
}

int cni_degree_measure(double *res, const cni_view *v, cn_measure m, bool weighted)
{
    uint32_t *off = NULL, *inc = NULL;
    int rc;

    if (!cni_degree_handles(v, m)) {
        return cni_fail(CN_EINVAL, "measure %d is not a degree of this view", (int)m);
    }
    if (m == CN_MEASURE_STRENGTH && !weighted) {
        m = CN_MEASURE_DEGREE; /* igraph_strength() without weights is the degree */
    }
    if (m == CN_MEASURE_DEGREE || (m == CN_MEASURE_STRENGTH && sorted_simple(v))) {
        for (size_t x = 0; x < v->nv; x++) {
            res[x] = 0.0;
        }
        for (size_t e = 0; e < v->m; e++) {
            double w = m == CN_MEASURE_DEGREE ? 1.0 : v->weight[e];
            res[v->from[e]] += w;
            res[v->to[e]] += w;
        }
        return 0;
    }
    if ((rc = incidence(&off, &inc, v, m == CN_MEASURE_CORENESS)) < 0) {
        return rc;
    }
    if (m == CN_MEASURE_STRENGTH) {
        strength(res, v, off, inc);
    } else {
        rc = coreness(res, v, off, inc);
    }
    free(inc);
    free(off);
    return rc;
}

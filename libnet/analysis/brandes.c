/* Betweenness from sources by Brandes' algorithm, our own kernel (brandes.h). igraph 0.10's
 * igraph_betweenness_subset() spent most of its time outside the algorithm: on generated M it
 * rebuilt the adjacency list on every call, grew a vector of parents per vertex per source and
 * reached every neighbour through a vector of pointers. This kernel keeps igraph's arithmetic
 * step by step, so that every result keeps its bits (README "Centrality"):
 * - neighbours in igraph's incidence order; distances plus one, as igraph keeps them (0 means
 *   not reached); path counts summed in the order the vertices leave the queue or heap;
 * - breadth-first search when unweighted; Dijkstra on a binary heap that makes igraph's
 *   2-way heap's moves (equal keys rise above their parent, sink prefers the left child), so
 *   that vertices at equal distances leave it in the same order;
 * - two weighted path lengths are equal when igraph_cmp_epsilon() says so (relative difference
 *   below IGRAPH_SHORTEST_PATH_EPSILON, 1e-10), and the parents of a vertex are the ones igraph
 *   records (cleared when a shorter path is found, appended when an equal one is), kept as
 *   linked lists in one log written in order (issue 20: at L a vector of parents per vertex
 *   cost two cache misses a parent and 4 bytes an edge end);
 * - dependencies accumulated in reverse order of the search, coefficient (1 + delta) / sigma,
 *   each source's dependencies summed into the call's total in source order, the total halved
 *   and then added to the caller's array. */
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../util/util.h"
#include "brandes.h"

/* igraph 0.10's IGRAPH_SHORTEST_PATH_EPSILON */
#define PATH_EPSILON 1e-10
/* how many edge ends ahead the weighted search asks for a neighbour's distance */
#define PREFETCH 8

struct cni_bc_graph {
    size_t nv;
    uint32_t *id;   /* id[v]: vertex v's number in these arrays (renumber()) */
    uint32_t *off;  /* vertex v's neighbours are adj[off[v] .. off[v + 1]) (fewer than 2^32
                     * edge ends: 32 bits a vertex keep more of it in cache) */
    uint32_t *adj;
    double *len;    /* len[i]: the length of the edge to adj[i]; NULL when unweighted */
};

/* A vertex's path count and dependency, read and written together. */
typedef struct pathsum {
    double sigma; /* shortest paths from the source */
    double delta; /* dependency of the source on this vertex */
} pathsum;

/* A parent recorded by the weighted search, linked to the one recorded before it for the same
 * vertex. */
typedef struct parent_link {
    uint32_t vertex;
    uint32_t prev; /* the vertex's earlier parent's link plus one; 0: none */
} parent_link;

/* A heap element: key and vertex in one cache line. */
typedef struct heap_entry {
    double key; /* distance plus one */
    uint32_t vertex;
} heap_entry;

/* The search's state is in arrays of one field each: the field tested for every edge end (the
 * distance) is then 4 or 8 bytes a vertex and stays in cache better than a whole record.
 * Every per-vertex array is all zero between sources. */
struct cni_bc_work {
    const cni_bc_graph *g;
    uint32_t *level;   /* unweighted: distance plus one, as igraph's (0: not reached) */
    double *dist;      /* weighted: distance plus one, as igraph's (0: not reached) */
    pathsum *ps;
    uint32_t *hpos;    /* weighted: position in the heap plus one; 0: not in it */
    uint32_t *order;   /* the vertices in the order they left the queue or heap */
    double *acc;       /* this call's sum over its sources */
    heap_entry *heap;  /* weighted */
    size_t hsize;
    /* weighted: v's parents are a list in log, appended to as the search goes (one stream of
     * writes instead of a write at a random place per parent); last[v] is its newest link plus
     * one (0: none). The order of a vertex's parents does not change a bit: each parent's
     * dependency is a sum of its own, in the order its children leave. */
    uint32_t *last;
    parent_link *log;
    size_t nlog, logcap;
};

#define UNIT_MAX_TOTAL 1e300
void cni_bc_lengths(double *len, const double *weight, size_t m)
{
    double lo, total = 0.0, scale;

    if (m == 0) {
        return;
    }
    lo = len[0] = 1.0 / weight[0];
    for (size_t e = 1; e < m; e++) {
        len[e] = 1.0 / weight[e];
        lo = len[e] < lo ? len[e] : lo;
    }
    for (size_t e = 0; e < m; e++) {
        total += len[e]; /* in edge order, from 0, as igraph_vector_sum() adds them */
    }
    scale = total / lo <= UNIT_MAX_TOTAL ? 1.0 / lo : UNIT_MAX_TOTAL / total;
    for (size_t e = 0; e < m; e++) {
        len[e] *= scale;
    }
}

void cni_bc_graph_destroy(cni_bc_graph *g)
{
    if (g) {
        free(g->id);
        free(g->off);
        free(g->adj);
        free(g->len);
        free(g);
    }
}

/* Number the vertices by descending degree, equal degrees by ascending id, into g->id, and
 * write into @p noff the offsets of their rows in that order (g->off: in the caller's order).
 * A search reads the state of the vertices most edges lead to most often: side by side, they
 * share cache lines (on generated M and L, 0-10 % less processor time a source, within the
 * noise of a shared machine; generated ties have no communities to exploit). The search takes the
 * same steps on any numbering: the rows keep igraph's order (neighbours renamed), the queue and
 * the heap compare only distances and positions, and each vertex's sums are made in the same
 * order, so every result keeps its bits; cni_bc_from() maps sources and results. */
static int renumber(uint32_t *noff, cni_bc_graph *g)
{
    size_t nv = g->nv;
    uint32_t maxdeg = 0, *start;

    for (size_t v = 0; v < nv; v++) {
        uint32_t d = g->off[v + 1] - g->off[v];
        maxdeg = d > maxdeg ? d : maxdeg;
    }
    /* a counting sort: start[d] is the next number for degree d */
    if (!(g->id = cni_alloc_array(nv ? nv : 1, sizeof *g->id))
        || !(start = cni_calloc_array((size_t)maxdeg + 1, sizeof *start))) {
        return cni_fail(CN_ENOMEM, "out of memory");
    }
    for (size_t v = 0; v < nv; v++) {
        start[g->off[v + 1] - g->off[v]]++;
    }
    for (uint32_t d = maxdeg + 1, next = 0; d-- > 0;) {
        uint32_t count = start[d];
        start[d] = next;
        next += count;
    }
    noff[0] = 0;
    for (size_t v = 0; v < nv; v++) {
        uint32_t d = g->off[v + 1] - g->off[v];
        g->id[v] = start[d]++;
        noff[g->id[v] + 1] = d;
    }
    for (size_t v = 0; v < nv; v++) {
        noff[v + 1] += noff[v];
    }
    free(start);
    return 0;
}

/* Each vertex's neighbours in igraph's incidence order: first every edge appended to the rows
 * of both its ends in descending edge order (tmp), then the rows read in ascending vertex order
 * and each entry appended to the row of its other end: rows come out by ascending neighbour,
 * parallel edges by descending edge id, as igraph_inclist_init() lists them. The rows are then
 * in renumber()'s order, their entries renamed. */
static int fill_rows(cni_bc_graph *g, const uint32_t *from, const uint32_t *to, size_t m,
                     const double *length)
{
    size_t nv = g->nv, ends = g->off[nv];
    uint32_t *cur = cni_alloc_array(nv + 1, sizeof *cur);
    uint32_t *noff = cni_alloc_array(nv + 1, sizeof *noff);
    uint32_t *tadj = cni_alloc_array(ends, sizeof *tadj);
    double *tlen = length ? cni_alloc_array(ends, sizeof *tlen) : NULL;
    int rc = 0;

    if (!cur || !noff || !tadj || (length && !tlen)) {
        rc = cni_fail(CN_ENOMEM, "out of memory");
        goto done;
    }
    memcpy(cur, g->off, (nv + 1) * sizeof *cur);
    for (size_t e = m; e-- > 0;) {
        uint32_t a = from[e], b = to[e];
        if (a == b) {
            continue;
        }
        tadj[cur[a]] = b;
        tadj[cur[b]] = a;
        if (tlen) {
            tlen[cur[a]] = tlen[cur[b]] = length[e];
        }
        cur[a]++;
        cur[b]++;
    }
    if ((rc = renumber(noff, g)) < 0) {
        goto done;
    }
    for (size_t u = 0; u < nv; u++) {
        cur[u] = noff[g->id[u]];
    }
    for (size_t u = 0; u < nv; u++) {
        for (size_t i = g->off[u]; i < g->off[u + 1]; i++) {
            uint32_t j = cur[tadj[i]]++;
            g->adj[j] = g->id[u];
            if (tlen) {
                g->len[j] = tlen[i];
            }
        }
    }
    memcpy(g->off, noff, (nv + 1) * sizeof *noff);
done:
    free(cur);
    free(noff);
    free(tadj);
    free(tlen);
    return rc;
}

int cni_bc_graph_create(cni_bc_graph **out, size_t nv, const uint32_t *from, const uint32_t *to,
                        size_t m, const double *length)
{
    cni_bc_graph *g = calloc(1, sizeof *g);
    size_t ends = 0;
    int rc = 0;

    *out = NULL;
    if (!g || !(g->off = cni_calloc_array(nv + 1, sizeof *g->off))) {
        rc = cni_fail(CN_ENOMEM, "out of memory");
        goto done;
    }
    g->nv = nv;
    for (size_t e = 0; e < m; e++) {
        if (from[e] >= nv || to[e] >= nv) {
            rc = cni_fail(CN_EINVAL, "edge %zu joins a vertex not among the %zu", e, nv);
            goto done;
        }
        if (from[e] != to[e]) {
            g->off[from[e] + 1]++;
            g->off[to[e] + 1]++;
            ends += 2;
        }
    }
    if (nv >= UINT32_MAX) {
        rc = cni_fail(CN_EINVAL, "%zu vertices are too many", nv);
        goto done;
    }
    if (ends >= UINT32_MAX) { /* the counts above may have wrapped: not used */
        rc = cni_fail(CN_EINVAL, "%zu edges are too many", ends / 2);
        goto done;
    }
    for (size_t v = 0; v < nv; v++) {
        g->off[v + 1] += g->off[v];
    }
    g->adj = cni_alloc_array(ends ? ends : 1, sizeof *g->adj);
    g->len = length ? cni_alloc_array(ends ? ends : 1, sizeof *g->len) : NULL;
    if (!g->adj || (length && !g->len)) {
        rc = cni_fail(CN_ENOMEM, "out of memory");
        goto done;
    }
    cni_advise_huge(g->adj, ends * sizeof *g->adj);
    if (g->len) {
        cni_advise_huge(g->len, ends * sizeof *g->len);
    }
    if ((rc = fill_rows(g, from, to, m, length)) < 0) {
        goto done;
    }
    *out = g;
    g = NULL;
done:
    cni_bc_graph_destroy(g);
    return rc;
}

void cni_bc_work_destroy(cni_bc_work *w)
{
    if (w) {
        free(w->level);
        free(w->dist);
        free(w->ps);
        free(w->hpos);
        free(w->order);
        free(w->acc);
        free(w->heap);
        free(w->last);
        free(w->log);
        free(w);
    }
}

int cni_bc_work_create(cni_bc_work **out, const cni_bc_graph *g)
{
    cni_bc_work *w = calloc(1, sizeof *w);
    size_t nv = g->nv;

    *out = NULL;
    if (!w) {
        return cni_fail(CN_ENOMEM, "out of memory");
    }
    w->g = g;
    w->order = cni_alloc_array(nv ? nv : 1, sizeof *w->order);
    w->acc = cni_calloc_array(nv ? nv : 1, sizeof *w->acc);
    w->ps = cni_calloc_array(nv ? nv : 1, sizeof *w->ps);
    if (g->len) {
        w->dist = cni_calloc_array(nv ? nv : 1, sizeof *w->dist);
        w->hpos = cni_calloc_array(nv ? nv : 1, sizeof *w->hpos);
        w->heap = cni_alloc_array(nv ? nv : 1, sizeof *w->heap);
        w->last = cni_calloc_array(nv ? nv : 1, sizeof *w->last);
    } else {
        w->level = cni_calloc_array(nv ? nv : 1, sizeof *w->level);
    }
    if (!w->order || !w->acc || !w->ps
        || (g->len && (!w->dist || !w->hpos || !w->heap || !w->last))
        || (!g->len && !w->level)) {
        cni_bc_work_destroy(w);
        return cni_fail(CN_ENOMEM, "out of memory");
    }
    *out = w;
    return 0;
}

/* ---- igraph's 2-way heap, as moves on distances (igraph keeps their negatives in a max-heap:
 * "key a below key b" there is "distance a above distance b" here) ---- */

/* Put vertex @p v with key @p d at position @p i. */
static inline void heap_set(cni_bc_work *w, size_t i, uint32_t v, double d)
{
    w->heap[i].key = d;
    w->heap[i].vertex = v;
    w->hpos[v] = (uint32_t)i + 1;
}

/* Rise while not farther than the parent (equal distances rise too). The parents move down
 * into the hole and the vertex is written once, where igraph's swaps would leave it. */
static void heap_up(cni_bc_work *w, size_t i)
{
    double d = w->heap[i].key;
    uint32_t v = w->heap[i].vertex;

    while (i > 0) {
        size_t p = (i - 1) / 2;
        if (d > w->heap[p].key) {
            break;
        }
        heap_set(w, i, w->heap[p].vertex, w->heap[p].key);
        i = p;
    }
    heap_set(w, i, v, d);
}

/* Sink towards the nearer child, the left one when they are equally near, while farther. */
static void heap_down(cni_bc_work *w, size_t i)
{
    double d = w->heap[i].key;
    uint32_t v = w->heap[i].vertex;

    for (;;) {
        size_t l = 2 * i + 1, r = l + 1, c;
        if (l >= w->hsize) {
            break;
        }
        c = r == w->hsize || w->heap[l].key <= w->heap[r].key ? l : r;
        if (!(d > w->heap[c].key)) {
            break;
        }
        heap_set(w, i, w->heap[c].vertex, w->heap[c].key);
        i = c;
    }
    heap_set(w, i, v, d);
}

static void heap_push(cni_bc_work *w, uint32_t v, double d)
{
    size_t i = w->hsize++;

    heap_set(w, i, v, d);
    heap_up(w, i);
}

/* igraph's igraph_2wheap_delete_max(): the last element takes the top's place and sinks. */
static uint32_t heap_pop(cni_bc_work *w, double *d)
{
    uint32_t v = w->heap[0].vertex;

    *d = w->heap[0].key;
    w->hsize--;
    w->hpos[v] = 0;
    if (w->hsize > 0) {
        heap_set(w, 0, w->heap[w->hsize].vertex, w->heap[w->hsize].key);
        heap_down(w, 0);
    }
    return v;
}

/* igraph's igraph_2wheap_modify(): sink, then rise from the same position. */
static void heap_modify(cni_bc_work *w, uint32_t v, double d)
{
    size_t i = w->hpos[v] - 1;

    w->heap[i].key = d;
    heap_down(w, i);
    heap_up(w, i);
}

/* igraph 0.10.2's igraph_cmp_epsilon(a, b, PATH_EPSILON) as Debian's libigraph3 has it (read
 * from its machine code: earlier igraph versions tested the difference, not the sum, against
 * DBL_MIN): 0 when a and b differ by less than the tolerance relative to |a| + |b|, else the
 * sign of a - b. */
static inline int cmp_epsilon(double a, double b)
{
    const double eps = PATH_EPSILON;
    double diff, abs_diff, sum;

    /* most paths relaxed are clearly longer: then the relative difference is at least about
     * 5e-10, far above the tolerance, and the exact test below would also say 1 */
    if (b >= DBL_MIN && a > b * (1 + 1e-9)) {
        return 1;
    }
    if (a == b) {
        return 0;
    }
    diff = a - b;
    abs_diff = fabs(diff);
    sum = fabs(a) + fabs(b);
    if (a == 0 || b == 0 || sum < DBL_MIN) {
        return abs_diff < eps * DBL_MIN ? 0 : diff < 0 ? -1 : 1;
    }
    if (!isfinite(sum)) {
        return abs_diff < eps * fabs(a) + eps * fabs(b) ? 0 : diff < 0 ? -1 : 1;
    }
    return abs_diff / sum < eps ? 0 : diff < 0 ? -1 : 1;
}

/* ---- one source ---- */

/* Breadth-first: the vertices reached, in order, into w->order; returns how many. A vertex's
 * parents are its neighbours one step nearer, found again when dependencies flow back. */
static size_t search_unweighted(cni_bc_work *w, uint32_t s)
{
    const uint32_t *off = w->g->off;
    const uint32_t *adj = w->g->adj;
    uint32_t *level = w->level;
    pathsum *ps = w->ps;
    uint32_t *queue = w->order;
    size_t head = 0, tail = 0;

    level[s] = 1;
    ps[s].sigma = 1.0;
    queue[tail++] = s;
    while (head < tail) {
        uint32_t u = queue[head++], next = level[u] + 1;
        double sigma = ps[u].sigma;
        for (size_t i = off[u]; i < off[u + 1]; i++) {
            uint32_t x = adj[i];
            if (level[x] == 0) {
                level[x] = next;
                queue[tail++] = x;
            }
            if (level[x] == next) {
                ps[x].sigma += sigma;
            }
        }
    }
    return tail;
}

static void accumulate_unweighted(cni_bc_work *w, uint32_t s, size_t reached)
{
    const uint32_t *off = w->g->off;
    const uint32_t *adj = w->g->adj;
    uint32_t *level = w->level;
    pathsum *ps = w->ps;

    for (size_t k = reached; k-- > 0;) {
        uint32_t v = w->order[k], prev = level[v] - 1;
        double coeff = (1 + ps[v].delta) / ps[v].sigma;
        if (v != s) {
            for (size_t i = off[v]; i < off[v + 1]; i++) {
                uint32_t x = adj[i];
                if (level[x] == prev) {
                    ps[x].delta += ps[x].sigma * coeff;
                }
            }
            w->acc[v] += ps[v].delta;
        }
        level[v] = 0;
        ps[v].sigma = ps[v].delta = 0;
    }
}

/* Record @p u as the newest parent of @p t; @p prev: t's parents so far (0: none, the path
 * through u is the shortest so far). The log grows as needed, to at most one link an edge end
 * (each settled vertex relaxes each of its edges once). */
static inline int add_parent(cni_bc_work *w, uint32_t t, uint32_t u, uint32_t prev)
{
    if (w->nlog == w->logcap && cni_grow((void **)&w->log, &w->logcap, w->nlog + 1,
                                         sizeof *w->log) < 0) {
        return CN_ENOMEM;
    }
    w->log[w->nlog].vertex = u;
    w->log[w->nlog].prev = prev;
    w->last[t] = (uint32_t)++w->nlog;
    return 0;
}

/* Dijkstra, relaxing every edge of each vertex that leaves the heap (igraph relaxes edges back
 * to vertices already settled too, which adds a parent when the lengths are equal within the
 * tolerance): the vertices settled, in order, into w->order, their count into *settled.
 * Returns 0, or CN_ENOMEM (the parents' log could not grow; the search is then incomplete). */
static int search_weighted(size_t *settled, cni_bc_work *w, uint32_t s)
{
    const uint32_t *off = w->g->off;
    const uint32_t *adj = w->g->adj;
    const double *len = w->g->len;
    double *dist = w->dist;
    pathsum *ps = w->ps;
    uint32_t *last = w->last;
    size_t n = 0;
    int rc = 0;

    dist[s] = 1.0;
    ps[s].sigma = 1.0;
    w->hsize = 0;
    w->nlog = 0;
    heap_push(w, s, 1.0);
    while (w->hsize > 0 && rc == 0) {
        double du;
        uint32_t u = heap_pop(w, &du);
        double sigma = ps[u].sigma;
        w->order[n++] = u;
        uint32_t end = off[u + 1];
        /* the distances of the next PREFETCH neighbours are asked for ahead: each is a cache
         * miss at L, and the branches on each one kept them from overlapping (6-9 % less
         * processor time a source on generated L) */
        for (uint32_t i = off[u]; i < end && i < off[u] + PREFETCH; i++) {
            __builtin_prefetch(&dist[adj[i]]);
        }
        for (uint32_t i = off[u]; i < end && rc == 0; i++) {
            uint32_t t = adj[i];
            double alt = du + len[i], cur = dist[t];
            if (i + PREFETCH < end) {
                __builtin_prefetch(&dist[adj[i + PREFETCH]]);
            }
            int c = cur == 0 ? -1 : cmp_epsilon(alt, cur);
            if (c < 0) {
                /* the first path found, or a shorter one: u is the only parent so far */
                rc = add_parent(w, t, u, 0);
                ps[t].sigma = sigma;
                dist[t] = alt;
                if (cur == 0) {
                    heap_push(w, t, alt);
                } else {
                    heap_modify(w, t, alt);
                }
            } else if (c == 0) {
                rc = add_parent(w, t, u, last[t]);
                ps[t].sigma += sigma;
            }
        }
    }
    *settled = n;
    return rc;
}

static void accumulate_weighted(cni_bc_work *w, uint32_t s, size_t settled)
{
    const parent_link *log = w->log;
    pathsum *ps = w->ps;

    for (size_t k = settled; k-- > 0;) {
        uint32_t v = w->order[k];
        double coeff = (1 + ps[v].delta) / ps[v].sigma;
        for (uint32_t j = w->last[v]; j != 0; j = log[j - 1].prev) {
            pathsum *x = &ps[log[j - 1].vertex];
            x->delta += x->sigma * coeff;
        }
        if (v != s) {
            w->acc[v] += ps[v].delta;
        }
        w->dist[v] = 0;
        w->last[v] = 0;
        ps[v].sigma = ps[v].delta = 0;
    }
}

/* After a search that could not finish: every per-vertex array back to zero. */
static void reset(cni_bc_work *w)
{
    size_t nv = w->g->nv;

    memset(w->dist, 0, nv * sizeof *w->dist);
    memset(w->last, 0, nv * sizeof *w->last);
    memset(w->hpos, 0, nv * sizeof *w->hpos);
    memset(w->ps, 0, nv * sizeof *w->ps);
}

int cni_bc_from(double *res, cni_bc_work *w, const uint32_t *src, size_t k)
{
    size_t nv = w->g->nv;

    for (size_t i = 0; i < k; i++) {
        if (src[i] >= nv) {
            return cni_fail(CN_EINVAL, "source %u is not among the %zu vertices",
                            (unsigned)src[i], nv);
        }
    }
    memset(w->acc, 0, nv * sizeof *w->acc);
    for (size_t i = 0; i < k; i++) {
        uint32_t s = w->g->id[src[i]];
        size_t settled;
        if (!w->g->len) {
            accumulate_unweighted(w, s, search_unweighted(w, s));
        } else if (search_weighted(&settled, w, s) == 0) {
            accumulate_weighted(w, s, settled);
        } else {
            reset(w);
            return cni_fail(CN_ENOMEM, "out of memory");
        }
    }
    for (size_t v = 0; v < nv; v++) {
        res[v] += w->acc[w->g->id[v]] * 0.5;
    }
    return 0;
}

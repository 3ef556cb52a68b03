/* Everything that calls igraph. igraph's default error handler aborts the process, and its
 * handlers, finally stack and RNG are process-global; every entry point here therefore installs
 * our handlers for the duration of the call (cni_ig_enter/leave), turns igraph's error code into
 * a cn_status with igraph's reason in cn_errmsg(), and frees every igraph object before leaving. */
#include <float.h>
#include <igraph.h>
#include <math.h>
#ifdef CNI_HAVE_OPENMP
#include <omp.h>
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../model/graph.h"
#include "brandes.h"
#include "ig.h"

typedef struct cni_ig_guard {
    igraph_error_handler_t *error;
    igraph_warning_handler_t *warning;
    igraph_progress_handler_t *progress;
} cni_ig_guard;

static _Thread_local char ig_reason[256];
static _Thread_local cn_progress_fn *progress_fn;
static _Thread_local void *progress_ctx;

/* Keep the first non-empty reason (outer levels of igraph's unwinding pass ""), free what the
 * failing function registered on the finally stack, and return to the caller. */
static void on_error(const char *reason, const char *file, int line, igraph_error_t err)
{
    (void)file;
    (void)line;
    if (!ig_reason[0] && reason && reason[0]) {
        snprintf(ig_reason, sizeof ig_reason, "%s (%s)", reason, igraph_strerror(err));
    }
    IGRAPH_FINALLY_FREE();
}

static void on_warning(const char *reason, const char *file, int line)
{
    (void)reason;
    (void)file;
    (void)line;
}

static igraph_error_t on_progress(const char *message, igraph_real_t percent, void *data)
{
    (void)message;
    (void)data;
    if (progress_fn) {
        progress_fn(percent / 100.0, progress_ctx);
    }
    return IGRAPH_SUCCESS;
}

void cni_ig_set_progress(cn_progress_fn *fn, void *ctx)
{
    progress_fn = fn;
    progress_ctx = ctx;
}

static void cni_ig_enter(cni_ig_guard *g, unsigned long seed)
{
    ig_reason[0] = '\0';
    g->error = igraph_set_error_handler(on_error);
    g->warning = igraph_set_warning_handler(on_warning);
    g->progress = igraph_set_progress_handler(on_progress);
    igraph_rng_seed(igraph_rng_default(), seed);
}

static void cni_ig_leave(const cni_ig_guard *g)
{
    igraph_set_error_handler(g->error);
    igraph_set_warning_handler(g->warning);
    igraph_set_progress_handler(g->progress);
}

static int cni_ig_status(igraph_error_t err)
{
    if (err == IGRAPH_SUCCESS) {
        return 0;
    }
    if (err == IGRAPH_ENOMEM) {
        return cni_fail(CN_ENOMEM, "out of memory in igraph");
    }
    return cni_fail(CN_EGRAPH, "igraph: %s", ig_reason[0] ? ig_reason : igraph_strerror(err));
}

static igraph_error_t make_graph(igraph_t *out, size_t n, const uint32_t *from, const uint32_t *to,
                                 size_t m, igraph_bool_t directed)
{
    igraph_vector_int_t edges;
    igraph_error_t err;

    if ((err = igraph_vector_int_init(&edges, (igraph_integer_t)(2 * m))) != IGRAPH_SUCCESS) {
        return err;
    }
    for (size_t k = 0; k < m; k++) {
        VECTOR(edges)[2 * k] = from[k];
        VECTOR(edges)[2 * k + 1] = to[k];
    }
    err = igraph_create(out, &edges, (igraph_integer_t)n, directed);
    igraph_vector_int_destroy(&edges);
    return err;
}

/* The model's interface (model/graph.h), for the loader's membership-cycle check. */
int cni_graph_strong_components(uint32_t *comp, size_t *ncomp, size_t n, const uint32_t *from,
                                const uint32_t *to, size_t m)
{
    cni_ig_guard guard;
    igraph_t graph;
    igraph_vector_int_t membership;
    igraph_integer_t no = 0;
    int rc;

    cni_ig_enter(&guard, 0);
    if ((rc = cni_ig_status(make_graph(&graph, n, from, to, m, IGRAPH_DIRECTED))) < 0) {
        goto leave;
    }
    if ((rc = cni_ig_status(igraph_vector_int_init(&membership, 0))) < 0) {
        goto destroy_graph;
    }
    if ((rc = cni_ig_status(
             igraph_connected_components(&graph, &membership, NULL, &no, IGRAPH_STRONG))) < 0) {
        goto destroy_membership;
    }
    for (size_t v = 0; v < n; v++) {
        comp[v] = (uint32_t)VECTOR(membership)[v];
    }
    *ncomp = (size_t)no;
destroy_membership:
    igraph_vector_int_destroy(&membership);
destroy_graph:
    igraph_destroy(&graph);
leave:
    cni_ig_leave(&guard);
    return rc;
}

int cni_ig_provoke_error(void)
{
    cni_ig_guard guard;
    igraph_vector_int_t edges;
    igraph_t graph;
    int rc;

    cni_ig_enter(&guard, 0);
    if ((rc = cni_ig_status(igraph_vector_int_init(&edges, 1))) < 0) {
        goto leave;
    }
    if ((rc = cni_ig_status(igraph_create(&graph, &edges, 2, IGRAPH_DIRECTED))) < 0) {
        goto destroy_edges;
    }
    igraph_destroy(&graph);
destroy_edges:
    igraph_vector_int_destroy(&edges);
leave:
    cni_ig_leave(&guard);
    return rc;
}

/* ---- graphs of views ---- */

struct cni_ig_graph {
    igraph_t graph;
    igraph_vector_t strength; /* tie weights as given (empty when unweighted) */
    igraph_vector_t length;   /* 1 / weight, for path-based measures (empty without lengths) */
    igraph_vector_t unit;     /* length scaled so that the shortest is 1 (betweenness) */
    bool weighted;
    bool paths;               /* path-based measures can run: unweighted, or lengths filled */
    size_t nv;
};

int cni_ig_graph_create(cni_ig_graph **out, const cni_view *v, unsigned flags)
{
    cni_ig_graph *gr = calloc(1, sizeof *gr);
    bool weighted = flags & CNI_IG_WEIGHTED;
    /* unweighted, igraph gets no weights or lengths (strengths() etc. give NULL): none kept */
    size_t ns = weighted ? v->m : 0, nl = weighted && (flags & CNI_IG_LENGTHS) ? v->m : 0;
    cni_ig_guard guard;
    int rc;

    *out = NULL;
    if (!gr) {
        return cni_fail(CN_ENOMEM, "out of memory");
    }
    gr->weighted = weighted;
    gr->paths = !weighted || (flags & CNI_IG_LENGTHS);
    gr->nv = v->nv;
    cni_ig_enter(&guard, 0);
    if ((rc = cni_ig_status(make_graph(&gr->graph, v->nv, v->from, v->to, v->m,
                                       IGRAPH_UNDIRECTED))) < 0) {
        goto free_gr;
    }
    if ((rc = cni_ig_status(igraph_vector_init(&gr->strength, (igraph_integer_t)ns))) < 0) {
        goto destroy_graph;
    }
    if ((rc = cni_ig_status(igraph_vector_init(&gr->length, (igraph_integer_t)nl))) < 0) {
        goto destroy_strength;
    }
    if ((rc = cni_ig_status(igraph_vector_init(&gr->unit, (igraph_integer_t)nl))) < 0) {
        goto destroy_length;
    }
    if (ns) {
        memcpy(VECTOR(gr->strength), v->weight, ns * sizeof *v->weight);
    }
    for (size_t e = 0; e < nl; e++) {
        VECTOR(gr->length)[e] = 1.0 / v->weight[e];
    }
    /* betweenness's lengths are computed as brandes.c's kernel gets them */
    cni_bc_lengths(VECTOR(gr->unit), v->weight, nl);
    *out = gr;
    goto leave;
    /* failure: undo what was built, in reverse order */
destroy_length:
    igraph_vector_destroy(&gr->length);
destroy_strength:
    igraph_vector_destroy(&gr->strength);
destroy_graph:
    igraph_destroy(&gr->graph);
free_gr:
    free(gr);
leave:
    cni_ig_leave(&guard);
    return rc;
}

void cni_ig_graph_destroy(cni_ig_graph *gr)
{
    if (!gr) {
        return;
    }
    igraph_vector_destroy(&gr->unit);
    igraph_vector_destroy(&gr->length);
    igraph_vector_destroy(&gr->strength);
    igraph_destroy(&gr->graph);
    free(gr);
}

/* Path-based measures of a weighted graph need its lengths (CNI_IG_LENGTHS). */
static int check_paths(const cni_ig_graph *gr)
{
    return gr->paths ? 0 : cni_fail(CN_EINVAL, "igraph graph built without path lengths");
}

static const igraph_vector_t *strengths(const cni_ig_graph *gr)
{
    return gr->weighted ? &gr->strength : NULL;
}

static const igraph_vector_t *unit_lengths_of(const cni_ig_graph *gr)
{
    return gr->weighted ? &gr->unit : NULL;
}

const double *cni_ig_betweenness_lengths(const cni_ig_graph *gr)
{
    return gr->weighted ? VECTOR(gr->unit) : NULL;
}

/* Weighted closeness into c[i] and the harmonic sum into h[i] (either may be NULL: not
 * computed; both from one pass) of vids[0..k) (NULL: every vertex), from
 * igraph_distances_dijkstra(), in batches of CLOSENESS_BATCH sources. igraph 0.10's
 * igraph_closeness() and igraph_harmonic_centrality() keep a distance as distance + 1.0 (0 for
 * unreached), so a path shorter than about 1e-16 read back as 0: harmonic was inf and closeness
 * nan or inf for ties of weight 1e300. The Dijkstra distances are kept as they are. Closeness
 * is finite: r / (sum of d) is at most the largest tie weight; so is harmonic (at most the total
 * of the weights, CN_MAX_WEIGHT_SUM). Not on our error handler's finally stack: freed here. */
#define CLOSENESS_BATCH 32
static igraph_error_t closeness_by_distances(igraph_vector_t *c, igraph_vector_t *h,
                                             const cni_ig_graph *gr, const uint32_t *vids,
                                             size_t k)
{
    igraph_matrix_t d;
    igraph_vector_int_t src;
    igraph_error_t err;

    if ((c && (err = igraph_vector_resize(c, (igraph_integer_t)k)) != IGRAPH_SUCCESS)
        || (h && (err = igraph_vector_resize(h, (igraph_integer_t)k)) != IGRAPH_SUCCESS)
        || (err = igraph_matrix_init(&d, 0, 0)) != IGRAPH_SUCCESS) {
        goto done;
    }
    if ((err = igraph_vector_int_init(&src, 0)) != IGRAPH_SUCCESS) {
        goto destroy_d;
    }
    for (size_t b = 0; b < k; b += CLOSENESS_BATCH) {
        size_t nb = k - b < CLOSENESS_BATCH ? k - b : CLOSENESS_BATCH;
        if ((err = igraph_vector_int_resize(&src, (igraph_integer_t)nb)) != IGRAPH_SUCCESS) {
            goto destroy_src;
        }
        for (size_t i = 0; i < nb; i++) {
            VECTOR(src)[i] = vids ? vids[b + i] : (igraph_integer_t)(b + i);
        }
        if ((err = igraph_distances_dijkstra(&gr->graph, &d, igraph_vss_vector(&src),
                                             igraph_vss_all(), &gr->length, IGRAPH_ALL))
            != IGRAPH_SUCCESS) {
            goto destroy_src;
        }
        for (size_t i = 0; i < nb; i++) {
            double inv = 0.0, sum = 0.0, reached = 0.0;
            for (size_t v = 0; v < gr->nv; v++) {
                double dist = MATRIX(d, (igraph_integer_t)i, (igraph_integer_t)v);
                if ((igraph_integer_t)v != VECTOR(src)[i] && isfinite(dist)) {
                    inv += 1.0 / dist;
                    sum += dist;
                    reached += 1.0;
                }
            }
            if (c) {
                VECTOR(*c)[b + i] = reached > 0 ? reached / sum : NAN;
            }
            if (h) {
                VECTOR(*h)[b + i] = inv;
            }
        }
    }
destroy_src:
    igraph_vector_int_destroy(&src);
destroy_d:
    igraph_matrix_destroy(&d);
done:
    return err;
}

int cni_ig_components(uint32_t *comp, size_t *ncomp, size_t **csize, const cni_ig_graph *gr)
{
    cni_ig_guard guard;
    igraph_vector_int_t memb, sizes;
    igraph_integer_t no = 0;
    int rc;

    *csize = NULL;
    cni_ig_enter(&guard, 0);
    if ((rc = cni_ig_status(igraph_vector_int_init(&memb, 0))) < 0) {
        goto leave;
    }
    if ((rc = cni_ig_status(igraph_vector_int_init(&sizes, 0))) < 0) {
        goto destroy_memb;
    }
    if ((rc = cni_ig_status(
             igraph_connected_components(&gr->graph, &memb, &sizes, &no, IGRAPH_WEAK))) < 0) {
        goto destroy_sizes;
    }
    if (!(*csize = cni_alloc_array((size_t)no, sizeof **csize))) {
        rc = cni_fail(CN_ENOMEM, "out of memory");
        goto destroy_sizes;
    }
    for (igraph_integer_t c = 0; c < no; c++) {
        (*csize)[c] = (size_t)VECTOR(sizes)[c];
    }
    for (size_t v = 0; v < gr->nv; v++) {
        comp[v] = (uint32_t)VECTOR(memb)[v];
    }
    *ncomp = (size_t)no;
destroy_sizes:
    igraph_vector_int_destroy(&sizes);
destroy_memb:
    igraph_vector_int_destroy(&memb);
leave:
    cni_ig_leave(&guard);
    return rc;
}

/* PageRank, the same bits on every run. Debian's igraph solves it with PRPACK, whose OpenMP
 * loops sum in the order the threads finish: the last bits of the scores changed between runs
 * (4 different GraphML exports in 6 runs of generated S). One thread for the call makes the
 * order fixed, at little cost (README "Centrality", "Same bits on every run").
 * omp_set_num_threads() changes the calling thread's setting only, restored before returning. */
static igraph_error_t pagerank(const cni_ig_graph *gr, igraph_vector_t *r, igraph_real_t *value)
{
    igraph_error_t err;
#ifdef CNI_HAVE_OPENMP
    int threads = omp_get_max_threads();

    omp_set_num_threads(1);
#endif
    err = igraph_pagerank(&gr->graph, IGRAPH_PAGERANK_ALGO_PRPACK, r, value, igraph_vss_all(),
                          IGRAPH_UNDIRECTED, 0.85, strengths(gr), NULL);
#ifdef CNI_HAVE_OPENMP
    omp_set_num_threads(threads);
#endif
    return err;
}

/* Eigenvector centrality is scaled to a maximum of 1, so multiplying every weight by one
 * constant leaves it unchanged; ARPACK squares vector entries (norms), which overflow from
 * weights of about 1e154 ("Could not build an Arnoldi factorization"): weights that large are
 * divided by the largest first. Not on our error-handler's finally stack: freed here. */
static igraph_error_t eigenvector(igraph_vector_t *r, igraph_real_t *value, const cni_ig_graph *gr,
                                  igraph_arpack_options_t *arpack)
{
    const igraph_vector_t *w = strengths(gr);
    igraph_vector_t scaled;
    igraph_error_t err;

    if (!w || igraph_vector_size(w) == 0 || igraph_vector_max(w) == 1.0) {
        return igraph_eigenvector_centrality(&gr->graph, r, value, IGRAPH_UNDIRECTED, true, w,
                                             arpack);
    }
    if ((err = igraph_vector_init_copy(&scaled, w)) != IGRAPH_SUCCESS) {
        return err;
    }
    igraph_vector_scale(&scaled, 1.0 / igraph_vector_max(w));
    err = igraph_eigenvector_centrality(&gr->graph, r, value, IGRAPH_UNDIRECTED, true, &scaled,
                                        arpack);
    igraph_vector_destroy(&scaled);
    return err;
}

/* Burt's constraint depends only on each node's shares of its ties (weight / strength), so one
 * factor on every weight leaves it unchanged. igraph_constraint() multiplies two weights before
 * dividing by the strengths, which overflowed to inf from weights of about 1e154 and vanished to
 * 0 below about 1e-162 (a triangle of weight-1e-200 ties got 0.5 instead of 1.125). The weights
 * are scaled so that the lightest is as far below 1 as the heaviest is above it: every product of
 * two then lies within [lightest / heaviest, heaviest / lightest]. When they span more than 1e300
 * (both ends of the contract, 1e-300 and 1e300, in one graph), the heaviest becomes 1e150 (no
 * product overflows) and a tie that would fall below DBL_MIN counts as DBL_MIN: a node whose ties
 * are all that light gets approximate shares, never 0 / 0. Freed here, not on the finally stack. */
static igraph_error_t constraint(igraph_vector_t *r, const cni_ig_graph *gr)
{
    igraph_vector_t scaled;
    igraph_error_t err;
    double lo, hi;

    if (!gr->weighted || igraph_vector_size(&gr->strength) == 0) {
        return igraph_constraint(&gr->graph, r, igraph_vss_all(), strengths(gr));
    }
    if ((err = igraph_vector_init_copy(&scaled, &gr->strength)) != IGRAPH_SUCCESS) {
        return err;
    }
    lo = igraph_vector_min(&scaled);
    hi = igraph_vector_max(&scaled);
    igraph_vector_scale(&scaled, hi / lo <= 1e300 ? 1.0 / (sqrt(lo) * sqrt(hi)) : 1e150 / hi);
    for (igraph_integer_t e = 0; e < igraph_vector_size(&scaled); e++) {
        VECTOR(scaled)[e] = VECTOR(scaled)[e] < DBL_MIN ? DBL_MIN : VECTOR(scaled)[e];
    }
    err = igraph_constraint(&gr->graph, r, igraph_vss_all(), &scaled);
    igraph_vector_destroy(&scaled);
    return err;
}

int cni_ig_measure(double *res, const cni_ig_graph *gr, cn_measure m)
{
    const igraph_t *g = &gr->graph;
    cni_ig_guard guard;
    igraph_vector_t r;
    igraph_vector_int_t ri;
    igraph_arpack_options_t arpack;
    igraph_real_t value;
    bool integer = m == CN_MEASURE_DEGREE || m == CN_MEASURE_CORENESS;
    bool path = m == CN_MEASURE_BETWEENNESS || m == CN_MEASURE_CLOSENESS
                || m == CN_MEASURE_HARMONIC;
    int rc;

    if (path && (rc = check_paths(gr)) < 0) {
        return rc;
    }
    cni_ig_enter(&guard, 0);
    rc = integer ? cni_ig_status(igraph_vector_int_init(&ri, 0))
                 : cni_ig_status(igraph_vector_init(&r, 0));
    if (rc < 0) {
        goto leave;
    }
    switch (m) {
    case CN_MEASURE_DEGREE:
        rc = cni_ig_status(igraph_degree(g, &ri, igraph_vss_all(), IGRAPH_ALL, IGRAPH_LOOPS));
        break;
    case CN_MEASURE_STRENGTH:
        rc = cni_ig_status(
            igraph_strength(g, &r, igraph_vss_all(), IGRAPH_ALL, IGRAPH_LOOPS, strengths(gr)));
        break;
    case CN_MEASURE_BETWEENNESS:
        rc = cni_ig_status(igraph_betweenness(g, &r, igraph_vss_all(), IGRAPH_UNDIRECTED,
                                              unit_lengths_of(gr)));
        break;
    case CN_MEASURE_CLOSENESS:
        rc = gr->weighted ? cni_ig_status(closeness_by_distances(&r, NULL, gr, NULL, gr->nv))
                          : cni_ig_status(igraph_closeness(g, &r, NULL, NULL, igraph_vss_all(),
                                                           IGRAPH_ALL, NULL, true));
        break;
    case CN_MEASURE_HARMONIC:
        rc = gr->weighted ? cni_ig_status(closeness_by_distances(NULL, &r, gr, NULL, gr->nv))
                          : cni_ig_status(igraph_harmonic_centrality(g, &r, igraph_vss_all(),
                                                                     IGRAPH_ALL, NULL, false));
        break;
    case CN_MEASURE_EIGENVECTOR:
        igraph_arpack_options_init(&arpack);
        /* igraph's 3,000 restarts were not enough for a valid dataset the fuzzer made (a
         * combined graph whose leading eigenvalue is nearly repeated): 68 ms with more */
        arpack.mxiter = 30000;
        rc = cni_ig_status(eigenvector(&r, &value, gr, &arpack));
        break;
    case CN_MEASURE_PAGERANK:
        rc = cni_ig_status(pagerank(gr, &r, &value));
        break;
    case CN_MEASURE_CONSTRAINT:
        rc = cni_ig_status(constraint(&r, gr));
        break;
    case CN_MEASURE_CORENESS:
        rc = cni_ig_status(igraph_coreness(g, &ri, IGRAPH_ALL));
        break;
    default:
        rc = cni_fail(CN_EINVAL, "unknown measure %d", (int)m);
    }
    for (size_t v = 0; rc == 0 && v < gr->nv; v++) {
        res[v] = integer ? (double)VECTOR(ri)[v] : VECTOR(r)[v];
    }
    if (integer) {
        igraph_vector_int_destroy(&ri);
    } else {
        igraph_vector_destroy(&r);
    }
leave:
    cni_ig_leave(&guard);
    return rc;
}

/* A vertex selector over our uint32 ids (igraph wants igraph_integer_t). */
static igraph_error_t vids_init(igraph_vector_int_t *vec, const uint32_t *ids, size_t k)
{
    igraph_error_t err = igraph_vector_int_init(vec, (igraph_integer_t)k);

    for (size_t i = 0; err == IGRAPH_SUCCESS && i < k; i++) {
        VECTOR(*vec)[i] = ids[i];
    }
    return err;
}

int cni_ig_betweenness_from(double *res, const cni_ig_graph *gr, const uint32_t *src, size_t k)
{
    cni_ig_guard guard;
    igraph_vector_t r;
    igraph_vector_int_t sv;
    int rc;

    if ((rc = check_paths(gr)) < 0) {
        return rc;
    }
    cni_ig_enter(&guard, 0);
    if ((rc = cni_ig_status(igraph_vector_init(&r, 0))) < 0) {
        goto leave;
    }
    if ((rc = cni_ig_status(vids_init(&sv, src, k))) < 0) {
        goto destroy_r;
    }
    if ((rc = cni_ig_status(igraph_betweenness_subset(&gr->graph, &r, igraph_vss_all(),
                                                      IGRAPH_UNDIRECTED, igraph_vss_vector(&sv),
                                                      igraph_vss_all(), unit_lengths_of(gr))))
        < 0) {
        goto destroy_sv;
    }
    for (size_t v = 0; v < gr->nv; v++) {
        res[v] += VECTOR(r)[v];
    }
destroy_sv:
    igraph_vector_int_destroy(&sv);
destroy_r:
    igraph_vector_destroy(&r);
leave:
    cni_ig_leave(&guard);
    return rc;
}

int cni_ig_closeness_of(double *res, double *other, const cni_ig_graph *gr, const uint32_t *vids,
                        size_t k, bool harmonic)
{
    cni_ig_guard guard;
    igraph_vector_t r, o;
    igraph_vector_int_t vv;
    int rc;

    if ((rc = check_paths(gr)) < 0) {
        return rc;
    }
    cni_ig_enter(&guard, 0);
    if ((rc = cni_ig_status(igraph_vector_init(&r, 0))) < 0) {
        goto leave;
    }
    if ((rc = cni_ig_status(igraph_vector_init(&o, 0))) < 0) {
        goto destroy_r;
    }
    if ((rc = cni_ig_status(vids_init(&vv, vids, k))) < 0) {
        goto destroy_o;
    }
    if (gr->weighted) {
        igraph_vector_t *ov = other ? &o : NULL;
        rc = cni_ig_status(harmonic ? closeness_by_distances(ov, &r, gr, vids, k)
                                    : closeness_by_distances(&r, ov, gr, vids, k));
    } else if (harmonic) {
        rc = cni_ig_status(igraph_harmonic_centrality(&gr->graph, &r, igraph_vss_vector(&vv),
                                                      IGRAPH_ALL, NULL, false));
    } else {
        rc = cni_ig_status(igraph_closeness(&gr->graph, &r, NULL, NULL, igraph_vss_vector(&vv),
                                            IGRAPH_ALL, NULL, true));
    }
    if (rc < 0) {
        goto destroy_vv;
    }
    for (size_t i = 0; i < k; i++) {
        res[vids[i]] = VECTOR(r)[i];
        if (other && gr->weighted) {
            other[vids[i]] = VECTOR(o)[i];
        }
    }
destroy_vv:
    igraph_vector_int_destroy(&vv);
destroy_o:
    igraph_vector_destroy(&o);
destroy_r:
    igraph_vector_destroy(&r);
leave:
    cni_ig_leave(&guard);
    return rc;
}

int cni_ig_distances_from(double *dist, const cni_ig_graph *gr, const uint32_t *src, size_t k)
{
    cni_ig_guard guard;
    igraph_matrix_t d;
    igraph_vector_int_t sv;
    int rc;

    if ((rc = check_paths(gr)) < 0) {
        return rc;
    }
    cni_ig_enter(&guard, 0);
    if ((rc = cni_ig_status(igraph_matrix_init(&d, 0, 0))) < 0) {
        goto leave;
    }
    if ((rc = cni_ig_status(vids_init(&sv, src, k))) < 0) {
        goto destroy_d;
    }
    if (gr->weighted) {
        rc = cni_ig_status(igraph_distances_dijkstra(&gr->graph, &d, igraph_vss_vector(&sv),
                                                     igraph_vss_all(), &gr->length, IGRAPH_ALL));
    } else {
        rc = cni_ig_status(igraph_distances(&gr->graph, &d, igraph_vss_vector(&sv),
                                            igraph_vss_all(), IGRAPH_ALL));
    }
    if (rc < 0) {
        goto destroy_sv;
    }
    for (size_t i = 0; i < k; i++) {
        for (size_t v = 0; v < gr->nv; v++) {
            dist[i * gr->nv + v] = MATRIX(d, (igraph_integer_t)i, (igraph_integer_t)v);
        }
    }
destroy_sv:
    igraph_vector_int_destroy(&sv);
destroy_d:
    igraph_matrix_destroy(&d);
leave:
    cni_ig_leave(&guard);
    return rc;
}

int cni_ig_blocks(uint32_t **ap, size_t *nap, uint32_t **off, uint32_t **verts, size_t *nblocks,
                  const cni_ig_graph *gr)
{
    cni_ig_guard guard;
    igraph_vector_int_list_t comps;
    igraph_vector_int_t aps;
    igraph_integer_t no = 0;
    size_t total = 0, k = 0;
    int rc;

    *ap = NULL;
    *off = NULL;
    *verts = NULL;
    *nap = *nblocks = 0;
    cni_ig_enter(&guard, 0);
    if ((rc = cni_ig_status(igraph_vector_int_list_init(&comps, 0))) < 0) {
        goto leave;
    }
    if ((rc = cni_ig_status(igraph_vector_int_init(&aps, 0))) < 0) {
        goto destroy_comps;
    }
    if ((rc = cni_ig_status(
             igraph_biconnected_components(&gr->graph, &no, NULL, NULL, &comps, &aps))) < 0) {
        goto destroy_aps;
    }
    for (igraph_integer_t b = 0; b < no; b++) {
        total += (size_t)igraph_vector_int_size(igraph_vector_int_list_get_ptr(&comps, b));
    }
    *ap = cni_alloc_array((size_t)igraph_vector_int_size(&aps), sizeof **ap);
    *off = cni_alloc_array((size_t)no + 1, sizeof **off);
    *verts = cni_alloc_array(total, sizeof **verts);
    if (!*ap || !*off || !*verts) {
        rc = cni_fail(CN_ENOMEM, "out of memory");
        goto destroy_aps;
    }
    *nap = (size_t)igraph_vector_int_size(&aps);
    for (size_t i = 0; i < *nap; i++) {
        (*ap)[i] = (uint32_t)VECTOR(aps)[i];
    }
    for (igraph_integer_t b = 0; b < no; b++) {
        igraph_vector_int_t *c = igraph_vector_int_list_get_ptr(&comps, b);
        (*off)[b] = (uint32_t)k;
        for (igraph_integer_t i = 0; i < igraph_vector_int_size(c); i++) {
            (*verts)[k++] = (uint32_t)VECTOR(*c)[i];
        }
    }
    (*off)[no] = (uint32_t)k;
    *nblocks = (size_t)no;
destroy_aps:
    igraph_vector_int_destroy(&aps);
destroy_comps:
    igraph_vector_int_list_destroy(&comps);
leave:
    cni_ig_leave(&guard);
    if (rc < 0) {
        free(*ap);
        free(*off);
        free(*verts);
        *ap = *off = *verts = NULL;
    }
    return rc;
}

int cni_ig_bfs(uint32_t *order, uint32_t *dist, size_t *count, const cni_ig_graph *gr,
               uint32_t root, size_t depth)
{
    cni_ig_guard guard;
    igraph_vector_int_t ord, layers;
    int rc;

    *count = 0;
    if (root >= gr->nv) {
        return cni_fail(CN_EINVAL, "no vertex %u in a graph of %zu", (unsigned)root, gr->nv);
    }
    cni_ig_enter(&guard, 0);
    if ((rc = cni_ig_status(igraph_vector_int_init(&ord, 0))) < 0) {
        goto leave;
    }
    if ((rc = cni_ig_status(igraph_vector_int_init(&layers, 0))) < 0) {
        goto destroy_ord;
    }
    if ((rc = cni_ig_status(igraph_bfs_simple(&gr->graph, (igraph_integer_t)root, IGRAPH_ALL,
                                              &ord, &layers, NULL))) < 0) {
        goto destroy_layers;
    }
    /* layers[l] .. layers[l+1] are the vertices l steps away */
    for (igraph_integer_t l = 0; l + 1 < igraph_vector_int_size(&layers) && (size_t)l <= depth;
         l++) {
        for (igraph_integer_t k = VECTOR(layers)[l]; k < VECTOR(layers)[l + 1]; k++) {
            order[*count] = (uint32_t)VECTOR(ord)[k];
            dist[(*count)++] = (uint32_t)l;
        }
    }
destroy_layers:
    igraph_vector_int_destroy(&layers);
destroy_ord:
    igraph_vector_int_destroy(&ord);
leave:
    cni_ig_leave(&guard);
    return rc;
}

int cni_ig_assortativity_nominal(double *out, size_t nv, const uint32_t *from, const uint32_t *to,
                                 size_t m, const uint32_t *type)
{
    cni_ig_guard guard;
    igraph_t graph;
    igraph_vector_int_t types;
    igraph_real_t r = NAN;
    int rc;

    *out = NAN;
    cni_ig_enter(&guard, 0);
    if ((rc = cni_ig_status(make_graph(&graph, nv, from, to, m, IGRAPH_UNDIRECTED))) < 0) {
        goto leave;
    }
    if ((rc = cni_ig_status(igraph_vector_int_init(&types, (igraph_integer_t)nv))) < 0) {
        goto destroy_graph;
    }
    for (size_t v = 0; v < nv; v++) {
        VECTOR(types)[v] = type[v];
    }
    if ((rc = cni_ig_status(igraph_assortativity_nominal(&graph, &types, &r, IGRAPH_UNDIRECTED,
                                                         true))) == 0) {
        *out = r;
    }
    igraph_vector_int_destroy(&types);
destroy_graph:
    igraph_destroy(&graph);
leave:
    cni_ig_leave(&guard);
    return rc;
}

/* ---- communities ---- */

static igraph_error_t vector_of(igraph_vector_int_t *out, const uint32_t *ids, size_t n)
{
    igraph_error_t err = igraph_vector_int_init(out, (igraph_integer_t)n);

    for (size_t i = 0; err == IGRAPH_SUCCESS && i < n; i++) {
        VECTOR(*out)[i] = ids[i];
    }
    return err;
}

/* Leiden optimises modularity when every vertex weighs its strength and the resolution is
 * divided by twice the total tie weight (igraph's documentation of igraph_community_leiden);
 * a negative n_iterations iterates until the partition no longer changes. */
int cni_ig_communities(uint32_t *memb, const cni_ig_graph *gr, bool leiden, double resolution,
                       uint64_t seed)
{
    cni_ig_guard guard;
    igraph_vector_int_t membership;
    igraph_vector_t strength;
    igraph_integer_t nb = 0;
    int rc;

    cni_ig_enter(&guard, (unsigned long)seed);
    if ((rc = cni_ig_status(igraph_vector_int_init(&membership, 0))) < 0) {
        goto leave;
    }
    if ((rc = cni_ig_status(igraph_vector_init(&strength, 0))) < 0) {
        goto destroy_membership;
    }
    if (leiden) {
        double total = gr->weighted ? igraph_vector_sum(&gr->strength)
                                    : (double)igraph_ecount(&gr->graph);
        if ((rc = cni_ig_status(igraph_strength(&gr->graph, &strength, igraph_vss_all(),
                                                IGRAPH_ALL, IGRAPH_LOOPS, strengths(gr))))
                < 0
            || (rc = cni_ig_status(igraph_community_leiden(
                    &gr->graph, strengths(gr), &strength, resolution / (2.0 * total), 0.01, false,
                    -1, &membership, &nb, NULL)))
                   < 0) {
            goto destroy_strength;
        }
    } else if ((rc = cni_ig_status(igraph_community_multilevel(&gr->graph, strengths(gr),
                                                                resolution, &membership, NULL,
                                                                NULL)))
               < 0) {
        goto destroy_strength;
    }
    for (size_t v = 0; v < gr->nv; v++) {
        memb[v] = (uint32_t)VECTOR(membership)[v];
    }
destroy_strength:
    igraph_vector_destroy(&strength);
destroy_membership:
    igraph_vector_int_destroy(&membership);
leave:
    cni_ig_leave(&guard);
    return rc;
}

int cni_ig_compare(double out[3], const uint32_t *a, const uint32_t *b, size_t n)
{
    static const igraph_community_comparison_t methods[3] = {
        IGRAPH_COMMCMP_NMI, IGRAPH_COMMCMP_ADJUSTED_RAND, IGRAPH_COMMCMP_VI
    };
    cni_ig_guard guard;
    igraph_vector_int_t va, vb;
    int rc;

    cni_ig_enter(&guard, 0);
    if ((rc = cni_ig_status(vector_of(&va, a, n))) < 0) {
        goto leave;
    }
    if ((rc = cni_ig_status(vector_of(&vb, b, n))) < 0) {
        goto destroy_a;
    }
    for (int k = 0; k < 3 && rc == 0; k++) {
        igraph_real_t r = NAN;
        rc = cni_ig_status(igraph_compare_communities(&va, &vb, &r, methods[k]));
        out[k] = r;
    }
    igraph_vector_int_destroy(&vb);
destroy_a:
    igraph_vector_int_destroy(&va);
leave:
    cni_ig_leave(&guard);
    return rc;
}

/* Everything that calls igraph. igraph's default error handler aborts the process, and its
 * handlers, finally stack and RNG are process-global; every entry point here therefore installs
 * our handlers for the duration of the call (cni_ig_enter/leave), turns igraph's error code into
 * a cn_status with igraph's reason in cn_errmsg(), and frees every igraph object before leaving. */
#include <igraph.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../model/graph.h"
#include "ig.h"

typedef struct cni_ig_guard {
    igraph_error_handler_t *error;
    igraph_warning_handler_t *warning;
} cni_ig_guard;

static _Thread_local char ig_reason[256];

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

static void cni_ig_enter(cni_ig_guard *g, unsigned long seed)
{
    ig_reason[0] = '\0';
    g->error = igraph_set_error_handler(on_error);
    g->warning = igraph_set_warning_handler(on_warning);
    igraph_rng_seed(igraph_rng_default(), seed);
}

static void cni_ig_leave(const cni_ig_guard *g)
{
    igraph_set_error_handler(g->error);
    igraph_set_warning_handler(g->warning);
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

/* An igraph_t on @p n vertices from edge pairs given by a callback-free edge list. */
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

int cni_ig_strong_components(uint32_t *comp, size_t *ncomp, size_t n, const uint32_t *from,
                             const uint32_t *to, size_t m)
{
    cni_ig_guard guard;
    igraph_t graph;
    igraph_vector_int_t membership;
    igraph_integer_t no = 0;
    bool have_graph = false, have_vec = false;
    int rc;

    cni_ig_enter(&guard, 0);
    rc = cni_ig_status(make_graph(&graph, n, from, to, m, IGRAPH_DIRECTED));
    have_graph = rc == 0;
    if (rc == 0) {
        rc = cni_ig_status(igraph_vector_int_init(&membership, 0));
        have_vec = rc == 0;
    }
    if (rc == 0) {
        rc = cni_ig_status(
            igraph_connected_components(&graph, &membership, NULL, &no, IGRAPH_STRONG));
    }
    if (rc == 0) {
        for (size_t v = 0; v < n; v++) {
            comp[v] = (uint32_t)VECTOR(membership)[v];
        }
        *ncomp = (size_t)no;
    }
    if (have_vec) {
        igraph_vector_int_destroy(&membership);
    }
    if (have_graph) {
        igraph_destroy(&graph);
    }
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
    if ((rc = cni_ig_status(igraph_vector_int_init(&edges, 1))) == 0) {
        if ((rc = cni_ig_status(igraph_create(&graph, &edges, 2, IGRAPH_DIRECTED))) == 0) {
            igraph_destroy(&graph);
        }
        igraph_vector_int_destroy(&edges);
    }
    cni_ig_leave(&guard);
    return rc;
}

const char *cn_view_name(cn_view view)
{
    static const char *const names[] = { "collaboration", "membership", "combined" };

    return (unsigned)view <= CN_VIEW_COMBINED ? names[view] : NULL;
}

/* The edge list of a view, as vertex pairs in node order. */
static int view_edges(uint32_t **from, uint32_t **to, size_t *m, const cn_graph *g, cn_view view)
{
    size_t cap = 0, k = 0;

    if (view == CN_VIEW_COLLABORATION || view == CN_VIEW_COMBINED) {
        cap += g->nties;
    }
    if (view == CN_VIEW_MEMBERSHIP || view == CN_VIEW_COMBINED) {
        cap += g->count_edge_kind[CN_EDGE_MEMBERSHIP];
    }
    *from = cni_alloc_array(cap, sizeof **from);
    *to = cni_alloc_array(cap, sizeof **to);
    if (!*from || !*to) {
        return cni_fail(CN_ENOMEM, "out of memory");
    }
    if (view == CN_VIEW_COLLABORATION || view == CN_VIEW_COMBINED) {
        for (size_t t = 0; t < g->nties; t++, k++) {
            (*from)[k] = g->tie_a[t];
            (*to)[k] = g->tie_b[t];
        }
    }
    if (view == CN_VIEW_MEMBERSHIP || view == CN_VIEW_COMBINED) {
        for (size_t e = 0; e < g->m; e++) {
            if (g->e_kind[e] == CN_EDGE_MEMBERSHIP) {
                (*from)[k] = g->e_src[e];
                (*to)[k++] = g->e_dst[e];
            }
        }
    }
    *m = k;
    return 0;
}

int cn_graph_components(cn_components *out, const cn_graph *g, cn_view view, size_t *membership)
{
    cni_ig_guard guard;
    igraph_t graph;
    igraph_vector_int_t memb, csize;
    igraph_integer_t no = 0;
    uint32_t *from = NULL, *to = NULL;
    size_t m = 0;
    bool have_graph = false, have_memb = false, have_size = false;
    int rc;

    memset(out, 0, sizeof *out);
    if (!g || !cn_view_name(view)) {
        return cni_fail(CN_EINVAL, "invalid graph or view");
    }
    if ((rc = view_edges(&from, &to, &m, g, view)) < 0) {
        free(from);
        free(to);
        return rc;
    }
    cni_ig_enter(&guard, 0);
    rc = cni_ig_status(make_graph(&graph, g->n, from, to, m, IGRAPH_UNDIRECTED));
    have_graph = rc == 0;
    if (rc == 0 && (rc = cni_ig_status(igraph_vector_int_init(&memb, 0))) == 0) {
        have_memb = true;
    }
    if (rc == 0 && (rc = cni_ig_status(igraph_vector_int_init(&csize, 0))) == 0) {
        have_size = true;
    }
    if (rc == 0) {
        rc = cni_ig_status(igraph_connected_components(&graph, &memb, &csize, &no, IGRAPH_WEAK));
    }
    if (rc == 0) {
        igraph_vector_int_t degree;
        out->count = (size_t)no;
        for (igraph_integer_t c = 0; c < no; c++) {
            if ((size_t)VECTOR(csize)[c] > out->largest) {
                out->largest = (size_t)VECTOR(csize)[c];
            }
        }
        if ((rc = cni_ig_status(igraph_vector_int_init(&degree, 0))) == 0) {
            rc = cni_ig_status(igraph_degree(&graph, &degree, igraph_vss_all(), IGRAPH_ALL,
                                             IGRAPH_LOOPS));
            for (size_t v = 0; rc == 0 && v < g->n; v++) {
                out->isolated += VECTOR(degree)[v] == 0;
            }
            igraph_vector_int_destroy(&degree);
        }
        for (size_t v = 0; rc == 0 && membership && v < g->n; v++) {
            membership[v] = (size_t)VECTOR(memb)[v];
        }
    }
    if (have_size) {
        igraph_vector_int_destroy(&csize);
    }
    if (have_memb) {
        igraph_vector_int_destroy(&memb);
    }
    if (have_graph) {
        igraph_destroy(&graph);
    }
    cni_ig_leave(&guard);
    free(from);
    free(to);
    return rc;
}

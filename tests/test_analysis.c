/* Analyses on the model, and the igraph guard that keeps igraph from aborting the process. */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <igraph.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "analysis/ig.h"
#include "model/graph.h"
#include "helpers.h"

static cn_graph *g;
static cn_diag_list *diags;

static void setup(void)
{
    cr_assert(eq(int, th_load("analysis_small", &g, &diags), 0), "%s", th_diag(diags, 0));
}

static void teardown(void)
{
    cn_graph_destroy(g);
    cn_diag_list_destroy(diags);
}

/* By hand: collaboration ties u1-x1 and u2-e1; memberships u1,e1,n2 -> n1 and u2 -> n2. */
Test(analysis_components, collaboration_view, .init = setup, .fini = teardown)
{
    cn_components c;
    size_t memb[7];

    cr_assert(eq(int, cn_graph_components(&c, g, CN_VIEW_COLLABORATION, memb), 0));
    /* actors only: {u1,x1} {u2,e1} {x2}; the networks n1, n2 are not vertices */
    cr_assert(eq(sz, c.count, 3));
    cr_assert(eq(sz, c.largest, 2));
    cr_assert(eq(sz, c.isolated, 1));
    cr_assert(eq(sz, memb[0], memb[3])); /* u1 with x1 */
    cr_assert(eq(sz, memb[1], memb[2])); /* u2 with e1 */
    cr_assert(ne(sz, memb[0], memb[1]));
    cr_assert(eq(sz, memb[5], CN_NONE));
    cr_assert(eq(sz, memb[6], CN_NONE));
    cr_assert(eq(int, (int)IGRAPH_FINALLY_STACK_SIZE(), 0));
}

Test(analysis_components, membership_and_combined_views, .init = setup, .fini = teardown)
{
    cn_components c;

    cr_assert(eq(int, cn_graph_components(&c, g, CN_VIEW_MEMBERSHIP, NULL), 0));
    /* {u1,e1,n1,n2,u2} {x1} {x2} */
    cr_assert(eq(sz, c.count, 3));
    cr_assert(eq(sz, c.largest, 5));
    cr_assert(eq(sz, c.isolated, 2));
    cr_assert(eq(int, cn_graph_components(&c, g, CN_VIEW_COMBINED, NULL), 0));
    /* {u1,e1,n1,n2,u2,x1} {x2} */
    cr_assert(eq(sz, c.count, 2));
    cr_assert(eq(sz, c.largest, 6));
    cr_assert(eq(sz, c.isolated, 1));
}

Test(analysis_components, invalid_view_is_rejected, .init = setup, .fini = teardown)
{
    cn_components c;

    cr_assert(eq(int, cn_graph_components(&c, g, (cn_view)7, NULL), CN_EINVAL));
    cr_assert(eq(str, (char *)cn_view_name(CN_VIEW_COMEMBERSHIP), "comembership"));
    cr_assert_null(cn_view_name((cn_view)7));
    cr_assert(eq(str, (char *)cn_view_name(CN_VIEW_COMBINED), "combined"));
}

/* An odd-length edge vector makes igraph_create fail: with igraph's default handler the process
 * would abort; ours returns CN_EGRAPH with igraph's reason. */
Test(analysis_igraph, errors_return_instead_of_aborting)
{
    igraph_error_handler_t *before = igraph_set_error_handler(igraph_error_handler_abort);
    int rc;

    rc = cni_ig_provoke_error();
    cr_assert(eq(int, rc, CN_EGRAPH));
    cr_assert(ne(ptr, strstr(cn_errmsg(), "igraph: "), NULL), "message: %s", cn_errmsg());
    cr_assert(ne(ptr, strstr(cn_errmsg(), "odd"), NULL), "message: %s", cn_errmsg());
    cr_log_info("igraph said: %s", cn_errmsg());
    cr_assert(eq(int, (int)IGRAPH_FINALLY_STACK_SIZE(), 0));
    /* the caller's handler is back in place */
    cr_assert(eq(ptr, (void *)igraph_set_error_handler(before), (void *)igraph_error_handler_abort));
}

Test(analysis_igraph, strong_components_find_cycles)
{
    /* 0 -> 1 -> 2 -> 0 is one component; 3 -> 0 leaves 3 alone */
    uint32_t comp[4], from[] = { 0, 1, 2, 3 }, to[] = { 1, 2, 0, 0 };
    size_t ncomp = 0;

    cr_assert(eq(int, cni_graph_strong_components(comp, &ncomp, 4, from, to, 4), 0));
    cr_assert(eq(sz, ncomp, 2));
    cr_assert(eq(u32, comp[0], comp[1]));
    cr_assert(eq(u32, comp[1], comp[2]));
    cr_assert(ne(u32, comp[3], comp[0]));
}

/* ---- centrality ---- */

static const cn_measure all_measures[CN_MEASURE_COUNT] = {
    CN_MEASURE_DEGREE, CN_MEASURE_STRENGTH, CN_MEASURE_BETWEENNESS, CN_MEASURE_CLOSENESS,
    CN_MEASURE_HARMONIC, CN_MEASURE_EIGENVECTOR, CN_MEASURE_PAGERANK, CN_MEASURE_CONSTRAINT,
    CN_MEASURE_CORENESS
};

/* vals[m][node] for all measures on a fixture */
static double *vals[CN_MEASURE_COUNT];

static void compute(const char *name, const cn_centrality_options *o)
{
    int rc = th_load(name, &g, &diags);

    cr_assert(eq(int, rc, 0), "%s", th_diag(diags, 0));
    for (int m = 0; m < CN_MEASURE_COUNT; m++) {
        vals[m] = calloc(cn_graph_node_count(g) + 1, sizeof(double));
    }
    rc = cn_centrality(vals, g, all_measures, CN_MEASURE_COUNT, o);
    cr_assert(eq(int, rc, 0), "%s", cn_errmsg());
    cr_assert(eq(int, (int)IGRAPH_FINALLY_STACK_SIZE(), 0));
}

static void free_vals(void)
{
    for (int m = 0; m < CN_MEASURE_COUNT; m++) {
        free(vals[m]);
        vals[m] = NULL;
    }
    teardown();
    g = NULL;
    diags = NULL;
}

static double val(cn_measure m, const char *id)
{
    size_t i = cn_graph_find(g, id);

    cr_assert(ne(sz, i, CN_NONE), "no node %s", id);
    return vals[m][i];
}

/* |got - want| <= tol * max(1, |want|) */
static void near(double got, double want, double tol, const char *what, const char *id)
{
    double scale = fabs(want) > 1 ? fabs(want) : 1;

    cr_expect(le(dbl, fabs(got - want), tol * scale), "%s of %s: got %.17g, want %.17g", what, id,
              got, want);
}

/* The karate club (Zachary 1977) against tests/data/karate/expected.csv, which
 * tests/ref/karate_reference.py derives with NetworkX and exact fractions, not igraph. */
static void check_karate(bool weighted)
{
    static const char *const cols[CN_MEASURE_COUNT] = {
        "degree", "strength", "betweenness", "closeness", "harmonic",
        "eigenvector", "pagerank", "constraint", "coreness"
    };
    char line[2048], *names[32];
    size_t ncols = 0, rows = 0;
    FILE *fp = fopen("data/karate/expected.csv", "r");

    cr_assert_not_null(fp);
    cr_assert_not_null(fgets(line, sizeof line, fp));
    line[strcspn(line, "\r\n")] = '\0';
    for (char *tok = strtok(line, ","); tok && ncols < 32; tok = strtok(NULL, ",")) {
        names[ncols++] = strdup(tok);
    }
    while (fgets(line, sizeof line, fp)) {
        char *cells[32], *save = NULL;
        size_t n = 0;
        line[strcspn(line, "\r\n")] = '\0';
        for (char *tok = strtok_r(line, ",", &save); tok && n < 32; tok = strtok_r(NULL, ",", &save)) {
            cells[n++] = tok;
        }
        cr_assert(eq(sz, n, ncols));
        for (int m = 0; m < CN_MEASURE_COUNT; m++) {
            char want_col[64];
            /* degree and coreness ignore weights; the rest have a w_ column when weighted */
            bool has_w = m != CN_MEASURE_DEGREE && m != CN_MEASURE_CORENESS
                         && m != CN_MEASURE_STRENGTH;
            snprintf(want_col, sizeof want_col, "%s%s", weighted && has_w ? "w_" : "", cols[m]);
            for (size_t c = 0; c < ncols; c++) {
                if (strcmp(names[c], want_col) == 0) {
                    double want = strtod(cells[c], NULL);
                    double tol = m == CN_MEASURE_EIGENVECTOR || m == CN_MEASURE_PAGERANK ? 1e-6
                                                                                          : 1e-9;
                    if (m == CN_MEASURE_STRENGTH && !weighted) {
                        want = strtod(cells[1], NULL); /* unweighted strength is the degree */
                    }
                    near(val((cn_measure)m, cells[0]), want, tol, want_col, cells[0]);
                }
            }
        }
        rows++;
    }
    fclose(fp);
    for (size_t c = 0; c < ncols; c++) {
        free(names[c]);
    }
    cr_assert(eq(sz, rows, 34));
}

Test(analysis_centrality, karate_unweighted_matches_reference, .fini = free_vals)
{
    cn_centrality_options o = CN_CENTRALITY_OPTIONS_INIT;

    o.weighted = false;
    compute("karate", &o);
    check_karate(false);
    /* the literature's figures (Zachary's club is the classic example) */
    near(val(CN_MEASURE_BETWEENNESS, "m1"), 231.0714285714286, 1e-12, "betweenness", "m1");
    cr_assert(eq(dbl, val(CN_MEASURE_DEGREE, "m34"), 17));
}

Test(analysis_centrality, karate_weighted_matches_reference, .fini = free_vals)
{
    compute("karate", NULL);
    check_karate(true);
}

/* Path-based measures split across worker processes give the same numbers. */
Test(analysis_centrality, worker_processes_agree_with_one, .fini = free_vals)
{
    cn_centrality_options o = CN_CENTRALITY_OPTIONS_INIT;
    double *one[3];
    const cn_measure ms[3] = { CN_MEASURE_BETWEENNESS, CN_MEASURE_CLOSENESS, CN_MEASURE_HARMONIC };

    o.processes = 3;
    compute("karate", &o);
    o.processes = 1;
    for (int k = 0; k < 3; k++) {
        one[k] = calloc(34, sizeof(double));
    }
    cr_assert(eq(int, cn_centrality(one, g, ms, 3, &o), 0));
    for (size_t i = 0; i < 34; i++) {
        for (int k = 0; k < 3; k++) {
            near(vals[ms[k]][i], one[k][i], 1e-12, cn_measure_name(ms[k]), cn_graph_node_id(g, i));
        }
    }
    for (int k = 0; k < 3; k++) {
        free(one[k]);
    }
}

/* Closeness and harmonic asked for together come from one pass over the distances (issue 20):
 * the same bits as each asked for alone, in either order, weighted and unweighted, exact and
 * sampled, in one process and in three, on Les Misérables (77 nodes, weighted ties). */
Test(analysis_centrality, closeness_with_harmonic_equals_each_alone, .fini = free_vals)
{
    static const cn_measure both[2][2] = { { CN_MEASURE_CLOSENESS, CN_MEASURE_HARMONIC },
                                           { CN_MEASURE_HARMONIC, CN_MEASURE_CLOSENESS } };
    static const struct {
        bool weighted;
        size_t sample;
        unsigned processes;
    } cases[] = { { true, 0, 1 },  { true, 0, 3 },  { true, 20, 1 }, { true, 20, 2 },
                  { false, 0, 1 }, { false, 0, 3 }, { false, 20, 2 } };

    cr_assert(eq(int, th_load("lesmis", &g, &diags), 0), "%s", th_diag(diags, 0));
    size_t n = cn_graph_node_count(g);
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        cn_centrality_options o = CN_CENTRALITY_OPTIONS_INIT;
        double *alone[2], *pair[2];
        o.weighted = cases[c].weighted;
        o.sample = cases[c].sample;
        o.processes = cases[c].processes;
        for (int k = 0; k < 2; k++) {
            alone[k] = calloc(n + 1, sizeof(double));
            pair[k] = calloc(n + 1, sizeof(double));
            cr_assert(eq(int, cn_centrality(&alone[k], g, &both[0][k], 1, &o), 0), "%s",
                      cn_errmsg());
        }
        for (int order = 0; order < 2; order++) {
            cr_assert(eq(int, cn_centrality(pair, g, both[order], 2, &o), 0), "%s", cn_errmsg());
            for (int k = 0; k < 2; k++) {
                int which = both[order][k] == CN_MEASURE_CLOSENESS ? 0 : 1;
                for (size_t i = 0; i < n; i++) {
                    cr_assert(memcmp(&pair[k][i], &alone[which][i], sizeof(double)) == 0,
                              "case %zu, order %d, %s of %s: %.17g together, %.17g alone", c,
                              order, cn_measure_name(both[order][k]), cn_graph_node_id(g, i),
                              pair[k][i], alone[which][i]);
                }
            }
        }
        cr_assert(gt(dbl, alone[0][0] + alone[1][0], 0.0)); /* not a table of zeros */
        for (int k = 0; k < 2; k++) {
            free(alone[k]);
            free(pair[k]);
        }
    }
}

/* Every call of the progress callback, kept in a page shared with any forked worker so that a
 * call made in a worker is seen too. */
typedef struct progress_log {
    size_t n;
    pid_t pid[4096];
    double fraction[4096];
} progress_log;

static void record_progress(double fraction, void *ctx)
{
    progress_log *log = ctx;

    if (log->n < 4096) {
        log->pid[log->n] = getpid();
        log->fraction[log->n] = fraction;
    }
    log->n++;
}

/* One bar for the whole call, drawn by the caller from the workers' counts: the callback runs
 * in the calling process only (worker bars used to interleave with it: 14 -> 86 %, 0 %, 5 %),
 * its fractions never decrease, and the last one is 1. */
static void check_progress(size_t sample)
{
    progress_log *log = mmap(NULL, sizeof *log, PROT_READ | PROT_WRITE,
                             MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    cn_centrality_options o = CN_CENTRALITY_OPTIONS_INIT;
    double *out[3];
    const cn_measure ms[3] = { CN_MEASURE_BETWEENNESS, CN_MEASURE_CLOSENESS, CN_MEASURE_HARMONIC };

    cr_assert(ne(ptr, log, MAP_FAILED));
    cr_assert(eq(int, th_load("karate", &g, &diags), 0), "%s", th_diag(diags, 0));
    for (int k = 0; k < 3; k++) {
        out[k] = calloc(34, sizeof(double));
    }
    o.processes = 3;
    o.sample = sample;
    o.progress = record_progress;
    o.progress_ctx = log;
    cr_assert(eq(int, cn_centrality(out, g, ms, 3, &o), 0), "%s", cn_errmsg());
    cr_assert(gt(sz, log->n, 3), "the workers' sources are counted as they go");
    cr_assert(le(sz, log->n, 4096));
    for (size_t i = 0; i < log->n; i++) {
        cr_assert(eq(int, log->pid[i], getpid()), "call %zu of %zu came from a worker", i, log->n);
        cr_assert(ge(dbl, log->fraction[i], 0.0));
        cr_assert(le(dbl, log->fraction[i], 1.0));
        if (i > 0) {
            cr_assert(ge(dbl, log->fraction[i], log->fraction[i - 1]), "call %zu: %g after %g", i,
                      log->fraction[i], log->fraction[i - 1]);
        }
    }
    cr_assert(eq(dbl, log->fraction[log->n - 1], 1.0));
    for (int k = 0; k < 3; k++) {
        free(out[k]);
    }
    munmap(log, sizeof *log);
}

Test(analysis_centrality, progress_is_one_bar_from_the_caller, .fini = free_vals)
{
    check_progress(0);
}

Test(analysis_centrality, sampled_progress_is_one_bar_from_the_caller, .fini = free_vals)
{
    check_progress(20);
}

Test(analysis_centrality, normalized_divides_by_pairs, .fini = free_vals)
{
    cn_centrality_options o = CN_CENTRALITY_OPTIONS_INIT;

    o.weighted = false;
    o.normalized = true;
    compute("karate", &o);
    near(val(CN_MEASURE_BETWEENNESS, "m1"), 231.0714285714286 / 528.0, 1e-12, "betweenness", "m1");
    near(val(CN_MEASURE_DEGREE, "m34"), 17.0 / 33.0, 1e-15, "degree", "m34");
    near(val(CN_MEASURE_HARMONIC, "m34"), 23.25 / 33.0, 1e-12, "harmonic", "m34");
    near(val(CN_MEASURE_CLOSENESS, "m1"), 33.0 / 58.0, 1e-15, "closeness", "m1");
}

/* Hand-derived values: tests/ref/hand_cases.md shows the arithmetic. */
Test(analysis_centrality, star_by_hand, .fini = free_vals)
{
    compute("star", NULL);
    near(val(CN_MEASURE_BETWEENNESS, "c"), 6, 1e-12, "betweenness", "c");
    near(val(CN_MEASURE_CLOSENESS, "l1"), 4.0 / 7.0, 1e-12, "closeness", "l1");
    near(val(CN_MEASURE_HARMONIC, "l1"), 2.5, 1e-12, "harmonic", "l1");
    near(val(CN_MEASURE_EIGENVECTOR, "l3"), 0.5, 1e-9, "eigenvector", "l3");
    near(val(CN_MEASURE_PAGERANK, "c"), 88.0 / 185.0, 1e-9, "pagerank", "c");
    near(val(CN_MEASURE_PAGERANK, "l2"), 97.0 / 740.0, 1e-9, "pagerank", "l2");
    near(val(CN_MEASURE_CONSTRAINT, "c"), 0.25, 1e-12, "constraint", "c");
    near(val(CN_MEASURE_CORENESS, "l4"), 1, 0, "coreness", "l4");
}

Test(analysis_centrality, weighted_path_by_hand, .fini = free_vals)
{
    compute("path", NULL); /* weights 1, 2, 4: lengths 1, 1/2, 1/4 */
    near(val(CN_MEASURE_STRENGTH, "p3"), 6, 0, "strength", "p3");
    near(val(CN_MEASURE_CLOSENESS, "p1"), 12.0 / 17.0, 1e-12, "closeness", "p1");
    near(val(CN_MEASURE_CLOSENESS, "p4"), 12.0 / 11.0, 1e-12, "closeness", "p4");
    near(val(CN_MEASURE_HARMONIC, "p3"), 20.0 / 3.0, 1e-12, "harmonic", "p3");
    near(val(CN_MEASURE_HARMONIC, "p4"), 124.0 / 21.0, 1e-12, "harmonic", "p4");
    near(val(CN_MEASURE_PAGERANK, "p1"), 1271.0 / 12088.0, 1e-9, "pagerank", "p1");
    near(val(CN_MEASURE_PAGERANK, "p4"), 1579.0 / 6044.0, 1e-9, "pagerank", "p4");
    near(val(CN_MEASURE_CONSTRAINT, "p2"), 5.0 / 9.0, 1e-12, "constraint", "p2");
    near(val(CN_MEASURE_EIGENVECTOR, "p3"), 1, 1e-9, "eigenvector", "p3");
}

/* K(2,3) is bipartite: power iteration alone oscillates between the two sides; the eigenvector
 * must still come out as sqrt(3) : sqrt(2), scaled so the maximum is 1. */
Test(analysis_centrality, bipartite_eigenvector, .fini = free_vals)
{
    compute("k23", NULL);
    near(val(CN_MEASURE_EIGENVECTOR, "a1"), 1, 1e-9, "eigenvector", "a1");
    near(val(CN_MEASURE_EIGENVECTOR, "b2"), sqrt(6.0) / 3.0, 1e-9, "eigenvector", "b2");
    near(val(CN_MEASURE_BETWEENNESS, "a2"), 1.5, 1e-12, "betweenness", "a2");
    near(val(CN_MEASURE_BETWEENNESS, "b1"), 1.0 / 3.0, 1e-12, "betweenness", "b1");
    near(val(CN_MEASURE_PAGERANK, "b3"), 94.0 / 555.0, 1e-9, "pagerank", "b3");
}

/* Huge but valid weights: eigenvector centrality does not depend on the weights' scale, and
 * ARPACK failed ("Could not build an Arnoldi factorization", exit 70) from about 1e154. The path
 * a - b - c with both weights 5e299 (all three rows total 1e300, CN_MAX_WEIGHT_SUM: still far
 * past where ARPACK fails) has the unweighted eigenvector 1/sqrt(2) : 1 : 1/sqrt(2). */
Test(analysis_centrality, huge_weights_eigenvector, .fini = free_vals)
{
    static const char nodes[] = "id,kind\na,expert\nb,expert\nc,expert\n";
    static const char edges[] = "source,target,kind,weight\na,b,collaboration,5e299\n"
                                "b,c,collaboration,1.5e299\nb,c,collaboration,3.5e299\n";
    cn_centrality_options o = CN_CENTRALITY_OPTIONS_INIT;

    cr_assert(eq(int, cn_load_buffers(&g, nodes, sizeof nodes - 1, "n", edges, sizeof edges - 1,
                                      "e", NULL, NULL), 0));
    o.processes = 1;
    for (int m = 0; m < CN_MEASURE_COUNT; m++) {
        vals[m] = calloc(cn_graph_node_count(g), sizeof *vals[m]);
    }
    cr_assert(eq(int, cn_centrality(vals, g, all_measures, CN_MEASURE_COUNT, &o), 0), "%s",
              cn_errmsg());
    near(val(CN_MEASURE_EIGENVECTOR, "b"), 1, 1e-9, "eigenvector", "b");
    near(val(CN_MEASURE_EIGENVECTOR, "a"), sqrt(0.5), 1e-9, "eigenvector", "a");
    near(val(CN_MEASURE_EIGENVECTOR, "c"), sqrt(0.5), 1e-9, "eigenvector", "c");
    near(val(CN_MEASURE_STRENGTH, "b"), 1e300, 1e-12, "strength", "b");
    cr_assert(eq(int, (int)IGRAPH_FINALLY_STACK_SIZE(), 0));
}

/* Every measure of the @p n experts a, b, c[, d], all tied by @p edges, with @p processes
 * processes (2: closeness and harmonic go through cni_ig_closeness_of); each one finite, as CSV
 * and JSON must print them (JSON cannot hold inf). */
static void compute_experts(size_t n, const char *edges, unsigned processes)
{
    static const char nodes[] = "id,kind\na,expert\nb,expert\nc,expert\nd,expert\n";
    cn_centrality_options o = CN_CENTRALITY_OPTIONS_INIT;

    cr_assert(eq(int, cn_load_buffers(&g, nodes, strlen("id,kind\n") + n * strlen("a,expert\n"),
                                      "n", edges, strlen(edges), "e", NULL, NULL), 0), "%s",
              cn_errmsg());
    cr_assert(eq(sz, cn_graph_node_count(g), n));
    n = cn_graph_node_count(g);
    o.processes = processes;
    for (int m = 0; m < CN_MEASURE_COUNT; m++) {
        free(vals[m]);
        vals[m] = calloc(n, sizeof *vals[m]);
    }
    cr_assert(eq(int, cn_centrality(vals, g, all_measures, CN_MEASURE_COUNT, &o), 0), "%s",
              cn_errmsg());
    for (int m = 0; m < CN_MEASURE_COUNT; m++) {
        for (size_t i = 0; i < n; i++) {
            cr_assert(isfinite(vals[m][i]), "%s of %s is %g", cn_measure_name(all_measures[m]),
                      cn_graph_node_id(g, i), vals[m][i]);
        }
    }
    cr_assert(eq(int, (int)IGRAPH_FINALLY_STACK_SIZE(), 0));
}

/* Lengths (1 / weight) far below 1: igraph 0.10's closeness and harmonic keep a distance as
 * distance + 1.0, so 1e-300 read back as 0 (harmonic inf). Path a -1e300- b -1- c, lengths
 * 1e-300 and 1: closeness 2 / (1e-300 + 1) = 2 for a and b, 2 / 2 = 1 for c; harmonic
 * 1e300 + 1 for a and b, 1 + 1 for c; constraint 1 for a and c, (1e300 / (1e300 + 1))^2 + ... = 1
 * for b. Betweenness is not checked: the lengths differ by more than igraph's relative
 * tolerance of 1e-10 (README "Weights are tie strengths"). */
Test(analysis_centrality, weights_1e300_and_1, .fini = free_vals)
{
    for (unsigned p = 1; p <= 2; p++) {
        compute_experts(3, "source,target,kind,weight\na,b,collaboration,1e300\n"
                           "b,c,collaboration,1\n", p);
        near(val(CN_MEASURE_CLOSENESS, "a"), 2, 1e-12, "closeness", "a");
        near(val(CN_MEASURE_CLOSENESS, "b"), 2, 1e-12, "closeness", "b");
        near(val(CN_MEASURE_CLOSENESS, "c"), 1, 1e-12, "closeness", "c");
        near(val(CN_MEASURE_HARMONIC, "a"), 1e300, 1e-12, "harmonic", "a");
        near(val(CN_MEASURE_HARMONIC, "b"), 1e300, 1e-12, "harmonic", "b");
        near(val(CN_MEASURE_HARMONIC, "c"), 2, 1e-12, "harmonic", "c");
        near(val(CN_MEASURE_CONSTRAINT, "a"), 1, 1e-12, "constraint", "a");
        near(val(CN_MEASURE_CONSTRAINT, "b"), 1, 1e-12, "constraint", "b");
        near(val(CN_MEASURE_CONSTRAINT, "c"), 1, 1e-12, "constraint", "c");
        cn_graph_destroy(g);
        g = NULL;
    }
}

/* Both ties of the path as heavy as the limit allows (5e299 each, total 1e300): lengths 2e-300,
 * which igraph's betweenness took as 0 (b got 2, not 1) and its closeness as no distance (empty
 * for every node). Closeness of b 2 / 4e-300 = 5e299, of a and c 2 / 6e-300; harmonic of b
 * 2 * 5e299 = 1e300, of a and c 5e299 + 2.5e299; constraint 1, 0.5, 1 (b's ties are halves,
 * with no tie between a and c); weight 5e299 squared overflowed igraph's constraint. */
Test(analysis_centrality, weights_both_5e299, .fini = free_vals)
{
    for (unsigned p = 1; p <= 2; p++) {
        compute_experts(3, "source,target,kind,weight\na,b,collaboration,5e299\n"
                           "b,c,collaboration,5e299\n", p);
        near(val(CN_MEASURE_BETWEENNESS, "b"), 1, 1e-12, "betweenness", "b");
        near(val(CN_MEASURE_BETWEENNESS, "a"), 0, 1e-12, "betweenness", "a");
        near(val(CN_MEASURE_CLOSENESS, "b"), 5e299, 1e-12, "closeness", "b");
        near(val(CN_MEASURE_CLOSENESS, "a"), 2 / 6e-300, 1e-12, "closeness", "a");
        near(val(CN_MEASURE_CLOSENESS, "c"), 2 / 6e-300, 1e-12, "closeness", "c");
        near(val(CN_MEASURE_HARMONIC, "b"), 1e300, 1e-12, "harmonic", "b");
        near(val(CN_MEASURE_HARMONIC, "a"), 7.5e299, 1e-12, "harmonic", "a");
        near(val(CN_MEASURE_CONSTRAINT, "a"), 1, 1e-12, "constraint", "a");
        near(val(CN_MEASURE_CONSTRAINT, "b"), 0.5, 1e-12, "constraint", "b");
        near(val(CN_MEASURE_CONSTRAINT, "c"), 1, 1e-12, "constraint", "c");
        cn_graph_destroy(g);
        g = NULL;
    }
}

/* The widest valid span: a -1e300- b -1- c -1e-300- d (lengths 1e-300, 1, 1e300; both totals
 * at the limit). Distances from a: 1e-300, 1, 1e300 (to double precision); closeness 3 / 1e300
 * for a, b and c, 3 / 3e300 for d; harmonic 1e300 + 1 for a and b, 1 + 1 for c, 3e-300 for d;
 * constraint 1 everywhere (each middle node's heavier tie takes all but 1e-300 of it). */
Test(analysis_centrality, weights_1e300_1_1e_300, .fini = free_vals)
{
    for (unsigned p = 1; p <= 2; p++) {
        compute_experts(4, "source,target,kind,weight\na,b,collaboration,1e300\n"
                           "b,c,collaboration,1\nc,d,collaboration,1e-300\n", p);
        near(val(CN_MEASURE_CLOSENESS, "a"), 3e-300, 1e-12, "closeness", "a");
        near(val(CN_MEASURE_CLOSENESS, "b"), 3e-300, 1e-12, "closeness", "b");
        near(val(CN_MEASURE_CLOSENESS, "c"), 3e-300, 1e-12, "closeness", "c");
        near(val(CN_MEASURE_CLOSENESS, "d"), 1e-300, 1e-12, "closeness", "d");
        near(val(CN_MEASURE_HARMONIC, "a"), 1e300, 1e-12, "harmonic", "a");
        near(val(CN_MEASURE_HARMONIC, "b"), 1e300, 1e-12, "harmonic", "b");
        near(val(CN_MEASURE_HARMONIC, "c"), 2, 1e-12, "harmonic", "c");
        near(val(CN_MEASURE_HARMONIC, "d") * 1e300, 3, 1e-12, "harmonic", "d");
        for (int i = 0; i < 4; i++) {
            static const char *const ids[] = { "a", "b", "c", "d" };
            near(val(CN_MEASURE_CONSTRAINT, ids[i]), 1, 1e-12, "constraint", ids[i]);
        }
        cn_graph_destroy(g);
        g = NULL;
    }
}

/* Light ties: igraph's constraint multiplies two weights, and 1e-200 * 1e-200 is 0. A triangle
 * of equal ties: each node's two ties are halves, and each half also reaches the other neighbour
 * through the third node: (1/2 + 1/4)^2 * 2 = 1.125 (was 0.5). */
Test(analysis_centrality, constraint_light_weights, .fini = free_vals)
{
    compute_experts(3, "source,target,kind,weight\na,b,collaboration,1e-200\n"
                       "b,c,collaboration,1e-200\na,c,collaboration,1e-200\n", 1);
    near(val(CN_MEASURE_CONSTRAINT, "a"), 1.125, 1e-12, "constraint", "a");
    near(val(CN_MEASURE_CONSTRAINT, "b"), 1.125, 1e-12, "constraint", "b");
    near(val(CN_MEASURE_CONSTRAINT, "c"), 1.125, 1e-12, "constraint", "c");
    near(val(CN_MEASURE_CLOSENESS, "a") * 1e200, 1, 1e-12, "closeness", "a");
}

/* Disconnected, with an isolated actor: closeness counts only the nodes reached; an isolated
 * node has no closeness or constraint (NaN), harmonic 0; networks are not in the view. */
Test(analysis_centrality, disconnected_and_isolated, .fini = free_vals)
{
    cn_centrality_options o = CN_CENTRALITY_OPTIONS_INIT;

    o.weighted = false;
    compute("analysis_small", &o);
    cr_assert(eq(dbl, val(CN_MEASURE_CLOSENESS, "u1"), 1.0)); /* reaches x1 at distance 1 */
    cr_assert(isnan(val(CN_MEASURE_CLOSENESS, "x2")));
    cr_assert(isnan(val(CN_MEASURE_CONSTRAINT, "x2")));
    cr_assert(eq(dbl, val(CN_MEASURE_HARMONIC, "x2"), 0));
    cr_assert(eq(dbl, val(CN_MEASURE_DEGREE, "x2"), 0));
    cr_assert(isnan(val(CN_MEASURE_DEGREE, "n1")));
    /* PageRank over the 5 actors still sums to 1 */
    {
        double sum = 0;
        for (size_t i = 0; i < cn_graph_node_count(g); i++) {
            sum += isnan(vals[CN_MEASURE_PAGERANK][i]) ? 0 : vals[CN_MEASURE_PAGERANK][i];
        }
        near(sum, 1.0, 1e-12, "pagerank sum", "all");
    }
    /* two merged rows u1-x1 with weights 2 + 1 = 3, but unweighted: strength = degree */
    cr_assert(eq(dbl, val(CN_MEASURE_STRENGTH, "u1"), 1));
}

Test(analysis_centrality, merged_weights_are_summed, .fini = free_vals)
{
    compute("analysis_small", NULL);
    cr_assert(eq(dbl, val(CN_MEASURE_STRENGTH, "u1"), 3));
    cr_assert(eq(dbl, val(CN_MEASURE_STRENGTH, "x1"), 3));
}

Test(analysis_centrality, graph_without_edges, .fini = free_vals)
{
    compute("no_edges", NULL);
    for (size_t i = 0; i < 3; i++) {
        cr_expect(eq(dbl, vals[CN_MEASURE_DEGREE][i], 0));
        cr_expect(eq(dbl, vals[CN_MEASURE_BETWEENNESS][i], 0));
        cr_expect(eq(dbl, vals[CN_MEASURE_HARMONIC][i], 0));
        cr_expect(isnan(vals[CN_MEASURE_CLOSENESS][i]));
        near(vals[CN_MEASURE_PAGERANK][i], 1.0 / 3.0, 1e-12, "pagerank", cn_graph_node_id(g, i));
        cr_expect(eq(dbl, vals[CN_MEASURE_CORENESS][i], 0));
    }
}

/* Co-membership: a and b share p (3 actors) and q (2 actors); c shares p with both. */
static void projection_case(cn_projection p, double ab, double ac)
{
    cn_centrality_options o = CN_CENTRALITY_OPTIONS_INIT;

    o.view = CN_VIEW_COMEMBERSHIP;
    o.projection = p;
    compute("projection", &o);
    near(val(CN_MEASURE_STRENGTH, "a"), ab + ac, 1e-12, "strength", "a");
    near(val(CN_MEASURE_STRENGTH, "c"), 2 * ac, 1e-12, "strength", "c");
    cr_assert(eq(dbl, val(CN_MEASURE_DEGREE, "c"), 2));
    cr_assert(isnan(val(CN_MEASURE_DEGREE, "p")));
}

Test(analysis_projection, count, .fini = free_vals)
{
    projection_case(CN_PROJECTION_COUNT, 2, 1);
}

Test(analysis_projection, newman, .fini = free_vals)
{
    projection_case(CN_PROJECTION_NEWMAN, 1.0 / 2 + 1.0 / 1, 1.0 / 2);
}

Test(analysis_projection, jaccard, .fini = free_vals)
{
    projection_case(CN_PROJECTION_JACCARD, 2.0 / 2.0, 1.0 / 2.0);
}

/* Issue 15, defect 18: the projection's ties are counted before it is built (the sum over
 * networks of k(k-1)/2: p gives 3, q gives 1) and refused past max_ties, by every entry point
 * that builds it. */
Test(analysis_projection, max_ties_is_checked_before_building, .fini = free_vals)
{
    cn_centrality_options o = CN_CENTRALITY_OPTIONS_INIT;
    cn_measure m = CN_MEASURE_DEGREE;
    double *out[1];
    cn_cut *cuts = NULL;
    size_t ncuts = 0;

    cr_assert(eq(int, th_load("projection", &g, &diags), 0));
    out[0] = calloc(cn_graph_node_count(g), sizeof *out[0]);
    cr_assert_not_null(out[0]);
    o.view = CN_VIEW_COMEMBERSHIP;
    o.max_ties = 3;
    cr_assert(eq(int, cn_centrality(out, g, &m, 1, &o), CN_ELIMIT));
    cr_assert(eq(str, (char *)cn_errmsg(),
                 "the co-membership projection would have up to 4 ties, more than the limit of 3 "
                 "(max_ties; --max-ties N raises it)"));
    cr_assert(eq(str, (char *)cn_strerror(CN_ELIMIT), "over a size limit"));
    cr_assert(eq(int, cn_cut_points(&cuts, &ncuts, g, CN_VIEW_COMEMBERSHIP, &o), CN_ELIMIT));
    cr_assert_null(cuts);
    o.max_ties = 4;
    cr_assert(eq(int, cn_centrality(out, g, &m, 1, &o), 0), "%s", cn_errmsg());
    cr_assert(eq(dbl, out[0][cn_graph_find(g, "c")], 2));
    free(out[0]);
}

/* One network of 4,473 experts: 10,001,628 ties, one past the default limit, refused at once
 * (built, they took about 1 GB) by centrality, cut points and components alike. */
Test(analysis_projection, default_limit_refuses_a_big_network, .fini = free_vals)
{
    cn_centrality_options o = CN_CENTRALITY_OPTIONS_INIT;
    cn_measure m = CN_MEASURE_DEGREE;
    char *nodes = NULL, *edges = NULL;
    size_t nlen = 0, elen = 0, ncuts = 0;
    FILE *nf = open_memstream(&nodes, &nlen), *ef = open_memstream(&edges, &elen);
    double *out[1];
    cn_cut *cuts = NULL;
    cn_components c;

    cr_assert(nf && ef);
    fprintf(nf, "id,label,kind\np,P,network\n");
    fprintf(ef, "source,target,kind\n");
    for (size_t i = 0; i < 4473; i++) {
        fprintf(nf, "x%zu,X,expert\n", i);
        fprintf(ef, "x%zu,p,membership\n", i);
    }
    fclose(nf);
    fclose(ef);
    cr_assert(eq(int, cn_diag_list_create(&diags, 0), 0));
    cr_assert(eq(int, cn_load_buffers(&g, nodes, nlen, "nodes.csv", edges, elen, "edges.csv",
                                      NULL, diags), 0));
    free(nodes);
    free(edges);
    cr_assert(eq(sz, CN_COMEMBERSHIP_MAX_TIES, 10000000));
    out[0] = calloc(cn_graph_node_count(g), sizeof *out[0]);
    cr_assert_not_null(out[0]);
    o.view = CN_VIEW_COMEMBERSHIP;
    cr_assert(eq(int, cn_centrality(out, g, &m, 1, &o), CN_ELIMIT));
    cr_assert(eq(str, (char *)cn_errmsg(),
                 "the co-membership projection would have up to 10001628 ties, more than the "
                 "limit of 10000000 (max_ties; --max-ties N raises it)"));
    cr_assert(eq(int, cn_cut_points(&cuts, &ncuts, g, CN_VIEW_COMEMBERSHIP, NULL), CN_ELIMIT));
    cr_assert(eq(int, cn_graph_components(&c, g, CN_VIEW_COMEMBERSHIP, NULL), CN_ELIMIT));
    free(out[0]);
}

Test(analysis_centrality, invalid_measure_is_rejected, .fini = free_vals)
{
    cn_measure bad = (cn_measure)42, m;

    compute("star", NULL);
    cr_assert(eq(int, cn_centrality(vals, g, &bad, 1, NULL), CN_EINVAL));
    cr_assert(eq(int, cn_measure_parse(&m, "pagerank"), 0));
    cr_assert(eq(int, (int)m, CN_MEASURE_PAGERANK));
    cr_assert(eq(int, cn_measure_parse(&m, "PageRank"), CN_EINVAL));
}

/* Sampling: on a mid-size graph, betweenness from 200 of 1000 sources (scaled by n/k) is
 * unbiased (the totals agree within 5%) and its mean relative error over the 20 most central
 * nodes stays under 25% (README states about 1.9/sqrt(k), here 0.13); deterministic for a seed. */
static char *random_dataset(size_t n, size_t m, char **edges, size_t *nlen, size_t *elen)
{
    size_t cap = n * 32 + 64, ecap = m * 40 + 64, len = 0, el = 0;
    char *nodes = malloc(cap);
    uint64_t state = 12345;

    *edges = malloc(ecap);
    len += (size_t)snprintf(nodes + len, cap - len, "id,kind\n");
    for (size_t i = 0; i < n; i++) {
        len += (size_t)snprintf(nodes + len, cap - len, "v%zu,expert\n", i);
    }
    el += (size_t)snprintf(*edges + el, ecap - el, "source,target,kind\n");
    /* preferential attachment: each new node ties to an endpoint of a random earlier tie */
    for (size_t i = 1; i < n; i++) {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        size_t j = (size_t)(state >> 33) % i;
        el += (size_t)snprintf(*edges + el, ecap - el, "v%zu,v%zu,collaboration\n", i, j);
    }
    for (size_t k = n - 1; k < m; k++) {
        size_t a, b;
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        a = (size_t)(state >> 33) % n;
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        b = (size_t)(state >> 33) % n;
        if (a != b) {
            el += (size_t)snprintf(*edges + el, ecap - el, "v%zu,v%zu,collaboration\n", a, b);
        }
    }
    *nlen = len;
    *elen = el;
    return nodes;
}

static const double *order_key;
static int by_desc(const void *a, const void *b)
{
    double x = order_key[*(const size_t *)a], y = order_key[*(const size_t *)b];
    return x < y ? 1 : x > y ? -1 : 0;
}

Test(analysis_sampling, sampled_betweenness_is_close_to_exact, .fini = teardown)
{
    char *edges, *nodes;
    size_t nlen, elen, n = 1000, idx[1000];
    double *exact = calloc(n, sizeof *exact), *est = calloc(n, sizeof *est),
           *again = calloc(n, sizeof *again);
    cn_measure bc = CN_MEASURE_BETWEENNESS;
    cn_centrality_options o = CN_CENTRALITY_OPTIONS_INIT;
    double mean_rel = 0, se = 0, sx = 0;

    nodes = random_dataset(n, 3000, &edges, &nlen, &elen);
    cr_assert(eq(int, cn_load_buffers(&g, nodes, nlen, "n", edges, elen, "e", NULL, NULL), 0));
    o.weighted = false;
    cr_assert(eq(int, cn_centrality(&exact, g, &bc, 1, &o), 0));
    o.sample = 200;
    o.seed = 7;
    cr_assert(eq(int, cn_centrality(&est, g, &bc, 1, &o), 0));
    cr_assert(eq(int, cn_centrality(&again, g, &bc, 1, &o), 0));
    cr_assert(eq(int, memcmp(est, again, n * sizeof *est), 0), "not deterministic for a seed");
    for (size_t i = 0; i < n; i++) {
        idx[i] = i;
    }
    order_key = exact;
    qsort(idx, n, sizeof *idx, by_desc);
    for (size_t r = 0; r < 20; r++) {
        mean_rel += fabs(est[idx[r]] - exact[idx[r]]) / exact[idx[r]] / 20;
    }
    for (size_t i = 0; i < n; i++) {
        se += est[i];
        sx += exact[i];
    }
    cr_log_info("sampled betweenness, k = 200 of 1000: total ratio %.4f, mean relative error "
                "over the top 20 %.3f", se / sx, mean_rel);
    cr_assert(lt(dbl, fabs(se / sx - 1), 0.05));
    cr_assert(lt(dbl, mean_rel, 0.25));
    /* a different seed gives a different estimate */
    o.seed = 8;
    cr_assert(eq(int, cn_centrality(&again, g, &bc, 1, &o), 0));
    cr_assert(ne(int, memcmp(est, again, n * sizeof *est), 0));
    free(nodes);
    free(edges);
    free(exact);
    free(est);
    free(again);
}

/* ---- cut points ---- */

static cn_cut *cuts;
static size_t ncuts;

static void free_cuts(void)
{
    cn_free(cuts);
    cuts = NULL;
    teardown();
    g = NULL;
    diags = NULL;
}

static const cn_cut *find_cut(const char *a, const char *b)
{
    size_t ia = cn_graph_find(g, a), ib = b ? cn_graph_find(g, b) : CN_NONE;

    for (size_t k = 0; k < ncuts; k++) {
        if (cuts[k].a == ia && cuts[k].b == ib) {
            return &cuts[k];
        }
    }
    cr_fail("no cut %s %s", a, b ? b : "");
    return NULL;
}

Test(analysis_cuts, path_by_hand, .fini = free_cuts)
{
    cr_assert(eq(int, th_load("path", &g, &diags), 0));
    cr_assert(eq(int, cn_cut_points(&cuts, &ncuts, g, CN_VIEW_COLLABORATION, NULL), 0));
    /* p2 and p3 are articulation points; all three ties are bridges */
    cr_assert(eq(sz, ncuts, 5));
    cr_assert(eq(sz, find_cut("p2", NULL)->separated, 1)); /* p1 is cut off */
    cr_assert(eq(sz, find_cut("p3", NULL)->separated, 1));
    cr_assert(eq(sz, find_cut("p2", "p3")->separated, 2));
    cr_assert(eq(sz, find_cut("p1", "p2")->separated, 1));
    cr_assert(eq(sz, find_cut("p1", "p2")->component, 4));
    /* sorted: the middle tie separates most */
    cr_assert(eq(sz, cuts[0].separated, 2));
}

Test(analysis_cuts, star_centre_separates_all_but_one, .fini = free_cuts)
{
    const cn_cut *c;

    cr_assert(eq(int, th_load("star", &g, &diags), 0));
    cr_assert(eq(int, cn_cut_points(&cuts, &ncuts, g, CN_VIEW_COLLABORATION, NULL), 0));
    cr_assert(eq(sz, ncuts, 5)); /* the centre and four bridges */
    c = find_cut("c", NULL);
    cr_assert(eq(sz, c->separated, 3));
    cr_assert(eq(sz, c->separated_by_kind[CN_NODE_EXPERT], 3));
    cr_assert(eq(sz, c->component, 5));
}

Test(analysis_cuts, biconnected_graph_has_none, .fini = free_cuts)
{
    cr_assert(eq(int, th_load("k23", &g, &diags), 0));
    cr_assert(eq(int, cn_cut_points(&cuts, &ncuts, g, CN_VIEW_COLLABORATION, NULL), 0));
    cr_assert(eq(sz, ncuts, 0));
    cr_assert_null(cuts);
}

/* Combined view of analysis_small: n1 holds u1, e1 and n2 (which holds u2); x1 hangs off u1. */
Test(analysis_cuts, kinds_are_counted, .fini = free_cuts)
{
    const cn_cut *c;

    cr_assert(eq(int, th_load("analysis_small", &g, &diags), 0));
    cr_assert(eq(int, cn_cut_points(&cuts, &ncuts, g, CN_VIEW_COMBINED, NULL), 0));
    /* the tie u2-e1 closes the cycle n1-e1-u2-n2-n1, so n1 is not a cut point; u1 is (x1) */
    c = find_cut("u1", NULL);
    cr_assert(eq(sz, c->separated, 1));
    cr_assert(eq(sz, c->separated_by_kind[CN_NODE_EXPERT], 1));
    cr_assert(eq(sz, c->component, 6));
}

/* Closeness and harmonic from sampled pivots: unbiased for harmonic, close for closeness. */
Test(analysis_sampling, sampled_closeness_and_harmonic, .fini = teardown)
{
    char *edges, *nodes;
    size_t nlen, elen, n = 1000;
    const cn_measure ms[2] = { CN_MEASURE_CLOSENESS, CN_MEASURE_HARMONIC };
    double *exact[2], *est[2], worst[2] = { 0, 0 };
    cn_centrality_options o = CN_CENTRALITY_OPTIONS_INIT;

    for (int k = 0; k < 2; k++) {
        exact[k] = calloc(n, sizeof(double));
        est[k] = calloc(n, sizeof(double));
    }
    nodes = random_dataset(n, 3000, &edges, &nlen, &elen);
    cr_assert(eq(int, cn_load_buffers(&g, nodes, nlen, "n", edges, elen, "e", NULL, NULL), 0));
    o.weighted = false;
    cr_assert(eq(int, cn_centrality(exact, g, ms, 2, &o), 0));
    o.sample = 100;
    o.processes = 2;
    cr_assert(eq(int, cn_centrality(est, g, ms, 2, &o), 0));
    for (size_t i = 0; i < n; i++) {
        for (int k = 0; k < 2; k++) {
            double rel = fabs(est[k][i] - exact[k][i]) / exact[k][i];
            worst[k] = rel > worst[k] ? rel : worst[k];
        }
    }
    cr_log_info("100 pivots of 1000: worst relative error closeness %.3f, harmonic %.3f",
                worst[0], worst[1]);
    /* every node's distances to 100 random pivots: the mean distance is well estimated */
    cr_assert(lt(dbl, worst[0], 0.15));
    cr_assert(lt(dbl, worst[1], 0.15));
    for (int k = 0; k < 2; k++) {
        free(exact[k]);
        free(est[k]);
    }
    free(nodes);
    free(edges);
}

/* ---- overlap ---- */

static cn_overlap *ov;

static void overlap_of(const char *name, bool transitive, int kind)
{
    cn_overlap_options o = CN_OVERLAP_OPTIONS_INIT;

    o.transitive = transitive;
    o.kind = kind;
    cr_assert(eq(int, th_load(name, &g, &diags), 0), "%s", th_diag(diags, 0));
    cr_assert(eq(int, cn_overlap_compute(&ov, g, &o), 0), "%s", cn_errmsg());
}

static void free_overlap(void)
{
    cn_overlap_destroy(ov);
    ov = NULL;
    teardown();
    g = NULL;
    diags = NULL;
}

static void expect_pair(size_t k, const char *a, const char *b, size_t shared, size_t size_a,
                        size_t size_b, double jaccard, double overlap, bool a_in_b, bool b_in_a)
{
    const cn_overlap_pair *p = cn_overlap_pair_at(ov, k);

    cr_assert_not_null(p, "no pair %zu", k);
    cr_expect(eq(str, (char *)cn_graph_node_id(g, p->a), (char *)a), "pair %zu", k);
    cr_expect(eq(str, (char *)cn_graph_node_id(g, p->b), (char *)b), "pair %zu", k);
    cr_expect(eq(sz, p->shared, shared), "pair %zu", k);
    cr_expect(eq(sz, p->size_a, size_a), "pair %zu", k);
    cr_expect(eq(sz, p->size_b, size_b), "pair %zu", k);
    cr_expect(eq(dbl, p->jaccard, jaccard), "pair %zu", k);
    cr_expect(eq(dbl, p->overlap, overlap), "pair %zu", k);
    cr_expect(eq(int, p->lead_a_in_b, a_in_b), "pair %zu", k);
    cr_expect(eq(int, p->lead_b_in_a, b_in_a), "pair %zu", k);
}

/* Direct: N1∩N2 = {i1, i2, e1}: 3 of 4 and 4, Jaccard 3/5, overlap 3/4, each lead in the other;
 * N3∩U = {i3}: U's direct members are N1, N2, i3, so 1 of 2 and 3, Jaccard 1/4, i3 leads N3;
 * N1∩N3 = {x1}: Jaccard 1/5 sorts after 1/4. N2∩N3 and anything with E: nothing. */
Test(analysis_overlap, direct_pairs_by_hand, .fini = free_overlap)
{
    const cn_overlap_pair *p;

    overlap_of("overlap_hand", false, -1);
    cr_assert(eq(sz, cn_overlap_pair_count(ov), 3));
    expect_pair(0, "N1", "N2", 3, 4, 4, 0.6, 0.75, true, true);
    expect_pair(1, "N3", "U", 1, 2, 3, 0.25, 0.5, true, false);
    expect_pair(2, "N1", "N3", 1, 4, 2, 0.2, 0.5, false, false);
    p = cn_overlap_pair_at(ov, 0);
    cr_assert(eq(sz, p->shared_by_kind[CN_NODE_INSTITUTION], 2));
    cr_assert(eq(sz, p->shared_by_kind[CN_NODE_ENTERPRISE], 1));
    cr_assert(eq(sz, p->shared_by_kind[CN_NODE_EXPERT], 0));
    cr_assert(eq(sz, cn_overlap_size(ov, cn_graph_find(g, "E")), 0));
    cr_assert(eq(sz, cn_overlap_size(ov, cn_graph_find(g, "U")), 3));
    cr_assert_null(cn_overlap_pair_at(ov, 3));
}

/* Transitive: U = {N1, N2, i3} plus N1's and N2's members = 8. N1∩U = {i1, i2, e1, x1} and
 * N2∩U = {i1, i2, e1, x2}: 4 each, Jaccard 4/8, overlap 1; N3∩U = {i3, x1}: 2, Jaccard 2/8. */
Test(analysis_overlap, transitive_pairs_by_hand, .fini = free_overlap)
{
    overlap_of("overlap_hand", true, -1);
    cr_assert(eq(sz, cn_overlap_size(ov, cn_graph_find(g, "U")), 8));
    cr_assert(eq(sz, cn_overlap_pair_count(ov), 5));
    expect_pair(0, "N1", "U", 4, 4, 8, 0.5, 1.0, true, false);
    expect_pair(1, "N2", "U", 4, 4, 8, 0.5, 1.0, true, false);
    expect_pair(2, "N1", "N2", 3, 4, 4, 0.6, 0.75, true, true);
    expect_pair(3, "N3", "U", 2, 2, 8, 0.25, 1.0, true, false);
    expect_pair(4, "N1", "N3", 1, 4, 2, 0.2, 0.5, false, false);
}

/* Institutions only: N1 = N2 = {i1, i2}; N3 = U = {i3}. */
Test(analysis_overlap, kind_filter_by_hand, .fini = free_overlap)
{
    overlap_of("overlap_hand", false, CN_NODE_INSTITUTION);
    cr_assert(eq(sz, cn_overlap_pair_count(ov), 2));
    expect_pair(0, "N1", "N2", 2, 2, 2, 1.0, 1.0, true, true);
    expect_pair(1, "N3", "U", 1, 1, 1, 1.0, 1.0, true, false);
}

Test(analysis_overlap, min_shared_drops_pairs, .fini = free_overlap)
{
    cn_overlap_options o = CN_OVERLAP_OPTIONS_INIT;

    o.min_shared = 2;
    cr_assert(eq(int, th_load("overlap_hand", &g, &diags), 0));
    cr_assert(eq(int, cn_overlap_compute(&ov, g, &o), 0));
    cr_assert(eq(sz, cn_overlap_pair_count(ov), 1));
    expect_pair(0, "N1", "N2", 3, 4, 4, 0.6, 0.75, true, true);
}

/* Spanners: i1, i2, e1 (N1, N2: fields ai, biotech; regions North, South), x1 (N1, N3: ai,
 * biotech; North, Central), i3 (N3, U: biotech; Central). Ties go to node order. */
Test(analysis_overlap, spanners_by_hand, .fini = free_overlap)
{
    const char *want[] = { "i1", "i2", "e1", "x1", "i3" };

    overlap_of("overlap_hand", false, -1);
    cr_assert(eq(sz, cn_overlap_spanner_count(ov), 5));
    for (size_t k = 0; k < 5; k++) {
        cr_expect(eq(str, (char *)cn_graph_node_id(g, cn_overlap_spanner(ov, k)), (char *)want[k]));
    }
    cr_assert(eq(sz, cn_overlap_fields_spanned(ov, cn_graph_find(g, "x1")), 2));
    cr_assert(eq(sz, cn_overlap_regions_spanned(ov, cn_graph_find(g, "x1")), 2));
    cr_assert(eq(sz, cn_overlap_fields_spanned(ov, cn_graph_find(g, "i3")), 1));
    cr_assert(eq(sz, cn_overlap_regions_spanned(ov, cn_graph_find(g, "i3")), 1));
    cr_assert(eq(sz, cn_overlap_node_network_count(ov, cn_graph_find(g, "x2")), 1));
}

/* By field: everyone in an ai network (i1, i2, e1, x1, x2) is also in a biotech one; i3 only in
 * biotech. By region: Central-Central {x1, i3}, Central-North {x1}, North-North {i1, i2, e1, x1},
 * North-South {i1, i2, e1}, South-South {i1, i2, e1, x2}. */
Test(analysis_overlap, groups_by_hand, .fini = free_overlap)
{
    cn_group_overlap *rows = NULL;
    size_t n = 0;
    const char *ra[] = { "Central", "Central", "North", "North", "South" };
    const char *rb[] = { "Central", "North", "North", "South", "South" };
    const size_t rs[] = { 2, 1, 4, 3, 4 };

    overlap_of("overlap_hand", false, -1);
    cr_assert(eq(int, cn_overlap_groups(&rows, &n, ov, CN_GROUP_FIELD), 0));
    cr_assert(eq(sz, n, 3));
    cr_assert(eq(str, (char *)rows[0].a, "ai"));
    cr_assert(eq(str, (char *)rows[0].b, "ai"));
    cr_assert(eq(sz, rows[0].shared, 5));
    cr_assert(eq(sz, rows[0].shared_by_kind[CN_NODE_EXPERT], 2));
    cr_assert(eq(str, (char *)rows[1].b, "biotech"));
    cr_assert(eq(sz, rows[1].shared, 5));
    cr_assert(eq(sz, rows[2].shared, 6));
    cn_free(rows);
    cr_assert(eq(int, cn_overlap_groups(&rows, &n, ov, CN_GROUP_REGION), 0));
    cr_assert(eq(sz, n, 5));
    for (size_t k = 0; k < 5; k++) {
        cr_expect(eq(str, (char *)rows[k].a, (char *)ra[k]));
        cr_expect(eq(str, (char *)rows[k].b, (char *)rb[k]));
        cr_expect(eq(sz, rows[k].shared, rs[k]), "row %zu", k);
    }
    cn_free(rows);
}

/* Load a dataset written by the test: CSV text from a memory stream, no fixture on disk. */
static void load_text(const char *nodes, size_t nlen, const char *edges, size_t elen)
{
    cr_assert(eq(int, cn_diag_list_create(&diags, 0), 0));
    cr_assert(eq(int, cn_load_buffers(&g, nodes, nlen, "nodes.csv", edges, elen, "edges.csv",
                                      NULL, diags), 0), "%s", th_diag(diags, 0));
}

/* One expert in @p nets networks n0..n{nets-1}; with @p chain, x is in n0 only and each n{j}
 * is a member of n{j+1} (nesting @p nets deep). Networks get distinct regions when
 * @p regions; there is never a `fields` column. */
static void load_star_or_chain(size_t nets, bool chain, bool regions)
{
    char *nodes = NULL, *edges = NULL;
    size_t nlen = 0, elen = 0;
    FILE *nf = open_memstream(&nodes, &nlen), *ef = open_memstream(&edges, &elen);

    cr_assert(nf && ef);
    fprintf(nf, regions ? "id,label,kind,region\nx,X,expert,\n" : "id,label,kind\nx,X,expert\n");
    fprintf(ef, "source,target,kind\n");
    for (size_t j = 0; j < nets; j++) {
        if (regions) {
            fprintf(nf, "n%zu,N%zu,network,r%zu\n", j, j, j);
        } else {
            fprintf(nf, "n%zu,N%zu,network\n", j, j);
        }
        if (!chain || j == 0) {
            fprintf(ef, "x,n%zu,membership\n", j);
        } else {
            fprintf(ef, "n%zu,n%zu,membership\n", j - 1, j);
        }
    }
    fclose(nf);
    fclose(ef);
    load_text(nodes, nlen, edges, elen);
    free(nodes);
    free(edges);
}

/* Issue 15, defect 1: a spanner in more networks than those networks have fields overran the
 * scratch buffer of find_spanners (ASan: heap-buffer-overflow; plain build: free() abort). */
Test(analysis_overlap, spanner_in_more_networks_than_fields, .fini = free_overlap)
{
    size_t x;

    load_star_or_chain(20, false, true);
    cr_assert(eq(int, cn_overlap_compute(&ov, g, NULL), 0), "%s", cn_errmsg());
    x = cn_graph_find(g, "x");
    cr_assert(eq(sz, cn_overlap_pair_count(ov), 190));
    cr_assert(eq(sz, cn_overlap_spanner_count(ov), 1));
    cr_assert(eq(sz, cn_overlap_spanner(ov, 0), x));
    cr_assert(eq(sz, cn_overlap_node_network_count(ov, x), 20));
    cr_assert(eq(sz, cn_overlap_fields_spanned(ov, x), 0));
    cr_assert(eq(sz, cn_overlap_regions_spanned(ov, x), 20));
}

/* Issue 15, defect 2: the same through transitive membership, 300 networks deep. n{a} lies in
 * n{b} for a < b, so their pair shares n{a}'s a + 1 members; the deepest pair comes first. */
Test(analysis_overlap, deep_transitive_chain, .fini = free_overlap)
{
    cn_overlap_options o = CN_OVERLAP_OPTIONS_INIT;
    const cn_overlap_pair *p;
    size_t x;

    o.transitive = true;
    load_star_or_chain(300, true, false);
    cr_assert(eq(int, cn_overlap_compute(&ov, g, &o), 0), "%s", cn_errmsg());
    x = cn_graph_find(g, "x");
    cr_assert(eq(sz, cn_overlap_pair_count(ov), 300 * 299 / 2));
    cr_assert(eq(sz, cn_overlap_node_network_count(ov, x), 300));
    cr_assert(eq(sz, cn_overlap_size(ov, cn_graph_find(g, "n299")), 300));
    cr_assert(eq(sz, cn_overlap_spanner_count(ov), 1));
    cr_assert(eq(sz, cn_overlap_regions_spanned(ov, x), 0));
    p = cn_overlap_pair_at(ov, 0);
    cr_assert(eq(str, (char *)cn_graph_node_id(g, p->a), "n298"));
    cr_assert(eq(str, (char *)cn_graph_node_id(g, p->b), "n299"));
    cr_assert(eq(sz, p->shared, 299));
    p = cn_overlap_pair_at(ov, cn_overlap_pair_count(ov) - 1);
    cr_assert(eq(sz, p->shared, 1));
}

/* Issue 15, defect 20: the overlap's work is bounded. Direct: 20 networks sharing x share 190
 * members in all (the sum of shared over the pairs), refused with its figure past max_shared. */
Test(analysis_overlap, max_shared_bounds_the_pairs, .fini = free_overlap)
{
    cn_overlap_options o = CN_OVERLAP_OPTIONS_INIT;

    load_star_or_chain(20, false, false);
    o.max_shared = 189;
    cr_assert(eq(int, cn_overlap_compute(&ov, g, &o), CN_ELIMIT));
    cr_assert_null(ov);
    cr_assert(eq(str, (char *)cn_errmsg(),
                 "pairs of networks share 190 members in all, over the limit of 189 "
                 "(max_shared; --max-shared N raises it)"));
    o.max_shared = 190;
    cr_assert(eq(int, cn_overlap_compute(&ov, g, &o), 0), "%s", cn_errmsg());
    cr_assert(eq(sz, cn_overlap_pair_count(ov), 190));
}

/* A chain of 20,000 nested networks has 200,010,000 transitive memberships and about 1.3e12
 * shared members in all: the walk stops at the default limit at once (a 100,000-deep chain ran
 * for over 200 s with no output). With only experts counted nothing but x is, yet the walk is
 * bounded just the same. */
Test(analysis_overlap, deep_chain_is_refused_at_once, .fini = free_overlap)
{
    cn_overlap_options o = CN_OVERLAP_OPTIONS_INIT;

    o.transitive = true;
    load_star_or_chain(20000, true, false);
    cr_assert(eq(sz, CN_OVERLAP_MAX_SHARED, 5000000));
    cr_assert(eq(int, cn_overlap_compute(&ov, g, &o), CN_ELIMIT));
    cr_assert_null(ov);
    cr_assert(eq(str, (char *)cn_errmsg(),
                 "through sub-networks, pairs of networks share more than 5000000 members in all "
                 "or more than 5000000 memberships are walked, the limit (max_shared; "
                 "--max-shared N raises it)"));
    o.kind = CN_NODE_EXPERT;
    o.max_shared = 100000;
    cr_assert(eq(int, cn_overlap_compute(&ov, g, &o), CN_ELIMIT));
    o.transitive = false;
    cr_assert(eq(int, cn_overlap_compute(&ov, g, &o), 0), "%s", cn_errmsg());
    cr_assert(eq(sz, cn_overlap_pair_count(ov), 0));
}

/* 20,000 networks, each with its own region and member, and x in the first and the last: the
 * rows by region are 20,000 diagonal ones and r0-r19999. They were counted in a groups x groups
 * matrix: 15.6 GB and 86 s through the CLI; now memory is linear in memberships and rows. */
Test(analysis_overlap, groups_stay_sparse, .fini = free_overlap, .timeout = 60)
{
    char *nodes = NULL, *edges = NULL;
    size_t nlen = 0, elen = 0, n = 0;
    FILE *nf = open_memstream(&nodes, &nlen), *ef = open_memstream(&edges, &elen);
    cn_group_overlap *rows = NULL;

    cr_assert(nf && ef);
    fprintf(nf, "id,label,kind,region\nx,X,expert,\n");
    fprintf(ef, "source,target,kind\nx,n0,membership\nx,n19999,membership\n");
    for (size_t j = 0; j < 20000; j++) {
        fprintf(nf, "n%zu,N,network,r%zu\ne%zu,E,expert,\n", j, j, j);
        fprintf(ef, "e%zu,n%zu,membership\n", j, j);
    }
    fclose(nf);
    fclose(ef);
    load_text(nodes, nlen, edges, elen);
    free(nodes);
    free(edges);
    cr_assert(eq(int, cn_overlap_compute(&ov, g, NULL), 0), "%s", cn_errmsg());
    cr_assert(eq(int, cn_overlap_groups(&rows, &n, ov, CN_GROUP_REGION), 0), "%s", cn_errmsg());
    cr_assert(eq(sz, n, 20001));
    cr_assert(eq(str, (char *)rows[0].a, "r0"));
    cr_assert(eq(str, (char *)rows[0].b, "r0"));
    cr_assert(eq(sz, rows[0].shared, 2));
    cr_assert(eq(str, (char *)rows[1].b, "r19999"));
    cr_assert(eq(sz, rows[1].shared, 1));
    cr_assert(eq(sz, rows[1].shared_by_kind[CN_NODE_EXPERT], 1));
    cr_assert(eq(str, (char *)rows[2].a, "r1"));
    cr_assert(eq(sz, rows[2].shared, 1));
    cr_assert(eq(str, (char *)rows[n - 1].a, "r9999"));
    cn_free(rows);
    cr_assert(eq(int, cn_overlap_groups(&rows, &n, ov, CN_GROUP_FIELD), 0));
    cr_assert(eq(sz, n, 0));
    cr_assert_null(rows);
}

/* One network listing 20 fields and one member: 20 diagonal rows and 190 pairs of fields, the
 * work max_shared bounds (a network listing thousands of fields made millions of rows). */
Test(analysis_overlap, group_pairs_are_bounded, .fini = free_overlap)
{
    const char nodes[] = "id,label,kind,fields\nx,X,expert,\n"
                         "p,P,network,f0;f1;f2;f3;f4;f5;f6;f7;f8;f9;f10;f11;f12;f13;f14;f15;f16;"
                         "f17;f18;f19\n";
    const char edges[] = "source,target,kind\nx,p,membership\n";
    cn_overlap_options o = CN_OVERLAP_OPTIONS_INIT;
    cn_group_overlap *rows = NULL;
    size_t n = 0;

    load_text(nodes, sizeof nodes - 1, edges, sizeof edges - 1);
    o.max_shared = 189;
    cr_assert(eq(int, cn_overlap_compute(&ov, g, &o), 0), "%s", cn_errmsg());
    cr_assert(eq(int, cn_overlap_groups(&rows, &n, ov, CN_GROUP_FIELD), CN_ELIMIT));
    cr_assert_null(rows);
    cr_assert(eq(str, (char *)cn_errmsg(),
                 "pairs of groups would share more than 189 members in all, the limit "
                 "(max_shared; --max-shared N raises it)"));
    cn_overlap_destroy(ov);
    o.max_shared = 190;
    cr_assert(eq(int, cn_overlap_compute(&ov, g, &o), 0), "%s", cn_errmsg());
    cr_assert(eq(int, cn_overlap_groups(&rows, &n, ov, CN_GROUP_FIELD), 0), "%s", cn_errmsg());
    cr_assert(eq(sz, n, 210));
    cr_assert(eq(str, (char *)rows[0].a, "f0"));
    cr_assert(eq(str, (char *)rows[0].b, "f0"));
    cr_assert(eq(str, (char *)rows[209].b, "f9"));
    cr_assert(eq(sz, rows[209].shared, 1));
    cn_free(rows);
}

/* CPU seconds of cn_overlap_compute on one institution in @p nets networks, as @p role. */
static double star_cpu(size_t nets, const char *role)
{
    char *nodes = NULL, *edges = NULL;
    size_t nlen = 0, elen = 0;
    FILE *nf = open_memstream(&nodes, &nlen), *ef = open_memstream(&edges, &elen);
    clock_t c0;
    double cpu;

    cr_assert(nf && ef);
    fprintf(nf, "id,label,kind\nu,U,institution\n");
    fprintf(ef, "source,target,kind,role\n");
    for (size_t j = 0; j < nets; j++) {
        fprintf(nf, "n%zu,N,network\n", j);
        fprintf(ef, "u,n%zu,membership,%s\n", j, role);
    }
    fclose(nf);
    fclose(ef);
    load_text(nodes, nlen, edges, elen);
    free(nodes);
    free(edges);
    c0 = clock();
    cr_assert(eq(int, cn_overlap_compute(&ov, g, NULL), 0), "%s", cn_errmsg());
    cpu = (double)(clock() - c0) / CLOCKS_PER_SEC;
    cr_assert(eq(sz, cn_overlap_pair_count(ov), nets * (nets - 1) / 2));
    cr_assert(eq(int, cn_overlap_pair_at(ov, 0)->lead_a_in_b, strcmp(role, "lead") == 0));
    cr_assert(eq(int, cn_overlap_pair_at(ov, 0)->lead_b_in_a, strcmp(role, "lead") == 0));
    free_overlap();
    return cpu;
}

/* Whether a lead is in the other network was a scan of the lead's networks for every pair: a
 * lead of 3,000 networks took 38 s over their 4.5 million pairs (now 3.3 s). Compared with the
 * same star without leads (before: 0.68 s against 0.21 s; now 0.23 s), so that the bound holds
 * under the sanitizers and valgrind. */
Test(analysis_overlap, lead_of_many_networks, .fini = free_overlap, .timeout = 120)
{
    double member = star_cpu(1500, "member"), lead = star_cpu(1500, "lead");

    cr_assert(le(dbl, lead, 1.6 * member + 0.1), "lead %.2f s, member %.2f s", lead, member);
}

Test(analysis_overlap, invalid_kind_is_rejected, .fini = free_overlap)
{
    cn_overlap_options o = CN_OVERLAP_OPTIONS_INIT;

    o.kind = 9;
    cr_assert(eq(int, th_load("overlap_hand", &g, &diags), 0));
    cr_assert(eq(int, cn_overlap_compute(&ov, g, &o), CN_EINVAL));
    cr_assert_null(ov);
}

/* Davis, Gardner & Gardner's Southern Women (1941): 18 women, 14 events. The event x event
 * co-membership counts (Breiger 1974) come from tests/ref/davis_reference.py, which reads the
 * same CSVs with plain Python; every pair must match in value and order. */
Test(analysis_overlap, davis_events_match_published_counts, .fini = free_overlap)
{
    char line[256];
    size_t k = 0;
    FILE *fp = fopen("data/davis/expected_events.csv", "r");

    overlap_of("davis", false, -1);
    cr_assert_not_null(fp);
    cr_assert_not_null(fgets(line, sizeof line, fp)); /* header */
    while (fgets(line, sizeof line, fp)) {
        char a[16], b[16];
        size_t shared;
        double jac, ovl;
        const cn_overlap_pair *p = cn_overlap_pair_at(ov, k);
        cr_assert(eq(int, sscanf(line, "%15[^,],%15[^,],%zu,%lf,%lf", a, b, &shared, &jac, &ovl),
                     5));
        cr_assert_not_null(p, "missing pair %zu", k);
        cr_expect(eq(str, (char *)cn_graph_node_id(g, p->a), a), "pair %zu", k);
        cr_expect(eq(str, (char *)cn_graph_node_id(g, p->b), b), "pair %zu", k);
        cr_expect(eq(sz, p->shared, shared), "pair %zu", k);
        cr_expect(le(dbl, fabs(p->jaccard - jac), 1e-15), "pair %zu", k);
        cr_expect(le(dbl, fabs(p->overlap - ovl), 1e-15), "pair %zu", k);
        k++;
    }
    fclose(fp);
    cr_assert(eq(sz, k, 66));
    cr_assert(eq(sz, cn_overlap_pair_count(ov), 66));
    /* the published figures: event 8 has 14 women, events 8 and 9 share 9 */
    cr_assert(eq(sz, cn_overlap_size(ov, cn_graph_find(g, "e08")), 14));
    cr_assert(eq(sz, cn_overlap_pair_at(ov, 0)->shared, 9));
    /* every woman attended at least two events, so all 18 span networks; Evelyn attended 8 */
    cr_assert(eq(sz, cn_overlap_spanner_count(ov), 18));
    cr_assert(eq(sz, cn_overlap_node_network_count(ov, cn_graph_find(g, "w01")), 8));
}

/* The women x women co-membership (events attended together) through the co-membership view:
 * a woman's strength is the sum of her row of Breiger's matrix off the diagonal. */
Test(analysis_overlap, davis_women_comembership, .fini = free_vals)
{
    cn_centrality_options o = CN_CENTRALITY_OPTIONS_INIT;
    double strength[32] = { 0 }, degree[32] = { 0 };
    char line[256];
    FILE *fp = fopen("data/davis/expected_women.csv", "r");

    o.view = CN_VIEW_COMEMBERSHIP;
    compute("davis", &o);
    cr_assert_not_null(fp);
    cr_assert_not_null(fgets(line, sizeof line, fp));
    while (fgets(line, sizeof line, fp)) {
        char a[16], b[16];
        size_t shared, ia, ib;
        cr_assert(eq(int, sscanf(line, "%15[^,],%15[^,],%zu", a, b, &shared), 3));
        ia = cn_graph_find(g, a);
        ib = cn_graph_find(g, b);
        strength[ia] += (double)shared;
        strength[ib] += (double)shared;
        degree[ia]++;
        degree[ib]++;
    }
    fclose(fp);
    for (size_t i = 0; i < 18; i++) {
        cr_expect(eq(dbl, vals[CN_MEASURE_STRENGTH][i], strength[i]), "%s",
                  cn_graph_node_id(g, i));
        cr_expect(eq(dbl, vals[CN_MEASURE_DEGREE][i], degree[i]), "%s", cn_graph_node_id(g, i));
    }
    /* Evelyn (w01) and Theresa (w03) attended 7 events together: her strength counts them */
    cr_assert(ge(dbl, vals[CN_MEASURE_STRENGTH][0], 7));
}

/* Issue 16: the spanner and group-name comparators read the overlap and the graph from
 * file-static pointers, so two threads computing overlaps at once sorted one's spanners with
 * the other's counts (wrong order, or a read past the end of the smaller overlap's arrays).
 * Each thread here computes its own graph's overlap again and again and must get the order a
 * single thread gets. */
#define WEB_ROUNDS 500

typedef struct web_job {
    const cn_graph *g;
    const cn_overlap *want;       /* computed before the threads start */
    const cn_group_overlap *rows; /* its groups by field */
    size_t nrows;
    int bad;                      /* 0, or the round + 1 that differed */
} web_job;

/* @p nets networks (fields f0..f6, regions r0..r4 by number) and @p experts experts, expert e
 * in 2 to 5 networks picked by a fixed sequence from @p seed (@p nets not a multiple of 7): many spanners, many ties. */
static cn_graph *load_web(size_t nets, size_t experts, unsigned seed)
{
    char *nodes = NULL, *edges = NULL;
    size_t nlen = 0, elen = 0;
    FILE *nf = open_memstream(&nodes, &nlen), *ef = open_memstream(&edges, &elen);
    cn_graph *w = NULL;

    cr_assert(nf && ef);
    fprintf(nf, "id,label,kind,region,fields\n");
    fprintf(ef, "source,target,kind\n");
    for (size_t j = 0; j < nets; j++) {
        fprintf(nf, "n%zu,N%zu,network,r%zu,f%zu;f%zu\n", j, j, j % 5, j % 7, (j / 7) % 7);
    }
    for (size_t e = 0; e < experts; e++) {
        size_t start;
        seed = seed * 1103515245u + 12345u;
        start = (seed >> 8) % nets;
        fprintf(nf, "x%zu,X%zu,expert,,\n", e, e);
        for (size_t k = 0, d = 2 + (seed >> 4) % 4; k < d; k++) { /* d distinct networks */
            fprintf(ef, "x%zu,n%zu,membership\n", e, (start + 7 * k) % nets);
        }
    }
    fclose(nf);
    fclose(ef);
    cr_assert(eq(int, cn_load_buffers(&w, nodes, nlen, NULL, edges, elen, NULL, NULL, NULL), 0),
              "%s", cn_errmsg());
    free(nodes);
    free(edges);
    return w;
}

static void *overlap_rounds(void *arg)
{
    web_job *j = arg;

    for (int r = 0; r < WEB_ROUNDS && !j->bad; r++) {
        cn_overlap *o = NULL;
        cn_group_overlap *rows = NULL;
        size_t n = 0;
        bool same = cn_overlap_compute(&o, j->g, NULL) == 0
                    && cn_overlap_groups(&rows, &n, o, CN_GROUP_FIELD) == 0 && n == j->nrows
                    && cn_overlap_spanner_count(o) == cn_overlap_spanner_count(j->want);
        for (size_t k = 0; same && k < cn_overlap_spanner_count(o); k++) {
            same = cn_overlap_spanner(o, k) == cn_overlap_spanner(j->want, k);
        }
        for (size_t k = 0; same && k < n; k++) {
            same = strcmp(rows[k].a, j->rows[k].a) == 0 && strcmp(rows[k].b, j->rows[k].b) == 0
                   && rows[k].shared == j->rows[k].shared;
        }
        j->bad = same ? 0 : r + 1;
        cn_free(rows);
        cn_overlap_destroy(o);
    }
    return NULL;
}

Test(analysis_overlap, concurrent_overlaps_sort_their_own_spanners)
{
    cn_graph *webs[2] = { load_web(61, 1500, 7), load_web(26, 400, 11) };
    cn_overlap *want[2] = { NULL, NULL };
    cn_group_overlap *rows[2] = { NULL, NULL };
    web_job jobs[2];
    pthread_t th[2];

    for (int i = 0; i < 2; i++) {
        jobs[i] = (web_job){ webs[i], NULL, NULL, 0, 0 };
        cr_assert(eq(int, cn_overlap_compute(&want[i], webs[i], NULL), 0), "%s", cn_errmsg());
        cr_assert(eq(int, cn_overlap_groups(&rows[i], &jobs[i].nrows, want[i], CN_GROUP_FIELD),
                     0));
        jobs[i].want = want[i];
        jobs[i].rows = rows[i];
    }
    /* enough spanners that a sort takes a good part of each round */
    cr_assert(gt(sz, cn_overlap_spanner_count(want[0]), 1000));
    cr_assert(gt(sz, cn_overlap_spanner_count(want[1]), 300));
    cr_assert(eq(sz, jobs[0].nrows, 28)); /* 7 fields: 7 + 21 pairs */
    for (int i = 0; i < 2; i++) {
        cr_assert(eq(int, pthread_create(&th[i], NULL, overlap_rounds, &jobs[i]), 0));
    }
    for (int i = 0; i < 2; i++) {
        pthread_join(th[i], NULL);
    }
    for (int i = 0; i < 2; i++) {
        cr_expect(eq(int, jobs[i].bad, 0), "web %d: round %d sorted differently", i, jobs[i].bad);
        cn_free(rows[i]);
        cn_overlap_destroy(want[i]);
        cn_graph_destroy(webs[i]);
    }
}

/* ---- coverage ---- */

static cn_coverage *cov;
static cn_targets *tg;

static void coverage_of(const char *name, const char *at)
{
    char path[256];
    cn_load_options lo = CN_LOAD_OPTIONS_INIT;

    snprintf(path, sizeof path, "data/%s", name);
    if (at) {
        cr_assert(eq(int, cn_date_parse(&lo.at, at), 0));
    }
    cr_assert(eq(int, cn_load_dataset(&g, path, &lo, NULL), 0), "%s", cn_errmsg());
    snprintf(path, sizeof path, "data/%s/targets.ini", name);
    cr_assert(eq(int, cn_targets_load(&tg, path, NULL), 0), "%s", cn_errmsg());
    cr_assert(eq(int, cn_coverage_compute(&cov, g, tg, NULL), 0), "%s", cn_errmsg());
}

static void free_coverage(void)
{
    cn_coverage_destroy(cov);
    cn_targets_destroy(tg);
    cn_graph_destroy(g);
    cov = NULL;
    tg = NULL;
    g = NULL;
}

static const cn_rule_result *result_for(size_t line, const char *subject)
{
    const cn_rule_result *r = th_coverage_result(cov, g, line, subject);

    if (!r) {
        cr_fail("no result for line %zu, %s", line, subject);
    }
    return r;
}

static void expect_gap(size_t line, const char *subject, size_t have, size_t need,
                       const char *first_candidate, double score)
{
    const cn_rule_result *r = result_for(line, subject);

    cr_expect(not(r->met), "line %zu %s should be a gap", line, subject);
    cr_expect(eq(sz, r->have, have), "line %zu %s", line, subject);
    cr_expect(eq(sz, r->need, need), "line %zu %s", line, subject);
    if (first_candidate) {
        cr_assert(ge(sz, r->nsuggestions, 1), "line %zu %s: no candidate", line, subject);
        cr_expect(eq(str, (char *)cn_graph_node_id(g, r->suggestions[0].node),
                     (char *)first_candidate), "line %zu %s", line, subject);
        cr_expect(eq(dbl, r->suggestions[0].score, score), "line %zu %s", line, subject);
    } else {
        cr_expect(eq(sz, r->nsuggestions, 0), "line %zu %s", line, subject);
        cr_expect_not_null(r->no_candidate, "line %zu %s", line, subject);
    }
}

/* tests/data/coverage_hand: scope P = {A1, A2, B1} (Q is outside). A1 = hN (lead, North), iN2,
 * eVN, xFR; A2 = hC (lead, Central), eFR (since 2026); B1 = iN2, no lead. Ties: hC-iN2 2,
 * iC2-iN2 3, eFR-xFR 1, xUS-xFR 4, xVN-hN 1. Candidate scores (README "How candidates are
 * ranked"): 3 per network shared with a lead, 2 with members, the tie weight, 3 for an own
 * field, 2 for an inferred one, 2 for a member of the network itself (lead rules), 1 each
 * for region and country. */
Test(analysis_coverage, every_rule_type_by_hand, .fini = free_coverage)
{
    coverage_of("coverage_hand", NULL);
    cr_assert(eq(sz, cn_coverage_network_count(cov), 3));
    cr_assert(eq(sz, cn_coverage_result_count(cov), 20));
    cr_assert(eq(sz, cn_coverage_gap_count(cov), 10));
    /* fields: the default 1 applies to biotech and quantum; ai has its own 2 */
    cr_assert(result_for(8, "biotech")->met);
    expect_gap(8, "quantum", 0, 1, NULL, 0); /* nobody lists quantum */
    cr_assert(result_for(9, "ai")->met);
    cr_assert(eq(sz, result_for(9, "ai")->have, 2));
    /* regions: ai led in North (A1) and Central (A2), not South: hS works in ai there */
    cr_assert(result_for(12, "North")->met);
    cr_assert(result_for(12, "Central")->met);
    expect_gap(12, "South", 0, 1, "hS", 3 + 1); /* own field, region */
    /* biotech reaches North (iN2 in B1), not Central: iC2 (Central, biotech) ties 3 to iN2 */
    cr_assert(result_for(13, "North")->met);
    expect_gap(13, "Central", 0, 1, "iC2", 3 + 3 + 1);
    /* one lead each: B1 has none; its member institution iN2, which lists biotech, could lead */
    cr_assert(result_for(16, "A1")->met);
    expect_gap(16, "B1", 0, 1, "iN2", 2 + 3);
    /* institutions besides the lead: A2 has none; iN2 ties 2 to its lead hC and lists ai */
    cr_assert(result_for(17, "A1")->met);
    expect_gap(17, "A2", 0, 1, "iN2", 2 + 3);
    cr_assert(result_for(17, "B1")->met);
    /* foreign enterprises: A1 has only eVN; eFR ties 1 to xFR, A1's member, and is in A2 (ai);
     * B1 has no one: no enterprise lists fields, none shares A1 with iN2 or ties to it */
    expect_gap(18, "A1", 0, 1, "eFR", 1 + 2 + 1);
    cr_assert(result_for(18, "A2")->met);
    expect_gap(18, "B1", 0, 1, NULL, 0);
    /* foreign experts: A1 has xFR (1 of 2), and xUS ties 4 to it; xVN is VN, not a candidate */
    expect_gap(19, "A1", 1, 2, "xUS", 4 + 1);
    cr_assert(eq(sz, result_for(19, "A1")->nsuggestions, 1));
    expect_gap(19, "A2", 0, 2, "xFR", 1 + 2 + 1); /* ties to eFR; in A1 (ai); FR */
    expect_gap(19, "B1", 0, 2, "xFR", 2 + 1);     /* shares A1 with iN2; FR */
}

Test(analysis_coverage, matrix_by_hand, .fini = free_coverage)
{
    const cn_coverage_cell *c;

    coverage_of("coverage_hand", NULL);
    cr_assert(eq(sz, cn_coverage_field_count(cov), 3));
    cr_assert(eq(str, (char *)cn_coverage_field(cov, 2), "quantum"));
    cr_assert(eq(str, (char *)cn_coverage_region(cov, 1), "Central"));
    c = cn_coverage_cell_at(cov, 0, 0); /* ai, North: A1 led there; hN, iN2 */
    cr_assert(eq(sz, c->led, 1));
    cr_assert(eq(sz, c->reaching, 1));
    cr_assert(eq(sz, c->members_by_kind[CN_NODE_INSTITUTION], 2));
    c = cn_coverage_cell_at(cov, 1, 0); /* biotech, North: B1 has no lead but reaches North */
    cr_assert(eq(sz, c->led, 0));
    cr_assert(eq(sz, c->reaching, 1));
    c = cn_coverage_cell_at(cov, 0, 2); /* ai, South: Q is led there but outside the scope */
    cr_assert(eq(sz, c->led, 0));
    cr_assert_null(cn_coverage_cell_at(cov, 3, 0));
}

/* At 2025 eFR has not joined A2 yet: A2's foreign-enterprise rule becomes a gap, and eFR is no
 * candidate, since its one tie (to xFR) does not reach A2's only member hC. */
Test(analysis_coverage, at_a_date, .fini = free_coverage)
{
    coverage_of("coverage_hand", "2025");
    expect_gap(18, "A2", 0, 1, NULL, 0);
    cr_assert(eq(sz, cn_coverage_gap_count(cov), 11));
}

/* The bundled data: facts the seed articles state. */
Test(analysis_coverage, vn374_known_facts, .fini = free_coverage)
{
    size_t f_transport = CN_NONE, f_ai = CN_NONE, f_semi = CN_NONE, f_biomed = CN_NONE;

    cr_assert(eq(int, cn_load_dataset(&g, "../data/vn-374", NULL, NULL), 0));
    cr_assert(eq(int, cn_targets_load(&tg, "../data/vn-374/targets.ini", NULL), 0));
    cr_assert(eq(int, cn_coverage_compute(&cov, g, tg, NULL), 0));
    cr_assert(eq(sz, cn_coverage_network_count(cov), 13));
    for (size_t f = 0; f < cn_coverage_field_count(cov); f++) {
        const char *name = cn_coverage_field(cov, f);
        f_transport = strcmp(name, "smart-transport") == 0 ? f : f_transport;
        f_ai = strcmp(name, "ai") == 0 ? f : f_ai;
        f_semi = strcmp(name, "semiconductor") == 0 ? f : f_semi;
    }
    cr_assert(ne(sz, f_transport, CN_NONE));
    /* two smart-transport networks, both led from the North (regions: North, Central, South) */
    cr_assert(eq(sz, cn_coverage_cell_at(cov, f_transport, 0)->led, 2));
    cr_assert(eq(sz, cn_coverage_cell_at(cov, f_transport, 1)->led, 0));
    cr_assert(eq(sz, cn_coverage_cell_at(cov, f_transport, 2)->led, 0));
    /* AI and semiconductors led in all three regions */
    for (size_t r = 0; r < 3; r++) {
        cr_assert(eq(sz, cn_coverage_cell_at(cov, f_ai, r)->led, 1));
        cr_assert(eq(sz, cn_coverage_cell_at(cov, f_semi, r)->led, 1));
    }
    cn_coverage_destroy(cov);
    /* biotechnology for industry and biomedicine: led only in the North (all fields, no targets) */
    cr_assert(eq(int, cn_coverage_compute(&cov, g, NULL, NULL), 0));
    for (size_t f = 0; f < cn_coverage_field_count(cov); f++) {
        f_biomed = strcmp(cn_coverage_field(cov, f), "biomedicine") == 0 ? f : f_biomed;
    }
    cr_assert(ne(sz, f_biomed, CN_NONE));
    cr_assert(eq(str, (char *)cn_coverage_region(cov, 1), "North"));
    for (size_t r = 0; r < cn_coverage_region_count(cov); r++) {
        cr_assert(eq(sz, cn_coverage_cell_at(cov, f_biomed, r)->led, r == 1 ? 1 : 0));
    }
}

Test(analysis_coverage, umbrella_must_exist)
{
    const char text[] = "[scope]\numbrella = nowhere\n";

    cr_assert(eq(int, cn_load_dataset(&g, "data/coverage_hand", NULL, NULL), 0));
    cr_assert(eq(int, cn_targets_parse(&tg, text, sizeof text - 1, "t.ini", NULL), 0));
    cr_assert(eq(int, cn_coverage_compute(&cov, g, tg, NULL), CN_EDATA));
    cr_assert(eq(str, (char *)cn_errmsg(),
                 "t.ini:2: umbrella 'nowhere' is not a network of the dataset"));
    cr_assert_null(cov);
    free_coverage();
}

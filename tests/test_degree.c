/* Degree, strength and coreness from our own pass over the view (analysis/degree.c) against
 * igraph's igraph_degree(), igraph_strength() and igraph_coreness() on the same view: the same
 * bits on every vertex, on the classic datasets, generated S and hand-made graphs with parallel
 * ties and weights whose sum depends on the order of the terms. */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <igraph.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/degree.h"
#include "analysis/ig.h"
#include "analysis/view.h"
#include "helpers.h"

static const cn_measure measures[] = { CN_MEASURE_DEGREE, CN_MEASURE_STRENGTH,
                                       CN_MEASURE_CORENESS };

/* Every measure of @p v, weighted or not, ours against igraph's: the same bits everywhere. */
static void check_view(const cni_view *v, bool weighted, const char *what)
{
    cni_ig_graph *gr = NULL;
    double *mine = calloc(v->nv + 1, sizeof *mine), *ref = calloc(v->nv + 1, sizeof *ref);

    cr_assert(eq(int, cni_ig_graph_create(&gr, v, weighted ? CNI_IG_WEIGHTED : 0), 0));
    for (size_t k = 0; k < sizeof measures / sizeof *measures; k++) {
        size_t differ = 0, first = 0;
        cr_assert(cni_degree_handles(v, measures[k]), "%s", what);
        cr_assert(eq(int, cni_degree_measure(mine, v, measures[k], weighted), 0));
        cr_assert(eq(int, cni_ig_measure(ref, gr, measures[k]), 0));
        for (size_t i = v->nv; i-- > 0;) {
            if (memcmp(&mine[i], &ref[i], sizeof mine[i]) != 0) {
                differ++;
                first = i;
            }
        }
        cr_expect(eq(sz, differ, 0), "%s %s: %zu of %zu vertices differ (vertex %zu: %.17g, "
                  "igraph %.17g)", what, cn_measure_name(measures[k]), differ, v->nv, first,
                  mine[first], ref[first]);
    }
    cni_ig_graph_destroy(gr);
    free(ref);
    free(mine);
}

/* Every view of @p g (co-membership with each projection), weighted and not. */
static void check_graph(const cn_graph *g, const char *name)
{
    static const cn_view views[] = { CN_VIEW_COLLABORATION, CN_VIEW_MEMBERSHIP,
                                     CN_VIEW_COMBINED, CN_VIEW_COMEMBERSHIP };
    char what[160];

    for (size_t k = 0; k < sizeof views / sizeof *views; k++) {
        for (int p = 0; p <= (views[k] == CN_VIEW_COMEMBERSHIP ? CN_PROJECTION_JACCARD : 0); p++) {
            cni_view v;
            cr_assert(eq(int, cni_view_build(&v, g, views[k], (cn_projection)p, 0), 0));
            for (int weighted = 0; weighted < 2; weighted++) {
                snprintf(what, sizeof what, "%s %s %s %s", name, cn_view_name(views[k]),
                         cn_projection_name((cn_projection)p), weighted ? "weighted" : "unweighted");
                check_view(&v, weighted, what);
            }
            cni_view_fini(&v);
        }
    }
}

Test(degree_kernel, classics_match_igraph)
{
    static const char *const names[] = { "karate", "lesmis", "davis", "analysis_small",
                                         "weights_ok",
                                         "k23", "projection", "star", "vietnamese" };

    for (size_t k = 0; k < sizeof names / sizeof *names; k++) {
        cn_graph *g = NULL;
        cn_diag_list *diags = NULL;
        cr_assert(eq(int, th_load(names[k], &g, &diags), 0), "%s: %s", names[k],
                  th_diag(diags, 0));
        check_graph(g, names[k]);
        cn_graph_destroy(g);
        cn_diag_list_destroy(diags);
    }
}

Test(degree_kernel, generated_s_matches_igraph, .timeout = 120)
{
    char dir[4096];
    cn_graph *g = NULL;
    cn_diag_list *diags = NULL;

    cr_assert_not_null(mkdtemp(th_tmpl(dir, sizeof dir, "S")));
    cr_assert(eq(int, th_sh("\"$COLLABNET\" generate -s S --seed 1 -o '%s' >/dev/null 2>&1", dir),
                 0));
    cr_assert(eq(int, cn_diag_list_create(&diags, 0), 0));
    cr_assert(eq(int, cn_load_dataset(&g, dir, NULL, diags), 0));
    check_graph(g, "S");
    cn_graph_destroy(g);
    cn_diag_list_destroy(diags);
}

/* Vertex 0's ties, in edge order, weigh 1e16, 1, 1: summed in that order they make 1e16 (each
 * 1 is lost), in the order of the other ends (1, 2, 3 get 1, 1, 1e16) 1e16 + 2. Vertices 4 and
 * 5 share four parallel ties, 1, 1, 1 and 1e16, which only the order of their ids tells apart:
 * igraph sums them last first (1e16), not first first (1e16 + 4).
 * 6 - 7 - 8 - 6 is a triangle (coreness 2) with 9 hanging off 8 twice (degree 2, coreness 2:
 * igraph counts parallel ties). */
Test(degree_kernel, order_of_the_sum_and_parallel_ties)
{
    static uint32_t from[] = { 3, 0, 2, 4, 5, 4, 4, 6, 7, 8, 9, 8 };
    static uint32_t to[] = { 0, 1, 0, 5, 4, 5, 5, 7, 8, 6, 8, 9 };
    static double weight[] = { 1e16, 1, 1, 1, 1, 1, 1e16, 0.1, 0.2, 0.3, 0.7, 1e-17 };
    cni_view v = { .nv = 10, .m = 12, .from = from, .to = to, .weight = weight };
    double res[10];

    check_view(&v, true, "hand-made weighted");
    check_view(&v, false, "hand-made unweighted");
    cr_assert(eq(int, cni_degree_measure(res, &v, CN_MEASURE_STRENGTH, true), 0));
    cr_expect(eq(dbl, res[0], 1e16 + 2), "strength of 0: %.17g", res[0]);
    cr_expect(eq(dbl, res[3], 1e16));
    cr_expect(eq(dbl, res[4], 1e16), "strength of 4: %.17g", res[4]);
    cr_assert(eq(int, cni_degree_measure(res, &v, CN_MEASURE_CORENESS, true), 0));
    cr_expect(eq(dbl, res[9], 2));
    cr_expect(eq(dbl, res[6], 2));
    cr_expect(eq(dbl, res[4], 4));
    cr_expect(eq(dbl, res[1], 1));
}

/* Ties in ascending order of their ends, each once (the collaboration view's merged ties),
 * are summed in one pass over the edges: the same order as igraph's for every vertex, so the
 * same bits; one tie out of order takes the general path, which agrees as well. */
Test(degree_kernel, sorted_ties_in_one_pass)
{
    static uint32_t from[] = { 0, 0, 0, 1, 1, 2, 3 };
    static uint32_t to[] = { 1, 2, 3, 2, 4, 4, 4 };
    static double weight[] = { 1, 1, 1e16, 1e16, 1, 1, 1 };
    cni_view v = { .nv = 5, .m = 7, .from = from, .to = to, .weight = weight };
    double res[5];

    check_view(&v, true, "sorted weighted");
    cr_assert(eq(int, cni_degree_measure(res, &v, CN_MEASURE_STRENGTH, true), 0));
    cr_expect(eq(dbl, res[0], 1e16 + 2), "strength of 0: %.17g", res[0]);
    cr_expect(eq(dbl, res[2], 1e16), "strength of 2: %.17g", res[2]); /* 1 + 1e16 loses the 1 */
    from[6] = 4;
    to[6] = 3;
    check_view(&v, true, "one tie reversed");
}

/* igraph counts a self-loop in its own order; the loader refuses them, and the kernel leaves a
 * view with one to igraph. Only degree, strength and coreness are ours. */
Test(degree_kernel, self_loops_and_other_measures_are_left_to_igraph)
{
    static uint32_t from[] = { 0, 1 };
    static uint32_t to[] = { 1, 1 };
    static double weight[] = { 1, 2 };
    cni_view v = { .nv = 2, .m = 2, .from = from, .to = to, .weight = weight };
    double res[2];

    cr_expect(not(cni_degree_handles(&v, CN_MEASURE_DEGREE)));
    cr_expect(eq(int, cni_degree_measure(res, &v, CN_MEASURE_STRENGTH, true), CN_EINVAL));
    v.m = 1;
    cr_expect(cni_degree_handles(&v, CN_MEASURE_CORENESS));
    cr_expect(not(cni_degree_handles(&v, CN_MEASURE_PAGERANK)));
    cr_expect(not(cni_degree_handles(&v, CN_MEASURE_BETWEENNESS)));
}

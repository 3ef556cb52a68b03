/* Our betweenness kernel (analysis/brandes.c) against igraph: the same bits as
 * igraph_betweenness_subset() for sampled sources, igraph's exact betweenness within 1e-9 on
 * every vertex, on the classic datasets, generated S and hand-made graphs whose shortest paths
 * are equal only within igraph's tolerance; and the CLI's centrality outputs on data/vn-374 and
 * generated S byte for byte as before the kernel (tests/ref/centrality_golden.sha256). */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <igraph.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/brandes.h"
#include "analysis/ig.h"
#include "analysis/view.h"
#include "helpers.h"

/* |a - b| <= 1e-9 * max(|a|, |b|): 0 only matches 0 */
static bool close_rel(double a, double b)
{
    double scale = fabs(a) > fabs(b) ? fabs(a) : fabs(b);

    return fabs(a - b) <= 1e-9 * scale;
}

/* The kernel from @p k sources (NULL: every vertex in one call) on the arrays of @p v. */
static double *kernel(const cni_view *v, const double *length, const uint32_t *src, size_t k)
{
    cni_bc_graph *bg = NULL;
    cni_bc_work *w = NULL;
    double *res = calloc(v->nv ? v->nv : 1, sizeof *res);
    uint32_t *all = NULL;

    cr_assert_not_null(res);
    cr_assert(eq(int, cni_bc_graph_create(&bg, v->nv, v->from, v->to, v->m, length), 0));
    cr_assert(eq(int, cni_bc_work_create(&w, bg), 0));
    if (!src) {
        all = malloc((v->nv ? v->nv : 1) * sizeof *all);
        for (size_t i = 0; i < v->nv; i++) {
            all[i] = (uint32_t)i;
        }
        src = all;
        k = v->nv;
    }
    cr_assert(eq(int, cni_bc_from(res, w, src, k), 0));
    free(all);
    cni_bc_work_destroy(w);
    cni_bc_graph_destroy(bg);
    return res;
}

/* Every @p stride-th vertex, in a scrambled order, as sampled sources are. */
static size_t some_sources(uint32_t *src, size_t nv, size_t stride)
{
    size_t k = 0;

    for (size_t i = 0; i < nv; i += stride) {
        src[k++] = (uint32_t)((i * 7919) % nv);
    }
    return k;
}

/* One view of @p g, weighted or not: the kernel against igraph's exact betweenness (1e-9 on
 * every vertex; it also matches bit for bit) and against igraph_betweenness_subset() from every
 * @p stride-th vertex, in one call and in slices of 4 (the same bits). */
static void check_view(const cn_graph *g, cn_view view, bool weighted, size_t stride,
                       const char *what)
{
    cni_view v;
    cni_ig_graph *gr = NULL;
    double *exact, *mine, *ref, *sliced;
    uint32_t *src;
    size_t k, differ = 0, far = 0;

    cr_assert(eq(int, cni_view_build(&v, g, view, CN_PROJECTION_COUNT, 0), 0));
    unsigned flags = weighted ? CNI_IG_WEIGHTED | CNI_IG_LENGTHS : 0;
    cr_assert(eq(int, cni_ig_graph_create(&gr, &v, flags), 0));
    exact = calloc(v.nv + 1, sizeof *exact);
    ref = calloc(v.nv + 1, sizeof *ref);
    sliced = calloc(v.nv + 1, sizeof *sliced);
    src = calloc(v.nv + 1, sizeof *src);
    cr_assert(eq(int, cni_ig_measure(exact, gr, CN_MEASURE_BETWEENNESS), 0));
    mine = kernel(&v, cni_ig_betweenness_lengths(gr), NULL, 0);
    for (size_t i = 0; i < v.nv; i++) {
        far += !close_rel(mine[i], exact[i]);
        differ += memcmp(&mine[i], &exact[i], sizeof mine[i]) != 0;
    }
    cr_expect(eq(sz, far, 0), "%s: %zu of %zu vertices differ from igraph by more than 1e-9",
              what, far, v.nv);
    cr_expect(eq(sz, differ, 0), "%s: %zu of %zu vertices not the same bits", what, differ, v.nv);
    free(mine);

    k = some_sources(src, v.nv, stride);
    cr_assert(eq(int, cni_ig_betweenness_from(ref, gr, src, k), 0));
    mine = kernel(&v, cni_ig_betweenness_lengths(gr), src, k);
    cr_expect(eq(int, memcmp(mine, ref, v.nv * sizeof *mine), 0),
              "%s: %zu sources: not the bits of igraph_betweenness_subset", what, k);
    /* in slices of 4 sources, each added to the total, as centrality.c calls it */
    {
        cni_bc_graph *bg = NULL;
        cni_bc_work *w = NULL;
        cr_assert(eq(int, cni_bc_graph_create(&bg, v.nv, v.from, v.to, v.m,
                                              cni_ig_betweenness_lengths(gr)), 0));
        cr_assert(eq(int, cni_bc_work_create(&w, bg), 0));
        memset(ref, 0, v.nv * sizeof *ref);
        for (size_t i = 0; i < k; i += 4) {
            size_t n = k - i < 4 ? k - i : 4;
            cr_assert(eq(int, cni_ig_betweenness_from(ref, gr, src + i, n), 0));
            cr_assert(eq(int, cni_bc_from(sliced, w, src + i, n), 0));
        }
        cr_expect(eq(int, memcmp(sliced, ref, v.nv * sizeof *ref), 0),
                  "%s: slices: not the bits of igraph_betweenness_subset", what);
        cni_bc_work_destroy(w);
        cni_bc_graph_destroy(bg);
    }
    cr_log_info("%s: %zu vertices, %zu edges, %zu sources: same bits", what, v.nv, v.m, k);
    free(mine);
    free(exact);
    free(ref);
    free(sliced);
    free(src);
    cni_ig_graph_destroy(gr);
    cni_view_fini(&v);
}

static void check_dataset(const char *name, cn_view view)
{
    cn_graph *g = NULL;
    cn_diag_list *diags = NULL;
    char what[128];

    cr_assert(eq(int, th_load(name, &g, &diags), 0), "%s", th_diag(diags, 0));
    for (int weighted = 0; weighted < 2; weighted++) {
        snprintf(what, sizeof what, "%s %s %s", name, cn_view_name(view),
                 weighted ? "weighted" : "unweighted");
        check_view(g, view, weighted, 3, what);
    }
    cn_graph_destroy(g);
    cn_diag_list_destroy(diags);
}

Test(betweenness_kernel, classics_match_igraph)
{
    check_dataset("karate", CN_VIEW_COLLABORATION);
    check_dataset("lesmis", CN_VIEW_COLLABORATION);
    check_dataset("davis", CN_VIEW_MEMBERSHIP);
    check_dataset("analysis_small", CN_VIEW_COMBINED);
    check_dataset("weights_ok", CN_VIEW_COLLABORATION);
}

/* Generated S (seed 1) in a new directory under th_tmp() (tests may run in parallel). */
static const char *generated_s(void)
{
    static char dir[4096];

    if (!dir[0]) {
        cr_assert_not_null(mkdtemp(th_tmpl(dir, sizeof dir, "S")));
        cr_assert(eq(int, th_sh("\"$COLLABNET\" generate -s S --seed 1 -o '%s' >/dev/null 2>&1",
                                dir), 0));
    }
    return dir;
}

Test(betweenness_kernel, generated_s_matches_igraph, .timeout = 120)
{
    cn_graph *g = NULL;
    cn_diag_list *diags = NULL;

    cr_assert(eq(int, cn_diag_list_create(&diags, 0), 0));
    cr_assert(eq(int, cn_load_dataset(&g, generated_s(), NULL, diags), 0));
    for (int weighted = 0; weighted < 2; weighted++) {
        check_view(g, CN_VIEW_COLLABORATION, weighted, 25,
                   weighted ? "S collaboration weighted" : "S collaboration unweighted");
    }
    cn_graph_destroy(g);
    cn_diag_list_destroy(diags);
}

/* ---- hand-made graphs, against igraph called directly with the same lengths ---- */

static igraph_t hand_graph(const uint32_t *from, const uint32_t *to, size_t m, size_t nv)
{
    igraph_t graph;
    igraph_vector_int_t edges;

    cr_assert(eq(int, igraph_vector_int_init(&edges, (igraph_integer_t)(2 * m)), 0));
    for (size_t e = 0; e < m; e++) {
        VECTOR(edges)[2 * e] = from[e];
        VECTOR(edges)[2 * e + 1] = to[e];
    }
    cr_assert(eq(int, igraph_create(&graph, &edges, (igraph_integer_t)nv, IGRAPH_UNDIRECTED), 0));
    igraph_vector_int_destroy(&edges);
    return graph;
}

/* The kernel on every vertex against igraph_betweenness() with these lengths: the same bits. */
static double *check_hand(const uint32_t *from, const uint32_t *to, double *length, size_t m,
                          size_t nv)
{
    cni_view v = { .nv = nv, .m = m, .from = (uint32_t *)from, .to = (uint32_t *)to };
    igraph_t graph = hand_graph(from, to, m, nv);
    igraph_vector_t w, r;
    double *mine = kernel(&v, length, NULL, 0);

    /* lengths below 1e-10 make igraph warn: expected here */
    igraph_set_warning_handler(igraph_warning_handler_ignore);

    if (length) {
        igraph_vector_view(&w, length, (igraph_integer_t)m);
    }
    cr_assert(eq(int, igraph_vector_init(&r, 0), 0));
    cr_assert(eq(int, igraph_betweenness(&graph, &r, igraph_vss_all(), IGRAPH_UNDIRECTED,
                                         length ? &w : NULL), 0));
    for (size_t i = 0; i < nv; i++) {
        cr_expect(eq(int, memcmp(&mine[i], &VECTOR(r)[i], sizeof mine[i]), 0),
                  "vertex %zu: %.17g, igraph %.17g", i, mine[i], VECTOR(r)[i]);
    }
    igraph_vector_destroy(&r);
    igraph_destroy(&graph);
    return mine;
}

/* 0 - 1 - 3 is 0.1 + 0.2 = 0.30000000000000004 long, 0 - 2 - 3 is 0.15 + 0.15 = 0.3: equal
 * within igraph's tolerance, so 1 and 2 each lie on half the shortest paths between 0 and 3.
 * 3 - 4 - 5 (0.5 + 0.5) and 3 - 5 (1 + 1e-9) differ by more than the tolerance: only 4 is
 * between 3 and 5. */
Test(betweenness_kernel, paths_equal_within_tolerance)
{
    static const uint32_t from[] = { 0, 1, 0, 2, 3, 4, 3 };
    static const uint32_t to[] = { 1, 3, 2, 3, 4, 5, 5 };
    double length[] = { 0.1, 0.2, 0.15, 0.15, 0.5, 0.5, 1 + 1e-9 };
    double *bc;

    cr_assert(ne(dbl, 0.1 + 0.2, 0.15 + 0.15)); /* not equal as doubles */
    bc = check_hand(from, to, length, 7, 6);
    /* pairs through 1 (and 2): 0-3, 0-4, 0-5, each counted half */
    cr_expect(eq(dbl, bc[1], 1.5));
    cr_expect(eq(dbl, bc[2], 1.5));
    /* 3 is between {0, 1, 2} and {4, 5}: 6 pairs; 4 between {0, 1, 2, 3} and 5: 4 pairs */
    cr_expect(eq(dbl, bc[3], 6));
    cr_expect(eq(dbl, bc[4], 4));
    free(bc);
}

/* Parallel edges of different lengths (igraph lists them by descending edge id) and a
 * self-loop (left out), weighted and unweighted; lengths from 1e-12 to 1e12, so that igraph's
 * tolerance meets a sum that is not exact. */
Test(betweenness_kernel, parallel_edges_and_loops)
{
    static const uint32_t from[] = { 0, 1, 0, 2, 2, 1, 3, 4, 3, 4, 5, 0, 5 };
    static const uint32_t to[] = { 1, 0, 2, 2, 3, 3, 4, 3, 5, 5, 6, 6, 6 };
    double length[] = { 2, 1, 1, 7, 1, 1e-12, 1e12, 3, 2, 1, 1, 1e12, 3 };
    double *bc;

    bc = check_hand(from, to, length, 13, 7);
    free(bc);
    bc = check_hand(from, to, NULL, 13, 7);
    free(bc);
}

/* Many shortest paths of equal length through one vertex, weighted with lengths whose sums
 * round differently (thirds), in a grid: ties leave the heap in igraph's order. */
Test(betweenness_kernel, grid_of_thirds)
{
    enum { SIDE = 12, NV = SIDE * SIDE, M = 2 * SIDE * (SIDE - 1) };
    uint32_t from[M], to[M];
    double length[M];
    size_t m = 0;
    double *bc;

    for (uint32_t r = 0; r < SIDE; r++) {
        for (uint32_t c = 0; c < SIDE; c++) {
            if (c + 1 < SIDE) {
                from[m] = r * SIDE + c;
                to[m] = r * SIDE + c + 1;
                length[m++] = (r + c) % 3 == 0 ? 1.0 / 3 : (r + c) % 3 == 1 ? 2.0 / 3 : 1;
            }
            if (r + 1 < SIDE) {
                from[m] = r * SIDE + c;
                to[m] = (r + 1) * SIDE + c;
                length[m++] = (r * c) % 2 ? 1.0 / 3 : 1.0 / 3 + 1.0 / 3;
            }
        }
    }
    bc = check_hand(from, to, length, m, NV);
    free(bc);
    bc = check_hand(from, to, NULL, m, NV);
    free(bc);
}

/* The kernel numbers vertices by descending degree (brandes.c: renumber()): here the file order
 * is far from it (a hub last, vertex ids scrambled, equal degrees, an isolated vertex, parallel
 * edges, lengths equal only within igraph's tolerance), and every result keeps igraph's bits,
 * weighted and unweighted, from every source and from a few in a scrambled order. */
Test(betweenness_kernel, renumbered_vertices_keep_bits)
{
    enum { NV = 41, HUB = NV - 1, RING = 36, M = 2 * RING + 2 };
    uint32_t from[M], to[M], src[] = { 17, 3, HUB, 29, 0 };
    double length[M];
    size_t m = 0;
    double *bc;

    for (uint32_t i = 0; i < RING; i++) { /* a ring through scrambled ids, every other one tied
                                           * to the hub */
        from[m] = (i * 7) % RING;
        to[m] = ((i + 1) * 7) % RING;
        length[m++] = i % 3 == 0 ? 0.1 + 0.2 : 0.15 + 0.15;
        if (i % 2 == 0) {
            from[m] = HUB;
            to[m] = (i * 11) % RING;
            length[m++] = i % 4 == 0 ? 1.0 / 3 : 1.0 / 3 + 1e-12;
        }
    }
    from[m] = RING + 1; /* a parallel pair away from the ring; RING and RING + 2.. alone */
    to[m] = RING + 3;
    length[m++] = 2;
    from[m] = RING + 3;
    to[m] = RING + 1;
    length[m++] = 2;
    cr_assert(le(sz, m, M));
    bc = check_hand(from, to, length, m, NV);
    cr_expect(gt(dbl, bc[HUB], bc[0]), "the hub lies on more paths than a ring vertex");
    free(bc);
    bc = check_hand(from, to, NULL, m, NV);
    free(bc);
    for (int weighted = 0; weighted < 2; weighted++) {
        cni_view v = { .nv = NV, .m = m, .from = from, .to = to };
        igraph_t graph = hand_graph(from, to, m, NV);
        igraph_vector_t w, r;
        igraph_vector_int_t vs;
        double *mine = kernel(&v, weighted ? length : NULL, src, sizeof src / sizeof src[0]);
        cr_assert(eq(int, igraph_vector_int_init(&vs, 0), 0));
        for (size_t i = 0; i < sizeof src / sizeof src[0]; i++) {
            cr_assert(eq(int, igraph_vector_int_push_back(&vs, src[i]), 0));
        }
        igraph_vector_view(&w, length, (igraph_integer_t)m);
        cr_assert(eq(int, igraph_vector_init(&r, 0), 0));
        cr_assert(eq(int, igraph_betweenness_subset(&graph, &r, igraph_vss_all(), IGRAPH_UNDIRECTED,
                                                    igraph_vss_vector(&vs), igraph_vss_all(),
                                                    weighted ? &w : NULL), 0));
        cr_expect(eq(int, memcmp(mine, VECTOR(r), NV * sizeof *mine), 0),
                  "%s: not the bits of igraph_betweenness_subset",
                  weighted ? "weighted" : "unweighted");
        igraph_vector_destroy(&r);
        igraph_vector_int_destroy(&vs);
        igraph_destroy(&graph);
        free(mine);
    }
}

Test(betweenness_kernel, bad_input_is_refused)
{
    static const uint32_t from[] = { 0, 1 }, to[] = { 1, 5 };
    cni_bc_graph *bg = NULL;
    cni_bc_work *w = NULL;
    uint32_t src[] = { 0, 3 };
    double res[3] = { 0 };

    cr_assert(eq(int, cni_bc_graph_create(&bg, 3, from, to, 2, NULL), CN_EINVAL));
    cr_assert_null(bg);
    cr_assert(eq(int, cni_bc_graph_create(&bg, 3, from, to, 1, NULL), 0));
    cr_assert(eq(int, cni_bc_work_create(&w, bg), 0));
    cr_assert(eq(int, cni_bc_from(res, w, src, 2), CN_EINVAL));
    cr_assert(eq(int, cni_bc_from(res, w, src, 1), 0));
    cr_assert(eq(dbl, res[0] + res[1] + res[2], 0));
    cni_bc_work_destroy(w);
    cni_bc_graph_destroy(bg);
    cni_bc_work_destroy(NULL);
    cni_bc_graph_destroy(NULL);
}

/* A weighted graph built without CNI_IG_LENGTHS (as centrality.c builds it for PageRank,
 * eigenvector and constraint) gives those measures the bits of a graph with lengths, and refuses
 * every path-based call rather than reading lengths it does not have; unweighted, no lengths
 * are needed. */
Test(ig_graph, lengths_only_when_asked)
{
    static const cn_measure other[] = { CN_MEASURE_PAGERANK, CN_MEASURE_EIGENVECTOR,
                                        CN_MEASURE_CONSTRAINT, CN_MEASURE_STRENGTH };
    static const cn_measure paths[] = { CN_MEASURE_BETWEENNESS, CN_MEASURE_CLOSENESS,
                                        CN_MEASURE_HARMONIC };
    cn_graph *g = NULL;
    cn_diag_list *diags = NULL;
    cni_view v;
    cni_ig_graph *bare = NULL, *full = NULL, *plain = NULL;
    double *a, *b, *dist;
    uint32_t src[2] = { 0, 1 };

    cr_assert(eq(int, th_load("weights_ok", &g, &diags), 0), "%s", th_diag(diags, 0));
    cr_assert(eq(int, cni_view_build(&v, g, CN_VIEW_COLLABORATION, CN_PROJECTION_COUNT, 0), 0));
    cr_assert(gt(sz, v.nv, 2));
    a = calloc(v.nv, sizeof *a);
    b = calloc(v.nv, sizeof *b);
    dist = calloc(2 * v.nv, sizeof *dist);
    cr_assert(eq(int, cni_ig_graph_create(&bare, &v, CNI_IG_WEIGHTED), 0));
    cr_assert(eq(int, cni_ig_graph_create(&full, &v, CNI_IG_WEIGHTED | CNI_IG_LENGTHS), 0));
    cr_assert(eq(int, cni_ig_graph_create(&plain, &v, 0), 0));
    for (size_t k = 0; k < sizeof other / sizeof *other; k++) {
        cr_assert(eq(int, cni_ig_measure(a, bare, other[k]), 0));
        cr_assert(eq(int, cni_ig_measure(b, full, other[k]), 0));
        cr_expect(eq(int, memcmp(a, b, v.nv * sizeof *a), 0), "%s: not the same bits",
                  cn_measure_name(other[k]));
    }
    for (size_t k = 0; k < sizeof paths / sizeof *paths; k++) {
        cr_expect(eq(int, cni_ig_measure(a, bare, paths[k]), CN_EINVAL), "%s",
                  cn_measure_name(paths[k]));
        cr_expect(eq(int, cni_ig_measure(a, full, paths[k]), 0));
        cr_expect(eq(int, cni_ig_measure(a, plain, paths[k]), 0));
    }
    cr_expect(eq(int, cni_ig_betweenness_from(a, bare, src, 2), CN_EINVAL));
    cr_expect(eq(int, cni_ig_closeness_of(a, b, bare, src, 2, false), CN_EINVAL));
    cr_expect(eq(int, cni_ig_distances_from(dist, bare, src, 2), CN_EINVAL));
    cr_expect(eq(int, cni_ig_distances_from(dist, full, src, 2), 0));
    cr_expect(eq(int, cni_ig_distances_from(dist, plain, src, 2), 0));
    cr_assert(eq(int, IGRAPH_FINALLY_STACK_SIZE(), 0));
    free(a);
    free(b);
    free(dist);
    cni_ig_graph_destroy(plain);
    cni_ig_graph_destroy(full);
    cni_ig_graph_destroy(bare);
    cni_view_fini(&v);
    cn_graph_destroy(g);
    cn_diag_list_destroy(diags);
}

/* ---- the CLI's outputs, byte for byte ---- */

/* Each line of tests/ref/centrality_golden.sha256 is "SHA256  DATASET ARGS": the SHA-256 of
 * `collabnet centrality ARGS DIR` as the build before this kernel wrote it, DATASET being
 * vn-374 (data/vn-374) or S (generated, seed 1). */
Test(betweenness_outputs, centrality_outputs_are_unchanged, .timeout = 300)
{
    FILE *fp = fopen("ref/centrality_golden.sha256", "r");
    char line[1024];
    size_t checked = 0;

    cr_assert_not_null(fp);
    while (fgets(line, sizeof line, fp)) {
        char hash[65], dataset[16], dir[4096];
        int at = 0;
        line[strcspn(line, "\n")] = '\0';
        if (line[0] == '#' || line[0] == '\0') {
            continue;
        }
        cr_assert(eq(int, sscanf(line, "%64s %15s %n", hash, dataset, &at), 2), "%s", line);
        snprintf(dir, sizeof dir, "%s", strcmp(dataset, "S") == 0 ? generated_s()
                                                                  : "../data/vn-374");
        cr_expect(eq(int, th_sh("\"$COLLABNET\" centrality %s '%s' | sha256sum | grep -q '^%s '",
                                line + at, dir, hash), 0),
                  "collabnet centrality %s %s: not the bytes it wrote before", line + at, dataset);
        checked++;
    }
    fclose(fp);
    cr_assert(gt(sz, checked, 10));
}

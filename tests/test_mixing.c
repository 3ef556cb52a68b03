/* collabnet mixing and brokerage (analysis/mixing.c, results/mixing.c, tools/cmd_mixing.c):
 * hand-computed small graphs, sna::brokerage's values and NetworkX's assortativity. */
#define _GNU_SOURCE
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/mixing.h"
#include "cli.h"
#include "helpers.h"

#define TOL 1e-12

static cn_graph *load(const char *name)
{
    cn_graph *g = NULL;
    cn_diag_list *diags = NULL;

    cr_assert(eq(int, th_load(name, &g, &diags), 0), "%s", th_diag(diags, 0));
    cn_diag_list_destroy(diags);
    return g;
}

static size_t group_index(const cni_groups *gr, const char *name)
{
    for (size_t a = 0; a < gr->n; a++) {
        if (strcmp(gr->names[a], name) == 0) {
            return a;
        }
    }
    cr_fail("no group '%s'", name);
    return 0;
}

/* tests/data/mixing_hand by region: North a1..a4, South b1 b2, East c1; z1 has no region.
 * Ties: a1-a2 (2), a2-a3, a1-b1, b1-b2 (3), b2-c1, a3-c1, c1-z1 (left out), a2-a4, a1-a4. */
Test(mixing, region_by_hand)
{
    cn_graph *g = load("mixing_hand");
    cni_groups gr;
    cni_mixing mx;
    size_t N, S, E, n;

    cr_assert(eq(int, cni_groups_build(&gr, g, "region"), 0));
    cr_assert(eq(int, cni_mixing_compute(&mx, &gr), 0));
    n = gr.n;
    N = group_index(&gr, "North");
    S = group_index(&gr, "South");
    E = group_index(&gr, "East");
    cr_assert(eq(sz, n, 3));
    cr_assert(eq(sz, gr.nv, 7));
    cr_assert(eq(sz, gr.excluded, 1));
    cr_assert(eq(sz, gr.m, 8));
    cr_assert(eq(sz, gr.excluded_ties, 1));
    /* 5 ties inside a group, 3 between: E-I = (3 - 5) / 8 */
    cr_assert(eq(dbl, mx.internal, 5.0));
    cr_assert(eq(dbl, mx.external, 3.0));
    cr_assert(eq(dbl, mx.ties[N * n + N], 4.0));
    cr_assert(eq(dbl, mx.ties[S * n + S], 1.0));
    cr_assert(eq(dbl, mx.ties[E * n + E], 0.0));
    cr_assert(eq(dbl, mx.ties[N * n + S], 1.0));
    cr_assert(eq(dbl, mx.ties[S * n + N], 1.0));
    cr_assert(eq(dbl, mx.ties[S * n + E], 1.0));
    cr_assert(eq(dbl, mx.weight[N * n + N], 5.0));
    cr_assert(eq(dbl, mx.weight[S * n + S], 3.0));
    cr_assert(eq(dbl, mx.internal_w, 8.0));
    cr_assert(eq(dbl, mx.external_w, 3.0));
    /* Newman's r: e_NN = 4/8, e_SS = 1/8, a = (5, 2, 1) / 8: (5/8 - 30/64) / (1 - 30/64) */
    cr_assert(epsilon_eq(dbl, mx.assortativity, 5.0 / 17.0, TOL));
    cr_assert(eq(sz, mx.assort_actors, 7));
    cr_assert(eq(sz, mx.assort_ties, 8));
    cni_mixing_fini(&mx);
    cni_groups_fini(&gr);
    cn_graph_destroy(g);
}

/* By field: a1 has ai and bio, b2 none (left out with b1-b2 and b2-c1). A tie between actors
 * with a and b fields adds 1/(ab) to each pair of their fields. */
Test(mixing, fields_split_ties)
{
    cn_graph *g = load("mixing_hand");
    cni_groups gr;
    cni_mixing mx;
    size_t ai, bio, en, n;

    cr_assert(eq(int, cni_groups_build(&gr, g, "field"), 0));
    cr_assert(eq(int, cni_mixing_compute(&mx, &gr), 0));
    n = gr.n;
    ai = group_index(&gr, "ai");
    bio = group_index(&gr, "bio");
    en = group_index(&gr, "energy");
    cr_assert(eq(sz, gr.excluded, 1));
    cr_assert(eq(sz, gr.m, 7));
    cr_assert(eq(sz, gr.size[ai], 5)); /* a1 a2 a4 b1 z1 */
    /* a1-a2: 1/2 ai-ai, 1/2 ai-bio; a1-b1 the same; a1-a4 the same; a2-a4 1 ai-ai; a2-a3 1 */
    cr_assert(epsilon_eq(dbl, mx.ties[ai * n + ai], 2.5, TOL));
    cr_assert(epsilon_eq(dbl, mx.ties[ai * n + bio], 2.5, TOL));
    cr_assert(epsilon_eq(dbl, mx.ties[bio * n + en], 1.0, TOL));
    cr_assert(epsilon_eq(dbl, mx.ties[ai * n + en], 1.0, TOL));
    cr_assert(epsilon_eq(dbl, mx.internal, 2.5, TOL));
    cr_assert(epsilon_eq(dbl, mx.external, 4.5, TOL));
    /* a1-a2 weighs 2: 1 to ai-ai, 1 to ai-bio */
    cr_assert(epsilon_eq(dbl, mx.weight[ai * n + ai], 3.0, TOL));
    /* r on the one-field actors a2 a3 a4 b1 c1 z1 and their ties a2-a3, a3-c1, c1-z1, a2-a4:
     * e_ai,ai = 1/4, a = (1/2, 1/4, 1/4): (1/4 - 3/8) / (1 - 3/8) */
    cr_assert(epsilon_eq(dbl, mx.assortativity, -0.2, TOL));
    cr_assert(eq(sz, mx.assort_actors, 6));
    cr_assert(eq(sz, mx.assort_ties, 4));
    cni_mixing_fini(&mx);
    cni_groups_fini(&gr);
    cn_graph_destroy(g);
}

/* NetworkX 2.8.8, offline: nx.attribute_assortativity_coefficient(G, "g") on the actors with a
 * value and their collaboration ties (the script is in tests/data/brokerage_sna/README.md). */
Test(mixing, assortativity_matches_networkx)
{
    static const struct {
        const char *dataset, *by;
        double r;
    } cases[] = {
        { "karate", "faction", 0.717530864197531 },
        { "mixing_hand", "region", 0.29411764705882354 },
        { "mixing_hand", "sector", -0.2698412698412698 },
    };

    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        cn_graph *g = load(cases[k].dataset);
        cni_groups gr;
        cni_mixing mx;
        cr_assert(eq(int, cni_groups_build(&gr, g, cases[k].by), 0));
        cr_assert(eq(int, cni_mixing_compute(&mx, &gr), 0));
        cr_assert(epsilon_eq(dbl, mx.assortativity, cases[k].r, 1e-12), "%s %s: %.17g",
                  cases[k].dataset, cases[k].by, mx.assortativity);
        cni_mixing_fini(&mx);
        cni_groups_fini(&gr);
        cn_graph_destroy(g);
    }
}

/* The CLI's groups table: internal share and E-I per group (North: 4 in, 2 out). */
Test(mixing, cli_groups_csv)
{
    char path[4096];
    size_t len;
    char *csv;

    th_tmpl(path, sizeof path, "mixing.csv");
    cr_assert(eq(int, th_sh("$COLLABNET mixing data/mixing_hand -f csv -o %s", path), 0));
    csv = th_slurp(path, &len);
    cr_assert(eq(str, csv,
                 "group,actors,internal,external,internal_share,ei,weight_internal,"
                 "weight_external,ei_weighted\n"
                 "East,1,0,2,0,1,0,2,1\n"
                 "North,4,4,2,0.66666666666666663,-0.33333333333333331,5,2,"
                 "-0.42857142857142855\n"
                 "South,2,1,2,0.33333333333333331,0.33333333333333331,3,2,-0.20000000000000001\n"));
    free(csv);
}

/* Bad input: a precise message and the documented exit status. */
Test(mixing, bad_input)
{
    char path[4096];
    size_t len;
    char *err;

    th_tmpl(path, sizeof path, "err");
    cr_assert(eq(int, th_sh("$COLLABNET mixing --by nope data/mixing_hand 2>%s", path),
                 EXIT_USAGE));
    err = th_slurp(path, &len);
    cr_assert(eq(str, err, "collabnet: no column 'nope' to group by (expected region, country, "
                           "field, kind, sector, note)\n"));
    free(err);
    cr_assert(eq(int, th_sh("$COLLABNET mixing --by note data/mixing_hand 2>%s", path),
                 EXIT_DATA));
    err = th_slurp(path, &len);
    cr_assert(eq(str, err, "collabnet: no actor has a value in column 'note'\n"));
    free(err);
    cr_assert(eq(int, th_sh("$COLLABNET mixing data/mixing_noties 2>%s", path), EXIT_DATA));
    err = th_slurp(path, &len);
    cr_assert(eq(str, err, "collabnet: the collaboration graph has no ties\n"));
    free(err);
    cr_assert(eq(int, th_sh("$COLLABNET brokerage --by field data/mixing_hand 2>%s", path),
                 EXIT_USAGE));
    err = th_slurp(path, &len);
    cr_assert(eq(str, err, "collabnet: brokerage needs one group per actor: not by field\n"));
    free(err);
    cr_assert(eq(int, th_sh("$COLLABNET brokerage data/mixing_noties 2>/dev/null"), EXIT_DATA));
    cr_assert(eq(int, th_sh("$COLLABNET mixing --weight data/mixing_hand 2>/dev/null"),
                 EXIT_USAGE));
}

/* Brokerage by hand on mixing_hand by region: each unordered open two-path i - v - k counts
 * twice (i->v->k, k->v->i); i, v in one group and k in another is one representative and one
 * gatekeeper path. a2's neighbours a1 a3 a4: a1-a4 closed, two open (coordinator 4). */
Test(brokerage, by_hand)
{
    static const struct {
        const char *id;
        double role[CNI_BROKER_ROLES];
    } want[] = {
        { "a1", { 0, 0, 2, 2, 0, 4 } }, { "a2", { 4, 0, 0, 0, 0, 4 } },
        { "a3", { 0, 0, 1, 1, 0, 2 } }, { "a4", { 0, 0, 0, 0, 0, 0 } },
        { "b1", { 0, 0, 1, 1, 0, 2 } }, { "b2", { 0, 0, 1, 1, 0, 2 } },
        { "c1", { 0, 0, 0, 0, 2, 2 } },
    };
    cn_graph *g = load("mixing_hand");
    cni_groups gr;
    cni_brokerage br;
    size_t N;

    cr_assert(eq(int, cni_groups_build(&gr, g, "region"), 0));
    cr_assert(eq(int, cni_brokerage_compute(&br, &gr), 0));
    cr_assert(eq(sz, br.nv, 7));
    for (size_t v = 0; v < br.nv; v++) {
        cr_assert(eq(str, (char *)cn_graph_node_id(g, gr.node_of[v]), (char *)want[v].id));
        for (size_t r = 0; r < CNI_BROKER_ROLES; r++) {
            cr_assert(eq(dbl, br.count[v * CNI_BROKER_ROLES + r], want[v].role[r]),
                      "%s %s", want[v].id, cni_broker_role_names[r]);
        }
    }
    N = group_index(&gr, "North");
    cr_assert(eq(dbl, br.group_count[N * CNI_BROKER_ROLES + CNI_BROKER_COORDINATOR], 4.0));
    cr_assert(eq(dbl, br.group_count[N * CNI_BROKER_ROLES + CNI_BROKER_REPRESENTATIVE], 3.0));
    cr_assert(eq(dbl, br.group_count[N * CNI_BROKER_ROLES + CNI_BROKER_TOTAL], 10.0));
    cni_brokerage_fini(&br);
    cni_groups_fini(&gr);
    cn_graph_destroy(g);
}

/* The counts from each vertex's groups of neighbours less its triangles, against every pair of
 * neighbours looked at one by one (the definition), on a random graph of 60 vertices in 4
 * groups with hubs (degrees from 1 to about 40), so that degrees tie and differ. */
Test(brokerage, triangles_match_every_pair)
{
    enum { NV = 60, NG = 4 };
    static bool tied[NV][NV];
    static uint32_t from[NV * NV], to[NV * NV], node_of[NV], off[NV + 1], group[NV];
    static double weight[NV * NV];
    static size_t size[NG];
    static const char *names[NG] = { "a", "b", "c", "d" };
    cni_groups gr = { .n = NG, .names = names, .size = size, .nv = NV, .node_of = node_of,
                      .off = off, .group = group, .from = from, .to = to, .weight = weight };
    cni_brokerage br;
    uint64_t seed = 7;

    for (size_t v = 0; v < NV; v++) {
        node_of[v] = (uint32_t)v;
        off[v] = (uint32_t)v;
        group[v] = (uint32_t)((v * 7 + v / 5) % NG);
        size[group[v]]++;
    }
    off[NV] = NV;
    for (size_t a = 0; a < NV; a++) {
        for (size_t b = a + 1; b < NV; b++) {
            seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
            /* vertices 0..4 are hubs */
            if ((seed >> 33) % 100 < (a < 5 ? 60u : 12u)) {
                tied[a][b] = tied[b][a] = true;
                from[gr.m] = (uint32_t)(gr.m % 2 ? b : a); /* both directions of listing */
                to[gr.m] = (uint32_t)(gr.m % 2 ? a : b);
                weight[gr.m++] = 1;
            }
        }
    }
    cr_assert(eq(int, cni_brokerage_compute(&br, &gr), 0));
    for (size_t v = 0; v < NV; v++) {
        double want[CNI_BROKER_ROLES] = { 0 };
        for (size_t i = 0; i < NV; i++) {
            for (size_t k = i + 1; k < NV; k++) {
                if (!tied[v][i] || !tied[v][k] || tied[i][k]) {
                    continue;
                }
                uint32_t gv = group[v], gi = group[i], gk = group[k];
                if (gi == gv && gk == gv) {
                    want[CNI_BROKER_COORDINATOR] += 2;
                } else if (gi == gk) {
                    want[CNI_BROKER_ITINERANT] += 2;
                } else if (gi == gv || gk == gv) {
                    want[CNI_BROKER_REPRESENTATIVE]++;
                    want[CNI_BROKER_GATEKEEPER]++;
                } else {
                    want[CNI_BROKER_LIAISON] += 2;
                }
                want[CNI_BROKER_TOTAL] += 2;
            }
        }
        for (size_t r = 0; r < CNI_BROKER_ROLES; r++) {
            cr_assert(eq(dbl, br.count[v * CNI_BROKER_ROLES + r], want[r]), "vertex %zu %s", v,
                      cni_broker_role_names[r]);
        }
    }
    cni_brokerage_fini(&br);
}

/* Each row of an sna fixture (tests/data/brokerage_sna) against `collabnet brokerage -f csv`:
 * raw counts, expected values and z-scores; NaN in R is an empty cell here. */
static void same_as_sna(const char *dataset, const char *by, const char *fixture)
{
    char path[4096], *ours, *theirs, *sa = NULL, *sb = NULL;
    size_t len, rows = 0;

    th_tmpl(path, sizeof path, "brokerage.csv");
    cr_assert(eq(int, th_sh("$COLLABNET brokerage --by %s data/%s -f csv -o %s", by, dataset,
                            path), 0));
    ours = th_slurp(path, &len);
    theirs = th_slurp(fixture, &len);
    cr_assert(ours && theirs);
    /* skip both headers; ours has a label column after the id */
    for (char *a = strtok_r(ours, "\n", &sa), *b = strtok_r(theirs, "\n", &sb);
         (a = strtok_r(NULL, "\n", &sa)) && (b = strtok_r(NULL, "\n", &sb)); rows++) {
        char *fa = NULL, *fb = NULL, *x, *y;
        size_t col = 0;
        x = strsep(&a, ",");
        y = strsep(&b, ",");
        cr_assert(eq(str, x, y));
        strsep(&a, ","); /* label */
        x = strsep(&a, ",");
        y = strsep(&b, ",");
        cr_assert(eq(str, x, y));
        while ((x = strsep(&a, ",")) && (y = strsep(&b, ","))) {
            double want = strtod(y, &fb);
            if (isnan(want)) {
                cr_assert(eq(str, x, ""), "%s column %zu: %s, sna NaN", dataset, col, x);
            } else {
                double got = strtod(x, &fa);
                cr_assert(epsilon_eq(dbl, got, want, 1e-9 * (1 + fabs(want))),
                          "%s column %zu: %s, sna %s", dataset, col, x, y);
            }
            col++;
        }
        cr_assert(eq(sz, col, 18));
    }
    cr_assert(rows > 0);
    free(theirs);
    free(ours);
}

Test(brokerage, matches_sna_mixing_hand)
{
    same_as_sna("mixing_hand", "region", "data/brokerage_sna/mixing_hand_region.csv");
}

Test(brokerage, matches_sna_karate)
{
    same_as_sna("karate", "faction", "data/brokerage_sna/karate_faction.csv");
}

/* export --with brokerage: the counts as node attributes, none for an actor without a region
 * (z1) or a network; an unknown --with is a usage error. */
Test(brokerage, export_attributes)
{
    char path[4096];
    size_t len;
    char *json;

    th_tmpl(path, sizeof path, "export.json");
    cr_assert(eq(int, th_sh("$COLLABNET export --with brokerage --to json data/mixing_hand -o %s",
                            path), 0));
    json = th_slurp(path, &len);
    cr_assert(not(eq(ptr, strstr(json, "\"id\":\"c1\",\"label\":\"Gamma One\",\"kind\":\"institution\","
                                       "\"region\":\"East\",\"fields\":[\"energy\"],\"sector\":"
                                       "\"public\",\"brokerage_coordinator\":0.0,"
                                       "\"brokerage_itinerant\":0.0,\"brokerage_representative\":"
                                       "0.0,\"brokerage_gatekeeper\":0.0,\"brokerage_liaison\":2.0,"
                                       "\"brokerage_total\":2.0}"), NULL)), "%s", json);
    cr_assert(not(eq(ptr, strstr(json, "{\"id\":\"z1\",\"label\":\"Zeta\",\"kind\":\"expert\","
                                       "\"fields\":[\"ai\"]}"), NULL)), "%s", json);
    free(json);
    cr_assert(eq(int, th_sh("$COLLABNET export --with centrality,bogus --to json data/mixing_hand "
                            "2>/dev/null"), EXIT_USAGE));
    cr_assert(eq(int, th_sh("$COLLABNET export --with brokerage --to json data/mixing_noties "
                            "-o %s 2>/dev/null", path), EXIT_DATA));
}

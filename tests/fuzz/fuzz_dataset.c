/* libFuzzer target, structure-aware: the input bytes drive the test dataset generator
 * (tests/gen/testgen.c), so every input is a valid dataset of some shape (nesting, spanners,
 * big stars, hostile text, extreme weights, dates, targets), and the analyses, every render
 * view as DOT (no layout: Graphviz's layouts are not what is fuzzed here, and cost a hundred
 * times more) and every export format run on it in memory. Besides crashes, leaks and undefined
 * behaviour, a broken invariant aborts: the dataset must load, overlap pairs must be bounded and
 * consistent, degree sums must be twice the ties. */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <collabnet/collabnet.h>

#include "../gen/testgen.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define REQUIRE(cond)                                                                          \
    do {                                                                                       \
        if (!(cond)) {                                                                         \
            fprintf(stderr, "fuzz_dataset: %s:%d: %s (%s)\n", __FILE__, __LINE__, #cond,       \
                    cn_errmsg());                                                              \
            abort();                                                                           \
        }                                                                                      \
    } while (0)

static void check_overlap(const cn_graph *g, bool transitive)
{
    cn_overlap_options oo = CN_OVERLAP_OPTIONS_INIT;
    cn_overlap *o = NULL;

    oo.transitive = transitive;
    REQUIRE(cn_overlap_compute(&o, g, &oo) == 0);
    for (size_t k = 0; k < cn_overlap_pair_count(o); k++) {
        const cn_overlap_pair *p = cn_overlap_pair_at(o, k);
        size_t small = p->size_a < p->size_b ? p->size_a : p->size_b, bykind = 0;
        REQUIRE(p->a < p->b && p->shared >= 1 && p->shared <= small);
        REQUIRE(p->size_a == cn_overlap_size(o, p->a) && p->size_b == cn_overlap_size(o, p->b));
        REQUIRE(p->jaccard > 0 && p->jaccard <= 1 && p->overlap > 0 && p->overlap <= 1);
        for (int kind = 0; kind < CN_NODE_KIND_COUNT; kind++) {
            bykind += p->shared_by_kind[kind];
        }
        REQUIRE(bykind == p->shared);
    }
    for (size_t k = 0; k < cn_overlap_spanner_count(o); k++) {
        REQUIRE(cn_overlap_node_network_count(o, cn_overlap_spanner(o, k)) >= 2);
    }
    for (int by = 0; by < 2; by++) {
        cn_group_overlap *rows = NULL;
        size_t n = 0;
        REQUIRE(cn_overlap_groups(&rows, &n, o, (cn_group_by)by) == 0);
        cn_free(rows);
    }
    cn_overlap_destroy(o);
}

/* Degree sums on every view: twice the ties (co-membership: checked to be even). */
static void check_centrality(const cn_graph *g)
{
    size_t n = cn_graph_node_count(g);
    size_t ties[4] = { cn_graph_tie_count(g), cn_graph_count_edge_kind(g, CN_EDGE_MEMBERSHIP),
                       cn_graph_tie_count(g) + cn_graph_count_edge_kind(g, CN_EDGE_MEMBERSHIP),
                       0 };
    double *vals[CN_MEASURE_COUNT];
    cn_measure ms[CN_MEASURE_COUNT];

    for (int m = 0; m < CN_MEASURE_COUNT; m++) {
        ms[m] = (cn_measure)m;
        REQUIRE((vals[m] = calloc(n + 1, sizeof *vals[m])));
    }
    for (int v = 0; v < 4; v++) {
        cn_centrality_options o = CN_CENTRALITY_OPTIONS_INIT;
        cn_cut *cuts = NULL;
        size_t ncuts = 0;
        double sum = 0;
        o.view = (cn_view)v;
        o.processes = 1; /* no fork under the fuzzer */
        REQUIRE(cn_centrality(vals, g, ms, CN_MEASURE_COUNT, &o) == 0);
        for (size_t i = 0; i < n; i++) {
            sum += isnan(vals[CN_MEASURE_DEGREE][i]) ? 0 : vals[CN_MEASURE_DEGREE][i];
        }
        REQUIRE(v == 3 ? fmod(sum, 2) == 0 : sum == 2.0 * (double)ties[v]);
        REQUIRE(cn_cut_points(&cuts, &ncuts, g, (cn_view)v, &o) == 0);
        for (size_t k = 0; k < ncuts; k++) {
            REQUIRE(cuts[k].separated < cuts[k].component);
        }
        cn_free(cuts);
    }
    for (int m = 0; m < CN_MEASURE_COUNT; m++) {
        free(vals[m]);
    }
}

static void check_render(const cn_graph *g, const cn_targets *t, const char *focus)
{
    for (int v = 0; v < CN_RENDER_VIEW_COUNT + 1; v++) {
        cn_render_options o = CN_RENDER_OPTIONS_INIT;
        char *out = NULL;
        size_t len = 0;
        o.format = CN_FORMAT_DOT;
        o.view = v == CN_RENDER_VIEW_COUNT ? CN_RENDER_COLLABORATION : (cn_render_view)v;
        o.ties = v == CN_RENDER_VIEW_COUNT ? CN_VIEW_COMEMBERSHIP : CN_VIEW_COLLABORATION;
        o.targets = t;
        o.focus = focus;
        o.group_by_region = v == CN_RENDER_MEMBERSHIP;
        if (o.view == CN_RENDER_EGO && !focus) {
            continue;
        }
        REQUIRE(cn_render(&out, &len, NULL, g, &o) == 0 && len > 0);
        cn_free(out);
    }
}

static void check_export(const cn_graph *g)
{
    for (int f = 0; f < CN_EXPORT_COUNT; f++) {
        cn_export_options o = CN_EXPORT_OPTIONS_INIT;
        cn_measure m = CN_MEASURE_PAGERANK;
        char *buf = NULL;
        size_t len = 0;
        FILE *fp = open_memstream(&buf, &len);
        REQUIRE(fp);
        o.format = (cn_export_format)f;
        if (f == CN_EXPORT_GRAPHML) {
            o.measures = &m;
            o.nmeasures = 1;
            o.centrality.processes = 1;
        }
        REQUIRE(cn_export(fp, g, &o) == 0);
        REQUIRE(fclose(fp) == 0 && len > 0);
        free(buf);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* small shapes: a fuzzer wants many inputs a second */
    static const tgen_params p = { 12, 8, 200, 24, 24, 24 };
    cn_load_options lo = CN_LOAD_OPTIONS_INIT;
    cn_diag_list *diags = NULL;
    cn_targets *t = NULL;
    cn_graph *g = NULL;
    tgen_dataset d;
    tgen_src src;

    tgen_src_bytes(&src, data, size);
    if (tgen_make(&d, &src, &p) < 0) {
        return 0;
    }
    REQUIRE(cn_diag_list_create(&diags, 5) == 0);
    if (cn_load_buffers(&g, d.nodes, d.nodes_len, "nodes.csv", d.edges, d.edges_len, "edges.csv",
                        &lo, diags) < 0) {
        for (size_t i = 0; i < cn_diag_list_count(diags); i++) {
            const cn_diag *x = cn_diag_list_at(diags, i);
            fprintf(stderr, "%s:%zu: %s\n", x->file, x->line, x->message);
        }
        REQUIRE(!"the generated dataset loads");
    }
    if (d.targets) {
        cn_coverage *c = NULL;
        REQUIRE(cn_targets_parse(&t, d.targets, d.targets_len, "targets.ini", diags) == 0);
        REQUIRE(cn_coverage_compute(&c, g, t, NULL) == 0);
        REQUIRE(cn_coverage_gap_count(c) <= cn_coverage_result_count(c));
        cn_coverage_destroy(c);
    }
    check_overlap(g, false);
    check_overlap(g, true);
    check_centrality(g);
    check_render(g, t, d.focus);
    check_export(g);
    cn_targets_destroy(t);
    cn_graph_destroy(g);
    cn_diag_list_destroy(diags);
    tgen_free(&d);
    return 0;
}

/* The public API's argument contract (error.h): every fallible function answers a NULL pointer
 * it does not accept, an enumeration out of range or an option out of range with CN_EINVAL and
 * a message naming the argument; every getter answers a NULL object or an index past the end
 * with its neutral value and never reads out of bounds. Each public function is called here
 * with each of its pointer arguments NULL and with the indexes count, count + 1 and SIZE_MAX. */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <igraph.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <collabnet/collabnet.h>

/* Node order A, B, i1, x1. Network A's members are edges 0 and 1, B's edge 2, so that reading
 * past A's members lands on B's; i1 is in A and B (edges 0, 2), x1 in A (edge 1). */
static const char nodes_csv[] = "id,kind,region,fields,extra\n"
                                "A,network,North,ai;bio,a\n"
                                "B,network,South,ai,b\n"
                                "i1,institution,North,,c\n"
                                "x1,expert,,ai,d\n";
static const char edges_csv[] = "source,target,kind,role,note\n"
                                "i1,A,membership,lead,n0\n"
                                "x1,A,membership,,n1\n"
                                "i1,B,membership,lead,n2\n"
                                "x1,i1,collaboration,,n3\n";
enum { A, B, I1, X1, N = 4, M = 4 };

static cn_graph *g;

static void load_two(void)
{
    cr_assert(eq(int, cn_load_buffers(&g, nodes_csv, strlen(nodes_csv), "nodes.csv", edges_csv,
                                       strlen(edges_csv), "edges.csv", NULL, NULL), 0));
    cr_assert(eq(sz, cn_graph_node_count(g), N));
    cr_assert(eq(sz, cn_graph_edge_count(g), M));
}

static void free_two(void)
{
    cn_graph_destroy(g);
}

/* An index that is count, count + 1 or SIZE_MAX: each must be refused. */
#define PAST(count) { (size_t)(count), (size_t)(count) + 1, SIZE_MAX }

static void expect_einval(int rc, const char *msg)
{
    cr_assert(eq(int, rc, CN_EINVAL), "%s: got %d", msg, rc);
    cr_assert(eq(str, (char *)cn_errmsg(), (char *)msg));
}

/* ---- getters of the model ---- */

Test(api_graph, null_graph_gives_neutral_values)
{
    size_t by_kind[CN_NODE_KIND_COUNT] = { 9, 9, 9, 9 }, by_role[CN_ROLE_COUNT] = { 9, 9, 9, 9 };
    cn_edge e;
    cn_tie t;

    cr_assert(eq(sz, cn_graph_node_count(NULL), 0));
    cr_assert(eq(sz, cn_graph_edge_count(NULL), 0));
    cr_assert(eq(sz, cn_graph_tie_count(NULL), 0));
    cr_assert(eq(sz, cn_graph_count_kind(NULL, CN_NODE_EXPERT), 0));
    cr_assert(eq(sz, cn_graph_count_edge_kind(NULL, CN_EDGE_MEMBERSHIP), 0));
    cr_assert(eq(sz, cn_graph_find(NULL, "A"), CN_NONE));
    cr_assert(eq(ptr, (void *)cn_graph_node_id(NULL, 0), NULL));
    cr_assert(eq(ptr, (void *)cn_graph_node_label(NULL, 0), NULL));
    cr_assert(eq(int, cn_graph_node_kind(NULL, 0), CN_NODE_KIND_COUNT));
    cr_assert(eq(ptr, (void *)cn_graph_node_region(NULL, 0), NULL));
    cr_assert(eq(ptr, (void *)cn_graph_node_country(NULL, 0), NULL));
    cr_assert(eq(sz, cn_graph_node_field_count(NULL, 0), 0));
    cr_assert(eq(ptr, (void *)cn_graph_node_field(NULL, 0, 0), NULL));
    cr_assert(not(cn_graph_node_has_field(NULL, 0, "ai")));
    cr_assert(eq(sz, cn_graph_node_line(NULL, 0), 0));
    cr_assert(eq(sz, cn_graph_node_attr_count(NULL), 0));
    cr_assert(eq(ptr, (void *)cn_graph_node_attr_name(NULL, 0), NULL));
    cr_assert(eq(ptr, (void *)cn_graph_node_attr(NULL, 0, 0), NULL));
    memset(&e, 0x55, sizeof e);
    cn_graph_edge(NULL, 0, &e);
    cr_assert(eq(sz, e.source, CN_NONE));
    cr_assert(eq(sz, e.target, CN_NONE));
    cr_assert(eq(int, e.kind, CN_EDGE_KIND_COUNT));
    cr_assert(eq(ptr, (void *)e.ref, NULL));
    cr_assert(eq(sz, e.line, 0));
    cr_assert(eq(sz, cn_graph_edge_attr_count(NULL), 0));
    cr_assert(eq(ptr, (void *)cn_graph_edge_attr_name(NULL, 0), NULL));
    cr_assert(eq(ptr, (void *)cn_graph_edge_attr(NULL, 0, 0), NULL));
    memset(&t, 0x55, sizeof t);
    cn_graph_tie(NULL, 0, &t);
    cr_assert(eq(sz, t.a, CN_NONE));
    cr_assert(eq(sz, t.b, CN_NONE));
    cr_assert(eq(sz, t.rows, 0));
    cr_assert(eq(dbl, t.weight, 0.0));
    cr_assert(eq(sz, cn_graph_network_lead(NULL, 0), CN_NONE));
    cr_assert(eq(ptr, (void *)cn_graph_network_region(NULL, 0), NULL));
    cr_assert(eq(ptr, (void *)cn_graph_node_home_region(NULL, 0), NULL));
    cn_graph_network_members(NULL, 0, by_kind, by_role);
    for (size_t k = 0; k < CN_NODE_KIND_COUNT; k++) {
        cr_assert(eq(sz, by_kind[k], 0));
    }
    for (size_t k = 0; k < CN_ROLE_COUNT; k++) {
        cr_assert(eq(sz, by_role[k], 0));
    }
    cr_assert(eq(sz, cn_graph_network_member_count(NULL, 0), 0));
    cr_assert(eq(sz, cn_graph_network_member_edge(NULL, 0, 0), CN_NONE));
    cr_assert(eq(sz, cn_graph_node_network_count(NULL, 0), 0));
    cr_assert(eq(sz, cn_graph_node_network_edge(NULL, 0, 0), CN_NONE));
    cr_assert(not(cn_view_includes(NULL, CN_VIEW_COMBINED, 0)));
}

Test(api_graph, node_index_past_the_end_gives_neutral_values, .init = load_two,
     .fini = free_two)
{
    const size_t bad[] = PAST(N);
    size_t by_kind[CN_NODE_KIND_COUNT], by_role[CN_ROLE_COUNT];

    for (size_t j = 0; j < 3; j++) {
        size_t i = bad[j];
        cr_assert(eq(ptr, (void *)cn_graph_node_id(g, i), NULL), "node %zu", i);
        cr_assert(eq(ptr, (void *)cn_graph_node_label(g, i), NULL));
        cr_assert(eq(int, cn_graph_node_kind(g, i), CN_NODE_KIND_COUNT));
        cr_assert(eq(ptr, (void *)cn_graph_node_region(g, i), NULL));
        cr_assert(eq(ptr, (void *)cn_graph_node_country(g, i), NULL));
        cr_assert(eq(sz, cn_graph_node_field_count(g, i), 0));
        cr_assert(eq(ptr, (void *)cn_graph_node_field(g, i, 0), NULL));
        cr_assert(not(cn_graph_node_has_field(g, i, "ai")));
        cr_assert(eq(sz, cn_graph_node_line(g, i), 0));
        cr_assert(eq(ptr, (void *)cn_graph_node_attr(g, i, 0), NULL));
        cr_assert(eq(sz, cn_graph_network_lead(g, i), CN_NONE));
        cr_assert(eq(ptr, (void *)cn_graph_network_region(g, i), NULL));
        cr_assert(eq(ptr, (void *)cn_graph_node_home_region(g, i), NULL));
        memset(by_kind, 0x55, sizeof by_kind);
        memset(by_role, 0x55, sizeof by_role);
        cn_graph_network_members(g, i, by_kind, by_role);
        for (size_t k = 0; k < CN_NODE_KIND_COUNT; k++) {
            cr_assert(eq(sz, by_kind[k], 0));
        }
        for (size_t k = 0; k < CN_ROLE_COUNT; k++) {
            cr_assert(eq(sz, by_role[k], 0));
        }
        cr_assert(eq(sz, cn_graph_network_member_count(g, i), 0));
        cr_assert(eq(sz, cn_graph_network_member_edge(g, i, 0), CN_NONE));
        cr_assert(eq(sz, cn_graph_node_network_count(g, i), 0));
        cr_assert(eq(sz, cn_graph_node_network_edge(g, i, 0), CN_NONE));
        for (int v = CN_VIEW_COLLABORATION; v <= CN_VIEW_COMEMBERSHIP; v++) {
            cr_assert(not(cn_view_includes(g, (cn_view)v, i)));
        }
    }
    cr_assert(eq(sz, cn_graph_count_kind(g, CN_NODE_KIND_COUNT), 0));
    cr_assert(eq(sz, cn_graph_count_edge_kind(g, CN_EDGE_KIND_COUNT), 0));
    cr_assert(not(cn_view_includes(g, (cn_view)4, I1)));
    cr_assert(not(cn_view_includes(g, (cn_view)-1, I1)));
    /* the values in range, for comparison */
    cr_assert(eq(str, (char *)cn_graph_node_id(g, X1), "x1"));
    cr_assert(eq(str, (char *)cn_graph_network_region(g, B), "North")); /* its lead's */
    cr_assert(eq(str, (char *)cn_graph_node_home_region(g, B), "North"));
    cr_assert(cn_view_includes(g, CN_VIEW_COLLABORATION, I1));
}

Test(api_graph, inner_index_past_the_end_gives_neutral_values, .init = load_two,
     .fini = free_two)
{
    const size_t bad_field[] = PAST(2), bad_attr[] = PAST(1), bad_edge[] = PAST(M),
                 bad_tie[] = PAST(1);
    cn_edge e;
    cn_tie t;

    cr_assert(eq(sz, cn_graph_node_field_count(g, A), 2));
    cr_assert(eq(str, (char *)cn_graph_node_field(g, A, 1), "bio"));
    cr_assert(eq(sz, cn_graph_node_attr_count(g), 1));
    cr_assert(eq(sz, cn_graph_edge_attr_count(g), 1));
    cr_assert(eq(sz, cn_graph_tie_count(g), 1));
    for (size_t j = 0; j < 3; j++) {
        cr_assert(eq(ptr, (void *)cn_graph_node_field(g, A, bad_field[j]), NULL));
        /* B's only field is "ai": A's field 2 must not be read from B's list */
        cr_assert(eq(ptr, (void *)cn_graph_node_field(g, B, bad_field[j] - 1), NULL));
        cr_assert(eq(ptr, (void *)cn_graph_node_attr_name(g, bad_attr[j]), NULL));
        cr_assert(eq(ptr, (void *)cn_graph_node_attr(g, A, bad_attr[j]), NULL));
        cr_assert(eq(ptr, (void *)cn_graph_edge_attr_name(g, bad_attr[j]), NULL));
        cr_assert(eq(ptr, (void *)cn_graph_edge_attr(g, 0, bad_attr[j]), NULL));
        cr_assert(eq(ptr, (void *)cn_graph_edge_attr(g, bad_edge[j], 0), NULL));
        memset(&e, 0x55, sizeof e);
        cn_graph_edge(g, bad_edge[j], &e);
        cr_assert(eq(sz, e.source, CN_NONE));
        cr_assert(eq(sz, e.target, CN_NONE));
        cr_assert(eq(int, e.kind, CN_EDGE_KIND_COUNT));
        cr_assert(eq(int, e.role, CN_ROLE_NONE));
        cr_assert(eq(dbl, e.weight, 0.0));
        cr_assert(eq(int, e.since.year, 0));
        cr_assert(eq(int, e.until.year, 0));
        cr_assert(eq(ptr, (void *)e.ref, NULL));
        cr_assert(eq(sz, e.line, 0));
        memset(&t, 0x55, sizeof t);
        cn_graph_tie(g, bad_tie[j], &t);
        cr_assert(eq(sz, t.a, CN_NONE));
        cr_assert(eq(sz, t.b, CN_NONE));
    }
    cr_assert(not(cn_graph_node_has_field(g, A, NULL)));
    cr_assert(eq(sz, cn_graph_find(g, NULL), CN_NONE));
    cn_graph_edge(g, 0, NULL); /* no place for the edge: nothing happens */
    cn_graph_tie(g, 0, NULL);
    cn_graph_network_members(g, A, NULL, NULL);
}

Test(api_graph, member_edge_past_the_count_is_not_another_networks, .init = load_two,
     .fini = free_two)
{
    const size_t bad_a[] = PAST(2), bad_i1[] = PAST(2);
    cn_edge e;

    cr_assert(eq(sz, cn_graph_network_member_count(g, A), 2));
    cr_assert(eq(sz, cn_graph_network_member_edge(g, A, 1), 1));
    cr_assert(eq(sz, cn_graph_node_network_count(g, I1), 2));
    cr_assert(eq(sz, cn_graph_node_network_edge(g, I1, 1), 2));
    for (size_t j = 0; j < 3; j++) {
        /* before the contract, A's member 2 was edge 2: B's lead */
        cr_assert(eq(sz, cn_graph_network_member_edge(g, A, bad_a[j]), CN_NONE), "k = %zu",
                  bad_a[j]);
        /* and i1's network 2 was x1's edge 1 */
        cr_assert(eq(sz, cn_graph_node_network_edge(g, I1, bad_i1[j]), CN_NONE));
    }
    for (size_t k = 0; k < cn_graph_network_member_count(g, A); k++) {
        cn_graph_edge(g, cn_graph_network_member_edge(g, A, k), &e);
        cr_assert(eq(sz, e.target, A));
    }
}

/* ---- values: dates, names, CSV ---- */

Test(api_values, null_arguments)
{
    cn_date d = { 1, 1, 1 };
    cn_measure m;
    cn_render_view rv;
    cn_render_format rf;
    cn_export_format ef;

    expect_einval(cn_date_parse(NULL, "2025"), "cn_date_parse: out is NULL");
    expect_einval(cn_date_parse(&d, NULL), "cn_date_parse: text is NULL");
    cr_assert(eq(int, d.year, 0));
    cr_assert(eq(ptr, cn_date_format(NULL, d), NULL));
    expect_einval(cn_measure_parse(NULL, "degree"), "cn_measure_parse: out is NULL");
    expect_einval(cn_measure_parse(&m, NULL), "cn_measure_parse: name is NULL");
    expect_einval(cn_render_view_parse(NULL, "ego"), "cn_render_view_parse: out is NULL");
    expect_einval(cn_render_view_parse(&rv, NULL), "cn_render_view_parse: name is NULL");
    expect_einval(cn_render_format_parse(NULL, "svg"), "cn_render_format_parse: out is NULL");
    expect_einval(cn_render_format_parse(&rf, NULL), "cn_render_format_parse: name is NULL");
    expect_einval(cn_render_format_from_path(NULL, "a.svg"),
                  "cn_render_format_from_path: out is NULL");
    expect_einval(cn_render_format_from_path(&rf, NULL),
                  "cn_render_format_from_path: path is NULL");
    expect_einval(cn_export_format_parse(NULL, "gexf"), "cn_export_format_parse: out is NULL");
    expect_einval(cn_export_format_parse(&ef, NULL), "cn_export_format_parse: name is NULL");
    cr_assert(not(cn_csv_formula_like(NULL)));
    cr_assert(cn_csv_formula_like("=1"));
    /* names of enumerations out of range */
    cr_assert(eq(ptr, (void *)cn_node_kind_name(CN_NODE_KIND_COUNT), NULL));
    cr_assert(eq(ptr, (void *)cn_edge_kind_name(CN_EDGE_KIND_COUNT), NULL));
    cr_assert(eq(ptr, (void *)cn_role_name(CN_ROLE_COUNT), NULL));
    cr_assert(eq(ptr, (void *)cn_view_name((cn_view)4), NULL));
    cr_assert(eq(ptr, (void *)cn_projection_name((cn_projection)3), NULL));
    cr_assert(eq(ptr, (void *)cn_measure_name(CN_MEASURE_COUNT), NULL));
    cr_assert(eq(ptr, (void *)cn_render_view_name(CN_RENDER_VIEW_COUNT), NULL));
    cr_assert(eq(ptr, (void *)cn_render_format_name(CN_FORMAT_COUNT), NULL));
    cr_assert(eq(ptr, (void *)cn_export_format_name(CN_EXPORT_COUNT), NULL));
    cr_assert(eq(str, (char *)cn_strerror(12345), "unknown status"));
    /* the functions without pointer or index arguments, for completeness */
    cr_assert(not(eq(ptr, (void *)cn_version(), NULL)));
    cr_assert(cn_date_in_force((cn_date){ 0, 0, 0 }, (cn_date){ 0, 0, 0 },
                               (cn_date){ 2025, 1, 1 }));
    cr_assert(not(cn_date_before((cn_date){ 0, 0, 0 }, (cn_date){ 2025, 0, 0 })));
}

Test(api_values, malformed_date_names_it)
{
    cn_date d;

    cr_assert(eq(int, cn_date_parse(&d, "2025-13"), CN_EINVAL));
    cr_assert(eq(str, (char *)cn_errmsg(),
                 "malformed date '2025-13' (expected YYYY, YYYY-MM or YYYY-MM-DD)"));
}

Test(api_diags, null_arguments)
{
    cn_diag_list *list = NULL;
    const char *volatile no_fmt = NULL;

    expect_einval(cn_diag_list_create(NULL, 1), "cn_diag_list_create: out is NULL");
    cr_assert(eq(int, cn_diag_list_create(&list, 2), 0));
    expect_einval(cn_diag_list_add(list, "f", 1, no_fmt, 0), "cn_diag_list_add: fmt is NULL");
    cr_assert(eq(sz, cn_diag_list_total(list), 0));
    cr_assert(eq(int, cn_diag_list_add(list, NULL, 3, "m%d", 1), 0));
    cr_assert(eq(str, (char *)cn_diag_list_at(list, 0)->file, ""));
    cr_assert(eq(int, cn_diag_list_add(NULL, "f", 1, "ignored"), 0)); /* documented no-op */
    for (size_t i = 1; i < 4; i++) {
        cr_assert(eq(ptr, (void *)cn_diag_list_at(list, i), NULL));
    }
    cr_assert(eq(ptr, (void *)cn_diag_list_at(list, SIZE_MAX), NULL));
    cr_assert(eq(ptr, (void *)cn_diag_list_at(NULL, 0), NULL));
    cr_assert(eq(sz, cn_diag_list_count(NULL), 0));
    cr_assert(eq(sz, cn_diag_list_total(NULL), 0));
    cn_diag_list_destroy(list);
    cn_diag_list_destroy(NULL);
    cn_free(NULL);
}

/* ---- loading ---- */

Test(api_load, null_arguments)
{
    cn_graph *out = (cn_graph *)&out;
    cn_targets *t = (cn_targets *)&t;
    cn_import_options io = CN_IMPORT_OPTIONS_INIT;

    expect_einval(cn_load_dataset(NULL, "data/vn-374", NULL, NULL), "cn_load_dataset: out is NULL");
    expect_einval(cn_load_dataset(&out, NULL, NULL, NULL), "cn_load_dataset: dir is NULL");
    cr_assert(eq(ptr, out, NULL));
    expect_einval(cn_load_buffers(NULL, "", 0, NULL, "", 0, NULL, NULL, NULL),
                  "cn_load_buffers: out is NULL");
    expect_einval(cn_load_buffers(&out, NULL, 3, NULL, "", 0, NULL, NULL, NULL),
                  "cn_load_buffers: nodes_csv is NULL");
    expect_einval(cn_load_buffers(&out, "", 0, NULL, NULL, 3, NULL, NULL, NULL),
                  "cn_load_buffers: edges_csv is NULL");
    expect_einval(cn_targets_load(NULL, "tests/data/coverage_hand/targets.ini", NULL),
                  "cn_targets_load: out is NULL");
    expect_einval(cn_targets_load(&t, NULL, NULL), "cn_targets_load: path is NULL");
    cr_assert(eq(ptr, t, NULL));
    t = (cn_targets *)&t;
    expect_einval(cn_targets_parse(NULL, "", 0, NULL, NULL), "cn_targets_parse: out is NULL");
    expect_einval(cn_targets_parse(&t, NULL, 5, NULL, NULL), "cn_targets_parse: text is NULL");
    cr_assert(eq(ptr, t, NULL));
    cn_targets_destroy(NULL);
    expect_einval(cn_generate(NULL, NULL, CN_SCALE_S, 1), "cn_generate: dir is NULL");
    expect_einval(cn_generate(NULL, "/nonexistent/x", (cn_scale)3, 1),
                  "cn_generate: scale is not a cn_scale");
    expect_einval(cn_import_graphml(NULL, "x", NULL, NULL), "cn_import_graphml: path is NULL");
    expect_einval(cn_import_graphml("tests/data/graphml/x.graphml", NULL, NULL, NULL),
                  "cn_import_graphml: dir is NULL");
    io.default_node_kind = CN_NODE_KIND_COUNT;
    expect_einval(cn_import_graphml("tests/data/graphml/x.graphml", "/nonexistent/x", &io, NULL),
                  "cn_import_graphml: opts->default_node_kind is not -1 or a cn_node_kind");
    io.default_node_kind = -1;
    io.default_edge_kind = CN_EDGE_KIND_COUNT;
    expect_einval(cn_import_graphml("tests/data/graphml/x.graphml", "/nonexistent/x", &io, NULL),
                  "cn_import_graphml: opts->default_edge_kind is not a cn_edge_kind");
}

/* ---- analyses ---- */

Test(api_analysis, null_arguments, .init = load_two, .fini = free_two)
{
    cn_components comp;
    cn_measure ms[1] = { CN_MEASURE_DEGREE };
    double vals[N], *outs[1] = { vals };
    cn_cut *cuts = (cn_cut *)&cuts;
    size_t ncuts = 7;
    cn_overlap *o = (cn_overlap *)&o;
    cn_coverage *c = (cn_coverage *)&c;

    expect_einval(cn_graph_components(NULL, g, CN_VIEW_COMBINED, NULL),
                  "cn_graph_components: out is NULL");
    expect_einval(cn_graph_components(&comp, NULL, CN_VIEW_COMBINED, NULL),
                  "cn_graph_components: g is NULL");
    expect_einval(cn_graph_components(&comp, g, (cn_view)4, NULL),
                  "cn_graph_components: view is not a cn_view");
    expect_einval(cn_centrality(NULL, g, ms, 1, NULL), "cn_centrality: out is NULL");
    expect_einval(cn_centrality(outs, NULL, ms, 1, NULL), "cn_centrality: g is NULL");
    expect_einval(cn_centrality(outs, g, NULL, 1, NULL), "cn_centrality: measures is NULL");
    ms[0] = CN_MEASURE_COUNT;
    expect_einval(cn_centrality(outs, g, ms, 1, NULL),
                  "cn_centrality: measures[0] is not a cn_measure");
    ms[0] = CN_MEASURE_DEGREE;
    outs[0] = NULL;
    expect_einval(cn_centrality(outs, g, ms, 1, NULL), "cn_centrality: out[0] is NULL");
    outs[0] = vals;
    cr_assert(eq(int, cn_centrality(NULL, g, NULL, 0, NULL), 0)); /* nothing asked */
    expect_einval(cn_cut_points(NULL, &ncuts, g, CN_VIEW_COMBINED, NULL),
                  "cn_cut_points: out is NULL");
    expect_einval(cn_cut_points(&cuts, NULL, g, CN_VIEW_COMBINED, NULL),
                  "cn_cut_points: count is NULL");
    expect_einval(cn_cut_points(&cuts, &ncuts, NULL, CN_VIEW_COMBINED, NULL),
                  "cn_cut_points: g is NULL");
    expect_einval(cn_cut_points(&cuts, &ncuts, g, (cn_view)4, NULL),
                  "cn_cut_points: view is not a cn_view");
    cr_assert(eq(ptr, cuts, NULL));
    cr_assert(eq(sz, ncuts, 0));
    expect_einval(cn_overlap_compute(NULL, g, NULL), "cn_overlap_compute: out is NULL");
    expect_einval(cn_overlap_compute(&o, NULL, NULL), "cn_overlap_compute: g is NULL");
    cr_assert(eq(ptr, o, NULL));
    expect_einval(cn_coverage_compute(NULL, g, NULL, NULL), "cn_coverage_compute: out is NULL");
    expect_einval(cn_coverage_compute(&c, NULL, NULL, NULL), "cn_coverage_compute: g is NULL");
    cr_assert(eq(ptr, c, NULL));
}

Test(api_analysis, worker_count_is_capped, .init = load_two, .fini = free_two)
{
    cn_centrality_options co = CN_CENTRALITY_OPTIONS_INIT;
    cn_measure ms[1] = { CN_MEASURE_DEGREE };
    double vals[N], *outs[1] = { vals };

    co.view = (cn_view)4;
    expect_einval(cn_centrality(outs, g, ms, 1, &co), "cn_centrality: opts->view is not a cn_view");
    co.view = CN_VIEW_COLLABORATION;
    co.projection = (cn_projection)3;
    expect_einval(cn_centrality(outs, g, ms, 1, &co),
                  "cn_centrality: opts->projection is not a cn_projection");
    co.projection = CN_PROJECTION_COUNT;
    co.processes = CN_CENTRALITY_MAX_PROCESSES + 1;
    expect_einval(cn_centrality(outs, g, ms, 1, &co),
                  "cn_centrality: opts->processes is above CN_CENTRALITY_MAX_PROCESSES (256)");
    co.processes = 100000;
    cr_assert(eq(int, cn_centrality(outs, g, ms, 1, &co), CN_EINVAL));
    co.processes = CN_CENTRALITY_MAX_PROCESSES; /* degree forks nobody */
    cr_assert(eq(int, cn_centrality(outs, g, ms, 1, &co), 0));
    cr_assert(eq(dbl, vals[I1], 1.0));
    cr_assert(eq(int, (int)IGRAPH_FINALLY_STACK_SIZE(), 0));
}

Test(api_overlap, getters_refuse_null_and_past_the_end, .init = load_two, .fini = free_two)
{
    const size_t bad_node[] = PAST(N);
    cn_overlap *o = NULL;
    cn_group_overlap *rows = (cn_group_overlap *)&rows;
    size_t nrows = 7;

    cr_assert(eq(sz, cn_overlap_pair_count(NULL), 0));
    cr_assert(eq(ptr, (void *)cn_overlap_pair_at(NULL, 0), NULL));
    cr_assert(eq(sz, cn_overlap_size(NULL, 0), 0));
    cr_assert(eq(sz, cn_overlap_node_network_count(NULL, 0), 0));
    cr_assert(eq(sz, cn_overlap_node_network(NULL, 0, 0), CN_NONE));
    cr_assert(eq(sz, cn_overlap_spanner_count(NULL), 0));
    cr_assert(eq(sz, cn_overlap_spanner(NULL, 0), CN_NONE));
    cr_assert(eq(sz, cn_overlap_fields_spanned(NULL, 0), 0));
    cr_assert(eq(sz, cn_overlap_regions_spanned(NULL, 0), 0));
    expect_einval(cn_overlap_groups(&rows, &nrows, NULL, CN_GROUP_FIELD),
                  "cn_overlap_groups: o is NULL");
    cr_assert(eq(ptr, rows, NULL));
    cr_assert(eq(sz, nrows, 0));
    cn_overlap_destroy(NULL);

    cr_assert(eq(int, cn_overlap_compute(&o, g, NULL), 0));
    cr_assert(eq(sz, cn_overlap_pair_count(o), 1));         /* A and B share i1 */
    cr_assert(eq(sz, cn_overlap_node_network_count(o, I1), 2));
    cr_assert(eq(sz, cn_overlap_spanner_count(o), 1));
    cr_assert(eq(sz, cn_overlap_spanner(o, 0), I1));
    for (size_t j = 0; j < 3; j++) {
        size_t i = bad_node[j];
        cr_assert(eq(sz, cn_overlap_size(o, i), 0));
        cr_assert(eq(sz, cn_overlap_node_network_count(o, i), 0));
        cr_assert(eq(sz, cn_overlap_node_network(o, i, 0), CN_NONE));
        cr_assert(eq(sz, cn_overlap_fields_spanned(o, i), 0));
        cr_assert(eq(sz, cn_overlap_regions_spanned(o, i), 0));
        cr_assert(eq(ptr, (void *)cn_overlap_pair_at(o, j + 1), NULL));
        cr_assert(eq(sz, cn_overlap_spanner(o, j + 1), CN_NONE));
        cr_assert(eq(sz, cn_overlap_spanner(o, i), CN_NONE));
        /* i1 is in 2 networks: its network 2 is x1's first, A */
        cr_assert(eq(sz, cn_overlap_node_network(o, I1, j + 2), CN_NONE));
        cr_assert(eq(sz, cn_overlap_node_network(o, I1, SIZE_MAX - j), CN_NONE));
    }
    expect_einval(cn_overlap_groups(NULL, &nrows, o, CN_GROUP_FIELD),
                  "cn_overlap_groups: out is NULL");
    expect_einval(cn_overlap_groups(&rows, NULL, o, CN_GROUP_FIELD),
                  "cn_overlap_groups: count is NULL");
    expect_einval(cn_overlap_groups(&rows, &nrows, o, (cn_group_by)2),
                  "cn_overlap_groups: by is not a cn_group_by");
    cn_overlap_destroy(o);
}

Test(api_coverage, getters_refuse_null_and_past_the_end, .init = load_two, .fini = free_two)
{
    cn_coverage *c = NULL;
    size_t nf, nr, nres;

    cr_assert(eq(sz, cn_coverage_field_count(NULL), 0));
    cr_assert(eq(ptr, (void *)cn_coverage_field(NULL, 0), NULL));
    cr_assert(eq(sz, cn_coverage_region_count(NULL), 0));
    cr_assert(eq(ptr, (void *)cn_coverage_region(NULL, 0), NULL));
    cr_assert(eq(ptr, (void *)cn_coverage_cell_at(NULL, 0, 0), NULL));
    cr_assert(eq(sz, cn_coverage_network_count(NULL), 0));
    cr_assert(eq(sz, cn_coverage_result_count(NULL), 0));
    cr_assert(eq(ptr, (void *)cn_coverage_result(NULL, 0), NULL));
    cr_assert(eq(sz, cn_coverage_gap_count(NULL), 0));
    cn_coverage_destroy(NULL);

    cr_assert(eq(int, cn_coverage_compute(&c, g, NULL, NULL), 0));
    nf = cn_coverage_field_count(c);
    nr = cn_coverage_region_count(c);
    nres = cn_coverage_result_count(c);
    cr_assert(eq(sz, nf, 2)); /* ai, bio */
    cr_assert(eq(sz, nr, 1)); /* North: both networks are led from there */
    {
        const size_t bad_f[] = PAST(nf), bad_r[] = PAST(nr), bad_res[] = PAST(nres);
        for (size_t j = 0; j < 3; j++) {
            cr_assert(eq(ptr, (void *)cn_coverage_field(c, bad_f[j]), NULL));
            cr_assert(eq(ptr, (void *)cn_coverage_region(c, bad_r[j]), NULL));
            cr_assert(eq(ptr, (void *)cn_coverage_cell_at(c, bad_f[j], 0), NULL));
            cr_assert(eq(ptr, (void *)cn_coverage_cell_at(c, 0, bad_r[j]), NULL));
            cr_assert(eq(ptr, (void *)cn_coverage_result(c, bad_res[j]), NULL));
        }
    }
    cn_coverage_destroy(c);
}

/* ---- render and report ---- */

Test(api_render, null_arguments, .init = load_two, .fini = free_two)
{
    cn_render_options ro = CN_RENDER_OPTIONS_INIT;
    char *buf = (char *)&buf;
    size_t len = 7;

    expect_einval(cn_render(NULL, &len, NULL, g, &ro), "cn_render: out is NULL");
    expect_einval(cn_render(&buf, NULL, NULL, g, &ro), "cn_render: len is NULL");
    expect_einval(cn_render(&buf, &len, NULL, NULL, &ro), "cn_render: g is NULL");
    cr_assert(eq(ptr, buf, NULL));
    cr_assert(eq(sz, len, 0));
    /* NULL options are the defaults, as everywhere: the membership view as SVG */
    ro.format = CN_FORMAT_DOT; /* no layout: fast */
    cr_assert(eq(int, cn_render(&buf, &len, NULL, g, &ro), 0));
    cr_assert(eq(int, strncmp(buf, "digraph collabnet {", 19), 0));
    cn_free(buf);
    buf = NULL;
    cr_assert(eq(int, cn_render(&buf, &len, NULL, g, NULL), 0));
    cr_assert(not(eq(ptr, strstr(buf, "<svg"), NULL)));
    cn_free(buf);
    cr_assert(eq(int, (int)IGRAPH_FINALLY_STACK_SIZE(), 0));
    ro.format = CN_FORMAT_SVG;
    ro.view = CN_RENDER_VIEW_COUNT;
    expect_einval(cn_render(&buf, &len, NULL, g, &ro),
                  "cn_render: opts->view is not a cn_render_view");
    expect_einval(cn_render_file(NULL, NULL, g, &ro), "cn_render_file: path is NULL");
    expect_einval(cn_render_file("", NULL, g, &ro), "cn_render_file: path is empty");
    ro.view = CN_RENDER_MEMBERSHIP;
    ro.dpi = CN_RENDER_MAX_DPI + 1;
    expect_einval(cn_render(&buf, &len, NULL, g, &ro),
                  "cn_render: opts->dpi is above CN_RENDER_MAX_DPI (2400)");
    ro.dpi = 0;
    ro.view = CN_RENDER_MEMBERSHIP;
    expect_einval(cn_render_file("/nonexistent/x.svg", NULL, NULL, &ro), "cn_render: g is NULL");
}

Test(api_report, null_arguments, .init = load_two, .fini = free_two)
{
    cn_export_options eo = CN_EXPORT_OPTIONS_INIT;
    const cn_measure bad_measure[1] = { CN_MEASURE_COUNT };

    expect_einval(cn_report_write(NULL, g, NULL), "cn_report_write: dir is NULL");
    expect_einval(cn_report_write("/nonexistent/r", NULL, NULL), "cn_report_write: g is NULL");
    expect_einval(cn_export(NULL, g, NULL), "cn_export: fp is NULL");
    expect_einval(cn_export(stdout, NULL, NULL), "cn_export: g is NULL");
    eo.nmeasures = 1;
    expect_einval(cn_export(stdout, g, &eo), "cn_export: opts->measures is NULL");
    eo.measures = bad_measure;
    expect_einval(cn_export(stdout, g, &eo), "cn_export: opts->measures[0] is not a cn_measure");
    eo.nmeasures = 0;
    eo.format = CN_EXPORT_COUNT;
    expect_einval(cn_export(stdout, g, &eo), "cn_export: opts->format is not a cn_export_format");
}

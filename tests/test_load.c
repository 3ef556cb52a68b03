/* The dataset loader: everything the contract accepts, and every violation with its exact
 * FILE:LINE: message. Fixtures live in tests/data/<case>/ (tests/data is the working directory's
 * data/); the binary ones (BOM, CRLF, 0xFF, NUL) were written with printf, keep them byte-exact. */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <igraph.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "helpers.h"
#include "../libnet/util/buf.h"

#define NODE_KINDS "(expected institution, enterprise, expert or network)"
#define EDGE_KINDS "(expected membership or collaboration)"
#define DATE_FORMS "(expected YYYY, YYYY-MM or YYYY-MM-DD)"
#define BAD_WEIGHT "(expected a positive finite number)"
#define BAD_QUOTING "malformed quoting (a quote inside an unquoted field, or text after a " \
                    "closing quote)"
#define MISSING_FILE "missing (a dataset needs nodes.csv and edges.csv)"

/* "Đại học Bách khoa Hà Nội" in UTF-8 (NFC), split where a hex escape would run on */
#define HUST_VI "\xC4\x90\xE1\xBA\xA1i h\xE1\xBB\x8D" "c B\xC3\xA1" \
                "ch khoa H\xC3\xA0 N\xE1\xBB\x99i"

static cn_graph *g;
static cn_diag_list *diags;

static void fini(void)
{
    cn_graph_destroy(g);
    cn_diag_list_destroy(diags);
    g = NULL;
    diags = NULL;
}

/* Load a fixture that must fail with exactly these diagnostics, in this order. */
static void expect_bad(const char *name, const char *const *expected)
{
    size_t n = 0;
    int rc = th_load(name, &g, &diags);

    cr_assert(eq(int, rc, CN_EDATA));
    cr_assert_null(g);
    for (; expected[n]; n++) {
        cr_expect(eq(str, (char *)th_diag(diags, n), (char *)expected[n]));
    }
    cr_assert(eq(sz, cn_diag_list_total(diags), n), "got %zu diagnostics, first: %s",
              cn_diag_list_total(diags), th_diag(diags, 0));
    cr_assert(eq(int, (int)IGRAPH_FINALLY_STACK_SIZE(), 0));
}

/* Load a fixture that must be valid; g holds the graph afterwards. */
static void load_ok(const char *name)
{
    int rc = th_load(name, &g, &diags);

    cr_assert(eq(int, rc, 0), "rc %d, %zu diagnostics, first: %s", rc,
              cn_diag_list_total(diags), th_diag(diags, 0));
    cr_assert_not_null(g);
    cr_assert(eq(sz, cn_diag_list_total(diags), 0));
    cr_assert(eq(int, (int)IGRAPH_FINALLY_STACK_SIZE(), 0));
}

/* Index of node @p id, which must exist. */
static size_t node(const char *id)
{
    size_t i = cn_graph_find(g, id);

    cr_assert(ne(sz, i, CN_NONE), "no node '%s'", id);
    return i;
}

static cn_edge edge(size_t e)
{
    cn_edge out;

    cr_assert(lt(sz, e, cn_graph_edge_count(g)));
    cn_graph_edge(g, e, &out);
    return out;
}

static void expect_date(cn_date d, int year, int month, int day)
{
    cr_expect(eq(int, d.year, year));
    cr_expect(eq(int, d.month, month));
    cr_expect(eq(int, d.day, day));
}

/* ---- load_accept: valid datasets load with exactly these values ---- */

/* data/valid: hust 0, viettel 1, an 2, vnnet 3, ainet 4 (ainet is a member of vnnet) */

Test(load_accept, valid_dataset_counts, .fini = fini)
{
    load_ok("valid");
    cr_assert(eq(sz, cn_graph_node_count(g), 5));
    cr_assert(eq(sz, cn_graph_count_kind(g, CN_NODE_INSTITUTION), 1));
    cr_assert(eq(sz, cn_graph_count_kind(g, CN_NODE_ENTERPRISE), 1));
    cr_assert(eq(sz, cn_graph_count_kind(g, CN_NODE_EXPERT), 1));
    cr_assert(eq(sz, cn_graph_count_kind(g, CN_NODE_NETWORK), 2));
    cr_assert(eq(sz, cn_graph_edge_count(g), 7));
    cr_assert(eq(sz, cn_graph_count_edge_kind(g, CN_EDGE_MEMBERSHIP), 4));
    cr_assert(eq(sz, cn_graph_count_edge_kind(g, CN_EDGE_COLLABORATION), 3));
    cr_assert(eq(sz, cn_graph_tie_count(g), 2));
}

Test(load_accept, valid_dataset_node_values, .fini = fini)
{
    load_ok("valid");
    cr_assert(eq(str, (char *)cn_graph_node_id(g, 0), "hust"));
    cr_assert(eq(str, (char *)cn_graph_node_label(g, 0),
                 "Hanoi University of Science and Technology"));
    cr_assert(eq(int, (int)cn_graph_node_kind(g, 0), CN_NODE_INSTITUTION));
    cr_assert(eq(str, (char *)cn_graph_node_region(g, 0), "Red River Delta"));
    cr_assert(eq(str, (char *)cn_graph_node_country(g, 0), "VN"));
    cr_assert(eq(sz, cn_graph_node_line(g, 0), 2));
    cr_assert(eq(str, (char *)cn_graph_node_id(g, 4), "ainet"));
    cr_assert(eq(int, (int)cn_graph_node_kind(g, 4), CN_NODE_NETWORK));
    cr_assert(eq(str, (char *)cn_graph_node_region(g, 4), ""));
    cr_assert(eq(str, (char *)cn_graph_node_country(g, 4), ""));
    cr_assert(eq(sz, cn_graph_node_line(g, 4), 6));
}

Test(load_accept, label_defaults_to_id, .fini = fini)
{
    load_ok("valid");
    cr_assert(eq(str, (char *)cn_graph_node_label(g, node("an")), "an"));
    cr_assert(eq(str, (char *)cn_graph_node_label(g, node("viettel")), "Viettel"));
}

Test(load_accept, fields_are_split_and_trimmed, .fini = fini)
{
    load_ok("valid");
    cr_assert(eq(sz, cn_graph_node_field_count(g, 0), 2)); /* " ai ; semiconductor ;ai" */
    cr_assert(eq(str, (char *)cn_graph_node_field(g, 0, 0), "ai"));
    cr_assert(eq(str, (char *)cn_graph_node_field(g, 0, 1), "semiconductor"));
    cr_assert(eq(sz, cn_graph_node_field_count(g, 1), 1));
    cr_assert(eq(str, (char *)cn_graph_node_field(g, 1, 0), "telecom"));
    cr_assert(eq(sz, cn_graph_node_field_count(g, 3), 0));
}

Test(load_accept, node_has_field, .fini = fini)
{
    load_ok("valid");
    cr_assert(cn_graph_node_has_field(g, node("hust"), "ai"));
    cr_assert(cn_graph_node_has_field(g, node("hust"), "semiconductor"));
    cr_assert(not(cn_graph_node_has_field(g, node("hust"), "telecom")));
    cr_assert(not(cn_graph_node_has_field(g, node("hust"), " ai")));
    cr_assert(not(cn_graph_node_has_field(g, node("hust"), "AI")));
    cr_assert(cn_graph_node_has_field(g, node("ainet"), "ai"));
    cr_assert(not(cn_graph_node_has_field(g, node("vnnet"), "ai")));
    cr_assert(not(cn_graph_node_has_field(g, node("viettel"), "no-such-slug")));
}

Test(load_accept, extra_node_columns_are_kept, .fini = fini)
{
    load_ok("valid");
    cr_assert(eq(sz, cn_graph_node_attr_count(g), 1));
    cr_assert(eq(str, (char *)cn_graph_node_attr_name(g, 0), "website"));
    cr_assert(eq(str, (char *)cn_graph_node_attr(g, node("hust"), 0), "https://hust.edu.vn"));
    cr_assert(eq(str, (char *)cn_graph_node_attr(g, node("viettel"), 0), ""));
}

Test(load_accept, extra_edge_columns_are_kept, .fini = fini)
{
    load_ok("valid");
    cr_assert(eq(sz, cn_graph_edge_attr_count(g), 1));
    cr_assert(eq(str, (char *)cn_graph_edge_attr_name(g, 0), "note"));
    cr_assert(eq(str, (char *)cn_graph_edge_attr(g, 0, 0), "founder"));
    cr_assert(eq(str, (char *)cn_graph_edge_attr(g, 4, 0), "joint lab"));
    cr_assert(eq(str, (char *)cn_graph_edge_attr(g, 6, 0), ""));
}

Test(load_accept, membership_rows_are_read, .fini = fini)
{
    cn_edge e;

    load_ok("valid");
    e = edge(0);
    cr_assert(eq(sz, e.source, node("hust")));
    cr_assert(eq(sz, e.target, node("vnnet")));
    cr_assert(eq(int, (int)e.kind, CN_EDGE_MEMBERSHIP));
    cr_assert(eq(int, (int)e.role, CN_ROLE_LEAD));
    cr_assert(eq(dbl, e.weight, 1.0));
    cr_assert(eq(str, (char *)e.ref, "charter"));
    cr_assert(eq(sz, e.line, 2));
    cr_assert(eq(int, (int)edge(1).role, CN_ROLE_MEMBER)); /* empty role */
    cr_assert(eq(int, (int)edge(2).role, CN_ROLE_PARTNER));
    cr_assert(eq(sz, edge(2).source, node("ainet"))); /* a nested network */
    cr_assert(eq(int, (int)edge(3).role, CN_ROLE_MEMBER));
    cr_assert(eq(str, (char *)edge(3).ref, ""));
}

Test(load_accept, collaboration_rows_are_read, .fini = fini)
{
    cn_edge e;

    load_ok("valid");
    e = edge(4);
    cr_assert(eq(sz, e.source, node("hust")));
    cr_assert(eq(sz, e.target, node("viettel")));
    cr_assert(eq(int, (int)e.kind, CN_EDGE_COLLABORATION));
    cr_assert(eq(int, (int)e.role, CN_ROLE_NONE));
    cr_assert(eq(dbl, e.weight, 2.0));
    cr_assert(eq(str, (char *)e.ref, "proj-1"));
    cr_assert(eq(sz, e.line, 6));
    e = edge(5); /* the same pair, given the other way round: kept as written */
    cr_assert(eq(sz, e.source, node("viettel")));
    cr_assert(eq(sz, e.target, node("hust")));
    cr_assert(eq(dbl, e.weight, 1.5));
    cr_assert(eq(dbl, edge(6).weight, 1.0)); /* default */
}

Test(load_accept, dates_are_parsed, .fini = fini)
{
    load_ok("valid");
    expect_date(edge(0).since, 2020, 0, 0);
    expect_date(edge(0).until, 0, 0, 0);
    expect_date(edge(1).since, 2021, 3, 0);
    expect_date(edge(2).since, 2022, 6, 15);
    expect_date(edge(2).until, 2024, 12, 31);
    expect_date(edge(4).since, 2023, 0, 0);
    expect_date(edge(4).until, 2024, 6, 0);
    expect_date(edge(5).since, 0, 0, 0);
}

Test(load_accept, repeated_pair_is_one_tie, .fini = fini)
{
    cn_tie t;

    load_ok("valid");
    cn_graph_tie(g, 0, &t); /* (hust, viettel) w 2 + (viettel, hust) w 1.5 */
    cr_assert(eq(sz, t.a, node("hust")));
    cr_assert(eq(sz, t.b, node("viettel")));
    cr_assert(eq(dbl, t.weight, 3.5));
    cr_assert(eq(sz, t.rows, 2));
    cn_graph_tie(g, 1, &t);
    cr_assert(eq(sz, t.a, node("viettel")));
    cr_assert(eq(sz, t.b, node("an")));
    cr_assert(eq(dbl, t.weight, 1.0));
    cr_assert(eq(sz, t.rows, 1));
}

Test(load_accept, find_by_id, .fini = fini)
{
    load_ok("valid");
    cr_assert(eq(sz, cn_graph_find(g, "hust"), 0));
    cr_assert(eq(sz, cn_graph_find(g, "ainet"), 4));
    cr_assert(eq(sz, cn_graph_find(g, "nobody"), CN_NONE));
    cr_assert(eq(sz, cn_graph_find(g, "Viettel"), CN_NONE)); /* a label, not an id */
    cr_assert(eq(sz, cn_graph_find(g, "HUST"), CN_NONE));    /* ids are case-sensitive */
    cr_assert(eq(sz, cn_graph_find(g, ""), CN_NONE));
}

Test(load_accept, network_lead, .fini = fini)
{
    load_ok("valid");
    cr_assert(eq(sz, cn_graph_network_lead(g, node("vnnet")), node("hust")));
    cr_assert(eq(sz, cn_graph_network_lead(g, node("ainet")), CN_NONE));
    cr_assert(eq(sz, cn_graph_network_lead(g, node("hust")), CN_NONE)); /* not a network */
}

Test(load_accept, network_members_by_kind_and_role, .fini = fini)
{
    size_t by_kind[CN_NODE_KIND_COUNT], by_role[CN_ROLE_COUNT];

    load_ok("valid");
    cn_graph_network_members(g, node("vnnet"), by_kind, by_role);
    cr_assert(eq(sz, by_kind[CN_NODE_INSTITUTION], 1));
    cr_assert(eq(sz, by_kind[CN_NODE_ENTERPRISE], 1));
    cr_assert(eq(sz, by_kind[CN_NODE_EXPERT], 0));
    cr_assert(eq(sz, by_kind[CN_NODE_NETWORK], 1));
    cr_assert(eq(sz, by_role[CN_ROLE_NONE], 0));
    cr_assert(eq(sz, by_role[CN_ROLE_LEAD], 1));
    cr_assert(eq(sz, by_role[CN_ROLE_MEMBER], 1));
    cr_assert(eq(sz, by_role[CN_ROLE_PARTNER], 1));
    cn_graph_network_members(g, node("ainet"), by_kind, NULL);
    cr_assert(eq(sz, by_kind[CN_NODE_EXPERT], 1));
    cr_assert(eq(sz, by_kind[CN_NODE_INSTITUTION] + by_kind[CN_NODE_ENTERPRISE]
                         + by_kind[CN_NODE_NETWORK],
                 0));
    cr_assert(eq(sz, cn_graph_network_member_count(g, node("vnnet")), 3));
    cr_assert(eq(sz, cn_graph_network_member_edge(g, node("vnnet"), 2), 2));
    cr_assert(eq(sz, cn_graph_node_network_count(g, node("ainet")), 1));
    cr_assert(eq(sz, cn_graph_node_network_edge(g, node("ainet"), 0), 2));
}

Test(load_accept, gephi_headers_in_any_order, .fini = fini)
{
    cn_edge e;

    load_ok("gephi"); /* Kind,Label,Id and Weight,Kind,Target,Source */
    cr_assert(eq(sz, cn_graph_node_count(g), 2));
    cr_assert(eq(str, (char *)cn_graph_node_id(g, 0), "a"));
    cr_assert(eq(str, (char *)cn_graph_node_label(g, 0), "Alice"));
    cr_assert(eq(int, (int)cn_graph_node_kind(g, 0), CN_NODE_EXPERT));
    cr_assert(eq(str, (char *)cn_graph_node_label(g, 1), "Bee Corp"));
    cr_assert(eq(int, (int)cn_graph_node_kind(g, 1), CN_NODE_ENTERPRISE));
    cr_assert(eq(sz, cn_graph_node_attr_count(g), 0));
    cr_assert(eq(sz, cn_graph_edge_attr_count(g), 0));
    e = edge(0);
    cr_assert(eq(sz, e.source, 0));
    cr_assert(eq(sz, e.target, 1));
    cr_assert(eq(int, (int)e.kind, CN_EDGE_COLLABORATION));
    cr_assert(eq(dbl, e.weight, 2.5));
}

Test(load_accept, bom_is_skipped, .fini = fini)
{
    load_ok("bom"); /* both files start with EF BB BF */
    cr_assert(eq(sz, cn_graph_node_count(g), 2));
    cr_assert(eq(str, (char *)cn_graph_node_id(g, 0), "a"));
    cr_assert(eq(sz, cn_graph_node_attr_count(g), 0));
    cr_assert(eq(sz, cn_graph_edge_attr_count(g), 0));
    cr_assert(eq(sz, cn_graph_edge_count(g), 1));
}

Test(load_accept, crlf_line_endings, .fini = fini)
{
    load_ok("crlf");
    cr_assert(eq(str, (char *)cn_graph_node_label(g, 0), "A"));
    cr_assert(eq(str, (char *)cn_graph_node_label(g, 1), "B"));
    cr_assert(eq(int, (int)cn_graph_node_kind(g, 1), CN_NODE_EXPERT)); /* last column: no \r */
    cr_assert(eq(sz, cn_graph_node_line(g, 1), 3));
    cr_assert(eq(str, (char *)edge(0).ref, "r1"));
    cr_assert(eq(sz, edge(0).line, 2));
}

Test(load_accept, quoted_fields, .fini = fini)
{
    load_ok("quoting");
    cr_assert(eq(str, (char *)cn_graph_node_label(g, node("a")), "Smith, John"));
    cr_assert(eq(str, (char *)cn_graph_node_label(g, node("b")), "The \"Best\" Co"));
    cr_assert(eq(str, (char *)cn_graph_node_label(g, node("c")), "line one\nline two"));
    cr_assert(eq(sz, cn_graph_node_line(g, node("c")), 4));
    cr_assert(eq(sz, cn_graph_node_line(g, node("d")), 6)); /* after the two-line record */
}

Test(load_accept, vietnamese_label_round_trips, .fini = fini)
{
    const char *label;

    load_ok("vietnamese");
    label = cn_graph_node_label(g, node("hust"));
    cr_assert(eq(sz, strlen(label), strlen(HUST_VI)));
    cr_assert(eq(str, (char *)label, HUST_VI));
}

Test(load_accept, blank_lines_are_ignored, .fini = fini)
{
    load_ok("blank_lines");
    cr_assert(eq(sz, cn_graph_node_count(g), 2));
    cr_assert(eq(sz, cn_graph_node_line(g, node("a")), 4));
    cr_assert(eq(sz, cn_graph_node_line(g, node("b")), 7));
    cr_assert(eq(sz, cn_graph_edge_count(g), 1));
    cr_assert(eq(sz, edge(0).line, 5));
}

Test(load_accept, kinds_and_roles_are_case_insensitive, .fini = fini)
{
    load_ok("kind_case");
    cr_assert(eq(int, (int)cn_graph_node_kind(g, node("i")), CN_NODE_INSTITUTION));
    cr_assert(eq(int, (int)cn_graph_node_kind(g, node("e")), CN_NODE_ENTERPRISE));
    cr_assert(eq(int, (int)cn_graph_node_kind(g, node("x")), CN_NODE_EXPERT));
    cr_assert(eq(int, (int)cn_graph_node_kind(g, node("n")), CN_NODE_NETWORK));
    cr_assert(eq(int, (int)edge(0).kind, CN_EDGE_MEMBERSHIP));
    cr_assert(eq(int, (int)edge(0).role, CN_ROLE_LEAD));
    cr_assert(eq(int, (int)edge(1).role, CN_ROLE_PARTNER));
    cr_assert(eq(int, (int)edge(2).kind, CN_EDGE_COLLABORATION));
    cr_assert(eq(sz, cn_graph_network_lead(g, node("n")), node("i")));
}

Test(load_accept, leap_day_and_reduced_precision_dates, .fini = fini)
{
    load_ok("dates_ok");
    expect_date(edge(0).since, 2024, 2, 29);
    expect_date(edge(1).since, 2025, 8, 0); /* until 2025 covers the whole year */
    expect_date(edge(1).until, 2025, 0, 0);
}

Test(load_accept, decimal_weight_forms, .fini = fini)
{
    cn_tie t;

    load_ok("weights_ok");
    cr_assert(eq(dbl, edge(0).weight, 1000.0)); /* 1e3 */
    cr_assert(eq(dbl, edge(1).weight, 2.5));    /* +2.5 */
    cr_assert(eq(dbl, edge(2).weight, 0.5));    /* .5 */
    cn_graph_tie(g, 0, &t);
    cr_assert(eq(dbl, t.weight, 1003.0));
    cr_assert(eq(sz, t.rows, 3));
}

Test(load_accept, in_memory_buffers, .fini = fini)
{
    static const char nodes[] = "id,label,kind\nhust," HUST_VI ",institution\nfpt,FPT,enterprise\n"
                                "vn,VN,network\n";
    static const char edges[] = "source,target,kind,weight\nfpt,hust,collaboration,4\n"
                                "hust,vn,membership,\n";
    cn_tie t;
    int rc;

    cr_assert(eq(int, cn_diag_list_create(&diags, 0), 0));
    rc = cn_load_buffers(&g, nodes, strlen(nodes), "mem/nodes", edges, strlen(edges), "mem/edges",
                         NULL, diags);
    cr_assert(eq(int, rc, 0), "first: %s", th_diag(diags, 0));
    cr_assert(eq(sz, cn_graph_node_count(g), 3));
    cr_assert(eq(str, (char *)cn_graph_node_label(g, 0), HUST_VI));
    cr_assert(eq(sz, cn_graph_edge_count(g), 2));
    cr_assert(eq(sz, cn_graph_tie_count(g), 1));
    cn_graph_tie(g, 0, &t);
    cr_assert(eq(sz, t.a, 0));
    cr_assert(eq(sz, t.b, 1));
    cr_assert(eq(dbl, t.weight, 4.0));
    cr_assert(eq(sz, cn_graph_network_lead(g, 2), CN_NONE));
    cr_assert(eq(int, (int)edge(1).role, CN_ROLE_MEMBER));
}

Test(load_accept, in_memory_buffers_name_their_diagnostics, .fini = fini)
{
    static const char nodes[] = "id,kind\na,expert\n";
    static const char edges[] = "source,target,kind\na,z,collaboration\n";
    int rc;

    cr_assert(eq(int, cn_diag_list_create(&diags, 0), 0));
    rc = cn_load_buffers(&g, nodes, strlen(nodes), "mem/nodes", edges, strlen(edges), "mem/edges",
                         NULL, diags);
    cr_assert(eq(int, rc, CN_EDATA));
    cr_assert_null(g);
    cr_assert(eq(sz, cn_diag_list_total(diags), 1));
    cr_assert(eq(str, (char *)th_diag(diags, 0),
                 "mem/edges:2: unknown target 'z' (not in mem/nodes)"));
}

/* One collaboration row of ties_merge_in_key_order's reference. */
typedef struct {
    size_t a, b, row;
    double w;
} pair_row;

static int by_pair_then_row(const void *x, const void *y)
{
    const pair_row *p = x, *q = y;

    if (p->a != q->a) {
        return p->a < q->a ? -1 : 1;
    }
    if (p->b != q->b) {
        return p->b < q->b ? -1 : 1;
    }
    return p->row < q->row ? -1 : p->row > q->row;
}

/* Ties are merged bucket by bucket (the top bits of the lower node), a group of buckets at a
 * time, and a long bucket is radix-sorted: 5,000 nodes, a hub in most rows (one long bucket),
 * repeated pairs either way round, weights whose sum depends on the order of addition. */
Test(load_accept, ties_merge_in_key_order, .fini = fini)
{
    enum { N = 5000, ROWS = 20000 };
    static pair_row ref[ROWS];
    cni_buf nodes, edges;
    unsigned x = 12345;
    size_t t = 0;

    cni_buf_init(&nodes);
    cni_buf_init(&edges);
    cni_buf_puts(&nodes, "id,kind\n");
    for (size_t i = 0; i < N; i++) {
        cni_buf_printf(&nodes, "e%zu,expert\n", i);
    }
    cni_buf_puts(&edges, "source,target,kind,weight\n");
    for (size_t r = 0; r < ROWS; r++) {
        size_t s, d;
        x = x * 1103515245u + 12345u;
        s = r % 3 ? 7 : (x >> 8) % N;             /* the hub e7 in two rows of three */
        d = (x >> 4) % (r % 5 ? N : 40);          /* a few targets often: repeated pairs */
        d = d == s ? (d + 1) % N : d;
        double w = (r % 7) ? 0.1 * (double)(r % 13 + 1) : 1e-3;
        cni_buf_printf(&edges, "e%zu,e%zu,collaboration,%.17g\n", s, d, w);
        ref[r] = (pair_row){ s < d ? s : d, s < d ? d : s, r, w };
    }
    cr_assert(eq(int, cn_diag_list_create(&diags, 0), 0));
    cr_assert_not_null(cni_buf_str(&nodes));
    cr_assert_not_null(cni_buf_str(&edges));
    cr_assert(eq(int, cn_load_buffers(&g, nodes.s, nodes.len, "mem/nodes", edges.s, edges.len,
                                      "mem/edges", NULL, diags),
                 0), "first: %s", th_diag(diags, 0));
    qsort(ref, ROWS, sizeof *ref, by_pair_then_row);
    for (size_t r = 0; r < ROWS; t++) {
        cn_tie tie;
        double w = 0;
        size_t first = r;
        for (; r < ROWS && ref[r].a == ref[first].a && ref[r].b == ref[first].b; r++) {
            w = r == first ? ref[r].w : w + ref[r].w; /* file order */
        }
        cr_assert(lt(sz, t, cn_graph_tie_count(g)));
        cn_graph_tie(g, t, &tie);
        cr_assert(eq(sz, tie.a, ref[first].a), "tie %zu", t);
        cr_assert(eq(sz, tie.b, ref[first].b), "tie %zu", t);
        cr_assert(eq(sz, tie.rows, r - first), "tie %zu", t);
        cr_assert(eq(dbl, tie.weight, w), "tie %zu", t);
    }
    cr_assert(eq(sz, cn_graph_tie_count(g), t));
    cni_buf_fini(&nodes);
    cni_buf_fini(&edges);
}

/* A ref column is kept as one value while every row has the same ref, and becomes a column at
 * the first row that differs; --at then drops rows of either form. */
Test(load_accept, refs_the_same_then_different, .fini = fini)
{
    static const char nodes[] = "id,kind\na,expert\nb,expert\nc,expert\n";
    static const char same[] = "source,target,kind,since,ref\na,b,collaboration,2030,x\n"
                               "b,c,collaboration,,x\n";
    static const char edges[] = "source,target,kind,since,ref\na,b,collaboration,2030,x\n"
                                "b,c,collaboration,,x\na,c,collaboration,,y\n"
                                "b,c,collaboration,2030,\nc,a,collaboration,,x\n";
    static const char *const refs[] = { "x", "x", "y", "", "x" }, *const kept[] = { "x", "y", "x" };
    static const size_t kept_line[] = { 3, 4, 6 };
    cn_load_options o = CN_LOAD_OPTIONS_INIT;
    cn_edge ed;

    cr_assert(eq(int, cn_load_buffers(&g, nodes, strlen(nodes), NULL, same, strlen(same), NULL,
                                      NULL, NULL), 0));
    for (size_t e = 0; e < 2; e++) {
        cn_graph_edge(g, e, &ed);
        cr_assert(eq(str, (char *)ed.ref, "x"));
    }
    cn_graph_destroy(g);
    cr_assert(eq(int, cn_load_buffers(&g, nodes, strlen(nodes), NULL, edges, strlen(edges), NULL,
                                      NULL, NULL), 0));
    for (size_t e = 0; e < 5; e++) {
        cn_graph_edge(g, e, &ed);
        cr_assert(eq(str, (char *)ed.ref, (char *)refs[e]), "row %zu", e);
    }
    cn_graph_destroy(g);
    cr_assert(eq(int, cn_date_parse(&o.at, "2025"), 0));
    cr_assert(eq(int, cn_load_buffers(&g, nodes, strlen(nodes), NULL, edges, strlen(edges), NULL,
                                      &o, NULL), 0));
    cr_assert(eq(sz, cn_graph_edge_count(g), 3));
    for (size_t e = 0; e < 3; e++) {
        cn_graph_edge(g, e, &ed);
        cr_assert(eq(str, (char *)ed.ref, (char *)kept[e]), "row %zu", e);
        cr_assert(eq(sz, ed.line, kept_line[e]));
    }
}

/* An edge row's line is kept as a rule (one line after another) until a row breaks it: a blank
 * line, a quoted field over two lines, a bad row that is not stored. */
Test(load_accept, edge_lines_past_gaps, .fini = fini)
{
    static const char nodes[] = "id,kind\na,expert\nb,expert\nc,expert\n";
    static const char edges[] = "source,target,kind,ref\na,b,collaboration,\nb,c,collaboration,\n"
                                "\na,c,collaboration,\"two\nlines\"\nb,a,collaboration,\n"
                                "c,a,collaboration,\n";
    static const size_t lines[] = { 2, 3, 5, 7, 8 };
    cn_edge ed;

    cr_assert(eq(int, cn_load_buffers(&g, nodes, strlen(nodes), NULL, edges, strlen(edges), NULL,
                                      NULL, NULL), 0));
    cr_assert(eq(sz, cn_graph_edge_count(g), 5));
    for (size_t e = 0; e < 5; e++) {
        cn_graph_edge(g, e, &ed);
        cr_assert(eq(sz, ed.line, lines[e]), "row %zu", e);
    }
}

/* ---- load_nodes: nodes.csv violations ---- */

Test(load_nodes, unknown_kind_is_reported, .fini = fini)
{
    expect_bad("unknown_kind",
               (const char *[]){ "data/unknown_kind/nodes.csv:3: unknown kind 'univ' (expected "
                                 "institution, enterprise, expert or network)",
                                 NULL });
}

Test(load_nodes, missing_required_column, .fini = fini)
{
    expect_bad("missing_column_nodes",
               (const char *[]){
                   "data/missing_column_nodes/nodes.csv:1: missing required column 'kind'", NULL });
}

Test(load_nodes, duplicate_column, .fini = fini)
{
    expect_bad("duplicate_column",
               (const char *[]){
                   "data/duplicate_column/nodes.csv:1: duplicate column 'ID' (columns 1 and 3)",
                   NULL });
}

Test(load_nodes, empty_column_name, .fini = fini)
{
    expect_bad("empty_column_name",
               (const char *[]){ "data/empty_column_name/nodes.csv:1: column 2 has an empty name",
                                 NULL });
}

Test(load_nodes, duplicate_id, .fini = fini)
{
    expect_bad("duplicate_id",
               (const char *[]){
                   "data/duplicate_id/nodes.csv:4: duplicate id 'a' (first on line 2)", NULL });
}

Test(load_nodes, empty_id, .fini = fini)
{
    expect_bad("empty_id", (const char *[]){ "data/empty_id/nodes.csv:3: empty id", NULL });
}

Test(load_nodes, invalid_field_slug, .fini = fini)
{
    expect_bad("invalid_field_slug",
               (const char *[]){ "data/invalid_field_slug/nodes.csv:2: invalid field slug 'Deep "
                                 "Tech' (use lowercase letters, digits, '-' and '_', separated by "
                                 "';')",
                                 NULL });
}

Test(load_nodes, several_errors_all_reported_in_order, .fini = fini)
{
    expect_bad("several_errors",
               (const char *[]){
                   "data/several_errors/nodes.csv:2: unknown kind 'univ' " NODE_KINDS,
                   "data/several_errors/nodes.csv:3: empty id",
                   "data/several_errors/nodes.csv:5: duplicate id 'b' (first on line 4)",
                   "data/several_errors/nodes.csv:6: unknown kind 'company' " NODE_KINDS, NULL });
}

/* ---- load_edges: edges.csv violations ---- */

Test(load_edges, missing_required_column, .fini = fini)
{
    expect_bad("missing_column_edges",
               (const char *[]){
                   "data/missing_column_edges/edges.csv:1: missing required column 'target'",
                   NULL });
}

Test(load_edges, unknown_kind, .fini = fini)
{
    expect_bad("unknown_edge_kind",
               (const char *[]){
                   "data/unknown_edge_kind/edges.csv:2: unknown kind 'friendship' " EDGE_KINDS,
                   NULL });
}

Test(load_edges, unknown_role, .fini = fini)
{
    expect_bad("unknown_role",
               (const char *[]){ "data/unknown_role/edges.csv:2: unknown role 'boss' (expected "
                                 "lead, member or partner)",
                                 NULL });
}

Test(load_edges, role_on_collaboration, .fini = fini)
{
    expect_bad("role_on_collaboration",
               (const char *[]){ "data/role_on_collaboration/edges.csv:2: role 'lead' on a "
                                 "collaboration edge (roles apply to membership only)",
                                 NULL });
}

Test(load_edges, unknown_source, .fini = fini)
{
    expect_bad("unknown_source",
               (const char *[]){ "data/unknown_source/edges.csv:2: unknown source 'z' (not in "
                                 "data/unknown_source/nodes.csv)",
                                 NULL });
}

Test(load_edges, unknown_target, .fini = fini)
{
    expect_bad("unknown_target",
               (const char *[]){ "data/unknown_target/edges.csv:2: unknown target 'z' (not in "
                                 "data/unknown_target/nodes.csv)",
                                 NULL });
}

Test(load_edges, membership_target_not_a_network, .fini = fini)
{
    expect_bad("target_not_network",
               (const char *[]){ "data/target_not_network/edges.csv:2: membership target 'b' is "
                                 "an enterprise, not a network",
                                 NULL });
}

Test(load_edges, collaboration_with_a_network, .fini = fini)
{
    expect_bad("collaboration_network",
               (const char *[]){ "data/collaboration_network/edges.csv:2: collaboration endpoint "
                                 "'n' is a network (collaboration ties two non-network nodes; "
                                 "use membership)",
                                 "data/collaboration_network/edges.csv:3: collaboration endpoint "
                                 "'n' is a network (collaboration ties two non-network nodes; "
                                 "use membership)",
                                 NULL });
}

Test(load_edges, self_loop, .fini = fini)
{
    expect_bad("self_loop",
               (const char *[]){ "data/self_loop/edges.csv:2: self-loop: 'a' is both source and "
                                 "target",
                                 "data/self_loop/edges.csv:3: self-loop: 'n' is both source and "
                                 "target",
                                 NULL });
}

Test(load_edges, weight_not_a_number, .fini = fini)
{
    expect_bad("weight_text", (const char *[]){
                                  "data/weight_text/edges.csv:2: invalid weight 'abc' " BAD_WEIGHT,
                                  NULL });
}

Test(load_edges, weight_zero, .fini = fini)
{
    expect_bad("weight_zero", (const char *[]){
                                  "data/weight_zero/edges.csv:2: invalid weight '0' " BAD_WEIGHT,
                                  NULL });
}

Test(load_edges, weight_negative, .fini = fini)
{
    expect_bad("weight_negative",
               (const char *[]){
                   "data/weight_negative/edges.csv:2: invalid weight '-1' " BAD_WEIGHT, NULL });
}

Test(load_edges, weight_nan, .fini = fini)
{
    expect_bad("weight_nan", (const char *[]){
                                 "data/weight_nan/edges.csv:2: invalid weight 'NaN' " BAD_WEIGHT,
                                 NULL });
}

Test(load_edges, weight_inf, .fini = fini)
{
    expect_bad("weight_inf", (const char *[]){
                                 "data/weight_inf/edges.csv:2: invalid weight 'inf' " BAD_WEIGHT,
                                 NULL });
}

Test(load_edges, weights_summing_past_the_limit, .fini = fini)
{
    /* each weight is finite; the repeated pair's sum and the total of 1 / weight are not */
    expect_bad("weight_sum_overflow",
               (const char *[]){
                   "data/weight_sum_overflow/edges.csv:3: weight '9e299' brings the total of the "
                   "weights past 1e300 (sums such as a tie's weight or a node's strength must "
                   "stay finite)",
                   "data/weight_sum_overflow/edges.csv:5: weight '1e-300' brings the total of "
                   "1 / weight past 1e300 (a path's length counts an edge as 1 / weight and must "
                   "stay finite)",
                   NULL });
}

Test(load_edges, weight_hex, .fini = fini)
{
    expect_bad("weight_hex", (const char *[]){
                                 "data/weight_hex/edges.csv:2: invalid weight '0x10' " BAD_WEIGHT,
                                 NULL });
}

Test(load_edges, since_month_13, .fini = fini)
{
    expect_bad("since_month_13",
               (const char *[]){
                   "data/since_month_13/edges.csv:2: invalid since date '2025-13' " DATE_FORMS,
                   NULL });
}

Test(load_edges, since_february_30, .fini = fini)
{
    expect_bad("since_feb_30",
               (const char *[]){
                   "data/since_feb_30/edges.csv:2: invalid since date '2025-02-30' " DATE_FORMS,
                   NULL });
}

Test(load_edges, since_two_digit_year, .fini = fini)
{
    expect_bad("since_two_digits",
               (const char *[]){
                   "data/since_two_digits/edges.csv:2: invalid since date '25' " DATE_FORMS,
                   NULL });
}

Test(load_edges, since_with_slashes, .fini = fini)
{
    expect_bad("since_slashes",
               (const char *[]){
                   "data/since_slashes/edges.csv:2: invalid since date '2025/01/01' " DATE_FORMS,
                   NULL });
}

Test(load_edges, until_malformed, .fini = fini)
{
    expect_bad("until_malformed",
               (const char *[]){
                   "data/until_malformed/edges.csv:2: invalid until date '2025-13' " DATE_FORMS,
                   NULL });
}

Test(load_edges, until_before_since, .fini = fini)
{
    expect_bad("until_before_since",
               (const char *[]){ "data/until_before_since/edges.csv:2: until '2025-01-09' is "
                                 "before since '2025-01-10'",
                                 NULL });
}

Test(load_edges, until_month_before_since_year, .fini = fini)
{
    expect_bad("until_before_since_year",
               (const char *[]){ "data/until_before_since_year/edges.csv:2: until '2024-12' is "
                                 "before since '2025'",
                                 NULL });
}

/* ---- load_csv: files and their form ---- */

Test(load_csv, missing_nodes_file, .fini = fini)
{
    /* edges.csv names nodes that would be unknown: the missing file is the one problem */
    expect_bad("missing_nodes",
               (const char *[]){ "data/missing_nodes/nodes.csv:0: " MISSING_FILE, NULL });
}

Test(load_csv, missing_edges_file, .fini = fini)
{
    expect_bad("missing_edges",
               (const char *[]){ "data/missing_edges/edges.csv:0: " MISSING_FILE, NULL });
}

Test(load_csv, empty_file, .fini = fini)
{
    expect_bad("empty_file",
               (const char *[]){
                   "data/empty_file/nodes.csv:1: empty file (a header row is required)", NULL });
}

Test(load_csv, header_only_files_are_valid, .fini = fini)
{
    load_ok("header_only");
    cr_assert(eq(sz, cn_graph_node_count(g), 0));
    cr_assert(eq(sz, cn_graph_edge_count(g), 0));
    cr_assert(eq(sz, cn_graph_tie_count(g), 0));
}

Test(load_csv, ragged_row_too_few_fields, .fini = fini)
{
    expect_bad("ragged_short",
               (const char *[]){
                   "data/ragged_short/edges.csv:2: 2 fields, expected 3 as in the header", NULL });
}

Test(load_csv, ragged_row_too_many_fields, .fini = fini)
{
    expect_bad("ragged_long",
               (const char *[]){
                   "data/ragged_long/edges.csv:2: 4 fields, expected 3 as in the header", NULL });
}

Test(load_csv, unterminated_quote, .fini = fini)
{
    expect_bad("unterminated_quote",
               (const char *[]){ "data/unterminated_quote/nodes.csv:2: unterminated quoted field "
                                 "(the closing quote is missing)",
                                 NULL });
}

Test(load_csv, quote_inside_unquoted_field, .fini = fini)
{
    expect_bad("quote_in_unquoted",
               (const char *[]){ "data/quote_in_unquoted/nodes.csv:2: " BAD_QUOTING, NULL });
}

Test(load_csv, text_after_closing_quote, .fini = fini)
{
    expect_bad("text_after_quote",
               (const char *[]){ "data/text_after_quote/nodes.csv:2: " BAD_QUOTING, NULL });
}

Test(load_csv, invalid_utf8_byte_ff, .fini = fini)
{
    expect_bad("utf8_ff", (const char *[]){ "data/utf8_ff/nodes.csv:2: invalid UTF-8 in field 2 "
                                            "(byte 0xff at offset 2)",
                                            NULL });
}

Test(load_csv, invalid_utf8_truncated_sequence, .fini = fini)
{
    expect_bad("utf8_truncated",
               (const char *[]){ "data/utf8_truncated/nodes.csv:2: invalid UTF-8 in field 2 (byte "
                                 "0xc3 at offset 2)",
                                 NULL });
}

Test(load_csv, invalid_utf8_overlong_encoding, .fini = fini)
{
    expect_bad("utf8_overlong",
               (const char *[]){ "data/utf8_overlong/nodes.csv:2: invalid UTF-8 in field 2 (byte "
                                 "0xc0 at offset 1)",
                                 NULL });
}

Test(load_csv, nul_byte, .fini = fini)
{
    expect_bad("nul_byte",
               (const char *[]){ "data/nul_byte/nodes.csv:2: NUL byte in field 2", NULL });
}

Test(load_csv, line_numbers_after_multiline_field, .fini = fini)
{
    /* record 2 spans lines 2-5 (one of them empty, inside the quotes) */
    expect_bad("line_after_multiline",
               (const char *[]){
                   "data/line_after_multiline/nodes.csv:7: unknown kind 'univ' " NODE_KINDS,
                   NULL });
}

Test(load_csv, malformed_quoting_reported_at_record_start, .fini = fini)
{
    /* LINE is where the record starts (2); the message names the line of the bad quote (3) */
    expect_bad("multiline_bad_quote",
               (const char *[]){ "data/multiline_bad_quote/nodes.csv:2: malformed quoting on line 3 "
                                 "(a quote inside an unquoted field, or text after a closing "
                                 "quote)",
                                 NULL });
}

Test(load_csv, reading_goes_on_after_malformed_quoting, .fini = fini)
{
    /* the bad record is dropped; the rows after it are still checked */
    expect_bad("bad_quote_then_bad_kind",
               (const char *[]){ "data/bad_quote_then_bad_kind/nodes.csv:3: " BAD_QUOTING,
                                 "data/bad_quote_then_bad_kind/nodes.csv:5: unknown kind 'univ' "
                                 NODE_KINDS,
                                 NULL });
}

Test(load_csv, bad_header_stops_the_file_despite_a_bad_quote_after_it, .fini = fini)
{
    /* the header ends at the CR and is bad; the quote after it on the same line must not
     * start reading again (rows then met a header never set up: a fuzzer's crash) */
    expect_bad("bad_header_then_bad_quote",
               (const char *[]){ "data/bad_header_then_bad_quote/nodes.csv:1: missing required "
                                 "column 'kind'",
                                 "data/bad_header_then_bad_quote/nodes.csv:1: " BAD_QUOTING,
                                 NULL });
}

Test(load_csv, byte_order_mark_mid_file_is_named, .fini = fini)
{
    /* shown as U+FEFF, not as an unknown 'c' that looks like the known c */
    expect_bad("bom_mid_file",
               (const char *[]){ "data/bom_mid_file/edges.csv:3: unexpected U+FEFF (byte order "
                                 "mark) in field 1 at offset 1 (only the start of a file may "
                                 "hold one: two files joined?)",
                                 NULL });
}

Test(load_csv, line_numbers_after_whitespace_only_line, .fini = fini)
{
    /* a line of spaces (line 3) yields no record; the next record keeps its own line */
    expect_bad("whitespace_line",
               (const char *[]){
                   "data/whitespace_line/nodes.csv:4: unknown kind 'univ' " NODE_KINDS, NULL });
}

Test(load_csv, invalid_header_is_the_only_problem, .fini = fini)
{
    /* an unreadable header stops the file: data row 2 must not be taken for the header */
    expect_bad("header_invalid_utf8",
               (const char *[]){ "data/header_invalid_utf8/nodes.csv:1: invalid UTF-8 in field 3 "
                                 "(byte 0xff at offset 2)",
                                 NULL });
}

/* ---- load_cross: across rows and files, and the API around them ---- */

Test(load_cross, membership_cycle_of_two, .fini = fini)
{
    expect_bad("membership_cycle_2",
               (const char *[]){ "data/membership_cycle_2/edges.csv:3: membership cycle among "
                                 "networks 'n1', 'n2'",
                                 NULL });
}

Test(load_cross, membership_cycle_of_three, .fini = fini)
{
    expect_bad("membership_cycle_3",
               (const char *[]){ "data/membership_cycle_3/edges.csv:4: membership cycle among "
                                 "networks 'n1', 'n2', 'n3'",
                                 NULL });
}

/* The cycle check runs first on the networks in network-in-network rows alone, then, when there
 * is a cycle, on every node: the messages keep the whole graph's order of components. */
Test(load_cross, membership_cycles_among_other_nodes, .fini = fini)
{
    static const char nodes[] = "id,kind\nn1,network\nx,expert\nn2,network\nn3,network\n"
                                "n4,network\nn5,network\nn6,network\nn7,network\n";
    static const char edges[] = "source,target,kind\nn5,n2,membership\nx,n1,membership\n"
                                "n7,n6,membership\nn2,n5,membership\nn3,n4,membership\n"
                                "n4,n7,membership\nn6,n3,membership\nn1,n6,membership\n";

    cr_assert(eq(int, cn_diag_list_create(&diags, 0), 0));
    cr_assert(eq(int, cn_load_buffers(&g, nodes, strlen(nodes), "mem/nodes", edges,
                                      strlen(edges), "mem/edges", NULL, diags),
                 CN_EDATA));
    cr_assert(eq(sz, cn_diag_list_total(diags), 2));
    cr_assert(eq(str, (char *)th_diag(diags, 0),
                 "mem/edges:5: membership cycle among networks 'n2', 'n5'"));
    cr_assert(eq(str, (char *)th_diag(diags, 1),
                 "mem/edges:8: membership cycle among networks 'n3', 'n4', 'n6', 'n7'"));
    cr_assert(eq(int, (int)IGRAPH_FINALLY_STACK_SIZE(), 0));
}

Test(load_cross, two_leads, .fini = fini)
{
    expect_bad("two_leads",
               (const char *[]){ "data/two_leads/edges.csv:3: network 'n' has a second lead 'b' "
                                 "(first lead 'a' on line 2)",
                                 NULL });
}

Test(load_cross, same_membership_twice, .fini = fini)
{
    expect_bad("membership_twice",
               (const char *[]){ "data/membership_twice/edges.csv:4: 'a' is a member of 'n' twice "
                                 "(first on line 2)",
                                 NULL });
}

Test(load_cross, bad_node_kind_does_not_cascade, .fini = fini)
{
    expect_bad("no_cascade_kind",
               (const char *[]){
                   "data/no_cascade_kind/nodes.csv:2: unknown kind 'univ' " NODE_KINDS, NULL });
}

Test(load_cross, csv_error_in_nodes_does_not_cascade, .fini = fini)
{
    expect_bad("no_cascade_csv",
               (const char *[]){ "data/no_cascade_csv/nodes.csv:2: invalid UTF-8 in field 2 (byte "
                                 "0xff at offset 2)",
                                 NULL });
}

Test(load_cross, ragged_node_row_does_not_cascade, .fini = fini)
{
    /* a ragged row keeps its id, so edges naming it are not reported as unknown too */
    expect_bad("no_cascade_ragged",
               (const char *[]){
                   "data/no_cascade_ragged/nodes.csv:2: 3 fields, expected 2 as in the header",
                   NULL });
}

Test(load_cross, diag_list_limit_counts_the_rest, .fini = fini)
{
    int rc;

    cr_assert(eq(int, cn_diag_list_create(&diags, 3), 0));
    rc = cn_load_dataset(&g, "data/diag_limit", NULL, diags);
    cr_assert(eq(int, rc, CN_EDATA));
    cr_assert_null(g);
    cr_assert(eq(sz, cn_diag_list_count(diags), 3));
    cr_assert(eq(sz, cn_diag_list_total(diags), 5));
    cr_assert(eq(str, (char *)th_diag(diags, 0),
                 "data/diag_limit/edges.csv:2: unknown target 'z1' (not in "
                 "data/diag_limit/nodes.csv)"));
    cr_assert(eq(str, (char *)th_diag(diags, 2),
                 "data/diag_limit/edges.csv:4: unknown target 'z3' (not in "
                 "data/diag_limit/nodes.csv)"));
    cr_assert_null(cn_diag_list_at(diags, 3));
}

/* max_errors stops reading: a file broken on every row costs bounded time and output */
Test(load_cross, max_errors_stops_reading, .fini = fini)
{
    cn_load_options opts = CN_LOAD_OPTIONS_INIT;

    opts.max_errors = 2;
    cr_assert(eq(int, cn_diag_list_create(&diags, 0), 0));
    cr_assert(eq(int, cn_load_dataset(&g, "data/diag_limit", &opts, diags), CN_EDATA));
    cr_assert_null(g);
    cr_assert(eq(sz, cn_diag_list_total(diags), 2));
    cr_assert(eq(str, (char *)th_diag(diags, 1),
                 "data/diag_limit/edges.csv:3: unknown target 'z2' (not in "
                 "data/diag_limit/nodes.csv)"));
    cr_assert(eq(str, (char *)cn_errmsg(), "stopped reading after 2 problems"));
}

/* the same lead row twice is a repeated membership, not a second lead */
Test(load_cross, same_lead_row_twice, .fini = fini)
{
    expect_bad("lead_row_twice",
               (const char *[]){ "data/lead_row_twice/edges.csv:3: 'a' is a member of 'n' twice "
                                 "(first on line 2)",
                                 NULL });
}

Test(load_cross, violations_without_a_diag_list, .fini = fini)
{
    cr_assert(eq(int, cn_load_dataset(&g, "data/unknown_kind", NULL, NULL), CN_EDATA));
    cr_assert_null(g);
}

Test(load_cross, dataset_directory_does_not_exist, .fini = fini)
{
    cr_assert(eq(int, cn_diag_list_create(&diags, 0), 0));
    cr_assert(eq(int, cn_load_dataset(&g, "data/no_such_dataset", NULL, diags), CN_ENOENT));
    cr_assert_null(g);
    cr_assert(eq(sz, cn_diag_list_total(diags), 0));
    cr_assert(eq(str, (char *)cn_errmsg(), "dataset 'data/no_such_dataset' does not exist"));
}

Test(load_cross, dataset_path_is_not_a_directory, .fini = fini)
{
    cr_assert(eq(int, cn_load_dataset(&g, "data/valid/nodes.csv", NULL, NULL), CN_ENOENT));
    cr_assert_null(g);
    cr_assert(eq(str, (char *)cn_errmsg(), "dataset 'data/valid/nodes.csv' is not a directory"));
}

/* ---- load_escape: data shown in messages cannot act on a terminal ---- */

Test(load_escape, control_characters_in_messages_are_escaped, .fini = fini)
{
    /* an OSC title and a screen clear, a C1 CSI, and an id whose newline would forge a line */
    static const char nodes[] = "id,kind\n"
                                "a,\"\x1b]0;PWNED\a\x1b[2J\"\n"
                                "b,\xc2\x9b" "31m\n"
                                "\"x\nmem/nodes:9: fake\",expert\n"
                                "\"x\nmem/nodes:9: fake\",expert\n"
                                "c,\xC4\x90\xE1\xBA\xA1i\n";
    static const char edges[] = "source,target,kind\n";

    cr_assert(eq(int, cn_diag_list_create(&diags, 0), 0));
    cr_assert(eq(int, cn_load_buffers(&g, nodes, sizeof nodes - 1, "mem/nodes", edges,
                                      sizeof edges - 1, "mem/edges", NULL, diags),
                 CN_EDATA));
    cr_assert(eq(str, (char *)th_diag(diags, 0),
                 "mem/nodes:2: unknown kind '\\x1b]0;PWNED\\x07\\x1b[2J' " NODE_KINDS));
    cr_assert(eq(str, (char *)th_diag(diags, 1),
                 "mem/nodes:3: unknown kind '\\u009b31m' " NODE_KINDS));
    cr_assert(eq(str, (char *)th_diag(diags, 2),
                 "mem/nodes:6: duplicate id 'x\\nmem/nodes:9: fake' (first on line 4)"));
    /* printable UTF-8 (Vietnamese) is kept as it is */
    cr_assert(eq(str, (char *)th_diag(diags, 3),
                 "mem/nodes:8: unknown kind '" "\xC4\x90\xE1\xBA\xA1i' " NODE_KINDS));
    cr_assert(eq(sz, cn_diag_list_total(diags), 4));
}

Test(load_escape, error_messages_escape_names_and_invalid_utf8)
{
    cn_graph *gr = NULL;

    cr_assert(eq(int, cn_load_dataset(&gr, "no\xff-such\tdir\x1b[2J", NULL, NULL), CN_ENOENT));
    cr_assert(eq(str, (char *)cn_errmsg(),
                 "dataset 'no\\xff-such\\tdir\\x1b[2J' does not exist"));
}

/* ---- load_targets: the targets file ---- */

Test(load_targets, every_mistake_is_reported_with_its_line, .fini = fini)
{
    cn_targets *t = NULL;
    const char *want[] = {
        "data/targets_bad/targets.ini:4: unknown key 'colour' in [scope] (expected umbrella or "
        "regions)",
        "data/targets_bad/targets.ini:7: priority given twice (first on line 6)",
        "data/targets_bad/targets.ini:8: 'networks' needs a whole number of networks, not 'many'",
        "data/targets_bad/targets.ini:9: 'quantum' is not a priority field (list it in "
        "'priority' first)",
        "data/targets_bad/targets.ini:11: cannot read 'everywhere' (expected: led in REGION, ... "
        "or reached in REGION, ...)",
        "data/targets_bad/targets.ini:12: cannot read 'led in' (expected: led in REGION, ... or "
        "reached in REGION, ...)",
        "data/targets_bad/targets.ini:14: cannot read the rule 'at most 3 leads' (expected: "
        "exactly N lead [where FILTER], or at least N KIND [besides the lead] [where FILTER])",
        "data/targets_bad/targets.ini:15: unknown member kind 'wizards' in rule (expected "
        "institution, enterprise, expert or network, singular or plural)",
        "data/targets_bad/targets.ini:16: cannot read the filter 'where country VN' (expected: "
        "where COLUMN is [not] VALUE, where COLUMN is [not] one of VALUE, ..., or where fields "
        "has [not] SLUG)",
        "data/targets_bad/targets.ini:17: unknown section [people] (expected scope, fields, "
        "regions or network)",
        "data/targets_bad/targets.ini:18: line too long (257 bytes; at most 198)",
        "data/targets_bad/targets.ini:19: cannot read this line (expected [section], key = "
        "value, or a comment starting with # or ;)",
    };
    size_t n = sizeof want / sizeof want[0];

    cr_assert(eq(int, cn_diag_list_create(&diags, 0), 0));
    cr_assert(eq(int, cn_targets_load(&t, "data/targets_bad/targets.ini", diags), CN_EDATA));
    cr_assert_null(t);
    for (size_t i = 0; i < n; i++) {
        cr_expect(eq(str, (char *)th_diag(diags, i), (char *)want[i]));
    }
    cr_assert(eq(sz, cn_diag_list_total(diags), n), "first: %s", th_diag(diags, 0));
}

Test(load_targets, valid_file_and_missing_file, .fini = fini)
{
    cn_targets *t = NULL;

    cr_assert(eq(int, cn_diag_list_create(&diags, 0), 0));
    cr_assert(eq(int, cn_targets_load(&t, "data/coverage_hand/targets.ini", diags), 0),
              "%s", th_diag(diags, 0));
    cr_assert_not_null(t);
    cn_targets_destroy(t);
    cr_assert(eq(int, cn_targets_load(&t, "data/no-such.ini", diags), CN_ENOENT));
    cr_assert_null(t);
    /* the bundled Project 374 targets parse */
    cr_assert(eq(int, cn_targets_load(&t, "../data/vn-374/targets.ini", diags), 0), "%s",
              th_diag(diags, 0));
    cn_targets_destroy(t);
}

/* Parse @p text (a targets file called t.ini) and expect exactly these diagnostics. */
static void expect_targets(const char *text, size_t len, const char *const *want)
{
    cn_targets *t = NULL;
    size_t n = 0;

    cr_assert(eq(int, cn_diag_list_create(&diags, 0), 0));
    cr_assert(eq(int, cn_targets_parse(&t, text, len, "t.ini", diags), CN_EDATA));
    cr_assert_null(t);
    for (; want[n]; n++) {
        cr_expect(eq(str, (char *)th_diag(diags, n), (char *)want[n]));
    }
    cr_assert(eq(sz, cn_diag_list_total(diags), n), "got %zu, first: %s",
              cn_diag_list_total(diags), th_diag(diags, 0));
}

Test(load_targets, numbers_are_whole_tokens_in_range, .fini = fini)
{
    static const char text[] = "[fields]\n"
                               "priority = ai\n"
                               "networks = 5 apples\n"
                               "ai = 1000000001\n"
                               "[network]\n"
                               "rule = at least -1 experts\n"
                               "rule = at least 99999999999999999999999 experts\n"
                               "rule = exactly -1 lead\n"
                               "rule = exactly +1 lead\n"
                               "rule = at least 1000000000 experts\n";

    expect_targets(text, sizeof text - 1, (const char *[]){
        "t.ini:3: 'networks' needs a whole number of networks, not '5 apples'",
        "t.ini:4: 'ai' needs a whole number of networks up to 1000000000, not 1000000001",
        "t.ini:6: the rule needs a whole number of members, not '-1'",
        "t.ini:7: the rule needs a whole number of members up to 1000000000, not "
        "99999999999999999999999",
        "t.ini:8: the rule needs a whole number of leads, not '-1'",
        "t.ini:9: the rule needs a whole number of leads, not '+1'",
        NULL });
}

Test(load_targets, every_unreadable_line_in_line_order, .fini = fini)
{
    static const char text[] = "[scope]\n"
                               "not a key\n"
                               "colour = blue\n"
                               "[broken\n"
                               "umbrella = a\xff\n"
                               "nul = a\0b\n"
                               "  ; an indented comment\n"
                               "also not a key";

    expect_targets(text, sizeof text - 1, (const char *[]){
        "t.ini:2: cannot read this line (expected [section], key = value, or a comment "
        "starting with # or ;)",
        "t.ini:3: unknown key 'colour' in [scope] (expected umbrella or regions)",
        "t.ini:4: cannot read this line (expected [section], key = value, or a comment "
        "starting with # or ;)",
        "t.ini:5: invalid UTF-8 (byte 0xff at byte 13 of the line)",
        "t.ini:6: NUL byte (at byte 8 of the line)",
        "t.ini:8: cannot read this line (expected [section], key = value, or a comment "
        "starting with # or ;)",
        NULL });
}

Test(load_targets, file_over_the_limit_says_why, .fini = fini)
{
    char path[96];
    int fd = mkstemp(th_tmpl(path, sizeof path, "cn-targets"));
    FILE *fp = fd >= 0 ? fdopen(fd, "wb") : NULL;
    cn_targets *t = NULL;
    char want[224];
    int rc;

    cr_assert_not_null(fp);
    /* one byte over the limit, all comment lines */
    for (size_t i = 0; i < (size_t)CN_TARGETS_MAX_BYTES / 64; i++) {
        fputs("# a comment line of sixty-four bytes, filling the file up ......\n", fp);
    }
    fputc('\n', fp);
    fclose(fp);
    cr_assert(eq(int, cn_diag_list_create(&diags, 0), 0));
    rc = cn_targets_load(&t, path, diags);
    unlink(path); /* before any assertion: 16 MiB must not stay behind */
    cr_assert(eq(int, rc, CN_EDATA));
    cr_assert_null(t);
    snprintf(want, sizeof want, "%s:0: larger than 16 MiB: not a targets file", path);
    cr_assert(eq(str, (char *)th_diag(diags, 0), want));
    cr_assert(eq(sz, cn_diag_list_total(diags), 1));
}

Test(load_targets, readme_example_parses, .fini = fini)
{
    size_t len;
    char *readme = th_slurp("../README.md", &len), *start, *end;
    cn_targets *t = NULL;

    /* the example users copy: its comments must be comments, its numbers numbers */
    cr_assert_not_null(readme);
    cr_assert_not_null(start = strstr(readme, "```ini\n"));
    start += strlen("```ini\n");
    cr_assert_not_null(end = strstr(start, "```\n"));
    cr_assert(eq(int, cn_diag_list_create(&diags, 0), 0));
    cr_assert(eq(int, cn_targets_parse(&t, start, (size_t)(end - start), "README.md", diags), 0),
              "%s", th_diag(diags, 0));
    cn_targets_destroy(t);
    free(readme);
}

Test(load_targets, invalid_utf8_and_outside_section, .fini = fini)
{
    cn_targets *t = NULL;
    const char bad[] = "[fields]\npriority = a\xff\n";
    const char outside[] = "# no section\npriority = ai\n";

    cr_assert(eq(int, cn_diag_list_create(&diags, 0), 0));
    cr_assert(eq(int, cn_targets_parse(&t, bad, sizeof bad - 1, "t.ini", diags), CN_EDATA));
    cr_assert(eq(str, (char *)th_diag(diags, 0),
                 "t.ini:2: invalid UTF-8 (byte 0xff at byte 13 of the line)"));
    cr_assert(eq(int, cn_targets_parse(&t, outside, sizeof outside - 1, "u.ini", diags),
                 CN_EDATA));
    cr_assert(eq(str, (char *)th_diag(diags, 1),
                 "u.ini:2: key 'priority' outside a section (expected [scope], [fields], "
                 "[regions] or [network] first)"));
}

/* --at: the edge eFR -> A2 has since 2026, so at 2025 it is not there; validation is the same */
Test(load_accept, at_keeps_edges_in_force, .fini = fini)
{
    cn_load_options o = CN_LOAD_OPTIONS_INIT;
    size_t all, then;

    cr_assert(eq(int, cn_load_dataset(&g, "data/coverage_hand", NULL, NULL), 0));
    all = cn_graph_count_edge_kind(g, CN_EDGE_MEMBERSHIP);
    cn_graph_destroy(g);
    cr_assert(eq(int, cn_date_parse(&o.at, "2025"), 0));
    cr_assert(eq(int, cn_load_dataset(&g, "data/coverage_hand", &o, NULL), 0));
    then = cn_graph_count_edge_kind(g, CN_EDGE_MEMBERSHIP);
    cr_assert(eq(sz, then, all - 1));
    cr_assert(eq(sz, cn_graph_network_member_count(g, cn_graph_find(g, "A2")), 1));
    cr_assert(eq(sz, cn_graph_tie_count(g), 5));
}

Test(load_accept, date_in_force_compares_periods)
{
    cn_date since, until, at, none = { 0, 0, 0 };

    cn_date_parse(&since, "2025-08");
    cn_date_parse(&until, "2026");
    cn_date_parse(&at, "2025");
    cr_assert(cn_date_in_force(since, until, at));     /* 2025 overlaps from 2025-08 */
    cn_date_parse(&at, "2025-07-31");
    cr_assert(not(cn_date_in_force(since, until, at)));
    cn_date_parse(&at, "2027-01");
    cr_assert(not(cn_date_in_force(since, until, at)));
    cr_assert(cn_date_in_force(none, none, at));       /* undated edges are always in force */
}

/* ---- load_generate: synthetic ecosystems ---- */

static char *generated(const char *tag, uint64_t seed)
{
    static char dirs[4][96];
    static int k;
    char *dir = dirs[k++ % 4], name[32];
    cn_generate_stats st;

    snprintf(name, sizeof name, "cn-test-gen-%s", tag);
    cr_assert_not_null(mkdtemp(th_tmpl(dir, sizeof dirs[0], name)));
    cr_assert(eq(int, cn_generate(&st, dir, CN_SCALE_S, seed), 0), "%s", cn_errmsg());
    cr_assert(eq(sz, st.nodes, 2000));
    return dir;
}

static void remove_dataset(const char *dir)
{
    char path[128];

    snprintf(path, sizeof path, "%s/nodes.csv", dir);
    unlink(path);
    snprintf(path, sizeof path, "%s/edges.csv", dir);
    unlink(path);
    rmdir(dir);
}

/* edges.csv's columns are sized from the file's size after its first 64 KiB: rows that are
 * longer, then shorter, than those (room made short of the need: the columns grow on), and the
 * other way round, load every row with its line and ref. */
Test(load_accept, rows_past_the_room_made_from_the_file_size, .fini = fini)
{
    static const char *const order[2] = { "long first", "short first" };
    char dir[96], path[128], ref[201];
    cn_edge ed;

    memset(ref, 'r', 200);
    ref[200] = '\0';
    for (int k = 0; k < 2; k++) {
        FILE *fp;
        cr_assert_not_null(mkdtemp(th_tmpl(dir, sizeof dir, "cn-test-room")));
        snprintf(path, sizeof path, "%s/nodes.csv", dir);
        cr_assert_not_null(fp = fopen(path, "w"));
        fputs("id,kind\na,expert\nb,expert\n", fp);
        cr_assert(eq(int, fclose(fp), 0));
        snprintf(path, sizeof path, "%s/edges.csv", dir);
        cr_assert_not_null(fp = fopen(path, "w"));
        fputs("source,target,kind,ref\n", fp);
        for (int r = 0; r < 6000; r++) {
            bool long_row = (r < 3000) == (k == 0);
            fprintf(fp, "a,b,collaboration,%s\n", long_row ? ref : "s");
        }
        cr_assert(eq(int, fclose(fp), 0));
        cr_assert(eq(int, cn_load_dataset(&g, dir, NULL, NULL), 0), "%s", order[k]);
        cr_assert(eq(sz, cn_graph_edge_count(g), 6000), "%s", order[k]);
        cr_assert(eq(sz, cn_graph_tie_count(g), 1));
        for (size_t e = 0; e < 6000; e += 1499) {
            cn_graph_edge(g, e, &ed);
            cr_assert(eq(sz, ed.line, e + 2), "%s", order[k]);
            cr_assert(eq(str, (char *)ed.ref, ((e < 3000) == (k == 0)) ? ref : "s"), "%s",
                      order[k]);
        }
        cn_graph_destroy(g);
        g = NULL;
        remove_dataset(dir);
    }
}

static bool same_file(const char *a_dir, const char *b_dir, const char *name)
{
    char a[128], b[128];
    size_t la, lb;
    char *ta, *tb;
    bool same;

    snprintf(a, sizeof a, "%s/%s", a_dir, name);
    snprintf(b, sizeof b, "%s/%s", b_dir, name);
    ta = th_slurp(a, &la);
    tb = th_slurp(b, &lb);
    cr_assert(ta && tb);
    same = la == lb && memcmp(ta, tb, la) == 0;
    free(ta);
    free(tb);
    return same;
}

Test(load_generate, s_scale_is_valid_and_deterministic, .fini = fini)
{
    char *a = generated("a", 1), *b = generated("b", 1), *c = generated("c", 2);
    size_t rows;

    cr_assert(same_file(a, b, "nodes.csv"));
    cr_assert(same_file(a, b, "edges.csv"));
    cr_assert(not(same_file(a, c, "edges.csv")));
    cr_assert(eq(int, cn_diag_list_create(&diags, 0), 0));
    cr_assert(eq(int, cn_load_dataset(&g, a, NULL, diags), 0), "%s", th_diag(diags, 0));
    rows = cn_graph_edge_count(g);
    cr_assert(eq(sz, cn_graph_node_count(g), 2000));
    cr_assert(eq(sz, cn_graph_count_kind(g, CN_NODE_NETWORK), 50));
    cr_assert(ge(sz, rows, 9500), "%zu edge rows", rows);
    cr_assert(le(sz, rows, 10500), "%zu edge rows", rows);
    cr_assert(eq(sz, cn_graph_count_edge_kind(g, CN_EDGE_COLLABORATION), 7000));
    /* every non-umbrella network has a lead; umbrellas (the first 2) hold sub-networks */
    for (size_t n = 2; n < 50; n++) {
        char id[16];
        snprintf(id, sizeof id, "n%zu", n);
        cr_expect(ne(sz, cn_graph_network_lead(g, cn_graph_find(g, id)), CN_NONE), "%s", id);
    }
    remove_dataset(a);
    remove_dataset(b);
    remove_dataset(c);
}

Test(load_generate, unwritable_directory_is_reported)
{
    cr_assert(eq(int, cn_generate(NULL, "/proc/cn-no-such/dir", CN_SCALE_S, 1), CN_ECREATE));
    cr_assert(eq(int, strncmp(cn_errmsg(), "cannot create '/proc/cn-no-such/dir'", 36), 0),
              "%s", cn_errmsg());
    cr_assert(eq(int, cn_generate(NULL, th_tmp(), (cn_scale)7, 1), CN_EINVAL));
}

/* ---- import from GraphML ---- */

static int import(const char *file, const char *dir, const cn_import_options *o, cn_diag_list **d)
{
    cr_assert(eq(int, cn_diag_list_create(d, 0), 0));
    return cn_import_graphml(file, dir, o, *d);
}

Test(load_import, gephi_style_file_becomes_a_valid_dataset)
{
    char dir[96], out[160], cmd[128];
    cn_import_options o = CN_IMPORT_OPTIONS_INIT;
    cn_diag_list *d;
    cn_graph *g;
    cn_edge e;

    cr_assert_not_null(mkdtemp(th_tmpl(dir, sizeof dir, "cn-import")));
    snprintf(out, sizeof out, "%s/ds", dir);
    o.node_kind = "type";
    o.edge_kind = "relation";
    o.label = "name";
    cr_assert(eq(int, import("data/graphml/gephi.graphml", out, &o, &d), 0), "%s %s", cn_errmsg(),
              th_diag(d, 0));
    cn_diag_list_destroy(d);
    cr_assert(eq(int, cn_diag_list_create(&d, 0), 0));
    cr_assert(eq(int, cn_load_dataset(&g, out, NULL, d), 0));
    cr_assert(eq(sz, cn_graph_node_count(g), 4));
    size_t u1 = cn_graph_find(g, "u1"), net = cn_graph_find(g, "net");
    cr_assert(eq(str, (char *)cn_graph_node_label(g, u1), "Đại học Một"));
    cr_assert(eq(int, (int)cn_graph_node_kind(g, cn_graph_find(g, "u2")), CN_NODE_INSTITUTION));
    cr_assert(eq(sz, cn_graph_node_field_count(g, net), 2)); /* "ai,semiconductor" */
    /* net -> u1 lead, drawn from the network, turned around */
    cr_assert(eq(sz, cn_graph_network_lead(g, net), u1));
    cr_assert(eq(sz, cn_graph_count_edge_kind(g, CN_EDGE_MEMBERSHIP), 2));
    cr_assert(eq(sz, cn_graph_count_edge_kind(g, CN_EDGE_COLLABORATION), 1));
    cn_graph_edge(g, 2, &e);
    cr_assert(eq(dbl, e.weight, 3.0));
    /* an attribute named like a contract column is kept as x_NAME; "all" keys on both files */
    cr_assert(eq(str, (char *)cn_graph_node_attr_name(g, 0), "x_id"));
    cr_assert(eq(str, (char *)cn_graph_edge_attr_name(g, 0), "color"));
    cn_graph_destroy(g);
    cn_diag_list_destroy(d);
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    cr_assert(eq(int, system(cmd), 0));
}

Test(load_import, every_problem_with_its_graphml_line_and_nothing_written)
{
    char dir[96], out[160], cmd[128];
    cn_diag_list *d;

    cr_assert_not_null(mkdtemp(th_tmpl(dir, sizeof dir, "cn-import")));
    snprintf(out, sizeof out, "%s/ds", dir);
    cr_assert(eq(int, import("data/graphml/bad_kind.graphml", out, NULL, &d), CN_EDATA));
    cr_assert(eq(sz, cn_diag_list_count(d), 3));
    cr_assert(eq(str, (char *)th_diag(d, 0),
                 "data/graphml/bad_kind.graphml:8: <data> with an undeclared key 'zz'"));
    cr_assert(eq(str, (char *)th_diag(d, 1),
                 "data/graphml/bad_kind.graphml:6: node 'b': kind 'university' is not "
                 "institution, enterprise, expert or network"));
    cr_assert(eq(str, (char *)th_diag(d, 2),
                 "data/graphml/bad_kind.graphml:7: node 'c' has no 'kind' (give --default-kind)"));
    cn_diag_list_destroy(d);
    cr_assert(eq(int, import("data/graphml/broken.graphml", out, NULL, &d), CN_EDATA));
    cr_assert(eq(str, (char *)th_diag(d, 0),
                 "data/graphml/broken.graphml:6: not well-formed XML: Opening and ending tag "
                 "mismatch: node line 5 and graph"));
    cn_diag_list_destroy(d);
    cr_assert(eq(int, import("data/graphml/none.graphml", out, NULL, &d), CN_ENOENT));
    cn_diag_list_destroy(d);
    /* nothing left behind */
    snprintf(cmd, sizeof cmd, "test $(ls -A %s | wc -l) -eq 0", dir);
    cr_assert(eq(int, system(cmd), 0));
    /* an existing directory is never written into */
    cr_assert(eq(int, import("data/graphml/gephi.graphml", dir, NULL, &d), CN_ECREATE));
    cn_diag_list_destroy(d);
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    cr_assert(eq(int, system(cmd), 0));
}

/* Import @p file into a fresh directory and load the result; *d keeps the import's diagnostics.
 * Returns the import's status; on success *out is the loaded dataset. */
static int import_load(cn_graph **out, const char *file, const cn_import_options *o,
                       cn_diag_list **d)
{
    char dir[96], path[160], cmd[128];
    cn_diag_list *ld;
    int rc;

    *out = NULL;
    cr_assert_not_null(mkdtemp(th_tmpl(dir, sizeof dir, "cn-import")));
    snprintf(path, sizeof path, "%s/ds", dir);
    rc = import(file, path, o, d);
    if (rc == 0) {
        cr_assert(eq(int, cn_diag_list_create(&ld, 0), 0));
        cr_assert(eq(int, cn_load_dataset(out, path, NULL, ld), 0), "%s", th_diag(ld, 0));
        cn_diag_list_destroy(ld);
    } else {
        snprintf(cmd, sizeof cmd, "test $(ls -A %s | wc -l) -eq 0", dir);
        cr_assert(eq(int, system(cmd), 0), "a failed import left files behind");
    }
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    cr_assert(eq(int, system(cmd), 0));
    return rc;
}

/* Gephi writes Label, Id, Weight: a key named like a contract column in another case is that
 * column when no key has the exact name; the others become x_NAME as before */
Test(load_import, keys_named_like_columns_in_another_case)
{
    cn_diag_list *d;
    cn_graph *gr;
    cn_edge e;

    cr_assert(eq(int, import_load(&gr, "data/graphml/case_keys.graphml", NULL, &d), 0), "%s %s",
              cn_errmsg(), th_diag(d, 0));
    cr_assert(eq(sz, cn_diag_list_count(d), 0));
    size_t a = cn_graph_find(gr, "a"), b = cn_graph_find(gr, "b");
    cr_assert(eq(str, (char *)cn_graph_node_label(gr, a), "Alpha"));
    cr_assert(eq(int, (int)cn_graph_node_kind(gr, b), CN_NODE_ENTERPRISE));
    cr_assert(eq(str, (char *)cn_graph_node_region(gr, a), "North")); /* the exact name wins */
    cr_assert(eq(sz, cn_graph_node_attr_count(gr), 3));
    cr_assert(eq(str, (char *)cn_graph_node_attr_name(gr, 0), "x_Id"));
    cr_assert(eq(str, (char *)cn_graph_node_attr(gr, a, 0), "A"));
    cr_assert(eq(str, (char *)cn_graph_node_attr_name(gr, 1), "x_REGION"));
    cr_assert(eq(str, (char *)cn_graph_node_attr_name(gr, 2), "note")); /* attr.name="": the id */
    cr_assert(eq(str, (char *)cn_graph_node_attr(gr, a, 2), "n"));
    cn_graph_edge(gr, 0, &e);
    cr_assert(eq(dbl, e.weight, 2.5));
    cn_graph_destroy(gr);
    cn_diag_list_destroy(d);
}

Test(load_import, attribute_names_equal_but_for_case_are_refused_at_their_key)
{
    cn_diag_list *d;
    cn_graph *gr;

    cr_assert(eq(int, import_load(&gr, "data/graphml/case_clash.graphml", NULL, &d), CN_EDATA));
    cr_assert(eq(sz, cn_diag_list_count(d), 2));
    cr_assert(eq(str, (char *)th_diag(d, 0),
                 "data/graphml/case_clash.graphml:5: key 'c2' (node attribute 'color'): "
                 "nodes.csv already has this column, from key 'c1' on line 4 (column names "
                 "that differ only in case are the same)"));
    cr_assert(eq(str, (char *)th_diag(d, 1),
                 "data/graphml/case_clash.graphml:7: key 'w2' (edge attribute 'note'): "
                 "edges.csv already has this column, from key 'w1' on line 6 (column names "
                 "that differ only in case are the same)"));
    cn_diag_list_destroy(d);
}

Test(load_import, internal_entities_are_substituted)
{
    cn_diag_list *d;
    cn_graph *gr;

    cr_assert(eq(int, import_load(&gr, "data/graphml/entities.graphml", NULL, &d), 0), "%s %s",
              cn_errmsg(), th_diag(d, 0));
    size_t a = cn_graph_find(gr, "aINT"), b = cn_graph_find(gr, "b");
    cr_assert(ne(sz, a, CN_NONE));
    cr_assert(eq(str, (char *)cn_graph_node_label(gr, a), "xINTy"));
    cr_assert(eq(str, (char *)cn_graph_node_label(gr, b), "INT/INT&int;")); /* CDATA stays */
    cn_graph_destroy(gr);
    cn_diag_list_destroy(d);
}

/* XXE: an external entity would read secret.txt (or a URL) into the dataset */
Test(load_import, external_entities_are_refused_not_read)
{
    cn_diag_list *d;
    cn_graph *gr;

    cr_assert(eq(int, import_load(&gr, "data/graphml/external_entity.graphml", NULL, &d),
                 CN_EDATA));
    cr_assert(eq(sz, cn_diag_list_count(d), 1));
    cr_assert(eq(str, (char *)th_diag(d, 0),
                 "data/graphml/external_entity.graphml:9: entity 'ext' is external "
                 "('secret.txt'): collabnet does not read external entities"));
    cn_diag_list_destroy(d);
}

/* <data> after a nested <graph> belongs to the node around it; graph-level data is not kept,
 * and a non-empty one says so */
Test(load_import, data_after_a_nested_graph_and_graph_data)
{
    cn_diag_list *d;
    cn_graph *gr;

    cr_assert(eq(int, import_load(&gr, "data/graphml/nested.graphml", NULL, &d), 0), "%s %s",
              cn_errmsg(), th_diag(d, 0));
    cr_assert(eq(str, (char *)cn_graph_node_label(gr, cn_graph_find(gr, "net")), "The network"));
    cr_assert(eq(str, (char *)cn_graph_node_label(gr, cn_graph_find(gr, "u")), "Uni"));
    cr_assert(eq(sz, cn_graph_count_edge_kind(gr, CN_EDGE_MEMBERSHIP), 1));
    cr_assert(eq(sz, cn_diag_list_count(d), 1));
    cr_assert(eq(str, (char *)th_diag(d, 0),
                 "data/graphml/nested.graphml:8: warning: <data> of the <graph> (key 't', "
                 "'title') is not kept: a dataset has node and edge attributes only"));
    cn_graph_destroy(gr);
    cn_diag_list_destroy(d);
}

/* a key's <default> is the value of every element without a <data> for it */
Test(load_import, key_defaults_fill_elements_without_data)
{
    cn_diag_list *d;
    cn_graph *gr;
    cn_edge e;

    cr_assert(eq(int, import_load(&gr, "data/graphml/defaults.graphml", NULL, &d), 0), "%s %s",
              cn_errmsg(), th_diag(d, 0));
    size_t a = cn_graph_find(gr, "a"), b = cn_graph_find(gr, "b");
    cr_assert(eq(int, (int)cn_graph_node_kind(gr, a), CN_NODE_EXPERT));
    cr_assert(eq(int, (int)cn_graph_node_kind(gr, b), CN_NODE_INSTITUTION));
    cr_assert(eq(str, (char *)cn_graph_node_attr_name(gr, 0), "color"));
    cr_assert(eq(str, (char *)cn_graph_node_attr(gr, a, 0), "grey"));
    cr_assert(eq(str, (char *)cn_graph_node_attr(gr, b, 0), "red"));
    cn_graph_edge(gr, 0, &e);
    cr_assert(eq(dbl, e.weight, 2.0));
    cn_graph_edge(gr, 1, &e);
    cr_assert(eq(dbl, e.weight, 5.0));
    cn_graph_destroy(gr);
    cn_diag_list_destroy(d);
}

Test(load_import, root_must_be_graphml)
{
    cn_import_options o = CN_IMPORT_OPTIONS_INIT;
    cn_diag_list *d;
    cn_graph *gr;

    o.default_node_kind = CN_NODE_INSTITUTION;
    cr_assert(eq(int, import_load(&gr, "data/graphml/xhtml.graphml", &o, &d), CN_EDATA));
    cr_assert(eq(sz, cn_diag_list_count(d), 1));
    cr_assert(eq(str, (char *)th_diag(d, 0),
                 "data/graphml/xhtml.graphml:2: the root element is <html>, not <graphml>: not "
                 "a GraphML file"));
    cn_diag_list_destroy(d);
    cr_assert(eq(int, import_load(&gr, "data/graphml/foreign_ns.graphml", &o, &d), CN_EDATA));
    cr_assert(eq(sz, cn_diag_list_count(d), 1));
    cr_assert(eq(str, (char *)th_diag(d, 0),
                 "data/graphml/foreign_ns.graphml:2: <graphml> in the namespace "
                 "'http://example.com/not-graphml', not GraphML's "
                 "(http://graphml.graphdrawing.org/xmlns): not a GraphML file"));
    cn_diag_list_destroy(d);
}

/* Write a GraphML file of @p nkeys node keys (k0: a0, k1: a1, ...) and @p nnodes
 * nodes, each with a kind and one of the keys. Key k<i> is on line i + 4. */
static void write_many_keys(const char *path, size_t nkeys, size_t nnodes)
{
    FILE *fp = fopen(path, "w");
    cr_assert_not_null(fp);
    fprintf(fp, "<?xml version=\"1.0\"?>\n"
                "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n<key id=\"kind\" for=\"node\" attr.name=\"kind\"/>\n");
    for (size_t k = 0; k < nkeys; k++) {
        fprintf(fp, "<key id=\"k%zu\" for=\"node\" attr.name=\"a%zu\"/>\n", k, k);
    }
    fprintf(fp, "<graph>\n");
    for (size_t i = 0; i < nnodes; i++) {
        fprintf(fp, "<node id=\"n%zu\"><data key=\"kind\">expert</data><data key=\"k%zu\">v</data>"
                    "</node>\n", i, i % nkeys);
    }
    fprintf(fp, "</graph></graphml>\n");
    cr_assert(eq(int, fclose(fp), 0));
}

/* 100,000 keys and 2,000 nodes took 14 s (a keys x nodes table) before the loader refused the
 * converted file: now the key past the column limit ends the reading at its line */
Test(load_import, keys_past_the_column_limit_are_refused_while_reading, .timeout = 300)
{
    char dir[96], path[160], msg[256], cmd[128];
    cn_diag_list *d;
    cn_graph *gr;

    cr_assert_not_null(mkdtemp(th_tmpl(dir, sizeof dir, "cn-import")));
    snprintf(path, sizeof path, "%s/keys.graphml", dir);
    write_many_keys(path, 20000, 200);
    cr_assert(eq(int, import_load(&gr, path, NULL, &d), CN_EDATA));
    cr_assert(eq(sz, cn_diag_list_count(d), 1));
    snprintf(msg, sizeof msg, "%s:%d: more than 16384 node keys: a dataset has at most 16384 "
                              "columns", path, 16383 + 4); /* the 16,385th key */
    cr_assert(eq(str, (char *)th_diag(d, 0), msg));
    cn_diag_list_destroy(d);
    /* 16,379 extra columns and the 6 of the contract: one past the limit, at that key */
    write_many_keys(path, 16379, 10);
    cr_assert(eq(int, import_load(&gr, path, NULL, &d), CN_EDATA));
    cr_assert(eq(sz, cn_diag_list_count(d), 1));
    snprintf(msg, sizeof msg, "%s:%d: key 'k16378': nodes.csv would have more than 16384 "
                              "columns (at most 16384 are supported)", path, 16378 + 4);
    cr_assert(eq(str, (char *)th_diag(d, 0), msg));
    cn_diag_list_destroy(d);
    write_many_keys(path, 16378, 10); /* exactly 16,384 columns */
    cr_assert(eq(int, import_load(&gr, path, NULL, &d), 0), "%s", th_diag(d, 0));
    cr_assert(eq(sz, cn_graph_node_attr_count(gr), 16378));
    cn_graph_destroy(gr);
    cn_diag_list_destroy(d);
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    cr_assert(eq(int, system(cmd), 0));
}

/* entity text past the budget (the file's size plus 16 MiB) is refused, not expanded: 300
 * references to a 100 kB entity would make 30 MB from a file of 130 kB */
Test(load_import, entities_expand_within_a_budget)
{
    char dir[96], path[160], cmd[128];
    cn_diag_list *d;
    cn_graph *gr;
    FILE *fp;

    cr_assert_not_null(mkdtemp(th_tmpl(dir, sizeof dir, "cn-import")));
    snprintf(path, sizeof path, "%s/big.graphml", dir);
    cr_assert_not_null(fp = fopen(path, "w"));
    fprintf(fp, "<!DOCTYPE graphml [<!ENTITY big \"");
    for (int i = 0; i < 100000; i++) {
        fputc('x', fp);
    }
    fprintf(fp, "\">]>\n<graphml><key id=\"k\" for=\"node\" attr.name=\"kind\"/>"
                "<key id=\"l\" for=\"node\" attr.name=\"label\"/><graph>\n");
    for (int i = 0; i < 300; i++) {
        fprintf(fp, "<node id=\"n%d\"><data key=\"k\">expert</data><data key=\"l\">&big;</data>"
                    "</node>\n", i);
    }
    fprintf(fp, "</graph></graphml>\n");
    cr_assert(eq(int, fclose(fp), 0));
    cr_assert(eq(int, import_load(&gr, path, NULL, &d), CN_EDATA));
    cr_assert(eq(sz, cn_diag_list_count(d), 1));
    cr_assert(eq(int, strstr(th_diag(d, 0), ": entities expand to more text than collabnet reads "
                                            "(at most the file's size plus 16 MiB)") != NULL, 1),
              "%s", th_diag(d, 0));
    cn_diag_list_destroy(d);
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    cr_assert(eq(int, system(cmd), 0));
}

Test(load_import, export_then_import_gives_the_same_dataset)
{
    char dir[96], path[128], out[128], cmd[512];
    cn_diag_list *d;
    cn_graph *a, *b;
    cn_export_options eo = CN_EXPORT_OPTIONS_INIT;
    FILE *fp;

    cr_assert_not_null(mkdtemp(th_tmpl(dir, sizeof dir, "cn-import")));
    cr_assert(eq(int, cn_diag_list_create(&d, 0), 0));
    cr_assert(eq(int, cn_load_dataset(&a, "../data/vn-374", NULL, d), 0));
    snprintf(path, sizeof path, "%s/vn.graphml", dir);
    fp = fopen(path, "w");
    cr_assert(eq(int, cn_export(fp, a, &eo), 0));
    fclose(fp);
    cn_diag_list_destroy(d);
    snprintf(out, sizeof out, "%s/ds", dir);
    cr_assert(eq(int, import(path, out, NULL, &d), 0), "%s", th_diag(d, 0));
    cn_diag_list_destroy(d);
    cr_assert(eq(int, cn_diag_list_create(&d, 0), 0));
    cr_assert(eq(int, cn_load_dataset(&b, out, NULL, d), 0));
    cr_assert(eq(sz, cn_graph_node_count(b), cn_graph_node_count(a)));
    cr_assert(eq(sz, cn_graph_edge_count(b), cn_graph_edge_count(a)));
    for (size_t i = 0; i < cn_graph_node_count(a); i++) {
        size_t j = cn_graph_find(b, cn_graph_node_id(a, i));
        cr_assert(ne(sz, j, CN_NONE));
        cr_assert(eq(str, (char *)cn_graph_node_label(b, j), (char *)cn_graph_node_label(a, i)));
        cr_assert(eq(int, (int)cn_graph_node_kind(b, j), (int)cn_graph_node_kind(a, i)));
        cr_assert(eq(sz, cn_graph_node_field_count(b, j), cn_graph_node_field_count(a, i)));
    }
    for (size_t e = 0; e < cn_graph_edge_count(a); e++) {
        cn_edge x, y;
        char s1[16], s2[16];
        cn_graph_edge(a, e, &x);
        cn_graph_edge(b, e, &y);
        cr_assert(eq(int, (int)y.role, (int)x.role));
        cr_assert(eq(str, y.since.year ? cn_date_format(s1, y.since) : "",
                     x.since.year ? cn_date_format(s2, x.since) : ""));
        cr_assert(eq(str, (char *)y.ref, (char *)x.ref));
    }
    cn_graph_destroy(a);
    cn_graph_destroy(b);
    cn_diag_list_destroy(d);
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    cr_assert(eq(int, system(cmd), 0));
}

/* issue 19: files other tools write */

/* <data key="w">  2.0</data> is valid under the schema (xs:double collapses whitespace) and
 * igraph trims it: typed values and defaults are trimmed; strings are kept as they are */
Test(load_import, typed_values_are_trimmed)
{
    cn_diag_list *d;
    cn_graph *gr;
    cn_edge e;

    cr_assert(eq(int, import_load(&gr, "data/graphml/typed_space.graphml", NULL, &d), 0), "%s %s",
              cn_errmsg(), th_diag(d, 0));
    cn_graph_edge(gr, 0, &e);
    cr_assert(eq(dbl, e.weight, 2.0));
    cn_graph_edge(gr, 1, &e);
    cr_assert(eq(dbl, e.weight, 3.0)); /* the default " 3 " */
    cr_assert(eq(str, (char *)cn_graph_node_attr_name(gr, 0), "year"));
    cr_assert(eq(str, (char *)cn_graph_node_attr(gr, cn_graph_find(gr, "a"), 0), "2001"));
    cn_graph_destroy(gr);
    cn_diag_list_destroy(d);
}

/* what the contract's loader finds in the converted files is told at the GraphML element's
 * line, also after a value spanning two lines of the CSV */
Test(load_import, problems_after_conversion_at_their_graphml_line)
{
    cn_diag_list *d;
    cn_graph *gr;

    cr_assert(eq(int, import_load(&gr, "data/graphml/converted_problem.graphml", NULL, &d),
                 CN_EDATA));
    cr_assert(eq(sz, cn_diag_list_count(d), 2));
    cr_assert(eq(str, (char *)th_diag(d, 0),
                 "data/graphml/converted_problem.graphml:11: invalid weight '-1' (expected a "
                 "positive finite number)"));
    cr_assert(eq(str, (char *)th_diag(d, 1),
                 "data/graphml/converted_problem.graphml:13: invalid since date '2021-13' "
                 "(expected YYYY, YYYY-MM or YYYY-MM-DD)"));
    cr_assert(eq(str, (char *)cn_errmsg(), "'data/graphml/converted_problem.graphml' converts to "
                                           "a dataset that breaks the contract"));
    cn_diag_list_destroy(d);
}

/* one key id for="node" and again for="edge" (KEGG's hsa05010): both keep their values and
 * their <default> */
Test(load_import, key_id_shared_by_nodes_and_edges)
{
    cn_diag_list *d;
    cn_graph *gr;

    cr_assert(eq(int, import_load(&gr, "data/graphml/shared_key.graphml", NULL, &d), 0), "%s %s",
              cn_errmsg(), th_diag(d, 0));
    cr_assert(eq(sz, cn_diag_list_count(d), 0), "%s", th_diag(d, 0));
    size_t app = cn_graph_find(gr, "APP"), psen = cn_graph_find(gr, "PSEN1");
    cr_assert(eq(str, (char *)cn_graph_node_attr_name(gr, 0), "title"));
    cr_assert(eq(str, (char *)cn_graph_node_attr(gr, app, 0), "amyloid beta precursor protein"));
    cr_assert(eq(str, (char *)cn_graph_node_attr(gr, psen, 0), "gene"));
    cr_assert(eq(int, (int)cn_graph_node_kind(gr, app), CN_NODE_EXPERT));
    cr_assert(eq(int, (int)cn_graph_node_kind(gr, psen), CN_NODE_ENTERPRISE));
    cr_assert(eq(str, (char *)cn_graph_edge_attr_name(gr, 0), "title"));
    cr_assert(eq(str, (char *)cn_graph_edge_attr(gr, 0, 0), "binding"));
    cr_assert(eq(str, (char *)cn_graph_edge_attr(gr, 1, 0), "relation"));
    cn_graph_destroy(gr);
    cn_diag_list_destroy(d);
}

/* python-igraph 0.10 wrote these (tests/data/graphml/make_peers.py): nodes n0..., the real ids
 * in the attribute id (read from our own export) or name (igraph's vertex names) */
Test(load_import, igraph_ids_and_names)
{
    cn_diag_list *d;
    cn_graph *gr;
    cn_edge e;

    cr_assert(eq(int, import_load(&gr, "data/graphml/igraph_roundtrip.graphml", NULL, &d), 0),
              "%s %s", cn_errmsg(), th_diag(d, 0));
    cr_assert(eq(sz, cn_graph_node_count(gr), 5));
    size_t hust = cn_graph_find(gr, "hust"), vnnet = cn_graph_find(gr, "vnnet");
    cr_assert(ne(sz, hust, CN_NONE));
    cr_assert(eq(str, (char *)cn_graph_node_label(gr, hust),
                 "Hanoi University of Science and Technology"));
    cr_assert(eq(sz, cn_graph_node_attr_count(gr), 1)); /* website; no x_id */
    cr_assert(eq(str, (char *)cn_graph_node_attr_name(gr, 0), "website"));
    cr_assert(eq(sz, cn_graph_network_lead(gr, vnnet), hust));
    cn_graph_edge(gr, 0, &e);
    cr_assert(eq(sz, e.source, hust));
    cr_assert(eq(sz, e.target, vnnet));
    cn_graph_destroy(gr);
    cn_diag_list_destroy(d);

    cr_assert(eq(int, import_load(&gr, "data/graphml/igraph_names.graphml", NULL, &d), 0),
              "%s %s", cn_errmsg(), th_diag(d, 0));
    cr_assert(eq(sz, cn_graph_node_count(gr), 3));
    size_t viettel = cn_graph_find(gr, "viettel");
    cr_assert(ne(sz, viettel, CN_NONE));
    cr_assert(eq(str, (char *)cn_graph_node_label(gr, viettel), "viettel"));
    cr_assert(eq(sz, cn_graph_node_attr_count(gr), 0)); /* name is the id */
    cn_graph_edge(gr, 1, &e);
    cr_assert(eq(sz, e.target, viettel));
    cr_assert(eq(dbl, e.weight, 2.5));
    cn_graph_destroy(gr);
    cn_diag_list_destroy(d);
}

/* TinkerPop's modern graph: person and software mapped, knows and created too; robot is no
 * kind and takes --default-kind, which a warning counts */
Test(load_import, kind_map_and_default_for_unrecognised_values)
{
    static const char *const map[] = { "person", "expert", "software", "institution",
                                       "knows", "collaboration", "created", "collaboration", NULL };
    cn_import_options o = CN_IMPORT_OPTIONS_INIT;
    cn_diag_list *d;
    cn_graph *gr;

    o.node_kind = "labelV";
    o.edge_kind = "labelE";
    o.label = "name";
    o.kind_map = map;
    /* without a default, robot is a problem at its line */
    cr_assert(eq(int, import_load(&gr, "data/graphml/tinkerpop.graphml", &o, &d), CN_EDATA));
    cr_assert(eq(sz, cn_diag_list_count(d), 1));
    cr_assert(eq(str, (char *)th_diag(d, 0),
                 "data/graphml/tinkerpop.graphml:17: node '7': kind 'robot' is not institution, "
                 "enterprise, expert or network"));
    cn_diag_list_destroy(d);
    o.default_node_kind = CN_NODE_ENTERPRISE;
    cr_assert(eq(int, import_load(&gr, "data/graphml/tinkerpop.graphml", &o, &d), 0), "%s %s",
              cn_errmsg(), th_diag(d, 0));
    cr_assert(eq(sz, cn_diag_list_count(d), 1));
    cr_assert(eq(str, (char *)th_diag(d, 0),
                 "data/graphml/tinkerpop.graphml:0: warning: 1 of 7 nodes took the default kind "
                 "'enterprise': 0 without a kind, 1 whose kind is none of the contract's (e.g. "
                 "'robot'; --kind-map VALUE=KIND maps such values)"));
    cr_assert(eq(int, (int)cn_graph_node_kind(gr, cn_graph_find(gr, "1")), CN_NODE_EXPERT));
    cr_assert(eq(int, (int)cn_graph_node_kind(gr, cn_graph_find(gr, "6")), CN_NODE_EXPERT));
    cr_assert(eq(int, (int)cn_graph_node_kind(gr, cn_graph_find(gr, "3")), CN_NODE_INSTITUTION));
    cr_assert(eq(int, (int)cn_graph_node_kind(gr, cn_graph_find(gr, "7")), CN_NODE_ENTERPRISE));
    cr_assert(eq(str, (char *)cn_graph_node_label(gr, cn_graph_find(gr, "1")), "marko"));
    cr_assert(eq(sz, cn_graph_count_edge_kind(gr, CN_EDGE_COLLABORATION), 6));
    cn_graph_destroy(gr);
    cn_diag_list_destroy(d);
}

/* Gephi 0.9/0.10's Data Laboratory tables (tests/data/gephi_export, a kind column added to the
 * nodes): Type (kept), Kind '8' (Gephi's edge kind: kept as gephi_kind, the edge is a
 * collaboration, one note), Interval <[2019.0, 2023.0]> as since and until */
Test(load_dataset, gephi_export_tables)
{
    cn_diag_list *d;
    cn_graph *g;
    cn_edge e;

    cr_assert(eq(int, cn_diag_list_create(&d, 0), 0));
    cr_assert(eq(int, cn_load_dataset(&g, "data/gephi_export", NULL, d), 0), "%s",
              th_diag(d, 0));
    cr_assert(eq(sz, cn_diag_list_count(d), 1));
    cr_assert(eq(str, (char *)th_diag(d, 0),
                 "data/gephi_export/edges.csv:2: note: Kind '8' is Gephi's edge kind, not "
                 "membership or collaboration: kept as the attribute gephi_kind, and such "
                 "edges are collaboration"));
    cr_assert(eq(sz, cn_graph_count_edge_kind(g, CN_EDGE_COLLABORATION), 2));
    cr_assert(eq(sz, cn_graph_count_edge_kind(g, CN_EDGE_MEMBERSHIP), 1));
    cn_graph_edge(g, 0, &e);
    cr_assert(eq(int, e.since.year, 2019));
    cr_assert(eq(int, e.since.month, 0));
    cr_assert(eq(int, e.until.year, 2023));
    cr_assert(eq(dbl, e.weight, 2.0));
    cn_graph_edge(g, 1, &e);
    cr_assert(eq(int, e.since.year, 2021));
    cr_assert(eq(int, e.since.month, 3));
    cr_assert(eq(int, e.until.year, 0)); /* Infinity: open */
    size_t nattr = cn_graph_edge_attr_count(g);
    cr_assert(eq(sz, nattr, 5)); /* Type, Id, Label, Interval, gephi_kind */
    cr_assert(eq(str, (char *)cn_graph_edge_attr_name(g, 0), "Type"));
    cr_assert(eq(str, (char *)cn_graph_edge_attr(g, 0, 0), "Undirected"));
    cr_assert(eq(str, (char *)cn_graph_edge_attr_name(g, nattr - 1), "gephi_kind"));
    cr_assert(eq(str, (char *)cn_graph_edge_attr(g, 0, nattr - 1), "8"));
    cr_assert(eq(str, (char *)cn_graph_edge_attr(g, 2, nattr - 1), "membership"));
    cn_graph_destroy(g);
    cn_diag_list_destroy(d);
}

/* our export of data/valid, read and written back by python-igraph and by NetworkX
 * (make_peers.py), imports as data/valid: ids, labels, kinds, edges with their ends */
Test(load_import, peers_roundtrip_gives_back_the_dataset)
{
    static const char *const files[] = { "data/graphml/igraph_roundtrip.graphml",
                                         "data/graphml/networkx_roundtrip.graphml" };
    cn_graph *want;

    cr_assert(eq(int, cn_load_dataset(&want, "data/valid", NULL, NULL), 0));
    for (size_t f = 0; f < 2; f++) {
        cn_diag_list *d;
        cn_graph *gr;
        cr_assert(eq(int, import_load(&gr, files[f], NULL, &d), 0), "%s %s", files[f],
                  th_diag(d, 0));
        cr_assert(eq(sz, cn_graph_node_count(gr), cn_graph_node_count(want)), "%s", files[f]);
        cr_assert(eq(sz, cn_graph_edge_count(gr), cn_graph_edge_count(want)), "%s", files[f]);
        for (size_t i = 0; i < cn_graph_node_count(want); i++) {
            const char *id = cn_graph_node_id(want, i);
            size_t j = cn_graph_find(gr, id);
            cr_assert(ne(sz, j, CN_NONE), "%s: %s", files[f], id);
            cr_assert(eq(str, (char *)cn_graph_node_label(gr, j),
                         (char *)cn_graph_node_label(want, i)), "%s: %s", files[f], id);
            cr_assert(eq(int, (int)cn_graph_node_kind(gr, j), (int)cn_graph_node_kind(want, i)));
        }
        for (size_t e = 0; e < cn_graph_edge_count(want); e++) {
            cn_edge a, b;
            cn_graph_edge(want, e, &a);
            size_t k;
            for (k = 0; k < cn_graph_edge_count(gr); k++) { /* NetworkX groups edges by node */
                cn_graph_edge(gr, k, &b);
                if (strcmp(cn_graph_node_id(gr, b.source), cn_graph_node_id(want, a.source)) == 0
                    && strcmp(cn_graph_node_id(gr, b.target), cn_graph_node_id(want, a.target))
                           == 0) {
                    break;
                }
            }
            cr_assert(lt(sz, k, cn_graph_edge_count(gr)), "%s: edge %zu", files[f], e);
            cr_assert(eq(int, (int)b.kind, (int)a.kind));
            cr_assert(eq(dbl, b.weight, a.weight));
        }
        cn_graph_destroy(gr);
        cn_diag_list_destroy(d);
    }
    cn_graph_destroy(want);
}

/* ---- edges.csv read on a thread of its own (read_edges_piped), in batches of 4096 records ----
 * A dataset on disk is loaded both from its files and from the same bytes in memory (the
 * buffers are read on one thread, as before): the diagnostics must be the same, in the same
 * order, with the same cap, and so must the rows kept. */

/* Write nodes.csv and edges.csv into a new directory (@p dir, 96 bytes). */
static void write_pair(char *dir, const char *nodes, const char *edges, size_t edges_len)
{
    char path[128];
    FILE *fp;

    cr_assert_not_null(mkdtemp(th_tmpl(dir, 96, "cn-test-piped")));
    snprintf(path, sizeof path, "%s/nodes.csv", dir);
    cr_assert_not_null(fp = fopen(path, "wb"));
    fputs(nodes, fp);
    cr_assert(eq(int, fclose(fp), 0));
    snprintf(path, sizeof path, "%s/edges.csv", dir);
    cr_assert_not_null(fp = fopen(path, "wb"));
    cr_assert(eq(sz, fwrite(edges, 1, edges_len, fp), edges_len));
    cr_assert(eq(int, fclose(fp), 0));
}

/* Load @p dir's files and the same bytes from memory; assert the same outcome; return the
 * status of the load from files, whose diagnostics stay in `diags` (and graph in `g`). */
static int load_both_ways(const char *dir, const char *nodes, const char *edges,
                          size_t edges_len, size_t max_errors)
{
    cn_load_options o = CN_LOAD_OPTIONS_INIT;
    cn_diag_list *mem_diags;
    cn_graph *mem_g = NULL;
    char np[128], ep[128];
    int rc, mem_rc;

    o.max_errors = max_errors;
    snprintf(np, sizeof np, "%s/nodes.csv", dir);
    snprintf(ep, sizeof ep, "%s/edges.csv", dir);
    cr_assert(eq(int, cn_diag_list_create(&diags, 1000), 0));
    cr_assert(eq(int, cn_diag_list_create(&mem_diags, 1000), 0));
    rc = cn_load_dataset(&g, dir, &o, diags);
    mem_rc = cn_load_buffers(&mem_g, nodes, strlen(nodes), np, edges, edges_len, ep, &o,
                             mem_diags);
    cr_assert(eq(int, rc, mem_rc));
    cr_assert(eq(sz, cn_diag_list_total(diags), cn_diag_list_total(mem_diags)));
    for (size_t k = 0; k < cn_diag_list_count(diags); k++) {
        char a[2048];
        snprintf(a, sizeof a, "%s", th_diag(diags, k));
        cr_assert(eq(str, a, (char *)th_diag(mem_diags, k)), "diagnostic %zu", k);
    }
    cr_assert(eq(sz, cn_graph_edge_count(g), cn_graph_edge_count(mem_g)));
    for (size_t e = 0; e < cn_graph_edge_count(g); e++) {
        cn_edge a, b;
        cn_graph_edge(g, e, &a);
        cn_graph_edge(mem_g, e, &b);
        cr_assert(eq(sz, a.line, b.line));
        cr_assert(eq(sz, a.source, b.source));
        cr_assert(eq(sz, a.target, b.target));
    }
    cn_graph_destroy(mem_g);
    cn_diag_list_destroy(mem_diags);
    return rc;
}

#define PIPED_NODES "id,kind\na,expert\nb,expert\nnet,network\n"

/* Rows a,b; row r (0-based, on line r + 2) replaced by @p bad(r) when it returns a string. */
static char *piped_edges(size_t rows, const char *head, const char *eol,
                         const char *(*bad)(size_t r), size_t *len)
{
    cni_buf b = { 0 };

    cni_buf_puts(&b, head);
    for (size_t r = 0; r < rows; r++) {
        const char *s = bad ? bad(r) : NULL;
        cni_buf_puts(&b, s ? s : "a,b,collaboration,1");
        cni_buf_puts(&b, eol);
    }
    cr_assert(not(b.failed));
    *len = b.len;
    return b.s;
}

/* problems of form (the CSV reader's) and of content (the checks') on both sides of batch
 * boundaries (records 4096, 8192), in file order */
static const char *mixed_problems(size_t r)
{
    switch (r) {
    case 10: return "a,zz,collaboration,1";           /* unknown target, first batch */
    case 4094: return "a,b,collab\"oration,1";        /* bad quoting, last of the first batch */
    case 4095: return "a,b,collaboration,-1";         /* bad weight, first of the second */
    case 4096: return "a,b,collaboration,\xff";       /* invalid UTF-8 */
    case 5000: return "a,b,\"multi\nline\",1";        /* a record over two lines */
    case 8190: return "a,yy,collaboration,1";         /* unknown id in the second half */
    case 8191: return "a,b,membership,1";             /* not a network */
    case 9000: return "\"a\"x,b,collaboration,1";     /* bad quoting again */
    default: return NULL;
    }
}

Test(load_piped, problems_across_batches_in_file_order, .fini = fini)
{
    char dir[96];
    size_t len;
    char *edges = piped_edges(10000, "source,target,kind,weight\n", "\n", mixed_problems, &len);

    write_pair(dir, PIPED_NODES, edges, len);
    cr_assert(eq(int, load_both_ways(dir, PIPED_NODES, edges, len, 100), CN_EDATA));
    cr_assert(eq(sz, cn_diag_list_total(diags), 8));
    cr_assert(eq(sz, cn_diag_list_at(diags, 0)->line, 12));
    cr_assert(eq(sz, cn_diag_list_at(diags, 1)->line, 4096));
    cr_assert(eq(str, (char *)cn_diag_list_at(diags, 1)->message, BAD_QUOTING));
    cr_assert(eq(sz, cn_diag_list_at(diags, 2)->line, 4097));
    cr_assert(eq(sz, cn_diag_list_at(diags, 3)->line, 4098));
    cr_assert(eq(sz, cn_diag_list_at(diags, 4)->line, 5002)); /* unknown kind "multi\nline" */
    /* the row over two lines moved every later line by one */
    cr_assert(eq(sz, cn_diag_list_at(diags, 5)->line, 8193));
    cr_assert(eq(int, strncmp(cn_diag_list_at(diags, 5)->message, "unknown target 'yy'", 19), 0));
    cr_assert(eq(sz, cn_diag_list_at(diags, 6)->line, 8194));
    cr_assert(eq(sz, cn_diag_list_at(diags, 7)->line, 9003));
    cn_diag_list_destroy(diags);
    diags = NULL;
    free(edges);
    remove_dataset(dir);
}

/* the cap (max_errors) keeps the first problems in file order, whichever thread found them */
Test(load_piped, first_problems_kept_across_batches, .fini = fini)
{
    static const size_t caps[] = { 1, 2, 3, 4, 6 };
    static const size_t last_line[] = { 12, 4096, 4097, 4098, 5002, 8193 };
    char dir[96];
    size_t len;
    char *edges = piped_edges(10000, "source,target,kind,weight\n", "\n", mixed_problems, &len);

    write_pair(dir, PIPED_NODES, edges, len);
    for (size_t k = 0; k < sizeof caps / sizeof caps[0]; k++) {
        cr_assert(eq(int, load_both_ways(dir, PIPED_NODES, edges, len, caps[k]), CN_EDATA));
        /* a problem of form found before the row that gives up is kept too, as before */
        cr_assert(ge(sz, cn_diag_list_total(diags), caps[k]));
        cr_assert(le(sz, cn_diag_list_total(diags), caps[k] + 1));
        cr_assert(eq(sz, cn_diag_list_at(diags, caps[k] - 1)->line, last_line[caps[k] - 1]));
        cn_diag_list_destroy(diags);
        diags = NULL;
    }
    free(edges);
    remove_dataset(dir);
}

/* a record whose quoted field spans lines at a batch's end; CRLF line ends and a BOM */
static const char *quoted_at_batch_end(size_t r)
{
    return r == 4094 ? "a,b,collaboration,1,\"two\r\nlines\"" : NULL;
}

Test(load_piped, quoted_newline_crlf_and_bom, .fini = fini)
{
    char dir[96], *edges;
    size_t len;
    cn_edge ed;
    cni_buf b = { 0 };

    cni_buf_puts(&b, "\xEF\xBB\xBFsource,target,kind,weight,ref\r\n");
    for (size_t r = 0; r < 9000; r++) {
        const char *s = quoted_at_batch_end(r);
        cni_buf_puts(&b, s ? s : "a,b,collaboration,1,x");
        cni_buf_puts(&b, "\r\n");
    }
    cr_assert(not(b.failed));
    edges = b.s;
    len = b.len;
    write_pair(dir, PIPED_NODES, edges, len);
    cr_assert(eq(int, load_both_ways(dir, PIPED_NODES, edges, len, 100), 0));
    cr_assert(eq(sz, cn_graph_edge_count(g), 9000));
    cn_graph_edge(g, 4094, &ed);
    cr_assert(eq(sz, ed.line, 4096));
    cr_assert(eq(str, (char *)ed.ref, "two\r\nlines"));
    cn_graph_edge(g, 4095, &ed);
    cr_assert(eq(sz, ed.line, 4098)); /* one line further */
    cn_graph_edge(g, 8999, &ed);
    cr_assert(eq(sz, ed.line, 9002));
    cr_assert(eq(str, (char *)ed.ref, "x"));
    free(edges);
    remove_dataset(dir);
}

/* files smaller than a batch, an empty edges.csv and one with only a header */
Test(load_piped, small_and_empty_files, .fini = fini)
{
    static const char *const files[] = { "", "source,target,kind\n",
                                         "source,target,kind\na,b,collaboration\n",
                                         "source,target,kind\na,b,collaboration\na,\"b", "\n\n" };
    static const int status[] = { CN_EDATA, 0, 0, CN_EDATA, CN_EDATA };

    for (size_t k = 0; k < sizeof files / sizeof files[0]; k++) {
        char dir[96];
        write_pair(dir, PIPED_NODES, files[k], strlen(files[k]));
        cr_assert(eq(int, load_both_ways(dir, PIPED_NODES, files[k], strlen(files[k]), 100),
                     status[k]), "file %zu", k);
        cn_graph_destroy(g);
        g = NULL;
        cn_diag_list_destroy(diags);
        diags = NULL;
        remove_dataset(dir);
    }
}

/* the checks hash the source and target rows ahead (columns in any order and case) and look
 * them up by that hash: ids longer than a table slot keeps, unknown ids, a ragged row */
static const char *hashed_rows(size_t r)
{
    switch (r) {
    case 3: return "collaboration,b,1,a";
    case 5: return "collaboration,long-identifier-3,1,a";     /* unknown target */
    case 7: return "collaboration,b";                          /* ragged */
    case 11: return "membership,net,1,long-identifier-1";
    case 13: return "collaboration,b,1,long-identifier-";     /* unknown source, a prefix */
    default: return "collaboration,long-identifier-2,1,long-identifier-1";
    }
}

static const char *good_hashed_rows(size_t r)
{
    return hashed_rows(r == 5 || r == 7 || r == 13 ? 0 : r);
}

Test(load_piped, endpoints_found_by_hashes_taken_ahead, .fini = fini)
{
    static const char nodes[] = "id,kind\na,expert\nb,expert\nnet,network\n"
                                "long-identifier-1,expert\nlong-identifier-2,expert\n";
    char dir[96];
    size_t len;
    char *edges = piped_edges(30, "kind,TARGET,weight,Source\n", "\n", hashed_rows, &len);
    cn_edge ed;

    write_pair(dir, nodes, edges, len);
    cr_assert(eq(int, load_both_ways(dir, nodes, edges, len, 100), CN_EDATA));
    cr_assert(eq(sz, cn_diag_list_total(diags), 3));
    cr_assert(eq(sz, cn_diag_list_at(diags, 0)->line, 7));
    cr_assert(eq(int, strncmp(cn_diag_list_at(diags, 0)->message,
                              "unknown target 'long-identifier-3' (not in ", 43), 0));
    cr_assert(eq(sz, cn_diag_list_at(diags, 1)->line, 9));
    cr_assert(eq(str, (char *)cn_diag_list_at(diags, 1)->message,
                 "2 fields, expected 4 as in the header"));
    cr_assert(eq(sz, cn_diag_list_at(diags, 2)->line, 15));
    cr_assert(eq(int, strncmp(cn_diag_list_at(diags, 2)->message,
                              "unknown source 'long-identifier-' (not in ", 42), 0));
    cn_diag_list_destroy(diags);
    diags = NULL;
    free(edges);
    remove_dataset(dir);
    /* without the bad rows the graph is made, each row between the nodes it names */
    edges = piped_edges(30, "kind,TARGET,weight,Source\n", "\n", good_hashed_rows, &len);
    write_pair(dir, nodes, edges, len);
    cr_assert(eq(int, load_both_ways(dir, nodes, edges, len, 100), 0));
    cr_assert(eq(sz, cn_graph_edge_count(g), 30));
    cn_graph_edge(g, 3, &ed);
    cr_assert(eq(str, (char *)cn_graph_node_id(g, ed.source), "a"));
    cr_assert(eq(str, (char *)cn_graph_node_id(g, ed.target), "b"));
    cn_graph_edge(g, 11, &ed);
    cr_assert(eq(str, (char *)cn_graph_node_id(g, ed.source), "long-identifier-1"));
    cr_assert(eq(str, (char *)cn_graph_node_id(g, ed.target), "net"));
    cr_assert(eq(int, (int)ed.kind, CN_EDGE_MEMBERSHIP));
    cn_graph_edge(g, 29, &ed);
    cr_assert(eq(str, (char *)cn_graph_node_id(g, ed.source), "long-identifier-1"));
    cr_assert(eq(str, (char *)cn_graph_node_id(g, ed.target), "long-identifier-2"));
    free(edges);
    remove_dataset(dir);
}

/* the reader checks fields eight bytes at a time: a bad byte at any offset of a long field,
 * in the words or in the tail, is still found and named by its offset */
Test(load_csv, bad_byte_found_at_every_offset_of_a_long_field, .fini = fini)
{
    for (size_t at = 0; at < 20; at++) {
        static const char *const bad[] = { "\xff", "", "\xc3\xa9" }; /* 0xFF, NUL, valid é */
        for (size_t k = 0; k < 3; k++) {
            char nodes[128], expect[96];
            size_t len;
            memcpy(nodes, "id,kind,x\na,expert,", 19);
            len = 19;
            memset(nodes + len, 'y', 21);
            memcpy(nodes + len + at, bad[k], k == 1 ? 1 : strlen(bad[k]));
            len += 21;
            nodes[len++] = '\n';
            cr_assert(eq(int, cn_diag_list_create(&diags, 0), 0));
            int rc = cn_load_buffers(&g, nodes, len, "nodes.csv", "source,target,kind\n", 19,
                                     "edges.csv", NULL, diags);
            if (k == 2) {
                cr_assert(eq(int, rc, 0), "offset %zu", at);
                memcpy(expect, nodes + 19, 21);
                expect[21] = '\0';
                cr_assert(eq(str, (char *)cn_graph_node_attr(g, 0, 0), expect));
                cr_assert(eq(sz, strlen(expect), 21));
            } else {
                cr_assert(eq(int, rc, CN_EDATA), "offset %zu", at);
                if (k == 0) {
                    snprintf(expect, sizeof expect, "invalid UTF-8 in field 3 (byte 0xff at "
                                                    "offset %zu)", at + 1);
                } else {
                    snprintf(expect, sizeof expect, "NUL byte in field 3");
                }
                cr_assert(eq(str, (char *)cn_diag_list_at(diags, 0)->message, expect));
            }
            fini();
        }
    }
}

/* where the checks stop (a bad header, the cap) one thread still parses the rest of that line
 * and reports its malformed quoting, but not the problems of the records it held before */
Test(load_piped, quoting_on_the_line_where_reading_stopped, .fini = fini)
{
    static const char *const files[] = {
        "source,target\r\"x\"y,b\na,b\n",
        "source,target,kind\na,zz,collaboration\na,b,collaboration\r\xff,b,collaboration\r\"x\"y\n"
        "\"a\"b\n",
        "source,target,kind\na,zz,collaboration\na,b,collaboration\n\"x\"y\n",
    };
    static const size_t lines[][2] = { { 1, 1 }, { 2, 3 }, { 2, 0 } };

    for (size_t k = 0; k < sizeof files / sizeof files[0]; k++) {
        char dir[96];
        write_pair(dir, PIPED_NODES, files[k], strlen(files[k]));
        cr_assert(eq(int, load_both_ways(dir, PIPED_NODES, files[k], strlen(files[k]), 1),
                     CN_EDATA), "file %zu", k);
        cr_assert(eq(sz, cn_diag_list_total(diags), lines[k][1] ? 2 : 1), "file %zu", k);
        cr_assert(eq(sz, cn_diag_list_at(diags, 0)->line, lines[k][0]));
        if (lines[k][1]) {
            cr_assert(eq(sz, cn_diag_list_at(diags, 1)->line, lines[k][1]));
            cr_assert(eq(str, (char *)cn_diag_list_at(diags, 1)->message, BAD_QUOTING));
        }
        cn_graph_destroy(g);
        g = NULL;
        cn_diag_list_destroy(diags);
        diags = NULL;
        remove_dataset(dir);
    }
}

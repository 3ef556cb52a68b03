/* The model's value types: dates, names of enumerations, the string pool. */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <stdio.h>
#include <string.h>

#include <collabnet/collabnet.h>

#include "util/util.h"

Test(model_date, parses_each_precision)
{
    cn_date d;
    char buf[11];

    cr_assert(eq(int, cn_date_parse(&d, "2025"), 0));
    cr_assert(eq(int, d.year, 2025));
    cr_assert(eq(int, d.month, 0));
    cr_assert(eq(str, cn_date_format(buf, d), "2025"));
    cr_assert(eq(int, cn_date_parse(&d, "2025-08"), 0));
    cr_assert(eq(int, d.month, 8));
    cr_assert(eq(str, cn_date_format(buf, d), "2025-08"));
    cr_assert(eq(int, cn_date_parse(&d, "2024-02-29"), 0));
    cr_assert(eq(int, d.day, 29));
    cr_assert(eq(str, cn_date_format(buf, d), "2024-02-29"));
    cr_assert(eq(int, cn_date_parse(&d, ""), 0));
    cr_assert(eq(int, d.year, 0));
    cr_assert(eq(str, cn_date_format(buf, d), ""));
}

Test(model_date, rejects_malformed_dates)
{
    const char *bad[] = { "25", "2025-1", "2025-13", "2025-00", "2023-02-29", "2025-04-31",
                          "2025/01/01", "0000", "2025-01-01T00", "abcd", " 2025", "1900-02-29" };
    cn_date d;

    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        cr_expect(eq(int, cn_date_parse(&d, bad[i]), CN_EINVAL), "'%s' was accepted", bad[i]);
        cr_expect(eq(int, d.year, 0));
    }
}

Test(model_date, before_compares_whole_periods)
{
    cn_date y2024, y2025, m202508, d20250801, none = { 0, 0, 0 };

    cn_date_parse(&y2024, "2024");
    cn_date_parse(&y2025, "2025");
    cn_date_parse(&m202508, "2025-08");
    cn_date_parse(&d20250801, "2025-08-01");
    cr_assert(cn_date_before(y2024, y2025));
    cr_assert(not(cn_date_before(y2025, m202508)));     /* 2025 overlaps 2025-08 */
    cr_assert(not(cn_date_before(m202508, d20250801))); /* the month contains the day */
    cr_assert(cn_date_before(y2024, d20250801));
    cr_assert(not(cn_date_before(d20250801, y2024)));
    cr_assert(cn_date_before(y2024, m202508));
    cr_assert(not(cn_date_before(none, y2024)));        /* an absent date is never before */
    cr_assert(not(cn_date_before(y2024, none)));
}

Test(model_names, enumerations_round_trip)
{
    cr_assert(eq(str, (char *)cn_node_kind_name(CN_NODE_EXPERT), "expert"));
    cr_assert(eq(str, (char *)cn_edge_kind_name(CN_EDGE_COLLABORATION), "collaboration"));
    cr_assert(eq(str, (char *)cn_role_name(CN_ROLE_PARTNER), "partner"));
    cr_assert_null(cn_node_kind_name(CN_NODE_KIND_COUNT));
    cr_assert_null(cn_role_name((cn_role)9));
    cr_assert(eq(str, (char *)cn_strerror(CN_EDATA), "the data break the dataset contract"));
    cr_assert(eq(str, (char *)cn_strerror(12345), "unknown status"));
}

Test(model_strpool, interns_equal_strings_once)
{
    cni_strpool *p;
    uint32_t a, b, c, e;
    char key[32];

    cr_assert(eq(int, cni_strpool_create(&p), 0));
    cr_assert(eq(int, cni_strpool_intern(&a, p, "Hà Nội", strlen("Hà Nội")), 0));
    cr_assert(eq(int, cni_strpool_intern(&b, p, "Huế", strlen("Huế")), 0));
    cr_assert(eq(int, cni_strpool_intern(&c, p, "Hà Nội", strlen("Hà Nội")), 0));
    cr_assert(eq(int, cni_strpool_intern(&e, p, "", 0), 0));
    cr_assert(eq(u32, a, c));
    cr_assert(ne(u32, a, b));
    cr_assert(eq(u32, e, 0));
    cr_assert(eq(str, (char *)cni_strpool_get(p, b), "Huế"));
    /* enough strings to force several rehashes; all stay findable */
    for (int i = 0; i < 5000; i++) {
        uint32_t id;
        int n = snprintf(key, sizeof key, "k%d", i);
        cr_assert(eq(int, cni_strpool_intern(&id, p, key, (size_t)n), 0));
    }
    cr_assert(eq(sz, cni_strpool_count(p), 5003));
    cr_assert(eq(u32, cni_strpool_find(p, "k4999", 5), 5002));
    cr_assert(eq(u32, cni_strpool_find(p, "absent", 6), UINT32_MAX));
    cni_strpool_destroy(p);
}

/* A slot holds a string's first 8 bytes and its length up to 255: strings that share those
 * (a prefix, a trailing NUL, lengths past 255) must still be told apart. */
Test(model_strpool, tells_apart_strings_sharing_the_slot_head)
{
    static const size_t lens[] = { 0, 1, 7, 8, 9, 16, 254, 255, 256, 300 };
    enum { NL = sizeof lens / sizeof lens[0] };
    char s[301];
    uint32_t ids[NL], nul, again;
    cni_strpool *p;

    memset(s, 'x', sizeof s);
    cr_assert(eq(int, cni_strpool_create(&p), 0));
    for (size_t k = 0; k < NL; k++) {
        cr_assert(eq(int, cni_strpool_intern(&ids[k], p, s, lens[k]), 0));
        for (size_t j = 0; j < k; j++) {
            cr_assert(ne(u32, ids[j], ids[k]), "lengths %zu and %zu share an id", lens[j],
                      lens[k]);
        }
    }
    for (size_t k = 0; k < NL; k++) {
        cr_assert(eq(u32, cni_strpool_find(p, s, lens[k]), ids[k]), "length %zu", lens[k]);
    }
    /* the same length past 255 and the same first 8 bytes, one byte different at the end */
    s[299] = 'y';
    cr_assert(eq(u32, cni_strpool_find(p, s, 300), UINT32_MAX));
    s[299] = 'x';
    /* "xxxxxxx" and "xxxxxxx\0": the head is zero-padded, the length tells them apart */
    s[7] = '\0';
    cr_assert(eq(int, cni_strpool_intern(&nul, p, s, 8), 0));
    cr_assert(ne(u32, nul, ids[2]));
    cr_assert(ne(u32, nul, ids[3]));
    cr_assert(eq(int, cni_strpool_intern(&again, p, s, 8), 0));
    cr_assert(eq(u32, again, nul));
    cr_assert(eq(u32, cni_strpool_find(p, "xxxxxxx", 7), ids[2]));
    cr_assert(eq(u32, cni_strpool_find(p, "xxxxxxxx", 8), ids[3]));
    cni_strpool_destroy(p);
}

Test(model_strpool, keeps_values_through_rehashes)
{
    cni_strpool *p;
    uint32_t id, label;
    uint64_t v;
    char key[32];
    static char big[(1 << 20) + 10]; /* longer than a string block */

    cr_assert(eq(int, cni_strpool_create(&p), 0));
    /* a plain intern before the value is set, as a label interned before the node id */
    cr_assert(eq(int, cni_strpool_intern(&label, p, "n7", 2), 0));
    for (uint32_t i = 0; i < 20000; i++) {
        int n = snprintf(key, sizeof key, "n%u", i);
        v = i + 1;
        cr_assert(eq(int, cni_strpool_intern_value(&id, p, key, (size_t)n, &v), 0));
        if (i == 7) {
            cr_assert(eq(u32, id, label));
        }
    }
    /* prefixes and strings that differ in length only are different keys */
    cr_assert(eq(int, cni_strpool_intern(&id, p, "n1", 1), 0));
    cr_assert(eq(str, (char *)cni_strpool_get(p, id), "n"));
    cr_assert(eq(u64, cni_strpool_find_value(p, "n", 1), 0));
    cr_assert(eq(int, cni_strpool_intern(&id, p, "n1\0x", 4), 0));
    cr_assert(eq(u64, cni_strpool_find_value(p, "n1\0x", 4), 0));
    for (uint32_t i = 0; i < 20000; i += 997) {
        int n = snprintf(key, sizeof key, "n%u", i);
        cr_assert(eq(u64, cni_strpool_find_value(p, key, (size_t)n), i + 1), "%s", key);
    }
    cr_assert(eq(u64, cni_strpool_find_value(p, "n20000", 6), 0));
    /* stored, not interned: a new id each time, readable, never found */
    {
        uint32_t s1, s2;
        cr_assert(eq(int, cni_strpool_add(&s1, p, "label only", 10), 0));
        cr_assert(eq(int, cni_strpool_add(&s2, p, "label only", 10), 0));
        cr_assert(ne(u32, s1, s2));
        cr_assert(eq(str, (char *)cni_strpool_get(p, s2), "label only"));
        cr_assert(eq(u32, cni_strpool_find(p, "label only", 10), UINT32_MAX));
        cr_assert(eq(int, cni_strpool_add(&s1, p, "n5", 2), 0));
        cr_assert(eq(u64, cni_strpool_find_value(p, "n5", 2), 6));
        cr_assert(eq(str, (char *)cni_strpool_get(p, s1), "n5"));
    }
    /* interning again without a value keeps it; with one replaces it */
    cr_assert(eq(int, cni_strpool_intern(&id, p, "n42", 3), 0));
    cr_assert(eq(u64, cni_strpool_find_value(p, "n42", 3), 43));
    v = 7;
    cr_assert(eq(int, cni_strpool_intern_value(&id, p, "n42", 3, &v), 0));
    cr_assert(eq(u64, cni_strpool_find_value(p, "n42", 3), 7));
    memset(big, 'x', sizeof big - 1);
    cr_assert(eq(int, cni_strpool_intern(&id, p, big, sizeof big - 1), 0));
    cr_assert(eq(u32, cni_strpool_find(p, big, sizeof big - 1), id));
    cr_assert(eq(sz, strlen(cni_strpool_get(p, id)), sizeof big - 1));
    cni_strpool_destroy(p);
}

Test(model_utf8, validates_sequences)
{
    const unsigned char ok[] = "Đại học", bad1[] = { 'a', 0xFF }, overlong[] = { 0xC0, 0xAF },
                        surrogate[] = { 0xED, 0xA0, 0x80 }, cut[] = { 'x', 0xE1, 0xBA };

    cr_assert(eq(sz, cni_utf8_valid_prefix(ok, sizeof ok - 1), sizeof ok - 1));
    cr_assert(eq(sz, cni_utf8_valid_prefix(bad1, 2), 1));
    cr_assert(eq(sz, cni_utf8_valid_prefix(overlong, 2), 0));
    cr_assert(eq(sz, cni_utf8_valid_prefix(surrogate, 3), 0));
    cr_assert(eq(sz, cni_utf8_valid_prefix(cut, 3), 1));
}

/* ---- derived figures: the region a node counts under, a network's members by kind ---- */

/* i1 North, i2 without a region, x1 South. n1 (Central) is led by i1: North. n2 (Central) is
 * led by i2, who has no region: its own, Central. n3 has neither lead nor region: "". n4 (South)
 * has no lead: South; its members are n1 (a sub-network) and x1 (partner). n5 has no region and
 * a lead without one: "". */
static const char region_nodes[] = "id,kind,region\n"
                                   "i1,institution,North\n"
                                   "i2,institution,\n"
                                   "x1,expert,South\n"
                                   "n1,network,Central\n"
                                   "n2,network,Central\n"
                                   "n3,network,\n"
                                   "n4,network,South\n"
                                   "n5,network,\n";
static const char region_edges[] = "source,target,kind,role\n"
                                   "i1,n1,membership,lead\n"
                                   "x1,n1,membership,member\n"
                                   "i2,n1,membership,partner\n"
                                   "i2,n2,membership,lead\n"
                                   "x1,n3,membership,member\n"
                                   "n1,n4,membership,member\n"
                                   "x1,n4,membership,partner\n"
                                   "i2,n5,membership,lead\n";

static cn_graph *g;

static void load_regions(void)
{
    cr_assert(eq(int, cn_load_buffers(&g, region_nodes, strlen(region_nodes), "nodes.csv",
                                      region_edges, strlen(region_edges), "edges.csv", NULL,
                                      NULL), 0), "%s", cn_errmsg());
}

static void free_regions(void)
{
    cn_graph_destroy(g);
}

Test(model_derived, home_region_is_a_networks_lead_region_falling_back_to_its_own,
     .init = load_regions, .fini = free_regions)
{
    static const char *const want[] = { "North", "", "South", "North", "Central", "", "South",
                                        "" };

    cr_assert(eq(sz, cn_graph_node_count(g), 8));
    for (size_t i = 0; i < 8; i++) {
        cr_assert(eq(str, (char *)cn_graph_node_home_region(g, i), (char *)want[i]), "node %zu",
                  i);
        if (cn_graph_node_kind(g, i) == CN_NODE_NETWORK) {
            cr_assert(eq(str, (char *)cn_graph_network_region(g, i), (char *)want[i]));
        }
    }
    cr_assert(eq(str, (char *)cn_graph_node_region(g, 3), "Central")); /* n1's own, unchanged */
    cr_assert(eq(ptr, (void *)cn_graph_node_home_region(g, 8), NULL));
}

Test(model_derived, members_by_kind_count_the_lead_and_direct_members_only,
     .init = load_regions, .fini = free_regions)
{
    size_t k[CN_NODE_KIND_COUNT], r[CN_ROLE_COUNT];
    cn_graph_network_members(g, 3, k, r); /* n1: i1 (lead), x1, i2 (partner) */
    cr_assert(eq(sz, k[CN_NODE_INSTITUTION], 2));
    cr_assert(eq(sz, k[CN_NODE_ENTERPRISE], 0));
    cr_assert(eq(sz, k[CN_NODE_EXPERT], 1));
    cr_assert(eq(sz, k[CN_NODE_NETWORK], 0));
    cr_assert(eq(sz, r[CN_ROLE_LEAD], 1));
    cr_assert(eq(sz, r[CN_ROLE_MEMBER], 1));
    cr_assert(eq(sz, r[CN_ROLE_PARTNER], 1));
    cn_graph_network_members(g, 6, k, r); /* n4: n1 (its members do not count again), x1 */
    cr_assert(eq(sz, k[CN_NODE_INSTITUTION], 0));
    cr_assert(eq(sz, k[CN_NODE_EXPERT], 1));
    cr_assert(eq(sz, k[CN_NODE_NETWORK], 1));
    cr_assert(eq(sz, r[CN_ROLE_LEAD], 0));
    cr_assert(eq(sz, r[CN_ROLE_MEMBER], 1));
    cr_assert(eq(sz, r[CN_ROLE_PARTNER], 1));
    cn_graph_network_members(g, 0, k, NULL); /* an institution has no members */
    for (int i = 0; i < CN_NODE_KIND_COUNT; i++) {
        cr_assert(eq(sz, k[i], 0));
    }
}

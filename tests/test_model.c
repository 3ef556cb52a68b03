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

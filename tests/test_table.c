/* The table model (libnet/util/table.c): one description, five writers. Expected outputs are
 * written out by hand from the conventions in table.h and README "Output formats". */
#define _GNU_SOURCE /* open_memstream */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <collabnet/error.h>

#include "util/table.h"

/* A small result: id, label, a count, a real, a list, a value nested in JSON. */
static void sample_columns(cni_table *t)
{
    cr_assert(eq(int, cni_table_column(t, "id", CNI_COL_ID), 0));
    cr_assert(eq(int, cni_table_column(t, "label", CNI_COL_TEXT), 1));
    cr_assert(eq(int, cni_table_column(t, "members", CNI_COL_INT), 2));
    cr_assert(eq(int, cni_table_column(t, "share", CNI_COL_REAL), 3));
    cr_assert(eq(int, cni_table_column(t, "fields", CNI_COL_LIST), 4));
    cr_assert(eq(int, cni_table_column(t, "experts", CNI_COL_INT), 5));
    cni_table_column_json(t, 5, "by_kind.expert");
}

static void sample_rows(cni_table *t)
{
    const char *fields[] = { "ai", "semiconductor" };

    cni_table_text(t, "hust");
    cni_table_text(t, "Đại học Bách khoa, Hà Nội");
    cni_table_int(t, 12);
    cni_table_real(t, 0.1);
    cni_table_list(t, fields, 2);
    cni_table_int(t, 3);
    cni_table_text(t, "=cmd");
    cni_table_text(t, NULL);
    cni_table_int(t, -4);
    cni_table_real(t, NAN);
    cni_table_list(t, NULL, 0);
    cni_table_null(t);
    cr_assert(eq(int, cni_table_status(t), 0));
}

static cni_table *sample(void)
{
    cni_table *t = NULL;

    cr_assert(eq(int, cni_table_create(&t, "sample"), 0));
    sample_columns(t);
    sample_rows(t);
    cr_assert(eq(sz, cni_table_row_count(t), 2));
    return t;
}

/* Run a writer into a string. */
static char *written(const cni_table *t, cni_table_format f, const cni_table_style *st, int *rc)
{
    char *s = NULL;
    size_t n = 0;
    FILE *fp = open_memstream(&s, &n);

    cr_assert(fp != NULL);
    *rc = cni_table_write(t, f, st, fp);
    fclose(fp);
    return s;
}

Test(util_table, csv_is_exact_quoted_when_needed_and_guarded)
{
    cni_table *t = sample();
    int rc;
    char *s = written(t, CNI_TABLE_CSV, NULL, &rc);

    cr_assert(eq(int, rc, 0));
    cr_assert(eq(str, s, "id,label,members,share,fields,experts\n"
                         "hust,\"Đại học Bách khoa, Hà Nội\",12,0.10000000000000001,"
                         "ai;semiconductor,3\n"
                         "'=cmd,,-4,,,\n"));
    free(s);
    cni_table_style raw = CNI_TABLE_STYLE_INIT;
    raw.csv_guard = false;
    s = written(t, CNI_TABLE_CSV, &raw, &rc);
    cr_assert(eq(int, rc, 0));
    cr_assert(strstr(s, "\n=cmd,,-4,,,\n") != NULL);
    free(s);
    cni_table_destroy(t);
}

/* CSV's reals are printf's %.17g, byte for byte, also where whole numbers take a shorter way
 * (degrees, coreness and whole strengths: issue 20): signs, -0, the ends of the exact range,
 * past it, and fractions. */
Test(util_table, csv_reals_are_printf_17g)
{
    static const double v[] = { 0.0, -0.0, 1.0, -1.0, 12.0, -4.0, 0.5, -2.5, 1e15,
                                9007199254740991.0, 9007199254740992.0, -9007199254740992.0,
                                9007199254740994.0, -9007199254740994.0, 1e16, 1e17, 1e300,
                                -1e-300, 4.6359275342100615e-05, DBL_MAX, -DBL_MAX, DBL_MIN,
                                INFINITY, -INFINITY, 123456789.0, 0.1 };
    size_t n = sizeof v / sizeof v[0];
    char expect[4096] = "x\n", cell[64], *s;
    cni_table *t = NULL;
    int rc;

    cr_assert(eq(int, cni_table_create(&t, "reals"), 0));
    cr_assert(eq(int, cni_table_column(t, "x", CNI_COL_REAL), 0));
    for (size_t k = 0; k < n; k++) {
        cni_table_real(t, v[k]);
        snprintf(cell, sizeof cell, "%.17g\n", v[k]);
        strcat(expect, cell);
    }
    cr_assert(eq(int, cni_table_status(t), 0));
    s = written(t, CNI_TABLE_CSV, NULL, &rc);
    cr_assert(eq(int, rc, 0));
    cr_assert(eq(str, s, expect));
    /* the same strings, spelt out where the shorter way and printf might part */
    cr_assert(strstr(s, "\n-0\n1\n-1\n12\n-4\n0.5\n-2.5\n1000000000000000\n"
                        "9007199254740991\n9007199254740992\n-9007199254740992\n"
                        "9007199254740994\n-9007199254740994\n10000000000000000\n1e+17\n")
              != NULL);
    free(s);
    cni_table_destroy(t);
}

/* A large table's reals are remembered once printed (util/table.c, real_text()): 20,000 rows,
 * kept and streamed, of values repeated, distinct (more than the memo's slots, so that slots are
 * taken over) and the odd ones of csv_reals_are_printf_17g, each as printf prints it. */
Test(util_table, csv_reals_remembered_are_printf_17g)
{
    static const double odd[] = { -0.0, 0.1, 1e300, -1e-300, DBL_MAX, DBL_MIN, INFINITY,
                                  4.6359275342100615e-05, 1e17 };
    enum { ROWS = 20000 };
    size_t n = 0, cap = 64 * ROWS + 4;
    char *expect = malloc(cap), *s, *streamed = NULL;
    cni_table *t = NULL, *st = NULL;
    FILE *fp = open_memstream(&streamed, &n);
    uint64_t seed = 3;
    size_t len = 0;
    int rc;

    cr_assert(expect != NULL && fp != NULL);
    cr_assert(eq(int, cni_table_create(&t, "reals"), 0));
    cr_assert(eq(int, cni_table_create(&st, "reals"), 0));
    cr_assert(eq(int, cni_table_column(t, "x", CNI_COL_REAL), 0));
    cr_assert(eq(int, cni_table_column(st, "x", CNI_COL_REAL), 0));
    cr_assert(eq(int, cni_table_stream_csv(st, fp, true), 0));
    len += (size_t)snprintf(expect, cap, "x\n");
    for (size_t k = 0; k < ROWS; k++) {
        double v;
        seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
        if (k % 3 == 0) {
            v = (double)(k % 37) / 7.0 - 2.0; /* 37 values, over and over */
        } else if (k % 3 == 1) {
            v = (double)(seed >> 11) / 9007199254740992.0 * 1e6 - 5e5; /* all distinct */
        } else {
            v = odd[k / 3 % (sizeof odd / sizeof *odd)];
        }
        cni_table_real(t, v);
        cni_table_real(st, v);
        len += (size_t)snprintf(expect + len, cap - len, "%.17g\n", v);
    }
    cr_assert(eq(int, cni_table_status(t), 0));
    cr_assert(eq(int, cni_table_status(st), 0));
    fclose(fp);
    s = written(t, CNI_TABLE_CSV, NULL, &rc);
    cr_assert(eq(int, rc, 0));
    cr_assert(eq(str, s, expect));
    cr_assert(eq(str, streamed, expect));
    free(s);
    free(streamed);
    free(expect);
    cni_table_destroy(t);
    cni_table_destroy(st);
}

/* The digits of CSV integers and of the report's line numbers are printf's %lld. */
Test(util_table, digits_are_printf_lld)
{
    static const long long v[] = { 0, 1, -1, 9, 10, -10, 1003776, 4294967295LL, -4294967296LL,
                                   LLONG_MAX, LLONG_MIN };
    char buf[CNI_DIGITS], want[32];

    for (size_t k = 0; k < sizeof v / sizeof *v; k++) {
        snprintf(want, sizeof want, "%lld", v[k]);
        cr_assert(eq(str, cni_digits(buf, v[k]), want));
    }
}

/* Counts in the report's sentences have their thousands grouped, as English text writes them
 * (the summary said "holds 1000000 nodes" at L while its lists said "1,003,771 more"). */
Test(util_table, counts_grouped_by_thousands)
{
    static const struct {
        size_t n;
        const char *text;
    } cases[] = { { 0, "0" }, { 7, "7" }, { 999, "999" }, { 1000, "1,000" }, { 12345, "12,345" },
                  { 999999, "999,999" }, { 1000000, "1,000,000" }, { 1003771, "1,003,771" },
                  { SIZE_MAX, "18,446,744,073,709,551,615" } };
    char buf[CNI_GROUPED];

    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        cr_assert(eq(str, cni_grouped(buf, cases[k].n), (char *)cases[k].text));
    }
}

Test(util_table, text_is_aligned_numbers_right_and_rounded)
{
    cni_table *t = sample();
    int rc;
    char *s;

    cni_table_set_title(t, "Sample");
    cni_table_column_blank(t, 1, "(none)"); /* the undefined label, in text only */
    cni_table_column_in(t, 4, CNI_IN_ALL & ~CNI_IN_TEXT); /* fields hidden on a terminal */
    s = written(t, CNI_TABLE_TEXT, NULL, &rc);
    cr_assert(eq(int, rc, 0));
    /* "Đại học Bách khoa, Hà Nội" is 25 characters (NFC), wider than "label" */
    cr_assert(eq(str, s, "Sample\n"
                         "id    label                      members  share  experts\n"
                         "hust  Đại học Bách khoa, Hà Nội       12    0.1        3\n"
                         "=cmd  (none)                          -4                \n"));
    free(s);
    cni_table_destroy(t);
}

Test(util_table, text_escapes_control_characters)
{
    cni_table *t = NULL;
    int rc;
    char *s;

    cni_table_create(&t, "x");
    cni_table_column(t, "v", CNI_COL_TEXT);
    cni_table_text(t, "a\x1b[31mb\n");
    s = written(t, CNI_TABLE_TEXT, NULL, &rc);
    cr_assert(eq(int, rc, 0));
    cr_assert(eq(str, s, "v\na\\x1b[31mb\\n\n"));
    free(s);
    cni_table_destroy(t);
}

Test(util_table, json_records_nest_paths_and_write_null)
{
    cni_table *t = sample();
    int rc;
    char *s = written(t, CNI_TABLE_JSON, NULL, &rc);

    cr_assert(eq(int, rc, 0));
    cr_assert(eq(str, s, "[\n  {\n    \"id\": \"hust\",\n    \"label\": \"Đại học Bách khoa, Hà Nội\",\n"
                         "    \"members\": 12,\n    \"share\": 0.10000000000000001,\n"
                         "    \"fields\": [\n      \"ai\",\n      \"semiconductor\"\n    ],\n"
                         "    \"by_kind\": {\n      \"expert\": 3\n    }\n  },\n"
                         "  {\n    \"id\": \"=cmd\",\n    \"label\": null,\n    \"members\": -4,\n"
                         "    \"share\": null,\n    \"fields\": [],\n    \"by_kind\": {\n"
                         "      \"expert\": null\n    }\n  }\n]\n"));
    free(s);
    cni_table_destroy(t);
}

Test(util_table, infinity_is_refused_in_json_only)
{
    cni_table *t = NULL;
    int rc;
    char *s;

    cni_table_create(&t, "x");
    cni_table_column(t, "v", CNI_COL_REAL);
    cni_table_real(t, INFINITY);
    s = written(t, CNI_TABLE_JSON, NULL, &rc);
    cr_assert(eq(int, rc, CN_EDATA));
    cr_assert(strstr(cn_errmsg(), "infinite") != NULL);
    free(s);
    s = written(t, CNI_TABLE_CSV, NULL, &rc);
    cr_assert(eq(int, rc, 0));
    cr_assert(eq(str, s, "v\ninf\n"));
    free(s);
    cni_table_destroy(t);
}

Test(util_table, pages_use_the_display_format_and_escape_markup)
{
    cni_table *t = NULL;
    cni_buf b;
    cni_table_style st = CNI_TABLE_STYLE_INIT;

    cni_table_create(&t, "x");
    cni_table_column(t, "name", CNI_COL_TEXT);
    cni_table_column(t, "jaccard", CNI_COL_REAL);
    cni_table_column_format(t, 1, "%.4g");
    cni_table_text(t, "<b>|1. a");
    cni_table_real(t, 2.0 / 3.0);
    cni_table_text(t, "x");
    cni_table_real(t, 1);
    st.caption = "Pairs & more";
    st.max_rows = 1;
    cni_buf_init(&b);
    cr_assert(eq(int, cni_table_append(t, CNI_TABLE_HTML, &st, &b), 0));
    cr_assert(eq(str, b.s, "<div class=\"table-wrap\"><table>\n<caption>Pairs &amp; more</caption>\n"
                           "<thead><tr><th scope=\"col\">name</th><th scope=\"col\" class=\"num\">"
                           "jaccard</th></tr></thead>\n<tbody>\n<tr><td>&lt;b&gt;|1. a</td>"
                           "<td class=\"num\">0.6667</td></tr>\n</tbody></table></div>\n"));
    cni_buf_clear(&b);
    cr_assert(eq(int, cni_table_append(t, CNI_TABLE_MARKDOWN, &st, &b), 0));
    cr_assert(eq(str, b.s, "*Pairs &amp; more*\n\n| name | jaccard |\n|---|---:|\n"
                           "| &lt;b>\\|1. a | 0\\.6667 |\n" /* "0." could start a list */));
    cni_buf_fini(&b);
    cni_table_destroy(t);
}

Test(util_table, streamed_csv_equals_kept_csv)
{
    cni_table *kept = sample(), *t = NULL;
    char *a, *b = NULL;
    size_t n = 0;
    int rc;
    FILE *fp = open_memstream(&b, &n);

    cni_table_create(&t, "sample");
    sample_columns(t);
    cr_assert(eq(int, cni_table_stream_csv(t, fp, true), 0));
    sample_rows(t);
    cr_assert(eq(sz, cni_table_row_count(t), 0)); /* nothing kept */
    fclose(fp);
    a = written(kept, CNI_TABLE_CSV, NULL, &rc);
    cr_assert(eq(str, a, b));
    free(a);
    free(b);
    cni_table_destroy(t);
    cni_table_destroy(kept);
}

Test(util_table, mistakes_are_sticky_and_reported)
{
    cni_table *t = NULL;
    int rc;
    char *s;

    cni_table_create(&t, "x");
    cni_table_column(t, "n", CNI_COL_INT);
    cni_table_column(t, "s", CNI_COL_TEXT);
    cni_table_int(t, 1);
    cni_table_real(t, 2.5); /* wrong type */
    cni_table_text(t, "ignored");
    cr_assert(eq(int, cni_table_status(t), CN_EINVAL));
    cr_assert(strstr(cn_errmsg(), "wrong type") != NULL);
    s = written(t, CNI_TABLE_CSV, NULL, &rc);
    cr_assert(eq(int, rc, CN_EINVAL));
    free(s);
    cni_table_destroy(t);

    cni_table_create(&t, "y");
    cni_table_column(t, "n", CNI_COL_INT);
    cni_table_column(t, "s", CNI_COL_LIST);
    cni_table_int(t, 1);
    cni_table_list_begin(t); /* left open: the row is incomplete */
    cni_table_list_item(t, "a");
    s = written(t, CNI_TABLE_JSON, NULL, &rc);
    cr_assert(eq(int, rc, CN_EINVAL));
    free(s);
    cni_table_destroy(t); /* frees the open list (no leak under ASan) */
}

Test(util_table, documents_keep_order_and_shapes)
{
    cni_doc *d = NULL;
    cni_table *t = NULL, *k = NULL, *one = NULL, *sub = NULL;
    char *s = NULL;
    size_t n = 0;
    FILE *fp;

    cr_assert(eq(int, cni_doc_create(&d), 0));
    cni_doc_text(d, "collabnet", "0.1.0");
    cni_doc_text(d, "parameters.graph", "collaboration");
    cni_doc_int(d, "parameters.seed", 1);
    cni_doc_bool(d, "parameters.weighted", true);
    cni_doc_real(d, "parameters.sample", NAN);
    cni_table_create(&k, "by_region");
    cni_table_column(k, "region", CNI_COL_TEXT);
    cni_table_column(k, "networks", CNI_COL_INT);
    cni_table_text(k, "North");
    cni_table_int(k, 7);
    cni_table_text(k, "(none)");
    cni_table_int(k, 10);
    cni_doc_table_keyed(d, "networks_by_lead_region", k);
    cni_table_create(&one, "components");
    cni_table_column(one, "count", CNI_COL_INT);
    cni_table_int(one, 2);
    cni_doc_table_record(d, "components", one);
    cni_table_create(&t, "gaps");
    cni_table_column(t, "gap", CNI_COL_TEXT);
    cni_table_column(t, "candidates", CNI_COL_TABLE);
    cni_table_create(&sub, "candidates");
    cni_table_column(sub, "id", CNI_COL_ID);
    cni_table_text(sub, "utc");
    cni_table_text(t, "g1");
    cni_table_sub(t, sub);
    cni_doc_table(d, "gaps", t);
    cr_assert(eq(int, cni_doc_status(d), 0));
    fp = open_memstream(&s, &n);
    cr_assert(eq(int, cni_doc_write(d, fp), 0));
    fclose(fp);
    cr_assert(eq(str, s, "{\n  \"collabnet\": \"0.1.0\",\n  \"parameters\": {\n"
                         "    \"graph\": \"collaboration\",\n    \"seed\": 1,\n"
                         "    \"weighted\": true,\n    \"sample\": null\n  },\n"
                         "  \"networks_by_lead_region\": {\n    \"North\": 7,\n    \"(none)\": 10\n"
                         "  },\n  \"components\": {\n    \"count\": 2\n  },\n  \"gaps\": [\n"
                         "    {\n      \"gap\": \"g1\",\n      \"candidates\": [\n        {\n"
                         "          \"id\": \"utc\"\n        }\n      ]\n    }\n  ]\n}\n"));
    free(s);
    /* a sub-table column is JSON only */
    int rc;
    s = written(t, CNI_TABLE_CSV, NULL, &rc);
    cr_assert(eq(int, rc, 0));
    cr_assert(eq(str, s, "gap\ng1\n"));
    free(s);
    cni_table_destroy(t);
    cni_table_destroy(k);
    cni_table_destroy(one);
    cni_doc_destroy(d);
}

/* cni_table_style.max_items: a page's list cell shows that many items, then how many are left
 * (thousands grouped) and the note; CSV and text keep every item. */
Test(util_table, pages_cut_long_lists)
{
    cni_table *t = NULL;
    cni_table_style st = CNI_TABLE_STYLE_INIT;
    cni_buf b;
    char item[16], *s;
    int rc;

    cr_assert(eq(int, cni_table_create(&t, "long"), 0));
    cni_table_column(t, "lines", CNI_COL_LIST);
    cni_table_list_begin(t);
    for (int k = 1; k <= 1003; k++) {
        snprintf(item, sizeof item, "%d", k);
        cni_table_list_item(t, item);
    }
    cni_table_list_end(t);
    cni_table_list(t, (const char *const[]){ "a", "b" }, 2); /* as many as shown: not cut */
    st.max_items = 2;
    st.items_note = "; all in tables/long.csv";
    cni_buf_init(&b);
    cr_assert(eq(int, cni_table_append(t, CNI_TABLE_MARKDOWN, &st, &b), 0));
    cr_assert(eq(str, b.s, "| lines |\n|---|\n| 1; 2 \u2026 and 1,001 more; all in tables/long.csv |\n"
                           "| a; b |\n"));
    cni_buf_clear(&b);
    cr_assert(eq(int, cni_table_append(t, CNI_TABLE_HTML, &st, &b), 0));
    cr_assert(not(eq(ptr, strstr(b.s, "<td>1; 2 \u2026 and 1,001 more; all in tables/long.csv</td>"),
                     NULL)), "%s", b.s);
    cni_buf_fini(&b);
    s = written(t, CNI_TABLE_CSV, &st, &rc);
    cr_assert(not(eq(ptr, strstr(s, "lines\n1;2;3;4;"), NULL)), "%s", s);
    cr_assert(not(eq(ptr, strstr(s, ";1002;1003\n"), NULL)));
    free(s);
    s = written(t, CNI_TABLE_TEXT, &st, &rc);
    cr_assert(not(eq(ptr, strstr(s, ";1002;1003"), NULL)));
    free(s);
    cni_table_destroy(t);
}

/* The overlap results as tables (results.h). */
#include "results.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/util.h"

/* The columns shared (in all, then by kind): CSV shared_KIND, JSON shared_by_kind.KIND. */
static void shared_columns(cni_table *t)
{
    cni_table_column(t, "shared", CNI_COL_INT);
    for (int k = 0; k < CN_NODE_KIND_COUNT; k++) {
        char name[64], key[64];
        const char *kind = cn_node_kind_name((cn_node_kind)k);
        snprintf(name, sizeof name, "shared_%s", kind);
        snprintf(key, sizeof key, "shared_by_kind.%s", kind);
        cni_table_column_json(t, cni_table_column(t, name, CNI_COL_INT), key);
    }
}

static void shared_cells(cni_table *t, size_t shared, const size_t *by_kind)
{
    cni_table_size(t, shared);
    for (int k = 0; k < CN_NODE_KIND_COUNT; k++) {
        cni_table_size(t, by_kind[k]);
    }
}

/* A table named @p name with its columns added by @p columns (0 or the table's failure). */
static int create(cni_table **out, const char *name, void (*columns)(cni_table *, int), int arg)
{
    cni_table *t = NULL;
    int rc;

    *out = NULL;
    if ((rc = cni_table_create(&t, name)) < 0) {
        return rc;
    }
    columns(t, arg);
    if ((rc = cni_table_status(t)) < 0) {
        cni_table_destroy(t);
        return rc;
    }
    *out = t;
    return 0;
}

/* ---- pairs ---- */

enum { NOT_PAGE = CNI_IN_ALL & ~CNI_IN_PAGE, TEXT_CSV = CNI_IN_TEXT | CNI_IN_CSV };

/* A column shown in @p where (CNI_IN_*), under JSON key @p json (NULL: its name). */
static void column(cni_table *t, const char *name, cni_col_type type, unsigned where,
                   const char *json)
{
    int c = cni_table_column(t, name, type);

    cni_table_column_in(t, c, where);
    if (json) {
        cni_table_column_json(t, c, json);
    }
}

static void pair_columns(cni_table *t, int unused)
{
    (void)unused;
    column(t, "a", CNI_COL_ID, CNI_IN_ALL, NULL);
    column(t, "b", CNI_COL_ID, CNI_IN_ALL, NULL);
    shared_columns(t);
    column(t, "size_a", CNI_COL_INT, NOT_PAGE, NULL);
    column(t, "size_b", CNI_COL_INT, NOT_PAGE, NULL);
    cni_table_column_format(t, cni_table_column(t, "jaccard", CNI_COL_REAL), "%.4f");
    column(t, "overlap", CNI_COL_REAL, NOT_PAGE, NULL);
    cni_table_column_format(t, (int)cni_table_column_count(t) - 1, "%.4f");
    /* the leads: one word in text and CSV, two booleans in JSON (the same facts) */
    column(t, "leads", CNI_COL_TEXT, TEXT_CSV, NULL);
    column(t, "lead_a_in_b", CNI_COL_BOOL, CNI_IN_JSON, NULL);
    column(t, "lead_b_in_a", CNI_COL_BOOL, CNI_IN_JSON, NULL);
}

int cni_results_overlap_pairs(cni_table **out)
{
    return create(out, "overlap", pair_columns, 0);
}

int cni_results_overlap_pairs_rows(cni_table *t, const cn_graph *g, const cn_overlap *ov,
                                   size_t top)
{
    size_t n = cn_overlap_pair_count(ov);

    n = n < top ? n : top;
    for (size_t k = 0; k < n && cni_table_status(t) == 0; k++) {
        const cn_overlap_pair *p = cn_overlap_pair_at(ov, k);
        cni_table_text(t, cn_graph_node_id(g, p->a));
        cni_table_text(t, cn_graph_node_id(g, p->b));
        shared_cells(t, p->shared, p->shared_by_kind);
        cni_table_size(t, p->size_a);
        cni_table_size(t, p->size_b);
        cni_table_real(t, p->jaccard);
        cni_table_real(t, p->overlap);
        cni_table_text(t, p->lead_a_in_b && p->lead_b_in_a ? "mutual"
                          : p->lead_a_in_b                 ? "a_in_b"
                          : p->lead_b_in_a                 ? "b_in_a"
                                                           : "");
        cni_table_bool(t, p->lead_a_in_b);
        cni_table_bool(t, p->lead_b_in_a);
    }
    return cni_table_status(t);
}

/* ---- boundary spanners ---- */

static void spanner_columns(cni_table *t, int unused)
{
    (void)unused;
    column(t, "id", CNI_COL_ID, CNI_IN_ALL, NULL);
    column(t, "label", CNI_COL_TEXT, CNI_IN_ALL, NULL);
    column(t, "kind", CNI_COL_TEXT, CNI_IN_ALL, NULL);
    /* JSON keeps its names and order: "networks" is the list of ids (its length the count),
     * "fields" and "regions" the lists as text, then fields_spanned and regions_spanned, the
     * same counts as CSV's fields and regions */
    column(t, "networks", CNI_COL_INT, TEXT_CSV | CNI_IN_PAGE, NULL);
    column(t, "network_ids", CNI_COL_LIST, NOT_PAGE, "networks");
    column(t, "fields", CNI_COL_INT, TEXT_CSV | CNI_IN_PAGE, NULL);
    column(t, "regions", CNI_COL_INT, TEXT_CSV | CNI_IN_PAGE, NULL);
    column(t, "field_list", CNI_COL_TEXT, NOT_PAGE, "fields");
    column(t, "region_list", CNI_COL_TEXT, NOT_PAGE, "regions");
    column(t, "fields_spanned", CNI_COL_INT, CNI_IN_JSON, NULL);
    column(t, "regions_spanned", CNI_COL_INT, CNI_IN_JSON, NULL);
}

int cni_results_overlap_spanners(cni_table **out)
{
    return create(out, "spanners", spanner_columns, 0);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The distinct non-empty strings of @p items (sorted in place), ';'-joined as one text cell.
 * Returns 0 or CN_ENOMEM. */
static int unique_cell(cni_table *t, const char **items, size_t n, cni_buf *b)
{
    qsort(items, n, sizeof *items, cmp_str);
    cni_buf_clear(b);
    for (size_t i = 0; i < n; i++) {
        if (!items[i][0] || (i > 0 && strcmp(items[i], items[i - 1]) == 0)) {
            continue;
        }
        if (b->len) {
            cni_buf_add(b, ";", 1);
        }
        cni_buf_puts(b, items[i]);
    }
    if (!cni_buf_str(b)) {
        return cni_fail(CN_ENOMEM, "out of memory");
    }
    cni_table_text(t, cni_buf_str(b));
    return 0;
}

int cni_results_overlap_spanners_rows(cni_table *t, const cn_graph *g, const cn_overlap *ov,
                                      size_t top)
{
    size_t n = cn_overlap_spanner_count(ov);
    const char **items = NULL;
    size_t cap = 0;
    cni_buf b;
    int rc = 0;

    n = n < top ? n : top;
    cni_buf_init(&b);
    for (size_t k = 0; k < n && rc == 0 && cni_table_status(t) == 0; k++) {
        size_t i = cn_overlap_spanner(ov, k), nn = cn_overlap_node_network_count(ov, i), nf = 0;
        size_t need = nn;
        for (size_t j = 0; j < nn; j++) {
            need += cn_graph_node_field_count(g, cn_overlap_node_network(ov, i, j));
        }
        if ((rc = cni_grow((void **)&items, &cap, need, sizeof *items)) < 0) {
            break;
        }
        cni_table_text(t, cn_graph_node_id(g, i));
        cni_table_text(t, cn_graph_node_label(g, i));
        cni_table_text(t, cn_node_kind_name(cn_graph_node_kind(g, i)));
        cni_table_size(t, nn);
        cni_table_list_begin(t);
        for (size_t j = 0; j < nn; j++) {
            size_t p = cn_overlap_node_network(ov, i, j);
            cni_table_list_item(t, cn_graph_node_id(g, p));
            for (size_t f = 0; f < cn_graph_node_field_count(g, p); f++) {
                items[nf++] = cn_graph_node_field(g, p, f);
            }
        }
        cni_table_list_end(t);
        cni_table_size(t, cn_overlap_fields_spanned(ov, i));
        cni_table_size(t, cn_overlap_regions_spanned(ov, i));
        if ((rc = unique_cell(t, items, nf, &b)) < 0) {
            break;
        }
        for (size_t j = 0; j < nn; j++) {
            items[j] = cn_graph_network_region(g, cn_overlap_node_network(ov, i, j));
        }
        if ((rc = unique_cell(t, items, nn, &b)) < 0) {
            break;
        }
        cni_table_size(t, cn_overlap_fields_spanned(ov, i));
        cni_table_size(t, cn_overlap_regions_spanned(ov, i));
    }
    cni_buf_fini(&b);
    free(items);
    return rc < 0 ? rc : cni_table_status(t);
}

/* ---- the network x network matrix ---- */

int cni_results_overlap_matrix(cni_table **out, const cn_graph *g)
{
    cni_table *t = NULL;
    int rc;

    *out = NULL;
    if ((rc = cni_table_create(&t, "overlap_matrix")) < 0) {
        return rc;
    }
    /* JSON: the ids as "networks", the rows as arrays of numbers (results.h) */
    cni_table_column_in(t, cni_table_column(t, "id", CNI_COL_ID), CNI_IN_ALL & ~CNI_IN_JSON);
    for (size_t i = 0; i < cn_graph_node_count(g); i++) {
        if (cn_graph_node_kind(g, i) == CN_NODE_NETWORK) {
            cni_table_column(t, cn_graph_node_id(g, i), CNI_COL_INT);
        }
    }
    if ((rc = cni_table_status(t)) < 0) {
        cni_table_destroy(t);
        return rc;
    }
    *out = t;
    return 0;
}

int cni_results_overlap_matrix_rows(cni_table *t, const cn_graph *g, const cn_overlap *ov)
{
    size_t n = cn_graph_node_count(g), nn = 0, np = cn_overlap_pair_count(ov);
    size_t *nets = cni_alloc_array(n + 1, sizeof *nets);
    size_t *col = cni_alloc_array(n + 1, sizeof *col);
    size_t *row = NULL, *off = NULL, *idx = NULL;
    int rc = 0;

    if (!nets || !col) {
        rc = cni_fail(CN_ENOMEM, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < n; i++) {
        col[i] = (size_t)-1;
        if (cn_graph_node_kind(g, i) == CN_NODE_NETWORK) {
            col[i] = nn;
            nets[nn++] = i;
        }
    }
    /* one row at a time from the sparse pairs, bucketed by network once (a pass over the pairs
     * per row would be quadratic): memory stays linear in networks and pairs */
    if (!(row = cni_calloc_array(nn + 1, sizeof *row))
        || !(off = cni_calloc_array(nn + 2, sizeof *off))
        || !(idx = cni_alloc_array(2 * np + 1, sizeof *idx))) {
        rc = cni_fail(CN_ENOMEM, "out of memory");
        goto done;
    }
    for (size_t k = 0; k < np; k++) {
        const cn_overlap_pair *p = cn_overlap_pair_at(ov, k);
        off[col[p->a] + 2]++;
        off[col[p->b] + 2]++;
    }
    for (size_t c = 0; c < nn; c++) {
        off[c + 2] += off[c + 1];
    }
    for (size_t k = 0; k < np; k++) {
        const cn_overlap_pair *p = cn_overlap_pair_at(ov, k);
        idx[off[col[p->a] + 1]++] = k;
        idx[off[col[p->b] + 1]++] = k;
    }
    for (size_t r = 0; r < nn && cni_table_status(t) == 0; r++) {
        memset(row, 0, nn * sizeof *row);
        row[r] = cn_overlap_size(ov, nets[r]);
        for (size_t k = off[r]; k < off[r + 1]; k++) {
            const cn_overlap_pair *p = cn_overlap_pair_at(ov, idx[k]);
            row[col[p->a == nets[r] ? p->b : p->a]] = p->shared;
        }
        cni_table_text(t, cn_graph_node_id(g, nets[r]));
        for (size_t c = 0; c < nn; c++) {
            cni_table_size(t, row[c]);
        }
    }
done:
    free(idx);
    free(off);
    free(row);
    free(col);
    free(nets);
    return rc < 0 ? rc : cni_table_status(t);
}

/* ---- groups of networks (--by field|region) ---- */

static void group_columns(cni_table *t, int by)
{
    bool field = (cn_group_by)by == CN_GROUP_FIELD;

    cni_table_column_json(t, cni_table_column(t, field ? "field_a" : "region_a", CNI_COL_TEXT),
                          "a");
    cni_table_column_json(t, cni_table_column(t, field ? "field_b" : "region_b", CNI_COL_TEXT),
                          "b");
    shared_columns(t);
}

int cni_results_overlap_groups(cni_table **out, cn_group_by by)
{
    return create(out, by == CN_GROUP_FIELD ? "overlap_by_field" : "overlap_by_region",
                  group_columns, (int)by);
}

int cni_results_overlap_groups_rows(cni_table *t, const cn_group_overlap *rows, size_t n,
                                    size_t top)
{
    n = n < top ? n : top;
    for (size_t k = 0; k < n && cni_table_status(t) == 0; k++) {
        cni_table_text(t, rows[k].a);
        cni_table_text(t, rows[k].b);
        shared_cells(t, rows[k].shared, rows[k].shared_by_kind);
    }
    return cni_table_status(t);
}

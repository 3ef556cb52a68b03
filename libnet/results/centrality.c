/* The centrality results as tables (results.h). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../model/graph.h"
#include "../util/util.h"
#include "results.h"

bool cni_node_filter_keep(const cn_graph *g, size_t i, const cni_node_filter *f)
{
    return (!f->kinds || (f->kinds & (1u << cn_graph_node_kind(g, i))))
           && (!f->region || strcmp(cn_graph_node_region(g, i), f->region) == 0)
           && (!f->field || cn_graph_node_has_field(g, i, f->field));
}

/* A row and its sort key (negated when the lowest comes first), so that sorting needs no
 * state beside the array. */
typedef struct keyed {
    size_t node;
    double key;
} keyed;

static int by_key(const void *pa, const void *pb)
{
    const keyed *a = pa, *b = pb;

    if (isnan(a->key) || isnan(b->key)) {
        if (isnan(a->key) && isnan(b->key)) {
            return a->node < b->node ? -1 : 1;
        }
        return isnan(a->key) ? 1 : -1; /* undefined values last */
    }
    if (a->key != b->key) {
        return a->key > b->key ? -1 : 1;
    }
    return a->node < b->node ? -1 : 1;
}

int cni_centrality_rows(size_t **out, size_t *count, const cn_graph *g, cn_view view,
                        const cni_node_filter *f, const cn_measure *ms, double *const *vals,
                        size_t top)
{
    size_t n = cn_graph_node_count(g), k = 0;
    bool ascending = ms[0] == CN_MEASURE_CONSTRAINT; /* low constraint means brokerage */
    keyed *order = cni_alloc_array(n + 1, sizeof *order);
    size_t *rows = cni_alloc_array(n + 1, sizeof *rows);

    *out = NULL;
    *count = 0;
    if (!order || !rows) {
        free(order);
        free(rows);
        return cni_fail(CN_ENOMEM, "out of memory");
    }
    for (size_t i = 0; i < n; i++) {
        if (cn_view_includes(g, view, i) && cni_node_filter_keep(g, i, f)) {
            order[k++] = (keyed){ i, ascending ? -vals[0][i] : vals[0][i] };
        }
    }
    cni_sort(order, k, sizeof *order, by_key);
    k = k < top ? k : top;
    for (size_t r = 0; r < k; r++) {
        rows[r] = order[r].node;
    }
    free(order);
    *out = rows;
    *count = k;
    return 0;
}

int cni_results_hand_over(cni_table **out, cni_table *t)
{
    int rc = cni_table_status(t);

    if (rc < 0) {
        cni_table_destroy(t);
        return rc;
    }
    *out = t;
    return 0;
}

int cni_centrality_table(cni_table **out, const char *name, const cn_measure *ms, size_t nm)
{
    cni_table *t = NULL;
    int rc;

    *out = NULL;
    if ((rc = cni_table_create(&t, name)) < 0) {
        return rc;
    }
    cni_table_column(t, "id", CNI_COL_ID);
    cni_table_column(t, "label", CNI_COL_TEXT);
    cni_table_column(t, "kind", CNI_COL_TEXT);
    for (size_t k = 0; k < nm; k++) {
        cni_table_column(t, cn_measure_name(ms[k]), CNI_COL_REAL);
    }
    return cni_results_hand_over(out, t);
}

/* Rows between the steps of cni_graph_prefetch_row(): rows come in score order, so each one's
 * id, label and scores are far from the last one's (four cache misses a row at a million nodes,
 * most of the writing's time); fetched this far ahead, they overlap. */
#define PREFETCH_ROWS 8

int cni_centrality_add(cni_table *t, const cn_graph *g, const size_t *rows, size_t n,
                       size_t nm, double *const *vals)
{
    for (size_t r = 0; r < n && cni_table_status(t) == 0; r++) {
        size_t i = rows[r];
        for (int step = 0; step < 3; step++) {
            size_t ahead = r + (size_t)(3 - step) * PREFETCH_ROWS;
            if (ahead < n) {
                cni_graph_prefetch_row(g, rows[ahead], step);
            }
        }
        for (size_t k = 0; k < nm && r + PREFETCH_ROWS < n; k++) {
            CNI_PREFETCH(&vals[k][rows[r + PREFETCH_ROWS]]);
        }
        cni_table_text(t, cn_graph_node_id(g, i));
        cni_table_text(t, cn_graph_node_label(g, i));
        cni_table_text(t, cn_node_kind_name(cn_graph_node_kind(g, i)));
        for (size_t k = 0; k < nm; k++) {
            cni_table_real(t, vals[k][i]);
        }
    }
    return cni_table_status(t);
}

int cni_centrality_doc(cni_doc **out, const cni_table *nodes, const cn_centrality_options *o)
{
    cni_doc *d = NULL;
    int rc;

    *out = NULL;
    if ((rc = cni_doc_create(&d)) < 0) {
        return rc;
    }
    cni_doc_text(d, "collabnet", cn_version());
    cni_doc_text(d, "parameters.graph", cn_view_name(o->view));
    if (o->view == CN_VIEW_COMEMBERSHIP) {
        cni_doc_text(d, "parameters.projection_weight", cn_projection_name(o->projection));
    }
    cni_doc_bool(d, "parameters.weighted", o->weighted);
    cni_doc_bool(d, "parameters.normalized", o->normalized);
    if (o->sample) {
        cni_doc_int(d, "parameters.sample", (long long)o->sample);
    } else {
        cni_doc_null(d, "parameters.sample");
    }
    cni_doc_int(d, "parameters.seed", (long long)o->seed);
    cni_doc_table(d, "nodes", nodes);
    if ((rc = cni_doc_status(d)) < 0) {
        cni_doc_destroy(d);
        return rc;
    }
    *out = d;
    return 0;
}

int cni_cuts_table(cni_table **out, const char *name)
{
    cni_table *t = NULL;
    int rc;

    *out = NULL;
    if ((rc = cni_table_create(&t, name)) < 0) {
        return rc;
    }
    cni_table_column(t, "cut", CNI_COL_TEXT);
    cni_table_column(t, "id", CNI_COL_ID);
    cni_table_column(t, "label", CNI_COL_TEXT);
    cni_table_column(t, "kind", CNI_COL_TEXT);
    cni_table_column(t, "other_id", CNI_COL_ID);
    cni_table_column(t, "other_label", CNI_COL_TEXT);
    cni_table_column(t, "component", CNI_COL_INT);
    cni_table_column(t, "separated", CNI_COL_INT);
    for (int k = 0; k < CN_NODE_KIND_COUNT; k++) {
        const char *kind = cn_node_kind_name((cn_node_kind)k);
        char name_[64], key[64];
        snprintf(name_, sizeof name_, "separated_%s", kind);
        snprintf(key, sizeof key, "separated_by_kind.%s", kind);
        cni_table_column_json(t, cni_table_column(t, name_, CNI_COL_INT), key);
    }
    return cni_results_hand_over(out, t);
}

int cni_cuts_add(cni_table *t, const cn_graph *g, const cn_cut *cuts, size_t n,
                 const cni_node_filter *f, bool bridges, size_t top)
{
    size_t shown = 0;

    for (size_t k = 0; k < n && shown < top && cni_table_status(t) == 0; k++) {
        const cn_cut *c = &cuts[k];
        bool tie = c->b != CN_NONE;
        if ((tie && !bridges)
            || (!cni_node_filter_keep(g, c->a, f) && !(tie && cni_node_filter_keep(g, c->b, f)))) {
            continue;
        }
        shown++;
        cni_table_text(t, tie ? "tie" : "node");
        cni_table_text(t, cn_graph_node_id(g, c->a));
        cni_table_text(t, cn_graph_node_label(g, c->a));
        cni_table_text(t, cn_node_kind_name(cn_graph_node_kind(g, c->a)));
        cni_table_text(t, tie ? cn_graph_node_id(g, c->b) : NULL);
        cni_table_text(t, tie ? cn_graph_node_label(g, c->b) : NULL);
        cni_table_size(t, c->component);
        cni_table_size(t, c->separated);
        for (int kk = 0; kk < CN_NODE_KIND_COUNT; kk++) {
            cni_table_size(t, c->separated_by_kind[kk]);
        }
    }
    return cni_table_status(t);
}

int cni_cuts_doc(cni_doc **out, const cni_table *cuts, cn_view view)
{
    cni_doc *d = NULL;
    int rc;

    *out = NULL;
    if ((rc = cni_doc_create(&d)) < 0) {
        return rc;
    }
    cni_doc_text(d, "collabnet", cn_version());
    cni_doc_text(d, "graph", cn_view_name(view));
    cni_doc_table(d, "cuts", cuts);
    if ((rc = cni_doc_status(d)) < 0) {
        cni_doc_destroy(d);
        return rc;
    }
    *out = d;
    return 0;
}

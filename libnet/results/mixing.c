/* The mixing and brokerage results as tables (results.h). */
#include "results.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/util.h"

enum { NOT_PAGE = CNI_IN_ALL & ~CNI_IN_PAGE, FILES = CNI_IN_CSV | CNI_IN_JSON };

/* A filled table in *out, or NULL and its first failure. */
static int done(cni_table **out, cni_table *t)
{
    int rc = cni_table_status(t);

    if (rc < 0) {
        cni_table_destroy(t);
        t = NULL;
    }
    *out = t;
    return rc;
}

static int real_column(cni_table *t, const char *name, const char *fmt, unsigned where)
{
    int c = cni_table_column(t, name, CNI_COL_REAL);

    cni_table_column_format(t, c, fmt);
    cni_table_column_in(t, c, where);
    return c;
}

static double ratio(double a, double b)
{
    return b > 0 ? a / b : NAN;
}

/* The whole-graph measures: name, value, and whether it is a count (an integer in JSON). */
typedef struct measure {
    const char *name;
    double value;
    bool count;
} measure;
enum { NMEASURES = 15 };

static void measures(measure *m, const cni_groups *gr, const cni_mixing *mx)
{
    double all = mx->internal + mx->external, all_w = mx->internal_w + mx->external_w;
    const measure rows[NMEASURES] = {
        { "groups", (double)gr->n, true },
        { "actors", (double)gr->nv, true },
        { "actors_without_value", (double)gr->excluded, true },
        { "ties", (double)gr->m, true },
        { "ties_left_out", (double)gr->excluded_ties, true },
        { "ties_internal", mx->internal, false },
        { "ties_external", mx->external, false },
        { "external_share", ratio(mx->external, all), false },
        { "ei", ratio(mx->external - mx->internal, all), false },
        { "weight_internal", mx->internal_w, false },
        { "weight_external", mx->external_w, false },
        { "ei_weighted", ratio(mx->external_w - mx->internal_w, all_w), false },
        { "assortativity", mx->assortativity, false },
        { "assortativity_actors", (double)mx->assort_actors, true },
        { "assortativity_ties", (double)mx->assort_ties, true },
    };

    memcpy(m, rows, sizeof rows);
}

int cni_results_mixing_summary(cni_table **out, const cni_groups *gr, const cni_mixing *mx)
{
    cni_table *t = NULL;
    measure m[NMEASURES];
    int rc;

    *out = NULL;
    if ((rc = cni_table_create(&t, "mixing_summary")) < 0) {
        return rc;
    }
    measures(m, gr, mx);
    cni_table_column(t, "measure", CNI_COL_TEXT);
    real_column(t, "value", "%.6g", CNI_IN_ALL);
    for (size_t k = 0; k < NMEASURES; k++) {
        cni_table_text(t, m[k].name);
        cni_table_real(t, m[k].value);
    }
    return done(out, t);
}

void cni_results_mixing_summary_doc(cni_doc *d, const char *path, const cni_groups *gr,
                                    const cni_mixing *mx)
{
    measure m[NMEASURES];
    char key[256];

    measures(m, gr, mx);
    for (size_t k = 0; k < NMEASURES; k++) {
        snprintf(key, sizeof key, "%s.%s", path, m[k].name);
        if (m[k].count) {
            cni_doc_int(d, key, (long long)m[k].value);
        } else {
            cni_doc_real(d, key, m[k].value);
        }
    }
}

int cni_results_mixing_groups(cni_table **out, const cni_groups *gr, const cni_mixing *mx)
{
    cni_table *t = NULL;
    size_t n = gr->n;
    int rc;

    *out = NULL;
    if ((rc = cni_table_create(&t, "mixing_groups")) < 0) {
        return rc;
    }
    cni_table_column(t, "group", CNI_COL_TEXT);
    cni_table_column(t, "actors", CNI_COL_INT);
    real_column(t, "internal", "%.10g", CNI_IN_ALL);
    real_column(t, "external", "%.10g", CNI_IN_ALL);
    real_column(t, "internal_share", "%.4f", CNI_IN_ALL);
    real_column(t, "ei", "%.4f", CNI_IN_ALL);
    real_column(t, "weight_internal", "%.10g", NOT_PAGE);
    real_column(t, "weight_external", "%.10g", NOT_PAGE);
    real_column(t, "ei_weighted", "%.4f", NOT_PAGE);
    for (size_t a = 0; a < n; a++) {
        double in = mx->ties[a * n + a], ex = 0, in_w = mx->weight[a * n + a], ex_w = 0;
        for (size_t b = 0; b < n; b++) {
            if (b != a) {
                ex += mx->ties[a * n + b];
                ex_w += mx->weight[a * n + b];
            }
        }
        cni_table_text(t, gr->names[a]);
        cni_table_size(t, gr->size[a]);
        cni_table_real(t, in);
        cni_table_real(t, ex);
        cni_table_real(t, ratio(in, in + ex));
        cni_table_real(t, ratio(ex - in, in + ex));
        cni_table_real(t, in_w);
        cni_table_real(t, ex_w);
        cni_table_real(t, ratio(ex_w - in_w, in_w + ex_w));
    }
    return done(out, t);
}

int cni_results_mixing_pairs(cni_table **out, const cni_groups *gr, const cni_mixing *mx)
{
    cni_table *t = NULL;
    size_t n = gr->n;
    double all = mx->internal + mx->external;
    int rc;

    *out = NULL;
    if ((rc = cni_table_create(&t, "mixing_pairs")) < 0) {
        return rc;
    }
    cni_table_column(t, "group_a", CNI_COL_TEXT);
    cni_table_column(t, "group_b", CNI_COL_TEXT);
    real_column(t, "ties", "%.10g", CNI_IN_ALL);
    real_column(t, "weight", "%.10g", CNI_IN_ALL);
    real_column(t, "share", "%.4f", CNI_IN_ALL);
    for (size_t a = 0; a < n; a++) {
        for (size_t b = a; b < n; b++) {
            if (mx->ties[a * n + b] > 0) {
                cni_table_text(t, gr->names[a]);
                cni_table_text(t, gr->names[b]);
                cni_table_real(t, mx->ties[a * n + b]);
                cni_table_real(t, mx->weight[a * n + b]);
                cni_table_real(t, ratio(mx->ties[a * n + b], all));
            }
        }
    }
    return done(out, t);
}

int cni_results_mixing_matrix(cni_table **out, const cni_groups *gr, const cni_mixing *mx,
                              bool weight)
{
    cni_table *t = NULL;
    size_t n = gr->n;
    const double *cell = weight ? mx->weight : mx->ties;
    int rc;

    *out = NULL;
    if ((rc = cni_table_create(&t, weight ? "mixing_matrix_weight" : "mixing_matrix")) < 0) {
        return rc;
    }
    cni_table_column_in(t, cni_table_column(t, "group", CNI_COL_TEXT), CNI_IN_ALL & ~CNI_IN_JSON);
    for (size_t a = 0; a < n; a++) {
        real_column(t, gr->names[a], "%.10g", CNI_IN_ALL);
    }
    for (size_t a = 0; a < n; a++) {
        cni_table_text(t, gr->names[a]);
        for (size_t b = 0; b < n; b++) {
            cni_table_real(t, cell[a * n + b]);
        }
    }
    return done(out, t);
}

/* ---- brokerage ---- */

static void role_columns(cni_table *t, bool stats)
{
    for (size_t r = 0; r < CNI_BROKER_ROLES; r++) {
        real_column(t, cni_broker_role_names[r], "%.0f", CNI_IN_ALL);
    }
    for (size_t r = 0; stats && r < CNI_BROKER_ROLES; r++) {
        char name[64];
        snprintf(name, sizeof name, "expected_%s", cni_broker_role_names[r]);
        real_column(t, name, "%.6g", FILES);
    }
    for (size_t r = 0; stats && r < CNI_BROKER_ROLES; r++) {
        char name[64];
        snprintf(name, sizeof name, "z_%s", cni_broker_role_names[r]);
        real_column(t, name, "%.3f", FILES);
    }
}

int cni_results_brokerage(cni_table **out, const cn_graph *g, const cni_groups *gr,
                          const cni_brokerage *br)
{
    cni_table *t = NULL;
    size_t R = CNI_BROKER_ROLES;
    int rc;

    *out = NULL;
    if ((rc = cni_table_create(&t, "brokerage")) < 0) {
        return rc;
    }
    cni_table_column(t, "id", CNI_COL_ID);
    cni_table_column_in(t, cni_table_column(t, "label", CNI_COL_TEXT), NOT_PAGE);
    cni_table_column(t, "group", CNI_COL_TEXT);
    role_columns(t, true);
    for (size_t v = 0; v < br->nv; v++) {
        size_t i = gr->node_of[v];
        cni_table_text(t, cn_graph_node_id(g, i));
        cni_table_text(t, cn_graph_node_label(g, i));
        cni_table_text(t, gr->names[gr->group[gr->off[v]]]);
        for (size_t r = 0; r < R; r++) {
            cni_table_real(t, br->count[v * R + r]);
        }
        for (size_t r = 0; r < R; r++) {
            cni_table_real(t, br->expected[v * R + r]);
        }
        for (size_t r = 0; r < R; r++) {
            double sd = br->sd[v * R + r];
            cni_table_real(t, sd > 0 ? (br->count[v * R + r] - br->expected[v * R + r]) / sd
                                     : NAN);
        }
    }
    return done(out, t);
}

int cni_results_brokerage_groups(cni_table **out, const cni_groups *gr, const cni_brokerage *br)
{
    cni_table *t = NULL;
    int rc;

    *out = NULL;
    if ((rc = cni_table_create(&t, "brokerage_groups")) < 0) {
        return rc;
    }
    cni_table_column(t, "group", CNI_COL_TEXT);
    cni_table_column(t, "actors", CNI_COL_INT);
    role_columns(t, false);
    for (size_t a = 0; a < gr->n; a++) {
        cni_table_text(t, gr->names[a]);
        cni_table_size(t, gr->size[a]);
        for (size_t r = 0; r < CNI_BROKER_ROLES; r++) {
            cni_table_real(t, br->group_count[a * CNI_BROKER_ROLES + r]);
        }
    }
    return done(out, t);
}

typedef struct ranked {
    double count;
    size_t v;
} ranked;

static int cmp_ranked(const void *a, const void *b)
{
    const ranked *x = a, *y = b;

    if (x->count != y->count) {
        return x->count < y->count ? 1 : -1;
    }
    return (x->v > y->v) - (x->v < y->v);
}

int cni_results_brokers_top(cni_table **out, const cn_graph *g, const cni_groups *gr,
                            const cni_brokerage *br, size_t top)
{
    cni_table *t = NULL;
    ranked *rk = cni_alloc_array(br->nv + 1, sizeof *rk);
    size_t R = CNI_BROKER_ROLES;
    int rc;

    *out = NULL;
    if (!rk) {
        return cni_fail(CN_ENOMEM, "out of memory");
    }
    if ((rc = cni_table_create(&t, "brokers_top")) < 0) {
        free(rk);
        return rc;
    }
    cni_table_column(t, "role", CNI_COL_TEXT);
    cni_table_column(t, "rank", CNI_COL_INT);
    cni_table_column(t, "id", CNI_COL_ID);
    cni_table_column(t, "label", CNI_COL_TEXT);
    cni_table_column(t, "group", CNI_COL_TEXT);
    real_column(t, "count", "%.0f", CNI_IN_ALL);
    real_column(t, "z", "%.3f", CNI_IN_ALL);
    for (size_t r = 0; r + 1 < R; r++) {
        size_t n = 0;
        for (size_t v = 0; v < br->nv; v++) {
            if (br->count[v * R + r] > 0) {
                rk[n].count = br->count[v * R + r];
                rk[n++].v = v;
            }
        }
        qsort(rk, n, sizeof *rk, cmp_ranked);
        for (size_t k = 0; k < n && k < top; k++) {
            size_t v = rk[k].v, i = gr->node_of[v];
            double sd = br->sd[v * R + r];
            cni_table_text(t, cni_broker_role_names[r]);
            cni_table_size(t, k + 1);
            cni_table_text(t, cn_graph_node_id(g, i));
            cni_table_text(t, cn_graph_node_label(g, i));
            cni_table_text(t, gr->names[gr->group[gr->off[v]]]);
            cni_table_real(t, rk[k].count);
            cni_table_real(t, sd > 0 ? (rk[k].count - br->expected[v * R + r]) / sd : NAN);
        }
    }
    free(rk);
    return done(out, t);
}

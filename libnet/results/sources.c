/* The sources the edges cite (results.h). */
#define _GNU_SOURCE /* qsort_r */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "results.h"
#include "../util/util.h"

static int by_ref(const void *pa, const void *pb, void *ctx)
{
    const cn_graph *g = ctx;
    size_t a = *(const size_t *)pa, b = *(const size_t *)pb;
    cn_edge ea, eb;
    int c;

    cn_graph_edge(g, a, &ea);
    cn_graph_edge(g, b, &eb);
    c = strcmp(ea.ref, eb.ref);
    return c ? c : (a < b ? -1 : a > b);
}

int cni_results_sources(cni_table **out, const cn_graph *g)
{
    size_t m = cn_graph_edge_count(g), *idx = cni_alloc_array(m + 1, sizeof *idx);
    cni_table *t = NULL;
    int rc;

    *out = NULL;
    if (!idx) {
        return cni_fail(CN_ENOMEM, "out of memory");
    }
    if ((rc = cni_table_create(&t, "sources")) < 0) {
        goto done;
    }
    cni_table_set_title(t, "Sources cited by the edges (the ref column of edges.csv)");
    cni_table_column(t, "source", CNI_COL_TEXT);
    cni_table_column(t, "edges", CNI_COL_INT);
    cni_table_column(t, "lines", CNI_COL_LIST);
    for (size_t e = 0; e < m; e++) {
        idx[e] = e;
    }
    qsort_r(idx, m, sizeof *idx, by_ref, (void *)g);
    for (size_t k = 0, j; k < m && cni_table_status(t) == 0; k = j) {
        cn_edge e0, e;
        cn_graph_edge(g, idx[k], &e0);
        for (j = k; j < m; j++) {
            cn_graph_edge(g, idx[j], &e);
            if (strcmp(e.ref, e0.ref) != 0) {
                break;
            }
        }
        cni_table_text(t, e0.ref[0] ? e0.ref : NULL);
        cni_table_size(t, j - k);
        cni_table_list_begin(t);
        for (size_t q = k; q < j; q++) {
            char line[32];
            cn_graph_edge(g, idx[q], &e);
            snprintf(line, sizeof line, "%zu", e.line);
            cni_table_list_item(t, line);
        }
        cni_table_list_end(t);
    }
    if ((rc = cni_table_status(t)) == 0) {
        *out = t;
        t = NULL;
    }
done:
    cni_table_destroy(t);
    free(idx);
    return rc;
}

/* The sources the edges cite (results.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "results.h"
#include "../model/graph.h"
#include "../util/util.h"

/* An edge and its source, looked up once rather than at each comparison of the sort. */
typedef struct {
    const char *ref;
    size_t e;
} edge_ref;

static int by_ref(const void *pa, const void *pb)
{
    const edge_ref *a = pa, *b = pb;
    int c = a->ref == b->ref ? 0 : strcmp(a->ref, b->ref);

    return c ? c : (a->e < b->e ? -1 : a->e > b->e);
}

int cni_results_sources(cni_table **out, const cn_graph *g)
{
    size_t m = cn_graph_edge_count(g);
    edge_ref *idx = cni_alloc_array(m + 1, sizeof *idx);
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
    /* the columns, not cn_graph_edge() (dates unpacked): 10 million rows at generated L */
    for (size_t e = 0; e < m; e++) {
        idx[e].ref = cni_strpool_get(g->pool, cni_lazy_get(&g->e_ref, e));
        idx[e].e = e;
    }
    /* often in order already (generated L: one source for all): then not sorted */
    for (size_t e = 1; e < m; e++) {
        if (by_ref(&idx[e - 1], &idx[e]) > 0) {
            qsort(idx, m, sizeof *idx, by_ref);
            break;
        }
    }
    for (size_t k = 0, j; k < m && cni_table_status(t) == 0; k = j) {
        const char *ref = idx[k].ref;
        for (j = k; j < m && (idx[j].ref == ref || strcmp(idx[j].ref, ref) == 0); j++) {
        }
        cni_table_text(t, ref[0] ? ref : NULL);
        cni_table_size(t, j - k);
        cni_table_list_begin(t);
        for (size_t q = k; q < j; q++) {
            char line[CNI_DIGITS];
            cni_table_list_item(t, cni_digits(line, cni_lazy_get(&g->e_line, idx[q].e)));
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

/* Internal: every result described once as a table (util/table.h). The CLI's commands and the
 * report build their tables here, so `collabnet COMMAND -f csv` and the report's tables/NAME.csv
 * have the same columns and values (README "Output formats"); the report may show fewer
 * columns or rounded numbers on the page (CNI_IN_PAGE, display formats), never in the files.
 * Depends on model and analysis only. Each builder returns 0 or a negative cn_status with
 * *out NULL; the caller releases the table with cni_table_destroy(). */
#ifndef CNI_RESULTS_H
#define CNI_RESULTS_H

#include <collabnet/collabnet.h>

#include "../util/table.h"

/* ---- centrality (results/centrality.c) ---- */

/* Which nodes a centrality or cut-point table lists (`centrality --kind --region --field`). */
typedef struct cni_node_filter {
    unsigned kinds;     /* bit k: nodes of cn_node_kind k; 0: every kind */
    const char *region; /* NULL: any region */
    const char *field;  /* NULL: any field */
} cni_node_filter;
#define CNI_NODE_FILTER_INIT { 0, NULL, NULL }
bool cni_node_filter_keep(const cn_graph *g, size_t i, const cni_node_filter *f);

/* The rows of `collabnet centrality`: the nodes of @p view that @p f keeps, sorted by the first
 * measure vals[0] (ms[0]), highest first (constraint: lowest first), undefined values last,
 * ties in node order; at most @p top of them. *out is malloc'd (free()); 0 or CN_ENOMEM. */
int cni_centrality_rows(size_t **out, size_t *count, const cn_graph *g, cn_view view,
                        const cni_node_filter *f, const cn_measure *ms, double *const *vals,
                        size_t top);
/* The centrality table @p name, columns only: id, label, kind, then a real per measure of @p ms.
 * The CLI may stream it (cni_table_stream_csv()) before cni_centrality_add() fills it. */
int cni_centrality_table(cni_table **out, const char *name, const cn_measure *ms, size_t nm);
/* Its rows: the nodes rows[0..n) with vals[k][node] for measure k (NaN: undefined). Returns
 * cni_table_status(). */
int cni_centrality_add(cni_table *t, const cn_graph *g, const size_t *rows, size_t n,
                       size_t nm, double *const *vals);
/* `centrality -f json`: {collabnet, parameters: {graph, [projection_weight,] weighted,
 * normalized, sample, seed}, nodes: the table's records}. */
int cni_centrality_doc(cni_doc **out, const cni_table *nodes, const cn_centrality_options *o);

/* The cut-point table @p name (`centrality --cut-points`), columns only: cut (node or tie),
 * id, label, kind, other_id, other_label (a tie's other end; undefined for a node), component,
 * separated, separated_<kind> (JSON: separated_by_kind.<kind>). */
int cni_cuts_table(cni_table **out, const char *name);
/* Its rows: the cuts (in their order) one end of which @p f keeps, ties only when @p bridges,
 * at most @p top of them. Returns cni_table_status(). */
int cni_cuts_add(cni_table *t, const cn_graph *g, const cn_cut *cuts, size_t n,
                 const cni_node_filter *f, bool bridges, size_t top);
/* `centrality --cut-points -f json`: {collabnet, graph, cuts: the table's records}. */
int cni_cuts_doc(cni_doc **out, const cni_table *cuts, cn_view view);

/* ---- overlap (results/overlap.c) ---- */

/* ---- coverage (results/coverage.c) ---- */

/* ---- info: the dataset summary (results/info.c) ---- */

#endif

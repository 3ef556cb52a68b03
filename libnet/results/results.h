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

/* ---- overlap (results/overlap.c) ---- */

/* ---- coverage (results/coverage.c) ---- */

/* ---- info: the dataset summary (results/info.c) ---- */

/* ---- sources (results/sources.c) ---- */

/* The sources the edges cite: one row per distinct ref of edges.csv (sorted; an edge without
 * one counts under an undefined source), the number of edges citing it and their lines in
 * edges.csv. `collabnet info -t sources`. */
int cni_results_sources(cni_table **out, const cn_graph *g);

#endif

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

/* Nodes counted under a name (a region, a field, a lead's region); "" for those without. */
typedef struct cni_info_group {
    const char *name;                   /* borrowed from the graph */
    size_t by_kind[CN_NODE_KIND_COUNT];
    size_t total;
} cni_info_group;

typedef struct cni_info_umbrella {
    size_t net;                         /* node index of the umbrella network */
    size_t subs;                        /* its direct sub-networks */
    cni_info_group *by_lead_region;     /* sub-networks by their lead's region */
    size_t nregions;
} cni_info_umbrella;

/* What `collabnet info` and the report's summary count, computed once from the model. Groups
 * are sorted by name (byte order), the unnamed group last. */
typedef struct cni_info {
    const cn_graph *g;
    size_t merged_rows;                 /* collaboration rows folded into an earlier tie */
    cni_info_group *regions, *fields;
    size_t nregions, nfields;
    size_t *networks;                   /* node indices of networks, file order */
    size_t nnetworks;
    cni_info_group *lead_regions;       /* all networks by lead region ("" = no lead) */
    size_t nlead_regions;
    cni_info_umbrella *umbrellas;
    size_t numbrellas;
    cn_components components;           /* combined view */
} cni_info;

/* Count everything; 0 or a negative cn_status. Release with cni_results_info_fini() either way. */
int cni_results_info_compute(cni_info *out, const cn_graph *g);
void cni_results_info_fini(cni_info *in);

/* The info table @p name: kinds, edges, regions, fields, networks, umbrellas, lead-regions,
 * components or sources (cni_results_sources(); CN_EINVAL for another), as
 * `info -t NAME -f csv` writes it; the report's tables/summary_regions.csv, summary_fields.csv,
 * networks.csv and sources.csv are regions, fields, networks and sources. With @p text, the table for `info -f table`: the unnamed group shows as "(none)"
 * and each umbrella ends with a total row. */
int cni_results_info_table(cni_table **out, const cni_info *in, const char *name, bool text);
/* The JSON document of `info -f json` (README "info"); @p dataset: the directory given. */
int cni_results_info_doc(cni_doc **out, const cni_info *in, const char *dataset);

/* ---- sources (results/sources.c) ---- */

/* The sources the edges cite: one row per distinct ref of edges.csv (sorted; an edge without
 * one counts under an undefined source), the number of edges citing it and their lines in
 * edges.csv. `collabnet info -t sources`. */
int cni_results_sources(cni_table **out, const cn_graph *g);

#endif

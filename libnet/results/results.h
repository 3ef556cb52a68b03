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

/* The field x region matrix, a row per field and region: field, region, led, reaching,
 * institutions, enterprises, experts (JSON: members.institution, ...). Table "matrix". */
int cni_coverage_matrix_table(cni_table **out, const cn_coverage *c);
/* The same for a terminal: field, then a column per region with "led / reaching". Table
 * "grid", titled. */
int cni_coverage_grid_table(cni_table **out, const cn_coverage *c);
/* The checks of the targets (@p targets: the file's name, in JSON), or the gaps alone: line,
 * rule, type, subject, status, have, need, message, suggestions (text), no_candidate in CSV;
 * targets, line, rule, type, field, region, network, met, have, need, message, suggestions
 * (records: id, label, score), no_candidate in JSON. Table "checks", or "gaps" when
 * @p gaps_only (the report's tables/gaps.csv: `coverage --gaps -f csv`). */
int cni_coverage_checks_table(cni_table **out, const cn_graph *g, const cn_coverage *c,
                              const char *targets, bool gaps_only);
/* The rules of the targets, one row each: line, rule, checks (one per subject), not_met; only
 * the rules with a gap when @p gaps_only. Table "rules" (`coverage --rules -f csv`). */
int cni_coverage_rules_table(cni_table **out, const cn_coverage *c, bool gaps_only);
/* The gaps opened from @p c1 to @p c2 (same targets, two dates), then those closed: change,
 * line, rule, subject, message; a gap is its rule's line and its subject. Table "changes". */
int cni_coverage_changes_table(cni_table **out, const cn_graph *g1, const cn_coverage *c1,
                               const cn_graph *g2, const cn_coverage *c2);

/* ---- info: the dataset summary (results/info.c) ---- */

/* ---- sources (results/sources.c) ---- */

/* The sources the edges cite: one row per distinct ref of edges.csv (sorted; an edge without
 * one counts under an undefined source), the number of edges citing it and their lines in
 * edges.csv. `collabnet info -t sources`. */
int cni_results_sources(cni_table **out, const cn_graph *g);

#endif

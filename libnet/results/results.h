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

/* Each overlap table comes in two steps, so that the CLI can stream it as CSV
 * (cni_table_stream_csv(), memory flat for millions of pairs) between them: the first creates
 * it with its columns, *_rows() adds the rows (the first @p top; (size_t)-1: all) and returns
 * 0 or the table's status (CN_EIO when a streamed row could not be written). */

/* `overlap`, the report's tables/overlap.csv: the pairs of networks sharing members, most
 * shared first (a, b, shared, shared_KIND, size_a, size_b, jaccard, overlap, leads; JSON:
 * shared_by_kind.KIND and lead_a_in_b, lead_b_in_a instead of leads). */
int cni_results_overlap_pairs(cni_table **out);
int cni_results_overlap_pairs_rows(cni_table *t, const cn_graph *g, const cn_overlap *ov,
                                   size_t top);
/* `overlap --actors`, the report's tables/spanners.csv: actors in two or more networks. */
int cni_results_overlap_spanners(cni_table **out);
int cni_results_overlap_spanners_rows(cni_table *t, const cn_graph *g, const cn_overlap *ov,
                                      size_t top);
/* `overlap --matrix`: a row and a column per network (named by its id), shared members, each
 * network's size on the diagonal. The id column is not in JSON: cni_doc_column() gives the
 * ids, cni_doc_table_arrays() the rows. */
int cni_results_overlap_matrix(cni_table **out, const cn_graph *g);
int cni_results_overlap_matrix_rows(cni_table *t, const cn_graph *g, const cn_overlap *ov);
/* `overlap --by field|region`: members shared by groups of networks, from
 * cn_overlap_groups()'s @p rows (computed first: a refusal comes before any output). */
int cni_results_overlap_groups(cni_table **out, cn_group_by by);
int cni_results_overlap_groups_rows(cni_table *t, const cn_group_overlap *rows, size_t n,
                                    size_t top);

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

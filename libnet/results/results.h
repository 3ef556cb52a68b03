/* Internal: every result described once as a table (util/table.h). The CLI's commands and the
 * report build their tables here, so `collabnet COMMAND -f csv` and the report's tables/NAME.csv
 * have the same columns and values (README "Output formats"); the report may show fewer
 * columns or rounded numbers on the page (CNI_IN_PAGE, display formats), never in the files.
 * Depends on model and analysis only. Each builder returns 0 or a negative cn_status with
 * *out NULL; the caller releases the table with cni_table_destroy(). */
#ifndef CNI_RESULTS_H
#define CNI_RESULTS_H

#include <collabnet/collabnet.h>

#include "../analysis/mixing.h"
#include "../util/table.h"

/* A builder's one exit: *out = t when it was built without a failure (returns 0), else t
 * destroyed and its status returned. */
int cni_results_hand_over(cni_table **out, cni_table *t);

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
 * (records: the candidates table's columns from id on), no_candidate in JSON. Table "checks", or "gaps" when
 * @p gaps_only (the report's tables/gaps.csv: `coverage --gaps -f csv`). */
int cni_coverage_checks_table(cni_table **out, const cn_graph *g, const cn_coverage *c,
                              const char *targets, bool gaps_only);
/* The candidates of every gap, best first, a row each: line, subject (as in the checks), rank,
 * id, label, kind, region, country, fields (a list; inferred ones marked), score, signals (a
 * list: membership, tie, field, inferred-field, region, country), evidence. The checks' JSON
 * suggestions have the same columns from id on. Table "candidates" (the report's
 * tables/candidates.csv: `coverage --candidates -f csv`). */
int cni_coverage_candidates_table(cni_table **out, const cn_graph *g, const cn_coverage *c);
/* The rules of the targets, one row each: line, rule, checks (one per subject), met, not_met;
 * only the rules with a gap when @p gaps_only. Table "rules" (`coverage --rules -f csv`). */
int cni_coverage_rules_table(cni_table **out, const cn_coverage *c, bool gaps_only);
/* The gaps opened from @p c1 to @p c2 (same targets, two dates), then those closed: change,
 * line, rule, subject, message; a gap is its rule's line and its subject. Table "changes". */
int cni_coverage_changes_table(cni_table **out, const cn_graph *g1, const cn_coverage *c1,
                               const cn_graph *g2, const cn_coverage *c2);

/* The policy-critical actors (cn_coverage_critical()'s @p crit, in its order; at most @p top):
 * id, label, kind, region, breaks (checks met today that the actor's removal would fail), and
 * the checks: as text "SUBJECT (line N); ..." in CSV, as records {line, rule, subject,
 * message} in JSON. Table "critical" (`coverage --critical`, the report's critical.csv). */
int cni_coverage_critical_table(cni_table **out, const cn_graph *g, const cn_coverage *c,
                                const cn_critical *crit, size_t n, size_t top);

/* Checks met in each of @p n evaluations of the same targets (the dataset and a scenario):
 * state (@p names[k]), checks, met, not_met. Table "totals". */
int cni_coverage_totals_table(cni_table **out, const cn_coverage *const *cs,
                              const char *const *names, size_t n);

/* The summaries (`coverage` text output, `--section`; the report's coverage section). */
/* A row per network in scope (none without a network rule): network (id), a column per
 * network rule named line_N (text: "have/need ✓" or "✗"; JSON: checks.line_N, a record
 * {line, have, need, met}), not_met, label. Table "scorecard", titled. */
int cni_coverage_scorecard_table(cni_table **out, const cn_graph *g, const cn_coverage *c);
/* A row per field with a field rule's check: field, networks (the field-networks rule), a
 * column per region some field-regions rule names (JSON: regions.REGION), cells as in the
 * scorecard, not_met. Table "field_scorecard", titled. */
int cni_coverage_field_scorecard_table(cni_table **out, const cn_coverage *c);

/* --compare: the same targets evaluated on the data at two dates, @p c1 on @p g1 at @p d1 and
 * @p c2 on @p g2 at @p d2. A network exists at a date when it is in scope and has a membership
 * in force then (a member, a lead or a parent). */
/* Per date: date, networks (existing), checks, met, not_met. Table "compare_totals", titled. */
int cni_coverage_compare_totals_table(cni_table **out, const cn_graph *g1,
                                      const cn_coverage *c1, const char *d1,
                                      const cn_graph *g2, const cn_coverage *c2, const char *d2);
/* The networks that came into existence (change "new"; their checks and gaps at @p d2), then
 * those that ended ("ended"; at @p d1): change, network, checks, not_met, label. Table
 * "compare_networks", titled. */
int cni_coverage_compare_networks_table(cni_table **out, const cn_graph *g1,
                                        const cn_coverage *c1, const cn_graph *g2,
                                        const cn_coverage *c2);
/* The gaps that changed: change (new: every gap of a new network at @p d2; closed: a gap at
 * @p d1 and not at @p d2; opened: a gap at @p d2 and not at @p d1, in a network that existed
 * at both dates or of a field; ended: every gap at @p d1 of a network that ended), line, rule,
 * subject, message, label (a network's). Table "compare_changes", titled. @p counts (may be
 * NULL) receives the rows of each change: new, closed, opened, ended. */
int cni_coverage_compare_table(cni_table **out, size_t counts[4], const cn_graph *g1,
                               const cn_coverage *c1, const cn_graph *g2, const cn_coverage *c2);

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

/* Count everything, the components of the combined graph only with @p components (they build
 * igraph's graph of it: 5 s of processor at generated L, and the report shows none of them;
 * without, out->components is zero); 0 or a negative cn_status. Release with
 * cni_results_info_fini() either way. */
int cni_results_info_compute(cni_info *out, const cn_graph *g, bool components);
void cni_results_info_fini(cni_info *in);

/* The info table @p name: kinds, edges, regions, fields, networks, umbrellas, lead-regions,
 * components or sources (cni_results_sources(); CN_EINVAL for another), as
 * `info -t NAME -f csv` writes it; the report's tables/summary_regions.csv, summary_fields.csv,
 * networks.csv and sources.csv are regions, fields, networks and sources. With @p text, the table for `info -f table`: the unnamed group shows as "(none)"
 * and each umbrella ends with a total row. */
int cni_results_info_table(cni_table **out, const cni_info *in, const char *name, bool text);
/* The JSON document of `info -f json` (README "info"); @p dataset: the directory given. */
int cni_results_info_doc(cni_doc **out, const cni_info *in, const char *dataset);

/* ---- communities (results/communities.c) ---- */

/* `communities -t actors`: a row per node of the view: id, label, kind, community (numbered
 * from 1, largest first), community_size, isolated (no tie in the view). */
int cni_communities_actors_table(cni_table **out, const cn_graph *g, const cn_communities *c);
/* `communities` (-t communities): a row per community: community, size, members by kind
 * (JSON members.KIND), regions and fields ("NAME (COUNT)", most first; an actor counts under
 * each of its fields), central (the @p central members of highest strength), isolated. */
int cni_communities_table(cni_table **out, const cn_graph *g, const cn_communities *c,
                          size_t central);
/* `communities -t summary`: one row: method, graph, weighted, resolution, seed, communities,
 * isolated, modularity. */
int cni_communities_summary_table(cni_table **out, const cn_graph *g, const cn_communities *c);
/* `communities --compare-networks -t alignment`: one row: nmi, ari, vi, compared, excluded. */
int cni_communities_alignment_table(cni_table **out, const cn_community_alignment *a);
/* `-t cohesion`: a row per network: network, label, members (direct actor members in the
 * view), largest_community, in_largest, cohesion (in_largest / members). */
int cni_communities_cohesion_table(cni_table **out, const cn_graph *g, const cn_communities *c);
/* `-t spans`: a row per community with actors: community, actors, networks (those its actors
 * are direct members of, most shared first), in_no_network, main_network (the first of
 * them), main_share (its share of the actors), informal (two or more actors and no network
 * holding half of them). */
int cni_communities_spans_table(cni_table **out, const cn_graph *g, const cn_communities *c);
/* `communities -f json`: {collabnet, summary, communities, actors[, networks: {alignment,
 * cohesion, communities}]} (the last three NULL without --compare-networks). */
int cni_communities_doc(cni_doc **out, const cni_table *summary, const cni_table *communities,
                        const cni_table *actors, const cni_table *alignment,
                        const cni_table *cohesion, const cni_table *spans);

/* ---- sources (results/sources.c) ---- */

/* The sources the edges cite: one row per distinct ref of edges.csv (sorted; an edge without
 * one counts under an undefined source), the number of edges citing it and their lines in
 * edges.csv. `collabnet info -t sources`. */
int cni_results_sources(cni_table **out, const cn_graph *g);

/* ---- mixing and brokerage (results/mixing.c; analysis/mixing.h) ---- */

/* `mixing`: one row per measure (measure, value): groups, actors, actors_without_value, ties,
 * ties_left_out, ties_internal, ties_external, external_share, ei, weight_internal,
 * weight_external, ei_weighted, assortativity, assortativity_actors, assortativity_ties.
 * Table "mixing_summary". */
int cni_results_mixing_summary(cni_table **out, const cni_groups *gr, const cni_mixing *mx);
/* The same measures as an object at @p path of @p d (`mixing -f json`: counts as integers). */
void cni_results_mixing_summary_doc(cni_doc *d, const char *path, const cni_groups *gr,
                                    const cni_mixing *mx);
/* One row per group: group, actors, internal, external, internal_share, ei, weight_internal,
 * weight_external, ei_weighted. Table "mixing_groups". */
int cni_results_mixing_groups(cni_table **out, const cni_groups *gr, const cni_mixing *mx);
/* The pairs of groups with ties (a <= b, the same group for internal ties): group_a, group_b,
 * ties, weight, share (of all ties). Table "mixing_pairs". */
int cni_results_mixing_pairs(cni_table **out, const cni_groups *gr, const cni_mixing *mx);
/* The square group x group matrix of ties (or summed weights): group, then a column per group.
 * The group column is not in JSON. Table "mixing_matrix" ("mixing_matrix_weight"). */
int cni_results_mixing_matrix(cni_table **out, const cni_groups *gr, const cni_mixing *mx,
                              bool weight);
/* `brokerage`: one row per grouped actor, in node order: id, label, group, coordinator,
 * itinerant, representative, gatekeeper, liaison, total; in CSV and JSON also expected_ROLE
 * and z_ROLE (sna::brokerage's null model). Table "brokerage". */
int cni_results_brokerage(cni_table **out, const cn_graph *g, const cni_groups *gr,
                          const cni_brokerage *br);
/* The roles summed per group: group, actors, the six counts. Table "brokerage_groups". */
int cni_results_brokerage_groups(cni_table **out, const cni_groups *gr, const cni_brokerage *br);
/* The first @p top actors of each role (count > 0, most first, ties in node order): role, rank,
 * id, label, group, count, z. Table "brokers_top" (the report). */
int cni_results_brokers_top(cni_table **out, const cn_graph *g, const cni_groups *gr,
                            const cni_brokerage *br, size_t top);

#endif

/* collabnet — graph analyses on the model (computed with igraph). */
#ifndef COLLABNET_ANALYSIS_H
#define COLLABNET_ANALYSIS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <collabnet/error.h>
#include <collabnet/model.h>

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Which graph an analysis sees. Results are indexed by node (arrays of cn_graph_node_count());
 * nodes outside the view get NaN (measures) or are skipped (lists).
 * - CN_VIEW_COLLABORATION: actors (every non-network node) and their merged collaboration ties,
 *   weight = summed rows.
 * - CN_VIEW_MEMBERSHIP: every node; membership edges, member to network, read as undirected
 *   (the two-mode actor–network graph, nested networks included); weight = the edge's weight.
 * - CN_VIEW_COMBINED: every node; memberships and collaborations as one undirected graph.
 * - CN_VIEW_COMEMBERSHIP: actors tied by the networks they are direct members of together;
 *   the tie weight follows cn_projection.
 */
typedef enum cn_view {
    CN_VIEW_COLLABORATION = 0,
    CN_VIEW_MEMBERSHIP = 1,
    CN_VIEW_COMBINED = 2,
    CN_VIEW_COMEMBERSHIP = 3
} cn_view;

/** Name of a view ("collaboration", "membership", "combined", "comembership"); NULL if invalid. */
const char *cn_view_name(cn_view view);
/** Whether node i is a vertex of @p view (networks are not in the actor-only views); false for
 *  a NULL graph, an index past the end or an invalid view. */
bool cn_view_includes(const cn_graph *g, cn_view view, size_t i);

/**
 * Tie weight of the co-membership projection, for two actors sharing networks P:
 * - CN_PROJECTION_COUNT: |P|, the number of networks they share;
 * - CN_PROJECTION_NEWMAN: sum over p in P of 1 / (members(p) - 1) (Newman 2001: a tie through
 *   a small network counts more than one through a large one);
 * - CN_PROJECTION_JACCARD: |P| / |networks of either|.
 * members(p) counts p's direct actor members.
 */
typedef enum cn_projection {
    CN_PROJECTION_COUNT = 0,
    CN_PROJECTION_NEWMAN = 1,
    CN_PROJECTION_JACCARD = 2
} cn_projection;
/** "count", "newman", "jaccard"; NULL if invalid. */
const char *cn_projection_name(cn_projection p);

/** Summary of the connected components of a view. */
typedef struct cn_components {
    size_t count;    /**< number of components, isolated vertices included */
    size_t largest;  /**< vertices in the largest component */
    size_t isolated; /**< vertices with no tie in the view */
} cn_components;

/**
 * Connected components of a view (edge direction ignored).
 * @param[out] out         the summary (all 0 after a failure)
 * @param[out] membership  may be NULL; else cn_graph_node_count() entries: the component of
 *                         each node, numbered from 0 in node order of first appearance; CN_NONE
 *                         for nodes outside the view
 * @return 0, CN_EINVAL (@p out or @p g NULL, @p view invalid), CN_ELIMIT (CN_VIEW_COMEMBERSHIP
 *         with more ties than max_ties), CN_ENOMEM or CN_EGRAPH (igraph failed; cn_errmsg()
 *         says why)
 */
int cn_graph_components(cn_components *out, const cn_graph *g, cn_view view, size_t *membership);

/** Centrality measures (README "Centrality" gives each one's definition and conventions). */
typedef enum cn_measure {
    CN_MEASURE_DEGREE = 0,      /**< ties; with normalized, divided by n - 1 */
    CN_MEASURE_STRENGTH = 1,    /**< summed tie weights */
    CN_MEASURE_BETWEENNESS = 2, /**< shortest paths through the node, each unordered pair once */
    CN_MEASURE_CLOSENESS = 3,   /**< 1 / mean distance to the nodes it reaches */
    CN_MEASURE_HARMONIC = 4,    /**< sum of 1 / distance; with normalized, divided by n - 1 */
    CN_MEASURE_EIGENVECTOR = 5, /**< principal eigenvector, maximum scaled to 1 */
    CN_MEASURE_PAGERANK = 6,    /**< damping 0.85, solved exactly (PRPACK), sums to 1 */
    CN_MEASURE_CONSTRAINT = 7,  /**< Burt's constraint: high = no brokerage opportunity */
    CN_MEASURE_CORENESS = 8,    /**< k-core index */
    CN_MEASURE_COUNT = 9
} cn_measure;

/** Name of a measure ("degree", ...); NULL if invalid. */
const char *cn_measure_name(cn_measure m);
/** Parse a measure name. @return 0, or CN_EINVAL for an unknown name or a NULL argument */
int cn_measure_parse(cn_measure *out, const char *name);

/** Most worker processes cn_centrality() forks (cn_centrality_options.processes). */
#define CN_CENTRALITY_MAX_PROCESSES 256u

/** Progress callback: @p fraction in [0, 1] of the whole call (all its measures together).
 *  Called from the calling thread only, never from a worker process (the workers count their
 *  sources and the caller reports their sum); the fractions never decrease, and the last one
 *  is 1 when the call succeeds. */
typedef void cn_progress_fn(double fraction, void *ctx);

typedef struct cn_centrality_options {
    cn_view view;
    cn_projection projection; /**< for CN_VIEW_COMEMBERSHIP */
    bool weighted;            /**< false: every tie has weight 1 */
    bool normalized;          /**< betweenness / ((n-1)(n-2)/2), harmonic and degree / (n-1) */
    size_t sample;            /**< 0: exact; K: betweenness, closeness and harmonic estimated
                                   from K sampled sources (README "Sampling") */
    uint64_t seed;            /**< for sampling */
    unsigned processes;       /**< worker processes for the path-based measures; 0: one per
                                   online CPU, at most CN_CENTRALITY_MAX_PROCESSES; 1: none
                                   (no fork); above CN_CENTRALITY_MAX_PROCESSES: CN_EINVAL */
    cn_progress_fn *progress; /**< may be NULL */
    void *progress_ctx;
    size_t max_ties;          /**< CN_VIEW_COMEMBERSHIP: refuse (CN_ELIMIT) a projection of more
                                   than this many ties, counted as the sum over networks of
                                   k(k-1)/2 for k actor members before it is built; 0:
                                   CN_COMEMBERSHIP_MAX_TIES; SIZE_MAX: no limit */
} cn_centrality_options;
#define CN_CENTRALITY_OPTIONS_INIT                                                             \
    { CN_VIEW_COLLABORATION, CN_PROJECTION_COUNT, true, false, 0, 1, 0, NULL, NULL, 0 }

/** Default bound on the co-membership projection's ties (README "Reliability": about 40 bytes
 *  a tie to build it, more for igraph's copy and the measures). */
#define CN_COMEMBERSHIP_MAX_TIES ((size_t)10000000)

/**
 * Compute centrality measures on one view, building the graph once.
 * @param[out] out  out[k] is an array of cn_graph_node_count() doubles for measures[k]; nodes
 *                  outside the view get NaN; so do measures undefined for a node (closeness
 *                  and constraint of an isolated node). @p out and @p measures may be NULL
 *                  when @p count is 0; no out[k] may be NULL.
 * @param measures  the measures, @p count of them
 * @param opts      options, or NULL for CN_CENTRALITY_OPTIONS_INIT
 * @return 0, CN_EINVAL (a NULL argument, an invalid measure, view or projection, processes
 *         above CN_CENTRALITY_MAX_PROCESSES), CN_ELIMIT (the co-membership projection has more
 *         ties than opts->max_ties), CN_ENOMEM, CN_EGRAPH (igraph failed), or CN_ERROR (a worker
 *         process failed). Path-based measures fork worker processes (opts->processes): a
 *         multi-threaded caller should pass processes = 1. The workers are ended by the kernel
 *         when the thread that called this function ends (Linux's PR_SET_PDEATHSIG), so a
 *         caller killed by any signal, SIGKILL included, leaves none behind; the call returns
 *         only when all of them are reaped. The library installs no signal handler: a caller
 *         that catches SIGINT or SIGTERM and carries on gets the call's result as usual, and
 *         must not leave the call with longjmp().
 */
int cn_centrality(double *const *out, const cn_graph *g, const cn_measure *measures,
                  size_t count, const cn_centrality_options *opts);

/**
 * A single point of failure: a node (articulation point) or a tie (bridge) whose removal
 * disconnects its component. Removal splits the component into pieces; the largest piece keeps
 * going, the others are cut off.
 */
typedef struct cn_cut {
    size_t a;                 /**< the node, or one end of the bridge */
    size_t b;                 /**< CN_NONE for a node; the other end of the bridge */
    size_t component;         /**< vertices in the component before the removal */
    size_t separated;         /**< vertices cut off from the largest remaining piece */
    size_t separated_by_kind[CN_NODE_KIND_COUNT];
} cn_cut;

/**
 * Articulation points and bridges of a view, sorted by separated (most first), then node order.
 * @param[out] out    an array released with cn_free(); NULL when there are none
 * @param[out] count  its length
 * @param opts        for CN_VIEW_COMEMBERSHIP: projection and max_ties; may be NULL
 *                    (CN_PROJECTION_COUNT, the default limit)
 * @return 0, CN_EINVAL (a NULL @p out, @p count or @p g; an invalid view or projection),
 *         CN_ELIMIT (see cn_centrality_options.max_ties), CN_ENOMEM or CN_EGRAPH
 */
int cn_cut_points(cn_cut **out, size_t *count, const cn_graph *g, cn_view view,
                  const cn_centrality_options *opts);


/* ---- cross-network overlap ---- */

typedef struct cn_overlap_options {
    bool transitive;   /**< members of a sub-network are members of its umbrella networks too */
    int kind;          /**< count only members of this cn_node_kind; -1: every kind */
    size_t min_shared; /**< list pairs sharing at least this many members (0 counts as 1) */
    size_t max_shared; /**< refuse (CN_ELIMIT) when pairs of networks share more than this many
                            members in all (the sum of shared over every pair: a member counted
                            in c networks adds c(c-1)/2), or when transitive membership walks
                            more than this many membership edges; 0: CN_OVERLAP_MAX_SHARED;
                            SIZE_MAX: no limit */
} cn_overlap_options;
#define CN_OVERLAP_OPTIONS_INIT { false, -1, 1, 0 }

/** Default bound on the overlap's work and pairs (README "Reliability"). */
#define CN_OVERLAP_MAX_SHARED ((size_t)5000000)

/** Two networks with shared members. Sizes and counts follow the options' kind filter. */
typedef struct cn_overlap_pair {
    size_t a, b;                                /**< network nodes, a < b */
    size_t shared;                              /**< members of both */
    size_t shared_by_kind[CN_NODE_KIND_COUNT];
    size_t size_a, size_b;                      /**< members of each */
    double jaccard;                             /**< shared / (size_a + size_b - shared) */
    double overlap;                             /**< shared / min(size_a, size_b) */
    bool lead_a_in_b;                           /**< a's lead is a member of b */
    bool lead_b_in_a;                           /**< b's lead is a member of a */
} cn_overlap_pair;

typedef struct cn_overlap cn_overlap; /* opaque: the membership sets and every overlap */

/**
 * Compute the overlap of every pair of networks. The cost is proportional to the sum over
 * members of (networks per member)², not to networks²: pairs that share nobody are never
 * visited. Memory is linear in the memberships plus the pairs found.
 * The work is bounded by opts->max_shared, checked before the pairs are counted (and while
 * walking sub-networks, when transitive).
 * @param[out] out  released with cn_overlap_destroy(); it borrows @p g, which must outlive it
 * @param opts      may be NULL (CN_OVERLAP_OPTIONS_INIT)
 * @return 0, CN_EINVAL (a NULL @p out or @p g, a bad kind), CN_ELIMIT (past max_shared;
 *         cn_errmsg() gives the figure) or CN_ENOMEM
 */
int cn_overlap_compute(cn_overlap **out, const cn_graph *g, const cn_overlap_options *opts);
/** Release; NULL is a no-op. */
void cn_overlap_destroy(cn_overlap *o);

/* The getters below follow error.h's contract: a NULL overlap or an index past the end (a node
 * index >= cn_graph_node_count()) gives 0, NULL or CN_NONE. */

/** Pairs sharing at least min_shared members, sorted by shared (most first), then Jaccard
 * (highest first), then a, then b. */
size_t cn_overlap_pair_count(const cn_overlap *o);
const cn_overlap_pair *cn_overlap_pair_at(const cn_overlap *o, size_t k);

/** Members counted for network @p net (0 for a node that is not a network). */
size_t cn_overlap_size(const cn_overlap *o, size_t net);
/** Networks node @p i is counted in (direct, or through sub-networks when transitive). */
size_t cn_overlap_node_network_count(const cn_overlap *o, size_t i);
/** The k-th of them (a network node index), in node order; CN_NONE past the count. */
size_t cn_overlap_node_network(const cn_overlap *o, size_t i, size_t k);

/**
 * Boundary spanners: actors (not networks) counted in two or more networks, ranked by the
 * number of networks, then of fields and of regions those networks span (most first), then
 * node order. A network's region is cn_graph_network_region().
 */
size_t cn_overlap_spanner_count(const cn_overlap *o);
size_t cn_overlap_spanner(const cn_overlap *o, size_t k);
/** Distinct fields (of the networks' `fields`) and regions spanned by node i's networks. */
size_t cn_overlap_fields_spanned(const cn_overlap *o, size_t i);
size_t cn_overlap_regions_spanned(const cn_overlap *o, size_t i);

/** Grouping of networks for aggregated overlap. */
typedef enum cn_group_by {
    CN_GROUP_FIELD = 0,  /**< a network is in the group of each of its fields */
    CN_GROUP_REGION = 1  /**< a network is in the group of its region */
} cn_group_by;

/** Members shared by two groups of networks (a == b: members of any network of the group). */
typedef struct cn_group_overlap {
    const char *a, *b; /**< group names (field slugs or regions), a <= b; borrowed from the graph */
    size_t shared;     /**< members of a network of group a and of a network of group b */
    size_t shared_by_kind[CN_NODE_KIND_COUNT];
} cn_group_overlap;

/**
 * Overlap aggregated over groups of networks; networks without a field (or region) are left
 * out. Rows with shared > 0, sorted by a, then b (byte order).
 * The work, and the rows between two groups, are the sum over members of d(d - 1)/2 for d
 * groups, refused past the overlap's max_shared.
 * @param[out] out    an array released with cn_free(); NULL when there are no rows
 * @param[out] count  its length
 * @return 0, CN_EINVAL (a NULL @p out, @p count or @p o; an invalid @p by), CN_ELIMIT (past
 *         max_shared) or CN_ENOMEM
 */
int cn_overlap_groups(cn_group_overlap **out, size_t *count, const cn_overlap *o, cn_group_by by);

/* ---- coverage against policy targets (cn_targets and cn_rule_type: model.h) ---- */

/** The signals behind a candidate (cn_suggestion.signals, a bitmask). The first four are
 *  evidence: a candidate has at least one of them. Region and country only say where it fits.
 *  README "How candidates are ranked" gives each signal's weight. */
enum {
    CN_SIGNAL_MEMBERSHIP = 1u << 0,     /**< shares another network with the lead or members
                                             concerned (a lead rule: a member of the network) */
    CN_SIGNAL_TIE = 1u << 1,            /**< collaborates with them */
    CN_SIGNAL_FIELD = 1u << 2,          /**< its own `fields` list a field concerned */
    CN_SIGNAL_FIELD_INFERRED = 1u << 3, /**< a network it leads or belongs to has one */
    CN_SIGNAL_REGION = 1u << 4,         /**< located in the region concerned */
    CN_SIGNAL_COUNTRY = 1u << 5         /**< its country is what the rule's filter asks */
};

/** A candidate that would help close a gap: it fits the rule (kind and filter), is not in the
 *  network yet (a lead rule: is one of its member institutions), and has evidence. */
typedef struct cn_suggestion {
    size_t node;          /**< the candidate */
    double score;         /**< its signals' weights summed (README "How candidates are ranked") */
    unsigned signals;     /**< CN_SIGNAL_* bits */
    const char *evidence; /**< the signals in words, "; " apart ("member of g7 with the lead
                               utc; in North"); borrowed from the coverage */
    const char *fields;   /**< its own fields, ';' apart, or when it lists none, those of the
                               networks it belongs to, each marked " (inferred)"; may be "" */
} cn_suggestion;

/** One rule applied to one subject (a field, a field and a region, or a network). */
typedef struct cn_rule_result {
    cn_rule_type type;
    size_t line;            /**< the rule's line in the targets file */
    const char *rule;       /**< the rule as written ("key = value") */
    const char *field;      /**< field rules: the field; else NULL */
    const char *region;     /**< CN_RULE_FIELD_REGIONS: the region; else NULL */
    size_t network;         /**< network rules: the network node; else CN_NONE */
    bool met;
    size_t have, need;      /**< the numbers behind it: found, required */
    const char *message;    /**< what is met or missing, in words */
    const cn_suggestion *suggestions; /**< gaps only: best first; may be empty */
    size_t nsuggestions;
    const char *no_candidate; /**< a gap without suggestions: which signals the data lack */
} cn_rule_result;

/** A cell of the field x region coverage matrix. */
typedef struct cn_coverage_cell {
    size_t led;      /**< networks of the field whose lead (or own) region is the region */
    size_t reaching; /**< networks of the field with a member institution in the region */
    size_t members_by_kind[CN_NODE_KIND_COUNT]; /**< distinct members of the field's networks
                                                     located in the region, by kind */
} cn_coverage_cell;

typedef struct cn_coverage_options {
    size_t suggestions; /**< at most this many candidates per gap (0: none) */
} cn_coverage_options;
#define CN_COVERAGE_OPTIONS_INIT { 5 }

typedef struct cn_coverage cn_coverage; /* opaque */

/**
 * Evaluate targets on a graph: the coverage matrix and every rule's result. The scope is the
 * targets' umbrella network's direct sub-networks, or every network. Members are direct.
 * @param[out] out  released with cn_coverage_destroy(); borrows @p g and @p t
 * @param t         the targets, or NULL for the matrix alone (fields: those of the networks)
 * @param opts      may be NULL (CN_COVERAGE_OPTIONS_INIT)
 * @return 0, CN_EINVAL (a NULL @p out or @p g), CN_EDATA when the umbrella is not a network of
 *         @p g (cn_errmsg() says which), or CN_ENOMEM
 */
int cn_coverage_compute(cn_coverage **out, const cn_graph *g, const cn_targets *t,
                        const cn_coverage_options *opts);
/** Release; NULL is a no-op. */
void cn_coverage_destroy(cn_coverage *c);

/** The matrix's rows (fields: the targets' priority fields, or those the networks name) and
 *  columns (regions: the targets' regions, or those in the data), by index; strings are
 *  borrowed until cn_coverage_destroy(). A cell, for field index and region index. As error.h
 *  says, a NULL coverage or an index past the end gives 0 or NULL. */
size_t cn_coverage_field_count(const cn_coverage *c);
const char *cn_coverage_field(const cn_coverage *c, size_t i);
size_t cn_coverage_region_count(const cn_coverage *c);
const char *cn_coverage_region(const cn_coverage *c, size_t j);
const cn_coverage_cell *cn_coverage_cell_at(const cn_coverage *c, size_t field, size_t region);
/** Networks in scope. */
size_t cn_coverage_network_count(const cn_coverage *c);
/** The k-th network in scope (a node index), in node order; CN_NONE past the count. */
size_t cn_coverage_network(const cn_coverage *c, size_t k);

/** Rule results in the order of the targets file, then subject (field, region, network). */
size_t cn_coverage_result_count(const cn_coverage *c);
const cn_rule_result *cn_coverage_result(const cn_coverage *c, size_t k);
/** Results not met. */
size_t cn_coverage_gap_count(const cn_coverage *c);

/** A policy-critical actor: one whose departure alone would fail checks met today. */
typedef struct cn_critical {
    size_t node;          /**< the actor (never a network) */
    size_t nbroken;       /**< checks met today that its removal would fail */
    const size_t *broken; /**< their cn_coverage_result() indexes, ascending */
} cn_critical;

/**
 * The actors whose single removal (with their edges, as `coverage --without ID`) would fail
 * checks met today, most checks first, then node order. Only members of networks in scope can
 * matter, and each met check names the actors that break it directly (a network's only lead;
 * each counted member when there are exactly as many as needed; the one lead or member
 * institution a field's networks in a region all depend on), so the cost is linear in the
 * members of the networks in scope, with no reload and no pass per actor.
 * @param[out] out    an array released with cn_free() (each broken list with it); NULL when
 *                    there are none
 * @param[out] count  its length
 * @return 0, CN_EINVAL (a NULL argument) or CN_ENOMEM
 */
int cn_coverage_critical(cn_critical **out, size_t *count, const cn_coverage *c);

/* ---- communities (README "Communities") ---- */

typedef enum cn_community_method {
    CN_COMMUNITY_LEIDEN = 0,  /**< Leiden, modularity objective, iterated until stable */
    CN_COMMUNITY_LOUVAIN = 1, /**< Louvain (igraph's multilevel) */
    CN_COMMUNITY_METHOD_COUNT = 2
} cn_community_method;
/** "leiden", "louvain"; NULL if invalid. */
const char *cn_community_method_name(cn_community_method m);
/** Parse a method name. @return 0, or CN_EINVAL for an unknown name (cn_errmsg() says which) */
int cn_community_method_parse(cn_community_method *out, const char *name);

typedef struct cn_community_options {
    cn_community_method method;
    cn_view view;             /**< the graph whose ties are clustered */
    cn_projection projection; /**< for CN_VIEW_COMEMBERSHIP */
    bool weighted;            /**< false: every tie has weight 1 */
    double resolution;        /**< gamma > 0 of the modularity being optimised (1: standard) */
    uint64_t seed;            /**< igraph's RNG: the same seed gives the same partition */
    size_t max_ties;          /**< as cn_centrality_options.max_ties */
} cn_community_options;
#define CN_COMMUNITY_OPTIONS_INIT                                                              \
    { CN_COMMUNITY_LEIDEN, CN_VIEW_COLLABORATION, CN_PROJECTION_COUNT, true, 1.0, 1, 0 }

typedef struct cn_communities cn_communities; /* opaque */

/**
 * Detect communities in a view. Communities are numbered from 0 by size (largest first), then
 * by their first node; a vertex with no tie in the view is a community of its own (isolated).
 * @param[out] out  released with cn_communities_destroy(); borrows @p g
 * @param opts      may be NULL (CN_COMMUNITY_OPTIONS_INIT)
 * @return 0, CN_EINVAL (a NULL @p out or @p g, an invalid method, view or projection, a
 *         resolution that is not > 0), CN_EDATA (the view has no tie; cn_errmsg() says so),
 *         CN_ELIMIT, CN_ENOMEM or CN_EGRAPH
 */
int cn_communities_compute(cn_communities **out, const cn_graph *g,
                           const cn_community_options *opts);
/** Release; NULL is a no-op. */
void cn_communities_destroy(cn_communities *c);
/** The options used (with the defaults filled in); NULL for NULL. */
const cn_community_options *cn_communities_options(const cn_communities *c);
/** Number of communities, isolated vertices included. */
size_t cn_communities_count(const cn_communities *c);
/** Community of node @p i; CN_NONE for a node outside the view or past the end. */
size_t cn_communities_of(const cn_communities *c, size_t i);
/** Vertices in community @p k (0 past the end). */
size_t cn_communities_size(const cn_communities *c, size_t k);
/** Whether node @p i is in the view and has no tie in it. */
bool cn_communities_isolated(const cn_communities *c, size_t i);
/** Summed tie weight of node @p i in the view (its strength; the degree when unweighted);
 *  NaN outside the view. */
double cn_communities_strength(const cn_communities *c, size_t i);
/** Newman-Girvan modularity of the partition at resolution 1 (README "Communities"). */
double cn_communities_modularity(const cn_communities *c);

/**
 * Modularity of any partition of a view: Q = sum over communities c of
 * (w_c / W - gamma (s_c / 2W)^2), W the total tie weight, w_c the weight of ties inside c,
 * s_c the summed strengths of c's vertices.
 * @param membership  cn_graph_node_count() entries, any labels (the same label, the same
 *                    community); those of nodes outside the view are ignored
 * @param resolution  gamma
 * @param opts        view, projection, weighted and max_ties; may be NULL
 * @return 0, CN_EINVAL, CN_EDATA (no tie), CN_ELIMIT or CN_ENOMEM
 */
int cn_modularity(double *out, const cn_graph *g, const size_t *membership, double resolution,
                  const cn_community_options *opts);

/**
 * An actor's primary network: the network it leads (the lowest id when several); else, of the
 * networks it is a direct member of, the lowest-level one (the most umbrella levels above it),
 * ties by id (byte order). Networks themselves and actors in no network get CN_NONE.
 * @param[out] out  cn_graph_node_count() entries
 * @return 0, CN_EINVAL or CN_ENOMEM
 */
int cn_primary_networks(size_t *out, const cn_graph *g);

/** How detected communities line up with the actors' primary networks. */
typedef struct cn_community_alignment {
    double nmi;      /**< normalized mutual information (Danon et al. 2005), 0..1; NaN when
                          one actor is compared (not defined) */
    double ari;      /**< adjusted Rand index (Hubert & Arabie 1985), 1 identical, ~0 chance;
                          NaN when one actor is compared (no pair) */
    double vi;       /**< variation of information (Meila 2007), natural log, 0 identical */
    size_t compared; /**< actors of the view with a primary network */
    size_t excluded; /**< actors of the view in no network (left out) */
} cn_community_alignment;

/**
 * Compare the communities with the primary networks (cn_primary_networks()) over the actors
 * of the view that have one.
 * @return 0, CN_EINVAL, CN_EDATA (no actor of the view is in a network), CN_ENOMEM or
 *         CN_EGRAPH
 */
int cn_communities_align(cn_community_alignment *out, const cn_communities *c);

#ifdef __cplusplus
}
#endif
#endif

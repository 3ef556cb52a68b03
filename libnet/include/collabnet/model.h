/* collabnet — the ecosystem model: typed nodes and edges, read-only once loaded. */
#ifndef COLLABNET_MODEL_H
#define COLLABNET_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <collabnet/error.h>

#ifdef __cplusplus
extern "C" {
#endif

/** "No such node/edge" index. */
#define CN_NONE ((size_t)-1)

typedef enum cn_node_kind {
    CN_NODE_INSTITUTION = 0,
    CN_NODE_ENTERPRISE = 1,
    CN_NODE_EXPERT = 2,
    CN_NODE_NETWORK = 3,
    CN_NODE_KIND_COUNT = 4
} cn_node_kind;

typedef enum cn_edge_kind {
    CN_EDGE_MEMBERSHIP = 0,
    CN_EDGE_COLLABORATION = 1,
    CN_EDGE_KIND_COUNT = 2
} cn_edge_kind;

/** Role of a membership edge; collaboration edges have CN_ROLE_NONE. */
typedef enum cn_role {
    CN_ROLE_NONE = 0,
    CN_ROLE_LEAD = 1,
    CN_ROLE_MEMBER = 2,
    CN_ROLE_PARTNER = 3,
    CN_ROLE_COUNT = 4
} cn_role;

/** An ISO 8601 calendar date of reduced precision: YYYY, YYYY-MM or YYYY-MM-DD. */
typedef struct cn_date {
    int year;  /**< 0: no date */
    int month; /**< 1-12, or 0 when only the year is known */
    int day;   /**< 1-31, or 0 when not known */
} cn_date;

/** One edge row as read (membership or collaboration), strings borrowed from the graph. */
typedef struct cn_edge {
    size_t source;      /**< node index; the member for membership edges */
    size_t target;      /**< node index; the network for membership edges */
    cn_edge_kind kind;
    cn_role role;
    double weight;      /**< positive and finite; 1 when not given */
    cn_date since;
    cn_date until;
    const char *ref;    /**< provenance; "" when not given */
    size_t line;        /**< line in edges.csv, 0 for edges not read from a file */
} cn_edge;

/**
 * One collaboration tie: all collaboration rows between the same unordered pair merged.
 * a < b always; weight is the sum of the rows' weights.
 */
typedef struct cn_tie {
    size_t a, b;
    double weight;
    size_t rows; /**< number of edges.csv rows merged into this tie */
} cn_tie;

typedef struct cn_graph cn_graph; /* opaque */

/** Release a graph; NULL is a no-op. */
void cn_graph_destroy(cn_graph *g);

/* The getters below follow error.h's contract: a NULL graph or an index past the end gives 0,
 * NULL, CN_NONE or false, never a read out of bounds. */

/** Number of nodes. */
size_t cn_graph_node_count(const cn_graph *g);
/** Number of edge rows (membership and collaboration, before merging). */
size_t cn_graph_edge_count(const cn_graph *g);
/** Number of collaboration ties after merging repeated pairs. */
size_t cn_graph_tie_count(const cn_graph *g);
/** Number of nodes of one kind. */
size_t cn_graph_count_kind(const cn_graph *g, cn_node_kind kind);
/** Number of edge rows of one kind. */
size_t cn_graph_count_edge_kind(const cn_graph *g, cn_edge_kind kind);

/** Index of the node with this id, or CN_NONE (also for a NULL @p id). O(1) expected. */
size_t cn_graph_find(const cn_graph *g, const char *id);

/* Node getters for node i < cn_graph_node_count(): strings are borrowed until the graph is
 * destroyed and are "" when absent (label falls back to the id); NULL when i is past the end. */
const char *cn_graph_node_id(const cn_graph *g, size_t i);
const char *cn_graph_node_label(const cn_graph *g, size_t i);
/** The kind of node i; CN_NODE_KIND_COUNT when i is past the end. */
cn_node_kind cn_graph_node_kind(const cn_graph *g, size_t i);
const char *cn_graph_node_region(const cn_graph *g, size_t i);
const char *cn_graph_node_country(const cn_graph *g, size_t i);
/** Number of field slugs of node i (the `fields` column split on ';'). */
size_t cn_graph_node_field_count(const cn_graph *g, size_t i);
/** The k-th field slug of node i, in the order given; NULL when k >= its field count. */
const char *cn_graph_node_field(const cn_graph *g, size_t i, size_t k);
/** Whether node i lists field @p slug (false for a NULL @p slug). */
bool cn_graph_node_has_field(const cn_graph *g, size_t i, const char *slug);
/** Line of node i in nodes.csv (0 if not read from a file). */
size_t cn_graph_node_line(const cn_graph *g, size_t i);

/** Extra (non-contract) columns of nodes.csv, carried as string attributes. */
size_t cn_graph_node_attr_count(const cn_graph *g);
const char *cn_graph_node_attr_name(const cn_graph *g, size_t k);
/** Value of extra column k for node i; "" when empty; NULL when i or k is past the end. */
const char *cn_graph_node_attr(const cn_graph *g, size_t i, size_t k);

/** Edge row e (e < cn_graph_edge_count()), in file order. Past the end, *out is no edge:
 *  source and target CN_NONE, kind CN_EDGE_KIND_COUNT, ref NULL, everything else 0. */
void cn_graph_edge(const cn_graph *g, size_t e, cn_edge *out);
/** Extra columns of edges.csv, as for nodes. */
size_t cn_graph_edge_attr_count(const cn_graph *g);
const char *cn_graph_edge_attr_name(const cn_graph *g, size_t k);
const char *cn_graph_edge_attr(const cn_graph *g, size_t e, size_t k);

/** Collaboration tie t (t < cn_graph_tie_count()), ordered by (a, b). Past the end, *out has
 *  a and b CN_NONE, weight and rows 0. */
void cn_graph_tie(const cn_graph *g, size_t t, cn_tie *out);

/** The lead of network @p net (a node index), or CN_NONE when it has none or is not a network. */
size_t cn_graph_network_lead(const cn_graph *g, size_t net);
/**
 * The region a network counts under: its lead's region, or its own `region` when it has no lead
 * (or its lead has none). "" when neither is known; NULL when @p net is past the end.
 */
const char *cn_graph_network_region(const cn_graph *g, size_t net);
/**
 * The region node @p i counts under wherever nodes are counted or grouped by region (`info`,
 * the report, the diagrams' region boxes): an actor's own `region`; a network's
 * cn_graph_network_region() (its lead's region, or its own when it has no lead or the lead has
 * none). Borrowed until the graph is destroyed.
 * @return the region, "" when none is known, NULL when @p i is past the end or @p g is NULL
 */
const char *cn_graph_node_home_region(const cn_graph *g, size_t i);
/**
 * Direct members of network @p net by kind and role (all 0 when @p net is past the end).
 * @param[out] by_kind  counts[CN_NODE_KIND_COUNT] of direct members (lead included), by kind;
 *                      a sub-network counts under CN_NODE_NETWORK; may be NULL
 * @param[out] by_role  counts[CN_ROLE_COUNT] by role; may be NULL
 */
void cn_graph_network_members(const cn_graph *g, size_t net, size_t by_kind[CN_NODE_KIND_COUNT],
                              size_t by_role[CN_ROLE_COUNT]);
/** Number of membership edges into network @p net (its direct members). */
size_t cn_graph_network_member_count(const cn_graph *g, size_t net);
/** The k-th membership edge index into network @p net, in file order; CN_NONE when
 *  k >= cn_graph_network_member_count() (never another network's edge). */
size_t cn_graph_network_member_edge(const cn_graph *g, size_t net, size_t k);
/** Number of networks that node i is a direct member of. */
size_t cn_graph_node_network_count(const cn_graph *g, size_t i);
/** The k-th membership edge index whose source is node i, in file order; CN_NONE when
 *  k >= cn_graph_node_network_count(). */
size_t cn_graph_node_network_edge(const cn_graph *g, size_t i, size_t k);

/* Names of enumerations as used in the files ("institution", "lead", ...); NULL if invalid. */
const char *cn_node_kind_name(cn_node_kind kind);
const char *cn_edge_kind_name(cn_edge_kind kind);
const char *cn_role_name(cn_role role);

/**
 * Parse an ISO 8601 date of reduced precision (YYYY, YYYY-MM, YYYY-MM-DD, year 1-9999, a real
 * calendar day). "" gives the absent date.
 * @return 0, or CN_EINVAL when @p text is malformed or an argument is NULL (then *out, if
 *         there is one, is the absent date)
 */
int cn_date_parse(cn_date *out, const char *text);
/**
 * Format a date as it was given (YYYY, YYYY-MM or YYYY-MM-DD) into @p buf (at least 11 bytes);
 * "" for the absent date. Returns buf (NULL for a NULL @p buf).
 */
char *cn_date_format(char *buf, cn_date d);
/**
 * Whether period @p a ends before period @p b begins, a reduced date standing for the whole
 * year or month it names: (2024, 2025-01) is true; (2025, 2025-08) is false.
 */
bool cn_date_before(cn_date a, cn_date b);
/** Whether an edge with these dates is in force at @p at (all absent dates: always). */
bool cn_date_in_force(cn_date since, cn_date until, cn_date at);

/** Policy targets, read from a targets file (cn_targets_load() in load.h), evaluated by
 *  cn_coverage_compute() (analysis.h). */
typedef struct cn_targets cn_targets;

/** What a targets rule checks. */
typedef enum cn_rule_type {
    CN_RULE_FIELD_NETWORKS = 0, /**< at least N networks in a priority field */
    CN_RULE_FIELD_REGIONS = 1,  /**< a field has a network led in (or reaching) each region */
    CN_RULE_NETWORK_LEAD = 2,   /**< a network has exactly N leads */
    CN_RULE_NETWORK_MEMBERS = 3 /**< a network has at least N members of a kind (filtered) */
} cn_rule_type;

#ifdef __cplusplus
}
#endif
#endif

/* Internal: how groups of actors tie to each other (`collabnet mixing`) and who brokers between
 * them (`collabnet brokerage`), on the collaboration view (README "mixing", "brokerage"). */
#ifndef CNI_MIXING_H
#define CNI_MIXING_H

#include <stdint.h>

#include <collabnet/analysis.h>

#include "view.h"

/* The groups of the actors by an attribute: region, country, field (a list: an actor is in the
 * group of each of its fields), kind, or an extra column of nodes.csv. An actor with an empty
 * value is in no group: it is left out, with its ties, and counted. */
typedef struct cni_groups {
    size_t n;              /* groups */
    const char **names;    /* sorted (byte order); borrowed from the graph */
    size_t *size;          /* actors in each group */
    size_t nv;             /* actors (the collaboration view's vertices) */
    uint32_t *node_of;     /* vertex -> node */
    uint32_t *off, *group; /* vertex v is in group[off[v] .. off[v + 1]) */
    size_t excluded;       /* actors in no group */
    size_t m;              /* ties of the view */
    uint32_t *from, *to;   /* the view's ties (vertices) */
    double *weight;
    size_t excluded_ties;  /* ties with an end in no group */
    bool list;             /* --by field */
} cni_groups;

/* Group the actors by @p by ("region", "country", "field", "kind" or an extra column). Returns
 * 0; CN_EINVAL when @p by names no column (message lists the columns); CN_EDATA when no actor
 * has a value or no tie joins two actors that have one; CN_ENOMEM. */
int cni_groups_build(cni_groups *out, const cn_graph *g, const char *by);
/* The same from @p v, the collaboration view of @p g built by the caller (cni_view_build()
 * with CN_PROJECTION_COUNT; the report's mixing and brokerage share one); @p v is not kept. */
int cni_groups_build_view(cni_groups *out, const cn_graph *g, const cni_view *v, const char *by);
void cni_groups_fini(cni_groups *gr);

/* The mixing of groups: each tie u-v adds 1 / (|groups of u| |groups of v|) to every pair of a
 * group of u and a group of v (1 to one cell unless --by field); weight likewise. */
typedef struct cni_mixing {
    size_t n;             /* groups (cni_groups) */
    double *ties, *weight; /* n x n, symmetric: [a * n + b] ties between a and b, [a * n + a]
                            * ties inside a */
    double internal, external;          /* ties inside a group, between two */
    double internal_w, external_w;      /* the same, summed weights */
    double assortativity;               /* Newman's r; NaN when undefined */
    size_t assort_actors, assort_ties;  /* what r was computed on: actors in exactly one group */
} cni_mixing;

int cni_mixing_compute(cni_mixing *out, const cni_groups *gr);
void cni_mixing_fini(cni_mixing *mx);

/* Gould & Fernandez's roles, in sna::brokerage's order. */
enum { CNI_BROKER_COORDINATOR, CNI_BROKER_ITINERANT, CNI_BROKER_REPRESENTATIVE,
       CNI_BROKER_GATEKEEPER, CNI_BROKER_LIAISON, CNI_BROKER_TOTAL, CNI_BROKER_ROLES };
extern const char *const cni_broker_role_names[CNI_BROKER_ROLES];

/* Brokerage of every grouped actor (the groups of a single-valued attribute): count[v * 6 + r]
 * the ordered open two-paths i -> v -> k (i, k tied to v, not to each other) in role r, each
 * undirected tie read in both directions; expected[] and sd[] under sna's null model (a random
 * digraph of the same density), for the z-score (count - expected) / sd. Actors in no group
 * are left out (cni_groups). */
typedef struct cni_brokerage {
    size_t nv;
    double *count, *expected, *sd; /* nv * CNI_BROKER_ROLES */
    double *group_count;           /* cni_groups n * CNI_BROKER_ROLES: the sums per group */
} cni_brokerage;

/* CN_EINVAL for a list attribute (fields); CN_ENOMEM. */
int cni_brokerage_compute(cni_brokerage *out, const cni_groups *gr);
void cni_brokerage_fini(cni_brokerage *b);

/* The brokerage counts by node, for the export: vals[r][i] the count of role r of node i of
 * @p g (the CNI_BROKER_ROLES arrays of cn_graph_node_count() doubles are the caller's), NaN for
 * a node outside the brokerage graph. Returns as cni_groups_build() and
 * cni_brokerage_compute(). */
int cni_brokerage_by_node(double *const *vals, const cn_graph *g, const char *by);

#endif

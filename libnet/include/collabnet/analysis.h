/* collabnet — graph analyses on the model (computed with igraph). */
#ifndef COLLABNET_ANALYSIS_H
#define COLLABNET_ANALYSIS_H

#include <stddef.h>

#include <collabnet/error.h>
#include <collabnet/model.h>

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Which ties an analysis sees. Every view has one vertex per node of the graph, in node order,
 * so results index like the graph's nodes.
 * - CN_VIEW_COLLABORATION: the merged collaboration ties (undirected, weight = summed rows);
 *   networks are isolated vertices.
 * - CN_VIEW_MEMBERSHIP: membership edges, member to network (two-mode; nested networks too).
 * - CN_VIEW_COMBINED: both, as one undirected graph.
 */
typedef enum cn_view {
    CN_VIEW_COLLABORATION = 0,
    CN_VIEW_MEMBERSHIP = 1,
    CN_VIEW_COMBINED = 2
} cn_view;

/** Name of a view ("collaboration", "membership", "combined"); NULL if invalid. */
const char *cn_view_name(cn_view view);

/** Summary of the weakly connected components of a view. */
typedef struct cn_components {
    size_t count;    /**< number of components, isolated vertices included */
    size_t largest;  /**< vertices in the largest component */
    size_t isolated; /**< vertices with no tie in the view */
} cn_components;

/**
 * Connected components of a view (edge direction ignored).
 * @param[out] out         the summary
 * @param[out] membership  if not NULL, cn_graph_node_count() entries: the component of each
 *                         node, numbered from 0 in order of each component's first node
 * @return 0, CN_EINVAL, CN_ENOMEM or CN_EGRAPH (igraph failed; cn_errmsg() says why)
 */
int cn_graph_components(cn_components *out, const cn_graph *g, cn_view view, size_t *membership);

#ifdef __cplusplus
}
#endif
#endif

/* Internal: a view of the model as a plain undirected edge list over its own vertex numbering.
 * Built without igraph, so the logic of what a view contains stays testable and in one place. */
#ifndef CNI_VIEW_H
#define CNI_VIEW_H

#include <stdint.h>

#include <collabnet/analysis.h>

typedef struct cni_view {
    size_t nv;               /* vertices */
    uint32_t *vert_of_node;  /* node -> vertex, UINT32_MAX when outside the view */
    uint32_t *node_of_vert;  /* vertex -> node */
    size_t m;                /* undirected edges */
    uint32_t *from, *to;     /* vertex ids */
    double *weight;          /* tie strength, > 0 */
} cni_view;

/* Build a view; @p projection and @p max_ties (0: CN_COMEMBERSHIP_MAX_TIES) only matter for
 * CN_VIEW_COMEMBERSHIP, which is refused with CN_ELIMIT past max_ties. */
int cni_view_build(cni_view *out, const cn_graph *g, cn_view view, cn_projection projection,
                   size_t max_ties);
void cni_view_fini(cni_view *v);

#endif

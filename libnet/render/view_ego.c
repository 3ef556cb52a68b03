/* The ego view: the neighbourhood of one node, memberships and ties. No Graphviz here. */
#include "views.h"

#include <stdlib.h>
#include <string.h>

#include "../analysis/ig.h"
#include "../analysis/view.h"
#include "../util/util.h"

int cni_views_ego(cni_draw_ctx *c)
{
    const cn_graph *g = c->g;
    size_t n = cn_graph_node_count(g), B = cni_draw_budget(c->o);
    size_t depth = c->o->depth ? c->o->depth : 1;
    size_t focus, count = 0;
    cni_view v = { 0 };
    cni_ig_graph *gr = NULL;
    uint32_t *order = NULL, *dist = NULL;
    size_t *vert = NULL;
    cni_regions reg = { 0 };
    int rc;

    if (!c->o->focus || !*c->o->focus) {
        return cni_fail(CN_EINVAL, "the ego view needs a focus node");
    }
    if ((focus = cn_graph_find(g, c->o->focus)) == CN_NONE) {
        return cni_fail(CN_EINVAL, "no node '%s' in the dataset", c->o->focus);
    }
    if ((rc = cni_view_build(&v, g, CN_VIEW_COMBINED, CN_PROJECTION_COUNT, 0)) != 0) {
        return rc;
    }
    order = cni_alloc_array(v.nv + 1, sizeof *order);
    dist = cni_alloc_array(v.nv + 1, sizeof *dist);
    vert = cni_alloc_array(n + 1, sizeof *vert);
    reg.name = cni_calloc_array(n + 1, sizeof *reg.name);
    reg.cluster = cni_calloc_array(n + 1, sizeof *reg.cluster);
    if (!order || !dist || !vert || !reg.name || !reg.cluster) {
        rc = cni_draw_oom();
        goto done;
    }
    if ((rc = cni_ig_graph_create(&gr, &v, 0)) != 0
        || (rc = cni_ig_bfs(order, dist, &count, gr, v.vert_of_node[focus], depth)) != 0) {
        goto done;
    }
    cni_draw_frame(c);
    for (size_t i = 0; i < n; i++) {
        vert[i] = CN_NONE;
    }
    size_t K = count < B ? count : B;
    /* the focus first (twopi's root), then the others in node order */
    for (size_t k = 0; k < K; k++) {
        vert[v.node_of_vert[order[k]]] = 0;
    }
    vert[focus] = cni_draw_node(c, focus,
                                cni_draw_region_cluster(c, &reg, cn_graph_node_home_region(g, focus)),
                                NULL, 12);
    if (vert[focus] != CN_NONE) {
        cni_set(c->s, &c->s->nodes[vert[focus]].a, "penwidth", "3");
    }
    for (size_t i = 0; i < n && c->s->status == 0; i++) {
        if (vert[i] == 0 && i != focus) {
            vert[i] = cni_draw_node(c, i,
                                    cni_draw_region_cluster(c, &reg, cn_graph_node_home_region(g, i)),
                                    NULL, 0);
        }
    }
    /* membership edges and ties between drawn nodes */
    for (size_t e = 0; e < cn_graph_edge_count(g) && c->s->status == 0; e++) {
        cn_edge ed;
        cn_graph_edge(g, e, &ed);
        if (ed.kind == CN_EDGE_MEMBERSHIP && vert[ed.source] != CN_NONE && vert[ed.target] != CN_NONE) {
            cni_draw_look_edge(c, cni_edge_add(c->s, vert[ed.target], vert[ed.source]),
                               cni_draw_role_look(ed.role));
        }
    }
    for (size_t t = 0; t < cn_graph_tie_count(g) && c->s->status == 0; t++) {
        cn_tie tie;
        cn_graph_tie(g, t, &tie);
        if (vert[tie.a] != CN_NONE && vert[tie.b] != CN_NONE) {
            cni_draw_look_edge(c, cni_edge_add(c->s, vert[tie.a], vert[tie.b]), CNI_LOOK_TIE);
        }
    }
    c->st->left_out = count - K;
    c->budget->applied = K;
    {
        cni_buf b;
        char *t = cni_draw_node_text(c, focus);
        cni_buf_init(&b);
        cni_buf_printf(&b, "%zu node%s within %zu step%s (memberships and collaboration ties).",
                       count, count == 1 ? "" : "s", depth, depth == 1 ? "" : "s");
        if (K < count) {
            cni_buf_puts(&b, " ");
            cni_draw_budget_words(c, &b, B, "nodes");
            cni_buf_printf(&b, ": the %zu nearest %s drawn.", K, K == 1 ? "is" : "are");
        }
        cni_draw_note(c, cni_buf_str(&b) ? cni_buf_str(&b) : "");
        cni_buf_clear(&b);
        cni_buf_printf(&b, "Around %s", t ? t : "");
        if (!c->o->engine) {
            cni_draw_engine(c, c->o->group_by_region ? "fdp" : K <= 150 ? "twopi" : "sfdp");
        } else {
            cni_draw_engine(c, NULL);
        }
        if (strcmp(c->s->engine, "twopi") == 0) {
            cni_set(c->s, &c->s->graph, "root", "n0");
            cni_set(c->s, &c->s->graph, "overlap", "false");
            cni_set(c->s, &c->s->graph, "ranksep", "1.6");
        } else if (strcmp(c->s->engine, "dot") != 0) {
            cni_draw_force_directed(c);
        }
        cni_draw_legend(c, cni_buf_str(&b) ? cni_buf_str(&b) : "", NULL);
        if (!t || b.failed) {
            c->s->status = CN_ENOMEM;
        }
        free(t);
        cni_buf_fini(&b);
    }
done:
    cni_ig_graph_destroy(gr);
    cni_view_fini(&v);
    free(order);
    free(dist);
    free(vert);
    free(reg.name);
    free(reg.cluster);
    return rc ? rc : c->s->status ? cni_draw_oom() : 0;
}

/* The overlap view: networks tied by the members they share. No Graphviz here. */
#include "views.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/util.h"

int cni_views_overlap(cni_draw_ctx *c)
{
    const cn_graph *g = c->g;
    cn_overlap_options oo = CN_OVERLAP_OPTIONS_INIT;
    cn_overlap *o = NULL;
    size_t n = cn_graph_node_count(g), B = cni_draw_budget(c->o), nnets = 0, drawn = 0;
    size_t maxshared = 1;
    cni_rank_item *items = NULL;
    size_t *vert = NULL;
    int rc;

    oo.max_shared = c->o->max_shared;
    if ((rc = cn_overlap_compute(&o, g, &oo)) != 0) {
        return rc;
    }
    items = cni_calloc_array(n + 1, sizeof *items);
    vert = cni_alloc_array(n + 1, sizeof *vert);
    if (!items || !vert) {
        rc = cni_draw_oom();
        goto done;
    }
    cni_draw_frame(c);
    for (size_t i = 0; i < n; i++) {
        vert[i] = CN_NONE;
        if (cn_graph_node_kind(g, i) == CN_NODE_NETWORK) {
            items[nnets++] = (cni_rank_item){ i, cn_overlap_size(o, i), 0 };
        }
    }
    cni_sort(items, nnets, sizeof *items, cni_draw_cmp_rank);
    size_t K = nnets < B ? nnets : B;
    for (size_t k = 0; k < K; k++) {
        vert[items[k].node] = 0;
    }
    for (size_t i = 0; i < n && c->s->status == 0; i++) {
        if (vert[i] == 0) {
            char extra[64];
            size_t nm = cn_overlap_size(o, i);
            snprintf(extra, sizeof extra, "%zu member%s", nm, nm == 1 ? "" : "s");
            vert[i] = cni_draw_node(c, i, CN_NONE, extra, 0);
        }
    }
    /* nesting: a drawn sub-network tied to its drawn umbrella */
    for (size_t i = 0; i < n && c->s->status == 0; i++) {
        if (vert[i] == CN_NONE || cn_graph_node_kind(g, i) != CN_NODE_NETWORK) {
            continue;
        }
        for (size_t j = 0; j < cn_graph_network_member_count(g, i); j++) {
            cn_edge e;
            cn_graph_edge(g, cn_graph_network_member_edge(g, i, j), &e);
            if (cn_graph_node_kind(g, e.source) == CN_NODE_NETWORK && vert[e.source] != CN_NONE) {
                size_t ed = cni_edge_add(c->s, vert[i], vert[e.source]);
                cni_draw_look_edge(c, ed, CNI_LOOK_NESTED);
                if (ed != CN_NONE) {
                    cni_set(c->s, &c->s->edges[ed].a, "len", "1.6");
                }
            }
        }
    }
    /* pairs come sorted by shared members, most first: the strongest edges within 3 per node */
    size_t emax = 3 * (K ? K : 1), skipped = 0;
    for (size_t k = 0; k < cn_overlap_pair_count(o); k++) {
        const cn_overlap_pair *p = cn_overlap_pair_at(o, k);
        if (vert[p->a] != CN_NONE && vert[p->b] != CN_NONE && p->shared > maxshared) {
            maxshared = p->shared;
        }
    }
    for (size_t k = 0; k < cn_overlap_pair_count(o) && c->s->status == 0; k++) {
        const cn_overlap_pair *p = cn_overlap_pair_at(o, k);
        if (vert[p->a] == CN_NONE || vert[p->b] == CN_NONE) {
            continue;
        }
        if (drawn == emax) {
            skipped++;
            continue;
        }
        size_t e = cni_edge_add(c->s, vert[p->a], vert[p->b]);
        cni_draw_look_edge(c, e, CNI_LOOK_SHARED);
        if (e != CN_NONE) {
            cni_attrs *a = &c->s->edges[e].a;
            cni_setf(c->s, a, "penwidth", "%.2f", 1.0 + 5.0 * sqrt((double)p->shared / (double)maxshared));
            cni_setf(c->s, a, "label", "%zu", p->shared);
            cni_setf(c->s, a, "tooltip", "%zu shared members (Jaccard %.2f)", p->shared, p->jaccard);
            cni_setf(c->s, a, "weight", "%zu", p->shared);
        }
        drawn++;
    }
    c->st->left_out = nnets - K;
    if (K < nnets || skipped) {
        cni_buf b;
        cni_buf_init(&b);
        cni_buf_printf(&b, "Over the budget of %zu nodes:", B);
        if (K < nnets) {
            cni_buf_printf(&b, " the %zu largest of %zu networks %s drawn;", K, nnets,
                           K == 1 ? "is" : "are");
        }
        if (skipped) {
            cni_buf_printf(&b, " the %zu weakest overlap%s %s not drawn;", skipped,
                           skipped == 1 ? "" : "s", skipped == 1 ? "is" : "are");
        }
        cni_draw_note(c, cni_buf_str(&b) ? cni_buf_str(&b) : "");
        cni_buf_fini(&b);
    }
    cni_draw_note(c, "Edge width and label: members shared by the two networks (a sub-network's "
                     "members are counted in its own network only).");
    cni_draw_engine(c, c->s->nnodes <= 150 ? "neato" : "sfdp");
    if (strcmp(c->s->engine, "dot") != 0) {
        cni_draw_force_directed(c);
    }
    cni_draw_legend(c, "Members shared between networks", NULL);
done:
    free(items);
    free(vert);
    cn_overlap_destroy(o);
    return rc ? rc : c->s->status ? cni_draw_oom() : 0;
}

/* The collaboration view: actors sized by a centrality measure, with their ties. No Graphviz
 * here. */
#include "views.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../analysis/view.h"
#include "../util/util.h"

typedef struct val_item {
    size_t node;
    double v;
} val_item;

static int cmp_val(const void *pa, const void *pb)
{
    const val_item *a = pa, *b = pb;
    if (a->v != b->v) {
        return a->v > b->v ? -1 : 1;
    }
    return a->node < b->node ? -1 : a->node > b->node;
}

/* Fills of the 8 largest communities (Okabe & Ito's colour-blind-safe palette, lightened for
 * black labels); the others share the last, grey. */
static const char *const COMMUNITY_FILL[9] = { "#f5c36b", "#8fcdf0", "#5fd0b0", "#f9f08a",
                                               "#6fa8dc", "#f0a060", "#e6a8c8", "#b4a7d6",
                                               "#e8e8e8" };

int cni_views_collaboration(cni_draw_ctx *c)
{
    cn_communities *comm = NULL;
    const cn_graph *g = c->g;
    size_t n = cn_graph_node_count(g), B = cni_draw_budget(c->o), ncand = 0, isolated = 0;
    cni_view v = { 0 };
    double *val = NULL, *out[1];
    val_item *items = NULL;
    size_t *deg = NULL, *vert = NULL;
    cn_centrality_options co = CN_CENTRALITY_OPTIONS_INIT;
    cn_measure m = c->o->size_by;
    int rc;

    if (c->o->ties != CN_VIEW_COLLABORATION && c->o->ties != CN_VIEW_COMEMBERSHIP) {
        return cni_fail(CN_EINVAL, "ties must be the collaboration or co-membership view");
    }
    if ((rc = cni_view_build(&v, g, c->o->ties, CN_PROJECTION_COUNT, c->o->max_ties)) != 0) {
        return rc;
    }
    val = cni_alloc_array(n + 1, sizeof *val);
    items = cni_calloc_array(n + 1, sizeof *items);
    deg = cni_calloc_array(n + 1, sizeof *deg);
    vert = cni_alloc_array(n + 1, sizeof *vert);
    if (!val || !items || !deg || !vert) {
        rc = cni_draw_oom();
        goto done;
    }
    co.view = c->o->ties;
    co.processes = 1;
    co.seed = c->o->seed;
    out[0] = val;
    if ((rc = cn_centrality(out, g, &m, 1, &co)) != 0) {
        goto done;
    }
    if (c->o->by_community && v.m > 0) {
        cn_community_options cmo = CN_COMMUNITY_OPTIONS_INIT;
        cmo.view = c->o->ties;
        cmo.max_ties = c->o->max_ties;
        if ((rc = cn_communities_compute(&comm, g, &cmo)) != 0) {
            goto done;
        }
    }
    for (size_t k = 0; k < v.m; k++) {
        deg[v.node_of_vert[v.from[k]]]++;
        deg[v.node_of_vert[v.to[k]]]++;
    }
    double vmax = 0, vmin = INFINITY, wmax = 0;
    for (size_t i = 0; i < n; i++) {
        vert[i] = CN_NONE;
        if (!cn_view_includes(g, c->o->ties, i)) {
            continue;
        }
        if (deg[i] == 0) {
            isolated++;
            continue;
        }
        double x = isnan(val[i]) ? 0 : val[i];
        /* constraint: low is central; draw the inverse ranking */
        items[ncand++] = (val_item){ i, m == CN_MEASURE_CONSTRAINT ? -x : x };
    }
    cni_sort(items, ncand, sizeof *items, cmp_val);
    size_t K = ncand < B ? ncand : B;
    for (size_t k = 0; k < K; k++) {
        vmax = items[k].v > vmax ? items[k].v : vmax;
        vmin = items[k].v < vmin ? items[k].v : vmin;
        vert[items[k].node] = 0;
    }
    cni_draw_frame(c);
    for (size_t i = 0; i < n && c->s->status == 0; i++) {
        if (vert[i] != 0) {
            continue;
        }
        double x = m == CN_MEASURE_CONSTRAINT ? -(isnan(val[i]) ? 0 : val[i]) : (isnan(val[i]) ? 0 : val[i]);
        double f = vmax > vmin ? (x - vmin) / (vmax - vmin) : 1.0;
        char extra[64];
        snprintf(extra, sizeof extra, "%s %.3g", cn_measure_name(m), isnan(val[i]) ? 0 : val[i]);
        vert[i] = cni_draw_node(c, i, CN_NONE, extra, 8.0 + 10.0 * sqrt(f));
        if (comm && vert[i] != CN_NONE) {
            size_t k = cn_communities_of(comm, i);
            cni_set(c->s, &c->s->nodes[vert[i]].a, "fillcolor", COMMUNITY_FILL[k < 8 ? k : 8]);
        }
    }
    for (size_t k = 0; k < v.m; k++) {
        wmax = v.weight[k] > wmax ? v.weight[k] : wmax;
    }
    size_t drawn = 0, skipped = 0, emax = 5 * (K ? K : 1);
    for (size_t k = 0; k < v.m && c->s->status == 0; k++) {
        size_t a = v.node_of_vert[v.from[k]], b = v.node_of_vert[v.to[k]];
        if (vert[a] == CN_NONE || vert[b] == CN_NONE) {
            continue;
        }
        if (drawn == emax) {
            skipped++;
            continue;
        }
        size_t e = cni_edge_add(c->s, vert[a], vert[b]);
        cni_draw_look_edge(c, e,
                           c->o->ties == CN_VIEW_COLLABORATION ? CNI_LOOK_TIE : CNI_LOOK_SHARED);
        if (e != CN_NONE) {
            cni_setf(c->s, &c->s->edges[e].a, "penwidth", "%.2f", 0.6 + 3.0 * v.weight[k] / (wmax > 0 ? wmax : 1));
            cni_setf(c->s, &c->s->edges[e].a, "tooltip", "weight %.6g", v.weight[k]);
        }
        drawn++;
    }
    c->st->left_out = isolated + (ncand - K);
    {
        cni_buf b;
        cni_buf_init(&b);
        cni_buf_printf(&b, "Node size: %s%s (%s).", cn_measure_name(m),
                       m == CN_MEASURE_CONSTRAINT ? ", larger = less constrained" : "",
                       c->o->ties == CN_VIEW_COLLABORATION ? "collaboration ties"
                                                           : "actors tied by shared networks");
        if (comm) {
            cni_buf_printf(&b, " Fill: community (Leiden, %zu in all): the 8 largest in "
                               "colour, the others grey. Shape: institution a rounded box, "
                               "enterprise a hexagon, expert an ellipse.",
                           cn_communities_count(comm));
            c->kinds = 0; /* the legend's kind swatches would show fills that are not used */
        }
        if (isolated) {
            cni_buf_printf(&b, " %zu actor%s without ties %s not drawn.", isolated,
                           isolated == 1 ? "" : "s", isolated == 1 ? "is" : "are");
        }
        if (K < ncand) {
            cni_buf_printf(&b, " Over the budget of %zu nodes: the %zu most central of %zu %s "
                           "drawn.", B, K, ncand, K == 1 ? "is" : "are");
        }
        if (skipped) {
            cni_buf_printf(&b, " %zu tie%s beyond %zu %s not drawn.", skipped,
                           skipped == 1 ? "" : "s", emax, skipped == 1 ? "is" : "are");
        }
        cni_draw_note(c, cni_buf_str(&b) ? cni_buf_str(&b) : "");
        cni_buf_fini(&b);
    }
    cni_draw_engine(c, K <= 150 ? "neato" : "sfdp");
    if (strcmp(c->s->engine, "dot") != 0) {
        cni_draw_force_directed(c);
    }
    cni_draw_legend(c, c->o->ties == CN_VIEW_COLLABORATION ? "Collaboration" : "Co-membership",
                    NULL);
done:
    cn_communities_destroy(comm);
    cni_view_fini(&v);
    free(val);
    free(items);
    free(deg);
    free(vert);
    return rc ? rc : c->s->status ? cni_draw_oom() : 0;
}

/* The collaboration view: actors sized by a centrality measure, with their ties. No Graphviz
 * here. */
#include "views.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../analysis/view.h"
#include "text.h"
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

/* Borders of the actors of the 8 official networks with most actors drawn (Paul Tol's muted
 * scheme, dark enough to read against every fill); the other networks' actors share grey. */
static const char *const NETWORK_PEN[9] = { "#332288", "#117733", "#882255", "#44AA99",
                                            "#999933", "#AA4499", "#CC6677", "#DDAA33",
                                            "#888888" };

/* The legend's names of networks nets[0..count): each one's text as a node's (the label
 * column, else its label, else its id), wrapped as node labels are; a name cut to the same text
 * as another one's gets its id at the end, which the cut keeps. 0 or CN_ENOMEM. */
static int legend_names(const cni_draw_ctx *c, const cni_rank_item *nets, size_t count,
                        char **names)
{
    bool same[8] = { false };

    for (size_t k = 0; k < count; k++) {
        char *t = cni_draw_node_text(c, nets[k].node);
        names[k] = t ? cni_draw_wrap_text(c, t) : NULL;
        free(t);
        if (!names[k]) {
            return cni_draw_oom();
        }
    }
    for (size_t k = 0; k < count; k++) {
        for (size_t j = k + 1; j < count; j++) {
            if (strcmp(names[k], names[j]) == 0) {
                same[k] = same[j] = true;
            }
        }
    }
    for (size_t k = 0; k < count; k++) {
        char *t;
        cni_buf b;
        if (!same[k]) {
            continue;
        }
        t = cni_draw_node_text(c, nets[k].node);
        cni_buf_init(&b);
        cni_buf_printf(&b, "%s (%s)", t ? t : "", cn_graph_node_id(c->g, nets[k].node));
        free(t);
        free(names[k]);
        names[k] = b.failed ? NULL : cni_draw_wrap_text(c, b.s);
        cni_buf_fini(&b);
        if (!names[k]) {
            return cni_draw_oom();
        }
    }
    return 0;
}

/* With communities, the official networks: each drawn actor's primary network
 * (cn_primary_networks()) ranked by its actors drawn, most first, then node order; @p pen[i]
 * gets the border colour index of actor i (CN_NONE: in no network), @p cells the legend's
 * swatches. 0 or CN_ENOMEM. */
static int network_pens(cni_draw_ctx *c, const size_t *vert, size_t *pen, cni_buf *cells)
{
    const cn_graph *g = c->g;
    size_t n = cn_graph_node_count(g), *prim = cni_alloc_array(n + 1, sizeof *prim), nnets = 0;
    cni_rank_item *nets = cni_calloc_array(n + 1, sizeof *nets);
    size_t *slot = cni_alloc_array(n + 1, sizeof *slot);
    char *names[8] = { NULL };
    int rc = 0;

    if (!prim || !nets || !slot || (rc = cn_primary_networks(prim, g)) != 0) {
        rc = rc ? rc : cni_draw_oom();
        goto done;
    }
    for (size_t i = 0; i < n; i++) {
        slot[i] = CN_NONE;
    }
    for (size_t i = 0; i < n; i++) {
        size_t p = prim[i];
        if (vert[i] != 0 || p == CN_NONE) {
            continue;
        }
        if (slot[p] == CN_NONE) {
            slot[p] = nnets;
            nets[nnets++] = (cni_rank_item){ p, 0, 0 };
        }
        nets[slot[p]].key1++;
    }
    cni_sort(nets, nnets, sizeof *nets, cni_draw_cmp_rank);
    for (size_t k = 0; k < nnets; k++) {
        slot[nets[k].node] = k < 8 ? k : 8;
    }
    for (size_t i = 0; i < n; i++) {
        pen[i] = vert[i] == 0 && prim[i] != CN_NONE ? slot[prim[i]] : CN_NONE;
    }
    if ((rc = legend_names(c, nets, nnets < 8 ? nnets : 8, names)) < 0) {
        goto done;
    }
    /* names wrap to two or three lines: two a row, four in a box wider than tall (a slide) */
    size_t per_row = c->o->fit_width > c->o->fit_height ? 4 : 2;
    for (size_t k = 0; k < nnets && k <= 8; k++) {
        const char *t = k < 8 ? names[k] : NULL;
        if (k > 0 && k % per_row == 0) {
            cni_buf_puts(cells, "</TR><TR>");
        }
        cni_buf_printf(cells,
                       "<TD WIDTH=\"14\" HEIGHT=\"12\" FIXEDSIZE=\"TRUE\" BORDER=\"3\" "
                       "COLOR=\"%s\"></TD><TD ALIGN=\"LEFT\" BALIGN=\"LEFT\">",
                       NETWORK_PEN[k]);
        if (k < 8) {
            cni_text_gv_html(cells, t ? t : "");
        } else {
            cni_buf_printf(cells, "%zu other network%s", nnets - 8, nnets - 8 == 1 ? "" : "s");
        }
        cni_buf_puts(cells, "</TD>");
    }
done:
    for (size_t k = 0; k < 8; k++) {
        free(names[k]);
    }
    free(prim);
    free(nets);
    free(slot);
    return rc;
}

/* In a box, how many neighbours each actor drawn brings before the next actor brings its own
 * (grow()). */
#define BRANCH 4
/* In a box, the width actors' labels wrap at (unless --wrap); past the budget and without
 * communities, narrower (MANY_WRAP): 14 kept generated L's "Expert 214002" on one line, 10
 * puts the number under the word (a4: 16 actors of generated M at 12, 23 at 10; with
 * communities, whose shapes stay, 10 held fewer in a slide). */
#define FIT_WRAP 14
#define MANY_WRAP 10

/* Past the budget, the actors drawn are grown from the most central along their ties: each
 * step adds the most central actor tied to one already chosen (@p rankpos: its place in the
 * centrality ranking @p items), and only when none is left the most central not chosen, so
 * that the drawing is connected where the data are (the 200 most central of generated M were
 * mostly unconnected ovals). With @p bfs (in a box) the actors are taken breadth-first instead:
 * each actor chosen brings its most central neighbours not yet chosen, up to BRANCH of them,
 * before the next actor chosen brings its own, and then a further BRANCH in a second round,
 * and so on: the most central first, its neighbours around it, theirs around them. Taken by
 * centrality alone, a box held a chain of 6 actors of generated S (the most central are tied
 * in a line); breadth-first, a 2-D picture of 12 in A4. @p vert[i] becomes 0 for each chosen
 * actor, @p tree[k] marks the tie each joined by (its strongest to those chosen before). Node
 * i's ties are @p adj[@p off[i] .. @p off[i + 1]) (cni_render_memo_ties()). 0 or CN_ENOMEM. */
static int grow(size_t *vert, bool *tree, const cni_view *v, const size_t *off,
                const size_t *adj, const val_item *items, size_t ncand, size_t K, size_t n,
                bool bfs)
{
    size_t *rankpos = cni_alloc_array(n + 1, sizeof *rankpos);
    size_t *front = cni_alloc_array(2 * v->m + ncand + 1, sizeof *front), nf = 0, next = 0;
    bool *inf = cni_calloc_array(n + 1, sizeof *inf);
    size_t *par = cni_alloc_array(n + 1, sizeof *par);
    size_t *kids = cni_calloc_array(K + 1, sizeof *kids); /* per actor chosen: those it brought */
    int rc = 0;

    if (!rankpos || !front || !inf || !par || !kids) {
        rc = cni_draw_oom();
        goto done;
    }
    for (size_t i = 0; i < n; i++) {
        rankpos[i] = CN_NONE;
    }
    for (size_t k = 0; k < ncand; k++) {
        rankpos[items[k].node] = k;
    }
    for (size_t chosen = 0; chosen < K; chosen++) {
        size_t best = CN_NONE, at = 0;
        for (size_t f = 0; f < nf; f++) {
            size_t cf = front[f];
            if (vert[cf] != 0
                && (best == CN_NONE
                    || (bfs && kids[par[cf]] / BRANCH != kids[par[best]] / BRANCH
                        ? kids[par[cf]] / BRANCH < kids[par[best]] / BRANCH
                        : bfs && par[cf] != par[best] ? par[cf] < par[best]
                                                      : rankpos[cf] < rankpos[best]))) {
                best = front[f];
                at = f;
            }
        }
        if (best == CN_NONE) {
            while (next < ncand && vert[items[next].node] == 0) {
                next++;
            }
            best = items[next].node;
        } else {
            front[at] = front[--nf];
            kids[par[best]]++;
        }
        vert[best] = 0;
        size_t strongest = CN_NONE;
        for (size_t j = off[best]; j < off[best + 1]; j++) {
            size_t k = adj[j], a = v->node_of_vert[v->from[k]], b = v->node_of_vert[v->to[k]];
            size_t other = a == best ? b : a;
            if (vert[other] == 0 && other != best) {
                if (strongest == CN_NONE || v->weight[k] > v->weight[strongest]) {
                    strongest = k;
                }
            } else if (!inf[other] && rankpos[other] != CN_NONE) {
                inf[other] = true;
                par[other] = chosen;
                front[nf++] = other;
            }
        }
        if (strongest != CN_NONE) {
            tree[strongest] = true;
        }
    }
done:
    free(rankpos);
    free(front);
    free(inf);
    free(par);
    free(kids);
    return rc;
}

static int cmp_index(const void *pa, const void *pb)
{
    size_t a = *(const size_t *)pa, b = *(const size_t *)pb;
    return a < b ? -1 : a > b;
}

/* The order of the ties drawn past the edge budget: the strongest first, then view order. */
static int cmp_weight(const void *pa, const void *pb, void *arg)
{
    const double *w = arg;
    size_t a = *(const size_t *)pa, b = *(const size_t *)pb;
    if (w[a] != w[b]) {
        return w[a] > w[b] ? -1 : 1;
    }
    return a < b ? -1 : a > b;
}

int cni_views_collaboration(cni_draw_ctx *c)
{
    const cn_communities *comm = NULL;
    const cn_graph *g = c->g;
    size_t n = cn_graph_node_count(g), B = cni_draw_budget(c->o), ncand = 0, isolated = 0;
    const cni_view *vp = NULL;
    const double *val = NULL;
    const size_t *toff = NULL, *tat = NULL; /* the view's ties by node (the memo's) */
    val_item *items = NULL;
    size_t *vert = NULL, *pen = NULL, *shown = NULL; /* shown: the ties among those drawn */
    bool *tree = NULL; /* per tie of the view: drawn when over the edge budget */
    cni_buf cells;
    cn_centrality_options co = CN_CENTRALITY_OPTIONS_INIT;
    cn_measure m = c->o->size_by;
    int rc;

    cni_buf_init(&cells);
    if (c->o->ties != CN_VIEW_COLLABORATION && c->o->ties != CN_VIEW_COMEMBERSHIP) {
        return cni_fail(CN_EINVAL, "ties must be the collaboration or co-membership view");
    }
    if ((rc = cni_render_memo_view(&vp, c->memo, g, c->o->ties, c->o->max_ties)) != 0
        || (rc = cni_render_memo_ties(&toff, &tat, c->memo, g, c->o->ties, c->o->max_ties)) != 0) {
        return rc;
    }
    const cni_view v = *vp; /* the memo's: borrowed, not freed here */
    items = cni_calloc_array(n + 1, sizeof *items);
    vert = cni_alloc_array(n + 1, sizeof *vert);
    if (!items || !vert) {
        rc = cni_draw_oom();
        goto done;
    }
    co.view = c->o->ties;
    co.processes = 1;
    co.seed = c->o->seed;
    if ((rc = cni_render_memo_centrality(&val, c->memo, g, m, &co)) != 0) {
        goto done;
    }
    if (c->o->by_community && v.m > 0) {
        cn_community_options cmo = CN_COMMUNITY_OPTIONS_INIT;
        cmo.view = c->o->ties;
        cmo.max_ties = c->o->max_ties;
        if ((rc = cni_render_memo_communities(&comm, c->memo, g, &cmo)) != 0) {
            goto done;
        }
    }
    double vmax = 0, vmin = INFINITY, wmax = 0;
    for (size_t i = 0; i < n; i++) {
        vert[i] = CN_NONE;
        if (!cn_view_includes(g, c->o->ties, i)) {
            continue;
        }
        if (toff[i + 1] == toff[i]) { /* no tie */
            isolated++;
            continue;
        }
        double x = isnan(val[i]) ? 0 : val[i];
        /* constraint: low is central; draw the inverse ranking */
        items[ncand++] = (val_item){ i, m == CN_MEASURE_CONSTRAINT ? -x : x };
    }
    cni_sort(items, ncand, sizeof *items, cmp_val);
    size_t K = ncand < B ? ncand : B;
    c->budget->applied = K;
    if (!(tree = cni_calloc_array(v.m + 1, sizeof *tree))) {
        rc = cni_draw_oom();
        goto done;
    }
    if (K < ncand) {
        if ((rc = grow(vert, tree, &v, toff, tat, items, ncand, K, n, c->o->fit_width > 0))
            != 0) {
            goto done;
        }
    } else {
        for (size_t k = 0; k < K; k++) {
            vert[items[k].node] = 0;
        }
    }
    for (size_t k = 0; k < ncand; k++) {
        if (vert[items[k].node] == 0) {
            vmax = items[k].v > vmax ? items[k].v : vmax;
            vmin = items[k].v < vmin ? items[k].v : vmin;
        }
    }
    if (comm && (!(pen = cni_alloc_array(n + 1, sizeof *pen))
                 || (rc = network_pens(c, vert, pen, &cells)) != 0)) {
        rc = rc ? rc : cni_draw_oom();
        goto done;
    }
    cni_draw_frame(c);
    /* in a box, past the budget and without communities: actors as boxes, labels narrower */
    bool boxes = c->o->fit_width > 0 && K < ncand && !comm;
    if (c->o->fit_width > 0) {
        /* in a box, narrower labels: a 22-character line made an actor about 130 pt wide */
        c->wrap = boxes ? MANY_WRAP : FIT_WRAP;
    }
    for (size_t i = 0; i < n && c->s->status == 0; i++) {
        if (vert[i] != 0) {
            continue;
        }
        double x = m == CN_MEASURE_CONSTRAINT ? -(isnan(val[i]) ? 0 : val[i]) : (isnan(val[i]) ? 0 : val[i]);
        double f = vmax > vmin ? (x - vmin) / (vmax - vmin) : 1.0;
        char extra[64];
        if (c->o->fit_width > 0) {
            /* the measure is named in the legend */
            snprintf(extra, sizeof extra, "%.2g", isnan(val[i]) ? 0 : val[i]);
        } else {
            snprintf(extra, sizeof extra, "%s %.3g", cn_measure_name(m), isnan(val[i]) ? 0 : val[i]);
        }
        vert[i] = cni_draw_node(c, i, CN_NONE, extra,
                                8.0 + (c->o->fit_width > 0 ? 5.0 : 10.0) * sqrt(f));
        if (boxes && vert[i] != CN_NONE) {
            /* in a box, past the budget, every actor a rounded box, its kind in its fill as
             * the legend shows: an ellipse or a hexagon is about a third wider than its label
             * (16 actors of generated M: 625 pt wide as ellipses, 481 as boxes) */
            cni_set(c->s, &c->s->nodes[vert[i]].a, "shape", "box");
            cni_set(c->s, &c->s->nodes[vert[i]].a, "style", "rounded,filled");
        }
        if (comm && vert[i] != CN_NONE) {
            size_t k = cn_communities_of(comm, i);
            cni_set(c->s, &c->s->nodes[vert[i]].a, "fillcolor", COMMUNITY_FILL[k < 8 ? k : 8]);
            if (pen[i] != CN_NONE) {
                cni_set(c->s, &c->s->nodes[vert[i]].a, "color", NETWORK_PEN[pen[i]]);
                cni_set(c->s, &c->s->nodes[vert[i]].a, "penwidth", "3");
            }
        }
    }
    for (size_t k = 0; k < v.m; k++) {
        wmax = v.weight[k] > wmax ? v.weight[k] : wmax;
    }
    size_t drawn = 0, skipped = 0, emax = 5 * (K ? K : 1), among = 0, nshown = 0;
    /* the ties among the actors drawn, in view order: from the drawn actors' own ties (each
     * tie from its first end), not by a pass over all ties for each try at fitting a box */
    for (size_t i = 0; i < n; i++) {
        nshown += vert[i] != CN_NONE ? toff[i + 1] - toff[i] : 0;
    }
    if (!(shown = cni_alloc_array(nshown + 1, sizeof *shown))) {
        rc = cni_draw_oom();
        goto done;
    }
    for (size_t i = 0; i < n; i++) {
        for (size_t j = vert[i] != CN_NONE ? toff[i] : toff[i + 1]; j < toff[i + 1]; j++) {
            size_t k = tat[j];
            if (v.node_of_vert[v.from[k]] == i && vert[v.node_of_vert[v.to[k]]] != CN_NONE
                && (among == 0 || shown[among - 1] != k)) { /* a tie to itself: once */
                shown[among++] = k;
            }
        }
    }
    cni_sort(shown, among, sizeof *shown, cmp_index);
    if (among > emax) {
        /* the ties that join the actors drawn first, then the strongest */
        size_t *ord = cni_alloc_array(among + 1, sizeof *ord), no = 0, left = emax;
        if (!ord) {
            rc = cni_draw_oom();
            goto done;
        }
        for (size_t s = 0; s < among; s++) {
            size_t k = shown[s];
            if (tree[k] && left) {
                left--;
            } else {
                tree[k] = false;
                ord[no++] = k;
            }
        }
        cni_sort_r(ord, no, sizeof *ord, cmp_weight, v.weight);
        for (size_t k = 0; k < no && k < left; k++) {
            tree[ord[k]] = true;
        }
        free(ord);
    }
    for (size_t s = 0; s < among && c->s->status == 0; s++) {
        size_t k = shown[s], a = v.node_of_vert[v.from[k]], b = v.node_of_vert[v.to[k]];
        if (among > emax && !tree[k]) {
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
                               "enterprise a hexagon, expert an ellipse. Thick border: the "
                               "actor's official (primary) network, the 8 with most actors "
                               "drawn in colour, the others grey; a thin border: in no "
                               "network. Where fills and borders disagree, the communities "
                               "cross the official networks.",
                           cn_communities_count(comm));
            c->kinds = 0; /* the legend's kind swatches would show fills that are not used */
        }
        if (isolated) {
            cni_buf_printf(&b, " %zu actor%s without ties %s not drawn.", isolated,
                           isolated == 1 ? "" : "s", isolated == 1 ? "is" : "are");
        }
        if (K < ncand) {
            cni_buf_puts(&b, " ");
            cni_draw_budget_words(c, &b, B, "nodes");
            if (c->o->fit_width > 0) {
                cni_buf_printf(&b, ": %zu of %zu actors are drawn, grown from the most "
                               "central along its ties, each actor drawn bringing its most "
                               "central neighbours, %d at a time; %zu %s not drawn.", K, ncand,
                               BRANCH, ncand - K, ncand - K == 1 ? "is" : "are");
            } else {
                cni_buf_printf(&b, ": %zu of %zu actors are drawn, "
                               "grown from the most central along their ties (the most central "
                               "tied actor first), so that the ties drawn connect them; %zu %s "
                               "not drawn.", K, ncand, ncand - K, ncand - K == 1 ? "is" : "are");
            }
        }
        if (skipped) {
            cni_buf_printf(&b, " %zu tie%s among them %s not drawn: the %zu drawn are those "
                           "that join them, then the strongest.", skipped,
                           skipped == 1 ? "" : "s", skipped == 1 ? "is" : "are", drawn);
        }
        cni_draw_note(c, cni_buf_str(&b) ? cni_buf_str(&b) : "");
        cni_buf_fini(&b);
    }
    /* with boxes, neato also for the box's first try at the default budget: sfdp (past 150
     * actors) lays the same graph out differently on a later render in one process, and the
     * budget that try leads to with it (generated S in a4: 20 actors, then 24) */
    cni_draw_engine(c, K <= 150 || (boxes && K <= 200) ? "neato" : "sfdp");
    if (strcmp(c->s->engine, "dot") != 0) {
        cni_draw_force_directed(c);
        if (c->o->fit_width > 0) {
            /* neato spreads the layout to 4 times the average label before removing overlaps
             * (overlap_scaling -4, its default), which left a page mostly empty: 16 actors of
             * generated S needed 778 x 825 pt, scaled by one label 557 x 557 */
            cni_set(c->s, &c->s->graph, "overlap_scaling", "-1");
        }
    }
    {
        /* a title that says what is drawn, not just "Collaboration" */
        char title[160];
        bool around = K < ncand && c->o->fit_width > 0; /* grown breadth-first */
        snprintf(title, sizeof title, "%s among %s%zu %sactor%s%s, sized by %s",
                 c->o->ties == CN_VIEW_COLLABORATION ? "Collaboration ties"
                                                     : "Shared networks",
                 K < ncand && !around ? "the " : "", K,
                 K < ncand && !around ? "most central " : "", K == 1 ? "" : "s",
                 around ? " around the most central" : "", cn_measure_name(m));
        cni_draw_legend(c, title, comm && cells.len ? cni_buf_str(&cells) : NULL);
    }
    if (comm && !cni_buf_str(&cells)) {
        rc = cni_draw_oom();
    }
done:
    cni_buf_fini(&cells);
    free(pen);
    free(items);
    free(shown);
    free(vert);
    free(tree);
    return rc ? rc : c->s->status ? cni_draw_oom() : 0;
}

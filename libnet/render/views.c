/* The views: what each diagram shows, as a scene (render/scene.h). No Graphviz here. */
#include "views.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../analysis/ig.h"
#include "../analysis/view.h"
#include "../util/util.h"
#include "text.h"

/* ---- look: one palette for every view (Okabe & Ito, safe for colour-blind readers) ---- */

static const struct kind_look {
    const char *fill, *shape, *style, *plural;
    int peripheries;
} LOOK[CN_NODE_KIND_COUNT] = {
    [CN_NODE_INSTITUTION] = { "#56B4E9", "box", "rounded,filled", "institutions", 1 },
    [CN_NODE_ENTERPRISE] = { "#E69F00", "hexagon", "filled", "enterprises", 1 },
    [CN_NODE_EXPERT] = { "#009E73", "ellipse", "filled", "experts", 1 },
    [CN_NODE_NETWORK] = { "#CC79A7", "box", "filled", "networks", 2 },
};

/* Edge looks, by index in ELOOK. */
enum { L_LEAD, L_MEMBER, L_PARTNER, L_TIE, L_SHARED, L_NESTED };

static const struct edge_look {
    const char *name, *color, *style;
    double width;
} ELOOK[] = {
    { "lead", "#D55E00", "solid", 2.5 },
    { "member", "#555555", "solid", 1.0 },
    { "partner", "#555555", "dashed", 1.0 },
    { "collaboration tie", "#0072B2", "solid", 1.5 },
    { "shared members", "#555555", "solid", 2.0 },
    { "sub-network of", "#CC79A7", "dotted", 1.5 },
};

#define LABEL_WIDTH 22
#define LABEL_LINES 3
#define FONT "DejaVu Sans"

typedef struct ctx {
    cni_scene *s;
    const cn_graph *g;
    const cn_render_options *o;
    cn_render_stats *st;
    size_t label_col; /* extra node column for labels, or CN_NONE */
    unsigned kinds;   /* node kinds drawn (legend) */
    unsigned edges;   /* edge kinds drawn (legend) */
    cni_buf note;     /* the legend's note: what was aggregated or left out */
} ctx;

static int oom(void)
{
    return cni_fail(CN_ENOMEM, "out of memory");
}

/* The text naming node i: the chosen column, else its label, else its id; cleaned. */
static char *node_text(const ctx *c, size_t i)
{
    const char *t = c->label_col != CN_NONE ? cn_graph_node_attr(c->g, i, c->label_col) : NULL;
    if (!t || !*t) {
        t = cn_graph_node_label(c->g, i);
    }
    if (!t || !*t) {
        t = cn_graph_node_id(c->g, i);
    }
    return cni_text_clean(t);
}

/* A Graphviz/SVG element id from a dataset id: [A-Za-z0-9-] kept, other bytes as _XX, so
 * distinct ids stay distinct. */
static void element_id(cni_buf *b, const char *prefix, const char *id)
{
    cni_buf_puts(b, prefix);
    for (const unsigned char *p = (const unsigned char *)id; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9')
            || *p == '-') {
            cni_buf_add(b, (const char *)p, 1);
        } else {
            cni_buf_printf(b, "_%02X", *p);
        }
    }
}

static void look_kind(ctx *c, cni_attrs *a, cn_node_kind k, bool aggregate)
{
    const struct kind_look *l = &LOOK[k];
    cni_set(c->s, a, "shape", l->shape);
    cni_set(c->s, a, "style", aggregate ? "filled,dashed" : l->style);
    cni_set(c->s, a, "fillcolor", l->fill);
    if (l->peripheries > 1) {
        cni_setf(c->s, a, "peripheries", "%d", l->peripheries);
    }
    c->kinds |= 1u << k;
}

/* Draw dataset node i; @p extra is a second, smaller line (may be NULL). */
static size_t add_node(ctx *c, size_t i, size_t cluster, const char *extra, double fontsize)
{
    cni_buf b;
    char *text = node_text(c, i), *wrapped = text ? cni_text_wrap(text, LABEL_WIDTH, LABEL_LINES) : NULL;
    size_t v = cni_node_add(c->s, cluster);

    cni_buf_init(&b);
    if (!wrapped || v == CN_NONE) {
        c->s->status = CN_ENOMEM;
        free(text);
        free(wrapped);
        return CN_NONE;
    }
    cni_attrs *a = &c->s->nodes[v].a;
    look_kind(c, a, cn_graph_node_kind(c->g, i), false);
    if (cn_graph_node_kind(c->g, i) == CN_NODE_NETWORK) {
        cni_buf_puts(&b, "<B>");
        cni_text_gv_html(&b, wrapped);
        cni_buf_puts(&b, "</B>");
    } else {
        cni_text_gv_html(&b, wrapped);
    }
    if (extra) {
        cni_buf_puts(&b, "<BR/><FONT POINT-SIZE=\"8\">");
        cni_text_gv_html(&b, extra);
        cni_buf_puts(&b, "</FONT>");
    }
    cni_set_html(c->s, a, "label", cni_buf_str(&b));
    if (fontsize > 0) {
        cni_setf(c->s, a, "fontsize", "%.1f", fontsize);
    }
    cni_buf_clear(&b);
    cni_buf_puts(&b, text);
    cni_buf_printf(&b, " [%s]", cn_graph_node_id(c->g, i));
    cni_set(c->s, a, "tooltip", cni_buf_str(&b) ? cni_buf_str(&b) : "");
    cni_buf_clear(&b);
    element_id(&b, "node-", cn_graph_node_id(c->g, i));
    cni_set(c->s, a, "id", cni_buf_str(&b) ? cni_buf_str(&b) : "");
    if (b.failed) {
        c->s->status = CN_ENOMEM;
    }
    cni_buf_fini(&b);
    free(text);
    free(wrapped);
    c->st->shown++;
    return v;
}

/* An aggregate: @p count nodes of kind @p k (of network @p net) drawn as one. */
static size_t add_aggregate(ctx *c, size_t net, cn_node_kind k, size_t count, size_t cluster)
{
    cni_buf b;
    size_t v = cni_node_add(c->s, cluster);

    if (v == CN_NONE) {
        return v;
    }
    cni_attrs *a = &c->s->nodes[v].a;
    look_kind(c, a, k, true);
    cni_buf_init(&b);
    cni_buf_printf(&b, "%zu %s", count, count == 1 ? cn_node_kind_name(k) : LOOK[k].plural);
    cni_set(c->s, a, "label", cni_buf_str(&b) ? cni_buf_str(&b) : "");
    cni_buf_clear(&b);
    element_id(&b, "more-", cn_graph_node_id(c->g, net));
    cni_buf_printf(&b, "-%s", cn_node_kind_name(k));
    cni_set(c->s, a, "id", cni_buf_str(&b) ? cni_buf_str(&b) : "");
    if (b.failed) {
        c->s->status = CN_ENOMEM;
    }
    cni_buf_fini(&b);
    return v;
}

static void look_edge(ctx *c, size_t e, int which)
{
    const struct edge_look *l = &ELOOK[which];
    if (e == CN_NONE) {
        return;
    }
    cni_attrs *a = &c->s->edges[e].a;
    cni_set(c->s, a, "color", l->color);
    if (strcmp(l->style, "solid") != 0) {
        cni_set(c->s, a, "style", l->style);
    }
    cni_setf(c->s, a, "penwidth", "%.1f", l->width);
    c->edges |= 1u << which;
}

static int role_look(cn_role r)
{
    return r == CN_ROLE_LEAD ? L_LEAD : r == CN_ROLE_PARTNER ? L_PARTNER : L_MEMBER;
}

/* Common graph attributes, and the title with the legend as the graph's label (drawn by
 * every engine, unlike a legend made of nodes). */
static void frame(ctx *c)
{
    cni_scene *s = c->s;
    cni_set(s, &s->graph, "fontname", FONT);
    cni_set(s, &s->graph, "fontsize", "11");
    cni_set(s, &s->graph, "bgcolor", "white");
    cni_set(s, &s->graph, "pad", "0.3");
    cni_set(s, &s->graph, "labelloc", "t");
    cni_set(s, &s->graph, "labeljust", "l");
    cni_set(s, &s->graph, "outputorder", "edgesfirst");
    cni_set(s, &s->node_defaults, "fontname", FONT);
    cni_set(s, &s->node_defaults, "fontsize", "10");
    cni_set(s, &s->node_defaults, "margin", "0.08,0.04");
    cni_set(s, &s->edge_defaults, "fontname", FONT);
    cni_set(s, &s->edge_defaults, "fontsize", "9");
    cni_set(s, &s->edge_defaults, "color", "#555555");
    cni_set(s, &s->edge_defaults, "arrowhead", "none");
    cni_set(s, &s->edge_defaults, "dir", "none");
}

/* The legend: a one-column table whose rows hold inner tables, so that rows of different
 * lengths do not stretch each other's cells. @p extra is an inner row of cells (may be NULL). */
static void legend(ctx *c, const char *title, const char *extra)
{
    cni_buf b;
    char *t = cni_text_clean(c->o->title ? c->o->title : title);

    cni_buf_init(&b);
    cni_buf_puts(&b, "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"2\" CELLPADDING=\"0\">"
                     "<TR><TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"16\"><B>");
    cni_text_gv_html(&b, t ? t : "");
    cni_buf_puts(&b, "</B></FONT></TD></TR>");
    if (c->kinds || c->edges) {
        cni_buf_puts(&b, "<TR><TD ALIGN=\"LEFT\"><TABLE BORDER=\"0\" CELLBORDER=\"0\" "
                         "CELLSPACING=\"3\" CELLPADDING=\"1\"><TR>");
    }
    for (int k = 0; k < CN_NODE_KIND_COUNT; k++) {
        if (c->kinds & (1u << k)) {
            cni_buf_printf(&b,
                           "<TD BGCOLOR=\"%s\" BORDER=\"1\" WIDTH=\"14\" HEIGHT=\"12\" "
                           "FIXEDSIZE=\"TRUE\"></TD><TD ALIGN=\"LEFT\">%s</TD>",
                           LOOK[k].fill, cn_node_kind_name((cn_node_kind)k));
        }
    }
    for (size_t k = 0; k < sizeof ELOOK / sizeof *ELOOK; k++) {
        if (c->edges & (1u << k)) {
            const struct edge_look *l = &ELOOK[k];
            cni_buf_printf(&b,
                           "<TD WIDTH=\"28\" HEIGHT=\"12\" FIXEDSIZE=\"TRUE\" BORDER=\"%d\" "
                           "SIDES=\"B\" STYLE=\"%s\" COLOR=\"%s\"></TD><TD ALIGN=\"LEFT\">%s</TD>",
                           l->width >= 2 ? 3 : 1, l->style, l->color, l->name);
        }
    }
    if (c->kinds || c->edges) {
        cni_buf_puts(&b, "</TR></TABLE></TD></TR>");
    }
    if (extra) {
        cni_buf_puts(&b, "<TR><TD ALIGN=\"LEFT\"><TABLE BORDER=\"0\" CELLBORDER=\"0\" "
                         "CELLSPACING=\"3\" CELLPADDING=\"1\"><TR>");
        cni_buf_puts(&b, extra);
        cni_buf_puts(&b, "</TR></TABLE></TD></TR>");
    }
    if (c->note.len) {
        char *wrapped = cni_text_wrap(cni_buf_str(&c->note) ? cni_buf_str(&c->note) : "", 110, 6);
        cni_buf_puts(&b, "<TR><TD ALIGN=\"LEFT\" BALIGN=\"LEFT\"><FONT POINT-SIZE=\"9\">");
        cni_text_gv_html(&b, wrapped ? wrapped : "");
        cni_buf_puts(&b, "</FONT></TD></TR>");
        if (!wrapped) {
            c->s->status = CN_ENOMEM;
        }
        free(wrapped);
    }
    cni_buf_puts(&b, "</TABLE>");
    cni_set_html(c->s, &c->s->graph, "label", cni_buf_str(&b));
    if (!t) {
        c->s->status = CN_ENOMEM;
    }
    free(t);
    cni_buf_fini(&b);
}

static void note(ctx *c, const char *text)
{
    if (c->note.len) {
        cni_buf_puts(&c->note, " ");
    }
    cni_buf_puts(&c->note, text);
}

static void set_engine(ctx *c, const char *automatic)
{
    snprintf(c->s->engine, sizeof c->s->engine, "%s", c->o->engine ? c->o->engine : automatic);
}

/* Settings the force-directed engines need to give the same picture every run. */
static void force_directed(ctx *c)
{
    cni_setf(c->s, &c->s->graph, "start", "%llu", (unsigned long long)(c->o->seed % 1000000007u));
    cni_set(c->s, &c->s->graph, "overlap", "false");
    /* curved edges routed around nodes cost seconds per hundred edges (23 s for 300 nodes and
     * 900 edges with sfdp); straight lines past a small diagram */
    cni_set(c->s, &c->s->graph, "splines",
            c->s->nnodes <= 80 && c->s->nedges <= 200 ? "true" : "false");
    cni_set(c->s, &c->s->graph, "sep", "+6");
}

/* The node budget: the caller's, or the view's default (README "Diagrams"): a network
 * overlap diagram stops being readable sooner than a membership tree. */
static size_t budget(const cn_render_options *o)
{
    return o->max_nodes                     ? o->max_nodes
           : o->view == CN_RENDER_OVERLAP   ? CN_RENDER_MAX_NODES / 4
           : o->view != CN_RENDER_MEMBERSHIP ? CN_RENDER_MAX_NODES * 2 / 3
                                             : CN_RENDER_MAX_NODES;
}

/* ---- membership ---- */

typedef struct rank_item {
    size_t node;
    size_t key1, key2; /* larger first */
} rank_item;

static int cmp_rank(const void *pa, const void *pb)
{
    const rank_item *a = pa, *b = pb;
    if (a->key1 != b->key1) {
        return a->key1 > b->key1 ? -1 : 1;
    }
    if (a->key2 != b->key2) {
        return a->key2 > b->key2 ? -1 : 1;
    }
    return a->node < b->node ? -1 : a->node > b->node;
}

/* Clusters by region: one per distinct region, in order of first appearance. */
typedef struct regions {
    const char **name;
    size_t *cluster;
    size_t n;
} regions;

static size_t region_cluster(ctx *c, regions *r, const char *region)
{
    if (!c->o->group_by_region || !region || !*region) {
        return CN_NONE;
    }
    for (size_t k = 0; k < r->n; k++) {
        if (strcmp(r->name[k], region) == 0) {
            return r->cluster[k];
        }
    }
    size_t cl = cni_cluster_add(c->s);
    if (cl == CN_NONE) {
        return CN_NONE;
    }
    char *t = cni_text_clean(region);
    cni_attrs *a = &c->s->clusters[cl].a;
    cni_set(c->s, a, "label", t ? t : "");
    cni_set(c->s, a, "style", "rounded,dashed");
    cni_set(c->s, a, "color", "#999999");
    cni_set(c->s, a, "fontsize", "13");
    free(t);
    r->name[r->n] = region;
    r->cluster[r->n++] = cl;
    return cl;
}

static const char *node_region(const cn_graph *g, size_t i)
{
    return cn_graph_node_kind(g, i) == CN_NODE_NETWORK ? cn_graph_network_region(g, i)
                                                       : cn_graph_node_region(g, i);
}

static int kind_rank(cn_node_kind k)
{
    return k == CN_NODE_INSTITUTION ? 3 : k == CN_NODE_ENTERPRISE ? 2 : k == CN_NODE_NETWORK ? 1 : 0;
}

static int view_membership(ctx *c)
{
    const cn_graph *g = c->g;
    size_t n = cn_graph_node_count(g), B = budget(c->o), nnets = 0, K, P = 0, cap, total = 0;
    rank_item *items = NULL;
    size_t *vert = NULL, *nkept = NULL; /* per node: scene vertex; kept networks it is in */
    bool *kept = NULL, *is_lead = NULL;
    size_t *agg = NULL; /* per kept network and kind: hidden members */
    regions reg = { 0 };
    int rc = 0;

    items = cni_calloc_array(n + 1, sizeof *items);
    vert = cni_alloc_array(n + 1, sizeof *vert);
    nkept = cni_calloc_array(n + 1, sizeof *nkept);
    kept = cni_calloc_array(n + 1, sizeof *kept);
    is_lead = cni_calloc_array(n + 1, sizeof *is_lead);
    agg = cni_calloc_array((n + 1) * CN_NODE_KIND_COUNT, sizeof *agg);
    reg.name = cni_calloc_array(n + 1, sizeof *reg.name);
    reg.cluster = cni_calloc_array(n + 1, sizeof *reg.cluster);
    if (!items || !vert || !nkept || !kept || !is_lead || !agg || !reg.name || !reg.cluster) {
        rc = oom();
        goto done;
    }
    c->s->directed = true;
    frame(c);
    cni_set(c->s, &c->s->graph, "rankdir", "LR");
    cni_set(c->s, &c->s->graph, "ranksep", "0.9");
    cni_set(c->s, &c->s->graph, "nodesep", "0.12");
    /* networks, largest first */
    for (size_t i = 0; i < n; i++) {
        vert[i] = CN_NONE;
        if (cn_graph_node_kind(g, i) == CN_NODE_NETWORK) {
            items[nnets++] = (rank_item){ i, cn_graph_network_member_count(g, i), 0 };
        }
    }
    cni_sort(items, nnets, sizeof *items, cmp_rank);
    /* every node that is a network or a member of one */
    for (size_t i = 0; i < n; i++) {
        total += cn_graph_node_kind(g, i) == CN_NODE_NETWORK || cn_graph_node_network_count(g, i) > 0;
    }
    K = total <= B ? nnets : (nnets < B / 5 ? nnets : (B / 5 ? B / 5 : 1));
    for (size_t k = 0; k < K; k++) {
        kept[items[k].node] = true;
    }
    /* members of kept networks: how many kept networks each is in; lead flags */
    for (size_t k = 0; k < K; k++) {
        size_t net = items[k].node;
        bool seen[CN_NODE_KIND_COUNT] = { false };
        for (size_t j = 0; j < cn_graph_network_member_count(g, net); j++) {
            cn_edge e;
            size_t ed = cn_graph_network_member_edge(g, net, j);
            cn_graph_edge(g, ed, &e);
            nkept[e.source]++;
            if (e.role == CN_ROLE_LEAD) {
                is_lead[e.source] = true;
            } else if (!kept[e.source]) {
                seen[cn_graph_node_kind(g, e.source)] = true;
            }
        }
        for (int t = 0; t < CN_NODE_KIND_COUNT; t++) {
            P += seen[t];
        }
    }
    cap = total <= B ? n : (B > K + P ? B - K - P : 0);
    /* candidates: members of kept networks that are not kept networks themselves */
    size_t ncand = 0;
    rank_item *cand = items + nnets; /* the rest of the array is free */
    for (size_t i = 0; i < n; i++) {
        if (nkept[i] && !kept[i]) {
            cand[ncand++] = (rank_item){ i, is_lead[i] ? 1 : 0,
                                         nkept[i] * 4 + (size_t)kind_rank(cn_graph_node_kind(g, i)) };
        }
    }
    cni_sort(cand, ncand, sizeof *cand, cmp_rank);
    /* draw: kept networks in node order, then shown members in node order */
    for (size_t k = 0; k < ncand && k < cap; k++) {
        vert[cand[k].node] = 0; /* marks "shown" until it gets its vertex */
    }
    for (size_t i = 0; i < n && c->s->status == 0; i++) {
        if (kept[i] || vert[i] == 0) {
            char extra[64];
            size_t nm = cn_graph_network_member_count(g, i);
            snprintf(extra, sizeof extra, "%zu member%s", nm, nm == 1 ? "" : "s");
            vert[i] = add_node(c, i, region_cluster(c, &reg, node_region(g, i)),
                               kept[i] ? extra : NULL, 0);
        }
    }
    /* edges: network -> member, so that dot ranks hubs before their members */
    for (size_t i = 0; i < n && c->s->status == 0; i++) {
        if (!kept[i]) {
            continue;
        }
        for (size_t j = 0; j < cn_graph_network_member_count(g, i); j++) {
            cn_edge e;
            cn_graph_edge(g, cn_graph_network_member_edge(g, i, j), &e);
            if (vert[e.source] != CN_NONE) {
                size_t ed = cni_edge_add(c->s, vert[i], vert[e.source]);
                look_edge(c, ed, role_look(e.role));
            } else {
                agg[i * CN_NODE_KIND_COUNT + cn_graph_node_kind(g, e.source)]++;
            }
        }
        for (int t = 0; t < CN_NODE_KIND_COUNT; t++) {
            size_t cnt = agg[i * CN_NODE_KIND_COUNT + (size_t)t];
            if (cnt) {
                size_t v = add_aggregate(c, i, (cn_node_kind)t, cnt, CN_NONE);
                if (v != CN_NONE) {
                    look_edge(c, cni_edge_add(c->s, vert[i], v), L_MEMBER);
                }
            }
        }
    }
    /* counts for the legend and the stats */
    size_t hidden = 0, out = 0;
    for (size_t i = 0; i < n; i++) {
        bool in_view = cn_graph_node_kind(g, i) == CN_NODE_NETWORK || cn_graph_node_network_count(g, i) > 0;
        if (!in_view || vert[i] != CN_NONE) {
            continue;
        }
        if (nkept[i]) {
            hidden++;
        } else {
            out++;
        }
    }
    c->st->aggregated = hidden;
    c->st->left_out = out;
    if (K < nnets || hidden) {
        cni_buf b;
        cni_buf_init(&b);
        cni_buf_printf(&b, "Over the budget of %zu nodes:", B);
        if (K < nnets) {
            cni_buf_printf(&b, " the %zu largest of %zu networks %s drawn;", K, nnets,
                           K == 1 ? "is" : "are");
        }
        if (hidden) {
            cni_buf_printf(&b, " %zu member%s %s counted in dashed nodes (by kind);", hidden,
                           hidden == 1 ? "" : "s", hidden == 1 ? "is" : "are");
        }
        cni_buf_puts(&b, " leads and members of several networks first.");
        note(c, cni_buf_str(&b) ? cni_buf_str(&b) : "");
        cni_buf_fini(&b);
    }
    if (!c->o->engine) {
        set_engine(c, c->s->nnodes <= 200 || c->o->group_by_region ? "dot" : "sfdp");
    } else {
        set_engine(c, NULL);
    }
    if (strcmp(c->s->engine, "dot") != 0) {
        force_directed(c);
    }
    legend(c, "Network membership", NULL);
done:
    free(items);
    free(vert);
    free(nkept);
    free(kept);
    free(is_lead);
    free(agg);
    free(reg.name);
    free(reg.cluster);
    return rc ? rc : c->s->status ? oom() : 0;
}

/* ---- overlap ---- */

static int view_overlap(ctx *c)
{
    const cn_graph *g = c->g;
    cn_overlap_options oo = CN_OVERLAP_OPTIONS_INIT;
    cn_overlap *o = NULL;
    size_t n = cn_graph_node_count(g), B = budget(c->o), nnets = 0, drawn = 0, maxshared = 1;
    rank_item *items = NULL;
    size_t *vert = NULL;
    int rc;

    oo.max_shared = c->o->max_shared;
    if ((rc = cn_overlap_compute(&o, g, &oo)) != 0) {
        return rc;
    }
    items = cni_calloc_array(n + 1, sizeof *items);
    vert = cni_alloc_array(n + 1, sizeof *vert);
    if (!items || !vert) {
        rc = oom();
        goto done;
    }
    frame(c);
    for (size_t i = 0; i < n; i++) {
        vert[i] = CN_NONE;
        if (cn_graph_node_kind(g, i) == CN_NODE_NETWORK) {
            items[nnets++] = (rank_item){ i, cn_overlap_size(o, i), 0 };
        }
    }
    cni_sort(items, nnets, sizeof *items, cmp_rank);
    size_t K = nnets < B ? nnets : B;
    for (size_t k = 0; k < K; k++) {
        vert[items[k].node] = 0;
    }
    for (size_t i = 0; i < n && c->s->status == 0; i++) {
        if (vert[i] == 0) {
            char extra[64];
            size_t nm = cn_overlap_size(o, i);
            snprintf(extra, sizeof extra, "%zu member%s", nm, nm == 1 ? "" : "s");
            vert[i] = add_node(c, i, CN_NONE, extra, 0);
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
                look_edge(c, ed, L_NESTED);
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
        look_edge(c, e, L_SHARED);
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
        note(c, cni_buf_str(&b) ? cni_buf_str(&b) : "");
        cni_buf_fini(&b);
    }
    note(c, "Edge width and label: members shared by the two networks (a sub-network's members "
           "are counted in its own network only).");
    set_engine(c, c->s->nnodes <= 150 ? "neato" : "sfdp");
    if (strcmp(c->s->engine, "dot") != 0) {
        force_directed(c);
    }
    legend(c, "Members shared between networks", NULL);
done:
    free(items);
    free(vert);
    cn_overlap_destroy(o);
    return rc ? rc : c->s->status ? oom() : 0;
}

/* ---- coverage ---- */

static const char *const SHADE[] = { "#F2F2F2", "#C6DBEF", "#9ECAE1", "#6BAED6", "#3182BD" };

static const cn_rule_result *find_rule(const cn_coverage *cov, cn_rule_type type,
                                       const char *field, const char *region)
{
    for (size_t k = 0; k < cn_coverage_result_count(cov); k++) {
        const cn_rule_result *r = cn_coverage_result(cov, k);
        if (r->type == type && r->field && strcmp(r->field, field) == 0
            && (!region || (r->region && strcmp(r->region, region) == 0))) {
            return r;
        }
    }
    return NULL;
}

static int view_coverage(ctx *c)
{
    cn_coverage_options co = CN_COVERAGE_OPTIONS_INIT;
    cn_coverage *cov = NULL;
    cni_buf b, rows;
    size_t nf, nr, other = 0;
    int rc;

    if ((rc = cn_coverage_compute(&cov, c->g, c->o->targets, &co)) != 0) {
        return rc;
    }
    frame(c);
    nf = cn_coverage_field_count(cov);
    nr = cn_coverage_region_count(cov);
    cni_buf_init(&b);
    cni_buf_init(&rows);
    cni_buf_puts(&b, "<TABLE BORDER=\"0\" CELLBORDER=\"1\" CELLSPACING=\"0\" CELLPADDING=\"6\" "
                     "COLOR=\"#BBBBBB\"><TR><TD BGCOLOR=\"#FFFFFF\"><B>field</B></TD>");
    for (size_t r = 0; r < nr; r++) {
        char *t = cni_text_clean(cn_coverage_region(cov, r));
        cni_buf_puts(&b, "<TD BGCOLOR=\"#FFFFFF\"><B>");
        cni_text_gv_html(&b, t ? t : "");
        cni_buf_puts(&b, "</B></TD>");
        free(t);
    }
    cni_buf_puts(&b, "<TD BGCOLOR=\"#FFFFFF\"><B>networks</B></TD></TR>");
    for (size_t f = 0; f < nf; f++) {
        const char *field = cn_coverage_field(cov, f);
        char *t = cni_text_clean(field);
        cni_buf_puts(&b, "<TR><TD ALIGN=\"LEFT\" BGCOLOR=\"#FFFFFF\">");
        cni_text_gv_html(&b, t ? t : "");
        cni_buf_puts(&b, "</TD>");
        free(t);
        for (size_t r = 0; r < nr; r++) {
            const cn_coverage_cell *cell = cn_coverage_cell_at(cov, f, r);
            const cn_rule_result *rule = find_rule(cov, CN_RULE_FIELD_REGIONS, field,
                                                   cn_coverage_region(cov, r));
            bool gap = rule && !rule->met;
            size_t shade = cell->led < 4 ? cell->led : 4;
            cni_buf_printf(&b, "<TD BGCOLOR=\"%s\"%s>", SHADE[shade],
                           gap ? " COLOR=\"#D55E00\" BORDER=\"3\"" : "");
            cni_buf_printf(&b, "<FONT POINT-SIZE=\"13\"%s>%zu</FONT>",
                           shade >= 4 ? " COLOR=\"white\"" : "", cell->led);
            if (cell->reaching > cell->led) {
                cni_buf_printf(&b, "<BR/><FONT POINT-SIZE=\"8\"%s>reached by %zu</FONT>",
                               shade >= 4 ? " COLOR=\"white\"" : "", cell->reaching);
            }
            if (gap) {
                cni_buf_puts(&b, "<BR/><FONT POINT-SIZE=\"9\" COLOR=\"#D55E00\"><B>gap</B></FONT>");
            }
            cni_buf_puts(&b, "</TD>");
        }
        const cn_rule_result *rule = find_rule(cov, CN_RULE_FIELD_NETWORKS, field, NULL);
        if (rule) {
            cni_buf_printf(&b, "<TD BGCOLOR=\"#FFFFFF\"%s>%zu (target %zu)%s</TD></TR>",
                           rule->met ? "" : " COLOR=\"#D55E00\" BORDER=\"3\"", rule->have,
                           rule->need,
                           rule->met ? "" : "<BR/><FONT POINT-SIZE=\"9\" COLOR=\"#D55E00\"><B>gap</B></FONT>");
        } else {
            cni_buf_puts(&b, "<TD BGCOLOR=\"#FFFFFF\"></TD></TR>");
        }
    }
    if (nf == 0) {
        cni_buf_printf(&b, "<TR><TD COLSPAN=\"%zu\">no network in the data names a field</TD></TR>",
                       nr + 2);
    }
    cni_buf_puts(&b, "</TABLE>");
    /* gaps that are not a cell (network rules), listed under the matrix */
    for (size_t k = 0; k < cn_coverage_result_count(cov); k++) {
        const cn_rule_result *r = cn_coverage_result(cov, k);
        if (r->met || r->type == CN_RULE_FIELD_REGIONS || r->type == CN_RULE_FIELD_NETWORKS) {
            continue;
        }
        if (other++ < 8) {
            char *msg = cni_text_clean(r->message ? r->message : "");
            char *wrapped = msg ? cni_text_wrap(msg, 100, 2) : NULL;
            cni_buf_puts(&rows, "<TR><TD ALIGN=\"LEFT\" BALIGN=\"LEFT\"><FONT POINT-SIZE=\"9\" "
                                "COLOR=\"#D55E00\"><B>gap</B></FONT><FONT POINT-SIZE=\"9\"> ");
            cni_text_gv_html(&rows, wrapped ? wrapped : "");
            cni_buf_puts(&rows, "</FONT></TD></TR>");
            if (!wrapped) {
                c->s->status = CN_ENOMEM;
            }
            free(msg);
            free(wrapped);
        }
    }
    if (other > 8) {
        cni_buf_printf(&rows, "<TR><TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"9\">and %zu more "
                              "(collabnet coverage lists every gap)</FONT></TD></TR>", other - 8);
    }
    {
        cni_buf w;
        cni_buf_init(&w);
        cni_buf_puts(&w, "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"6\"><TR><TD>");
        cni_buf_puts(&w, cni_buf_str(&b) ? cni_buf_str(&b) : "");
        cni_buf_puts(&w, "</TD></TR>");
        if (other) {
            cni_buf_printf(&w, "<TR><TD ALIGN=\"LEFT\"><TABLE BORDER=\"0\" CELLBORDER=\"0\" "
                               "CELLSPACING=\"1\"><TR><TD ALIGN=\"LEFT\"><B>%zu network "
                               "gap%s</B></TD></TR>", other, other == 1 ? "" : "s");
            cni_buf_puts(&w, cni_buf_str(&rows) ? cni_buf_str(&rows) : "");
            cni_buf_puts(&w, "</TABLE></TD></TR>");
        }
        cni_buf_puts(&w, "</TABLE>");
        size_t v = cni_node_add(c->s, CN_NONE);
        if (v != CN_NONE) {
            cni_set(c->s, &c->s->nodes[v].a, "shape", "plain");
            cni_set_html(c->s, &c->s->nodes[v].a, "label", cni_buf_str(&w));
            cni_set(c->s, &c->s->nodes[v].a, "id", "coverage-matrix");
        }
        if (w.failed) {
            c->s->status = CN_ENOMEM;
        }
        cni_buf_fini(&w);
    }
    /* the legend: the shading scale and the gap mark */
    cni_buf_clear(&b);
    for (size_t k = 0; k < 5; k++) {
        cni_buf_printf(&b, "<TD BGCOLOR=\"%s\" BORDER=\"1\" WIDTH=\"14\" HEIGHT=\"12\" "
                           "FIXEDSIZE=\"TRUE\"></TD><TD ALIGN=\"LEFT\">%zu%s</TD>",
                       SHADE[k], k, k == 4 ? "+" : "");
    }
    cni_buf_puts(&b, "<TD ALIGN=\"LEFT\">networks led in the region</TD>");
    if (c->o->targets) {
        cni_buf_puts(&b, "<TD WIDTH=\"14\" HEIGHT=\"12\" FIXEDSIZE=\"TRUE\" BORDER=\"3\" "
                         "COLOR=\"#D55E00\"></TD><TD ALIGN=\"LEFT\">gap against the targets</TD>");
    }
    if (!c->o->targets) {
        note(c, "No targets given: no gaps marked.");
    } else {
        char line[128];
        snprintf(line, sizeof line, "%zu of %zu target checks not met.",
                 cn_coverage_gap_count(cov), cn_coverage_result_count(cov));
        note(c, line);
    }
    set_engine(c, "dot");
    legend(c, "Coverage of priority fields by region", cni_buf_str(&b));
    if (b.failed || rows.failed) {
        c->s->status = CN_ENOMEM;
    }
    c->st->shown = 0;
    cni_buf_fini(&b);
    cni_buf_fini(&rows);
    cn_coverage_destroy(cov);
    return c->s->status ? oom() : 0;
}

/* ---- collaboration ---- */

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

static int view_collaboration(ctx *c)
{
    const cn_graph *g = c->g;
    size_t n = cn_graph_node_count(g), B = budget(c->o), ncand = 0, isolated = 0;
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
        rc = oom();
        goto done;
    }
    co.view = c->o->ties;
    co.processes = 1;
    co.seed = c->o->seed;
    out[0] = val;
    if ((rc = cn_centrality(out, g, &m, 1, &co)) != 0) {
        goto done;
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
    frame(c);
    for (size_t i = 0; i < n && c->s->status == 0; i++) {
        if (vert[i] != 0) {
            continue;
        }
        double x = m == CN_MEASURE_CONSTRAINT ? -(isnan(val[i]) ? 0 : val[i]) : (isnan(val[i]) ? 0 : val[i]);
        double f = vmax > vmin ? (x - vmin) / (vmax - vmin) : 1.0;
        char extra[64];
        snprintf(extra, sizeof extra, "%s %.3g", cn_measure_name(m), isnan(val[i]) ? 0 : val[i]);
        vert[i] = add_node(c, i, CN_NONE, extra, 8.0 + 10.0 * sqrt(f));
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
        look_edge(c, e, c->o->ties == CN_VIEW_COLLABORATION ? L_TIE : L_SHARED);
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
        note(c, cni_buf_str(&b) ? cni_buf_str(&b) : "");
        cni_buf_fini(&b);
    }
    set_engine(c, K <= 150 ? "neato" : "sfdp");
    if (strcmp(c->s->engine, "dot") != 0) {
        force_directed(c);
    }
    legend(c, c->o->ties == CN_VIEW_COLLABORATION ? "Collaboration" : "Co-membership", NULL);
done:
    cni_view_fini(&v);
    free(val);
    free(items);
    free(deg);
    free(vert);
    return rc ? rc : c->s->status ? oom() : 0;
}

/* ---- ego ---- */

static int view_ego(ctx *c)
{
    const cn_graph *g = c->g;
    size_t n = cn_graph_node_count(g), B = budget(c->o), depth = c->o->depth ? c->o->depth : 1;
    size_t focus, count = 0;
    cni_view v = { 0 };
    cni_ig_graph *gr = NULL;
    uint32_t *order = NULL, *dist = NULL;
    size_t *vert = NULL;
    regions reg = { 0 };
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
        rc = oom();
        goto done;
    }
    if ((rc = cni_ig_graph_create(&gr, &v, false)) != 0
        || (rc = cni_ig_bfs(order, dist, &count, gr, v.vert_of_node[focus], depth)) != 0) {
        goto done;
    }
    frame(c);
    for (size_t i = 0; i < n; i++) {
        vert[i] = CN_NONE;
    }
    size_t K = count < B ? count : B;
    /* the focus first (twopi's root), then the others in node order */
    for (size_t k = 0; k < K; k++) {
        vert[v.node_of_vert[order[k]]] = 0;
    }
    vert[focus] = add_node(c, focus, region_cluster(c, &reg, node_region(g, focus)), NULL, 12);
    if (vert[focus] != CN_NONE) {
        cni_set(c->s, &c->s->nodes[vert[focus]].a, "penwidth", "3");
    }
    for (size_t i = 0; i < n && c->s->status == 0; i++) {
        if (vert[i] == 0 && i != focus) {
            vert[i] = add_node(c, i, region_cluster(c, &reg, node_region(g, i)), NULL, 0);
        }
    }
    /* membership edges and ties between drawn nodes */
    for (size_t e = 0; e < cn_graph_edge_count(g) && c->s->status == 0; e++) {
        cn_edge ed;
        cn_graph_edge(g, e, &ed);
        if (ed.kind == CN_EDGE_MEMBERSHIP && vert[ed.source] != CN_NONE && vert[ed.target] != CN_NONE) {
            look_edge(c, cni_edge_add(c->s, vert[ed.target], vert[ed.source]), role_look(ed.role));
        }
    }
    for (size_t t = 0; t < cn_graph_tie_count(g) && c->s->status == 0; t++) {
        cn_tie tie;
        cn_graph_tie(g, t, &tie);
        if (vert[tie.a] != CN_NONE && vert[tie.b] != CN_NONE) {
            look_edge(c, cni_edge_add(c->s, vert[tie.a], vert[tie.b]), L_TIE);
        }
    }
    c->st->left_out = count - K;
    {
        cni_buf b;
        char *t = node_text(c, focus);
        cni_buf_init(&b);
        cni_buf_printf(&b, "%zu node%s within %zu step%s (memberships and collaboration ties).",
                       count, count == 1 ? "" : "s", depth, depth == 1 ? "" : "s");
        if (K < count) {
            cni_buf_printf(&b, " Over the budget of %zu nodes: the %zu nearest %s drawn.", B, K,
                           K == 1 ? "is" : "are");
        }
        note(c, cni_buf_str(&b) ? cni_buf_str(&b) : "");
        cni_buf_clear(&b);
        cni_buf_printf(&b, "Around %s", t ? t : "");
        if (!c->o->engine) {
            set_engine(c, c->o->group_by_region ? "fdp" : K <= 150 ? "twopi" : "sfdp");
        } else {
            set_engine(c, NULL);
        }
        if (strcmp(c->s->engine, "twopi") == 0) {
            cni_set(c->s, &c->s->graph, "root", "n0");
            cni_set(c->s, &c->s->graph, "overlap", "false");
            cni_set(c->s, &c->s->graph, "ranksep", "1.6");
        } else if (strcmp(c->s->engine, "dot") != 0) {
            force_directed(c);
        }
        legend(c, cni_buf_str(&b) ? cni_buf_str(&b) : "", NULL);
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
    return rc ? rc : c->s->status ? oom() : 0;
}

int cni_build_view(cni_scene *s, cn_render_stats *st, const cn_graph *g,
                   const cn_render_options *o)
{
    ctx c = { s, g, o, st, CN_NONE, 0, 0, { 0 } };
    int rc;

    if (o->label_attr && *o->label_attr) {
        for (size_t k = 0; k < cn_graph_node_attr_count(g); k++) {
            if (strcmp(cn_graph_node_attr_name(g, k), o->label_attr) == 0) {
                c.label_col = k;
            }
        }
        if (c.label_col == CN_NONE) {
            return cni_fail(CN_EINVAL, "no node column '%s' for labels", o->label_attr);
        }
    }
    cni_buf_init(&c.note);
    switch (o->view) {
    case CN_RENDER_MEMBERSHIP: rc = view_membership(&c); break;
    case CN_RENDER_OVERLAP: rc = view_overlap(&c); break;
    case CN_RENDER_COVERAGE: rc = view_coverage(&c); break;
    case CN_RENDER_COLLABORATION: rc = view_collaboration(&c); break;
    case CN_RENDER_EGO: rc = view_ego(&c); break;
    default: rc = cni_fail(CN_EINVAL, "unknown view %d", (int)o->view);
    }
    cni_buf_fini(&c.note);
    if (rc == 0 && s->status) {
        rc = oom();
    }
    st->nodes = s->nnodes;
    st->edges = s->nedges;
    snprintf(st->engine, sizeof st->engine, "%s", s->engine);
    return rc;
}

/* What the views share: one look (palette, legend, frame), drawing a dataset node, the node
 * budget, region clusters; and cni_build_view(), which picks the view (view_*.c). No Graphviz
 * here. */
#include "views.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

int cni_draw_oom(void)
{
    return cni_fail(CN_ENOMEM, "out of memory");
}

int cni_draw_label_column(size_t *out, const cn_graph *g, const char *name)
{
    size_t n = cn_graph_node_attr_count(g);
    cni_buf cols;
    int rc;

    *out = CN_NONE;
    if (strcmp(name, "label") == 0) {
        return 0;
    }
    for (size_t k = 0; k < n; k++) {
        if (strcmp(cn_graph_node_attr_name(g, k), name) == 0) {
            *out = k;
            return 0;
        }
    }
    cni_buf_init(&cols);
    cni_buf_puts(&cols, n ? "label or an extra column of nodes.csv:" : "label; nodes.csv has no "
                                                                        "extra column");
    for (size_t k = 0; k < n; k++) {
        cni_buf_printf(&cols, "%s %s", k ? "," : "", cn_graph_node_attr_name(g, k));
    }
    rc = cni_buf_str(&cols) ? cni_fail(CN_EINVAL, "no node column '%s' for labels (use %s)", name,
                                       cni_buf_str(&cols))
                            : cni_draw_oom();
    cni_buf_fini(&cols);
    return rc;
}

/* The text naming node i: the chosen column, else its label, else its id; cleaned. */
char *cni_draw_node_text(const cni_draw_ctx *c, size_t i)
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

static void look_kind(cni_draw_ctx *c, cni_attrs *a, cn_node_kind k, bool aggregate)
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

/* A dataset node drawn, its label's text and how far it was changed to tell it apart. */
struct cni_drawn {
    size_t v, i;
    char *extra; /* the label's second line, or NULL */
    char *text;  /* wrapped */
    int step;    /* 0: as wrapped; 1: the end kept; 2: the id added */
};

static size_t label_width(const cni_draw_ctx *c)
{
    return c->o->label_width ? c->o->label_width : c->wrap ? c->wrap : LABEL_WIDTH;
}

static size_t label_lines(const cni_draw_ctx *c)
{
    return c->o->label_lines ? c->o->label_lines : LABEL_LINES;
}

char *cni_draw_wrap_text(const cni_draw_ctx *c, const char *s)
{
    char *t = cni_text_clean(s), *w = t ? cni_text_wrap_end(t, label_width(c), label_lines(c))
                                        : NULL;

    free(t);
    return w;
}

/* Set the label of scene node @p v, dataset node @p i, to the wrapped @p text and @p extra. */
static void set_node_label(cni_draw_ctx *c, size_t v, size_t i, const char *text,
                           const char *extra)
{
    cni_buf b;

    cni_buf_init(&b);
    if (cn_graph_node_kind(c->g, i) == CN_NODE_NETWORK) {
        cni_buf_puts(&b, "<B>");
        cni_text_gv_html(&b, text);
        cni_buf_puts(&b, "</B>");
    } else {
        cni_text_gv_html(&b, text);
    }
    if (extra) {
        cni_buf_puts(&b, "<BR/><FONT POINT-SIZE=\"8\">");
        cni_text_gv_html(&b, extra);
        cni_buf_puts(&b, "</FONT>");
    }
    cni_set_html(c->s, &c->s->nodes[v].a, "label", cni_buf_str(&b));
    cni_buf_fini(&b);
}

/* Draw dataset node i; @p extra is a second, smaller line (may be NULL). */
size_t cni_draw_node(cni_draw_ctx *c, size_t i, size_t cluster, const char *extra,
                          double fontsize)
{
    cni_buf b;
    char *text = cni_draw_node_text(c, i);
    char *wrapped = text ? cni_text_wrap(text, label_width(c), label_lines(c)) : NULL;
    char *extra_copy = extra ? cni_strdup(extra) : NULL;
    size_t v = cni_node_add(c->s, cluster);

    cni_buf_init(&b);
    if (!wrapped || v == CN_NONE || (extra && !extra_copy)
        || cni_grow((void **)&c->drawn, &c->drawn_cap, c->ndrawn + 1, sizeof *c->drawn)) {
        c->s->status = CN_ENOMEM;
        free(text);
        free(wrapped);
        free(extra_copy);
        return CN_NONE;
    }
    cni_attrs *a = &c->s->nodes[v].a;
    look_kind(c, a, cn_graph_node_kind(c->g, i), false);
    set_node_label(c, v, i, wrapped, extra);
    if (fontsize > 0) {
        cni_setf(c->s, a, "fontsize", "%.1f", fontsize);
    }
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
    c->drawn[c->ndrawn++] = (struct cni_drawn){ v, i, extra_copy, wrapped, 0 };
    c->st->shown++;
    return v;
}

static int cmp_drawn(const void *pa, const void *pb)
{
    const struct cni_drawn *a = *(const struct cni_drawn *const *)pa;
    const struct cni_drawn *b = *(const struct cni_drawn *const *)pb;
    int d = strcmp(a->text, b->text);
    return d ? d : a->i < b->i ? -1 : a->i > b->i;
}

/* The text of drawn node @p d at its step: wrapped; wrapped keeping the end; the end kept on
 * one line less and the id in brackets on the last (one line: after the text). */
static char *step_text(const cni_draw_ctx *c, const struct cni_drawn *d)
{
    size_t w = label_width(c), lines = label_lines(c);
    char *text = cni_draw_node_text(c, d->i), *t = NULL, *id = NULL, *res = NULL;
    cni_buf b;

    if (!text) {
        return NULL;
    }
    if (d->step < 2) {
        res = cni_text_wrap_end(text, w, lines);
    } else if ((t = cni_text_wrap_end(text, w, lines > 1 ? lines - 1 : 1))
               && (id = cni_text_clean(cn_graph_node_id(c->g, d->i)))) {
        /* the id cleaned as every text drawn is: no control character reaches Graphviz */
        cni_buf_init(&b);
        cni_buf_printf(&b, "%s%s[%s]", t, lines > 1 ? "\n" : " ", id);
        res = cni_buf_str(&b) ? b.s : NULL;
        if (!res) {
            cni_buf_fini(&b);
        }
    }
    free(id);
    free(t);
    free(text);
    return res;
}

/* Two different dataset nodes drawn with the same text are told apart: the labels of each
 * such group keep the end of the text, and, where that is still not enough, add the id. Each
 * round moves a node a step on, so this ends; nodes with the id are all distinct. */
static int distinct_labels(cni_draw_ctx *c)
{
    struct cni_drawn **order;
    bool changed = true;
    int rc = 0;

    if (c->ndrawn < 2) {
        return 0;
    }
    if (!(order = malloc(c->ndrawn * sizeof *order))) {
        return cni_draw_oom();
    }
    for (size_t k = 0; k < c->ndrawn; k++) {
        order[k] = &c->drawn[k];
    }
    while (changed && rc == 0) {
        changed = false;
        qsort(order, c->ndrawn, sizeof *order, cmp_drawn);
        for (size_t k = 0, end; k < c->ndrawn && rc == 0; k = end) {
            bool several = false;
            for (end = k + 1; end < c->ndrawn && strcmp(order[end]->text, order[k]->text) == 0;
                 end++) {
                several = several || order[end]->i != order[k]->i;
            }
            for (size_t m = k; several && m < end && rc == 0; m++) {
                if (order[m]->step < 2) {
                    char *t;
                    order[m]->step++;
                    if (!(t = step_text(c, order[m]))) {
                        rc = cni_draw_oom();
                        break;
                    }
                    free(order[m]->text);
                    order[m]->text = t;
                    changed = true;
                }
            }
        }
    }
    for (size_t k = 0; k < c->ndrawn && rc == 0; k++) {
        if (c->drawn[k].step) {
            set_node_label(c, c->drawn[k].v, c->drawn[k].i, c->drawn[k].text, c->drawn[k].extra);
        }
    }
    free(order);
    return rc;
}

/* An aggregate: @p count[k] nodes of each kind k (of network @p net) drawn as one: with one
 * kind in that kind's look, with several in a neutral box, a line per kind. */
size_t cni_draw_aggregate(cni_draw_ctx *c, size_t net, const size_t *count, size_t cluster)
{
    cni_buf b;
    size_t v = cni_node_add(c->s, cluster), kinds = 0;
    int k = 0;

    if (v == CN_NONE) {
        return v;
    }
    for (int t = 0; t < CN_NODE_KIND_COUNT; t++) {
        if (count[t]) {
            kinds++;
            k = t;
        }
    }
    cni_attrs *a = &c->s->nodes[v].a;
    cni_buf_init(&b);
    if (kinds == 1) {
        look_kind(c, a, (cn_node_kind)k, true);
        cni_buf_printf(&b, "%zu %s", count[k],
                       count[k] == 1 ? cn_node_kind_name((cn_node_kind)k) : LOOK[k].plural);
    } else {
        cni_set(c->s, a, "shape", "box");
        cni_set(c->s, a, "style", "filled,dashed");
        cni_set(c->s, a, "fillcolor", "#F2F2F2");
        for (int t = 0; t < CN_NODE_KIND_COUNT; t++) {
            if (count[t]) {
                cni_buf_printf(&b, "%s%zu %s", b.len ? "<BR/>" : "", count[t],
                               count[t] == 1 ? cn_node_kind_name((cn_node_kind)t) : LOOK[t].plural);
            }
        }
    }
    if (kinds == 1) {
        cni_set(c->s, a, "label", cni_buf_str(&b) ? cni_buf_str(&b) : "");
    } else {
        cni_set_html(c->s, a, "label", cni_buf_str(&b) ? cni_buf_str(&b) : "");
    }
    cni_buf_clear(&b);
    element_id(&b, "more-", cn_graph_node_id(c->g, net));
    if (kinds == 1) {
        cni_buf_printf(&b, "-%s", cn_node_kind_name((cn_node_kind)k));
    }
    cni_set(c->s, a, "id", cni_buf_str(&b) ? cni_buf_str(&b) : "");
    if (b.failed) {
        c->s->status = CN_ENOMEM;
    }
    cni_buf_fini(&b);
    return v;
}

void cni_draw_look_edge(cni_draw_ctx *c, size_t e, int which)
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

int cni_draw_role_look(cn_role r)
{
    return r == CN_ROLE_LEAD      ? CNI_LOOK_LEAD
           : r == CN_ROLE_PARTNER ? CNI_LOOK_PARTNER
                                  : CNI_LOOK_MEMBER;
}

/* Common graph attributes, and the title with the legend as the graph's label (drawn by
 * every engine, unlike a legend made of nodes). */
void cni_draw_frame(cni_draw_ctx *c)
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

double cni_draw_text_scale(const cni_draw_ctx *c)
{
    double k = c->budget ? c->budget->text_scale : 0;

    return k > 0 && k < 1 ? k : 1;
}

size_t cni_draw_note_width(const cni_draw_ctx *c, size_t width)
{
    /* a character of DejaVu Sans is up to about 0.6 em on average; the box less its pad
     * (0.3 in); at least 30, or 20 when the estimate was too wide (text_scale) */
    double fs = c->o->font_size > 0 ? c->o->font_size : CN_RENDER_FONT_SIZE;
    double k = cni_draw_text_scale(c);
    double chars = k * (c->o->fit_width - 2 * 0.3 * 72) / (0.6 * fs), least = k < 1 ? 20 : 30;

    if (c->o->fit_width <= 0 || chars >= (double)width) {
        return width;
    }
    return chars < least ? (size_t)least : (size_t)chars;
}

/* Rows of the legend's swatches: each an inner table, so that rows of different lengths do not
 * stretch each other's cells. Graphviz 2.42 spreads a nested table over the width of its cell,
 * giving each of its columns an equal share of what the cell has to spare: in a box, where the
 * wrapped note and title are wider than a short row, the swatches of a row ran across the
 * legend (README "Page fit"). There each inner table sits in a table with LEGEND_SPACERS empty
 * cells after it, which take all but 1/(LEGEND_SPACERS + 1) of that share. Without a box the
 * rows are as they were. */
#define LEGEND_SPACERS 63
#define LEGEND_INNER "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"3\" CELLPADDING=\"1\"><TR>"

static void legend_row_open(cni_buf *b, bool box)
{
    cni_buf_puts(b, "<TR><TD ALIGN=\"LEFT\">");
    if (box) {
        cni_buf_puts(b, "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"0\" "
                        "CELLPADDING=\"0\"><TR><TD>");
    }
    cni_buf_puts(b, LEGEND_INNER);
}

static void legend_row_close(cni_buf *b, bool box)
{
    cni_buf_puts(b, "</TR></TABLE>");
    if (box) {
        cni_buf_puts(b, "</TD>");
        for (int k = 0; k < LEGEND_SPACERS; k++) {
            cni_buf_puts(b, "<TD></TD>");
        }
        cni_buf_puts(b, "</TR></TABLE>");
    }
    cni_buf_puts(b, "</TD></TR>");
}

/* The legend: a one-column table of the title, the rows of swatches and the note. @p extra is
 * an inner row of cells (may be NULL), CNI_LEGEND_BREAK starting a row of its own. */
void cni_draw_legend(cni_draw_ctx *c, const char *title, const char *extra)
{
    cni_buf b;
    char *t = cni_text_clean(c->o->title ? c->o->title : title), *tw = NULL;
    double fs = c->o->font_size > 0 ? c->o->font_size : CN_RENDER_FONT_SIZE;
    size_t note_width = cni_draw_note_width(c, 110);
    bool box = c->o->fit_width > 0;

    cni_buf_init(&b);
    if (t && box) {
        /* in a box, the title (16 pt at 9) wraps to its width less the pad, as the note
         * does: a bold character of DejaVu Sans is up to about 0.7 em on average */
        double k = cni_draw_text_scale(c), least = k < 1 ? 12 : 20;
        double title_chars = k * (c->o->fit_width - 2 * 0.3 * 72)
                             / (0.7 * 16.0 * fs / CN_RENDER_FONT_SIZE);
        if (!(tw = cni_text_wrap(t, title_chars < least ? (size_t)least : (size_t)title_chars,
                                 4))) {
            c->s->status = CN_ENOMEM;
        }
    }
    cni_buf_puts(&b, "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"2\" CELLPADDING=\"0\">"
                     "<TR><TD ALIGN=\"LEFT\" BALIGN=\"LEFT\"><FONT POINT-SIZE=\"16\"><B>");
    cni_text_gv_html(&b, tw ? tw : t ? t : "");
    free(tw);
    cni_buf_puts(&b, "</B></FONT></TD></TR>");
    if (c->kinds || c->edges) {
        legend_row_open(&b, box);
    }
    for (int k = 0; k < CN_NODE_KIND_COUNT; k++) {
        if (c->kinds & (1u << k)) {
            cni_buf_printf(&b,
                           "<TD BGCOLOR=\"%s\" BORDER=\"1\" WIDTH=\"14\" HEIGHT=\"12\" "
                           "FIXEDSIZE=\"TRUE\"></TD><TD ALIGN=\"LEFT\">%s</TD>",
                           LOOK[k].fill, cn_node_kind_name((cn_node_kind)k));
        }
    }
    if (c->kinds && c->edges && box) {
        /* in a box, the edge kinds on a row of their own: one row of both was wider than A4 */
        legend_row_close(&b, box);
        legend_row_open(&b, box);
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
        legend_row_close(&b, box);
    }
    if (extra) {
        const char *brk;
        legend_row_open(&b, box);
        while ((brk = strstr(extra, CNI_LEGEND_BREAK))) {
            cni_buf_add(&b, extra, (size_t)(brk - extra));
            legend_row_close(&b, box);
            legend_row_open(&b, box);
            extra = brk + strlen(CNI_LEGEND_BREAK);
        }
        cni_buf_puts(&b, extra);
        legend_row_close(&b, box);
    }
    if (c->note.len) {
        char *wrapped = cni_text_wrap(cni_buf_str(&c->note) ? cni_buf_str(&c->note) : "",
                                      note_width, box ? 12 : 6);
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

void cni_draw_note(cni_draw_ctx *c, const char *text)
{
    if (c->note.len) {
        cni_buf_puts(&c->note, " ");
    }
    cni_buf_puts(&c->note, text);
}

void cni_draw_engine(cni_draw_ctx *c, const char *automatic)
{
    snprintf(c->s->engine, sizeof c->s->engine, "%s", c->o->engine ? c->o->engine : automatic);
}

/* Settings the force-directed engines need to give the same picture every run. */
void cni_draw_force_directed(cni_draw_ctx *c)
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
size_t cni_draw_budget(const cn_render_options *o)
{
    return o->max_nodes                     ? o->max_nodes
           : o->view == CN_RENDER_OVERLAP   ? CN_RENDER_MAX_NODES / 4
           : o->view != CN_RENDER_MEMBERSHIP ? CN_RENDER_MAX_NODES * 2 / 3
                                             : CN_RENDER_MAX_NODES;
}

void cni_draw_budget_words(cni_draw_ctx *c, cni_buf *b, size_t B, const char *unit)
{
    cni_buf_printf(b, "Over the budget of %zu %s", B, unit);
    if (c->budget->lowered) {
        cni_buf_printf(b, " (as many as fit the %.1f x %.1f cm box at %g pt)",
                       c->o->fit_width * 2.54 / 72, c->o->fit_height * 2.54 / 72,
                       c->o->font_size > 0 ? c->o->font_size : CN_RENDER_FONT_SIZE);
    }
}

int cni_draw_cmp_rank(const void *pa, const void *pb)
{
    const cni_rank_item *a = pa, *b = pb;
    if (a->key1 != b->key1) {
        return a->key1 > b->key1 ? -1 : 1;
    }
    if (a->key2 != b->key2) {
        return a->key2 > b->key2 ? -1 : 1;
    }
    return a->node < b->node ? -1 : a->node > b->node;
}

size_t cni_draw_region_cluster(cni_draw_ctx *c, cni_regions *r, const char *region)
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


int cni_build_view(cni_scene *s, cn_render_stats *st, const cn_graph *g,
                   const cn_render_options *o, cni_budget *b, cni_render_memo *memo)
{
    cni_budget none = { false, 0, false, false, 0, 0, 0 };
    cni_draw_ctx c = { s, g, o, st, CN_NONE, 0, 0, { 0 }, NULL, 0, 0, b ? b : &none, memo, 0 };
    int rc;

    c.budget->applied = 0;
    c.budget->per_side = false;
    c.budget->applied_cols = 0;
    if (o->label_attr && *o->label_attr && (rc = cni_draw_label_column(&c.label_col, g,
                                                                        o->label_attr)) != 0) {
        return rc;
    }
    cni_buf_init(&c.note);
    switch (o->view) {
    case CN_RENDER_MEMBERSHIP: rc = cni_views_membership(&c); break;
    case CN_RENDER_OVERLAP: rc = cni_views_overlap(&c); break;
    case CN_RENDER_COVERAGE: rc = cni_views_coverage(&c); break;
    case CN_RENDER_COLLABORATION: rc = cni_views_collaboration(&c); break;
    case CN_RENDER_EGO: rc = cni_views_ego(&c); break;
    default: rc = cni_fail(CN_EINVAL, "unknown view %d", (int)o->view);
    }
    cni_buf_fini(&c.note);
    if (rc == 0 && !s->status) {
        rc = distinct_labels(&c);
    }
    for (size_t k = 0; k < c.ndrawn; k++) {
        free(c.drawn[k].extra);
        free(c.drawn[k].text);
    }
    free(c.drawn);
    if (rc == 0 && s->status) {
        rc = cni_draw_oom();
    }
    st->nodes = s->nnodes;
    st->edges = s->nedges;
    snprintf(st->engine, sizeof st->engine, "%s", s->engine);
    return rc;
}

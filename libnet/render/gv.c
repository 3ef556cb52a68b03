/* The only file that calls Graphviz: a scene becomes a cgraph graph, laid out and drawn by
 * libgvc in-process. Graphviz's messages are captured, never printed. */
#include "gv.h"

#include <gvc.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/util.h"

/* Graphviz reports through agerr(); with a user function set, each message arrives in pieces
 * ("Error", ": ", the text). The first error's text is kept. */
static char gv_message[512];
static bool gv_message_done, gv_error;

static int capture(char *piece)
{
    size_t have = strlen(gv_message);
    if (strcmp(piece, "Error") == 0) {
        gv_error = true; /* an error, not a warning: e.g. a malformed HTML-like label */
        if (gv_message_done) { /* an earlier warning: keep the error instead */
            gv_message[0] = '\0';
            gv_message_done = false;
            have = 0;
        }
    }
    if (gv_message_done) {
        return 0;
    }
    snprintf(gv_message + have, sizeof gv_message - have, "%s", piece);
    if (strchr(piece, '\n')) {
        gv_message_done = true;
    }
    return 0;
}

/* One Graphviz context for the life of the process. Graphviz 2.42's pango plugin keeps a
 * pointer to a font name owned by the context that first drew text and compares against it in
 * later contexts: freeing a context and making another reads freed memory (valgrind shows it).
 * So the context is made on first use and freed when the library is unloaded. */
static GVC_t *gv_context;

__attribute__((destructor)) static void gv_context_free(void)
{
    if (gv_context) {
        gvFreeContext(gv_context);
        gv_context = NULL;
    }
}

static const char *gv_reason(void)
{
    size_t n = strlen(gv_message);
    while (n > 0 && (gv_message[n - 1] == '\n' || gv_message[n - 1] == ' ')) {
        gv_message[--n] = '\0';
    }
    return n ? gv_message : "no message from Graphviz";
}

static void set_all(void *obj, const cni_attrs *a, Agraph_t *g, int *failed)
{
    for (size_t k = 0; k < a->n && !*failed; k++) {
        char *v = a->v[k].value;
        char *html = NULL;
        if (a->v[k].html) {
            if (!(html = agstrdup_html(g, v))) {
                *failed = 1;
                return;
            }
            v = html;
        }
        if (agsafeset(obj, (char *)a->v[k].name, v, "") != 0) {
            *failed = 1;
        }
        if (html) {
            agstrfree(g, html);
        }
    }
}

static void set_defaults(Agraph_t *g, int kind, const cni_attrs *a, int *failed)
{
    for (size_t k = 0; k < a->n && !*failed; k++) {
        if (!agattr(g, kind, (char *)a->v[k].name, a->v[k].value)) {
            *failed = 1;
        }
    }
}

/* Object IDs in the order names are first used, not by address. cgraph keeps subgraphs in ID
 * order, which the DOT writer and every layout engine follow, and its default ID discipline
 * makes a named object's ID the address of its interned name: two renders of one scene in a
 * process could order the clusters (and so lay them out) differently. Here a name's ID is
 * 2 (k + 1) for the k-th name interned, an anonymous object's the next odd number, so every
 * order follows the sequence of calls alone. The state is the graph's; cgraph calls close when
 * agclose() frees the root graph (its malloc-based memory discipline has no close of its own).
 * Out of reach here, with clusters: fdp orders its derived graphs' edges by node address
 * (deriveGraph, Graphviz 2.42) and sfdp's positions vary too, twopi's and osage's curved edges
 * by hundredths of a point: a second render in one process can differ (a second run cannot). */
typedef struct id_state {
    cni_strpool *names;
    IDTYPE next_odd;
} id_state;

static void *id_open(Agraph_t *g, Agdisc_t *disc)
{
    id_state *st = malloc(sizeof *st);

    (void)g;
    (void)disc;
    if (st) {
        st->next_odd = 1;
        if (cni_strpool_create(&st->names) < 0) {
            free(st);
            st = NULL;
        }
    }
    return st; /* NULL: every map fails, so agopen() or the first object fails, as out of memory */
}

static long id_map(void *state, int objtype, char *str, IDTYPE *id, int createflag)
{
    id_state *st = state;
    uint32_t k;

    (void)objtype;
    if (!st) {
        return 0;
    }
    if (!str) {
        *id = st->next_odd;
        st->next_odd += 2;
        return 1;
    }
    k = cni_strpool_find(st->names, str, strlen(str));
    if (k == UINT32_MAX
        && (!createflag || cni_strpool_intern(&k, st->names, str, strlen(str)) < 0)) {
        return 0; /* not made yet, or out of memory */
    }
    *id = 2 * ((IDTYPE)k + 1);
    return 1;
}

static long id_alloc(void *state, int objtype, IDTYPE id)
{
    (void)state;
    (void)objtype;
    (void)id;
    return 0; /* no IDs chosen by the caller, as in cgraph's own discipline */
}

static void id_free(void *state, int objtype, IDTYPE id)
{
    (void)state;
    (void)objtype;
    (void)id; /* a name stays interned: made again, the object gets the same ID */
}

static char *id_print(void *state, int objtype, IDTYPE id)
{
    id_state *st = state;

    (void)objtype;
    if (!st || id % 2 != 0 || id / 2 - 1 >= cni_strpool_count(st->names)) {
        return NULL;
    }
    return (char *)cni_strpool_get(st->names, (uint32_t)(id / 2 - 1));
}

static void id_close(void *state)
{
    id_state *st = state;

    if (st) {
        cni_strpool_destroy(st->names);
        free(st);
    }
}

static void id_register(void *state, int objtype, void *obj)
{
    (void)state;
    (void)objtype;
    (void)obj;
}

static Agiddisc_t id_disc = { id_open, id_map, id_alloc, id_free, id_print, id_close, id_register };
static Agdisc_t gv_disc = { &AgMemDisc, &id_disc, &AgIoDisc };

static Agraph_t *build(const cni_scene *s)
{
    Agraph_t *g = agopen("collabnet", s->directed ? Agdirected : Agundirected, &gv_disc);
    Agnode_t **nodes = NULL;
    Agraph_t **subs = NULL;
    int failed = 0;
    char name[32];

    if (!g) {
        return NULL;
    }
    nodes = cni_calloc_array(s->nnodes ? s->nnodes : 1, sizeof *nodes);
    subs = cni_calloc_array(s->nclusters ? s->nclusters : 1, sizeof *subs);
    failed = !nodes || !subs;
    set_defaults(g, AGNODE, &s->node_defaults, &failed);
    set_defaults(g, AGEDGE, &s->edge_defaults, &failed);
    if (!failed) {
        set_all(g, &s->graph, g, &failed);
    }
    for (size_t c = 0; c < s->nclusters && !failed; c++) {
        snprintf(name, sizeof name, "cluster_%zu", c);
        if (!(subs[c] = agsubg(g, name, 1))) {
            failed = 1;
            break;
        }
        set_all(subs[c], &s->clusters[c].a, g, &failed);
    }
    for (size_t i = 0; i < s->nnodes && !failed; i++) {
        snprintf(name, sizeof name, "n%zu", i);
        if (!(nodes[i] = agnode(g, name, 1))) {
            failed = 1;
            break;
        }
        if (s->nodes[i].cluster < s->nclusters && !agsubnode(subs[s->nodes[i].cluster], nodes[i], 1)) {
            failed = 1;
            break;
        }
        set_all(nodes[i], &s->nodes[i].a, g, &failed);
    }
    for (size_t e = 0; e < s->nedges && !failed; e++) {
        Agedge_t *ed = agedge(g, nodes[s->edges[e].tail], nodes[s->edges[e].head], NULL, 1);
        if (!ed) {
            failed = 1;
            break;
        }
        set_all(ed, &s->edges[e].a, g, &failed);
    }
    free(nodes);
    free(subs);
    if (failed) {
        agclose(g);
        return NULL;
    }
    return g;
}

static int write_dot(char **out, size_t *len, Agraph_t *g)
{
    char *buf = NULL;
    size_t n = 0;
    FILE *fp = open_memstream(&buf, &n);
    int rc = 0;

    if (!fp) {
        return cni_fail(CN_ENOMEM, "out of memory");
    }
    if (agwrite(g, fp) != 0) {
        rc = cni_fail(CN_ERENDER, "Graphviz cannot write the DOT source: %s", gv_reason());
    }
    if (fclose(fp) != 0 && rc == 0) {
        rc = cni_fail(CN_ENOMEM, "out of memory");
    }
    if (rc) {
        free(buf);
        return rc;
    }
    *out = buf;
    *len = n;
    return 0;
}

/* The PNG resolution that keeps the bitmap within CNI_PNG_MAX_SIDE pixels a side and
 * CNI_PNG_MAX_PIXELS in all, for a graph laid out at @p dpi. Graphviz's cairo plugin scales a
 * bitmap of 32,767 pixels a side or more itself and says so with fprintf() to stderr, which
 * no error function catches: so the bitmap is sized here, the way Graphviz sizes it (the
 * bounding box plus the pad, in points, at dpi / 72 pixels a point). */
static double png_dpi(Agraph_t *g, double dpi)
{
    const char *pad = agget(g, "pad");
    double pad_pt = pad && *pad ? atof(pad) * 72.0 : 4.0; /* Graphviz's default pad: 4 points */
    double w = (GD_bb(g).UR.x - GD_bb(g).LL.x + 2 * pad_pt) * dpi / 72.0;
    double h = (GD_bb(g).UR.y - GD_bb(g).LL.y + 2 * pad_pt) * dpi / 72.0;
    double scale = 1.0;

    if (w > CNI_PNG_MAX_SIDE || h > CNI_PNG_MAX_SIDE) {
        scale = CNI_PNG_MAX_SIDE / (w > h ? w : h);
    }
    if (w * h * scale * scale > CNI_PNG_MAX_PIXELS) {
        scale = sqrt(CNI_PNG_MAX_PIXELS / (w * h));
    }
    if (scale >= 1.0) {
        return dpi;
    }
    dpi *= scale;
    /* a whole number reads better in the warning; below 1 dpi keep the fraction */
    return dpi >= 1.0 ? floor(dpi) : dpi;
}

/* Graphviz's overlap removal (prism, which overlap=false selects in the force-directed views)
 * gives positions that differ in their last bits between runs on the same input, with address
 * randomisation off too (2.5e-12 pt at most on generated S's overlap diagram; none with
 * overlap=scale). SVG prints two decimals and hides it; PDF prints six and PNG antialiases, so
 * both changed between runs. Snapping the layout to 1/256 pt, far below what any format shows,
 * makes every format the same bytes on every run. */
#define SNAP 256.0

static void snap_point(pointf *p)
{
    p->x = round(p->x * SNAP) / SNAP;
    p->y = round(p->y * SNAP) / SNAP;
}

static void snap_label(textlabel_t *l)
{
    if (l) {
        snap_point(&l->pos);
    }
}

static void snap_graph(Agraph_t *g)
{
    snap_point(&GD_bb(g).LL);
    snap_point(&GD_bb(g).UR);
    snap_label(GD_label(g));
    for (int c = 1; c <= GD_n_cluster(g); c++) {
        snap_graph(GD_clust(g)[c]);
    }
}

static void snap_layout(Agraph_t *g)
{
    snap_graph(g);
    for (Agnode_t *n = agfstnode(g); n; n = agnxtnode(g, n)) {
        snap_point(&ND_coord(n));
        snap_label(ND_label(n));
        snap_label(ND_xlabel(n));
        for (Agedge_t *e = agfstout(g, n); e; e = agnxtout(g, e)) {
            const splines *spl = ED_spl(e);
            snap_label(ED_label(e));
            snap_label(ED_xlabel(e));
            snap_label(ED_head_label(e));
            snap_label(ED_tail_label(e));
            for (int i = 0; spl && i < spl->size; i++) {
                bezier *b = &spl->list[i];
                for (int k = 0; k < b->size; k++) {
                    snap_point(&b->list[k]);
                }
                snap_point(&b->sp);
                snap_point(&b->ep);
            }
        }
    }
}

/* A graph built from a scene and, but for the DOT source, laid out once: every format is
 * drawn from it. The error handlers are Graphviz's own between calls. */
struct cni_gv_layout {
    Agraph_t *g;
    bool laid_out;
    double pad;      /* points, each side */
};

static void capture_begin(agusererrf *old_fn, agerrlevel_t *old_level)
{
    gv_message[0] = '\0';
    gv_message_done = gv_error = false;
    *old_fn = agseterrf(capture);
    *old_level = agseterr(AGWARN);
}

static void capture_end(agusererrf old_fn, agerrlevel_t old_level)
{
    agseterr(old_level);
    agseterrf(old_fn);
}

void cni_gv_layout_free(cni_gv_layout *l)
{
    if (l) {
        if (l->laid_out) {
            gvFreeLayout(gv_context, l->g);
        }
        if (l->g) {
            agclose(l->g);
        }
        free(l);
    }
}

int cni_gv_layout_make(cni_gv_layout **out, const cni_scene *s, bool lay_out, double fill_w,
                       double fill_h, double box_w, double box_h)
{
    agusererrf old_fn;
    agerrlevel_t old_level;
    cni_gv_layout *l = NULL;
    const char *pad;
    int rc = 0;

    *out = NULL;
    capture_begin(&old_fn, &old_level);
    if (!gv_context && !(gv_context = gvContext())) {
        rc = cni_fail(CN_ERENDER, "Graphviz cannot start");
        goto done;
    }
    if (!(l = calloc(1, sizeof *l)) || !(l->g = build(s))) {
        rc = cni_fail(CN_ENOMEM, "out of memory building the Graphviz graph");
        goto done;
    }
    pad = agget(l->g, "pad");
    l->pad = pad && *pad ? atof(pad) * 72.0 : 4.0; /* Graphviz's default pad: 4 points */
    if (fill_w > 0 && fill_h > 0) {
        /* the layout within the box less its pad: ratio=fill spreads the nodes to the box's
         * shape (a drawing larger than size is refused by the caller, never scaled down). A
         * point less each way keeps Graphviz's rounding inside. */
        char v[64];
        snprintf(v, sizeof v, "%.3f,%.3f", fmax(fill_w - 2 * l->pad - 1, 1) / 72.0,
                 fmax(fill_h - 2 * l->pad - 1, 1) / 72.0);
        if (agsafeset(l->g, "size", v, "") != 0 || agsafeset(l->g, "ratio", "fill", "") != 0) {
            rc = cni_fail(CN_ENOMEM, "out of memory building the Graphviz graph");
            goto done;
        }
    }
    if (lay_out) {
        gv_message[0] = '\0';
        gv_message_done = false;
        if (gvLayout(gv_context, l->g, s->engine) != 0 || gv_error) {
            rc = cni_fail(CN_ERENDER, "Graphviz layout '%s' failed: %s", s->engine, gv_reason());
            goto done;
        }
        l->laid_out = true;
        snap_layout(l->g);
        if (box_w > 0 && box_h > 0) {
            /* Graphviz compares size with the drawing and its pad when it draws, scaling to
             * make them meet; the layout filled the box less the pad: drawn at 100 % if it
             * fits, never drawn if not (cni_gv_layout_size()) */
            GD_drawing(l->g)->size.x = box_w;
            GD_drawing(l->g)->size.y = box_h;
            GD_drawing(l->g)->filled = false;
        }
    }
    *out = l;
    l = NULL;
done:
    cni_gv_layout_free(l);
    capture_end(old_fn, old_level);
    return rc;
}

void cni_gv_layout_size(const cni_gv_layout *l, double *w, double *h)
{
    Agraph_t *g = l->g;
    *w = l->laid_out ? GD_bb(g).UR.x - GD_bb(g).LL.x + 2 * l->pad : 0;
    *h = l->laid_out ? GD_bb(g).UR.y - GD_bb(g).LL.y + 2 * l->pad : 0;
}

void cni_gv_layout_node_pos(const cni_gv_layout *l, size_t i, double *x, double *y)
{
    char name[32];
    Agnode_t *n;

    snprintf(name, sizeof name, "n%zu", i);
    n = l->laid_out ? agnode(l->g, name, 0) : NULL;
    *x = n ? ND_coord(n).x : 0;
    *y = n ? ND_coord(n).y : 0;
}

int cni_gv_layout_draw(char **out, size_t *len, double *dpi_used, cni_gv_layout *l,
                       cn_render_format format, unsigned dpi)
{
    static const char *const names[] = { "svg", "png", "pdf", "dot" };
    agusererrf old_fn;
    agerrlevel_t old_level;
    char *data = NULL;
    unsigned int n = 0;
    int rc = 0;

    *out = NULL;
    *len = 0;
    *dpi_used = 0;
    capture_begin(&old_fn, &old_level);
    if (format == CN_FORMAT_DOT) {
        rc = write_dot(out, len, l->g);
        goto done;
    }
    if (!l->laid_out) {
        rc = cni_fail(CN_ERENDER, "the Graphviz graph is not laid out");
        goto done;
    }
    /* read by the renderer, not by the layout: one layout is drawn at any resolution; 0 is
     * the device's own (72 for SVG and PDF) */
    GD_drawing(l->g)->dpi = format == CN_FORMAT_PNG ? (*dpi_used = png_dpi(l->g, dpi ? dpi : 144)) : 0;
    if (gvRenderData(gv_context, l->g, names[format], &data, &n) != 0 || !data || gv_error) {
        rc = cni_fail(CN_ERENDER, "Graphviz cannot draw %s: %s", names[format], gv_reason());
        goto done;
    }
    if (!(*out = malloc(n ? n : 1))) {
        rc = cni_fail(CN_ENOMEM, "out of memory");
        goto done;
    }
    memcpy(*out, data, n);
    *len = n;
done:
    if (data) {
        gvFreeRenderData(data);
    }
    capture_end(old_fn, old_level);
    return rc;
}

int cni_gv_write(FILE *fp, const cni_scene *s)
{
    agusererrf old_fn = agseterrf(capture);
    agerrlevel_t old_level = agseterr(AGWARN);
    Agraph_t *g;
    int rc = 0;

    gv_message[0] = '\0';
    gv_message_done = gv_error = false;
    if (!(g = build(s))) {
        rc = cni_fail(CN_ENOMEM, "out of memory building the Graphviz graph");
    } else {
        if (agwrite(g, fp) != 0) {
            rc = cni_fail(CN_EIO, "cannot write the DOT file: %s", gv_reason());
        }
        agclose(g);
    }
    agseterr(old_level);
    agseterrf(old_fn);
    return rc;
}

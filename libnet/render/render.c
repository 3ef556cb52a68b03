/* Diagrams: the public entry points. A view becomes a scene (views.c), Graphviz draws it
 * (gv.c), and cn_render_file() writes it atomically. */
#define _GNU_SOURCE /* memmem */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <collabnet/render.h>

#include "../util/outfile.h"
#include "../util/util.h"
#include "fit.h"
#include "gv.h"
#include "memo.h"
#include "views.h"

static const char *const VIEW_NAMES[] = { "membership", "overlap", "coverage", "collaboration",
                                          "ego" };
static const char *const FORMAT_NAMES[] = { "svg", "png", "pdf", "dot" };

const char *cn_render_view_name(cn_render_view view)
{
    return (unsigned)view < CN_RENDER_VIEW_COUNT ? VIEW_NAMES[view] : NULL;
}

const char *cn_render_format_name(cn_render_format format)
{
    return (unsigned)format < CN_FORMAT_COUNT ? FORMAT_NAMES[format] : NULL;
}

int cn_render_view_parse(cn_render_view *out, const char *name)
{
    int rc;

    if ((rc = CNI_CHECK_PTR(out)) < 0 || (rc = CNI_CHECK_PTR(name)) < 0) {
        return rc;
    }
    for (int v = 0; v < CN_RENDER_VIEW_COUNT; v++) {
        if (strcmp(name, VIEW_NAMES[v]) == 0) {
            *out = (cn_render_view)v;
            return 0;
        }
    }
    return cni_fail(CN_EINVAL, "unknown view '%s' (expected membership, overlap, coverage, "
                               "collaboration or ego)", name);
}

int cn_render_format_parse(cn_render_format *out, const char *name)
{
    int rc;

    if ((rc = CNI_CHECK_PTR(out)) < 0 || (rc = CNI_CHECK_PTR(name)) < 0) {
        return rc;
    }
    for (int f = 0; f < CN_FORMAT_COUNT; f++) {
        if (strcmp(name, FORMAT_NAMES[f]) == 0) {
            *out = (cn_render_format)f;
            return 0;
        }
    }
    return cni_fail(CN_EINVAL, "unknown format '%s' (expected svg, png, pdf or dot)", name);
}

int cn_render_format_from_path(cn_render_format *out, const char *path)
{
    const char *slash, *dot;
    int rc;

    if ((rc = CNI_CHECK_PTR(out)) < 0 || (rc = CNI_CHECK_PTR(path)) < 0) {
        return rc;
    }
    slash = strrchr(path, '/');
    dot = strrchr(slash ? slash : path, '.');
    if (dot) {
        for (int f = 0; f < CN_FORMAT_COUNT; f++) {
            if (cni_streq_nocase(dot + 1, FORMAT_NAMES[f])) {
                *out = (cn_render_format)f;
                return 0;
            }
        }
        if (cni_streq_nocase(dot + 1, "gv")) {
            *out = CN_FORMAT_DOT;
            return 0;
        }
    }
    return cni_fail(CN_EINVAL, "cannot tell the format from '%s' (use .svg, .png, .pdf or .dot)",
                    path);
}

static int check(const cn_graph *g, const cn_render_options *o)
{
    static const char *const engines[] = { "dot", "neato", "fdp", "sfdp", "twopi", "circo",
                                           "osage", "patchwork" };
    if (!g) {
        return cni_fail(CN_EINVAL, "cn_render: g is NULL");
    }
    if ((unsigned)o->view >= CN_RENDER_VIEW_COUNT) {
        return cni_fail(CN_EINVAL, "cn_render: opts->view is not a cn_render_view");
    }
    if ((unsigned)o->size_by >= CN_MEASURE_COUNT) {
        return cni_fail(CN_EINVAL, "cn_render: opts->size_by is not a cn_measure");
    }
    if (o->dpi > CN_RENDER_MAX_DPI) {
        return cni_fail(CN_EINVAL, "cn_render: opts->dpi is above CN_RENDER_MAX_DPI (%u)",
                        CN_RENDER_MAX_DPI);
    }
    if (!(o->fit_width >= 0) || !(o->fit_height >= 0) || !(o->font_size >= 0)
        || (o->fit_width > 0) != (o->fit_height > 0) || !isfinite(o->fit_width)
        || !isfinite(o->fit_height) || !isfinite(o->font_size)) {
        return cni_fail(CN_EINVAL, "cn_render: the box (opts->fit_width, fit_height) and "
                                   "opts->font_size must be above 0 (0: none)");
    }
    if (o->engine) {
        bool known = false;
        for (size_t k = 0; k < sizeof engines / sizeof *engines; k++) {
            known = known || strcmp(o->engine, engines[k]) == 0;
        }
        if (!known) {
            return cni_fail(CN_EINVAL, "unknown layout engine '%s' (expected dot, neato, fdp, "
                                       "sfdp, twopi, circo, osage or patchwork)", o->engine);
        }
    }
    if (o->view == CN_RENDER_EGO && (!o->focus || !*o->focus)) {
        return cni_fail(CN_EINVAL, "the ego view needs a focus node");
    }
    return 0;
}

/* cairo stamps a PDF with the time it was made; put SOURCE_DATE_EPOCH there (1970-01-01 when
 * unset) so that the same input gives the same bytes. The length stays the same, so the
 * file's cross-reference offsets stay right. */
static void fix_pdf_date(char *buf, size_t len)
{
    static const char key[] = "/CreationDate (D:";
    const char *env = getenv("SOURCE_DATE_EPOCH");
    char *p = memmem(buf, len, key, sizeof key - 1), stamp[32];
    time_t t = env ? (time_t)strtoll(env, NULL, 10) : 0;
    struct tm tm;

    if (!p || (size_t)(p - buf) + sizeof key - 1 + 14 > len || !gmtime_r(&t, &tm)) {
        return;
    }
    p += sizeof key - 1;
    for (int k = 0; k < 14; k++) {
        if (p[k] < '0' || p[k] > '9') {
            return;
        }
    }
    if (strftime(stamp, sizeof stamp, "%Y%m%d%H%M%S", &tm) == 14) {
        memcpy(p, stamp, 14);
    }
}

/* Build the view under @p o with its fonts sized; @p b and @p memo as cni_build_view(). */
static int build(cni_scene *s, cn_render_stats *st, const cn_graph *g,
                 const cn_render_options *o, cni_budget *b, cni_render_memo *memo)
{
    bool box = o->fit_width > 0;
    double font = o->font_size > 0 ? o->font_size : box ? CN_RENDER_FONT_SIZE : 0;
    int rc;

    memset(st, 0, sizeof *st);
    rc = cni_build_view(s, st, g, o, b, memo);
    if (rc == 0 && font > 0) {
        cni_fit_fonts(s, font);
    }
    if (rc == 0 && s->status) {
        rc = cni_draw_oom();
    }
    return rc;
}

/* Build the view under @p o and lay it out (for DOT alone: build it). */
static int make(cni_gv_layout **out, cn_render_stats *st, const cn_graph *g,
                const cn_render_options *o, cni_render_memo *memo, bool lay_out)
{
    cni_scene s;
    int rc;

    *out = NULL;
    cni_scene_init(&s);
    if ((rc = build(&s, st, g, o, NULL, memo)) == 0) {
        rc = cni_gv_layout_make(out, &s, lay_out, 0, 0, o->fit_width, o->fit_height);
    }
    cni_scene_fini(&s);
    return rc;
}

/* The drawing's size against the box, with half a point for Graphviz's rounding. */
static bool fits(const cni_gv_layout *l, const cn_render_options *o, double *w, double *h)
{
    cni_gv_layout_size(l, w, h);
    return *w <= o->fit_width + 0.5 && *h <= o->fit_height + 0.5;
}

/* How many times too large for the box a drawing is. */
static double over(double w, double h, const cn_render_options *o)
{
    return fmax(w / o->fit_width, h / o->fit_height);
}

/* A drawing that fits, laid out again from its scene to fill the box. Filling overshoots by
 * what it does not scale (node sizes, the legend): the second try aims lower by as much, the
 * third by 1.5 times what the second overshot (neato's drawings of actors were still a few
 * points over: generated S in a slide, 630, 551, then 542 pt high for 540), and the natural
 * layout is kept when three overshoot. One layout alive at a time: Graphviz 2.42 crashes
 * drawing a graph laid out before another that was freed since. */
static int fill(cni_gv_layout **l, const cni_scene *s, const cn_render_options *o)
{
    double fw = o->fit_width, fh = o->fit_height, w, h;
    int rc = 0;

    for (int k = 0; k < 4 && rc == 0; k++) {
        cni_gv_layout_free(*l);
        *l = NULL;
        rc = cni_gv_layout_make(l, s, true, k < 3 ? fw : 0, k < 3 ? fh : 0, o->fit_width,
                                o->fit_height);
        if (rc == 0 && (k == 3 || fits(*l, o, &w, &h))) {
            break;
        }
        fw -= w > o->fit_width ? (k ? 1.5 : 1) * (w - o->fit_width) : 0;
        fh -= h > o->fit_height ? (k ? 1.5 : 1) * (h - o->fit_height) : 0;
    }
    return rc;
}

/* Start neato's next layout of @p s from @p l's turned so that its longest extent (the
 * principal axis of the node centres) runs along the box's longer side: a tree of actors
 * laid out wide went across A4 and did not fit, turned it does. The labels stay level; neato
 * and its overlap removal then settle the turned positions (pos, in inches, a start only). */
static void turn_to_box(cni_scene *s, const cni_gv_layout *l, const cn_render_options *o)
{
    double mx = 0, my = 0, sxx = 0, syy = 0, sxy = 0, x, y;
    size_t n = s->nnodes;

    for (size_t i = 0; i < n; i++) {
        cni_gv_layout_node_pos(l, i, &x, &y);
        mx += x / (double)n;
        my += y / (double)n;
    }
    for (size_t i = 0; i < n; i++) {
        cni_gv_layout_node_pos(l, i, &x, &y);
        sxx += (x - mx) * (x - mx);
        syy += (y - my) * (y - my);
        sxy += (x - mx) * (y - my);
    }
    double turn = (o->fit_height > o->fit_width ? M_PI / 2 : 0) - 0.5 * atan2(2 * sxy, sxx - syy);
    double cs = cos(turn), sn = sin(turn);
    for (size_t i = 0; i < n && !s->status; i++) {
        cni_gv_layout_node_pos(l, i, &x, &y);
        cni_setf(s, &s->nodes[i].a, "pos", "%.4f,%.4f", (cs * (x - mx) - sn * (y - my)) / 72,
                 (sn * (x - mx) + cs * (y - my)) / 72);
    }
}

/* Build the view under @p o (its budget, @p bud as cni_build_view()) and lay it out at its
 * natural size, for dot in both rank directions, for neato also turned (turn_to_box()): *out gets the first
 * layout that fits, laid out again to fill the box, or NULL when none does; @p w, @p h the size
 * of the one nearest to fitting. Filling only enlarges a drawing, so one too large as it is cannot fit.
 * With @p probe, a view that routes curved edges is first laid out with straight ones, which
 * is much cheaper and places the nodes alike, and curves are routed only when that fits
 * (straight lines stay within the nodes' extent, curves go round them); the sizes are then
 * those of the straight layouts. */
static int try_fit(cni_gv_layout **out, double *w, double *h, cn_render_stats *st,
                   const cn_graph *g, const cn_render_options *o, cni_budget *bud,
                   cni_render_memo *memo, bool probe)
{
    double lw, lh;
    cni_scene s;
    int rc;

    *out = NULL;
    *w = *h = 0;
    cni_scene_init(&s);
    rc = build(&s, st, g, o, bud, memo);
    if (rc == 0 && probe) {
        const char *splines = cni_get(&s.graph, "splines");
        probe = splines && strcmp(splines, "true") == 0;
    }
    for (int flip = 0; flip < 2 && rc == 0; flip++) {
        cni_gv_layout *l = NULL;
        bool too_large = false;
        if (flip && strcmp(st->engine, "dot") == 0) {
            const char *dir = cni_get(&s.graph, "rankdir");
            cni_set(&s, &s.graph, "rankdir", dir && strcmp(dir, "LR") == 0 ? "TB" : "LR");
        }
        if (probe) {
            cni_set(&s, &s.graph, "splines", "false");
            if (!s.status && (rc = cni_gv_layout_make(&l, &s, true, 0, 0, o->fit_width,
                                                      o->fit_height)) < 0) {
                break;
            }
            too_large = !s.status && !fits(l, o, &lw, &lh);
            if (!too_large) {
                cni_gv_layout_free(l);
                l = NULL;
                cni_set(&s, &s.graph, "splines", "true");
            }
        }
        if (s.status) {
            cni_gv_layout_free(l);
            rc = cni_draw_oom();
            break;
        }
        if (!too_large
            && (rc = cni_gv_layout_make(&l, &s, true, 0, 0, o->fit_width, o->fit_height)) < 0) {
            break;
        }
        if (!too_large && fits(l, o, &lw, &lh)) {
            if ((rc = fill(&l, &s, o)) == 0) {
                *out = l;
            } else {
                cni_gv_layout_free(l);
            }
            *w = lw;
            *h = lh;
            break;
        }
        if (!flip && strcmp(st->engine, "neato") == 0 && !o->engine) {
            turn_to_box(&s, l, o);
        }
        cni_gv_layout_free(l);
        if (*w == 0 || over(lw, lh, o) < over(*w, *h, o)) {
            *w = lw;
            *h = lh;
        }
        /* rank directions are dot's, turning neato's (its overlap=compress, tried too, made
         * nodes overlap in Graphviz 2.42) */
        if ((strcmp(st->engine, "dot") != 0 && strcmp(st->engine, "neato") != 0) || o->engine) {
            break;
        }
    }
    cni_scene_fini(&s);
    return rc;
}

#define FIT_TRIES 12
#define FIT_CLIMBS 3

/* The try that gave search_fit()'s layout: what try_fit() needs to lay it out again. */
typedef struct fit_try {
    size_t max_nodes, cols;
    bool lowered, probe;
    double text_scale;
} fit_try;

/* The next try's budget for a side of @p len points in a box side of @p box: @p b when it fits
 * (or is 1), else scaled by how much too long it is and at least a fifth lower. */
static size_t lower_side(size_t b, double len, double box)
{
    size_t next = (size_t)((double)b * fmin(0.9 * box / len, 0.8));

    return len <= box + 0.5 || b <= 1 ? b : next < 1 ? 1 : next;
}

/* Climb the budget in *@p slot (o->max_nodes, or a table's columns' in @p bud) back towards
 * @p failed, the lowest that did not fit, while the gap is more than an eighth (each try
 * probed with straight edges first); *@p l is the layout of the budget that fits. */
static int climb(cni_gv_layout **l, fit_try *kept, cn_render_stats *st, const cn_graph *g,
                 cn_render_options *o, cni_budget *bud, cni_render_memo *memo, size_t *slot,
                 size_t failed)
{
    double w, h;
    int rc = 0;

    for (int k = 0; k < FIT_CLIMBS && rc == 0 && *l; k++) {
        size_t fit = *slot, mid = fit + (failed - fit) / 2;
        if (failed <= fit + 1 || (failed - fit) * 8 <= fit) {
            break;
        }
        cni_gv_layout_free(*l);
        *l = NULL;
        *slot = mid;
        if ((rc = try_fit(l, &w, &h, st, g, o, bud, memo, true)) < 0) {
            break;
        }
        *kept = (fit_try){ o->max_nodes, bud->cols, bud->lowered, true, bud->text_scale };
        if (!*l) {
            failed = mid;
            *slot = fit;
            rc = try_fit(l, &w, &h, st, g, o, bud, memo, false);
            *kept = (fit_try){ o->max_nodes, bud->cols, bud->lowered, false, bud->text_scale };
        }
    }
    return rc;
}

/* Lay the view out to fit the box. Without a caller's budget, a try that does not fit is
 * followed by one at a lower budget, scaled by how much too large the drawing was (its area,
 * or its sides for a table) and at least a fifth lower, until one fits or the budget is 1;
 * a table whose columns have a budget of their own (coverage) lowers its rows' budget by how
 * much too high it was and its columns' by how much too wide. Then a few tries halfway back
 * up to the lowest budget that did not fit keep as many nodes as fit (README "Diagrams",
 * "Page fit"); the legend says the budget was lowered to fit. The one nearest to fitting
 * gives the size the message asks for. One layout alive at a time: Graphviz 2.42 crashes
 * drawing a graph laid out before another that was freed since. */
static int search_budget(cni_gv_layout **out, fit_try *kept, double *need_w, double *need_h,
                         cn_render_stats *st, const cn_graph *g, const cn_render_options *opts,
                         cni_render_memo *memo, bool narrow, double text_scale)
{
    cn_render_options o = *opts;
    cni_budget bud = { false, 0, false, narrow, 0, 0, text_scale };
    cni_gv_layout *l = NULL;
    double w, h;
    /* the lowest budgets tried that did not fit (the columns': of a table whose columns have
     * their own); 0 when every one did */
    size_t failed = 0, failed_cols = 0;
    int rc = 0;

    *out = NULL;
    for (int t = 0; t < FIT_TRIES && rc == 0; t++) {
        if ((rc = try_fit(&l, &w, &h, st, g, &o, &bud, memo, false)) < 0 || l) {
            *kept = (fit_try){ o.max_nodes, bud.cols, bud.lowered, false, bud.text_scale };
            break;
        }
        if (*need_w == 0 || over(w, h, &o) < over(*need_w, *need_h, &o)) {
            *need_w = w;
            *need_h = h;
        }
        if (opts->max_nodes) {
            break;
        }
        /* a view drawn at a lowered budget can be smaller at the same budget (coverage lists
         * fewer gaps): the climb back may try the first budget again */
        if (bud.applied_cols) {
            size_t rows = lower_side(bud.applied, h, o.fit_height);
            size_t cols = lower_side(bud.applied_cols, w, o.fit_width);
            if (rows == bud.applied && cols == bud.applied_cols) {
                break;
            }
            failed = rows < bud.applied ? bud.applied + !bud.lowered : failed;
            failed_cols = cols < bud.applied_cols ? bud.applied_cols + !bud.lowered
                                                  : failed_cols;
            o.max_nodes = rows < 1 ? 1 : rows;
            bud.cols = cols;
        } else {
            if (bud.applied <= 1) {
                break;
            }
            double ratio = o.fit_width * o.fit_height / (w * h);
            size_t next = (size_t)((double)bud.applied
                                   * fmin(0.9 * (bud.per_side ? sqrt(ratio) : ratio), 0.8));
            failed = bud.applied + !bud.lowered;
            o.max_nodes = next < 1 ? 1 : next;
        }
        bud.lowered = true;
    }
    if (rc == 0 && l && bud.lowered) {
        rc = climb(&l, kept, st, g, &o, &bud, memo, &o.max_nodes, failed);
    }
    if (rc == 0 && l && bud.lowered && bud.cols) {
        rc = climb(&l, kept, st, g, &o, &bud, memo, &bud.cols, failed_cols);
    }
    if (rc == 0 && l) {
        *out = l;
        return 0;
    }
    cni_gv_layout_free(l);
    return rc;
}

/* Rounds of search_fit() with narrower text: the legend's title and note and membership's
 * cards wrap to the box's width by an estimate of the characters' widths, which a narrow box
 * (a journal's column, 8.5 cm) can fall short of by a few points even at a budget of 1. */
#define TEXT_ROUNDS 3

/* Lay the view out to fit the box: search_budget(), and when no budget fits because the
 * drawing is too wide, again with the texts that wrap to the box's width narrower by as much
 * (at most TEXT_ROUNDS rounds). A box that fits at the first round is laid out as before. */
static int search_fit(cni_gv_layout **out, fit_try *kept, cn_render_stats *st,
                      const cn_graph *g, const cn_render_options *opts, cni_render_memo *memo,
                      bool narrow)
{
    double need_w = 0, need_h = 0, scale = 1, pad = 2 * 0.3 * 72;
    int rc = 0;

    for (int round = 0; round < TEXT_ROUNDS && rc == 0; round++) {
        double w = 0, h = 0;
        rc = search_budget(out, kept, &w, &h, st, g, opts, memo, narrow, round ? scale : 0);
        if (rc != 0 || *out) {
            return rc;
        }
        if (need_w == 0 || over(w, h, opts) < over(need_w, need_h, opts)) {
            need_w = w;
            need_h = h;
        }
        if (w <= opts->fit_width + 0.5 || w <= pad) {
            break; /* too tall, not too wide: narrower text would not help */
        }
        scale *= fmin(0.95, 0.97 * (opts->fit_width - pad) / (w - pad));
    }
    return rc < 0 ? rc
                  : cni_fail(CN_ELIMIT, "the drawing needs %.1f x %.1f cm at %g pt, more than "
                             "the %.1f x %.1f cm box: use a larger box, a smaller font size or "
                             "fewer nodes", need_w * 2.54 / 72, need_h * 2.54 / 72,
                             opts->font_size > 0 ? opts->font_size : CN_RENDER_FONT_SIZE,
                             opts->fit_width * 2.54 / 72, opts->fit_height * 2.54 / 72);
}

/* Lay the view out to fit the box (search_fit()); membership cards are laid out also in one
 * column more, narrower, and drawn so when that leaves fewer networks out (vn-374 in a4: 20
 * networks in three columns of 20 characters, 14 in two of 30). One layout alive at a time:
 * the one kept is laid out again (the same input gives the same layout) by its last try
 * alone, not a whole search again. */
static int make_fitted(cni_gv_layout **out, cn_render_stats *st, const cn_graph *g,
                       const cn_render_options *opts, cni_render_memo *memo)
{
    fit_try first = { 0, 0, false, false, 0 }, thin = first;
    int rc = search_fit(out, &first, st, g, opts, memo, false), rc_first = rc;
    size_t left = rc == 0 ? st->left_out : SIZE_MAX;

    if (rc == CN_ENOMEM || opts->view != CN_RENDER_MEMBERSHIP) {
        return rc;
    }
    cni_gv_layout_free(*out);
    *out = NULL;
    if ((rc = search_fit(out, &thin, st, g, opts, memo, true)) == 0 && st->left_out < left) {
        return 0;
    }
    cni_gv_layout_free(*out);
    *out = NULL;
    if (rc == CN_ENOMEM) {
        return rc;
    }
    if (rc_first == 0) {
        cn_render_options o = *opts;
        cni_budget bud = { first.lowered, 0, false, false, first.cols, 0, first.text_scale };
        double w, h;
        o.max_nodes = first.max_nodes;
        if ((rc = try_fit(out, &w, &h, st, g, &o, &bud, memo, first.probe)) < 0 || *out) {
            return rc;
        }
    }
    return search_fit(out, &first, st, g, opts, memo, false);
}

int cn_render_formats(char **out, size_t *len, cn_render_stats *stats, const cn_graph *g,
                      const cn_render_options *opts, const cn_render_format *formats, size_t n)
{
    cni_render_memo memo = CNI_RENDER_MEMO_INIT;
    int rc = cni_render_formats_memo(out, len, stats, g, opts, formats, n, &memo);

    cni_render_memo_fini(&memo);
    return rc;
}

int cni_render_formats_memo(char **out, size_t *len, cn_render_stats *stats, const cn_graph *g,
                            const cn_render_options *opts, const cn_render_format *formats,
                            size_t n, cni_render_memo *memo)
{
    static const cn_render_options defaults = CN_RENDER_OPTIONS_INIT;
    cni_gv_layout *l = NULL;
    cn_render_stats st;
    int rc;

    memset(&st, 0, sizeof st);
    for (size_t f = 0; out && len && formats && f < n; f++) {
        out[f] = NULL;
        len[f] = 0;
    }
    if ((rc = CNI_CHECK_PTR(out)) < 0 || (rc = CNI_CHECK_PTR(len)) < 0
        || (rc = CNI_CHECK_PTR(formats)) < 0) {
        return rc;
    }
    if (n == 0) {
        return cni_fail(CN_EINVAL, "cn_render_formats: no format");
    }
    if (!opts) {
        opts = &defaults;
    }
    if ((rc = check(g, opts)) != 0) {
        return rc;
    }
    for (size_t f = 0; f < n; f++) {
        if ((unsigned)formats[f] >= CN_FORMAT_COUNT) {
            return cni_fail(CN_EINVAL, "cn_render: formats[%zu] is not a cn_render_format", f);
        }
    }
    /* the DOT source as built, before layout and fitting; then one layout for the rest */
    for (int pass = 0; pass < 2 && rc == 0; pass++) {
        bool want = false;
        for (size_t f = 0; f < n; f++) {
            want = want || (formats[f] != CN_FORMAT_DOT) == (pass == 1);
        }
        if (!want) {
            continue;
        }
        rc = pass == 1 && opts->fit_width > 0
                 ? make_fitted(&l, &st, g, opts, memo)
                 : make(&l, &st, g, opts, memo, pass == 1);
        for (size_t f = 0; f < n && rc == 0; f++) {
            double dpi;
            if ((formats[f] != CN_FORMAT_DOT) != (pass == 1)) {
                continue;
            }
            rc = cni_gv_layout_draw(&out[f], &len[f], &dpi, l, formats[f], opts->dpi);
            if (rc == 0 && formats[f] == CN_FORMAT_PDF) {
                fix_pdf_date(out[f], len[f]);
            }
            if (rc == 0 && formats[f] == CN_FORMAT_PNG) {
                st.dpi = dpi;
                rc = cni_png_set_dpi(&out[f], &len[f], dpi);
            }
        }
        cni_gv_layout_free(l);
        l = NULL;
    }
    cni_render_memo_drop_view(memo); /* a figure's own: not held through a whole report */
    if (rc != 0) {
        for (size_t f = 0; f < n; f++) {
            free(out[f]);
            out[f] = NULL;
            len[f] = 0;
        }
        return rc;
    }
    cni_clear_error();
    if (stats) {
        *stats = st;
    }
    return 0;
}

int cn_render(char **out, size_t *len, cn_render_stats *stats, const cn_graph *g,
              const cn_render_options *opts)
{
    static const cn_render_options defaults = CN_RENDER_OPTIONS_INIT;
    int rc;

    if (out) {
        *out = NULL;
    }
    if (len) {
        *len = 0;
    }
    if ((rc = CNI_CHECK_PTR(out)) < 0 || (rc = CNI_CHECK_PTR(len)) < 0) {
        return rc;
    }
    if (!opts) {
        opts = &defaults;
    }
    if ((unsigned)opts->format >= CN_FORMAT_COUNT) {
        return cni_fail(CN_EINVAL, "cn_render: opts->format is not a cn_render_format");
    }
    return cn_render_formats(out, len, stats, g, opts, &opts->format, 1);
}

int cn_render_file(const char *path, cn_render_stats *stats, const cn_graph *g,
                   const cn_render_options *opts)
{
    cni_outfile f;
    char *buf = NULL;
    size_t len = 0;
    int rc;

    if ((rc = CNI_CHECK_PTR(path)) < 0) {
        return rc;
    }
    if (!*path) {
        return CNI_EINVAL("path is empty");
    }
    if ((rc = cn_render(&buf, &len, stats, g, opts)) != 0) {
        return rc;
    }
    if ((rc = cni_outfile_open(&f, path)) == 0) {
        if ((rc = cni_outfile_write(&f, buf, len)) != 0) {
            cni_outfile_abort(&f);
        } else {
            rc = cni_outfile_commit(&f);
        }
    }
    free(buf);
    return rc;
}

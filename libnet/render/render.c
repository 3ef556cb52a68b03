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

/* Build the view under @p o into @p s (initialised here; the caller finalises it), its fonts
 * sized. */
static int build(cni_scene *s, cn_render_stats *st, const cn_graph *g, const cn_render_options *o,
                 cni_render_memo *memo)
{
    bool box = o->fit_width > 0;
    double font = o->font_size > 0 ? o->font_size : box ? CN_RENDER_FONT_SIZE : 0;
    int rc;

    memset(st, 0, sizeof *st);
    cni_scene_init(s);
    rc = cni_build_view(s, st, g, o, memo);
    if (rc == 0 && font > 0) {
        cni_fit_fonts(s, font);
    }
    return rc;
}

/* Turn dot's rank direction. */
static void flip_rankdir(cni_scene *s)
{
    const char *dir = cni_get(&s->graph, "rankdir");
    cni_set(s, &s->graph, "rankdir", dir && strcmp(dir, "LR") == 0 ? "TB" : "LR");
}

/* Lay @p s out (for DOT alone: build it); @p fill_w and @p fill_h above 0: laid out to fill
 * that size, drawn at 100 % in the box. */
static int lay(cni_gv_layout **out, const cni_scene *s, const cn_render_options *o, bool lay_out,
               double fill_w, double fill_h)
{
    *out = NULL;
    if (s->status) {
        return cni_draw_oom();
    }
    return cni_gv_layout_make(out, s, lay_out, fill_w, fill_h, o->fit_width, o->fit_height);
}

/* Build the view under @p o, its fonts sized, and lay it out (for DOT alone: build it). */
static int make(cni_gv_layout **out, cn_render_stats *st, const cn_graph *g,
                const cn_render_options *o, cni_render_memo *memo, bool lay_out)
{
    cni_scene s;
    int rc = build(&s, st, g, o, memo);

    *out = NULL;
    if (rc == 0) {
        rc = lay(out, &s, o, lay_out, 0, 0);
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

/* Lay the view out to fit the box. Each try is laid out at its natural size first: filling
 * only enlarges a drawing, so one too large as it is cannot fit. The tries: the view as drawn,
 * then for dot the other rank direction; without a caller's budget, the same at half and a
 * quarter of the view's (README "Diagrams"). The first that fits is laid out again to fill the
 * box (kept as it was when filling overshoots); the one nearest to fitting gives the size the
 * message asks for. */
static int make_fitted(cni_gv_layout **out, cn_render_stats *st, const cn_graph *g,
                       const cn_render_options *opts, cni_render_memo *memo)
{
    cn_render_options o = *opts;
    size_t budget = cni_draw_budget(opts);
    double w, h, need_w = 0, need_h = 0;
    int rc;

    *out = NULL;
    for (int b = 0; b < (opts->max_nodes ? 1 : 3) && budget >> b; b++) {
        cni_scene s; /* built once a budget: the tries below differ in layout alone */
        o.max_nodes = b ? budget >> b : opts->max_nodes;
        if ((rc = build(&s, st, g, &o, memo)) < 0) {
            cni_scene_fini(&s);
            return rc;
        }
        for (int flip = 0; flip < 2; flip++) {
            cni_gv_layout *l = NULL;
            if (flip) {
                flip_rankdir(&s);
            }
            if ((rc = lay(&l, &s, &o, true, 0, 0)) < 0) {
                cni_scene_fini(&s);
                return rc;
            }
            if (fits(l, &o, &w, &h)) {
                /* one layout alive at a time: Graphviz 2.42 crashes drawing a graph laid out
                 * before another that was freed since. Filling overshoots by what it does not
                 * scale (node sizes, the legend): a second try aims lower by as much. */
                double fw = o.fit_width, fh = o.fit_height;
                for (int k = 0; k < 3 && rc == 0; k++) {
                    cni_gv_layout_free(l);
                    l = NULL;
                    rc = lay(&l, &s, &o, true, k < 2 ? fw : 0, k < 2 ? fh : 0);
                    if (rc == 0 && (k == 2 || fits(l, &o, &w, &h))) {
                        break;
                    }
                    fw -= w > o.fit_width ? w - o.fit_width : 0;
                    fh -= h > o.fit_height ? h - o.fit_height : 0;
                }
                *out = rc == 0 ? l : NULL;
                cni_scene_fini(&s);
                return rc;
            }
            cni_gv_layout_free(l);
            if (need_w == 0 || over(w, h, &o) < over(need_w, need_h, &o)) {
                need_w = w;
                need_h = h;
            }
            if (strcmp(st->engine, "dot") != 0 || opts->engine) {
                break; /* rank directions are dot's */
            }
        }
        cni_scene_fini(&s);
    }
    return cni_fail(CN_ELIMIT, "the drawing needs %.1f x %.1f cm at %g pt, more than the "
                    "%.1f x %.1f cm box: use a larger box, a smaller font size or fewer nodes",
                    need_w * 2.54 / 72, need_h * 2.54 / 72,
                    opts->font_size > 0 ? opts->font_size : CN_RENDER_FONT_SIZE,
                    opts->fit_width * 2.54 / 72, opts->fit_height * 2.54 / 72);
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

/* Diagrams: the public entry points. A view becomes a scene (views.c), Graphviz draws it
 * (gv.c), and cn_render_file() writes it atomically. */
#define _GNU_SOURCE /* memmem */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <collabnet/render.h>

#include "../util/outfile.h"
#include "../util/util.h"
#include "gv.h"
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
    if ((unsigned)o->format >= CN_FORMAT_COUNT) {
        return cni_fail(CN_EINVAL, "cn_render: opts->format is not a cn_render_format");
    }
    if ((unsigned)o->size_by >= CN_MEASURE_COUNT) {
        return cni_fail(CN_EINVAL, "cn_render: opts->size_by is not a cn_measure");
    }
    if (o->dpi > CN_RENDER_MAX_DPI) {
        return cni_fail(CN_EINVAL, "cn_render: opts->dpi is above CN_RENDER_MAX_DPI (%u)",
                        CN_RENDER_MAX_DPI);
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

int cn_render(char **out, size_t *len, cn_render_stats *stats, const cn_graph *g,
              const cn_render_options *opts)
{
    static const cn_render_options defaults = CN_RENDER_OPTIONS_INIT;
    cn_render_stats st;
    cni_scene s;
    int rc;

    memset(&st, 0, sizeof st);
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
    if ((rc = check(g, opts)) != 0) {
        return rc;
    }
    cni_scene_init(&s);
    rc = cni_build_view(&s, &st, g, opts);
    if (rc == 0) {
        rc = cni_gv_render(out, len, &st.dpi, &s, opts->format, opts->dpi);
    }
    if (rc == 0 && opts->format == CN_FORMAT_PDF) {
        fix_pdf_date(*out, *len);
    }
    cni_scene_fini(&s);
    if (rc == 0) {
        cni_clear_error();
        if (stats) {
            *stats = st;
        }
    }
    return rc;
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

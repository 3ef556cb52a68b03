/* Page fit: the box a drawing must fit (cn_render_fit_parse), the font sizes of a scene scaled
 * so that its smallest text has the size asked for, and the resolution a PNG carries. No
 * Graphviz here. */
#include "fit.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/buf.h"
#include "../util/util.h"

#define PT_PER_CM (72.0 / 2.54)
#define MAX_SIDE_PT (1000 * 72.0)

static const struct preset {
    const char *name;
    double w, h; /* points */
} PRESETS[] = {
    { "a4", 16.0 * PT_PER_CM, 24.7 * PT_PER_CM },           /* 21 x 29.7 cm less 2.5 cm */
    { "a4-landscape", 24.7 * PT_PER_CM, 16.0 * PT_PER_CM },
    { "letter", 6.5 * 72.0, 9.0 * 72.0 },                    /* 8.5 x 11 in less 1 in */
    { "slide", 960.0, 540.0 },                               /* 13.333 x 7.5 in, 16:9 */
};

static const struct unit {
    const char *name;
    double pt;
} UNITS[] = { { "cm", PT_PER_CM }, { "mm", PT_PER_CM / 10 }, { "in", 72.0 }, { "pt", 1.0 } };

static const char *skip_space(const char *p)
{
    while (*p == ' ') {
        p++;
    }
    return p;
}

/* A number as written in a box: digits with at most one '.', no sign, exponent or hex. */
static const char *number(const char *p, double *out)
{
    char buf[32];
    size_t n = 0;
    bool dot = false, digit = false;

    while ((isdigit((unsigned char)p[n]) || (p[n] == '.' && !dot)) && n < sizeof buf - 1) {
        dot = dot || p[n] == '.';
        digit = digit || p[n] != '.';
        buf[n] = p[n];
        n++;
    }
    if (!digit) {
        return NULL;
    }
    buf[n] = '\0';
    *out = strtod(buf, NULL);
    return p + n;
}

int cn_render_fit_parse(double *width, double *height, const char *text)
{
    const char *p;
    double w, h, scale = 0;
    int rc;

    if ((rc = CNI_CHECK_PTR(width)) < 0 || (rc = CNI_CHECK_PTR(height)) < 0
        || (rc = CNI_CHECK_PTR(text)) < 0) {
        return rc;
    }
    *width = *height = 0;
    for (size_t k = 0; k < sizeof PRESETS / sizeof *PRESETS; k++) {
        if (strcmp(text, PRESETS[k].name) == 0) {
            *width = PRESETS[k].w;
            *height = PRESETS[k].h;
            return 0;
        }
    }
    p = skip_space(text);
    if (*p == '-') {
        return cni_fail(CN_EINVAL, "box '%s': each side must be above 0", text);
    }
    if (!strpbrk(text, "0123456789")
        || (isalpha((unsigned char)*p) && *p != 'x' && *p != 'X')) {
        return cni_fail(CN_EINVAL, "unknown page '%s' (expected a4, a4-landscape, letter, slide "
                                   "or WIDTHxHEIGHT with a unit, e.g. 16x24cm)", text);
    }
    if (!(p = number(p, &w)) || (*(p = skip_space(p)) != 'x' && *p != 'X')
        || !(p = number(skip_space(p + 1), &h))) {
        return cni_fail(CN_EINVAL, "malformed box '%s' (expected WIDTHxHEIGHT with a unit cm, "
                                   "mm, in or pt, e.g. 16x24cm or 6.5x9in)", text);
    }
    p = skip_space(p);
    for (size_t k = 0; k < sizeof UNITS / sizeof *UNITS; k++) {
        if (cni_streq_nocase(p, UNITS[k].name)) {
            scale = UNITS[k].pt;
        }
    }
    if (scale == 0) {
        return cni_fail(CN_EINVAL, "box '%s': %s (expected cm, mm, in or pt after the size)",
                        text, *p ? "unknown unit" : "no unit");
    }
    if (w <= 0 || h <= 0) {
        return cni_fail(CN_EINVAL, "box '%s': each side must be above 0", text);
    }
    if (w * scale > MAX_SIDE_PT || h * scale > MAX_SIDE_PT) {
        return cni_fail(CN_EINVAL, "box '%s': a side is past 1000 inches", text);
    }
    *width = w * scale;
    *height = h * scale;
    return 0;
}

/* ---- font sizes ---- */

static const char POINT_SIZE[] = "POINT-SIZE=\"";

static double attr_size(const cni_attrs *a, double inherited)
{
    const char *v = cni_get(a, "fontsize");
    double d = v ? strtod(v, NULL) : 0;
    return d > 0 ? d : inherited;
}

/* A font size of the view at @p font_size: scaled by font_size / 9 and at least font_size. */
static double sized(double v, double f, double font_size)
{
    return v * f > font_size ? v * f : font_size;
}

static char *scaled_markup(const char *markup, double f, double font_size)
{
    cni_buf b;
    const char *p = markup, *q;
    char *out;

    cni_buf_init(&b);
    while ((q = strstr(p, POINT_SIZE))) {
        char *end;
        double v;
        q += sizeof POINT_SIZE - 1;
        cni_buf_add(&b, p, (size_t)(q - p));
        v = strtod(q, &end);
        cni_buf_printf(&b, "%.4g", sized(v, f, font_size));
        p = end;
    }
    cni_buf_puts(&b, p);
    out = b.failed || !cni_buf_str(&b) ? NULL : cni_strdup(cni_buf_str(&b));
    cni_buf_fini(&b);
    return out;
}

static void scale_object(cni_scene *s, cni_attrs *a, double f, double font_size,
                         double inherited, bool set)
{
    if (cni_get(a, "fontsize") || set) {
        cni_setf(s, a, "fontsize", "%.4g", sized(attr_size(a, inherited), f, font_size));
    }
    for (size_t k = 0; k < a->n && !s->status; k++) {
        if (a->v[k].html && strstr(a->v[k].value, POINT_SIZE)) {
            char *m = scaled_markup(a->v[k].value, f, font_size);
            if (!m) {
                s->status = CN_ENOMEM;
                return;
            }
            cni_set_html(s, a, a->v[k].name, m);
            free(m);
        }
    }
}

/* Graphviz's default font size, where a scene sets none. */
#define GV_FONT_SIZE 14.0

void cni_fit_fonts(cni_scene *s, double font_size)
{
    double graph = attr_size(&s->graph, GV_FONT_SIZE);
    double node = attr_size(&s->node_defaults, GV_FONT_SIZE);
    double edge = attr_size(&s->edge_defaults, GV_FONT_SIZE);
    double f = font_size / CN_RENDER_FONT_SIZE;

    scale_object(s, &s->graph, f, font_size, GV_FONT_SIZE, true);
    scale_object(s, &s->node_defaults, f, font_size, GV_FONT_SIZE, true);
    scale_object(s, &s->edge_defaults, f, font_size, GV_FONT_SIZE, true);
    for (size_t i = 0; i < s->nclusters; i++) {
        scale_object(s, &s->clusters[i].a, f, font_size, graph, false);
    }
    for (size_t i = 0; i < s->nnodes; i++) {
        scale_object(s, &s->nodes[i].a, f, font_size, node, false);
    }
    for (size_t i = 0; i < s->nedges; i++) {
        scale_object(s, &s->edges[i].a, f, font_size, edge, false);
    }
}

/* ---- a PNG's resolution ---- */

/* CRC-32 of PNG chunks (ISO 3309, as zlib's crc32(), which collabnet does not link). */
static uint32_t crc32_update(uint32_t crc, const unsigned char *p, size_t n)
{
    crc = ~crc;
    while (n--) {
        crc ^= *p++;
        for (int k = 0; k < 8; k++) {
            crc = crc & 1 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
        }
    }
    return ~crc;
}

static void put32(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)(v >> 24);
    p[1] = (unsigned char)(v >> 16);
    p[2] = (unsigned char)(v >> 8);
    p[3] = (unsigned char)v;
}

int cni_png_set_dpi(char **png, size_t *len, double dpi)
{
    /* signature (8), IHDR (4 + 4 + 13 + 4): pHYs goes right after IHDR */
    static const size_t at = 8 + 25;
    unsigned char chunk[21];
    uint32_t ppm = (uint32_t)lround(dpi / 0.0254);
    char *out;

    if (*len < at || memcmp(*png + 12, "IHDR", 4) != 0 || dpi <= 0) {
        return cni_fail(CN_ERENDER, "Graphviz gave no PNG");
    }
    put32(chunk, 9);
    memcpy(chunk + 4, "pHYs", 4);
    put32(chunk + 8, ppm);
    put32(chunk + 12, ppm);
    chunk[16] = 1; /* pixels per metre */
    put32(chunk + 17, crc32_update(0, chunk + 4, 13));
    if (!(out = malloc(*len + sizeof chunk))) {
        return cni_fail(CN_ENOMEM, "out of memory");
    }
    memcpy(out, *png, at);
    memcpy(out + at, chunk, sizeof chunk);
    memcpy(out + at + sizeof chunk, *png + at, *len - at);
    free(*png);
    *png = out;
    *len += sizeof chunk;
    return 0;
}

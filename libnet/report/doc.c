/* The report as a document: paragraphs, headings, result tables and figures written to the
 * HTML page and the Markdown file at once, and every file of the report directory (doc.h). */
#define _GNU_SOURCE /* memmem */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../render/text.h"
#include "doc.h"

int cni_rep_fail_oom(rep *r) {
    if (r->rc == 0) {
        r->rc = cni_fail(CN_ENOMEM, "out of memory");
    }
    return r->rc;
}

/* DIR/@p rel opened for writing (its path in *path, the caller's to free), or NULL with r->rc
 * set. */
static FILE *open_file(rep *r, const char *rel, char **path) {
    FILE *fp;

    *path = NULL;
    if (r->rc == 0 && r->files) {
        /* in a worker: the file is kept in memory and its caller writes it (report.c,
         * centrality_join) */
        if (!(*path = cni_strdup(rel)) || !(fp = open_memstream(&r->mem, &r->mem_len))) {
            cni_rep_fail_oom(r);
            return NULL;
        }
        return fp;
    }
    if (r->rc || (r->rc = cni_outdir_path(path, &r->out, rel)) != 0) {
        return NULL;
    }
    if (!(fp = fopen(*path, "wb"))) {
        r->rc = cni_fail(CN_ECREATE, "cannot create '%s': %s", *path, strerror(errno));
    }
    return fp;
}

/* Close what open_file() opened, the write failed when @p failed or its stream has an error. */
static void close_file(rep *r, FILE *fp, const char *path, bool failed) {
    if ((failed || ferror(fp)) && r->rc == 0) {
        r->rc = cni_fail(CN_EIO, "cannot write '%s': %s", path, strerror(errno));
    }
    if (fclose(fp) != 0 && r->rc == 0) {
        r->rc = cni_fail(CN_EIO, "cannot write '%s': %s", path, strerror(errno));
    }
    if (r->files) {
        /* in a worker: sizes, name and bytes, as centrality_join() reads them */
        uint64_t sizes[2] = { strlen(path), r->mem_len };
        if (r->rc == 0) {
            cni_buf_add(r->files, (const char *)sizes, sizeof sizes);
            cni_buf_add(r->files, path, sizes[0]);
            cni_buf_add(r->files, r->mem ? r->mem : "", r->mem_len);
            if (r->files->failed) {
                cni_rep_fail_oom(r);
            }
        }
        free(r->mem);
        r->mem = NULL;
        r->mem_len = 0;
    }
}

void cni_rep_write_file(rep *r, const char *rel, const char *data, size_t len) {
    char *path;
    FILE *fp = open_file(r, rel, &path);

    if (fp) {
        close_file(r, fp, path, fwrite(data, 1, len, fp) != len);
    }
    free(path);
}

void cni_rep_heading(rep *r, int level, const char *id, const char *text) {
    cni_buf_printf(&r->html, "<h%d id=\"%s\">", level, id);
    cni_buf_html_text(&r->html, text);
    cni_buf_printf(&r->html, "</h%d>\n", level);
    cni_buf_printf(&r->md, "\n%.*s ", level, "######");
    cni_buf_md_text(&r->md, text);
    cni_buf_puts(&r->md, "\n\n");
}

void cni_rep_para(rep *r, const char *text) {
    cni_buf_puts(&r->html, "<p>");
    cni_buf_html_text(&r->html, text);
    cni_buf_puts(&r->html, "</p>\n");
    cni_buf_md_text(&r->md, text);
    cni_buf_puts(&r->md, "\n\n");
}

void cni_rep_paraf(rep *r, const char *fmt, ...) {
    char buf[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    cni_rep_para(r, buf);
}

/* A result table (util/table.h, built by the same code as the CLI's): in full to
 * tables/NAME.csv with the CLI's columns and 17 significant digits; its first @p show rows on
 * the page (0: a link to the file alone), with the columns marked CNI_IN_PAGE and reals in
 * their display format. */
/* tables/NAME.csv of a result table, in full; its path relative to the report in @p rel. */
void cni_rep_write_result_csv(rep *r, const cni_table *t, char rel[256]) {
    cni_table_style st = CNI_TABLE_STYLE_INIT;
    char *path;
    FILE *fp;
    int rc;

    snprintf(rel, 256, "tables/%s.csv", cni_table_name(t));
    if (r->rc) {
        return;
    }
    if ((rc = cni_table_status(t)) < 0) {
        r->rc = rc;
        return;
    }
    st.csv_guard = !r->o->csv_raw;
    /* straight into the file, not built in memory first: at generated L tables/brokerage.csv
     * is 227 MB, and its buffer, grown by doubling, was a second of page clearing and copying */
    if ((fp = open_file(r, rel, &path))) {
        if (r->o->csv_bom) {
            fputs(CNI_UTF8_BOM, fp);
        }
        rc = cni_table_write(t, CNI_TABLE_CSV, &st, fp);
        if (rc < 0 && rc != CN_EIO) {
            r->rc = rc;
        }
        close_file(r, fp, path, rc == CN_EIO);
    }
    free(path);
}

/* cni_rep_emit_result(); with @p order, the page shows rows in that order, the largest by
 * @p most first ("the 50 of 395 rows with the most nodes"). */
static void emit(rep *r, const cni_table *t, const char *caption, size_t show,
                 const size_t *order, const char *most) {
    cni_table_style st = CNI_TABLE_STYLE_INIT;
    char rel[256], note[300];
    size_t nrows = cni_table_row_count(t), rows = nrows < show ? nrows : show;
    int rc;

    cni_rep_write_result_csv(r, t, rel);
    if (r->rc) {
        return;
    }
    if (show == 0) { /* the file alone */
        cni_buf_puts(&r->html, "<p>");
        cni_buf_html_text(&r->html, caption);
        cni_buf_printf(&r->html, " %zu row%s: <a href=\"%s\">%s</a>.</p>\n", nrows,
                       nrows == 1 ? "" : "s", rel, rel);
        cni_buf_md_text(&r->md, caption);
        cni_buf_printf(&r->md, " %zu row%s: [%s](%s).\n\n", nrows, nrows == 1 ? "" : "s", rel, rel);
        return;
    }
    snprintf(note, sizeof note, "; every one in %s", rel);
    st.clean = cni_text_clean;
    st.caption = caption;
    st.max_rows = show;
    st.max_items = REPORT_PAGE_ITEMS;
    st.items_note = note;
    st.order = order;
    if ((rc = cni_table_append(t, CNI_TABLE_HTML, &st, &r->html)) < 0
        || (rc = cni_table_append(t, CNI_TABLE_MARKDOWN, &st, &r->md)) < 0) {
        r->rc = rc;
        return;
    }
    cni_buf_puts(&r->html, "<p class=\"more\">");
    if (rows < nrows && order) {
        cni_buf_printf(&r->html, "The %zu of %zu rows with the most %s; all of them, in the "
                                 "table's order, in ", rows, nrows, most);
        cni_buf_printf(&r->md, "\nThe %zu of %zu rows with the most %s; all of them, in the "
                               "table's order, in [%s](%s).\n\n", rows, nrows, most, rel, rel);
    } else if (rows < nrows) {
        cni_buf_printf(&r->html, "The first %zu of %zu rows; all of them in ", rows, nrows);
        cni_buf_printf(&r->md, "\nThe first %zu of %zu rows; all of them in [%s](%s).\n\n", rows,
                       nrows, rel, rel);
    } else {
        cni_buf_printf(&r->html, "%zu row%s; also as ", nrows, nrows == 1 ? "" : "s");
        cni_buf_printf(&r->md, "\nAlso as [%s](%s).\n\n", rel, rel);
    }
    cni_buf_printf(&r->html, "<a href=\"%s\">%s</a>.</p>\n", rel, rel);
}

void cni_rep_emit_result(rep *r, const cni_table *t, const char *caption, size_t show) {
    emit(r, t, caption, show, NULL, NULL);
}

typedef struct keyed {
    double key;
    size_t row;
} keyed;

static int by_key_desc(const void *pa, const void *pb)
{
    const keyed *a = pa, *b = pb;

    if (a->key != b->key) {
        return a->key > b->key ? -1 : 1;
    }
    return a->row < b->row ? -1 : a->row > b->row;
}

void cni_rep_emit_largest(rep *r, const cni_table *t, const char *caption, size_t show,
                          const char *const *cols, const char *most) {
    size_t n = cni_table_row_count(t), *order = NULL;
    keyed *k = NULL;

    if (n <= show) {
        emit(r, t, caption, show, NULL, NULL);
        return;
    }
    k = cni_alloc_array(n, sizeof *k);
    order = cni_alloc_array(n, sizeof *order);
    if (!k || !order) {
        cni_rep_fail_oom(r);
    }
    for (size_t i = 0; k && order && i < n; i++) {
        k[i].row = i;
        k[i].key = 0.0;
    }
    /* column by column: each name looked up once, not once a row */
    for (const char *const *c = cols; k && order && *c; c++) {
        int col = cni_table_column_index(t, *c);
        for (size_t i = 0; i < n; i++) {
            double v = cni_table_number(t, i, col);
            k[i].key += isnan(v) ? 0.0 : v;
        }
    }
    if (k && order) {
        qsort(k, n, sizeof *k, by_key_desc);
        for (size_t i = 0; i < n; i++) {
            order[i] = k[i].row;
        }
        emit(r, t, caption, show, order, most);
    }
    free(k);
    free(order);
}

/* The result table, or @p none when it has no row (its CSV, a header alone then, is written
 * either way: a script reading tables/NAME.csv finds it in every report). */
void cni_rep_emit_result_or_say(rep *r, const cni_table *t, const char *caption, size_t show,
                                const char *none) {
    char rel[256];

    if (cni_table_row_count(t)) {
        cni_rep_emit_result(r, t, caption, show);
        return;
    }
    cni_rep_write_result_csv(r, t, rel);
    if (r->rc == 0) {
        cni_rep_para(r, none);
    }
}

/* Inline an SVG: without its XML prologue and comments, element ids prefixed with @p stem so
 * that the figures of one page do not share ids. */
static void inline_svg(cni_buf *b, const char *svg, size_t len, const char *stem) {
    const char *p = memmem(svg, len, "<svg", 4), *end = svg + len;

    if (!p) {
        return;
    }
    while (p < end) {
        if (end - p >= 4 && memcmp(p, "<!--", 4) == 0) {
            const char *q = memmem(p, (size_t)(end - p), "-->", 3);
            p = q ? q + 3 : end;
            if (p < end && *p == '\n') {
                p++;
            }
            continue;
        }
        if (end - p >= 5 && memcmp(p, " id=\"", 5) == 0) {
            cni_buf_printf(b, " id=\"%s-", stem);
            p += 5;
            continue;
        }
        if (end - p >= 13 && memcmp(p, "xlink:href=\"#", 13) == 0) {
            cni_buf_printf(b, "xlink:href=\"#%s-", stem);
            p += 13;
            continue;
        }
        cni_buf_add(b, p, 1);
        p++;
    }
}

void cni_rep_figure(rep *r, cn_render_view view, const char *stem, const char *caption) {
    cn_render_options ro = CN_RENDER_OPTIONS_INIT;

    ro.view = view;
    cni_rep_figure_with(r, &ro, stem, caption);
}

void cni_rep_figure_with(rep *r, const cn_render_options *base, const char *stem,
                         const char *caption) {
    static const cn_render_format formats[] = {CN_FORMAT_SVG, CN_FORMAT_PNG, CN_FORMAT_PDF};
    static const char *const ext[] = {"svg", "png", "pdf"};
    cn_render_options ro = *base;
    cn_render_stats st;
    char *svg = NULL, note[400] = "", *buf[3];
    size_t svg_len = 0, len[3];
    unsigned dpi = r->o->dpi ? r->o->dpi : 144;

    if (r->rc != 0) {
        return;
    }
    ro.targets = r->o->targets;
    ro.max_shared = r->o->max_shared;
    ro.label_attr = r->o->label_column;
    ro.label_width = r->o->label_width;
    ro.label_lines = r->o->label_lines;
    ro.fit_width = r->o->fit_width;
    ro.fit_height = r->o->fit_height;
    ro.font_size = r->o->font_size;
    ro.dpi = r->o->dpi;
    /* one layout for the three files: the PNG, SVG and PDF are the same drawing */
    r->rc = cni_render_formats_memo(buf, len, &st, r->g, &ro, formats, 3, &r->memo);
    if (r->rc == CN_ELIMIT && ro.fit_width > 0 && !r->o->fit_required) {
        /* the default box: drawn at its own size, and the caption says what it needs */
        snprintf(note, sizeof note, "Not fitted to the page (%s).", cn_errmsg());
        ro.fit_width = ro.fit_height = 0;
        ro.font_size = ro.font_size > 0 ? ro.font_size : CN_RENDER_FONT_SIZE;
        r->rc = cni_render_formats_memo(buf, len, &st, r->g, &ro, formats, 3, &r->memo);
    }
    if (r->rc == CN_ELIMIT && ro.fit_width > 0) {
        char why[300];
        snprintf(why, sizeof why, "%s", cn_errmsg());
        r->rc = cni_fail(CN_ELIMIT, "figure '%s': %s", stem, why);
    }
    if (r->rc != 0) {
        return;
    }
    if (st.dpi < dpi) {
        /* the bitmap would be too large at the resolution asked for (render.h): say so */
        size_t have = strlen(note);
        snprintf(note + have, sizeof note - have,
                 "%sThe PNG is drawn at %g dpi, not %u, to stay within 32000 pixels a side and "
                 "100 million pixels; the SVG and PDF keep every detail.",
                 have ? " " : "", st.dpi, dpi);
    }
    for (size_t f = 0; f < 3; f++) {
        char rel[256];
        snprintf(rel, sizeof rel, "figures/%s.%s", stem, ext[f]);
        if (r->rc == 0) {
            cni_rep_write_file(r, rel, buf[f], len[f]);
        }
        if (f == 0) {
            svg = buf[f];
            svg_len = len[f];
        } else {
            free(buf[f]);
        }
    }
    if (r->rc == 0 && ro.view == CN_RENDER_OVERLAP && st.nodes == 1 && st.shown > 1) {
        /* several networks in one node: the overlap drawn as a matrix (past 30 networks, or
         * in a box where the budget made it one), which has no widths or dotted edges */
        caption = "Networks by the members they share: the darker a cell, the more members "
                  "its row and column share; in brackets, each network's members.";
    }
    if (r->rc == 0) {
        /* a click opens the SVG full size, where a phone shows its labels at their size */
        cni_buf_printf(&r->html,
                       "<figure id=\"figure-%s\">\n<a class=\"full\" href=\"figures/%s.svg\" "
                       "title=\"The diagram full size\">\n",
                       stem, stem);
        inline_svg(&r->html, svg, svg_len, stem);
        cni_buf_puts(&r->html, "</a>\n<figcaption>");
        cni_buf_html_text(&r->html, caption);
        cni_buf_html_text(&r->html, note);
        cni_buf_printf(&r->html,
                       " Files: <a href=\"figures/%s.svg\">SVG</a>, "
                       "<a href=\"figures/%s.png\">PNG</a>, "
                       "<a href=\"figures/%s.pdf\">PDF</a>.</figcaption>\n</figure>\n",
                       stem, stem, stem);
        cni_buf_puts(&r->md, "![");
        cni_buf_md_text(&r->md, caption);
        cni_buf_printf(&r->md, "](figures/%s.png)\n\n", stem);
        cni_buf_md_text(&r->md, caption);
        cni_buf_md_text(&r->md, note);
        cni_buf_printf(&r->md, " Also as [SVG](figures/%s.svg) and [PDF](figures/%s.pdf).\n\n",
                       stem, stem);
    }
    free(svg);
}

void cni_rep_stage(rep *r, const char *name) {
    if (r->o->stage && r->rc == 0) {
        r->o->stage(name, r->o->stage_ctx);
    }
}

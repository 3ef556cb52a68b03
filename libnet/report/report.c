/* The report: what the ecosystem is, who is central, how networks overlap, where the gaps are,
 * with every diagram and table, as one self-contained HTML page and the same in Markdown.
 * Each section is written to both at once; each table also goes to tables/NAME.csv in full. */
#define _GNU_SOURCE /* memmem */
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <csv.h>

#include <collabnet/collabnet.h>

#include "../render/text.h"
#include "../results/results.h"
#include "../util/outfile.h"
#include "../results/results.h"
#include "../util/table.h"
#include "../util/util.h"

typedef struct rep {
    const cn_graph *g;
    const cn_report_options *o;
    cni_outdir out;  /* the directory being written */
    bool sources_left_out; /* SOURCES.md is a symbolic link or not a regular file */
    cni_buf html, md;
    int rc;          /* first failure; later steps are skipped */
} rep;

/* Past this many nodes, betweenness is estimated from sampled sources (as the centrality
 * command does by default). */
#define REPORT_SAMPLE_ABOVE 50000
#define REPORT_SAMPLE_SOURCES 256

static const char *const KIND_PLURAL[] = { "institutions", "enterprises", "experts", "networks" };

/* ---- text ---- */

static int fail_oom(rep *r)
{
    if (r->rc == 0) {
        r->rc = cni_fail(CN_ENOMEM, "out of memory");
    }
    return r->rc;
}

/* ---- files ---- */

static void write_file(rep *r, const char *rel, const char *data, size_t len)
{
    char *path = NULL;
    FILE *fp;

    if (r->rc || (r->rc = cni_outdir_path(&path, &r->out, rel)) != 0) {
        return;
    }
    if (!(fp = fopen(path, "wb"))) {
        r->rc = cni_fail(CN_ECREATE, "cannot create '%s': %s", path, strerror(errno));
        free(path);
        return;
    }
    if (fwrite(data, 1, len, fp) != len || ferror(fp)) {
        r->rc = cni_fail(CN_EIO, "cannot write '%s': %s", path, strerror(errno));
    }
    if (fclose(fp) != 0 && r->rc == 0) {
        r->rc = cni_fail(CN_EIO, "cannot write '%s': %s", path, strerror(errno));
    }
    free(path);
}

/* ---- the document: headings, paragraphs, lists, tables, figures ---- */

static void heading(rep *r, int level, const char *id, const char *text)
{
    cni_buf_printf(&r->html, "<h%d id=\"%s\">", level, id);
    cni_buf_html_text(&r->html, text);
    cni_buf_printf(&r->html, "</h%d>\n", level);
    cni_buf_printf(&r->md, "\n%.*s ", level, "######");
    cni_buf_md_text(&r->md, text);
    cni_buf_puts(&r->md, "\n\n");
}

static void para(rep *r, const char *text)
{
    cni_buf_puts(&r->html, "<p>");
    cni_buf_html_text(&r->html, text);
    cni_buf_puts(&r->html, "</p>\n");
    cni_buf_md_text(&r->md, text);
    cni_buf_puts(&r->md, "\n\n");
}

static void paraf(rep *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void paraf(rep *r, const char *fmt, ...)
{
    char buf[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    para(r, buf);
}

bool cn_csv_formula_like(const char *s)
{
    return cni_csv_formula_like(s);
}

/* A result table (util/table.h, built by the same code as the CLI's): in full to
 * tables/NAME.csv with the CLI's columns and 17 significant digits; its first @p show rows on
 * the page (0: a link to the file alone), with the columns marked CNI_IN_PAGE and reals in
 * their display format. */
/* tables/NAME.csv of a result table, in full; its path relative to the report in @p rel. */
static void write_result_csv(rep *r, const cni_table *t, char rel[256])
{
    cni_table_style st = CNI_TABLE_STYLE_INIT;
    cni_buf csv;
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
    cni_buf_init(&csv);
    if ((rc = cni_table_append(t, CNI_TABLE_CSV, &st, &csv)) < 0) {
        r->rc = rc;
    } else {
        write_file(r, rel, csv.s ? csv.s : "", csv.len);
    }
    cni_buf_fini(&csv);
}

static void emit_result(rep *r, const cni_table *t, const char *caption, size_t show)
{
    cni_table_style st = CNI_TABLE_STYLE_INIT;
    char rel[256];
    size_t nrows = cni_table_row_count(t), rows = nrows < show ? nrows : show;
    int rc;

    write_result_csv(r, t, rel);
    if (r->rc) {
        return;
    }
    if (show == 0) { /* the file alone */
        cni_buf_puts(&r->html, "<p>");
        cni_buf_html_text(&r->html, caption);
        cni_buf_printf(&r->html, " %zu row%s: <a href=\"%s\">%s</a>.</p>\n", nrows,
                       nrows == 1 ? "" : "s", rel, rel);
        cni_buf_md_text(&r->md, caption);
        cni_buf_printf(&r->md, " %zu row%s: [%s](%s).\n\n", nrows, nrows == 1 ? "" : "s", rel,
                       rel);
        return;
    }
    st.clean = cni_text_clean;
    st.caption = caption;
    st.max_rows = show;
    if ((rc = cni_table_append(t, CNI_TABLE_HTML, &st, &r->html)) < 0
        || (rc = cni_table_append(t, CNI_TABLE_MARKDOWN, &st, &r->md)) < 0) {
        r->rc = rc;
        return;
    }
    cni_buf_puts(&r->html, "<p class=\"more\">");
    if (rows < nrows) {
        cni_buf_printf(&r->html, "The first %zu of %zu rows; all of them in ", rows, nrows);
        cni_buf_printf(&r->md, "\nThe first %zu of %zu rows; all of them in [%s](%s).\n\n", rows,
                       nrows, rel, rel);
    } else {
        cni_buf_printf(&r->html, "%zu row%s; also as ", nrows, nrows == 1 ? "" : "s");
        cni_buf_printf(&r->md, "\nAlso as [%s](%s).\n\n", rel, rel);
    }
    cni_buf_printf(&r->html, "<a href=\"%s\">%s</a>.</p>\n", rel, rel);
}

/* The result table, or @p none when it has no row (its CSV, a header alone then, is written
 * either way: a script reading tables/NAME.csv finds it in every report). */
static void emit_result_or_say(rep *r, const cni_table *t, const char *caption, size_t show,
                               const char *none)
{
    char rel[256];

    if (cni_table_row_count(t)) {
        emit_result(r, t, caption, show);
        return;
    }
    write_result_csv(r, t, rel);
    if (r->rc == 0) {
        para(r, none);
    }
}

/* Inline an SVG: without its XML prologue and comments, element ids prefixed with @p stem so
 * that the figures of one page do not share ids. */
static void inline_svg(cni_buf *b, const char *svg, size_t len, const char *stem)
{
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

static void figure(rep *r, cn_render_view view, const char *stem, const char *caption)
{
    static const cn_render_format formats[] = { CN_FORMAT_SVG, CN_FORMAT_PNG, CN_FORMAT_PDF };
    static const char *const ext[] = { "svg", "png", "pdf" };
    cn_render_options ro = CN_RENDER_OPTIONS_INIT;
    cn_render_stats st;
    char *svg = NULL, note[200] = "";
    size_t svg_len = 0;

    ro.view = view;
    ro.targets = r->o->targets;
    ro.max_shared = r->o->max_shared;
    for (size_t f = 0; f < 3 && r->rc == 0; f++) {
        char *buf;
        size_t len;
        char rel[256];
        ro.format = formats[f];
        if ((r->rc = cn_render(&buf, &len, &st, r->g, &ro)) != 0) {
            return;
        }
        if (ro.format == CN_FORMAT_PNG && st.dpi < 144) {
            /* the bitmap would be too large at 144 dpi (render.h): the reader should know */
            snprintf(note, sizeof note, " The PNG is drawn at %g dpi, not 144, to stay within "
                                        "32000 pixels a side and 100 million pixels; the SVG and "
                                        "PDF keep every detail.", st.dpi);
        }
        snprintf(rel, sizeof rel, "figures/%s.%s", stem, ext[f]);
        write_file(r, rel, buf, len);
        if (f == 0) {
            svg = buf;
            svg_len = len;
        } else {
            free(buf);
        }
    }
    if (r->rc == 0) {
        cni_buf_printf(&r->html, "<figure id=\"figure-%s\">\n", stem);
        inline_svg(&r->html, svg, svg_len, stem);
        cni_buf_puts(&r->html, "<figcaption>");
        cni_buf_html_text(&r->html, caption);
        cni_buf_html_text(&r->html, note);
        cni_buf_printf(&r->html, " Files: <a href=\"figures/%s.svg\">SVG</a>, "
                                 "<a href=\"figures/%s.png\">PNG</a>, "
                                 "<a href=\"figures/%s.pdf\">PDF</a>.</figcaption>\n</figure>\n",
                       stem, stem, stem);
        cni_buf_puts(&r->md, "![");
        cni_buf_md_text(&r->md, caption);
        cni_buf_printf(&r->md, "](figures/%s.png)\n\n", stem);
        cni_buf_md_text(&r->md, caption);
        cni_buf_md_text(&r->md, note);
        cni_buf_printf(&r->md, " Also as [SVG](figures/%s.svg) and [PDF](figures/%s.pdf).\n\n", stem,
                       stem);
    }
    free(svg);
}

static void stage(rep *r, const char *name)
{
    if (r->o->stage && r->rc == 0) {
        r->o->stage(name, r->o->stage_ctx);
    }
}

/* ---- sections ---- */

static void section_summary(rep *r)
{
    const cn_graph *g = r->g;
    size_t n = cn_graph_node_count(g), k[CN_NODE_KIND_COUNT];
    size_t mem = cn_graph_count_edge_kind(g, CN_EDGE_MEMBERSHIP), ties = cn_graph_tie_count(g);

    for (int kind = 0; kind < CN_NODE_KIND_COUNT; kind++) {
        k[kind] = cn_graph_count_kind(g, (cn_node_kind)kind);
    }
    heading(r, 2, "summary", "Summary");
    /* a count of one takes the singular, and its verb agrees */
    paraf(r, "%s holds %zu node%s: %zu institution%s, %zu enterprise%s, %zu expert%s and %zu "
             "network%s; %zu membership edge%s tie%s members to networks and %zu collaboration "
             "tie%s join%s actors (repeated collaboration rows merged).",
          r->o->dataset ? r->o->dataset : "The dataset", n, n == 1 ? "" : "s",
          k[CN_NODE_INSTITUTION], k[CN_NODE_INSTITUTION] == 1 ? "" : "s",
          k[CN_NODE_ENTERPRISE], k[CN_NODE_ENTERPRISE] == 1 ? "" : "s",
          k[CN_NODE_EXPERT], k[CN_NODE_EXPERT] == 1 ? "" : "s",
          k[CN_NODE_NETWORK], k[CN_NODE_NETWORK] == 1 ? "" : "s",
          mem, mem == 1 ? "" : "s", mem == 1 ? "s" : "", ties, ties == 1 ? "" : "s",
          ties == 1 ? "s" : "");
    if (r->o->at) {
        paraf(r, "Only the edges in force on %s are counted (their since and until dates).",
              r->o->at);
    }
    /* by region and by field: the tables of `info -t regions|fields -f csv` */
    {
        cni_info in;
        cni_table *regions = NULL, *fields = NULL;
        int rc;
        if ((rc = cni_results_info_compute(&in, g)) < 0
            || (rc = cni_results_info_table(&regions, &in, "regions", false)) < 0
            || (rc = cni_results_info_table(&fields, &in, "fields", false)) < 0) {
            r->rc = r->rc ? r->rc : rc;
        } else {
            emit_result(r, regions, "Nodes by region (actors by their own region, networks by their lead's region).", 50);
            emit_result_or_say(r, fields, "Fields: the nodes that name each field, by kind.", 60,
                               "No node names a field.");
        }
        cni_table_destroy(regions);
        cni_table_destroy(fields);
        cni_results_info_fini(&in);
    }
}

static void section_networks(rep *r)
{
    cni_info in;
    cni_table *t = NULL;
    int rc;

    heading(r, 2, "networks", "Networks");
    para(r, "Every network with its lead, its region (the lead's, else its own), its fields and "
            "its direct members by kind; sub-networks are networks that are members of it.");
    if ((rc = cni_results_info_compute(&in, r->g)) < 0
        || (rc = cni_results_info_table(&t, &in, "networks", false)) < 0) {
        r->rc = r->rc ? r->rc : rc;
    } else {
        emit_result(r, t, "Networks, in the order of nodes.csv.", 100);
    }
    cni_table_destroy(t);
    cni_results_info_fini(&in);
}

/* Every node of @p kinds (bits) of the combined graph, by betweenness, at most @p top: the
 * table of `collabnet centrality -g combined -m betweenness,pagerank,degree --kind KINDS
 * [-n TOP] -f csv`, built by the same code; reals rounded to 4 digits on the page. NULL when
 * out of memory (r->rc set). */
static cni_table *central_table(rep *r, const char *name, unsigned kinds, const cn_measure *ms,
                                double *const *v, size_t top)
{
    cni_node_filter f = { kinds, NULL, NULL };
    cni_table *t = NULL;
    size_t *rows = NULL, nrows = 0;
    int rc;

    if ((rc = cni_centrality_rows(&rows, &nrows, r->g, CN_VIEW_COMBINED, &f, ms, v, top)) < 0
        || (rc = cni_centrality_table(&t, name, ms, 3)) < 0
        || (rc = cni_centrality_add(t, r->g, rows, nrows, 3, v)) < 0) {
        r->rc = rc;
        cni_table_destroy(t);
        t = NULL;
    }
    for (int k = 3; t && k < 6; k++) {
        cni_table_column_format(t, k, "%.4g");
    }
    free(rows);
    return t;
}

static void section_centrality(rep *r)
{
    /* the first measure sorts, as in the CLI */
    static const cn_measure ms[] = { CN_MEASURE_BETWEENNESS, CN_MEASURE_PAGERANK,
                                     CN_MEASURE_DEGREE };
    const cn_graph *g = r->g;
    size_t n = cn_graph_node_count(g), top = r->o->top ? r->o->top : 10, na = 0;
    cn_centrality_options co = CN_CENTRALITY_OPTIONS_INIT;
    double *v[3] = { NULL, NULL, NULL };
    cni_table *all;

    heading(r, 2, "central-actors", "Central actors");
    para(r, "Centrality is computed on the combined graph: every actor and network is a node, "
            "memberships and collaboration ties are its edges (a tie's strength is its weight; "
            "a path's length counts each edge as 1 / strength).");
    cni_buf_puts(&r->html, "<ul>\n");
    static const char *const explain[] = {
        "Betweenness: how many shortest paths between two other nodes pass through the actor "
        "(each pair counted once); a high value marks a broker between parts of the ecosystem.",
        "PageRank: the share of time a random walk along memberships and ties spends at the "
        "actor (damping 0.85, summing to 1 over all nodes); ties to well-tied nodes count more.",
        "Degree: the memberships and ties an actor has.",
    };
    for (size_t k = 0; k < 3; k++) {
        cni_buf_puts(&r->html, "<li>");
        cni_buf_html_text(&r->html, explain[k]);
        cni_buf_puts(&r->html, "</li>\n");
        cni_buf_puts(&r->md, "- ");
        cni_buf_md_text(&r->md, explain[k]);
        cni_buf_puts(&r->md, "\n");
    }
    cni_buf_puts(&r->html, "</ul>\n");
    cni_buf_puts(&r->md, "\n");
    co.view = CN_VIEW_COMBINED;
    co.processes = 0; /* all CPUs: on one machine, the same split and the same sums */
    if (n > REPORT_SAMPLE_ABOVE) {
        co.sample = REPORT_SAMPLE_SOURCES;
        paraf(r, "With %zu nodes, betweenness is estimated from %d sources drawn at random "
                 "(seed 1) and scaled to the whole graph, as collabnet centrality --sample "
                 "does; exact betweenness would take hours.",
              n, REPORT_SAMPLE_SOURCES);
    }
    for (size_t k = 0; k < 3; k++) {
        if (!(v[k] = cni_alloc_array(n + 1, sizeof *v[k]))) {
            fail_oom(r);
        }
    }
    if (r->rc == 0) {
        r->rc = cn_centrality(v, g, ms, 3, &co);
    }
    for (int kind = 0; kind < CN_NODE_NETWORK && r->rc == 0; kind++) {
        char cap[128], tname[64], rel[256];
        cni_table *t;
        snprintf(tname, sizeof tname, "central_%s", KIND_PLURAL[kind]);
        if (!(t = central_table(r, tname, 1u << kind, ms, v, top))) {
            break;
        }
        if (cni_table_row_count(t) == 0) {
            write_result_csv(r, t, rel); /* the header alone: the file is in every report */
            cni_table_destroy(t);
            continue;
        }
        snprintf(cap, sizeof cap, "The %zu most central %s by betweenness.",
                 cni_table_row_count(t), KIND_PLURAL[kind]);
        heading(r, 3, tname, KIND_PLURAL[kind]);
        emit_result(r, t, cap, top);
        cni_table_destroy(t);
        na += cn_graph_count_kind(g, (cn_node_kind)kind);
    }
    /* every actor, most central first, in one CSV */
    if (r->rc == 0
        && (all = central_table(r, "centrality",
                                (1u << CN_NODE_INSTITUTION) | (1u << CN_NODE_ENTERPRISE)
                                    | (1u << CN_NODE_EXPERT),
                                ms, v, SIZE_MAX))) {
        if (na == 0) {
            para(r, "The dataset has no actors.");
        }
        emit_result(r, all, "Every actor with these three measures, most central first, in one "
                            "file:", 0);
        cni_table_destroy(all);
    }
    for (size_t k = 0; k < 3; k++) {
        free(v[k]);
    }
}

static void section_cuts(rep *r)
{
    static const cni_node_filter every = CNI_NODE_FILTER_INIT;
    cn_cut *cuts = NULL;
    size_t ncuts = 0;
    cn_centrality_options co = CN_CENTRALITY_OPTIONS_INIT;
    cni_table *t = NULL;
    int rc;

    if (r->rc) {
        return;
    }
    heading(r, 2, "cut-points", "Single points of failure");
    para(r, "A cut point is a node whose removal splits the combined graph: the nodes it "
            "connects lose every path between them. Separated counts the nodes cut off from the "
            "largest remaining piece.");
    co.processes = 1;
    if ((r->rc = cn_cut_points(&cuts, &ncuts, r->g, CN_VIEW_COMBINED, &co)) != 0) {
        return;
    }
    /* `collabnet centrality -g combined --cut-points --no-bridges -f csv`: bridges are left
     * out, their ends are listed as cut points when they cut anything */
    if ((rc = cni_cuts_table(&t, "cut_points")) < 0
        || (rc = cni_cuts_add(t, r->g, cuts, ncuts, &every, false, SIZE_MAX)) < 0) {
        r->rc = rc;
    } else {
        /* cut ("node"), other_id, other_label (empty) and component: not on the page */
        static const int off_page[] = { 0, 4, 5, 6 };
        for (size_t k = 0; k < sizeof off_page / sizeof *off_page; k++) {
            cni_table_column_in(t, off_page[k], CNI_IN_ALL & ~CNI_IN_PAGE);
        }
        emit_result_or_say(r, t, "Cut points, the most damaging first.", 25,
                           "None: no single node's removal disconnects the rest.");
    }
    cni_table_destroy(t);
    free(cuts);
}

/* The tables are the CLI's: tables/overlap.csv is `collabnet overlap -f csv`, tables/spanners.csv
 * `collabnet overlap --actors -f csv`. */
static void section_overlap(rep *r)
{
    cn_overlap_options oo = CN_OVERLAP_OPTIONS_INIT;
    cn_overlap *o = NULL;
    cni_table *t = NULL;
    int rc;

    if (r->rc) {
        return;
    }
    heading(r, 2, "overlap", "How networks overlap");
    figure(r, CN_RENDER_OVERLAP, "overlap",
           "Networks tied by the members they share (width and label: shared members); dotted: "
           "a sub-network and its umbrella.");
    oo.max_shared = r->o->max_shared;
    if (r->rc || (r->rc = cn_overlap_compute(&o, r->g, &oo)) != 0) {
        return;
    }
    if ((rc = cni_results_overlap_pairs(&t)) < 0
        || (rc = cni_results_overlap_pairs_rows(t, r->g, o, (size_t)-1)) < 0) {
        r->rc = rc;
    } else {
        emit_result_or_say(r, t, "Pairs of networks sharing members, most shared first (Jaccard: "
                                 "shared / members of either).", 20,
                           "No two networks share a member.");
    }
    cni_table_destroy(t);
    t = NULL;
    if (r->rc == 0
        && ((rc = cni_results_overlap_spanners(&t)) < 0
            || (rc = cni_results_overlap_spanners_rows(t, r->g, o, (size_t)-1)) < 0)) {
        r->rc = rc;
    } else if (r->rc == 0) {
        emit_result_or_say(r, t, "Boundary spanners: actors in two or more networks.", 20,
                           "No actor belongs to two networks.");
    }
    cni_table_destroy(t);
    cn_overlap_destroy(o);
}

static void section_coverage(rep *r)
{
    cn_coverage_options co = CN_COVERAGE_OPTIONS_INIT;
    cn_coverage *c = NULL;
    cni_table *rules = NULL, *gaps = NULL;

    if (r->rc) {
        return;
    }
    heading(r, 2, "coverage", "Coverage and gaps");
    figure(r, CN_RENDER_COVERAGE, "coverage",
           "Networks led in each field and region; a thick frame marks a gap against the "
           "targets.");
    if (r->rc) {
        return;
    }
    if (!r->o->targets) {
        para(r, "No targets were given, so no gaps are listed (collabnet report --targets "
                "FILE, or a targets.ini in the dataset).");
        return;
    }
    if ((r->rc = cn_coverage_compute(&c, r->g, r->o->targets, &co)) != 0) {
        return;
    }
    paraf(r, "%zu of %zu check%s against the targets (%s) %s not met. For each gap, the actors "
             "that could close it are those with the strongest collaboration ties to the "
             "networks concerned.",
          cn_coverage_gap_count(c), cn_coverage_result_count(c),
          cn_coverage_result_count(c) == 1 ? "" : "s",
          r->o->targets_name ? r->o->targets_name : "the targets",
          cn_coverage_gap_count(c) == 1 ? "is" : "are");
    /* the same tables as `collabnet coverage --rules` and `--gaps` */
    if ((r->rc = cni_coverage_rules_table(&rules, c, false)) == 0) {
        emit_result(r, rules, "The targets rule by rule: checks made (one per subject) and not "
                              "met.", 100);
    }
    if (r->rc == 0
        && (r->rc = cni_coverage_checks_table(&gaps, r->g, c, r->o->targets_name, true)) == 0) {
        emit_result_or_say(r, gaps, "Gaps against the targets, in the order of the targets "
                                    "file.", 40, "Every check against the targets is met.");
    }
    cni_table_destroy(rules);
    cni_table_destroy(gaps);
    cn_coverage_destroy(c);
}

static void section_provenance(rep *r)
{
    cni_table *t = NULL;

    if (r->rc) {
        return;
    }
    heading(r, 2, "provenance", "Sources");
    para(r, "Every source the edges cite (the ref column of edges.csv), with the rows that cite "
            "it.");
    if ((r->rc = cni_results_sources(&t, r->g)) == 0) {
        emit_result(r, t, "Sources cited by the edges.", 200);
    }
    cni_table_destroy(t);
}

static void section_lacks(rep *r)
{
    const cn_graph *g = r->g;
    size_t n = cn_graph_node_count(g), nolead = 0, empty = 0, noregion = 0, noref = 0;
    cni_buf items[9];
    size_t ni = 0;
    struct stat st;
    int fd = -1, err = 0;

    if (r->rc) {
        return;
    }
    if (r->o->sources) {
        /* only a regular file, never a symbolic link: a dataset must not bring another file
         * of the machine (/etc/passwd) into a report meant to be shared */
        fd = open(r->o->sources, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
        err = errno;
        if (fd >= 0 && fstat(fd, &st) != 0) {
            err = errno;
            close(fd);
            fd = -1;
        }
        if ((fd < 0 && err == ELOOP) || (fd >= 0 && !S_ISREG(st.st_mode))) {
            r->sources_left_out = true;
        }
        if (fd >= 0 && r->sources_left_out) {
            close(fd);
            fd = -1;
        }
    }
    heading(r, 2, "lacks", "What the data lack");
    if (r->sources_left_out) {
        cni_buf_init(&items[ni]);
        cni_buf_printf(&items[ni++], "The dataset's SOURCES.md was left out: it is a symbolic "
                                     "link or not a regular file, so it may not be the "
                                     "dataset's own.");
    }
    for (size_t i = 0; i < n; i++) {
        cn_node_kind k = cn_graph_node_kind(g, i);
        if (k == CN_NODE_NETWORK) {
            nolead += cn_graph_network_lead(g, i) == CN_NONE;
            empty += cn_graph_network_member_count(g, i) == 0;
        } else {
            const char *reg = cn_graph_node_region(g, i);
            noregion += !reg || !*reg;
        }
    }
    for (size_t e = 0; e < cn_graph_edge_count(g); e++) {
        cn_edge ed;
        cn_graph_edge(g, e, &ed);
        noref += ed.ref[0] == '\0';
    }
    for (int k = 0; k < CN_NODE_KIND_COUNT; k++) {
        if (cn_graph_count_kind(g, (cn_node_kind)k) == 0) {
            cni_buf_init(&items[ni]);
            cni_buf_printf(&items[ni++], "No %s at all.", KIND_PLURAL[k]);
        }
    }
    if (nolead) {
        cni_buf_init(&items[ni]);
        cni_buf_printf(&items[ni++], "%zu network%s without a lead.", nolead, nolead == 1 ? "" : "s");
    }
    if (empty) {
        cni_buf_init(&items[ni]);
        cni_buf_printf(&items[ni++], "%zu network%s without any member.", empty, empty == 1 ? "" : "s");
    }
    if (noregion) {
        cni_buf_init(&items[ni]);
        cni_buf_printf(&items[ni++], "%zu actor%s without a region.", noregion, noregion == 1 ? "" : "s");
    }
    if (noref) {
        cni_buf_init(&items[ni]);
        cni_buf_printf(&items[ni++], "%zu edge%s citing no source.", noref, noref == 1 ? "" : "s");
    }
    if (ni == 0) {
        para(r, "Every network has a lead and members, every actor a region, every edge a "
                "source.");
    } else {
        cni_buf_puts(&r->html, "<ul>\n");
        for (size_t k = 0; k < ni; k++) {
            const char *s = cni_buf_str(&items[k]) ? cni_buf_str(&items[k]) : "";
            cni_buf_puts(&r->html, "<li>");
            cni_buf_html_text(&r->html, s);
            cni_buf_puts(&r->html, "</li>\n");
            cni_buf_puts(&r->md, "- ");
            cni_buf_md_text(&r->md, s);
            cni_buf_puts(&r->md, "\n");
            cni_buf_fini(&items[k]);
        }
        cni_buf_puts(&r->html, "</ul>\n");
        cni_buf_puts(&r->md, "\n");
    }
    if (r->o->sources) {
        char *text = NULL;
        size_t len = 0;
        if (fd >= 0) {
            FILE *fp = fdopen(fd, "rb");
            text = fp && st.st_size < (64l << 20) ? malloc((size_t)st.st_size + 1) : NULL;
            len = text ? fread(text, 1, (size_t)st.st_size, fp) : 0;
            err = errno;
            if (fp) {
                fclose(fp);
                fd = -1;
            }
            if (text) {
                write_file(r, "SOURCES.md", text, len);
                free(text);
                cni_buf_puts(&r->html, "<p>The dataset's own notes on its sources, its modelling "
                                       "choices and what is missing: <a href=\"SOURCES.md\">"
                                       "SOURCES.md</a>.</p>\n");
                cni_buf_puts(&r->md, "The dataset's own notes on its sources, its modelling "
                                     "choices and what is missing: [SOURCES.md](SOURCES.md).\n\n");
            }
        }
        if (fd >= 0) {
            close(fd);
        }
        if (!text && !r->sources_left_out && r->rc == 0) {
            r->rc = cni_fail(CN_EIO, "cannot read '%s': %s", r->o->sources, strerror(err));
        }
    }
}

static const char CSS[] =
    ":root{color-scheme:light}\n"
    "body{font-family:\"DejaVu Sans\",system-ui,-apple-system,\"Segoe UI\",sans-serif;"
    "line-height:1.5;margin:0;color:#1b1b1b;background:#fff}\n"
    "main{max-width:72rem;margin:0 auto;padding:1rem 1.25rem 3rem}\n"
    "h1{font-size:1.8rem;line-height:1.25;margin:1rem 0 .5rem}\n"
    "h2{font-size:1.35rem;margin-top:2.5rem;border-bottom:3px solid #CC79A7;padding-bottom:.2rem}\n"
    "h3{font-size:1.1rem;margin-top:1.5rem;text-transform:capitalize}\n"
    "nav ol{columns:2;padding-left:1.5rem}\n"
    ".table-wrap{overflow-x:auto;margin:.75rem 0}\n"
    "table{border-collapse:collapse;font-size:.88rem}\n"
    "caption{text-align:left;font-style:italic;padding:.25rem 0}\n"
    "th,td{border:1px solid #c8c8c8;padding:.25rem .5rem;text-align:left;vertical-align:top}\n"
    "td{min-width:3.5rem}\n"
    "th{background:#f1f1f1}\n"
    "td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}\n"
    "figure{margin:1.25rem 0}\n"
    "figure svg{display:block;max-width:100%;height:auto}\n"
    "figcaption{font-size:.9rem;color:#444;margin-top:.4rem}\n"
    ".more,footer{font-size:.85rem;color:#555}\n"
    "footer{margin-top:3rem;border-top:1px solid #ddd;padding-top:.5rem}\n"
    "@media (max-width:40rem){main{padding:.5rem .75rem 2rem}nav ol{columns:1}"
    "h1{font-size:1.45rem}}\n"
    "@media print{main{max-width:none;padding:0}nav{display:none}h2{break-after:avoid}"
    "figure,tr{break-inside:avoid}a{color:inherit;text-decoration:none}"
    ".table-wrap{overflow:visible}}\n";

static void document(rep *r, const char *title)
{
    static const struct {
        const char *id, *name;
    } toc[] = { { "summary", "Summary" }, { "networks", "Networks" },
                { "central-actors", "Central actors" }, { "cut-points", "Single points of failure" },
                { "overlap", "How networks overlap" }, { "coverage", "Coverage and gaps" },
                { "membership", "Membership" }, { "collaboration", "Collaboration" },
                { "provenance", "Sources" }, { "lacks", "What the data lack" } };
    bool ties = cn_graph_tie_count(r->g) > 0;

    cni_buf_puts(&r->html, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                           "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                           "<meta name=\"generator\" content=\"collabnet ");
    cni_buf_puts(&r->html, cn_version());
    cni_buf_puts(&r->html, "\">\n<title>");
    cni_buf_html_text(&r->html, title);
    cni_buf_puts(&r->html, "</title>\n<style>\n");
    cni_buf_puts(&r->html, CSS);
    cni_buf_puts(&r->html, "</style>\n</head>\n<body>\n<main>\n<h1>");
    cni_buf_html_text(&r->html, title);
    cni_buf_puts(&r->html, "</h1>\n");
    cni_buf_puts(&r->md, "# ");
    cni_buf_md_text(&r->md, title);
    cni_buf_puts(&r->md, "\n\n");
    paraf(r, "Made by collabnet %s from %s%s%s. Each table is also a CSV file in tables/, each "
             "diagram an SVG, PNG and PDF file in figures/.",
          cn_version(), r->o->dataset ? r->o->dataset : "the dataset",
          r->o->at ? " as it stood on " : "", r->o->at ? r->o->at : "");
    cni_buf_puts(&r->html, "<nav aria-label=\"Contents\"><ol>\n");
    for (size_t k = 0; k < sizeof toc / sizeof *toc; k++) {
        if (!ties && strcmp(toc[k].id, "collaboration") == 0) {
            continue;
        }
        cni_buf_printf(&r->html, "<li><a href=\"#%s\">%s</a></li>\n", toc[k].id, toc[k].name);
    }
    cni_buf_puts(&r->html, "</ol></nav>\n");

    stage(r, "summary");
    section_summary(r);
    section_networks(r);
    stage(r, "centrality");
    section_centrality(r);
    section_cuts(r);
    stage(r, "overlap");
    section_overlap(r);
    stage(r, "coverage");
    section_coverage(r);
    stage(r, "diagrams");
    if (r->rc == 0) {
        heading(r, 2, "membership", "Membership");
        figure(r, CN_RENDER_MEMBERSHIP, "membership",
               "Networks with their members: lead ties thick, partner ties dashed.");
    }
    if (r->rc == 0 && ties) {
        heading(r, 2, "collaboration", "Collaboration");
        figure(r, CN_RENDER_COLLABORATION, "collaboration",
               "Actors and their collaboration ties, sized by PageRank on those ties.");
    }
    stage(r, "sources");
    section_provenance(r);
    section_lacks(r);
    cni_buf_puts(&r->html, "<footer>");
    cni_buf_html_text(&r->html, "collabnet ");
    cni_buf_html_text(&r->html, cn_version());
    cni_buf_puts(&r->html, ": diagrams by Graphviz, graph measures by igraph.</footer>\n"
                           "</main>\n</body>\n</html>\n");
    if (r->html.failed || r->md.failed) {
        fail_oom(r);
    }
}

/* ---- the directory, replaced only when it holds nothing but an earlier report ---- */

int cn_report_write(const char *dir, const cn_graph *g, const cn_report_options *opts)
{
    cn_report_options defaults = CN_REPORT_OPTIONS_INIT;
    rep r;
    char *title = NULL;

    if (!dir || !g) {
        return cni_fail(CN_EINVAL, "cn_report_write: %s is NULL", !dir ? "dir" : "g");
    }
    if (!*dir) {
        return cni_fail(CN_EINVAL, "cn_report_write: dir is empty");
    }
    memset(&r, 0, sizeof r);
    r.g = g;
    r.o = opts ? opts : &defaults;
    /* first: a directory that is not ours is refused before anything is computed */
    if ((r.rc = cni_outdir_open(&r.out, dir, "report")) != 0) {
        return r.rc;
    }
    if ((r.rc = cni_outdir_mkdir(&r.out, "figures")) == 0) {
        r.rc = cni_outdir_mkdir(&r.out, "tables");
    }
    cni_buf_init(&r.html);
    cni_buf_init(&r.md);
    if (r.o->title) {
        title = cni_text_clean(r.o->title);
    } else {
        cni_buf t;
        cni_buf_init(&t);
        cni_buf_printf(&t, "Ecosystem report: %s", r.o->dataset ? r.o->dataset : "dataset");
        title = cni_buf_str(&t) ? cni_text_clean(t.s) : NULL;
        cni_buf_fini(&t);
    }
    if (!title) {
        fail_oom(&r);
    }
    if (r.rc == 0) {
        document(&r, title);
    }
    stage(&r, "writing");
    if (r.rc == 0) {
        write_file(&r, "index.html", r.html.s, r.html.len);
        write_file(&r, "report.md", r.md.s, r.md.len);
    }
    if (r.rc == 0) {
        r.rc = cni_outdir_commit(&r.out);
    } else {
        cni_outdir_abort(&r.out);
    }
    cni_buf_fini(&r.html);
    cni_buf_fini(&r.md);
    free(title);
    return r.rc;
}

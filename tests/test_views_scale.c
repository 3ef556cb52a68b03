/* The views' forms for many nodes (README "Diagrams", "Large datasets"): the overlap matrix and
 * its order, coverage's top regions, membership's and collaboration's notes, sizes read back
 * from the SVG. */
#define _GNU_SOURCE
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "helpers.h"

static char *render_buf(const cn_graph *g, cn_render_options *o, size_t *len,
                        cn_render_stats *st)
{
    char *buf = NULL;
    cr_assert(eq(int, cn_render(&buf, len, st, g, o), 0), "%s", cn_errmsg());
    return buf;
}

/* @p buf as a string with the lines wrapped by the legend (<BR/>) read as spaces (malloc'd). */
static char *flatten(const char *buf, size_t len)
{
    char *flat = malloc(len + 1);
    size_t n = 0;
    cr_assert_not_null(flat);
    for (size_t k = 0; k < len; k++) {
        if (len - k >= 5 && memcmp(buf + k, "<BR/>", 5) == 0) {
            flat[n++] = ' ';
            k += 4;
        } else {
            flat[n++] = buf[k];
        }
    }
    flat[n] = '\0';
    return flat;
}

/* Whether @p s is in @p buf, wrapped lines read as one. */
static bool has(const char *buf, size_t len, const char *s)
{
    char *flat = flatten(buf, len);
    bool found = strstr(flat, s) != NULL;
    free(flat);
    return found;
}

/* The SVG root's width and height in points. */
static void svg_size(const char *buf, size_t len, double *w, double *h)
{
    const char *svg = memmem(buf, len, "<svg width=\"", 12);
    char head[128];
    size_t n;

    cr_assert_not_null(svg);
    /* cn_render's bytes end without a NUL: the root element's start as a string */
    n = (size_t)(buf + len - svg) < sizeof head - 1 ? (size_t)(buf + len - svg) : sizeof head - 1;
    memcpy(head, svg, n);
    head[n] = '\0';
    cr_assert(eq(int, sscanf(head, "<svg width=\"%lfpt\" height=\"%lfpt\"", w, h), 2), "%s",
              head);
}

static cn_graph *load(const char *dir)
{
    cn_diag_list *d;
    cn_graph *g;
    cr_assert(eq(int, cn_diag_list_create(&d, 0), 0));
    cr_assert(eq(int, cn_load_dataset(&g, dir, NULL, d), 0), "%s", th_diag(d, 0));
    cn_diag_list_destroy(d);
    return g;
}

/* @p name in the fixture directory @p dir, opened for writing. */
static FILE *fixture_file(const char *dir, const char *name)
{
    char path[160];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f, "%s", path);
    return f;
}

/* 34 networks in 17 pairs of identical ones (net p and net p + 17 have the same members), each
 * pair sharing one member with the next: the matrix must put every pair side by side,
 * although they are 17 apart in node order. */
Test(views_overlap, matrix_puts_identical_networks_next_to_each_other)
{
    char dir[96];
    cr_assert_not_null(mkdtemp(th_tmpl(dir, sizeof dir, "cn-matrix")));
    FILE *f = fixture_file(dir, "nodes.csv");
    fputs("id,label,kind\n", f);
    for (int k = 0; k < 34; k++) {
        fprintf(f, "net%02d,Net %02d,network\n", k, k);
    }
    for (int p = 0; p < 17; p++) {
        for (int j = 0; j < 3; j++) {
            fprintf(f, "a%02d_%d,Actor %02d %d,institution\n", p, j, p, j);
        }
    }
    cr_assert(eq(int, fclose(f), 0));
    f = fixture_file(dir, "edges.csv");
    fputs("source,target,kind,role\n", f);
    for (int k = 0; k < 34; k++) {
        int p = k % 17;
        for (int j = 0; j < 3; j++) {
            fprintf(f, "a%02d_%d,net%02d,membership,%s\n", p, j, k, j == 0 ? "lead" : "member");
        }
        fprintf(f, "a%02d_0,net%02d,membership,member\n", (p + 1) % 17, k);
    }
    cr_assert(eq(int, fclose(f), 0));

    cn_graph *g = load(dir);
    cn_render_options o = CN_RENDER_OPTIONS_INIT;
    cn_render_stats st;
    size_t len;
    o.view = CN_RENDER_OVERLAP;
    o.format = CN_FORMAT_DOT;
    o.max_nodes = 34; /* all of them: the matrix holds 30 by default */
    char *buf = render_buf(g, &o, &len, &st);
    cr_assert(has(buf, len, "overlap-matrix"), "no matrix");
    cr_assert(eq(sz, st.nodes, 1));
    cr_assert(eq(sz, st.shown, 34));
    cr_assert(eq(sz, st.left_out, 0));
    cr_assert(has(buf, len, "34 networks, more than 30: drawn as a matrix"));
    /* the row of each network: the order of its row label in the table */
    size_t row[34];
    for (int k = 0; k < 34; k++) {
        char label[32];
        snprintf(label, sizeof label, "</B> Net %02d (4)<", k);
        const char *at = memmem(buf, len, label, strlen(label));
        cr_assert_not_null(at, "%s", label);
        row[k] = 0;
        for (int j = 0; j < 34; j++) {
            char other[32];
            snprintf(other, sizeof other, "</B> Net %02d (4)<", j);
            const char *ot = memmem(buf, len, other, strlen(other));
            row[k] += ot < at;
        }
    }
    for (int p = 0; p < 17; p++) {
        size_t a = row[p], b = row[p + 17];
        cr_assert(eq(sz, a > b ? a - b : b - a, 1), "net%02d in row %zu, net%02d in row %zu", p,
                  a, p + 17, b);
    }
    cn_free(buf);
    /* by default 30, chosen by what they share (all have 4 members), and the legend counts
     * what is not drawn: 4 networks and the pairs sharing members with one */
    cn_overlap *ov;
    cn_overlap_options oo = CN_OVERLAP_OPTIONS_INIT;
    size_t hidden = 0, among = 0;
    char note[160];
    o.max_nodes = 0;
    buf = render_buf(g, &o, &len, &st);
    cr_assert(eq(sz, st.shown, 30));
    cr_assert(eq(sz, st.left_out, 4));
    cr_assert(eq(int, cn_overlap_compute(&ov, g, &oo), 0));
    for (size_t k = 0; k < cn_overlap_pair_count(ov); k++) {
        const cn_overlap_pair *p = cn_overlap_pair_at(ov, k);
        char la[32], lb[32];
        snprintf(la, sizeof la, "</B> %s (4)<", cn_graph_node_label(g, p->a));
        snprintf(lb, sizeof lb, "</B> %s (4)<", cn_graph_node_label(g, p->b));
        bool drawn = memmem(buf, len, la, strlen(la)) && memmem(buf, len, lb, strlen(lb));
        among += drawn;
        hidden += !drawn;
    }
    cn_overlap_destroy(ov);
    cr_assert(gt(sz, hidden, 4));
    snprintf(note, sizeof note, "the 30 that share most are drawn (greedily from the top pair), "
             "%zu pairs of them share members; 4 networks and %zu pairs", among, hidden);
    cr_assert(has(buf, len, note), "%s", note);
    cn_free(buf);
    cn_graph_destroy(g);
}

/* Off-diagonal cells of the overlap matrix in @p buf (DOT) shaded as sharing members. */
static size_t shaded_cells(const char *buf, size_t len)
{
    static const char *const shades[] = { "#DEEBF7", "#9ECAE1", "#4292C6", "#08519C" };
    size_t n = 0;
    for (size_t s = 0; s < 4; s++) {
        char cell[64];
        snprintf(cell, sizeof cell, "BGCOLOR=\"%s\" WIDTH=\"11\"", shades[s]);
        for (const char *p = buf; (p = memmem(p, len - (size_t)(p - buf), cell, strlen(cell)));
             p++) {
            n++;
        }
    }
    return n;
}

/* 40 networks: the 30 largest (net00..net29, 5 members each) share nobody, the 10 smaller
 * (net30..net39, 3 members) each share one member with the next. Drawn by size, the matrix of
 * 30 was empty (generated L: 19 of 10,000 networks, 6 pairs sharing one member among them);
 * drawn by what they share, it holds the 9 pairs (18 cells), the rest filled by size. */
Test(views_overlap, past_the_matrix_the_networks_that_share_are_drawn)
{
    char dir[96], cmd[128];
    cr_assert_not_null(mkdtemp(th_tmpl(dir, sizeof dir, "cn-share")));
    FILE *f = fixture_file(dir, "nodes.csv");
    fputs("id,label,kind\n", f);
    for (int k = 0; k < 40; k++) {
        fprintf(f, "net%02d,Net %02d,network\n", k, k);
        for (int j = 0; j < (k < 30 ? 5 : 3); j++) {
            fprintf(f, "a%02d_%d,Actor %02d %d,expert\n", k, j, k, j);
        }
    }
    cr_assert(eq(int, fclose(f), 0));
    f = fixture_file(dir, "edges.csv");
    fputs("source,target,kind,role\n", f);
    for (int k = 0; k < 40; k++) {
        for (int j = 0; j < (k < 30 ? 5 : 3); j++) {
            fprintf(f, "a%02d_%d,net%02d,membership,%s\n", k, j, k, j == 0 ? "lead" : "member");
        }
        if (k >= 30 && k < 39) {
            fprintf(f, "a%02d_1,net%02d,membership,member\n", k + 1, k);
        }
    }
    cr_assert(eq(int, fclose(f), 0));

    cn_graph *g = load(dir);
    cn_render_options o = CN_RENDER_OPTIONS_INIT;
    cn_render_stats st;
    size_t len;
    o.view = CN_RENDER_OVERLAP;
    o.format = CN_FORMAT_DOT;
    char *buf = render_buf(g, &o, &len, &st);
    cr_assert(eq(sz, st.shown, 30));
    cr_assert(eq(sz, st.left_out, 10));
    cr_assert(eq(sz, shaded_cells(buf, len), 18));
    for (int k = 30; k < 40; k++) {
        char label[32];
        snprintf(label, sizeof label, "</B> Net %02d (", k);
        cr_assert_not_null(memmem(buf, len, label, strlen(label)), "%s not drawn", label);
    }
    cr_assert(has(buf, len, "the 30 that share most are drawn (greedily from the top pair; 20 "
                            "sharing none, by size), 9 pairs of them share members; 10 networks "
                            "and 0 pairs sharing members with them are not drawn."));
    cn_free(buf);
    /* all of them: drawn as before, largest first */
    o.max_nodes = 40;
    buf = render_buf(g, &o, &len, &st);
    cr_assert(eq(sz, st.shown, 40));
    cr_assert(eq(sz, shaded_cells(buf, len), 18));
    cr_assert_not_null(memmem(buf, len, "<B>1</B> Net 00 (5)<", 20));
    cn_free(buf);
    cn_graph_destroy(g);
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    cr_assert(eq(int, system(cmd), 0));
}

/* Generated S with its regions rewritten to 400 city names: the coverage table was one
 * column per region (8,367 pt wide for the 120 regions that lead networks); now the 10 that
 * matter and "other 110 regions". */
Test(views_coverage, hundreds_of_regions_stay_a_readable_table, .timeout = 60)
{
    char dir[96], cmd[1024];
    th_cities(dir, sizeof dir);

    cn_graph *g = load(dir);
    cn_coverage *cov;
    cn_coverage_options co = CN_COVERAGE_OPTIONS_INIT;
    cr_assert(eq(int, cn_coverage_compute(&cov, g, NULL, &co), 0));
    size_t nr = cn_coverage_region_count(cov), nf = cn_coverage_field_count(cov);
    cn_coverage_destroy(cov);
    cr_assert(gt(sz, nr, 100));
    cr_assert(le(sz, nf, 20));

    cn_render_options o = CN_RENDER_OPTIONS_INIT;
    cn_render_stats st;
    size_t len;
    double w, h;
    char note[128], other[64];
    o.view = CN_RENDER_COVERAGE;
    char *buf = render_buf(g, &o, &len, &st);
    svg_size(buf, len, &w, &h);
    cr_assert(le(dbl, w, 1200.0), "%g pt wide", w);
    cr_assert(le(dbl, h, 1000.0), "%g pt high", h);
    snprintf(note, sizeof note, "Only the 10 of %zu regions", nr);
    snprintf(other, sizeof other, "other %zu", nr - 10);
    cr_assert(has(buf, len, note), "%s", note);
    cr_assert(has(buf, len, other), "%s", other);
    cn_free(buf);
    /* --max-nodes asks for more */
    o.max_nodes = 1000;
    o.format = CN_FORMAT_DOT;
    buf = render_buf(g, &o, &len, &st);
    cr_assert(not(has(buf, len, "Only the")));
    cn_free(buf);
    /* grouped by province: 13 columns, the 10 that matter and "other 3 province values" */
    o.max_nodes = 0;
    o.group_column = "province";
    buf = render_buf(g, &o, &len, &st);
    snprintf(note, sizeof note, "The %zu regions are grouped by the column "
             "&#39;province&#39;", nr); /* the quotes escaped for the HTML-like label */
    cr_assert(has(buf, len, note), "%s", note);
    cr_assert(has(buf, len, "into 13 columns"));
    cr_assert(has(buf, len, "Coverage of priority fields by province"));
    cr_assert(has(buf, len, "Only the 10 of 13 columns"));
    cr_assert(has(buf, len, "other 3 province values"));
    cr_assert(not(has(buf, len, "City 0")));
    cn_free(buf);
    /* a column that does not exist: CN_EINVAL, said */
    o.group_column = "nosuch";
    buf = NULL;
    cr_assert(eq(int, cn_render(&buf, &len, &st, g, &o), CN_EINVAL));
    cr_assert(eq(str, (char *)cn_errmsg(), "no node column 'nosuch' to group the regions by"));
    cr_assert(eq(ptr, buf, NULL));
    snprintf(cmd, sizeof cmd, "$COLLABNET render %s -v coverage --group nosuch -o %s/c.svg "
             "2>/dev/null; test $? -eq 64 && test ! -e %s/c.svg", dir, dir, dir);
    cr_assert(eq(int, th_sh("%s", cmd), 0));
    cn_graph_destroy(g);
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    cr_assert(eq(int, system(cmd), 0));
}

/* The texts of an SVG, each followed by a space, as they are written (malloc'd). */
static char *svg_text(const char *buf, size_t len)
{
    char *text = malloc(len + 1), *t = text;
    cr_assert_not_null(text);
    for (const char *p = buf; (p = memmem(p, len - (size_t)(p - buf), "<text", 5));) {
        const char *q = memchr(p, '>', len - (size_t)(p - buf));
        const char *e = q ? memmem(q, len - (size_t)(q - buf), "</text>", 7) : NULL;
        cr_assert_not_null(e);
        memcpy(t, q + 1, (size_t)(e - q - 1));
        t += e - q - 1;
        *t++ = ' ';
        p = e;
    }
    *t = '\0';
    return text;
}

/* How many of @p n names are drawn as a whole text of @p svg (a table's heading; Graphviz
 * writes '-' as &#45;). */
static size_t drawn(const char *svg, size_t len, const char *(*name)(const cn_coverage *, size_t),
                    const cn_coverage *cov, size_t n)
{
    size_t count = 0;
    for (size_t k = 0; k < n; k++) {
        char text[160];
        size_t at = (size_t)snprintf(text, sizeof text, ">");
        for (const char *p = name(cov, k); *p && at < sizeof text - 16; p++) {
            at += (size_t)(*p == '-' ? snprintf(text + at, sizeof text - at, "&#45;")
                                     : snprintf(text + at, sizeof text - at, "%c", *p));
        }
        snprintf(text + at, sizeof text - at, "</text>");
        count += memmem(svg, len, text, strlen(text)) != NULL;
    }
    return count;
}

/* The coverage table of @p g in @p box (and grouped by @p group, may be NULL): the fields and
 * the columns (regions, or @p group's values: @p col_names) drawn; the SVG fits the box. */
static void coverage_in_box(size_t *fields, size_t *cols, const cn_graph *g, const char *box,
                            const char *group, const char *const *col_names, size_t ncols)
{
    cn_render_options o = CN_RENDER_OPTIONS_INIT;
    cn_coverage_options co = CN_COVERAGE_OPTIONS_INIT;
    cn_coverage *cov;
    cn_render_stats st;
    size_t len;
    double w, h;

    o.view = CN_RENDER_COVERAGE;
    o.group_column = group;
    cr_assert(eq(int, cn_render_fit_parse(&o.fit_width, &o.fit_height, box), 0));
    char *buf = render_buf(g, &o, &len, &st);
    svg_size(buf, len, &w, &h);
    cr_assert(le(dbl, w, o.fit_width + 0.5), "%s: %g pt wide", box, w);
    cr_assert(le(dbl, h, o.fit_height + 0.5), "%s: %g pt high", box, h);
    cr_assert(eq(int, cn_coverage_compute(&cov, g, NULL, &co), 0));
    *fields = drawn(buf, len, cn_coverage_field, cov, cn_coverage_field_count(cov));
    *cols = 0;
    for (size_t k = 0; col_names && k < ncols; k++) {
        char text[64];
        snprintf(text, sizeof text, ">%s</text>", col_names[k]);
        *cols += memmem(buf, len, text, strlen(text)) != NULL;
    }
    if (!col_names) {
        *cols = drawn(buf, len, cn_coverage_region, cov, cn_coverage_region_count(cov));
    }
    /* the legend says how many of each side are drawn, and the rest are summed in "other"
     * (its lines read as one) */
    {
        char *text = svg_text(buf, len);
        cn_free(buf);
        len = strlen(text);
        buf = text;
        size_t nf = cn_coverage_field_count(cov), nc = col_names ? ncols
                                                                  : cn_coverage_region_count(cov);
        char note[128];
        cr_assert(lt(sz, *cols, nc), "%s: every column drawn", box);
        snprintf(note, sizeof note, "the %zu of %zu %s that matter", *cols, nc,
                 col_names ? "columns" : "regions");
        cr_assert(has(buf, len, note), "%s: no '%s'", box, note);
        snprintf(note, sizeof note, "other %zu ", nc - *cols);
        cr_assert(has(buf, len, note), "%s: no '%s'", box, note);
        snprintf(note, sizeof note, "other %zu fields", nf - *fields);
        cr_assert(eq(int, has(buf, len, note), *fields < nf), "%s: '%s'", box, note);
    }
    cn_coverage_destroy(cov);
    free(buf);
}

/* 400 city regions in a box: the fields and the regions had one budget, lowered until the
 * table fitted, so a4, whose width holds 3 regions, drew 3 of the 12 fields too (a4-landscape
 * 6 x 6); each side now has its own, lowered by how much too high or too wide the table is,
 * and the cells' padding is 4 pt: every field in a4 and a slide, and the legend says what was
 * summed. */
Test(views_coverage, in_a_box_fields_and_regions_fill_its_height_and_width, .timeout = 60)
{
    static const char *const provinces[] = { "Province 0", "Province 1", "Province 2",
        "Province 3", "Province 4", "Province 5", "Province 6", "Province 7", "Province 8",
        "Province 9", "Province 10", "Province 11", "Province 12" };
    char dir[96];
    size_t f, r;
    th_cities(dir, sizeof dir);
    cn_graph *g = load(dir);

    /* before: a4 3 x 3, a4-landscape 6 x 6, slide 9 x 9 (with the cells' padding of 6 pt,
     * 12 x 2, 7 x 6 and 9 x 9) */
    coverage_in_box(&f, &r, g, "a4", NULL, NULL, 0);
    cr_assert(eq(sz, f, 12));
    cr_assert(ge(sz, r, 3));
    coverage_in_box(&f, &r, g, "a4-landscape", NULL, NULL, 0);
    cr_assert(eq(sz, f, 8));
    cr_assert(ge(sz, r, 6));
    coverage_in_box(&f, &r, g, "slide", NULL, NULL, 0);
    cr_assert(eq(sz, f, 12));
    cr_assert(ge(sz, r, 10));
    /* grouped by province (13 columns): every field in a4 and in a slide */
    coverage_in_box(&f, &r, g, "a4", "province", provinces, 13);
    cr_assert(eq(sz, f, 12));
    cr_assert(ge(sz, r, 2));
    coverage_in_box(&f, &r, g, "slide", "province", provinces, 13);
    cr_assert(eq(sz, f, 12));
    cr_assert(ge(sz, r, 9));
    cn_graph_destroy(g);
    cr_assert(eq(int, th_sh("rm -rf %s", dir), 0));
}

/* Targets that want ai led in a region no node is in: the table has no column for it, and the
 * gap was counted in the legend ("N of M target checks not met") and shown nowhere; it is now
 * listed under the table with the network gaps. */
Test(views_coverage, a_gap_in_a_region_of_no_node_is_listed)
{
    static const char text[] = "[fields]\npriority = ai\n[regions]\nai = led in North, Atlantis\n";
    cn_targets *t;
    cn_graph *g = load("../data/vn-374");
    cn_render_options o = CN_RENDER_OPTIONS_INIT;
    cn_render_stats st;
    size_t len;
    cr_assert(eq(int, cn_targets_parse(&t, text, strlen(text), "t.ini", NULL), 0), "%s",
              cn_errmsg());
    o.view = CN_RENDER_COVERAGE;
    o.format = CN_FORMAT_DOT;
    o.targets = t;
    char *buf = render_buf(g, &o, &len, &st);
    cr_assert(has(buf, len, "1 of 2 target checks not met."));
    cr_assert(has(buf, len, "field &#39;ai&#39; has no network led in Atlantis"));
    cr_assert(has(buf, len, "<B>1 gap</B>"));
    cr_assert(not(has(buf, len, "Atlantis</B>")), "a column for Atlantis");
    cn_free(buf);
    cn_targets_destroy(t);
    cn_graph_destroy(g);
}

/* data/vn-374's Sovico and Dassault have collaboration ties only: the membership view left
 * them out without a word. */
Test(views_membership, the_legend_names_the_actors_in_no_network)
{
    cn_graph *g = load("../data/vn-374");
    cn_render_options o = CN_RENDER_OPTIONS_INIT;
    cn_render_stats st;
    size_t len, alone = 0;
    for (size_t i = 0; i < cn_graph_node_count(g); i++) {
        alone += cn_graph_node_kind(g, i) != CN_NODE_NETWORK
                 && cn_graph_node_network_count(g, i) == 0;
    }
    cr_assert(eq(sz, alone, 2));
    o.format = CN_FORMAT_DOT;
    o.label_attr = "name_en";
    char *buf = render_buf(g, &o, &len, &st);
    cr_assert(has(buf, len, "2 actors in no network are not drawn (Sovico Group, Dassault "
                            "Systèmes)."), "%.*s", (int)len, buf);
    cn_free(buf);
    cn_graph_destroy(g);
}

/* Union-find over DOT node names n<k>. */
static size_t find(size_t *up, size_t k)
{
    while (up[k] != k) {
        k = up[k] = up[up[k]];
    }
    return k;
}

/* Generated S, collaboration view with a budget of 40 actors: the 40 most central were
 * scattered (many drawn without a tie between them); grown along the ties they are one
 * connected drawing, and the legend says how many are not drawn. */
Test(views_collaboration, past_the_budget_the_drawing_is_connected, .timeout = 60)
{
    char dir[96], cmd[160];
    cr_assert_not_null(mkdtemp(th_tmpl(dir, sizeof dir, "cn-collab")));
    cr_assert(eq(int, cn_generate(NULL, dir, CN_SCALE_S, 1), 0), "%s", cn_errmsg());
    cn_graph *g = load(dir);
    cn_render_options o = CN_RENDER_OPTIONS_INIT;
    cn_render_stats st;
    size_t len, up[64], edges = 0, parts = 0;
    o.view = CN_RENDER_COLLABORATION;
    o.format = CN_FORMAT_DOT;
    o.max_nodes = 40;
    char *buf = render_buf(g, &o, &len, &st);
    cr_assert(eq(sz, st.nodes, 40));
    for (size_t k = 0; k < 64; k++) {
        up[k] = k;
    }
    for (const char *p = buf; (p = strstr(p, "\tn")); p++) {
        size_t a, b;
        if (sscanf(p, "\tn%zu -- n%zu", &a, &b) == 2) {
            cr_assert(lt(sz, a, 40));
            cr_assert(lt(sz, b, 40));
            up[find(up, a)] = find(up, b);
            edges++;
        }
    }
    for (size_t k = 0; k < 40; k++) {
        parts += find(up, k) == k;
    }
    cr_assert(ge(sz, edges, 39));
    cr_assert(eq(sz, parts, 1), "%zu separate parts", parts);
    /* every actor of S is in the view; those without ties are counted apart */
    size_t isolated = 0, n = cn_graph_node_count(g);
    bool *tied = calloc(n, sizeof *tied);
    cr_assert_not_null(tied);
    for (size_t k = 0; k < cn_graph_edge_count(g); k++) {
        cn_edge e;
        cn_graph_edge(g, k, &e);
        if (e.kind == CN_EDGE_COLLABORATION && e.source != e.target) {
            tied[e.source] = tied[e.target] = true;
        }
    }
    for (size_t i = 0; i < n; i++) {
        isolated += cn_graph_node_kind(g, i) != CN_NODE_NETWORK && !tied[i];
    }
    free(tied);
    char note[96];
    snprintf(note, sizeof note, "%zu actors without ties are not drawn", isolated);
    cr_assert(has(buf, len, note), "%s", note);
    snprintf(note, sizeof note, "40 of %zu actors are drawn", st.shown + st.left_out - isolated);
    cr_assert(has(buf, len, note), "%s", note);
    cn_free(buf);
    cn_graph_destroy(g);
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    cr_assert(eq(int, system(cmd), 0));
}

/* @p g's membership cards in a4: at least @p cards, and no count of members by kind cut out
 * ("…/") or on another line than its kind ("9 institutions / 7"). */
static void check_card_kinds(const cn_graph *g, size_t cards)
{
    cn_render_options o = CN_RENDER_OPTIONS_INIT;
    cn_render_stats st;
    size_t len, kinds = 0;
    cr_assert(eq(int, cn_render_fit_parse(&o.fit_width, &o.fit_height, "a4"), 0));
    char *buf = render_buf(g, &o, &len, &st);
    char *text = svg_text(buf, len);
    cr_assert(ge(sz, st.shown, cards), "%zu cards", st.shown);
    cr_assert_null(strstr(text, "\xE2\x80\xA6/"), "%s", text); /* "…/": a kind cut out */
    for (const char *p = text; (p = strstr(p, " / ")) != NULL; p += 3) {
        const char *end = strchr(p + 3, ' ');
        cr_assert_not_null(end);
        bool count_alone = end > p + 3 && end[1] != '/';
        for (const char *q = p + 3; q < end; q++) {
            count_alone = count_alone && *q >= '0' && *q <= '9';
        }
        cr_assert(not(count_alone), "a count without its kind: %.40s", p);
        kinds++;
    }
    cr_assert(ge(sz, kinds, cards), "%zu", kinds);
    free(text);
    cn_free(buf);
}

/* Membership cards in a4: the members by kind took two lines, cut: every card of generated S
 * read "9 institutions / 7 …/ 67 experts" (7 what?), and a network with members of all four
 * kinds "1 institution / 1 enterprise / …/ 25 sub-networks"; now each count is on the line of
 * its kind, in as many lines as that takes, none cut. */
Test(views_membership, card_kinds_are_not_cut, .timeout = 60)
{
    char dir[96];
    cr_assert_not_null(mkdtemp(th_tmpl(dir, sizeof dir, "cn-kinds")));
    cr_assert(eq(int, cn_generate(NULL, dir, CN_SCALE_S, 1), 0), "%s", cn_errmsg());
    cn_graph *g = load(dir);
    check_card_kinds(g, 14);
    cn_graph_destroy(g);
    cr_assert(eq(int, th_sh("rm -rf %s", dir), 0));
    /* 12 umbrellas, each with 12 institutions, 3 enterprises, 21 experts and 2 sub-networks */
    cr_assert_not_null(mkdtemp(th_tmpl(dir, sizeof dir, "cn-kinds4")));
    FILE *f = fixture_file(dir, "nodes.csv");
    fputs("id,label,kind\n", f);
    for (int k = 0; k < 36; k++) {
        fprintf(f, "net%02d,Net %02d,network\n", k, k);
    }
    for (int a = 0; a < 36; a++) {
        fprintf(f, "a%02d,Actor %02d,%s\n", a, a,
                a < 12 ? "institution" : a < 15 ? "enterprise" : "expert");
    }
    cr_assert(eq(int, fclose(f), 0));
    f = fixture_file(dir, "edges.csv");
    fputs("source,target,kind,role\n", f);
    for (int k = 0; k < 12; k++) {
        for (int a = 0; a < 36; a++) {
            fprintf(f, "a%02d,net%02d,membership,%s\n", a, k, a == k ? "lead" : "member");
        }
        fprintf(f, "net%02d,net%02d,membership,member\n", 12 + 2 * k, k);
        fprintf(f, "net%02d,net%02d,membership,member\n", 13 + 2 * k, k);
    }
    cr_assert(eq(int, fclose(f), 0));
    g = load(dir);
    check_card_kinds(g, 8);
    cn_graph_destroy(g);
    cr_assert(eq(int, th_sh("rm -rf %s", dir), 0));
}

/* Membership cards in a4, every actor in a network (so no sentence on actors in no network
 * follows): the note on what was left out ended in ';' ("... not named ("and N more");"). */
Test(views_membership, the_cards_note_ends_its_sentence)
{
    char dir[96];
    cr_assert_not_null(mkdtemp(th_tmpl(dir, sizeof dir, "cn-cards")));
    FILE *f = fixture_file(dir, "nodes.csv");
    fputs("id,label,kind\n", f);
    for (int k = 0; k < 40; k++) {
        fprintf(f, "net%02d,Network %02d,network\n", k, k);
    }
    for (int a = 0; a < 80; a++) {
        fprintf(f, "a%02d,Actor %02d,institution\n", a, a);
    }
    cr_assert(eq(int, fclose(f), 0));
    f = fixture_file(dir, "edges.csv");
    fputs("source,target,kind,role\n", f);
    for (int k = 0; k < 40; k++) { /* 8 members each: a lead and 7 more */
        for (int j = 0; j < 8; j++) {
            fprintf(f, "a%02d,net%02d,membership,%s\n", (2 * k + j) % 80, k,
                    j == 0 ? "lead" : "member");
        }
    }
    cr_assert(eq(int, fclose(f), 0));

    cn_graph *g = load(dir);
    cn_render_options o = CN_RENDER_OPTIONS_INIT;
    cn_render_stats st;
    size_t len;
    cr_assert(eq(int, cn_render_fit_parse(&o.fit_width, &o.fit_height, "a4"), 0));
    char *buf = render_buf(g, &o, &len, &st);
    char *text = svg_text(buf, len);
    cr_assert(gt(sz, st.left_out, 0), "every network drawn");
    cr_assert_not_null(strstr(text, "of 40 networks are drawn;"), "%s", text);
    cr_assert_not_null(strstr(text, "members are counted, not named (&quot;and N more&quot;). "),
                       "%s", text);
    cr_assert_null(strstr(text, ");"), "%s", text);
    free(text);
    cn_free(buf);
    cn_graph_destroy(g);
    cr_assert(eq(int, th_sh("rm -rf %s", dir), 0));
}

/* Generated S, membership with a budget of 60: 12 networks drawn. The members shown were
 * ranked over all networks at once (leads, then members of most networks), so that some
 * networks showed their lead alone beside three dashed nodes; each now shows its top members
 * in turn (at least 3 each: 36 places for 12 networks) and one dashed node counting the rest,
 * and the legend's count is what the dashed nodes hide. */
Test(views_membership, past_the_budget_each_network_shows_its_top_members, .timeout = 60)
{
    char dir[96], cmd[160];
    cr_assert_not_null(mkdtemp(th_tmpl(dir, sizeof dir, "cn-member")));
    cr_assert(eq(int, cn_generate(NULL, dir, CN_SCALE_S, 1), 0), "%s", cn_errmsg());
    cn_graph *g = load(dir);
    cn_render_options o = CN_RENDER_OPTIONS_INIT;
    cn_render_stats st;
    size_t len, shown[64] = { 0 }, aggr[64] = { 0 }, tails = 0;
    bool is_aggr[64] = { false };
    o.format = CN_FORMAT_DOT;
    o.max_nodes = 60;
    char *buf = render_buf(g, &o, &len, &st);
    cr_assert(le(sz, st.nodes, 60));
    /* the aggregate vertices: the node statement before each id="more-..." */
    for (const char *p = buf; (p = strstr(p, "id=\"more-")); p++) {
        const char *q = p;
        size_t v;
        while (q > buf && !(q[-1] == '\n' && q[0] == '\t' && q[1] == 'n')) {
            q--;
        }
        cr_assert(eq(int, sscanf(q, "\tn%zu", &v), 1));
        cr_assert(lt(sz, v, 64));
        is_aggr[v] = true;
    }
    for (const char *p = buf; (p = strstr(p, "\n\tn")); p++) {
        size_t a, b;
        if (sscanf(p, "\n\tn%zu -> n%zu", &a, &b) == 2) {
            cr_assert(lt(sz, a, 64));
            cr_assert(lt(sz, b, 64));
            shown[a] += !is_aggr[b];
            aggr[a] += is_aggr[b];
        }
    }
    for (size_t v = 0; v < 64; v++) {
        if (shown[v] + aggr[v] == 0) {
            continue;
        }
        tails++;
        cr_assert(ge(sz, shown[v], 3), "network vertex n%zu shows %zu members", v, shown[v]);
        cr_assert(le(sz, aggr[v], 1), "network vertex n%zu has %zu dashed nodes", v, aggr[v]);
    }
    cr_assert(eq(sz, tails, 12));
    char note[96];
    snprintf(note, sizeof note, "%zu members are counted in dashed nodes (one per network",
             st.aggregated);
    cr_assert(has(buf, len, note), "%s", note);
    /* and what is left out: the other 38 networks, and the actors in those alone */
    char *flat = flatten(buf, len);
    const char *lo = strstr(flat, "left out: ");
    size_t nets, actors;
    cr_assert_not_null(lo);
    cr_assert(eq(int, sscanf(lo, "left out: %zu networks and %zu actors", &nets, &actors), 2));
    cr_assert(eq(sz, nets, 38));
    cr_assert(eq(sz, nets + actors, st.left_out));
    cr_assert(gt(sz, actors, 0));
    free(flat);
    cn_free(buf);
    cn_graph_destroy(g);
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    cr_assert(eq(int, system(cmd), 0));
}

/* The overlap of generated S (50 networks) as a matrix of the 30 largest fits about an A4
 * page's width at its 10 pt: the graph of 50 networks was a hairball 1,358 pt wide. */
Test(views_overlap, the_matrix_of_generated_s_fits_a_page, .timeout = 60)
{
    char dir[96], cmd[160];
    cr_assert_not_null(mkdtemp(th_tmpl(dir, sizeof dir, "cn-ovsize")));
    cr_assert(eq(int, cn_generate(NULL, dir, CN_SCALE_S, 1), 0), "%s", cn_errmsg());
    cn_graph *g = load(dir);
    cn_render_options o = CN_RENDER_OPTIONS_INIT;
    cn_render_stats st;
    size_t len;
    double w, h;
    o.view = CN_RENDER_OVERLAP;
    char *buf = render_buf(g, &o, &len, &st);
    svg_size(buf, len, &w, &h);
    cr_assert(le(dbl, w, 620.0), "%g pt wide", w);
    cr_assert(le(dbl, h, 620.0), "%g pt high", h);
    cr_assert(eq(sz, st.shown, 30));
    cr_assert(eq(sz, st.left_out, 20));
    cr_assert(has(buf, len, "50 networks, more than 30: drawn as a matrix"));
    cn_free(buf);
    cn_graph_destroy(g);
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    cr_assert(eq(int, system(cmd), 0));
}

/* In a box, past the budget, the collaboration view draws actors as boxes: a4 holds 20 actors
 * of generated S (12 as ellipses), and a second render in the process draws the same: its
 * first try, 200 actors, was laid out by sfdp, which placed them otherwise on a later render,
 * and the budget that led to differed (20 actors, then 24). */
Test(views_collaboration, in_a_box_actors_are_boxes_the_same_on_every_render, .timeout = 60)
{
    char dir[96], cmd[160];
    cr_assert_not_null(mkdtemp(th_tmpl(dir, sizeof dir, "cn-collab-box")));
    cr_assert(eq(int, cn_generate(NULL, dir, CN_SCALE_S, 1), 0), "%s", cn_errmsg());
    cn_graph *g = load(dir);
    cn_render_options o = CN_RENDER_OPTIONS_INIT;
    cn_render_stats st, again;
    size_t len, len2, boxes = 0;
    o.view = CN_RENDER_COLLABORATION;
    cr_assert(eq(int, cn_render_fit_parse(&o.fit_width, &o.fit_height, "a4"), 0));
    char *buf = render_buf(g, &o, &len, &st);
    char *buf2 = render_buf(g, &o, &len2, &again);
    cr_assert(eq(sz, st.shown, again.shown));
    cr_assert(eq(sz, len, len2));
    cr_assert(eq(int, memcmp(buf, buf2, len), 0), "a second render differs");
    cr_assert(ge(sz, st.shown, 16), "%zu actors", st.shown);
    o.format = CN_FORMAT_DOT;
    cn_free(buf2);
    buf2 = render_buf(g, &o, &len2, &again);
    for (const char *p = buf2; (p = memmem(p, len2 - (size_t)(p - buf2), "shape=box", 9)); p++) {
        boxes++;
    }
    cr_assert(gt(sz, boxes, 0));
    cr_assert(eq(ptr, memmem(buf2, len2, "shape=ellipse", 13), NULL),
              "an actor drawn as an ellipse");
    cn_free(buf);
    cn_free(buf2);
    cn_graph_destroy(g);
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    cr_assert(eq(int, system(cmd), 0));
}

/* A region named in 4,889 characters: in a box the coverage table's heading was one line, the
 * table 1,091 cm wide, and --fit a4 failed (65) at any budget; now the heading wraps as node
 * labels do, its end kept, and the table fits. */
Test(views_coverage, a_long_region_name_wraps_in_a_box)
{
    cn_graph *g = load("data/wide_region");
    cn_render_options o = CN_RENDER_OPTIONS_INIT;
    cn_render_stats st;
    size_t len;
    double w, h;

    o.view = CN_RENDER_COVERAGE;
    cr_assert(eq(int, cn_render_fit_parse(&o.fit_width, &o.fit_height, "a4"), 0));
    char *buf = render_buf(g, &o, &len, &st);
    svg_size(buf, len, &w, &h);
    cr_assert(le(dbl, w, o.fit_width + 0.5), "%g pt wide", w);
    static const char end[] = ">\xE2\x80\xA6Region498 Region499</text>",
                      start[] = ">Region0 Region1</text>";
    cr_assert_not_null(memmem(buf, len, end, sizeof end - 1), "the heading's end is not kept");
    cr_assert_not_null(memmem(buf, len, start, sizeof start - 1));
    cn_free(buf);
    cn_graph_destroy(g);
}

/* The report's page at scale and in a browser (issue 21): list cells and the heat map capped
 * with every value in tables/, figures that open full size, tables that scroll in their box on
 * a phone, SVG text that keeps its spaces, and the CLI's --timings. */
#include <collabnet/collabnet.h>
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "helpers.h"

static char tmpdir[96];

static void make_tmp(void)
{
    cr_assert_not_null(mkdtemp(th_tmpl(tmpdir, sizeof tmpdir, "cn-page")));
}

static void remove_tmp(void)
{
    cr_assert(eq(int, th_sh("rm -rf %s", tmpdir), 0));
}

/* The report of @p dataset in tmpdir/r (its path in @p out), with its targets.ini if it has
 * one; asserts that it is written. */
static void write_report(const char *dataset, char *out, size_t outsize)
{
    cn_graph *g = NULL;
    cn_diag_list *d = NULL;
    cn_targets *t = NULL;
    cn_report_options o = CN_REPORT_OPTIONS_INIT;
    char targets[256];

    cr_assert(eq(int, cn_diag_list_create(&d, 0), 0));
    cr_assert(eq(int, cn_load_dataset(&g, dataset, NULL, d), 0), "%s", th_diag(d, 0));
    snprintf(targets, sizeof targets, "%s/targets.ini", dataset);
    if (access(targets, R_OK) == 0) {
        cr_assert(eq(int, cn_targets_load(&t, targets, d), 0), "%s", th_diag(d, 0));
    }
    o.dataset = dataset;
    o.targets = t;
    o.targets_name = t ? targets : NULL;
    snprintf(out, outsize, "%s/r", tmpdir);
    cr_assert(eq(int, cn_report_write(out, g, &o), 0), "%s", cn_errmsg());
    cn_targets_destroy(t);
    cn_graph_destroy(g);
    cn_diag_list_destroy(d);
}

static char *slurp(const char *dir, const char *rel)
{
    char path[512];
    size_t len;
    char *s;

    snprintf(path, sizeof path, "%s/%s", dir, rel);
    s = th_slurp(path, &len);
    cr_assert_not_null(s, "cannot read %s", path);
    return s;
}

/* @p what occurs in [@p s, @p end). */
static bool within(const char *s, const char *end, const char *what)
{
    const char *p = strstr(s, what);

    return p && p < end;
}

static size_t count(const char *s, const char *what)
{
    size_t n = 0;

    for (const char *p = s; (p = strstr(p, what)) != NULL; p += strlen(what)) {
        n++;
    }
    return n;
}

/* vn-374's VietnamPlus article is cited by the 26 rows on lines 2-27 of edges.csv: the page
 * lists the first 10, the CSV all 26 (and so a source of a million rows stays one line). */
Test(report_page, a_list_cell_shows_ten_items_and_the_csv_all, .init = make_tmp,
     .fini = remove_tmp, .timeout = 120)
{
    char dir[256];

    write_report("../data/vn-374", dir, sizeof dir);
    char *html = slurp(dir, "index.html"), *md = slurp(dir, "report.md");
    char *csv = slurp(dir, "tables/sources.csv");
    cr_assert(not(eq(ptr, strstr(html, "<td class=\"num\">26</td><td>2; 3; 4; 5; 6; 7; 8; 9; 10; "
                                       "11 \u2026 and 16 more; every one in tables/sources.csv"
                                       "</td>"), NULL)));
    cr_assert(not(eq(ptr, strstr(md, "| 26 | 2; 3; 4; 5; 6; 7; 8; 9; 10; 11 \u2026 and 16 more; "
                                     "every one in tables/sources.csv |"), NULL)));
    cr_assert(eq(ptr, strstr(html, "11; 12"), NULL));
    cr_assert(not(eq(ptr, strstr(csv, ",26,2;3;4;5;6;7;8;9;10;11;12;13;14;15;16;17;18;19;20;21;"
                                      "22;23;24;25;26;27\n"), NULL)));
    free(csv);
    free(md);
    free(html);
}

/* Every figure is a plain link to its SVG, which is there. */
Test(report_page, figures_open_full_size, .init = make_tmp, .fini = remove_tmp, .timeout = 120)
{
    static const char *const stems[] = { "communities", "overlap", "coverage", "membership",
                                         "collaboration" };
    char dir[256], want[256], rel[64];

    write_report("../data/vn-374", dir, sizeof dir);
    char *html = slurp(dir, "index.html");
    cr_assert(eq(sz, count(html, "<figure "), 5));
    cr_assert(eq(ptr, strstr(html, "<script"), NULL));
    for (size_t k = 0; k < 5; k++) {
        snprintf(want, sizeof want,
                 "<figure id=\"figure-%s\">\n<a class=\"full\" href=\"figures/%s.svg\" "
                 "title=\"The diagram full size\">\n<svg ",
                 stems[k], stems[k]);
        cr_assert(not(eq(ptr, strstr(html, want), NULL)), "no link around %s", stems[k]);
        snprintf(rel, sizeof rel, "figures/%s.svg", stems[k]);
        free(slurp(dir, rel));
    }
    cr_assert(eq(sz, count(html, "</svg>\n</a>\n<figcaption>"), 5));
    free(html);
}

/* SVG drops a plain space at the start or end of a <text> (xml:space default): the coverage
 * figure's "gap" and " network 'n374-…'" were two texts and read "gapnetwork". */
Test(report_page, svg_texts_keep_their_spaces, .init = make_tmp, .fini = remove_tmp,
     .timeout = 120)
{
    char dir[256];

    write_report("../data/vn-374", dir, sizeof dir);
    char *svg = slurp(dir, "figures/coverage.svg");
    cr_assert(not(eq(ptr, strstr(svg, "\">gap</text>"), NULL)));
    cr_assert(not(eq(ptr, strstr(svg, "\">\u00a0network &#39;n374&#45;ai&#45;semi&#45;north"),
                     NULL)));
    for (const char *p = svg; (p = strstr(p, "<text ")) != NULL; p++) {
        const char *open = strchr(p, '>'), *close = strstr(p, "</text>");
        cr_assert(open && close && open < close);
        cr_assert(open[1] != ' ' && close[-1] != ' ', "%.*s", (int)(close - p), p);
    }
    free(svg);
}

/* 35 regions: the heat map shows the 30 with most ties, the CSV all 35. Region Rk's two actors
 * share a tie; from R05 on, its first actor also ties the next region's (R34 ties R05), so
 * R00-R04 have fewest. */
Test(report_page, the_heat_map_keeps_thirty_regions, .init = make_tmp, .fini = remove_tmp,
     .timeout = 120)
{
    char dir[256], data[200], path[256];
    FILE *nodes, *edges;

    snprintf(data, sizeof data, "%s/many_regions", tmpdir);
    cr_assert(eq(int, mkdir(data, 0755), 0));
    snprintf(path, sizeof path, "%s/nodes.csv", data);
    cr_assert_not_null(nodes = fopen(path, "w"));
    snprintf(path, sizeof path, "%s/edges.csv", data);
    cr_assert_not_null(edges = fopen(path, "w"));
    fputs("id,label,kind,region\n", nodes);
    fputs("source,target,kind,role,weight\n", edges);
    for (int k = 0; k < 35; k++) {
        fprintf(nodes, "a%d,A%d,institution,R%02d\nb%d,B%d,enterprise,R%02d\n", k, k, k, k, k, k);
        fprintf(edges, "a%d,b%d,collaboration,,\n", k, k);
        if (k >= 5) {
            fprintf(edges, "a%d,a%d,collaboration,,\n", k, k == 34 ? 5 : k + 1);
        }
    }
    fclose(nodes);
    fclose(edges);
    write_report(data, dir, sizeof dir);
    char *html = slurp(dir, "index.html"), *md = slurp(dir, "report.md");
    char *csv = slurp(dir, "tables/mixing_matrix.csv");
    const char *map = strstr(html, "<caption>Ties between regions (row x column");
    cr_assert_not_null(map);
    const char *end = strstr(map, "</table>");
    size_t rows = 0, heads = 0;
    for (const char *p = map; (p = strstr(p, "\n<tr><th>")) != NULL && p < end; p++) {
        rows++;
    }
    for (const char *p = map; (p = strstr(p, "<th class=\"num\">")) != NULL && p < end; p++) {
        heads++;
    }
    cr_assert(eq(sz, rows, 30));
    cr_assert(eq(sz, heads, 30));
    cr_assert(not(eq(ptr, strstr(html, "<p>The 30 of 35 regions with most ties; every pair in "
                                       "<a href=\"tables/mixing_matrix.csv\">"), NULL)));
    cr_assert(not(within(map, end, ">R04<")));
    cr_assert(within(map, end, ">R05<"));
    cr_assert(within(map, end, ">R34<"));
    cr_assert(not(eq(ptr, strstr(md, "The matrix of the 35 regions is too large for this page."),
                     NULL)));
    cr_assert(eq(sz, count(csv, "\n"), 36));
    free(csv);
    free(md);
    free(html);
}

/* report --timings: a line per stage as it ends, then the total, each with wall and processor
 * seconds. */
Test(report_page, timings_name_every_stage, .init = make_tmp, .fini = remove_tmp, .timeout = 120)
{
    static const char *const stages[] = { "load", "summary", "centrality", "cuts",
                                          "communities", "mixing", "overlap", "coverage",
                                          "diagrams", "sources", "writing", "total" };
    const char *c = getenv("COLLABNET");
    char path[256];
    size_t len;

    cr_assert_not_null(c);
    cr_assert(eq(int, th_sh("%s report --timings ../data/vn-374 -o %s/r 2>%s/err", c, tmpdir,
                            tmpdir), 0));
    snprintf(path, sizeof path, "%s/err", tmpdir);
    char *err = th_slurp(path, &len), *p = err;
    cr_assert_not_null(err);
    for (size_t k = 0; k < sizeof stages / sizeof *stages; k++) {
        char name[32];
        double wall = -1, cpu = -1;
        int used = 0;
        cr_assert(eq(int, sscanf(p, "collabnet report: %31s %lf s, cpu %lf s\n%n", name, &wall,
                                 &cpu, &used), 3), "%s", p);
        cr_assert(eq(str, name, (char *)stages[k]));
        cr_assert(ge(dbl, wall, 0.0));
        cr_assert(ge(dbl, cpu, 0.0));
        p += used;
    }
    cr_assert(eq(chr, *p, '\0'), "more lines: %s", p);
    free(err);
}

/* In Chromium, the page in a 390 px frame without scroll bars, as a phone shows it (headless
 * Chromium lays a window out at 500 px at least, so a 390 px window is a crop): it never
 * scrolls sideways, every table wider than the
 * screen scrolls in its own box, and every caption stays on the screen. */
Test(report_page, tables_scroll_in_their_box_on_a_phone, .init = make_tmp, .fini = remove_tmp,
     .timeout = 300)
{
    char dir[256], path[512];
    size_t len;
    FILE *fp;
    long page = -1, width = -1, wraps = -1, wide = -1, scrolling = -1, cut = -1;

    if (access("/usr/bin/chromium", X_OK) != 0) {
        cr_skip_test("no Chromium (/usr/bin/chromium)");
    }
    write_report("../data/vn-374", dir, sizeof dir);
    snprintf(path, sizeof path, "%s/frame.html", tmpdir);
    cr_assert_not_null(fp = fopen(path, "w"));
    fprintf(fp, "<!DOCTYPE html><html><body><iframe id=\"f\" src=\"r/index.html\" "
                "scrolling=\"no\" style=\"width:390px;height:800px;border:0\"></iframe><script>\n"
                "document.getElementById('f').onload = function () {\n"
                "  var d = this.contentDocument, w = Array.from(d.querySelectorAll('table'));\n"
                "  var wide = w.filter(function (t) { return t.scrollWidth > 390; });\n"
                "  var s = wide.filter(function (t) { var b = t.parentElement;\n"
                "    return b.className == 'table-wrap' && b.scrollWidth > b.clientWidth\n"
                "      && getComputedStyle(b).overflowX == 'auto'; });\n"
                "  var cut = Array.from(d.querySelectorAll('caption')).filter(function (c) {\n"
                "    return c.getBoundingClientRect().right > 390; });\n"
                "  document.body.setAttribute('data-x', [d.documentElement.scrollWidth,\n"
                "    d.documentElement.clientWidth, w.length, wide.length, s.length,\n"
                "    cut.length].join(' '));\n"
                "};\n</script></body></html>\n");
    fclose(fp);
    cr_assert(eq(int, th_sh("/usr/bin/chromium --headless --no-sandbox --disable-gpu "
                            "--allow-file-access-from-files --virtual-time-budget=10000 "
                            "--window-size=600,900 --dump-dom file://%s/frame.html 2>/dev/null "
                            "| grep -o 'data-x=\"[0-9 ]*\"' > %s/x", tmpdir, tmpdir), 0),
              "Chromium did not load the page");
    snprintf(path, sizeof path, "%s/x", tmpdir);
    char *x = th_slurp(path, &len);
    cr_assert_not_null(x);
    cr_assert(eq(int, sscanf(x, "data-x=\"%ld %ld %ld %ld %ld %ld\"", &page, &width, &wraps,
                             &wide, &scrolling, &cut), 6), "%s", x);
    cr_assert(eq(long, width, 390));
    cr_assert(eq(long, page, width), "the page is %ld px wide in %ld px", page, width);
    cr_assert(gt(long, wide, 5), "%s", x);
    cr_assert(eq(long, scrolling, wide), "%s", x);
    cr_assert(eq(long, cut, 0), "%ld captions run past the screen", cut);
    free(x);
}

/* The report: well-formed HTML (libxml2's HTML parser), every file it names exists, Markdown
 * links resolve, data are escaped, reruns are byte-identical, the directory is replaced
 * atomically, and a headless Chromium draws the page. */
#define _GNU_SOURCE /* memmem */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <dirent.h>
#include <errno.h>
#include <jansson.h>
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xmlschemastypes.h>
#include <libxml/xpathInternals.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "helpers.h"
#include "report/doc.h"

static char tmpdir[96];

static void make_tmp(void)
{
    cr_assert_not_null(mkdtemp(th_tmpl(tmpdir, sizeof tmpdir, "cn-report")));
}

static void remove_tmp(void)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", tmpdir);
    cr_assert(eq(int, system(cmd), 0));
}

/* Write the report of tests/<dataset> into tmpdir/<name>; returns cn_report_write()'s status. */
static int report(const char *dataset, const char *targets, const char *name, char *out,
                  size_t outsize)
{
    cn_graph *g;
    cn_diag_list *d;
    cn_targets *t = NULL;
    cn_report_options o = CN_REPORT_OPTIONS_INIT;
    char sources[256];
    struct stat st;
    int rc;

    cr_assert(eq(int, cn_diag_list_create(&d, 0), 0));
    cr_assert(eq(int, cn_load_dataset(&g, dataset, NULL, d), 0), "%s", th_diag(d, 0));
    if (targets) {
        cr_assert(eq(int, cn_targets_load(&t, targets, d), 0));
    }
    snprintf(sources, sizeof sources, "%s/SOURCES.md", dataset);
    o.sources = stat(sources, &st) == 0 ? sources : NULL;
    o.dataset = dataset;
    o.targets = t;
    o.targets_name = targets;
    snprintf(out, outsize, "%s/%s", tmpdir, name);
    rc = cn_report_write(out, g, &o);
    cn_targets_destroy(t);
    cn_graph_destroy(g);
    cn_diag_list_destroy(d);
    return rc;
}

static size_t html_errors;

static void count_error(void *ctx, const xmlError *e)
{
    (void)ctx;
    /* the HTML 4 parser does not know inline SVG's elements; anything else is an error */
    if (e->code != XML_HTML_UNKNOWN_TAG) {
        html_errors++;
        fprintf(stderr, "HTML error %d line %d: %s", e->code, e->line, e->message);
    }
}

static htmlDocPtr parse_html(const char *path)
{
    size_t len;
    char *buf = th_slurp(path, &len);
    cr_assert_not_null(buf, "cannot read %s", path);
    html_errors = 0;
    xmlSetStructuredErrorFunc(NULL, (xmlStructuredErrorFunc)count_error);
    htmlDocPtr doc = htmlReadMemory(buf, (int)len, path, "UTF-8", HTML_PARSE_NONET);
    xmlSetStructuredErrorFunc(NULL, NULL);
    free(buf);
    return doc;
}

/* The nodes @p expr selects (the prefix x bound to @p ns when not NULL): their number, and
 * their text in *values (free with free_values()) when @p values is not NULL. */
static size_t xpath_ns(xmlDocPtr doc, const char *ns, const char *expr, char ***values)
{
    xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
    if (ns) {
        xmlXPathRegisterNs(ctx, BAD_CAST "x", BAD_CAST ns);
    }
    xmlXPathObjectPtr r = xmlXPathEvalExpression(BAD_CAST expr, ctx);
    size_t n = r && r->nodesetval ? (size_t)r->nodesetval->nodeNr : 0;
    if (values) {
        *values = calloc(n + 1, sizeof **values);
        for (size_t k = 0; k < n; k++) {
            (*values)[k] = (char *)xmlNodeGetContent(r->nodesetval->nodeTab[k]);
        }
    }
    xmlXPathFreeObject(r);
    xmlXPathFreeContext(ctx);
    return n;
}

static size_t xpath_count(htmlDocPtr doc, const char *expr, char ***values)
{
    return xpath_ns(doc, NULL, expr, values);
}

static void free_values(char **v, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        xmlFree(v[k]);
    }
    free(v);
}

static bool exists(const char *dir, const char *rel)
{
    char path[512];
    struct stat st;
    snprintf(path, sizeof path, "%s/%s", dir, rel);
    return stat(path, &st) == 0 && st.st_size > 0;
}

/* the cells a spreadsheet would run as formulas (both CSV writers use this one check) */
Test(report_csv, formula_like_cells)
{
    const char *yes[] = { "=1+1", "+cmd|calc", "-2+3", "@SUM(A1)", "\tx", "\r=1" };
    const char *no[] = { "", "1=1", " =1", "'=1", "Hà Nội", "0.25" };

    for (size_t k = 0; k < sizeof yes / sizeof *yes; k++) {
        cr_assert(cn_csv_formula_like(yes[k]), "%s", yes[k]);
    }
    for (size_t k = 0; k < sizeof no / sizeof *no; k++) {
        cr_assert_not(cn_csv_formula_like(no[k]), "%s", no[k]);
    }
}

Test(report_vn374, html_is_well_formed_and_every_file_it_names_exists, .init = make_tmp,
     .fini = remove_tmp, .timeout = 300)
{
    char dir[256], path[512], **v;
    size_t n;

    cr_assert(eq(int, report("../data/vn-374", "../data/vn-374/targets.ini", "r", dir, sizeof dir), 0),
              "%s", cn_errmsg());
    snprintf(path, sizeof path, "%s/index.html", dir);
    htmlDocPtr doc = parse_html(path);
    cr_assert_not_null(doc);
    cr_assert(eq(sz, html_errors, 0));
    /* the sections, in order */
    n = xpath_count(doc, "//h2", &v);
    cr_assert(eq(sz, n, 13));
    cr_assert(eq(str, v[0], "Summary"));
    cr_assert(eq(str, v[2], "Central actors"));
    cr_assert(eq(str, v[4], "Communities"));
    cr_assert(eq(str, v[5], "Mixing of regions"));
    cr_assert(eq(str, v[6], "Brokers between regions"));
    cr_assert(eq(str, v[8], "Coverage and gaps"));
    cr_assert(eq(str, v[12], "What the data lack"));
    free_values(v, n);
    /* every link to a file points at a file of the report; no external request anywhere */
    n = xpath_count(doc, "//a/@href", &v);
    size_t files = 0;
    for (size_t k = 0; k < n; k++) {
        if (v[k][0] == '#' || strncmp(v[k], "http", 4) == 0) {
            continue;
        }
        files++;
        cr_assert(exists(dir, v[k]), "index.html names '%s', which is missing", v[k]);
    }
    cr_assert(ge(sz, files, 4 * 3 + 10), "only %zu file links", files);
    free_values(v, n);
    cr_assert(eq(sz, xpath_count(doc, "//script | //link | //img | //iframe", NULL), 0));
    /* five inline diagrams (communities since issue 18), with the figure files beside them */
    cr_assert(eq(sz, xpath_count(doc, "//figure", NULL), 5));
    /* the networks table lists all 23 networks; the gaps table the targets' gaps */
    cr_assert(eq(sz, xpath_count(doc, "//table[caption[starts-with(., 'Networks')]]/tbody/tr", NULL), 23));
    n = xpath_count(doc, "//table[caption[starts-with(., 'Gaps')]]/tbody/tr", NULL);
    cr_assert(eq(sz, n, 40)); /* 52 gaps in the coverage command; the page shows 40 */
    xmlFreeDoc(doc);
    /* the CSV has all of them, plus its header */
    char *csv = th_slurp(strcat(strcpy(path, dir), "/tables/gaps.csv"), &n);
    size_t lines = 0;
    for (char *p = csv; *p; p++) {
        lines += *p == '\n';
    }
    cr_assert(eq(sz, lines, 53));
    free(csv);
}

Test(report_vn374, markdown_links_resolve, .init = make_tmp, .fini = remove_tmp, .timeout = 300)
{
    char dir[256], path[512];
    size_t len, links = 0;

    cr_assert(eq(int, report("../data/vn-374", NULL, "r", dir, sizeof dir), 0), "%s", cn_errmsg());
    snprintf(path, sizeof path, "%s/report.md", dir);
    char *md = th_slurp(path, &len);
    cr_assert_not_null(md);
    for (char *p = strstr(md, "]("); p; p = strstr(p + 2, "](")) {
        char target[256];
        char *end = strchr(p + 2, ')');
        cr_assert_not_null(end);
        snprintf(target, sizeof target, "%.*s", (int)(end - p - 2), p + 2);
        if (strncmp(target, "http", 4) != 0) {
            cr_assert(exists(dir, target), "report.md links '%s', which is missing", target);
            links++;
        }
    }
    cr_assert(ge(sz, links, 10));
    cr_assert(not(eq(ptr, strstr(md, "![Networks tied by"), NULL))); /* a figure as an image */
    cr_assert(not(eq(ptr, strstr(md, "](figures/overlap.png)"), NULL)));
    /* without targets the page says so */
    cr_assert(not(eq(ptr, strstr(md, "No targets were given"), NULL)));
    free(md);
}

Test(report_vn374, same_input_same_files, .init = make_tmp, .fini = remove_tmp, .timeout = 300)
{
    char a[256], b[256], cmd[1024];
    cr_assert(eq(int, report("../data/vn-374", "../data/vn-374/targets.ini", "a", a, sizeof a), 0));
    cr_assert(eq(int, report("../data/vn-374", "../data/vn-374/targets.ini", "b", b, sizeof b), 0));
    snprintf(cmd, sizeof cmd, "diff -r %s %s >/dev/null", a, b);
    cr_assert(eq(int, system(cmd), 0), "two runs differ");
    /* and the comparison can fail */
    snprintf(cmd, sizeof cmd, "echo x >> %s/tables/overlap.csv && ! diff -r %s %s >/dev/null", b, a, b);
    cr_assert(eq(int, system(cmd), 0));
}

Test(report_escape, data_never_become_markup, .init = make_tmp, .fini = remove_tmp)
{
    char dir[256], path[512], **v;
    size_t n, len;

    cr_assert(eq(int, report("data/render_escape", NULL, "r", dir, sizeof dir), 0), "%s", cn_errmsg());
    snprintf(path, sizeof path, "%s/index.html", dir);
    htmlDocPtr doc = parse_html(path);
    cr_assert_not_null(doc);
    cr_assert(eq(sz, html_errors, 0));
    cr_assert(eq(sz, xpath_count(doc, "//script | //b[not(ancestor::svg)]", NULL), 0));
    n = xpath_count(doc, "//table[caption[starts-with(., 'Networks')]]/tbody/tr/td[4]", &v);
    cr_assert(eq(sz, n, 1));
    cr_assert(eq(str, v[0], "uni<1>")); /* the lead's id, as text */
    free_values(v, n);
    xmlFreeDoc(doc);
    snprintf(path, sizeof path, "%s/report.md", dir);
    char *md = th_slurp(path, &len);
    cr_assert(eq(ptr, strstr(md, "<script>"), NULL));
    cr_assert(not(eq(ptr, strstr(md, "&lt;script>alert(\"x\")&lt;/script> &amp; co"), NULL)));
    free(md);
    /* CSV cells keep the text as it is, quoted where needed */
    snprintf(path, sizeof path, "%s/tables/networks.csv", dir);
    char *csv = th_slurp(path, &len);
    /* the label is in NFD in nodes.csv and stays so: the lead's id, unquoted, after it */
    cr_assert(not(eq(ptr, strstr(csv, "\nnet\\3,Vie"), NULL)), "%s", csv);
    cr_assert(not(eq(ptr, strstr(csv, " (decomposed),ai,North,uni<1>,North,,1,1,1,0,1,3\n"), NULL)),
              "%s", csv);
    free(csv);
}

/* A figure whose PNG had to be drawn at a lower resolution says so in its caption (the
 * coverage table keeps 10 regions, so a region named in 4,889 characters makes it wide) */
Test(report_figures, a_lowered_png_resolution_is_in_the_caption, .init = make_tmp,
     .fini = remove_tmp)
{
    char dir[256], path[512];
    size_t len;

    cr_assert(eq(int, report("data/wide_region", NULL, "r", dir, sizeof dir), 0), "%s",
              cn_errmsg());
    snprintf(path, sizeof path, "%s/report.md", dir);
    char *md = th_slurp(path, &len);
    cr_assert_not_null(md);
    const char *p = strstr(md, "The PNG is drawn at ");
    cr_assert_not_null(p, "no note in report.md");
    cr_assert(not(eq(ptr, strstr(p, " dpi, not 144, to stay within 32000 pixels a side and 100 "
                                    "million pixels; the SVG and PDF keep every detail. Also as "
                                    "[SVG](figures/coverage.svg)"), NULL)));
    cr_assert(eq(ptr, strstr(p + 1, "The PNG is drawn at "), NULL)); /* the other figures fit */
    free(md);
    snprintf(path, sizeof path, "%s/index.html", dir);
    char *html = th_slurp(path, &len);
    cr_assert(not(eq(ptr, strstr(html, "The PNG is drawn at "), NULL)));
    free(html);
}

Test(report_summary, a_count_of_one_is_singular, .init = make_tmp, .fini = remove_tmp)
{
    char dir[256], path[512];
    size_t len;

    cr_assert(eq(int, report("data/analysis_small", NULL, "r", dir, sizeof dir), 0), "%s",
              cn_errmsg());
    snprintf(path, sizeof path, "%s/report.md", dir);
    char *md = th_slurp(path, &len);
    cr_assert(not(eq(ptr, strstr(md, "holds 7 nodes: 2 institutions, "
                                     "1 enterprise, 2 experts and 2 networks; 4 membership edges "
                                     "tie members to networks and 2 collaboration ties join "
                                     "actors"),
                     NULL)),
              "%s", md);
    free(md);
}

Test(report_atomic, a_failed_run_leaves_the_earlier_report, .init = make_tmp, .fini = remove_tmp)
{
    char dir[256], cmd[600];
    cn_graph *g;
    cn_diag_list *d;
    cn_report_options o = CN_REPORT_OPTIONS_INIT;

    cr_assert(eq(int, report("data/analysis_small", NULL, "r", dir, sizeof dir), 0));
    snprintf(cmd, sizeof cmd, "cp -r %s %s.copy", dir, dir);
    cr_assert(eq(int, system(cmd), 0));
    cr_assert(eq(int, th_load("analysis_small", &g, &d), 0));
    /* fails late: the sources file cannot be read after every figure was written */
    o.sources = "data/no-such-file.md";
    cr_assert(eq(int, cn_report_write(dir, g, &o), CN_EIO));
    cr_assert(not(eq(ptr, strstr(cn_errmsg(), "no-such-file.md"), NULL)), "%s", cn_errmsg());
    snprintf(cmd, sizeof cmd, "diff -r %s %s.copy >/dev/null", dir, dir);
    cr_assert(eq(int, system(cmd), 0), "the earlier report changed");
    /* nothing left beside it: only r and r.copy */
    snprintf(cmd, sizeof cmd, "test $(ls -A %s | wc -l) -eq 2", tmpdir);
    cr_assert(eq(int, system(cmd), 0));
    /* a successful run replaces it */
    o.sources = NULL;
    o.title = "Second";
    cr_assert(eq(int, cn_report_write(dir, g, &o), 0), "%s", cn_errmsg());
    snprintf(cmd, sizeof cmd, "grep -q '<title>Second</title>' %s/index.html && "
                              "test $(ls -A %s | wc -l) -eq 2", dir, tmpdir);
    cr_assert(eq(int, system(cmd), 0));
    /* a directory that is not a report is never replaced */
    snprintf(cmd, sizeof cmd, "mkdir %s/mine && echo keep > %s/mine/notes.txt", tmpdir, tmpdir);
    cr_assert(eq(int, system(cmd), 0));
    snprintf(dir, sizeof dir, "%s/mine", tmpdir);
    cr_assert(eq(int, cn_report_write(dir, g, &o), CN_ECREATE));
    cr_assert(not(eq(ptr, strstr(cn_errmsg(), "'notes.txt', which collabnet did not write"), NULL)),
              "%s", cn_errmsg());
    snprintf(cmd, sizeof cmd, "test \"$(cat %s/mine/notes.txt)\" = keep && test $(ls -A %s | wc -l) -eq 3",
             tmpdir, tmpdir);
    cr_assert(eq(int, system(cmd), 0));
    cn_graph_destroy(g);
    cn_diag_list_destroy(d);
}

Test(report_cli, exit_statuses, .init = make_tmp, .fini = remove_tmp, .timeout = 300)
{
    char cmd[700];
    const char *c = getenv("COLLABNET");
    cr_assert_not_null(c);
    snprintf(cmd, sizeof cmd, "%s report ../data/vn-374 -o %s/r 2>%s/err && test -s %s/r/index.html "
                              "&& test ! -s %s/err", c, tmpdir, tmpdir, tmpdir, tmpdir);
    cr_assert(eq(int, th_sh("%s", cmd), 0)); /* stderr is not a terminal: no progress lines */
    /* on a terminal, one progress line per stage (script(1) gives the command a terminal) */
    snprintf(cmd, sizeof cmd, "script -qec '%s report ../data/vn-374 -o %s/t' /dev/null | "
                              "grep -c '^collabnet report: ' | grep -qx 10", c, tmpdir);
    cr_assert(eq(int, th_sh("%s", cmd), 0));
    snprintf(cmd, sizeof cmd, "%s report ../data/vn-374 2>/dev/null", c);
    cr_assert(eq(int, th_sh("%s", cmd), 64));
    snprintf(cmd, sizeof cmd, "%s report data/unknown_kind -o %s/x 2>/dev/null", c, tmpdir);
    cr_assert(eq(int, th_sh("%s", cmd), 65));
    snprintf(cmd, sizeof cmd, "%s report ../data/vn-374 -t data/targets_bad/targets.ini -o %s/x 2>/dev/null", c, tmpdir);
    cr_assert(eq(int, th_sh("%s", cmd), 65));
    snprintf(cmd, sizeof cmd, "%s report ../data/vn-374 -t nowhere.ini -o %s/x 2>/dev/null", c, tmpdir);
    cr_assert(eq(int, th_sh("%s", cmd), 66));
    snprintf(cmd, sizeof cmd, "mkdir %s/mine && touch %s/mine/a && %s report ../data/vn-374 -o %s/mine 2>/dev/null",
             tmpdir, tmpdir, c, tmpdir);
    cr_assert(eq(int, th_sh("%s", cmd), 73));
}

/* Two runs of the built binary on generated S give the same bytes, every file: the export with
 * every measure (PageRank's last bits changed with igraph's OpenMP threads) and the whole report
 * (its PDFs and PNGs changed with Graphviz's overlap removal). The two runs of each pair go side
 * by side, which also varies their timing. In a sanitizer build the runs skip LeakSanitizer and
 * its slow unwinding at every malloc (a report of S takes 39 CPU-seconds with it, 7 without):
 * this test compares bytes; the report's leaks are checked in-process by report_vn374. */
Test(report_cli, reruns_on_generated_s_are_identical, .init = make_tmp, .fini = remove_tmp,
     .timeout = 300)
{
    char cmd[1024], asan[512];
    const char *c = getenv("COLLABNET"), *given = getenv("ASAN_OPTIONS");
    cr_assert_not_null(c);
    snprintf(asan, sizeof asan, "%s:detect_leaks=0:fast_unwind_on_malloc=1", given ? given : "");
    snprintf(cmd, sizeof cmd, "%s generate --scale S -o %s/S 2>/dev/null", c, tmpdir);
    cr_assert(eq(int, th_sh("%s", cmd), 0));
    cr_assert(eq(int, setenv("ASAN_OPTIONS", asan, 1), 0));
    snprintf(cmd, sizeof cmd,
             "cd %s && { %s export S --with centrality -o a.graphml & p=$!; "
             "%s export S --with centrality -o b.graphml && wait $p; } && "
             "grep -q 'attr.name=\"pagerank\"' a.graphml && cmp a.graphml b.graphml",
             tmpdir, c, c);
    cr_assert(eq(int, th_sh("%s", cmd), 0), "the exports differ");
    snprintf(cmd, sizeof cmd,
             "cd %s && { %s report -q S -o a & p=$!; %s report -q S -o b && wait $p; } && "
             "test -s a/figures/overlap.pdf && test -s a/figures/membership.png && diff -r a b",
             tmpdir, c, c);
    cr_assert(eq(int, th_sh("%s", cmd), 0), "the reports differ");
    /* S's 50 networks: the overlap is a matrix and its caption says so (it said "width and
     * label: shared members", of a graph not drawn) */
    snprintf(cmd, sizeof cmd,
             "cd %s && grep -q 'the darker a cell, the more members its row and column share' "
             "a/report.md && ! grep -q 'width and label: shared members' a/report.md",
             tmpdir);
    cr_assert(eq(int, th_sh("%s", cmd), 0), "the matrix's caption");
}

/* ---- the page in a browser ---- */

static const char *chromium(void)
{
    static const char *const paths[] = { "/usr/bin/chromium", "/usr/bin/chromium-browser",
                                         "/usr/bin/google-chrome" };
    for (size_t k = 0; k < sizeof paths / sizeof *paths; k++) {
        if (access(paths[k], X_OK) == 0) {
            return paths[k];
        }
    }
    return NULL;
}

Test(report_browser, chromium_draws_the_page_in_order, .init = make_tmp, .fini = remove_tmp,
     .timeout = 300)
{
    const char *chrome = chromium();
    char dir[256], cmd[1200], path[512];
    size_t len;

    if (!chrome) {
        cr_skip_test("no Chromium (/usr/bin/chromium): install Debian's chromium to run the "
                     "browser test");
    }
    cr_assert(eq(int, report("../data/vn-374", "../data/vn-374/targets.ini", "r", dir, sizeof dir), 0));
    /* a copy of the page with a probe that records where each section starts */
    snprintf(cmd, sizeof cmd,
             "sed 's|</body>|<script>document.body.setAttribute(\"data-tops\", "
             "Array.from(document.querySelectorAll(\"h2\")).map(function(e){return "
             "Math.round(e.getBoundingClientRect().top + window.scrollY)}).join(\",\") + \";\" + "
             "document.documentElement.scrollHeight)</script></body>|' %s/index.html > %s/probe.html",
             dir, dir);
    cr_assert(eq(int, th_sh("%s", cmd), 0));
    snprintf(cmd, sizeof cmd,
             "%s --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1280,900 "
             "--dump-dom file://%s/probe.html 2>/dev/null | grep -o 'data-tops=\"[0-9,;]*\"' > %s/tops",
             chrome, dir, tmpdir);
    cr_assert(eq(int, th_sh("%s", cmd), 0), "Chromium did not load the page");
    snprintf(path, sizeof path, "%s/tops", tmpdir);
    char *tops = th_slurp(path, &len);
    cr_assert_not_null(tops);
    long prev = -1, v, height;
    int k = 0;
    char *p = strchr(tops, '"') + 1;
    while (*p != ';') {
        v = strtol(p, &p, 10);
        cr_assert(gt(long, v, prev), "section %d starts at %ld, above the one before (%ld)", k, v, prev);
        prev = v;
        k++;
        if (*p == ',') {
            p++;
        }
    }
    height = strtol(p + 1, NULL, 10);
    cr_assert(eq(int, k, 13), "%s", tops);
    cr_assert(gt(long, height, prev), "the page (%ld px) ends above its last section", height);
    cr_assert(gt(long, height, 4000), "the page is only %ld px high", height);
    free(tops);
    /* a screenshot: an empty white page compresses to a few KB, this one does not */
    snprintf(cmd, sizeof cmd,
             "%s --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1280,2400 "
             "--screenshot=%s/shot.png file://%s/index.html >/dev/null 2>&1", chrome, tmpdir, dir);
    cr_assert(eq(int, th_sh("%s", cmd), 0));
    struct stat st;
    snprintf(path, sizeof path, "%s/shot.png", tmpdir);
    cr_assert(eq(int, stat(path, &st), 0));
    cr_assert(gt(long, (long)st.st_size, 60000), "screenshot of %ld bytes: blank?", (long)st.st_size);
}

/* ---- export ---- */

/* Export tests/<dataset> with @p o into a malloc'd buffer. */
static char *export_with(const char *dataset, const cn_export_options *o, size_t *len)
{
    cn_graph *g;
    cn_diag_list *d;
    char *buf = NULL;
    FILE *fp = open_memstream(&buf, len);

    cr_assert_not_null(fp);
    cr_assert(eq(int, cn_diag_list_create(&d, 0), 0));
    cr_assert(eq(int, cn_load_dataset(&g, dataset, NULL, d), 0), "%s", th_diag(d, 0));
    cr_assert(eq(int, cn_export(fp, g, o), 0), "%s", cn_errmsg());
    cr_assert(eq(int, fclose(fp), 0));
    cn_graph_destroy(g);
    cn_diag_list_destroy(d);
    return buf;
}

/* Export tests/<dataset> in @p format (with degree and PageRank) into a malloc'd buffer. */
static char *export(const char *dataset, cn_export_format format, bool measures, size_t *len)
{
    static const cn_measure ms[] = { CN_MEASURE_DEGREE, CN_MEASURE_PAGERANK };
    cn_export_options o = CN_EXPORT_OPTIONS_INIT;

    o.format = format;
    if (measures) {
        o.measures = ms;
        o.nmeasures = 2;
    }
    return export_with(dataset, &o, len);
}


static xmlDocPtr parse_xml(const char *buf, size_t len)
{
    return xmlReadMemory(buf, (int)len, "export.xml", NULL, XML_PARSE_NONET);
}

#define GRAPHML "http://graphml.graphdrawing.org/xmlns"
#define GEXF "http://gexf.net/1.3"

Test(export, graphml_has_every_node_edge_and_attribute)
{
    size_t len, n;
    char **v;
    char *buf = export("../data/vn-374", CN_EXPORT_GRAPHML, true, &len);
    xmlDocPtr doc = parse_xml(buf, len);
    cr_assert_not_null(doc);
    cr_assert(eq(sz, xpath_ns(doc, GRAPHML, "//x:node", NULL), 39));
    cr_assert(eq(sz, xpath_ns(doc, GRAPHML, "//x:edge", NULL), 37));
    n = xpath_ns(doc, GRAPHML, "//x:key[@for='node']/@attr.name", &v);
    cr_assert(eq(sz, n, 10)); /* 5 built-in, name_en, city and type, degree and pagerank */
    cr_assert(eq(str, v[5], "name_en"));
    cr_assert(eq(str, v[9], "pagerank"));
    free_values(v, n);
    n = xpath_ns(doc, GRAPHML, "//x:node[@id='hust']/x:data[@key='n0']", &v);
    cr_assert(eq(sz, n, 1));
    cr_assert(eq(str, v[0], "Đại học Bách khoa Hà Nội"));
    free_values(v, n);
    n = xpath_ns(doc, GRAPHML, "//x:node[@id='nic']/x:data[@key='n7']", &v);
    cr_assert(eq(sz, n, 1));
    cr_assert(eq(str, v[0], "centre")); /* the type column (issue 17) */
    free_values(v, n);
    n = xpath_ns(doc, GRAPHML, "//x:node[@id='nic']/x:data[@key='n9']", &v);
    cr_assert(eq(sz, n, 1));
    cr_assert(eq(dbl, strtod(v[0], NULL), 0.2948402948402948, 1e-12)); /* collaboration view */
    free_values(v, n);
    /* the lead ties: role and date kept */
    cr_assert(eq(sz, xpath_ns(doc, GRAPHML, "//x:edge[x:data[@key='e1']='lead']", NULL), 13));
    cr_assert(ge(sz, xpath_ns(doc, GRAPHML, "//x:edge[x:data[@key='e3']='2025-08-01']", NULL), 13));
    xmlFreeDoc(doc);
    free(buf);
}

Test(export, gexf_spells_and_json_lists)
{
    size_t len, n;
    char *buf = export("../data/vn-374", CN_EXPORT_GEXF, false, &len);
    xmlDocPtr doc = parse_xml(buf, len);
    cr_assert_not_null(doc);
    cr_assert(eq(sz, xpath_ns(doc, GEXF, "//x:node", NULL), 39));
    cr_assert(eq(sz, xpath_ns(doc, GEXF, "//x:edge", NULL), 37));
    /* every dated edge has its spell; the collaboration edges are undirected */
    size_t dated = 0;
    cn_graph *g;
    cn_diag_list *d;
    cr_assert(eq(int, cn_diag_list_create(&d, 0), 0));
    cr_assert(eq(int, cn_load_dataset(&g, "../data/vn-374", NULL, d), 0));
    for (size_t e = 0; e < cn_graph_edge_count(g); e++) {
        cn_edge ed;
        cn_graph_edge(g, e, &ed);
        dated += ed.since.year || ed.until.year;
    }
    cr_assert(gt(sz, dated, 0));
    cr_assert(eq(sz, xpath_ns(doc, GEXF, "//x:edge/x:spells/x:spell", NULL), dated));
    cr_assert(eq(sz, xpath_ns(doc, GEXF, "//x:edge[@type='undirected']", NULL), 2));
    cr_assert(eq(sz, xpath_ns(doc, GEXF, "/x:gexf[@version='1.3']/x:graph[@mode='dynamic']", NULL), 1));
    xmlFreeDoc(doc);
    free(buf);
    cn_graph_destroy(g);
    cn_diag_list_destroy(d);

    json_error_t err;
    buf = export("../data/vn-374", CN_EXPORT_JSON, true, &len);
    json_t *root = json_loadb(buf, len, 0, &err);
    cr_assert_not_null(root, "%s", err.text);
    json_t *nodes = json_object_get(root, "nodes"), *links = json_object_get(root, "links");
    cr_assert(eq(sz, json_array_size(nodes), 39));
    cr_assert(eq(sz, json_array_size(links), 37));
    n = 0;
    for (size_t k = 0; k < json_array_size(nodes); k++) {
        json_t *o = json_array_get(nodes, k);
        if (strcmp(json_string_value(json_object_get(o, "id")), "n374-ai-semi-north") == 0) {
            json_t *f = json_object_get(o, "fields");
            cr_assert(eq(sz, json_array_size(f), 2));
            cr_assert(eq(str, (char *)json_string_value(json_array_get(f, 1)), "semiconductor"));
            /* a network is outside the collaboration graph: no value, left out */
            cr_assert(eq(ptr, json_object_get(o, "pagerank"), NULL));
            n++;
        }
        if (strcmp(json_string_value(json_object_get(o, "id")), "nic") == 0) {
            bool real_value = json_is_real(json_object_get(o, "pagerank"));
            cr_assert(real_value);
            n++;
        }
    }
    cr_assert(eq(sz, n, 2));
    json_decref(root);
    free(buf);

    buf = export("../data/vn-374", CN_EXPORT_DOT, false, &len);
    cr_assert(eq(int, strncmp(buf, "digraph collabnet {", 19), 0));
    cr_assert(not(eq(ptr, strstr(buf, "\tn38\t["), NULL)));
    cr_assert(not(eq(ptr, strstr(buf, "id=hust"), NULL)));
    free(buf);
}

Test(export, hostile_values_survive_every_format)
{
    size_t len, n;
    char **v;
    for (int f = 0; f < CN_EXPORT_COUNT; f++) {
        char *buf = export("data/render_escape", (cn_export_format)f, true, &len);
        if (f == CN_EXPORT_GRAPHML || f == CN_EXPORT_GEXF) {
            xmlDocPtr doc = parse_xml(buf, len);
            cr_assert_not_null(doc, "format %d is not well-formed", f);
            if (f == CN_EXPORT_GRAPHML) {
                n = xpath_ns(doc, GRAPHML, "//x:node/@id", &v);
                cr_assert(eq(str, v[0], "uni<1>"));
                cr_assert(eq(str, v[2], "net\\3"));
                free_values(v, n);
                n = xpath_ns(doc, GRAPHML, "//x:node[@id='uni<1>']/x:data[@key='n0']", &v);
                cr_assert(eq(str, v[0], "<script>alert(\"x\")</script> & co"));
                free_values(v, n);
                n = xpath_ns(doc, GRAPHML, "//x:node[@id='net\\3']/x:data[@key='n5']", &v);
                cr_assert(eq(str, v[0], "two\nlines")); /* the newline kept */
                free_values(v, n);
            }
            xmlFreeDoc(doc);
        } else if (f == CN_EXPORT_JSON) {
            json_error_t err;
            json_t *root = json_loadb(buf, len, 0, &err);
            cr_assert_not_null(root, "%s", err.text);
            json_t *first = json_array_get(json_object_get(root, "nodes"), 0);
            cr_assert(eq(str, (char *)json_string_value(json_object_get(first, "name_en")),
                         "Back\\slash \\N end\\"));
            json_decref(root);
        } else {
            /* DOT: backslashes doubled, quotes escaped: a trailing backslash ends no string */
            cr_assert(not(eq(ptr, strstr(buf, "name_en=\"Back\\\\slash \\\\N end\\\\\""), NULL)),
                      "%s", buf);
        }
        free(buf);
    }
}

/* Whether @p v is a value of the XML Schema built-in type @p t (libxml2's own check). */
static bool schema_value(xmlSchemaValType t, const char *v)
{
    xmlSchemaInitTypes();
    return xmlSchemaValidatePredefinedType(xmlSchemaGetBuiltInType(t), BAD_CAST v, NULL) == 0;
}

/* The GEXF 1.3 schema (gexf.xsd, dynamics) types start and end as time-type, the union of
 * xs:double, xs:date and xs:dateTime (1.2draft adds xs:integer), and Gephi reads them by the
 * graph's timeformat: under timeformat="date" each must be an xs:date. Checks every start and
 * end attribute in @p doc, and that no spell ends before it starts; returns how many. */
static size_t assert_gexf_dates(xmlDocPtr doc, const char *ns)
{
    char **starts, **ends;
    size_t n = xpath_ns(doc, ns, "//@start | //@end", &starts), checked = 0;

    cr_assert(eq(sz, xpath_ns(doc, ns, "/x:gexf/x:graph[@timeformat='date']", NULL), 1));
    for (size_t k = 0; k < n; k++) {
        bool in_union = schema_value(XML_SCHEMAS_DOUBLE, starts[k])
                        || schema_value(XML_SCHEMAS_DATE, starts[k])
                        || schema_value(XML_SCHEMAS_DATETIME, starts[k]);
        cr_assert(in_union, "'%s' is not a GEXF time-type", starts[k]);
        cr_assert(schema_value(XML_SCHEMAS_DATE, starts[k]), "'%s' is not an xs:date", starts[k]);
        checked++;
    }
    free_values(starts, n);
    n = xpath_ns(doc, ns, "//x:spell[@start and @end]/@start", &starts);
    cr_assert(eq(sz, xpath_ns(doc, ns, "//x:spell[@start and @end]/@end", &ends), n));
    for (size_t k = 0; k < n; k++) {
        cr_assert(le(int, strcmp(starts[k], ends[k]), 0), "%s after %s", starts[k], ends[k]);
    }
    free_values(starts, n);
    free_values(ends, n);
    return checked;
}

#define GEXF12 "http://www.gexf.net/1.2draft"

/* since 2021-02 is 2021-02-01, until 2027 is 2027-12-31, leap years counted (issue 19) */
Test(export, gexf_dates_are_calendar_days)
{
    static const char *const start[] = { "2021-02-01", "2024-01-01", "1900-02-01", "1999-12-31" };
    static const char *const end[] = { "2027-12-31", "2024-02-29", "2100-02-28", "2000-02-29" };
    size_t len, n;
    char **v;
    char *buf = export("data/export_dates", CN_EXPORT_GEXF, false, &len);
    xmlDocPtr doc = parse_xml(buf, len);
    cr_assert_not_null(doc);
    cr_assert(eq(sz, assert_gexf_dates(doc, GEXF), 8));
    n = xpath_ns(doc, GEXF, "//x:spell/@start", &v);
    cr_assert(eq(sz, n, 4));
    for (size_t k = 0; k < n; k++) {
        cr_assert(eq(str, v[k], (char *)start[k]));
    }
    free_values(v, n);
    n = xpath_ns(doc, GEXF, "//x:spell/@end", &v);
    cr_assert(eq(sz, n, 4));
    for (size_t k = 0; k < n; k++) {
        cr_assert(eq(str, v[k], (char *)end[k]));
    }
    free_values(v, n);
    /* the attributes keep the dates as given */
    cr_assert(eq(sz, xpath_ns(doc, GEXF, "//x:edge[@id='0']/x:attvalues/x:attvalue[@value='2027']",
                              NULL), 1));
    xmlFreeDoc(doc);
    free(buf);
}

/* The GEXF of vn-374 and of generated S, in both versions, by the schema's rules for dates */
Test(export, gexf_of_vn374_and_generated_s_have_schema_dates, .init = make_tmp, .fini = remove_tmp,
     .timeout = 60)
{
    char dir[160];
    const char *c = getenv("COLLABNET");
    cn_export_options o = CN_EXPORT_OPTIONS_INIT;
    size_t len;

    cr_assert_not_null(c);
    snprintf(dir, sizeof dir, "%s/S", tmpdir);
    cr_assert(eq(int, th_sh("%s generate --scale S -o %s >/dev/null 2>&1", c, dir), 0));
    o.format = CN_EXPORT_GEXF;
    for (int v = 0; v < CN_GEXF_VERSION_COUNT; v++) {
        const char *ns = v == CN_GEXF_1_3 ? GEXF : GEXF12;
        o.gexf_version = (cn_gexf_version)v;
        for (int k = 0; k < 2; k++) {
            char *buf = export_with(k ? dir : "../data/vn-374", &o, &len);
            xmlDocPtr doc = parse_xml(buf, len);
            cr_assert_not_null(doc);
            /* vn-374: 20 spells, 1 with an end; S: over a thousand */
            cr_assert(ge(sz, assert_gexf_dates(doc, ns), k ? 1000 : 21));
            cr_assert(eq(sz, xpath_ns(doc, ns, "/x:gexf[@version]/@version", NULL), 1));
            xmlFreeDoc(doc);
            free(buf);
        }
    }
}

/* --graph collaboration: the actors and their ties, undirected; membership: directed */
Test(export, graph_collaboration_or_membership_alone)
{
    cn_export_options o = CN_EXPORT_OPTIONS_INIT;
    size_t len;
    char *buf;
    xmlDocPtr doc;

    /* graph, format, nodes (the 16 actors, or all 39), edges, the direction */
    static const struct {
        cn_export_graph graph;
        cn_export_format format;
        size_t nodes, edges;
        const char *ns, *direction;
    } cases[] = {
        { CN_EXPORT_GRAPH_COLLABORATION, CN_EXPORT_GRAPHML, 16, 2, GRAPHML,
          "//x:graph[@edgedefault='undirected']" },
        { CN_EXPORT_GRAPH_COLLABORATION, CN_EXPORT_GEXF, 16, 2, GEXF,
          "//x:graph[@defaultedgetype='undirected']" },
        { CN_EXPORT_GRAPH_MEMBERSHIP, CN_EXPORT_GEXF, 39, 35, GEXF,
          "//x:graph[@defaultedgetype='directed']" },
    };
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        o.graph = cases[k].graph;
        o.format = cases[k].format;
        buf = export_with("../data/vn-374", &o, &len);
        doc = parse_xml(buf, len);
        cr_assert(eq(sz, xpath_ns(doc, cases[k].ns, "//x:node", NULL), cases[k].nodes));
        cr_assert(eq(sz, xpath_ns(doc, cases[k].ns, "//x:edge", NULL), cases[k].edges));
        cr_assert(eq(sz, xpath_ns(doc, cases[k].ns, cases[k].direction, NULL), 1));
        /* one direction: no edge says its own */
        cr_assert(eq(sz, xpath_ns(doc, cases[k].ns, "//x:edge[@type or @directed]", NULL), 0));
        xmlFreeDoc(doc);
        free(buf);
    }
    o.format = CN_EXPORT_JSON;
    o.graph = CN_EXPORT_GRAPH_COLLABORATION;
    buf = export_with("../data/vn-374", &o, &len);
    json_t *root = json_loadb(buf, len, 0, NULL);
    cr_assert_not_null(root);
    bool directed = json_is_true(json_object_get(root, "directed"));
    cr_assert(not(directed));
    cr_assert(eq(sz, json_array_size(json_object_get(root, "nodes")), 16));
    cr_assert(eq(sz, json_array_size(json_object_get(root, "links")), 2));
    json_decref(root);
    free(buf);
    o.format = CN_EXPORT_DOT;
    buf = export_with("../data/vn-374", &o, &len);
    cr_assert(eq(int, strncmp(buf, "graph collabnet {", 17), 0), "%.40s", buf);
    free(buf);
    o.graph = CN_EXPORT_GRAPH_COUNT;
    cr_assert(eq(int, cn_export(stdout, NULL, &o), CN_EINVAL));
}

Test(export, networkx_reads_graphml_and_json, .init = make_tmp, .fini = remove_tmp, .timeout = 120)
{
    char cmd[2048];
    if (system("/usr/bin/python3 -c 'import networkx' 2>/dev/null") != 0) {
        cr_skip_test("no NetworkX (Debian's python3-networkx): the NetworkX reading test is skipped");
    }
    const char *c = getenv("COLLABNET");
    cr_assert_not_null(c);
    snprintf(cmd, sizeof cmd,
             "%s export ../data/vn-374 --with centrality -m betweenness,pagerank -o %s/x.graphml && "
             "%s export ../data/vn-374 --to json --with centrality -o %s/x.json && "
             "/usr/bin/python3 -c \"\n"
             "import json, networkx as nx\n"
             "g = nx.read_graphml('%s/x.graphml')\n"
             "assert g.number_of_nodes() == 39 and g.number_of_edges() == 37, g\n"
             "n = g.nodes['hust']\n"
             "assert n['label'] == 'Đại học Bách khoa Hà Nội' and n['kind'] == 'institution', n\n"
             "assert n['region'] == 'North' and n['name_en'].startswith('Hanoi'), n\n"
             "assert abs(g.nodes['nic']['pagerank'] - 0.2948402948402948) < 1e-12\n"
             "assert g.nodes['n374-ai-semi-north']['fields'] == 'ai;semiconductor'\n"
             "h = nx.node_link_graph(json.load(open('%s/x.json')))\n"
             "assert h.number_of_nodes() == 39 and h.number_of_edges() == 37\n"
             "assert h.nodes['n374-ai-semi-north']['fields'] == ['ai', 'semiconductor']\n"
             "assert 'coreness' in h.nodes['hust'] and h.nodes['hust']['kind'] == 'institution'\n"
             "\"",
             c, tmpdir, c, tmpdir, tmpdir, tmpdir);
    cr_assert(eq(int, th_sh("%s", cmd), 0));
}

Test(export, cli_statuses, .init = make_tmp, .fini = remove_tmp)
{
    char cmd[1024];
    const char *c = getenv("COLLABNET");
    cr_assert_not_null(c);
    snprintf(cmd, sizeof cmd, "%s export ../data/vn-374 --to gexf | grep -q '<gexf'", c);
    cr_assert(eq(int, th_sh("%s", cmd), 0));
    snprintf(cmd, sizeof cmd, "%s export ../data/vn-374 -o %s/a.gv && grep -q '^digraph' %s/a.gv", c, tmpdir, tmpdir);
    cr_assert(eq(int, th_sh("%s", cmd), 0));
    snprintf(cmd, sizeof cmd, "%s export ../data/vn-374 2>/dev/null", c);
    cr_assert(eq(int, th_sh("%s", cmd), 64)); /* no format */
    snprintf(cmd, sizeof cmd, "%s export ../data/vn-374 --to csv 2>/dev/null", c);
    cr_assert(eq(int, th_sh("%s", cmd), 64));
    snprintf(cmd, sizeof cmd, "%s export ../data/vn-374 --to json -m pagerank 2>/dev/null", c);
    cr_assert(eq(int, th_sh("%s", cmd), 64)); /* a measure without --with centrality */
    snprintf(cmd, sizeof cmd, "%s export ../data/vn-374 --to json -o %s/no/x.json 2>/dev/null", c, tmpdir);
    cr_assert(eq(int, th_sh("%s", cmd), 73));
    snprintf(cmd, sizeof cmd, "%s export data/unknown_kind --to json 2>/dev/null", c);
    cr_assert(eq(int, th_sh("%s", cmd), 65));
    snprintf(cmd, sizeof cmd, "%s export ../data/vn-374 --to gexf --gexf-version 1.1 2>/dev/null", c);
    cr_assert(eq(int, th_sh("%s", cmd), 64));
    snprintf(cmd, sizeof cmd, "%s export ../data/vn-374 --to gexf -g actors 2>/dev/null", c);
    cr_assert(eq(int, th_sh("%s", cmd), 64));
    snprintf(cmd, sizeof cmd, "%s export ../data/vn-374 --to gexf -g comembership 2>/dev/null", c);
    cr_assert(eq(int, th_sh("%s", cmd), 64)); /* a centrality graph without --with centrality */
    snprintf(cmd, sizeof cmd, "%s export ../data/vn-374 --to json -g membership | grep -c '\"kind\":\"membership\"' | grep -qx 35", c);
    cr_assert(eq(int, th_sh("%s", cmd), 0));
}

/* ---- a report never replaces what is not a report (issue 15) ---- */

/* A directory that merely holds index.html and report.md is the user's: refused before any
 * work (a dataset with errors gives 73, not 65), every file kept, nothing left beside it. */
Test(report_atomic, a_look_alike_directory_is_never_replaced, .init = make_tmp,
     .fini = remove_tmp, .timeout = 120)
{
    char cmd[1200];
    const char *c = getenv("COLLABNET");

    cr_assert_not_null(c);
    snprintf(cmd, sizeof cmd, "cd %s && mkdir -p thesis/sub && echo a > thesis/index.html && "
             "echo b > thesis/report.md && echo c > thesis/thesis.tex && echo d > "
             "thesis/sub/photo.jpg && cp -r thesis thesis.copy", tmpdir);
    cr_assert(eq(int, th_sh("%s", cmd), 0));
    snprintf(cmd, sizeof cmd, "%s report data/analysis_small -o %s/thesis 2>%s/err", c, tmpdir,
             tmpdir);
    cr_assert(eq(int, th_sh("%s", cmd), 73));
    snprintf(cmd, sizeof cmd, "grep -q \"which collabnet did not write\" %s/err", tmpdir);
    cr_assert(eq(int, th_sh("%s", cmd), 0));
    /* checked first: the dataset's errors are never reached */
    snprintf(cmd, sizeof cmd, "%s report data/unknown_kind -o %s/thesis 2>/dev/null", c, tmpdir);
    cr_assert(eq(int, th_sh("%s", cmd), 73));
    snprintf(cmd, sizeof cmd, "%s report data/unknown_kind -o %s/no/r 2>/dev/null", c, tmpdir);
    cr_assert(eq(int, th_sh("%s", cmd), 73)); /* a missing parent, too */
    snprintf(cmd, sizeof cmd, "diff -r %s/thesis %s/thesis.copy && test $(ls -A %s | wc -l) -eq 3",
             tmpdir, tmpdir, tmpdir);
    cr_assert(eq(int, th_sh("%s", cmd), 0), "the user's files changed or a temporary is left");
    /* an earlier report with a file of the user's added: refused too */
    snprintf(cmd, sizeof cmd, "%s report data/analysis_small -o %s/r && echo mine > %s/r/notes.txt "
             "&& %s report data/analysis_small -o %s/r 2>/dev/null", c, tmpdir, tmpdir, c, tmpdir);
    cr_assert(eq(int, th_sh("%s", cmd), 73));
    snprintf(cmd, sizeof cmd, "test -s %s/r/notes.txt && test -s %s/r/index.html", tmpdir, tmpdir);
    cr_assert(eq(int, th_sh("%s", cmd), 0));
    /* a generated dataset is not a report either */
    snprintf(cmd, sizeof cmd, "%s generate --scale S -o %s/gen 2>/dev/null && %s report "
             "data/analysis_small -o %s/gen 2>%s/err", c, tmpdir, c, tmpdir, tmpdir);
    cr_assert(eq(int, th_sh("%s", cmd), 73));
    snprintf(cmd, sizeof cmd, "grep -q 'holds a collabnet generated dataset, not a report' %s/err",
             tmpdir);
    cr_assert(eq(int, th_sh("%s", cmd), 0));
}

/* report -o . in an empty directory writes the report there, then replaces it on a rerun; the
 * directory stays the same directory (a shell sitting in it sees the report). */
Test(report_atomic, dot_in_an_empty_directory, .init = make_tmp, .fini = remove_tmp,
     .timeout = 120)
{
    char cmd[4096], here[512];
    const char *c = getenv("COLLABNET");

    cr_assert_not_null(getcwd(here, sizeof here));
    snprintf(cmd, sizeof cmd, "mkdir %s/empty && cd %s/empty && %s report %s/data/analysis_small "
             "-o . && test -s index.html && test -s figures/membership.svg && test -s "
             ".collabnet-manifest && %s report %s/data/analysis_small --title Again -o . && "
             "grep -q '<title>Again</title>' index.html && test $(ls -A | wc -l) -eq 5 && "
             "test $(ls -A .. | wc -l) -eq 1", tmpdir, tmpdir, c, here, c, here);
    cr_assert(eq(int, th_sh("%s", cmd), 0));
    /* the manifest lists every file and directory written, and nothing else */
    snprintf(cmd, sizeof cmd, "cd %s/empty && tail -n +2 .collabnet-manifest | sort > ../listed "
             "&& find . -mindepth 1 ! -name .collabnet-manifest \\( -type d -printf '%%P/\\n' -o "
             "-printf '%%P\\n' \\) | sort > ../found && diff ../listed ../found && head -1 "
             ".collabnet-manifest | grep -q '^# collabnet report: '", tmpdir);
    cr_assert(eq(int, th_sh("%s", cmd), 0));
}

/* SOURCES.md that is a symbolic link (here to /etc/passwd) is left out, and both the report
 * and stderr say so. */
Test(report_atomic, symlinked_sources_are_left_out, .init = make_tmp, .fini = remove_tmp,
     .timeout = 120)
{
    char cmd[1200];
    const char *c = getenv("COLLABNET");

    snprintf(cmd, sizeof cmd, "mkdir %s/d && cp data/analysis_small/*.csv %s/d && "
             "ln -s /etc/passwd %s/d/SOURCES.md && %s report %s/d -o %s/r 2>%s/err", tmpdir,
             tmpdir, tmpdir, c, tmpdir, tmpdir, tmpdir);
    cr_assert(eq(int, th_sh("%s", cmd), 0));
    snprintf(cmd, sizeof cmd, "test ! -e %s/r/SOURCES.md && ! grep -rq 'root:' %s/r && "
             "grep -q \"SOURCES.md was left out\" %s/r/index.html && "
             "grep -q \"SOURCES.md' is a symbolic link: left out of the report\" %s/err",
             tmpdir, tmpdir, tmpdir, tmpdir);
    cr_assert(eq(int, th_sh("%s", cmd), 0));
    /* the library alone does the same */
    cn_graph *g;
    cn_diag_list *d;
    cn_report_options o = CN_REPORT_OPTIONS_INIT;
    char dir[256], src[256];
    cr_assert(eq(int, th_load("analysis_small", &g, &d), 0));
    snprintf(dir, sizeof dir, "%s/lib", tmpdir);
    snprintf(src, sizeof src, "%s/d/SOURCES.md", tmpdir);
    o.sources = src;
    cr_assert(eq(int, cn_report_write(dir, g, &o), 0), "%s", cn_errmsg());
    snprintf(cmd, sizeof cmd, "test ! -e %s/lib/SOURCES.md && grep -q 'SOURCES.md was left out' "
             "%s/lib/report.md", tmpdir, tmpdir);
    cr_assert(eq(int, th_sh("%s", cmd), 0));
    cn_graph_destroy(g);
    cn_diag_list_destroy(d);
}

/* ---- label columns and the title ---- */

/* The report of @p dataset with options @p o (sources: DATASET/SOURCES.md when present) into
 * tmpdir/@p name; its report.md, or NULL when cn_report_write() fails (*rc its status). */
static char *report_md_with(const char *dataset, cn_report_options o, const char *name, int *rc)
{
    cn_graph *g;
    cn_diag_list *d;
    char dir[256], path[300], sources[256];
    struct stat st;
    size_t len;

    cr_assert(eq(int, cn_diag_list_create(&d, 0), 0));
    cr_assert(eq(int, cn_load_dataset(&g, dataset, NULL, d), 0), "%s", th_diag(d, 0));
    snprintf(sources, sizeof sources, "%s/SOURCES.md", dataset);
    if (!o.sources) {
        o.sources = stat(sources, &st) == 0 ? sources : NULL;
    }
    o.dataset = dataset;
    snprintf(dir, sizeof dir, "%s/%s", tmpdir, name);
    *rc = cn_report_write(dir, g, &o);
    cn_graph_destroy(g);
    cn_diag_list_destroy(d);
    snprintf(path, sizeof path, "%s/report.md", dir);
    return *rc == 0 ? th_slurp(path, &len) : NULL;
}

Test(report_labels, a_label_column_in_every_figure_and_said, .init = make_tmp,
     .fini = remove_tmp, .timeout = 120)
{
    cn_report_options o = CN_REPORT_OPTIONS_INIT;
    char path[300], *md, *svg;
    size_t len;
    int rc;

    o.label_column = "name_en";
    md = report_md_with("../data/vn-374", o, "en", &rc);
    cr_assert(eq(int, rc, 0), "%s", cn_errmsg());
    cr_assert(not(eq(ptr, strstr(md, "The diagrams name each node by its name\\_en column (by its "
                                     "label where that is empty)"), NULL)), "%s", md);
    free(md);
    /* every figure in English: hust is "Hanoi University of Science and Technology" */
    static const char *const figs[] = { "membership", "overlap", "coverage" };
    for (size_t k = 0; k < sizeof figs / sizeof *figs; k++) {
        snprintf(path, sizeof path, "%s/en/figures/%s.svg", tmpdir, figs[k]);
        svg = th_slurp(path, &len);
        cr_assert_not_null(svg, "%s", path);
        cr_assert(eq(ptr, strstr(svg, "Đại học"), NULL), "%s is not in English", figs[k]);
        free(svg);
    }
    snprintf(path, sizeof path, "%s/en/figures/membership.svg", tmpdir);
    svg = th_slurp(path, &len);
    cr_assert(not(eq(ptr, strstr(svg, "Hanoi University of"), NULL)));
    /* the three AI networks read differently (README "Diagrams") */
    cr_assert(not(eq(ptr, strstr(svg, "…University of Danang)"), NULL)));
    cr_assert(not(eq(ptr, strstr(svg, "…VNU Ho Chi Minh City)"), NULL)));
    free(svg);
}

Test(report_labels, an_unknown_label_column_writes_nothing, .init = make_tmp, .fini = remove_tmp)
{
    cn_report_options o = CN_REPORT_OPTIONS_INIT;
    char cmd[700];
    const char *c = getenv("COLLABNET");
    int rc;

    o.label_column = "name_fr";
    cr_assert(eq(ptr, report_md_with("../data/vn-374", o, "fr", &rc), NULL));
    cr_assert(eq(int, rc, CN_EINVAL));
    cr_assert(eq(str, (char *)cn_errmsg(), "no node column 'name_fr' for labels (use label or an "
                                           "extra column of nodes.csv: name_en, city, type)"));
    snprintf(cmd, sizeof cmd, "test $(ls -A %s | wc -l) -eq 0", tmpdir);
    cr_assert(eq(int, th_sh("%s", cmd), 0), "something was written");
    cr_assert_not_null(c);
    snprintf(cmd, sizeof cmd, "%s report ../data/vn-374 --label-column name_fr -o %s/x 2>%s/err",
             c, tmpdir, tmpdir);
    cr_assert(eq(int, th_sh("%s", cmd), 64));
    snprintf(cmd, sizeof cmd, "test ! -e %s/x && grep -q \"no node column 'name_fr' for labels\" "
             "%s/err && test $(ls -A %s | wc -l) -eq 1", tmpdir, tmpdir, tmpdir);
    cr_assert(eq(int, th_sh("%s", cmd), 0));
}

Test(report_title, from_the_sources_or_the_directory_with_the_date, .init = make_tmp,
     .fini = remove_tmp, .timeout = 120)
{
    static const struct {
        const char *dataset, *at, *title, *made, *summary;
    } cases[] = {
        /* the first heading of SOURCES.md */
        { "../data/vn-374", NULL,
          "# Ecosystem report: Vietnam's technology-talent networks, 2025 (vn-374)\n",
          "from ../data/vn-374. ", NULL },
        /* no SOURCES.md: the directory's name, not its path */
        { "data/analysis_small/", NULL, "# Ecosystem report: analysis\\_small\n", NULL, NULL },
        /* a year, a month and a day, each in words right for it */
        { "data/analysis_small", "2024", "# Ecosystem report: analysis\\_small, in 2024\n",
          "from data/analysis\\_small as it stood in 2024. ",
          "Only the edges in force at some time in 2024 are counted" },
        { "data/analysis_small", "2024-03", "# Ecosystem report: analysis\\_small, in March 2024\n",
          "as it stood in March 2024. ",
          "Only the edges in force at some time in March 2024 are counted" },
        { "data/analysis_small", "2024-03-05",
          "# Ecosystem report: analysis\\_small, on 5 March 2024\n",
          "as it stood on 5 March 2024. ", "Only the edges in force on 5 March 2024 are counted" },
    };
    char name[16];
    int rc;

    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        cn_report_options o = CN_REPORT_OPTIONS_INIT;
        o.at = cases[k].at;
        snprintf(name, sizeof name, "r%zu", k);
        char *md = report_md_with(cases[k].dataset, o, name, &rc);
        cr_assert(eq(int, rc, 0), "%s", cn_errmsg());
        cr_assert(eq(int, strncmp(md, cases[k].title, strlen(cases[k].title)), 0), "%zu: %.120s",
                  k, md);
        if (cases[k].made) {
            cr_assert(not(eq(ptr, strstr(md, cases[k].made), NULL)), "%zu: %.400s", k, md);
        }
        if (cases[k].summary) {
            cr_assert(not(eq(ptr, strstr(md, cases[k].summary), NULL)), "%zu: %s", k, md);
        }
        cr_assert(eq(ptr, strstr(md, "as it stood on 2024"), NULL));
        free(md);
    }
    /* the first heading: not in a fenced block, after a byte-order mark, closing #s dropped */
    char src[300];
    snprintf(src, sizeof src, "%s/notes.md", tmpdir);
    FILE *fp = fopen(src, "w");
    cr_assert_not_null(fp);
    fputs("\xEF\xBB\xBFSome text\n```\n# not this\n```\n#nor this\n##  The  real title ##\n# later\n",
          fp);
    fclose(fp);
    cn_report_options o = CN_REPORT_OPTIONS_INIT;
    o.sources = src;
    char *md = report_md_with("data/analysis_small", o, "h", &rc);
    cr_assert(eq(int, rc, 0), "%s", cn_errmsg());
    cr_assert(eq(int, strncmp(md, "# Ecosystem report: The real title\n", 35), 0), "%.80s", md);
    free(md);
    /* --title wins */
    o.title = "Mine";
    md = report_md_with("data/analysis_small", o, "t", &rc);
    cr_assert(eq(int, strncmp(md, "# Mine\n", 7), 0), "%.80s", md);
    free(md);
    /* the dataset given as ".": the directory's name */
    const char *c = getenv("COLLABNET");
    cr_assert_not_null(c);
    cr_assert(eq(int, th_sh("cd data/analysis_small && %s%s report . -o %s/dot && "
                            "head -1 %s/dot/report.md | grep -qx '# Ecosystem report: "
                            "analysis\\\\_small'", c[0] == '/' ? "" : "../../", c, tmpdir,
                            tmpdir), 0));
}

/* ---- the centrality section computed in a worker process (report.c) ---- */

/* Report @p dataset (with its targets.ini when there is one) into tmpdir/@p name with the
 * centrality section in a worker when @p worker; returns cn_report_write()'s status. */
static int report_worker(const char *dataset, bool worker, const char *name, char *out,
                         size_t outsize)
{
    char targets[256];
    size_t saved = cni_rep_worker_above;
    struct stat st;
    int rc;

    snprintf(targets, sizeof targets, "%s/targets.ini", dataset);
    cni_rep_worker_above = worker ? 0 : SIZE_MAX;
    rc = report(dataset, stat(targets, &st) == 0 ? targets : NULL, name, out, outsize);
    cni_rep_worker_above = saved;
    return rc;
}

/* No child process is left: every worker was reaped. */
static void assert_no_child(void)
{
    errno = 0;
    cr_assert(eq(int, waitpid(-1, NULL, WNOHANG), -1), "a worker was not reaped");
    cr_assert(eq(int, errno, ECHILD));
}

Test(report_worker, same_files_with_the_centrality_in_a_worker, .init = make_tmp,
     .fini = remove_tmp, .timeout = 300)
{
    static const char *const datasets[] = { "../data/vn-374", "data/analysis_small" };
    char a[256], b[256], cmd[1024];

    for (size_t k = 0; k < 2; k++) {
        char na[8], nb[8];
        snprintf(na, sizeof na, "a%zu", k);
        snprintf(nb, sizeof nb, "b%zu", k);
        cr_assert(eq(int, report_worker(datasets[k], false, na, a, sizeof a), 0), "%s",
                  cn_errmsg());
        cr_assert(eq(int, report_worker(datasets[k], true, nb, b, sizeof b), 0), "%s",
                  cn_errmsg());
        assert_no_child();
        /* the manifest too: its files in the order a sequential run lists them */
        snprintf(cmd, sizeof cmd, "diff -r %s %s >/dev/null", a, b);
        cr_assert(eq(int, system(cmd), 0), "%s: the worker's report differs", datasets[k]);
        snprintf(cmd, sizeof cmd,
                 "grep -q 'id=\"central-actors\"' %s/index.html && test -s %s/tables/centrality.csv",
                 b, b);
        cr_assert(eq(int, system(cmd), 0), "%s: no centrality section", datasets[k]);
    }
}

static void worker_fails(rep *r)
{
    r->rc = cni_fail(CN_EGRAPH, "made to fail in the worker");
}

static void worker_dies(rep *r)
{
    (void)r;
    raise(SIGKILL);
}

/* A worker's failure (its status and message) or death fails the report; nothing is written and
 * an earlier report stays. */
Test(report_worker, a_failed_or_dead_worker_fails_the_report, .init = make_tmp,
     .fini = remove_tmp, .timeout = 300)
{
    char dir[256], cmd[1024];

    cr_assert(eq(int, report_worker("data/analysis_small", true, "r", dir, sizeof dir), 0));
    snprintf(cmd, sizeof cmd, "cp -r %s %s.copy", dir, dir);
    cr_assert(eq(int, system(cmd), 0));
    cni_rep_in_worker = worker_fails;
    cr_assert(eq(int, report_worker("data/analysis_small", true, "r", dir, sizeof dir), CN_EGRAPH));
    cr_assert(eq(str, (char *)cn_errmsg(), "made to fail in the worker"));
    assert_no_child();
    cni_rep_in_worker = worker_dies;
    cr_assert(eq(int, report_worker("data/analysis_small", true, "r", dir, sizeof dir), CN_ERROR));
    cr_assert(not(eq(ptr, strstr(cn_errmsg(), "killed by signal 9"), NULL)), "%s", cn_errmsg());
    assert_no_child();
    /* without a worker the hook is not called */
    cr_assert(eq(int, report_worker("data/analysis_small", false, "r", dir, sizeof dir), 0));
    cni_rep_in_worker = NULL;
    snprintf(cmd, sizeof cmd, "diff -r %s %s.copy >/dev/null && test $(ls -A %s | wc -l) -eq 2",
             dir, dir, tmpdir);
    cr_assert(eq(int, system(cmd), 0), "the earlier report changed or something was left");
}

/* This process fails while the worker computes: the worker is stopped and reaped, and nothing
 * is written. */
Test(report_worker, a_failure_here_stops_the_worker, .init = make_tmp, .fini = remove_tmp,
     .timeout = 300)
{
    char dir[256], cmd[600];
    cn_graph *g;
    cn_diag_list *d;
    cn_report_options o = CN_REPORT_OPTIONS_INIT;
    size_t saved = cni_rep_worker_above;

    cr_assert(eq(int, th_load("analysis_small", &g, &d), 0));
    o.sources = "data/no-such-file.md"; /* fails in the sources section, after the worker began */
    snprintf(dir, sizeof dir, "%s/r", tmpdir);
    cni_rep_worker_above = 0;
    cr_assert(eq(int, cn_report_write(dir, g, &o), CN_EIO));
    cni_rep_worker_above = saved;
    cr_assert(not(eq(ptr, strstr(cn_errmsg(), "no-such-file.md"), NULL)), "%s", cn_errmsg());
    assert_no_child();
    snprintf(cmd, sizeof cmd, "test $(ls -A %s | wc -l) -eq 0", tmpdir);
    cr_assert(eq(int, system(cmd), 0), "something was left");
    cn_graph_destroy(g);
    cn_diag_list_destroy(d);
}

/* ---- hundreds of regions: the page shows those that matter ---- */

/* The sums of cells @p cols (0-based, -1 ends the list) of the rows of the Markdown table under
 * the caption starting @p caption in @p md, in the page's order, into out[0..cap); their
 * number. The first cell of the first row goes to *first. */
static size_t md_sums(const char *md, const char *caption, const int *cols, double *out,
                      size_t cap, char *first, size_t first_size)
{
    char key[160];
    const char *p;
    size_t n = 0;

    snprintf(key, sizeof key, "*%s", caption);
    cr_assert_not_null(p = strstr(md, key), "no table '%s'", caption);
    p = strstr(p, "\n|"); /* the header */
    cr_assert_not_null(p);
    p = strchr(p + 1, '\n'); /* the separator */
    cr_assert_not_null(p = strchr(p + 1, '\n'));
    for (p++; *p == '|' && n < cap; p = strchr(p, '\n') + 1) {
        double sum = 0.0;
        for (const int *c = cols; *c >= 0; c++) {
            const char *cell = p;
            for (int k = 0; k < *c; k++) {
                cell = strchr(cell + 1, '|');
            }
            sum += strtod(cell + 1, NULL);
        }
        if (n == 0) {
            const char *end = strchr(p + 2, '|');
            snprintf(first, first_size, "%.*s", (int)(end - p - 3), p + 2);
        }
        out[n++] = sum;
    }
    return n;
}

/* 400 city regions: the page showed the first 50 by name (City 000 to City 049) of the
 * regions, mixing and brokerage tables; now the 50 with the most nodes, ties and roles, the
 * largest first, and the CSV keeps every region in its order. */
Test(report_regions, hundreds_of_regions_show_the_largest_on_the_page, .init = make_tmp,
     .fini = remove_tmp, .timeout = 300)
{
    static const struct {
        const char *caption, *csv, *note;
        int cols[3];
    } tables[] = {
        { "Nodes by region", "summary_regions", "rows with the most nodes", { 5, -1 } },
        { "Each region: ties inside", "mixing_groups", "rows with the most ties", { 2, 3, -1 } },
        { "The roles summed per region", "brokerage_groups", "rows with the most brokerage roles",
          { 7, -1 } },
    };
    char dir[96], out[256], path[400], first[64], *md, *csv;
    double v[64];
    size_t len;
    cn_graph *g;
    cn_diag_list *d;
    cn_report_options o = CN_REPORT_OPTIONS_INIT;

    th_cities(dir, sizeof dir);
    cr_assert(eq(int, cn_diag_list_create(&d, 0), 0));
    cr_assert(eq(int, cn_load_dataset(&g, dir, NULL, d), 0), "%s", th_diag(d, 0));
    snprintf(out, sizeof out, "%s/r", tmpdir);
    cr_assert(eq(int, cn_report_write(out, g, &o), 0), "%s", cn_errmsg());
    snprintf(path, sizeof path, "%s/report.md", out);
    cr_assert_not_null(md = th_slurp(path, &len));
    /* and the sentences group thousands, as the page's lists do */
    cr_assert_not_null(strstr(md, "holds 2,000 nodes: 120 institutions, 300 enterprises, 1,530 "
                                  "experts and 50 networks; 3,225 membership edges"),
                       "the summary's counts are not grouped");
    for (size_t t = 0; t < sizeof tables / sizeof *tables; t++) {
        size_t n = md_sums(md, tables[t].caption, tables[t].cols, v, 64, first, sizeof first);
        cr_assert(eq(sz, n, 50), "%s: %zu rows on the page", tables[t].caption, n);
        for (size_t k = 1; k < n; k++) {
            cr_assert(ge(dbl, v[k - 1], v[k]), "%s: row %zu (%g) before a larger (%g)",
                      tables[t].caption, k, v[k - 1], v[k]);
        }
        cr_assert(gt(dbl, v[0], v[n - 1]), "%s: every row alike", tables[t].caption);
        cr_assert(not(eq(str, first, "City 000")), "%s: the first by name", tables[t].caption);
        cr_assert_not_null(strstr(md, tables[t].note), "%s", tables[t].note);
        /* the CSV: every region, in the table's order (by name) */
        snprintf(path, sizeof path, "%s/tables/%s.csv", out, tables[t].csv);
        cr_assert_not_null(csv = th_slurp(path, &len));
        cr_assert_not_null(strstr(csv, "\nCity 000,"), "%s", tables[t].csv);
        cr_assert(lt(ptr, (void *)strstr(csv, "\nCity 000,"), (void *)strstr(csv, "\nCity 001,")));
        free(csv);
    }
    free(md);
    cn_graph_destroy(g);
    cn_diag_list_destroy(d);
    snprintf(path, sizeof path, "rm -rf %s", dir);
    cr_assert(eq(int, system(path), 0));
}

/* ---- every shape of valid data ---- */

/* Every fixture of tests/data that loads without a problem gets a report, fitted to a4 as the
 * collabnet command does: a dataset of no network (the karate club) failed it with 70
 * (Graphviz refused the membership figure's empty table of cards), and a Gephi export whose
 * one network has one member with 70 (igraph refuses the Rand index of one actor). */
Test(report_shapes, every_valid_fixture_gets_a_report, .init = make_tmp, .fini = remove_tmp,
     .timeout = 900)
{
    DIR *dir = opendir("data");
    struct dirent *de;
    size_t reported = 0;
    cn_report_options o = CN_REPORT_OPTIONS_INIT;

    cr_assert_not_null(dir);
    cr_assert(eq(int, cn_render_fit_parse(&o.fit_width, &o.fit_height, "a4"), 0));
    while ((de = readdir(dir))) {
        char path[512], out[512];
        struct stat st;
        cn_graph *g = NULL;
        cn_diag_list *d;
        snprintf(path, sizeof path, "data/%s/nodes.csv", de->d_name);
        if (de->d_name[0] == '.' || stat(path, &st) != 0) {
            continue;
        }
        snprintf(path, sizeof path, "data/%s", de->d_name);
        cr_assert(eq(int, cn_diag_list_create(&d, 0), 0));
        if (cn_load_dataset(&g, path, NULL, d) == 0) { /* notes are no problem */
            snprintf(out, sizeof out, "%s/%s", tmpdir, de->d_name);
            o.dataset = path;
            cr_assert(eq(int, cn_report_write(out, g, &o), 0), "%s: %s", path, cn_errmsg());
            reported++;
        }
        cn_graph_destroy(g);
        cn_diag_list_destroy(d);
    }
    closedir(dir);
    /* the fixtures named above are among them */
    cr_assert(ge(sz, reported, 30), "%zu datasets reported", reported);
    char cmd[600];
    snprintf(cmd, sizeof cmd,
             "grep -q 'The dataset has no network: no card to draw' %s/karate/index.html && "
             "test -s %s/gephi_export/tables/network_alignment.csv",
             tmpdir, tmpdir);
    cr_assert(eq(int, system(cmd), 0));
}

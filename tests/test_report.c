/* The report: well-formed HTML (libxml2's HTML parser), every file it names exists, Markdown
 * links resolve, data are escaped, reruns are byte-identical, the directory is replaced
 * atomically, and a headless Chromium draws the page. */
#define _GNU_SOURCE /* memmem */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <dirent.h>
#include <libxml/HTMLparser.h>
#include <libxml/xpath.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "helpers.h"

static char tmpdir[64];

static void make_tmp(void)
{
    snprintf(tmpdir, sizeof tmpdir, "/tmp/cn-report-XXXXXX");
    cr_assert_not_null(mkdtemp(tmpdir));
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

static size_t xpath_count(htmlDocPtr doc, const char *expr, char ***values)
{
    xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
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
    cr_assert(eq(sz, n, 10));
    cr_assert(eq(str, v[0], "Summary"));
    cr_assert(eq(str, v[2], "Central actors"));
    cr_assert(eq(str, v[5], "Coverage and gaps"));
    cr_assert(eq(str, v[9], "What the data lack"));
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
    /* four inline diagrams, with the figure files beside them */
    cr_assert(eq(sz, xpath_count(doc, "//figure", NULL), 4));
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
    n = xpath_count(doc, "//table[caption[starts-with(., 'Networks')]]/tbody/tr/td[3]", &v);
    cr_assert(eq(sz, n, 1));
    cr_assert(eq(str, v[0], "<script>alert(\"x\")</script> & co")); /* the lead, as text */
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
    cr_assert(not(eq(ptr, strstr(csv, "\"<script>alert(\"\"x\"\")</script> & co\""), NULL)), "%s", csv);
    free(csv);
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
    cr_assert(eq(int, cn_report_write(dir, g, &o), CN_EIO));
    cr_assert(not(eq(ptr, strstr(cn_errmsg(), "not a collabnet report"), NULL)), "%s", cn_errmsg());
    snprintf(cmd, sizeof cmd, "test \"$(cat %s/mine/notes.txt)\" = keep && test $(ls -A %s | wc -l) -eq 3",
             tmpdir, tmpdir);
    cr_assert(eq(int, system(cmd), 0));
    cn_graph_destroy(g);
    cn_diag_list_destroy(d);
}

static int sh(const char *cmd)
{
    int st = system(cmd);
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

Test(report_cli, exit_statuses, .init = make_tmp, .fini = remove_tmp, .timeout = 300)
{
    char cmd[700];
    const char *c = getenv("COLLABNET");
    cr_assert_not_null(c);
    snprintf(cmd, sizeof cmd, "%s report ../data/vn-374 -o %s/r 2>%s/err && test -s %s/r/index.html "
                              "&& test ! -s %s/err", c, tmpdir, tmpdir, tmpdir, tmpdir);
    cr_assert(eq(int, sh(cmd), 0)); /* stderr is not a terminal: no progress lines */
    /* on a terminal, one progress line per stage (script(1) gives the command a terminal) */
    snprintf(cmd, sizeof cmd, "script -qec '%s report ../data/vn-374 -o %s/t' /dev/null | "
                              "grep -c '^collabnet report: ' | grep -qx 7", c, tmpdir);
    cr_assert(eq(int, sh(cmd), 0));
    snprintf(cmd, sizeof cmd, "%s report ../data/vn-374 2>/dev/null", c);
    cr_assert(eq(int, sh(cmd), 64));
    snprintf(cmd, sizeof cmd, "%s report data/unknown_kind -o %s/x 2>/dev/null", c, tmpdir);
    cr_assert(eq(int, sh(cmd), 65));
    snprintf(cmd, sizeof cmd, "%s report ../data/vn-374 -t data/targets_bad/targets.ini -o %s/x 2>/dev/null", c, tmpdir);
    cr_assert(eq(int, sh(cmd), 65));
    snprintf(cmd, sizeof cmd, "%s report ../data/vn-374 -t nowhere.ini -o %s/x 2>/dev/null", c, tmpdir);
    cr_assert(eq(int, sh(cmd), 66));
    snprintf(cmd, sizeof cmd, "mkdir %s/mine && touch %s/mine/a && %s report ../data/vn-374 -o %s/mine 2>/dev/null",
             tmpdir, tmpdir, c, tmpdir);
    cr_assert(eq(int, sh(cmd), 74));
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
    cr_assert(eq(int, sh(cmd), 0));
    snprintf(cmd, sizeof cmd,
             "%s --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1280,900 "
             "--dump-dom file://%s/probe.html 2>/dev/null | grep -o 'data-tops=\"[0-9,;]*\"' > %s/tops",
             chrome, dir, tmpdir);
    cr_assert(eq(int, sh(cmd), 0), "Chromium did not load the page");
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
    cr_assert(eq(int, k, 10), "%s", tops);
    cr_assert(gt(long, height, prev), "the page (%ld px) ends above its last section", height);
    cr_assert(gt(long, height, 4000), "the page is only %ld px high", height);
    free(tops);
    /* a screenshot: an empty white page compresses to a few KB, this one does not */
    snprintf(cmd, sizeof cmd,
             "%s --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1280,2400 "
             "--screenshot=%s/shot.png file://%s/index.html >/dev/null 2>&1", chrome, tmpdir, dir);
    cr_assert(eq(int, sh(cmd), 0));
    struct stat st;
    snprintf(path, sizeof path, "%s/shot.png", tmpdir);
    cr_assert(eq(int, stat(path, &st), 0));
    cr_assert(gt(long, (long)st.st_size, 60000), "screenshot of %ld bytes: blank?", (long)st.st_size);
}

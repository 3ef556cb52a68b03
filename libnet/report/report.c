/* The report: what the ecosystem is, who is central, how networks overlap, where the gaps are,
 * with every diagram and table, as one self-contained HTML page and the same in Markdown.
 * report.c assembles the page and writes the directory (replaced only when complete); doc.c
 * has the document primitives, sections.c the sections. */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "doc.h"
#include "../analysis/parallel.h"
#include "../render/text.h"
#include "../render/views.h"

bool cn_csv_formula_like(const char *s)
{
    return cni_csv_formula_like(s);
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
    /* a caption is as wide as its table: on a phone it would scroll out of sight with it */
    "caption{text-align:left;font-style:italic;padding:.25rem 0;max-width:calc(100vw - 1.5rem)}\n"
    "th,td{border:1px solid #c8c8c8;padding:.25rem .5rem;text-align:left;vertical-align:top}\n"
    "td{min-width:3.5rem}\n"
    "th{background:#f1f1f1}\n"
    "td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}\n"
    "figure{margin:1.25rem 0}\n"
    "figure svg{display:block;max-width:100%;height:auto}\n"
    "figure a.full{display:block;cursor:zoom-in}\n"
    "figcaption{font-size:.9rem;color:#444;margin-top:.4rem}\n"
    ".more,footer{font-size:.85rem;color:#555}\n"
    "footer{margin-top:3rem;border-top:1px solid #ddd;padding-top:.5rem}\n"
    "@media (max-width:40rem){main{padding:.5rem .75rem 2rem}nav ol{columns:1}"
    "h1{font-size:1.45rem}}\n"
    "@media print{main{max-width:none;padding:0}nav{display:none}h2{break-after:avoid}"
    "figure,tr{break-inside:avoid}a{color:inherit;text-decoration:none}"
    ".table-wrap{overflow:visible}}\n";

/* ---- the centrality section in a worker ---- */

/* On a large graph the centrality section (sampled betweenness: at generated L 2 minutes on two
 * processes) is computed in a forked worker while this process writes the other sections, none
 * of which needs it; its text is put back in its place and its files are written here, so the
 * report is the same, byte for byte. The job is held (parallel.h): its betweenness uses one
 * process fewer while this one works (on two CPUs, one), all of them once this one waits, so
 * that no more processes than processors compete for the memory bus. */
size_t cni_rep_worker_above = REPORT_SAMPLE_ABOVE;
void (*cni_rep_in_worker)(rep *r);

/* In the worker (its own copy of *r): the section, then what it wrote: its files (as
 * cni_rep_write_file() keeps them: sizes, name, bytes), its HTML, its Markdown, and the two
 * lengths last. */
static int centrality_job(cni_buf *out, void *ctx)
{
    rep *r = ctx;
    size_t html_at = r->html.len, md_at = r->md.len;
    uint64_t lens[2];

    r->files = out;
    if (cni_rep_in_worker) {
        cni_rep_in_worker(r);
    }
    cni_rep_section_centrality(r);
    if (r->rc == 0 && (r->html.failed || r->md.failed)) {
        cni_rep_fail_oom(r);
    }
    if (r->rc != 0) {
        return r->rc;
    }
    lens[0] = r->html.len - html_at;
    lens[1] = r->md.len - md_at;
    cni_buf_add(out, r->html.s + html_at, lens[0]);
    cni_buf_add(out, r->md.s + md_at, lens[1]);
    cni_buf_add(out, (const char *)lens, sizeof lens);
    return 0;
}

/* @p b with @p n bytes of @p s inserted at @p at. */
static void insert_at(rep *r, cni_buf *b, size_t at, const char *s, size_t n)
{
    cni_buf t;

    cni_buf_init(&t);
    cni_buf_add(&t, b->s, at);
    cni_buf_add(&t, s, n);
    cni_buf_add(&t, b->s + at, b->len - at);
    if (t.failed || b->failed) {
        cni_buf_fini(&t);
        cni_rep_fail_oom(r);
        return;
    }
    cni_buf_fini(b);
    *b = t;
}

/* Wait for the worker and put what it wrote where the section stands in the page: at @p html_at
 * and @p md_at, its files listed in the manifest from index @p names_at, as a sequential run
 * would. When this process failed meanwhile, the worker is stopped instead. */
static void centrality_join(rep *r, cni_par_job *job, size_t html_at, size_t md_at,
                            size_t names_at)
{
    cni_buf res;
    uint64_t lens[2];
    const char *p, *end;
    size_t names_from = r->out.n;
    int rc;

    if (r->rc != 0) {
        cni_par_cancel(job);
        return;
    }
    cni_buf_init(&res);
    cni_par_release(job); /* this process is done: its processor goes to the job */
    if ((rc = cni_par_join(job, &res)) != 0 || res.len < sizeof lens) {
        r->rc = rc != 0 ? rc : cni_fail(CN_ERROR, "a worker process failed");
        cni_buf_fini(&res);
        return;
    }
    memcpy(lens, res.s + res.len - sizeof lens, sizeof lens);
    end = res.s + res.len - sizeof lens - lens[0] - lens[1];
    for (p = res.s; p < end && r->rc == 0;) {
        uint64_t sizes[2];
        char rel[256];
        memcpy(sizes, p, sizeof sizes);
        snprintf(rel, sizeof rel, "%.*s", (int)sizes[0], p + sizeof sizes);
        cni_rep_write_file(r, rel, p + sizeof sizes + sizes[0], sizes[1]);
        p += sizeof sizes + sizes[0] + sizes[1];
    }
    if (r->rc == 0) {
        insert_at(r, &r->html, html_at, end, lens[0]);
        insert_at(r, &r->md, md_at, end + lens[0], lens[1]);
        cni_outdir_move_names(&r->out, names_at, names_from);
    }
    cni_buf_fini(&res);
}

static void document(rep *r, const char *title)
{
    static const struct {
        const char *id, *name;
    } toc[] = { { "summary", "Summary" }, { "networks", "Networks" },
                { "central-actors", "Central actors" }, { "cut-points", "Single points of failure" },
                { "communities", "Communities" }, { "mixing", "Mixing of regions" },
                { "brokerage", "Brokers between regions" },
                { "overlap", "How networks overlap" }, { "coverage", "Coverage and gaps" },
                { "membership", "Membership" }, { "collaboration", "Collaboration" },
                { "provenance", "Sources" }, { "lacks", "What the data lack" } };
    bool ties = cn_graph_tie_count(r->g) > 0;

    cni_buf_puts(&r->html, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                           "<meta name=\"viewport\" content=\"width=device-width, "
                           "initial-scale=1\">\n<meta name=\"generator\" content=\"collabnet ");
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
    cni_rep_paraf(r,
                  "Made by collabnet %s from %s%s%s. Each table is also a CSV file in tables/, "
                  "each diagram an SVG, PNG and PDF file in figures/.",
                  cn_version(), r->o->dataset ? r->o->dataset : "the dataset",
                  r->o->at ? " as it stood " : "", r->at);
    if (r->o->label_column) {
        cni_rep_paraf(r,
                      "The diagrams name each node by its %s column (by its label where that "
                      "is empty); the tables give its label.",
                      r->o->label_column);
    }
    cni_buf_puts(&r->html, "<nav aria-label=\"Contents\"><ol>\n");
    for (size_t k = 0; k < sizeof toc / sizeof *toc; k++) {
        if (!ties && strcmp(toc[k].id, "collaboration") == 0) {
            continue;
        }
        cni_buf_printf(&r->html, "<li><a href=\"#%s\">%s</a></li>\n", toc[k].id, toc[k].name);
    }
    cni_buf_puts(&r->html, "</ol></nav>\n");

    cni_rep_stage(r, "summary");
    cni_rep_section_summary(r);
    cni_rep_section_networks(r);
    size_t html_at = r->html.len, md_at = r->md.len, names_at = r->out.n;
    cni_par_job *job = NULL;
    if (r->rc == 0 && cn_graph_node_count(r->g) > cni_rep_worker_above
        && cni_par_workers(0) > 1) {
        r->rc = cni_par_start(&job, centrality_job, r, true);
    }
    if (!job) {
        cni_rep_stage(r, "centrality");
        cni_rep_section_centrality(r);
    }
    cni_rep_stage(r, "cuts"); /* not centrality: --timings tells what is besides it */
    cni_rep_section_cuts(r);
    cni_rep_stage(r, "communities");
    cni_rep_section_communities(r);
    cni_rep_stage(r, "mixing");
    cni_rep_section_mixing(r);
    cni_rep_section_brokerage(r);
    cni_rep_stage(r, "overlap");
    cni_rep_section_overlap(r);
    cni_rep_stage(r, "coverage");
    cni_rep_section_coverage(r);
    cni_rep_stage(r, "diagrams");
    if (r->rc == 0) {
        cni_rep_heading(r, 2, "membership", "Membership");
        cni_rep_figure(r, CN_RENDER_MEMBERSHIP, "membership",
                       "Networks with their members: lead ties thick, partner ties dashed.");
    }
    if (r->rc == 0 && ties) {
        cni_rep_heading(r, 2, "collaboration", "Collaboration");
        cni_rep_figure(r, CN_RENDER_COLLABORATION, "collaboration",
                       "Actors and their collaboration ties, sized by PageRank on those ties.");
    }
    cni_rep_stage(r, "sources");
    cni_rep_section_provenance(r);
    cni_rep_section_lacks(r);
    cni_buf_puts(&r->html, "<footer>");
    cni_buf_html_text(&r->html, "collabnet ");
    cni_buf_html_text(&r->html, cn_version());
    cni_buf_puts(&r->html, ": diagrams by Graphviz, graph measures by igraph.</footer>\n"
                           "</main>\n</body>\n</html>\n");
    if (job) {
        /* --timings: the wait for the worker, with its processor time */
        cni_rep_stage(r, "centrality");
        centrality_join(r, job, html_at, md_at, names_at);
    }
    if (r->html.failed || r->md.failed) {
        cni_rep_fail_oom(r);
    }
}

/* ---- the title ---- */

/* @p at in words: "in 2024", "in March 2024", "on 15 March 2024" (--at keeps the edges in force
 * at some time in the period a date names, README "Time"); *period: a year or a month. */
static void date_words(char *buf, size_t size, bool *period, const char *at)
{
    static const char *const months[] = { "January", "February", "March", "April", "May",
                                          "June", "July", "August", "September", "October",
                                          "November", "December" };
    cn_date d;

    *period = false;
    if (cn_date_parse(&d, at) < 0 || d.year == 0) {
        cni_clear_error();
        snprintf(buf, size, "on %s", at);
    } else if (d.day) {
        snprintf(buf, size, "on %d %s %d", d.day, months[d.month - 1], d.year);
    } else if (d.month) {
        *period = true;
        snprintf(buf, size, "in %s %d", months[d.month - 1], d.year);
    } else {
        *period = true;
        snprintf(buf, size, "in %d", d.year);
    }
}

/* The first Markdown heading ("# Title") of the file at @p path, cleaned; NULL when there is
 * none or it cannot be read (a symbolic link or special file is not read: the sources section
 * says so). */
static char *sources_heading(const char *path)
{
    int fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    FILE *fp = NULL;
    struct stat st;
    char *line = NULL, *res = NULL;
    size_t cap = 0;
    bool fenced = false;

    if (fd >= 0 && (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || !(fp = fdopen(fd, "rb")))) {
        close(fd);
    }
    for (ssize_t n; fp && !res && (n = getline(&line, &cap, fp)) >= 0;) {
        char *p = line + (strncmp(line, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0), *end;
        size_t hashes = strspn(p, "#");
        if (strncmp(p, "```", 3) == 0 || strncmp(p, "~~~", 3) == 0) {
            fenced = !fenced;
        }
        if (fenced || hashes == 0 || hashes > 6 || (p[hashes] != ' ' && p[hashes] != '\t')) {
            continue;
        }
        p += hashes;
        end = p + strlen(p);
        while (end > p && strchr(" \t\r\n#", end[-1])) {
            end--; /* the closing #s of "# Title #" */
        }
        *end = '\0';
        res = cni_text_clean(p);
        if (res && !*res) {
            free(res);
            res = NULL;
        }
    }
    if (fp) {
        fclose(fp);
    }
    free(line);
    return res;
}

/* The default title: "Ecosystem report: " and the dataset's name (the first heading of its
 * SOURCES.md, else the last part of its path), with the date of --at. */
static char *default_title(const rep *r)
{
    const char *path = r->o->dataset ? r->o->dataset : "dataset";
    char *heading = r->o->sources ? sources_heading(r->o->sources) : NULL, *res, *real = NULL;
    size_t len = strlen(path);
    cni_buf t;

    /* "." or "..": the directory's own name */
    if (!heading && (strcmp(path, ".") == 0 || strcmp(path, "..") == 0 || strcmp(path, "./") == 0
                     || strcmp(path, "../") == 0) && (real = realpath(path, NULL))) {
        path = real;
        len = strlen(path);
    }

    cni_buf_init(&t);
    cni_buf_puts(&t, "Ecosystem report: ");
    if (heading) {
        cni_buf_puts(&t, heading);
    } else {
        while (len > 1 && path[len - 1] == '/') {
            len--;
        }
        const char *base = path + len;
        while (base > path && base[-1] != '/') {
            base--;
        }
        cni_buf_add(&t, base, (size_t)(path + len - base));
    }
    if (r->o->at) {
        cni_buf_printf(&t, ", %s", r->at);
    }
    res = cni_buf_str(&t) ? cni_text_clean(t.s) : NULL;
    cni_buf_fini(&t);
    free(heading);
    free(real);
    return res;
}

/* ---- the directory, replaced only when it holds nothing but an earlier report ---- */

int cn_report_write(const char *dir, const cn_graph *g, const cn_report_options *opts)
{
    cn_report_options defaults = CN_REPORT_OPTIONS_INIT;
    rep r;
    char *title = NULL;
    size_t col;

    if (!dir || !g) {
        return cni_fail(CN_EINVAL, "cn_report_write: %s is NULL", !dir ? "dir" : "g");
    }
    if (!*dir) {
        return cni_fail(CN_EINVAL, "cn_report_write: dir is empty");
    }
    memset(&r, 0, sizeof r);
    r.g = g;
    r.o = opts ? opts : &defaults;
    if (r.o->label_column && (r.rc = cni_draw_label_column(&col, g, r.o->label_column)) != 0) {
        return r.rc;
    }
    if (r.o->at) {
        date_words(r.at, sizeof r.at, &r.at_period, r.o->at);
    }
    /* first: a directory that is not ours is refused before anything is computed */
    if ((r.rc = cni_outdir_open(&r.out, dir, "report")) != 0) {
        return r.rc;
    }
    if ((r.rc = cni_outdir_mkdir(&r.out, "figures")) == 0) {
        r.rc = cni_outdir_mkdir(&r.out, "tables");
    }
    cni_buf_init(&r.html);
    cni_buf_init(&r.md);
    /* kept in r: a centrality worker that leaves mid-way holds it there (no leak under
     * valgrind) */
    title = r.title = r.o->title ? cni_text_clean(r.o->title) : default_title(&r);
    if (!title) {
        cni_rep_fail_oom(&r);
    }
    if (r.rc == 0) {
        document(&r, title);
    }
    cni_rep_stage(&r, "writing");
    if (r.rc == 0) {
        cni_rep_write_file(&r, "index.html", r.html.s, r.html.len);
        cni_rep_write_file(&r, "report.md", r.md.s, r.md.len);
    }
    if (r.rc == 0) {
        r.rc = cni_outdir_commit(&r.out);
    } else {
        cni_outdir_abort(&r.out);
    }
    cni_buf_fini(&r.html);
    cni_buf_fini(&r.md);
    cni_render_memo_fini(&r.memo);
    if (r.info_done) {
        cni_results_info_fini(&r.info);
    }
    free(title);
    return r.rc;
}

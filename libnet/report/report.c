/* The report: what the ecosystem is, who is central, how networks overlap, where the gaps are,
 * with every diagram and table, as one self-contained HTML page and the same in Markdown.
 * report.c assembles the page and writes the directory (replaced only when complete); doc.c
 * has the document primitives, sections.c the sections. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "../render/text.h"

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
                  r->o->at ? " as it stood on " : "", r->o->at ? r->o->at : "");
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
    cni_rep_stage(r, "centrality");
    cni_rep_section_centrality(r);
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
    if (r->html.failed || r->md.failed) {
        cni_rep_fail_oom(r);
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
    free(title);
    return r.rc;
}

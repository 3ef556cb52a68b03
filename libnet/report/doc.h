/* Internal: the report being written (report.c), its document primitives (doc.c) and its
 * sections (sections.c). Each primitive writes the HTML page and the Markdown file at once and
 * does nothing once r->rc is set, so a section checks for failure once, at its end. */
#ifndef CNI_REPORT_DOC_H
#define CNI_REPORT_DOC_H

#include <stdbool.h>
#include <stddef.h>

#include <collabnet/collabnet.h>

#include "../render/memo.h"
#include "../results/results.h"
#include "../util/buf.h"
#include "../util/outfile.h"
#include "../util/table.h"
#include "../util/util.h"

typedef struct rep {
    const cn_graph *g;
    const cn_report_options *o;
    cni_outdir out;  /* the directory being written */
    bool sources_left_out; /* SOURCES.md is a symbolic link or not a regular file */
    cni_buf html, md;
    int rc;          /* first failure; later steps are skipped */
    char at[40];     /* o->at in words: "in 2024", "in March 2024", "on 15 March 2024"; "" */
    bool at_period;  /* o->at names a year or a month, not a day */
    cni_render_memo memo; /* the partition and PageRank the sections and figures share */
    cni_info info;        /* the counts the summary and the networks section share */
    bool info_done;       /* info computed (released at the end) */
    char *title;          /* the report's title (released at the end) */
    cni_buf *files;       /* in the worker that computes a section (report.c): the files it
                             would write, kept here for the caller to write (NULL: written) */
    char *mem;            /* there, the file being written (open_memstream) */
    size_t mem_len;
} rep;

/* Tests only: a graph of more nodes than this has its centrality section computed in a worker
 * process while the other sections are written (default REPORT_SAMPLE_ABOVE); SIZE_MAX: never. */
extern size_t cni_rep_worker_above;
/* Tests only: called in that worker before the section (to make it fail or die). */
extern void (*cni_rep_in_worker)(rep *r);

/* Past this many nodes, betweenness is estimated from sampled sources (as the centrality
 * command does by default). */
#define REPORT_SAMPLE_ABOVE 50000
#define REPORT_SAMPLE_SOURCES 256
/* A list cell on the page shows this many items ("2; 3; … and 1,003,766 more", the Sources
 * of a million edges); tables/NAME.csv has every one. */
#define REPORT_PAGE_ITEMS 10
/* The mixing heat map shows at most this many regions (a square: rows and columns). */
#define REPORT_HEAT_MAP_GROUPS 30

/* r->rc = CN_ENOMEM unless already failed; returns r->rc. */
int cni_rep_fail_oom(rep *r);
/* DIR/@p rel with @p len bytes of @p data. */
void cni_rep_write_file(rep *r, const char *rel, const char *data, size_t len);
void cni_rep_heading(rep *r, int level, const char *id, const char *text);
void cni_rep_para(rep *r, const char *text);
void cni_rep_paraf(rep *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* A result table (results/): in full to tables/NAME.csv with the CLI's columns and 17
 * significant digits; its first @p show rows on the page (0: a link to the file alone), with
 * the columns marked CNI_IN_PAGE, reals in their display format and lists cut at
 * REPORT_PAGE_ITEMS items. */
void cni_rep_emit_result(rep *r, const cni_table *t, const char *caption, size_t show);
/* The same, but past @p show rows the page shows the rows with the largest sum of the numeric
 * columns @p cols (NULL-terminated), largest first (ties in the table's order), and says they
 * are those "with the most @p most"; the CSV keeps the table's order. Hundreds of regions: the
 * page shows those that matter, not the first 50 by name. */
void cni_rep_emit_largest(rep *r, const cni_table *t, const char *caption, size_t show,
                          const char *const *cols, const char *most);
/* tables/NAME.csv of a result table alone, in full; its path relative to the report in
 * @p rel. */
void cni_rep_write_result_csv(rep *r, const cni_table *t, char rel[256]);
/* The same, or @p none when it has no row (its CSV, a header alone then, is written anyway). */
void cni_rep_emit_result_or_say(rep *r, const cni_table *t, const char *caption, size_t show,
                                const char *none);
/* A diagram: figures/STEM.svg, .png and .pdf, the SVG inline in the page. */
void cni_rep_figure(rep *r, cn_render_view view, const char *stem, const char *caption);
/* The same with render options (view, by_community, ...; targets and max_shared: the
 * report's). */
void cni_rep_figure_with(rep *r, const cn_render_options *base, const char *stem,
                         const char *caption);
/* Tell the caller's stage callback (progress) that @p name begins. */
void cni_rep_stage(rep *r, const char *name);

/* The sections, in the order of the page (sections.c). */
void cni_rep_section_summary(rep *r);
void cni_rep_section_networks(rep *r);
void cni_rep_section_centrality(rep *r);
void cni_rep_section_cuts(rep *r);
/* Mixing of regions (E-I, assortativity, the matrix as a heat map) and the brokers between them
 * (sections.c; README "mixing", "brokerage"). */
void cni_rep_section_mixing(rep *r);
void cni_rep_section_brokerage(rep *r);
void cni_rep_section_communities(rep *r);
void cni_rep_section_overlap(rep *r);
void cni_rep_section_coverage(rep *r);
void cni_rep_section_provenance(rep *r);
void cni_rep_section_lacks(rep *r);

#endif

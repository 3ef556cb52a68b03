/* collabnet — the report: one directory with a self-contained HTML page, the same in Markdown,
 * every diagram (SVG, PNG, PDF) and every table (CSV). */
#ifndef COLLABNET_REPORT_H
#define COLLABNET_REPORT_H

#include <stddef.h>

#include <collabnet/analysis.h>
#include <collabnet/error.h>
#include <collabnet/model.h>
#include <collabnet/render.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Called as each stage of the report starts ("centrality", "figures", ...). */
typedef void cn_report_stage_fn(const char *stage, void *ctx);

typedef struct cn_report_options {
    const char *title;         /**< NULL: "Ecosystem report: " + the dataset's name */
    const char *dataset;       /**< how the dataset is named in the text (e.g. its path); NULL:
                                    "the dataset" */
    const cn_targets *targets; /**< coverage and gaps against these; NULL: the matrix alone */
    const char *targets_name;  /**< how the targets are named in the text (e.g. their path) */
    const char *at;            /**< the date the data were cut at (--at), for the text; NULL:
                                    every edge */
    const char *sources;       /**< a Markdown file on the data's sources and what they lack
                                    (e.g. DATASET/SOURCES.md), copied into the report and
                                    linked; NULL: none */
    size_t top;                /**< actors listed per kind and measure; 0: 10 */
    cn_report_stage_fn *stage; /**< may be NULL */
    void *stage_ctx;
} cn_report_options;

#define CN_REPORT_OPTIONS_INIT { NULL, NULL, NULL, NULL, NULL, NULL, 0, NULL, NULL }

/**
 * Write the report of @p g into directory @p dir: index.html, report.md, figures/ (each
 * diagram as .svg, .png and .pdf), tables/ (each table as .csv) and, when given, SOURCES.md.
 * Everything is written into a temporary directory beside @p dir, which then takes the place
 * of @p dir: a failed run leaves an earlier report as it was. The same input gives the same
 * files, byte for byte.
 * @return 0, CN_EINVAL, CN_EIO (cannot create or write; cn_errmsg() says which), CN_ERENDER,
 *         CN_EGRAPH or CN_ENOMEM
 */
int cn_report_write(const char *dir, const cn_graph *g, const cn_report_options *opts);

#ifdef __cplusplus
}
#endif
#endif

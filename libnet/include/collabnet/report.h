/* collabnet — the report: one directory with a self-contained HTML page, the same in Markdown,
 * every diagram (SVG, PNG, PDF) and every table (CSV). */
#ifndef COLLABNET_REPORT_H
#define COLLABNET_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

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
    const char *title;         /**< NULL: "Ecosystem report: " + the first heading of
                                    @p sources, else the last part of @p dataset's path, and
                                    the date of @p at ("in 2024", "in March 2024", "on 15
                                    March 2024") */
    const char *dataset;       /**< how the dataset is named in the text (e.g. its path); NULL:
                                    "the dataset" */
    const cn_targets *targets; /**< coverage and gaps against these; NULL: the matrix alone */
    const char *targets_name;  /**< how the targets are named in the text (e.g. their path) */
    const char *at;            /**< the date the data were cut at (--at), for the text; NULL:
                                    every edge */
    const char *sources;       /**< a Markdown file on the data's sources and what they lack
                                    (e.g. DATASET/SOURCES.md), copied into the report and
                                    linked; NULL: none. A symbolic link or anything but a
                                    regular file is left out, and the report says so */
    size_t top;                /**< actors listed per kind and measure; 0: 10 */
    bool csv_raw;              /**< false: in the tables a text cell starting with = + - @
                                    (or a tab or carriage return) gets a ' in front, so that a
                                    spreadsheet does not run it as a formula; true: as is */
    cn_report_stage_fn *stage; /**< may be NULL */
    void *stage_ctx;
    size_t max_shared;         /**< the overlap's bound (cn_overlap_options.max_shared; 0:
                                    CN_OVERLAP_MAX_SHARED) */
    const cn_graph *scenario;  /**< the dataset with a scenario applied (cn_load_options
                                    .scenario, .without): with targets, the coverage section
                                    gives the checks met with it and the gaps it closes and
                                    opens (tables/scenario_totals.csv, scenario_changes.csv);
                                    NULL: none */
    const char *scenario_name; /**< how the scenario is named in the text */
    bool csv_bom;              /**< every tables/NAME.csv begins with a UTF-8 byte-order mark
                                    (Excel reads them as UTF-8 by it) */
    const cn_graph *compare_from; /**< with compare_to and targets: the data at two dates
                                       (loaded with cn_load_options.at), compared in the
                                       coverage section as `collabnet coverage --compare`
                                       does; NULL: no comparison */
    const cn_graph *compare_to;
    const char *compare_from_name; /**< the two dates, for the text */
    const char *compare_to_name;
    const char *label_column;  /**< diagrams label nodes with this node column (e.g. "name_en";
                                    the label where it is empty), and the report says so;
                                    NULL: the label. A column the dataset lacks: CN_EINVAL,
                                    nothing written */
    size_t label_width;        /**< cn_render_options.label_width of every diagram (0: 22) */
    size_t label_lines;        /**< cn_render_options.label_lines of every diagram (0: 3) */
    double fit_width;          /**< each figure laid out for this box, in points
                                    (cn_render_options.fit_width; cn_render_fit_parse()); 0:
                                    none. The collabnet command gives the a4 text block */
    double fit_height;
    double font_size;          /**< the figures' smallest text (cn_render_options.font_size) */
    unsigned dpi;              /**< the PNGs' resolution (cn_render_options.dpi; 0: 144) */
    bool fit_required;         /**< a figure that does not fit the box fails the report with
                                    CN_ELIMIT; false: it is drawn at its own size (font_size
                                    kept) and its caption says what it needs */
} cn_report_options;

#define CN_REPORT_OPTIONS_INIT                                                                 \
    { NULL, NULL, NULL, NULL, NULL, NULL, 0, false, NULL, NULL, 0, NULL, NULL, false, NULL, NULL, \
      NULL, NULL, NULL, 0, 0, 0, 0, 0, 0, false }

/**
 * Write the report of @p g into directory @p dir: index.html, report.md, figures/ (each
 * diagram as .svg, .png and .pdf), tables/ (each table as .csv), when given SOURCES.md, and
 * .collabnet-manifest, the list of every file written. @p dir must be missing (its parent
 * must exist), empty, or an earlier report: every entry in it listed in its manifest; anything
 * else is refused before any work is done. Everything is written into a temporary directory
 * (beside a missing @p dir, inside an existing one) and moved into place only when complete:
 * a failed run leaves an earlier report as it was and nothing behind. The same input gives the
 * same files, byte for byte. On a graph of more than 50,000 nodes and a machine of two or more
 * CPUs, the centrality section is computed in a forked worker process (fork(), not threads:
 * igraph as Debian builds it is not thread-safe) while the others are written; the worker ends
 * before this returns, and dies with the calling thread. @p opts->stage then hears "centrality"
 * last, before "writing", for the wait.
 * @param opts  may be NULL (CN_REPORT_OPTIONS_INIT)
 * @return 0, CN_EINVAL (a NULL or empty @p dir, a NULL @p g, an unknown label_column),
 *         CN_ECREATE (cannot be created
 *         there, or @p dir holds other files; cn_errmsg() says which), CN_EIO (cannot read the
 *         sources or write), CN_ERENDER, CN_ELIMIT (the overlap passes max_shared; with
 *         fit_required, a figure does not fit the box), CN_EGRAPH,
 *         CN_ERROR (the centrality worker died) or CN_ENOMEM
 */
int cn_report_write(const char *dir, const cn_graph *g, const cn_report_options *opts);

/* ---- export to other tools' formats ---- */

typedef enum cn_export_format {
    CN_EXPORT_GRAPHML = 0, /**< GraphML: NetworkX read_graphml, igraph, Gephi, Cytoscape */
    CN_EXPORT_GEXF = 1,    /**< GEXF 1.3 for Gephi, since/until as spells (timeline) */
    CN_EXPORT_JSON = 2,    /**< node-link JSON: D3, NetworkX node_link_graph */
    CN_EXPORT_DOT = 3,     /**< Graphviz DOT with every attribute */
    CN_EXPORT_COUNT = 4
} cn_export_format;

/** "graphml", "gexf", "json", "dot"; NULL if invalid. */
const char *cn_export_format_name(cn_export_format f);
/** @return 0 or CN_EINVAL (unknown or NULL) */
int cn_export_format_parse(cn_export_format *out, const char *name);

/** Which graph an export writes. */
typedef enum cn_export_graph {
    CN_EXPORT_GRAPH_ALL = 0,           /**< every node and edge row (mixed directions) */
    CN_EXPORT_GRAPH_COLLABORATION = 1, /**< the actors and their collaboration rows, undirected */
    CN_EXPORT_GRAPH_MEMBERSHIP = 2,    /**< every node and the membership rows, directed */
    CN_EXPORT_GRAPH_COUNT = 3
} cn_export_graph;

/** "all", "collaboration", "membership"; NULL if invalid. */
const char *cn_export_graph_name(cn_export_graph graph);
/** @return 0 or CN_EINVAL (unknown or NULL) */
int cn_export_graph_parse(cn_export_graph *out, const char *name);

/** The GEXF version written. */
typedef enum cn_gexf_version {
    CN_GEXF_1_3 = 0,      /**< GEXF 1.3 (Gephi 0.9 and later) */
    CN_GEXF_1_2DRAFT = 1, /**< GEXF 1.2draft (NetworkX read_gexf, older Gephi) */
    CN_GEXF_VERSION_COUNT = 2
} cn_gexf_version;

/** "1.3", "1.2draft"; NULL if invalid. */
const char *cn_gexf_version_name(cn_gexf_version v);
/** @return 0 or CN_EINVAL (unknown or NULL) */
int cn_gexf_version_parse(cn_gexf_version *out, const char *name);

typedef struct cn_export_options {
    cn_export_format format;
    const cn_measure *measures; /**< computed and written as node attributes; may be NULL */
    size_t nmeasures;
    cn_centrality_options centrality; /**< how the measures are computed */
    cn_export_graph graph;            /**< which nodes and edges are written */
    cn_gexf_version gexf_version;     /**< for CN_EXPORT_GEXF */
    const char *brokerage_by; /**< NULL: none; else the Gould-Fernandez brokerage counts of
                                   each actor between the groups of this attribute (region,
                                   country, kind or an extra column; README "brokerage") as
                                   node attributes brokerage_ROLE */
    bool communities;                 /**< add community (numbered from 1, largest first) and
                                           community_size (integers) as node attributes */
    cn_community_options community;   /**< how the communities are found */
} cn_export_options;

#define CN_EXPORT_OPTIONS_INIT                                                                 \
    { CN_EXPORT_GRAPHML, NULL, 0, CN_CENTRALITY_OPTIONS_INIT, CN_EXPORT_GRAPH_ALL, CN_GEXF_1_3, \
      NULL, false, CN_COMMUNITY_OPTIONS_INIT }

/**
 * Write @p g with every node and edge attribute (id, label, kind, region, country, fields,
 * the extra columns; kind, role, weight, since, until, ref and the extra columns of every
 * edge row) and the requested measures to @p fp. Every edge row is an edge, directed from
 * source to target as in edges.csv (collaboration edges are undirected in GEXF); fields are
 * one string joined by ';' (a list in JSON); empty values are left out; a measure undefined
 * for a node (outside its graph) is left out, as are the brokerage counts of a node outside
 * the brokerage graph (a network, an actor without a value). opts->graph keeps the
 * collaboration graph (actors, collaboration rows, undirected) or the membership graph
 * (directed) alone. GEXF spells give a reduced date as a calendar day: the first day of its
 * period for the start, the last for the end (since 2021-02: 2021-02-01; until 2027:
 * 2027-12-31). Streams: memory stays bounded for any size.
 * @param opts  may be NULL (CN_EXPORT_OPTIONS_INIT)
 * @return 0, CN_EINVAL (a NULL @p fp or @p g; a bad format, graph, GEXF version, measure or
 *         centrality option; a brokerage_by that names no column or is field), CN_EDATA
 *         (brokerage_by: no actor has a value, no tie between two that have one), CN_EIO (a
 *         write failed), CN_EGRAPH, CN_ERENDER or CN_ENOMEM; with communities, also what
 *         cn_communities_compute() returns (CN_EDATA for a graph with no ties)
 */
int cn_export(FILE *fp, const cn_graph *g, const cn_export_options *opts);

/**
 * Whether a spreadsheet would run text cell @p s as a formula: it starts with = + - @, a tab or
 * a carriage return. collabnet's CSV writers (the report's tables, the commands' -f csv) put a
 * ' in front of such a text cell unless asked for raw output. False for NULL.
 */
bool cn_csv_formula_like(const char *s);

#ifdef __cplusplus
}
#endif
#endif

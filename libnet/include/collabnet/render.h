/* collabnet — diagrams of the model with Graphviz (laid out and drawn in-process). */
#ifndef COLLABNET_RENDER_H
#define COLLABNET_RENDER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <collabnet/analysis.h>
#include <collabnet/error.h>
#include <collabnet/model.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Graphviz is called in-process (libcgraph, libgvc). Its messages are captured and returned
 * through cn_errmsg(), never printed. Graphviz itself ends the process when it runs out of
 * memory; nothing in collabnet can prevent that. Graphviz keeps process-wide state: call the
 * functions below from one thread at a time. The Graphviz context is made on first use and
 * kept until the library is unloaded (Graphviz 2.42 reads freed memory when a process makes a
 * second context after freeing the first).
 */

/** What a diagram shows. */
typedef enum cn_render_view {
    CN_RENDER_MEMBERSHIP = 0,    /**< networks as hubs with their members; lead ties distinct */
    CN_RENDER_OVERLAP = 1,       /**< networks, tied by the members they share */
    CN_RENDER_COVERAGE = 2,      /**< the field x region matrix as a table, gaps marked */
    CN_RENDER_COLLABORATION = 3, /**< actors and their ties, sized by a centrality measure */
    CN_RENDER_EGO = 4,           /**< the neighbourhood of one node (membership and ties) */
    CN_RENDER_VIEW_COUNT = 5
} cn_render_view;

/** Output format. */
typedef enum cn_render_format {
    CN_FORMAT_SVG = 0,
    CN_FORMAT_PNG = 1,
    CN_FORMAT_PDF = 2,
    CN_FORMAT_DOT = 3, /**< the Graphviz source, before layout: edit it or lay it out yourself */
    CN_FORMAT_COUNT = 4
} cn_render_format;

/** Names used on the command line ("membership", "svg", ...); NULL if invalid. */
const char *cn_render_view_name(cn_render_view view);
const char *cn_render_format_name(cn_render_format format);
/** Parse a view or format name (case-sensitive). @return 0 or CN_EINVAL (unknown or NULL) */
int cn_render_view_parse(cn_render_view *out, const char *name);
int cn_render_format_parse(cn_render_format *out, const char *name);
/** The format named by a file's extension (".svg", ".png", ".pdf", ".dot" or ".gv", any case).
 *  @return 0 or CN_EINVAL (no or unknown extension, a NULL argument) */
int cn_render_format_from_path(cn_render_format *out, const char *path);

/** Node budget of the membership view when cn_render_options.max_nodes is 0; the overlap view
 *  takes a quarter of it (75 networks), the others two thirds (200 nodes). */
#define CN_RENDER_MAX_NODES 300
/** Highest PNG resolution (cn_render_options.dpi); above it cn_render() gives CN_EINVAL. */
#define CN_RENDER_MAX_DPI 2400u

typedef struct cn_render_options {
    cn_render_view view;
    cn_render_format format;
    const char *engine;    /**< Graphviz layout engine; NULL: chosen by view and size (README
                                "Diagrams") */
    size_t max_nodes;      /**< node budget; past it nodes are aggregated or the least central
                                left out, as the legend says; 0: by view (CN_RENDER_MAX_NODES) */
    bool group_by_region;  /**< membership and ego: one Graphviz cluster per region */
    cn_measure size_by;    /**< collaboration: node size by this measure */
    cn_view ties;          /**< collaboration: CN_VIEW_COLLABORATION (ties from edges.csv) or
                                CN_VIEW_COMEMBERSHIP (actors tied by the networks they share) */
    const char *focus;     /**< ego: the node's id */
    size_t depth;          /**< ego: how many steps out (0 counts as 1) */
    const cn_targets *targets; /**< coverage: gaps against these (NULL: no gaps marked) */
    const char *title;     /**< NULL: a title from the view */
    const char *label_attr; /**< NULL or "label": the label column; else an extra node column
                                such as "name_en" (the label where that is empty) */
    unsigned dpi;          /**< PNG resolution; 0: 144; at most CN_RENDER_MAX_DPI */
    uint64_t seed;         /**< layout seed for the force-directed engines */
    size_t max_ties;       /**< collaboration with CN_VIEW_COMEMBERSHIP ties: the bound of
                                cn_centrality_options.max_ties (0: CN_COMEMBERSHIP_MAX_TIES) */
    size_t max_shared;     /**< overlap: the bound of cn_overlap_options.max_shared (0:
                                CN_OVERLAP_MAX_SHARED) */
    bool by_community;     /**< collaboration: fill each actor by its community
                                (cn_communities_compute() on the ties drawn, defaults
                                otherwise): the 8 largest in colours, the others grey; the
                                kind stays in the shape */
    size_t label_width;    /**< node labels wrap at this many characters; 0: 22 */
    size_t label_lines;    /**< and are cut to this many lines (keeping what tells two labels
                                apart, README "Diagrams"); 0: 3 */
    const char *group_column; /**< coverage: a node column (e.g. "country") grouping the
                                regions, a column per value; NULL: a column per region */
    double fit_width;      /**< the box the drawing must fit placed at 100 %, in points (72 a
                                inch; cn_render_fit_parse()); 0 with fit_height 0: no box,
                                the drawing takes the size its layout gives */
    double fit_height;
    double font_size;      /**< the smallest text in points: every font size of the view is
                                scaled by the same factor so that the smallest is this; 0: 9
                                with a box, else the view's own sizes (8 pt and up) */
} cn_render_options;

#define CN_RENDER_OPTIONS_INIT                                                                  \
    { CN_RENDER_MEMBERSHIP, CN_FORMAT_SVG, NULL, 0, false, CN_MEASURE_PAGERANK,                \
      CN_VIEW_COLLABORATION, NULL, 1, NULL, NULL, NULL, 0, 1, 0, 0, false, 0, 0, NULL, 0, 0, 0 }

/** The font size of a drawing with a box when cn_render_options.font_size is 0. */
#define CN_RENDER_FONT_SIZE 9.0

/**
 * Parse a box for cn_render_options.fit_width and fit_height: WIDTHxHEIGHT with a unit, cm,
 * mm, in or pt ("16x24cm", "6.5x9in", "450x700pt"; spaces and an upper-case X allowed), or a
 * preset: "a4" (the text block of an A4 page with 2.5 cm margins, 16 x 24.7 cm), "a4-landscape"
 * (24.7 x 16 cm), "letter" (the text block of a US letter page with 1 inch margins, 6.5 x 9
 * in) or "slide" (a 16:9 slide, 13.333 x 7.5 in, 960 x 540 pt).
 * @param[out] width, height  the box in points
 * @return 0 or CN_EINVAL (unknown preset, malformed, no unit, a side not above 0 or past 1000
 *         inches; cn_errmsg() says which)
 */
int cn_render_fit_parse(double *width, double *height, const char *text);

/** What a rendered diagram holds. */
typedef struct cn_render_stats {
    size_t nodes;        /**< diagram nodes, aggregates included, legend excluded */
    size_t edges;        /**< diagram edges */
    size_t shown;        /**< dataset nodes drawn as themselves */
    size_t aggregated;   /**< dataset nodes counted inside aggregate nodes */
    size_t left_out;     /**< dataset nodes of the view neither shown nor aggregated */
    char engine[16];     /**< the layout engine used */
    double dpi;          /**< PNG: the resolution drawn at; below the one asked for when the
                              bitmap would pass 32,000 pixels a side or 100 million pixels
                              (cairo's limit is 32,767 a side): see README "Diagrams";
                              0 for the other formats */
} cn_render_stats;

/**
 * Draw a view of @p g.
 * @param[out] out    the bytes released with cn_free(); NULL on failure
 * @param[out] len    their length
 * @param[out] stats  what the diagram holds; may be NULL
 * @param opts        may be NULL (CN_RENDER_OPTIONS_INIT: the membership view as SVG)
 * @return 0, CN_EINVAL (a NULL @p out, @p len or @p g; bad options; unknown focus node or
 *         label column; a box or font size not above 0), CN_ELIMIT (past max_ties or
 *         max_shared; with a box, the drawing does not fit it at the font size: cn_errmsg()
 *         gives the size it needs), CN_EGRAPH (an analysis failed), CN_ERENDER (Graphviz
 *         failed; its message in cn_errmsg()) or CN_ENOMEM
 *
 * With a box (fit_width, fit_height) the text is drawn at font_size and up, and the layout is
 * made to fill the box rather than scaled down to it: Graphviz's size with ratio=fill, and for
 * the dot engine the other rank direction (LR or TB) when the first does not fit; when the caller gave no max_nodes, the node budget is lowered until the
 * drawing fits, down to one node, before giving up with CN_ELIMIT; the legend says it was.
 * Each try builds the view again (the collaboration view computes its centrality, with
 * communities those too, each time). Text never shrinks below font_size.
 */
int cn_render(char **out, size_t *len, cn_render_stats *stats, const cn_graph *g,
              const cn_render_options *opts);

/**
 * Draw one view in several formats from one layout (opts->format is not used): the PNG, SVG
 * and PDF are the same drawing (laid out twice, the force-directed engines can differ within
 * one process). CN_FORMAT_DOT gives the source before layout and fitting, as cn_render().
 * @param[out] out  @p n buffers, each released with cn_free(); all NULL on failure
 * @param[out] len  their @p n lengths
 * @param[out] stats as cn_render(); dpi is the PNG's when one is asked for
 * @return as cn_render(); CN_EINVAL also for a NULL @p formats or @p n 0
 */
int cn_render_formats(char **out, size_t *len, cn_render_stats *stats, const cn_graph *g,
                      const cn_render_options *opts, const cn_render_format *formats, size_t n);

/**
 * Draw a view of @p g into @p path: a regular file (or a symbolic link's regular target) is
 * written to a temporary file beside it and renamed into place on success, keeping its mode,
 * so a failed render leaves an existing file untouched; a FIFO or device (/dev/null) is
 * written directly, never replaced; a directory or a dangling symbolic link is refused.
 * @return as cn_render(), CN_EINVAL for a NULL or empty @p path, CN_ECREATE when the file cannot be created (or is refused), CN_EIO
 *         when it cannot be written
 */
int cn_render_file(const char *path, cn_render_stats *stats, const cn_graph *g,
                   const cn_render_options *opts);

#ifdef __cplusplus
}
#endif
#endif

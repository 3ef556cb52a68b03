/* Internal: build the scene of a view. One file per view (view_*.c); what they share (the
 * look, drawing a dataset node, the legend, the budget, region clusters) is in views.c. */
#ifndef CNI_VIEWS_H
#define CNI_VIEWS_H

#include "../util/buf.h"
#include "memo.h"
#include "scene.h"

/* A view's node budget, for page fit (render.c lowers it until the drawing fits the box). */
typedef struct cni_budget {
    bool lowered;   /* in: o->max_nodes was chosen to fit the box (the legend says so) */
    size_t applied; /* out: the budget the view applied (0: the view has none) */
    bool per_side;  /* out: a table, whose sides (not area) grow with the budget */
    bool narrow;    /* in: membership cards in one column more, narrower (render.c) */
    size_t cols;    /* in: a table's columns' own budget, chosen to fit the box (0: none,
                     * o->max_nodes bounds the columns as the rows) */
    size_t applied_cols; /* out: with per_side, the budget the view applied to its columns
                          * when they have their own (applied is then the rows'); 0: none */
    double text_scale;   /* in: 0 or 1, texts wrapped to the box's width (the legend's title
                          * and note, membership's cards) wrap as estimated; below 1, that
                          * much narrower: a box narrower than the estimates (render.c) */
} cni_budget;

/* Fill @p s with view o->view of @p g (engine included); @p st gets the counts, @p b (may be
 * NULL) the budget; what it computes from the data alone comes from and is kept in @p memo.
 * 0 or an error (CN_EINVAL for a bad focus or label column, analysis errors, CN_ENOMEM). */
int cni_build_view(cni_scene *s, cn_render_stats *st, const cn_graph *g,
                   const cn_render_options *o, cni_budget *b, cni_render_memo *memo);

/* Edge looks (colour, style, width; one legend entry each), for cni_draw_look_edge(). */
enum { CNI_LOOK_LEAD, CNI_LOOK_MEMBER, CNI_LOOK_PARTNER, CNI_LOOK_TIE, CNI_LOOK_SHARED,
       CNI_LOOK_NESTED };

/* A view being built. */
typedef struct cni_draw_ctx {
    cni_scene *s;
    const cn_graph *g;
    const cn_render_options *o;
    cn_render_stats *st;
    size_t label_col; /* extra node column for labels, or CN_NONE */
    unsigned kinds;   /* node kinds drawn (legend) */
    unsigned edges;   /* edge kinds drawn (legend) */
    cni_buf note;     /* the legend's note: what was aggregated or left out */
    struct cni_drawn *drawn; /* the dataset nodes drawn, to keep their labels distinct */
    size_t ndrawn, drawn_cap;
    cni_budget *budget; /* the view sets applied and per_side; never NULL */
    cni_render_memo *memo; /* measures and partitions computed once (memo.h) */
    size_t wrap; /* the view's label width where the caller sets none (0: the default, 22);
                  * for membership cards, their lines' width (0: CARD_WIDTH) */
} cni_draw_ctx;

/* The views; each returns 0 or a negative cn_status (the scene's status included). */
int cni_views_membership(cni_draw_ctx *c);
int cni_views_overlap(cni_draw_ctx *c);
int cni_views_coverage(cni_draw_ctx *c);
int cni_views_collaboration(cni_draw_ctx *c);
int cni_views_ego(cni_draw_ctx *c);

/* The budget's text_scale for @p c: 1 unless a narrower one was asked for. */
double cni_draw_text_scale(const cni_draw_ctx *c);
/* The node column @p name labels are taken from: *out is its attribute index, CN_NONE for
 * "label" itself; CN_EINVAL naming the columns there are when the dataset has no such one. */
int cni_draw_label_column(size_t *out, const cn_graph *g, const char *name);
/* CN_ENOMEM with its message. */
int cni_draw_oom(void);
/* The text naming node i: the chosen column, else its label, else its id; cleaned (malloc'd,
 * NULL when out of memory). */
char *cni_draw_node_text(const cni_draw_ctx *c, size_t i);
/* Text from the data that is not a node's (a table's headings) as node labels are wrapped:
 * at the label width, at most the label lines, the end kept when cut. Malloc'd or NULL. */
char *cni_draw_wrap_text(const cni_draw_ctx *c, const char *s);
/* Draw dataset node i in @p cluster (CN_NONE: none); @p extra is a second, smaller line (may be
 * NULL); @p fontsize 0 keeps the default. The scene vertex, or CN_NONE (out of memory). */
size_t cni_draw_node(cni_draw_ctx *c, size_t i, size_t cluster, const char *extra,
                          double fontsize);
/* An aggregate: @p count[k] nodes of each kind k (CN_NODE_KIND_COUNT entries) of network
 * @p net drawn as one; one kind keeps its look, several share a neutral box. */
size_t cni_draw_aggregate(cni_draw_ctx *c, size_t net, const size_t *count, size_t cluster);
/* Give scene edge @p e (CN_NONE: nothing done) the look CNI_LOOK_*. */
void cni_draw_look_edge(cni_draw_ctx *c, size_t e, int which);
/* The look of a membership edge with role @p r. */
int cni_draw_role_look(cn_role r);
/* Common graph, node and edge attributes. */
void cni_draw_frame(cni_draw_ctx *c);
/* In a legend's extra row: the cells after it go on a row of their own (cni_draw_legend()
 * makes the rows; no text drawn holds a control character). */
#define CNI_LEGEND_BREAK "\x01"

/* The title (the caller's, else @p title) with the legend of what was drawn and the note, as
 * the graph's label; @p extra is an inner row of cells (may be NULL). */
void cni_draw_legend(cni_draw_ctx *c, const char *title, const char *extra);
/* The characters a line of 9 pt text (at font size 9) holds: @p width, or fewer to stay within
 * the box's width (30 at least). */
size_t cni_draw_note_width(const cni_draw_ctx *c, size_t width);
/* Append a sentence to the legend's note. */
void cni_draw_note(cni_draw_ctx *c, const char *text);
/* The caller's engine, else @p automatic. */
void cni_draw_engine(cni_draw_ctx *c, const char *automatic);
/* Settings the force-directed engines need to give the same picture every run. */
void cni_draw_force_directed(cni_draw_ctx *c);
/* The node budget: the caller's, or the view's default (README "Diagrams"). */
size_t cni_draw_budget(const cn_render_options *o);
/* Append "Over the budget of @p B @p unit" to @p b and, when the budget was lowered to fit
 * the box, that it was. */
void cni_draw_budget_words(cni_draw_ctx *c, cni_buf *b, size_t B, const char *unit);

/* Nodes ranked by two keys, larger first, then by node index (cni_draw_cmp_rank). */
typedef struct cni_rank_item {
    size_t node;
    size_t key1, key2; /* larger first */
} cni_rank_item;

int cni_draw_cmp_rank(const void *pa, const void *pb);

/* Clusters by region: one per distinct region, in order of first appearance. The arrays hold
 * one entry per dataset node. */
typedef struct cni_regions {
    const char **name;
    size_t *cluster;
    size_t n;
} cni_regions;

/* The cluster of @p region when grouping by region (created on first use), else CN_NONE. */
size_t cni_draw_region_cluster(cni_draw_ctx *c, cni_regions *r, const char *region);

#endif

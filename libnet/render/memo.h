/* Internal: what the views compute from the data alone (a centrality measure, a partition into
 * communities, the overlap of the networks), kept across the builds of one figure (each try at fitting a box) and across the
 * figures of one report, so that each is computed once. */
#ifndef CNI_RENDER_MEMO_H
#define CNI_RENDER_MEMO_H

#include <collabnet/analysis.h>
#include <collabnet/render.h>

#include "../analysis/view.h"

typedef struct cni_render_memo {
    cn_communities *comm;      /* NULL: none yet */
    cn_community_options comm_opts;
    double *val;               /* one measure, cn_graph_node_count() values; NULL: none yet */
    cn_measure val_m;
    cn_centrality_options val_opts;
    cn_overlap *ov;            /* NULL: none yet */
    cn_overlap_options ov_opts;
    cni_view *view;            /* one figure's view of the ties (cni_render_memo_view); NULL: none */
    size_t *tie_off, *tie_at;  /* its ties by node (cni_render_memo_ties); NULL: none yet */
    cn_view view_kind;
    size_t view_max_ties;
    const cn_graph *g;         /* the graph all were computed on */
} cni_render_memo;

#define CNI_RENDER_MEMO_INIT { 0 }

/* Release what @p m holds; a zeroed memo is a no-op. */
void cni_render_memo_fini(cni_render_memo *m);
/* The partition of @p g under @p o (NULL: CN_COMMUNITY_OPTIONS_INIT), computed on first use and
 * borrowed from @p m until cni_render_memo_fini(). Returns cn_communities_compute()'s codes. */
int cni_render_memo_communities(const cn_communities **out, cni_render_memo *m,
                                const cn_graph *g, const cn_community_options *o);
/* Measure @p meas of @p g under @p o (its processes and progress do not change the values),
 * computed on first use and borrowed from @p m as above. Returns cn_centrality()'s codes. */
int cni_render_memo_centrality(const double **out, cni_render_memo *m, const cn_graph *g,
                               cn_measure meas, const cn_centrality_options *o);

/* The overlap of @p g's networks under @p o (NULL: CN_OVERLAP_OPTIONS_INIT), computed on first
 * use and borrowed from @p m as above (the overlap figure and the report's overlap tables).
 * Returns cn_overlap_compute()'s codes. */
int cni_render_memo_overlap(const cn_overlap **out, cni_render_memo *m, const cn_graph *g,
                            const cn_overlap_options *o);

/* The view @p kind of @p g (cni_view_build() with CN_PROJECTION_COUNT and @p max_ties), built on
 * first use and borrowed from @p m until cni_render_memo_drop_view() or cni_render_memo_fini():
 * a figure's tries at fitting a box draw from one view (at generated L the collaboration view,
 * 8.5M ties, was built again for every try of the collaboration and communities figures).
 * Returns cni_view_build()'s codes. */
int cni_render_memo_view(const cni_view **out, cni_render_memo *m, const cn_graph *g,
                         cn_view kind, size_t max_ties);
/* The ties of that view by node: node i's are tie_at[tie_off[i] .. tie_off[i + 1]) (view tie
 * indices, in view order; a tie of a node to itself is there twice), built on first use with
 * the view and dropped with it: the collaboration view's tries at fitting a box each built them
 * (at L, 17 million entries a try). Returns cni_render_memo_view()'s codes. */
int cni_render_memo_ties(const size_t **tie_off, const size_t **tie_at, cni_render_memo *m,
                         const cn_graph *g, cn_view kind, size_t max_ties);
/* Release the view @p m holds, if any: it is kept for one figure only (its memory, 136 MB at
 * L, is not held through the rest of a report). */
void cni_render_memo_drop_view(cni_render_memo *m);

/* cn_render_formats() with the caller's memo (cn_render_formats() keeps one for the call). */
int cni_render_formats_memo(char **out, size_t *len, cn_render_stats *stats, const cn_graph *g,
                            const cn_render_options *opts, const cn_render_format *formats,
                            size_t n, cni_render_memo *memo);

#endif

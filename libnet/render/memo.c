/* What the views compute from the data alone, computed once per memo (memo.h). PageRank and
 * Leiden on generated M's 850,000 collaboration ties took 0.3 s and 1.8 s a time, and the
 * report computed them for every try at fitting a box (up to 4 a figure) and again for each
 * figure: 11 of its 22 processor seconds besides betweenness. The overlap of L's 10,000
 * networks took 1.2 s for each try and again for the report's tables. */
#include "memo.h"

#include <stdlib.h>

#include "../util/util.h"

void cni_render_memo_fini(cni_render_memo *m)
{
    if (m) {
        cn_communities_destroy(m->comm);
        free(m->val);
        cn_overlap_destroy(m->ov);
        cni_render_memo_drop_view(m);
        m->comm = NULL;
        m->val = NULL;
        m->ov = NULL;
    }
}

/* What @p m holds for a graph other than @p g is dropped. */
static void retarget(cni_render_memo *m, const cn_graph *g)
{
    if (m->g != g) {
        cni_render_memo_fini(m);
        m->g = g;
    }
}

static bool same_communities(const cn_community_options *a, const cn_community_options *b)
{
    return a->method == b->method && a->view == b->view && a->projection == b->projection
           && a->weighted == b->weighted && a->resolution == b->resolution
           && a->seed == b->seed && a->max_ties == b->max_ties;
}

static bool same_centrality(const cn_centrality_options *a, const cn_centrality_options *b)
{
    return a->view == b->view && a->projection == b->projection && a->weighted == b->weighted
           && a->normalized == b->normalized && a->sample == b->sample && a->seed == b->seed
           && a->max_ties == b->max_ties;
}

int cni_render_memo_communities(const cn_communities **out, cni_render_memo *m,
                                const cn_graph *g, const cn_community_options *o)
{
    static const cn_community_options defaults = CN_COMMUNITY_OPTIONS_INIT;
    cn_communities *c = NULL;
    int rc;

    *out = NULL;
    o = o ? o : &defaults;
    if (m->comm && m->g == g && same_communities(&m->comm_opts, o)) {
        *out = m->comm;
        return 0;
    }
    if ((rc = cn_communities_compute(&c, g, o)) != 0) {
        return rc;
    }
    retarget(m, g);
    cn_communities_destroy(m->comm);
    m->comm = c;
    m->comm_opts = *o;
    *out = c;
    return 0;
}

int cni_render_memo_centrality(const double **out, cni_render_memo *m, const cn_graph *g,
                               cn_measure meas, const cn_centrality_options *o)
{
    size_t n = cn_graph_node_count(g);
    double *val;
    int rc;

    *out = NULL;
    if (m->val && m->g == g && m->val_m == meas && same_centrality(&m->val_opts, o)) {
        *out = m->val;
        return 0;
    }
    if (!(val = cni_alloc_array(n + 1, sizeof *val))) {
        return cni_fail(CN_ENOMEM, "out of memory");
    }
    if ((rc = cn_centrality(&val, g, &meas, 1, o)) != 0) {
        free(val);
        return rc;
    }
    retarget(m, g);
    free(m->val);
    m->val = val;
    m->val_m = meas;
    m->val_opts = *o;
    *out = val;
    return 0;
}

int cni_render_memo_overlap(const cn_overlap **out, cni_render_memo *m, const cn_graph *g,
                            const cn_overlap_options *o)
{
    static const cn_overlap_options defaults = CN_OVERLAP_OPTIONS_INIT;
    cn_overlap *ov = NULL;
    int rc;

    *out = NULL;
    o = o ? o : &defaults;
    if (m->ov && m->g == g && m->ov_opts.transitive == o->transitive && m->ov_opts.kind == o->kind
        && m->ov_opts.min_shared == o->min_shared && m->ov_opts.max_shared == o->max_shared) {
        *out = m->ov;
        return 0;
    }
    if ((rc = cn_overlap_compute(&ov, g, o)) != 0) {
        return rc;
    }
    retarget(m, g);
    cn_overlap_destroy(m->ov);
    m->ov = ov;
    m->ov_opts = *o;
    *out = ov;
    return 0;
}

void cni_render_memo_drop_view(cni_render_memo *m)
{
    if (m && m->view) {
        cni_view_fini(m->view);
        free(m->view);
        m->view = NULL;
    }
    if (m) {
        free(m->tie_off);
        free(m->tie_at);
        m->tie_off = m->tie_at = NULL;
    }
}

int cni_render_memo_view(const cni_view **out, cni_render_memo *m, const cn_graph *g,
                         cn_view kind, size_t max_ties)
{
    cni_view *v;
    int rc;

    *out = NULL;
    if (m->view && m->g == g && m->view_kind == kind && m->view_max_ties == max_ties) {
        *out = m->view;
        return 0;
    }
    if (!(v = calloc(1, sizeof *v))) {
        return cni_fail(CN_ENOMEM, "out of memory");
    }
    if ((rc = cni_view_build(v, g, kind, CN_PROJECTION_COUNT, max_ties)) != 0) {
        free(v);
        return rc;
    }
    retarget(m, g);
    cni_render_memo_drop_view(m);
    m->view = v;
    m->view_kind = kind;
    m->view_max_ties = max_ties;
    *out = v;
    return 0;
}

int cni_render_memo_ties(const size_t **tie_off, const size_t **tie_at, cni_render_memo *m,
                         const cn_graph *g, cn_view kind, size_t max_ties)
{
    size_t n = cn_graph_node_count(g), *off, *at;
    const cni_view *v;
    int rc;

    *tie_off = *tie_at = NULL;
    if ((rc = cni_render_memo_view(&v, m, g, kind, max_ties)) != 0) {
        return rc;
    }
    if (!m->tie_off) {
        off = cni_calloc_array(n + 2, sizeof *off);
        at = cni_alloc_array(2 * v->m + 1, sizeof *at);
        if (!off || !at) {
            free(off);
            free(at);
            return cni_fail(CN_ENOMEM, "out of memory");
        }
        for (size_t k = 0; k < v->m; k++) {
            off[v->node_of_vert[v->from[k]] + 2]++;
            off[v->node_of_vert[v->to[k]] + 2]++;
        }
        for (size_t i = 2; i < n + 2; i++) {
            off[i] += off[i - 1];
        }
        for (size_t k = 0; k < v->m; k++) {
            at[off[v->node_of_vert[v->from[k]] + 1]++] = k;
            at[off[v->node_of_vert[v->to[k]] + 1]++] = k;
        }
        m->tie_off = off;
        m->tie_at = at;
    }
    *tie_off = m->tie_off;
    *tie_at = m->tie_at;
    return 0;
}

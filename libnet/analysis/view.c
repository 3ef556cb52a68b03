/* What each view contains (analysis.h documents it for users). */
#include <stdlib.h>
#include <string.h>

#include "../model/graph.h"
#include "view.h"

const char *cn_view_name(cn_view view)
{
    static const char *const names[] = { "collaboration", "membership", "combined",
                                         "comembership" };

    return (unsigned)view <= CN_VIEW_COMEMBERSHIP ? names[view] : NULL;
}

const char *cn_projection_name(cn_projection p)
{
    static const char *const names[] = { "count", "newman", "jaccard" };

    return (unsigned)p <= CN_PROJECTION_JACCARD ? names[p] : NULL;
}

static bool actor_only(cn_view view)
{
    return view == CN_VIEW_COLLABORATION || view == CN_VIEW_COMEMBERSHIP;
}

bool cn_view_includes(const cn_graph *g, cn_view view, size_t i)
{
    return g && i < g->n && cn_view_name(view)
           && (!actor_only(view) || g->node_kind[i] != CN_NODE_NETWORK);
}

void cni_view_fini(cni_view *v)
{
    free(v->vert_of_node);
    free(v->node_of_vert);
    free(v->from);
    free(v->to);
    free(v->weight);
    memset(v, 0, sizeof *v);
}

static int add_edge(cni_view *v, size_t *cap, uint32_t a, uint32_t b, double w)
{
    if (v->m == *cap) {
        size_t c = *cap;
        if (cni_grow((void **)&v->from, &c, v->m + 1, sizeof *v->from) < 0) {
            return CN_ENOMEM;
        }
        c = *cap;
        if (cni_grow((void **)&v->to, &c, v->m + 1, sizeof *v->to) < 0) {
            return CN_ENOMEM;
        }
        if (cni_grow((void **)&v->weight, cap, v->m + 1, sizeof *v->weight) < 0) {
            return CN_ENOMEM;
        }
    }
    v->from[v->m] = a;
    v->to[v->m] = b;
    v->weight[v->m++] = w;
    return 0;
}

/* Actor a's networks are its membership edges whose target is a network; the projection visits,
 * for each actor a, the members b > a of each of a's networks, accumulating into a scratch row:
 * cost proportional to the sum over networks of members², memory linear in the ties, which are
 * counted (an upper bound: pairs sharing several networks count once for each) and refused past
 * @p max_ties before anything is built. */
static int project(cni_view *v, size_t *cap, const cn_graph *g, cn_projection projection,
                   size_t max_ties)
{
    double *acc = cni_calloc_array(g->n, sizeof *acc);
    uint32_t *touched = cni_alloc_array(g->n, sizeof *touched);
    size_t *actors_in = cni_calloc_array(g->n, sizeof *actors_in), ties = 0;
    int rc = 0;

    if (!acc || !touched || !actors_in) {
        rc = cni_fail(CN_ENOMEM, "out of memory");
        goto done;
    }
    for (size_t p = 0; p < g->n; p++) {
        size_t k2;
        for (uint32_t k = g->in_off[p]; k < g->in_off[p + 1]; k++) {
            actors_in[p] += g->node_kind[g->e_src[g->in_edges[k]]] != CN_NODE_NETWORK;
        }
        k2 = actors_in[p] * (actors_in[p] - (actors_in[p] > 0)) / 2; /* k < 2^32: no overflow */
        ties = ties > SIZE_MAX - k2 ? SIZE_MAX : ties + k2;
    }
    if (ties > max_ties) {
        rc = cni_fail(CN_ELIMIT,
                      "the co-membership projection would have up to %zu ties, more than the "
                      "limit of %zu (max_ties; --max-ties N raises it)", ties, max_ties);
        goto done;
    }
    for (size_t a = 0; a < g->n && rc == 0; a++) {
        size_t nt = 0;
        if (g->node_kind[a] == CN_NODE_NETWORK) {
            continue;
        }
        for (uint32_t k = g->out_off[a]; k < g->out_off[a + 1]; k++) {
            uint32_t p = g->e_dst[g->out_edges[k]];
            double share = projection == CN_PROJECTION_NEWMAN && actors_in[p] > 1
                               ? 1.0 / (double)(actors_in[p] - 1)
                               : 1.0;
            for (uint32_t j = g->in_off[p]; j < g->in_off[p + 1]; j++) {
                uint32_t b = g->e_src[g->in_edges[j]];
                if (b <= a || g->node_kind[b] == CN_NODE_NETWORK) {
                    continue;
                }
                if (acc[b] == 0) {
                    touched[nt++] = b;
                }
                acc[b] += share;
            }
        }
        for (size_t t = 0; t < nt && rc == 0; t++) {
            uint32_t b = touched[t];
            double w = acc[b];
            if (projection == CN_PROJECTION_JACCARD) {
                size_t na = g->out_off[a + 1] - g->out_off[a], nb = g->out_off[b + 1] - g->out_off[b];
                w = acc[b] / ((double)(na + nb) - acc[b]);
            }
            rc = add_edge(v, cap, v->vert_of_node[a], v->vert_of_node[b], w);
            acc[b] = 0;
        }
    }
done:
    free(acc);
    free(touched);
    free(actors_in);
    return rc;
}

int cni_view_build(cni_view *v, const cn_graph *g, cn_view view, cn_projection projection,
                   size_t max_ties)
{
    size_t cap = 0;
    int rc = 0;

    memset(v, 0, sizeof *v);
    if (!cn_view_name(view) || !cn_projection_name(projection)) {
        return cni_fail(CN_EINVAL, "invalid view or projection");
    }
    v->vert_of_node = cni_alloc_array(g->n, sizeof *v->vert_of_node);
    v->node_of_vert = cni_alloc_array(g->n, sizeof *v->node_of_vert);
    if (!v->vert_of_node || !v->node_of_vert) {
        rc = cni_fail(CN_ENOMEM, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < g->n; i++) {
        v->vert_of_node[i] = UINT32_MAX;
        if (cn_view_includes(g, view, i)) {
            v->vert_of_node[i] = (uint32_t)v->nv;
            v->node_of_vert[v->nv++] = (uint32_t)i;
        }
    }
    if (view == CN_VIEW_COLLABORATION || view == CN_VIEW_COMBINED) {
        for (size_t t = 0; t < g->nties && rc == 0; t++) {
            rc = add_edge(v, &cap, v->vert_of_node[g->tie_a[t]], v->vert_of_node[g->tie_b[t]],
                          g->tie_w[t]);
        }
    }
    if (view == CN_VIEW_MEMBERSHIP || view == CN_VIEW_COMBINED) {
        for (size_t e = 0; e < g->m && rc == 0; e++) {
            if (g->e_kind[e] == CN_EDGE_MEMBERSHIP) {
                rc = add_edge(v, &cap, v->vert_of_node[g->e_src[e]], v->vert_of_node[g->e_dst[e]],
                              g->e_weight[e]);
            }
        }
    }
    if (view == CN_VIEW_COMEMBERSHIP && rc == 0) {
        rc = project(v, &cap, g, projection, max_ties ? max_ties : CN_COMEMBERSHIP_MAX_TIES);
    }
done:
    if (rc < 0) {
        cni_view_fini(v);
    }
    return rc;
}

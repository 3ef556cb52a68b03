/* Single points of failure. igraph finds the biconnected components and articulation points;
 * the block-cut tree built from them gives, for every articulation point and bridge, the sizes
 * of the pieces its removal leaves, in time linear in the graph (removing each point and
 * recounting components would be quadratic). */
#include <stdlib.h>
#include <string.h>

#include "../model/graph.h"
#include "ig.h"
#include "view.h"

#define NK CN_NODE_KIND_COUNT

typedef struct tree {
    size_t nblocks, nap, nodes;      /* tree nodes: blocks, then articulation points */
    uint32_t *adj_off, *adj;         /* adjacency (CSR) */
    uint32_t *parent;                /* UINT32_MAX at roots */
    size_t (*sub)[NK + 1];           /* subtree vertices by kind, [NK] = total */
    uint32_t *root;                  /* the root of each node's tree */
} tree;

static void tree_free(tree *t)
{
    free(t->adj_off);
    free(t->adj);
    free(t->parent);
    free(t->sub);
    free(t->root);
}

static void add_kind(size_t acc[NK + 1], const size_t add[NK + 1], int sign)
{
    for (int k = 0; k <= NK; k++) {
        acc[k] = sign > 0 ? acc[k] + add[k] : acc[k] - add[k];
    }
}

static int cmp_cut(const void *a, const void *b)
{
    const cn_cut *x = a, *y = b;

    if (x->separated != y->separated) {
        return x->separated < y->separated ? 1 : -1;
    }
    if (x->a != y->a) {
        return x->a < y->a ? -1 : 1;
    }
    return x->b == y->b ? 0 : (x->b < y->b ? -1 : 1); /* CN_NONE (a node) after its bridges */
}

int cn_cut_points(cn_cut **out, size_t *count, const cn_graph *g, cn_view view,
                  const cn_centrality_options *opts)
{
    cni_view v;
    cni_ig_graph *gr = NULL;
    uint32_t *ap = NULL, *off = NULL, *verts = NULL, *ap_index = NULL, *stack = NULL;
    size_t nap = 0, nblocks = 0, ncuts = 0;
    tree t = { 0 };
    cn_cut *cuts = NULL;
    int rc;

    if (out) {
        *out = NULL;
    }
    if (count) {
        *count = 0;
    }
    if ((rc = CNI_CHECK_PTR(out)) < 0 || (rc = CNI_CHECK_PTR(count)) < 0
        || (rc = CNI_CHECK_PTR(g)) < 0) {
        return rc;
    }
    if (!cn_view_name(view)) {
        return CNI_EINVAL("view is not a cn_view");
    }
    if (opts && !cn_projection_name(opts->projection)) {
        return CNI_EINVAL("opts->projection is not a cn_projection");
    }
    if ((rc = cni_view_build(&v, g, view, opts ? opts->projection : CN_PROJECTION_COUNT,
                             opts ? opts->max_ties : 0)) < 0) {
        return rc;
    }
    if ((rc = cni_ig_graph_create(&gr, &v, false)) < 0
        || (rc = cni_ig_blocks(&ap, &nap, &off, &verts, &nblocks, gr)) < 0) {
        goto done;
    }
    t.nblocks = nblocks;
    t.nap = nap;
    t.nodes = nblocks + nap;
    ap_index = cni_alloc_array(v.nv, sizeof *ap_index);
    t.adj_off = cni_calloc_array(t.nodes + 1, sizeof *t.adj_off);
    t.adj = cni_alloc_array(2 * (size_t)(off ? off[nblocks] : 0), sizeof *t.adj);
    t.parent = cni_alloc_array(t.nodes, sizeof *t.parent);
    t.sub = cni_calloc_array(t.nodes, sizeof *t.sub);
    t.root = cni_alloc_array(t.nodes, sizeof *t.root);
    stack = cni_alloc_array(t.nodes, sizeof *stack);
    cuts = cni_calloc_array(nap + nblocks, sizeof *cuts);
    if (!ap_index || !t.adj_off || !t.adj || !t.parent || !t.sub || !t.root || !stack || !cuts) {
        rc = cni_fail(CN_ENOMEM, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < v.nv; i++) {
        ap_index[i] = UINT32_MAX;
    }
    for (size_t a = 0; a < nap; a++) {
        ap_index[ap[a]] = (uint32_t)a;
        t.sub[nblocks + a][g->node_kind[v.node_of_vert[ap[a]]]] = 1;
        t.sub[nblocks + a][NK] = 1;
    }
    /* tree edges block - articulation point; a block owns its other vertices */
    for (size_t b = 0; b < nblocks; b++) {
        for (uint32_t k = off[b]; k < off[b + 1]; k++) {
            uint32_t x = verts[k];
            if (ap_index[x] != UINT32_MAX) {
                t.adj_off[b + 1]++;
                t.adj_off[nblocks + ap_index[x] + 1]++;
            } else {
                t.sub[b][g->node_kind[v.node_of_vert[x]]]++;
                t.sub[b][NK]++;
            }
        }
    }
    for (size_t i = 0; i < t.nodes; i++) {
        t.adj_off[i + 1] += t.adj_off[i];
    }
    {
        uint32_t *fill = cni_alloc_array(t.nodes, sizeof *fill);
        if (!fill) {
            rc = cni_fail(CN_ENOMEM, "out of memory");
            goto done;
        }
        memcpy(fill, t.adj_off, t.nodes * sizeof *fill);
        for (size_t b = 0; b < nblocks; b++) {
            for (uint32_t k = off[b]; k < off[b + 1]; k++) {
                uint32_t a = ap_index[verts[k]];
                if (a != UINT32_MAX) {
                    t.adj[fill[b]++] = (uint32_t)(nblocks + a);
                    t.adj[fill[nblocks + a]++] = (uint32_t)b;
                }
            }
        }
        free(fill);
    }
    /* root each tree at its first block; an iterative DFS gives parents, and a reverse sweep of
     * the visiting order adds each subtree into its parent */
    {
        uint32_t *order = cni_alloc_array(t.nodes, sizeof *order);
        size_t norder = 0;
        if (!order) {
            rc = cni_fail(CN_ENOMEM, "out of memory");
            goto done;
        }
        for (size_t i = 0; i < t.nodes; i++) {
            t.parent[i] = UINT32_MAX;
            t.root[i] = UINT32_MAX;
        }
        for (size_t r = 0; r < nblocks; r++) {
            size_t top = 0;
            if (t.root[r] != UINT32_MAX) {
                continue;
            }
            t.root[r] = (uint32_t)r;
            stack[top++] = (uint32_t)r;
            while (top > 0) {
                uint32_t x = stack[--top];
                order[norder++] = x;
                for (uint32_t k = t.adj_off[x]; k < t.adj_off[x + 1]; k++) {
                    uint32_t y = t.adj[k];
                    if (t.root[y] == UINT32_MAX) {
                        t.root[y] = (uint32_t)r;
                        t.parent[y] = x;
                        stack[top++] = y;
                    }
                }
            }
        }
        for (size_t i = norder; i-- > 0;) {
            if (t.parent[order[i]] != UINT32_MAX) {
                add_kind(t.sub[t.parent[order[i]]], t.sub[order[i]], 1);
            }
        }
        free(order);
    }
    /* articulation points: the pieces are the child subtrees and what lies above */
    for (size_t a = 0; a < nap; a++) {
        uint32_t x = (uint32_t)(nblocks + a);
        const size_t *total = t.sub[t.root[x]];
        size_t above[NK + 1], sep[NK + 1] = { 0 }, best = 0;
        const size_t *largest = NULL;
        memcpy(above, total, sizeof above);
        add_kind(above, t.sub[x], -1);
        if (t.parent[x] != UINT32_MAX) {
            largest = above;
            best = above[NK];
        }
        for (uint32_t k = t.adj_off[x]; k < t.adj_off[x + 1]; k++) {
            uint32_t y = t.adj[k];
            if (y != t.parent[x] && t.sub[y][NK] > best) {
                best = t.sub[y][NK];
                largest = t.sub[y];
            }
        }
        /* separated = everything but the node itself and the largest piece */
        memcpy(sep, total, sizeof sep);
        add_kind(sep, largest, -1);
        sep[g->node_kind[v.node_of_vert[ap[a]]]]--;
        sep[NK]--;
        cuts[ncuts].a = v.node_of_vert[ap[a]];
        cuts[ncuts].b = CN_NONE;
        cuts[ncuts].component = total[NK];
        cuts[ncuts].separated = sep[NK];
        memcpy(cuts[ncuts].separated_by_kind, sep, sizeof cuts[ncuts].separated_by_kind);
        ncuts++;
    }
    /* bridges: a block of two vertices is one tie whose removal splits the tree in two */
    for (size_t b = 0; b < nblocks; b++) {
        uint32_t u, w;
        size_t side_u[NK + 1] = { 0 }, side_w[NK + 1];
        const size_t *total = t.sub[t.root[b]];
        if (off[b + 1] - off[b] != 2) {
            continue;
        }
        u = verts[off[b]];
        w = verts[off[b] + 1];
        if (t.parent[b] != UINT32_MAX && ap_index[u] != UINT32_MAX
            && t.parent[b] == nblocks + ap_index[u]) {
            uint32_t s = u; /* make u the end below the block */
            u = w;
            w = s;
        }
        if (ap_index[u] != UINT32_MAX) {
            memcpy(side_u, t.sub[nblocks + ap_index[u]], sizeof side_u);
        } else {
            side_u[g->node_kind[v.node_of_vert[u]]] = 1;
            side_u[NK] = 1;
        }
        memcpy(side_w, total, sizeof side_w);
        add_kind(side_w, side_u, -1);
        {
            const size_t *small = side_u[NK] <= side_w[NK] ? side_u : side_w;
            uint32_t na = v.node_of_vert[u], nb = v.node_of_vert[w];
            cuts[ncuts].a = na < nb ? na : nb;
            cuts[ncuts].b = na < nb ? nb : na;
            cuts[ncuts].component = total[NK];
            cuts[ncuts].separated = small[NK];
            memcpy(cuts[ncuts].separated_by_kind, small, sizeof cuts[ncuts].separated_by_kind);
            ncuts++;
        }
    }
    cni_sort(cuts, ncuts, sizeof *cuts, cmp_cut);
    if (ncuts > 0) {
        *out = cuts;
        *count = ncuts;
        cuts = NULL;
    }
done:
    free(cuts);
    free(stack);
    free(ap_index);
    free(ap);
    free(off);
    free(verts);
    tree_free(&t);
    cni_ig_graph_destroy(gr);
    cni_view_fini(&v);
    return rc;
}

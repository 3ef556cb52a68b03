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

/* The biconnected components of a view as igraph gives them, and where the articulation points
 * are. */
typedef struct blocks {
    const cn_graph *g;
    const cni_view *v;
    uint32_t *ap;          /* articulation points (vertices), nap of them */
    uint32_t *off, *verts; /* block b holds verts[off[b] .. off[b+1]) */
    size_t nap, nblocks;
    uint32_t *ap_index;    /* vertex -> its number among the articulation points, or UINT32_MAX */
} blocks;

/* The kind of the node behind view vertex @p x. */
static cn_node_kind kind_of(const blocks *bl, uint32_t x)
{
    return bl->g->node_kind[bl->v->node_of_vert[x]];
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

/* Phase 1: the block-cut tree: tree edges block - articulation point; a block owns its other
 * vertices, an articulation point itself. Fills bl->ap_index, t's adjacency and each tree node's
 * own vertices by kind (t->sub before the subtrees are summed). */
static int build_tree(tree *t, blocks *bl)
{
    const size_t nblocks = bl->nblocks;
    const uint32_t *off = bl->off, *verts = bl->verts;
    uint32_t *fill = NULL;
    int rc = 0;

    t->nblocks = nblocks;
    t->nap = bl->nap;
    t->nodes = nblocks + bl->nap;
    bl->ap_index = cni_alloc_array(bl->v->nv, sizeof *bl->ap_index);
    t->adj_off = cni_calloc_array(t->nodes + 1, sizeof *t->adj_off);
    t->adj = cni_alloc_array(2 * (size_t)(off ? off[nblocks] : 0), sizeof *t->adj);
    t->parent = cni_alloc_array(t->nodes, sizeof *t->parent);
    t->sub = cni_calloc_array(t->nodes, sizeof *t->sub);
    t->root = cni_alloc_array(t->nodes, sizeof *t->root);
    if (!bl->ap_index || !t->adj_off || !t->adj || !t->parent || !t->sub || !t->root) {
        rc = cni_fail(CN_ENOMEM, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < bl->v->nv; i++) {
        bl->ap_index[i] = UINT32_MAX;
    }
    for (size_t a = 0; a < bl->nap; a++) {
        bl->ap_index[bl->ap[a]] = (uint32_t)a;
        t->sub[nblocks + a][kind_of(bl, bl->ap[a])] = 1;
        t->sub[nblocks + a][NK] = 1;
    }
    for (size_t b = 0; b < nblocks; b++) {
        for (uint32_t k = off[b]; k < off[b + 1]; k++) {
            uint32_t x = verts[k];
            if (bl->ap_index[x] != UINT32_MAX) {
                t->adj_off[b + 1]++;
                t->adj_off[nblocks + bl->ap_index[x] + 1]++;
            } else {
                t->sub[b][kind_of(bl, x)]++;
                t->sub[b][NK]++;
            }
        }
    }
    for (size_t i = 0; i < t->nodes; i++) {
        t->adj_off[i + 1] += t->adj_off[i];
    }
    if (!(fill = cni_alloc_array(t->nodes, sizeof *fill))) {
        rc = cni_fail(CN_ENOMEM, "out of memory");
        goto done;
    }
    memcpy(fill, t->adj_off, t->nodes * sizeof *fill);
    for (size_t b = 0; b < nblocks; b++) {
        for (uint32_t k = off[b]; k < off[b + 1]; k++) {
            uint32_t a = bl->ap_index[verts[k]];
            if (a != UINT32_MAX) {
                t->adj[fill[b]++] = (uint32_t)(nblocks + a);
                t->adj[fill[nblocks + a]++] = (uint32_t)b;
            }
        }
    }
done:
    free(fill);
    return rc;
}

/* Phase 2: root each tree at its first block; an iterative DFS gives parents, and a reverse
 * sweep of the visiting order adds each subtree into its parent. */
static int sum_subtrees(tree *t)
{
    uint32_t *stack = cni_alloc_array(t->nodes, sizeof *stack);
    uint32_t *order = cni_alloc_array(t->nodes, sizeof *order);
    size_t norder = 0;
    int rc = 0;

    if (!stack || !order) {
        rc = cni_fail(CN_ENOMEM, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < t->nodes; i++) {
        t->parent[i] = UINT32_MAX;
        t->root[i] = UINT32_MAX;
    }
    for (size_t r = 0; r < t->nblocks; r++) {
        size_t top = 0;
        if (t->root[r] != UINT32_MAX) {
            continue;
        }
        t->root[r] = (uint32_t)r;
        stack[top++] = (uint32_t)r;
        while (top > 0) {
            uint32_t x = stack[--top];
            order[norder++] = x;
            for (uint32_t k = t->adj_off[x]; k < t->adj_off[x + 1]; k++) {
                uint32_t y = t->adj[k];
                if (t->root[y] == UINT32_MAX) {
                    t->root[y] = (uint32_t)r;
                    t->parent[y] = x;
                    stack[top++] = y;
                }
            }
        }
    }
    for (size_t i = norder; i-- > 0;) {
        if (t->parent[order[i]] != UINT32_MAX) {
            add_kind(t->sub[t->parent[order[i]]], t->sub[order[i]], 1);
        }
    }
done:
    free(order);
    free(stack);
    return rc;
}

/* Phase 3: articulation points: the pieces are the child subtrees and what lies above. Writes
 * one cut per articulation point to @p cuts; returns their number. */
static size_t articulation_cuts(cn_cut *cuts, const tree *t, const blocks *bl)
{
    size_t ncuts = 0;

    for (size_t a = 0; a < bl->nap; a++) {
        uint32_t x = (uint32_t)(bl->nblocks + a);
        const size_t *total = t->sub[t->root[x]];
        size_t above[NK + 1], sep[NK + 1] = { 0 }, best = 0;
        const size_t *largest = NULL;
        memcpy(above, total, sizeof above);
        add_kind(above, t->sub[x], -1);
        if (t->parent[x] != UINT32_MAX) {
            largest = above;
            best = above[NK];
        }
        for (uint32_t k = t->adj_off[x]; k < t->adj_off[x + 1]; k++) {
            uint32_t y = t->adj[k];
            if (y != t->parent[x] && t->sub[y][NK] > best) {
                best = t->sub[y][NK];
                largest = t->sub[y];
            }
        }
        /* separated = everything but the node itself and the largest piece */
        memcpy(sep, total, sizeof sep);
        add_kind(sep, largest, -1);
        sep[kind_of(bl, bl->ap[a])]--;
        sep[NK]--;
        cuts[ncuts].a = bl->v->node_of_vert[bl->ap[a]];
        cuts[ncuts].b = CN_NONE;
        cuts[ncuts].component = total[NK];
        cuts[ncuts].separated = sep[NK];
        memcpy(cuts[ncuts].separated_by_kind, sep, sizeof cuts[ncuts].separated_by_kind);
        ncuts++;
    }
    return ncuts;
}

/* Phase 4: bridges: a block of two vertices is one tie whose removal splits the tree in two.
 * Writes one cut per bridge to @p cuts; returns their number. */
static size_t bridge_cuts(cn_cut *cuts, const tree *t, const blocks *bl)
{
    const size_t nblocks = bl->nblocks;
    const uint32_t *off = bl->off, *verts = bl->verts, *ap_index = bl->ap_index;
    size_t ncuts = 0;

    for (size_t b = 0; b < nblocks; b++) {
        uint32_t u, w;
        size_t side_u[NK + 1] = { 0 }, side_w[NK + 1];
        const size_t *total = t->sub[t->root[b]];
        if (off[b + 1] - off[b] != 2) {
            continue;
        }
        u = verts[off[b]];
        w = verts[off[b] + 1];
        if (t->parent[b] != UINT32_MAX && ap_index[u] != UINT32_MAX
            && t->parent[b] == nblocks + ap_index[u]) {
            uint32_t s = u; /* make u the end below the block */
            u = w;
            w = s;
        }
        if (ap_index[u] != UINT32_MAX) {
            memcpy(side_u, t->sub[nblocks + ap_index[u]], sizeof side_u);
        } else {
            side_u[kind_of(bl, u)] = 1;
            side_u[NK] = 1;
        }
        memcpy(side_w, total, sizeof side_w);
        add_kind(side_w, side_u, -1);
        {
            const size_t *small = side_u[NK] <= side_w[NK] ? side_u : side_w;
            uint32_t na = bl->v->node_of_vert[u], nb = bl->v->node_of_vert[w];
            cuts[ncuts].a = na < nb ? na : nb;
            cuts[ncuts].b = na < nb ? nb : na;
            cuts[ncuts].component = total[NK];
            cuts[ncuts].separated = small[NK];
            memcpy(cuts[ncuts].separated_by_kind, small, sizeof cuts[ncuts].separated_by_kind);
            ncuts++;
        }
    }
    return ncuts;
}

int cn_cut_points(cn_cut **out, size_t *count, const cn_graph *g, cn_view view,
                  const cn_centrality_options *opts)
{
    cni_view v;
    cni_ig_graph *gr = NULL;
    blocks bl = { .g = g, .v = &v };
    size_t ncuts = 0;
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
    if ((rc = cni_ig_graph_create(&gr, &v, 0)) < 0
        || (rc = cni_ig_blocks(&bl.ap, &bl.nap, &bl.off, &bl.verts, &bl.nblocks, gr)) < 0
        || (rc = build_tree(&t, &bl)) < 0 || (rc = sum_subtrees(&t)) < 0) {
        goto done;
    }
    if (!(cuts = cni_calloc_array(bl.nap + bl.nblocks, sizeof *cuts))) {
        rc = cni_fail(CN_ENOMEM, "out of memory");
        goto done;
    }
    ncuts = articulation_cuts(cuts, &t, &bl);
    ncuts += bridge_cuts(cuts + ncuts, &t, &bl);
    cni_sort(cuts, ncuts, sizeof *cuts, cmp_cut);
    if (ncuts > 0) {
        *out = cuts;
        *count = ncuts;
        cuts = NULL;
    }
done:
    free(cuts);
    free(bl.ap_index);
    free(bl.ap);
    free(bl.off);
    free(bl.verts);
    tree_free(&t);
    cni_ig_graph_destroy(gr);
    cni_view_fini(&v);
    return rc;
}

/* Communities of a view (Leiden or Louvain, by igraph in ig.c), their modularity computed here
 * by the Newman-Girvan formula, and their alignment with the official networks. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../model/graph.h"
#include "ig.h"
#include "view.h"

static const char *const method_names[CN_COMMUNITY_METHOD_COUNT] = { "leiden", "louvain" };

const char *cn_community_method_name(cn_community_method m)
{
    return (unsigned)m < CN_COMMUNITY_METHOD_COUNT ? method_names[m] : NULL;
}

int cn_community_method_parse(cn_community_method *out, const char *name)
{
    int rc;

    if ((rc = CNI_CHECK_PTR(out)) < 0 || (rc = CNI_CHECK_PTR(name)) < 0) {
        return rc;
    }
    for (int m = 0; m < CN_COMMUNITY_METHOD_COUNT; m++) {
        if (strcmp(name, method_names[m]) == 0) {
            *out = (cn_community_method)m;
            return 0;
        }
    }
    return cni_fail(CN_EINVAL, "unknown method '%s' (expected leiden or louvain)", name);
}

struct cn_communities {
    const cn_graph *g;
    cn_community_options opts;
    size_t n;          /* nodes */
    size_t *of;        /* node -> community, CN_NONE outside the view */
    double *strength;  /* node -> strength in the view, NaN outside */
    size_t *size;      /* community -> vertices */
    size_t count;
    double modularity;
};

static int check_options(const cn_community_options *o)
{
    if (!cn_community_method_name(o->method)) {
        return CNI_EINVAL("method is not a cn_community_method");
    }
    if (!cn_view_name(o->view)) {
        return CNI_EINVAL("view is not a cn_view");
    }
    if (!cn_projection_name(o->projection)) {
        return CNI_EINVAL("projection is not a cn_projection");
    }
    if (!(o->resolution > 0) || !isfinite(o->resolution)) {
        return cni_fail(CN_EINVAL, "resolution must be a number > 0, not %g", o->resolution);
    }
    return 0;
}

static int build_view(cni_view *v, const cn_graph *g, const cn_community_options *o)
{
    int rc = cni_view_build(v, g, o->view, o->projection, o->max_ties);

    if (rc == 0 && v->m == 0) {
        cni_view_fini(v);
        rc = cni_fail(CN_EDATA, "the %s graph has no ties: there are no communities to find",
                      cn_view_name(o->view));
    }
    return rc;
}

/* Q = sum_c (w_c / W - gamma (s_c / 2W)^2) over the view's ties; comm[vertex] < ncomm. */
static int modularity_of(double *out, const cni_view *v, bool weighted, const size_t *comm,
                         size_t ncomm, double gamma)
{
    double *inside = cni_alloc_array(ncomm + 1, sizeof *inside);
    double *sum = cni_alloc_array(ncomm + 1, sizeof *sum);
    double total = 0.0, q = 0.0;

    if (!inside || !sum) {
        free(inside);
        free(sum);
        return cni_fail(CN_ENOMEM, "out of memory");
    }
    memset(inside, 0, (ncomm + 1) * sizeof *inside);
    memset(sum, 0, (ncomm + 1) * sizeof *sum);
    for (size_t e = 0; e < v->m; e++) {
        double w = weighted ? v->weight[e] : 1.0;
        size_t a = comm[v->from[e]], b = comm[v->to[e]];
        total += w;
        sum[a] += w;
        sum[b] += w;
        if (a == b) {
            inside[a] += w;
        }
    }
    for (size_t c = 0; c < ncomm; c++) {
        double s = sum[c] / (2.0 * total);
        q += inside[c] / total - gamma * s * s;
    }
    free(inside);
    free(sum);
    *out = q;
    return 0;
}

/* A vertex and the caller's label for it. */
typedef struct labelled {
    size_t label, vert;
} labelled;

static int by_label(const void *pa, const void *pb)
{
    const labelled *a = pa, *b = pb;

    return a->label < b->label ? -1 : a->label > b->label;
}

int cn_modularity(double *out, const cn_graph *g, const size_t *membership, double resolution,
                  const cn_community_options *opts)
{
    cn_community_options o = CN_COMMUNITY_OPTIONS_INIT;
    cni_view v;
    size_t *comm = NULL, ncomm = 0;
    int rc;

    if ((rc = CNI_CHECK_PTR(out)) < 0 || (rc = CNI_CHECK_PTR(g)) < 0
        || (rc = CNI_CHECK_PTR(membership)) < 0) {
        return rc;
    }
    if (opts) {
        o = *opts;
    }
    o.resolution = resolution;
    if ((rc = check_options(&o)) < 0 || (rc = build_view(&v, g, &o)) < 0) {
        return rc;
    }
    /* the caller's labels may be anything: sorted, each distinct one numbered densely */
    labelled *lab = cni_alloc_array(v.nv + 1, sizeof *lab);
    comm = cni_alloc_array(v.nv + 1, sizeof *comm);
    if (!lab || !comm) {
        rc = cni_fail(CN_ENOMEM, "out of memory");
        goto done;
    }
    for (size_t x = 0; x < v.nv; x++) {
        lab[x] = (labelled){ membership[v.node_of_vert[x]], x };
    }
    cni_sort(lab, v.nv, sizeof *lab, by_label);
    for (size_t k = 0; k < v.nv; k++) {
        ncomm += k == 0 || lab[k].label != lab[k - 1].label;
        comm[lab[k].vert] = ncomm - 1;
    }
    rc = modularity_of(out, &v, o.weighted, comm, ncomm, resolution);
done:
    free(lab);
    free(comm);
    cni_view_fini(&v);
    return rc;
}

/* Communities by size (largest first), then by first vertex. */
typedef struct ranked {
    size_t label, size, first;
} ranked;

static int by_size(const void *pa, const void *pb)
{
    const ranked *a = pa, *b = pb;

    if (a->size != b->size) {
        return a->size > b->size ? -1 : 1;
    }
    return a->first < b->first ? -1 : a->first > b->first;
}

/* Renumber igraph's labels memb[nv] into comm[nv] by size, then first vertex. */
static int renumber(size_t *comm, size_t **sizes, size_t *count, const uint32_t *memb, size_t nv)
{
    ranked *r = cni_alloc_array(nv + 1, sizeof *r);
    size_t *to = cni_alloc_array(nv + 1, sizeof *to), nc = 0;

    if (!r || !to) {
        free(r);
        free(to);
        return cni_fail(CN_ENOMEM, "out of memory");
    }
    for (size_t x = 0; x < nv; x++) {
        r[x] = (ranked){ x, 0, SIZE_MAX };
    }
    for (size_t x = 0; x < nv; x++) {
        ranked *c = &r[memb[x] < nv ? memb[x] : 0];
        c->size++;
        c->first = c->first < x ? c->first : x;
    }
    cni_sort(r, nv, sizeof *r, by_size);
    while (nc < nv && r[nc].size > 0) {
        to[r[nc].label] = nc;
        nc++;
    }
    for (size_t x = 0; x < nv; x++) {
        comm[x] = to[memb[x] < nv ? memb[x] : 0];
    }
    for (size_t c = 0; c < nc; c++) {
        to[c] = r[c].size;
    }
    free(r);
    *sizes = to;
    *count = nc;
    return 0;
}

int cn_communities_compute(cn_communities **out, const cn_graph *g,
                           const cn_community_options *opts)
{
    cn_community_options o = CN_COMMUNITY_OPTIONS_INIT;
    cn_communities *c = NULL;
    cni_view v = { 0 };
    cni_ig_graph *gr = NULL;
    uint32_t *memb = NULL;
    size_t *comm = NULL;
    int rc;

    if ((rc = CNI_CHECK_PTR(out)) < 0) {
        return rc;
    }
    *out = NULL;
    if ((rc = CNI_CHECK_PTR(g)) < 0) {
        return rc;
    }
    if (opts) {
        o = *opts;
    }
    if ((rc = check_options(&o)) < 0 || (rc = build_view(&v, g, &o)) < 0) {
        return rc;
    }
    c = calloc(1, sizeof *c);
    memb = cni_alloc_array(v.nv + 1, sizeof *memb);
    comm = cni_alloc_array(v.nv + 1, sizeof *comm);
    if (!c || !memb || !comm || !(c->of = cni_alloc_array(g->n + 1, sizeof *c->of))
        || !(c->strength = cni_alloc_array(g->n + 1, sizeof *c->strength))) {
        rc = cni_fail(CN_ENOMEM, "out of memory");
        goto done;
    }
    c->g = g;
    c->opts = o;
    c->n = g->n;
    if ((rc = cni_ig_graph_create(&gr, &v, o.weighted ? CNI_IG_WEIGHTED : 0)) < 0
        || (rc = cni_ig_communities(memb, gr, o.method == CN_COMMUNITY_LEIDEN, o.resolution,
                                    o.seed)) < 0
        || (rc = renumber(comm, &c->size, &c->count, memb, v.nv)) < 0
        || (rc = modularity_of(&c->modularity, &v, o.weighted, comm, c->count, 1.0)) < 0) {
        goto done;
    }
    for (size_t i = 0; i < g->n; i++) {
        uint32_t x = v.vert_of_node[i];
        c->of[i] = x == UINT32_MAX ? CN_NONE : comm[x];
        c->strength[i] = x == UINT32_MAX ? NAN : 0.0;
    }
    for (size_t e = 0; e < v.m; e++) {
        double w = o.weighted ? v.weight[e] : 1.0;
        c->strength[v.node_of_vert[v.from[e]]] += w;
        c->strength[v.node_of_vert[v.to[e]]] += w;
    }
    *out = c;
    c = NULL;
done:
    cn_communities_destroy(c);
    cni_ig_graph_destroy(gr);
    free(memb);
    free(comm);
    cni_view_fini(&v);
    return rc;
}

void cn_communities_destroy(cn_communities *c)
{
    if (!c) {
        return;
    }
    free(c->of);
    free(c->strength);
    free(c->size);
    free(c);
}

const cn_community_options *cn_communities_options(const cn_communities *c)
{
    return c ? &c->opts : NULL;
}

size_t cn_communities_count(const cn_communities *c)
{
    return c ? c->count : 0;
}

size_t cn_communities_of(const cn_communities *c, size_t i)
{
    return c && i < c->n ? c->of[i] : CN_NONE;
}

size_t cn_communities_size(const cn_communities *c, size_t k)
{
    return c && k < c->count ? c->size[k] : 0;
}

bool cn_communities_isolated(const cn_communities *c, size_t i)
{
    return c && i < c->n && c->of[i] != CN_NONE && c->strength[i] == 0.0;
}

double cn_communities_strength(const cn_communities *c, size_t i)
{
    return c && i < c->n ? c->strength[i] : NAN;
}

double cn_communities_modularity(const cn_communities *c)
{
    return c ? c->modularity : NAN;
}

/* ---- primary networks and alignment ---- */

/* Umbrella levels above network @p net (0: a top-level network), memoised in depth[]
 * (SIZE_MAX: not yet known). The loader refuses membership cycles, so this ends. */
static size_t levels_above(const cn_graph *g, size_t net, size_t *depth)
{
    size_t d = 0;

    if (depth[net] != SIZE_MAX) {
        return depth[net];
    }
    depth[net] = 0; /* a guard, should a cycle ever get through */
    for (size_t k = 0; k < cn_graph_node_network_count(g, net); k++) {
        cn_edge e;
        cn_graph_edge(g, cn_graph_node_network_edge(g, net, k), &e);
        size_t up = levels_above(g, e.target, depth) + 1;
        d = up > d ? up : d;
    }
    depth[net] = d;
    return d;
}

/* Whether network a is preferred to b as primary: a lead first, then deeper, then lower id. */
static bool better(const cn_graph *g, size_t a, bool lead_a, size_t da, size_t b, bool lead_b,
                   size_t db)
{
    if (lead_a != lead_b) {
        return lead_a;
    }
    if (!lead_a && da != db) {
        return da > db;
    }
    return strcmp(cn_graph_node_id(g, a), cn_graph_node_id(g, b)) < 0;
}

int cn_primary_networks(size_t *out, const cn_graph *g)
{
    size_t *depth;
    int rc;

    if ((rc = CNI_CHECK_PTR(out)) < 0 || (rc = CNI_CHECK_PTR(g)) < 0) {
        return rc;
    }
    if (!(depth = cni_alloc_array(g->n + 1, sizeof *depth))) {
        return cni_fail(CN_ENOMEM, "out of memory");
    }
    for (size_t i = 0; i < g->n; i++) {
        depth[i] = SIZE_MAX;
    }
    for (size_t i = 0; i < g->n; i++) {
        size_t best = CN_NONE, best_depth = 0;
        bool best_lead = false;
        out[i] = CN_NONE;
        if (cn_graph_node_kind(g, i) == CN_NODE_NETWORK) {
            continue;
        }
        for (size_t k = 0; k < cn_graph_node_network_count(g, i); k++) {
            cn_edge e;
            cn_graph_edge(g, cn_graph_node_network_edge(g, i, k), &e);
            bool lead = cn_graph_network_lead(g, e.target) == i;
            size_t d = levels_above(g, e.target, depth);
            if (best == CN_NONE || better(g, e.target, lead, d, best, best_lead, best_depth)) {
                best = e.target;
                best_lead = lead;
                best_depth = d;
            }
        }
        out[i] = best;
    }
    free(depth);
    return 0;
}

/* Labels below @p bound renumbered 0, 1, ... by first appearance (igraph wants labels below the
 * item count); map[bound] is scratch. */
static void dense(uint32_t *x, size_t n, size_t *map, size_t bound)
{
    size_t next = 0;

    for (size_t l = 0; l < bound; l++) {
        map[l] = SIZE_MAX;
    }
    for (size_t k = 0; k < n; k++) {
        if (map[x[k]] == SIZE_MAX) {
            map[x[k]] = next++;
        }
        x[k] = (uint32_t)map[x[k]];
    }
}

int cn_communities_align(cn_community_alignment *out, const cn_communities *c)
{
    size_t *primary = NULL, n;
    uint32_t *a = NULL, *b = NULL;
    double r[3];
    int rc;

    if ((rc = CNI_CHECK_PTR(out)) < 0 || (rc = CNI_CHECK_PTR(c)) < 0) {
        return rc;
    }
    memset(out, 0, sizeof *out);
    n = c->n;
    primary = cni_alloc_array(n + 1, sizeof *primary);
    a = cni_alloc_array(n + 1, sizeof *a);
    b = cni_alloc_array(n + 1, sizeof *b);
    if (!primary || !a || !b) {
        rc = cni_fail(CN_ENOMEM, "out of memory");
        goto done;
    }
    if ((rc = cn_primary_networks(primary, c->g)) < 0) {
        goto done;
    }
    for (size_t i = 0; i < n; i++) {
        if (c->of[i] == CN_NONE || cn_graph_node_kind(c->g, i) == CN_NODE_NETWORK) {
            continue;
        }
        if (primary[i] == CN_NONE) {
            out->excluded++;
            continue;
        }
        a[out->compared] = (uint32_t)c->of[i];
        b[out->compared++] = (uint32_t)primary[i]; /* node indices: igraph renumbers labels */
    }
    if (out->compared == 0) {
        rc = cni_fail(CN_EDATA, "no actor of the %s graph is a member of a network: nothing to "
                      "compare the communities with", cn_view_name(c->opts.view));
        goto done;
    }
    if (out->compared == 1) {
        /* one actor: the two partitions are the same, but NMI (0 / 0 entropies) and the
         * adjusted Rand index (no pair) are not defined; igraph refuses them (a Gephi export
         * of two actors and one network failed the report with 70) */
        out->nmi = NAN;
        out->ari = NAN;
        out->vi = 0.0;
        goto done;
    }
    dense(a, out->compared, primary, n); /* primary[] is no longer needed */
    dense(b, out->compared, primary, n);
    if ((rc = cni_ig_compare(r, a, b, out->compared)) < 0) {
        goto done;
    }
    out->nmi = r[0];
    out->ari = r[1];
    out->vi = r[2];
done:
    free(primary);
    free(a);
    free(b);
    return rc;
}

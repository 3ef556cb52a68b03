/* Mixing of groups and brokerage roles on the collaboration view (mixing.h). */
#include "mixing.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../model/graph.h"
#include "../util/buf.h"
#include "../util/util.h"
#include "ig.h"
#include "view.h"

const char *const cni_broker_role_names[CNI_BROKER_ROLES] = {
    "coordinator", "itinerant", "representative", "gatekeeper", "liaison", "total"
};

void cni_groups_fini(cni_groups *gr)
{
    free(gr->names);
    free(gr->size);
    free(gr->node_of);
    free(gr->off);
    free(gr->group);
    free(gr->from);
    free(gr->to);
    free(gr->weight);
    memset(gr, 0, sizeof *gr);
}

/* The attribute @p by as a column: a contract column (-1 .. -4) or extra column k >= 0; -5 when
 * it names none. */
enum { BY_REGION = -1, BY_COUNTRY = -2, BY_FIELD = -3, BY_KIND = -4, BY_NONE = -5 };
static long column_of(const cn_graph *g, const char *by)
{
    if (strcmp(by, "region") == 0) {
        return BY_REGION;
    }
    if (strcmp(by, "country") == 0) {
        return BY_COUNTRY;
    }
    if (strcmp(by, "field") == 0 || strcmp(by, "fields") == 0) {
        return BY_FIELD;
    }
    if (strcmp(by, "kind") == 0) {
        return BY_KIND;
    }
    for (size_t k = 0; k < cn_graph_node_attr_count(g); k++) {
        if (strcmp(cn_graph_node_attr_name(g, k), by) == 0) {
            return (long)k;
        }
    }
    return BY_NONE;
}

/* Value @p k of node i's attribute (k > 0 only for fields); NULL past the last; "" empty. */
static const char *value_of(const cn_graph *g, size_t i, long col, size_t k)
{
    if (col == BY_FIELD) {
        return k < cn_graph_node_field_count(g, i) ? cn_graph_node_field(g, i, k) : NULL;
    }
    if (k > 0) {
        return NULL;
    }
    switch (col) {
    case BY_REGION: return cn_graph_node_region(g, i);
    case BY_COUNTRY: return cn_graph_node_country(g, i);
    case BY_KIND: return cn_node_kind_name(cn_graph_node_kind(g, i));
    default: return cn_graph_node_attr(g, i, (size_t)col);
    }
}

static int cmp_name(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int no_column(const cn_graph *g, const char *by)
{
    cni_buf b;
    int rc;

    cni_buf_init(&b);
    for (size_t k = 0; k < cn_graph_node_attr_count(g); k++) {
        cni_buf_puts(&b, ", ");
        cni_buf_puts(&b, cn_graph_node_attr_name(g, k));
    }
    rc = cni_fail(CN_EINVAL, "no column '%s' to group by (expected region, country, field, kind%s)",
                  by, cni_buf_str(&b) ? cni_buf_str(&b) : "");
    cni_buf_fini(&b);
    return rc;
}

int cni_groups_build(cni_groups *out, const cn_graph *g, const char *by)
{
    cni_view v = { 0 };
    int rc;

    memset(out, 0, sizeof *out);
    if (column_of(g, by) == BY_NONE) {
        return no_column(g, by);
    }
    if ((rc = cni_view_build(&v, g, CN_VIEW_COLLABORATION, CN_PROJECTION_COUNT, 0)) == 0) {
        rc = cni_groups_build_view(out, g, &v, by);
    }
    cni_view_fini(&v);
    return rc;
}

int cni_groups_build_view(cni_groups *out, const cn_graph *g, const cni_view *vp, const char *by)
{
    const cni_view v = *vp; /* the caller's: not freed here */
    long col = column_of(g, by);
    const char **all = NULL;
    size_t nall = 0, cap = 0, nk = 0;
    uint32_t *keep = NULL;
    int rc = 0;

    memset(out, 0, sizeof *out);
    if (col == BY_NONE) {
        return no_column(g, by);
    }
    out->list = col == BY_FIELD;
    /* the distinct values, sorted: the groups */
    for (size_t x = 0; x < v.nv; x++) {
        const char *s;
        for (size_t k = 0; (s = value_of(g, v.node_of_vert[x], col, k)); k++) {
            if (s[0]) {
                if ((rc = cni_grow((void **)&all, &cap, nall + 1, sizeof *all)) < 0) {
                    goto done;
                }
                all[nall++] = s;
            }
        }
    }
    if (nall == 0) {
        rc = cni_fail(CN_EDATA, "no actor has a value in column '%s'", by);
        goto done;
    }
    qsort(all, nall, sizeof *all, cmp_name);
    for (size_t k = 0; k < nall; k++) {
        if (k == 0 || strcmp(all[k], all[out->n - 1]) != 0) {
            all[out->n++] = all[k];
        }
    }
    if (!(keep = cni_alloc_array(v.nv + 1, sizeof *keep))
        || !(out->node_of = cni_alloc_array(v.nv + 1, sizeof *out->node_of))
        || !(out->off = cni_alloc_array(v.nv + 2, sizeof *out->off))
        || !(out->group = cni_alloc_array(nall + 1, sizeof *out->group))
        || !(out->size = cni_calloc_array(out->n + 1, sizeof *out->size))
        || !(out->from = cni_alloc_array(v.m + 1, sizeof *out->from))
        || !(out->to = cni_alloc_array(v.m + 1, sizeof *out->to))
        || !(out->weight = cni_alloc_array(v.m + 1, sizeof *out->weight))) {
        rc = cni_fail(CN_ENOMEM, "out of memory");
        goto done;
    }
    /* the actors with a value, renumbered; the others left out and counted */
    out->off[0] = 0;
    for (size_t x = 0; x < v.nv; x++) {
        size_t i = v.node_of_vert[x], ng = 0;
        const char *s;
        for (size_t k = 0; (s = value_of(g, i, col, k)); k++) {
            const char **hit = s[0] ? bsearch(&s, all, out->n, sizeof *all, cmp_name) : NULL;
            uint32_t grp = hit ? (uint32_t)(hit - all) : UINT32_MAX;
            bool seen = false;
            for (size_t j = out->off[nk]; j < out->off[nk] + ng && hit; j++) {
                seen = seen || out->group[j] == grp;
            }
            if (hit && !seen) {
                out->group[out->off[nk] + ng++] = grp;
                out->size[grp]++;
            }
        }
        if (ng == 0) {
            keep[x] = UINT32_MAX;
            out->excluded++;
            continue;
        }
        keep[x] = (uint32_t)nk;
        out->node_of[nk] = (uint32_t)i;
        out->off[nk + 1] = out->off[nk] + (uint32_t)ng;
        nk++;
    }
    out->nv = nk;
    for (size_t e = 0; e < v.m; e++) {
        uint32_t a = keep[v.from[e]], b = keep[v.to[e]];
        if (a == UINT32_MAX || b == UINT32_MAX || a == b) {
            out->excluded_ties++;
            continue;
        }
        out->from[out->m] = a;
        out->to[out->m] = b;
        out->weight[out->m++] = v.weight[e];
    }
    if (v.m == 0) {
        rc = cni_fail(CN_EDATA, "the collaboration graph has no ties");
    } else if (out->m == 0) {
        rc = cni_fail(CN_EDATA, "no collaboration tie joins two actors with a value in column "
                                "'%s' (%zu tie(s) in all)", by, v.m);
        goto done;
    }
    out->names = all;
    all = NULL;
done:
    free(all);
    free(keep);
    if (rc < 0) {
        cni_groups_fini(out);
    }
    return rc;
}

void cni_mixing_fini(cni_mixing *mx)
{
    free(mx->ties);
    free(mx->weight);
    memset(mx, 0, sizeof *mx);
}

/* Newman's r over the actors in exactly one group and the ties between them (igraph). */
static int assortativity(cni_mixing *mx, const cni_groups *gr)
{
    uint32_t *type = cni_alloc_array(gr->nv + 1, sizeof *type);
    uint32_t *vert = cni_alloc_array(gr->nv + 1, sizeof *vert);
    uint32_t *from = cni_alloc_array(gr->m + 1, sizeof *from);
    uint32_t *to = cni_alloc_array(gr->m + 1, sizeof *to);
    size_t nv = 0, m = 0;
    int rc = 0;

    mx->assortativity = NAN;
    if (!type || !vert || !from || !to) {
        rc = cni_fail(CN_ENOMEM, "out of memory");
        goto done;
    }
    for (size_t x = 0; x < gr->nv; x++) {
        vert[x] = UINT32_MAX;
        if (gr->off[x + 1] - gr->off[x] == 1) {
            type[nv] = gr->group[gr->off[x]];
            vert[x] = (uint32_t)nv++;
        }
    }
    for (size_t e = 0; e < gr->m; e++) {
        if (vert[gr->from[e]] != UINT32_MAX && vert[gr->to[e]] != UINT32_MAX) {
            from[m] = vert[gr->from[e]];
            to[m++] = vert[gr->to[e]];
        }
    }
    mx->assort_actors = nv;
    mx->assort_ties = m;
    if (m > 0) {
        rc = cni_ig_assortativity_nominal(&mx->assortativity, nv, from, to, m, type);
    }
done:
    free(to);
    free(from);
    free(vert);
    free(type);
    return rc;
}

int cni_mixing_compute(cni_mixing *out, const cni_groups *gr)
{
    size_t n = gr->n;
    int rc;

    memset(out, 0, sizeof *out);
    out->n = n;
    if (!(out->ties = cni_calloc_array(n * n + 1, sizeof *out->ties))
        || !(out->weight = cni_calloc_array(n * n + 1, sizeof *out->weight))) {
        cni_mixing_fini(out);
        return cni_fail(CN_ENOMEM, "out of memory");
    }
    for (size_t e = 0; e < gr->m; e++) {
        uint32_t u = gr->from[e], v = gr->to[e];
        double share = 1.0 / ((double)(gr->off[u + 1] - gr->off[u])
                              * (double)(gr->off[v + 1] - gr->off[v]));
        for (size_t j = gr->off[u]; j < gr->off[u + 1]; j++) {
            for (size_t k = gr->off[v]; k < gr->off[v + 1]; k++) {
                size_t a = gr->group[j], b = gr->group[k];
                double w = share * gr->weight[e];
                if (a == b) {
                    out->ties[a * n + a] += share;
                    out->weight[a * n + a] += w;
                    out->internal += share;
                    out->internal_w += w;
                } else {
                    out->ties[a * n + b] += share;
                    out->ties[b * n + a] += share;
                    out->weight[a * n + b] += w;
                    out->weight[b * n + a] += w;
                    out->external += share;
                    out->external_w += w;
                }
            }
        }
    }
    if ((rc = assortativity(out, gr)) < 0) {
        cni_mixing_fini(out);
    }
    return rc;
}

void cni_brokerage_fini(cni_brokerage *b)
{
    free(b->count);
    free(b->expected);
    free(b->sd);
    free(b->group_count);
    memset(b, 0, sizeof *b);
}

/* sna::brokerage's expected values and variances for an actor of a group of @p ni actors out of
 * @p nn, among groups of sizes @p sizes, at density @p d (Gould & Fernandez 1989). */
static void null_model(double *e, double *var, double ni, double nn, const size_t *sizes,
                       size_t ngroups, size_t self, double d)
{
    double p = d * d * (1 - d), q = d * d * d * (1 - d) * (1 - d) * (1 - d);
    double s2 = 0, s3 = 0, sum = 0, sq = 0, liaison_var = 0;

    for (size_t h = 0; h < ngroups; h++) {
        double nh = (double)sizes[h];
        if (h == self) {
            continue;
        }
        s2 += nh * (nh - 1);
        s3 += nh * (nh - 1) * (nh - 2);
        sum += nh;
        sq += nh * nh;
        liaison_var += nh * (nn - nh - ni) * (nn - nh - ni - 1) / 2;
    }
    e[0] = p * (ni - 1) * (ni - 2);
    var[0] = e[0] * (1 - p) + 2 * (ni - 1) * (ni - 2) * (ni - 3) * q;
    e[1] = p * s2;
    var[1] = e[1] * (1 - p) + 2 * s3 * q;
    e[2] = p * (nn - ni) * (ni - 1);
    var[2] = e[2] * (1 - p)
             + 2 * ((ni - 1) * (nn - ni) * (nn - ni - 1) / 2 + (nn - ni) * (ni - 1) * (ni - 2) / 2)
                   * q;
    e[3] = e[2];
    var[3] = var[2];
    e[4] = p * (sum * sum - sq);
    var[4] = e[4] * (1 - p) + 4 * liaison_var * q;
    e[5] = p * (nn - 1) * (nn - 2);
    var[5] = e[5] * (1 - p) + 2 * (nn - 1) * (nn - 2) * (nn - 3) * q;
}

/* The closed pair i - k of a triangle's vertex v (i and k tied to each other too), counted in
 * v's row of @p closed by role: coordinator, itinerant, representative/gatekeeper, liaison. */
static void count_closed(uint64_t *closed, uint32_t gv, uint32_t gi, uint32_t gk)
{
    closed[gi == gv && gk == gv ? 0 : gi == gk ? 1 : gi == gv || gk == gv ? 2 : 3]++;
}

int cni_brokerage_compute(cni_brokerage *out, const cni_groups *gr)
{
    size_t nv = gr->nv, R = CNI_BROKER_ROLES;
    uint32_t *off = NULL, *adj = NULL, *fill = NULL, *grp = NULL; /* grp: each vertex's group */
    uint32_t *up_off = NULL, *up = NULL, *mark = NULL; /* ties towards the higher degree */
    uint64_t *closed = NULL; /* per vertex: its closed pairs by role (count_closed()) */
    size_t *in_grp = NULL;   /* per group: the neighbours of the vertex at hand in it */
    double *ge = NULL, *gsd = NULL;
    int rc = 0;

    memset(out, 0, sizeof *out);
    if (gr->list) {
        return cni_fail(CN_EINVAL, "brokerage needs one group per actor: not by field");
    }
    out->nv = nv;
    if (!(out->count = cni_calloc_array(nv * R + 1, sizeof *out->count))
        || !(out->expected = cni_calloc_array(nv * R + 1, sizeof *out->expected))
        || !(out->sd = cni_calloc_array(nv * R + 1, sizeof *out->sd))
        || !(out->group_count = cni_calloc_array(gr->n * R + 1, sizeof *out->group_count))
        || !(off = cni_calloc_array(nv + 2, sizeof *off))
        || !(fill = cni_calloc_array(nv + 1, sizeof *fill))
        || !(grp = cni_alloc_array(nv + 1, sizeof *grp))
        || !(up_off = cni_calloc_array(nv + 2, sizeof *up_off))
        || !(up = cni_alloc_array(gr->m + 1, sizeof *up))
        || !(mark = cni_alloc_array(nv + 1, sizeof *mark))
        || !(closed = cni_calloc_array(4 * nv + 1, sizeof *closed))
        || !(in_grp = cni_calloc_array(gr->n + 1, sizeof *in_grp))
        || !(adj = cni_alloc_array(2 * gr->m + 1, sizeof *adj))
        || !(ge = cni_alloc_array(gr->n * R + 1, sizeof *ge))
        || !(gsd = cni_alloc_array(gr->n * R + 1, sizeof *gsd))) {
        rc = cni_fail(CN_ENOMEM, "out of memory");
        goto done;
    }
    /* adjacency lists */
    for (size_t e = 0; e < gr->m; e++) {
        off[gr->from[e] + 1]++;
        off[gr->to[e] + 1]++;
    }
    for (size_t x = 0; x < nv; x++) {
        off[x + 1] += off[x];
    }
    for (size_t e = 0; e < gr->m; e++) {
        adj[off[gr->from[e]] + fill[gr->from[e]]++] = gr->to[e];
        adj[off[gr->to[e]] + fill[gr->to[e]]++] = gr->from[e];
    }
    for (size_t x = 0; x < nv; x++) {
        grp[x] = gr->group[gr->off[x]];
        mark[x] = UINT32_MAX;
    }
    /* An open two-path i - v - k is a pair of v's neighbours that are not tied: v's pairs by
     * role, from how many of its neighbours are in each group, less the closed ones, which are
     * its triangles (the ties are distinct pairs: the view merges repeated ones). Each triangle
     * is found once, from its vertex of lowest degree along ties towards higher degrees (ties
     * between equal degrees towards the higher vertex): at generated L this is a fraction of
     * the time of marking every neighbour's neighbours for each neighbour of every vertex. */
#define BELOW(a, b) (off[(a) + 1] - off[a] < off[(b) + 1] - off[b] \
                     || (off[(a) + 1] - off[a] == off[(b) + 1] - off[b] && (a) < (b)))
    for (size_t e = 0; e < gr->m; e++) {
        uint32_t a = gr->from[e], b = gr->to[e];
        up_off[(BELOW(a, b) ? a : b) + 1]++;
    }
    for (size_t x = 0; x < nv; x++) {
        up_off[x + 1] += up_off[x];
        fill[x] = 0;
    }
    for (size_t e = 0; e < gr->m; e++) {
        uint32_t a = gr->from[e], b = gr->to[e], lo = BELOW(a, b) ? a : b;
        up[up_off[lo] + fill[lo]++] = lo == a ? b : a;
    }
#undef BELOW
    for (uint32_t u = 0; u < nv; u++) {
        for (uint32_t q = up_off[u]; q < up_off[u + 1]; q++) {
            mark[up[q]] = u;
        }
        for (uint32_t q = up_off[u]; q < up_off[u + 1]; q++) {
            uint32_t w = up[q];
            for (uint32_t p = up_off[w]; p < up_off[w + 1]; p++) {
                uint32_t x = up[p];
                if (mark[x] == u) { /* the triangle u, w, x */
                    count_closed(closed + 4 * (size_t)u, grp[u], grp[w], grp[x]);
                    count_closed(closed + 4 * (size_t)w, grp[w], grp[u], grp[x]);
                    count_closed(closed + 4 * (size_t)x, grp[x], grp[u], grp[w]);
                }
            }
        }
    }
    /* each unordered open pair i - v - k is the ordered paths i->v->k and k->v->i; the counts
     * are whole numbers, exact in a double */
    for (size_t v = 0; v < nv; v++) {
        uint32_t gv = grp[v];
        uint64_t d = off[v + 1] - off[v], same, other_pairs = 0, pairs[4];
        const uint64_t *cl = closed + 4 * v;
        double *c = out->count + v * R;
        for (uint32_t a = off[v]; a < off[v + 1]; a++) {
            in_grp[grp[adj[a]]]++;
        }
        same = in_grp[gv];
        for (uint32_t a = off[v]; a < off[v + 1]; a++) {
            uint64_t h = in_grp[grp[adj[a]]];
            if (grp[adj[a]] != gv) {
                other_pairs += h * (h - (h > 0)) / 2; /* once per group: zeroed below */
            }
            in_grp[grp[adj[a]]] = 0;
        }
        pairs[0] = same * (same - (same > 0)) / 2;
        pairs[1] = other_pairs;
        pairs[2] = same * (d - same);
        pairs[3] = (d - same) * (d - same - (d > same)) / 2 - other_pairs;
        c[CNI_BROKER_COORDINATOR] = (double)(2 * (pairs[0] - cl[0]));
        c[CNI_BROKER_ITINERANT] = (double)(2 * (pairs[1] - cl[1]));
        c[CNI_BROKER_REPRESENTATIVE] = (double)(pairs[2] - cl[2]);
        c[CNI_BROKER_GATEKEEPER] = (double)(pairs[2] - cl[2]);
        c[CNI_BROKER_LIAISON] = (double)(2 * (pairs[3] - cl[3]));
        c[CNI_BROKER_TOTAL] = c[CNI_BROKER_COORDINATOR] + c[CNI_BROKER_ITINERANT]
                              + 2 * c[CNI_BROKER_REPRESENTATIVE] + c[CNI_BROKER_LIAISON];
        for (size_t r = 0; r < R; r++) {
            out->group_count[gv * R + r] += c[r];
        }
    }
    /* the null model: a random digraph of the same density (2 arcs per tie); the same for
     * every actor of a group, so computed once per group (ge, gsd) */
    {
        double nn = (double)nv, d = nv > 1 ? 2.0 * (double)gr->m / (nn * (nn - 1)) : 0;
        for (size_t a = 0; a < gr->n; a++) {
            double var[CNI_BROKER_ROLES];
            null_model(ge + a * R, var, (double)gr->size[a], nn, gr->size, gr->n, a, d);
            for (size_t r = 0; r < R; r++) {
                ge[a * R + r] += 0.0; /* -0 (a group of one) prints as 0 */
                gsd[a * R + r] = sqrt(var[r]);
            }
        }
        for (size_t v = 0; v < nv; v++) {
            size_t gv = gr->group[gr->off[v]];
            memcpy(out->expected + v * R, ge + gv * R, R * sizeof *ge);
            memcpy(out->sd + v * R, gsd + gv * R, R * sizeof *gsd);
        }
    }
done:
    free(gsd);
    free(ge);
    free(adj);
    free(in_grp);
    free(closed);
    free(mark);
    free(up);
    free(up_off);
    free(fill);
    free(grp);
    free(off);
    if (rc < 0) {
        cni_brokerage_fini(out);
    }
    return rc;
}

int cni_brokerage_by_node(double *const *vals, const cn_graph *g, const char *by)
{
    cni_groups gr;
    cni_brokerage br;
    size_t n = cn_graph_node_count(g);
    int rc;

    for (size_t r = 0; r < CNI_BROKER_ROLES; r++) {
        for (size_t i = 0; i < n; i++) {
            vals[r][i] = NAN;
        }
    }
    if ((rc = cni_groups_build(&gr, g, by)) < 0) {
        return rc;
    }
    if ((rc = cni_brokerage_compute(&br, &gr)) == 0) {
        for (size_t v = 0; v < br.nv; v++) {
            for (size_t r = 0; r < CNI_BROKER_ROLES; r++) {
                vals[r][gr.node_of[v]] = br.count[v * CNI_BROKER_ROLES + r];
            }
        }
        cni_brokerage_fini(&br);
    }
    cni_groups_fini(&gr);
    return rc;
}

/* Cross-network overlap on sparse structures. Every count comes from walking, for each network,
 * its members' other networks, so the cost is the sum over members of (networks per member)²
 * and networks that share nobody cost nothing. */
#include <stdlib.h>
#include <string.h>

#include <collabnet/analysis.h>

#include "../model/graph.h"

#define NK CN_NODE_KIND_COUNT

struct cn_overlap {
    const cn_graph *g;
    cn_overlap_options opts;
    uint32_t *mem_off, *mem;   /* network node -> counted members (CSR over all nodes) */
    uint32_t *net_off, *nets;  /* node -> networks it is counted in, in node order */
    cn_overlap_pair *pairs;
    size_t npairs;
    uint32_t *spanners;
    size_t nspanners;
    uint32_t *fields_spanned, *regions_spanned; /* per node */
};

void cn_overlap_destroy(cn_overlap *o)
{
    if (!o) {
        return;
    }
    free(o->mem_off);
    free(o->mem);
    free(o->net_off);
    free(o->nets);
    free(o->pairs);
    free(o->spanners);
    free(o->fields_spanned);
    free(o->regions_spanned);
    free(o);
}

static bool counted(const cn_overlap *o, uint32_t member)
{
    return o->opts.kind < 0 || o->g->node_kind[member] == (uint8_t)o->opts.kind;
}

/* Members of every network: direct members, or with transitive also everything reachable
 * through sub-networks (membership has no cycles: the loader rejects them). A stamp per node
 * keeps each member once per network. The work that follows is counted here: a member already
 * counted in c networks adds c to the shared total; past max_shared, the transitive walk (whose
 * cost is not bounded by the input's size: a chain of n nested networks has n²/2 memberships)
 * stops at once, and direct membership is refused with its exact figure. */
static int member_sets(cn_overlap *o)
{
    const cn_graph *g = o->g;
    uint32_t *stamp = cni_alloc_array(g->n, sizeof *stamp), *stack = NULL;
    uint32_t *in = cni_calloc_array(g->n, sizeof *in);
    size_t cap = 0, len = 0, scap = 0, shared = 0, walked = 0;
    size_t max = o->opts.max_shared ? o->opts.max_shared : CN_OVERLAP_MAX_SHARED;
    int rc = 0;

    o->mem_off = cni_calloc_array(g->n + 1, sizeof *o->mem_off);
    if (!stamp || !in || !o->mem_off) {
        free(stamp);
        free(in);
        return cni_fail(CN_ENOMEM, "out of memory");
    }
    for (size_t i = 0; i < g->n; i++) {
        stamp[i] = UINT32_MAX;
    }
    for (size_t p = 0; p < g->n && rc == 0; p++) {
        size_t top = 0;
        o->mem_off[p] = (uint32_t)len;
        if (g->node_kind[p] != CN_NODE_NETWORK) {
            continue;
        }
        if (cni_grow((void **)&stack, &scap, 1, sizeof *stack) < 0) {
            rc = CN_ENOMEM;
            break;
        }
        stack[top++] = (uint32_t)p;
        while (top > 0 && rc == 0) {
            uint32_t q = stack[--top];
            for (uint32_t k = g->in_off[q]; k < g->in_off[q + 1] && rc == 0; k++) {
                uint32_t a = g->e_src[g->in_edges[k]];
                if (o->opts.transitive && (++walked > max || shared > max)) {
                    rc = cni_fail(CN_ELIMIT,
                                  "through sub-networks, pairs of networks share more than %zu "
                                  "members in all or more than %zu memberships are walked, the "
                                  "limit (max_shared; --max-shared N raises it)", max, max);
                    break;
                }
                if (stamp[a] == p) {
                    continue;
                }
                stamp[a] = (uint32_t)p;
                if (counted(o, a)) {
                    if (len == UINT32_MAX) { /* offsets are 32-bit; reachable with no limit */
                        rc = cni_fail(CN_ELIMIT, "more than %u memberships through sub-networks",
                                      UINT32_MAX - 1);
                        break;
                    }
                    if ((rc = cni_grow((void **)&o->mem, &cap, len + 1, sizeof *o->mem)) < 0) {
                        break;
                    }
                    o->mem[len++] = a;
                    shared += in[a]++;
                }
                if (o->opts.transitive && g->node_kind[a] == CN_NODE_NETWORK) {
                    if ((rc = cni_grow((void **)&stack, &scap, top + 1, sizeof *stack)) < 0) {
                        break;
                    }
                    stack[top++] = a;
                }
            }
        }
    }
    o->mem_off[g->n] = (uint32_t)len;
    if (rc == 0 && shared > max) {
        rc = cni_fail(CN_ELIMIT,
                      "pairs of networks share %zu members in all, over the limit of %zu "
                      "(max_shared; --max-shared N raises it)", shared, max);
    }
    free(stamp);
    free(in);
    free(stack);
    return rc;
}

/* The inverse: for each node, the networks it is counted in (a counting sort keeps node order). */
static int network_lists(cn_overlap *o)
{
    const cn_graph *g = o->g;
    size_t total = o->mem_off[g->n];
    uint32_t *fill;

    o->net_off = cni_calloc_array(g->n + 1, sizeof *o->net_off);
    o->nets = cni_alloc_array(total, sizeof *o->nets);
    fill = cni_alloc_array(g->n + 1, sizeof *fill);
    if (!o->net_off || !o->nets || !fill) {
        free(fill);
        return cni_fail(CN_ENOMEM, "out of memory");
    }
    for (size_t k = 0; k < total; k++) {
        o->net_off[o->mem[k] + 1]++;
    }
    for (size_t i = 0; i < g->n; i++) {
        o->net_off[i + 1] += o->net_off[i];
    }
    memcpy(fill, o->net_off, (g->n + 1) * sizeof *fill);
    for (size_t p = 0; p < g->n; p++) {
        for (uint32_t k = o->mem_off[p]; k < o->mem_off[p + 1]; k++) {
            o->nets[fill[o->mem[k]]++] = (uint32_t)p;
        }
    }
    free(fill);
    return 0;
}

/* Whether @p node is counted in @p net: a binary search of its networks, which are in node
 * order (a scan made a lead of 3,000 networks cost 38 s over their 4.5 million pairs). */
static bool counted_in(const cn_overlap *o, size_t node, uint32_t net)
{
    uint32_t lo = o->net_off[node], hi = o->net_off[node + 1];

    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (o->nets[mid] == net) {
            return true;
        }
        if (o->nets[mid] < net) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return false;
}

static int cmp_pair(const void *x, const void *y)
{
    const cn_overlap_pair *a = x, *b = y;

    if (a->shared != b->shared) {
        return a->shared < b->shared ? 1 : -1;
    }
    if (a->jaccard != b->jaccard) {
        return a->jaccard < b->jaccard ? 1 : -1;
    }
    if (a->a != b->a) {
        return a->a < b->a ? -1 : 1;
    }
    return a->b < b->b ? -1 : a->b > b->b;
}

static int find_pairs(cn_overlap *o)
{
    const cn_graph *g = o->g;
    size_t (*acc)[NK + 1] = cni_calloc_array(g->n, sizeof *acc);
    uint32_t *touched = cni_alloc_array(g->n, sizeof *touched);
    size_t cap = 0, min = o->opts.min_shared ? o->opts.min_shared : 1;
    int rc = 0;

    if (!acc || !touched) {
        rc = cni_fail(CN_ENOMEM, "out of memory");
        goto done;
    }
    for (size_t p = 0; p < g->n && rc == 0; p++) {
        size_t nt = 0;
        for (uint32_t k = o->mem_off[p]; k < o->mem_off[p + 1]; k++) {
            uint32_t a = o->mem[k];
            for (uint32_t j = o->net_off[a]; j < o->net_off[a + 1]; j++) {
                uint32_t q = o->nets[j];
                if (q <= p) {
                    continue;
                }
                if (acc[q][NK] == 0) {
                    touched[nt++] = q;
                }
                acc[q][NK]++;
                acc[q][g->node_kind[a]]++;
            }
        }
        for (size_t t = 0; t < nt && rc == 0; t++) {
            uint32_t q = touched[t];
            if (acc[q][NK] >= min) {
                cn_overlap_pair *pr;
                size_t la = cn_graph_network_lead(g, p), lb = cn_graph_network_lead(g, q);
                if ((rc = cni_grow((void **)&o->pairs, &cap, o->npairs + 1, sizeof *o->pairs))
                    < 0) {
                    break;
                }
                pr = &o->pairs[o->npairs++];
                pr->a = p;
                pr->b = q;
                pr->shared = acc[q][NK];
                memcpy(pr->shared_by_kind, acc[q], sizeof pr->shared_by_kind);
                pr->size_a = o->mem_off[p + 1] - o->mem_off[p];
                pr->size_b = o->mem_off[q + 1] - o->mem_off[q];
                pr->jaccard = (double)pr->shared / (double)(pr->size_a + pr->size_b - pr->shared);
                pr->overlap = (double)pr->shared
                              / (double)(pr->size_a < pr->size_b ? pr->size_a : pr->size_b);
                pr->lead_a_in_b = la != CN_NONE && counted_in(o, la, q);
                pr->lead_b_in_a = lb != CN_NONE && counted_in(o, lb, (uint32_t)p);
            }
            memset(acc[q], 0, sizeof acc[q]);
        }
    }
    cni_sort(o->pairs, o->npairs, sizeof *o->pairs, cmp_pair);
done:
    free(acc);
    free(touched);
    return rc;
}

static int cmp_u32(const void *x, const void *y)
{
    uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;

    return a < b ? -1 : a > b;
}

/* Distinct string ids in buf[0..n) (sorted in place). */
static size_t distinct(uint32_t *buf, size_t n)
{
    size_t d = 0;

    cni_sort(buf, n, sizeof *buf, cmp_u32);
    for (size_t i = 0; i < n; i++) {
        d += buf[i] != 0 && (i == 0 || buf[i] != buf[i - 1]);
    }
    return d;
}

/* The interned region id a network counts under (see cn_graph_network_region). */
static uint32_t region_sid(const cn_graph *g, size_t net)
{
    size_t lead = cn_graph_network_lead(g, net);

    return lead != CN_NONE && g->node_region[lead] ? g->node_region[lead] : g->node_region[net];
}

/* Spanners by networks, fields, regions spanned (most first), then node order; @p ctx is the
 * overlap. */
static int cmp_spanner(const void *x, const void *y, void *ctx)
{
    uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;
    const cn_overlap *o = ctx;
    size_t na = o->net_off[a + 1] - o->net_off[a], nb = o->net_off[b + 1] - o->net_off[b];

    if (na != nb) {
        return na < nb ? 1 : -1;
    }
    if (o->fields_spanned[a] != o->fields_spanned[b]) {
        return o->fields_spanned[a] < o->fields_spanned[b] ? 1 : -1;
    }
    if (o->regions_spanned[a] != o->regions_spanned[b]) {
        return o->regions_spanned[a] < o->regions_spanned[b] ? 1 : -1;
    }
    return a < b ? -1 : 1;
}

static int find_spanners(cn_overlap *o)
{
    const cn_graph *g = o->g;
    uint32_t *buf = NULL;
    size_t cap = 0;
    int rc = 0;

    o->fields_spanned = cni_calloc_array(g->n, sizeof *o->fields_spanned);
    o->regions_spanned = cni_calloc_array(g->n, sizeof *o->regions_spanned);
    o->spanners = cni_alloc_array(g->n, sizeof *o->spanners);
    if (!o->fields_spanned || !o->regions_spanned || !o->spanners) {
        return cni_fail(CN_ENOMEM, "out of memory");
    }
    for (size_t i = 0; i < g->n && rc == 0; i++) {
        size_t nn = o->net_off[i + 1] - o->net_off[i], len = 0;
        if (nn == 0) {
            continue;
        }
        for (uint32_t k = o->net_off[i]; k < o->net_off[i + 1] && rc == 0; k++) {
            uint32_t p = o->nets[k];
            size_t nf = g->field_off[p + 1] - g->field_off[p];
            if ((rc = cni_grow((void **)&buf, &cap, len + nf + 1, sizeof *buf)) < 0) {
                break;
            }
            if (nf > 0) { /* g->fields is NULL in a dataset without fields */
                memcpy(buf + len, g->fields + g->field_off[p], nf * sizeof *buf);
                len += nf;
            }
        }
        if (rc < 0) {
            break;
        }
        o->fields_spanned[i] = (uint32_t)distinct(buf, len);
        /* one region per network: a node in more networks than their fields needs more room */
        if ((rc = cni_grow((void **)&buf, &cap, nn, sizeof *buf)) < 0) {
            break;
        }
        len = 0;
        for (uint32_t k = o->net_off[i]; k < o->net_off[i + 1]; k++) {
            buf[len++] = region_sid(g, o->nets[k]);
        }
        o->regions_spanned[i] = (uint32_t)distinct(buf, len);
        if (nn >= 2 && g->node_kind[i] != CN_NODE_NETWORK) {
            o->spanners[o->nspanners++] = (uint32_t)i;
        }
    }
    free(buf);
    cni_sort_r(o->spanners, o->nspanners, sizeof *o->spanners, cmp_spanner, o);
    return rc;
}

int cn_overlap_compute(cn_overlap **out, const cn_graph *g, const cn_overlap_options *opts)
{
    static const cn_overlap_options defaults = CN_OVERLAP_OPTIONS_INIT;
    cn_overlap *o;
    int rc;

    if ((rc = CNI_CHECK_PTR(out)) < 0) {
        return rc;
    }
    *out = NULL;
    cni_clear_error();
    if ((rc = CNI_CHECK_PTR(g)) < 0) {
        return rc;
    }
    if (!opts) {
        opts = &defaults;
    }
    if (opts->kind < -1 || opts->kind >= NK) {
        return cni_fail(CN_EINVAL, "%s: opts->kind %d is not -1 or a cn_node_kind", __func__,
                        opts->kind);
    }
    if (!(o = calloc(1, sizeof *o))) {
        return cni_fail(CN_ENOMEM, "out of memory");
    }
    o->g = g;
    o->opts = *opts;
    if ((rc = member_sets(o)) < 0 || (rc = network_lists(o)) < 0 || (rc = find_pairs(o)) < 0
        || (rc = find_spanners(o)) < 0) {
        cn_overlap_destroy(o);
        return rc < 0 ? rc : CN_ENOMEM;
    }
    *out = o;
    return 0;
}

/* Getters: a NULL overlap or an index past the end gives the neutral value (error.h). */
static bool node_ok(const cn_overlap *o, size_t i)
{
    return o && i < o->g->n;
}

size_t cn_overlap_pair_count(const cn_overlap *o)
{
    return o ? o->npairs : 0;
}

const cn_overlap_pair *cn_overlap_pair_at(const cn_overlap *o, size_t k)
{
    return o && k < o->npairs ? &o->pairs[k] : NULL;
}

size_t cn_overlap_size(const cn_overlap *o, size_t net)
{
    return node_ok(o, net) ? o->mem_off[net + 1] - o->mem_off[net] : 0;
}

size_t cn_overlap_node_network_count(const cn_overlap *o, size_t i)
{
    return node_ok(o, i) ? o->net_off[i + 1] - o->net_off[i] : 0;
}

size_t cn_overlap_node_network(const cn_overlap *o, size_t i, size_t k)
{
    return k < cn_overlap_node_network_count(o, i) ? o->nets[o->net_off[i] + k] : CN_NONE;
}

size_t cn_overlap_spanner_count(const cn_overlap *o)
{
    return o ? o->nspanners : 0;
}

size_t cn_overlap_spanner(const cn_overlap *o, size_t k)
{
    return o && k < o->nspanners ? o->spanners[k] : CN_NONE;
}

size_t cn_overlap_fields_spanned(const cn_overlap *o, size_t i)
{
    return node_ok(o, i) ? o->fields_spanned[i] : 0;
}

size_t cn_overlap_regions_spanned(const cn_overlap *o, size_t i)
{
    return node_ok(o, i) ? o->regions_spanned[i] : 0;
}

/* ---- grouped ---- */

/* Group names (string ids) in byte order; @p ctx is the graph that interned them. */
static int cmp_group_name(const void *x, const void *y, void *ctx)
{
    const cn_graph *g = ctx;

    return strcmp(cni_strpool_get(g->pool, *(const uint32_t *)x),
                  cni_strpool_get(g->pool, *(const uint32_t *)y));
}

/* Each member's distinct groups (group numbers, ascending), appended to *list at *len. */
static int member_groups(uint32_t **list, size_t *cap, size_t *len, const cn_overlap *o,
                         size_t i, cn_group_by by, const uint32_t *group_of)
{
    const cn_graph *g = o->g;
    size_t start = *len, d = 0;
    int rc;

    for (uint32_t k = o->net_off[i]; k < o->net_off[i + 1]; k++) {
        uint32_t p = o->nets[k];
        size_t nf = by == CN_GROUP_FIELD ? g->field_off[p + 1] - g->field_off[p] : 1;
        if ((rc = cni_grow((void **)list, cap, *len + nf, sizeof **list)) < 0) {
            return rc;
        }
        if (by == CN_GROUP_FIELD) {
            for (uint32_t f = g->field_off[p]; f < g->field_off[p + 1]; f++) {
                (*list)[(*len)++] = group_of[g->fields[f]];
            }
        } else if (region_sid(g, p)) {
            (*list)[(*len)++] = group_of[region_sid(g, p)];
        }
    }
    if (*len == start) {
        return 0; /* no groups (and *list may still be NULL: no pointer arithmetic on it) */
    }
    cni_sort(*list + start, *len - start, sizeof **list, cmp_u32);
    for (size_t x = start; x < *len; x++) {
        if (x == start || (*list)[x] != (*list)[start + d - 1]) {
            (*list)[start + d++] = (*list)[x];
        }
    }
    *len = start + d;
    return 0;
}

/* Rows are counted group by group, as pairs are: for group x, each of its members adds one to
 * every group y >= x the member is in, in a scratch row that is cleared after x. Memory stays
 * linear in memberships and rows (a groups x groups matrix took 15.6 GB and 86 s for 20,000
 * regions); time is the sum over members of (groups per member)². */
int cn_overlap_groups(cn_group_overlap **out, size_t *count, const cn_overlap *o, cn_group_by by)
{
    const cn_graph *g;
    size_t npool, ng = 0, cap = 0, len = 0, nrows = 0, rcap = 0;
    uint32_t *group_of = NULL, *names = NULL, *mg = NULL, *gm = NULL, *touched = NULL;
    size_t *mg_off = NULL, *gm_off = NULL, *fill = NULL, (*acc)[NK + 1] = NULL, work = 0;
    size_t max;
    cn_group_overlap *rows = NULL;
    int rc = 0;

    if (out) {
        *out = NULL;
    }
    if (count) {
        *count = 0;
    }
    if ((rc = CNI_CHECK_PTR(out)) < 0 || (rc = CNI_CHECK_PTR(count)) < 0
        || (rc = CNI_CHECK_PTR(o)) < 0) {
        return rc;
    }
    if (by != CN_GROUP_FIELD && by != CN_GROUP_REGION) {
        return CNI_EINVAL("by is not a cn_group_by");
    }
    g = o->g;
    npool = cni_strpool_count(g->pool);
    max = o->opts.max_shared ? o->opts.max_shared : CN_OVERLAP_MAX_SHARED;
    /* the groups in use, numbered in name order */
    group_of = cni_alloc_array(npool, sizeof *group_of);
    names = cni_alloc_array(npool, sizeof *names);
    mg_off = cni_calloc_array(g->n + 1, sizeof *mg_off);
    if (!group_of || !names || !mg_off) {
        rc = cni_fail(CN_ENOMEM, "out of memory");
        goto done;
    }
    for (size_t s = 0; s < npool; s++) {
        group_of[s] = UINT32_MAX;
    }
    for (size_t p = 0; p < g->n; p++) {
        if (g->node_kind[p] != CN_NODE_NETWORK) {
            continue;
        }
        if (by == CN_GROUP_FIELD) {
            for (uint32_t k = g->field_off[p]; k < g->field_off[p + 1]; k++) {
                if (group_of[g->fields[k]] == UINT32_MAX) {
                    group_of[g->fields[k]] = 0;
                    names[ng++] = g->fields[k];
                }
            }
        } else if (region_sid(g, p) && group_of[region_sid(g, p)] == UINT32_MAX) {
            group_of[region_sid(g, p)] = 0;
            names[ng++] = region_sid(g, p);
        }
    }
    cni_sort_r(names, ng, sizeof *names, cmp_group_name, (void *)g);
    for (size_t k = 0; k < ng; k++) {
        group_of[names[k]] = (uint32_t)k;
    }
    if (ng == 0) {
        goto done;
    }
    /* member -> its groups, then group -> its members (a counting sort keeps node order); a
     * member in d groups adds d(d - 1)/2 pairs of groups to the work and the rows, bounded as
     * the pairs of networks are (a network may list thousands of fields) */
    for (size_t i = 0; i < g->n; i++) {
        size_t d;
        if ((rc = member_groups(&mg, &cap, &len, o, i, by, group_of)) < 0) {
            goto done;
        }
        mg_off[i + 1] = len;
        d = len - mg_off[i];
        work += d * (d - (d > 0)) / 2; /* d < 2^32 */
        if (work > max) {
            rc = cni_fail(CN_ELIMIT,
                          "pairs of groups would share more than %zu members in all, the limit "
                          "(max_shared; --max-shared N raises it)", max);
            goto done;
        }
    }
    gm_off = cni_calloc_array(ng + 1, sizeof *gm_off);
    fill = cni_alloc_array(ng + 1, sizeof *fill);
    gm = cni_alloc_array(len + 1, sizeof *gm);
    acc = cni_calloc_array(ng, sizeof *acc);
    touched = cni_alloc_array(ng, sizeof *touched);
    if (!gm_off || !fill || !gm || !acc || !touched) {
        rc = cni_fail(CN_ENOMEM, "out of memory");
        goto done;
    }
    for (size_t k = 0; k < len; k++) {
        gm_off[mg[k] + 1]++;
    }
    for (size_t x = 0; x < ng; x++) {
        gm_off[x + 1] += gm_off[x];
    }
    memcpy(fill, gm_off, (ng + 1) * sizeof *fill);
    for (size_t i = 0; i < g->n; i++) {
        for (size_t k = mg_off[i]; k < mg_off[i + 1]; k++) {
            gm[fill[mg[k]]++] = (uint32_t)i;
        }
    }
    for (size_t x = 0; x < ng && rc == 0; x++) {
        size_t nt = 0;
        for (size_t k = gm_off[x]; k < gm_off[x + 1]; k++) {
            uint32_t i = gm[k];
            for (size_t j = mg_off[i]; j < mg_off[i + 1]; j++) {
                uint32_t y = mg[j];
                if (y < x) {
                    continue;
                }
                if (acc[y][NK] == 0) {
                    touched[nt++] = y;
                }
                acc[y][NK]++;
                acc[y][g->node_kind[i]]++;
            }
        }
        cni_sort(touched, nt, sizeof *touched, cmp_u32);
        for (size_t t = 0; t < nt; t++) {
            uint32_t y = touched[t];
            if (rc == 0
                && (rc = cni_grow((void **)&rows, &rcap, nrows + 1, sizeof *rows)) == 0) {
                rows[nrows].a = cni_strpool_get(g->pool, names[x]);
                rows[nrows].b = cni_strpool_get(g->pool, names[y]);
                rows[nrows].shared = acc[y][NK];
                memcpy(rows[nrows].shared_by_kind, acc[y], sizeof rows[nrows].shared_by_kind);
                nrows++;
            }
            memset(acc[y], 0, sizeof acc[y]);
        }
    }
    if (rc == 0) {
        *out = rows;
        *count = nrows;
        rows = NULL;
    }
done:
    free(rows);
    free(touched);
    free(acc);
    free(gm);
    free(fill);
    free(gm_off);
    free(mg);
    free(mg_off);
    free(group_of);
    free(names);
    return rc;
}

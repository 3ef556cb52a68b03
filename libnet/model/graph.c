/* The ecosystem model: columnar arrays of interned string ids, built once by the loader and
 * read-only afterwards. Indexes are 32-bit, which bounds a graph at about 4 billion nodes and
 * edge rows while keeping an edge row at 38 bytes. */
#include <stdlib.h>
#include <string.h>

#include <collabnet/model.h>

#include "graph.h"

static const char *const kind_names[CN_NODE_KIND_COUNT] = { "institution", "enterprise", "expert",
                                                             "network" };
static const char *const edge_kind_names[CN_EDGE_KIND_COUNT] = { "membership", "collaboration" };
static const char *const role_names[CN_ROLE_COUNT] = { "", "lead", "member", "partner" };

const char *cn_node_kind_name(cn_node_kind kind)
{
    return (unsigned)kind < CN_NODE_KIND_COUNT ? kind_names[kind] : NULL;
}

const char *cn_edge_kind_name(cn_edge_kind kind)
{
    return (unsigned)kind < CN_EDGE_KIND_COUNT ? edge_kind_names[kind] : NULL;
}

const char *cn_role_name(cn_role role)
{
    return (unsigned)role < CN_ROLE_COUNT ? role_names[role] : NULL;
}

int cni_graph_create(cn_graph **out)
{
    cn_graph *g = calloc(1, sizeof *g);
    int rc;

    *out = NULL;
    if (!g) {
        return cni_fail(CN_ENOMEM, "out of memory");
    }
    if ((rc = cni_strpool_create(&g->pool)) < 0) {
        free(g);
        return rc;
    }
    *out = g;
    return 0;
}

/* Free what cni_graph_finalize() builds, so it can be built again. */
static void free_derived(cn_graph *g)
{
    free(g->lead);
    free(g->in_off);
    free(g->in_edges);
    free(g->out_off);
    free(g->out_edges);
    free(g->tie_a);
    free(g->tie_b);
    free(g->tie_rows);
    free(g->tie_w);
    g->lead = g->in_off = g->in_edges = g->out_off = g->out_edges = NULL;
    g->tie_a = g->tie_b = g->tie_rows = NULL;
    g->tie_w = NULL;
    g->nties = 0;
}

void cn_graph_destroy(cn_graph *g)
{
    if (!g) {
        return;
    }
    cni_strpool_destroy(g->pool);
    free(g->node_id);
    free(g->node_label);
    free(g->node_region);
    free(g->node_country);
    free(g->node_line);
    free(g->node_kind);
    free(g->field_off);
    free(g->fields);
    for (size_t k = 0; k < g->nattr; k++) {
        free(g->node_attr[k]);
    }
    free(g->node_attr);
    free(g->node_attr_name);
    free(g->e_src);
    free(g->e_dst);
    free(g->e_ref.v);
    free(g->e_line.v);
    free(g->e_kind);
    free(g->e_role);
    free(g->e_weight);
    free(g->e_since);
    free(g->e_until);
    for (size_t k = 0; k < g->neattr; k++) {
        free(g->edge_attr[k]);
    }
    free(g->edge_attr);
    free(g->edge_attr_name);
    free_derived(g);
    free(g);
}

int cni_graph_intern(uint32_t *out, cn_graph *g, const char *s, size_t n)
{
    return cni_strpool_intern(out, g->pool, s, n);
}

int cni_graph_store(uint32_t *out, cn_graph *g, const char *s, size_t n)
{
    return cni_strpool_add(out, g->pool, s, n);
}

static int set_attrs(uint32_t **names_out, uint32_t ***cols_out, size_t *count, cn_graph *g,
                     const char *const *names, const size_t *lens, size_t n)
{
    *names_out = cni_calloc_array(n, sizeof **names_out);
    *cols_out = cni_calloc_array(n, sizeof **cols_out);
    if (!*names_out || !*cols_out) {
        return cni_fail(CN_ENOMEM, "out of memory");
    }
    *count = n;
    for (size_t k = 0; k < n; k++) {
        int rc = cni_graph_intern(&(*names_out)[k], g, names[k], lens[k]);
        if (rc < 0) {
            return rc;
        }
    }
    return 0;
}

int cni_graph_set_node_attrs(cn_graph *g, const char *const *names, const size_t *lens, size_t n)
{
    return set_attrs(&g->node_attr_name, &g->node_attr, &g->nattr, g, names, lens, n);
}

int cni_graph_set_edge_attrs(cn_graph *g, const char *const *names, const size_t *lens, size_t n)
{
    return set_attrs(&g->edge_attr_name, &g->edge_attr, &g->neattr, g, names, lens, n);
}

/* Grow every column of a table to @p need rows; the columns are listed with their sizes. */
static int grow_columns(size_t *cap, size_t need, void **cols[], const size_t sizes[], size_t ncols,
                        uint32_t **attrs, size_t nattr)
{
    size_t ncap = *cap ? *cap : 64;

    if (need <= *cap) {
        return 0;
    }
    while (ncap < need) {
        ncap *= 2;
    }
    for (size_t c = 0; c < ncols; c++) {
        void *p = realloc(*cols[c], ncap * sizes[c]);
        if (!p) {
            return cni_fail(CN_ENOMEM, "out of memory");
        }
        *cols[c] = p;
    }
    for (size_t k = 0; k < nattr; k++) {
        uint32_t *p = realloc(attrs[k], ncap * sizeof *p);
        if (!p) {
            return cni_fail(CN_ENOMEM, "out of memory");
        }
        memset(p + *cap, 0, (ncap - *cap) * sizeof *p);
        attrs[k] = p;
    }
    *cap = ncap;
    return 0;
}

int cni_graph_reserve_edges(cn_graph *g, size_t m)
{
    void **cols[9] = { (void **)&g->e_src, (void **)&g->e_dst, (void **)&g->e_kind,
                       (void **)&g->e_role, (void **)&g->e_weight, (void **)&g->e_since,
                       (void **)&g->e_until };
    size_t sizes[9] = { 4, 4, 1, 1, 8, 4, 4 }, ncols = 7;

    /* a lazy column grows once it is an array */
    if (g->e_line.v) {
        sizes[ncols] = 4;
        cols[ncols++] = (void **)&g->e_line.v;
    }
    if (g->e_ref.v) {
        sizes[ncols] = 4;
        cols[ncols++] = (void **)&g->e_ref.v;
    }
    return grow_columns(&g->mcap, m, cols, sizes, ncols, g->edge_attr, g->neattr);
}

/* Make column @p c an array of @p cap entries holding its first @p n values. */
static int lazy_spread(cni_lazy_col *c, size_t n, size_t cap)
{
    if (c->v) {
        return 0;
    }
    if (!(c->v = cni_alloc_array(cap, sizeof *c->v))) {
        return cni_fail(CN_ENOMEM, "out of memory");
    }
    for (size_t k = 0; k < n; k++) {
        c->v[k] = c->base + c->step * (uint32_t)k;
    }
    return 0;
}

/* Set row e (the next one) of column @p c to @p x. */
static int lazy_set(cni_lazy_col *c, size_t e, uint32_t x, size_t cap, uint32_t step)
{
    int rc;

    if (!c->v && e == 0) {
        c->base = x;
        c->step = step;
        return 0;
    }
    if (!c->v && x == c->base + c->step * (uint32_t)e) {
        return 0;
    }
    if ((rc = lazy_spread(c, e, cap)) < 0) {
        return rc;
    }
    c->v[e] = x;
    return 0;
}

int cni_graph_add_node(size_t *out, cn_graph *g, const char *id, size_t idlen, uint8_t kind,
                       uint32_t line)
{
    void **cols[] = { (void **)&g->node_id, (void **)&g->node_label, (void **)&g->node_region,
                      (void **)&g->node_country, (void **)&g->node_line, (void **)&g->node_kind,
                      (void **)&g->field_off };
    const size_t sizes[] = { 4, 4, 4, 4, 4, 1, 4 };
    uint32_t sid;
    size_t i = g->n;
    uint64_t node = (uint64_t)kind << 32 | (uint32_t)(i + 1); /* see cni_graph_find_kind */
    int rc;

    if (g->n >= CNI_NO_INDEX - 1) {
        return cni_fail(CN_ENOMEM, "too many nodes");
    }
    /* field_off needs n + 1 entries; the id's pool entry keeps node index + 1 (cn_graph_find) */
    if ((rc = grow_columns(&g->ncap, g->n + 2, cols, sizes, 7, g->node_attr, g->nattr)) < 0
        || (rc = cni_strpool_intern_value(&sid, g->pool, id, idlen, &node)) < 0) {
        return rc;
    }
    g->node_id[i] = sid;
    g->node_label[i] = sid;
    g->node_region[i] = 0;
    g->node_country[i] = 0;
    g->node_line[i] = line;
    g->node_kind[i] = kind;
    if (i == 0) {
        g->field_off[0] = 0;
    }
    g->field_off[i + 1] = (uint32_t)g->nfields;
    g->n++;
    *out = i;
    return 0;
}

void cni_graph_set_node_str(cn_graph *g, size_t i, uint32_t label, uint32_t region,
                            uint32_t country)
{
    if (label) {
        g->node_label[i] = label;
    }
    g->node_region[i] = region;
    g->node_country[i] = country;
}

int cni_graph_add_field(cn_graph *g, size_t i, const char *slug, size_t len)
{
    uint32_t sid;
    int rc;

    if ((rc = cni_graph_intern(&sid, g, slug, len)) < 0) {
        return rc;
    }
    /* a repeated slug in one cell is one field */
    for (uint32_t k = g->field_off[i]; k < g->nfields; k++) {
        if (g->fields[k] == sid) {
            return 0;
        }
    }
    if (g->nfields >= CNI_NO_INDEX - 1) {
        return cni_fail(CN_ENOMEM, "too many fields");
    }
    if ((rc = cni_grow((void **)&g->fields, &g->fcap, g->nfields + 1, sizeof *g->fields)) < 0) {
        return rc;
    }
    g->fields[g->nfields++] = sid;
    g->field_off[i + 1] = (uint32_t)g->nfields;
    return 0;
}

int cni_graph_set_node_attr(cn_graph *g, size_t i, size_t k, const char *s, size_t len)
{
    return cni_graph_intern(&g->node_attr[k][i], g, s, len);
}

int cni_graph_add_edge(size_t *out, cn_graph *g, uint32_t src, uint32_t dst, uint8_t kind,
                       uint8_t role, double weight, cni_date since, cni_date until,
                       uint32_t ref, uint32_t line)
{
    size_t e = g->m;
    int rc;

    if (g->m >= CNI_NO_INDEX - 1) {
        return cni_fail(CN_ENOMEM, "too many edges");
    }
    if ((rc = cni_graph_reserve_edges(g, g->m + 1)) < 0
        || (rc = lazy_set(&g->e_ref, e, ref, g->mcap, 0)) < 0
        || (rc = lazy_set(&g->e_line, e, line, g->mcap, 1)) < 0) {
        return rc;
    }
    g->e_src[e] = src;
    g->e_dst[e] = dst;
    g->e_kind[e] = kind;
    g->e_role[e] = role;
    g->e_weight[e] = weight;
    g->e_since[e] = since;
    g->e_until[e] = until;
    g->m++;
    *out = e;
    return 0;
}

int cni_graph_set_edge_attr(cn_graph *g, size_t e, size_t k, const char *s, size_t len)
{
    return cni_graph_intern(&g->edge_attr[k][e], g, s, len);
}

/* Counting sort of edge indices by a key < nkeys into CSR form: off[nkeys + 1], idx[count]. */
static int bucket(uint32_t **off_out, uint32_t **idx_out, const cn_graph *g, const uint32_t *key,
                  size_t nkeys, uint8_t kind)
{
    uint32_t *off = cni_calloc_array(nkeys + 1, sizeof *off);
    uint32_t *idx = cni_alloc_array(g->count_edge_kind[kind], sizeof *idx);

    if (!off || !idx) {
        free(off);
        free(idx);
        return cni_fail(CN_ENOMEM, "out of memory");
    }
    for (size_t e = 0; e < g->m; e++) {
        if (g->e_kind[e] == kind) {
            off[key[e] + 1]++;
        }
    }
    for (size_t v = 0; v < nkeys; v++) {
        off[v + 1] += off[v];
    }
    for (size_t e = 0; e < g->m; e++) {
        if (g->e_kind[e] == kind) {
            idx[off[key[e]]++] = (uint32_t)e;
        }
    }
    for (size_t v = nkeys; v > 0; v--) {
        off[v] = off[v - 1];
    }
    off[0] = 0;
    *off_out = off;
    *idx_out = idx;
    return 0;
}

/* Merge collaboration rows by unordered pair, in the order of the pair (lower node, higher
 * node); a pair's rows are summed in file order. The rows are packed as (pair key, weight)
 * records and sorted by key: first spread by the top 11 bits of the lower node into 2,048
 * buckets, then each bucket by the rest of the key with a least-significant-digit radix sort of
 * 11-bit digits (stable: a pair's rows stay in file order). Every pass reads the rows in order
 * and appends to 2,048 places, so it streams through memory, and a bucket is sorted while it
 * fits in the cache. (Two counting sorts by node, an earlier way, made each row a handful of
 * cache misses at a million nodes: 40% of the load's misses, cachegrind.)
 * The buckets are taken a group at a time (about an eighth of the rows), each group gathered by
 * one more sequential read of the edge columns, and its ties appended: the sort needs an eighth
 * of the records at once, not two copies of all of them (at generated L, 8.5 million rows, the
 * two copies were 272 MB on top of the 671 MB the graph kept: 785 MB peak, now 592 MB). Each
 * read costs: this function is 8% of the load's CPU at L (perf), a sixteenth of the rows at a
 * time 14% for 7 MB less, one copy of all the rows sorted at once 3%. Linear in the rows. */
typedef struct {
    uint64_t key; /* lower node << 32 | higher node */
    double w;     /* the row's weight, carried along so the merge reads no other array */
} tie_rec;

#define DIGIT_BITS 11
#define DIGITS (1u << DIGIT_BITS)
#define TIE_GROUPS 8

static uint64_t tie_key(const cn_graph *g, size_t e)
{
    uint32_t s = g->e_src[e], t = g->e_dst[e], lo = s < t ? s : t;

    return (uint64_t)lo << 32 | (s ^ t ^ lo); /* without a branch: lower end, higher end */
}

/* Sort r[0..n) by key, stably, where every key has the same bits from bit 32 + @p lo_bits up;
 * @p tmp holds n records, @p cnt DIGITS counters. */
static void sort_bucket(tie_rec *r, tie_rec *tmp, size_t n, size_t *cnt, unsigned node_bits,
                        unsigned lo_bits)
{
    tie_rec *a = r, *b = tmp;

    if (n < 32) {
        for (size_t i = 1; i < n; i++) { /* insertion sort: stable, and a bucket is short */
            tie_rec x = r[i];
            size_t j = i;
            for (; j > 0 && r[j - 1].key > x.key; j--) {
                r[j] = r[j - 1];
            }
            r[j] = x;
        }
        return;
    }
    /* digits of the higher node (bits 0..node_bits), then of the lower one below the bucket's */
    for (unsigned half = 0; half < 64; half += 32) {
        unsigned top = half + (half ? lo_bits : node_bits);
        for (unsigned shift = half; shift < top; shift += DIGIT_BITS) {
            size_t sum = 0;
            tie_rec *t;
            memset(cnt, 0, DIGITS * sizeof *cnt);
            for (size_t i = 0; i < n; i++) {
                cnt[(a[i].key >> shift) & (DIGITS - 1)]++;
            }
            for (size_t d = 0; d < DIGITS; d++) {
                size_t c = cnt[d];
                cnt[d] = sum;
                sum += c;
            }
            for (size_t i = 0; i < n; i++) {
                b[cnt[(a[i].key >> shift) & (DIGITS - 1)]++] = a[i];
            }
            t = a;
            a = b;
            b = t;
        }
    }
    if (a != r) {
        memcpy(r, a, n * sizeof *r);
    }
}

/* The buckets from @p first up to the returned one form a group of *n rows: about @p want, or
 * one bigger bucket alone. bcnt[d + 1] is bucket d's count. */
static size_t group_end(size_t *n, const size_t *bcnt, size_t first, size_t want)
{
    size_t last = first;

    *n = 0;
    for (; last < DIGITS && (*n == 0 || *n + bcnt[last + 1] <= want); last++) {
        *n += bcnt[last + 1];
    }
    return last;
}

static int merge_ties(cn_graph *g)
{
    size_t mc = g->count_edge_kind[CN_EDGE_COLLABORATION];
    size_t *bcnt = cni_calloc_array(DIGITS + 1, sizeof *bcnt);
    size_t *cnt = cni_alloc_array(DIGITS, sizeof *cnt);
    size_t *at = cni_alloc_array(DIGITS + 1, sizeof *at);
    size_t group_max = 0, bucket_max = 0, want = mc / TIE_GROUPS + 1;
    tie_rec *buf = NULL, *tmp = NULL;
    unsigned node_bits = 1, lo_bits;
    int rc = 0;

    g->tie_a = cni_alloc_array(mc, sizeof *g->tie_a);
    g->tie_b = cni_alloc_array(mc, sizeof *g->tie_b);
    g->tie_rows = cni_alloc_array(mc, sizeof *g->tie_rows);
    g->tie_w = cni_alloc_array(mc, sizeof *g->tie_w);
    g->nties = 0;
    if (!bcnt || !cnt || !at || !g->tie_a || !g->tie_b || !g->tie_rows || !g->tie_w) {
        rc = cni_fail(CN_ENOMEM, "out of memory");
        goto done;
    }
    while (node_bits < 32 && ((size_t)1 << node_bits) < g->n) {
        node_bits++;
    }
    lo_bits = node_bits > DIGIT_BITS ? node_bits - DIGIT_BITS : 0; /* below the bucket's bits */
    for (size_t e = 0; e < g->m; e++) {
        if (g->e_kind[e] == CN_EDGE_COLLABORATION) {
            bcnt[(tie_key(g, e) >> 32 >> lo_bits) + 1]++;
        }
    }
    for (size_t first = 0, last, n; first < DIGITS; first = last) {
        last = group_end(&n, bcnt, first, want);
        group_max = n > group_max ? n : group_max;
        for (size_t d = first; d < last; d++) {
            bucket_max = bcnt[d + 1] > bucket_max ? bcnt[d + 1] : bucket_max;
        }
    }
    buf = cni_alloc_array(group_max + 1, sizeof *buf); /* + the slot rows outside a group hit */
    tmp = cni_alloc_array(bucket_max, sizeof *tmp);
    if (!buf || !tmp) {
        rc = cni_fail(CN_ENOMEM, "out of memory");
        goto done;
    }
    for (size_t first = 0, last, n; first < DIGITS; first = last) {
        last = group_end(&n, bcnt, first, want);
        if (n == 0) {
            continue;
        }
        for (size_t d = first, start = 0; d < last; start += bcnt[d + 1], d++) {
            at[d] = start; /* where bucket d starts in buf */
        }
        at[DIGITS] = n;
        /* a row outside the group, or no collaboration, is written to the slot past the group's
         * and left there: the test whether it belongs, taken or not at random, was a branch
         * mispredicted (this loop, run once a group, was two thirds of finalize at L, perf) */
        for (size_t e = 0; e < g->m; e++) {
            uint64_t key = tie_key(g, e);
            size_t d = (size_t)(key >> 32 >> lo_bits);
            bool in = d - first < last - first && g->e_kind[e] == CN_EDGE_COLLABORATION;
            size_t slot = in ? d : DIGITS;
            buf[at[slot]] = (tie_rec){ key, g->e_weight[in ? e : 0] };
            at[slot] += in;
        }
        for (size_t d = first, start = 0; d < last; start += bcnt[d + 1], d++) {
            sort_bucket(buf + start, tmp, bcnt[d + 1], cnt, node_bits, lo_bits);
        }
        for (size_t i = 0; i < n; i++) {
            uint32_t lo = (uint32_t)(buf[i].key >> 32), hi = (uint32_t)buf[i].key;
            size_t t = g->nties;
            if (t > 0 && g->tie_a[t - 1] == lo && g->tie_b[t - 1] == hi) {
                g->tie_w[t - 1] += buf[i].w;
                g->tie_rows[t - 1]++;
                continue;
            }
            g->tie_a[t] = lo;
            g->tie_b[t] = hi;
            g->tie_w[t] = buf[i].w;
            g->tie_rows[t] = 1;
            g->nties++;
        }
    }
done:
    free(buf);
    free(tmp);
    free(bcnt);
    free(cnt);
    free(at);
    return rc;
}

int cni_graph_finalize(cn_graph *g)
{
    int rc;

    memset(g->count_kind, 0, sizeof g->count_kind);
    memset(g->count_edge_kind, 0, sizeof g->count_edge_kind);
    for (size_t i = 0; i < g->n; i++) {
        if (g->node_kind[i] < CN_NODE_KIND_COUNT) {
            g->count_kind[g->node_kind[i]]++;
        }
    }
    for (size_t e = 0; e < g->m; e++) {
        g->count_edge_kind[g->e_kind[e]]++;
    }
    if (!(g->lead = cni_alloc_array(g->n, sizeof *g->lead))) {
        return cni_fail(CN_ENOMEM, "out of memory");
    }
    for (size_t i = 0; i < g->n; i++) {
        g->lead[i] = CNI_NO_INDEX;
    }
    for (size_t e = 0; e < g->m; e++) {
        if (g->e_kind[e] == CN_EDGE_MEMBERSHIP && g->e_role[e] == CN_ROLE_LEAD
            && g->lead[g->e_dst[e]] == CNI_NO_INDEX) {
            g->lead[g->e_dst[e]] = (uint32_t)e;
        }
    }
    if ((rc = bucket(&g->in_off, &g->in_edges, g, g->e_dst, g->n, CN_EDGE_MEMBERSHIP)) < 0
        || (rc = bucket(&g->out_off, &g->out_edges, g, g->e_src, g->n, CN_EDGE_MEMBERSHIP)) < 0
        || (rc = merge_ties(g)) < 0) {
        return rc;
    }
    return 0;
}

/* Move edge row e to row m (m <= e), every column. */
static void move_edge(cn_graph *g, size_t m, size_t e)
{
    g->e_src[m] = g->e_src[e];
    g->e_dst[m] = g->e_dst[e];
    if (g->e_ref.v) {
        g->e_ref.v[m] = g->e_ref.v[e];
    }
    g->e_line.v[m] = g->e_line.v[e]; /* an array before rows move: see lines_for_moves */
    g->e_kind[m] = g->e_kind[e];
    g->e_role[m] = g->e_role[e];
    g->e_weight[m] = g->e_weight[e];
    g->e_since[m] = g->e_since[e];
    g->e_until[m] = g->e_until[e];
    for (size_t k = 0; k < g->neattr; k++) {
        g->edge_attr[k][m] = g->edge_attr[k][e];
    }
}

/* Rows are about to move: a line no longer follows from the row's index. */
static int lines_for_moves(cn_graph *g)
{
    return lazy_spread(&g->e_line, g->m, g->mcap > g->m ? g->mcap : g->m + 1);
}

int cni_graph_keep_in_force(cn_graph *g, cn_date at)
{
    size_t m = 0;
    int rc;

    if ((rc = lines_for_moves(g)) < 0) {
        return rc;
    }

    for (size_t e = 0; e < g->m; e++) {
        if (cn_date_in_force(cni_date_unpack(g->e_since[e]), cni_date_unpack(g->e_until[e]), at)) {
            move_edge(g, m++, e);
        }
    }
    g->m = m;
    free_derived(g);
    return cni_graph_finalize(g);
}

int cni_graph_remove(cn_graph *g, const uint8_t *node_gone, const uint8_t *edge_gone)
{
    uint32_t *to = cni_alloc_array(g->n + 1, sizeof *to);
    uint32_t start = 0, w = 0;
    size_t n = 0, m = 0;
    int rc = 0;

    if (!to || lines_for_moves(g) < 0) {
        free(to);
        return cni_fail(CN_ENOMEM, "out of memory");
    }
    for (size_t i = 0; i < g->n && rc == 0; i++) {
        uint32_t end = g->field_off[i + 1]; /* read before field_off[n + 1] may overwrite it */
        const char *id = cni_strpool_get(g->pool, g->node_id[i]);
        /* the id's pool entry keeps node index + 1 and kind (cni_graph_find_kind); 0: gone */
        uint64_t value = node_gone[i] ? 0 : (uint64_t)g->node_kind[i] << 32 | (uint32_t)(n + 1);
        uint32_t sid;
        rc = cni_strpool_intern_value(&sid, g->pool, id, strlen(id), &value);
        to[i] = node_gone[i] ? CNI_NO_INDEX : (uint32_t)n;
        if (!node_gone[i]) {
            g->node_id[n] = g->node_id[i];
            g->node_label[n] = g->node_label[i];
            g->node_region[n] = g->node_region[i];
            g->node_country[n] = g->node_country[i];
            g->node_line[n] = g->node_line[i];
            g->node_kind[n] = g->node_kind[i];
            for (size_t k = 0; k < g->nattr; k++) {
                g->node_attr[k][n] = g->node_attr[k][i];
            }
            for (uint32_t k = start; k < end; k++) {
                g->fields[w++] = g->fields[k];
            }
            g->field_off[++n] = w;
        }
        start = end;
    }
    g->n = n;
    g->nfields = w;
    for (size_t e = 0; e < g->m && rc == 0; e++) {
        if ((!edge_gone || !edge_gone[e]) && to[g->e_src[e]] != CNI_NO_INDEX
            && to[g->e_dst[e]] != CNI_NO_INDEX) {
            move_edge(g, m, e);
            g->e_src[m] = to[g->e_src[m]];
            g->e_dst[m] = to[g->e_dst[m]];
            m++;
        }
    }
    free(to);
    if (rc < 0) {
        return rc;
    }
    g->m = m;
    free_derived(g);
    return cni_graph_finalize(g);
}

/* ---- getters ---- */

/* The getters' side of the argument contract (error.h): a NULL graph or an index past the end
 * gives the neutral value, never a read out of bounds. */
static bool node_ok(const cn_graph *g, size_t i)
{
    return g && i < g->n;
}

static bool edge_ok(const cn_graph *g, size_t e)
{
    return g && e < g->m;
}

size_t cn_graph_node_count(const cn_graph *g)
{
    return g ? g->n : 0;
}

size_t cn_graph_edge_count(const cn_graph *g)
{
    return g ? g->m : 0;
}

size_t cn_graph_tie_count(const cn_graph *g)
{
    return g ? g->nties : 0;
}

size_t cn_graph_count_kind(const cn_graph *g, cn_node_kind kind)
{
    return g && (unsigned)kind < CN_NODE_KIND_COUNT ? g->count_kind[kind] : 0;
}

size_t cn_graph_count_edge_kind(const cn_graph *g, cn_edge_kind kind)
{
    return g && (unsigned)kind < CN_EDGE_KIND_COUNT ? g->count_edge_kind[kind] : 0;
}

void cni_graph_prefetch_node(const cn_graph *g, const char *id)
{
    cni_strpool_prefetch(g->pool, id, strlen(id));
}

void cni_graph_prefetch_row(const cn_graph *g, size_t i, int step)
{
    if (i >= g->n) {
        return;
    }
    if (step == 0) {
        CNI_PREFETCH(&g->node_id[i]);
        CNI_PREFETCH(&g->node_label[i]);
        CNI_PREFETCH(&g->node_kind[i]);
    } else {
        cni_strpool_prefetch_id(g->pool, g->node_id[i], step - 1);
        cni_strpool_prefetch_id(g->pool, g->node_label[i], step - 1);
    }
}

size_t cn_graph_find(const cn_graph *g, const char *id)
{
    cn_node_kind kind;

    return g && id ? cni_graph_find_kind(g, id, &kind) : CN_NONE;
}

void cni_graph_prefetch_hash(const cn_graph *g, uint64_t h)
{
    cni_strpool_prefetch_hash(g->pool, h);
}

size_t cni_graph_find_kind(const cn_graph *g, const char *id, cn_node_kind *kind)
{
    size_t n = strlen(id);

    return cni_graph_find_kind_hash(g, id, n, cni_hash(id, n), kind);
}

size_t cni_graph_find_kind_hash(const cn_graph *g, const char *id, size_t len, uint64_t h,
                                cn_node_kind *kind)
{
    uint64_t v = cni_strpool_find_value_hash(g->pool, id, len, h);
    uint32_t node1 = (uint32_t)v;

    *kind = (cn_node_kind)(v >> 32);
    return node1 ? node1 - 1 : CN_NONE;
}

const char *cn_graph_node_id(const cn_graph *g, size_t i)
{
    return node_ok(g, i) ? cni_strpool_get(g->pool, g->node_id[i]) : NULL;
}

const char *cn_graph_node_label(const cn_graph *g, size_t i)
{
    return node_ok(g, i) ? cni_strpool_get(g->pool, g->node_label[i]) : NULL;
}

cn_node_kind cn_graph_node_kind(const cn_graph *g, size_t i)
{
    return node_ok(g, i) ? (cn_node_kind)g->node_kind[i] : CN_NODE_KIND_COUNT;
}

const char *cn_graph_node_region(const cn_graph *g, size_t i)
{
    return node_ok(g, i) ? cni_strpool_get(g->pool, g->node_region[i]) : NULL;
}

const char *cn_graph_node_country(const cn_graph *g, size_t i)
{
    return node_ok(g, i) ? cni_strpool_get(g->pool, g->node_country[i]) : NULL;
}

size_t cn_graph_node_field_count(const cn_graph *g, size_t i)
{
    return node_ok(g, i) ? g->field_off[i + 1] - g->field_off[i] : 0;
}

const char *cn_graph_node_field(const cn_graph *g, size_t i, size_t k)
{
    return k < cn_graph_node_field_count(g, i)
               ? cni_strpool_get(g->pool, g->fields[g->field_off[i] + k])
               : NULL;
}

bool cn_graph_node_has_field(const cn_graph *g, size_t i, const char *slug)
{
    uint32_t sid;

    if (!node_ok(g, i) || !slug) {
        return false;
    }
    sid = cni_strpool_find(g->pool, slug, strlen(slug));
    for (uint32_t k = g->field_off[i]; sid != UINT32_MAX && k < g->field_off[i + 1]; k++) {
        if (g->fields[k] == sid) {
            return true;
        }
    }
    return false;
}

size_t cn_graph_node_line(const cn_graph *g, size_t i)
{
    return node_ok(g, i) ? g->node_line[i] : 0;
}

size_t cn_graph_node_attr_count(const cn_graph *g)
{
    return g ? g->nattr : 0;
}

const char *cn_graph_node_attr_name(const cn_graph *g, size_t k)
{
    return g && k < g->nattr ? cni_strpool_get(g->pool, g->node_attr_name[k]) : NULL;
}

const char *cn_graph_node_attr(const cn_graph *g, size_t i, size_t k)
{
    return node_ok(g, i) && k < g->nattr ? cni_strpool_get(g->pool, g->node_attr[k][i]) : NULL;
}

/* The contract's node columns, then the extra ones: the columns a targets rule may filter on. */
static const char *const node_columns[] = { "id", "label", "kind", "region", "country", "fields" };
#define NCONTRACT (sizeof node_columns / sizeof node_columns[0])

size_t cni_graph_column_count(const cn_graph *g)
{
    return NCONTRACT + g->nattr;
}

const char *cni_graph_column_name(const cn_graph *g, size_t col)
{
    return col < NCONTRACT ? node_columns[col] : cn_graph_node_attr_name(g, col - NCONTRACT);
}

size_t cni_graph_column_find(const cn_graph *g, const char *name)
{
    for (size_t col = 0; col < NCONTRACT + g->nattr; col++) {
        if (cni_streq_nocase(cni_graph_column_name(g, col), name)) {
            return col;
        }
    }
    return CN_NONE;
}

const char *cni_graph_column_value(const cn_graph *g, size_t i, size_t col)
{
    switch (col) {
    case 0: return cn_graph_node_id(g, i);
    case 1: return cn_graph_node_label(g, i);
    case 2: return g->node_kind[i] < CN_NODE_KIND_COUNT ? kind_names[g->node_kind[i]] : "";
    case CNI_COLUMN_REGION: return cn_graph_node_region(g, i);
    case 4: return cn_graph_node_country(g, i);
    case CNI_COLUMN_FIELDS: return NULL;
    default: return cn_graph_node_attr(g, i, col - NCONTRACT);
    }
}

void cn_graph_edge(const cn_graph *g, size_t e, cn_edge *out)
{
    if (!out) {
        return;
    }
    if (!edge_ok(g, e)) {
        *out = (cn_edge){ CN_NONE, CN_NONE, CN_EDGE_KIND_COUNT, CN_ROLE_NONE, 0.0,
                          { 0, 0, 0 }, { 0, 0, 0 }, NULL, 0 };
        return;
    }
    out->source = g->e_src[e];
    out->target = g->e_dst[e];
    out->kind = (cn_edge_kind)g->e_kind[e];
    out->role = (cn_role)g->e_role[e];
    out->weight = g->e_weight[e];
    out->since = cni_date_unpack(g->e_since[e]);
    out->until = cni_date_unpack(g->e_until[e]);
    out->ref = cni_strpool_get(g->pool, cni_lazy_get(&g->e_ref, e));
    out->line = cni_lazy_get(&g->e_line, e);
}

size_t cn_graph_edge_attr_count(const cn_graph *g)
{
    return g ? g->neattr : 0;
}

const char *cn_graph_edge_attr_name(const cn_graph *g, size_t k)
{
    return g && k < g->neattr ? cni_strpool_get(g->pool, g->edge_attr_name[k]) : NULL;
}

const char *cn_graph_edge_attr(const cn_graph *g, size_t e, size_t k)
{
    return edge_ok(g, e) && k < g->neattr ? cni_strpool_get(g->pool, g->edge_attr[k][e]) : NULL;
}

void cn_graph_tie(const cn_graph *g, size_t t, cn_tie *out)
{
    if (!out) {
        return;
    }
    if (!g || t >= g->nties) {
        *out = (cn_tie){ CN_NONE, CN_NONE, 0.0, 0 };
        return;
    }
    out->a = g->tie_a[t];
    out->b = g->tie_b[t];
    out->weight = g->tie_w[t];
    out->rows = g->tie_rows[t];
}

size_t cn_graph_network_lead(const cn_graph *g, size_t net)
{
    if (!node_ok(g, net) || g->lead[net] == CNI_NO_INDEX) {
        return CN_NONE;
    }
    return g->e_src[g->lead[net]];
}

const char *cn_graph_network_region(const cn_graph *g, size_t net)
{
    size_t lead = cn_graph_network_lead(g, net);

    if (!node_ok(g, net)) {
        return NULL;
    }
    if (lead != CN_NONE && g->node_region[lead]) {
        return cni_strpool_get(g->pool, g->node_region[lead]);
    }
    return cni_strpool_get(g->pool, g->node_region[net]);
}

const char *cn_graph_node_home_region(const cn_graph *g, size_t i)
{
    return cn_graph_node_kind(g, i) == CN_NODE_NETWORK ? cn_graph_network_region(g, i)
                                                       : cn_graph_node_region(g, i);
}

void cn_graph_network_members(const cn_graph *g, size_t net, size_t by_kind[CN_NODE_KIND_COUNT],
                              size_t by_role[CN_ROLE_COUNT])
{
    if (by_kind) {
        memset(by_kind, 0, CN_NODE_KIND_COUNT * sizeof *by_kind);
    }
    if (by_role) {
        memset(by_role, 0, CN_ROLE_COUNT * sizeof *by_role);
    }
    if (!node_ok(g, net)) {
        return;
    }
    for (uint32_t k = g->in_off[net]; k < g->in_off[net + 1]; k++) {
        uint32_t e = g->in_edges[k];
        uint8_t kind = g->node_kind[g->e_src[e]];
        if (by_kind && kind < CN_NODE_KIND_COUNT) {
            by_kind[kind]++;
        }
        if (by_role) {
            by_role[g->e_role[e]]++;
        }
    }
}

size_t cn_graph_network_member_count(const cn_graph *g, size_t net)
{
    return node_ok(g, net) ? g->in_off[net + 1] - g->in_off[net] : 0;
}

size_t cn_graph_network_member_edge(const cn_graph *g, size_t net, size_t k)
{
    return k < cn_graph_network_member_count(g, net) ? g->in_edges[g->in_off[net] + k] : CN_NONE;
}

size_t cn_graph_node_network_count(const cn_graph *g, size_t i)
{
    return node_ok(g, i) ? g->out_off[i + 1] - g->out_off[i] : 0;
}

size_t cn_graph_node_network_edge(const cn_graph *g, size_t i, size_t k)
{
    return k < cn_graph_node_network_count(g, i) ? g->out_edges[g->out_off[i] + k] : CN_NONE;
}

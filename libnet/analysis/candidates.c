/* Candidates for a coverage gap, ranked from every signal the data hold (README "How candidates
 * are ranked"): one pass over the reference networks' leads and members scores every actor;
 * the evidence in words is written for the best few only. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "candidates.h"

#include "../model/graph.h"
#include "../util/buf.h"

/* The weights of the signals; README "How candidates are ranked" lists the same. */
#define W_SHARED_LEAD 3.0   /* per other network shared with a lead */
#define W_SHARED_MEMBER 2.0 /* per other network shared with members only */
#define W_OWN_NETWORK 2.0   /* a lead rule: a member of the network itself */
#define W_FIELD 3.0         /* its own `fields` list a field concerned */
#define W_FIELD_INFERRED 2.0
#define W_PLACE 1.0         /* region, country */
#define MAX_NAMED 3         /* names in one piece of evidence before "and N more" */

/* The signals that make a candidate; region and country only say where one fits. */
#define EVIDENCE (CN_SIGNAL_MEMBERSHIP | CN_SIGNAL_TIE | CN_SIGNAL_FIELD | CN_SIGNAL_FIELD_INFERRED)

/* A field slug and a node that lists it (the field index, sorted by slug, then node). */
typedef struct field_node {
    const char *slug;
    uint32_t node;
} field_node;

/* The per-node scratch of a search is allocated once and put back to zero after each search
 * by the list of the nodes it touched, so that a gap costs its neighbourhood, not the graph. */
struct cni_cands {
    const cn_graph *g;
    uint32_t *adj_off, *adj; /* collaboration adjacency (CSR over nodes) */
    double *adj_w;
    field_node *fidx;        /* every (field, node) of the graph */
    size_t nfidx;
    uint8_t *ref;            /* 1: a member of a reference network; 2: a lead of one */
    uint8_t *net;            /* 1: a reference network or the query's network; 2: excluded */
    uint8_t *in;             /* 1: a member of an excluded network; 2: of the query's network */
    uint8_t *pooled, *dirty;
    uint8_t *infield;        /* a network: 0 not known yet, 1 has a field concerned, 2 has not */
    uint32_t *refs, *leads;  /* per other network: reference members and leads in it */
    uint32_t *stamp;         /* UINT32_MAX when clear */
    double *tie;             /* summed tie weight to the reference members */
    uint32_t *touched, *pool, *refl; /* touched nodes, candidates to score, reference members */
    size_t ntouched, npool, nrefl;
    int kind;                /* the kind of the candidates searched */
};

void cni_cands_destroy(cni_cands *cc)
{
    if (!cc) {
        return;
    }
    free(cc->adj_off);
    free(cc->adj);
    free(cc->adj_w);
    free(cc->fidx);
    free(cc->ref);
    free(cc->net);
    free(cc->in);
    free(cc->pooled);
    free(cc->dirty);
    free(cc->infield);
    free(cc->refs);
    free(cc->leads);
    free(cc->stamp);
    free(cc->tie);
    free(cc->touched);
    free(cc->pool);
    free(cc->refl);
    free(cc);
}

static int by_slug(const void *x, const void *y)
{
    const field_node *a = x, *b = y;
    int c = strcmp(a->slug, b->slug);

    return c ? c : a->node < b->node ? -1 : a->node > b->node;
}

static int build_scratch(cni_cands *cc)
{
    const cn_graph *g = cc->g;
    size_t n = g->n;

    for (size_t i = 0; i < n; i++) {
        cc->nfidx += cn_graph_node_field_count(g, i);
    }
    cc->fidx = cni_alloc_array(cc->nfidx + 1, sizeof *cc->fidx);
    cc->ref = cni_calloc_array(n + 1, 1);
    cc->net = cni_calloc_array(n + 1, 1);
    cc->in = cni_calloc_array(n + 1, 1);
    cc->pooled = cni_calloc_array(n + 1, 1);
    cc->dirty = cni_calloc_array(n + 1, 1);
    cc->infield = cni_calloc_array(n + 1, 1);
    cc->refs = cni_calloc_array(n + 1, sizeof *cc->refs);
    cc->leads = cni_calloc_array(n + 1, sizeof *cc->leads);
    cc->stamp = cni_alloc_array(n + 1, sizeof *cc->stamp);
    cc->tie = cni_calloc_array(n + 1, sizeof *cc->tie);
    cc->touched = cni_alloc_array(n + 1, sizeof *cc->touched);
    cc->pool = cni_alloc_array(n + 1, sizeof *cc->pool);
    cc->refl = cni_alloc_array(n + 1, sizeof *cc->refl);
    if (!cc->fidx || !cc->ref || !cc->net || !cc->in || !cc->pooled || !cc->dirty
        || !cc->infield || !cc->refs
        || !cc->leads || !cc->stamp || !cc->tie || !cc->touched || !cc->pool || !cc->refl) {
        return cni_fail(CN_ENOMEM, "out of memory");
    }
    for (size_t i = 0, k = 0; i < n; i++) {
        cc->stamp[i] = UINT32_MAX;
        for (size_t f = 0; f < cn_graph_node_field_count(g, i); f++) {
            cc->fidx[k++] = (field_node){ cn_graph_node_field(g, i, f), (uint32_t)i };
        }
    }
    cni_sort(cc->fidx, cc->nfidx, sizeof *cc->fidx, by_slug);
    return 0;
}

/* Remember that node i's scratch is in use. */
static void touch(cni_cands *cc, size_t i)
{
    if (!cc->dirty[i]) {
        cc->dirty[i] = 1;
        cc->touched[cc->ntouched++] = (uint32_t)i;
    }
}

/* Put the scratch of every touched node back to clear. */
static void reset(cni_cands *cc)
{
    for (size_t k = 0; k < cc->ntouched; k++) {
        uint32_t i = cc->touched[k];
        cc->ref[i] = cc->net[i] = cc->in[i] = cc->pooled[i] = cc->dirty[i] = cc->infield[i] = 0;
        cc->refs[i] = cc->leads[i] = 0;
        cc->stamp[i] = UINT32_MAX;
        cc->tie[i] = 0;
    }
    cc->ntouched = cc->npool = cc->nrefl = 0;
}

/* Node x may be a candidate: it will be scored. */
static void pool_add(cni_cands *cc, size_t x)
{
    if ((int)cc->g->node_kind[x] != cc->kind) {
        return;
    }
    touch(cc, x);
    if (!cc->pooled[x]) {
        cc->pooled[x] = 1;
        cc->pool[cc->npool++] = (uint32_t)x;
    }
}

int cni_cands_create(cni_cands **out, const cn_graph *g)
{
    cni_cands *cc = calloc(1, sizeof *cc);
    uint32_t *fill = cni_alloc_array(g->n + 1, sizeof *fill);

    *out = NULL;
    if (cc) {
        cc->g = g;
        cc->adj_off = cni_calloc_array(g->n + 1, sizeof *cc->adj_off);
        cc->adj = cni_alloc_array(2 * g->nties, sizeof *cc->adj);
        cc->adj_w = cni_alloc_array(2 * g->nties, sizeof *cc->adj_w);
    }
    if (!cc || !fill || !cc->adj_off || !cc->adj || !cc->adj_w || build_scratch(cc) < 0) {
        free(fill);
        cni_cands_destroy(cc);
        return cni_fail(CN_ENOMEM, "out of memory");
    }
    for (size_t t = 0; t < g->nties; t++) {
        cc->adj_off[g->tie_a[t] + 1]++;
        cc->adj_off[g->tie_b[t] + 1]++;
    }
    for (size_t i = 0; i < g->n; i++) {
        cc->adj_off[i + 1] += cc->adj_off[i];
    }
    memcpy(fill, cc->adj_off, (g->n + 1) * sizeof *fill);
    for (size_t t = 0; t < g->nties; t++) {
        cc->adj[fill[g->tie_a[t]]] = g->tie_b[t];
        cc->adj_w[fill[g->tie_a[t]]++] = g->tie_w[t];
        cc->adj[fill[g->tie_b[t]]] = g->tie_a[t];
        cc->adj_w[fill[g->tie_b[t]]++] = g->tie_w[t];
    }
    free(fill);
    *out = cc;
    return 0;
}

void cni_cand_list_fini(cni_cand_list *l)
{
    free(l->items);
    free(l->text);
    free(l->no_candidate);
    memset(l, 0, sizeof *l);
}

/* One gap's search: what the query concerns and the per-node scratch. */
typedef struct work {
    const cn_graph *g;
    cni_cands *cc;
    const cni_cand_query *q;
    const char *const *fields; /* the fields concerned */
    size_t nfields;
    const char *region;   /* the region concerned; NULL: none */
    uint8_t *ref, *net, *in; /* the scratch of cc (struct cni_cands says what each holds) */
    uint32_t *refs, *leads, *stamp;
    double *tie;
    size_t nref, ntied, nshared;
} work;

static bool concerned_field(const work *w, const char *f)
{
    for (size_t k = 0; k < w->nfields; k++) {
        if (strcmp(w->fields[k], f) == 0) {
            return true;
        }
    }
    return false;
}

/* Whether network m has a field concerned (found once a search). */
static bool network_in_fields(const work *w, size_t m)
{
    uint8_t *known = &w->cc->infield[m];

    if (!*known) {
        *known = 2;
        for (size_t f = 0; f < cn_graph_node_field_count(w->g, m) && *known == 2; f++) {
            *known = concerned_field(w, cn_graph_node_field(w->g, m, f)) ? 1 : 2;
        }
        touch(w->cc, m);
    }
    return *known == 1;
}

/* Mark the reference members, the networks concerned and excluded, the other networks the
 * reference members share and their ties; then pool every node that may have evidence. */
static void mark(work *w)
{
    const cn_graph *g = w->g;
    const cni_cand_query *q = w->q;
    cni_cands *cc = w->cc;

    for (size_t k = 0; k < q->nexclude; k++) {
        touch(cc, q->exclude[k]);
        w->net[q->exclude[k]] = 2;
        for (uint32_t j = g->in_off[q->exclude[k]]; j < g->in_off[q->exclude[k] + 1]; j++) {
            touch(cc, g->e_src[g->in_edges[j]]);
            w->in[g->e_src[g->in_edges[j]]] = 1;
        }
    }
    for (size_t k = 0; k < q->nnets; k++) {
        touch(cc, q->nets[k]);
        w->net[q->nets[k]] = 1;
        for (uint32_t j = g->in_off[q->nets[k]]; j < g->in_off[q->nets[k] + 1]; j++) {
            uint32_t e = g->in_edges[j], a = g->e_src[e];
            uint8_t level = g->e_role[e] == CN_ROLE_LEAD ? 2 : 1;
            touch(cc, a);
            if (!w->ref[a]) {
                cc->refl[cc->nrefl++] = a;
            }
            w->ref[a] = level > w->ref[a] ? level : w->ref[a];
        }
    }
    w->nref = cc->nrefl;
    if (q->network != CN_NONE) {
        touch(cc, q->network);
        w->net[q->network] = 1;
        for (uint32_t j = g->in_off[q->network]; j < g->in_off[q->network + 1]; j++) {
            touch(cc, g->e_src[g->in_edges[j]]);
            w->in[g->e_src[g->in_edges[j]]] = 2;
            if (q->lead) {
                pool_add(cc, g->e_src[g->in_edges[j]]);
            }
        }
    }
    /* the other networks the reference members belong to, with how many of them (and of their
     * leads) each holds; and their collaboration ties */
    for (size_t r = 0; r < cc->nrefl; r++) {
        uint32_t a = cc->refl[r];
        for (uint32_t k = g->out_off[a]; k < g->out_off[a + 1]; k++) {
            uint32_t m = g->e_dst[g->out_edges[k]];
            if (w->net[m] == 1 || w->stamp[m] == a) {
                continue;
            }
            touch(cc, m);
            w->stamp[m] = a;
            w->nshared += w->refs[m] == 0;
            w->refs[m]++;
            w->leads[m] += w->ref[a] == 2;
        }
        for (uint32_t k = cc->adj_off[a]; k < cc->adj_off[a + 1]; k++) {
            touch(cc, cc->adj[k]);
            w->tie[cc->adj[k]] += cc->adj_w[k];
            w->ntied++;
            pool_add(cc, cc->adj[k]);
        }
    }
    /* the members of the shared networks, each network once */
    for (size_t r = 0; r < cc->nrefl; r++) {
        uint32_t a = cc->refl[r];
        for (uint32_t k = g->out_off[a]; k < g->out_off[a + 1]; k++) {
            uint32_t m = g->e_dst[g->out_edges[k]];
            if (w->refs[m] == 0 || w->stamp[m] == UINT32_MAX - 1) {
                continue;
            }
            w->stamp[m] = UINT32_MAX - 1;
            for (uint32_t j = g->in_off[m]; j < g->in_off[m + 1]; j++) {
                pool_add(cc, g->e_src[g->in_edges[j]]);
            }
        }
    }
    /* those who list a field concerned, and the members of the networks that do */
    for (size_t f = 0; f < w->nfields; f++) {
        size_t lo = 0, hi = cc->nfidx;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (strcmp(cc->fidx[mid].slug, w->fields[f]) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        for (; lo < cc->nfidx && strcmp(cc->fidx[lo].slug, w->fields[f]) == 0; lo++) {
            uint32_t y = cc->fidx[lo].node;
            pool_add(cc, y);
            if (g->node_kind[y] == CN_NODE_NETWORK) {
                for (uint32_t j = g->in_off[y]; j < g->in_off[y + 1]; j++) {
                    pool_add(cc, g->e_src[g->in_edges[j]]);
                }
            }
        }
    }
}

/* Whether x's membership row k is its first in that network (a member may have several rows in
 * one network, a period each): each network counts once. */
static bool first_row(const cn_graph *g, size_t x, uint32_t k)
{
    for (uint32_t j = g->out_off[x]; j < k; j++) {
        if (g->e_dst[g->out_edges[j]] == g->e_dst[g->out_edges[k]]) {
            return false;
        }
    }
    return true;
}

/* Whether network m's membership row j is the first of its member. */
static bool first_member_row(const cn_graph *g, size_t m, uint32_t j)
{
    for (uint32_t i = g->in_off[m]; i < j; i++) {
        if (g->e_src[g->in_edges[i]] == g->e_src[g->in_edges[j]]) {
            return false;
        }
    }
    return true;
}

/* The weight of network m shared by candidate x with the reference members other than x. */
static double shared_weight(const work *w, size_t x, size_t m)
{
    uint32_t leads = w->leads[m] - (w->ref[x] == 2), refs = w->refs[m] - (w->ref[x] != 0);

    if (w->net[m] == 1 || refs == 0) {
        return 0;
    }
    return leads > 0 ? W_SHARED_LEAD : W_SHARED_MEMBER;
}

/* Candidate x's signals and score; 0 signals when x is no candidate. */
static unsigned signals_of(const work *w, size_t x, double *score)
{
    const cn_graph *g = w->g;
    const cni_cand_query *q = w->q;
    unsigned s = 0;
    double shared = 0;
    bool own = false, inferred = false;

    *score = 0;
    if ((int)g->node_kind[x] != q->kind || x == q->network || (q->fit && !q->fit(g, x, q->fit_ctx))
        || (q->lead ? w->in[x] != 2 : w->in[x] != 0)) {
        return 0;
    }
    if (q->region && strcmp(cn_graph_node_region(g, x), q->region) != 0) {
        return 0;
    }
    for (uint32_t k = g->out_off[x]; k < g->out_off[x + 1]; k++) {
        uint32_t m = g->e_dst[g->out_edges[k]];
        if (first_row(g, x, k)) {
            shared += w->refs[m] ? shared_weight(w, x, m) : 0;
            inferred = inferred || (m != q->network && network_in_fields(w, m));
        }
    }
    for (size_t f = 0; f < cn_graph_node_field_count(g, x) && !own; f++) {
        own = concerned_field(w, cn_graph_node_field(g, x, f));
    }
    if (q->lead) {
        s |= CN_SIGNAL_MEMBERSHIP;
        *score += W_OWN_NETWORK;
    }
    if (shared > 0) {
        s |= CN_SIGNAL_MEMBERSHIP;
        *score += shared;
    }
    if (w->tie[x] > 0) {
        s |= CN_SIGNAL_TIE;
        *score += w->tie[x];
    }
    if (own) {
        s |= CN_SIGNAL_FIELD;
        *score += W_FIELD;
    } else if (inferred) {
        s |= CN_SIGNAL_FIELD_INFERRED;
        *score += W_FIELD_INFERRED;
    }
    if (!(s & EVIDENCE)) {
        return 0;
    }
    if (w->region && strcmp(cn_graph_node_region(g, x), w->region) == 0) {
        s |= CN_SIGNAL_REGION;
        *score += W_PLACE;
    }
    if (q->country) {
        s |= CN_SIGNAL_COUNTRY;
        *score += W_PLACE;
    }
    return s;
}

static int by_score(const void *x, const void *y)
{
    const cn_suggestion *a = x, *b = y;

    if (a->score != b->score) {
        return a->score < b->score ? 1 : -1;
    }
    return a->node < b->node ? -1 : a->node > b->node;
}

/* " and N more" after MAX_NAMED names. */
static void more(cni_buf *b, size_t named, size_t total)
{
    if (total > named) {
        cni_buf_printf(b, " and %zu more", total - named);
    }
}

/* Network m's reference members other than x: "the lead L" or "A, B and 2 more". */
static void shared_with(cni_buf *b, const work *w, size_t x, size_t m)
{
    const cn_graph *g = w->g;
    bool leads = w->leads[m] - (w->ref[x] == 2) > 0;
    size_t n = 0, named = 0;

    cni_buf_puts(b, leads ? " with the lead " : " with ");
    for (uint32_t j = g->in_off[m]; j < g->in_off[m + 1]; j++) {
        uint32_t y = g->e_src[g->in_edges[j]];
        if (y == x || w->ref[y] != (leads ? 2 : 1) || !first_member_row(g, m, j)) {
            continue;
        }
        if (n++ < MAX_NAMED) {
            cni_buf_printf(b, "%s%s", named++ ? ", " : "", cn_graph_node_id(g, y));
        }
    }
    more(b, named, n);
}

/* The role words of x in network m: "leads" or "member of". */
static const char *role_in(const cn_graph *g, size_t x, size_t m)
{
    return cn_graph_network_lead(g, m) == x ? "leads" : "member of";
}

static void sep(cni_buf *b, size_t start)
{
    if (b->len > start) {
        cni_buf_puts(b, "; ");
    }
}

/* The evidence of candidate x with signals s, in words, appended to b. */
static void evidence(cni_buf *b, const work *w, size_t x, unsigned s)
{
    const cn_graph *g = w->g;
    const cni_cand_query *q = w->q;
    size_t start = b->len, n = 0, named = 0;

    if (q->lead) {
        cni_buf_printf(b, "member of %s", cn_graph_node_id(g, q->network));
    }
    for (uint32_t k = g->out_off[x]; k < g->out_off[x + 1]; k++) {
        uint32_t m = g->e_dst[g->out_edges[k]];
        if (!w->refs[m] || shared_weight(w, x, m) == 0 || !first_row(g, x, k)) {
            continue;
        }
        if (n++ < MAX_NAMED) {
            sep(b, start);
            named++;
            cni_buf_printf(b, "%s %s", role_in(g, x, m), cn_graph_node_id(g, m));
            shared_with(b, w, x, m);
        }
    }
    if (n > named) {
        cni_buf_printf(b, "; %zu more %s shared with them", n - named,
                       n - named == 1 ? "network" : "networks");
    }
    if (s & CN_SIGNAL_TIE) {
        n = named = 0;
        sep(b, start);
        cni_buf_puts(b, "collaborates with ");
        for (uint32_t k = w->cc->adj_off[x]; k < w->cc->adj_off[x + 1]; k++) {
            if (w->ref[w->cc->adj[k]] && n++ < MAX_NAMED) {
                cni_buf_printf(b, "%s%s", named++ ? ", " : "", cn_graph_node_id(g, w->cc->adj[k]));
            }
        }
        more(b, named, n);
        cni_buf_printf(b, " (weight %g)", w->tie[x]);
    }
    if (s & CN_SIGNAL_FIELD) {
        sep(b, start);
        cni_buf_puts(b, "fields ");
        n = 0;
        for (size_t f = 0; f < cn_graph_node_field_count(g, x); f++) {
            if (concerned_field(w, cn_graph_node_field(g, x, f))) {
                cni_buf_printf(b, "%s%s", n++ ? ", " : "", cn_graph_node_field(g, x, f));
            }
        }
    }
    if (s & CN_SIGNAL_FIELD_INFERRED) {
        n = named = 0;
        for (uint32_t k = g->out_off[x]; k < g->out_off[x + 1]; k++) {
            uint32_t m = g->e_dst[g->out_edges[k]];
            size_t nf = 0;
            if (m == q->network || !network_in_fields(w, m) || !first_row(g, x, k)) {
                continue;
            }
            if (n++ >= MAX_NAMED) {
                continue;
            }
            sep(b, start);
            named++;
            cni_buf_printf(b, "%s %s (", role_in(g, x, m), cn_graph_node_id(g, m));
            for (size_t f = 0; f < cn_graph_node_field_count(g, m); f++) {
                if (concerned_field(w, cn_graph_node_field(g, m, f))) {
                    cni_buf_printf(b, "%s%s", nf++ ? ", " : "", cn_graph_node_field(g, m, f));
                }
            }
            cni_buf_puts(b, ", inferred)");
        }
        if (n > named) {
            cni_buf_printf(b, "; %zu more %s in the field", n - named,
                           n - named == 1 ? "network" : "networks");
        }
    }
    if (s & CN_SIGNAL_REGION) {
        sep(b, start);
        cni_buf_printf(b, "in %s", w->region);
    }
    if (s & CN_SIGNAL_COUNTRY) {
        sep(b, start);
        cni_buf_printf(b, "country %s", cn_graph_node_country(g, x));
    }
}

/* Candidate x's fields: its own, or when it lists none those of its networks, "(inferred)". */
static void fields_of(cni_buf *b, const cn_graph *g, size_t x)
{
    size_t start = b->len;

    for (size_t f = 0; f < cn_graph_node_field_count(g, x); f++) {
        cni_buf_printf(b, "%s%s", f ? ";" : "", cn_graph_node_field(g, x, f));
    }
    if (b->len > start) {
        return;
    }
    for (uint32_t k = g->out_off[x]; k < g->out_off[x + 1]; k++) {
        uint32_t m = g->e_dst[g->out_edges[k]];
        for (size_t f = 0; f < cn_graph_node_field_count(g, m); f++) {
            const char *field = cn_graph_node_field(g, m, f);
            bool seen = false;
            /* already listed by an earlier network of x */
            for (uint32_t j = g->out_off[x]; j < k && !seen; j++) {
                seen = cn_graph_node_has_field(g, g->e_dst[g->out_edges[j]], field);
            }
            for (size_t e = 0; e < f && !seen; e++) {
                seen = strcmp(cn_graph_node_field(g, m, e), field) == 0;
            }
            if (!seen) {
                cni_buf_printf(b, "%s%s (inferred)", b->len > start ? ";" : "", field);
            }
        }
    }
}

/* "a, b or c" */
static void field_list(cni_buf *b, const work *w)
{
    for (size_t k = 0; k < w->nfields; k++) {
        cni_buf_printf(b, "%s%s", k == 0 ? "" : k + 1 == w->nfields ? " or " : ", ", w->fields[k]);
    }
}

/* No candidate: what no one does, then which signals the data lack altogether. */
static char *why_none(const work *w)
{
    const cn_graph *g = w->g;
    const cni_cand_query *q = w->q;
    const char *kind = cn_node_kind_name((cn_node_kind)q->kind);
    const char *whose = q->network != CN_NONE ? "its members" : "the members of its networks";
    bool fields_listed = false;
    size_t start;
    cni_buf b;
    char *s;

    cni_buf_init(&b);
    for (size_t i = 0; i < g->n && !fields_listed; i++) {
        fields_listed = (int)g->node_kind[i] == q->kind && cn_graph_node_field_count(g, i);
    }
    if (q->lead) {
        cni_buf_puts(&b, "the network has no member institution to lead it");
    } else {
        cni_buf_printf(&b, "no %s%s%s%s shares another network with %s%s collaborates with them",
                       kind, q->filter, q->region ? " in " : "", q->region ? q->region : "",
                       whose, w->nfields > 0 ? "," : " or");
        if (w->nfields > 0) {
            cni_buf_puts(&b, " or works in ");
            field_list(&b, w);
        }
        cni_buf_puts(&b, ": ");
        start = b.len;
        if (q->network == CN_NONE && q->nnets == 0) {
            cni_buf_puts(&b, "the field has no network yet");
        } else if (w->nshared == 0) {
            cni_buf_printf(&b, "%s belong to no other network", whose);
        }
        if (w->nref > 0 && w->ntied == 0) {
            sep(&b, start);
            cni_buf_printf(&b, "no collaboration tie touches %s", whose);
        }
        if (w->nfields == 0) {
            sep(&b, start);
            cni_buf_puts(&b, "the network lists no field");
        } else if (!fields_listed) {
            sep(&b, start);
            cni_buf_printf(&b, "no %s lists fields in the data", kind);
        }
        if (b.len == start) {
            /* every signal is in the data, just not for anyone who fits */
            b.len -= 2;
            b.s[b.len] = '\0';
        }
    }
    s = cni_buf_str(&b) ? cni_strdup(cni_buf_str(&b)) : NULL;
    cni_buf_fini(&b);
    return s;
}

int cni_cands_find(cni_cand_list *out, cni_cands *cc, const cni_cand_query *q, size_t max)
{
    const cn_graph *g = cc->g;
    work w = { g,        cc,        q,         NULL,    0, NULL, cc->ref, cc->net, cc->in,
               cc->refs, cc->leads, cc->stamp, cc->tie, 0, 0,    0 };
    cn_suggestion *all = NULL;
    const char **netfields = NULL;
    size_t n = 0, cap, *ev = NULL, *fl = NULL;
    cni_buf b;
    int rc = 0;

    memset(out, 0, sizeof *out);
    if (max == 0) {
        return 0; /* no candidates asked for: none, and no reason either */
    }
    cni_buf_init(&b);
    if (q->field) {
        w.fields = &q->field;
        w.nfields = 1;
    } else if (q->network != CN_NONE && cn_graph_node_field_count(g, q->network) > 0) {
        w.nfields = cn_graph_node_field_count(g, q->network);
        if (!(netfields = cni_alloc_array(w.nfields, sizeof *netfields))) {
            rc = cni_fail(CN_ENOMEM, "out of memory");
            goto done;
        }
        for (size_t f = 0; f < w.nfields; f++) {
            netfields[f] = cn_graph_node_field(g, q->network, f);
        }
        w.fields = netfields;
    }
    w.region = q->region ? q->region
               : q->network != CN_NONE && *cn_graph_network_region(g, q->network)
                   ? cn_graph_network_region(g, q->network)
                   : NULL;
    cc->kind = q->kind;
    mark(&w);
    cap = max < cc->npool ? max : cc->npool;
    if (!(all = cni_alloc_array(cap + 1, sizeof *all))) {
        rc = cni_fail(CN_ENOMEM, "out of memory");
        goto done;
    }
    /* the best cap, kept in order as they come (a full sort would cost the whole pool) */
    for (size_t k = 0; k < cc->npool && cap > 0; k++) {
        cn_suggestion c = { cc->pool[k], 0, 0, NULL, NULL };
        size_t at;
        if (!(c.signals = signals_of(&w, c.node, &c.score))
            || (n == cap && by_score(&c, &all[cap - 1]) >= 0)) {
            continue;
        }
        n += n < cap;
        for (at = n - 1; at > 0 && by_score(&c, &all[at - 1]) < 0; at--) {
            all[at] = all[at - 1];
        }
        all[at] = c;
    }
    if (n == 0) {
        if (!(out->no_candidate = why_none(&w))) {
            rc = cni_fail(CN_ENOMEM, "out of memory");
        }
        goto done;
    }
    /* the strings go into one buffer, NUL apart; the pointers are set once it stops moving */
    ev = cni_alloc_array(n, sizeof *ev);
    fl = cni_alloc_array(n, sizeof *fl);
    if (!ev || !fl) {
        rc = cni_fail(CN_ENOMEM, "out of memory");
        goto done;
    }
    for (size_t k = 0; k < n; k++) {
        ev[k] = b.len;
        evidence(&b, &w, all[k].node, all[k].signals);
        cni_buf_add(&b, "", 1);
        fl[k] = b.len;
        fields_of(&b, g, all[k].node);
        cni_buf_add(&b, "", 1);
    }
    if (!cni_buf_str(&b)) {
        rc = cni_fail(CN_ENOMEM, "out of memory");
        goto done;
    }
    for (size_t k = 0; k < n; k++) {
        all[k].evidence = b.s + ev[k];
        all[k].fields = b.s + fl[k];
    }
    out->text = b.s;
    b.s = NULL;
    out->items = all;
    out->n = n;
    all = NULL;
done:
    free(ev);
    free(fl);
    free(all);
    cni_buf_fini(&b);
    free(netfields);
    reset(cc);
    return rc;
}

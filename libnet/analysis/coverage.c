/* Coverage of fields and regions by networks, and the policy targets' rules with what would
 * close each gap. Members are direct members; a network's region is its lead's. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <collabnet/analysis.h>

#include "../model/graph.h"
#include "../model/targets.h"

#define NK CN_NODE_KIND_COUNT

typedef struct result {
    cn_rule_result pub;
    char *message;
    cn_suggestion *sugg;
} result;

struct cn_coverage {
    const cn_graph *g;
    const cn_targets *t;
    size_t suggestions;
    uint32_t *scope;            /* networks in scope */
    size_t nscope;
    const char **fields, **regions;
    size_t nfields, nregions;
    cn_coverage_cell *cells;    /* nfields x nregions */
    uint32_t *adj_off, *adj;    /* collaboration adjacency (CSR over nodes) */
    double *adj_w;
    result *results;
    size_t nresults, cap, gaps;
};

void cn_coverage_destroy(cn_coverage *c)
{
    if (!c) {
        return;
    }
    for (size_t k = 0; k < c->nresults; k++) {
        free(c->results[k].message);
        free(c->results[k].sugg);
    }
    free(c->results);
    free(c->scope);
    free(c->fields);
    free(c->regions);
    free(c->cells);
    free(c->adj_off);
    free(c->adj);
    free(c->adj_w);
    free(c);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Add s to a set of strings kept as a plain array (few fields and regions: linear is fine). */
static int add_unique(const char ***set, size_t *n, const char *s)
{
    const char **grown;

    for (size_t i = 0; i < *n; i++) {
        if (strcmp((*set)[i], s) == 0) {
            return 0;
        }
    }
    if (!(grown = realloc(*set, (*n + 1) * sizeof *grown))) {
        return cni_fail(CN_ENOMEM, "out of memory");
    }
    *set = grown;
    (*set)[(*n)++] = s;
    return 0;
}

static size_t index_of(const char *const *set, size_t n, const char *s)
{
    for (size_t i = 0; i < n; i++) {
        if (strcmp(set[i], s) == 0) {
            return i;
        }
    }
    return CN_NONE;
}

static int build_scope(cn_coverage *c)
{
    const cn_graph *g = c->g;
    size_t umbrella = CN_NONE;

    if (c->t && c->t->umbrella) {
        umbrella = cn_graph_find(g, c->t->umbrella);
        if (umbrella == CN_NONE || g->node_kind[umbrella] != CN_NODE_NETWORK) {
            return cni_fail(CN_EDATA, "%s:%zu: umbrella '%s' is not a network of the dataset",
                            c->t->name, c->t->umbrella_line, c->t->umbrella);
        }
    }
    if (!(c->scope = cni_alloc_array(g->n, sizeof *c->scope))) {
        return cni_fail(CN_ENOMEM, "out of memory");
    }
    for (size_t p = 0; p < g->n; p++) {
        if (g->node_kind[p] != CN_NODE_NETWORK) {
            continue;
        }
        if (umbrella != CN_NONE) {
            bool sub = false;
            for (uint32_t k = g->out_off[p]; k < g->out_off[p + 1]; k++) {
                sub = sub || g->e_dst[g->out_edges[k]] == umbrella;
            }
            if (!sub) {
                continue;
            }
        }
        c->scope[c->nscope++] = (uint32_t)p;
    }
    return 0;
}

static int build_axes(cn_coverage *c)
{
    const cn_graph *g = c->g;
    int rc = 0;

    if (c->t && c->t->npriority) {
        for (size_t i = 0; i < c->t->npriority && rc == 0; i++) {
            rc = add_unique(&c->fields, &c->nfields, c->t->priority[i]);
        }
    } else {
        for (size_t k = 0; k < c->nscope && rc == 0; k++) {
            for (size_t f = 0; f < cn_graph_node_field_count(g, c->scope[k]) && rc == 0; f++) {
                rc = add_unique(&c->fields, &c->nfields, cn_graph_node_field(g, c->scope[k], f));
            }
        }
        if (c->nfields) {
            cni_sort(c->fields, c->nfields, sizeof *c->fields, cmp_str);
        }
    }
    if (c->t && c->t->nregions) {
        for (size_t i = 0; i < c->t->nregions && rc == 0; i++) {
            rc = add_unique(&c->regions, &c->nregions, c->t->regions[i]);
        }
    } else {
        for (size_t i = 0; i < g->n && rc == 0; i++) {
            if (g->node_kind[i] == CN_NODE_INSTITUTION && g->node_region[i]) {
                rc = add_unique(&c->regions, &c->nregions, cn_graph_node_region(g, i));
            }
        }
        if (c->nregions) {
            cni_sort(c->regions, c->nregions, sizeof *c->regions, cmp_str);
        }
    }
    return rc;
}

/* Whether network p has a member institution (its lead included) located in region r. */
static bool reaches(const cn_graph *g, uint32_t p, const char *r)
{
    for (uint32_t k = g->in_off[p]; k < g->in_off[p + 1]; k++) {
        uint32_t a = g->e_src[g->in_edges[k]];
        if (g->node_kind[a] == CN_NODE_INSTITUTION && strcmp(cn_graph_node_region(g, a), r) == 0) {
            return true;
        }
    }
    return false;
}

static int build_matrix(cn_coverage *c)
{
    const cn_graph *g = c->g;
    uint32_t *stamp = cni_alloc_array(g->n, sizeof *stamp);

    c->cells = cni_calloc_array(c->nfields * c->nregions, sizeof *c->cells);
    if (!stamp || !c->cells) {
        free(stamp);
        return cni_fail(CN_ENOMEM, "out of memory");
    }
    for (size_t i = 0; i < g->n; i++) {
        stamp[i] = UINT32_MAX;
    }
    for (size_t f = 0; f < c->nfields; f++) {
        for (size_t k = 0; k < c->nscope; k++) {
            uint32_t p = c->scope[k];
            size_t led;
            if (!cn_graph_node_has_field(g, p, c->fields[f])) {
                continue;
            }
            led = index_of(c->regions, c->nregions, cn_graph_network_region(g, p));
            if (led != CN_NONE) {
                c->cells[f * c->nregions + led].led++;
            }
            for (size_t r = 0; r < c->nregions; r++) {
                c->cells[f * c->nregions + r].reaching += reaches(g, p, c->regions[r]);
            }
            for (uint32_t j = g->in_off[p]; j < g->in_off[p + 1]; j++) {
                uint32_t a = g->e_src[g->in_edges[j]];
                size_t r = index_of(c->regions, c->nregions, cn_graph_node_region(g, a));
                if (stamp[a] == f || r == CN_NONE || g->node_kind[a] >= NK) {
                    continue;
                }
                stamp[a] = (uint32_t)f;
                c->cells[f * c->nregions + r].members_by_kind[g->node_kind[a]]++;
            }
        }
    }
    free(stamp);
    return 0;
}

static int build_adjacency(cn_coverage *c)
{
    const cn_graph *g = c->g;
    uint32_t *fill;

    c->adj_off = cni_calloc_array(g->n + 1, sizeof *c->adj_off);
    c->adj = cni_alloc_array(2 * g->nties, sizeof *c->adj);
    c->adj_w = cni_alloc_array(2 * g->nties, sizeof *c->adj_w);
    fill = cni_alloc_array(g->n + 1, sizeof *fill);
    if (!c->adj_off || !c->adj || !c->adj_w || !fill) {
        free(fill);
        return cni_fail(CN_ENOMEM, "out of memory");
    }
    for (size_t t = 0; t < g->nties; t++) {
        c->adj_off[g->tie_a[t] + 1]++;
        c->adj_off[g->tie_b[t] + 1]++;
    }
    for (size_t i = 0; i < g->n; i++) {
        c->adj_off[i + 1] += c->adj_off[i];
    }
    memcpy(fill, c->adj_off, (g->n + 1) * sizeof *fill);
    for (size_t t = 0; t < g->nties; t++) {
        c->adj[fill[g->tie_a[t]]] = g->tie_b[t];
        c->adj_w[fill[g->tie_a[t]]++] = g->tie_w[t];
        c->adj[fill[g->tie_b[t]]] = g->tie_a[t];
        c->adj_w[fill[g->tie_b[t]]++] = g->tie_w[t];
    }
    free(fill);
    return 0;
}

/* ---- candidates ---- */

/* The value of attribute @p attr of node i: a contract column or an extra one. */
static const char *attr_of(const cn_graph *g, size_t i, const char *attr)
{
    if (strcmp(attr, "country") == 0) {
        return cn_graph_node_country(g, i);
    }
    if (strcmp(attr, "region") == 0) {
        return cn_graph_node_region(g, i);
    }
    if (strcmp(attr, "id") == 0) {
        return cn_graph_node_id(g, i);
    }
    if (strcmp(attr, "label") == 0) {
        return cn_graph_node_label(g, i);
    }
    for (size_t k = 0; k < g->nattr; k++) {
        if (strcmp(cn_graph_node_attr_name(g, k), attr) == 0) {
            return cn_graph_node_attr(g, i, k);
        }
    }
    return "";
}

static bool matches(const cn_graph *g, size_t i, const cni_rule *r)
{
    if ((int)g->node_kind[i] != r->kind) {
        return false;
    }
    if (r->attr) {
        bool eq = strcmp(attr_of(g, i, r->attr), r->value) == 0;
        return eq != r->negate;
    }
    return true;
}

typedef bool candidate_fn(const cn_coverage *c, size_t i, const void *ctx);

static int by_score(const void *x, const void *y)
{
    const cn_suggestion *a = x, *b = y;

    if (a->score != b->score) {
        return a->score < b->score ? 1 : -1;
    }
    return a->node < b->node ? -1 : a->node > b->node;
}

/* Candidates accepted by @p ok, scored by their summed collaboration tie weight to the members
 * of @p nets (networks); with @p need_tie, candidates without such ties are left out. */
static int suggest(result *res, const cn_coverage *c, const uint32_t *nets, size_t nnets,
                   candidate_fn *ok, const void *ctx, bool need_tie)
{
    const cn_graph *g = c->g;
    double *score = cni_calloc_array(g->n, sizeof *score);
    char *member = cni_calloc_array(g->n, 1);
    cn_suggestion *all = NULL;
    size_t n = 0;
    int rc = 0;

    if (!score || !member) {
        rc = cni_fail(CN_ENOMEM, "out of memory");
        goto done;
    }
    for (size_t k = 0; k < nnets; k++) {
        for (uint32_t j = g->in_off[nets[k]]; j < g->in_off[nets[k] + 1]; j++) {
            member[g->e_src[g->in_edges[j]]] = 1;
        }
    }
    for (size_t a = 0; a < g->n; a++) {
        if (!member[a]) {
            continue;
        }
        for (uint32_t k = c->adj_off[a]; k < c->adj_off[a + 1]; k++) {
            score[c->adj[k]] += c->adj_w[k];
        }
    }
    if (!(all = cni_alloc_array(g->n, sizeof *all))) {
        rc = cni_fail(CN_ENOMEM, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < g->n; i++) {
        if ((!need_tie || score[i] > 0) && ok(c, i, ctx)) {
            all[n++] = (cn_suggestion){ i, score[i] };
        }
    }
    cni_sort(all, n, sizeof *all, by_score);
    n = n < c->suggestions ? n : c->suggestions;
    if (n > 0) {
        res->sugg = all;
        all = NULL;
    }
    res->pub.nsuggestions = n;
done:
    free(all);
    free(score);
    free(member);
    return rc;
}

typedef struct field_ctx {
    const char *field, *region; /* region may be NULL */
    const uint32_t *exclude;    /* networks whose members are not candidates */
    size_t nexclude;
} field_ctx;

static bool member_of_any(const cn_graph *g, size_t i, const uint32_t *nets, size_t n)
{
    for (uint32_t k = g->out_off[i]; k < g->out_off[i + 1]; k++) {
        for (size_t j = 0; j < n; j++) {
            if (g->e_dst[g->out_edges[k]] == nets[j]) {
                return true;
            }
        }
    }
    return false;
}

/* An institution working in the field (its `fields` lists it), in the region if one is given,
 * not already in one of the excluded networks. */
static bool field_candidate(const cn_coverage *c, size_t i, const void *ctx)
{
    const field_ctx *f = ctx;
    const cn_graph *g = c->g;

    return g->node_kind[i] == CN_NODE_INSTITUTION && cn_graph_node_has_field(g, i, f->field)
           && (!f->region || strcmp(cn_graph_node_region(g, i), f->region) == 0)
           && !member_of_any(g, i, f->exclude, f->nexclude);
}

typedef struct member_ctx {
    const cni_rule *rule;
    uint32_t net;
} member_ctx;

static bool member_candidate(const cn_coverage *c, size_t i, const void *ctx)
{
    const member_ctx *m = ctx;

    return matches(c->g, i, m->rule) && !member_of_any(c->g, i, &m->net, 1);
}

/* A member institution of the network (uint32_t *ctx) that could lead it. */
static bool lead_candidate(const cn_coverage *c, size_t i, const void *ctx)
{
    uint32_t net = *(const uint32_t *)ctx;

    return c->g->node_kind[i] == CN_NODE_INSTITUTION && member_of_any(c->g, i, &net, 1);
}

/* ---- rules ---- */

static result *new_result(cn_coverage *c, const cni_rule *r)
{
    result *res;

    if (cni_grow((void **)&c->results, &c->cap, c->nresults + 1, sizeof *c->results) < 0) {
        return NULL;
    }
    res = &c->results[c->nresults++];
    memset(res, 0, sizeof *res);
    res->pub.type = r->type;
    res->pub.line = r->line;
    res->pub.rule = r->text;
    res->pub.network = CN_NONE;
    return res;
}

static int finish(cn_coverage *c, result *res, size_t have, size_t need, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static int finish(cn_coverage *c, result *res, size_t have, size_t need, const char *fmt, ...)
{
    char msg[512];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    res->pub.have = have;
    res->pub.need = need;
    res->pub.met = have >= need;
    c->gaps += !res->pub.met;
    if (!(res->message = cni_strdup(msg))) {
        return cni_fail(CN_ENOMEM, "out of memory");
    }
    return 0;
}

static const char *plural(size_t n, const char *one, const char *many)
{
    return n == 1 ? one : many;
}

/* Networks in scope with field f, into buf (c->nscope long). */
static size_t field_networks(const cn_coverage *c, const char *f, uint32_t *buf)
{
    size_t n = 0;

    for (size_t k = 0; k < c->nscope; k++) {
        if (cn_graph_node_has_field(c->g, c->scope[k], f)) {
            buf[n++] = c->scope[k];
        }
    }
    return n;
}

static int rule_field_networks(cn_coverage *c, const cni_rule *r, uint32_t *buf)
{
    int rc = 0;

    for (size_t f = 0; f < c->nfields && rc == 0; f++) {
        const char *field = c->fields[f];
        size_t have;
        result *res;
        field_ctx ctx = { field, NULL, NULL, 0 };
        if (r->field ? strcmp(r->field, field) != 0 : false) {
            continue;
        }
        if (!r->field) {
            /* the default yields to a rule naming the field */
            bool named = false;
            for (size_t k = 0; k < c->t->nrules; k++) {
                named = named || (c->t->rules[k].type == CN_RULE_FIELD_NETWORKS
                                  && c->t->rules[k].field
                                  && strcmp(c->t->rules[k].field, field) == 0);
            }
            if (named) {
                continue;
            }
        }
        have = field_networks(c, field, buf);
        if (!(res = new_result(c, r))) {
            return CN_ENOMEM;
        }
        res->pub.field = field;
        ctx.exclude = buf;
        ctx.nexclude = 0; /* a lead of an existing network may lead another */
        rc = have >= r->count
                 ? finish(c, res, have, r->count, "field '%s' has %zu %s (at least %zu needed)",
                          field, have, plural(have, "network", "networks"), r->count)
                 : finish(c, res, have, r->count,
                          "field '%s' has %zu %s: %zu more needed (at least %zu)", field, have,
                          plural(have, "network", "networks"), r->count - have, r->count);
        if (rc == 0 && !res->pub.met) {
            rc = suggest(res, c, buf, have, field_candidate, &ctx, false);
            res->pub.no_candidate = "no institution in the data lists this field";
        }
    }
    return rc;
}

static int rule_field_regions(cn_coverage *c, const cni_rule *r, uint32_t *buf)
{
    size_t n = field_networks(c, r->field, buf);
    int rc = 0;

    for (size_t k = 0; k < r->nregions && rc == 0; k++) {
        const char *region = r->regions[k];
        size_t have = 0;
        result *res;
        field_ctx ctx = { r->field, region, buf, r->led ? 0 : n };
        for (size_t j = 0; j < n; j++) {
            have += r->led ? strcmp(cn_graph_network_region(c->g, buf[j]), region) == 0
                           : reaches(c->g, buf[j], region);
        }
        if (!(res = new_result(c, r))) {
            return CN_ENOMEM;
        }
        res->pub.field = r->field;
        res->pub.region = region;
        rc = have > 0 ? finish(c, res, have, 1, "field '%s': %zu %s %s %s", r->field, have,
                               plural(have, "network", "networks"),
                               r->led ? "led in" : "reaching", region)
                      : finish(c, res, 0, 1, "field '%s' has no network %s %s", r->field,
                               r->led ? "led in" : "reaching", region);
        if (rc == 0 && !res->pub.met) {
            rc = suggest(res, c, buf, n, field_candidate, &ctx, false);
            res->pub.no_candidate = "no institution in this region lists this field";
        }
    }
    return rc;
}

static const char *kind_plural(int kind, size_t n)
{
    static const char *const one[] = { "institution", "enterprise", "expert", "network" };
    static const char *const many[] = { "institutions", "enterprises", "experts", "networks" };

    return n == 1 ? one[kind] : many[kind];
}

static int rule_network(cn_coverage *c, const cni_rule *r)
{
    const cn_graph *g = c->g;
    int rc = 0;

    for (size_t k = 0; k < c->nscope && rc == 0; k++) {
        uint32_t p = c->scope[k];
        size_t lead = cn_graph_network_lead(g, p), have = 0;
        const char *id = cn_graph_node_id(g, p);
        result *res = new_result(c, r);
        char filter[300] = "";
        if (!res) {
            return CN_ENOMEM;
        }
        res->pub.network = p;
        if (r->type == CN_RULE_NETWORK_LEAD) {
            have = lead != CN_NONE;
            rc = have == r->count
                     ? finish(c, res, have, r->count, "network '%s' has %zu %s", id, have,
                              plural(have, "lead", "leads"))
                     : finish(c, res, have, r->count, "network '%s' has %zu %s, not %zu", id,
                              have, plural(have, "lead", "leads"), r->count);
            /* exactly: a lead too many is a gap too */
            if (res->pub.met && have != r->count) {
                res->pub.met = false;
                c->gaps++;
            }
            if (rc == 0 && !res->pub.met && have < r->count) {
                rc = suggest(res, c, &p, 1, lead_candidate, &p, false);
                res->pub.no_candidate = "the network has no member institution to lead it";
            }
            continue;
        }
        for (uint32_t j = g->in_off[p]; j < g->in_off[p + 1]; j++) {
            uint32_t a = g->e_src[g->in_edges[j]];
            if (matches(g, a, r) && !(r->besides_lead && a == lead)) {
                have++;
            }
        }
        if (r->attr) {
            snprintf(filter, sizeof filter, " whose %s is %s%s", r->attr, r->negate ? "not " : "",
                     r->value);
        }
        rc = have >= r->count
                 ? finish(c, res, have, r->count, "network '%s' has %zu %s%s%s (at least %zu)",
                          id, have, kind_plural(r->kind, have), filter,
                          r->besides_lead ? " besides the lead" : "", r->count)
                 : finish(c, res, have, r->count,
                          "network '%s' has %zu %s%s%s: %zu more needed (at least %zu)", id,
                          have, kind_plural(r->kind, have), filter,
                          r->besides_lead ? " besides the lead" : "", r->count - have, r->count);
        if (rc == 0 && !res->pub.met) {
            member_ctx ctx = { r, p };
            rc = suggest(res, c, &p, 1, member_candidate, &ctx, true);
            res->pub.no_candidate = "no one of that kind outside the network collaborates with "
                                    "its members";
        }
    }
    return rc;
}

int cn_coverage_compute(cn_coverage **out, const cn_graph *g, const cn_targets *t,
                        const cn_coverage_options *opts)
{
    static const cn_coverage_options defaults = CN_COVERAGE_OPTIONS_INIT;
    cn_coverage *c;
    uint32_t *buf = NULL;
    int rc;

    if ((rc = CNI_CHECK_PTR(out)) < 0) {
        return rc;
    }
    *out = NULL;
    cni_clear_error();
    if ((rc = CNI_CHECK_PTR(g)) < 0) {
        return rc;
    }
    if (!(c = calloc(1, sizeof *c))) {
        return cni_fail(CN_ENOMEM, "out of memory");
    }
    c->g = g;
    c->t = t;
    c->suggestions = (opts ? opts : &defaults)->suggestions;
    if ((rc = build_scope(c)) < 0 || (rc = build_axes(c)) < 0 || (rc = build_matrix(c)) < 0
        || (rc = build_adjacency(c)) < 0) {
        goto done;
    }
    if (!(buf = cni_alloc_array(c->nscope + 1, sizeof *buf))) {
        rc = cni_fail(CN_ENOMEM, "out of memory");
        goto done;
    }
    for (size_t k = 0; t && k < t->nrules && rc == 0; k++) {
        const cni_rule *r = &t->rules[k];
        rc = r->type == CN_RULE_FIELD_NETWORKS  ? rule_field_networks(c, r, buf)
             : r->type == CN_RULE_FIELD_REGIONS ? rule_field_regions(c, r, buf)
                                                : rule_network(c, r);
    }
    /* the public view of each result points into its owned strings and arrays */
    for (size_t k = 0; k < c->nresults; k++) {
        c->results[k].pub.message = c->results[k].message;
        c->results[k].pub.suggestions = c->results[k].sugg;
        if (c->results[k].pub.met || c->results[k].pub.nsuggestions > 0) {
            c->results[k].pub.no_candidate = NULL;
        }
    }
done:
    free(buf);
    if (rc < 0) {
        cn_coverage_destroy(c);
        return rc;
    }
    *out = c;
    return 0;
}

/* Getters: a NULL coverage or an index past the end gives the neutral value (error.h). */
size_t cn_coverage_field_count(const cn_coverage *c)
{
    return c ? c->nfields : 0;
}

const char *cn_coverage_field(const cn_coverage *c, size_t i)
{
    return c && i < c->nfields ? c->fields[i] : NULL;
}

size_t cn_coverage_region_count(const cn_coverage *c)
{
    return c ? c->nregions : 0;
}

const char *cn_coverage_region(const cn_coverage *c, size_t j)
{
    return c && j < c->nregions ? c->regions[j] : NULL;
}

const cn_coverage_cell *cn_coverage_cell_at(const cn_coverage *c, size_t field, size_t region)
{
    return c && field < c->nfields && region < c->nregions
               ? &c->cells[field * c->nregions + region]
               : NULL;
}

size_t cn_coverage_network_count(const cn_coverage *c)
{
    return c ? c->nscope : 0;
}

size_t cn_coverage_network(const cn_coverage *c, size_t k)
{
    return c && k < c->nscope ? c->scope[k] : CN_NONE;
}

size_t cn_coverage_result_count(const cn_coverage *c)
{
    return c ? c->nresults : 0;
}

const cn_rule_result *cn_coverage_result(const cn_coverage *c, size_t k)
{
    return c && k < c->nresults ? &c->results[k].pub : NULL;
}

size_t cn_coverage_gap_count(const cn_coverage *c)
{
    return c ? c->gaps : 0;
}

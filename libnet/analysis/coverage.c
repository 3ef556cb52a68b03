/* Coverage of fields and regions by networks, and the policy targets' rules with what would
 * close each gap. Members are direct members; a network's region is its lead's. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <collabnet/analysis.h>

#include "../model/graph.h"
#include "../model/targets.h"
#include "candidates.h"

#define NK CN_NODE_KIND_COUNT

typedef struct result {
    cn_rule_result pub;
    char *message;
    cni_cand_list cands;
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
    cni_cands *cands;
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
        cni_cand_list_fini(&c->results[k].cands);
    }
    free(c->results);
    free(c->scope);
    free(c->fields);
    free(c->regions);
    free(c->cells);
    cni_cands_destroy(c->cands);
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

/* ---- candidates ---- */

/* Whether node i passes the rule's filter (README "Targets"): its value in the column is (or is
 * not) one of the values, or its `fields` has (or has not) one of them. A column nodes.csv
 * lacks holds "" for every node (cn_targets_check() warns about it). */
static bool passes(const cn_graph *g, size_t i, const cni_rule *r)
{
    size_t col;
    const char *v;
    bool hit = false;

    if (!r->attr) {
        return true;
    }
    col = cni_graph_column_find(g, r->attr);
    v = col == CN_NONE ? "" : cni_graph_column_value(g, i, col);
    for (size_t k = 0; k < r->nvalues && !hit; k++) {
        hit = r->has ? cn_graph_node_has_field(g, i, r->values[k]) : strcmp(v, r->values[k]) == 0;
    }
    return hit != r->negate;
}

static bool matches(const cn_graph *g, size_t i, const cni_rule *r)
{
    return (int)g->node_kind[i] == r->kind && passes(g, i, r);
}

/* A candidate passes rule ctx's filter (a lead rule: the kind is the query's). */
static bool passes_fit(const cn_graph *g, size_t i, const void *ctx)
{
    return passes(g, i, ctx);
}

/* A candidate fits rule ctx (its kind and filter). */
static bool fits(const cn_graph *g, size_t i, const void *ctx)
{
    return matches(g, i, ctx);
}

/* Rank the candidates of @p q into @p res (at most c->suggestions). */
static int suggest(result *res, const cn_coverage *c, const cni_cand_query *q)
{
    int rc = cni_cands_find(&res->cands, c->cands, q, c->suggestions);

    res->pub.nsuggestions = res->cands.n;
    res->pub.no_candidate = res->cands.no_candidate;
    return rc;
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
        rc = have >= r->count
                 ? finish(c, res, have, r->count, "field '%s' has %zu %s (at least %zu needed)",
                          field, have, plural(have, "network", "networks"), r->count)
                 : finish(c, res, have, r->count,
                          "field '%s' has %zu %s: %zu more needed (at least %zu)", field, have,
                          plural(have, "network", "networks"), r->count - have, r->count);
        if (rc == 0 && !res->pub.met) {
            /* a lead of an existing network may lead another: nobody is excluded */
            cni_cand_query q = { CN_NODE_INSTITUTION, NULL, NULL, "", false, CN_NONE, false,
                                 field, NULL, buf, have, NULL, 0 };
            rc = suggest(res, c, &q);
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
            /* reaching: the members of the field's networks are there already */
            cni_cand_query q = { CN_NODE_INSTITUTION, NULL, NULL, "", false, CN_NONE, false,
                                 r->field, region, buf, n, buf, r->led ? 0 : n };
            rc = suggest(res, c, &q);
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
        if (r->attr) {
            snprintf(filter, sizeof filter, " whose %s %s%s %s", r->attr, r->has ? "has" : "is",
                     r->negate ? " not" : "", r->value);
        }
        if (r->type == CN_RULE_NETWORK_LEAD) {
            /* exactly N leads, and with a filter each of them passes it: have counts those */
            size_t leads = lead != CN_NONE;
            const char *word = plural(leads, "lead", "leads");
            have = leads && passes(g, lead, r) ? leads : 0;
            rc = leads != r->count
                     ? finish(c, res, have, r->count, "network '%s' has %zu %s, not %zu", id, leads,
                              word, r->count)
                 : have == leads ? finish(c, res, have, r->count, "network '%s' has %zu %s%s", id,
                                          leads, word, filter)
                                 : finish(c, res, have, r->count,
                                          "network '%s' has %zu %s, %zu%s (%zu needed)", id,
                                          leads, word, have, filter, r->count);
            /* exactly: a lead too many is a gap too */
            if (res->pub.met && leads != r->count) {
                res->pub.met = false;
                c->gaps++;
            }
            if (rc == 0 && !res->pub.met && have < r->count) {
                cni_cand_query q = { CN_NODE_INSTITUTION, r->attr ? passes_fit : NULL, r,
                                     filter, r->attr && !strcmp(r->attr, "country"), p, true,
                                     NULL, NULL, &p, 1, NULL, 0 };
                rc = suggest(res, c, &q);
            }
            continue;
        }
        for (uint32_t j = g->in_off[p]; j < g->in_off[p + 1]; j++) {
            uint32_t a = g->e_src[g->in_edges[j]];
            if (matches(g, a, r) && !(r->besides_lead && a == lead)) {
                have++;
            }
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
            cni_cand_query q = { r->kind, fits, r, filter, r->attr && !strcmp(r->attr, "country"),
                                 p, false, NULL, NULL, &p, 1, NULL, 0 };
            rc = suggest(res, c, &q);
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
        || (rc = cni_cands_create(&c->cands, g)) < 0) {
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
        c->results[k].pub.suggestions = c->results[k].cands.items;
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

/* ---- policy-critical actors ---- */

typedef struct crit_pair {
    uint32_t node, result;
} crit_pair;

typedef struct crit_list {
    crit_pair *v;
    size_t n, cap;
} crit_list;

static int crit_add(crit_list *l, size_t node, size_t result)
{
    if (cni_grow((void **)&l->v, &l->cap, l->n + 1, sizeof *l->v) < 0) {
        return CN_ENOMEM;
    }
    l->v[l->n++] = (crit_pair){ (uint32_t)node, (uint32_t)result };
    return 0;
}

/* The rule a result applies (the one on its line). */
static const cni_rule *rule_of(const cn_coverage *c, const cn_rule_result *res)
{
    for (size_t k = 0; c->t && k < c->t->nrules; k++) {
        if (c->t->rules[k].line == res->line && c->t->rules[k].type == res->type) {
            return &c->t->rules[k];
        }
    }
    return NULL;
}

/* The member institution of network p located in @p region when it is the only one there;
 * CN_NONE when there are none or several. */
static size_t sole_reacher(const cn_graph *g, uint32_t p, const char *region)
{
    size_t found = CN_NONE;

    for (uint32_t k = g->in_off[p]; k < g->in_off[p + 1]; k++) {
        uint32_t a = g->e_src[g->in_edges[k]];
        if (g->node_kind[a] == CN_NODE_INSTITUTION
            && strcmp(cn_graph_node_region(g, a), region) == 0) {
            if (found != CN_NONE && found != a) {
                return CN_NONE;
            }
            found = a;
        }
    }
    return found;
}

/* A field-regions check met today: the one actor every counting network depends on, or
 * CN_NONE. Led: the networks led in the region share one lead, and without it (a network
 * without a lead counts under its own region) none would count there. Reached: the networks
 * reaching it all do so through the same single member institution. */
static size_t region_critical(const cn_coverage *c, const cni_rule *r, const char *region,
                              const uint32_t *nets, size_t n)
{
    const cn_graph *g = c->g;
    size_t who = CN_NONE;

    for (size_t k = 0; k < n; k++) {
        size_t a;
        if (r->led ? strcmp(cn_graph_network_region(g, nets[k]), region) != 0
                   : !reaches(g, nets[k], region)) {
            continue;
        }
        a = r->led ? cn_graph_network_lead(g, nets[k]) : sole_reacher(g, nets[k], region);
        if (a == CN_NONE || (who != CN_NONE && who != a)) {
            return CN_NONE;
        }
        who = a;
    }
    for (size_t k = 0; r->led && who != CN_NONE && k < n; k++) {
        if (cn_graph_network_lead(g, nets[k]) == who
            && strcmp(cn_graph_node_region(g, nets[k]), region) == 0) {
            return CN_NONE; /* led there by its own region once its lead is gone */
        }
    }
    return who;
}

/* The actors whose removal alone fails result k, a check met today, into @p l. */
static int critical_of(crit_list *l, const cn_coverage *c, size_t k, uint32_t *buf)
{
    const cn_graph *g = c->g;
    const cn_rule_result *res = &c->results[k].pub;
    const cni_rule *r = rule_of(c, res);
    size_t lead, who;
    int rc = 0;

    if (!res->met || !r) {
        return 0;
    }
    switch (res->type) {
    case CN_RULE_NETWORK_LEAD:
        lead = cn_graph_network_lead(g, res->network);
        if (res->have == 1 && res->need == 1 && lead != CN_NONE) {
            rc = crit_add(l, lead, k);
        }
        break;
    case CN_RULE_NETWORK_MEMBERS:
        if (res->have != res->need || res->need == 0) {
            break; /* one more than needed: no single member is missed */
        }
        lead = cn_graph_network_lead(g, res->network);
        for (uint32_t j = g->in_off[res->network]; j < g->in_off[res->network + 1] && rc == 0;
             j++) {
            uint32_t a = g->e_src[g->in_edges[j]];
            if (g->node_kind[a] != CN_NODE_NETWORK && matches(g, a, r)
                && !(r->besides_lead && a == lead)) {
                rc = crit_add(l, a, k);
            }
        }
        break;
    case CN_RULE_FIELD_REGIONS:
        who = region_critical(c, r, res->region, buf, field_networks(c, res->field, buf));
        if (who != CN_NONE && g->node_kind[who] != CN_NODE_NETWORK) {
            rc = crit_add(l, who, k);
        }
        break;
    default:
        break; /* networks per field: an actor's departure removes no network */
    }
    return rc;
}

static int by_pair(const void *x, const void *y)
{
    const crit_pair *a = x, *b = y;

    if (a->node != b->node) {
        return a->node < b->node ? -1 : 1;
    }
    return a->result < b->result ? -1 : a->result > b->result;
}

static int by_broken(const void *x, const void *y)
{
    const cn_critical *a = x, *b = y;

    if (a->nbroken != b->nbroken) {
        return a->nbroken < b->nbroken ? 1 : -1;
    }
    return a->node < b->node ? -1 : a->node > b->node;
}

int cn_coverage_critical(cn_critical **out, size_t *count, const cn_coverage *c)
{
    crit_list l = { NULL, 0, 0 };
    cn_critical *crit = NULL;
    size_t *idx, nnodes = 0;
    uint32_t *buf = NULL;
    int rc;

    if ((rc = CNI_CHECK_PTR(out)) < 0 || (rc = CNI_CHECK_PTR(count)) < 0) {
        return rc;
    }
    *out = NULL;
    *count = 0;
    if ((rc = CNI_CHECK_PTR(c)) < 0) {
        return rc;
    }
    if (!(buf = cni_alloc_array(c->nscope + 1, sizeof *buf))) {
        return cni_fail(CN_ENOMEM, "out of memory");
    }
    for (size_t k = 0; k < c->nresults && rc == 0; k++) {
        rc = critical_of(&l, c, k, buf);
    }
    if (rc < 0 || l.n == 0) {
        goto done;
    }
    cni_sort(l.v, l.n, sizeof *l.v, by_pair);
    for (size_t k = 0; k < l.n; k++) {
        nnodes += k == 0 || l.v[k].node != l.v[k - 1].node;
    }
    /* one block: the actors, then their broken lists (cn_free() releases both) */
    if (nnodes > (SIZE_MAX - l.n * sizeof *idx) / sizeof *crit
        || !(crit = malloc(nnodes * sizeof *crit + l.n * sizeof *idx))) {
        rc = cni_fail(CN_ENOMEM, "out of memory");
        goto done;
    }
    idx = (size_t *)(crit + nnodes);
    nnodes = 0;
    for (size_t k = 0; k < l.n; k++) {
        if (k == 0 || l.v[k].node != l.v[k - 1].node) {
            crit[nnodes++] = (cn_critical){ l.v[k].node, 0, idx + k };
        }
        idx[k] = l.v[k].result;
        crit[nnodes - 1].nbroken++;
    }
    cni_sort(crit, nnodes, sizeof *crit, by_broken);
    *out = crit;
    *count = nnodes;
done:
    free(l.v);
    free(buf);
    return rc;
}

#include <stdlib.h>
#include <string.h>

#include "info.h"
#include "util/util.h"

/* A list of groups being counted, found by name in constant time: every name is interned in
 * one string pool, and pos[id] holds the group's index + 1 in this list (0: not yet in it).
 * A scan of the list per node made `info` quadratic: 50,000 distinct regions took 23 s. */
typedef struct group_list {
    info_group **items;
    size_t *n, cap;
    uint32_t *pos;
    size_t npos;
} group_list;

/* Find or add a group by name (borrowed from the graph); groups are sorted by name afterwards. */
static info_group *group(group_list *l, cni_strpool *names, const char *name)
{
    info_group *g;
    uint32_t id;

    if (cni_strpool_intern(&id, names, name, strlen(name)) < 0) {
        return NULL;
    }
    if (id >= l->npos) {
        size_t old = l->npos;
        if (cni_grow((void **)&l->pos, &l->npos, (size_t)id + 1, sizeof *l->pos) < 0) {
            return NULL;
        }
        memset(l->pos + old, 0, (l->npos - old) * sizeof *l->pos);
    }
    if (l->pos[id]) {
        return &(*l->items)[l->pos[id] - 1];
    }
    if (cni_grow((void **)l->items, &l->cap, *l->n + 1, sizeof **l->items) < 0) {
        return NULL;
    }
    g = &(*l->items)[(*l->n)++];
    memset(g, 0, sizeof *g);
    g->name = name;
    l->pos[id] = (uint32_t)*l->n;
    return g;
}

/* Named groups alphabetically (byte order), the unnamed group last. */
static int by_name(const void *a, const void *b)
{
    const info_group *x = a, *y = b;

    if (!x->name[0] || !y->name[0]) {
        return !x->name[0] - !y->name[0];
    }
    return strcmp(x->name, y->name);
}

int info_compute(info *in, const cn_graph *g)
{
    size_t n = cn_graph_node_count(g), ucap = 0;
    group_list regions = { &in->regions, &in->nregions, 0, NULL, 0 };
    group_list fields = { &in->fields, &in->nfields, 0, NULL, 0 };
    group_list leads = { &in->lead_regions, &in->nlead_regions, 0, NULL, 0 };
    group_list subs = { NULL, NULL, 0, NULL, 0 }; /* each umbrella's, pos shared and reset */
    cni_strpool *names = NULL;
    int rc = CN_ENOMEM;

    memset(in, 0, sizeof *in);
    in->g = g;
    in->merged_rows = cn_graph_count_edge_kind(g, CN_EDGE_COLLABORATION) - cn_graph_tie_count(g);
    if (!(in->networks = calloc(cn_graph_count_kind(g, CN_NODE_NETWORK) + 1, sizeof(size_t)))
        || cni_strpool_create(&names) < 0) {
        goto done;
    }
    for (size_t i = 0; i < n; i++) {
        cn_node_kind k = cn_graph_node_kind(g, i);
        info_group *r = group(&regions, names, cn_graph_node_home_region(g, i));
        if (!r) {
            goto done;
        }
        r->by_kind[k]++;
        r->total++;
        for (size_t f = 0; f < cn_graph_node_field_count(g, i); f++) {
            info_group *fg = group(&fields, names, cn_graph_node_field(g, i, f));
            if (!fg) {
                goto done;
            }
            fg->by_kind[k]++;
            fg->total++;
        }
        if (k == CN_NODE_NETWORK) {
            info_group *lr = group(&leads, names, cn_graph_network_region(g, i));
            size_t by_kind[CN_NODE_KIND_COUNT];
            if (!lr) {
                goto done;
            }
            lr->by_kind[k]++;
            lr->total++;
            in->networks[in->nnetworks++] = i;
            cn_graph_network_members(g, i, by_kind, NULL);
            if (by_kind[CN_NODE_NETWORK] > 0) {
                info_umbrella *u;
                if (cni_grow((void **)&in->umbrellas, &ucap, in->numbrellas + 1,
                             sizeof *in->umbrellas) < 0) {
                    goto done;
                }
                u = &in->umbrellas[in->numbrellas++];
                memset(u, 0, sizeof *u);
                u->net = i;
                subs.items = &u->by_lead_region;
                subs.n = &u->nregions;
                subs.cap = 0;
                for (size_t k2 = 0; k2 < cn_graph_network_member_count(g, i); k2++) {
                    cn_edge e;
                    cn_graph_edge(g, cn_graph_network_member_edge(g, i, k2), &e);
                    if (cn_graph_node_kind(g, e.source) == CN_NODE_NETWORK) {
                        info_group *ur = group(&subs, names,
                                               cn_graph_network_region(g, e.source));
                        if (!ur) {
                            goto done;
                        }
                        ur->by_kind[CN_NODE_NETWORK]++;
                        ur->total++;
                        u->subs++;
                    }
                }
                for (size_t r2 = 0; r2 < u->nregions; r2++) {
                    const char *name = u->by_lead_region[r2].name;
                    subs.pos[cni_strpool_find(names, name, strlen(name))] = 0;
                }
                cni_sort(u->by_lead_region, u->nregions, sizeof *u->by_lead_region, by_name);
            }
        }
    }
    cni_sort(in->regions, in->nregions, sizeof *in->regions, by_name);
    cni_sort(in->fields, in->nfields, sizeof *in->fields, by_name);
    cni_sort(in->lead_regions, in->nlead_regions, sizeof *in->lead_regions, by_name);
    rc = cn_graph_components(&in->components, g, CN_VIEW_COMBINED, NULL);
done:
    cni_strpool_destroy(names);
    free(regions.pos);
    free(fields.pos);
    free(leads.pos);
    free(subs.pos);
    return rc;
}

void info_free(info *in)
{
    for (size_t u = 0; u < in->numbrellas; u++) {
        free(in->umbrellas[u].by_lead_region);
    }
    free(in->umbrellas);
    free(in->regions);
    free(in->fields);
    free(in->lead_regions);
    free(in->networks);
    memset(in, 0, sizeof *in);
}

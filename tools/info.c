#include <stdlib.h>
#include <string.h>

#include "info.h"

/* Find or add a group by name; groups stay few (regions, fields), so a linear scan is fine for
 * the counting, and groups are sorted by name afterwards. */
static info_group *group(info_group **groups, size_t *n, const char *name)
{
    info_group *g;

    for (size_t i = 0; i < *n; i++) {
        if (strcmp((*groups)[i].name, name) == 0) {
            return &(*groups)[i];
        }
    }
    if (!(g = realloc(*groups, (*n + 1) * sizeof *g))) {
        return NULL;
    }
    *groups = g;
    g = &(*groups)[(*n)++];
    memset(g, 0, sizeof *g);
    g->name = name;
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
    size_t n = cn_graph_node_count(g);
    int rc;

    memset(in, 0, sizeof *in);
    in->g = g;
    in->merged_rows = cn_graph_count_edge_kind(g, CN_EDGE_COLLABORATION) - cn_graph_tie_count(g);
    if (!(in->networks = calloc(cn_graph_count_kind(g, CN_NODE_NETWORK) + 1, sizeof(size_t)))) {
        return CN_ENOMEM;
    }
    for (size_t i = 0; i < n; i++) {
        cn_node_kind k = cn_graph_node_kind(g, i);
        info_group *r = group(&in->regions, &in->nregions, cn_graph_node_region(g, i));
        if (!r) {
            return CN_ENOMEM;
        }
        r->by_kind[k]++;
        r->total++;
        for (size_t f = 0; f < cn_graph_node_field_count(g, i); f++) {
            info_group *fg = group(&in->fields, &in->nfields, cn_graph_node_field(g, i, f));
            if (!fg) {
                return CN_ENOMEM;
            }
            fg->by_kind[k]++;
            fg->total++;
        }
        if (k == CN_NODE_NETWORK) {
            info_group *lr = group(&in->lead_regions, &in->nlead_regions,
                                   cn_graph_network_lead(g, i) != CN_NONE
                                       ? cn_graph_node_region(g, cn_graph_network_lead(g, i))
                                       : "");
            size_t by_kind[CN_NODE_KIND_COUNT];
            if (!lr) {
                return CN_ENOMEM;
            }
            lr->by_kind[k]++;
            lr->total++;
            in->networks[in->nnetworks++] = i;
            cn_graph_network_members(g, i, by_kind, NULL);
            if (by_kind[CN_NODE_NETWORK] > 0) {
                info_umbrella *u = realloc(in->umbrellas, (in->numbrellas + 1) * sizeof *u);
                if (!u) {
                    return CN_ENOMEM;
                }
                in->umbrellas = u;
                u = &u[in->numbrellas++];
                memset(u, 0, sizeof *u);
                u->net = i;
                for (size_t k2 = 0; k2 < cn_graph_network_member_count(g, i); k2++) {
                    cn_edge e;
                    cn_graph_edge(g, cn_graph_network_member_edge(g, i, k2), &e);
                    if (cn_graph_node_kind(g, e.source) == CN_NODE_NETWORK) {
                        size_t sl = cn_graph_network_lead(g, e.source);
                        info_group *ur = group(&u->by_lead_region, &u->nregions,
                                               sl != CN_NONE ? cn_graph_node_region(g, sl) : "");
                        if (!ur) {
                            return CN_ENOMEM;
                        }
                        ur->by_kind[CN_NODE_NETWORK]++;
                        ur->total++;
                        u->subs++;
                    }
                }
                qsort(u->by_lead_region, u->nregions, sizeof *u->by_lead_region, by_name);
            }
        }
    }
    /* qsort() of a NULL array is undefined even for no elements (UBSan reports it): a dataset
     * without fields, regions or networks has NULL arrays */
    if (in->nregions) {
        qsort(in->regions, in->nregions, sizeof *in->regions, by_name);
    }
    if (in->nfields) {
        qsort(in->fields, in->nfields, sizeof *in->fields, by_name);
    }
    if (in->nlead_regions) {
        qsort(in->lead_regions, in->nlead_regions, sizeof *in->lead_regions, by_name);
    }
    if ((rc = cn_graph_components(&in->components, g, CN_VIEW_COMBINED, NULL)) < 0) {
        return rc;
    }
    return 0;
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

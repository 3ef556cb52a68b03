/* The info results as tables (results.h): what a dataset holds, counted once from the model
 * for `collabnet info` and the report's summary and networks sections. */
#include "results.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/util.h"

/* ---- the figures: one small function each (issue 16: one definition in the library) ---- */

/* The region a node is counted under in "nodes by region": an actor's own, a network's lead
 * region (cn_graph_node_home_region(), the rule of the report and the diagrams too). */
static const char *group_region(const cn_graph *g, size_t i)
{
    return cn_graph_node_home_region(g, i);
}

/* The region a network is counted under in "networks by lead region" and an umbrella's
 * sub-networks: its lead's region, else its own (cn_graph_network_region()). */
static const char *lead_region(const cn_graph *g, size_t net)
{
    const char *r = cn_graph_network_region(g, net);

    return r ? r : "";
}

/* The lead_region column of the networks table: its lead's region, else its own. */
static const char *network_region(const cn_graph *g, size_t net)
{
    return cn_graph_network_region(g, net);
}

/* A network's direct members by kind and by role (the lead counts as a member). */
static void members_by_kind(const cn_graph *g, size_t net, size_t by_kind[CN_NODE_KIND_COUNT],
                            size_t by_role[CN_ROLE_COUNT])
{
    cn_graph_network_members(g, net, by_kind, by_role);
}

/* ---- counting ---- */

/* A list of groups being counted, found by name in constant time: every name is interned in
 * one string pool, and pos[id] holds the group's index + 1 in this list (0: not yet in it).
 * A scan of the list per node made `info` quadratic: 50,000 distinct regions took 23 s. */
typedef struct group_list {
    cni_info_group **items;
    size_t *n, cap;
    uint32_t *pos;
    size_t npos;
} group_list;

/* Find or add a group by name (borrowed from the graph); groups are sorted by name afterwards. */
static cni_info_group *group(group_list *l, cni_strpool *names, const char *name)
{
    cni_info_group *g;
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
    const cni_info_group *x = a, *y = b;

    if (!x->name[0] || !y->name[0]) {
        return !x->name[0] - !y->name[0];
    }
    return strcmp(x->name, y->name);
}

int cni_results_info_compute(cni_info *in, const cn_graph *g, bool components)
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
        cni_info_group *r = group(&regions, names, group_region(g, i));
        if (!r) {
            goto done;
        }
        r->by_kind[k]++;
        r->total++;
        for (size_t f = 0; f < cn_graph_node_field_count(g, i); f++) {
            cni_info_group *fg = group(&fields, names, cn_graph_node_field(g, i, f));
            if (!fg) {
                goto done;
            }
            fg->by_kind[k]++;
            fg->total++;
        }
        if (k == CN_NODE_NETWORK) {
            cni_info_group *lr = group(&leads, names, lead_region(g, i));
            size_t by_kind[CN_NODE_KIND_COUNT];
            if (!lr) {
                goto done;
            }
            lr->by_kind[k]++;
            lr->total++;
            in->networks[in->nnetworks++] = i;
            members_by_kind(g, i, by_kind, NULL);
            if (by_kind[CN_NODE_NETWORK] > 0) {
                cni_info_umbrella *u;
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
                        cni_info_group *ur = group(&subs, names, lead_region(g, e.source));
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
    rc = components ? cn_graph_components(&in->components, g, CN_VIEW_COMBINED, NULL) : 0;
done:
    cni_strpool_destroy(names);
    free(regions.pos);
    free(fields.pos);
    free(leads.pos);
    free(subs.pos);
    return rc;
}

void cni_results_info_fini(cni_info *in)
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

/* ---- tables ---- */

/* A new table with @p title and the columns @p names of type @p type each. */
static int start(cni_table **out, const char *name, const char *title, size_t n,
                 const char *const *names, const cni_col_type *types)
{
    int rc;

    if ((rc = cni_table_create(out, name)) < 0) {
        return rc;
    }
    cni_table_set_title(*out, title);
    for (size_t c = 0; c < n; c++) {
        cni_table_column(*out, names[c], types[c]);
    }
    return cni_table_status(*out);
}

/* The name of a group: NULL (undefined) for the unnamed one unless @p none names it. */
static const char *group_name(const char *name, const char *none)
{
    return name[0] ? name : none;
}

/* Nodes by kind, then their total unless @p json (whose document holds it apart). */
static int kinds_table(cni_table **out, const cn_graph *g, bool json)
{
    static const char *const h[] = { "kind", "nodes" };
    static const cni_col_type ty[] = { CNI_COL_TEXT, CNI_COL_INT };
    int rc = start(out, "summary_kinds", "Nodes by kind", 2, h, ty);

    for (int k = 0; rc == 0 && k < CN_NODE_KIND_COUNT; k++) {
        cni_table_text(*out, cn_node_kind_name((cn_node_kind)k));
        cni_table_size(*out, cn_graph_count_kind(g, (cn_node_kind)k));
    }
    if (rc == 0 && !json) {
        cni_table_text(*out, "total");
        cni_table_size(*out, cn_graph_node_count(g));
    }
    return rc;
}

static int edges_table(cni_table **out, const cni_info *in)
{
    static const char *const h[] = { "kind", "rows", "ties", "merged_rows" };
    static const cni_col_type ty[] = { CNI_COL_TEXT, CNI_COL_INT, CNI_COL_INT, CNI_COL_INT };
    const cn_graph *g = in->g;
    size_t mem = cn_graph_count_edge_kind(g, CN_EDGE_MEMBERSHIP);
    int rc = start(out, "summary_edges", "Edges (repeated collaboration rows merge into one tie)",
                   4, h, ty);

    if (rc == 0) {
        cni_table_text(*out, "membership");
        cni_table_size(*out, mem);
        cni_table_size(*out, mem);
        cni_table_size(*out, 0);
        cni_table_text(*out, "collaboration");
        cni_table_size(*out, cn_graph_count_edge_kind(g, CN_EDGE_COLLABORATION));
        cni_table_size(*out, cn_graph_tie_count(g));
        cni_table_size(*out, in->merged_rows);
    }
    return rc;
}

/* Groups by kind (regions or fields): in JSON {what, by_kind: {kind: n}, total}. */
static int groups_table(cni_table **out, const char *name, const char *title, const char *what,
                        const cni_info_group *gs, size_t n, const char *none)
{
    int rc = cni_table_create(out, name);
    char key[32];

    if (rc < 0) {
        return rc;
    }
    cni_table_set_title(*out, title);
    cni_table_column(*out, what, CNI_COL_TEXT);
    for (int k = 0; k < CN_NODE_KIND_COUNT; k++) {
        const char *kind = cn_node_kind_name((cn_node_kind)k);
        snprintf(key, sizeof key, "by_kind.%s", kind);
        cni_table_column_json(*out, cni_table_column(*out, kind, CNI_COL_INT), key);
    }
    cni_table_column(*out, "total", CNI_COL_INT);
    for (size_t i = 0; i < n; i++) {
        cni_table_text(*out, group_name(gs[i].name, none));
        for (int k = 0; k < CN_NODE_KIND_COUNT; k++) {
            cni_table_size(*out, gs[i].by_kind[k]);
        }
        cni_table_size(*out, gs[i].total);
    }
    return cni_table_status(*out);
}

/* The networks a network is a direct member of, as a list cell. */
static void parents_cell(cni_table *t, const cn_graph *g, size_t i)
{
    cni_table_list_begin(t);
    for (size_t k = 0; k < cn_graph_node_network_count(g, i); k++) {
        cn_edge e;
        cn_graph_edge(g, cn_graph_node_network_edge(g, i, k), &e);
        cni_table_list_item(t, cn_graph_node_id(g, e.target));
    }
    cni_table_list_end(t);
}

/* A network's lead as a one-row table (JSON: the object "lead"), or undefined without one.
 * Returns 0 or CN_ENOMEM (the sub-table could not be made). */
static int lead_cell(cni_table *t, const cn_graph *g, size_t lead)
{
    static const char *const h[] = { "id", "label", "region" };
    static const cni_col_type ty[] = { CNI_COL_ID, CNI_COL_TEXT, CNI_COL_TEXT };
    cni_table *sub = NULL;
    const char *region;
    int rc;

    if (lead == CN_NONE) {
        cni_table_null(t);
        return 0;
    }
    if ((rc = start(&sub, "lead", NULL, 3, h, ty)) == 0) {
        region = cn_graph_node_region(g, lead);
        cni_table_text(sub, cn_graph_node_id(g, lead));
        cni_table_text(sub, cn_graph_node_label(g, lead));
        cni_table_text(sub, region && region[0] ? region : NULL);
    }
    cni_table_sub(t, sub); /* takes it; a failed sub-table fails t */
    return sub ? 0 : rc;
}

/* Every network with its direct members. The text table leaves out the label (too wide for a
 * terminal); JSON nests the lead, the members by kind and by role (README "info"). */
static int networks_table(cni_table **out, const cni_info *in)
{
    static const char *const kinds[] = { "institutions", "enterprises", "experts",
                                         "sub_networks" };
    const cn_graph *g = in->g;
    cni_table *t;
    char key[32];
    int rc = cni_table_create(out, "networks");

    if (rc < 0) {
        return rc;
    }
    t = *out;
    cni_table_set_title(t, "Networks (direct members; the lead counts as a member)");
    cni_table_column(t, "id", CNI_COL_ID);
    cni_table_column_in(t, cni_table_column(t, "label", CNI_COL_TEXT), CNI_IN_ALL & ~CNI_IN_TEXT);
    cni_table_column(t, "fields", CNI_COL_LIST);
    /* the report's page shows the lead's region alone, and no partners or total */
    cni_table_column_in(t, cni_table_column(t, "region", CNI_COL_TEXT), CNI_IN_ALL & ~CNI_IN_PAGE);
    cni_table_column_in(t, cni_table_column(t, "lead", CNI_COL_ID), CNI_IN_ALL & ~CNI_IN_JSON);
    rc = cni_table_column(t, "lead_record", CNI_COL_TABLE);
    cni_table_column_json(t, rc, "lead");
    cni_table_column_shape(t, rc, CNI_JSON_RECORD);
    cni_table_column(t, "lead_region", CNI_COL_TEXT);
    cni_table_column(t, "parents", CNI_COL_LIST);
    for (int k = 0; k < CN_NODE_KIND_COUNT; k++) {
        snprintf(key, sizeof key, "members.%s", cn_node_kind_name((cn_node_kind)k));
        cni_table_column_json(t, cni_table_column(t, kinds[k], CNI_COL_INT), key);
    }
    for (int r = CN_ROLE_LEAD; r < CN_ROLE_COUNT; r++) {
        snprintf(key, sizeof key, "roles.%s", cn_role_name((cn_role)r));
        rc = cni_table_column(t, r == CN_ROLE_PARTNER ? "partners" : key, CNI_COL_INT);
        cni_table_column_json(t, rc, key);
        cni_table_column_in(t, rc, r == CN_ROLE_PARTNER ? CNI_IN_ALL & ~CNI_IN_PAGE : CNI_IN_JSON);
    }
    rc = cni_table_column(t, "members", CNI_COL_INT);
    cni_table_column_json(t, rc, "member_total");
    cni_table_column_in(t, rc, CNI_IN_ALL & ~CNI_IN_PAGE);
    for (size_t n = 0; n < in->nnetworks; n++) {
        size_t i = in->networks[n], lead = cn_graph_network_lead(g, i);
        size_t by_kind[CN_NODE_KIND_COUNT], by_role[CN_ROLE_COUNT];
        const char *region = cn_graph_node_region(g, i), *lr = network_region(g, i);
        members_by_kind(g, i, by_kind, by_role);
        cni_table_text(t, cn_graph_node_id(g, i));
        cni_table_text(t, cn_graph_node_label(g, i));
        cni_table_list_begin(t);
        for (size_t f = 0; f < cn_graph_node_field_count(g, i); f++) {
            cni_table_list_item(t, cn_graph_node_field(g, i, f));
        }
        cni_table_list_end(t);
        cni_table_text(t, region && region[0] ? region : NULL);
        cni_table_text(t, lead != CN_NONE ? cn_graph_node_id(g, lead) : NULL);
        if ((rc = lead_cell(t, g, lead)) < 0) {
            return rc;
        }
        cni_table_text(t, lr && lr[0] ? lr : NULL);
        parents_cell(t, g, i);
        for (int k = 0; k < CN_NODE_KIND_COUNT; k++) {
            cni_table_size(t, by_kind[k]);
        }
        for (int r = CN_ROLE_LEAD; r < CN_ROLE_COUNT; r++) {
            cni_table_size(t, by_role[r]);
        }
        cni_table_size(t, cn_graph_network_member_count(g, i));
    }
    return cni_table_status(t);
}

/* Groups as (name, count) rows: JSON writes them keyed by name (cni_doc_table_keyed()). */
static int counts_table(cni_table **out, const char *name, const char *const h[2],
                        const cni_info_group *gs, size_t n, const char *none)
{
    static const cni_col_type ty[] = { CNI_COL_TEXT, CNI_COL_INT };
    int rc = start(out, name, NULL, 2, h, ty);

    for (size_t i = 0; rc == 0 && i < n; i++) {
        cni_table_text(*out, group_name(gs[i].name, none));
        cni_table_size(*out, gs[i].total);
    }
    return rc == 0 ? cni_table_status(*out) : rc;
}

/* Each umbrella's sub-networks by lead region; with @p totals, a total row per umbrella. */
static int umbrellas_table(cni_table **out, const cni_info *in, const char *none, bool totals)
{
    static const char *const h[] = { "umbrella", "lead_region", "sub_networks" };
    static const cni_col_type ty[] = { CNI_COL_ID, CNI_COL_TEXT, CNI_COL_INT };
    const cn_graph *g = in->g;
    int rc = start(out, "umbrellas", "Umbrella networks: sub-networks by lead region", 3, h, ty);

    for (size_t u = 0; rc == 0 && u < in->numbrellas; u++) {
        const cni_info_umbrella *um = &in->umbrellas[u];
        for (size_t r = 0; r < um->nregions; r++) {
            cni_table_text(*out, cn_graph_node_id(g, um->net));
            cni_table_text(*out, group_name(um->by_lead_region[r].name, none));
            cni_table_size(*out, um->by_lead_region[r].total);
        }
        if (totals) {
            cni_table_text(*out, cn_graph_node_id(g, um->net));
            cni_table_text(*out, "total");
            cni_table_size(*out, um->subs);
        }
    }
    return rc == 0 ? cni_table_status(*out) : rc;
}

/* The umbrellas in JSON: {id, label, sub_networks, sub_networks_by_lead_region: {region: n}}. */
static int umbrella_records(cni_table **out, const cni_info *in)
{
    static const char *const h[] = { "id", "label", "sub_networks" };
    static const cni_col_type ty[] = { CNI_COL_ID, CNI_COL_TEXT, CNI_COL_INT };
    static const char *const sub_h[] = { "lead_region", "sub_networks" };
    const cn_graph *g = in->g;
    int rc = start(out, "umbrellas", NULL, 3, h, ty);

    if (rc == 0) {
        int col = cni_table_column(*out, "sub_networks_by_lead_region", CNI_COL_TABLE);
        cni_table_column_shape(*out, col, CNI_JSON_KEYED);
    }
    for (size_t u = 0; rc == 0 && u < in->numbrellas; u++) {
        const cni_info_umbrella *um = &in->umbrellas[u];
        cni_table *sub = NULL;
        cni_table_text(*out, cn_graph_node_id(g, um->net));
        cni_table_text(*out, cn_graph_node_label(g, um->net));
        cni_table_size(*out, um->subs);
        if ((rc = counts_table(&sub, "by_lead_region", sub_h, um->by_lead_region, um->nregions,
                               "(none)")) < 0) {
            cni_table_destroy(sub);
            break;
        }
        cni_table_sub(*out, sub);
    }
    return rc == 0 ? cni_table_status(*out) : rc;
}

static int lead_regions_table(cni_table **out, const cni_info *in, const char *none)
{
    static const char *const h[] = { "lead_region", "networks" };
    int rc = counts_table(out, "lead_regions", h, in->lead_regions, in->nlead_regions, none);

    if (rc == 0) {
        rc = cni_table_set_title(*out, "All networks by lead region ((none): none known)");
    }
    return rc;
}

static int components_table(cni_table **out, const cni_info *in)
{
    static const char *const h[] = { "view", "components", "largest", "isolated" };
    static const cni_col_type ty[] = { CNI_COL_TEXT, CNI_COL_INT, CNI_COL_INT, CNI_COL_INT };
    int rc = start(out, "components", "Connected components (membership and collaboration together)",
                   4, h, ty);

    if (rc == 0) {
        cni_table_column_json(*out, 1, "count");
        cni_table_text(*out, "combined");
        cni_table_size(*out, in->components.count);
        cni_table_size(*out, in->components.largest);
        cni_table_size(*out, in->components.isolated);
    }
    return rc == 0 ? cni_table_status(*out) : rc;
}

int cni_results_info_table(cni_table **out, const cni_info *in, const char *name, bool text)
{
    const char *none = text ? "(none)" : NULL;
    int rc;

    *out = NULL;
    if (strcmp(name, "kinds") == 0) {
        rc = kinds_table(out, in->g, false);
    } else if (strcmp(name, "edges") == 0) {
        rc = edges_table(out, in);
    } else if (strcmp(name, "regions") == 0) {
        rc = groups_table(out, "summary_regions", "Nodes by region", "region", in->regions,
                          in->nregions, none);
    } else if (strcmp(name, "fields") == 0) {
        rc = groups_table(out, "summary_fields", "Nodes by field", "field", in->fields,
                          in->nfields, none);
    } else if (strcmp(name, "networks") == 0) {
        rc = networks_table(out, in);
    } else if (strcmp(name, "umbrellas") == 0) {
        rc = umbrellas_table(out, in, none, text);
    } else if (strcmp(name, "lead-regions") == 0) {
        rc = lead_regions_table(out, in, none);
    } else if (strcmp(name, "components") == 0) {
        rc = components_table(out, in);
    } else if (strcmp(name, "sources") == 0) {
        rc = cni_results_sources(out, in->g);
    } else {
        return cni_fail(CN_EINVAL, "unknown info table '%s'", name);
    }
    if (rc < 0) {
        cni_table_destroy(*out);
        *out = NULL;
    }
    return rc;
}

/* ---- the JSON document ---- */

int cni_results_info_doc(cni_doc **out, const cni_info *in, const char *dataset)
{
    static const char *const lr_h[] = { "lead_region", "networks" };
    const cn_graph *g = in->g;
    cni_table *t[7] = { NULL };
    cni_doc *d = NULL;
    int rc;

    *out = NULL;
    if ((rc = cni_doc_create(&d)) < 0) {
        return rc;
    }
    cni_doc_text(d, "collabnet", cn_version());
    cni_doc_text(d, "dataset", dataset);
    cni_doc_int(d, "nodes.total", (long long)cn_graph_node_count(g));
    cni_doc_int(d, "edges.rows", (long long)cn_graph_edge_count(g));
    cni_doc_int(d, "edges.membership", (long long)cn_graph_count_edge_kind(g, CN_EDGE_MEMBERSHIP));
    cni_doc_int(d, "edges.collaboration_rows",
                (long long)cn_graph_count_edge_kind(g, CN_EDGE_COLLABORATION));
    cni_doc_int(d, "edges.collaboration_ties", (long long)cn_graph_tie_count(g));
    cni_doc_int(d, "edges.merged_rows", (long long)in->merged_rows);
    if ((rc = kinds_table(&t[0], g, true)) < 0
        || (rc = groups_table(&t[1], "summary_regions", NULL, "region", in->regions,
                              in->nregions, NULL)) < 0
        || (rc = groups_table(&t[2], "summary_fields", NULL, "field", in->fields, in->nfields,
                              NULL)) < 0
        || (rc = networks_table(&t[3], in)) < 0
        || (rc = counts_table(&t[4], "lead_regions", lr_h, in->lead_regions, in->nlead_regions,
                              "(none)")) < 0
        || (rc = umbrella_records(&t[5], in)) < 0 || (rc = components_table(&t[6], in)) < 0) {
        goto done;
    }
    /* keys in the order the document has always had */
    cni_doc_table_keyed(d, "nodes.by_kind", t[0]);
    cni_doc_table(d, "regions", t[1]);
    cni_doc_table(d, "fields", t[2]);
    cni_doc_table(d, "networks", t[3]);
    cni_doc_table_keyed(d, "networks_by_lead_region", t[4]);
    cni_doc_table(d, "umbrellas", t[5]);
    cni_doc_table_record(d, "components", t[6]);
    if ((rc = cni_doc_status(d)) == 0) {
        *out = d;
        d = NULL;
    }
done:
    for (size_t k = 0; k < sizeof t / sizeof *t; k++) {
        cni_table_destroy(t[k]);
    }
    cni_doc_destroy(d);
    return rc;
}

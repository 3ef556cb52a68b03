/* The communities results as tables (results.h): per actor, per community, and against the
 * official networks (`communities --compare-networks`). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/util.h"
#include "results.h"

/* Nodes grouped by community: community k holds nodes[off[k] .. off[k+1]), in node order. */
typedef struct grouped {
    size_t *off, *nodes;
} grouped;

static int group(grouped *gr, const cn_graph *g, const cn_communities *c)
{
    size_t n = cn_graph_node_count(g), nc = cn_communities_count(c);

    gr->off = cni_alloc_array(nc + 2, sizeof *gr->off);
    gr->nodes = cni_alloc_array(n + 1, sizeof *gr->nodes);
    if (!gr->off || !gr->nodes) {
        free(gr->off);
        free(gr->nodes);
        return cni_fail(CN_ENOMEM, "out of memory");
    }
    memset(gr->off, 0, (nc + 2) * sizeof *gr->off);
    for (size_t i = 0; i < n; i++) {
        size_t k = cn_communities_of(c, i);
        if (k != CN_NONE) {
            gr->off[k + 2]++;
        }
    }
    for (size_t k = 0; k < nc; k++) {
        gr->off[k + 2] += gr->off[k + 1];
    }
    for (size_t i = 0; i < n; i++) {
        size_t k = cn_communities_of(c, i);
        if (k != CN_NONE) {
            gr->nodes[gr->off[k + 1]++] = i;
        }
    }
    return 0;
}

static void ungroup(grouped *gr)
{
    free(gr->off);
    free(gr->nodes);
}

int cni_communities_actors_table(cni_table **out, const cn_graph *g, const cn_communities *c)
{
    cni_table *t = NULL;
    int rc;

    *out = NULL;
    if ((rc = cni_table_create(&t, "community_actors")) < 0) {
        return rc;
    }
    cni_table_column(t, "id", CNI_COL_ID);
    cni_table_column(t, "label", CNI_COL_TEXT);
    cni_table_column(t, "kind", CNI_COL_TEXT);
    cni_table_column(t, "community", CNI_COL_INT);
    cni_table_column(t, "community_size", CNI_COL_INT);
    cni_table_column(t, "isolated", CNI_COL_BOOL);
    for (size_t i = 0; i < cn_graph_node_count(g) && cni_table_status(t) == 0; i++) {
        size_t k = cn_communities_of(c, i);
        if (k == CN_NONE) {
            continue;
        }
        cni_table_text(t, cn_graph_node_id(g, i));
        cni_table_text(t, cn_graph_node_label(g, i));
        cni_table_text(t, cn_node_kind_name(cn_graph_node_kind(g, i)));
        cni_table_size(t, k + 1);
        cni_table_size(t, cn_communities_size(c, k));
        cni_table_bool(t, cn_communities_isolated(c, i));
    }
    return cni_results_hand_over(out, t);
}

/* A name and how many members have it. */
typedef struct tally {
    const char *name;
    size_t count;
} tally;

static int by_name(const void *pa, const void *pb)
{
    return strcmp(((const tally *)pa)->name, ((const tally *)pb)->name);
}

static int by_count(const void *pa, const void *pb)
{
    const tally *a = pa, *b = pb;

    if (a->count != b->count) {
        return a->count > b->count ? -1 : 1;
    }
    return strcmp(a->name, b->name);
}

/* A list cell "NAME (COUNT)", most frequent first, of the names in items[0..n) (counted in
 * place: items are reordered). "" shows as "(none)". */
static void mix_cell(cni_table *t, tally *items, size_t n)
{
    size_t d = 0;
    char buf[512];

    cni_sort(items, n, sizeof *items, by_name);
    for (size_t k = 0; k < n; k++) {
        if (d > 0 && strcmp(items[d - 1].name, items[k].name) == 0) {
            items[d - 1].count++;
        } else {
            items[d++] = (tally){ items[k].name, 1 };
        }
    }
    cni_sort(items, d, sizeof *items, by_count);
    cni_table_list_begin(t);
    for (size_t k = 0; k < d; k++) {
        snprintf(buf, sizeof buf, "%s (%zu)", items[k].name[0] ? items[k].name : "(none)",
                 items[k].count);
        cni_table_list_item(t, buf);
    }
    cni_table_list_end(t);
}

/* A node and its strength, for the most central members. */
typedef struct ranked {
    size_t node;
    double strength;
} ranked;

static int by_strength(const void *pa, const void *pb)
{
    const ranked *a = pa, *b = pb;

    if (a->strength != b->strength) {
        return a->strength > b->strength ? -1 : 1;
    }
    return a->node < b->node ? -1 : 1;
}

int cni_communities_table(cni_table **out, const cn_graph *g, const cn_communities *c,
                          size_t central)
{
    cni_table *t = NULL;
    grouped gr = { 0 };
    tally *items = NULL;
    ranked *rank = NULL;
    size_t nfields = 0, n = cn_graph_node_count(g);
    int rc;

    *out = NULL;
    for (size_t i = 0; i < n; i++) {
        nfields += cn_graph_node_field_count(g, i);
    }
    if ((rc = group(&gr, g, c)) < 0) {
        return rc;
    }
    items = cni_alloc_array((nfields > n ? nfields : n) + 1, sizeof *items);
    rank = cni_alloc_array(n + 1, sizeof *rank);
    if (!items || !rank) {
        rc = cni_fail(CN_ENOMEM, "out of memory");
        goto done;
    }
    if ((rc = cni_table_create(&t, "communities")) < 0) {
        goto done;
    }
    cni_table_column(t, "community", CNI_COL_INT);
    cni_table_column(t, "size", CNI_COL_INT);
    for (int k = 0; k < CN_NODE_KIND_COUNT; k++) {
        const char *kind = cn_node_kind_name((cn_node_kind)k);
        char key[64];
        snprintf(key, sizeof key, "members.%s", kind);
        cni_table_column_json(t, cni_table_column(t, kind, CNI_COL_INT), key);
    }
    cni_table_column(t, "regions", CNI_COL_LIST);
    cni_table_column(t, "fields", CNI_COL_LIST);
    cni_table_column(t, "central", CNI_COL_LIST);
    cni_table_column(t, "isolated", CNI_COL_BOOL);
    for (size_t k = 0; k < cn_communities_count(c) && cni_table_status(t) == 0; k++) {
        const size_t *mem = gr.nodes + gr.off[k];
        size_t size = gr.off[k + 1] - gr.off[k], by_kind[CN_NODE_KIND_COUNT] = { 0 }, nf = 0;
        cni_table_size(t, k + 1);
        cni_table_size(t, size);
        for (size_t j = 0; j < size; j++) {
            by_kind[cn_graph_node_kind(g, mem[j])]++;
        }
        for (int kk = 0; kk < CN_NODE_KIND_COUNT; kk++) {
            cni_table_size(t, by_kind[kk]);
        }
        for (size_t j = 0; j < size; j++) {
            items[j] = (tally){ cn_graph_node_home_region(g, mem[j]), 1 };
        }
        mix_cell(t, items, size);
        for (size_t j = 0; j < size; j++) {
            for (size_t f = 0; f < cn_graph_node_field_count(g, mem[j]); f++) {
                items[nf++] = (tally){ cn_graph_node_field(g, mem[j], f), 1 };
            }
        }
        mix_cell(t, items, nf);
        for (size_t j = 0; j < size; j++) {
            rank[j] = (ranked){ mem[j], cn_communities_strength(c, mem[j]) };
        }
        cni_sort(rank, size, sizeof *rank, by_strength);
        cni_table_list_begin(t);
        for (size_t j = 0; j < size && j < central; j++) {
            cni_table_list_item(t, cn_graph_node_id(g, rank[j].node));
        }
        cni_table_list_end(t);
        cni_table_bool(t, size == 1 && cn_communities_isolated(c, mem[0]));
    }
    rc = cni_results_hand_over(out, t);
done:
    free(items);
    free(rank);
    ungroup(&gr);
    return rc;
}

int cni_communities_summary_table(cni_table **out, const cn_graph *g, const cn_communities *c)
{
    const cn_community_options *o = cn_communities_options(c);
    cni_table *t = NULL;
    size_t isolated = 0;
    int rc;

    *out = NULL;
    for (size_t i = 0; i < cn_graph_node_count(g); i++) {
        isolated += cn_communities_isolated(c, i);
    }
    if ((rc = cni_table_create(&t, "community_summary")) < 0) {
        return rc;
    }
    cni_table_column(t, "method", CNI_COL_TEXT);
    cni_table_column(t, "graph", CNI_COL_TEXT);
    cni_table_column(t, "weighted", CNI_COL_BOOL);
    cni_table_column(t, "resolution", CNI_COL_REAL);
    cni_table_column(t, "seed", CNI_COL_INT);
    cni_table_column(t, "communities", CNI_COL_INT);
    cni_table_column(t, "isolated", CNI_COL_INT);
    cni_table_column_format(t, cni_table_column(t, "modularity", CNI_COL_REAL), "%.4f");
    cni_table_text(t, cn_community_method_name(o->method));
    cni_table_text(t, cn_view_name(o->view));
    cni_table_bool(t, o->weighted);
    cni_table_real(t, o->resolution);
    cni_table_int(t, (long long)o->seed);
    cni_table_size(t, cn_communities_count(c));
    cni_table_size(t, isolated);
    cni_table_real(t, cn_communities_modularity(c));
    return cni_results_hand_over(out, t);
}

int cni_communities_alignment_table(cni_table **out, const cn_community_alignment *a)
{
    cni_table *t = NULL;
    int rc;

    *out = NULL;
    if ((rc = cni_table_create(&t, "network_alignment")) < 0) {
        return rc;
    }
    cni_table_column_format(t, cni_table_column(t, "nmi", CNI_COL_REAL), "%.4f");
    cni_table_column_format(t, cni_table_column(t, "ari", CNI_COL_REAL), "%.4f");
    cni_table_column_format(t, cni_table_column(t, "vi", CNI_COL_REAL), "%.4f");
    cni_table_column(t, "compared", CNI_COL_INT);
    cni_table_column(t, "excluded", CNI_COL_INT);
    cni_table_real(t, a->nmi);
    cni_table_real(t, a->ari);
    cni_table_real(t, a->vi);
    cni_table_size(t, a->compared);
    cni_table_size(t, a->excluded);
    return cni_results_hand_over(out, t);
}

int cni_communities_cohesion_table(cni_table **out, const cn_graph *g, const cn_communities *c)
{
    size_t nc = cn_communities_count(c);
    size_t *count = cni_alloc_array(nc + 1, sizeof *count);
    cni_table *t = NULL;
    int rc;

    *out = NULL;
    if (!count) {
        return cni_fail(CN_ENOMEM, "out of memory");
    }
    if ((rc = cni_table_create(&t, "network_cohesion")) < 0) {
        free(count);
        return rc;
    }
    cni_table_column(t, "network", CNI_COL_ID);
    cni_table_column(t, "label", CNI_COL_TEXT);
    cni_table_column(t, "members", CNI_COL_INT);
    cni_table_column(t, "largest_community", CNI_COL_INT);
    cni_table_column(t, "in_largest", CNI_COL_INT);
    cni_table_column_format(t, cni_table_column(t, "cohesion", CNI_COL_REAL), "%.3f");
    for (size_t net = 0; net < cn_graph_node_count(g) && cni_table_status(t) == 0; net++) {
        size_t members = 0, best = CN_NONE;
        if (cn_graph_node_kind(g, net) != CN_NODE_NETWORK) {
            continue;
        }
        memset(count, 0, (nc + 1) * sizeof *count);
        for (size_t k = 0; k < cn_graph_network_member_count(g, net); k++) {
            cn_edge e;
            cn_graph_edge(g, cn_graph_network_member_edge(g, net, k), &e);
            size_t cm = cn_communities_of(c, e.source);
            if (cm == CN_NONE || cn_graph_node_kind(g, e.source) == CN_NODE_NETWORK) {
                continue;
            }
            members++;
            count[cm]++;
            if (best == CN_NONE || count[cm] > count[best]
                || (count[cm] == count[best] && cm < best)) {
                best = cm;
            }
        }
        cni_table_text(t, cn_graph_node_id(g, net));
        cni_table_text(t, cn_graph_node_label(g, net));
        cni_table_size(t, members);
        if (best == CN_NONE) {
            cni_table_null(t);
            cni_table_size(t, 0);
            cni_table_real(t, NAN);
        } else {
            cni_table_size(t, best + 1);
            cni_table_size(t, count[best]);
            cni_table_real(t, (double)count[best] / (double)members);
        }
    }
    free(count);
    return cni_results_hand_over(out, t);
}

/* Networks by members counted in ctx (most first), then node order. */
static int by_members(const void *pa, const void *pb, void *ctx)
{
    const size_t *count = ctx, a = *(const size_t *)pa, b = *(const size_t *)pb;

    if (count[a] != count[b]) {
        return count[a] > count[b] ? -1 : 1;
    }
    return a < b ? -1 : a > b;
}

int cni_communities_spans_table(cni_table **out, const cn_graph *g, const cn_communities *c)
{
    size_t n = cn_graph_node_count(g);
    size_t *count = cni_alloc_array(n + 1, sizeof *count);
    size_t *nets = cni_alloc_array(n + 1, sizeof *nets);
    cni_table *t = NULL;
    grouped gr = { 0 };
    int rc;

    *out = NULL;
    if (!count || !nets) {
        rc = cni_fail(CN_ENOMEM, "out of memory");
        goto done;
    }
    memset(count, 0, (n + 1) * sizeof *count);
    if ((rc = group(&gr, g, c)) < 0 || (rc = cni_table_create(&t, "community_networks")) < 0) {
        goto done;
    }
    cni_table_column(t, "community", CNI_COL_INT);
    cni_table_column(t, "actors", CNI_COL_INT);
    cni_table_column(t, "networks", CNI_COL_LIST);
    cni_table_column(t, "in_no_network", CNI_COL_INT);
    cni_table_column(t, "main_network", CNI_COL_ID);
    cni_table_column_format(t, cni_table_column(t, "main_share", CNI_COL_REAL), "%.3f");
    cni_table_column(t, "informal", CNI_COL_BOOL);
    for (size_t k = 0; k < cn_communities_count(c) && cni_table_status(t) == 0; k++) {
        size_t actors = 0, none = 0, nn = 0, best = CN_NONE;
        for (size_t j = gr.off[k]; j < gr.off[k + 1]; j++) {
            size_t i = gr.nodes[j], d = cn_graph_node_network_count(g, i);
            if (cn_graph_node_kind(g, i) == CN_NODE_NETWORK) {
                continue;
            }
            actors++;
            none += d == 0;
            for (size_t q = 0; q < d; q++) {
                cn_edge e;
                cn_graph_edge(g, cn_graph_node_network_edge(g, i, q), &e);
                if (count[e.target]++ == 0) {
                    nets[nn++] = e.target;
                }
            }
        }
        if (actors == 0) {
            continue; /* a network alone in the combined graph */
        }
        cni_sort_r(nets, nn, sizeof *nets, by_members, count);
        cni_table_size(t, k + 1);
        cni_table_size(t, actors);
        cni_table_list_begin(t);
        for (size_t q = 0; q < nn; q++) {
            cni_table_list_item(t, cn_graph_node_id(g, nets[q]));
        }
        cni_table_list_end(t);
        best = nn > 0 ? nets[0] : CN_NONE;
        cni_table_size(t, none);
        cni_table_text(t, best == CN_NONE ? NULL : cn_graph_node_id(g, best));
        double share = best == CN_NONE ? 0.0 : (double)count[best] / (double)actors;
        cni_table_real(t, share);
        cni_table_bool(t, actors >= 2 && share < 0.5);
        for (size_t q = 0; q < nn; q++) {
            count[nets[q]] = 0;
        }
    }
    rc = cni_results_hand_over(out, t);
    t = NULL;
done:
    cni_table_destroy(t);
    ungroup(&gr);
    free(count);
    free(nets);
    return rc;
}

int cni_communities_doc(cni_doc **out, const cni_table *summary, const cni_table *communities,
                        const cni_table *actors, const cni_table *alignment,
                        const cni_table *cohesion, const cni_table *spans)
{
    cni_doc *d = NULL;
    int rc;

    *out = NULL;
    if ((rc = cni_doc_create(&d)) < 0) {
        return rc;
    }
    cni_doc_text(d, "collabnet", cn_version());
    cni_doc_table_record(d, "summary", summary);
    cni_doc_table(d, "communities", communities);
    cni_doc_table(d, "actors", actors);
    if (alignment) {
        cni_doc_table_record(d, "networks.alignment", alignment);
        cni_doc_table(d, "networks.cohesion", cohesion);
        cni_doc_table(d, "networks.communities", spans);
    }
    if ((rc = cni_doc_status(d)) < 0) {
        cni_doc_destroy(d);
        return rc;
    }
    *out = d;
    return 0;
}

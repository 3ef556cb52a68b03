/* The membership view: networks as hubs with their members, leads drawn thick. No Graphviz here. */
#include "views.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/util.h"

static int kind_rank(cn_node_kind k)
{
    return k == CN_NODE_INSTITUTION ? 3 : k == CN_NODE_ENTERPRISE ? 2 : k == CN_NODE_NETWORK ? 1 : 0;
}

/* Past the budget: mark (vert[i] = 0) up to @p cap members of the @p K kept networks
 * (@p items), taking each network's best not yet shown in turn. 0 or CN_ENOMEM. */
static int pick_members(size_t *vert, cni_draw_ctx *c, const cni_rank_item *items, size_t K,
                        const bool *kept, const size_t *nkept, const bool *is_lead, size_t cap)
{
    const cn_graph *g = c->g;
    size_t total = 0, picked = 0;
    size_t *off = cni_calloc_array(K + 1, sizeof *off);
    cni_rank_item *m;
    int rc = 0;

    if (!off) {
        return cni_draw_oom();
    }
    for (size_t k = 0; k < K; k++) {
        off[k] = total;
        total += cn_graph_network_member_count(g, items[k].node);
    }
    off[K] = total;
    if (!(m = cni_calloc_array(total + 1, sizeof *m))) {
        free(off);
        return cni_draw_oom();
    }
    for (size_t k = 0; k < K; k++) {
        size_t net = items[k].node, at = off[k];
        for (size_t j = 0; j < cn_graph_network_member_count(g, net); j++) {
            cn_edge e;
            cn_graph_edge(g, cn_graph_network_member_edge(g, net, j), &e);
            if (kept[e.source]) {
                m[at++] = (cni_rank_item){ CN_NONE, 0, 0 };
                continue;
            }
            m[at++] = (cni_rank_item){ e.source, e.role == CN_ROLE_LEAD ? 2 : is_lead[e.source],
                                       nkept[e.source] * 4
                                           + (size_t)kind_rank(cn_graph_node_kind(g, e.source)) };
        }
        cni_sort(m + off[k], off[k + 1] - off[k], sizeof *m, cni_draw_cmp_rank);
    }
    /* off[k] walks through network k's ranked members; a round takes one from each */
    for (bool more = true; more && picked < cap;) {
        more = false;
        for (size_t k = 0; k < K && picked < cap; k++) {
            while (off[k] < off[k + 1]
                   && (m[off[k]].node == CN_NONE || vert[m[off[k]].node] == 0)) {
                off[k]++;
            }
            if (off[k] < off[k + 1]) {
                vert[m[off[k]++].node] = 0;
                picked++;
                more = true;
            }
        }
    }
    free(m);
    free(off);
    return rc;
}

int cni_views_membership(cni_draw_ctx *c)
{
    const cn_graph *g = c->g;
    size_t n = cn_graph_node_count(g), B = cni_draw_budget(c->o), nnets = 0, K, P = 0, cap;
    size_t total = 0;
    cni_rank_item *items = NULL;
    size_t *vert = NULL, *nkept = NULL; /* per node: scene vertex; kept networks it is in */
    bool *kept = NULL, *is_lead = NULL;
    size_t *agg = NULL; /* per kept network and kind: hidden members */
    cni_regions reg = { 0 };
    int rc = 0;

    items = cni_calloc_array(n + 1, sizeof *items);
    vert = cni_alloc_array(n + 1, sizeof *vert);
    nkept = cni_calloc_array(n + 1, sizeof *nkept);
    kept = cni_calloc_array(n + 1, sizeof *kept);
    is_lead = cni_calloc_array(n + 1, sizeof *is_lead);
    agg = cni_calloc_array((n + 1) * CN_NODE_KIND_COUNT, sizeof *agg);
    reg.name = cni_calloc_array(n + 1, sizeof *reg.name);
    reg.cluster = cni_calloc_array(n + 1, sizeof *reg.cluster);
    if (!items || !vert || !nkept || !kept || !is_lead || !agg || !reg.name || !reg.cluster) {
        rc = cni_draw_oom();
        goto done;
    }
    c->s->directed = true;
    cni_draw_frame(c);
    cni_set(c->s, &c->s->graph, "rankdir", "LR");
    cni_set(c->s, &c->s->graph, "ranksep", "0.9");
    cni_set(c->s, &c->s->graph, "nodesep", "0.12");
    /* networks, largest first */
    for (size_t i = 0; i < n; i++) {
        vert[i] = CN_NONE;
        if (cn_graph_node_kind(g, i) == CN_NODE_NETWORK) {
            items[nnets++] = (cni_rank_item){ i, cn_graph_network_member_count(g, i), 0 };
        }
    }
    cni_sort(items, nnets, sizeof *items, cni_draw_cmp_rank);
    /* every node that is a network or a member of one */
    for (size_t i = 0; i < n; i++) {
        total += cn_graph_node_kind(g, i) == CN_NODE_NETWORK || cn_graph_node_network_count(g, i) > 0;
    }
    K = total <= B ? nnets : (nnets < B / 5 ? nnets : (B / 5 ? B / 5 : 1));
    for (size_t k = 0; k < K; k++) {
        kept[items[k].node] = true;
    }
    /* members of kept networks: how many kept networks each is in; lead flags */
    for (size_t k = 0; k < K; k++) {
        size_t net = items[k].node;
        bool seen = false;
        for (size_t j = 0; j < cn_graph_network_member_count(g, net); j++) {
            cn_edge e;
            size_t ed = cn_graph_network_member_edge(g, net, j);
            cn_graph_edge(g, ed, &e);
            nkept[e.source]++;
            if (e.role == CN_ROLE_LEAD) {
                is_lead[e.source] = true;
            } else if (!kept[e.source]) {
                seen = true;
            }
        }
        P += seen; /* its aggregate node */
    }
    cap = total <= B ? n : (B > K + P ? B - K - P : 0);
    c->budget->applied = total <= B ? total : B;
    /* the members shown: each kept network's best in turn (its lead, then members of most
     * kept networks, institutions before enterprises before experts), so that every network
     * shows its top actors rather than the largest taking them all */
    if (total <= B) {
        for (size_t i = 0; i < n; i++) {
            if (nkept[i] && !kept[i]) {
                vert[i] = 0; /* marks "shown" until it gets its vertex */
            }
        }
    } else if ((rc = pick_members(vert, c, items, K, kept, nkept, is_lead, cap)) != 0) {
        goto done;
    }
    for (size_t i = 0; i < n && c->s->status == 0; i++) {
        if (kept[i] || vert[i] == 0) {
            char extra[64];
            size_t nm = cn_graph_network_member_count(g, i);
            snprintf(extra, sizeof extra, "%zu member%s", nm, nm == 1 ? "" : "s");
            vert[i] = cni_draw_node(c, i,
                                    cni_draw_region_cluster(c, &reg, cn_graph_node_home_region(g, i)),
                                    kept[i] ? extra : NULL, 0);
        }
    }
    /* edges: network -> member, so that dot ranks hubs before their members */
    for (size_t i = 0; i < n && c->s->status == 0; i++) {
        if (!kept[i]) {
            continue;
        }
        for (size_t j = 0; j < cn_graph_network_member_count(g, i); j++) {
            cn_edge e;
            cn_graph_edge(g, cn_graph_network_member_edge(g, i, j), &e);
            if (vert[e.source] != CN_NONE) {
                size_t ed = cni_edge_add(c->s, vert[i], vert[e.source]);
                cni_draw_look_edge(c, ed, cni_draw_role_look(e.role));
            } else {
                agg[i * CN_NODE_KIND_COUNT + cn_graph_node_kind(g, e.source)]++;
            }
        }
        size_t cnt = 0;
        for (int t = 0; t < CN_NODE_KIND_COUNT; t++) {
            cnt += agg[i * CN_NODE_KIND_COUNT + (size_t)t];
        }
        if (cnt) {
            size_t v = cni_draw_aggregate(c, i, agg + i * CN_NODE_KIND_COUNT, CN_NONE);
            if (v != CN_NONE) {
                cni_draw_look_edge(c, cni_edge_add(c->s, vert[i], v), CNI_LOOK_MEMBER);
            }
        }
    }
    /* counts for the legend and the stats */
    size_t hidden = 0, out = 0, out_nets = 0;
    for (size_t i = 0; i < n; i++) {
        bool in_view = cn_graph_node_kind(g, i) == CN_NODE_NETWORK || cn_graph_node_network_count(g, i) > 0;
        if (!in_view || vert[i] != CN_NONE) {
            continue;
        }
        if (nkept[i]) {
            hidden++;
        } else {
            out++;
            out_nets += cn_graph_node_kind(g, i) == CN_NODE_NETWORK;
        }
    }
    c->st->aggregated = hidden;
    c->st->left_out = out;
    if (K < nnets || hidden) {
        cni_buf b;
        cni_buf_init(&b);
        cni_draw_budget_words(c, &b, B, "nodes");
        cni_buf_puts(&b, ":");
        if (K < nnets) {
            cni_buf_printf(&b, " the %zu largest of %zu networks %s drawn;", K, nnets,
                           K == 1 ? "is" : "are");
        }
        if (out) {
            cni_buf_printf(&b, " left out: %zu network%s and %zu actor%s that are members of "
                               "those alone;", out_nets, out_nets == 1 ? "" : "s",
                           out - out_nets, out - out_nets == 1 ? "" : "s");
        }
        if (hidden) {
            cni_buf_printf(&b, " %zu member%s %s counted in dashed nodes (one per network, by "
                               "kind);", hidden,
                           hidden == 1 ? "" : "s", hidden == 1 ? "is" : "are");
        }
        cni_buf_puts(&b, " each network shows its top members in turn: its lead, then members of "
                         "several networks.");
        cni_draw_note(c, cni_buf_str(&b) ? cni_buf_str(&b) : "");
        cni_buf_fini(&b);
    }
    /* actors in no network (only collaboration ties) are not in this view: say so, naming
     * the first few (data/vn-374 has two partners of no network) */
    size_t alone = 0;
    cni_buf names;
    cni_buf_init(&names);
    for (size_t i = 0; i < n; i++) {
        if (cn_graph_node_kind(g, i) == CN_NODE_NETWORK || cn_graph_node_network_count(g, i) > 0) {
            continue;
        }
        if (alone++ < 3) {
            char *t = cni_draw_node_text(c, i);
            cni_buf_printf(&names, "%s%s", alone > 1 ? ", " : "", t ? t : "");
            free(t);
        }
    }
    if (alone) {
        cni_buf b;
        cni_buf_init(&b);
        cni_buf_printf(&b, "%zu actor%s in no network %s not drawn (%s%s).", alone,
                       alone == 1 ? "" : "s", alone == 1 ? "is" : "are",
                       cni_buf_str(&names) ? cni_buf_str(&names) : "",
                       alone > 3 ? ", ..." : "");
        cni_draw_note(c, cni_buf_str(&b) ? cni_buf_str(&b) : "");
        cni_buf_fini(&b);
    }
    cni_buf_fini(&names);
    if (!c->o->engine) {
        cni_draw_engine(c, c->s->nnodes <= 200 || c->o->group_by_region ? "dot" : "sfdp");
    } else {
        cni_draw_engine(c, NULL);
    }
    if (strcmp(c->s->engine, "dot") != 0) {
        cni_draw_force_directed(c);
    }
    cni_draw_legend(c, "Network membership", NULL);
done:
    free(items);
    free(vert);
    free(nkept);
    free(kept);
    free(is_lead);
    free(agg);
    free(reg.name);
    free(reg.cluster);
    return rc ? rc : c->s->status ? cni_draw_oom() : 0;
}

/* The overlap view: networks tied by the members they share. No Graphviz here. */
#include "views.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/util.h"
#include "text.h"

/* Past this many networks the overlap is drawn as a matrix: a graph of 30 networks with three
 * edges each is already a hairball at a page's width. The matrix holds at most MATRIX_MAX
 * networks (the largest; --max-nodes sets it): cells of CELL pt, shade only, and names cut at
 * NAME_WIDTH characters keep 30 of them within an A4 page's text width (17 cm) at 9 pt. */
#define MATRIX_FROM 30
#define MATRIX_MAX 30
#define CELL 11
#define NAME_WIDTH 28

static const char *const HEAT[] = { "#FFFFFF", "#DEEBF7", "#9ECAE1", "#4292C6", "#08519C" };

/* The order of the matrix: greedy nearest neighbour on Jaccard similarity. Starting from the
 * largest network, the next is the unplaced one most similar to the last placed (ties: the
 * larger, then node order); when none shares a member, the largest unplaced. Identical
 * networks (Jaccard 1) end up side by side. @p items holds the K networks ranked, @p jac
 * their K x K similarities; @p order gets positions into @p items. */
static void matrix_order(size_t *order, const double *jac, size_t K)
{
    bool *placed = cni_calloc_array(K + 1, sizeof *placed);
    size_t last = 0;

    if (!placed) {
        for (size_t k = 0; k < K; k++) {
            order[k] = k;
        }
        return;
    }
    for (size_t pos = 0; pos < K; pos++) {
        size_t best = CN_NONE;
        double bj = 0;
        for (size_t k = 0; k < K; k++) {
            if (placed[k]) {
                continue;
            }
            double j = pos ? jac[last * K + k] : 0;
            if (best == CN_NONE || j > bj) {
                best = k;
                bj = j;
            }
        }
        placed[best] = true;
        order[pos] = last = best;
    }
    free(placed);
}

/* Past what the matrix holds, the networks drawn are chosen by the members they share, not by
 * size: at generated L the 19 largest of 10,000 networks shared one member in all, an empty
 * matrix. From the pair sharing most (the first pair), each next network is the one sharing
 * most members with those chosen (ties: the one sharing most in all, then the larger); when
 * none shares with them, the larger of the strongest pair left starts again; when no pair is
 * left, the largest. @p items holds the @p nnets networks ranked, largest first; its first
 * @p K become those chosen, still ranked, the others follow. *@p by_size gets how many were
 * taken for their size alone. */
static int choose_sharing(cni_rank_item *items, size_t *by_size, const cn_overlap *o, size_t n,
                          size_t nnets, size_t K)
{
    size_t np = cn_overlap_pair_count(o), next = 0;
    size_t *rank = cni_alloc_array(n + 1, sizeof *rank);
    size_t *off = cni_calloc_array(nnets + 2, sizeof *off);
    size_t *adj = cni_alloc_array(2 * np + 1, sizeof *adj);
    size_t *score = cni_calloc_array(nnets + 1, sizeof *score);
    size_t *total = cni_calloc_array(nnets + 1, sizeof *total);
    bool *chosen = cni_calloc_array(nnets + 1, sizeof *chosen);
    cni_rank_item *ranked = cni_alloc_array(nnets + 1, sizeof *ranked);
    int rc = 0;

    *by_size = 0;
    if (!rank || !off || !adj || !score || !total || !chosen || !ranked) {
        rc = cni_draw_oom();
        goto done;
    }
    for (size_t i = 0; i < n; i++) {
        rank[i] = CN_NONE;
    }
    for (size_t r = 0; r < nnets; r++) {
        rank[items[r].node] = r;
    }
    /* each network's pairs (pairs join networks only) */
    for (size_t k = 0; k < np; k++) {
        const cn_overlap_pair *p = cn_overlap_pair_at(o, k);
        off[rank[p->a] + 2]++;
        off[rank[p->b] + 2]++;
        total[rank[p->a]] += p->shared;
        total[rank[p->b]] += p->shared;
    }
    for (size_t r = 2; r < nnets + 2; r++) {
        off[r] += off[r - 1];
    }
    for (size_t k = 0; k < np; k++) {
        const cn_overlap_pair *p = cn_overlap_pair_at(o, k);
        adj[off[rank[p->a] + 1]++] = k;
        adj[off[rank[p->b] + 1]++] = k;
    }
    for (size_t count = 0; count < K; count++) {
        size_t best = CN_NONE;
        for (size_t r = 0; r < nnets; r++) {
            if (!chosen[r] && score[r] > 0
                && (best == CN_NONE || score[r] > score[best]
                    || (score[r] == score[best] && total[r] > total[best]))) {
                best = r;
            }
        }
        while (best == CN_NONE && next < np) {
            const cn_overlap_pair *p = cn_overlap_pair_at(o, next++);
            size_t ra = rank[p->a], rb = rank[p->b];
            if (!chosen[ra] && !chosen[rb]) {
                best = ra < rb ? ra : rb;
            }
        }
        for (size_t r = 0; best == CN_NONE && r < nnets; r++) {
            if (!chosen[r]) {
                best = r;
                (*by_size)++;
            }
        }
        chosen[best] = true;
        for (size_t j = off[best]; j < off[best + 1]; j++) {
            const cn_overlap_pair *p = cn_overlap_pair_at(o, adj[j]);
            score[rank[p->a] == best ? rank[p->b] : rank[p->a]] += p->shared;
        }
    }
    for (size_t r = 0, m = 0, rest = K; r < nnets; r++) {
        ranked[chosen[r] ? m++ : rest++] = items[r];
    }
    memcpy(items, ranked, nnets * sizeof *items);
done:
    free(rank);
    free(off);
    free(adj);
    free(score);
    free(total);
    free(chosen);
    free(ranked);
    return rc;
}

/* The shade of a cell sharing @p sh members, the largest sharing @p max: 0 for none, else
 * the first k of 1..4 with sh <= ceil(k * max / 4). */
static size_t shade_of(size_t sh, size_t max)
{
    size_t k = 1;
    while (sh && k < 4 && sh > (k * max + 3) / 4) {
        k++;
    }
    return sh ? k : 0;
}

/* The overlap of K networks as one HTML-like table: all of them, or those choose_sharing()
 * picks (@p items, ranked, is reordered); rows and columns in matrix_order(), a cell shaded by
 * the members the two share, the diagonal grey; rows named with their members, columns
 * numbered as the rows are (every fifth, to stay narrow). */
static int draw_matrix(cni_draw_ctx *c, const cn_overlap *o, cni_rank_item *items,
                       size_t nnets, size_t K)
{
    size_t *shared = cni_calloc_array(K * K + 1, sizeof *shared);
    double *jac = cni_calloc_array(K * K + 1, sizeof *jac);
    size_t *pos = cni_alloc_array(cn_graph_node_count(c->g) + 1, sizeof *pos);
    size_t *order = cni_alloc_array(K + 1, sizeof *order), maxshared = 1, hidden_pairs = 0;
    size_t by_size = K;
    cni_buf b;
    int rc = 0;

    cni_buf_init(&b);
    if (!shared || !jac || !pos || !order) {
        rc = cni_draw_oom();
        goto done;
    }
    if (K < nnets && (rc = choose_sharing(items, &by_size, o, cn_graph_node_count(c->g), nnets,
                                          K)) != 0) {
        goto done;
    }
    for (size_t i = 0; i < cn_graph_node_count(c->g); i++) {
        pos[i] = CN_NONE;
    }
    for (size_t k = 0; k < K; k++) {
        pos[items[k].node] = k;
    }
    for (size_t k = 0; k < cn_overlap_pair_count(o); k++) {
        const cn_overlap_pair *p = cn_overlap_pair_at(o, k);
        size_t a = pos[p->a], bb = pos[p->b];
        if (a == CN_NONE || bb == CN_NONE) {
            hidden_pairs++;
            continue;
        }
        shared[a * K + bb] = shared[bb * K + a] = p->shared;
        jac[a * K + bb] = jac[bb * K + a] = p->jaccard;
        maxshared = p->shared > maxshared ? p->shared : maxshared;
    }
    matrix_order(order, jac, K);
    cni_buf_puts(&b, "<TABLE BORDER=\"0\" CELLBORDER=\"1\" CELLSPACING=\"0\" CELLPADDING=\"0\" "
                     "COLOR=\"#CCCCCC\"><TR><TD BORDER=\"0\"></TD>");
    for (size_t x = 0; x < K; x += 5) {
        /* a number over five columns, left-aligned above its own */
        size_t span = K - x < 5 ? K - x : 5;
        cni_buf_printf(&b, "<TD BORDER=\"0\" COLSPAN=\"%zu\" ALIGN=\"LEFT\"><B>%zu</B></TD>",
                       span, x + 1);
    }
    cni_buf_puts(&b, "</TR>");
    for (size_t y = 0; y < K; y++) {
        size_t ny = items[order[y]].node;
        char *t = cni_draw_node_text(c, ny);
        char *w = t ? cni_text_wrap(t, NAME_WIDTH, 1) : NULL;
        cni_buf_printf(&b, "<TR><TD ALIGN=\"LEFT\" BORDER=\"0\" CELLPADDING=\"1\"><B>%zu</B> ",
                       y + 1);
        cni_text_gv_html(&b, w ? w : "");
        cni_buf_printf(&b, " (%zu)</TD>", cn_overlap_size(o, ny));
        if (!w) {
            c->s->status = CN_ENOMEM;
        }
        free(t);
        free(w);
        for (size_t x = 0; x < K; x++) {
            size_t sh = shared[order[y] * K + order[x]];
            cni_buf_printf(&b, "<TD BGCOLOR=\"%s\" WIDTH=\"%d\" HEIGHT=\"%d\" "
                               "FIXEDSIZE=\"TRUE\"></TD>",
                           x == y ? "#BBBBBB" : HEAT[shade_of(sh, maxshared)], CELL, CELL);
        }
        cni_buf_puts(&b, "</TR>");
    }
    cni_buf_puts(&b, "</TABLE>");
    size_t v = cni_node_add(c->s, CN_NONE);
    if (v != CN_NONE) {
        cni_set(c->s, &c->s->nodes[v].a, "shape", "plain");
        cni_set_html(c->s, &c->s->nodes[v].a, "label", cni_buf_str(&b));
        cni_set(c->s, &c->s->nodes[v].a, "id", "overlap-matrix");
    }
    c->st->shown = K;
    c->st->left_out = nnets - K;
    c->budget->applied = K;
    c->budget->per_side = true;
    cni_buf_clear(&b);
    cni_buf_printf(&b, "%zu networks, more than %d: drawn as a matrix. Cell: members the two "
                       "networks share; in brackets: the network's members. Rows and columns "
                       "in one order, similar networks side by side (nearest neighbour on "
                       "Jaccard).", nnets, MATRIX_FROM);
    if (K < nnets) {
        cni_buf_puts(&b, " ");
        cni_draw_budget_words(c, &b, K, "networks");
        if (by_size == K) { /* no pair of networks shares a member */
            cni_buf_printf(&b, ": the %zu largest are drawn;", K);
        } else {
            cni_buf_printf(&b, ": the %zu that share most are drawn (greedily from the top "
                               "pair", K);
            if (by_size) {
                cni_buf_printf(&b, "; %zu sharing none, by size", by_size);
            }
            cni_buf_printf(&b, "), %zu pair%s of them share members;",
                           cn_overlap_pair_count(o) - hidden_pairs,
                           cn_overlap_pair_count(o) - hidden_pairs == 1 ? "" : "s");
        }
        cni_buf_printf(&b, " %zu network%s and %zu pair%s sharing members with them are not "
                           "drawn.", nnets - K, nnets - K == 1 ? "" : "s", hidden_pairs,
                       hidden_pairs == 1 ? "" : "s");
    }
    cni_draw_note(c, cni_buf_str(&b) ? cni_buf_str(&b) : "");
    cni_buf_clear(&b);
    /* the scale: each shade with the range of members shared it stands for; in a box too
     * narrow for the row (a journal's column), the shades on a row under their label (a
     * character about 0.6 em, a swatch with its cells' spacing and padding 34 pt, the box's pad
     * 0.3 in a side) */
    double fs = c->o->font_size > 0 ? c->o->font_size : CN_RENDER_FONT_SIZE, row = 0;
    size_t chars = strlen("members shared:");
    cni_buf_puts(&b, "<TD ALIGN=\"LEFT\">members shared:</TD>" CNI_LEGEND_BREAK);
    for (size_t k = 0, lo = 0; k < 5; k++) {
        size_t hi = k ? (k * maxshared + 3) / 4 : 0;
        if (k && hi < lo) {
            continue;
        }
        cni_buf_printf(&b, "<TD BGCOLOR=\"%s\" BORDER=\"1\" WIDTH=\"14\" HEIGHT=\"12\" "
                           "FIXEDSIZE=\"TRUE\"></TD><TD ALIGN=\"LEFT\">", HEAT[k]);
        chars += (size_t)snprintf(NULL, 0, hi > lo ? "%zu-%zu" : "%zu", lo, hi) + 1;
        row += 34;
        cni_buf_printf(&b, hi > lo ? "%zu–%zu</TD>" : "%zu</TD>", lo, hi);
        lo = hi + 1;
    }
    row += (double)chars * 0.6 * fs;
    if (!b.failed && (c->o->fit_width <= 0 || row <= c->o->fit_width - 2 * 0.3 * 72)) {
        /* it fits on one row: as before */
        char *brk = strstr(b.s, CNI_LEGEND_BREAK);
        memmove(brk, brk + 1, strlen(brk + 1) + 1);
        b.len--;
    }
    cni_draw_engine(c, "dot");
    cni_draw_legend(c, "Members shared between networks", cni_buf_str(&b));
    if (b.failed) {
        c->s->status = CN_ENOMEM;
    }
done:
    cni_buf_fini(&b);
    free(shared);
    free(jac);
    free(pos);
    free(order);
    return rc;
}

int cni_views_overlap(cni_draw_ctx *c)
{
    const cn_graph *g = c->g;
    cn_overlap_options oo = CN_OVERLAP_OPTIONS_INIT;
    const cn_overlap *o = NULL;
    size_t n = cn_graph_node_count(g), B = cni_draw_budget(c->o), nnets = 0, drawn = 0;
    size_t maxshared = 1;
    cni_rank_item *items = NULL;
    size_t *vert = NULL;
    int rc;

    oo.max_shared = c->o->max_shared;
    if ((rc = cni_render_memo_overlap(&o, c->memo, g, &oo)) != 0) {
        return rc;
    }
    items = cni_calloc_array(n + 1, sizeof *items);
    vert = cni_alloc_array(n + 1, sizeof *vert);
    if (!items || !vert) {
        rc = cni_draw_oom();
        goto done;
    }
    cni_draw_frame(c);
    for (size_t i = 0; i < n; i++) {
        vert[i] = CN_NONE;
        if (cn_graph_node_kind(g, i) == CN_NODE_NETWORK) {
            items[nnets++] = (cni_rank_item){ i, cn_overlap_size(o, i), 0 };
        }
    }
    cni_sort(items, nnets, sizeof *items, cni_draw_cmp_rank);
    if (nnets > MATRIX_FROM) {
        size_t M = c->o->max_nodes ? c->o->max_nodes : MATRIX_MAX;
        rc = draw_matrix(c, o, items, nnets, nnets < M ? nnets : M);
        goto done;
    }
    size_t K = nnets < B ? nnets : B;
    c->budget->applied = K;
    for (size_t k = 0; k < K; k++) {
        vert[items[k].node] = 0;
    }
    for (size_t i = 0; i < n && c->s->status == 0; i++) {
        if (vert[i] == 0) {
            char extra[64];
            size_t nm = cn_overlap_size(o, i);
            snprintf(extra, sizeof extra, "%zu member%s", nm, nm == 1 ? "" : "s");
            vert[i] = cni_draw_node(c, i, CN_NONE, extra, 0);
        }
    }
    /* nesting: a drawn sub-network tied to its drawn umbrella */
    for (size_t i = 0; i < n && c->s->status == 0; i++) {
        if (vert[i] == CN_NONE || cn_graph_node_kind(g, i) != CN_NODE_NETWORK) {
            continue;
        }
        for (size_t j = 0; j < cn_graph_network_member_count(g, i); j++) {
            cn_edge e;
            cn_graph_edge(g, cn_graph_network_member_edge(g, i, j), &e);
            if (cn_graph_node_kind(g, e.source) == CN_NODE_NETWORK && vert[e.source] != CN_NONE) {
                size_t ed = cni_edge_add(c->s, vert[i], vert[e.source]);
                cni_draw_look_edge(c, ed, CNI_LOOK_NESTED);
                if (ed != CN_NONE) {
                    cni_set(c->s, &c->s->edges[ed].a, "len", "1.6");
                }
            }
        }
    }
    /* pairs come sorted by shared members, most first: the strongest edges within 3 per node */
    size_t emax = 3 * (K ? K : 1), skipped = 0;
    for (size_t k = 0; k < cn_overlap_pair_count(o); k++) {
        const cn_overlap_pair *p = cn_overlap_pair_at(o, k);
        if (vert[p->a] != CN_NONE && vert[p->b] != CN_NONE && p->shared > maxshared) {
            maxshared = p->shared;
        }
    }
    for (size_t k = 0; k < cn_overlap_pair_count(o) && c->s->status == 0; k++) {
        const cn_overlap_pair *p = cn_overlap_pair_at(o, k);
        if (vert[p->a] == CN_NONE || vert[p->b] == CN_NONE) {
            continue;
        }
        if (drawn == emax) {
            skipped++;
            continue;
        }
        size_t e = cni_edge_add(c->s, vert[p->a], vert[p->b]);
        cni_draw_look_edge(c, e, CNI_LOOK_SHARED);
        if (e != CN_NONE) {
            cni_attrs *a = &c->s->edges[e].a;
            cni_setf(c->s, a, "penwidth", "%.2f", 1.0 + 5.0 * sqrt((double)p->shared / (double)maxshared));
            cni_setf(c->s, a, "label", "%zu", p->shared);
            cni_setf(c->s, a, "tooltip", "%zu shared members (Jaccard %.2f)", p->shared, p->jaccard);
            cni_setf(c->s, a, "weight", "%zu", p->shared);
        }
        drawn++;
    }
    c->st->left_out = nnets - K;
    if (K < nnets || skipped) {
        cni_buf b;
        cni_buf_init(&b);
        cni_draw_budget_words(c, &b, B, "nodes");
        cni_buf_puts(&b, ":");
        if (K < nnets) {
            cni_buf_printf(&b, " the %zu largest of %zu networks %s drawn;", K, nnets,
                           K == 1 ? "is" : "are");
        }
        if (skipped) {
            cni_buf_printf(&b, " the %zu weakest overlap%s %s not drawn;", skipped,
                           skipped == 1 ? "" : "s", skipped == 1 ? "is" : "are");
        }
        cni_draw_note(c, cni_buf_str(&b) ? cni_buf_str(&b) : "");
        cni_buf_fini(&b);
    }
    cni_draw_note(c, "Edge width and label: members shared by the two networks (a sub-network's "
                     "members are counted in its own network only).");
    cni_draw_engine(c, c->s->nnodes <= 150 ? "neato" : "sfdp");
    if (strcmp(c->s->engine, "dot") != 0) {
        cni_draw_force_directed(c);
    }
    cni_draw_legend(c, "Members shared between networks", NULL);
done:
    free(items);
    free(vert);
    return rc ? rc : c->s->status ? cni_draw_oom() : 0;
}

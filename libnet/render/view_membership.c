/* The membership view: networks as hubs with their members, leads drawn thick. No Graphviz here. */
#include "views.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../model/graph.h"
#include "../util/util.h"
#include "text.h"

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

/* In a box (page fit): membership as cards, one per network, in columns that fill the box. A
 * card is the network's number and name, its first field and region, its members by kind, its
 * lead, then its other members: those in most networks first, then in row order, cut to what
 * the budget leaves; a sub-network follows its umbrella and says "part of N". The budget counts
 * text lines (a card's head and its members), so that render.c's lowering loop shrinks the
 * members per card first, then the cards. */
enum { CARD_WIDTH = 30 /* characters a card's line holds */,
       NARROW_MIN = 16 /* and at least, in narrower columns */ };

typedef struct card {
    size_t net, head, nmem; /* network; its head's lines; its members listed at most */
    size_t umbrella;        /* the kept umbrella's card, or CN_NONE */
    cni_rank_item *mem;     /* members ranked (leads and sub-networks left out) */
} card;

/* Append @p text wrapped to the card's width, at most @p lines lines, as a left-aligned row;
 * the lines used. */
static size_t card_row(cni_draw_ctx *c, cni_buf *b, const char *text, size_t lines, bool bold)
{
    char *w = cni_text_wrap_end(text, c->wrap ? c->wrap : CARD_WIDTH, lines);
    size_t used = 1;
    if (!w) {
        c->s->status = CN_ENOMEM;
        return 0;
    }
    for (const char *p = w; *p; p++) {
        used += *p == '\n';
    }
    if (b) {
        cni_buf_puts(b, "<TR><TD ALIGN=\"LEFT\" BALIGN=\"LEFT\">");
        cni_buf_puts(b, bold ? "<B>" : "");
        cni_text_gv_html(b, w);
        cni_buf_puts(b, bold ? "</B></TD></TR>" : "</TD></TR>");
    }
    free(w);
    return used;
}

/* Card @p k's head (to @p b when not NULL); its lines. */
static size_t card_head(cni_draw_ctx *c, cni_buf *b, const card *cards, size_t k)
{
    const cn_graph *g = c->g;
    size_t net = cards[k].net, lines = 0, by_kind[CN_NODE_KIND_COUNT];
    char *t = cni_draw_node_text(c, net);
    cni_buf s;

    cni_buf_init(&s);
    cni_buf_printf(&s, "%zu. %s", k + 1, t ? t : "");
    free(t);
    lines += card_row(c, b, cni_buf_str(&s), 2, true);
    cni_buf_clear(&s);
    const char *field = cn_graph_node_field(g, net, 0), *region = cn_graph_node_region(g, net);
    if (field || (region && *region)) {
        cni_buf_printf(&s, "%s%s%s", field ? field : "", field && region && *region ? ", " : "",
                       region ? region : "");
        lines += card_row(c, b, cni_buf_str(&s), 1, false);
        cni_buf_clear(&s);
    }
    cn_graph_network_members(g, net, by_kind, NULL);
    static const struct { cn_node_kind k; const char *one, *many; } KINDS[] = {
        { CN_NODE_INSTITUTION, "institution", "institutions" },
        { CN_NODE_ENTERPRISE, "enterprise", "enterprises" },
        { CN_NODE_EXPERT, "expert", "experts" },
        { CN_NODE_NETWORK, "sub-network", "sub-networks" },
    };
    /* each count with its kind on one line (a no-break space), in as many lines as the four
     * kinds and "part of N" take: in two, cut, generated S's cards read "9 institutions / 7
     * …/ 67 experts" */
    size_t said = 0;
    for (size_t j = 0; j < sizeof KINDS / sizeof *KINDS; j++) {
        size_t nk = by_kind[KINDS[j].k];
        if (nk) {
            cni_buf_printf(&s, "%s%zu\xC2\xA0%s", said++ ? " / " : "", nk,
                           nk == 1 ? KINDS[j].one : KINDS[j].many);
        }
    }
    if (!said) {
        cni_buf_puts(&s, "no members");
    }
    if (cards[k].umbrella != CN_NONE) {
        cni_buf_printf(&s, "; part\xC2\xA0of\xC2\xA0%zu", cards[k].umbrella + 1);
    }
    lines += card_row(c, b, cni_buf_str(&s), 5, false);
    cni_buf_clear(&s);
    size_t leads = 0;
    /* the columns, not cn_graph_edge(): see card_fill() */
    for (const uint32_t *e = g->in_edges + g->in_off[net]; e < g->in_edges + g->in_off[net + 1];
         e++) {
        if (g->e_role[*e] == CN_ROLE_LEAD) {
            char *lt = cni_draw_node_text(c, g->e_src[*e]);
            cni_buf_printf(&s, "%s%s", leads++ ? "; " : "Lead: ", lt ? lt : "");
            free(lt);
        }
    }
    lines += card_row(c, b, leads ? cni_buf_str(&s) : "no lead given", 2, leads > 0);
    cni_buf_fini(&s);
    return lines;
}

/* The region of card @p k's network ("" for none). */
static const char *card_region(const cn_graph *g, const card *cards, size_t k)
{
    const char *r = cn_graph_node_region(g, cards[k].net);
    return r ? r : "";
}

/* Whether card @p k's region is none of cards 0..k-1's. */
static bool new_region(const cn_graph *g, const card *cards, size_t k)
{
    for (size_t j = 0; j < k; j++) {
        if (strcmp(card_region(g, cards, j), card_region(g, cards, k)) == 0) {
            return false;
        }
    }
    return true;
}

/* With --group region, the @p K cards kept, in their order, regrouped by region (the region of
 * the first card first, and so on): each region's cards under its name. A card's umbrella is
 * then the first of its umbrellas kept, wherever it is; the heads are measured again. 0 or
 * CN_ENOMEM. */
static int group_cards(cni_draw_ctx *c, card *cards, size_t K)
{
    const cn_graph *g = c->g;
    card *by = cni_calloc_array(K + 1, sizeof *by);
    bool *done = cni_calloc_array(K + 1, sizeof *done);
    size_t at = 0;

    if (!by || !done) {
        free(by);
        free(done);
        return cni_draw_oom();
    }
    for (size_t k = 0; k < K; k++) {
        if (done[k]) {
            continue;
        }
        for (size_t j = k; j < K; j++) {
            if (!done[j] && strcmp(card_region(g, cards, j), card_region(g, cards, k)) == 0) {
                by[at++] = cards[j];
                done[j] = true;
            }
        }
    }
    memcpy(cards, by, K * sizeof *cards);
    for (size_t k = 0; k < K; k++) {
        cards[k].umbrella = CN_NONE;
        for (size_t j = 0; j < cn_graph_node_network_count(g, cards[k].net); j++) {
            cn_edge e;
            cn_graph_edge(g, cn_graph_node_network_edge(g, cards[k].net, j), &e);
            for (size_t u = 0; u < K && cards[k].umbrella == CN_NONE; u++) {
                cards[k].umbrella = cards[u].net == e.target ? u : CN_NONE;
            }
            if (cards[k].umbrella != CN_NONE) {
                break;
            }
        }
    }
    for (size_t k = 0; k < K; k++) {
        cards[k].head = card_head(c, NULL, cards, k);
    }
    free(by);
    free(done);
    return 0;
}

/* Card @p k's umbrella (its first umbrella with an earlier card: @p order of the networks'
 * ranks @p pos), its members ranked (leads and sub-networks left out) and its head's lines.
 * 0 or CN_ENOMEM. */
static int card_fill(cni_draw_ctx *c, card *cards, size_t k, const size_t *order,
                     const size_t *pos)
{
    const cn_graph *g = c->g;
    size_t net = cards[k].net, nm = cn_graph_network_member_count(g, net);

    for (size_t j = 0; j < cn_graph_node_network_count(g, net); j++) {
        cn_edge e;
        cn_graph_edge(g, cn_graph_node_network_edge(g, net, j), &e);
        if (order[pos[e.target]] < k) {
            cards[k].umbrella = order[pos[e.target]];
            break;
        }
    }
    if (!(cards[k].mem = cni_calloc_array(nm + 1, sizeof *cards[k].mem))) {
        return cni_draw_oom();
    }
    /* the columns themselves, not cn_graph_edge() (dates unpacked, a ref looked up): a card
     * is filled, and its head measured, for every try at fitting the box, and generated L's
     * largest networks have tens of thousands of members */
    for (const uint32_t *e = g->in_edges + g->in_off[net]; e < g->in_edges + g->in_off[net + 1];
         e++) {
        uint32_t a = g->e_src[*e];
        if (g->e_role[*e] != CN_ROLE_LEAD && g->node_kind[a] != CN_NODE_NETWORK) {
            cards[k].mem[cards[k].nmem++] =
                (cni_rank_item){ a, g->out_off[a + 1] - g->out_off[a], 0 };
        }
    }
    cni_sort(cards[k].mem, cards[k].nmem, sizeof *cards[k].mem, cni_draw_cmp_rank);
    cards[k].head = card_head(c, NULL, cards, k);
    return 0;
}

static int membership_cards(cni_draw_ctx *c, const cni_rank_item *items, size_t nnets, size_t B)
{
    const cn_graph *g = c->g;
    size_t n = cn_graph_node_count(g), K = 0, m = 0, lines = 0, used = 0, heads = 0;
    bool group = c->o->group_by_region; /* a heading line per region */
    card *cards = cni_calloc_array(nnets + 1, sizeof *cards);
    size_t *order = cni_calloc_array(nnets + 1, sizeof *order);
    size_t *pos = cni_alloc_array(n + 1, sizeof *pos);
    double fs = c->o->font_size > 0 ? c->o->font_size : CN_RENDER_FONT_SIZE;
    /* columns of cards, as many as the box's width holds; narrow: one more, the cards' lines
     * as wide as that leaves (a character of DejaVu Sans about 0.62 em, a column's frame and
     * spacing about 20 pt, the box's pad 0.3 in each side) */
    double k = cni_draw_text_scale(c), scaled = k * CARD_WIDTH;
    size_t width = k >= 1 ? CARD_WIDTH : scaled < NARROW_MIN ? NARROW_MIN : (size_t)scaled;
    size_t C = (size_t)(c->o->fit_width / ((double)width * 0.62 * fs + 40));
    int rc = 0;

    C = C < 1 ? 1 : C;
    if (k < 1) {
        /* the box is narrower than estimated: cards' lines as much narrower */
        c->wrap = c->wrap && c->wrap < width ? c->wrap : width;
    }
    if (c->budget->narrow) {
        double chars = k * ((c->o->fit_width - 2 * 0.3 * 72) / (double)++C - 20) / (0.62 * fs);
        c->wrap = chars < NARROW_MIN ? NARROW_MIN : chars > CARD_WIDTH ? CARD_WIDTH : (size_t)chars;
    }
    if (!cards || !order || !pos) {
        rc = cni_draw_oom();
        goto done;
    }
    for (size_t i = 0; i < n; i++) {
        pos[i] = CN_NONE;
    }
    /* card order: largest network first, each sub-network right after its umbrella */
    for (size_t k = 0; k < nnets; k++) {
        pos[items[k].node] = k;
    }
    {
        size_t at = 0;
        bool *placed = cni_calloc_array(nnets + 1, sizeof *placed);
        size_t *stack = cni_calloc_array(nnets + 1, sizeof *stack);
        if (!placed || !stack) {
            free(placed);
            free(stack);
            rc = cni_draw_oom();
            goto done;
        }
        for (size_t k = 0; k < nnets; k++) {
            size_t net = items[k].node;
            if (cn_graph_node_network_count(g, net) > 0 || placed[k]) {
                continue; /* placed after its umbrella */
            }
            size_t top = 0;
            stack[top++] = k;
            placed[k] = true;
            while (top) {
                size_t q = stack[--top], qn = items[q].node;
                cards[at].net = qn;
                cards[at].umbrella = CN_NONE;
                order[q] = at++;
                /* its sub-networks, largest first (pushed in reverse) */
                for (size_t j = g->in_off[qn + 1]; j-- > g->in_off[qn];) {
                    uint32_t a = g->e_src[g->in_edges[j]]; /* the columns: see card_fill() */
                    if (g->node_kind[a] == CN_NODE_NETWORK && !placed[pos[a]]) {
                        placed[pos[a]] = true;
                        stack[top++] = pos[a];
                    }
                }
            }
        }
        /* a network nested in a cycle of umbrellas: by size */
        for (size_t k = 0; k < nnets; k++) {
            if (!placed[k]) {
                cards[at].net = items[k].node;
                cards[at].umbrella = CN_NONE;
                order[k] = at++;
            }
        }
        free(placed);
        free(stack);
    }
    /* the cards kept: as many as have their head (and "and N more") within the budget; then
     * the members per card: as many as the budget leaves. A card is filled only when reached
     * (at generated L, 10,000 networks and 15 cards: filling them all was most of the
     * figure's time, for each try at fitting the box) */
    for (K = 0; K < nnets; K++) {
        if ((rc = card_fill(c, cards, K, order, pos)) != 0) {
            goto done;
        }
        bool heading = group && new_region(g, cards, K);
        size_t need = cards[K].head + (cards[K].nmem > 0) + heading;
        if (K > 0 && lines + need > B) {
            break;
        }
        lines += need;
        heads += heading;
    }
    if (group && (rc = group_cards(c, cards, K)) != 0) {
        goto done;
    }
    for (m = 0;; m++) {
        size_t t = heads, more = 0;
        for (size_t k = 0; k < K; k++) {
            t += cards[k].head + (cards[k].nmem <= m ? cards[k].nmem : m + 1);
            more += cards[k].nmem > m;
        }
        if (m > 0 && t > B) {
            m--;
            break;
        }
        used = t;
        if (!more) {
            break;
        }
    }
    /* columns of about equal lines */
    C = C > K ? K : C;
    cni_buf b;
    cni_buf_init(&b);
    cni_buf_puts(&b, "<TABLE BORDER=\"0\" CELLSPACING=\"6\" CELLPADDING=\"0\"><TR>");
    size_t col_lines = 0, cols = 1, listed = 0, unlisted = 0, all = heads;
    for (size_t k = 0; k < K; k++) {
        size_t shown = cards[k].nmem <= m ? cards[k].nmem : m;
        all += cards[k].head + shown + (shown < cards[k].nmem);
    }
    cni_buf_puts(&b, "<TD VALIGN=\"TOP\"><TABLE BORDER=\"0\" CELLSPACING=\"6\" CELLPADDING=\"0\">");
    for (size_t k = 0; k < K && c->s->status == 0; k++) {
        size_t shown = cards[k].nmem <= m ? cards[k].nmem : m;
        bool heading = group && (k == 0 || strcmp(card_region(g, cards, k - 1),
                                                   card_region(g, cards, k)) != 0);
        size_t h = cards[k].head + shown + (shown < cards[k].nmem) + heading;
        if (col_lines > 0 && cols < C && col_lines + h / 2 > (all + C - 1) / C) {
            cni_buf_puts(&b, "</TABLE></TD><TD VALIGN=\"TOP\"><TABLE BORDER=\"0\" CELLSPACING=\"6\" "
                             "CELLPADDING=\"0\">");
            cols++;
            col_lines = 0;
        }
        col_lines += h;
        if (heading) {
            card_row(c, &b, *card_region(g, cards, k) ? card_region(g, cards, k) : "no region",
                     1, true);
        }
        cni_buf_printf(&b, "<TR><TD><TABLE BORDER=\"1\" COLOR=\"#888888\" CELLBORDER=\"0\" "
                           "CELLSPACING=\"0\" CELLPADDING=\"1\" ID=\"card-%zu\">", k + 1);
        card_head(c, &b, cards, k);
        for (size_t j = 0; j < shown; j++) {
            char *t = cni_draw_node_text(c, cards[k].mem[j].node);
            card_row(c, &b, t ? t : "", 1, false);
            free(t);
        }
        if (shown < cards[k].nmem) {
            char more[64];
            snprintf(more, sizeof more, "and %zu more", cards[k].nmem - shown);
            card_row(c, &b, more, 1, false);
        }
        listed += shown;
        unlisted += cards[k].nmem - shown;
        cni_buf_puts(&b, "</TABLE></TD></TR>");
    }
    cni_buf_puts(&b, "</TABLE></TD></TR></TABLE>");
    /* no card (a dataset of no network: the karate club): no table, which Graphviz refuses
     * empty ("syntax error in line 1"); the note says why */
    size_t v = K ? cni_node_add(c->s, CN_NONE) : CN_NONE;
    if (v != CN_NONE) {
        cni_set(c->s, &c->s->nodes[v].a, "shape", "plain");
        cni_setf(c->s, &c->s->nodes[v].a, "fontsize", "%g", fs);
        cni_set_html(c->s, &c->s->nodes[v].a, "label", cni_buf_str(&b));
        cni_set(c->s, &c->s->nodes[v].a, "id", "membership-cards");
    }
    c->budget->applied = used;
    c->st->shown = K + listed;
    c->st->aggregated = unlisted;
    c->st->left_out = nnets - K;
    cni_buf_clear(&b);
    if (nnets == 0) {
        cni_buf_puts(&b, "The dataset has no network: no card to draw.");
    } else {
        cni_buf_puts(&b, "A card per network, largest first, a sub-network after its umbrella: "
                         "its members by kind, lead, then members in most networks first.");
    }
    if (group) {
        cni_buf_puts(&b, " Grouped by region: the cards of each region under its name, the "
                         "region of the largest network first.");
    }
    if (K < nnets || unlisted) {
        cni_buf_puts(&b, " ");
        cni_draw_budget_words(c, &b, B, "lines");
        cni_buf_puts(&b, ":");
        /* the last ends the sentence: a note with nothing after it ended in ';' */
        if (K < nnets) {
            cni_buf_printf(&b, " the %zu largest of %zu networks %s drawn%s", K, nnets,
                           K == 1 ? "is" : "are", unlisted ? ";" : ".");
        }
        if (unlisted) {
            cni_buf_printf(&b, " %zu member%s counted, not named (\"and N more\").", unlisted,
                           unlisted == 1 ? " is" : "s are");
        }
    }
    cni_draw_note(c, cni_buf_str(&b) ? cni_buf_str(&b) : "");
    cni_buf_fini(&b);
done:
    for (size_t k = 0; cards && k < nnets; k++) {
        free(cards[k].mem);
    }
    free(cards);
    free(order);
    free(pos);
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
    /* networks, largest first */
    for (size_t i = 0; i < n; i++) {
        vert[i] = CN_NONE;
        if (cn_graph_node_kind(g, i) == CN_NODE_NETWORK) {
            items[nnets++] = (cni_rank_item){ i, cn_graph_network_member_count(g, i), 0 };
        }
    }
    cni_sort(items, nnets, sizeof *items, cni_draw_cmp_rank);
    if (c->o->fit_width > 0) {
        if ((rc = membership_cards(c, items, nnets, B)) != 0) {
            goto done;
        }
        goto alone;
    }
    cni_set(c->s, &c->s->graph, "rankdir", "LR");
    cni_set(c->s, &c->s->graph, "ranksep", "0.9");
    cni_set(c->s, &c->s->graph, "nodesep", "0.12");
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
alone:;
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

/* Test dataset generator (testgen.h). Every choice is one tgen_next() call, so a PRNG seed or a
 * fuzzer's bytes pick the shape; whatever they pick, the dataset meets the contract: ids are
 * unique, memberships go from lower to higher network index (no cycle), a network has at most
 * one lead and no member twice, collaborations tie two different actors, weights are positive
 * and finite, and they and their reciprocals each total at most 1e300, until never comes before since. */
#include "testgen.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NONE ((size_t)-1)
/* CN_MAX_WEIGHT_SUM of <collabnet/load.h> (the generator does not depend on the library) */
#define MAX_WEIGHT_SUM 1e300

void tgen_src_seed(tgen_src *s, uint64_t seed)
{
    memset(s, 0, sizeof *s);
    s->state = seed;
}

void tgen_src_bytes(tgen_src *s, const uint8_t *data, size_t len)
{
    memset(s, 0, sizeof *s);
    s->data = data ? data : (const uint8_t *)"";
    s->len = data ? len : 0;
}

static uint64_t splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9e3779b97f4a7c15u);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

size_t tgen_next(tgen_src *s, size_t max)
{
    uint64_t v = 0;

    if (max <= 1) {
        return 0;
    }
    if (!s->data) {
        return (size_t)(splitmix64(&s->state) % max);
    }
    for (size_t n = max <= 256 ? 1 : max <= 65536 ? 2 : 4; n > 0 && s->pos < s->len; n--) {
        v = (v << 8) | s->data[s->pos++];
    }
    return (size_t)(v % max);
}

/* True with probability 1/k; false once a byte source is used up (so shapes stay off). */
static bool chance(tgen_src *s, size_t k)
{
    return tgen_next(s, k) == k - 1;
}

static size_t pick(tgen_src *s, size_t lo, size_t hi) /* in [lo, hi] */
{
    return lo + tgen_next(s, hi - lo + 1);
}

/* ---- the pools of values ---- */

static const char *const hostile[] = {
    "Trường Đại học Bách khoa Hà Nội",
    "Vie\xcc\xa3\xcc\x82t Nam (decomposed: e + U+0323 + U+0302)",
    "Nguye\xcc\x82\xcc\x83n Tha\xcc\x80nh",
    "say \"hi\", then leave",
    "line one\nline two",
    "<script>alert(1)</script>",
    "back\\slash \\N \\l \\\"",
    "=SUM(A1:A9)",
    "+33 1 23",
    "-minus",
    "@mention",
    "tab\there",
    "esc \x1b]0;PWNED\x07\x1b[2J end",
    "bell\x07 and \x01 and \x7f",
    "&amp; &lt; ]]> <!-- --> <![CDATA[x]]>",
    "日本語 中文 한국어",
    "emoji \xf0\x9f\xa7\xaa test",
    "'single' quotes",
    "%s %n %% {0}",
    "\xe2\x80\xae RTL override",
    "a,b,c;d|e",
    "x&int;y",
    "\"",
    "\\",
    "#not a comment ; nor this",
};
#define NHOSTILE (sizeof hostile / sizeof hostile[0])

static const char *const plain_regions[] = { "North", "Central", "South", "Miền Nam",
                                             "Tây Nguyên", "East" };
static const char *const hostile_regions[] = { "=HYPERLINK(\"x\")", "a,b", "<b>r</b>",
                                               "Re\xcc\x81gion", "back\\slash" };
static const char *const field_names[] = { "ai", "semiconductor", "biotech", "edtech",
                                           "quantum", "x-1", "a_b", "0" };
static const char *const countries[] = { "VN", "FR", "KR", "US", "JP" };
static const char *const kind_names[4][3] = { { "institution", "Institution", "INSTITUTION" },
                                              { "enterprise", "Enterprise", "ENTERPRISE" },
                                              { "expert", "Expert", "EXPERT" },
                                              { "network", "Network", "NETWORK" } };
enum { K_INST, K_ENT, K_EXP, K_NET };

/* ---- building ---- */

typedef struct node {
    char *id;
    int kind;
    bool safe; /* id usable in targets.ini and on a command line as is */
    size_t region; /* NONE: empty */
} node;

typedef struct edge {
    size_t src, dst;
    bool member;
    int role; /* 0 none/default, 1 lead, 2 member, 3 partner */
} edge;

typedef struct gen {
    tgen_src *s;
    const tgen_params *p;
    tgen_dataset *d;
    node *nodes; /* actors first (logical order), then networks */
    size_t nactors, nnets, nnodes;
    edge *edges;
    size_t nedges, edges_cap;
    size_t *stamp; /* per node: the network whose members were last drawn (uniqueness) */
    char **regions;
    bool *region_safe;
    size_t nregions;
    char **fields;
    size_t nfields;
    bool crlf;
    double wsum, lsum; /* the weights written so far, and their reciprocals (CN_MAX_WEIGHT_SUM) */
} gen;

static char *xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *c = malloc(n);
    return c ? memcpy(c, s, n) : NULL;
}

static char *xprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *xprintf(const char *fmt, ...)
{
    va_list ap;
    char *out = NULL;
    size_t n = 0;
    FILE *fp = open_memstream(&out, &n);

    if (!fp) {
        return NULL;
    }
    va_start(ap, fmt);
    vfprintf(fp, fmt, ap);
    va_end(ap);
    if (fclose(fp) != 0) {
        free(out);
        return NULL;
    }
    return out;
}

static int add_edge(gen *G, size_t src, size_t dst, bool member, int role)
{
    if (G->nedges == G->edges_cap) {
        size_t cap = G->edges_cap ? 2 * G->edges_cap : 64;
        edge *e = realloc(G->edges, cap * sizeof *e);
        if (!e) {
            return -1;
        }
        G->edges = e;
        G->edges_cap = cap;
    }
    G->edges[G->nedges++] = (edge){ src, dst, member, role };
    return 0;
}

/* Add @p member to network @p net unless it is already there. */
static int join(gen *G, size_t member, size_t net)
{
    if (G->stamp[member] == net) {
        return 0;
    }
    G->stamp[member] = net;
    return add_edge(G, member, net, true, 0);
}

static size_t net_node(const gen *G, size_t j)
{
    return G->nactors + j;
}

/* A CSV field: quoted when it must be (or, at random, when it need not). */
static void field(gen *G, FILE *fp, const char *v, bool first)
{
    bool q = strpbrk(v, ",\"\r\n") || chance(G->s, 8);

    if (!first) {
        fputc(',', fp);
    }
    if (!q) {
        fputs(v, fp);
        return;
    }
    fputc('"', fp);
    for (; *v; v++) {
        if (*v == '"') {
            fputc('"', fp);
        }
        fputc(*v, fp);
    }
    fputc('"', fp);
}

static void eol(gen *G, FILE *fp)
{
    fputs(G->crlf ? "\r\n" : "\n", fp);
    if (chance(G->s, 40)) {
        fputs(G->crlf ? "\r\n" : "\n", fp); /* a blank line, ignored */
    }
}

/* A header name in the case the source picks (contract columns match case-insensitively; an
 * extra column keeps its name as written). */
static void header(gen *G, FILE *fp, const char *name, bool extra, bool first)
{
    char buf[32];
    size_t n = strlen(name);

    memcpy(buf, name, n + 1);
    if (extra) {
        /* as written */
    } else if (chance(G->s, 6)) {
        buf[0] = (char)(buf[0] - 'a' + 'A');
    } else if (chance(G->s, 12)) {
        for (size_t i = 0; i < n; i++) {
            buf[i] = buf[i] >= 'a' && buf[i] <= 'z' ? (char)(buf[i] - 'a' + 'A') : buf[i];
        }
    }
    field(G, fp, buf, first);
}

static void shuffle_cols(gen *G, int *cols, size_t n)
{
    for (size_t i = n; i > 1; i--) {
        size_t j = tgen_next(G->s, i);
        int t = cols[i - 1];
        cols[i - 1] = cols[j];
        cols[j] = t;
    }
}

static void fields_cell(gen *G, char *buf, size_t size, size_t max)
{
    size_t k = tgen_next(G->s, max + 1), used = 0;

    buf[0] = '\0';
    for (size_t i = 0; i < k && used + 40 < size; i++) {
        const char *f = G->fields[tgen_next(G->s, G->nfields)];
        used += (size_t)snprintf(buf + used, size - used, "%s%s%s", i ? ";" : "",
                                 chance(G->s, 5) ? " " : "", f);
    }
}

static void date(gen *G, char *buf, size_t size, int year)
{
    switch (tgen_next(G->s, 3)) {
    case 0:
        snprintf(buf, size, "%04d", year);
        break;
    case 1:
        snprintf(buf, size, "%04d-%02zu", year, pick(G->s, 1, 12));
        break;
    default:
        snprintf(buf, size, "%04d-%02zu-%02zu", year, pick(G->s, 1, 12), pick(G->s, 1, 28));
        break;
    }
}

enum { NC_ID, NC_LABEL, NC_KIND, NC_REGION, NC_COUNTRY, NC_FIELDS, NC_EXTRA, NC_COUNT };
static const char *const ncol_names[NC_COUNT] = { "id", "label", "kind", "region", "country",
                                                  "fields", "name_en" };

static int write_nodes(gen *G)
{
    tgen_dataset *d = G->d;
    tgen_src *s = G->s;
    bool on[NC_COUNT] = { true, d->col_label, true, d->col_region, d->col_country, d->col_fields,
                          d->col_extra };
    int cols[NC_COUNT];
    size_t ncols = 0, *order;
    FILE *fp = open_memstream(&d->nodes, &d->nodes_len);

    if (!fp) {
        return -1;
    }
    if (!(order = malloc((G->nnodes ? G->nnodes : 1) * sizeof *order))) {
        fclose(fp);
        return -1;
    }
    for (int c = 0; c < NC_COUNT; c++) {
        if (on[c]) {
            cols[ncols++] = c;
        }
    }
    shuffle_cols(G, cols, ncols);
    if (chance(s, 10)) {
        fputs("\xef\xbb\xbf", fp); /* a byte-order mark, skipped */
    }
    for (size_t c = 0; c < ncols; c++) {
        header(G, fp, ncol_names[cols[c]], cols[c] == NC_EXTRA, c == 0);
    }
    eol(G, fp);
    /* file order: the logical order shuffled, so networks and actors interleave */
    for (size_t i = 0; i < G->nnodes; i++) {
        order[i] = i;
    }
    if (!chance(s, 4)) {
        for (size_t i = G->nnodes; i > 1; i--) {
            size_t j = tgen_next(s, i), t = order[i - 1];
            order[i - 1] = order[j];
            order[j] = t;
        }
    }
    for (size_t r = 0; r < G->nnodes; r++) {
        const node *n = &G->nodes[order[r]];
        for (size_t c = 0; c < ncols; c++) {
            char buf[512];
            const char *v = "";
            switch (cols[c]) {
            case NC_ID:
                v = n->id;
                break;
            case NC_LABEL:
                if (chance(s, 5)) {
                    v = ""; /* defaults to the id */
                } else if (d->shapes & TGEN_HOSTILE && chance(s, 2)) {
                    v = hostile[tgen_next(s, NHOSTILE)];
                } else {
                    snprintf(buf, sizeof buf, "Label %zu", order[r]);
                    v = buf;
                }
                break;
            case NC_KIND:
                v = kind_names[n->kind][chance(s, 5) ? tgen_next(s, 3) : 0];
                break;
            case NC_REGION:
                v = n->region == NONE ? "" : G->regions[n->region];
                break;
            case NC_COUNTRY:
                v = chance(s, 4) ? "" : countries[tgen_next(s, 5)];
                break;
            case NC_FIELDS:
                fields_cell(G, buf, sizeof buf, n->kind == K_NET ? 4 : 2);
                v = buf;
                break;
            case NC_EXTRA:
                if (d->shapes & TGEN_HOSTILE && chance(s, 3)) {
                    v = hostile[tgen_next(s, NHOSTILE)];
                } else if (!chance(s, 3)) {
                    snprintf(buf, sizeof buf, "Name %zu", order[r]);
                    v = buf;
                }
                break;
            }
            field(G, fp, v, c == 0);
        }
        eol(G, fp);
    }
    free(order);
    return fclose(fp) == 0 ? 0 : -1;
}

enum { EC_SOURCE, EC_TARGET, EC_KIND, EC_ROLE, EC_WEIGHT, EC_SINCE, EC_UNTIL, EC_REF, EC_EXTRA,
       EC_COUNT };
static const char *const ecol_names[EC_COUNT] = { "source", "target", "kind", "role", "weight",
                                                  "since", "until", "ref", "note" };

/* Whether a row of weight @p w keeps both totals within CN_MAX_WEIGHT_SUM, summed in file order
 * as the loader sums them; if so it is counted. */
static bool weight_fits(gen *G, const char *w)
{
    double v = w[0] ? strtod(w, NULL) : 1.0;

    if (G->wsum + v > MAX_WEIGHT_SUM || G->lsum + 1.0 / v > MAX_WEIGHT_SUM) {
        return false;
    }
    G->wsum += v;
    G->lsum += 1.0 / v;
    return true;
}

static const char *weight(gen *G, char *buf, size_t size)
{
    /* the extremes the contract allows: 1e-300 (1 / weight just under 1e300) to 1e300; one
     * that would take a total past CN_MAX_WEIGHT_SUM gives way to an ordinary weight */
    static const char *const extreme[] = { "1e300", "1e-300", "2.5e-300", "1.5e299", "7e-299" };
    static const char *const plain[] = { "", "1", "2", "2.5", "1e3", "0.125", "+3", ".5" };
    const char *w;

    if (G->d->shapes & TGEN_EXTREME && chance(G->s, 2)
        && weight_fits(G, w = extreme[tgen_next(G->s, 5)])) {
        return w;
    }
    if (chance(G->s, 4)) {
        snprintf(buf, size, "%zu.%zu", pick(G->s, 1, 100), tgen_next(G->s, 1000));
        w = buf;
    } else {
        w = plain[tgen_next(G->s, 8)];
    }
    /* at most 100.999 or 1 / 0.125 per row: fits unless a total is already at the limit,
     * where adding it rounds to no change (both limits are far above 2^53) */
    if (!weight_fits(G, w)) {
        w = "1";
        weight_fits(G, w);
    }
    return w;
}

static int write_edges(gen *G)
{
    tgen_dataset *d = G->d;
    tgen_src *s = G->s;
    bool on[EC_COUNT] = { true, true, true, d->col_role, d->col_weight, d->col_since, d->col_until,
                          d->col_ref, d->col_edge_extra };
    int cols[EC_COUNT];
    size_t ncols = 0;
    FILE *fp = open_memstream(&d->edges, &d->edges_len);

    if (!fp) {
        return -1;
    }
    for (int c = 0; c < EC_COUNT; c++) {
        if (on[c]) {
            cols[ncols++] = c;
        }
    }
    shuffle_cols(G, cols, ncols);
    if (chance(s, 10)) {
        fputs("\xef\xbb\xbf", fp);
    }
    for (size_t c = 0; c < ncols; c++) {
        header(G, fp, ecol_names[cols[c]], cols[c] == EC_EXTRA, c == 0);
    }
    eol(G, fp);
    /* memberships and collaborations interleaved in file order */
    if (!chance(s, 4)) {
        for (size_t i = G->nedges; i > 1; i--) {
            size_t j = tgen_next(s, i);
            edge t = G->edges[i - 1];
            G->edges[i - 1] = G->edges[j];
            G->edges[j] = t;
        }
    }
    for (size_t r = 0; r < G->nedges; r++) {
        const edge *e = &G->edges[r];
        bool flip = !e->member && chance(s, 2);
        char since[16] = "", until[16] = "";
        int since_year = 0;
        /* drawn before the columns, which may come in any order */
        if (d->col_since && !chance(s, 3)) {
            since_year = (int)pick(s, 1995, 2030);
            date(G, since, sizeof since, since_year);
        }
        if (d->col_until && chance(s, 3)) {
            /* after since's year, or its whole year: never before since */
            int y = since_year ? since_year + (int)tgen_next(s, 8) : (int)pick(s, 1995, 2035);
            if (since_year && y == since_year) {
                snprintf(until, sizeof until, "%04d", y);
            } else {
                date(G, until, sizeof until, y);
            }
        }
        for (size_t c = 0; c < ncols; c++) {
            static const char *const roles[] = { "", "lead", "member", "partner" };
            char buf[64];
            const char *v = "";
            switch (cols[c]) {
            case EC_SOURCE:
                v = G->nodes[flip ? e->dst : e->src].id;
                break;
            case EC_TARGET:
                v = G->nodes[flip ? e->src : e->dst].id;
                break;
            case EC_KIND:
                v = e->member ? (chance(s, 6) ? "Membership" : "membership")
                              : (chance(s, 6) ? "COLLABORATION" : "collaboration");
                break;
            case EC_ROLE:
                v = e->member ? roles[e->role] : "";
                break;
            case EC_WEIGHT:
                v = weight(G, buf, sizeof buf);
                break;
            case EC_SINCE:
                v = since;
                break;
            case EC_UNTIL:
                v = until;
                break;
            case EC_REF:
                if (d->shapes & TGEN_HOSTILE && chance(s, 3)) {
                    v = hostile[tgen_next(s, NHOSTILE)];
                } else if (!chance(s, 3)) {
                    snprintf(buf, sizeof buf, "https://example.org/doc?id=%zu&p=%zu", r % 7, r);
                    v = buf;
                }
                break;
            case EC_EXTRA:
                if (d->shapes & TGEN_HOSTILE && chance(s, 3)) {
                    v = hostile[tgen_next(s, NHOSTILE)];
                } else if (chance(s, 2)) {
                    v = "note";
                }
                break;
            }
            field(G, fp, v, c == 0);
        }
        eol(G, fp);
    }
    return fclose(fp) == 0 ? 0 : -1;
}

/* targets.ini over the data's own fields, safe regions and networks. */
static int write_targets(gen *G)
{
    tgen_dataset *d = G->d;
    tgen_src *s = G->s;
    FILE *fp = open_memstream(&d->targets, &d->targets_len);
    size_t nprio = pick(s, 1, G->nfields < 4 ? G->nfields : 4), umbrella = NONE;
    size_t prio[4];

    if (!fp) {
        return -1;
    }
    for (size_t k = 0; k < nprio; k++) {
        prio[k] = (k + tgen_next(s, G->nfields)) % G->nfields;
        for (size_t m = 0; m < k; m++) {
            if (prio[m] == prio[k]) {
                prio[k] = NONE;
            }
        }
    }
    for (size_t j = G->nnets; j > 0; j--) {
        /* the umbrella: a network with a safe id, usually the widest */
        const node *n = &G->nodes[net_node(G, j - 1)];
        if (n->safe && (chance(s, 3) || umbrella == NONE)) {
            umbrella = j - 1;
            if (!chance(s, 4)) {
                break;
            }
        }
    }
    fputs("# generated by tests/gen/testgen.c\n[scope]\n", fp);
    if (umbrella != NONE && !chance(s, 3)) {
        fprintf(fp, "umbrella = %s\n", G->nodes[net_node(G, umbrella)].id);
    }
    if (chance(s, 2)) {
        size_t n = 0;
        fputs("regions =", fp);
        for (size_t r = 0; r < G->nregions && n < 4; r++) {
            if (G->region_safe[r] && chance(s, 2)) {
                fprintf(fp, "%s %s", n ? "," : "", G->regions[r]);
                n++;
            }
        }
        if (n == 0) {
            fputs(" North", fp);
        }
        fputc('\n', fp);
    }
    fputs("\n[fields]\npriority =", fp);
    for (size_t k = 0, n = 0; k < nprio; k++) {
        if (prio[k] != NONE) {
            fprintf(fp, "%s %s", n++ ? "," : "", G->fields[prio[k]]);
        }
    }
    fprintf(fp, "\nnetworks = %zu\n", tgen_next(s, 4));
    if (prio[0] != NONE && chance(s, 2)) {
        fprintf(fp, "%s = %zu\n", G->fields[prio[0]], tgen_next(s, 6));
    }
    fputs("\n[regions]\n", fp);
    for (size_t k = 0; k < nprio; k++) {
        size_t n = 0;
        if (prio[k] == NONE || chance(s, 3)) {
            continue;
        }
        fprintf(fp, "%s = %s in", G->fields[prio[k]], chance(s, 2) ? "led" : "reached");
        for (size_t r = 0; r < G->nregions && n < 3; r++) {
            if (G->region_safe[r] && chance(s, 2)) {
                fprintf(fp, "%s %s", n ? "," : "", G->regions[r]);
                n++;
            }
        }
        if (n == 0) {
            fputs(" South", fp);
        }
        fputc('\n', fp);
    }
    fputs("\n[network]\n", fp);
    if (chance(s, 2)) {
        fputs("rule = exactly 1 lead\n", fp);
    }
    if (chance(s, 2)) {
        fprintf(fp, "rule = at least %zu institutions besides the lead\n", tgen_next(s, 4));
    }
    if (chance(s, 2)) {
        fprintf(fp, "rule = at least %zu enterprise where country is %sVN\n", pick(s, 1, 2),
                chance(s, 2) ? "not " : "");
    }
    if (chance(s, 3)) {
        fprintf(fp, "rule = at least %zu experts where region is North\n", tgen_next(s, 3));
    }
    if (d->col_extra && chance(s, 3)) {
        fputs("rule = at least 1 expert where name_en is Name 3\n", fp);
    }
    return fclose(fp) == 0 ? 0 : -1;
}

static char *make_id(gen *G, size_t i, int kind, bool *safe)
{
    static const char prefix[4] = { 'i', 'e', 'x', 'n' };

    *safe = true;
    if (G->d->shapes & TGEN_HOSTILE && chance(G->s, 4)) {
        *safe = false;
        return xprintf("%s#%zu", hostile[tgen_next(G->s, NHOSTILE)], i);
    }
    if (chance(G->s, 10)) {
        return xprintf("%c-%zu-Đà", prefix[kind], i);
    }
    return xprintf("%c%zu", prefix[kind], i);
}

static int make_pools(gen *G)
{
    tgen_src *s = G->s;
    size_t nplain = sizeof plain_regions / sizeof plain_regions[0];

    G->nregions = G->d->shapes & TGEN_REGIONS ? pick(s, 100, 100 + 8 * G->p->many)
                                              : pick(s, 1, nplain);
    if (!(G->regions = calloc(G->nregions + 5, sizeof *G->regions))
        || !(G->region_safe = calloc(G->nregions + 5, sizeof *G->region_safe))) {
        return -1;
    }
    for (size_t r = 0; r < G->nregions; r++) {
        G->region_safe[r] = true;
        G->regions[r] = r < nplain ? xstrdup(plain_regions[r]) : xprintf("Region %03zu", r);
        if (!G->regions[r]) {
            return -1;
        }
    }
    if (G->d->shapes & TGEN_HOSTILE) {
        for (size_t k = 0; k < 5; k++) {
            if (!(G->regions[G->nregions++] = xstrdup(hostile_regions[k]))) {
                return -1;
            }
        }
    }
    G->nfields = pick(s, 1, 8 + (G->d->shapes & TGEN_REGIONS ? 40 : 0));
    if (!(G->fields = calloc(G->nfields, sizeof *G->fields))) {
        return -1;
    }
    for (size_t f = 0; f < G->nfields; f++) {
        G->fields[f] = f < 8 ? xstrdup(field_names[f]) : xprintf("f%zu", f);
        if (!G->fields[f]) {
            return -1;
        }
    }
    return 0;
}

static int make_nodes(gen *G, size_t big_members, size_t chain, size_t wide, size_t base_nets)
{
    tgen_src *s = G->s;

    G->nnets = base_nets + chain + (wide ? wide + 1 : 0) + (big_members ? 1 : 0);
    G->nnodes = G->nactors + G->nnets;
    if (!(G->nodes = calloc(G->nnodes ? G->nnodes : 1, sizeof *G->nodes))
        || !(G->stamp = malloc((G->nnodes ? G->nnodes : 1) * sizeof *G->stamp))) {
        return -1;
    }
    for (size_t i = 0; i < G->nnodes; i++) {
        node *n = &G->nodes[i];
        G->stamp[i] = NONE;
        n->kind = i >= G->nactors ? K_NET : (int)tgen_next(s, 3);
        if (i + big_members >= G->nactors && i < G->nactors) {
            n->kind = K_EXP; /* the big star's members */
        }
        n->region = chance(s, 4) ? NONE : tgen_next(s, G->nregions);
        if (!(n->id = make_id(G, i, n->kind, &n->safe))) {
            return -1;
        }
    }
    return 0;
}

static int make_memberships(gen *G, size_t big_members, size_t chain, size_t wide, size_t base_nets)
{
    tgen_src *s = G->s;
    size_t na = G->nactors, j = 0;

    /* base networks: 0, 1 or a few actors, sometimes a sub-network of lower index */
    for (; j < base_nets; j++) {
        size_t net = net_node(G, j), k;
        switch (tgen_next(s, 6)) {
        case 0:
            k = 0;
            break;
        case 1:
            k = 1;
            break;
        default:
            k = tgen_next(s, 12);
            break;
        }
        for (size_t m = 0; m < k && na; m++) {
            if (join(G, tgen_next(s, na), net) < 0) {
                return -1;
            }
        }
        if (j > 0 && chance(s, 3) && join(G, net_node(G, tgen_next(s, j)), net) < 0) {
            return -1;
        }
    }
    /* a chain: chain[k] is a member of chain[k + 1] */
    for (size_t k = 0; k < chain; k++, j++) {
        size_t net = net_node(G, j);
        if (k > 0 && join(G, net - 1, net) < 0) {
            return -1;
        }
        for (size_t m = tgen_next(s, 3); m > 0 && na; m--) {
            if (join(G, tgen_next(s, na), net) < 0) {
                return -1;
            }
        }
    }
    /* wide: sub-networks then their umbrella */
    if (wide) {
        size_t umb = net_node(G, j + wide);
        for (size_t k = 0; k < wide; k++, j++) {
            size_t net = net_node(G, j);
            for (size_t m = tgen_next(s, 4); m > 0 && na; m--) {
                if (join(G, tgen_next(s, na), net) < 0) {
                    return -1;
                }
            }
            if (join(G, net, umb) < 0) {
                return -1;
            }
        }
        j++;
        for (size_t m = tgen_next(s, 3); m > 0 && na; m--) {
            if (join(G, tgen_next(s, na), umb) < 0) {
                return -1;
            }
        }
    }
    /* big: the last big_members actors, and a few others */
    if (big_members) {
        size_t net = net_node(G, j++);
        for (size_t a = na - big_members; a < na; a++) {
            if (join(G, a, net) < 0) {
                return -1;
            }
        }
        for (size_t m = tgen_next(s, 5); m > 0; m--) {
            if (join(G, tgen_next(s, na), net) < 0) {
                return -1;
            }
        }
    }
    /* the spanner: actor 0 in (nearly) every network */
    if (G->d->shapes & TGEN_SPANNER && na) {
        for (size_t k = 0; k < G->nnets; k++) {
            size_t net = net_node(G, k), e;
            /* join() only remembers the last network; look for an earlier row */
            for (e = 0; e < G->nedges; e++) {
                if (G->edges[e].member && G->edges[e].src == 0 && G->edges[e].dst == net) {
                    break;
                }
            }
            if (e == G->nedges && !chance(s, 10) && add_edge(G, 0, net, true, 0) < 0) {
                return -1;
            }
        }
    }
    /* roles: at most one lead per network */
    if (G->d->col_role) {
        size_t *has_lead = G->stamp; /* reused: per network node, whether it has a lead */
        for (size_t i = 0; i < G->nnodes; i++) {
            has_lead[i] = 0;
        }
        for (size_t e = 0; e < G->nedges; e++) {
            edge *x = &G->edges[e];
            if (!x->member) {
                continue;
            }
            x->role = chance(s, 3) ? 1 : (int)tgen_next(s, 4);
            if (x->role == 1) {
                if (has_lead[x->dst]) {
                    x->role = 2;
                } else {
                    has_lead[x->dst] = 1;
                }
            }
        }
    }
    return 0;
}

static int make_collaborations(gen *G)
{
    tgen_src *s = G->s;
    size_t na = G->nactors, rows;

    if (na < 2) {
        return 0;
    }
    rows = tgen_next(s, 2 * (na < 200 ? na : 200) + 1);
    for (size_t r = 0; r < rows; r++) {
        size_t a = tgen_next(s, na), b = tgen_next(s, na - 1);
        size_t times = G->d->shapes & TGEN_REPEAT && chance(s, 3) ? pick(s, 2, 6) : 1;
        if (b >= a) {
            b++;
        }
        for (size_t t = 0; t < times; t++) {
            if (add_edge(G, t % 2 ? b : a, t % 2 ? a : b, false, 0) < 0) {
                return -1;
            }
        }
    }
    return 0;
}

static void free_gen(gen *G)
{
    for (size_t i = 0; i < G->nnodes; i++) {
        free(G->nodes[i].id);
    }
    free(G->nodes);
    free(G->edges);
    free(G->stamp);
    for (size_t r = 0; G->regions && r < G->nregions; r++) {
        free(G->regions[r]);
    }
    free(G->regions);
    free(G->region_safe);
    for (size_t f = 0; G->fields && f < G->nfields; f++) {
        free(G->fields[f]);
    }
    free(G->fields);
}

int tgen_make(tgen_dataset *d, tgen_src *s, const tgen_params *p)
{
    gen G = { .s = s, .p = p, .d = d };
    size_t big_members = 0, chain = 0, wide = 0, base_nets;
    int rc = -1;

    memset(d, 0, sizeof *d);
    for (unsigned k = 0; k < TGEN_SHAPE_COUNT; k++) {
        /* dates, hostile text and targets are common; the heavy shapes rarer */
        size_t odds = k == 8 || k == 9 ? 2 : k == 7 ? 3 : k == 3 ? 60 : 5;
        if (chance(s, odds)) {
            d->shapes |= 1u << k;
        }
    }
    d->col_label = !chance(s, 4);
    d->col_region = !chance(s, 3);
    d->col_country = chance(s, 2);
    d->col_fields = !chance(s, 3);
    d->col_extra = chance(s, 3);
    d->col_role = !chance(s, 4);
    d->col_weight = !chance(s, 3);
    d->col_since = d->shapes & TGEN_DATES ? !chance(s, 4) : false;
    d->col_until = d->shapes & TGEN_DATES ? !chance(s, 4) : false;
    d->col_ref = chance(s, 2);
    d->col_edge_extra = chance(s, 4);
    G.crlf = chance(s, 5);

    G.nactors = tgen_next(s, p->max_actors + 1);
    base_nets = tgen_next(s, p->max_networks + 1);
    if (d->shapes & TGEN_SPANNER) {
        G.nactors += G.nactors == 0;
        if (base_nets < 20) {
            base_nets = pick(s, 20, p->many > 20 ? p->many : 20);
        }
    }
    if (d->shapes & TGEN_BIG) {
        big_members = pick(s, p->big * 2 / 3, p->big);
        G.nactors += big_members;
    }
    if (d->shapes & TGEN_DEEP) {
        chain = pick(s, 2, p->deep);
    }
    if (d->shapes & TGEN_WIDE) {
        wide = pick(s, 2, p->wide);
    }
    if (make_pools(&G) < 0 || make_nodes(&G, big_members, chain, wide, base_nets) < 0
        || make_memberships(&G, big_members, chain, wide, base_nets) < 0
        || make_collaborations(&G) < 0) {
        goto done;
    }
    d->nodes_count = G.nnodes;
    d->networks = G.nnets;
    for (size_t e = 0; e < G.nedges; e++) {
        if (G.edges[e].member) {
            d->memberships++;
        } else {
            d->collaborations++;
        }
    }
    if (G.nnodes && !(d->focus = xstrdup(G.nodes[tgen_next(s, G.nnodes)].id))) {
        goto done;
    }
    if (d->col_since || d->col_until) {
        date(&G, d->at, sizeof d->at, (int)pick(s, 1995, 2035));
    }
    if (write_nodes(&G) < 0 || write_edges(&G) < 0) {
        goto done;
    }
    if (d->shapes & TGEN_TARGETS && write_targets(&G) < 0) {
        goto done;
    }
    rc = 0;
done:
    free_gen(&G);
    if (rc < 0) {
        tgen_free(d);
    }
    return rc;
}

void tgen_free(tgen_dataset *d)
{
    free(d->nodes);
    free(d->edges);
    free(d->targets);
    free(d->focus);
    memset(d, 0, sizeof *d);
}

static int write_file(const char *dir, const char *name, const char *data, size_t len)
{
    char path[4096];
    FILE *fp;
    int rc = 0;

    if ((size_t)snprintf(path, sizeof path, "%s/%s", dir, name) >= sizeof path) {
        errno = ENAMETOOLONG;
        return -1;
    }
    if (!(fp = fopen(path, "wb"))) {
        return -1;
    }
    if (fwrite(data, 1, len, fp) != len) {
        rc = -1;
    }
    if (fclose(fp) != 0) {
        rc = -1;
    }
    return rc;
}

int tgen_write(const tgen_dataset *d, const char *dir)
{
    char path[4096];

    snprintf(path, sizeof path, "%s/targets.ini", dir);
    if (write_file(dir, "nodes.csv", d->nodes, d->nodes_len) < 0
        || write_file(dir, "edges.csv", d->edges, d->edges_len) < 0) {
        return -1;
    }
    if (d->targets) {
        return write_file(dir, "targets.ini", d->targets, d->targets_len);
    }
    if (remove(path) < 0 && errno != ENOENT) {
        return -1;
    }
    return 0;
}

const char *tgen_shape_names(unsigned shapes, char *buf, size_t size)
{
    static const char *const names[TGEN_SHAPE_COUNT] = { "spanner", "deep", "wide", "big",
                                                         "regions", "repeat", "extreme",
                                                         "hostile", "dates", "targets" };
    size_t used = 0;

    buf[0] = '\0';
    for (unsigned k = 0; k < TGEN_SHAPE_COUNT && used < size; k++) {
        if (shapes & (1u << k)) {
            used += (size_t)snprintf(buf + used, size - used, "%s%s", used ? "," : "", names[k]);
        }
    }
    return buf;
}

/* The dataset loader: nodes.csv then edges.csv, streamed through the CSV reader, each record
 * checked against the dataset contract (README.md) and appended to the model. Every violation is
 * collected with its line; a graph is returned only when there were none. */
#define _GNU_SOURCE /* strtod_l, newlocale */
#include <errno.h>
#include <locale.h>
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <collabnet/load.h>

#include "../model/graph.h"
#include "csv.h"

#define READ_CHUNK (1u << 16)
#define STR_(x) #x
#define STR(x) STR_(x) /* a number as its macro spells it: 1e300, not %g's 1e+300 */

enum { NC_ID, NC_LABEL, NC_KIND, NC_REGION, NC_COUNTRY, NC_FIELDS, NC_COUNT };
enum { EC_SOURCE, EC_TARGET, EC_KIND, EC_ROLE, EC_WEIGHT, EC_SINCE, EC_UNTIL, EC_REF, EC_COUNT };

static const char *const node_cols[NC_COUNT] = { "id", "label", "kind", "region", "country",
                                                 "fields" };
static const bool node_required[NC_COUNT] = { true, false, true, false, false, false };
static const char *const edge_cols[EC_COUNT] = { "source", "target", "kind", "role",
                                                 "weight", "since", "until", "ref" };
static const bool edge_required[EC_COUNT] = { true, true, true, false, false, false, false, false };
/* a scenario's nodes.csv may only remove: an add row without a kind is reported as a row */
static const bool scenario_node_required[NC_COUNT] = { true, false, false, false, false, false };

/* A node or edge row a scenario (or --without) removes, and the line that removed it (0: the
 * --without option). */
typedef struct removal {
    uint32_t index;
    uint32_t line;
} removal;

typedef struct loader {
    cn_graph *g;
    cn_diag_list *diags;
    const char *name;   /* display name of the file being read */
    const char *nodes_name;
    locale_t c_locale;
    size_t ncols;       /* columns in the header */
    int col[(int)EC_COUNT > (int)NC_COUNT ? (int)EC_COUNT : (int)NC_COUNT]; /* contract column -> header index */
    size_t *extra;      /* extra column k -> header index */
    size_t nextra;
    bool header_done;
    bool header_bad;    /* the header broke the contract: the file was not read on */
    bool gephi;         /* edges.csv is Gephi's edge table (it has a Type column) */
    bool gephi_noted;   /* the note on Gephi's Kind values was given */
    int interval;       /* header index of Gephi's Interval (or timeset) column read as since
                         * and until, -1 if none */
    bool nodes_ok;      /* nodes.csv was read to the end with a valid header */
    size_t errors;
    size_t diags_before; /* diagnostics in the list before this load */
    size_t max_errors;  /* give up reading after this many problems */
    cn_date at;         /* keep only edges in force then (year 0: all) */
    double wsum, lsum;  /* the stored rows' weights and 1 / weights, summed (CN_MAX_WEIGHT_SUM) */
    bool gave_up;
    /* the current edge row's source and target cni_hash(), taken some rows ahead (read_piped),
     * or NULL */
    const uint64_t *hash;
    /* scenarios (README "Scenarios"): its files are read with the same record functions */
    bool scenario;      /* reading a scenario file: an action column, adds and removes */
    int action;         /* header index of the `action` column, -1 */
    size_t *attr_of;    /* scenario: extra column k -> the dataset's extra column */
    const char *base_nodes, *base_edges; /* the dataset's files, named in scenario messages */
    const char *scen_nodes, *scen_edges; /* the scenario's files, named in messages */
    size_t base_n, base_m; /* nodes and edge rows of the dataset itself */
    removal *gone_nodes, *gone_edges;
    size_t ngone_nodes, ngone_edges, gone_nodes_cap, gone_edges_cap;
} loader;

static int report(loader *L, size_t line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static int report(loader *L, size_t line, const char *fmt, ...)
{
    char msg[768];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    L->errors++;
    return cn_diag_list_add(L->diags, L->name, line, "%s", msg);
}

/* A value quoted in a message: long values are cut so one bad cell cannot flood the output. */
static const char *q(const char *s, char buf[72])
{
    size_t n = strlen(s);

    if (n <= 64) {
        return s;
    }
    n = 60;
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80) {
        n--; /* do not cut a UTF-8 sequence */
    }
    memcpy(buf, s, n);
    memcpy(buf + n, "...", 4);
    return buf;
}

/* A scenario's extra columns are the dataset's: map each onto the dataset's column of that
 * name; a column the dataset lacks is a problem (a scenario adds rows, not columns). */
static int scenario_columns(loader *L, size_t line, const char **names, bool nodes, bool *bad)
{
    size_t na = nodes ? cn_graph_node_attr_count(L->g) : cn_graph_edge_attr_count(L->g);
    int rc = 0;

    if (L->nextra && !(L->attr_of = cni_alloc_array(L->nextra, sizeof *L->attr_of))) {
        return cni_fail(CN_ENOMEM, "out of memory");
    }
    for (size_t k = 0; k < L->nextra && rc >= 0; k++) {
        size_t j;
        char b1[72];
        for (j = 0; j < na; j++) {
            if (cni_streq_nocase(names[k], nodes ? cn_graph_node_attr_name(L->g, j)
                                                 : cn_graph_edge_attr_name(L->g, j))) {
                break;
            }
        }
        L->attr_of[k] = j;
        if (j == na) {
            rc = report(L, line, "column '%s' is not in %s (a scenario adds rows, not columns)",
                        q(names[k], b1), nodes ? L->base_nodes : L->base_edges);
            *bad = true;
        }
    }
    return rc;
}

/* Map header cells to contract columns; the rest become extra string attributes. */
static int read_header(loader *L, size_t line, size_t nf, char *const *f,
                       const char *const *names, const bool *required, size_t ncontract)
{
    const char **extra_names = NULL;
    size_t *extra_lens = NULL;
    int rc = 0;
    bool bad = false;

    L->ncols = nf;
    for (size_t c = 0; c < ncontract; c++) {
        L->col[c] = -1;
    }
    if (nf > CN_MAX_COLUMNS) {
        /* every row would hold nf cells: bound the memory a header can ask for */
        L->header_done = true;
        L->header_bad = true;
        rc = report(L, line, "%zu columns: at most %d are supported (as many as a spreadsheet "
                             "has)", nf, CN_MAX_COLUMNS);
        return rc < 0 ? rc : 1;
    }
    L->extra = cni_alloc_array(nf + 1, sizeof *L->extra); /* + Gephi's Kind as gephi_kind */
    extra_names = cni_alloc_array(nf + 1, sizeof *extra_names);
    extra_lens = cni_alloc_array(nf + 1, sizeof *extra_lens);
    if (!L->extra || !extra_names || !extra_lens) {
        rc = cni_fail(CN_ENOMEM, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < nf && rc >= 0; i++) {
        size_t c;
        char b1[72];
        if (f[i][0] == '\0') {
            rc = report(L, line, "column %zu has an empty name", i + 1);
            bad = true;
            continue;
        }
        for (size_t j = 0; j < i; j++) {
            if (cni_streq_nocase(f[i], f[j])) {
                rc = report(L, line, "duplicate column '%s' (columns %zu and %zu)", q(f[i], b1),
                            j + 1, i + 1);
                bad = true;
                break;
            }
        }
        for (c = 0; c < ncontract && !cni_streq_nocase(f[i], names[c]); c++) {
        }
        if (L->scenario && cni_streq_nocase(f[i], "action")) {
            L->action = (int)i;
        } else if (c < ncontract) {
            if (L->col[c] < 0) {
                L->col[c] = (int)i;
            }
        } else {
            extra_names[L->nextra] = f[i];
            extra_lens[L->nextra] = strlen(f[i]);
            L->extra[L->nextra++] = i;
        }
    }
    if (names == edge_cols && rc >= 0 && !bad) {
        /* Gephi's edge table (Source, Target, Type, Id, Label, Interval, Weight, Kind): its
         * Kind, the multigraph's edge kind, is kept as the attribute gephi_kind too, and its
         * Interval is since and until when those columns are absent */
        for (size_t k = 0; k < L->nextra; k++) {
            L->gephi |= cni_streq_nocase(extra_names[k], "type");
        }
        for (size_t k = 0; L->gephi && k < L->nextra; k++) {
            if ((cni_streq_nocase(extra_names[k], "interval")
                 || cni_streq_nocase(extra_names[k], "timeset"))
                && L->col[EC_SINCE] < 0 && L->col[EC_UNTIL] < 0) {
                L->interval = (int)L->extra[k];
            }
        }
        if (L->gephi && L->col[EC_KIND] >= 0) {
            extra_names[L->nextra] = "gephi_kind";
            extra_lens[L->nextra] = strlen("gephi_kind");
            L->extra[L->nextra++] = (size_t)L->col[EC_KIND];
        }
    }
    for (size_t c = 0; c < ncontract && rc >= 0; c++) {
        if (required[c] && L->col[c] < 0 && !(names == edge_cols && c == EC_KIND && L->gephi)) {
            rc = report(L, line, "missing required column '%s'", names[c]);
            bad = true;
        }
    }
    if (rc >= 0 && !bad && L->scenario) {
        rc = scenario_columns(L, line, extra_names, names == node_cols, &bad);
    } else if (rc >= 0 && !bad) {
        rc = names == node_cols
                 ? cni_graph_set_node_attrs(L->g, extra_names, extra_lens, L->nextra)
                 : cni_graph_set_edge_attrs(L->g, extra_names, extra_lens, L->nextra);
    }
done:
    free(extra_names);
    free(extra_lens);
    L->header_done = true;
    L->header_bad = bad;
    if (rc < 0) {
        return rc;
    }
    return bad ? 1 : 0; /* a bad header stops reading the file */
}

/* Whether enough problems were found to stop reading: a badly broken file (a wrong delimiter,
 * a binary file) then costs a bounded amount of time and output. */
static bool give_up(loader *L)
{
    if (cn_diag_list_total(L->diags) - L->diags_before >= L->max_errors) {
        L->gave_up = true;
    }
    return L->gave_up;
}

static const char *cell(const loader *L, char *const *f, int c)
{
    return L->col[c] >= 0 ? f[L->col[c]] : "";
}

static bool ragged(loader *L, size_t line, size_t nf, int *rc)
{
    if (nf == L->ncols) {
        return false;
    }
    *rc = report(L, line, "%zu fields, expected %zu as in the header", nf, L->ncols);
    return true;
}

static bool slug_ok(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || ((c == '-' || c == '_') && i))) {
            return false;
        }
    }
    return n > 0;
}

static int parse_kind(const char *s, const char *const *names, int count)
{
    for (int k = 0; k < count; k++) {
        if (cni_streq_nocase(s, names[k])) {
            return k;
        }
    }
    return -1;
}

/* ---- scenarios ---- */

enum { ACT_BAD = -1, ACT_ADD = 0, ACT_REMOVE = 1 };

/* A scenario row's action: add (also when empty or without the column) or remove; ACT_BAD
 * with the problem reported (*rc). */
static int row_action(loader *L, size_t line, char *const *f, int *rc)
{
    const char *a = L->action >= 0 ? f[L->action] : "";
    char b1[72];

    if (a[0] == '\0' || cni_streq_nocase(a, "add")) {
        return ACT_ADD;
    }
    if (cni_streq_nocase(a, "remove")) {
        return ACT_REMOVE;
    }
    *rc = report(L, line, "unknown action '%s' (expected add or remove)", q(a, b1));
    return ACT_BAD;
}

/* The removal of @p index in @p list, or NULL. Scenarios are small: a scan is enough. */
static const removal *removed(const removal *list, size_t n, size_t index)
{
    for (size_t k = 0; k < n; k++) {
        if (list[k].index == index) {
            return &list[k];
        }
    }
    return NULL;
}

static int push_removal(removal **list, size_t *n, size_t *cap, size_t index, size_t line)
{
    if (cni_grow((void **)list, cap, *n + 1, sizeof **list) < 0) {
        return CN_ENOMEM;
    }
    (*list)[(*n)++] = (removal){ (uint32_t)index, (uint32_t)line };
    return 0;
}

/* Remove node @p id (a scenario row on @p line, or --without for line 0). */
static int remove_node(loader *L, size_t line, const char *id)
{
    const removal *first;
    size_t i;
    char b1[72];

    if (id[0] == '\0') {
        return report(L, line, "empty id");
    }
    if ((i = cn_graph_find(L->g, id)) == CN_NONE) {
        return line ? report(L, line, "cannot remove '%s': no such id in %s", q(id, b1),
                             L->base_nodes)
                    : report(L, 0, "no actor or network '%s' in %s", q(id, b1), L->base_nodes);
    }
    if ((first = removed(L->gone_nodes, L->ngone_nodes, i))) {
        return line ? report(L, line, "'%s' is removed twice (first on line %u)", q(id, b1),
                             first->line)
                    : 0;
    }
    return push_removal(&L->gone_nodes, &L->ngone_nodes, &L->gone_nodes_cap, i, line);
}

/* Whether edge row e is still there: not removed, nor one of its ends. */
static bool edge_live(const loader *L, size_t e)
{
    return !removed(L->gone_edges, L->ngone_edges, e)
           && !removed(L->gone_nodes, L->ngone_nodes, L->g->e_src[e])
           && !removed(L->gone_nodes, L->ngone_nodes, L->g->e_dst[e]);
}

/* The lead edge of network @p net still there, or CNI_NO_INDEX. */
static uint32_t live_lead(const loader *L, size_t net)
{
    uint32_t e = L->g->lead[net];

    return e != CNI_NO_INDEX && (L->ngone_nodes || L->ngone_edges) && !edge_live(L, e)
               ? CNI_NO_INDEX
               : e;
}

/* A scenario's edge row that adds: an end removed by the scenario, or a membership already
 * there, is a problem. */
static int check_scenario_edge(loader *L, size_t line, size_t src, size_t dst, int kind)
{
    const size_t ends[2] = { src, dst };
    char b1[72], b2[72];

    for (int k = 0; k < 2; k++) {
        const removal *r = removed(L->gone_nodes, L->ngone_nodes, ends[k]);
        const char *which = k ? "target" : "source", *id = cn_graph_node_id(L->g, ends[k]);
        if (r && r->line) {
            return report(L, line, "%s '%s' is removed (line %u of %s)", which, q(id, b1),
                          r->line, L->scen_nodes);
        }
        if (r) {
            return report(L, line, "%s '%s' is removed (--without)", which, q(id, b1));
        }
    }
    for (size_t e = 0; kind == CN_EDGE_MEMBERSHIP && e < L->g->m; e++) {
        if (L->g->e_kind[e] == CN_EDGE_MEMBERSHIP && L->g->e_src[e] == src
            && L->g->e_dst[e] == dst && edge_live(L, e)) {
            return report(L, line, "'%s' is already a member of '%s' (line %u of %s)",
                          q(cn_graph_node_id(L->g, src), b1), q(cn_graph_node_id(L->g, dst), b2),
                          cni_lazy_get(&L->g->e_line, e),
                          e < L->base_m ? L->base_edges : L->name);
        }
    }
    return 0;
}

/* A scenario's edge row that removes: every row of that kind between the two nodes (either
 * way for collaboration) goes; none is a problem. */
static int remove_edges(loader *L, size_t line, size_t src, size_t dst, int kind)
{
    size_t found = 0;
    char b1[72], b2[72];
    int rc = 0;

    for (size_t e = 0; e < L->g->m && rc >= 0; e++) {
        uint32_t s = L->g->e_src[e], d = L->g->e_dst[e];
        if (L->g->e_kind[e] == kind
            && ((s == src && d == dst) || (kind == CN_EDGE_COLLABORATION && s == dst && d == src))
            && edge_live(L, e)) {
            rc = push_removal(&L->gone_edges, &L->ngone_edges, &L->gone_edges_cap, e, line);
            found++;
        }
    }
    if (rc >= 0 && found == 0) {
        rc = kind == CN_EDGE_MEMBERSHIP
                 ? report(L, line, "cannot remove: '%s' is not a member of '%s'",
                          q(cn_graph_node_id(L->g, src), b1), q(cn_graph_node_id(L->g, dst), b2))
                 : report(L, line, "cannot remove: no collaboration between '%s' and '%s'",
                          q(cn_graph_node_id(L->g, src), b1), q(cn_graph_node_id(L->g, dst), b2));
    }
    return rc;
}

static int node_record(void *ctx, size_t line, size_t nf, char *const *f, const size_t *lens)
{
    loader *L = ctx;
    static const char *const kinds[] = { "institution", "enterprise", "expert", "network" };
    const char *id, *kind_s, *fields;
    char b1[72];
    size_t i, other;
    int kind, action, rc = 0;
    uint32_t label = 0, region = 0, country = 0;

    if (give_up(L)) {
        return 1;
    }
    if (!L->header_done) {
        return read_header(L, line, nf, f, node_cols,
                           L->scenario ? scenario_node_required : node_required, NC_COUNT);
    }
    if (ragged(L, line, nf, &rc)) {
        /* keep a usable id so that edges naming it are not reported as unknown too */
        if (rc >= 0 && L->col[NC_ID] >= 0 && (size_t)L->col[NC_ID] < nf && f[L->col[NC_ID]][0]
            && cn_graph_find(L->g, f[L->col[NC_ID]]) == CN_NONE) {
            rc = cni_graph_add_node(&i, L->g, f[L->col[NC_ID]], lens[L->col[NC_ID]],
                                    CNI_KIND_INVALID, (uint32_t)line);
        }
        return rc;
    }
    id = cell(L, f, NC_ID);
    kind_s = cell(L, f, NC_KIND);
    if (L->scenario && (action = row_action(L, line, f, &rc)) != ACT_ADD) {
        return action == ACT_REMOVE ? remove_node(L, line, id) : rc;
    }
    if (id[0] == '\0') {
        return report(L, line, "empty id");
    }
    if ((other = cn_graph_find(L->g, id)) != CN_NONE && L->scenario && other < L->base_n) {
        return report(L, line, "'%s' is already in %s (line %zu): a scenario adds new ids only",
                      q(id, b1), L->base_nodes, cn_graph_node_line(L->g, other));
    }
    if (other != CN_NONE) {
        return report(L, line, "duplicate id '%s' (first on line %zu)", q(id, b1),
                      cn_graph_node_line(L->g, other));
    }
    kind = parse_kind(kind_s, kinds, CN_NODE_KIND_COUNT);
    if (kind < 0) {
        rc = report(L, line, "unknown kind '%s' (expected institution, enterprise, expert or "
                             "network)", q(kind_s, b1));
        kind = CNI_KIND_INVALID; /* keep the id so edges naming it are not reported again */
    }
    if (rc < 0 || (rc = cni_graph_add_node(&i, L->g, id, strlen(id), (uint8_t)kind,
                                           (uint32_t)line)) < 0) {
        return rc;
    }
    if ((L->col[NC_LABEL] >= 0 && f[L->col[NC_LABEL]][0]
         && (rc = cni_graph_store(&label, L->g, f[L->col[NC_LABEL]],
                                  lens[L->col[NC_LABEL]])) < 0)
        || (L->col[NC_REGION] >= 0
            && (rc = cni_graph_intern(&region, L->g, f[L->col[NC_REGION]],
                                      lens[L->col[NC_REGION]])) < 0)
        || (L->col[NC_COUNTRY] >= 0
            && (rc = cni_graph_intern(&country, L->g, f[L->col[NC_COUNTRY]],
                                      lens[L->col[NC_COUNTRY]])) < 0)) {
        return rc;
    }
    cni_graph_set_node_str(L->g, i, label, region, country);
    fields = cell(L, f, NC_FIELDS);
    while (*fields && rc >= 0) {
        const char *end = strchr(fields, ';'), *s = fields, *e;
        if (!end) {
            end = fields + strlen(fields);
        }
        e = end;
        while (s < e && (*s == ' ' || *s == '\t')) {
            s++;
        }
        while (e > s && (e[-1] == ' ' || e[-1] == '\t')) {
            e--;
        }
        if (e > s) {
            if (!slug_ok(s, (size_t)(e - s))) {
                char *bad = cni_strndup(s, (size_t)(e - s));
                if (!bad) {
                    return cni_fail(CN_ENOMEM, "out of memory");
                }
                rc = report(L, line, "invalid field slug '%s' (use lowercase letters, digits, "
                                     "'-' and '_', separated by ';')", q(bad, b1));
                free(bad);
            } else {
                rc = cni_graph_add_field(L->g, i, s, (size_t)(e - s));
            }
        }
        fields = *end ? end + 1 : end;
    }
    for (size_t k = 0; k < L->nextra && rc >= 0; k++) {
        rc = cni_graph_set_node_attr(L->g, i, L->attr_of ? L->attr_of[k] : k, f[L->extra[k]],
                                     lens[L->extra[k]]);
    }
    return rc < 0 ? rc : 0;
}

/* A weight is a positive finite decimal number ("1", "2.5", "1e3"); hex, inf and nan are not. */
static bool parse_weight(double *out, const char *s, locale_t c_locale)
{
    char *end;
    const char *p = s;

    *out = 1.0;
    if (*s == '\0') {
        return true;
    }
    if (*p == '+') {
        p++;
    }
    if (!((*p >= '0' && *p <= '9') || (*p == '.' && p[1] >= '0' && p[1] <= '9'))
        || strpbrk(s, "xXpP")) {
        return false;
    }
    errno = 0;
    *out = strtod_l(s, &end, c_locale);
    return *end == '\0' && errno != ERANGE && isfinite(*out) && *out > 0;
}

static int endpoint(loader *L, size_t line, const char *which, const char *id,
                    const uint64_t *hash, size_t *out, cn_node_kind *kind)
{
    char b1[72];

    *out = CN_NONE;
    *kind = CN_NODE_KIND_COUNT;
    if (id[0] == '\0') {
        return report(L, line, "empty %s", which);
    }
    if (!L->nodes_ok) {
        return 0; /* nodes.csv already failed: do not pile unknown references on top */
    }
    *out = hash ? cni_graph_find_kind_hash(L->g, id, strlen(id), *hash, kind)
                : cni_graph_find_kind(L->g, id, kind);
    if (*out == CN_NONE) {
        return report(L, line, "unknown %s '%s' (not in %s)", which, q(id, b1), L->nodes_name);
    }
    return 0;
}

static const char *article(cn_node_kind k)
{
    return k == CN_NODE_INSTITUTION || k == CN_NODE_ENTERPRISE || k == CN_NODE_EXPERT ? "an" : "a";
}

/* Gephi's interval "<[2001.0, 2005.0]>" (several: "<[a, b]; [c, d]>", their span), its ends
 * years as doubles or dates, "-Infinity"/"Infinity" open: since and until as the contract
 * writes them in @p since and @p until. False when @p s is not such an interval. */
static bool gephi_interval(char since[32], char until[32], const char *s)
{
    const char *a = strchr(s, '['), *z = strrchr(s, ']');
    const char *ends[2], *stop[2];

    since[0] = until[0] = '\0';
    if (!*s) {
        return true;
    }
    if (!a || !z || z < a) {
        return false;
    }
    ends[0] = a + 1;
    stop[0] = strchr(a, ',');
    if (!stop[0] || stop[0] > z) {
        return false;
    }
    for (stop[1] = z, ends[1] = z; ends[1] > stop[0] && ends[1][-1] != ','; ends[1]--) {
    }
    for (int k = 0; k < 2; k++) {
        char *out = k == 0 ? since : until;
        const char *p = ends[k], *e = stop[k];
        while (p < e && *p == ' ') {
            p++;
        }
        while (e > p && e[-1] == ' ') {
            e--;
        }
        size_t n = (size_t)(e - p);
        if (n >= 2 && memcmp(e - 2, ".0", 2) == 0) {
            n -= 2; /* a year as Gephi's double: 2001.0 */
        }
        if (n >= 32) {
            return false;
        }
        memcpy(out, p, n);
        out[n] = '\0';
        if (strcmp(out, "-Infinity") == 0 || strcmp(out, "Infinity") == 0) {
            out[0] = '\0';
        }
    }
    return true;
}

static int edge_record(void *ctx, size_t line, size_t nf, char *const *f, const size_t *lens)
{
    loader *L = ctx;
    static const char *const kinds[] = { "membership", "collaboration" };
    static const char *const roles[] = { "", "lead", "member", "partner" };
    const char *src_s, *dst_s, *kind_s, *role_s, *w_s, *since_s, *until_s;
    char b1[72], b2[72], since_b[32], until_b[32];
    size_t src, dst, e, errors_before = L->errors;
    cn_node_kind sk, dk;
    int kind, role, action = ACT_ADD, rc = 0;
    uint32_t lead_e;
    double weight;
    cn_date since, until;
    uint32_t ref = 0;

    if (give_up(L)) {
        return 1;
    }
    if (!L->header_done) {
        return read_header(L, line, nf, f, edge_cols, edge_required, EC_COUNT);
    }
    if (ragged(L, line, nf, &rc)) {
        return rc;
    }
    src_s = cell(L, f, EC_SOURCE);
    dst_s = cell(L, f, EC_TARGET);
    if (L->nodes_ok && !L->hash) {
        /* both endpoints' table slots at once: their cache misses overlap (read_piped fetches
         * them some rows ahead) */
        cni_graph_prefetch_node(L->g, src_s);
        cni_graph_prefetch_node(L->g, dst_s);
    }
    kind_s = cell(L, f, EC_KIND);
    role_s = cell(L, f, EC_ROLE);
    w_s = cell(L, f, EC_WEIGHT);
    since_s = cell(L, f, EC_SINCE);
    until_s = cell(L, f, EC_UNTIL);
    if (L->interval >= 0) {
        if (!gephi_interval(since_b, until_b, f[L->interval])
            && (rc = report(L, line, "invalid Interval '%s' (expected Gephi's <[start, end]>)",
                            q(f[L->interval], b1))) < 0) {
            return rc;
        }
        since_s = since_b;
        until_s = until_b;
    }

    if (L->scenario && (action = row_action(L, line, f, &rc)) == ACT_BAD) {
        return rc;
    }
    if ((rc = endpoint(L, line, "source", src_s, L->hash, &src, &sk)) < 0
        || (rc = endpoint(L, line, "target", dst_s, L->hash ? L->hash + 1 : NULL, &dst, &dk))
               < 0) {
        return rc;
    }
    kind = parse_kind(kind_s, kinds, CN_EDGE_KIND_COUNT);
    if (kind < 0 && L->gephi) {
        /* Gephi's Kind, kept as gephi_kind: the edge is a collaboration */
        if (kind_s[0] && !L->gephi_noted
            && (rc = cn_diag_list_add(L->diags, L->name, line, "note: Kind '%s' is Gephi's edge "
                                      "kind, not membership or collaboration: kept as the "
                                      "attribute gephi_kind, and such edges are collaboration",
                                      q(kind_s, b1))) < 0) {
            return rc;
        }
        L->gephi_noted |= kind_s[0] != '\0';
        kind = CN_EDGE_COLLABORATION;
    }
    if (kind < 0 && (rc = report(L, line, "unknown kind '%s' (expected membership or "
                                          "collaboration)", q(kind_s, b1))) < 0) {
        return rc;
    }
    if (action == ACT_REMOVE) {
        return src != CN_NONE && dst != CN_NONE && kind >= 0
                   ? remove_edges(L, line, src, dst, kind)
                   : 0;
    }
    if (L->scenario && src != CN_NONE && dst != CN_NONE && kind >= 0
        && ((rc = check_scenario_edge(L, line, src, dst, kind)) < 0 || L->errors > errors_before)) {
        return rc; /* one message for a row that names a removed node */
    }
    role = kind == CN_EDGE_MEMBERSHIP && role_s[0] == '\0' ? CN_ROLE_MEMBER
                                                           : parse_kind(role_s, roles, CN_ROLE_COUNT);
    if (kind == CN_EDGE_COLLABORATION && role_s[0]) {
        rc = report(L, line, "role '%s' on a collaboration edge (roles apply to membership only)",
                    q(role_s, b1));
    } else if (kind == CN_EDGE_MEMBERSHIP && role < 0) {
        rc = report(L, line, "unknown role '%s' (expected lead, member or partner)",
                    q(role_s, b1));
    }
    if (rc < 0) {
        return rc;
    }
    if (!parse_weight(&weight, w_s, L->c_locale)
        && (rc = report(L, line, "invalid weight '%s' (expected a positive finite number)",
                        q(w_s, b1))) < 0) {
        return rc;
    }
    if (cn_date_parse(&since, since_s) < 0
        && (rc = report(L, line, "invalid since date '%s' (expected YYYY, YYYY-MM or YYYY-MM-DD)",
                        q(since_s, b1))) < 0) {
        return rc;
    }
    if (cn_date_parse(&until, until_s) < 0
        && (rc = report(L, line, "invalid until date '%s' (expected YYYY, YYYY-MM or YYYY-MM-DD)",
                        q(until_s, b1))) < 0) {
        return rc;
    }
    if (cn_date_before(until, since)
        && (rc = report(L, line, "until '%s' is before since '%s'", until_s, since_s)) < 0) {
        return rc;
    }
    if (src != CN_NONE && dst != CN_NONE && kind >= 0) {
        /* read only for a lead row: a random read of lead[] per row was an eighth of the
         * load of generated L (perf) */
        lead_e = kind == CN_EDGE_MEMBERSHIP && role == CN_ROLE_LEAD ? live_lead(L, dst)
                                                                    : CNI_NO_INDEX;
        if (src == dst) {
            rc = report(L, line, "self-loop: '%s' is both source and target", q(src_s, b1));
        } else if (kind == CN_EDGE_MEMBERSHIP && dk != CN_NODE_NETWORK
                   && (unsigned)dk < CN_NODE_KIND_COUNT) {
            rc = report(L, line, "membership target '%s' is %s %s, not a network", q(dst_s, b1),
                        article(dk), cn_node_kind_name(dk));
        } else if (kind == CN_EDGE_COLLABORATION
                   && (sk == CN_NODE_NETWORK || dk == CN_NODE_NETWORK)) {
            rc = report(L, line, "collaboration endpoint '%s' is a network (collaboration ties "
                                 "two non-network nodes; use membership)",
                        q(sk == CN_NODE_NETWORK ? src_s : dst_s, b1));
        } else if (kind == CN_EDGE_MEMBERSHIP && role == CN_ROLE_LEAD && lead_e != CNI_NO_INDEX
                   && L->g->e_src[lead_e] == src) {
            rc = report(L, line, "'%s' is a member of '%s' twice (first on line %u)",
                        q(src_s, b1), q(dst_s, b2), cni_lazy_get(&L->g->e_line, lead_e));
        } else if (kind == CN_EDGE_MEMBERSHIP && role == CN_ROLE_LEAD && lead_e != CNI_NO_INDEX) {
            uint32_t first = lead_e;
            rc = report(L, line, "network '%s' has a second lead '%s' (first lead '%s' on line %u)",
                        q(dst_s, b1), q(src_s, b2), cn_graph_node_id(L->g, L->g->e_src[first]),
                        cni_lazy_get(&L->g->e_line, first));
        }
        if (rc < 0) {
            return rc;
        }
    }
    if (L->errors > errors_before || src == CN_NONE || dst == CN_NONE) {
        return 0; /* a bad row is reported, not stored */
    }
    /* each weight is finite, but repeated rows of a pair are summed, and so are a node's ties
     * (its strength) and a path's lengths: bounding both totals bounds every such sum */
    if (L->wsum + weight > CN_MAX_WEIGHT_SUM) {
        return report(L, line, "weight '%s' brings the total of the weights past "
                               STR(CN_MAX_WEIGHT_SUM) " (sums such as a tie's weight or a "
                               "node's strength must stay finite)", q(w_s, b1));
    }
    if (L->lsum + 1.0 / weight > CN_MAX_WEIGHT_SUM) {
        return report(L, line, "weight '%s' brings the total of 1 / weight past "
                               STR(CN_MAX_WEIGHT_SUM) " (a path's length counts an edge as "
                               "1 / weight and must stay finite)", q(w_s, b1));
    }
    L->wsum += weight;
    L->lsum += 1.0 / weight;
    if (L->col[EC_REF] >= 0
        && (rc = cni_graph_intern(&ref, L->g, f[L->col[EC_REF]], lens[L->col[EC_REF]])) < 0) {
        return rc;
    }
    if ((rc = cni_graph_add_edge(&e, L->g, (uint32_t)src, (uint32_t)dst, (uint8_t)kind,
                                 (uint8_t)(kind == CN_EDGE_MEMBERSHIP ? role : CN_ROLE_NONE),
                                 weight, cni_date_pack(since), cni_date_pack(until), ref,
                                 (uint32_t)line)) < 0) {
        return rc;
    }
    if (kind == CN_EDGE_MEMBERSHIP && role == CN_ROLE_LEAD) {
        L->g->lead[dst] = (uint32_t)e;
    }
    for (size_t k = 0; k < L->nextra && rc >= 0; k++) {
        rc = cni_graph_set_edge_attr(L->g, e, L->attr_of ? L->attr_of[k] : k, f[L->extra[k]],
                                     lens[L->extra[k]]);
    }
    return rc;
}

/* The membership rows from a network to a network, as from[k] -> to[k]; returns how many. */
static size_t network_edges(uint32_t *from, uint32_t *to, const cn_graph *g)
{
    size_t m = 0;

    for (size_t e = 0; e < g->m; e++) {
        if (g->e_kind[e] == CN_EDGE_MEMBERSHIP && g->node_kind[g->e_src[e]] == CN_NODE_NETWORK) {
            from[m] = g->e_src[e];
            to[m++] = g->e_dst[e];
        }
    }
    return m;
}

/* Checks across rows, once both files are read: repeated memberships, membership cycles. */
static int check_memberships(loader *L)
{
    cn_graph *g = L->g;
    uint32_t *seen = NULL, *comp = NULL, *from = NULL, *to = NULL, *last_line = NULL;
    size_t *size = NULL, m = 0, ncomp = 0, nlocal = 0;
    int rc = 0;

    /* repeated (member, network) pairs: mark each network's members in turn */
    if (!(seen = cni_alloc_array(g->n, sizeof *seen))) {
        rc = cni_fail(CN_ENOMEM, "out of memory");
        goto done;
    }
    for (size_t v = 0; v < g->n; v++) {
        seen[v] = CNI_NO_INDEX;
    }
    for (size_t net = 0; net < g->n && rc >= 0; net++) {
        for (uint32_t k = g->in_off[net]; k < g->in_off[net + 1] && rc >= 0; k++) {
            uint32_t e = g->in_edges[k], s = g->e_src[e];
            if (seen[s] != CNI_NO_INDEX && g->e_dst[seen[s]] == net) {
                char b1[72], b2[72];
                rc = report(L, cni_lazy_get(&g->e_line, e),
                            "'%s' is a member of '%s' twice (first on line %u)",
                            q(cn_graph_node_id(g, s), b1), q(cn_graph_node_id(g, net), b2),
                            cni_lazy_get(&g->e_line, seen[s]));
            } else {
                seen[s] = e;
            }
        }
    }
    /* cycles among networks: strongly connected components of network-in-network edges */
    from = cni_alloc_array(g->count_edge_kind[CN_EDGE_MEMBERSHIP], sizeof *from);
    to = cni_alloc_array(g->count_edge_kind[CN_EDGE_MEMBERSHIP], sizeof *to);
    comp = cni_alloc_array(g->n, sizeof *comp);
    if (rc < 0 || !from || !to || !comp) {
        rc = rc < 0 ? rc : cni_fail(CN_ENOMEM, "out of memory");
        goto done;
    }
    if ((m = network_edges(from, to, g)) == 0) {
        goto done;
    }
    /* first on the networks these edges join alone (numbered in node order): without a cycle
     * there, there is none, and igraph's graph of every node is not built (at generated L, a
     * million nodes cost it 100 MB, an eighth of the load's peak) */
    for (size_t v = 0; v < g->n; v++) {
        comp[v] = CNI_NO_INDEX;
    }
    for (size_t k = 0; k < m; k++) {
        comp[from[k]] = comp[to[k]] = 0;
    }
    for (size_t v = 0; v < g->n; v++) {
        if (comp[v] == 0) {
            comp[v] = (uint32_t)nlocal++;
        }
    }
    for (size_t k = 0; k < m; k++) {
        from[k] = comp[from[k]];
        to[k] = comp[to[k]];
    }
    if ((rc = cni_graph_strong_components(comp, &ncomp, nlocal, from, to, m)) < 0
        || ncomp == nlocal) {
        goto done;
    }
    /* a cycle: the messages come in the order the whole graph numbers its components */
    network_edges(from, to, g);
    if ((rc = cni_graph_strong_components(comp, &ncomp, g->n, from, to, m)) < 0) {
        goto done;
    }
    size = cni_calloc_array(ncomp, sizeof *size);
    last_line = cni_calloc_array(ncomp, sizeof *last_line);
    if (!size || !last_line) {
        rc = cni_fail(CN_ENOMEM, "out of memory");
        goto done;
    }
    for (size_t v = 0; v < g->n; v++) {
        size[comp[v]]++;
    }
    /* the row read last (index + 1): its file's line, the scenario's after the dataset's */
    for (size_t e = 0; e < g->m; e++) {
        if (g->e_kind[e] == CN_EDGE_MEMBERSHIP && comp[g->e_src[e]] == comp[g->e_dst[e]]) {
            last_line[comp[g->e_src[e]]] = (uint32_t)e + 1;
        }
    }
    /* one message per cycle, at the row that closed it, naming its networks in file order */
    for (size_t c = 0; c < ncomp && rc >= 0; c++) {
        char msg[512], b1[72];
        size_t len = 0, shown = 0;
        if (size[c] < 2) {
            continue;
        }
        for (size_t v = 0; v < g->n && len < sizeof msg; v++) {
            if (comp[v] != c) {
                continue;
            }
            if (shown == 5) {
                len += (size_t)snprintf(msg + len, sizeof msg - len, " and %zu more",
                                        size[c] - shown);
                break;
            }
            len += (size_t)snprintf(msg + len, sizeof msg - len, "%s'%s'", shown ? ", " : "",
                                    q(cn_graph_node_id(g, v), b1));
            shown++;
        }
        L->name = last_line[c] - 1 < L->base_m ? L->base_edges : L->scen_edges;
        rc = report(L, cni_lazy_get(&g->e_line, last_line[c] - 1),
                    "membership cycle among networks %s", msg);
    }
done:
    free(seen);
    free(comp);
    free(from);
    free(to);
    free(size);
    free(last_line);
    return rc;
}

/* ---- nodes.csv and edges.csv on two threads ----
 * The CSV reader (libcsv, the UTF-8 and NUL checks, splitting fields: a sixth of the load of
 * generated L, a quarter of its nodes.csv) runs on a thread of its own and hands whole records
 * over in batches; this thread checks and stores them in file order, as before. The reader's
 * own problems (bad quoting, invalid UTF-8) go to a private list, and each record carries how
 * many came before it, so they reach L->diags in file order between the rows' problems, and
 * none after the reading stopped (the error cap, a bad header) but the malformed quoting one
 * thread still reports on the line where it stopped: the diagnostics are those of one thread.
 * The reader touches no graph: the node table and the string pool are this thread's alone.
 * Looking up the endpoints was a third of the load of generated L (perf), mostly waiting for
 * memory one row at a time: the checks hash each row's source and target PIPE_AHEAD rows
 * ahead and fetch their table slots, so the cache misses of many rows overlap (and so for
 * nodes.csv's ids, which are entered in the table). */
#define PIPE_RECORDS 4096
#define PIPE_BYTES (1u << 20)
#define PIPE_AHEAD 8

typedef struct pipe_batch {
    size_t n, nfields, blen, fcap, bcap;
    size_t fed;                  /* bytes of the file read when the batch was handed over */
    size_t line[PIPE_RECORDS], nf[PIPE_RECORDS], first[PIPE_RECORDS], ndiag[PIPE_RECORDS];
    uint64_t hash[PIPE_RECORDS][2]; /* the checks': cni_hash() of source and target, */
    bool hashed[PIPE_RECORDS];      /* when hashed[k] */
    size_t *offs, *lens;         /* each stored field's offset in bytes and length */
    char *bytes;                 /* the fields, each NUL-terminated */
} pipe_batch;

typedef struct pipe {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    pipe_batch *slot[2];
    bool full[2];
    bool done;                   /* the reader finished: rc and msg are set */
    atomic_bool stop;            /* the checks stopped reading: the reader quits */
    int rc;
    char msg[1024];              /* the reader's error message (cn_errmsg is per thread) */
    FILE *fp;
    const char *path;
    cni_csv *r;
    cn_diag_list *own;           /* the reader's problems, in file order */
    size_t cur, fed;
} pipe;

/* Hand the current batch over and wait for the other one; 1 once the checks stopped. */
static int pipe_push(pipe *pp)
{
    bool stop;

    pthread_mutex_lock(&pp->mu);
    pp->slot[pp->cur]->fed = pp->fed;
    pp->full[pp->cur] = true;
    pthread_cond_broadcast(&pp->cv);
    pp->cur ^= 1;
    while (pp->full[pp->cur] && !pp->stop) {
        pthread_cond_wait(&pp->cv, &pp->mu);
    }
    stop = pp->stop;
    pthread_mutex_unlock(&pp->mu);
    pp->slot[pp->cur]->n = pp->slot[pp->cur]->nfields = pp->slot[pp->cur]->blen = 0;
    return stop ? 1 : 0;
}

static int pipe_record(void *ctx, size_t line, size_t nf, char *const *f, const size_t *lens)
{
    pipe *pp = ctx;
    pipe_batch *b = pp->slot[pp->cur];
    size_t stored = nf <= CN_MAX_COLUMNS ? nf : CN_MAX_COLUMNS + 1, bytes = 0;

    for (size_t i = 0; i < stored; i++) {
        bytes += lens[i] + 1;
    }
    if ((b->blen + bytes > b->bcap && cni_grow((void **)&b->bytes, &b->bcap, b->blen + bytes, 1) < 0)
        || (b->nfields + stored > b->fcap
            && (cni_grow((void **)&b->offs, &(size_t){ b->fcap }, b->nfields + stored,
                         sizeof *b->offs) < 0
                || cni_grow((void **)&b->lens, &b->fcap, b->nfields + stored, sizeof *b->lens)
                       < 0))) {
        return cni_fail(CN_ENOMEM, "out of memory");
    }
    b->line[b->n] = line;
    b->nf[b->n] = nf;
    b->first[b->n] = b->nfields;
    b->ndiag[b->n] = cn_diag_list_total(pp->own);
    for (size_t i = 0; i < stored; i++) {
        memcpy(b->bytes + b->blen, f[i], lens[i] + 1);
        b->offs[b->nfields] = b->blen;
        b->lens[b->nfields++] = lens[i];
        b->blen += lens[i] + 1;
    }
    return ++b->n == PIPE_RECORDS || b->blen >= PIPE_BYTES ? pipe_push(pp) : 0;
}

static void *pipe_read(void *arg)
{
    pipe *pp = arg;
    char *buf = malloc(READ_CHUNK);
    size_t got;
    int rc = buf ? 0 : cni_fail(CN_ENOMEM, "out of memory");

    while (rc >= 0 && !pp->stop && (got = fread(buf, 1, READ_CHUNK, pp->fp)) > 0) {
        rc = cni_csv_feed(pp->r, buf, got);
        pp->fed += got;
    }
    if (rc >= 0 && ferror(pp->fp)) {
        rc = cni_fail(CN_EIO, "cannot read '%s': %s", pp->path, strerror(errno));
    }
    if (rc >= 0) {
        rc = cni_csv_finish(pp->r);
    }
    free(buf);
    pthread_mutex_lock(&pp->mu);
    if (pp->slot[pp->cur]->n) {
        pp->slot[pp->cur]->fed = pp->fed;
        pp->full[pp->cur] = true;
    }
    pp->rc = rc;
    if (rc < 0 && rc != CN_EDATA) {
        snprintf(pp->msg, sizeof pp->msg, "%s", cn_errmsg());
    }
    pp->done = true;
    pthread_cond_broadcast(&pp->cv);
    pthread_mutex_unlock(&pp->mu);
    return NULL;
}

/* The reader's problems before its record @p upto (its count of them) into L->diags. */
static int pipe_diags(loader *L, const pipe *pp, size_t *flushed, size_t upto)
{
    int rc = 0;

    for (; *flushed < upto && rc >= 0; (*flushed)++) {
        const cn_diag *d = cn_diag_list_at(pp->own, *flushed);
        if (d) {
            rc = cn_diag_list_add(L->diags, d->file, d->line, "%s", d->message);
        }
    }
    return rc;
}

/* Hash record @p k's source and target (edges.csv) or id (nodes.csv), when the row has the
 * header's fields, and fetch their slots in the node table. */
static void pipe_hash(const loader *L, pipe_batch *b, size_t k, bool edges)
{
    const int cols[2] = { L->col[edges ? EC_SOURCE : NC_ID], edges ? L->col[EC_TARGET] : 0 };

    if ((b->hashed[k] = !L->header_bad && b->nf[k] == L->ncols && cols[0] >= 0 && cols[1] >= 0)) {
        for (int c = 0; c < (edges ? 2 : 1); c++) {
            size_t i = b->first[k] + (size_t)cols[c];
            b->hash[k][c] = cni_hash(b->bytes + b->offs[i], b->lens[i]);
            cni_graph_prefetch_hash(L->g, b->hash[k][c]);
        }
    }
}

/* The checks stopped at the record that began on @p line, the reader's problem @p from being
 * the first after it: one thread would still have reported malformed quoting on the rest of
 * that line (the reader's problems of later lines have later lines; those of records the line
 * still held after the stop, one thread does not find). */
static int pipe_stop_diags(loader *L, const pipe *pp, size_t from, size_t line)
{
    for (size_t i = from; i < cn_diag_list_total(pp->own); i++) {
        const cn_diag *d = cn_diag_list_at(pp->own, i);
        if (!d || d->line != line) {
            break;
        }
        if (cni_csv_quoting_problem(d)) {
            return cn_diag_list_add(L->diags, d->file, d->line, "%s", d->message);
        }
    }
    return 0;
}

/* Read a dataset file (@p fp, open) with the CSV reader on a thread of its own; as read_file. */
static int read_piped(loader *L, FILE *fp, const char *path, const struct stat *st,
                      cni_csv_record_fn fn, bool *complete)
{
    pipe pp = { .fp = fp, .path = path };
    pthread_t th;
    size_t s = 0, flushed = 0, stop_line = 0, stop_diag = 0;
    bool started = false, stopped = false, reserved = false, edges = fn == edge_record;
    int rc;

    pthread_mutex_init(&pp.mu, NULL);
    pthread_cond_init(&pp.cv, NULL);
    if (!(pp.slot[0] = calloc(1, sizeof *pp.slot[0])) || !(pp.slot[1] = calloc(1, sizeof *pp.slot[1]))) {
        rc = cni_fail(CN_ENOMEM, "out of memory");
        goto done;
    }
    /* a private list keeps as many as the checks can take before they give up */
    if ((rc = cn_diag_list_create(&pp.own, L->max_errors < SIZE_MAX ? L->max_errors + 1 : 0))
            < 0
        || (rc = cni_csv_create(&pp.r, path, pp.own, pipe_record, &pp)) < 0) {
        goto done;
    }
    if (pthread_create(&th, NULL, pipe_read, &pp) != 0) {
        rc = cni_fail(CN_ENOMEM, "cannot start a thread");
        goto done;
    }
    started = true;
    while (rc >= 0 && !stopped) {
        pipe_batch *b;
        pthread_mutex_lock(&pp.mu);
        while (!pp.full[s] && !pp.done) {
            pthread_cond_wait(&pp.cv, &pp.mu);
        }
        b = pp.full[s] ? pp.slot[s] : NULL;
        pthread_mutex_unlock(&pp.mu);
        if (!b) {
            break;
        }
        for (size_t k = 0, ahead = 0; k < b->n && rc >= 0 && !stopped; k++) {
            char *fields[CN_MAX_COLUMNS + 1];
            while (L->header_done && (L->nodes_ok || !edges) && ahead < b->n
                   && ahead <= k + PIPE_AHEAD) {
                pipe_hash(L, b, ahead++, edges);
            }
            L->hash = edges && k < ahead && b->hashed[k] ? b->hash[k] : NULL;
            size_t stored = b->nf[k] <= CN_MAX_COLUMNS ? b->nf[k] : CN_MAX_COLUMNS + 1;
            for (size_t i = 0; i < stored; i++) {
                fields[i] = b->bytes + b->offs[b->first[k] + i];
            }
            if ((rc = pipe_diags(L, &pp, &flushed, b->ndiag[k])) >= 0) {
                rc = fn(L, b->line[k], b->nf[k], fields, b->lens + b->first[k]);
            }
            if ((stopped = rc > 0)) {
                stop_line = b->line[k];
                stop_diag = b->ndiag[k];
            }
        }
        L->hash = NULL;
        if (!reserved && edges && L->g->m >= 1024 && L->g->neattr == 0 && S_ISREG(st->st_mode)
            && (off_t)b->fed < st->st_size) {
            double rows = (double)L->g->m * (double)st->st_size / (double)b->fed;
            reserved = true; /* as in read_file */
            if (rows * 17 / 16 < (double)CNI_NO_INDEX) {
                (void)cni_graph_reserve_edges(L->g, (size_t)(rows * 17 / 16));
            }
        }
        pthread_mutex_lock(&pp.mu);
        pp.full[s] = false;
        pthread_cond_broadcast(&pp.cv);
        pthread_mutex_unlock(&pp.mu);
        s ^= 1;
    }
    if (rc > 0) {
        rc = 0;
    }
    pthread_mutex_lock(&pp.mu);
    pp.stop = true; /* when the checks stopped early; else the reader is done already */
    pthread_cond_broadcast(&pp.cv);
    pthread_mutex_unlock(&pp.mu);
    pthread_join(th, NULL);
    started = false;
    if (rc >= 0 && !stopped) {
        if (pp.rc < 0 && pp.rc != CN_EDATA) {
            rc = cni_fail(pp.rc, "%s", pp.msg);
        } else {
            rc = pipe_diags(L, &pp, &flushed, cn_diag_list_total(pp.own));
        }
    } else if (rc >= 0) {
        rc = pipe_stop_diags(L, &pp, stop_diag, stop_line);
    }
    L->errors += cni_csv_errors(pp.r);
    *complete = rc >= 0 && cni_csv_errors(pp.r) == 0 && L->header_done && !L->header_bad;
done:
    if (started) {
        pthread_join(th, NULL);
    }
    cni_csv_destroy(pp.r);
    cn_diag_list_destroy(pp.own);
    for (int k = 0; k < 2; k++) {
        if (pp.slot[k]) {
            free(pp.slot[k]->offs);
            free(pp.slot[k]->lens);
            free(pp.slot[k]->bytes);
            free(pp.slot[k]);
        }
    }
    pthread_cond_destroy(&pp.cv);
    pthread_mutex_destroy(&pp.mu);
    return rc;
}

/* Stream a file through the CSV reader in fixed chunks. */
static int read_file(loader *L, const char *path, cni_csv_record_fn fn, bool *complete)
{
    cni_csv *r = NULL;
    char *buf = NULL;
    struct stat st;
    FILE *fp;
    size_t got, fed = 0;
    bool reserved = false;
    int rc;

    *complete = false;
    if (!(fp = fopen(path, "rb"))) {
        if (errno == ENOENT) {
            L->errors++;
            return cn_diag_list_add(L->diags, path, 0, "missing (a dataset needs nodes.csv and "
                                                       "edges.csv)");
        }
        /* README: a file that cannot be opened is "no input" (66), like a missing dataset */
        return cni_fail(CN_ENOENT, "cannot open '%s': %s", path, strerror(errno));
    }
    if (fstat(fileno(fp), &st) != 0) {
        st.st_mode = 0; /* size unknown: no room is made ahead */
    }
    if (S_ISDIR(st.st_mode)) {
        fclose(fp); /* glibc opens a directory for reading; only the first read fails */
        return cni_fail(CN_ENOENT, "cannot open '%s': %s", path, strerror(EISDIR));
    }
    if (!L->scenario) {
        rc = read_piped(L, fp, path, &st, fn, complete);
        fclose(fp);
        return rc;
    }
    if (!(buf = malloc(READ_CHUNK))) {
        rc = cni_fail(CN_ENOMEM, "out of memory");
        goto done;
    }
    if ((rc = cni_csv_create(&r, path, L->diags, fn, L)) < 0) {
        goto done;
    }
    while ((got = fread(buf, 1, READ_CHUNK, fp)) > 0) {
        if ((rc = cni_csv_feed(r, buf, got)) < 0) {
            break;
        }
        fed += got;
        if (!reserved && fn == edge_record && !L->scenario && L->g->m >= 1024 && L->g->neattr == 0
            && S_ISREG(st.st_mode) && (off_t)fed < st.st_size) {
            /* room for the rows the file's size promises, 1/16 more: doubling the columns as
             * they fill copied the smaller ones (on the heap) and left their old copies
             * resident (generated L: 104 MB after edges.csv). A hint only: a failure is none,
             * and no room is made for extra columns, which are zeroed as they grow. */
            double rows = (double)L->g->m * (double)st.st_size / (double)fed;
            reserved = true;
            if (rows * 17 / 16 < (double)CNI_NO_INDEX) {
                (void)cni_graph_reserve_edges(L->g, (size_t)(rows * 17 / 16));
            }
        }
    }
    if (rc >= 0 && ferror(fp)) {
        rc = cni_fail(CN_EIO, "cannot read '%s': %s", path, strerror(errno));
    }
    if (rc >= 0) {
        rc = cni_csv_finish(r);
    }
    if (rc == CN_EDATA) {
        rc = 0; /* already reported */
    }
    L->errors += cni_csv_errors(r);
    *complete = rc >= 0 && cni_csv_errors(r) == 0 && L->header_done && !L->header_bad;
done:
    cni_csv_destroy(r);
    free(buf);
    fclose(fp);
    return rc;
}

static int parse_buffer(loader *L, const char *buf, size_t len, const char *name,
                        cni_csv_record_fn fn, bool *complete)
{
    int rc = cni_csv_parse(buf, len, name, L->diags, fn, L);

    *complete = rc >= 0 && L->header_done && !L->header_bad;
    if (rc == CN_EDATA) {
        L->errors++;
        *complete = false;
        rc = 0;
    }
    return rc;
}

static void reset_file(loader *L, const char *name)
{
    free(L->extra);
    free(L->attr_of);
    L->extra = NULL;
    L->attr_of = NULL;
    L->action = -1;
    L->nextra = 0;
    L->ncols = 0;
    L->header_done = false;
    L->header_bad = false;
    L->gephi = false;
    L->gephi_noted = false;
    L->interval = -1;
    L->name = name;
    for (size_t c = 0; c < sizeof L->col / sizeof L->col[0]; c++) {
        L->col[c] = -1;
    }
}

typedef struct source {
    const char *path;      /* a file to stream, or NULL */
    const char *buf;       /* else an in-memory buffer */
    size_t len;
    const char *name;
} source;

/* Read one file of the dataset (@p src) or of the scenario (@p scen; may be NULL). */
static int read_source(loader *L, const source *src, bool scen, cni_csv_record_fn fn,
                       bool *complete)
{
    if (!src) {
        *complete = true;
        return 0;
    }
    reset_file(L, src->name);
    L->scenario = scen;
    return src->path ? read_file(L, src->path, fn, complete)
                     : parse_buffer(L, src->buf, src->len, src->name, fn, complete);
}

/* Drop what the scenario and --without removed (cni_graph_remove()). */
static int apply_removals(loader *L)
{
    uint8_t *node_gone = cni_calloc_array(L->g->n + 1, 1);
    uint8_t *edge_gone = cni_calloc_array(L->g->m + 1, 1);
    int rc;

    if (!node_gone || !edge_gone) {
        rc = cni_fail(CN_ENOMEM, "out of memory");
    } else {
        for (size_t k = 0; k < L->ngone_nodes; k++) {
            node_gone[L->gone_nodes[k].index] = 1;
        }
        size_t base_m = 0;
        for (size_t k = 0; k < L->ngone_edges; k++) {
            edge_gone[L->gone_edges[k].index] = 1;
        }
        for (size_t e = 0; e < L->base_m; e++) {
            base_m += !edge_gone[e] && !node_gone[L->g->e_src[e]] && !node_gone[L->g->e_dst[e]];
        }
        L->base_m = base_m; /* the dataset's rows that stay come first */
        rc = cni_graph_remove(L->g, node_gone, edge_gone);
    }
    free(node_gone);
    free(edge_gone);
    return rc;
}

static int load(cn_graph **out, const source *nodes, const source *edges,
                const source *snodes, const source *sedges, const cn_load_options *opts,
                cn_diag_list *diags)
{
    loader L = { 0 };
    cn_diag_list *own = NULL;
    bool complete = false, scen_complete = true;
    char *both = NULL;
    int rc;

    *out = NULL;
    cni_clear_error();
    L.max_errors = opts && opts->max_errors ? opts->max_errors : 100;
    if (opts) {
        L.at = opts->at;
    }
    if (!diags) {
        /* errors are still counted, so a caller without a list gets CN_EDATA too */
        if ((rc = cn_diag_list_create(&own, 1)) < 0) {
            return rc;
        }
        diags = own;
    }
    L.diags = diags;
    L.diags_before = cn_diag_list_total(diags);
    L.nodes_name = nodes->name;
    L.base_nodes = nodes->name;
    L.base_edges = edges->name;
    L.scen_nodes = snodes ? snodes->name : NULL;
    L.scen_edges = sedges ? sedges->name : NULL;
    if (!(L.c_locale = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0))) {
        rc = cni_fail(CN_ENOMEM, "cannot create the C locale");
        goto done;
    }
    if ((rc = cni_graph_create(&L.g)) < 0) {
        goto done;
    }
    /* leads are tracked while reading edges; finalize rebuilds the same index */
    if ((rc = read_source(&L, nodes, false, node_record, &complete)) < 0) {
        goto done;
    }
    L.base_n = L.g->n;
    if (!give_up(&L) && (rc = read_source(&L, snodes, true, node_record, &scen_complete)) < 0) {
        goto done;
    }
    L.nodes_ok = complete && scen_complete;
    reset_file(&L, "--without");
    for (size_t k = 0; opts && k < opts->nwithout && L.nodes_ok && rc >= 0; k++) {
        rc = remove_node(&L, 0, opts->without[k]);
    }
    if (rc < 0) {
        goto done;
    }
    if (!(L.g->lead = cni_alloc_array(L.g->n, sizeof *L.g->lead))) {
        rc = cni_fail(CN_ENOMEM, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < L.g->n; i++) {
        L.g->lead[i] = CNI_NO_INDEX;
    }
    rc = give_up(&L) ? 0 : read_source(&L, edges, false, edge_record, &complete);
    if (rc < 0) {
        goto done;
    }
    L.base_m = L.g->m;
    /* the scenario's edges.csv names the nodes of both nodes.csv files */
    if (snodes && sedges) {
        size_t len = strlen(nodes->name) + strlen(snodes->name) + sizeof " or ";
        if (!(both = malloc(len))) {
            rc = cni_fail(CN_ENOMEM, "out of memory");
            goto done;
        }
        snprintf(both, len, "%s or %s", nodes->name, snodes->name);
        L.nodes_name = both;
    }
    scen_complete = true;
    if (!give_up(&L) && (rc = read_source(&L, sedges, true, edge_record, &scen_complete)) < 0) {
        goto done;
    }
    complete = complete && scen_complete;
    reset_file(&L, edges->name); /* cross-row problems are the dataset's edges.csv's */
    free(L.g->lead);
    L.g->lead = NULL;
    if ((rc = cni_graph_finalize(L.g)) < 0) {
        goto done;
    }
    if (L.errors == 0 && (L.ngone_nodes || L.ngone_edges) && (rc = apply_removals(&L)) < 0) {
        goto done;
    }
    /* cross-row checks see the rows that were valid; bad rows were reported already */
    if (L.nodes_ok && complete && !give_up(&L) && (rc = check_memberships(&L)) < 0) {
        goto done;
    }
    /* validated as a whole; only now do the edges out of force at opts->at go */
    if (L.errors == 0 && !L.gave_up && L.at.year > 0
        && (rc = cni_graph_keep_in_force(L.g, L.at)) < 0) {
        goto done;
    }
    if (L.errors > 0 || L.gave_up) {
        size_t n = cn_diag_list_total(diags) - L.diags_before;
        rc = L.gave_up ? cni_fail(CN_EDATA, "stopped reading after %zu problem%s", n,
                                  n == 1 ? "" : "s")
                       : cni_fail(CN_EDATA, "%zu problem%s in the dataset", n, n == 1 ? "" : "s");
        goto done;
    }
    *out = L.g;
    L.g = NULL;
done:
    reset_file(&L, NULL);
    free(L.gone_nodes);
    free(L.gone_edges);
    free(both);
    if (L.c_locale) {
        freelocale(L.c_locale);
    }
    cn_graph_destroy(L.g);
    cn_diag_list_destroy(own);
    return rc;
}

/* DIR/NAME with DIR's trailing slashes dropped ("data/x/" names "data/x/nodes.csv"); NULL when
 * out of memory. */
static char *dir_file(const char *dir, const char *name)
{
    size_t n = strlen(dir), len;
    char *p;

    while (n > 1 && dir[n - 1] == '/') {
        n--;
    }
    len = n + strlen(name) + 2;
    if ((p = malloc(len))) {
        snprintf(p, len, "%.*s/%s", (int)n, dir, name);
    }
    return p;
}

/* The load, with opts->scenario's files when given: each is optional, one is needed. */
static int load_with_scenario(cn_graph **out, const source *nodes, const source *edges,
                              const cn_load_options *opts, cn_diag_list *diags)
{
    const char *dir = opts ? opts->scenario : NULL;
    char *np = NULL, *ep = NULL;
    struct stat st;
    bool has_n, has_e;
    int rc;

    if (!dir) {
        return load(out, nodes, edges, NULL, NULL, opts, diags);
    }
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        return cni_fail(CN_ENOENT, "scenario '%s' %s", dir,
                        stat(dir, &st) != 0 ? "does not exist" : "is not a directory");
    }
    if (!(np = dir_file(dir, "nodes.csv")) || !(ep = dir_file(dir, "edges.csv"))) {
        rc = cni_fail(CN_ENOMEM, "out of memory");
        goto done;
    }
    has_n = stat(np, &st) == 0;
    has_e = stat(ep, &st) == 0;
    if (!has_n && !has_e) {
        rc = cni_fail(CN_ENOENT, "scenario '%s' has neither nodes.csv nor edges.csv", dir);
    } else {
        source sn = { np, NULL, 0, np }, se = { ep, NULL, 0, ep };
        rc = load(out, nodes, edges, has_n ? &sn : NULL, has_e ? &se : NULL, opts, diags);
    }
done:
    free(np);
    free(ep);
    return rc;
}

int cn_load_dataset(cn_graph **out, const char *dir, const cn_load_options *opts,
                    cn_diag_list *diags)
{
    struct stat st;
    char *np = NULL, *ep = NULL;
    int rc;

    if ((rc = CNI_CHECK_PTR(out)) < 0) {
        return rc;
    }
    *out = NULL;
    if ((rc = CNI_CHECK_PTR(dir)) < 0) {
        return rc;
    }
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        return cni_fail(CN_ENOENT, "dataset '%s' %s", dir,
                        stat(dir, &st) != 0 ? "does not exist" : "is not a directory");
    }
    if (!(np = dir_file(dir, "nodes.csv")) || !(ep = dir_file(dir, "edges.csv"))) {
        rc = cni_fail(CN_ENOMEM, "out of memory");
    } else {
        source nodes = { np, NULL, 0, np }, edges = { ep, NULL, 0, ep };
        rc = load_with_scenario(out, &nodes, &edges, opts, diags);
    }
    free(np);
    free(ep);
    return rc;
}

int cn_load_buffers(cn_graph **out, const char *nodes_csv, size_t nodes_len,
                    const char *nodes_name, const char *edges_csv, size_t edges_len,
                    const char *edges_name, const cn_load_options *opts, cn_diag_list *diags)
{
    source nodes = { NULL, nodes_csv, nodes_len, nodes_name ? nodes_name : "nodes.csv" };
    source edges = { NULL, edges_csv, edges_len, edges_name ? edges_name : "edges.csv" };
    int rc;

    if ((rc = CNI_CHECK_PTR(out)) < 0) {
        return rc;
    }
    *out = NULL;
    if ((nodes_len && (rc = CNI_CHECK_PTR(nodes_csv)) < 0)
        || (edges_len && (rc = CNI_CHECK_PTR(edges_csv)) < 0)) {
        return rc;
    }
    return load(out, &nodes, &edges, NULL, NULL, opts, diags);
}

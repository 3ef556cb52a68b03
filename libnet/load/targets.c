/* The targets file: INI (read by libinih), one rule per line so each can be quoted in a report
 * and named by its line when it is wrong. inih does not pass line numbers to its handler in
 * Debian's build, so it reads through our line reader, which counts them. */
#include <errno.h>
#include <ini.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <collabnet/load.h>

#include "../model/graph.h"
#include "../model/targets.h"

typedef struct parser {
    cn_targets *t;
    cn_diag_list *diags;
    const char *text;   /* the whole file */
    size_t len, pos;
    size_t line;        /* the line inih is working on, 1-based */
    size_t errors;
    bool expect_entry;  /* the line handed to inih is neither blank, comment nor [section] */
    bool got_entry;     /* ... and inih passed an entry of it to on_entry */
    bool in_bad_section; /* the current [section] was reported as unknown */
    int rc;             /* CN_ENOMEM, if it happened */
} parser;

static void report(parser *P, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void report(parser *P, const char *fmt, ...)
{
    char msg[512];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    P->errors++;
    if (cn_diag_list_add(P->diags, P->t->name, P->line, "%s", msg) < 0) {
        P->rc = CN_ENOMEM;
    }
}

/* What inih could not read of the line it was given last: inih names only the first such line
 * (Debian's build passes no line numbers), so each is found here. A line that is neither blank,
 * a comment nor a [section] must give inih an entry (key = value, or a continuation line); when
 * it gave none, inih rejected it. Called before the next line is handed over, and at the end,
 * so every report stays in line order. */
static void check_entry(parser *P)
{
    if (P->expect_entry && !P->got_entry) {
        report(P, "cannot read this line (expected [section], key = value, or a comment "
                  "starting with # or ;)");
    }
    P->expect_entry = false;
    P->got_entry = false;
}

/* Hand inih a comment in place of a line it must not see, after reporting why. */
static char *skip_line(char *str)
{
    memcpy(str, "#\n", 3);
    return str;
}

/* inih's reader: hand it the next line, counting lines as they go. */
static char *next_line(char *str, int num, void *stream)
{
    parser *P = stream;
    size_t n = 0, max = num > 1 ? (size_t)num - 2 : 0; /* room for '\n' and NUL */
    const char *l, *e, *nul;
    size_t valid;

    check_entry(P);
    if (P->pos >= P->len) {
        return NULL;
    }
    P->line++;
    while (P->pos + n < P->len && P->text[P->pos + n] != '\n') {
        n++;
    }
    l = P->text + P->pos;
    e = l + n;
    P->pos += n + (P->pos + n < P->len);
    /* inih reads C strings: a NUL byte or invalid UTF-8 is reported here, line by line */
    nul = memchr(l, '\0', n);
    valid = cni_utf8_valid_prefix((const unsigned char *)l, n);
    if (nul && (size_t)(nul - l) <= valid) {
        report(P, "NUL byte (at byte %zu of the line)", (size_t)(nul - l) + 1);
        return skip_line(str);
    }
    if (valid < n) {
        report(P, "invalid UTF-8 (byte 0x%02x at byte %zu of the line)",
               ((const unsigned char *)l)[valid], valid + 1);
        return skip_line(str);
    }
    if (n > max) {
        report(P, "line too long (%zu bytes; at most %zu)", n, max);
        return skip_line(str);
    }
    memcpy(str, l, n);
    str[n] = '\n';
    str[n + 1] = '\0';
    if (P->line == 1 && n >= 3 && memcmp(l, "\xEF\xBB\xBF", 3) == 0) {
        l += 3; /* inih skips a byte order mark at the start */
    }
    while (l < e && (*l == ' ' || *l == '\t')) {
        l++;
    }
    while (e > l && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r')) {
        e--;
    }
    if (l < e && *l == '[') {
        /* inih has no callback for a section header, so an unknown one is caught here, once */
        static const char *const known[] = { "scope", "fields", "regions", "network" };
        const char *close = memchr(l, ']', (size_t)(e - l));
        size_t len = close ? (size_t)(close - l - 1) : 0;
        bool ok = false;
        for (size_t k = 0; k < 4; k++) {
            ok = ok || (strlen(known[k]) == len && memcmp(l + 1, known[k], len) == 0);
        }
        P->in_bad_section = close && !ok;
        if (P->in_bad_section) {
            report(P, "unknown section [%.*s] (expected scope, fields, regions or network)",
                   (int)len, l + 1);
        }
        P->expect_entry = !close; /* inih rejects a '[' without ']' */
    } else {
        P->expect_entry = l < e && *l != '#' && *l != ';';
    }
    return str;
}

static char *dup_trim(const char *s, size_t n)
{
    while (n > 0 && (*s == ' ' || *s == '\t')) {
        s++;
        n--;
    }
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r')) {
        n--;
    }
    return cni_strndup(s, n);
}

/* Split "a, b, c" into trimmed, non-empty items. */
static int split_list(char ***out, size_t *count, const char *value)
{
    const char *p = value;

    *out = NULL;
    *count = 0;
    while (*p) {
        const char *end = strchr(p, ',');
        size_t n = end ? (size_t)(end - p) : strlen(p);
        char *item = dup_trim(p, n);
        char **grown;
        if (!item) {
            return CN_ENOMEM;
        }
        if (!item[0]) {
            free(item);
        } else if (!(grown = realloc(*out, (*count + 1) * sizeof *grown))) {
            free(item);
            return CN_ENOMEM;
        } else {
            *out = grown;
            (*out)[(*count)++] = item;
        }
        p = end ? end + 1 : p + n;
    }
    return 0;
}

static void free_list(char **items, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(items[i]);
    }
    free(items);
}

/* A count: the whole token, digits only, at most CN_TARGETS_MAX_COUNT. Otherwise reports
 * "WHO needs a whole number of UNIT ..." and returns false. */
static bool parse_count(parser *P, const char *s, size_t *out, const char *who, const char *unit)
{
    size_t v = 0, i = 0;

    for (; s[i] >= '0' && s[i] <= '9'; i++) {
        if (v <= CN_TARGETS_MAX_COUNT) {
            v = v * 10 + (size_t)(s[i] - '0');
        }
    }
    if (i == 0 || s[i] != '\0') {
        report(P, "%s needs a whole number of %s, not '%s'", who, unit, s);
        return false;
    }
    if (v > CN_TARGETS_MAX_COUNT) {
        report(P, "%s needs a whole number of %s up to %d, not %s", who, unit,
               CN_TARGETS_MAX_COUNT, s);
        return false;
    }
    *out = v;
    return true;
}

static bool is_priority(const cn_targets *t, const char *field)
{
    for (size_t i = 0; i < t->npriority; i++) {
        if (strcmp(t->priority[i], field) == 0) {
            return true;
        }
    }
    return false;
}

static cni_rule *add_rule(parser *P, cn_rule_type type, const char *name, const char *value)
{
    cn_targets *t = P->t;
    cni_rule *r, *grown = realloc(t->rules, (t->nrules + 1) * sizeof *grown);
    char text[512];

    if (!grown) {
        P->rc = CN_ENOMEM;
        return NULL;
    }
    t->rules = grown;
    r = &t->rules[t->nrules++];
    memset(r, 0, sizeof *r);
    r->type = type;
    r->line = P->line;
    r->kind = -1;
    snprintf(text, sizeof text, "%s = %s", name, value);
    if (!(r->text = cni_strdup(text))) {
        P->rc = CN_ENOMEM;
        t->nrules--;
        return NULL;
    }
    return r;
}

static const char *const kinds[] = { "institution", "enterprise", "expert", "network" };
static const char *const kinds_plural[] = { "institutions", "enterprises", "experts", "networks" };

/* Whether *s, after blanks, starts with the word @p w (then a blank or the end); if so, *s moves
 * past it. */
static bool take(const char **s, const char *w)
{
    const char *p = *s;
    size_t n = strlen(w);

    while (*p == ' ' || *p == '\t') {
        p++;
    }
    if (strncmp(p, w, n) != 0 || (p[n] && p[n] != ' ' && p[n] != '\t')) {
        return false;
    }
    *s = p + n;
    return true;
}

/* The next word of *s (blank-separated) into buf; false when there is none or it is too long. */
static bool word(const char **s, char *buf, size_t cap)
{
    const char *p = *s;
    size_t n = 0;

    while (*p == ' ' || *p == '\t') {
        p++;
    }
    while (p[n] && p[n] != ' ' && p[n] != '\t') {
        n++;
    }
    if (n == 0 || n >= cap) {
        return false;
    }
    memcpy(buf, p, n);
    buf[n] = '\0';
    *s = p + n;
    return true;
}

/* Whether s ends with the words "besides the lead" (after a blank); if so, they are cut off. */
static bool cut_besides(char *s)
{
    static const char tail[] = "besides the lead";
    size_t n = strlen(s), k = sizeof tail - 1;

    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t')) {
        n--;
    }
    if (n <= k || memcmp(s + n - k, tail, k) != 0
        || (s[n - k - 1] != ' ' && s[n - k - 1] != '\t')) {
        return false;
    }
    s[n - k - 1] = '\0';
    return true;
}

/* The filter after "where": COLUMN is [not] VALUE, COLUMN is [not] one of V1, V2, ..., or
 * fields has [not] SLUG; "besides the lead" may follow it (*besides). Fills r's filter; false
 * (reported) when it cannot be read. */
static bool parse_filter(parser *P, cni_rule *r, const char *where, bool *besides)
{
    const char *s = where;
    char column[128], value[INI_MAX_LINE + 1];
    const char *text = NULL; /* after "is [not]" or "has [not]" */
    bool one_of = false, ok = true;

    if (!word(&s, column, sizeof column)) {
        ok = false;
    } else if (take(&s, "has")) {
        r->has = true;
        r->negate = take(&s, "not");
        text = s;
    } else if (take(&s, "is")) {
        r->negate = take(&s, "not");
        text = s;
        one_of = take(&s, "one") && take(&s, "of");
        s = one_of ? s : text;
    } else {
        ok = false;
    }
    if (ok) {
        const char *list;
        snprintf(value, sizeof value, "%s", text);
        *besides = cut_besides(value);
        list = value + (s - text);
        if (one_of ? split_list(&r->values, &r->nvalues, list) < 0
                   : !(r->values = calloc(1, sizeof *r->values))
                         || !(r->values[0] = dup_trim(list, strlen(list)))) {
            P->rc = CN_ENOMEM;
            return false;
        }
        r->nvalues += !one_of;
        ok = r->nvalues > 0 && r->values[0][0];
    }
    if (!ok) {
        report(P, "cannot read the filter 'where %s' (expected: where COLUMN is [not] VALUE, "
                  "where COLUMN is [not] one of VALUE, ..., or where fields has [not] SLUG)",
               where + strspn(where, " \t"));
        return false;
    }
    if (r->has != cni_streq_nocase(column, "fields")) {
        report(P, r->has ? "'has' is for the list column fields, not '%s' (write: where %s is "
                           "VALUE)"
                         : "'%s' is a list: write 'where %s has SLUG'",
               column, column);
        return false;
    }
    if (!(r->attr = cni_strdup(column)) || !(r->value = dup_trim(value, strlen(value)))) {
        P->rc = CN_ENOMEM;
        return false;
    }
    return true;
}

/* "exactly N lead[s] [where FILTER]" or "at least N KIND [besides the lead] [where FILTER]
 * [besides the lead]"; KIND singular or plural. False when it is neither (the caller reports
 * that); true when read or reported here. */
static bool parse_member_rule(parser *P, const char *name, const char *v)
{
    const char *s = v;
    char num[32], kw[64];
    size_t n = 0;
    int kind = -1;
    bool lead, besides = false;
    cni_rule *r;

    if (take(&s, "exactly")) {
        lead = true;
    } else if (take(&s, "at") && take(&s, "least")) {
        lead = false;
    } else {
        return false;
    }
    if (!word(&s, num, sizeof num) || !word(&s, kw, sizeof kw)) {
        return false;
    }
    if (lead && strcmp(kw, "lead") != 0 && strcmp(kw, "leads") != 0) {
        return false;
    }
    for (int k = 0; !lead && k < CN_NODE_KIND_COUNT; k++) {
        if (cni_streq_nocase(kw, kinds[k]) || cni_streq_nocase(kw, kinds_plural[k])) {
            kind = k;
        }
    }
    if (!lead && kind < 0) {
        cni_closest c;
        cni_closest_init(&c, kw);
        for (int k = 0; k < CN_NODE_KIND_COUNT; k++) {
            cni_closest_offer(&c, kinds[k]);
            cni_closest_offer(&c, kinds_plural[k]);
        }
        report(P, "unknown member kind '%s' in rule%s%s%s (expected institution, enterprise, "
                  "expert or network, singular or plural)",
               kw, c.best ? ": did you mean '" : "", c.best ? c.best : "", c.best ? "'?" : "");
        return true;
    }
    if (!parse_count(P, num, &n, "the rule", lead ? "leads" : "members")) {
        return true;
    }
    if (!lead) {
        const char *b = s;
        besides = take(&b, "besides") && take(&b, "the") && take(&b, "lead");
        s = besides ? b : s;
    }
    if (!(r = add_rule(P, lead ? CN_RULE_NETWORK_LEAD : CN_RULE_NETWORK_MEMBERS, name, v))) {
        return true;
    }
    r->count = n;
    r->kind = kind;
    while (*s == ' ' || *s == '\t') {
        s++;
    }
    if (*s && besides && strncmp(s, "besides the lead", 16) == 0) {
        report(P, "'besides the lead' given twice");
    } else if (*s && !take(&s, "where")) {
        report(P, "cannot read '%s' after the %s (expected: %swhere COLUMN is [not] VALUE)", s,
               lead ? "leads" : "kind", lead ? "" : "besides the lead, or ");
    } else if (*s) {
        bool after = false;
        if (parse_filter(P, r, s, &after) && after && (besides || lead)) {
            report(P, lead ? "'besides the lead' is for member rules, not the lead rule"
                           : "'besides the lead' given twice");
        }
        besides = besides || after;
    }
    r->besides_lead = besides;
    return true;
}

static int on_entry(void *user, const char *section, const char *name, const char *value)
{
    parser *P = user;
    cn_targets *t = P->t;
    char quoted[INI_MAX_LINE + 2];
    size_t n;

    P->got_entry = true;
    if (P->rc < 0) {
        return 0;
    }
    snprintf(quoted, sizeof quoted, "'%s'", name);
    if (strcmp(section, "scope") == 0) {
        if (strcmp(name, "umbrella") == 0) {
            if (t->umbrella) {
                report(P, "umbrella given twice (first on line %zu)", t->umbrella_line);
            } else if (!(t->umbrella = cni_strdup(value))) {
                P->rc = CN_ENOMEM;
            }
            t->umbrella_line = P->line;
        } else if (strcmp(name, "regions") == 0) {
            if (t->regions) {
                report(P, "regions given twice (first on line %zu)", t->regions_line);
            } else if (split_list(&t->regions, &t->nregions, value) < 0) {
                P->rc = CN_ENOMEM;
            }
            t->regions_line = P->line;
        } else {
            report(P, "unknown key '%s' in [scope] (expected umbrella or regions)", name);
        }
    } else if (strcmp(section, "fields") == 0) {
        if (strcmp(name, "priority") == 0) {
            if (t->priority) {
                report(P, "priority given twice (first on line %zu)", t->priority_line);
            } else if (split_list(&t->priority, &t->npriority, value) < 0) {
                P->rc = CN_ENOMEM;
            }
            t->priority_line = P->line;
        } else if (!parse_count(P, value, &n, quoted, "networks")) {
            /* reported */
        } else if (strcmp(name, "networks") != 0 && !is_priority(t, name)) {
            report(P, "'%s' is not a priority field (list it in 'priority' first)", name);
        } else {
            cni_rule *r = add_rule(P, CN_RULE_FIELD_NETWORKS, name, value);
            if (r) {
                r->count = n;
                if (strcmp(name, "networks") != 0 && !(r->field = cni_strdup(name))) {
                    P->rc = CN_ENOMEM;
                }
            }
        }
    } else if (strcmp(section, "regions") == 0) {
        bool led = strncmp(value, "led in ", 7) == 0, reached = strncmp(value, "reached in ", 11) == 0;
        if (!is_priority(t, name)) {
            report(P, "'%s' is not a priority field (list it in [fields] priority first)", name);
        } else if (!led && !reached) {
            report(P, "cannot read '%s' (expected: led in REGION, ... or reached in REGION, ...)",
                   value);
        } else {
            cni_rule *r = add_rule(P, CN_RULE_FIELD_REGIONS, name, value);
            if (r) {
                r->led = led;
                if (!(r->field = cni_strdup(name))
                    || split_list(&r->regions, &r->nregions, value + (led ? 7 : 11)) < 0) {
                    P->rc = CN_ENOMEM;
                } else if (r->nregions == 0) {
                    report(P, "no region named after '%s'", led ? "led in" : "reached in");
                }
            }
        }
    } else if (strcmp(section, "network") == 0) {
        if (strcmp(name, "rule") != 0) {
            report(P, "unknown key '%s' in [network] (expected rule)", name);
        } else if (!parse_member_rule(P, name, value)) {
            report(P, "cannot read the rule '%s' (expected: exactly N lead [where FILTER], or "
                      "at least N KIND [besides the lead] [where FILTER])", value);
        }
    } else if (!P->in_bad_section) {
        report(P, "key '%s' outside a section (expected [scope], [fields], [regions] or "
                  "[network] first)", name);
    }
    return 1; /* our own reports carry the line; tell inih to go on */
}

/* ---- the targets against a dataset ---- */

typedef struct checker {
    const cn_targets *t;
    const cn_graph *g;
    cn_diag_list *diags;
    size_t warnings;
    int rc;
} checker;

static void warn(checker *C, size_t line, const char *what, const char *name, const char *where,
                 const char *best)
{
    int rc = cn_diag_list_add(C->diags, C->t->name, line, "warning: %s '%s' %s%s%s%s", what, name,
                              where, best ? " (did you mean '" : "", best ? best : "",
                              best ? "'?)" : "");

    C->warnings++;
    C->rc = rc < 0 ? rc : C->rc;
}

/* Whether some node lists field f; else the closest field is offered to *near. */
static bool field_occurs(const cn_graph *g, const char *f, cni_closest *near)
{
    for (size_t i = 0; i < g->n; i++) {
        for (size_t k = 0; k < cn_graph_node_field_count(g, i); k++) {
            const char *x = cn_graph_node_field(g, i, k);
            if (strcmp(x, f) == 0) {
                return true;
            }
            cni_closest_offer(near, x);
        }
    }
    return false;
}

/* Whether some node has value v in column col; else the closest value is offered to *near. */
static bool value_occurs(const cn_graph *g, size_t col, const char *v, cni_closest *near)
{
    for (size_t i = 0; i < g->n; i++) {
        const char *x = cni_graph_column_value(g, i, col);
        if (strcmp(x, v) == 0) {
            return true;
        }
        cni_closest_offer(near, x);
    }
    return false;
}

static void check_field(checker *C, size_t line, const char *f)
{
    cni_closest near;

    cni_closest_init(&near, f);
    if (!field_occurs(C->g, f, &near)) {
        warn(C, line, "field", f, "is listed by no node of the dataset", near.best);
    }
}

static void check_region(checker *C, size_t line, const char *r)
{
    cni_closest near;

    cni_closest_init(&near, r);
    if (!value_occurs(C->g, CNI_COLUMN_REGION, r, &near)) {
        warn(C, line, "region", r, "is the region of no node of the dataset", near.best);
    }
}

/* A rule's filter: its column exists, and each value occurs in it. */
static void check_filter(checker *C, const cni_rule *r)
{
    const cn_graph *g = C->g;
    size_t col = cni_graph_column_find(g, r->attr);
    cni_closest near;

    if (col == CN_NONE) {
        cni_closest_init(&near, r->attr);
        for (size_t k = 0; k < cni_graph_column_count(g); k++) {
            cni_closest_offer(&near, cni_graph_column_name(g, k));
        }
        warn(C, r->line, "column", r->attr, "is not in nodes.csv", near.best);
        return;
    }
    for (size_t k = 0; k < r->nvalues; k++) {
        char where[192];
        cni_closest_init(&near, r->values[k]);
        if (r->has) {
            check_field(C, r->line, r->values[k]);
        } else if (!value_occurs(g, col, r->values[k], &near)) {
            snprintf(where, sizeof where, "occurs nowhere in column '%s'",
                     cni_graph_column_name(g, col));
            warn(C, r->line, "value", r->values[k], where, near.best);
        }
    }
}

int cn_targets_check(size_t *out, const cn_targets *t, const cn_graph *g, cn_diag_list *diags)
{
    checker C = { t, g, diags, 0, 0 };
    size_t scope_line[2], next = 0; /* the lines of the priority and scope regions, in order */
    int rc;

    if (out) {
        *out = 0;
    }
    cni_clear_error();
    if ((rc = CNI_CHECK_PTR(t)) < 0 || (rc = CNI_CHECK_PTR(g)) < 0) {
        return rc;
    }
    scope_line[0] = t->priority_line < t->regions_line ? t->priority_line : t->regions_line;
    scope_line[1] = t->priority_line < t->regions_line ? t->regions_line : t->priority_line;
    /* in line order: the rules are; the priority and the scope's regions go between them */
    for (size_t k = 0; k <= t->nrules; k++) {
        size_t line = k < t->nrules ? t->rules[k].line : SIZE_MAX;
        const cni_rule *r = &t->rules[k];
        while (next < 2 && scope_line[next] < line) {
            if (scope_line[next++] == t->priority_line) {
                for (size_t j = 0; j < t->npriority; j++) {
                    check_field(&C, t->priority_line, t->priority[j]);
                }
            } else {
                for (size_t j = 0; j < t->nregions; j++) {
                    check_region(&C, t->regions_line, t->regions[j]);
                }
            }
        }
        if (k == t->nrules) {
            break;
        }
        for (size_t j = 0; j < r->nregions; j++) {
            check_region(&C, r->line, r->regions[j]);
        }
        if (r->attr) {
            check_filter(&C, r);
        }
    }
    if (C.rc < 0) {
        return cni_fail(C.rc, "out of memory");
    }
    if (out) {
        *out = C.warnings;
    }
    return 0;
}

void cn_targets_destroy(cn_targets *t)
{
    if (!t) {
        return;
    }
    for (size_t k = 0; k < t->nrules; k++) {
        free(t->rules[k].text);
        free(t->rules[k].field);
        free_list(t->rules[k].regions, t->rules[k].nregions);
        free(t->rules[k].attr);
        free(t->rules[k].value);
        free_list(t->rules[k].values, t->rules[k].nvalues);
    }
    free(t->rules);
    free_list(t->priority, t->npriority);
    free_list(t->regions, t->nregions);
    free(t->umbrella);
    free(t->name);
    free(t);
}

int cn_targets_parse(cn_targets **out, const char *text, size_t len, const char *name,
                     cn_diag_list *diags)
{
    parser P = { 0 };
    cn_diag_list *own = NULL;
    int rc;

    if ((rc = CNI_CHECK_PTR(out)) < 0) {
        return rc;
    }
    *out = NULL;
    cni_clear_error();
    if (len && (rc = CNI_CHECK_PTR(text)) < 0) {
        return rc;
    }
    if (!diags) {
        if ((rc = cn_diag_list_create(&own, 1)) < 0) {
            return rc;
        }
        diags = own;
    }
    P.diags = diags;
    P.text = text;
    P.len = len;
    if (!(P.t = calloc(1, sizeof *P.t)) || !(P.t->name = cni_strdup(name ? name : "targets.ini"))) {
        free(P.t);
        cn_diag_list_destroy(own);
        return cni_fail(CN_ENOMEM, "out of memory");
    }
    /* every line, unreadable or not, is reported by next_line() and on_entry() in order;
     * inih's own count of unreadable lines adds nothing */
    if (ini_parse_stream(next_line, &P, on_entry, &P) < 0) {
        P.rc = CN_ENOMEM;
    }
    if (P.rc < 0) {
        rc = cni_fail(CN_ENOMEM, "out of memory");
    } else if (P.errors > 0) {
        rc = cni_fail(CN_EDATA, "%zu problem%s in %s", P.errors, P.errors == 1 ? "" : "s",
                      P.t->name);
    } else {
        rc = 0;
        *out = P.t;
        P.t = NULL;
    }
    cn_targets_destroy(P.t);
    cn_diag_list_destroy(own);
    return rc;
}

int cn_targets_load(cn_targets **out, const char *path, cn_diag_list *diags)
{
    FILE *fp;
    char *buf = NULL;
    size_t len = 0, cap = 0, got;
    struct stat st;
    int rc;

    if ((rc = CNI_CHECK_PTR(out)) < 0) {
        return rc;
    }
    *out = NULL;
    if ((rc = CNI_CHECK_PTR(path)) < 0) {
        return rc;
    }
    if (!(fp = fopen(path, "rb"))) {
        return cni_fail(CN_ENOENT, "cannot open '%s': %s", path, strerror(errno));
    }
    if (fstat(fileno(fp), &st) == 0 && S_ISDIR(st.st_mode)) {
        fclose(fp); /* glibc opens a directory for reading; only the first read fails */
        return cni_fail(CN_ENOENT, "cannot open '%s': %s", path, strerror(EISDIR));
    }
    do {
        if (cni_grow((void **)&buf, &cap, len + 65536, 1) < 0) {
            fclose(fp);
            free(buf);
            return cni_fail(CN_ENOMEM, "out of memory");
        }
        got = fread(buf + len, 1, cap - len, fp);
        len += got;
        /* a targets file is a page of rules; refuse to read a runaway one into memory */
        if (len > CN_TARGETS_MAX_BYTES) {
            fclose(fp);
            free(buf);
            rc = cn_diag_list_add(diags, path, 0, "larger than %d MiB: not a targets file",
                                  CN_TARGETS_MAX_BYTES >> 20);
            return rc < 0 ? rc
                          : cni_fail(CN_EDATA, "'%s' is larger than %d MiB: not a targets file",
                                     path, CN_TARGETS_MAX_BYTES >> 20);
        }
    } while (got > 0);
    if (ferror(fp)) {
        rc = cni_fail(CN_EIO, "cannot read '%s': %s", path, strerror(errno));
    } else {
        rc = cn_targets_parse(out, buf ? buf : "", len, path, diags);
    }
    fclose(fp);
    free(buf);
    return rc;
}

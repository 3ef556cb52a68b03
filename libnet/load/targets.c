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
    size_t priority_line, networks_line, regions_line;
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

/* "at least N KIND[s] [besides the lead] [where ATTR is [not] VALUE]" or "exactly N lead[s]" */
static bool parse_member_rule(parser *P, const char *name, const char *v)
{
    char word[64], num[32], attr[128] = "", val[256] = "";
    size_t n = 0;
    int used = 0;
    cni_rule *r;

    if (sscanf(v, "exactly %31s %63s%n", num, word, &used) == 2 && v[used] == '\0'
        && (strcmp(word, "lead") == 0 || strcmp(word, "leads") == 0)) {
        if (!parse_count(P, num, &n, "the rule", "leads")
            || !(r = add_rule(P, CN_RULE_NETWORK_LEAD, name, v))) {
            return true;
        }
        r->count = n;
        return true;
    }
    if (sscanf(v, "at least %31s %63s%n", num, word, &used) == 2) {
        const char *rest = v + used;
        size_t wl = strlen(word);
        bool besides = false, negate = false;
        int kind = -1;
        if (wl > 1 && word[wl - 1] == 's') {
            word[wl - 1] = '\0'; /* plural */
        }
        for (int k = 0; k < CN_NODE_KIND_COUNT; k++) {
            if (strcmp(word, kinds[k]) == 0) {
                kind = k;
            }
        }
        if (kind < 0) {
            report(P, "unknown member kind '%s' in rule (expected institution, enterprise, "
                      "expert or network)", word);
            return true;
        }
        if (!parse_count(P, num, &n, "the rule", "members")) {
            return true;
        }
        while (*rest == ' ') {
            rest++;
        }
        if (strncmp(rest, "besides the lead", 16) == 0) {
            besides = true;
            rest += 16;
            while (*rest == ' ') {
                rest++;
            }
        }
        if (*rest) {
            used = 0;
            if (sscanf(rest, "where %127s is not %255[^\n]%n", attr, val, &used) == 2) {
                negate = true;
            } else if (sscanf(rest, "where %127s is %255[^\n]%n", attr, val, &used) != 2) {
                used = -1;
            }
            if (used <= 0 || rest[used] != '\0') {
                report(P, "cannot read the filter '%s' (expected: where ATTRIBUTE is [not] VALUE)",
                       rest);
                return true;
            }
        }
        if (!(r = add_rule(P, CN_RULE_NETWORK_MEMBERS, name, v))) {
            return true;
        }
        r->count = n;
        r->kind = kind;
        r->besides_lead = besides;
        r->negate = negate;
        if (attr[0] && (!(r->attr = cni_strdup(attr)) || !(r->value = dup_trim(val, strlen(val))))) {
            P->rc = CN_ENOMEM;
        }
        return true;
    }
    return false;
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
                report(P, "regions given twice (first on line %zu)", P->regions_line);
            } else if (split_list(&t->regions, &t->nregions, value) < 0) {
                P->rc = CN_ENOMEM;
            }
            P->regions_line = P->line;
        } else {
            report(P, "unknown key '%s' in [scope] (expected umbrella or regions)", name);
        }
    } else if (strcmp(section, "fields") == 0) {
        if (strcmp(name, "priority") == 0) {
            if (t->priority) {
                report(P, "priority given twice (first on line %zu)", P->priority_line);
            } else if (split_list(&t->priority, &t->npriority, value) < 0) {
                P->rc = CN_ENOMEM;
            }
            P->priority_line = P->line;
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
            report(P, "cannot read the rule '%s' (expected: exactly N lead, or at least N KIND "
                      "[besides the lead] [where ATTRIBUTE is [not] VALUE])", value);
        }
    } else if (!P->in_bad_section) {
        report(P, "key '%s' outside a section (expected [scope], [fields], [regions] or "
                  "[network] first)", name);
    }
    return 1; /* our own reports carry the line; tell inih to go on */
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

/* The coverage results as tables (results.h). Each table's columns are listed once, in an
 * array: a column added there (and its cell in the row loop) reaches every format. */
#include "results.h"

#include <stdlib.h>
#include <string.h>

#include "../util/util.h"

/* A column: its name (the CSV header), type, where it appears (0: the type's default) and its
 * JSON key (NULL: the name). */
typedef struct colspec {
    const char *name;
    cni_col_type type;
    unsigned where;
    const char *json;
} colspec;

#define CSV_SIDE (CNI_IN_TEXT | CNI_IN_CSV | CNI_IN_PAGE)

/* Add the columns @p cols to @p t; 0 or a negative status. */
static int add_columns(cni_table *t, const colspec *cols, size_t n)
{
    int rc = 0;

    for (size_t k = 0; k < n && rc >= 0; k++) {
        int col = rc = cni_table_column(t, cols[k].name, cols[k].type);
        if (rc >= 0 && cols[k].where) {
            rc = cni_table_column_in(t, col, cols[k].where);
        }
        if (rc >= 0 && cols[k].json) {
            rc = cni_table_column_json(t, col, cols[k].json);
        }
    }
    return rc < 0 ? rc : 0;
}

/* A table named @p name with the columns @p cols; on failure *out is NULL. */
static int create(cni_table **out, const char *name, const colspec *cols, size_t n)
{
    cni_table *t = NULL;
    int rc;

    *out = NULL;
    if ((rc = cni_table_create(&t, name)) < 0) {
        return rc;
    }
    if ((rc = add_columns(t, cols, n)) < 0) {
        cni_table_destroy(t);
        return rc;
    }
    *out = t;
    return 0;
}

/* A filled table in *out, or NULL and the failure: @p rc, else the table's sticky status. */
static int finish(cni_table **out, cni_table *t, int rc)
{
    if (rc == 0) {
        rc = cni_table_status(t);
    }
    if (rc < 0) {
        cni_table_destroy(t);
        t = NULL;
    }
    *out = t;
    return rc;
}

/* A check's rule type as the CLI names it. */
static const char *type_name(cn_rule_type type)
{
    static const char *const names[] = { "field-networks", "field-regions", "network-lead",
                                         "network-members" };
    return (unsigned)type < sizeof names / sizeof names[0] ? names[type] : "";
}

/* A check's subject into @p b (cleared first): a network's id, "field/region" or the field. */
static void subject(cni_buf *b, const cn_graph *g, const cn_rule_result *r)
{
    cni_buf_clear(b);
    cni_buf_puts(b, "");
    if (r->network != CN_NONE) {
        cni_buf_puts(b, cn_graph_node_id(g, r->network));
    } else if (r->region) {
        cni_buf_printf(b, "%s/%s", r->field, r->region);
    } else if (r->field) {
        cni_buf_puts(b, r->field);
    }
}

int cni_coverage_matrix_table(cni_table **out, const cn_coverage *c)
{
    /* JSON nests the members by kind under "members" with the kinds' singular names */
    static const colspec cols[] = {
        { "field", CNI_COL_TEXT, 0, NULL },
        { "region", CNI_COL_TEXT, 0, NULL },
        { "led", CNI_COL_INT, 0, NULL },
        { "reaching", CNI_COL_INT, 0, NULL },
        { "institutions", CNI_COL_INT, 0, "members.institution" },
        { "enterprises", CNI_COL_INT, 0, "members.enterprise" },
        { "experts", CNI_COL_INT, 0, "members.expert" },
    };
    cni_table *t;
    int rc;

    if ((rc = create(&t, "matrix", cols, sizeof cols / sizeof cols[0])) < 0) {
        *out = NULL;
        return rc;
    }
    for (size_t f = 0; f < cn_coverage_field_count(c); f++) {
        for (size_t r = 0; r < cn_coverage_region_count(c); r++) {
            const cn_coverage_cell *cell = cn_coverage_cell_at(c, f, r);
            cni_table_text(t, cn_coverage_field(c, f));
            cni_table_text(t, cn_coverage_region(c, r));
            cni_table_size(t, cell->led);
            cni_table_size(t, cell->reaching);
            cni_table_size(t, cell->members_by_kind[CN_NODE_INSTITUTION]);
            cni_table_size(t, cell->members_by_kind[CN_NODE_ENTERPRISE]);
            cni_table_size(t, cell->members_by_kind[CN_NODE_EXPERT]);
        }
    }
    return finish(out, t, 0);
}

int cni_coverage_grid_table(cni_table **out, const cn_coverage *c)
{
    size_t nr = cn_coverage_region_count(c);
    cni_table *t = NULL;
    int rc;

    *out = NULL;
    if ((rc = cni_table_create(&t, "grid")) < 0) {
        return rc;
    }
    cni_table_set_title(t, "Networks led / reaching, by field and region");
    cni_table_column(t, "field", CNI_COL_TEXT);
    for (size_t r = 0; r < nr; r++) {
        cni_table_column(t, cn_coverage_region(c, r), CNI_COL_TEXT);
    }
    for (size_t f = 0; f < cn_coverage_field_count(c); f++) {
        cni_table_text(t, cn_coverage_field(c, f));
        for (size_t r = 0; r < nr; r++) {
            const cn_coverage_cell *cell = cn_coverage_cell_at(c, f, r);
            char text[48];
            snprintf(text, sizeof text, "%zu / %zu", cell->led, cell->reaching);
            cni_table_text(t, text);
        }
    }
    return finish(out, t, 0);
}

/* A candidate's columns, in the checks' JSON records and in the candidates table. */
static const colspec cand_cols[] = {
    { "id", CNI_COL_ID, 0, NULL },
    { "label", CNI_COL_TEXT, 0, NULL },
    { "kind", CNI_COL_TEXT, 0, NULL },
    { "region", CNI_COL_TEXT, 0, NULL },
    { "country", CNI_COL_TEXT, 0, NULL },
    { "fields", CNI_COL_LIST, 0, NULL },
    { "score", CNI_COL_REAL, 0, NULL },
    { "signals", CNI_COL_LIST, 0, NULL },
    { "evidence", CNI_COL_TEXT, 0, NULL },
};

/* The cells of candidate @p s: id, label, kind, region, country, fields (';' apart in
 * s->fields), score, signals (CN_SIGNAL_* names), evidence. 0 or CN_ENOMEM. */
static int candidate_cells(cni_table *t, const cn_graph *g, const cn_suggestion *s)
{
    static const char *const signals[] = { "membership", "tie", "field", "inferred-field",
                                           "region", "country" };
    const char *f = s->fields;
    cni_buf item;
    int rc;

    cni_buf_init(&item);
    cni_table_text(t, cn_graph_node_id(g, s->node));
    cni_table_text(t, cn_graph_node_label(g, s->node));
    cni_table_text(t, cn_node_kind_name(cn_graph_node_kind(g, s->node)));
    cni_table_text(t, cn_graph_node_region(g, s->node));
    cni_table_text(t, cn_graph_node_country(g, s->node));
    cni_table_list_begin(t);
    while (*f) {
        size_t len = strcspn(f, ";");
        cni_buf_clear(&item);
        cni_buf_add(&item, f, len);
        cni_table_list_item(t, cni_buf_str(&item) ? cni_buf_str(&item) : "");
        f += len + (f[len] == ';');
    }
    cni_table_list_end(t);
    rc = cni_buf_str(&item) ? 0 : cni_fail(CN_ENOMEM, "out of memory");
    cni_buf_fini(&item);
    cni_table_real(t, s->score);
    cni_table_list_begin(t);
    for (size_t k = 0; k < sizeof signals / sizeof signals[0]; k++) {
        if (s->signals & (1u << k)) {
            cni_table_list_item(t, signals[k]);
        }
    }
    cni_table_list_end(t);
    cni_table_text(t, s->evidence);
    return rc;
}

/* The suggestions of @p r, best first, with the candidate's columns. */
static cni_table *suggestions(const cn_graph *g, const cn_rule_result *r)
{
    cni_table *t;

    if (create(&t, "suggestions", cand_cols, sizeof cand_cols / sizeof cand_cols[0]) < 0) {
        return NULL;
    }
    for (size_t k = 0; k < r->nsuggestions; k++) {
        if (candidate_cells(t, g, &r->suggestions[k]) < 0) {
            cni_table_destroy(t);
            return NULL;
        }
    }
    return t;
}

int cni_coverage_candidates_table(cni_table **out, const cn_graph *g, const cn_coverage *c)
{
    static const colspec cols[] = {
        { "line", CNI_COL_INT, 0, NULL },
        { "subject", CNI_COL_TEXT, 0, NULL },
        { "rank", CNI_COL_INT, 0, NULL },
    };
    cni_table *t;
    cni_buf subj;
    int rc;

    if ((rc = create(&t, "candidates", cols, sizeof cols / sizeof cols[0])) < 0
        || (rc = add_columns(t, cand_cols, sizeof cand_cols / sizeof cand_cols[0])) < 0) {
        cni_table_destroy(t);
        *out = NULL;
        return rc;
    }
    cni_buf_init(&subj);
    for (size_t k = 0; k < cn_coverage_result_count(c) && rc == 0; k++) {
        const cn_rule_result *r = cn_coverage_result(c, k);
        if (r->met) {
            continue;
        }
        subject(&subj, g, r);
        if (!cni_buf_str(&subj)) {
            rc = cni_fail(CN_ENOMEM, "out of memory");
            break;
        }
        for (size_t s = 0; s < r->nsuggestions && rc == 0; s++) {
            cni_table_size(t, r->line);
            cni_table_text(t, cni_buf_str(&subj));
            cni_table_size(t, s + 1);
            rc = candidate_cells(t, g, &r->suggestions[s]);
        }
        rc = rc < 0 ? rc : cni_table_status(t);
    }
    cni_buf_fini(&subj);
    return finish(out, t, rc);
}

int cni_coverage_checks_table(cni_table **out, const cn_graph *g, const cn_coverage *c,
                              const char *targets, bool gaps_only)
{
    /* CSV (and the page) and JSON say some things differently, as they always have: a CSV row
     * names its subject in one cell ("field/region", a network's id) and its status as
     * met/gap, where JSON has field, region and network apart and met as a boolean; a CSV
     * cell holds the suggestions as text ("id (score); ..."), JSON a record per suggestion
     * with its label and the full score; JSON repeats the targets file in each record, which
     * CSV (one file's checks) leaves out. The report's page, which lists the gaps alone,
     * leaves out type and status. */
    static const colspec cols[] = {
        { "targets", CNI_COL_TEXT, CNI_IN_JSON, NULL },
        { "line", CNI_COL_INT, 0, NULL },
        { "rule", CNI_COL_TEXT, 0, NULL },
        { "type", CNI_COL_TEXT, CNI_IN_TEXT | CNI_IN_CSV | CNI_IN_JSON, NULL },
        { "field", CNI_COL_TEXT, CNI_IN_JSON, NULL },
        { "region", CNI_COL_TEXT, CNI_IN_JSON, NULL },
        { "network", CNI_COL_ID, CNI_IN_JSON, NULL },
        { "subject", CNI_COL_TEXT, CSV_SIDE, NULL },
        { "status", CNI_COL_TEXT, CNI_IN_TEXT | CNI_IN_CSV, NULL },
        { "met", CNI_COL_BOOL, CNI_IN_JSON, NULL },
        { "have", CNI_COL_INT, 0, NULL },
        { "need", CNI_COL_INT, 0, NULL },
        { "message", CNI_COL_TEXT, 0, NULL },
        { "suggestions", CNI_COL_TEXT, CSV_SIDE, NULL },
        { "suggestions", CNI_COL_TABLE, CNI_IN_JSON, NULL },
        { "no_candidate", CNI_COL_TEXT, 0, NULL },
    };
    cni_table *t, *sub;
    cni_buf subj, sugg;
    int rc;

    if ((rc = create(&t, gaps_only ? "gaps" : "checks", cols, sizeof cols / sizeof cols[0]))
        < 0) {
        *out = NULL;
        return rc;
    }
    cni_buf_init(&subj);
    cni_buf_init(&sugg);
    for (size_t k = 0; k < cn_coverage_result_count(c) && rc == 0; k++) {
        const cn_rule_result *r = cn_coverage_result(c, k);
        if (gaps_only && r->met) {
            continue;
        }
        subject(&subj, g, r);
        cni_buf_clear(&sugg);
        cni_buf_puts(&sugg, "");
        for (size_t s = 0; s < r->nsuggestions; s++) {
            cni_buf_printf(&sugg, "%s%s (%g)", s ? "; " : "",
                           cn_graph_node_id(g, r->suggestions[s].node), r->suggestions[s].score);
        }
        if (!cni_buf_str(&subj) || !cni_buf_str(&sugg) || !(sub = suggestions(g, r))) {
            rc = cni_fail(CN_ENOMEM, "out of memory");
            break;
        }
        cni_table_text(t, targets ? targets : "");
        cni_table_size(t, r->line);
        cni_table_text(t, r->rule);
        cni_table_text(t, type_name(r->type));
        cni_table_text(t, r->field);
        cni_table_text(t, r->region);
        cni_table_text(t, r->network != CN_NONE ? cn_graph_node_id(g, r->network) : NULL);
        cni_table_text(t, cni_buf_str(&subj));
        cni_table_text(t, r->met ? "met" : "gap");
        cni_table_bool(t, r->met);
        cni_table_size(t, r->have);
        cni_table_size(t, r->need);
        cni_table_text(t, r->message);
        cni_table_text(t, cni_buf_str(&sugg));
        cni_table_sub(t, sub);
        cni_table_text(t, r->no_candidate);
        rc = cni_table_status(t);
    }
    cni_buf_fini(&subj);
    cni_buf_fini(&sugg);
    return finish(out, t, rc);
}

int cni_coverage_rules_table(cni_table **out, const cn_coverage *c, bool gaps_only)
{
    static const colspec cols[] = {
        { "line", CNI_COL_INT, 0, NULL },
        { "rule", CNI_COL_TEXT, 0, NULL },
        { "checks", CNI_COL_INT, 0, NULL },
        { "met", CNI_COL_INT, 0, NULL },
        { "not_met", CNI_COL_INT, 0, NULL },
    };
    size_t n = cn_coverage_result_count(c);
    cni_table *t;
    int rc;

    if ((rc = create(&t, "rules", cols, sizeof cols / sizeof cols[0])) < 0) {
        *out = NULL;
        return rc;
    }
    /* a rule's checks are consecutive: one per subject, in the order of the targets file */
    for (size_t k = 0, j; k < n; k = j) {
        const cn_rule_result *first = cn_coverage_result(c, k);
        size_t unmet = 0;
        for (j = k; j < n && cn_coverage_result(c, j)->line == first->line; j++) {
            unmet += !cn_coverage_result(c, j)->met;
        }
        if (gaps_only && unmet == 0) {
            continue;
        }
        cni_table_size(t, first->line);
        cni_table_text(t, first->rule);
        cni_table_size(t, j - k);
        cni_table_size(t, j - k - unmet);
        cni_table_size(t, unmet);
    }
    return finish(out, t, 0);
}

/* Whether @p c has a gap of rule line @p line for the subject @p subj. */
static bool has_gap(cni_buf *tmp, const cn_graph *g, const cn_coverage *c, size_t line,
                    const char *subj)
{
    for (size_t j = 0; j < cn_coverage_result_count(c); j++) {
        const cn_rule_result *q = cn_coverage_result(c, j);
        if (!q->met && q->line == line) {
            subject(tmp, g, q);
            if (strcmp(cni_buf_str(tmp) ? cni_buf_str(tmp) : "", subj) == 0) {
                return true;
            }
        }
    }
    return false;
}

int cni_coverage_changes_table(cni_table **out, const cn_graph *g1, const cn_coverage *c1,
                               const cn_graph *g2, const cn_coverage *c2)
{
    static const colspec cols[] = {
        { "change", CNI_COL_TEXT, 0, NULL },
        { "line", CNI_COL_INT, 0, NULL },
        { "rule", CNI_COL_TEXT, 0, NULL },
        { "subject", CNI_COL_TEXT, 0, NULL },
        { "message", CNI_COL_TEXT, 0, NULL },
    };
    cni_table *t;
    cni_buf sa, sb;
    int rc;

    if ((rc = create(&t, "changes", cols, sizeof cols / sizeof cols[0])) < 0) {
        *out = NULL;
        return rc;
    }
    cni_buf_init(&sa);
    cni_buf_init(&sb);
    /* pass 0: the gaps at the second date not at the first (opened); pass 1: the gaps at the
     * first not at the second (closed). A gap is its rule's line and its subject. */
    for (int pass = 0; pass < 2 && rc == 0; pass++) {
        const cn_coverage *a = pass ? c1 : c2, *b = pass ? c2 : c1;
        const cn_graph *ga = pass ? g1 : g2, *gb = pass ? g2 : g1;
        for (size_t k = 0; k < cn_coverage_result_count(a) && rc == 0; k++) {
            const cn_rule_result *r = cn_coverage_result(a, k);
            if (r->met) {
                continue;
            }
            subject(&sa, ga, r);
            if (!cni_buf_str(&sa)) {
                break;
            }
            if (has_gap(&sb, gb, b, r->line, cni_buf_str(&sa))) {
                continue;
            }
            cni_table_text(t, pass ? "closed" : "opened");
            cni_table_size(t, r->line);
            cni_table_text(t, r->rule);
            cni_table_text(t, cni_buf_str(&sa));
            cni_table_text(t, r->message);
            rc = cni_table_status(t);
        }
    }
    if (rc == 0 && (!cni_buf_str(&sa) || !cni_buf_str(&sb))) {
        rc = cni_fail(CN_ENOMEM, "out of memory");
    }
    cni_buf_fini(&sa);
    cni_buf_fini(&sb);
    return finish(out, t, rc);
}

int cni_coverage_totals_table(cni_table **out, const cn_coverage *const *cs,
                              const char *const *names, size_t n)
{
    static const colspec cols[] = {
        { "state", CNI_COL_TEXT, 0, NULL },
        { "checks", CNI_COL_INT, 0, NULL },
        { "met", CNI_COL_INT, 0, NULL },
        { "not_met", CNI_COL_INT, 0, NULL },
    };
    cni_table *t;
    int rc;

    if ((rc = create(&t, "totals", cols, sizeof cols / sizeof cols[0])) < 0) {
        *out = NULL;
        return rc;
    }
    for (size_t k = 0; k < n; k++) {
        size_t checks = cn_coverage_result_count(cs[k]), gaps = cn_coverage_gap_count(cs[k]);
        cni_table_text(t, names[k]);
        cni_table_size(t, checks);
        cni_table_size(t, checks - gaps);
        cni_table_size(t, gaps);
    }
    return finish(out, t, 0);
}

/* The checks actor @p k breaks, as records (JSON). */
static cni_table *broken_checks(const cn_graph *g, const cn_coverage *c, const cn_critical *k,
                                cni_buf *subj)
{
    static const colspec cols[] = {
        { "line", CNI_COL_INT, 0, NULL },
        { "rule", CNI_COL_TEXT, 0, NULL },
        { "subject", CNI_COL_TEXT, 0, NULL },
        { "message", CNI_COL_TEXT, 0, NULL },
    };
    cni_table *t;

    if (create(&t, "checks", cols, sizeof cols / sizeof cols[0]) < 0) {
        return NULL;
    }
    for (size_t j = 0; j < k->nbroken; j++) {
        const cn_rule_result *r = cn_coverage_result(c, k->broken[j]);
        subject(subj, g, r);
        cni_table_size(t, r->line);
        cni_table_text(t, r->rule);
        cni_table_text(t, cni_buf_str(subj) ? cni_buf_str(subj) : "");
        cni_table_text(t, r->message);
    }
    return t;
}

int cni_coverage_critical_table(cni_table **out, const cn_graph *g, const cn_coverage *c,
                                const cn_critical *crit, size_t n, size_t top)
{
    static const colspec cols[] = {
        { "id", CNI_COL_ID, 0, NULL },
        { "label", CNI_COL_TEXT, 0, NULL },
        { "kind", CNI_COL_TEXT, 0, NULL },
        { "region", CNI_COL_TEXT, 0, NULL },
        { "breaks", CNI_COL_INT, 0, NULL },
        { "checks", CNI_COL_TEXT, CSV_SIDE, NULL },
        { "checks", CNI_COL_TABLE, CNI_IN_JSON, NULL },
    };
    cni_table *t, *sub;
    cni_buf subj, text;
    int rc;

    if ((rc = create(&t, "critical", cols, sizeof cols / sizeof cols[0])) < 0) {
        *out = NULL;
        return rc;
    }
    cni_buf_init(&subj);
    cni_buf_init(&text);
    for (size_t k = 0; k < n && k < top && rc == 0; k++) {
        cni_buf_clear(&text);
        cni_buf_puts(&text, "");
        for (size_t j = 0; j < crit[k].nbroken; j++) {
            const cn_rule_result *r = cn_coverage_result(c, crit[k].broken[j]);
            subject(&subj, g, r);
            cni_buf_printf(&text, "%s%s (line %zu)", j ? "; " : "",
                           cni_buf_str(&subj) ? cni_buf_str(&subj) : "", r->line);
        }
        if (!cni_buf_str(&text) || !(sub = broken_checks(g, c, &crit[k], &subj))) {
            rc = cni_fail(CN_ENOMEM, "out of memory");
            break;
        }
        cni_table_text(t, cn_graph_node_id(g, crit[k].node));
        cni_table_text(t, cn_graph_node_label(g, crit[k].node));
        cni_table_text(t, cn_node_kind_name(cn_graph_node_kind(g, crit[k].node)));
        cni_table_text(t, cn_graph_node_region(g, crit[k].node));
        cni_table_size(t, crit[k].nbroken);
        cni_table_text(t, cni_buf_str(&text));
        cni_table_sub(t, sub);
        rc = cni_table_status(t);
    }
    cni_buf_fini(&subj);
    cni_buf_fini(&text);
    return finish(out, t, rc);
}

/* ---- the summaries: scorecards, and the comparison of two dates ---- */

#define MARK_MET "\xe2\x9c\x93"   /* U+2713 CHECK MARK */
#define MARK_UNMET "\xe2\x9c\x97" /* U+2717 BALLOT X */

/* A scorecard cell's JSON record: the check's rule line, have, need, met. */
static cni_table *score_record(const cn_rule_result *r)
{
    static const colspec cols[] = {
        { "line", CNI_COL_INT, 0, NULL },
        { "have", CNI_COL_INT, 0, NULL },
        { "need", CNI_COL_INT, 0, NULL },
        { "met", CNI_COL_BOOL, 0, NULL },
    };
    cni_table *t;

    if (create(&t, "check", cols, sizeof cols / sizeof cols[0]) < 0) {
        return NULL;
    }
    cni_table_size(t, r->line);
    cni_table_size(t, r->have);
    cni_table_size(t, r->need);
    cni_table_bool(t, r->met);
    return t;
}

/* A scorecard column: "have/need ✓" as text (text, CSV, page), a record in JSON under
 * @p json, both named @p name. */
static void score_column(cni_table *t, const char *name, const char *json)
{
    int col = cni_table_column(t, name, CNI_COL_TEXT);

    cni_table_column_in(t, col, CSV_SIDE);
    col = cni_table_column(t, name, CNI_COL_TABLE);
    cni_table_column_shape(t, col, CNI_JSON_RECORD);
    cni_table_column_json(t, col, json);
}

/* The two cells of a score_column() for check @p r (NULL: none, undefined). Returns 0 or
 * CN_ENOMEM. */
static int score_cells(cni_table *t, const cn_rule_result *r)
{
    char text[64];
    cni_table *sub;

    if (!r) {
        cni_table_null(t);
        cni_table_null(t);
        return 0;
    }
    if (!(sub = score_record(r))) {
        return cni_fail(CN_ENOMEM, "out of memory");
    }
    snprintf(text, sizeof text, "%zu/%zu %s", r->have, r->need, r->met ? MARK_MET : MARK_UNMET);
    cni_table_text(t, text);
    cni_table_sub(t, sub);
    return 0;
}

static bool network_rule(const cn_rule_result *r)
{
    return r->network != CN_NONE;
}

int cni_coverage_scorecard_table(cni_table **out, const cn_graph *g, const cn_coverage *c)
{
    size_t n = cn_coverage_result_count(c), nnet = cn_coverage_network_count(c);
    size_t nn = cn_graph_node_count(g), nrules = 0;
    size_t *row_of = NULL, *lines = NULL;
    const cn_rule_result **cells = NULL;
    cni_table *t = NULL;
    int rc;

    *out = NULL;
    if ((rc = cni_table_create(&t, "scorecard")) < 0) {
        return rc;
    }
    cni_table_set_title(t, "Scorecard: each network against each network rule (have/need; "
                           "columns by the rule's line)");
    cni_table_column(t, "network", CNI_COL_ID);
    /* the network rules, by line; a rule's checks are consecutive */
    if (!(lines = cni_alloc_array(n + 1, sizeof *lines))
        || !(row_of = cni_alloc_array(nn + 1, sizeof *row_of))) {
        rc = cni_fail(CN_ENOMEM, "out of memory");
        goto done;
    }
    for (size_t k = 0; k < n; k++) {
        const cn_rule_result *r = cn_coverage_result(c, k);
        if (network_rule(r) && (nrules == 0 || lines[nrules - 1] != r->line)) {
            char name[32], key[40];
            lines[nrules++] = r->line;
            snprintf(name, sizeof name, "line_%zu", r->line);
            snprintf(key, sizeof key, "checks.line_%zu", r->line);
            score_column(t, name, key);
        }
    }
    cni_table_column(t, "not_met", CNI_COL_INT);
    cni_table_column(t, "label", CNI_COL_TEXT); /* last: labels are long */
    if (!(cells = cni_calloc_array(nnet * nrules + 1, sizeof *cells))) {
        rc = cni_fail(CN_ENOMEM, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < nn; i++) {
        row_of[i] = CN_NONE;
    }
    for (size_t k = 0; k < nnet; k++) {
        row_of[cn_coverage_network(c, k)] = k;
    }
    for (size_t k = 0, rule = 0; k < n; k++) {
        const cn_rule_result *r = cn_coverage_result(c, k);
        if (!network_rule(r) || r->network >= nn || row_of[r->network] == CN_NONE) {
            continue;
        }
        while (lines[rule] != r->line) {
            rule++;
        }
        cells[row_of[r->network] * nrules + rule] = r;
    }
    for (size_t k = 0; k < nnet && nrules > 0 && rc == 0; k++) {
        size_t net = cn_coverage_network(c, k), unmet = 0;
        cni_table_text(t, cn_graph_node_id(g, net));
        for (size_t j = 0; j < nrules && rc == 0; j++) {
            const cn_rule_result *r = cells[k * nrules + j];
            unmet += r && !r->met;
            rc = score_cells(t, r);
        }
        cni_table_size(t, unmet);
        cni_table_text(t, cn_graph_node_label(g, net));
    }
done:
    free(cells);
    free(row_of);
    free(lines);
    return finish(out, t, rc);
}

int cni_coverage_field_scorecard_table(cni_table **out, const cn_coverage *c)
{
    size_t n = cn_coverage_result_count(c), nf = cn_coverage_field_count(c);
    size_t nr = cn_coverage_region_count(c);
    const cn_rule_result **cells = NULL; /* per field: networks, then a cell per region */
    bool *used = NULL;                   /* per column: networks, then each region */
    cni_table *t = NULL;
    int rc;

    *out = NULL;
    if ((rc = cni_table_create(&t, "field_scorecard")) < 0) {
        return rc;
    }
    cni_table_set_title(t, "Scorecard: each field against the field rules (have/need)");
    if (!(cells = cni_calloc_array(nf * (nr + 1) + 1, sizeof *cells))
        || !(used = cni_calloc_array(nr + 1, sizeof *used))) {
        rc = cni_fail(CN_ENOMEM, "out of memory");
        goto done;
    }
    for (size_t k = 0; k < n; k++) {
        const cn_rule_result *r = cn_coverage_result(c, k);
        size_t f = 0, col = 0;
        if (network_rule(r) || !r->field) {
            continue;
        }
        while (f < nf && strcmp(cn_coverage_field(c, f), r->field) != 0) {
            f++;
        }
        if (r->region) {
            for (col = 1; col <= nr && strcmp(cn_coverage_region(c, col - 1), r->region); col++) {
            }
        }
        if (f < nf && col <= nr) {
            cells[f * (nr + 1) + col] = r;
            used[col] = true;
        }
    }
    cni_table_column(t, "field", CNI_COL_TEXT);
    if (used[0]) {
        score_column(t, "networks", "networks");
    }
    for (size_t j = 1; j <= nr; j++) {
        if (used[j]) {
            char key[300];
            snprintf(key, sizeof key, "regions.%s", cn_coverage_region(c, j - 1));
            score_column(t, cn_coverage_region(c, j - 1), key);
        }
    }
    cni_table_column(t, "not_met", CNI_COL_INT);
    for (size_t f = 0; f < nf && rc == 0; f++) {
        const cn_rule_result *const *row = cells + f * (nr + 1);
        size_t unmet = 0, any = 0;
        for (size_t j = 0; j <= nr; j++) {
            any += row[j] != NULL;
        }
        if (!any) {
            continue;
        }
        cni_table_text(t, cn_coverage_field(c, f));
        for (size_t j = 0; j <= nr && rc == 0; j++) {
            if (used[j]) {
                unmet += row[j] && !row[j]->met;
                rc = score_cells(t, row[j]);
            }
        }
        cni_table_size(t, unmet);
    }
done:
    free(cells);
    free(used);
    return finish(out, t, rc);
}

/* Whether network @p id existed at a date: it is in scope of @p c (evaluated on @p g, the
 * data at that date) and has a membership edge in force then (a member, a lead or a parent). */
static bool existed(const cn_graph *g, const cn_coverage *c, const char *id)
{
    size_t net = cn_graph_find(g, id);

    if (net == CN_NONE
        || (cn_graph_network_member_count(g, net) == 0
            && cn_graph_node_network_count(g, net) == 0)) {
        return false;
    }
    for (size_t k = 0; k < cn_coverage_network_count(c); k++) {
        if (cn_coverage_network(c, k) == net) {
            return true;
        }
    }
    return false;
}

/* How a check's network fared from the first date to the second: 'n' new at the second, 'e'
 * ended by then, 0 otherwise (or not a network's check). */
static char network_change(const cn_graph *g1, const cn_coverage *c1, const cn_graph *g2,
                           const cn_coverage *c2, const char *id)
{
    bool a = existed(g1, c1, id), b = existed(g2, c2, id);

    return !a && b ? 'n' : a && !b ? 'e' : 0;
}

int cni_coverage_compare_totals_table(cni_table **out, const cn_graph *g1,
                                      const cn_coverage *c1, const char *d1,
                                      const cn_graph *g2, const cn_coverage *c2, const char *d2)
{
    static const colspec cols[] = {
        { "date", CNI_COL_TEXT, 0, NULL },
        { "networks", CNI_COL_INT, 0, NULL },
        { "checks", CNI_COL_INT, 0, NULL },
        { "met", CNI_COL_INT, 0, NULL },
        { "not_met", CNI_COL_INT, 0, NULL },
    };
    cni_table *t;
    int rc;

    if ((rc = create(&t, "compare_totals", cols, sizeof cols / sizeof cols[0])) < 0) {
        *out = NULL;
        return rc;
    }
    cni_table_set_title(t, "Checks met at each date (networks: those in scope with a "
                           "membership in force)");
    for (int k = 0; k < 2; k++) {
        const cn_graph *g = k ? g2 : g1;
        const cn_coverage *c = k ? c2 : c1;
        size_t nets = 0;
        for (size_t j = 0; j < cn_coverage_network_count(c); j++) {
            nets += existed(g, c, cn_graph_node_id(g, cn_coverage_network(c, j)));
        }
        cni_table_text(t, k ? d2 : d1);
        cni_table_size(t, nets);
        cni_table_size(t, cn_coverage_result_count(c));
        cni_table_size(t, cn_coverage_result_count(c) - cn_coverage_gap_count(c));
        cni_table_size(t, cn_coverage_gap_count(c));
    }
    return finish(out, t, 0);
}

/* The checks and gaps of network @p net in @p c. */
static void network_checks(const cn_coverage *c, size_t net, size_t *checks, size_t *unmet)
{
    *checks = *unmet = 0;
    for (size_t k = 0; k < cn_coverage_result_count(c); k++) {
        const cn_rule_result *r = cn_coverage_result(c, k);
        if (r->network == net) {
            ++*checks;
            *unmet += !r->met;
        }
    }
}

int cni_coverage_compare_networks_table(cni_table **out, const cn_graph *g1,
                                        const cn_coverage *c1, const cn_graph *g2,
                                        const cn_coverage *c2)
{
    static const colspec cols[] = {
        { "change", CNI_COL_TEXT, 0, NULL },
        { "network", CNI_COL_ID, 0, NULL },
        { "checks", CNI_COL_INT, 0, NULL },
        { "not_met", CNI_COL_INT, 0, NULL },
        { "label", CNI_COL_TEXT, 0, NULL },
    };
    cni_table *t;
    int rc;

    if ((rc = create(&t, "compare_networks", cols, sizeof cols / sizeof cols[0])) < 0) {
        *out = NULL;
        return rc;
    }
    cni_table_set_title(t, "Networks that came into existence (checks at the second date) or "
                           "ended (checks at the first)");
    /* pass 0: the networks in scope at the second date that are new; pass 1: those in scope at
     * the first that ended */
    for (int pass = 0; pass < 2; pass++) {
        const cn_graph *g = pass ? g1 : g2;
        const cn_coverage *c = pass ? c1 : c2;
        for (size_t k = 0; k < cn_coverage_network_count(c); k++) {
            size_t net = cn_coverage_network(c, k), checks, unmet;
            const char *id = cn_graph_node_id(g, net);
            if (network_change(g1, c1, g2, c2, id) != (pass ? 'e' : 'n')) {
                continue;
            }
            network_checks(c, net, &checks, &unmet);
            cni_table_text(t, pass ? "ended" : "new");
            cni_table_text(t, id);
            cni_table_size(t, checks);
            cni_table_size(t, unmet);
            cni_table_text(t, cn_graph_node_label(g, net));
        }
    }
    return finish(out, t, 0);
}

int cni_coverage_compare_table(cni_table **out, size_t counts[4], const cn_graph *g1,
                               const cn_coverage *c1, const cn_graph *g2, const cn_coverage *c2)
{
    static const colspec cols[] = {
        { "change", CNI_COL_TEXT, 0, NULL },
        { "line", CNI_COL_INT, 0, NULL },
        { "rule", CNI_COL_TEXT, 0, NULL },
        { "subject", CNI_COL_TEXT, 0, NULL },
        { "message", CNI_COL_TEXT, 0, NULL },
        { "label", CNI_COL_TEXT, 0, NULL },
    };
    /* in the order of the story: the gaps new networks brought, the gaps closed, those opened
     * in networks that existed, those gone with a network that ended */
    static const struct {
        const char *name;
        char network; /* network_change() of the check's network */
        bool second;  /* a gap at the second date (else at the first) */
        bool all;     /* every gap (else those not a gap at the other date) */
    } passes[] = { { "new", 'n', true, true },
                   { "closed", 0, false, false },
                   { "opened", 0, true, false },
                   { "ended", 'e', false, true } };
    cni_table *t;
    cni_buf sa, sb;
    int rc;

    if ((rc = create(&t, "compare_changes", cols, sizeof cols / sizeof cols[0])) < 0) {
        *out = NULL;
        return rc;
    }
    cni_table_set_title(t, "Gaps: brought by new networks, closed, opened in networks that "
                           "existed, gone with networks that ended");
    cni_buf_init(&sa);
    cni_buf_init(&sb);
    if (counts) {
        memset(counts, 0, 4 * sizeof *counts);
    }
    for (size_t p = 0; p < sizeof passes / sizeof passes[0] && rc == 0; p++) {
        const cn_coverage *a = passes[p].second ? c2 : c1, *b = passes[p].second ? c1 : c2;
        const cn_graph *ga = passes[p].second ? g2 : g1, *gb = passes[p].second ? g1 : g2;
        for (size_t k = 0; k < cn_coverage_result_count(a) && rc == 0; k++) {
            const cn_rule_result *r = cn_coverage_result(a, k);
            const char *id = network_rule(r) ? cn_graph_node_id(ga, r->network) : NULL;
            char change = id ? network_change(g1, c1, g2, c2, id) : 0;
            if (r->met || change != passes[p].network) {
                continue;
            }
            subject(&sa, ga, r);
            if (!cni_buf_str(&sa)) {
                break;
            }
            if (!passes[p].all && has_gap(&sb, gb, b, r->line, cni_buf_str(&sa))) {
                continue;
            }
            if (counts) {
                counts[p]++;
            }
            cni_table_text(t, passes[p].name);
            cni_table_size(t, r->line);
            cni_table_text(t, r->rule);
            cni_table_text(t, cni_buf_str(&sa));
            cni_table_text(t, r->message);
            cni_table_text(t, id ? cn_graph_node_label(ga, r->network) : NULL);
            rc = cni_table_status(t);
        }
    }
    if (rc == 0 && (!cni_buf_str(&sa) || !cni_buf_str(&sb))) {
        rc = cni_fail(CN_ENOMEM, "out of memory");
    }
    cni_buf_fini(&sa);
    cni_buf_fini(&sb);
    return finish(out, t, rc);
}

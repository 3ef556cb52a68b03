/* collabnet coverage: which fields and regions lack networks, measured against policy targets,
 * and what would close each gap. */
#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"

static const char *type_name(cn_rule_type t)
{
    static const char *const names[] = { "field-networks", "field-regions", "network-lead",
                                         "network-members" };
    return names[t];
}

static char *num(char buf[32], size_t v)
{
    snprintf(buf, 32, "%zu", v);
    return buf;
}

/* "id (label) 2.5; ..." for a result's suggestions */
static const char *suggestions_text(char *buf, size_t size, const cn_graph *g,
                                    const cn_rule_result *r)
{
    size_t len = 0;

    buf[0] = '\0';
    for (size_t k = 0; k < r->nsuggestions && len < size; k++) {
        len += (size_t)snprintf(buf + len, size - len, "%s%s (%g)", k ? "; " : "",
                                cn_graph_node_id(g, r->suggestions[k].node),
                                r->suggestions[k].score);
    }
    return buf;
}

static const char *subject(char *buf, size_t size, const cn_graph *g, const cn_rule_result *r)
{
    if (r->network != CN_NONE) {
        snprintf(buf, size, "%s", cn_graph_node_id(g, r->network));
    } else if (r->region) {
        snprintf(buf, size, "%s/%s", r->field, r->region);
    } else {
        snprintf(buf, size, "%s", r->field ? r->field : "");
    }
    return buf;
}

static json_t *result_json(const cn_graph *g, const cn_rule_result *r, const char *targets)
{
    json_t *o = json_object(), *sug = json_array();

    json_object_set_new(o, "targets", json_string(targets));
    json_object_set_new(o, "line", json_integer((json_int_t)r->line));
    json_object_set_new(o, "rule", json_string(r->rule));
    json_object_set_new(o, "type", json_string(type_name(r->type)));
    json_object_set_new(o, "field", r->field ? json_string(r->field) : json_null());
    json_object_set_new(o, "region", r->region ? json_string(r->region) : json_null());
    json_object_set_new(o, "network", r->network != CN_NONE
                                          ? json_string(cn_graph_node_id(g, r->network))
                                          : json_null());
    json_object_set_new(o, "met", json_boolean(r->met));
    json_object_set_new(o, "have", json_integer((json_int_t)r->have));
    json_object_set_new(o, "need", json_integer((json_int_t)r->need));
    json_object_set_new(o, "message", json_string(r->message));
    for (size_t k = 0; k < r->nsuggestions; k++) {
        json_t *s = json_object();
        json_object_set_new(s, "id", json_string(cn_graph_node_id(g, r->suggestions[k].node)));
        json_object_set_new(s, "label", json_string(cn_graph_node_label(g, r->suggestions[k].node)));
        json_object_set_new(s, "score", json_real(r->suggestions[k].score));
        json_array_append_new(sug, s);
    }
    json_object_set_new(o, "suggestions", sug);
    json_object_set_new(o, "no_candidate",
                        r->no_candidate ? json_string(r->no_candidate) : json_null());
    return o;
}

static int matrix_rows(cli_table *t, const cn_coverage *c)
{
    for (size_t f = 0; f < cn_coverage_field_count(c); f++) {
        for (size_t r = 0; r < cn_coverage_region_count(c); r++) {
            const cn_coverage_cell *cell = cn_coverage_cell_at(c, f, r);
            char b[6][32];
            const char *row[] = { cn_coverage_field(c, f), cn_coverage_region(c, r),
                                  num(b[0], cell->led), num(b[1], cell->reaching),
                                  num(b[2], cell->members_by_kind[CN_NODE_INSTITUTION]),
                                  num(b[3], cell->members_by_kind[CN_NODE_ENTERPRISE]),
                                  num(b[4], cell->members_by_kind[CN_NODE_EXPERT]) };
            if (cli_table_add(t, row) < 0) {
                return -1;
            }
        }
    }
    return 0;
}

/* The terminal view: the matrix as a grid (led/reaching per cell), then the gaps in words. */
static int emit_table(FILE *fp, const cn_graph *g, const cn_coverage *c, const char *targets,
                      bool gaps_only)
{
    size_t nr = cn_coverage_region_count(c);
    const char **h = calloc(nr + 1, sizeof *h);
    cli_table t;
    int rc;

    if (!h) {
        return -1;
    }
    h[0] = "field";
    for (size_t r = 0; r < nr; r++) {
        h[r + 1] = cn_coverage_region(c, r);
    }
    rc = cli_table_init(&t, "Networks led / reaching, by field and region", nr + 1, h);
    free(h);
    for (size_t f = 0; rc == 0 && f < cn_coverage_field_count(c); f++) {
        const char **row = calloc(nr + 1, sizeof *row);
        char (*cells)[48] = calloc(nr + 1, sizeof *cells);
        if (!row || !cells) {
            rc = -1;
        } else {
            row[0] = cn_coverage_field(c, f);
            for (size_t r = 0; r < nr; r++) {
                const cn_coverage_cell *cell = cn_coverage_cell_at(c, f, r);
                snprintf(cells[r], sizeof cells[r], "%zu / %zu", cell->led, cell->reaching);
                row[r + 1] = cells[r];
            }
            rc = cli_table_add(&t, row);
        }
        free(row);
        free(cells);
    }
    if (rc == 0) {
        size_t nn = cn_coverage_network_count(c);
        fprintf(fp, "Coverage of %zu network%s\n\n", nn, nn == 1 ? "" : "s");
        cli_table_print(&t, fp);
    }
    cli_table_fini(&t);
    if (rc < 0) {
        return rc;
    }
    fputc('\n', fp);
    cli_line(fp, "%zu of %zu check%s not met (targets: %s)", cn_coverage_gap_count(c),
             cn_coverage_result_count(c), cn_coverage_result_count(c) == 1 ? "" : "s",
             targets ? targets : "none");
    for (size_t k = 0; k < cn_coverage_result_count(c); k++) {
        const cn_rule_result *r = cn_coverage_result(c, k);
        if (gaps_only && r->met) {
            continue;
        }
        fputc('\n', fp);
        cli_line(fp, "%s %s:%zu  %s", r->met ? "met" : "GAP", targets, r->line, r->rule);
        cli_line(fp, "  %s", r->message);
        for (size_t s = 0; !r->met && s < r->nsuggestions; s++) {
            cli_line(fp, "  candidate: %s (%s), tie weight %g",
                     cn_graph_node_id(g, r->suggestions[s].node),
                     cn_graph_node_label(g, r->suggestions[s].node), r->suggestions[s].score);
        }
        if (!r->met && r->no_candidate) {
            cli_line(fp, "  no candidate: %s", r->no_candidate);
        }
    }
    return 0;
}

static int emit(FILE *fp, const cn_graph *g, const cn_coverage *c, const char *targets,
                cli_format format, bool gaps_only, bool matrix_only)
{
    if (format == FORMAT_JSON) {
        json_t *root = json_object(), *m = json_array(), *res = json_array();
        int rc;
        for (size_t f = 0; f < cn_coverage_field_count(c); f++) {
            for (size_t r = 0; r < cn_coverage_region_count(c); r++) {
                const cn_coverage_cell *cell = cn_coverage_cell_at(c, f, r);
                json_t *o = json_object(), *by = json_object();
                json_object_set_new(o, "field", json_string(cn_coverage_field(c, f)));
                json_object_set_new(o, "region", json_string(cn_coverage_region(c, r)));
                json_object_set_new(o, "led", json_integer((json_int_t)cell->led));
                json_object_set_new(o, "reaching", json_integer((json_int_t)cell->reaching));
                for (int k = 0; k < CN_NODE_KIND_COUNT - 1; k++) {
                    json_object_set_new(by, cn_node_kind_name((cn_node_kind)k),
                                        json_integer((json_int_t)cell->members_by_kind[k]));
                }
                json_object_set_new(o, "members", by);
                json_array_append_new(m, o);
            }
        }
        for (size_t k = 0; !matrix_only && k < cn_coverage_result_count(c); k++) {
            const cn_rule_result *r = cn_coverage_result(c, k);
            if (!gaps_only || !r->met) {
                json_array_append_new(res, result_json(g, r, targets ? targets : ""));
            }
        }
        json_object_set_new(root, "collabnet", json_string(cn_version()));
        json_object_set_new(root, "targets", targets ? json_string(targets) : json_null());
        json_object_set_new(root, "networks", json_integer((json_int_t)cn_coverage_network_count(c)));
        json_object_set_new(root, "gaps", json_integer((json_int_t)cn_coverage_gap_count(c)));
        json_object_set_new(root, "matrix", m);
        json_object_set_new(root, "results", res);
        rc = json_dumpf(root, fp, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(17));
        fputc('\n', fp);
        json_decref(root);
        return rc;
    }
    if (matrix_only) {
        const char *h[] = { "field", "region", "led", "reaching", "institutions", "enterprises",
                            "experts" };
        cli_table t;
        int rc = cli_table_start(&t, fp, format, 7, h);
        for (size_t k = 2; rc == 0 && k < 7; k++) {
            t.right[k] = true;
        }
        if (rc == 0 && (rc = matrix_rows(&t, c)) == 0) {
            cli_table_emit(&t, fp, format);
        }
        cli_table_fini(&t);
        return rc;
    }
    if (format == FORMAT_TABLE) {
        return emit_table(fp, g, c, targets, gaps_only);
    }
    {
        const char *h[] = { "line", "rule", "type", "subject", "status", "have", "need",
                            "message", "suggestions", "no_candidate" };
        cli_table t;
        int rc = cli_table_start(&t, fp, format, 10, h);
        for (size_t k = 0; rc == 0 && k < cn_coverage_result_count(c); k++) {
            const cn_rule_result *r = cn_coverage_result(c, k);
            char b[3][32], subj[256], sug[1024];
            if (gaps_only && r->met) {
                continue;
            }
            const char *row[] = { num(b[0], r->line), r->rule, type_name(r->type),
                                  subject(subj, sizeof subj, g, r), r->met ? "met" : "gap",
                                  num(b[1], r->have), num(b[2], r->need), r->message,
                                  suggestions_text(sug, sizeof sug, g, r),
                                  r->met || !r->no_candidate ? "" : r->no_candidate };
            rc = cli_table_add(&t, row);
        }
        cli_table_fini(&t);
        return rc;
    }
}

/* --compare: gaps keyed by rule line and subject. */
static int compare(FILE *fp, const cn_graph *g1, const cn_coverage *c1, const cn_graph *g2,
                   const cn_coverage *c2, const char *d1, const char *d2, const char *targets,
                   cli_format format)
{
    const char *h[] = { "change", "line", "rule", "subject", "message" };
    json_t *arr = format == FORMAT_JSON ? json_array() : NULL;
    cli_table t;
    int rc = 0;

    if (!arr && (rc = cli_table_start(&t, fp, format, 5, h)) < 0) {
        return rc;
    }
    for (int pass = 0; pass < 2 && rc == 0; pass++) {
        /* pass 0: gaps at D2 not at D1 (opened); pass 1: gaps at D1 not at D2 (closed) */
        const cn_coverage *a = pass ? c1 : c2, *b = pass ? c2 : c1;
        const cn_graph *ga = pass ? g1 : g2, *gb = pass ? g2 : g1;
        for (size_t k = 0; k < cn_coverage_result_count(a) && rc == 0; k++) {
            const cn_rule_result *r = cn_coverage_result(a, k);
            char sa[256], sb[256], bl[32];
            bool also = false;
            if (r->met) {
                continue;
            }
            subject(sa, sizeof sa, ga, r);
            for (size_t j = 0; j < cn_coverage_result_count(b) && !also; j++) {
                const cn_rule_result *q = cn_coverage_result(b, j);
                also = !q->met && q->line == r->line
                       && strcmp(subject(sb, sizeof sb, gb, q), sa) == 0;
            }
            if (also) {
                continue;
            }
            if (arr) {
                json_t *o = json_object();
                json_object_set_new(o, "change", json_string(pass ? "closed" : "opened"));
                json_object_set_new(o, "line", json_integer((json_int_t)r->line));
                json_object_set_new(o, "rule", json_string(r->rule));
                json_object_set_new(o, "subject", json_string(sa));
                json_object_set_new(o, "message", json_string(r->message));
                json_array_append_new(arr, o);
            } else {
                const char *row[] = { pass ? "closed" : "opened", num(bl, r->line), r->rule, sa,
                                      r->message };
                rc = cli_table_add(&t, row);
            }
        }
    }
    if (arr) {
        json_t *root = json_object();
        json_object_set_new(root, "collabnet", json_string(cn_version()));
        json_object_set_new(root, "targets", json_string(targets));
        json_object_set_new(root, "from", json_string(d1));
        json_object_set_new(root, "to", json_string(d2));
        json_object_set_new(root, "changes", arr);
        rc = json_dumpf(root, fp, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
        fputc('\n', fp);
        json_decref(root);
        return rc;
    }
    if (rc == 0) {
        if (format == FORMAT_TABLE) {
            fprintf(fp, "Gaps opened and closed from %s to %s\n", d1, d2);
        }
        cli_table_emit(&t, fp, format);
    }
    cli_table_fini(&t);
    return rc;
}

/* Load the dataset (at a date) and evaluate the targets on it. */
static int evaluate(cn_graph **g, cn_coverage **c, const char *dir, const cli_dataset_opts *d,
                    const cn_targets *t, size_t nsugg)
{
    cn_coverage_options co = CN_COVERAGE_OPTIONS_INIT;
    int status, rc;

    co.suggestions = nsugg;
    if ((status = cli_load(g, dir, d)) != EXIT_OK) {
        return status;
    }
    rc = cn_coverage_compute(c, *g, t, &co);
    if (rc == CN_EDATA) {
        fprintf(stderr, "%s\n", cn_errmsg()); /* already FILE:LINE: message */
        return EXIT_DATA;
    }
    return cli_status(rc);
}

enum { OPT_CHECK = 256, OPT_GAPS, OPT_MATRIX, OPT_SUGG, OPT_COMPARE };

static const cli_option options[] = {
    { "targets", 't', "FILE",
      "the targets (default: DATASET_DIR/targets.ini if\n"
      "present; README \"Targets\" describes the format)", 0 },
    { "check", 0, NULL,
      "exit 1 when any gap exists, 0 when none (for\n"
      "pipelines)", OPT_CHECK },
    { "gaps", 0, NULL, "list only the rules not met", OPT_GAPS },
    { "matrix", 0, NULL,
      "the coverage matrix only (one row per field and\n"
      "region)", OPT_MATRIX },
    { "suggestions", 0, "N", "candidates per gap (default 5; 0: none)", OPT_SUGG },
    { "compare", 0, "D1 D2", "which gaps opened and closed between two dates", OPT_COMPARE },
    CLI_OUTPUT_OPTIONS,
    CLI_DATASET_OPTIONS,
    CLI_OPTION_END
};

const cli_spec cmd_coverage_spec = {
    "coverage", "coverage [OPTIONS] DATASET_DIR",
    "The field x region coverage matrix, and every rule of the targets file with met\n"
    "or gap, the numbers behind it, and for a gap what is missing and who could close\n"
    "it.\n",
    options,
    "A network counts in a region when its lead is there (led), or when one of its\n"
    "member institutions is (reaching). Members are direct members. Suggestions are\n"
    "ranked by their collaboration tie weight to the members of the networks\n"
    "concerned.\n\n"
    "Exit status: 0 ok (with --check: no gap), 1 gaps found (--check), 64 usage,\n"
    "65 data or targets error, 66 no such dataset or targets file, 70 internal error,\n"
    "73 cannot create output, 74 I/O error.\n",
    true
};

int cmd_coverage(int argc, char **argv)
{
    cli_dataset_opts dopts = { 0 }, d1 = { 0 }, d2 = { 0 };
    const char *targets_path = NULL, *output = NULL, *cmp1 = NULL, *cmp2 = NULL;
    char *default_targets = NULL;
    bool check = false, gaps_only = false, matrix_only = false;
    size_t nsugg = 5;
    cli_format format = FORMAT_TABLE;
    cn_targets *t = NULL;
    cn_graph *g = NULL, *g2 = NULL;
    cn_coverage *c = NULL, *c2 = NULL;
    cli_out out;
    cli_parser p;
    int ch, status = EXIT_OK, rc;

    cli_parse_begin(&p, &cmd_coverage_spec, argc, argv, &dopts);
    while ((ch = cli_parse_next(&p)) >= 0) {
        switch (ch) {
        case 't': targets_path = optarg; break;
        case OPT_CHECK: check = true; break;
        case OPT_GAPS: gaps_only = true; break;
        case OPT_MATRIX: matrix_only = true; break;
        case OPT_SUGG:
            if (!cli_parse_size(optarg, &nsugg)) {
                cli_error("--suggestions needs a whole number, not '%s'", optarg);
                return EXIT_USAGE;
            }
            break;
        case OPT_COMPARE:
            /* two dates: this one and the next argument */
            if (optind >= argc) {
                cli_error("--compare needs two dates");
                return EXIT_USAGE;
            }
            cmp1 = optarg;
            cmp2 = argv[optind++];
            if (cn_date_parse(&d1.at, cmp1) < 0 || d1.at.year == 0
                || cn_date_parse(&d2.at, cmp2) < 0 || d2.at.year == 0) {
                cli_error("--compare needs two dates YYYY, YYYY-MM or YYYY-MM-DD, not '%s' '%s'",
                          cmp1, cmp2);
                return EXIT_USAGE;
            }
            break;
        }
    }
    if (ch == CLI_STOP) {
        return p.status;
    }
    format = dopts.format;
    output = dopts.output;
    if (cmp1 && (dopts.at.year || matrix_only)) {
        cli_error("--compare excludes --at and --matrix");
        return EXIT_USAGE;
    }
    if ((status = cli_load_targets(&t, &targets_path, &default_targets,
                                   argv[optind], dopts.max_errors)) != EXIT_OK) {
        free(default_targets);
        return status;
    }
    if (!targets_path && (check || cmp1)) {

        cli_error("no targets: give --targets FILE or put targets.ini in the dataset");
        free(default_targets);
        return EXIT_USAGE;
    }
    if (cmp1) {
        d1.max_errors = d2.max_errors = dopts.max_errors;
        status = evaluate(&g, &c, argv[optind], &d1, t, nsugg);
        if (status == EXIT_OK) {
            status = evaluate(&g2, &c2, argv[optind], &d2, t, nsugg);
        }
    } else {
        status = evaluate(&g, &c, argv[optind], &dopts, t, nsugg);
    }
    if (status == EXIT_OK && (status = cli_out_open(&out, output)) == EXIT_OK) {
        rc = cmp1 ? compare(out.fp, g, c, g2, c2, cmp1, cmp2, targets_path, format)
                  : emit(out.fp, g, c, targets_path, format, gaps_only, matrix_only);
        if (rc < 0) {
            cli_error("out of memory");
            cli_out_abort(&out);
            status = EXIT_INTERNAL;
        } else {
            status = cli_out_commit(&out);
        }
    }
    if (status == EXIT_OK && check) {
        size_t gaps = cmp1 ? cn_coverage_gap_count(c2) : cn_coverage_gap_count(c);
        status = gaps > 0 ? 1 : EXIT_OK;
    }
    cn_coverage_destroy(c);
    cn_coverage_destroy(c2);
    cn_graph_destroy(g);
    cn_graph_destroy(g2);
    cn_targets_destroy(t);
    free(default_targets);
    return status;
}

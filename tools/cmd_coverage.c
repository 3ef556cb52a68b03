/* collabnet coverage: which fields and regions lack networks, measured against policy targets,
 * and what would close each gap. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../libnet/results/results.h"
#include "commands.h"

/* The terminal view: the matrix as a grid (led/reaching per cell), then the checks in words. */
static int emit_text(FILE *fp, const cn_graph *g, const cn_coverage *c, const char *targets,
                     bool gaps_only)
{
    size_t nn = cn_coverage_network_count(c);
    cni_table *grid = NULL;
    int rc;

    if ((rc = cni_coverage_grid_table(&grid, c)) < 0) {
        return rc;
    }
    fprintf(fp, "Coverage of %zu network%s\n\n", nn, nn == 1 ? "" : "s");
    rc = cli_write_table(fp, FORMAT_TABLE, grid);
    cni_table_destroy(grid);
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
            const cn_suggestion *sg = &r->suggestions[s];
            const char *region = cn_graph_node_region(g, sg->node);
            cli_line(fp, "  candidate: %s (%s), %s, %s, %s, fields %s",
                     cn_graph_node_id(g, sg->node), cn_graph_node_label(g, sg->node),
                     cn_node_kind_name(cn_graph_node_kind(g, sg->node)),
                     *region ? region : "no region", cn_graph_node_country(g, sg->node),
                     *sg->fields ? sg->fields : "none");
            cli_line(fp, "    evidence (score %g): %s", sg->score, sg->evidence);
        }
        if (!r->met && r->no_candidate) {
            cli_line(fp, "  no candidate: %s", r->no_candidate);
        }
    }
    return 0;
}

/* What the command lists: every check (or the gaps), the matrix alone, or rule by rule. */
typedef enum coverage_mode { MODE_CHECKS, MODE_MATRIX, MODE_RULES, MODE_CANDIDATES } coverage_mode;

/* JSON: the figures, then the matrix and the checks (an empty list with --matrix), or the
 * rules. */
static int emit_json(FILE *fp, const cn_graph *g, const cn_coverage *c, const char *targets,
                     bool gaps_only, coverage_mode mode)
{
    cni_table *first = NULL, *second = NULL;
    cni_doc *d = NULL;
    int rc;

    if (mode == MODE_RULES) {
        rc = cni_coverage_rules_table(&first, c, gaps_only);
    } else if (mode == MODE_CANDIDATES) {
        rc = cni_coverage_candidates_table(&first, g, c);
    } else if ((rc = cni_coverage_matrix_table(&first, c)) == 0) {
        rc = mode == MODE_MATRIX ? cni_table_create(&second, "checks")
                                 : cni_coverage_checks_table(&second, g, c, targets, gaps_only);
    }
    if (rc == 0 && (rc = cni_doc_create(&d)) == 0) {
        cni_doc_text(d, "collabnet", cn_version());
        cni_doc_text(d, "targets", targets);
        cni_doc_int(d, "networks", (long long)cn_coverage_network_count(c));
        cni_doc_int(d, "gaps", (long long)cn_coverage_gap_count(c));
        if (mode == MODE_RULES || mode == MODE_CANDIDATES) {
            cni_doc_table(d, mode == MODE_RULES ? "rules" : "candidates", first);
        } else {
            cni_doc_table(d, "matrix", first);
            cni_doc_table(d, "results", second);
        }
        rc = cli_write_doc(fp, d);
    }
    cni_doc_destroy(d);
    cni_table_destroy(first);
    cni_table_destroy(second);
    return rc;
}

static int emit(FILE *fp, const cn_graph *g, const cn_coverage *c, const char *targets,
                cli_format format, bool gaps_only, coverage_mode mode)
{
    cni_table *t = NULL;
    int rc;

    if (format == FORMAT_JSON) {
        return emit_json(fp, g, c, targets, gaps_only, mode);
    }
    if (format == FORMAT_TABLE && mode == MODE_CHECKS) {
        return emit_text(fp, g, c, targets, gaps_only);
    }
    rc = mode == MODE_MATRIX       ? cni_coverage_matrix_table(&t, c)
         : mode == MODE_RULES      ? cni_coverage_rules_table(&t, c, gaps_only)
         : mode == MODE_CANDIDATES ? cni_coverage_candidates_table(&t, g, c)
                                   : cni_coverage_checks_table(&t, g, c, targets, gaps_only);
    if (rc == 0) {
        rc = cli_write_table(fp, format, t);
    }
    cni_table_destroy(t);
    return rc;
}

/* --compare: the gaps opened and closed between the two dates. */
static int compare(FILE *fp, const cn_graph *g1, const cn_coverage *c1, const cn_graph *g2,
                   const cn_coverage *c2, const char *d1, const char *d2, const char *targets,
                   cli_format format)
{
    cni_table *t = NULL;
    cni_doc *d = NULL;
    int rc;

    if ((rc = cni_coverage_changes_table(&t, g1, c1, g2, c2)) < 0) {
        return rc;
    }
    if (format == FORMAT_JSON) {
        if ((rc = cni_doc_create(&d)) == 0) {
            cni_doc_text(d, "collabnet", cn_version());
            cni_doc_text(d, "targets", targets);
            cni_doc_text(d, "from", d1);
            cni_doc_text(d, "to", d2);
            cni_doc_table(d, "changes", t);
            rc = cli_write_doc(fp, d);
        }
    } else {
        char title[128];
        snprintf(title, sizeof title, "Gaps opened and closed from %s to %s", d1, d2);
        if (format != FORMAT_TABLE || (rc = cni_table_set_title(t, title)) == 0) {
            rc = cli_write_table(fp, format, t);
        }
    }
    cni_doc_destroy(d);
    cni_table_destroy(t);
    return rc;
}

/* A what-if (README "Scenarios"): the scenario directory and the nodes removed. */
typedef struct scenario {
    const char *dir;      /* --scenario, or NULL */
    char **without;       /* --without ids, each malloc'd */
    size_t nwithout;
    const char *without_arg; /* as given, for the output */
} scenario;

/* Load the dataset (at a date, with scenario @p s if not NULL) and evaluate the targets on it. */
static int evaluate_with(cn_graph **g, cn_coverage **c, const char *dir,
                         const cli_dataset_opts *d, const cn_targets *t, size_t nsugg,
                         const scenario *s)
{
    cn_coverage_options co = CN_COVERAGE_OPTIONS_INIT;
    int status, rc;

    co.suggestions = nsugg;
    if ((status = s ? cli_load_scenario(g, dir, d, s->dir, (const char *const *)s->without,
                                        s->nwithout)
                    : cli_load(g, dir, d)) != EXIT_OK) {
        return status;
    }
    rc = cn_coverage_compute(c, *g, t, &co);
    if (rc == CN_EDATA) {
        fprintf(stderr, "%s\n", cn_errmsg()); /* already FILE:LINE: message */
        return EXIT_DATA;
    }
    return cli_status(rc);
}

/* Load the dataset (at a date) and evaluate the targets on it. */
static int evaluate(cn_graph **g, cn_coverage **c, const char *dir, const cli_dataset_opts *d,
                    const cn_targets *t, size_t nsugg)
{
    return evaluate_with(g, c, dir, d, t, nsugg, NULL);
}

/* --scenario / --without: the checks met with and without the scenario, then the gaps it opens
 * and closes. */
static int emit_scenario(FILE *fp, const cn_graph *g1, const cn_coverage *c1, const cn_graph *g2,
                         const cn_coverage *c2, const char *targets, const scenario *s,
                         cli_format format)
{
    const cn_coverage *cs[2] = { c1, c2 };
    const char *names[2] = { "dataset", "scenario" };
    cni_table *totals = NULL, *changes = NULL;
    cni_doc *d = NULL;
    int rc;

    if ((rc = cni_coverage_totals_table(&totals, cs, names, 2)) < 0
        || (rc = cni_coverage_changes_table(&changes, g1, c1, g2, c2)) < 0) {
        goto done;
    }
    if (format == FORMAT_JSON) {
        if ((rc = cni_doc_create(&d)) == 0) {
            cni_doc_text(d, "collabnet", cn_version());
            cni_doc_text(d, "targets", targets);
            cni_doc_text(d, "scenario", s->dir);
            cni_doc_text(d, "without", s->without_arg);
            cni_doc_table(d, "totals", totals);
            cni_doc_table(d, "changes", changes);
            rc = cli_write_doc(fp, d);
        }
    } else if (format == FORMAT_CSV) {
        rc = cli_write_table(fp, format, changes);
    } else {
        size_t n1 = cn_coverage_result_count(c1), n2 = cn_coverage_result_count(c2);
        cli_line(fp, "Scenario%s%s%s%s (targets: %s)", s->dir ? " " : "", s->dir ? s->dir : "",
                 s->without_arg ? " without " : "", s->without_arg ? s->without_arg : "",
                 targets);
        cli_line(fp, "checks met: %zu of %zu in the dataset, %zu of %zu with the scenario",
                 n1 - cn_coverage_gap_count(c1), n1, n2 - cn_coverage_gap_count(c2), n2);
        fputc('\n', fp);
        if ((rc = cni_table_set_title(changes, "Gaps opened and closed by the scenario")) == 0) {
            rc = cli_write_table(fp, format, changes);
        }
    }
done:
    cni_doc_destroy(d);
    cni_table_destroy(totals);
    cni_table_destroy(changes);
    return rc;
}

/* --critical: the actors whose departure alone fails checks met today. */
static int emit_critical(FILE *fp, const cn_graph *g, const cn_coverage *c, const char *targets,
                         cli_format format)
{
    cn_critical *crit = NULL;
    cni_table *t = NULL;
    cni_doc *d = NULL;
    size_t n = 0, checks = cn_coverage_result_count(c);
    int rc;

    if ((rc = cn_coverage_critical(&crit, &n, c)) < 0
        || (rc = cni_coverage_critical_table(&t, g, c, crit, n, SIZE_MAX)) < 0) {
        goto done;
    }
    if (format == FORMAT_JSON) {
        if ((rc = cni_doc_create(&d)) == 0) {
            cni_doc_text(d, "collabnet", cn_version());
            cni_doc_text(d, "targets", targets);
            cni_doc_int(d, "checks", (long long)checks);
            cni_doc_int(d, "met", (long long)(checks - cn_coverage_gap_count(c)));
            cni_doc_table(d, "critical", t);
            rc = cli_write_doc(fp, d);
        }
    } else if (format == FORMAT_CSV) {
        rc = cli_write_table(fp, format, t);
    } else {
        cli_line(fp, "%zu actor%s whose departure alone would fail checks met today (%zu of %zu "
                     "met; targets: %s)",
                 n, n == 1 ? "" : "s", checks - cn_coverage_gap_count(c), checks, targets);
        if (n > 0) {
            fputc('\n', fp);
            rc = cli_write_table(fp, format, t);
        }
    }
done:
    cni_doc_destroy(d);
    cni_table_destroy(t);
    cn_free(crit);
    return rc;
}

/* This part's options get ids of their own, apart from the list below. */
enum { OPT_SCENARIO = 300, OPT_WITHOUT, OPT_CRITICAL };

enum { OPT_CHECK = 256, OPT_GAPS, OPT_MATRIX, OPT_SUGG, OPT_COMPARE, OPT_RULES, OPT_STRICT,
       OPT_CANDIDATES };

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
    { "rules", 0, NULL,
      "one row per rule: its checks (one per subject)\n"
      "and how many are not met (with --gaps: the rules\n"
      "not met)", OPT_RULES },
    { "compare", 0, "D1 D2", "which gaps opened and closed between two dates", OPT_COMPARE },
    { "strict", 0, NULL,
      "a field, region, column or value of the targets\n"
      "that occurs nowhere in the dataset is an error\n"
      "(exit 65, nothing written), not a warning", OPT_STRICT },
    { "scenario", 0, "DIR",
      "what if: DIR/nodes.csv and/or DIR/edges.csv (an\n"
      "action column: add or remove) applied to the\n"
      "dataset; lists the gaps closed and opened", OPT_SCENARIO },
    { "without", 0, "ID[,ID...]",
      "what if these actors or networks (and their\n"
      "edges) were gone; as --scenario", OPT_WITHOUT },
    { "critical", 0, NULL,
      "the actors whose departure alone would fail the\n"
      "most checks met today, with those checks", OPT_CRITICAL },
    { "candidates", 0, NULL,
      "one row per gap and candidate: who, fields,\n"
      "score, signals and evidence (README \"How\n"
      "candidates are ranked\")", OPT_CANDIDATES },
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
    "member institutions is (reaching). Members are direct members. Candidates are\n"
    "ranked by shared memberships, collaboration ties, fields (their own or inferred\n"
    "from their networks), region and country; each shows its evidence, and a gap\n"
    "without one says which signal the data lack.\n\n"
    "Exit status: 0 ok (with --check: no gap), 1 gaps found (--check), 64 usage,\n"
    "65 data, targets or scenario error (with --strict: a targets warning), 66 no\n"
    "such dataset, targets file or scenario, 70 internal error, 73 cannot create\n"
    "output, 74 I/O error.\n",
    true
};

int cmd_coverage(int argc, char **argv)
{
    cli_dataset_opts dopts = { 0 }, d1 = { 0 }, d2 = { 0 };
    const char *targets_path = NULL, *output = NULL, *cmp1 = NULL, *cmp2 = NULL;
    char *default_targets = NULL;
    bool check = false, gaps_only = false, matrix_only = false, rules = false, strict = false;
    bool cands = false;
    size_t nsugg = 5;
    cli_format format = FORMAT_TABLE;
    cn_targets *t = NULL;
    cn_graph *g = NULL, *g2 = NULL;
    cn_coverage *c = NULL, *c2 = NULL;
    scenario scen = { NULL, NULL, 0, NULL };
    bool what_if, critical = false;
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
        case OPT_RULES: rules = true; break;
        case OPT_STRICT: strict = true; break;
        case OPT_SCENARIO: scen.dir = optarg; break;
        case OPT_CRITICAL: critical = true; break;
        case OPT_WITHOUT:
            if (scen.without_arg) {
                cli_error("--without is given once, with the ids separated by commas");
                return EXIT_USAGE;
            }
            scen.without_arg = optarg;
            break;
        case OPT_CANDIDATES: cands = true; break;
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
    what_if = scen.dir || scen.without_arg;
    if (what_if && (cmp1 || matrix_only || rules)) {
        cli_error("--scenario and --without exclude --compare, --matrix and --rules");
        return EXIT_USAGE;
    }
    if (critical && (what_if || cmp1 || matrix_only || rules)) {
        cli_error("--critical excludes --scenario, --without, --compare, --matrix and --rules");
        return EXIT_USAGE;
    }
    format = dopts.format;
    output = dopts.output;
    if (cmp1 && (dopts.at.year || matrix_only)) {
        cli_error("--compare excludes --at and --matrix");
        return EXIT_USAGE;
    }
    if (rules && (cmp1 || matrix_only)) {
        cli_error("--rules excludes --compare and --matrix");
        return EXIT_USAGE;
    }
    if (cands && (cmp1 || matrix_only || rules || what_if || critical)) {
        cli_error("--candidates excludes --compare, --matrix, --rules, --scenario, --without "
                  "and --critical");
        return EXIT_USAGE;
    }
    if ((status = cli_load_targets(&t, &targets_path, &default_targets,
                                   argv[optind], dopts.max_errors)) != EXIT_OK) {
        free(default_targets);
        return status;
    }
    if (!targets_path && (check || cmp1 || what_if || critical)) {
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
        if (status == EXIT_OK && scen.without_arg
            && !cli_parse_ids(&scen.without, &scen.nwithout, "--without", scen.without_arg)) {
            status = EXIT_USAGE;
        }
        if (status == EXIT_OK && what_if) {
            status = evaluate_with(&g2, &c2, argv[optind], &dopts, t, nsugg, &scen);
        }
    }
    if (status == EXIT_OK) {
        status = cli_check_targets(t, targets_path, g, strict, dopts.max_errors);
    }
    if (status == EXIT_OK && (status = cli_out_open(&out, output)) == EXIT_OK) {
        rc = cmp1      ? compare(out.fp, g, c, g2, c2, cmp1, cmp2, targets_path, format)
             : what_if  ? emit_scenario(out.fp, g, c, g2, c2, targets_path, &scen, format)
             : critical ? emit_critical(out.fp, g, c, targets_path, format)
                        : emit(out.fp, g, c, targets_path, format, gaps_only,
                               matrix_only ? MODE_MATRIX
                               : rules     ? MODE_RULES
                               : cands     ? MODE_CANDIDATES
                                           : MODE_CHECKS);
        if (rc < 0) {
            cli_out_abort(&out);
            status = cli_status(rc);
        } else {
            status = cli_out_commit(&out);
        }
    }
    if (status == EXIT_OK && check) {
        size_t gaps = cmp1 || what_if ? cn_coverage_gap_count(c2) : cn_coverage_gap_count(c);
        status = gaps > 0 ? 1 : EXIT_OK;
    }
    cn_coverage_destroy(c);
    cn_coverage_destroy(c2);
    cn_graph_destroy(g);
    cn_graph_destroy(g2);
    cn_targets_destroy(t);
    free(default_targets);
    cli_free_ids(scen.without, scen.nwithout);
    return status;
}

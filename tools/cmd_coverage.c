/* collabnet coverage: which fields and regions lack networks, measured against policy targets,
 * and what would close each gap. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../libnet/results/results.h"
#include "commands.h"

/* The summaries of the text view: the rules (checks, met, not met), the networks' scorecard
 * and the fields' (each table left out when it has no row), each followed by a blank line. */
static int emit_summaries(FILE *fp, const cn_graph *g, const cn_coverage *c)
{
    cni_table *t = NULL;
    int rc = 0;

    for (int k = 0; k < 3 && rc == 0; k++) {
        rc = k == 0   ? cni_coverage_rules_table(&t, c, false)
             : k == 1 ? cni_coverage_scorecard_table(&t, g, c)
                      : cni_coverage_field_scorecard_table(&t, c);
        if (rc == 0 && k == 0) {
            rc = cni_table_set_title(t, "Rules: checks (one per subject), met and not met");
        }
        if (rc == 0 && cni_table_row_count(t) > 0
            && (rc = cli_write_table(fp, FORMAT_TABLE, t)) == 0) {
            fputc('\n', fp);
        }
        cni_table_destroy(t);
        t = NULL;
    }
    return rc;
}

/* A check's message; a network's gains its label ("network 'ID' (LABEL) has ..."). */
static void message_line(FILE *fp, const cn_graph *g, const cn_rule_result *r)
{
    const char *id, *label;
    size_t n;

    if (r->network == CN_NONE || !(label = cn_graph_node_label(g, r->network))
        || strcmp(label, id = cn_graph_node_id(g, r->network)) == 0) {
        cli_line(fp, "  %s", r->message);
        return;
    }
    n = strlen(id);
    if (strncmp(r->message, "network '", 9) == 0 && strncmp(r->message + 9, id, n) == 0
        && r->message[9 + n] == '\'') {
        cli_line(fp, "  %.*s (%s)%s", (int)(10 + n), r->message, label, r->message + 10 + n);
    } else {
        cli_line(fp, "  %s (%s): %s", id, label, r->message);
    }
}

/* The terminal view. Default (@p summaries): the summaries, then the gaps in words; with
 * @p all the summaries, the matrix as a grid (led/reaching per cell) and every check; without
 * @p summaries (--gaps) the grid and the gaps. Without a check (no targets): the grid. */
static int emit_text(FILE *fp, const cn_graph *g, const cn_coverage *c, const char *targets,
                     bool summaries, bool all)
{
    size_t nn = cn_coverage_network_count(c);
    bool gaps_only = !all;
    cni_table *grid = NULL;
    int rc;

    fprintf(fp, "Coverage of %zu network%s\n\n", nn, nn == 1 ? "" : "s");
    if (summaries && (rc = emit_summaries(fp, g, c)) < 0) {
        return rc;
    }
    if (!summaries || all || cn_coverage_result_count(c) == 0) { /* no targets: the grid */
        if ((rc = cni_coverage_grid_table(&grid, c)) < 0) {
            return rc;
        }
        rc = cli_write_table(fp, FORMAT_TABLE, grid);
        cni_table_destroy(grid);
        if (rc < 0) {
            return rc;
        }
        fputc('\n', fp);
    }
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
        message_line(fp, g, r);
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

/* What the command lists (-s, --section): the default (text: the summaries then the gaps;
 * CSV: the checks; JSON: everything), or one table. The compare sections come after
 * SECTION_COMPARE. */
typedef enum coverage_section {
    SECTION_DEFAULT, SECTION_RULES, SECTION_SCORECARD, SECTION_FIELDS, SECTION_MATRIX,
    SECTION_CHECKS, SECTION_CANDIDATES, SECTION_COMPARE, SECTION_TOTALS = SECTION_COMPARE, SECTION_NETWORKS,
    SECTION_CHANGES, SECTION_COUNT
} coverage_section;

/* The -s names, and each table's top-level JSON key. */
static const char *const section_names[] = { "", "rules", "scorecard", "field-scorecard",
                                             "matrix", "checks", "candidates", "totals",
                                             "networks", "changes" };
static const char *const section_keys[] = { "", "rules", "scorecard", "field_scorecard",
                                            "matrix", "results", "candidates", "totals",
                                            "networks", "changes" };

static const char *section_name(int k)
{
    return section_names[k];
}

/* Table @p section of one date's results (not a compare section, not the default). */
static int section_table(cni_table **out, coverage_section section, const cn_graph *g,
                         const cn_coverage *c, const char *targets, bool gaps_only)
{
    switch (section) {
    case SECTION_RULES: return cni_coverage_rules_table(out, c, gaps_only);
    case SECTION_SCORECARD: return cni_coverage_scorecard_table(out, g, c);
    case SECTION_FIELDS: return cni_coverage_field_scorecard_table(out, c);
    case SECTION_MATRIX: return cni_coverage_matrix_table(out, c);
    case SECTION_CANDIDATES: return cni_coverage_candidates_table(out, g, c);
    default: return cni_coverage_checks_table(out, g, c, targets, gaps_only);
    }
}

/* JSON: the figures, then the table of the section; by default the summaries (rules,
 * scorecard, field_scorecard), the matrix and the checks; with -s checks or -s matrix the
 * matrix and the checks (an empty list with matrix), as before the summaries. */
static int emit_json(FILE *fp, const cn_graph *g, const cn_coverage *c, const char *targets,
                     bool gaps_only, coverage_section section)
{
    cni_table *t[5] = { NULL };
    coverage_section which[5];
    size_t n = 0;
    cni_doc *d = NULL;
    int rc = 0;

    if (section == SECTION_DEFAULT) {
        which[n++] = SECTION_RULES;
        which[n++] = SECTION_SCORECARD;
        which[n++] = SECTION_FIELDS;
    }
    if (section == SECTION_DEFAULT || section == SECTION_CHECKS || section == SECTION_MATRIX) {
        which[n++] = SECTION_MATRIX;
        which[n++] = SECTION_CHECKS;
    } else {
        which[n++] = section;
    }
    for (size_t k = 0; k < n && rc == 0; k++) {
        rc = which[k] == SECTION_CHECKS && section == SECTION_MATRIX
                 ? cni_table_create(&t[k], "checks")
                 : section_table(&t[k], which[k], g, c, targets, gaps_only);
    }
    if (rc == 0 && (rc = cni_doc_create(&d)) == 0) {
        cni_doc_text(d, "collabnet", cn_version());
        cni_doc_text(d, "targets", targets);
        cni_doc_int(d, "networks", (long long)cn_coverage_network_count(c));
        cni_doc_int(d, "gaps", (long long)cn_coverage_gap_count(c));
        for (size_t k = 0; k < n; k++) {
            cni_doc_table(d, section_keys[which[k]], t[k]);
        }
        rc = cli_write_doc(fp, d);
    }
    cni_doc_destroy(d);
    for (size_t k = 0; k < n; k++) {
        cni_table_destroy(t[k]);
    }
    return rc;
}

static int emit(FILE *fp, const cn_graph *g, const cn_coverage *c, const char *targets,
                cli_format format, bool gaps_only, bool all, coverage_section section)
{
    cni_table *t = NULL;
    int rc;

    if (format == FORMAT_JSON) {
        return emit_json(fp, g, c, targets, gaps_only, section);
    }
    if (format == FORMAT_TABLE && section == SECTION_DEFAULT) {
        /* --gaps: the grid and the gaps, as before the summaries */
        return emit_text(fp, g, c, targets, !gaps_only, all);
    }
    if ((rc = section_table(&t, section, g, c, targets, gaps_only)) == 0) {
        rc = cli_write_table(fp, format, t);
    }
    cni_table_destroy(t);
    return rc;
}

/* --compare: the totals at both dates, the networks that came into existence or ended, and
 * the gaps that changed (brought by new networks, closed, opened, gone with a network). Text:
 * all three; CSV: the changes, or the section; JSON: all three, or the section. */
static int compare(FILE *fp, const cn_graph *g1, const cn_coverage *c1, const cn_graph *g2,
                   const cn_coverage *c2, const char *d1, const char *d2, const char *targets,
                   cli_format format, coverage_section section)
{
    cni_table *t[3] = { NULL };
    size_t n[4];
    cni_doc *d = NULL;
    int rc;

    if ((rc = cni_coverage_compare_totals_table(&t[0], g1, c1, d1, g2, c2, d2)) < 0
        || (rc = cni_coverage_compare_networks_table(&t[1], g1, c1, g2, c2)) < 0
        || (rc = cni_coverage_compare_table(&t[2], n, g1, c1, g2, c2)) < 0) {
        goto done;
    }
    if (format == FORMAT_JSON) {
        if ((rc = cni_doc_create(&d)) == 0) {
            cni_doc_text(d, "collabnet", cn_version());
            cni_doc_text(d, "targets", targets);
            cni_doc_text(d, "from", d1);
            cni_doc_text(d, "to", d2);
            for (int k = 0; k < 3; k++) {
                if (section == SECTION_DEFAULT || (int)section == SECTION_COMPARE + k) {
                    cni_doc_table(d, section_keys[SECTION_COMPARE + k], t[k]);
                }
            }
            rc = cli_write_doc(fp, d);
        }
    } else if (format == FORMAT_CSV || section != SECTION_DEFAULT) {
        rc = cli_write_table(fp, format,
                             t[section == SECTION_DEFAULT ? 2 : section - SECTION_COMPARE]);
    } else {
        cli_line(fp, "Coverage from %s to %s (targets: %s)", d1, d2, targets);
        cli_line(fp, "Gaps: %zu brought by new networks, %zu closed, %zu opened, %zu gone with "
                     "networks that ended",
                 n[0], n[1], n[2], n[3]);
        for (int k = 0; k < 3 && rc == 0; k++) {
            fputc('\n', fp);
            if (cni_table_row_count(t[k]) > 0) {
                rc = cli_write_table(fp, format, t[k]);
            } else {
                fputs(k == 1 ? "No network came into existence or ended.\n"
                             : "No gap opened or closed.\n", fp);
            }
        }
    }
done:
    cni_doc_destroy(d);
    for (int k = 0; k < 3; k++) {
        cni_table_destroy(t[k]);
    }
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
       OPT_CANDIDATES, OPT_ALL };

static const cli_option options[] = {
    { "targets", 't', "FILE",
      "the targets (default: DATASET_DIR/targets.ini if\n"
      "present; README \"Targets\" describes the format)", 0 },
    { "check", 0, NULL,
      "exit 1 when any gap exists, 0 when none (for\n"
      "pipelines)", OPT_CHECK },
    { "quiet", 'q', NULL, "print nothing (with --check: only the exit status)", 0 },
    { "all", 0, NULL,
      "text: the summaries, the matrix as a grid and\n"
      "every check, met or not (default: the summaries\n"
      "and the gaps)", OPT_ALL },
    { "section", 's', "NAME",
      "only this table: rules, scorecard, field-scorecard,\n"
      "matrix, checks, candidates; with --compare totals,\n"
      "networks,\n"
      "changes (-f csv prints one table: checks, or\n"
      "changes with --compare, unless -s)", 0 },
    { "gaps", 0, NULL,
      "only the checks not met (text: the grid and the\n"
      "gaps, without the summaries)", OPT_GAPS },
    { "matrix", 0, NULL,
      "the coverage matrix only (one row per field and\n"
      "region; -s matrix)", OPT_MATRIX },
    { "suggestions", 0, "N", "candidates per gap (default 5; 0: none)", OPT_SUGG },
    { "rules", 0, NULL,
      "one row per rule: its checks (one per subject)\n"
      "and how many are met and not met (with --gaps: the\n"
      "rules not met; -s rules)", OPT_RULES },
    { "compare", 0, "D1 D2",
      "what changed between two dates: checks met at\n"
      "each, networks that came into existence or\n"
      "ended, gaps they brought, gaps closed and opened", OPT_COMPARE },
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
      "candidates are ranked\"; -s candidates)", OPT_CANDIDATES },
    CLI_OUTPUT_OPTIONS,
    CLI_DATASET_OPTIONS,
    CLI_OPTION_END
};

const cli_spec cmd_coverage_spec = {
    "coverage", "coverage [OPTIONS] DATASET_DIR",
    "The targets file's rules checked on the dataset: first a line per rule (checks,\n"
    "met, not met) and a scorecard of each network (and field) against the rules\n"
    "(have/need), then each gap: what is missing and who could close it. --all adds\n"
    "the field x region coverage matrix and the checks that are met.\n",
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
    bool check = false, gaps_only = false, matrix_only = false, rules = false, quiet = false;
    bool all = false, strict = false, cands = false;
    int section = SECTION_DEFAULT;
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
        case OPT_ALL: all = true; break;
        case 'q': quiet = true; break;
        case 's':
            if (!cli_parse_enum(optarg, section_name, SECTION_COUNT, &section)
                || section == SECTION_DEFAULT) {
                cli_error("unknown section '%s' (expected rules, scorecard, field-scorecard, "
                          "matrix, checks, candidates, totals, networks or changes)", optarg);
                return EXIT_USAGE;
            }
            break;
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
    if (cands && (cmp1 || rules || matrix_only || section != SECTION_DEFAULT)) {
        cli_error("--candidates excludes --compare, --section, --rules and --matrix");
        return EXIT_USAGE;
    }
    section = cands ? SECTION_CANDIDATES : section;
    if ((rules || matrix_only) && section != SECTION_DEFAULT) {
        cli_error("-s, --section excludes --rules and --matrix");
        return EXIT_USAGE;
    }
    section = rules ? SECTION_RULES : matrix_only ? SECTION_MATRIX : section;
    if (section != SECTION_DEFAULT && (section >= SECTION_COMPARE) != (cmp1 != NULL)) {
        cli_error(cmp1 ? "with --compare, -s is totals, networks or changes"
                       : "-s %s needs --compare", section_names[section]);
        return EXIT_USAGE;
    }
    if ((what_if || critical) && (all || section != SECTION_DEFAULT)) {
        cli_error("--scenario, --without and --critical exclude --all, --section and "
                  "--candidates");
        return EXIT_USAGE;
    }
    if (all && (gaps_only || section != SECTION_DEFAULT || cmp1)) {
        cli_error("--all excludes --gaps, --section, --rules, --matrix and --compare");
        return EXIT_USAGE;
    }
    if (quiet && output) {
        cli_error("--quiet excludes --output");
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
    if (status == EXIT_OK && !quiet && (status = cli_out_open(&out, output)) == EXIT_OK) {
        rc = cmp1      ? compare(out.fp, g, c, g2, c2, cmp1, cmp2, targets_path, format,
                                 (coverage_section)section)
             : what_if  ? emit_scenario(out.fp, g, c, g2, c2, targets_path, &scen, format)
             : critical ? emit_critical(out.fp, g, c, targets_path, format)
                        : emit(out.fp, g, c, targets_path, format, gaps_only, all,
                               (coverage_section)section);
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

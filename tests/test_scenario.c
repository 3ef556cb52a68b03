/* Scenarios (README "Scenarios"): a partial dataset overlaid on the dataset, --without, and the
 * gaps they open and close. The expectations are worked out by hand from tests/data/
 * coverage_hand (targets.ini: line 12 "ai = led in North, Central, South", line 13 "biotech =
 * reached in North, Central", line 16 "exactly 1 lead") and the scenario fixtures beside it. */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <criterion/redirect.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "helpers.h"

#define BASE "data/coverage_hand"

static int run(int (*cmd)(int, char **), const char *const *args)
{
    char *argv[32];
    int argc = 0, status;

    for (; args[argc] && argc < 31; argc++) {
        argv[argc] = strdup(args[argc]);
    }
    argv[argc] = NULL;
    status = cmd(argc, argv);
    fflush(stdout);
    fflush(stderr);
    for (int i = 0; i < argc; i++) {
        free(argv[i]);
    }
    return status;
}

static void redirect_all(void)
{
    cr_redirect_stdout();
    cr_redirect_stderr();
}

/* Load BASE with a scenario and ids removed; the diagnostics in *diags. */
static int load_scenario(cn_graph **g, cn_diag_list **diags, const char *scenario,
                         const char *const *without, size_t nwithout)
{
    cn_load_options o = CN_LOAD_OPTIONS_INIT;

    o.scenario = scenario;
    o.without = without;
    o.nwithout = nwithout;
    cr_assert(eq(int, cn_diag_list_create(diags, 100), 0));
    return cn_load_dataset(g, BASE, &o, *diags);
}

Test(scenario_load, rows_are_added_and_removed)
{
    cn_graph *g = NULL;
    cn_diag_list *d = NULL;
    size_t ic3, b1, in2;
    size_t members = 0;

    cr_assert(eq(int, load_scenario(&g, &d, "data/scenario_add", NULL, 0), 0));
    /* 15 nodes + iC3; 16 edge rows + iC3 -> B1 - iN2 -> B1 */
    cr_assert(eq(sz, cn_graph_node_count(g), 16));
    cr_assert(eq(sz, cn_graph_edge_count(g), 16));
    ic3 = cn_graph_find(g, "iC3");
    b1 = cn_graph_find(g, "B1");
    in2 = cn_graph_find(g, "iN2");
    cr_assert(ne(sz, ic3, CN_NONE));
    cr_assert(eq(str, (char *)cn_graph_node_region(g, ic3), "Central"));
    cr_assert(cn_graph_node_has_field(g, ic3, "biotech"));
    for (size_t k = 0; k < cn_graph_network_member_count(g, b1); k++) {
        cn_edge e;
        cn_graph_edge(g, cn_graph_network_member_edge(g, b1, k), &e);
        cr_assert(eq(sz, e.source, ic3));
        cr_assert(eq(sz, e.line, 2)); /* its line in the scenario's edges.csv */
        members++;
    }
    cr_assert(eq(sz, members, 1));
    /* iN2 stays a member of A1 */
    cr_assert(eq(sz, cn_graph_node_network_count(g, in2), 1));
    cn_graph_destroy(g);
    cn_diag_list_destroy(d);
}

Test(scenario_load, without_drops_the_node_and_its_edges)
{
    const char *const without[] = { "hN", "iN2" };
    cn_graph *g = NULL;
    cn_diag_list *d = NULL;
    size_t a1, xvn;

    cr_assert(eq(int, load_scenario(&g, &d, NULL, without, 2), 0));
    cr_assert(eq(sz, cn_graph_node_count(g), 13));
    cr_assert(eq(sz, cn_graph_find(g, "hN"), CN_NONE));
    cr_assert(eq(sz, cn_graph_find(g, "iN2"), CN_NONE));
    /* gone: hN lead of A1, iN2 in A1 and B1, hC-iN2, iC2-iN2, xVN-hN: 16 - 6 */
    cr_assert(eq(sz, cn_graph_edge_count(g), 10));
    a1 = cn_graph_find(g, "A1");
    cr_assert(eq(sz, cn_graph_network_lead(g, a1), CN_NONE));
    cr_assert(eq(sz, cn_graph_network_member_count(g, a1), 2));
    /* nodes after the removed ones are renumbered, their attributes kept */
    xvn = cn_graph_find(g, "xVN");
    cr_assert(eq(str, (char *)cn_graph_node_id(g, xvn), "xVN"));
    cr_assert(eq(str, (char *)cn_graph_node_country(g, xvn), "VN"));
    cr_assert(cn_graph_node_has_field(g, cn_graph_find(g, "iC2"), "biotech"));
    cr_assert(cn_graph_node_has_field(g, cn_graph_find(g, "A2"), "ai"));
    cr_assert(eq(sz, cn_graph_tie_count(g), 2));
    cn_graph_destroy(g);
    cn_diag_list_destroy(d);
}

Test(scenario_load, every_bad_row_is_reported_with_its_line)
{
    static const char *const want[] = {
        "data/scenario_bad/nodes.csv:2: 'hN' is already in data/coverage_hand/nodes.csv "
        "(line 2): a scenario adds new ids only",
        "data/scenario_bad/nodes.csv:3: cannot remove 'ghost': no such id in "
        "data/coverage_hand/nodes.csv",
        "data/scenario_bad/nodes.csv:5: 'xUS' is removed twice (first on line 4)",
        "data/scenario_bad/nodes.csv:6: unknown action 'replace' (expected add or remove)",
        "data/scenario_bad/edges.csv:2: source 'xUS' is removed (line 4 of "
        "data/scenario_bad/nodes.csv)",
        "data/scenario_bad/edges.csv:3: unknown source 'nobody' (not in "
        "data/coverage_hand/nodes.csv or data/scenario_bad/nodes.csv)",
        "data/scenario_bad/edges.csv:4: cannot remove: 'eVN' is not a member of 'A2'",
        "data/scenario_bad/edges.csv:5: 'hN' is already a member of 'A1' (line 5 of "
        "data/coverage_hand/edges.csv)",
        "data/scenario_bad/edges.csv:7: cannot remove: no collaboration between 'hC' and "
        "'iC2'",
    };
    cn_graph *g = NULL;
    cn_diag_list *d = NULL;

    cr_assert(eq(int, load_scenario(&g, &d, "data/scenario_bad", NULL, 0), CN_EDATA));
    cr_assert_null(g);
    cr_assert(eq(sz, cn_diag_list_count(d), sizeof want / sizeof want[0]));
    for (size_t k = 0; k < sizeof want / sizeof want[0]; k++) {
        cr_assert(eq(str, (char *)th_diag(d, k), (char *)want[k]));
    }
    cn_diag_list_destroy(d);
}

/* A cycle the scenario's rows close is reported at the scenario's row, in its file (the check
 * runs across both files once they are read). */
Test(scenario_load, a_cycle_is_reported_in_the_scenario_file)
{
    cn_graph *g = NULL;
    cn_diag_list *d = NULL;

    cr_assert(eq(int, load_scenario(&g, &d, "data/scenario_cycle", NULL, 0), CN_EDATA));
    cr_assert(eq(sz, cn_diag_list_count(d), 1));
    cr_assert(eq(str, (char *)th_diag(d, 0),
                 "data/scenario_cycle/edges.csv:3: membership cycle among networks 'A1', 'B1'"));
    cn_diag_list_destroy(d);
}

Test(scenario_load, a_column_the_dataset_lacks_is_reported)
{
    cn_graph *g = NULL;
    cn_diag_list *d = NULL;

    cr_assert(eq(int, load_scenario(&g, &d, "data/scenario_column", NULL, 0), CN_EDATA));
    cr_assert(eq(str, (char *)th_diag(d, 0),
                 "data/scenario_column/nodes.csv:1: column 'city' is not in "
                 "data/coverage_hand/nodes.csv (a scenario adds rows, not columns)"));
    cn_diag_list_destroy(d);
}

Test(scenario_load, unknown_without_id_is_reported)
{
    const char *const without[] = { "hN", "nosuch" };
    cn_graph *g = NULL;
    cn_diag_list *d = NULL;

    cr_assert(eq(int, load_scenario(&g, &d, NULL, without, 2), CN_EDATA));
    /* line 0: the CLI prints "--without: ..." (scenario_cli.unknown_without_id_exits_65) */
    cr_assert(eq(str, (char *)th_diag(d, 0),
                 "--without:0: no actor or network 'nosuch' in data/coverage_hand/nodes.csv"));
    cr_assert(eq(sz, cn_diag_list_count(d), 1));
    cn_diag_list_destroy(d);
}

Test(scenario_load, missing_scenario_directory_is_no_input)
{
    cn_graph *g = NULL;
    cn_diag_list *d = NULL;

    cr_assert(eq(int, load_scenario(&g, &d, "data/no-such-scenario", NULL, 0), CN_ENOENT));
    cr_assert(eq(str, (char *)cn_errmsg(), "scenario 'data/no-such-scenario' does not exist"));
    cn_diag_list_destroy(d);
    /* tests/data itself has neither file */
    cr_assert(eq(int, load_scenario(&g, &d, "data", NULL, 0), CN_ENOENT));
    cr_assert(eq(str, (char *)cn_errmsg(), "scenario 'data' has neither nodes.csv nor edges.csv"));
    cr_assert_null(g);
    cn_diag_list_destroy(d);
}

Test(scenario_cli, without_opens_the_lead_gaps, .init = redirect_all)
{
    cr_assert(eq(int, run(cmd_coverage, (const char *[]){ "coverage", "--without", "hN", "-f",
                                                          "csv", BASE, NULL }),
                 0));
    cr_assert_stdout_eq_str("change,line,rule,subject,message\n"
                            "opened,12,\"ai = led in North, Central, South\",ai/North,"
                            "field 'ai' has no network led in North\n"
                            "opened,16,rule = exactly 1 lead,A1,\"network 'A1' has 0 leads, not "
                            "1\"\n");
}

Test(scenario_cli, scenario_closes_and_opens_with_totals, .init = redirect_all)
{
    cr_assert(eq(int, run(cmd_coverage, (const char *[]){ "coverage", "--scenario",
                                                          "data/scenario_add", BASE, NULL }),
                 0));
    cr_assert_stdout_eq_str(
        "Scenario data/scenario_add (targets: data/coverage_hand/targets.ini)\n"
        "checks met: 10 of 20 in the dataset, 10 of 20 with the scenario\n"
        "\n"
        "Gaps opened and closed by the scenario\n"
        "change  line  rule                                 subject          message\n"
        "opened    13  biotech = reached in North, Central  biotech/North    field 'biotech' "
        "has no network reaching North\n"
        "closed    13  biotech = reached in North, Central  biotech/Central  field 'biotech' "
        "has no network reaching Central\n");
}

Test(scenario_cli, json_carries_the_totals, .init = redirect_all)
{
    static const char *const subjects[] = { "ai/North", "biotech/North", "A1", "A1", "B1" };
    json_error_t err;
    json_t *doc, *totals, *changes;

    cr_assert(eq(int, run(cmd_coverage, (const char *[]){ "coverage", "--without", "hN,iN2",
                                                          "-f", "json", BASE, NULL }),
                 0));
    /* without iN2 too: A1 and B1 lose their only institution besides the lead, and biotech its
     * network reaching North: 5 gaps more */
    doc = json_loadf(cr_get_redirected_stdout(), 0, &err);
    cr_assert_not_null(doc, "%s", err.text);
    cr_assert(eq(int, json_is_null(json_object_get(doc, "scenario")), 1));
    cr_assert(eq(str, (char *)json_string_value(json_object_get(doc, "without")), "hN,iN2"));
    totals = json_object_get(doc, "totals");
    cr_assert(eq(sz, json_array_size(totals), 2));
    cr_assert(eq(i64, json_integer_value(json_object_get(json_array_get(totals, 0), "met")), 10));
    cr_assert(eq(i64, json_integer_value(json_object_get(json_array_get(totals, 1), "met")), 5));
    cr_assert(eq(i64, json_integer_value(json_object_get(json_array_get(totals, 1), "checks")),
                 20));
    changes = json_object_get(doc, "changes");
    cr_assert(eq(sz, json_array_size(changes), 5));
    for (size_t k = 0; k < 5; k++) {
        json_t *c = json_array_get(changes, k);
        cr_assert(eq(str, (char *)json_string_value(json_object_get(c, "change")), "opened"));
        cr_assert(eq(str, (char *)json_string_value(json_object_get(c, "subject")),
                     (char *)subjects[k]));
    }
    json_decref(doc);
}

Test(scenario_cli, check_follows_the_scenario, .init = redirect_all)
{
    /* 10 gaps in the dataset, 10 with the scenario: exit 1 either way */
    cr_assert(eq(int, run(cmd_coverage, (const char *[]){ "coverage", "--check", "--scenario",
                                                          "data/scenario_add", BASE, NULL }),
                 1));
}

Test(scenario_cli, bad_scenario_exits_65_and_writes_nothing, .init = redirect_all)
{
    cr_assert(eq(int, run(cmd_coverage, (const char *[]){ "coverage", "--scenario",
                                                          "data/scenario_column", BASE, NULL }),
                 65));
    cr_assert_stdout_eq_str("");
    cr_assert_stderr_eq_str("data/scenario_column/nodes.csv:1: column 'city' is not in "
                            "data/coverage_hand/nodes.csv (a scenario adds rows, not columns)\n"
                            "collabnet: data/coverage_hand: 1 problem; nothing written\n");
}

Test(scenario_cli, usage_errors_exit_64, .init = redirect_all)
{
    cr_assert(eq(int, run(cmd_coverage, (const char *[]){ "coverage", "--without", "hN,",
                                                          BASE, NULL }),
                 64));
    cr_assert(eq(int, run(cmd_coverage, (const char *[]){ "coverage", "--without", "hN",
                                                          "--matrix", BASE, NULL }),
                 64));
    cr_assert(eq(int, run(cmd_coverage, (const char *[]){ "coverage", "--without", "hN",
                                                          "--without", "hC", BASE, NULL }),
                 64));
    cr_assert_stdout_eq_str("");
    cr_assert_stderr_eq_str("collabnet: --without needs ids separated by commas, not 'hN,'\n"
                            "collabnet: --scenario and --without exclude --compare, --matrix "
                            "and --rules\n"
                            "collabnet: --without is given once, with the ids separated by "
                            "commas\n");
}

/* "What if HUST's network adds these five universities": three of data/vn-374's and two new
 * ones join n374-ai-semi-north, whose lead hust had no other institution: "at least 5
 * institutions ... besides the lead" (targets.ini line 48) closes, nothing else changes. */
Test(scenario_cli, hust_network_adds_five_universities, .init = redirect_all)
{
    cr_assert(eq(int, run(cmd_coverage, (const char *[]){ "coverage", "--scenario",
                                                          "data/scenario_hust", "-f", "csv",
                                                          "../data/vn-374", NULL }),
                 0));
    cr_assert_stdout_eq_str("change,line,rule,subject,message\n"
                            "closed,48,\"rule = at least 5 institutions where type is one of "
                            "university, academy besides the lead\",n374-ai-semi-north,\"network "
                            "'n374-ai-semi-north' has 0 institutions whose type is one of "
                            "university, academy besides the lead: 5 more needed (at least 5)\"\n");
}

Test(scenario_cli, unknown_without_id_exits_65, .init = redirect_all)
{
    cr_assert(eq(int, run(cmd_coverage, (const char *[]){ "coverage", "--without", "hN,nosuch",
                                                          BASE, NULL }),
                 65));
    cr_assert_stdout_eq_str("");
    cr_assert_stderr_eq_str("--without: no actor or network 'nosuch' in "
                            "data/coverage_hand/nodes.csv\n"
                            "collabnet: data/coverage_hand: 1 problem; nothing written\n");
}

/* ---- policy-critical actors ---- */

/* The checks met in @p dir that fail once actor @p without is removed, by result index, as
 * `coverage --without` computes them: load and evaluate again. */
static size_t broken_by_reload(size_t *out, const char *dir, const cn_targets *t,
                               const cn_coverage *c, const char *without)
{
    cn_load_options o = CN_LOAD_OPTIONS_INIT;
    cn_graph *g2 = NULL;
    cn_coverage *c2 = NULL;
    size_t n = 0;

    o.without = &without;
    o.nwithout = 1;
    cr_assert(eq(int, cn_load_dataset(&g2, dir, &o, NULL), 0));
    cr_assert(eq(int, cn_coverage_compute(&c2, g2, t, NULL), 0));
    cr_assert(eq(sz, cn_coverage_result_count(c2), cn_coverage_result_count(c)));
    for (size_t k = 0; k < cn_coverage_result_count(c); k++) {
        const cn_rule_result *r1 = cn_coverage_result(c, k), *r2 = cn_coverage_result(c2, k);
        cr_assert(eq(sz, r1->line, r2->line));
        /* a removal never closes a gap */
        cr_assert(r1->met || !r2->met, "removing %s closes check %zu", without, k);
        if (r1->met && !r2->met) {
            out[n++] = k;
        }
    }
    cn_coverage_destroy(c2);
    cn_graph_destroy(g2);
    return n;
}

/* cn_coverage_critical() names, for every actor, exactly the checks that reloading without it
 * fails: the shortcut agrees with the real evaluation on every actor of @p dir. */
static void critical_matches_reload(const char *dir)
{
    char path[256];
    cn_targets *t = NULL;
    cn_graph *g = NULL;
    cn_coverage *c = NULL;
    cn_critical *crit = NULL;
    size_t ncrit = 0, *want, found = 0;

    snprintf(path, sizeof path, "%s/targets.ini", dir);
    cr_assert(eq(int, cn_targets_load(&t, path, NULL), 0));
    cr_assert(eq(int, cn_load_dataset(&g, dir, NULL, NULL), 0));
    cr_assert(eq(int, cn_coverage_compute(&c, g, t, NULL), 0));
    cr_assert(eq(int, cn_coverage_critical(&crit, &ncrit, c), 0));
    want = calloc(cn_coverage_result_count(c) + 1, sizeof *want);
    for (size_t i = 0; i < cn_graph_node_count(g); i++) {
        const cn_critical *mine = NULL;
        size_t n;
        if (cn_graph_node_kind(g, i) == CN_NODE_NETWORK) {
            continue;
        }
        n = broken_by_reload(want, dir, t, c, cn_graph_node_id(g, i));
        for (size_t k = 0; k < ncrit; k++) {
            mine = crit[k].node == i ? &crit[k] : mine;
        }
        cr_assert(eq(sz, mine ? mine->nbroken : 0, n), "%s: %s", dir, cn_graph_node_id(g, i));
        for (size_t k = 0; k < n; k++) {
            cr_assert(eq(sz, mine->broken[k], want[k]), "%s: %s", dir, cn_graph_node_id(g, i));
        }
        found += n > 0;
    }
    cr_assert(eq(sz, found, ncrit));
    /* most checks first, then node order */
    for (size_t k = 1; k < ncrit; k++) {
        cr_assert(crit[k - 1].nbroken > crit[k].nbroken
                  || (crit[k - 1].nbroken == crit[k].nbroken && crit[k - 1].node < crit[k].node));
    }
    free(want);
    cn_free(crit);
    cn_coverage_destroy(c);
    cn_graph_destroy(g);
    cn_targets_destroy(t);
}

Test(critical, agrees_with_reloading_without_each_actor)
{
    critical_matches_reload(BASE);
    critical_matches_reload("../data/vn-374");
}

Test(critical, ranking_on_the_hand_fixture, .init = redirect_all)
{
    /* iN2: biotech's only network reaching North is B1, iN2 its one member there (line 13);
     * the one institution besides the lead of A1 and of B1 (line 17). hN and hC: leads of A1
     * and A2 (line 16), and the only networks led in North and Central (line 12). eFR: A2's
     * only enterprise not in VN (line 18). Ties in node order (hN before hC). */
    cr_assert(eq(int, run(cmd_coverage, (const char *[]){ "coverage", "--critical", "-f", "csv",
                                                          BASE, NULL }),
                 0));
    cr_assert_stdout_eq_str(
        "id,label,kind,region,breaks,checks\n"
        "iN2,iN2,institution,North,3,biotech/North (line 13); A1 (line 17); B1 (line 17)\n"
        "hN,hN,institution,North,2,ai/North (line 12); A1 (line 16)\n"
        "hC,hC,institution,Central,2,ai/Central (line 12); A2 (line 16)\n"
        "eFR,eFR,enterprise,,1,A2 (line 18)\n");
}

Test(critical, vn374_leads_are_critical_to_their_networks, .init = redirect_all)
{
    json_error_t err;
    json_t *doc, *crit, *first;

    /* every Project 374 network has its lead and no other institution: each of the 13 leads
     * alone fails "exactly 1 lead" (line 45) of its network; the networks' own region keeps
     * the regional rules met */
    cr_assert(eq(int, run(cmd_coverage, (const char *[]){ "coverage", "--critical", "-f", "json",
                                                          "../data/vn-374", NULL }),
                 0));
    doc = json_loadf(cr_get_redirected_stdout(), 0, &err);
    cr_assert_not_null(doc, "%s", err.text);
    cr_assert(eq(i64, json_integer_value(json_object_get(doc, "met")), 34));
    crit = json_object_get(doc, "critical");
    cr_assert(eq(sz, json_array_size(crit), 13));
    first = json_array_get(crit, 0);
    cr_assert(eq(str, (char *)json_string_value(json_object_get(first, "id")), "hust"));
    cr_assert(eq(i64, json_integer_value(json_object_get(first, "breaks")), 1));
    first = json_array_get(json_object_get(first, "checks"), 0);
    cr_assert(eq(i64, json_integer_value(json_object_get(first, "line")), 45));
    cr_assert(eq(str, (char *)json_string_value(json_object_get(first, "subject")),
                 "n374-ai-semi-north"));
    cr_assert(eq(str, (char *)json_string_value(json_object_get(first, "message")),
                 "network 'n374-ai-semi-north' has 1 lead whose type is one of "
                 "university, academy"));
    json_decref(doc);
}

/* The report's coverage section: the critical actors and, with --scenario and --without, the
 * same changes and totals as `coverage --scenario` (the binary, in a process of its own). */
Test(scenario_report, tables_are_the_cli_csv)
{
    char dir[512], path[600], *changes, *totals, *crit;
    size_t len;

    th_tmpl(dir, sizeof dir, "report");
    cr_assert_not_null(mkdtemp(dir));
    cr_assert(eq(int, th_sh("\"$COLLABNET\" report -q -o %s --scenario data/scenario_add "
                            "--without eFR " BASE " 2>/dev/null", dir), 0));
    snprintf(path, sizeof path, "%s/tables/scenario_changes.csv", dir);
    changes = th_slurp(path, &len);
    /* scenario_add's two changes, and eFR: A2's only enterprise not in VN (line 18) */
    cr_assert(eq(str, changes,
                 "change,line,rule,subject,message\n"
                 "opened,13,\"biotech = reached in North, Central\",biotech/North,"
                 "field 'biotech' has no network reaching North\n"
                 "opened,18,rule = at least 1 enterprise where country is not VN,A2,"
                 "network 'A2' has 0 enterprises whose country is not VN: 1 more needed "
                 "(at least 1)\n"
                 "closed,13,\"biotech = reached in North, Central\",biotech/Central,"
                 "field 'biotech' has no network reaching Central\n"));
    snprintf(path, sizeof path, "%s/tables/scenario_totals.csv", dir);
    totals = th_slurp(path, &len);
    cr_assert(eq(str, totals, "state,checks,met,not_met\ndataset,20,10,10\nscenario,20,9,11\n"));
    snprintf(path, sizeof path, "%s/tables/critical.csv", dir);
    crit = th_slurp(path, &len);
    cr_assert(eq(str, crit,
                 "id,label,kind,region,breaks,checks\n"
                 "iN2,iN2,institution,North,3,biotech/North (line 13); A1 (line 17); B1 (line 17)\n"
                 "hN,hN,institution,North,2,ai/North (line 12); A1 (line 16)\n"
                 "hC,hC,institution,Central,2,ai/Central (line 12); A2 (line 16)\n"
                 "eFR,eFR,enterprise,,1,A2 (line 18)\n"));
    free(changes);
    free(totals);
    free(crit);
}

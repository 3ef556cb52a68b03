/* coverage's summaries (rules with met, the scorecards, the gaps with labels, --all, -q) and
 * --compare's story (networks new and ended, gaps closed and opened, totals), on a dataset the
 * test writes, with the expectations counted by hand below, and on data/vn-374. */
#define _GNU_SOURCE
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <criterion/redirect.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "commands.h"
#include "helpers.h"

/* Umbrella U with three ai networks. N1 (lead iN, North; member iX until 2025-03-31) is always
 * in scope; N2 (lead iS, South) joins U on 2025-06-01; N3 (lead iX, North; no other member)
 * leaves U after 2025-03-31. Every edge is in force when no date is given. */
static const char NODES[] =
    "id,label,kind,region,country,fields\n"
    "iN,Inst North,institution,North,VN,ai\n"
    "iS,Inst South,institution,South,VN,ai\n"
    "iX,Inst X,institution,North,VN,\n"
    "U,Umbrella,network,,VN,\n"
    "N1,Network one,network,,VN,ai\n"
    "N2,Network two,network,,VN,ai\n"
    "N3,Network three,network,,VN,ai\n";
static const char EDGES[] =
    "source,target,kind,role,weight,since,until\n"
    "N1,U,membership,,,,\n"
    "N2,U,membership,,,2025-06-01,\n"
    "N3,U,membership,,,,2025-03-31\n"
    "iN,N1,membership,lead,,,\n"
    "iX,N1,membership,,,,2025-03-31\n"
    "iS,N2,membership,lead,,2025-06-01,\n"
    "iX,N3,membership,lead,,,2025-03-31\n";
/* the rules on lines 6, 8, 10 and 11 */
static const char TARGETS[] = "[scope]\n"
                              "umbrella = U\n"
                              "regions = North, South\n"
                              "[fields]\n"
                              "priority = ai\n"
                              "networks = 2\n"
                              "[regions]\n"
                              "ai = led in North, South\n"
                              "[network]\n"
                              "rule = exactly 1 lead\n"
                              "rule = at least 1 institution besides the lead\n";

static char dir[256];

/* @p text into @p in/@p name. */
static void put(const char *in, const char *name, const char *text)
{
    char path[512];
    FILE *fp;

    snprintf(path, sizeof path, "%s/%s", in, name);
    fp = fopen(path, "w");
    cr_assert(fp != NULL, "cannot write %s", path);
    fputs(text, fp);
    cr_assert(eq(int, fclose(fp), 0));
}

static void fixture(void)
{
    th_tmpl(dir, sizeof dir, "summary");
    cr_assert(mkdtemp(dir) != NULL);
    put(dir, "nodes.csv", NODES);
    put(dir, "edges.csv", EDGES);
    put(dir, "targets.ini", TARGETS);
    cr_redirect_stderr();
}

/* `collabnet coverage ARGS... DIR -o FILE` in-process: its exit status, its output in *text
 * (malloc'd; "" when nothing was written). @p dataset: the directory (NULL: the fixture). */
static int coverage(char **text, const char *dataset, const char *const *args)
{
    char *argv[32], out[300];
    int argc = 0, status;
    size_t len;
    bool quiet = false;

    snprintf(out, sizeof out, "%s/out-%d", th_tmp(), (int)getpid());
    unlink(out);
    argv[argc++] = strdup("coverage");
    for (; *args && argc < 26; args++) {
        quiet = quiet || strcmp(*args, "-q") == 0;
        argv[argc++] = strdup(*args);
    }
    argv[argc++] = strdup(dataset ? dataset : dir);
    if (!quiet) { /* -q refuses -o */
        argv[argc++] = strdup("-o");
        argv[argc++] = strdup(out);
    }
    argv[argc] = NULL;
    status = cmd_coverage(argc, argv);
    for (int i = 0; i < argc; i++) {
        free(argv[i]);
    }
    *text = th_slurp(out, &len);
    if (!*text) {
        *text = strdup("");
    }
    unlink(out);
    return status;
}

/* The whole output of a run that must succeed. */
static char *ok(const char *const *args)
{
    char *text;

    cr_assert(eq(int, coverage(&text, NULL, args), 0));
    return text;
}

/* Every edge: N1, N2, N3 in scope. Line 6: 3 ai networks, 2 needed. Line 8: led in North by
 * N1 and N3 (2), in South by N2 (1). Line 10: each has its lead. Line 11: N1 has iX besides
 * its lead, N2 and N3 nobody. 9 checks, 2 not met. */
Test(coverage_summary, rules_count_met_and_not_met, .init = fixture)
{
    char *csv = ok((const char *[]){ "-s", "rules", "-f", "csv", NULL });
    char *same = ok((const char *[]){ "--rules", "-f", "csv", NULL });

    cr_assert(eq(str, csv, "line,rule,checks,met,not_met\n"
                           "6,networks = 2,1,1,0\n"
                           "8,\"ai = led in North, South\",2,2,0\n"
                           "10,rule = exactly 1 lead,3,3,0\n"
                           "11,rule = at least 1 institution besides the lead,3,1,2\n"));
    cr_assert(eq(str, same, csv));
    free(csv);
    free(same);
}

Test(coverage_summary, scorecard_has_a_row_per_network_and_a_column_per_rule, .init = fixture)
{
    char *csv = ok((const char *[]){ "-s", "scorecard", "-f", "csv", NULL });
    char *json = ok((const char *[]){ "-s", "scorecard", "-f", "json", NULL });

    cr_assert(eq(str, csv, "network,line_10,line_11,not_met,label\n"
                           "N1,1/1 \u2713,1/1 \u2713,0,Network one\n"
                           "N2,1/1 \u2713,0/1 \u2717,1,Network two\n"
                           "N3,1/1 \u2713,0/1 \u2717,1,Network three\n"));
    /* JSON: a record per cell under checks */
    cr_assert(strstr(json, "      \"network\": \"N2\",\n"
                           "      \"checks\": {\n"
                           "        \"line_10\": {\n"
                           "          \"line\": 10,\n"
                           "          \"have\": 1,\n"
                           "          \"need\": 1,\n"
                           "          \"met\": true\n"
                           "        },\n"
                           "        \"line_11\": {\n"
                           "          \"line\": 11,\n"
                           "          \"have\": 0,\n"
                           "          \"need\": 1,\n"
                           "          \"met\": false\n"
                           "        }\n"
                           "      },\n"
                           "      \"not_met\": 1,\n"
                           "      \"label\": \"Network two\"\n") != NULL, "%s", json);
    cr_assert(strstr(json, "\"rules\"") == NULL, "one table with -s: %s", json);
    free(csv);
    free(json);
}

Test(coverage_summary, field_scorecard_has_networks_and_regions, .init = fixture)
{
    char *csv = ok((const char *[]){ "-s", "field-scorecard", "-f", "csv", NULL });

    char *json = ok((const char *[]){ "-s", "field-scorecard", "-f", "json", NULL });

    cr_assert(eq(str, csv, "field,networks,North,South,not_met\n"
                           "ai,3/2 \u2713,2/1 \u2713,1/1 \u2713,0\n"));
    cr_assert(strstr(json, "      \"regions\": {\n"
                           "        \"North\": {\n"
                           "          \"line\": 8,\n"
                           "          \"have\": 2,\n"
                           "          \"need\": 1,\n"
                           "          \"met\": true\n"
                           "        },\n") != NULL, "%s", json);
    free(csv);
    free(json);
}

/* The default text: the summaries first, then only the gaps, a network's with its label. */
Test(coverage_summary, text_starts_with_summaries_then_gaps_only, .init = fixture)
{
    char *text = ok((const char *[]){ NULL });
    char *all = ok((const char *[]){ "--all", NULL });
    const char *rules = strstr(text, "Rules: "), *card = strstr(text, "Scorecard: each network");
    const char *gaps = strstr(text, "2 of 9 checks not met");

    cr_assert(strncmp(text, "Coverage of 3 networks\n\nRules: ", 31) == 0, "%s", text);
    cr_assert(rules && card && gaps && rules < card && card < gaps, "%s", text);
    cr_assert(strstr(text, "\nmet ") == NULL, "no met check by default: %s", text);
    cr_assert(strstr(text, "Networks led / reaching") == NULL, "%s", text);
    cr_assert(strstr(gaps, "\nGAP ") != NULL, "%s", text);
    cr_assert(strstr(text, "  network 'N2' (Network two) has 0 institutions besides the lead: "
                           "1 more needed (at least 1)\n") != NULL, "%s", text);
    /* --all: the same summaries, the grid, and the 7 met checks too */
    cr_assert(strncmp(all, text, (size_t)(gaps - text)) == 0, "%s", all);
    cr_assert(strstr(all, "Networks led / reaching") != NULL, "%s", all);
    {
        size_t met = 0;
        for (const char *p = all; (p = strstr(p, "\nmet ")) != NULL; p++) {
            met++;
        }
        cr_assert(eq(sz, met, 7), "%s", all);
    }
    free(text);
    free(all);
}

/* --check -q: nothing printed, the exit status alone (1: gaps). */
Test(coverage_summary, check_quiet_prints_nothing, .init = fixture)
{
    char *text;

    cr_redirect_stdout();
    cr_assert(eq(int, coverage(&text, NULL, (const char *[]){ "--check", "-q", NULL }), 1));
    cr_assert(eq(str, text, ""));
    fflush(stdout);
    cr_assert_stdout_eq_str("");
    free(text);
}

Test(coverage_summary, bad_sections_are_usage_errors, .init = fixture)
{
    char *text;

    cr_assert(eq(int, coverage(&text, NULL, (const char *[]){ "-s", "nope", NULL }), 64));
    free(text);
    cr_assert(eq(int, coverage(&text, NULL, (const char *[]){ "-s", "totals", NULL }), 64));
    free(text);
    cr_assert(eq(int, coverage(&text, NULL,
                               (const char *[]){ "--compare", "2025", "2026", "-s", "rules",
                                                 NULL }),
                 64));
    free(text);
    cr_assert(eq(int, coverage(&text, NULL, (const char *[]){ "--all", "--gaps", NULL }), 64));
    free(text);
}

/* 2025-01-01: N1 and N3 exist. Line 6: 2/2. Line 8: North 2 (N1, N3), South 0 (a gap). Line
 * 10: both led. Line 11: N1 has iX, N3 nobody (a gap). 7 checks, 5 met.
 * 2025-07-01: N1 and N2 exist (N3 left U, N2 joined). Line 6: 2/2. Line 8: North N1, South N2.
 * Line 10: both led. Line 11: N1 lost iX (a gap opened in a network that existed), N2 nobody
 * (a gap N2 brought). 7 checks, 5 met. */
Test(coverage_summary, compare_tells_new_closed_opened_ended, .init = fixture)
{
    char *changes = ok((const char *[]){ "--compare", "2025-01-01", "2025-07-01", "-f", "csv",
                                         NULL });
    char *nets = ok((const char *[]){ "--compare", "2025-01-01", "2025-07-01", "-s",
                                      "networks", "-f", "csv", NULL });
    char *totals = ok((const char *[]){ "--compare", "2025-01-01", "2025-07-01", "-s", "totals",
                                        "-f", "csv", NULL });

    cr_assert(eq(str, changes,
                 "change,line,rule,subject,message,label\n"
                 "new,11,rule = at least 1 institution besides the lead,N2,network 'N2' has 0 "
                 "institutions besides the lead: 1 more needed (at least 1),Network two\n"
                 "closed,8,\"ai = led in North, South\",ai/South,field 'ai' has no network led "
                 "in South,\n"
                 "opened,11,rule = at least 1 institution besides the lead,N1,network 'N1' has 0 "
                 "institutions besides the lead: 1 more needed (at least 1),Network one\n"
                 "ended,11,rule = at least 1 institution besides the lead,N3,network 'N3' has 0 "
                 "institutions besides the lead: 1 more needed (at least 1),Network three\n"));
    cr_assert(eq(str, nets, "change,network,checks,not_met,label\n"
                            "new,N2,2,1,Network two\n"
                            "ended,N3,2,1,Network three\n"));
    cr_assert(eq(str, totals, "date,networks,checks,met,not_met\n"
                              "2025-01-01,2,7,5,2\n"
                              "2025-07-01,2,7,5,2\n"));
    free(changes);
    free(nets);
    free(totals);
}

Test(coverage_summary, compare_text_counts_each_change, .init = fixture)
{
    char *text = ok((const char *[]){ "--compare", "2025-01-01", "2025-07-01", NULL });
    char head[600];

    snprintf(head, sizeof head,
             "Coverage from 2025-01-01 to 2025-07-01 (targets: %s/targets.ini)\n"
             "Gaps: 1 brought by new networks, 1 closed, 1 opened, 1 gone with networks that "
             "ended\n\nChecks met at each date",
             dir);
    cr_assert(strncmp(text, head, strlen(head)) == 0, "%s", text);
    free(text);
}

Test(coverage_summary, compare_json_has_every_table, .init = fixture)
{
    char *json = ok((const char *[]){ "--compare", "2025-01-01", "2025-07-01", "-f", "json",
                                      NULL });
    const char *t = strstr(json, "\n  \"totals\": ["), *n = strstr(json, "\n  \"networks\": [");
    const char *c = strstr(json, "\n  \"changes\": [");

    cr_assert(t && n && c && t < n && n < c, "%s", json);
    free(json);
}

/* data/vn-374 from 2025-07-01 to 2025-09-01: the 7 Northern networks (launched 2025-08-01)
 * come into existence with 4 gaps each (28); none of the 6 others changes, so nothing opened;
 * 9 field gaps close (6 fields had no network, 3 had none led in North). Met: 18 of 51 (6
 * networks x 5 rules + 21 field checks = 51, of which 6 x 4 network checks and the 9 field gaps
 * are not met), then 34 of 86. Before, the 28 were listed as opened. */
Test(coverage_summary, vn374_compare_lists_the_northern_networks_as_new)
{
    char *changes, *nets, *totals;
    size_t n[4] = { 0 };
    static const char *const kinds[] = { "\nnew,", "\nclosed,", "\nopened,", "\nended," };

    cr_redirect_stderr();
    cr_assert(eq(int, coverage(&changes, "../data/vn-374",
                               (const char *[]){ "--compare", "2025-07-01", "2025-09-01", "-f",
                                                 "csv", NULL }),
                 0));
    cr_assert(eq(int, coverage(&nets, "../data/vn-374",
                               (const char *[]){ "--compare", "2025-07-01", "2025-09-01", "-s",
                                                 "networks", "-f", "csv", NULL }),
                 0));
    cr_assert(eq(int, coverage(&totals, "../data/vn-374",
                               (const char *[]){ "--compare", "2025-07-01", "2025-09-01", "-s",
                                                 "totals", "-f", "csv", NULL }),
                 0));
    for (int k = 0; k < 4; k++) {
        for (const char *p = changes; (p = strstr(p, kinds[k])) != NULL; p++) {
            n[k]++;
        }
    }
    cr_assert(eq(sz, n[0], 28));
    cr_assert(eq(sz, n[1], 9));
    cr_assert(eq(sz, n[2], 0));
    cr_assert(eq(sz, n[3], 0));
    cr_assert(strstr(nets, "\nnew,n374-ai-semi-north,5,4,") != NULL, "%s", nets);
    cr_assert(strstr(nets, "\nnew,n374-biotech-industry-biomed-north,5,4,") != NULL, "%s", nets);
    cr_assert(strstr(nets, "\nended,") == NULL, "%s", nets);
    cr_assert(eq(str, totals, "date,networks,checks,met,not_met\n"
                              "2025-07-01,6,51,18,33\n"
                              "2025-09-01,13,86,34,52\n"));
    free(changes);
    free(nets);
    free(totals);
}

/* report --compare: two dates, and targets to compare against. */
Test(coverage_summary, report_compare_needs_dates_and_targets, .init = fixture)
{
    char out[300], bare[300];
    char *argv1[] = { "report", dir, "-o", out, "--compare", "2025", NULL };
    char *argv2[] = { "report", dir, "-o", out, "--compare", "2025", "never", NULL };
    char *argv3[] = { "report", bare, "-o", out, "--compare", "2025", "2026", NULL };

    snprintf(out, sizeof out, "%s/report-%d", th_tmp(), (int)getpid());
    snprintf(bare, sizeof bare, "%s/bare", dir); /* the fixture without targets.ini */
    cr_assert(eq(int, mkdir(bare, 0755), 0));
    put(bare, "nodes.csv", NODES);
    put(bare, "edges.csv", EDGES);
    cr_assert(eq(int, cmd_report(6, argv1), 64));
    cr_assert(eq(int, cmd_report(7, argv2), 64));
    cr_assert(eq(int, cmd_report(7, argv3), 64));
    cr_assert(access(out, F_OK) != 0, "nothing written");
}

/* The coverage results: the report's tables against the CLI's CSV (tests/results.h), and the
 * builders' formats on the hand-checked data (tests/data/coverage_hand). */
#define _GNU_SOURCE
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <criterion/redirect.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "helpers.h"
#include "results.h"

Test(results_coverage, vn374_rules)
{
    tr_same_csv("data/vn-374", "rules",
                (const char *[]){ "coverage", "--rules", "-f", "csv", tr_dataset("data/vn-374"),
                                  NULL });
}

Test(results_coverage, vn374_gaps)
{
    tr_same_csv("data/vn-374", "gaps",
                (const char *[]){ "coverage", "--gaps", "-f", "csv", tr_dataset("data/vn-374"),
                                  NULL });
}

Test(results_coverage, vn374_critical)
{
    tr_same_csv("data/vn-374", "critical",
                (const char *[]){ "coverage", "--critical", "-f", "csv",
                                  tr_dataset("data/vn-374"), NULL });
}

Test(results_coverage, vn374_candidates)
{
    tr_same_csv("data/vn-374", "candidates",
                (const char *[]){ "coverage", "--candidates", "-f", "csv",
                                  tr_dataset("data/vn-374"), NULL });
}

Test(results_coverage, vn374_scorecards)
{
    tr_same_csv("data/vn-374", "scorecard",
                (const char *[]){ "coverage", "-s", "scorecard", "-f", "csv",
                                  tr_dataset("data/vn-374"), NULL });
    tr_same_csv("data/vn-374", "field_scorecard",
                (const char *[]){ "coverage", "-s", "field-scorecard", "-f", "csv",
                                  tr_dataset("data/vn-374"), NULL });
}

/* `report --compare D1 D2`: its tables/compare_*.csv are `coverage --compare D1 D2 -s ...`. */
Test(results_coverage, vn374_compare)
{
    static const char *const tables[][2] = { { "compare_totals", "totals" },
                                             { "compare_networks", "networks" },
                                             { "compare_changes", "changes" } };
    const char *bin = getenv("COLLABNET");
    char dir[256], path[512], *report_csv, *cli_csv;
    size_t len;

    th_tmpl(dir, sizeof dir, "report-compare");
    cr_assert(mkdtemp(dir) != NULL);
    cr_assert(eq(int, th_sh("'%s' report -q ../data/vn-374 -o '%s/r' --compare 2025-07-01 "
                            "2025-09-01 2>&1", bin ? bin : "collabnet", dir),
                 0));
    for (size_t k = 0; k < 3; k++) {
        snprintf(path, sizeof path, "%s/r/tables/%s.csv", dir, tables[k][0]);
        report_csv = th_slurp(path, &len);
        cr_assert(report_csv != NULL, "the report has no %s", path);
        cli_csv = tr_cli((const char *[]){ "coverage", "--compare", "2025-07-01", "2025-09-01",
                                           "-s", tables[k][1], "-f", "csv",
                                           tr_dataset("data/vn-374"), NULL });
        cr_assert(eq(str, report_csv, cli_csv), "tables/%s.csv differs", tables[k][0]);
        free(report_csv);
        free(cli_csv);
    }
}

/* Generated data have no targets: the report lists no rules and no gaps, and neither does the
 * CLI (a header alone). */
Test(results_coverage, S_has_no_targets_so_no_tables)
{
    char path[512], *csv;

    for (int k = 0; k < 2; k++) {
        snprintf(path, sizeof path, "%s/tables/%s.csv", tr_report("S"), k ? "gaps" : "rules");
        cr_assert(access(path, F_OK) != 0, "%s exists", path);
    }
    csv = tr_cli((const char *[]){ "coverage", "--rules", "-f", "csv", tr_dataset("S"), NULL });
    cr_assert(eq(str, csv, "line,rule,checks,met,not_met\n"));
    free(csv);
    csv = tr_cli((const char *[]){ "coverage", "--gaps", "-f", "csv", tr_dataset("S"), NULL });
    cr_assert(eq(str, csv, "line,rule,type,subject,status,have,need,message,suggestions,"
                           "no_candidate\n"));
    free(csv);
}

/* The rules of tests/data/coverage_hand/targets.ini, checks and gaps counted by hand (the
 * arithmetic is in tests/test_analysis.c, analysis_coverage); --gaps keeps those not met. */
Test(results_coverage, rules_by_hand)
{
    char *all = tr_cli((const char *[]){ "coverage", "--rules", "-f", "csv",
                                         "data/coverage_hand", NULL });
    char *gaps = tr_cli((const char *[]){ "coverage", "--rules", "--gaps", "-f", "csv",
                                          "data/coverage_hand", NULL });

    cr_assert(eq(str, all, "line,rule,checks,met,not_met\n"
                           "8,networks = 1,2,1,1\n"
                           "9,ai = 2,1,1,0\n"
                           "12,\"ai = led in North, Central, South\",3,2,1\n"
                           "13,\"biotech = reached in North, Central\",2,1,1\n"
                           "16,rule = exactly 1 lead,3,2,1\n"
                           "17,rule = at least 1 institution besides the lead,3,2,1\n"
                           "18,rule = at least 1 enterprise where country is not VN,3,1,2\n"
                           "19,rule = at least 2 experts where country is not VN,3,0,3\n"));
    cr_assert(eq(str, gaps, "line,rule,checks,met,not_met\n"
                            "8,networks = 1,2,1,1\n"
                            "12,\"ai = led in North, Central, South\",3,2,1\n"
                            "13,\"biotech = reached in North, Central\",2,1,1\n"
                            "16,rule = exactly 1 lead,3,2,1\n"
                            "17,rule = at least 1 institution besides the lead,3,2,1\n"
                            "18,rule = at least 1 enterprise where country is not VN,3,1,2\n"
                            "19,rule = at least 2 experts where country is not VN,3,0,3\n"));
    free(all);
    free(gaps);
}

/* One table, two spellings on purpose: CSV has the suggestions as text ("id (score)") and the
 * subject in one cell; JSON a record per suggestion (the candidates table's columns) and field,
 * region, network apart. */
Test(results_coverage, suggestions_as_text_in_csv_and_records_in_json)
{
    char *csv = tr_cli((const char *[]){ "coverage", "--gaps", "-f", "csv",
                                         "data/coverage_hand", NULL });
    char *json = tr_cli((const char *[]){ "coverage", "--gaps", "-f", "json",
                                          "data/coverage_hand", NULL });

    cr_assert(strstr(csv, "\n13,\"biotech = reached in North, Central\",field-regions,"
                          "biotech/Central,gap,0,1,field 'biotech' has no network reaching "
                          "Central,iC2 (7); hC (3),\n") != NULL, "%s", csv);
    cr_assert(strstr(json, "      \"field\": \"biotech\",\n"
                           "      \"region\": \"Central\",\n"
                           "      \"network\": null,\n"
                           "      \"met\": false,\n"
                           "      \"have\": 0,\n"
                           "      \"need\": 1,\n"
                           "      \"message\": \"field 'biotech' has no network reaching "
                           "Central\",\n"
                           "      \"suggestions\": [\n"
                           "        {\n"
                           "          \"id\": \"iC2\",\n"
                           "          \"label\": \"iC2\",\n"
                           "          \"kind\": \"institution\",\n"
                           "          \"region\": \"Central\",\n"
                           "          \"country\": \"VN\",\n"
                           "          \"fields\": [\n"
                           "            \"biotech\"\n"
                           "          ],\n"
                           "          \"score\": 7.0,\n"
                           "          \"signals\": [\n"
                           "            \"tie\",\n"
                           "            \"field\",\n"
                           "            \"region\"\n"
                           "          ],\n"
                           "          \"evidence\": \"collaborates with iN2 (weight 3); fields "
                           "biotech; in Central\"\n"
                           "        },\n"
                           "        {\n"
                           "          \"id\": \"hC\",\n") != NULL, "%s", json);
    free(csv);
    free(json);
}

Test(results_coverage, rules_and_candidates_exclude_matrix_and_compare)
{
    char *argv[][7] = {
        { "coverage", "--rules", "--matrix", "data/coverage_hand", NULL },
        { "coverage", "--rules", "--compare", "2024", "2026", "data/coverage_hand", NULL },
        { "coverage", "--candidates", "--matrix", "data/coverage_hand", NULL },
        { "coverage", "--candidates", "--rules", "data/coverage_hand", NULL },
        { "coverage", "--candidates", "--compare", "2024", "2026", "data/coverage_hand", NULL },
    };
    const int argc[] = { 4, 6, 4, 4, 6 };
    const command *c = cli_commands;

    while (strcmp(c->name, "coverage") != 0) {
        c++;
    }
    cr_redirect_stderr();
    for (size_t k = 0; k < sizeof argc / sizeof argc[0]; k++) {
        cr_assert(eq(int, c->run(argc[k], argv[k]), 64), "case %zu", k);
    }
    fflush(stderr);
    cr_assert_stderr_eq_str(
        "collabnet: --rules excludes --compare and --matrix\n"
        "collabnet: --rules excludes --compare and --matrix\n"
        "collabnet: --candidates excludes --compare, --section, --rules and --matrix\n"
        "collabnet: --candidates excludes --compare, --section, --rules and --matrix\n"
        "collabnet: --candidates excludes --compare, --section, --rules and --matrix\n");
}

/* The candidates table of the hand-checked data, every format from one builder: CSV lists the
 * fields and signals with ';' (README "How candidates are ranked" has the arithmetic). */
Test(results_coverage, candidates_by_hand)
{
    char *csv = tr_cli((const char *[]){ "coverage", "--candidates", "-f", "csv",
                                         "data/coverage_hand", NULL });

    cr_assert(eq(str, csv,
                 "line,subject,rank,id,label,kind,region,country,fields,score,signals,evidence\n"
                 "12,ai/South,1,hS,hS,institution,South,VN,ai,4,field;region,fields ai; in South\n"
                 "13,biotech/Central,1,iC2,iC2,institution,Central,VN,biotech,7,tie;field;region,"
                 "collaborates with iN2 (weight 3); fields biotech; in Central\n"
                 "13,biotech/Central,2,hC,hC,institution,Central,VN,ai,3,tie;region,"
                 "collaborates with iN2 (weight 2); in Central\n"
                 "16,B1,1,iN2,iN2,institution,North,VN,ai;biotech,5,membership;field,"
                 "member of B1; fields biotech\n"
                 "17,A2,1,iN2,iN2,institution,North,VN,ai;biotech,5,tie;field,"
                 "collaborates with hC (weight 2); fields ai\n"
                 "17,A2,2,hN,hN,institution,North,VN,ai,3,field,fields ai\n"
                 "17,A2,3,hS,hS,institution,South,VN,ai,3,field,fields ai\n"
                 "18,A1,1,eFR,eFR,enterprise,,FR,ai (inferred),4,tie;inferred-field;country,"
                 "\"collaborates with xFR (weight 1); member of A2 (ai, inferred); country FR\"\n"
                 "19,A1,1,xUS,xUS,expert,,US,,5,tie;country,"
                 "collaborates with xFR (weight 4); country US\n"
                 "19,A2,1,xFR,xFR,expert,,FR,ai (inferred),4,tie;inferred-field;country,"
                 "\"collaborates with eFR (weight 1); member of A1 (ai, inferred); country FR\"\n"
                 "19,B1,1,xFR,xFR,expert,,FR,ai (inferred),3,membership;country,"
                 "member of A1 with iN2; country FR\n"));
    free(csv);
}

/* FNV-1a, 64 bits, of a whole file; its size in *len. */
static unsigned long long fnv1a(const char *path, size_t *len)
{
    unsigned long long h = 0xcbf29ce484222325ull;
    char *text = th_slurp(path, len);

    cr_assert(text != NULL, "cannot read %s", path);
    for (size_t k = 0; k < *len; k++) {
        h = (h ^ (unsigned char)text[k]) * 0x100000001b3ull;
    }
    free(text);
    return h;
}

/* `collabnet generate` writes its CSV with the table model's streaming writer: generated S
 * (seed 1) has the bytes the fprintf version wrote (sizes and hashes measured with it). */
Test(results_coverage, generated_S_bytes_as_before)
{
    char path[512];
    size_t len;

    snprintf(path, sizeof path, "%s/nodes.csv", tr_dataset("S"));
    cr_assert(eq(u64, fnv1a(path, &len), 0xa45a0ae2d918c059ull));
    cr_assert(eq(sz, len, 102153));
    snprintf(path, sizeof path, "%s/edges.csv", tr_dataset("S"));
    cr_assert(eq(u64, fnv1a(path, &len), 0xe90741b963f7ec3dull));
    cr_assert(eq(sz, len, 419647));
}

/* The collabnet commands, run in-process (exit status, stdout, stderr), and the built binary. */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <criterion/redirect.h>
#include <dirent.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli.h"
#include "helpers.h"

int cmd_validate(int argc, char **argv);
int cmd_info(int argc, char **argv);
int cmd_help(int argc, char **argv);
int cmd_centrality(int argc, char **argv);
int cmd_overlap(int argc, char **argv);
int cmd_coverage(int argc, char **argv);

/* Run a command with a NULL-terminated argument list (copied: getopt permutes argv). */
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

static void redirect_stderr(void)
{
    cr_redirect_stderr();
}

Test(cli_validate, valid_dataset_exits_0, .init = redirect_all)
{
    cr_assert(eq(int, run(cmd_validate, (const char *[]){ "validate", "data/analysis_small", NULL }),
                 0));
    cr_assert_stdout_eq_str("data/analysis_small: valid: 7 nodes, 7 edge rows (4 membership, "
                            "3 collaboration in 2 ties)\n");
    cr_assert_stderr_eq_str("");
}

Test(cli_validate, quiet_prints_nothing, .init = redirect_all)
{
    cr_assert(eq(int, run(cmd_validate, (const char *[]){ "validate", "-q", "data/analysis_small",
                                                          NULL }),
                 0));
    cr_assert_stdout_eq_str("");
}

Test(cli_validate, data_error_exits_65_with_file_and_line, .init = redirect_all)
{
    cr_assert(eq(int, run(cmd_validate, (const char *[]){ "validate", "data/unknown_kind", NULL }),
                 EXIT_DATA));
    cr_assert_stderr_eq_str("data/unknown_kind/nodes.csv:3: unknown kind 'univ' (expected "
                            "institution, enterprise, expert or network)\n"
                            "collabnet: data/unknown_kind: 1 problem; nothing written\n");
    cr_assert_stdout_eq_str("");
}

Test(cli_validate, missing_dataset_exits_66, .init = redirect_stderr)
{
    cr_assert(eq(int, run(cmd_validate, (const char *[]){ "validate", "data/no-such-dir", NULL }),
                 EXIT_NOINPUT));
    cr_assert_stderr_eq_str("collabnet: dataset 'data/no-such-dir' does not exist\n");
}

Test(cli_validate, usage_errors_exit_64, .init = redirect_all)
{
    cr_assert(eq(int, run(cmd_validate, (const char *[]){ "validate", NULL }), EXIT_USAGE));
    cr_assert(eq(int, run(cmd_validate, (const char *[]){ "validate", "a", "b", NULL }),
                 EXIT_USAGE));
    cr_assert(eq(int, run(cmd_validate, (const char *[]){ "validate", "--max-errors", "0", "x",
                                                          NULL }),
                 EXIT_USAGE));
    cr_assert(eq(int, run(cmd_validate, (const char *[]){ "validate", "--bogus", "x", NULL }),
                 EXIT_USAGE));
}

Test(cli_validate, help_goes_to_stdout, .init = redirect_all)
{
    cr_assert(eq(int, run(cmd_validate, (const char *[]){ "validate", "--help", NULL }), 0));
    cr_assert_stderr_eq_str("");
}

Test(cli_info, csv_networks_table, .init = redirect_all)
{
    cr_assert(eq(int, run(cmd_info, (const char *[]){ "info", "--format", "csv",
                                                      "data/analysis_small", NULL }),
                 0));
    cr_assert_stdout_eq_str(
        "id,label,fields,region,lead,lead_region,parents,institutions,enterprises,experts,"
        "sub_networks,partners,members\n"
        "n1,Net One,ai,North,u1,North,,1,1,0,1,1,3\n"
        "n2,Net Two,biotech,South,u2,South,n1,1,0,0,0,0,1\n");
}

Test(cli_info, csv_regions_table, .init = redirect_all)
{
    cr_assert(eq(int, run(cmd_info, (const char *[]){ "info", "-f", "csv", "-t", "regions",
                                                      "data/analysis_small", NULL }),
                 0));
    cr_assert_stdout_eq_str("region,institution,enterprise,expert,network,total\n"
                            "North,1,1,0,1,3\n"
                            "South,1,0,0,1,2\n"
                            ",0,0,2,0,2\n");
}

/* No fields, no networks: info sorted NULL arrays (undefined behaviour: UBSan stopped the
 * sanitizer build here, "null pointer passed as argument 1"). */
Test(cli_info, dataset_without_fields_or_networks, .init = redirect_all)
{
    cr_assert(eq(int, run(cmd_info, (const char *[]){ "info", "-f", "csv", "-t", "fields",
                                                      "data/star", NULL }),
                 0));
    cr_assert_stdout_eq_str("field,institution,enterprise,expert,network,total\n");
}

/* The JSON is read back with jansson and checked value by value. */
static json_t *info_json(const char *dir)
{
    char path[] = "/tmp/cn-test-info-XXXXXX";
    int fd = mkstemp(path);
    json_error_t err;
    json_t *root;

    cr_assert(ge(int, fd, 0));
    close(fd);
    cr_assert(eq(int, run(cmd_info, (const char *[]){ "info", "--format", "json", "-o", path, dir,
                                                      NULL }),
                 0));
    root = json_load_file(path, 0, &err);
    cr_assert_not_null(root, "%s", err.text);
    unlink(path);
    return root;
}

static json_int_t jint(json_t *root, const char *path)
{
    json_t *v = root;
    char buf[256], *save = NULL;

    snprintf(buf, sizeof buf, "%s", path);
    for (char *k = strtok_r(buf, ".", &save); k; k = strtok_r(NULL, ".", &save)) {
        v = (*k >= '0' && *k <= '9') ? json_array_get(v, (size_t)atoi(k)) : json_object_get(v, k);
        cr_assert_not_null(v, "no %s in %s", k, path);
    }
    cr_assert(eq(int, json_is_integer(v) ? 1 : 0, 1), "%s is not an integer", path);
    return json_integer_value(v);
}

Test(cli_info, json_small_dataset)
{
    json_t *root = info_json("data/analysis_small");

    cr_assert(eq(i64, jint(root, "nodes.total"), 7));
    cr_assert(eq(i64, jint(root, "nodes.by_kind.expert"), 2));
    cr_assert(eq(i64, jint(root, "edges.collaboration_rows"), 3));
    cr_assert(eq(i64, jint(root, "edges.collaboration_ties"), 2));
    cr_assert(eq(i64, jint(root, "edges.merged_rows"), 1));
    cr_assert(eq(i64, jint(root, "networks.0.members.enterprise"), 1));
    cr_assert(eq(i64, jint(root, "networks.0.roles.partner"), 1));
    cr_assert(eq(i64, jint(root, "components.count"), 2));
    cr_assert(eq(i64, jint(root, "components.largest"), 6));
    cr_assert(eq(str, (char *)json_string_value(json_object_get(
                          json_object_get(json_array_get(json_object_get(root, "networks"), 0),
                                          "lead"),
                          "id")),
                 "u1"));
    json_decref(root);
}

/* The acceptance figures: 13 Project 374 networks, 7 North, 2 Central, 4 South. */
Test(cli_info, json_vn374_project_networks_by_region)
{
    json_t *root = info_json("../data/vn-374"), *umb = json_object_get(root, "umbrellas"), *p374 = NULL;
    size_t i;

    json_array_foreach(umb, i, p374)
    {
        if (strcmp(json_string_value(json_object_get(p374, "id")), "project-374") == 0) {
            break;
        }
    }
    cr_assert(lt(sz, i, json_array_size(umb)), "no project-374 umbrella");
    cr_assert(eq(i64, jint(p374, "sub_networks"), 13));
    cr_assert(eq(i64, jint(p374, "sub_networks_by_lead_region.North"), 7));
    cr_assert(eq(i64, jint(p374, "sub_networks_by_lead_region.Central"), 2));
    cr_assert(eq(i64, jint(p374, "sub_networks_by_lead_region.South"), 4));
    cr_assert(eq(sz, json_object_size(json_object_get(p374, "sub_networks_by_lead_region")), 3));
    json_decref(root);
}

static size_t count_entries(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    size_t n = 0;

    cr_assert_not_null(d);
    while ((e = readdir(d))) {
        n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
    }
    closedir(d);
    return n;
}

Test(cli_info, output_file_is_written_atomically, .init = redirect_stderr)
{
    char dir[] = "/tmp/cn-test-out-XXXXXX", path[64];
    FILE *fp;
    size_t len;
    char *text;

    cr_assert_not_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/info.csv", dir);
    fp = fopen(path, "w");
    fputs("earlier result\n", fp);
    fclose(fp);
    /* a failed run leaves the earlier output untouched and no temporary file behind */
    cr_assert(eq(int, run(cmd_info, (const char *[]){ "info", "-f", "csv", "-o", path,
                                                      "data/unknown_kind", NULL }),
                 EXIT_DATA));
    text = th_slurp(path, &len);
    cr_assert(eq(str, text, "earlier result\n"));
    free(text);
    cr_assert(eq(int, run(cmd_info, (const char *[]){ "info", "-f", "csv", "-o", path,
                                                      "data/analysis_small", NULL }),
                 0));
    text = th_slurp(path, &len);
    cr_assert(eq(int, strncmp(text, "id,label,", 9), 0));
    free(text);
    cr_assert(eq(sz, count_entries(dir), 1), "temporary files left in %s", dir);
    unlink(path);
    rmdir(dir);
}

Test(cli_info, unwritable_output_exits_73, .init = redirect_stderr)
{
    cr_assert(eq(int, run(cmd_info, (const char *[]){ "info", "-o", "/nonexistent-dir/x.txt",
                                                      "data/analysis_small", NULL }),
                 EXIT_CANTCREAT));
    cr_assert_stderr_eq_str(
        "collabnet: cannot create '/nonexistent-dir/x.txt': No such file or directory\n");
}

Test(cli_info, option_errors_exit_64, .init = redirect_all)
{
    cr_assert(eq(int, run(cmd_info, (const char *[]){ "info", "--format", "xml", "d", NULL }),
                 EXIT_USAGE));
    cr_assert(eq(int, run(cmd_info, (const char *[]){ "info", "--table", "networks", "d", NULL }),
                 EXIT_USAGE));
    cr_assert(eq(int, run(cmd_info, (const char *[]){ "info", "-f", "csv", "-t", "nope", "d",
                                                      NULL }),
                 EXIT_USAGE));
}

Test(cli_help, help_command_shows_command_help, .init = redirect_all)
{
    cr_assert(eq(int, run(cmd_help, (const char *[]){ "help", "info", NULL }), 0));
    cr_assert(eq(int, run(cmd_help, (const char *[]){ "help", "nope", NULL }), EXIT_USAGE));
}

Test(cli_centrality, csv_top_rows_sorted_by_first_measure, .init = redirect_all)
{
    cr_assert(eq(int, run(cmd_centrality, (const char *[]){ "centrality", "data/karate", "-m",
                                                            "betweenness,degree", "-f", "csv",
                                                            "-n", "3", NULL }),
                 0));
    cr_assert_stdout_eq_str("id,label,kind,betweenness,degree\n"
                            "m1,Member 1,expert,209,16\n"
                            "m3,Member 3,expert,177,10\n"
                            "m34,Member 34,expert,174,17\n");
}

/* 17 significant digits, so a reader gets back the exact double (231.071428571428571... by
 * hand; the last digit depends on summation order, so only 16 are compared) */
Test(cli_centrality, unweighted_karate_betweenness_has_17_digits, .init = redirect_stderr)
{
    char path[] = "/tmp/cn-test-digits-XXXXXX";
    const char *head = "id,label,kind,betweenness\nm1,Member 1,expert,231.0714285714286";
    size_t len;
    char *text;
    int fd = mkstemp(path);

    close(fd);
    cr_assert(eq(int, run(cmd_centrality, (const char *[]){ "centrality", "data/karate",
                                                            "--unweighted", "-m", "betweenness",
                                                            "-f", "csv", "-n", "1", "-o", path,
                                                            NULL }),
                 0));
    text = th_slurp(path, &len);
    cr_assert(eq(int, strncmp(text, head, strlen(head)), 0), "got %s", text);
    cr_assert(eq(sz, len, strlen(head) + 2), "got %s", text); /* one more digit and newline */
    free(text);
    unlink(path);
}

Test(cli_centrality, cut_points_csv, .init = redirect_all)
{
    cr_assert(eq(int, run(cmd_centrality, (const char *[]){ "centrality", "data/path",
                                                            "--cut-points", "-f", "csv", "-n",
                                                            "2", NULL }),
                 0));
    cr_assert_stdout_eq_str(
        "cut,id,label,kind,other_id,other_label,component,separated,separated_institution,"
        "separated_enterprise,separated_expert,separated_network\n"
        "tie,p2,p2,expert,p3,p3,4,2,0,0,2,0\n"
        "tie,p1,p1,expert,p2,p2,4,1,0,0,1,0\n");
}

/* An undefined value is empty in CSV; filters keep only the asked-for rows. */
Test(cli_centrality, filters_and_undefined_values, .init = redirect_all)
{
    cr_assert(eq(int, run(cmd_centrality, (const char *[]){ "centrality", "data/analysis_small",
                                                            "--kind", "expert", "--unweighted",
                                                            "-m", "harmonic,closeness", "-f",
                                                            "csv", NULL }),
                 0));
    cr_assert_stdout_eq_str("id,label,kind,harmonic,closeness\n"
                            "x1,Expert,expert,1,1\n"
                            "x2,Lonely expert,expert,0,\n");
}

Test(cli_centrality, vn374_one_row_per_actor, .init = redirect_stderr)
{
    char path[] = "/tmp/cn-test-cent-XXXXXX";
    size_t len, lines = 0;
    char *text;
    int fd = mkstemp(path);

    close(fd);
    cr_assert(eq(int, run(cmd_centrality, (const char *[]){ "centrality", "../data/vn-374",
                                                            "--measures", "all", "--format",
                                                            "csv", "-o", path, NULL }),
                 0));
    text = th_slurp(path, &len);
    for (size_t i = 0; i < len; i++) {
        lines += text[i] == '\n';
    }
    /* header + 14 institutions + 2 enterprises (no experts in the data; networks are not actors) */
    cr_assert(eq(sz, lines, 17));
    cr_assert(eq(int, strncmp(text, "id,label,kind,degree,strength,betweenness,closeness,harmonic,"
                                    "eigenvector,pagerank,constraint,coreness\n", 84), 0));
    free(text);
    unlink(path);
}

Test(cli_centrality, usage_errors_exit_64, .init = redirect_all)
{
    cr_assert(eq(int, run(cmd_centrality, (const char *[]){ "centrality", "-m", "fame", "d", NULL }),
                 EXIT_USAGE));
    cr_assert(eq(int, run(cmd_centrality, (const char *[]){ "centrality", "-g", "social", "d",
                                                            NULL }),
                 EXIT_USAGE));
    cr_assert(eq(int, run(cmd_centrality, (const char *[]){ "centrality", "--exact", "--sample",
                                                            "5", "d", NULL }),
                 EXIT_USAGE));
    cr_assert(eq(int, run(cmd_centrality, (const char *[]){ "centrality", "-m",
                                                            "degree,degree", "d", NULL }),
                 EXIT_USAGE));
    cr_assert(eq(int, run(cmd_centrality, (const char *[]){ "centrality", "--jobs", "0", "d",
                                                            NULL }),
                 EXIT_USAGE));
}

Test(cli_overlap, vn374_actors_csv, .init = redirect_all)
{
    cr_assert(eq(int, run(cmd_overlap, (const char *[]){ "overlap", "../data/vn-374", "--actors",
                                                         "-f", "csv", NULL }),
                 0));
    cr_assert_stdout_eq_str(
        "id,label,kind,networks,network_ids,fields,regions,field_list,region_list\n"
        "vnu-hanoi,Đại học Quốc gia Hà Nội,institution,2,"
        "n374-biotech-industry-biomed-north;three-university-agreement,5,1,"
        "ai;biomedicine;biotech;industrial-biotech;semiconductor,North\n"
        "utc,Trường Đại học Giao thông vận tải,institution,2,"
        "n374-smart-infra-utc;g7-technical-universities,1,1,smart-transport,North\n");
}

Test(cli_overlap, pairs_csv_by_hand, .init = redirect_all)
{
    cr_assert(eq(int, run(cmd_overlap, (const char *[]){ "overlap", "data/overlap_hand", "-f",
                                                         "csv", NULL }),
                 0));
    cr_assert_stdout_eq_str(
        "a,b,shared,shared_institution,shared_enterprise,shared_expert,shared_network,size_a,"
        "size_b,jaccard,overlap,leads\n"
        "N1,N2,3,2,1,0,0,4,4,0.59999999999999998,0.75,mutual\n"
        "N3,U,1,1,0,0,0,2,3,0.25,0.5,a_in_b\n"
        "N1,N3,1,0,0,1,0,4,2,0.20000000000000001,0.5,\n");
}

Test(cli_overlap, matrix_csv_by_hand, .init = redirect_all)
{
    cr_assert(eq(int, run(cmd_overlap, (const char *[]){ "overlap", "data/overlap_hand",
                                                         "--matrix", "-f", "csv", NULL }),
                 0));
    cr_assert_stdout_eq_str("id,N1,N2,N3,U,E\n"
                            "N1,4,3,1,0,0\n"
                            "N2,3,4,0,0,0\n"
                            "N3,1,0,2,1,0\n"
                            "U,0,0,1,3,0\n"
                            "E,0,0,0,0,0\n");
}

Test(cli_overlap, by_region_transitive_json)
{
    char path[] = "/tmp/cn-test-ov-XXXXXX";
    json_error_t err;
    json_t *root, *groups;
    int fd = mkstemp(path);

    close(fd);
    cr_assert(eq(int, run(cmd_overlap, (const char *[]){ "overlap", "data/overlap_hand", "--by",
                                                         "region", "-f", "json", "-o", path,
                                                         NULL }),
                 0));
    root = json_load_file(path, 0, &err);
    cr_assert_not_null(root, "%s", err.text);
    groups = json_object_get(root, "groups");
    cr_assert(eq(sz, json_array_size(groups), 5));
    cr_assert(eq(i64, jint(root, "groups.3.shared"), 3)); /* North-South: i1, i2, e1 */
    cr_assert(eq(str, (char *)json_string_value(json_object_get(json_array_get(groups, 3), "b")),
                 "South"));
    json_decref(root);
    unlink(path);
}

Test(cli_overlap, usage_errors_exit_64, .init = redirect_all)
{
    cr_assert(eq(int, run(cmd_overlap, (const char *[]){ "overlap", "--actors", "--matrix", "d",
                                                         NULL }),
                 EXIT_USAGE));
    cr_assert(eq(int, run(cmd_overlap, (const char *[]){ "overlap", "--by", "country", "d",
                                                         NULL }),
                 EXIT_USAGE));
    cr_assert(eq(int, run(cmd_overlap, (const char *[]){ "overlap", "--kind", "person", "d",
                                                         NULL }),
                 EXIT_USAGE));
    cr_assert(eq(int, run(cmd_overlap, (const char *[]){ "overlap", "--min-shared", "0", "d",
                                                         NULL }),
                 EXIT_USAGE));
}

Test(cli_coverage, check_exits_1_on_gaps_and_0_without, .init = redirect_all)
{
    char path[] = "/tmp/cn-test-targets-XXXXXX";
    int fd = mkstemp(path);
    FILE *fp = fdopen(fd, "w");

    cr_assert(eq(int, run(cmd_coverage, (const char *[]){ "coverage", "--check",
                                                          "data/coverage_hand", NULL }),
                 1));
    cr_assert(eq(int, run(cmd_coverage, (const char *[]){ "coverage", "--check",
                                                          "../data/vn-374", NULL }),
                 1));
    /* a target the data meet */
    fputs("[fields]\npriority = ai\nai = 2\n", fp);
    fclose(fp);
    cr_assert(eq(int, run(cmd_coverage, (const char *[]){ "coverage", "--check", "-t", path,
                                                          "data/coverage_hand", NULL }),
                 0));
    unlink(path);
}

Test(cli_coverage, gaps_csv_name_the_line_and_candidates, .init = redirect_all)
{
    cr_assert(eq(int, run(cmd_coverage, (const char *[]){ "coverage", "--gaps", "-f", "csv",
                                                          "--suggestions", "1",
                                                          "data/coverage_hand", NULL }),
                 0));
    cr_assert_stdout_eq_str(
        "line,rule,type,subject,status,have,need,message,suggestions,no_candidate\n"
        "8,networks = 1,field-networks,quantum,gap,0,1,field 'quantum' has 0 networks: 1 more "
        "needed (at least 1),,no institution in the data lists this field\n"
        "12,\"ai = led in North, Central, South\",field-regions,ai/South,gap,0,1,field 'ai' has "
        "no network led in South,hS (0),\n"
        "13,\"biotech = reached in North, Central\",field-regions,biotech/Central,gap,0,1,field "
        "'biotech' has no network reaching Central,iC2 (3),\n"
        "16,rule = exactly 1 lead,network-lead,B1,gap,0,1,\"network 'B1' has 0 leads, not 1\","
        "iN2 (0),\n"
        "17,rule = at least 1 institution besides the lead,network-members,A2,gap,0,1,network "
        "'A2' has 0 institutions besides the lead: 1 more needed (at least 1),iN2 (2),\n"
        "18,rule = at least 1 enterprise where country is not VN,network-members,A1,gap,0,1,"
        "network 'A1' has 0 enterprises whose country is not VN: 1 more needed (at least 1),"
        "eFR (1),\n"
        "18,rule = at least 1 enterprise where country is not VN,network-members,B1,gap,0,1,"
        "network 'B1' has 0 enterprises whose country is not VN: 1 more needed (at least 1),,"
        "no one of that kind outside the network collaborates with its members\n"
        "19,rule = at least 2 experts where country is not VN,network-members,A1,gap,1,2,network "
        "'A1' has 1 expert whose country is not VN: 1 more needed (at least 2),xUS (4),\n"
        "19,rule = at least 2 experts where country is not VN,network-members,A2,gap,0,2,network "
        "'A2' has 0 experts whose country is not VN: 2 more needed (at least 2),xFR (1),\n"
        "19,rule = at least 2 experts where country is not VN,network-members,B1,gap,0,2,network "
        "'B1' has 0 experts whose country is not VN: 2 more needed (at least 2),,no one of that "
        "kind outside the network collaborates with its members\n");
}

Test(cli_coverage, compare_two_dates, .init = redirect_all)
{
    cr_assert(eq(int, run(cmd_coverage, (const char *[]){ "coverage", "--compare", "2025",
                                                          "2026", "-f", "csv",
                                                          "data/coverage_hand", NULL }),
                 0));
    cr_assert_stdout_eq_str("change,line,rule,subject,message\n"
                            "closed,18,rule = at least 1 enterprise where country is not VN,A2,"
                            "network 'A2' has 0 enterprises whose country is not VN: 1 more "
                            "needed (at least 1)\n");
}

Test(cli_coverage, bad_targets_exit_65_with_lines, .init = redirect_all)
{
    cr_assert(eq(int, run(cmd_coverage, (const char *[]){ "coverage", "-t",
                                                          "data/targets_bad/targets.ini",
                                                          "data/coverage_hand", NULL }),
                 EXIT_DATA));
    cr_assert(eq(int, run(cmd_coverage, (const char *[]){ "coverage", "-t", "data/none.ini",
                                                          "data/coverage_hand", NULL }),
                 EXIT_NOINPUT));
    cr_assert(eq(int, run(cmd_coverage, (const char *[]){ "coverage", "--compare", "2025",
                                                          "never", "data/coverage_hand", NULL }),
                 EXIT_USAGE));
}

Test(cli_common, at_applies_to_every_command, .init = redirect_all)
{
    /* at 2024 the seven Northern Project 374 networks (since 2025-08-01) are not there yet */
    cr_assert(eq(int, run(cmd_info, (const char *[]){ "info", "--at", "2024", "-f", "csv", "-t",
                                                      "umbrellas", "../data/vn-374", NULL }),
                 0));
    cr_assert_stdout_eq_str("umbrella,lead_region,sub_networks\n"
                            "project-374,Central,2\n"
                            "project-374,South,4\n"
                            "vietnam-innovation-network,,3\n");
    cr_assert(eq(int, run(cmd_validate, (const char *[]){ "validate", "--at", "soon", "d", NULL }),
                 EXIT_USAGE));
}

/* The built binary: main()'s own paths. COLLABNET is set by meson to the binary's path. */
static int sh(const char *fmt, const char *arg)
{
    char cmd[1024];
    int st;

    snprintf(cmd, sizeof cmd, fmt, getenv("COLLABNET"), arg);
    st = system(cmd);
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

Test(cli_binary, version_and_unknown_command)
{
    cr_assert_not_null(getenv("COLLABNET"));
    cr_assert(eq(int, sh("%s --version | grep -qx 'collabnet %s'", cn_version()), 0));
    cr_assert(eq(int, sh("%s frobnicate%s 2>/dev/null", ""), EXIT_USAGE));
    cr_assert(eq(int, sh("%s%s 2>/dev/null >/dev/null", ""), EXIT_USAGE));
    cr_assert(eq(int, sh("%s validate %s >/dev/null", "../data/vn-374"), 0));
    cr_assert(eq(int, sh("%s info %s 2>/dev/null", "data/unknown_kind"), EXIT_DATA));
}

/* `collabnet help COMMAND`, `collabnet COMMAND --help` and the man page show the same text. */
Test(cli_binary, help_and_man_page_agree)
{
    char cmd[1024], out[128], *man, *p;
    size_t len;
    const char *commands[] = { "validate", "info", "centrality", "overlap", "coverage", "render",
                               "report", "export", "import", "generate" };
    snprintf(out, sizeof out, "/tmp/cn-man-%d", (int)getpid());
    cr_assert(eq(int, sh("%s help --man > %s", out), 0));
    man = th_slurp(out, &len);
    cr_assert_not_null(man);
    for (size_t k = 0; k < sizeof commands / sizeof *commands; k++) {
        char head[64], help[256], *text, *text2, *sec, *end;
        size_t tl;
        snprintf(help, sizeof help, "%s.help", out);
        snprintf(cmd, sizeof cmd, "%%s help %s > %s%%s", commands[k], help);
        cr_assert(eq(int, sh(cmd, ""), 0));
        text = th_slurp(help, &tl);
        snprintf(cmd, sizeof cmd, "%%s %s --help > %s%%s", commands[k], help);
        cr_assert(eq(int, sh(cmd, ""), 0));
        text2 = th_slurp(help, &tl);
        cr_assert(eq(str, text, text2), "%s: --help and help differ", commands[k]);
        /* the man page's section, unescaped */
        snprintf(head, sizeof head, ".SS collabnet %s\n.nf\n", commands[k]);
        sec = strstr(man, head);
        cr_assert_not_null(sec, "no man section for %s", commands[k]);
        sec += strlen(head);
        end = strstr(sec, ".fi\n");
        cr_assert_not_null(end);
        char *plain = calloc((size_t)(end - sec) + 1, 1), *q = plain;
        bool start = true;
        for (p = sec; p < end; p++) {
            if (start && p[0] == '\\' && p[1] == '&') {
                p += 1;
                start = false;
                continue;
            }
            if (p[0] == '\\' && (p[1] == 'e' || p[1] == '-')) {
                *q++ = p[1] == 'e' ? '\\' : '-';
                p++;
            } else {
                *q++ = *p;
            }
            start = *p == '\n';
        }
        cr_assert(eq(str, plain, text), "%s: the man page differs from help", commands[k]);
        free(plain);
        free(text);
        free(text2);
        unlink(help);
    }
    free(man);
    /* man renders it, where man is installed */
    if (system("command -v man >/dev/null 2>&1") == 0) {
        snprintf(cmd, sizeof cmd, "man -l %s 2>/dev/null | grep -q 'collabnet report'", out);
        cr_assert(eq(int, system(cmd), 0));
    }
    unlink(out);
}

Test(cli_binary, import_statuses)
{
    char dir[] = "/tmp/cn-imp-XXXXXX", cmd[512];
    cr_assert_not_null(mkdtemp(dir));
    snprintf(cmd, sizeof cmd, "%%s import data/graphml/gephi.graphml --node-kind type "
             "--edge-kind relation -o %s/ds >/dev/null && test -s %s/ds/nodes.csv%%s", dir, dir);
    cr_assert(eq(int, sh(cmd, ""), 0));
    snprintf(cmd, sizeof cmd, "%%s import data/graphml/bad_kind.graphml -o %s/x 2>/dev/null%%s", dir);
    cr_assert(eq(int, sh(cmd, ""), EXIT_DATA));
    snprintf(cmd, sizeof cmd, "%%s import data/graphml/none.graphml -o %s/x 2>/dev/null%%s", dir);
    cr_assert(eq(int, sh(cmd, ""), EXIT_NOINPUT));
    snprintf(cmd, sizeof cmd, "%%s import data/graphml/gephi.graphml --node-kind type -o %s/ds 2>/dev/null%%s", dir);
    cr_assert(eq(int, sh(cmd, ""), EXIT_IOERR)); /* exists */
    cr_assert(eq(int, sh("%s import data/graphml/gephi.graphml 2>/dev/null%s", ""), EXIT_USAGE));
    cr_assert(eq(int, sh("%s import --default-kind school x.graphml -o y 2>/dev/null%s", ""), EXIT_USAGE));
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    cr_assert(eq(int, system(cmd), 0));
}

/* CSV outputs: text that a spreadsheet would run as a formula gets a ' in front; --csv-raw
 * writes it as it is; numbers are never touched. */
Test(cli_binary, csv_formula_guard)
{
    cr_assert(eq(int, sh("%s centrality data/formula -m degree -f csv | grep -qx \"u1,'=1+1,institution,1\"%s", ""), 0));
    cr_assert(eq(int, sh("%s centrality data/formula -m degree -f csv | grep -qx \"u2,'@SUM(A1:A9),institution,0\"%s", ""), 0));
    cr_assert(eq(int, sh("%s centrality data/formula -m degree -f csv | grep -qx \"e1,'-2+3,enterprise,0\"%s", ""), 0));
    cr_assert(eq(int, sh("%s centrality data/formula -m degree -f csv | grep -qx \"x1,'+cmd|calc,expert,1\"%s", ""), 0));
    cr_assert(eq(int, sh("%s centrality data/formula -m degree -f csv --csv-raw | grep -qx 'u1,=1+1,institution,1'%s", ""), 0));
    /* the table and JSON formats are not for spreadsheets: unchanged */
    cr_assert(eq(int, sh("%s centrality data/formula -m degree -f json | grep -q '\"=1+1\"'%s", ""), 0));
    /* the same in the report's tables */
    cr_assert(eq(int, sh("rm -rf /tmp/cn-formula && %s report data/formula -o /tmp/cn-formula && "
                         "grep -qx '\"u1\",\"'\"'\"'=1+1\",\"institution\",\"2\",\"3\",\"0.2745\"' "
                         "/tmp/cn-formula/tables/centrality.csv && rm -rf /tmp/cn-formula%s", ""), 0));
}

/* A full disk (a file size limit) or a signal mid-write leaves the earlier output as it was
 * and no temporary file behind. */
Test(cli_binary, full_disk_and_signal_leave_earlier_outputs, .timeout = 300)
{
    char dir[] = "/tmp/cn-sig-XXXXXX", cmd[1024];
    cr_assert_not_null(mkdtemp(dir));
    snprintf(cmd, sizeof cmd, "%%s export ../data/vn-374 -o %s/out.graphml && cp %s/out.graphml %s/keep%%s",
             dir, dir, dir);
    cr_assert(eq(int, sh(cmd, ""), 0));
    /* at most 4 blocks may be written: the export fails with 74 */
    snprintf(cmd, sizeof cmd, "ulimit -f 4; %%s export ../data/vn-374 --to json -o %s/out.graphml 2>/dev/null%%s", dir);
    cr_assert(eq(int, sh(cmd, ""), EXIT_IOERR));
    snprintf(cmd, sizeof cmd, "cmp -s %s/out.graphml %s/keep && test $(ls -A %s | wc -l) -eq 2", dir, dir, dir);
    cr_assert(eq(int, system(cmd), 0), "the earlier output changed or a temporary file is left");
    /* SIGTERM while the measures are computed, the output open */
    snprintf(cmd, sizeof cmd, "%%s generate --scale S -o %s/S >/dev/null 2>&1 && "
             "{ %%s export %s/S --with centrality -m closeness,harmonic --exact -o %s/out.graphml 2>/dev/null & "
             "p=$!; sleep 0.6; kill -TERM $p; wait $p; test $? -eq 143; }", dir, dir, dir);
    char full[1200];
    snprintf(full, sizeof full, cmd, getenv("COLLABNET"), getenv("COLLABNET"));
    int st = system(full);
    cr_assert(eq(int, WIFEXITED(st) ? WEXITSTATUS(st) : -1, 0), "not ended by the signal");
    snprintf(cmd, sizeof cmd, "cmp -s %s/out.graphml %s/keep && test $(ls -A %s | wc -l) -eq 3", dir, dir, dir);
    cr_assert(eq(int, system(cmd), 0), "the earlier output changed or a temporary file is left");
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    cr_assert(eq(int, system(cmd), 0));
}

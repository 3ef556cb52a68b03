/* The collabnet commands, run in-process (exit status, stdout, stderr), and the built binary. */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <criterion/redirect.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "commands.h"
#include "helpers.h"

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

/* One rule for a network's region (cn_graph_network_region: its lead's, else its own) in every
 * table: nodes by region counted n1 (led from North) under its own Central, and the lead-regions
 * table put n2 (lead without a region) and n4 (no lead, South) under (none), while the networks
 * table gave them Central and South (tests/data/home_region, the figures of test_model's
 * model_derived). */
Test(cli_info, one_region_rule_in_every_table, .init = redirect_all)
{
    cr_assert(eq(int, run(cmd_info, (const char *[]){ "info", "-f", "csv", "-t", "regions",
                                                      "data/home_region", NULL }),
                 0));
    cr_assert(eq(int, run(cmd_info, (const char *[]){ "info", "-f", "csv", "-t", "lead-regions",
                                                      "data/home_region", NULL }),
                 0));
    cr_assert_stdout_eq_str("region,institution,enterprise,expert,network,total\n"
                            "Central,0,0,0,1,1\n"
                            "North,1,0,0,1,2\n"
                            "South,0,0,1,1,2\n"
                            ",1,0,0,2,3\n"
                            "lead_region,networks\n"
                            "Central,1\n"
                            "North,1\n"
                            "South,1\n"
                            ",2\n");
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
    char path[96];
    int fd = mkstemp(th_tmpl(path, sizeof path, "cn-test-info"));
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

/* Run a command in-process with stdout to a file; its CPU time in seconds. */
static double cpu_run(int (*cmd)(int, char **), const char *const *args, int want)
{
    clock_t c0 = clock();

    cr_assert(eq(int, run(cmd, args), want));
    return (double)(clock() - c0) / CLOCKS_PER_SEC;
}

/* Issue 15, defect 20: info found each node's region and fields by scanning the groups seen so
 * far, so 50,000 distinct regions took 23 s (validate: 0.5 s). 25,000 institutions, each with
 * its own region and field, and 1,000 networks under one umbrella, each led from its own
 * region. The CPU time is compared with validate's on the same data, so that the bound holds
 * under the sanitizers and valgrind. */
Test(cli_info, many_distinct_regions_and_fields, .init = redirect_all, .timeout = 120)
{
    char dir[96], path[160], out[160];
    FILE *nf, *ef;
    double validate_cpu, info_cpu;
    char *text;
    size_t len;

    cr_assert_not_null(mkdtemp(th_tmpl(dir, sizeof dir, "cn-test-regions")));
    snprintf(path, sizeof path, "%s/nodes.csv", dir);
    cr_assert_not_null(nf = fopen(path, "w"));
    snprintf(path, sizeof path, "%s/edges.csv", dir);
    cr_assert_not_null(ef = fopen(path, "w"));
    fprintf(nf, "id,label,kind,region,fields\nu,U,network,,\n");
    fprintf(ef, "source,target,kind,role\n");
    for (size_t i = 0; i < 25000; i++) {
        fprintf(nf, "i%zu,I,institution,r%zu,f%zu\n", i, i, i);
    }
    for (size_t j = 0; j < 1000; j++) {
        fprintf(nf, "n%zu,N,network,,\n", j);
        fprintf(ef, "i%zu,n%zu,membership,lead\nn%zu,u,membership,member\n", j, j, j);
    }
    fclose(nf);
    fclose(ef);
    snprintf(out, sizeof out, "%s/out.csv", dir);
    validate_cpu = cpu_run(cmd_validate, (const char *[]){ "validate", dir, NULL }, 0);
    info_cpu = cpu_run(cmd_info, (const char *[]){ "info", "-f", "csv", "-t", "regions", "-o", out,
                                                   dir, NULL }, 0);
    cr_assert(le(dbl, info_cpu, 10 * validate_cpu + 0.5), "info %.2f s, validate %.2f s",
              info_cpu, validate_cpu);
    text = th_slurp(out, &len);
    cr_assert_not_null(text);
    /* each network n<j> counts under its lead's region r<j>; only the umbrella has none */
    cr_assert(eq(int, strncmp(text, "region,institution,enterprise,expert,network,total\n"
                                    "r0,1,0,0,1,2\nr1,1,0,0,1,2\nr10,1,0,0,1,2\n", 91), 0));
    cr_assert(eq(str, strstr(text, "r9999,"), "r9999,1,0,0,0,1\n,0,0,0,1,1\n"));
    free(text);
    cr_assert(eq(int, run(cmd_info, (const char *[]){ "info", "-f", "csv", "-t", "fields", "-o",
                                                      out, dir, NULL }), 0));
    text = th_slurp(out, &len);
    cr_assert(eq(str, strstr(text, "f9999,"), "f9999,1,0,0,0,1\n"));
    free(text);
    cr_assert(eq(int, run(cmd_info, (const char *[]){ "info", "-f", "csv", "-t", "umbrellas",
                                                      "-o", out, dir, NULL }), 0));
    text = th_slurp(out, &len);
    cr_assert(eq(int, strncmp(text, "umbrella,lead_region,sub_networks\nu,r0,1\nu,r1,1\n", 48),
                 0));
    cr_assert(eq(str, strstr(text, "u,r999,"), "u,r999,1\n"));
    free(text);
    snprintf(path, sizeof path, "rm -rf %s", dir);
    cr_assert(eq(int, system(path), 0));
}

Test(cli_info, output_file_is_written_atomically, .init = redirect_stderr)
{
    char dir[96], path[160];
    FILE *fp;
    size_t len;
    char *text;

    cr_assert_not_null(mkdtemp(th_tmpl(dir, sizeof dir, "cn-test-out")));
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
    cr_assert(eq(int, run(cmd_info, (const char *[]){ "info", "-f", "csv", "-t", "nope", "d",
                                                      NULL }),
                 EXIT_USAGE));
    cr_assert(eq(int, run(cmd_info, (const char *[]){ "info", "-s", "nope", "d", NULL }),
                 EXIT_USAGE));
}

/* -s/--section NAME (and its old spellings -t/--table) selects one table in every format;
 * before, it needed -f csv (exit 64 without). */
Test(cli_info, section_without_csv, .init = redirect_all)
{
    const char *const spellings[] = { "-s", "--section", "-t", "--table" };

    for (size_t k = 0; k < 4; k++) {
        cr_assert(eq(int, run(cmd_info, (const char *[]){ "info", spellings[k], "components",
                                                          "data/analysis_small", NULL }),
                     0));
    }
    cr_assert_stdout_eq_str(
        "Connected components (membership and collaboration together)\n"
        "view      components  largest  isolated\n"
        "combined           2        6         1\n"
        "Connected components (membership and collaboration together)\n"
        "view      components  largest  isolated\n"
        "combined           2        6         1\n"
        "Connected components (membership and collaboration together)\n"
        "view      components  largest  isolated\n"
        "combined           2        6         1\n"
        "Connected components (membership and collaboration together)\n"
        "view      components  largest  isolated\n"
        "combined           2        6         1\n");
    cr_assert_stderr_eq_str("");
}

/* In JSON, -s keeps the document's shape with just that table's key. */
Test(cli_info, section_json, .init = redirect_stderr)
{
    char path[256], *text;
    size_t len;
    json_t *root, *full;
    json_error_t err;

    snprintf(path, sizeof path, "%s/cn-info-s.json", th_tmp());
    cr_assert(eq(int, run(cmd_info, (const char *[]){ "info", "-f", "json", "-o", path,
                                                      "data/analysis_small", NULL }),
                 0));
    text = th_slurp(path, &len);
    full = json_loads(text, 0, &err);
    free(text);
    cr_assert_not_null(full);
    cr_assert(eq(int, run(cmd_info, (const char *[]){ "info", "-f", "json", "-s", "lead-regions",
                                                      "-o", path, "data/analysis_small", NULL }),
                 0));
    text = th_slurp(path, &len);
    root = json_loads(text, 0, &err);
    cr_assert_not_null(root);
    cr_assert(eq(sz, json_object_size(root), 3));
    cr_assert(eq(str, (char *)json_string_value(json_object_get(root, "dataset")),
                 "data/analysis_small"));
    cr_assert_not_null(json_object_get(root, "collabnet"));
    cr_assert(json_equal(json_object_get(root, "networks_by_lead_region"),
                         json_object_get(full, "networks_by_lead_region")));
    cr_assert(eq(int, (int)json_integer_value(json_object_get(
                          json_object_get(root, "networks_by_lead_region"), "North")), 1));
    json_decref(root);
    json_decref(full);
    free(text);
    unlink(path);
}

/* A usage error is one line that says where the help is, not the whole help. */
Test(cli_help, usage_errors_are_one_line, .init = redirect_all)
{
    cr_assert(eq(int, run(cmd_validate, (const char *[]){ "validate", "--bogus", "x", NULL }),
                 EXIT_USAGE));
    cr_assert(eq(int, run(cmd_info, (const char *[]){ "info", "-o", NULL }), EXIT_USAGE));
    cr_assert(eq(int, run(cmd_centrality, (const char *[]){ "centrality", "x", "--top", NULL }),
                 EXIT_USAGE));
    cr_assert(eq(int, run(cmd_centrality, (const char *[]){ "centrality", "--ma", "3", "x",
                                                            NULL }),
                 EXIT_USAGE));
    cr_assert(eq(int, run(cmd_validate, (const char *[]){ "validate", "--quiet=1", "x", NULL }),
                 EXIT_USAGE));
    cr_assert(eq(int, run(cmd_overlap, (const char *[]){ "overlap", "-Z", "x", NULL }),
                 EXIT_USAGE));
    cr_assert(eq(int, run(cmd_coverage, (const char *[]){ "coverage", NULL }), EXIT_USAGE));
    cr_assert(eq(int, run(cmd_report, (const char *[]){ "report", "x", NULL }), EXIT_USAGE));
    cr_assert(eq(int, run(cmd_generate, (const char *[]){ "generate", "-s", "S", NULL }),
                 EXIT_USAGE));
    cr_assert(eq(int, run(cmd_import, (const char *[]){ "import", "-o", "x", NULL }),
                 EXIT_USAGE));
    cr_assert_stderr_eq_str(
        "collabnet: unknown option '--bogus' (try 'collabnet validate --help')\n"
        "collabnet: option '-o' needs an argument (try 'collabnet info --help')\n"
        "collabnet: option '--top' needs an argument (try 'collabnet centrality --help')\n"
        "collabnet: ambiguous option '--ma' (try 'collabnet centrality --help')\n"
        "collabnet: option '--quiet' takes no argument (try 'collabnet validate --help')\n"
        "collabnet: unknown option '-Z' (try 'collabnet overlap --help')\n"
        "collabnet: coverage needs exactly one DATASET_DIR (try 'collabnet coverage --help')\n"
        "collabnet: no output: give -o DIR (try 'collabnet report --help')\n"
        "collabnet: generate needs --scale and -o DIR, and nothing else (try 'collabnet "
        "generate --help')\n"
        "collabnet: give one GraphML file (try 'collabnet import --help')\n");
    cr_assert_stdout_eq_str("");
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
    char path[96];
    const char *head = "id,label,kind,betweenness\nm1,Member 1,expert,231.0714285714286";
    size_t len;
    char *text;
    int fd = mkstemp(th_tmpl(path, sizeof path, "cn-test-digits"));

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
    char path[96];
    size_t len, lines = 0;
    char *text;
    int fd = mkstemp(th_tmpl(path, sizeof path, "cn-test-cent"));

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
    char path[96];
    json_error_t err;
    json_t *root, *groups;
    int fd = mkstemp(th_tmpl(path, sizeof path, "cn-test-ov"));

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
    char path[96];
    int fd = mkstemp(th_tmpl(path, sizeof path, "cn-test-targets"));
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
        "needed (at least 1),,\"no institution shares another network with the members of its "
        "networks, collaborates with them or works in quantum: the field has no network yet\"\n"
        "12,\"ai = led in North, Central, South\",field-regions,ai/South,gap,0,1,field 'ai' has "
        "no network led in South,hS (4),\n"
        "13,\"biotech = reached in North, Central\",field-regions,biotech/Central,gap,0,1,field "
        "'biotech' has no network reaching Central,iC2 (7),\n"
        "16,rule = exactly 1 lead,network-lead,B1,gap,0,1,\"network 'B1' has 0 leads, not 1\","
        "iN2 (5),\n"
        "17,rule = at least 1 institution besides the lead,network-members,A2,gap,0,1,network "
        "'A2' has 0 institutions besides the lead: 1 more needed (at least 1),iN2 (5),\n"
        "18,rule = at least 1 enterprise where country is not VN,network-members,A1,gap,0,1,"
        "network 'A1' has 0 enterprises whose country is not VN: 1 more needed (at least 1),"
        "eFR (4),\n"
        "18,rule = at least 1 enterprise where country is not VN,network-members,B1,gap,0,1,"
        "network 'B1' has 0 enterprises whose country is not VN: 1 more needed (at least 1),,"
        "\"no enterprise whose country is not VN shares another network with its members, "
        "collaborates with them or works in biotech: no enterprise lists fields in the data\"\n"
        "19,rule = at least 2 experts where country is not VN,network-members,A1,gap,1,2,network "
        "'A1' has 1 expert whose country is not VN: 1 more needed (at least 2),xUS (5),\n"
        "19,rule = at least 2 experts where country is not VN,network-members,A2,gap,0,2,network "
        "'A2' has 0 experts whose country is not VN: 2 more needed (at least 2),xFR (4),\n"
        "19,rule = at least 2 experts where country is not VN,network-members,B1,gap,0,2,network "
        "'B1' has 0 experts whose country is not VN: 2 more needed (at least 2),xFR (3),\n");
}

Test(cli_coverage, compare_two_dates, .init = redirect_all)
{
    cr_assert(eq(int, run(cmd_coverage, (const char *[]){ "coverage", "--compare", "2025",
                                                          "2026", "-f", "csv",
                                                          "data/coverage_hand", NULL }),
                 0));
    cr_assert_stdout_eq_str("change,line,rule,subject,message,label\n"
                            "closed,18,rule = at least 1 enterprise where country is not VN,A2,"
                            "network 'A2' has 0 enterprises whose country is not VN: 1 more "
                            "needed (at least 1),A2\n");
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

Test(cli_coverage, junk_numbers_in_targets_exit_65, .init = redirect_all)
{
    cr_assert(eq(int, run(cmd_coverage, (const char *[]){ "coverage", "-t",
                                                          "data/targets_numbers/targets.ini",
                                                          "data/coverage_hand", NULL }),
                 EXIT_DATA));
    cr_assert_stdout_eq_str("");
    cr_assert_stderr_eq_str(
        "data/targets_numbers/targets.ini:3: 'networks' needs a whole number of networks, not "
        "'5 apples'\n"
        "data/targets_numbers/targets.ini:5: the rule needs a whole number of members, not '-1'\n"
        "data/targets_numbers/targets.ini:6: the rule needs a whole number of members up to "
        "1000000000, not 99999999999999999999999\n"
        "data/targets_numbers/targets.ini:7: the rule needs a whole number of leads, not '-1'\n"
        "collabnet: data/targets_numbers/targets.ini: the targets cannot be read; nothing "
        "written\n");
}

static char made_dataset[64]; /* the last make_dataset(), removed by drop_dataset() */

/* Write a dataset into a new temporary directory (path in dir[]); NULL content: not written.
 * A test using it has .fini = drop_dataset, so a failed assertion leaves nothing behind. */
static void make_dataset(char *dir, const char *nodes, const char *edges)
{
    char path[256];
    FILE *fp;

    cr_assert_not_null(mkdtemp(dir));
    snprintf(made_dataset, sizeof made_dataset, "%s", dir);
    for (int k = 0; k < 2; k++) {
        const char *text = k ? edges : nodes;
        if (!text) {
            continue;
        }
        snprintf(path, sizeof path, "%s/%s", dir, k ? "edges.csv" : "nodes.csv");
        cr_assert_not_null(fp = fopen(path, "w"));
        fputs(text, fp);
        fclose(fp);
    }
}

static void remove_dataset(const char *dir)
{
    static const char *const files[] = { "nodes.csv", "edges.csv", "out.csv" };
    char path[256];

    for (size_t k = 0; k < 3; k++) {
        snprintf(path, sizeof path, "%s/%s", dir, files[k]);
        remove(path); /* a directory too (nodes.csv in unopenable_nodes_csv_exits_66) */
    }
    rmdir(dir);
}

static void drop_dataset(void)
{
    if (made_dataset[0]) {
        remove_dataset(made_dataset);
        made_dataset[0] = '\0';
    }
}

Test(cli_validate, unopenable_nodes_csv_exits_66, .init = redirect_all, .fini = drop_dataset)
{
    char dir[96], nodes[160], want[256];

    /* the tests run as root, where chmod 000 changes nothing: a directory cannot be opened */
    make_dataset(th_tmpl(dir, sizeof dir, "cn-cli"), NULL, "source,target,kind\n");
    snprintf(nodes, sizeof nodes, "%s/nodes.csv", dir);
    cr_assert(eq(int, mkdir(nodes, 0755), 0));
    cr_assert(eq(int, run(cmd_validate, (const char *[]){ "validate", dir, NULL }),
                 EXIT_NOINPUT));
    remove_dataset(dir);
    snprintf(want, sizeof want, "collabnet: cannot open '%s': Is a directory\n", nodes);
    cr_assert_stderr_eq_str(want);
}

Test(cli_validate, counts_of_one_are_singular, .init = redirect_all, .fini = drop_dataset)
{
    char dir[96], want[512];

    /* one row, two problems: one shown, one more not shown */
    make_dataset(th_tmpl(dir, sizeof dir, "cn-cli"), "id,kind\na,expert\n", "source,target,kind\nx,y,collaboration\n");
    cr_assert(eq(int, run(cmd_validate, (const char *[]){ "validate", "--max-errors", "1", dir,
                                                          NULL }),
                 EXIT_DATA));
    remove_dataset(dir);
    snprintf(want, sizeof want,
             "%s/edges.csv:2: unknown source 'x' (not in %s/nodes.csv)\n"
             "collabnet: 1 more problem not shown (--max-errors N shows more)\n"
             "collabnet: %s: stopped after 2 problems (--max-errors N raises the limit); "
             "nothing written\n",
             dir, dir, dir);
    cr_assert_stderr_eq_str(want);
}

Test(cli_validate, one_node_is_singular, .init = redirect_all, .fini = drop_dataset)
{
    char dir[96], want[256];

    make_dataset(th_tmpl(dir, sizeof dir, "cn-cli"), "id,kind\na,expert\n", "source,target,kind\n");
    cr_assert(eq(int, run(cmd_validate, (const char *[]){ "validate", dir, NULL }), 0));
    remove_dataset(dir);
    snprintf(want, sizeof want,
             "%s: valid: 1 node, 0 edge rows (0 membership, 0 collaboration in 0 ties)\n", dir);
    cr_assert_stdout_eq_str(want);
}

Test(cli_centrality, weights_summing_to_infinity_exit_65, .init = redirect_all,
     .fini = drop_dataset)
{
    char dir[96], want[512];

    /* two finite weights whose sum, the tie's weight, is infinite: igraph failed with 70 */
    make_dataset(th_tmpl(dir, sizeof dir, "cn-cli"), "id,kind\na,expert\nb,expert\n",
                 "source,target,kind,weight\na,b,collaboration,1e300\nb,a,collaboration,1.7e308\n");
    cr_assert(eq(int, run(cmd_centrality, (const char *[]){ "centrality", "-m", "all", "-f", "json",
                                                            dir, NULL }),
                 EXIT_DATA));
    remove_dataset(dir);
    snprintf(want, sizeof want,
             "%s/edges.csv:3: weight '1.7e308' brings the total of the weights past 1e300 (sums "
             "such as a tie's weight or a node's strength must stay finite)\n"
             "collabnet: %s: 1 problem; nothing written\n",
             dir, dir);
    cr_assert_stderr_eq_str(want);
    cr_assert_stdout_eq_str("");
}

Test(cli_centrality, table_output_escapes_control_characters_csv_keeps_them, .init = redirect_all,
     .fini = drop_dataset)
{
    char dir[96], out[128];
    char *text;
    size_t len;

    make_dataset(th_tmpl(dir, sizeof dir, "cn-cli"), "id,label,kind\n\"e\x1b[31m\",\"L\xC3\xA0\tx\",expert\nb,B,expert\n",
                 "source,target,kind\n\"e\x1b[31m\",b,collaboration\n");
    cr_assert(eq(int, run(cmd_centrality, (const char *[]){ "centrality", "-m", "degree", dir,
                                                            NULL }),
                 0));
    snprintf(out, sizeof out, "%s/out.csv", dir);
    cr_assert(eq(int, run(cmd_centrality, (const char *[]){ "centrality", "-m", "degree", "-f",
                                                            "csv", "-o", out, dir, NULL }),
                 0));
    text = th_slurp(out, &len);
    remove(out);
    remove_dataset(dir);
    /* escaped in the aligned table (and aligned by the escaped width), exact in CSV */
    cr_assert_stdout_eq_str("id         label  kind    degree\n"
                            "e\\x1b[31m  L\xC3\xA0\\tx  expert       1\n"
                            "b          B      expert       1\n");
    cr_assert(eq(str, text, "id,label,kind,degree\ne\x1b[31m,L\xC3\xA0\tx,expert,1\n"
                            "b,B,expert,1\n"));
    free(text);
}

Test(cli_coverage, text_output_escapes_control_characters, .init = redirect_all)
{
    char path[96], all[8192];
    int fd = mkstemp(th_tmpl(path, sizeof path, "cn-targets"));
    FILE *fp = fd >= 0 ? fdopen(fd, "w") : NULL;
    size_t n;
    int status;

    cr_assert_not_null(fp);
    fputs("[network]\nrule = at least 1 expert where country is \x1b[2J\n", fp);
    fclose(fp);
    status = run(cmd_coverage, (const char *[]){ "coverage", "--gaps", "-t", path,
                                                 "data/coverage_hand", NULL });
    remove(path);
    cr_assert(eq(int, status, 0));
    n = fread(all, 1, sizeof all - 1, cr_get_redirected_stdout());
    all[n] = '\0';
    /* the value from the targets file and the message quoting it, escaped on their lines */
    cr_assert_null(strchr(all, '\x1b'));
    cr_assert_not_null(strstr(all, ":2  rule = at least 1 expert where country is \\x1b[2J\n"
                                   "  network 'P' has 0 experts whose country is \\x1b[2J: 1 more "
                                   "needed (at least 1)\n"));
}

Test(cli_validate, messages_escape_control_characters, .init = redirect_all, .fini = drop_dataset)
{
    char dir[96], want[608];

    /* in the data (a kind) and in the dataset's own path, on every line of stderr */
    make_dataset(th_tmpl(dir, sizeof dir, "cn-\x1b[2J"), "id,kind\n\"x\ny\",\"\x1b]0;PWNED\a\"\n", "source,target,kind\n");
    cr_assert(eq(int, run(cmd_validate, (const char *[]){ "validate", dir, NULL }), EXIT_DATA));
    remove_dataset(dir);
    snprintf(want, sizeof want,
             "%s/cn-\\x1b[2J-%s/nodes.csv:2: unknown kind '\\x1b]0;PWNED\\x07' (expected "
             "institution, enterprise, expert or network)\n"
             "collabnet: %s/cn-\\x1b[2J-%s: 1 problem; nothing written\n",
             th_tmp(), dir + strlen(dir) - 6, th_tmp(), dir + strlen(dir) - 6);
    cr_assert_stderr_eq_str(want);
}

/* generate's closing line names DIR escaped too (it was printed raw) */
Test(cli_validate, generate_names_its_directory_escaped, .init = redirect_all)
{
    char dir[96], out[160], want[256], cmd[128];

    cr_assert_not_null(mkdtemp(th_tmpl(dir, sizeof dir, "cn-gen")));
    snprintf(out, sizeof out, "%s/a\x1b[2Jb", dir);
    cr_assert(eq(int, run(cmd_generate, (const char *[]){ "generate", "--scale", "S", "-o", out,
                                                           NULL }),
                 EXIT_OK));
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    cr_assert(eq(int, system(cmd), 0));
    snprintf(want, sizeof want,
             "collabnet: wrote %s/a\\x1b[2Jb: 2000 nodes, 3225 memberships, 7000 collaborations "
             "(synthetic)\n",
             dir);
    cr_assert_stderr_eq_str(want);
}

Test(cli_coverage, oversized_targets_file_says_why, .init = redirect_all)
{
    char path[96], want[352];
    int fd = mkstemp(th_tmpl(path, sizeof path, "cn-targets")), rc, status;

    /* a sparse file of zeros one byte past 16 MiB: read up to the limit, never parsed */
    cr_assert(ge(int, fd, 0));
    rc = ftruncate(fd, (16 << 20) + 1);
    close(fd);
    status = rc == 0 ? run(cmd_coverage, (const char *[]){ "coverage", "-t", path,
                                                           "data/coverage_hand", NULL })
                     : -1;
    remove(path);
    cr_assert(eq(int, status, EXIT_DATA));
    snprintf(want, sizeof want,
             "%s: larger than 16 MiB: not a targets file\n"
             "collabnet: %s: the targets cannot be read; nothing written\n",
             path, path);
    cr_assert_stderr_eq_str(want);
    cr_assert_stdout_eq_str("");
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
Test(cli_binary, version_and_unknown_command)
{
    cr_assert_not_null(getenv("COLLABNET"));
    cr_assert(eq(int, th_sh("$COLLABNET --version | grep -qx 'collabnet %s'", cn_version()), 0));
    cr_assert(eq(int, th_sh("$COLLABNET frobnicate 2>/dev/null"), EXIT_USAGE));
    cr_assert(eq(int, th_sh("$COLLABNET 2>/dev/null >/dev/null"), EXIT_USAGE));
    cr_assert(eq(int, th_sh("$COLLABNET validate ../data/vn-374 >/dev/null"), 0));
    cr_assert(eq(int, th_sh("$COLLABNET info data/unknown_kind 2>/dev/null"), EXIT_DATA));
}

/* The help of a command as --help prints it. malloc'd. */
static char *help_text(const cli_spec *spec)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);

    cr_assert_not_null(fp);
    cli_usage(fp, spec);
    fclose(fp);
    return buf;
}

/* Does @p text hold @p word with no letter, digit or '-' right after it? */
static bool has_word(const char *text, const char *word)
{
    for (const char *p = text; (p = strstr(p, word)); p++) {
        char next = p[strlen(word)];
        if (!(next == '-' || (next >= 'a' && next <= 'z') || (next >= 'A' && next <= 'Z'))) {
            return true;
        }
    }
    return false;
}

/* `collabnet help COMMAND` and `collabnet COMMAND --help` print the same text; it and the
 * man page list every option of the command's table (and -h, --help), in lines of at most
 * 80 columns; `man collabnet` has none wider than 80 either (issue 19 counted 59). */
Test(cli_binary, help_and_man_page_agree)
{
    char cmd[1024], out[128], *man;
    size_t len;

    snprintf(out, sizeof out, "%s/cn-man", th_tmp());
    cr_assert(eq(int, th_sh("$COLLABNET help --man > %s", out), 0));
    man = th_slurp(out, &len);
    cr_assert_not_null(man);
    for (const command *c = cli_commands; c->name; c++) {
        char head[64], help[256], *text, *text2, *sec, *end, *mine;
        size_t tl, n = 0;
        if (!c->spec) {
            continue;
        }
        snprintf(help, sizeof help, "%s.help", out);
        snprintf(cmd, sizeof cmd, "$COLLABNET help %s > %s", c->name, help);
        cr_assert(eq(int, th_sh("%s", cmd), 0));
        text = th_slurp(help, &tl);
        snprintf(cmd, sizeof cmd, "$COLLABNET %s --help > %s", c->name, help);
        cr_assert(eq(int, th_sh("%s", cmd), 0));
        text2 = th_slurp(help, &tl);
        cr_assert(eq(str, text, text2), "%s: --help and help differ", c->name);
        mine = help_text(c->spec);
        cr_assert(eq(str, mine, text), "%s: --help is not the table's help", c->name);
        for (const char *line = text; *line; line += strcspn(line, "\n") + 1) {
            cr_assert(le(sz, strcspn(line, "\n"), 80), "%s: a help line wider than 80: %.90s",
                      c->name, line);
        }
        cr_assert(has_word(text, "-h, --help"));
        /* the man page's section of the command */
        snprintf(head, sizeof head, ".SS collabnet %s\n", c->name);
        sec = strstr(man, head);
        cr_assert_not_null(sec, "no man section for %s", c->name);
        end = strstr(sec + 1, ".SS ");
        if (end) {
            *end = '\0';
        }
        for (const cli_option *o = c->spec->options; o->name || o->letter; o++, n++) {
            char word[64];
            cr_assert_not_null(o->help);
            if (o->name) {
                snprintf(word, sizeof word, "--%s", o->name);
                cr_assert(has_word(text, word), "%s: %s not in --help", c->name, word);
                /* as roff: every '-' is \- */
                size_t w = 0;
                for (const char *q = "--"; *q; q++) {
                    w += (size_t)snprintf(word + w, sizeof word - w, "\\-");
                }
                for (const char *q = o->name; *q && w < sizeof word - 3; q++) {
                    w += (size_t)snprintf(word + w, sizeof word - w, *q == '-' ? "\\-" : "%c",
                                          *q);
                }
                cr_assert(has_word(sec, word), "%s: %s not in the man page", c->name, word);
            }
            if (o->letter) {
                snprintf(word, sizeof word, "  -%c", o->letter);
                cr_assert(has_word(text, word), "%s: -%c not in --help", c->name, o->letter);
                snprintf(word, sizeof word, "\n\\-%c", o->letter);
                cr_assert(has_word(sec, word), "%s: -%c not in the man page", c->name, o->letter);
            }
        }
        cr_assert(lt(sz, n, (size_t)CLI_MAX_OPTIONS), "%s: too many options", c->name);
        if (end) {
            *end = '.';
        }
        free(mine);
        free(text);
        free(text2);
        unlink(help);
    }
    free(man);
    /* man renders it, where man is installed, in lines of at most 80 columns */
    if (system("command -v man >/dev/null 2>&1") == 0) {
        snprintf(cmd, sizeof cmd, "man -l %s 2>/dev/null | grep -q 'collabnet report'", out);
        cr_assert(eq(int, system(cmd), 0));
        snprintf(cmd, sizeof cmd, "MANWIDTH=80 man -l %s 2>/dev/null | awk 'length > 80 "
                 "{ n++ } END { exit n > 0 }'", out);
        cr_assert(eq(int, system(cmd), 0), "man collabnet has lines wider than 80 columns");
    } else {
        cr_log_warn("man is not installed: the man page's width is not checked");
    }
    unlink(out);
}

Test(cli_binary, import_statuses)
{
    char dir[96], cmd[1024];
    cr_assert_not_null(mkdtemp(th_tmpl(dir, sizeof dir, "cn-imp")));
    snprintf(cmd, sizeof cmd, "$COLLABNET import data/graphml/gephi.graphml --node-kind type "
             "--edge-kind relation -o %s/ds >/dev/null && test -s %s/ds/nodes.csv", dir, dir);
    cr_assert(eq(int, th_sh("%s", cmd), 0));
    snprintf(cmd, sizeof cmd, "$COLLABNET import data/graphml/bad_kind.graphml -o %s/x "
                              "2>/dev/null", dir);
    cr_assert(eq(int, th_sh("%s", cmd), EXIT_DATA));
    snprintf(cmd, sizeof cmd, "$COLLABNET import data/graphml/none.graphml -o %s/x "
                              "2>/dev/null", dir);
    cr_assert(eq(int, th_sh("%s", cmd), EXIT_NOINPUT));
    snprintf(cmd, sizeof cmd, "$COLLABNET import data/graphml/gephi.graphml --node-kind type -o "
                              "%s/ds 2>/dev/null", dir);
    cr_assert(eq(int, th_sh("%s", cmd), EXIT_CANTCREAT)); /* exists */
    cr_assert(eq(int, th_sh("$COLLABNET import data/graphml/gephi.graphml "
                            "2>/dev/null"), EXIT_USAGE));
    cr_assert(eq(int, th_sh("$COLLABNET import --default-kind school x.graphml -o y "
                            "2>/dev/null"), EXIT_USAGE));
    /* a <graph>'s <data> is not kept: a warning with its line, and the dataset is written */
    snprintf(cmd, sizeof cmd, "$COLLABNET import data/graphml/nested.graphml -o %s/nested "
             "2>%s/err && test -s %s/nested/nodes.csv && test $(wc -l <%s/err) -eq 1 && "
             "grep -qxF \""
             "data/graphml/nested.graphml:8: warning: <data> of the <graph> (key 't', 'title') is "
             "not kept: a dataset has node and edge attributes only\" %s/err", dir, dir, dir, dir,
             dir);
    cr_assert(eq(int, th_sh("%s", cmd), 0));
    /* an HTML page is not GraphML, whatever <node> elements it holds */
    snprintf(cmd, sizeof cmd, "$COLLABNET import data/graphml/xhtml.graphml --default-kind expert "
             "-o %s/x 2>%s/err; test $? -eq 65 && grep -q '^data/graphml/xhtml.graphml:2: the "
             "root element "
             "is <html>, not <graphml>: not a GraphML file$' %s/err && ! test -e %s/x", dir, dir, dir,
             dir);
    cr_assert(eq(int, th_sh("%s", cmd), 0));
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    cr_assert(eq(int, system(cmd), 0));
}

/* --kind-map: a malformed pair or an unknown KIND is a usage error; TinkerPop's kinds mapped,
 * robot takes --default-kind and the warning counts it (exit 0) */
Test(cli_binary, import_kind_map)
{
    char dir[96], cmd[1024];
    cr_assert_not_null(mkdtemp(th_tmpl(dir, sizeof dir, "cn-imp")));
    cr_assert(eq(int, th_sh("$COLLABNET import --kind-map person data/graphml/tinkerpop.graphml "
                            "-o %s/x 2>/dev/null", dir), EXIT_USAGE));
    cr_assert(eq(int, th_sh("$COLLABNET import --kind-map person=human "
                            "data/graphml/tinkerpop.graphml -o %s/x 2>/dev/null", dir),
                 EXIT_USAGE));
    cr_assert(eq(int, th_sh("$COLLABNET import --node-kind labelV --edge-kind labelE --label name "
                            "--kind-map person=expert,software=institution --kind-map "
                            "knows=collaboration,created=collaboration --default-kind enterprise "
                            "data/graphml/tinkerpop.graphml -o %s/ds 2>%s/err", dir, dir), 0));
    cr_assert(eq(int, th_sh("grep -qxF \"data/graphml/tinkerpop.graphml: warning: 1 of 7 nodes "
                            "took the default kind 'enterprise': 0 without a kind, 1 whose kind "
                            "is none of the contract's (e.g. 'robot'; --kind-map VALUE=KIND maps "
                            "such values)\" %s/err && grep -qx '\"6\",\"peter\",\"expert\",.*' "
                            "%s/ds/nodes.csv", dir, dir), 0));
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    cr_assert(eq(int, system(cmd), 0));
}

/* CSV outputs: text that a spreadsheet would run as a formula gets a ' in front; --csv-raw
 * writes it as it is; numbers are never touched. */
Test(cli_binary, csv_formula_guard)
{
    cr_assert(eq(int, th_sh("$COLLABNET centrality data/formula -m degree -f csv | grep -qx "
                            "\"u1,'=1+1,institution,1\""), 0));
    cr_assert(eq(int, th_sh("$COLLABNET centrality data/formula -m degree -f csv | grep -qx "
                            "\"u2,'@SUM(A1:A9),institution,0\""), 0));
    cr_assert(eq(int, th_sh("$COLLABNET centrality data/formula -m degree -f csv | grep -qx "
                            "\"e1,'-2+3,enterprise,0\""), 0));
    cr_assert(eq(int, th_sh("$COLLABNET centrality data/formula -m degree -f csv | grep -qx "
                            "\"x1,'+cmd|calc,expert,1\""), 0));
    cr_assert(eq(int, th_sh("$COLLABNET centrality data/formula -m degree -f csv --csv-raw | grep "
                            "-qx 'u1,=1+1,institution,1'"), 0));
    /* the table and JSON formats are not for spreadsheets: unchanged */
    cr_assert(eq(int, th_sh("$COLLABNET centrality data/formula -m degree -f json | grep -q "
                            "'\"=1+1\"'"), 0));
    /* the same in the report's tables */
    cr_assert(eq(int, th_sh("$COLLABNET report data/formula -o %s/cn-formula && "
                            "grep -qx \"u1,'=1+1,institution,3,0.27452116601052767,2\" "
                            "%s/cn-formula/tables/centrality.csv && rm -rf %s/cn-formula",
                            th_tmp(), th_tmp(), th_tmp()), 0));
}

/* --csv-bom: every command's CSV is the same CSV with one UTF-8 byte-order mark in front (for
 * Excel), JSON has none, and so do the report's tables (issue 19) */
Test(cli_binary, csv_bom_on_every_csv_output, .timeout = 120)
{
    static const char *const cmds[] = { "info", "centrality -m degree", "overlap", "coverage",
                                        "coverage -t ../data/vn-374/targets.ini" };
    char dir[96];

    cr_assert_not_null(mkdtemp(th_tmpl(dir, sizeof dir, "cn-bom")));
    for (size_t k = 0; k < sizeof cmds / sizeof *cmds; k++) {
        cr_assert(eq(int, th_sh("$COLLABNET %s ../data/vn-374 -f csv --csv-bom > %s/a && "
                                "$COLLABNET %s ../data/vn-374 -f csv > %s/b && printf '\\357\\273\\277' "
                                "| cat - %s/b | cmp -s - %s/a && test $(grep -c $(printf "
                                "'\\357\\273\\277') %s/a) -eq 1",
                                cmds[k], dir, cmds[k], dir, dir, dir, dir), 0), "%s", cmds[k]);
        cr_assert(eq(int, th_sh("$COLLABNET %s ../data/vn-374 -f json --csv-bom | head -c 1 | "
                                "grep -q '{'", cmds[k]), 0), "%s", cmds[k]);
    }
    cr_assert(eq(int, th_sh("$COLLABNET report data/formula -o %s/r --csv-bom >/dev/null && "
                            "for f in %s/r/tables/*.csv; do head -c 3 $f | od -An -tx1 | "
                            "grep -qx ' ef bb bf' || exit 1; done && "
                            "grep -qx \"$(printf '\\357\\273\\277')id,label,kind,betweenness,"
                            "pagerank,degree\" %s/r/tables/centrality.csv", dir, dir, dir), 0));
    cr_assert(eq(int, th_sh("rm -rf %s", dir), 0));
}

/* A full disk (a file size limit) or a signal mid-write leaves the earlier output as it was
 * and no temporary file behind. */
Test(cli_binary, full_disk_and_signal_leave_earlier_outputs, .timeout = 300)
{
    char dir[96], cmd[1024];
    cr_assert_not_null(mkdtemp(th_tmpl(dir, sizeof dir, "cn-sig")));
    snprintf(cmd, sizeof cmd, "$COLLABNET export ../data/vn-374 -o %s/out.graphml && cp "
                              "%s/out.graphml %s/keep",
             dir, dir, dir);
    cr_assert(eq(int, th_sh("%s", cmd), 0));
    /* at most 4 blocks may be written: the export fails with 74 */
    snprintf(cmd, sizeof cmd, "ulimit -f 4; $COLLABNET export ../data/vn-374 --to json -o "
                              "%s/out.graphml 2>/dev/null", dir);
    cr_assert(eq(int, th_sh("%s", cmd), EXIT_IOERR));
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

/* ---- outputs never lose a file of the user's (issue 15) ---- */

static char out_dir[96], test_dir[1024];

static void make_out_dir(void)
{
    cr_assert_not_null(mkdtemp(th_tmpl(out_dir, sizeof out_dir, "cn-out")));
    cr_assert_not_null(getcwd(test_dir, sizeof test_dir));
    cr_redirect_stderr();
}

static void remove_out_dir(void)
{
    th_sh("rm -rf %s", out_dir);
}

/* A FIFO is written into, not replaced by a regular file. */
Test(cli_output, fifo_is_written_into, .init = make_out_dir, .fini = remove_out_dir)
{
    char path[128], buf[4096];
    struct stat st;
    ssize_t got;
    int fd;

    snprintf(path, sizeof path, "%s/fifo", out_dir);
    cr_assert(eq(int, mkfifo(path, 0600), 0));
    /* a reader that does not block, so the command's open finds one */
    fd = open(path, O_RDONLY | O_NONBLOCK);
    cr_assert(ge(int, fd, 0));
    cr_assert(eq(int, run(cmd_info, (const char *[]){ "info", "-f", "csv", "-t", "regions", "-o",
                                                      path, "data/analysis_small", NULL }),
                 0));
    got = read(fd, buf, sizeof buf - 1);
    close(fd);
    cr_assert(gt(int, (int)got, 0), "nothing came through the FIFO");
    buf[got] = '\0';
    cr_assert(eq(int, strncmp(buf, "region,", 7), 0), "%s", buf);
    cr_assert(eq(int, lstat(path, &st), 0));
    cr_assert(eq(int, !!S_ISFIFO(st.st_mode), 1), "the FIFO was replaced");
    cr_assert(eq(sz, count_entries(out_dir), 1), "temporary files left in %s", out_dir);
}

/* A character device stays one: first a copy of /dev/null made here (as root), then, only if
 * that one survived (or the tests do not run as root, so /dev cannot be written), /dev/null. */
Test(cli_output, device_is_written_into_never_replaced, .init = make_out_dir,
     .fini = remove_out_dir)
{
    char path[128];
    struct stat before, after;

    snprintf(path, sizeof path, "%s/null", out_dir);
    if (mknod(path, S_IFCHR | 0666, makedev(1, 3)) == 0) {
        cr_assert(eq(int, run(cmd_info, (const char *[]){ "info", "-o", path,
                                                          "data/analysis_small", NULL }),
                     0));
        cr_assert(eq(int, lstat(path, &after), 0));
        cr_assert(eq(int, !!S_ISCHR(after.st_mode), 1), "the device node was replaced by a regular file");
        cr_assert(eq(sz, count_entries(out_dir), 1), "temporary files left in %s", out_dir);
    }
    cr_assert(eq(int, stat("/dev/null", &before), 0));
    if (!S_ISCHR(before.st_mode)) {
        cr_skip_test("/dev/null is not a character device on this machine: something replaced "
                     "it before this test ran");
    }
    cr_assert(eq(int, run(cmd_info, (const char *[]){ "info", "-o", "/dev/null",
                                                      "data/analysis_small", NULL }),
                 0));
    cr_assert(eq(int, stat("/dev/null", &after), 0));
    cr_assert(eq(int, S_ISCHR(after.st_mode) && after.st_rdev == before.st_rdev
                          && after.st_ino == before.st_ino, 1), "/dev/null was replaced");
    cr_assert(eq(int, th_sh("ls -a /dev | grep -q '^null\\.tmp\\.'"), 1), "a temporary in /dev");
}

/* A symbolic link to a regular file: the target is replaced, the link stays; a dangling one is
 * refused; the replaced file keeps its mode. */
Test(cli_output, symlink_and_mode_are_kept, .init = make_out_dir, .fini = remove_out_dir)
{
    char real[128], link[128], dangling[128];
    struct stat st;
    size_t len;
    char *text;

    snprintf(real, sizeof real, "%s/real.csv", out_dir);
    snprintf(link, sizeof link, "%s/link.csv", out_dir);
    snprintf(dangling, sizeof dangling, "%s/dangling.csv", out_dir);
    cr_assert(eq(int, th_sh("echo earlier > %s && chmod 640 %s && ln -s real.csv %s && "
                            "ln -s nowhere.csv %s", real, real, link, dangling), 0));
    cr_assert(eq(int, run(cmd_info, (const char *[]){ "info", "-f", "csv", "-t", "regions", "-o",
                                                      link, "data/analysis_small", NULL }),
                 0));
    cr_assert(eq(int, lstat(link, &st), 0));
    cr_assert(eq(int, !!S_ISLNK(st.st_mode), 1), "the link was replaced by a file");
    cr_assert(eq(int, stat(real, &st), 0));
    cr_assert(eq(int, (int)(st.st_mode & 07777), 0640), "mode %o", (unsigned)st.st_mode);
    text = th_slurp(real, &len);
    cr_assert(eq(int, strncmp(text, "region,", 7), 0), "%s", text);
    free(text);
    /* a dangling link: refused, left as it is */
    cr_assert(eq(int, run(cmd_info, (const char *[]){ "info", "-o", dangling,
                                                      "data/analysis_small", NULL }),
                 EXIT_CANTCREAT));
    cr_assert(eq(int, lstat(dangling, &st), 0));
    cr_assert(eq(int, !!S_ISLNK(st.st_mode), 1));
    cr_assert(eq(sz, count_entries(out_dir), 3), "temporary files left in %s", out_dir);
}

/* A link to /proc/self/fd/1 writes to standard output; -o - is standard output; -o '' and a
 * directory output to '-' are usage errors. */
Test(cli_output, stdout_links_and_dash, .init = make_out_dir, .fini = remove_out_dir)
{
    const char *c = getenv("COLLABNET");

    cr_assert(eq(int, th_sh("cd %s && ln -s /proc/self/fd/1 out && %s info -f csv -t regions -o "
                            "out %s/data/analysis_small > got && test -L out && "
                            "grep -q '^region,' got",
                            out_dir, c, test_dir), 0));
    cr_assert(eq(int, th_sh("%s info -f csv -t regions -o - data/analysis_small | grep -q "
                            "'^region,'", c), 0));
    cr_assert(eq(int, th_sh("%s info -o '' data/analysis_small 2>/dev/null", c), EXIT_USAGE));
    cr_assert(eq(int, th_sh("%s generate --scale S -o '' 2>%s/err", c, out_dir), EXIT_USAGE));
    cr_assert(eq(int, th_sh("grep -qx 'collabnet: -o needs a directory name' %s/err", out_dir), 0));
    cr_assert(eq(int, th_sh("%s report data/analysis_small -o - "
                            "2>%s/err", c, out_dir), EXIT_USAGE));
    cr_assert(eq(int, th_sh("grep -q 'report writes a directory' %s/err", out_dir), 0));
}

/* -o /dev/stdout, /dev/fd/N, /proc/self/fd/N naming a regular file the shell opened: written
 * through that descriptor, never replaced (which lost `>>`'s earlier lines and a subshell's). */
Test(cli_output, stdout_file_is_appended_not_replaced, .init = make_out_dir,
     .fini = remove_out_dir)
{
    const char *c = getenv("COLLABNET");

    cr_assert(eq(int, th_sh("cd %s && echo important > log && %s info -f csv -t regions -o "
                            "/dev/stdout %s/data/analysis_small >> log && head -n 1 log | grep -qx "
                            "important && sed -n 2p log | grep -q '^region,'",
                            out_dir, c, test_dir), 0));
    cr_assert(eq(int, th_sh("cd %s && ( echo before; %s info -f csv -t regions -o /dev/stdout "
                            "%s/data/analysis_small; echo after ) > log2 && head -n 1 log2 | grep "
                            "-qx before && sed -n 2p log2 | grep -q '^region,' && tail -n 1 log2 | "
                            "grep -qx after", out_dir, c, test_dir), 0));
    cr_assert(eq(int, th_sh("cd %s && ( echo before; %s info -f csv -t regions -o /proc/self/fd/5 "
                            "%s/data/analysis_small 5>&1; %s info -f csv -t regions -o /dev/fd/1 "
                            "%s/data/analysis_small ) > log3 && head -n 1 log3 | grep -qx before "
                            "&& test $(grep -c '^region,' log3) = 2",
                            out_dir, c, test_dir, c, test_dir), 0));
    cr_assert(eq(sz, count_entries(out_dir), 3), "temporary files left in %s", out_dir);
}

/* The replacement gets the replaced file's owner, then its mode: as root, a setuid/setgid
 * file of another user keeps those bits (chown after chmod cleared them); 0600 stays 0600. */
Test(cli_output, owner_then_mode_are_kept, .init = make_out_dir, .fini = remove_out_dir)
{
    char path[128];
    struct stat st;

    snprintf(path, sizeof path, "%s/private.csv", out_dir);
    cr_assert(eq(int, th_sh("echo earlier > %s && chmod 600 %s", path, path), 0));
    cr_assert(eq(int, run(cmd_info, (const char *[]){ "info", "-f", "csv", "-o", path,
                                                      "data/analysis_small", NULL }),
                 0));
    cr_assert(eq(int, stat(path, &st), 0));
    cr_assert(eq(int, (int)(st.st_mode & 07777), 0600), "mode %o", (unsigned)st.st_mode);
    if (geteuid() != 0) {
        cr_skip_test("not root: the owner of another user's file cannot be kept");
    }
    cr_assert(eq(int, chown(path, 65534, 65534), 0));
    cr_assert(eq(int, chmod(path, 06750), 0));
    cr_assert(eq(int, run(cmd_info, (const char *[]){ "info", "-f", "csv", "-o", path,
                                                      "data/analysis_small", NULL }),
                 0));
    cr_assert(eq(int, stat(path, &st), 0));
    cr_assert(eq(int, (int)st.st_uid, 65534));
    cr_assert(eq(int, (int)st.st_gid, 65534));
    cr_assert(eq(int, (int)(st.st_mode & 07777), 06750), "mode %o", (unsigned)st.st_mode);
    cr_assert(eq(sz, count_entries(out_dir), 1), "temporary files left in %s", out_dir);
}

/* report -o and generate -o a dangling symbolic link: refused before any work, link kept. */
Test(cli_output, dangling_link_directory_is_refused_first, .init = make_out_dir,
     .fini = remove_out_dir)
{
    const char *c = getenv("COLLABNET");

    cr_assert(eq(int, th_sh("ln -s %s/nowhere %s/link", out_dir, out_dir), 0));
    cr_assert(eq(int, th_sh("%s report data/analysis_small -o %s/link 2>%s/err", c, out_dir,
                            out_dir), EXIT_CANTCREAT));
    cr_assert(eq(int, th_sh("grep -q 'symbolic link to a missing directory' %s/err", out_dir), 0));
    cr_assert(eq(int, th_sh("%s generate --scale S -o %s/link 2>%s/err", c, out_dir, out_dir),
                 EXIT_CANTCREAT));
    cr_assert(eq(int, th_sh("grep -q 'symbolic link to a missing directory' %s/err", out_dir), 0));
    cr_assert(eq(int, th_sh("test -L %s/link && test ! -e %s/nowhere", out_dir, out_dir), 0));
    cr_assert(eq(sz, count_entries(out_dir), 2), "temporary files left in %s", out_dir);
}

/* generate never writes over a dataset it did not make; interrupted or failing, it leaves an
 * earlier generated dataset as it was, with no temporary files. */
Test(cli_output, generate_keeps_what_it_did_not_make, .init = make_out_dir,
     .fini = remove_out_dir, .timeout = 120)
{
    const char *c = getenv("COLLABNET");

    /* a user's dataset: refused, untouched */
    cr_assert(eq(int, th_sh("mkdir %s/mine && cp data/coverage_hand/* %s/mine && echo notes > "
                            "%s/mine/SOURCES.md && cp -r %s/mine %s/mine.copy", out_dir, out_dir,
                            out_dir, out_dir, out_dir), 0));
    cr_assert(eq(int, th_sh("%s generate --scale S -o %s/mine 2>%s/err", c, out_dir, out_dir),
                 EXIT_CANTCREAT));
    cr_assert(eq(int, th_sh("grep -q \"which collabnet did not write\" %s/err", out_dir), 0));
    cr_assert(eq(int, th_sh("diff -r %s/mine %s/mine.copy", out_dir, out_dir), 0));
    /* an earlier generated dataset is replaced */
    cr_assert(eq(int, th_sh("%s generate --scale S -o %s/gen 2>/dev/null && "
                            "%s generate --scale S --seed 2 -o %s/gen 2>/dev/null && "
                            "%s validate -q %s/gen && cp -r %s/gen %s/gen.copy", c, out_dir, c,
                            out_dir, c, out_dir, out_dir, out_dir), 0));
    /* a full disk while edges.csv is written: the earlier files stay, nothing is left */
    cr_assert(eq(int, th_sh("ulimit -f 12000; %s generate --scale M -o %s/gen 2>/dev/null", c,
                            out_dir), EXIT_IOERR));
    cr_assert(eq(int, th_sh("diff -r %s/gen %s/gen.copy", out_dir, out_dir), 0));
    /* killed mid-run (L takes seconds): the same */
    cr_assert(eq(int, th_sh("%s generate --scale L -o %s/gen 2>/dev/null & p=$!; sleep 0.5; "
                            "kill -TERM $p; wait $p; test $? -eq 143", c, out_dir), 0));
    cr_assert(eq(int, th_sh("diff -r %s/gen %s/gen.copy", out_dir, out_dir), 0));
    cr_assert(eq(sz, count_entries(out_dir), 5), "temporary files left in %s", out_dir);
    /* a file of the user's added to a generated dataset: refused */
    cr_assert(eq(int, th_sh("touch %s/gen/mine.txt && %s generate --scale S -o %s/gen 2>/dev/null",
                            out_dir, c, out_dir), EXIT_CANTCREAT));
    cr_assert(eq(int, th_sh("test -f %s/gen/mine.txt", out_dir), 0));
}

/* import into a directory whose parent is missing: 73, as README says */
Test(cli_output, import_into_missing_parent_exits_73, .init = make_out_dir,
     .fini = remove_out_dir)
{
    cr_assert(eq(int, th_sh("%s import data/graphml/gephi.graphml --node-kind type --edge-kind "
                            "relation -o %s/missing/ds 2>/dev/null", getenv("COLLABNET"), out_dir),
                 EXIT_CANTCREAT));
    cr_assert(eq(sz, count_entries(out_dir), 0));
}

/* The dataset's own targets.ini must be a regular file inside it: a symbolic link is not read
 * (with a warning), so -t is the way to use another file. */
Test(cli_output, symlinked_targets_ini_is_not_read, .init = make_out_dir, .fini = remove_out_dir)
{
    cr_assert(eq(int, th_sh("mkdir %s/d && cp data/coverage_hand/*.csv %s/d && "
                            "ln -s %s/data/coverage_hand/targets.ini %s/d/targets.ini", out_dir,
                            out_dir, test_dir, out_dir), 0));
    cr_assert(eq(int, th_sh("%s coverage --check %s/d 2>%s/err >/dev/null", getenv("COLLABNET"),
                            out_dir, out_dir), EXIT_USAGE));
    cr_assert(eq(int, th_sh("grep -q \"targets.ini' is a symbolic link: not read\" %s/err",
                            out_dir), 0));
}

/* A dataset path so long that DIR/targets.ini passes PATH_MAX (4096) while DIR/nodes.csv does
 * not: an error naming the file, never a truncated name read instead. */
Test(cli_output, too_long_a_path_is_an_error, .init = make_out_dir, .fini = remove_out_dir)
{
    char dir[4200];
    size_t n = (size_t)snprintf(dir, sizeof dir, "%s", out_dir);
    char *text;
    size_t len;
    FILE *fp;

    while (n < 4084) {
        size_t part = 4084 - n - 1 > 200 ? 200 : 4084 - n - 1;
        dir[n++] = '/';
        memset(dir + n, 'd', part);
        n += part;
        dir[n] = '\0';
        cr_assert(eq(int, mkdir(dir, 0777), 0), "%s", strerror(errno));
    }
    cr_assert(eq(sz, strlen(dir), 4084));
    for (int k = 0; k < 3; k++) {
        static const char *const names[] = { "nodes.csv", "edges.csv", "targets.in" };
        static const char *const from[] = { "data/coverage_hand/nodes.csv",
                                             "data/coverage_hand/edges.csv",
                                             "data/coverage_hand/targets.ini" };
        char path[4300];
        snprintf(path, sizeof path, "%s/%s", dir, names[k]);
        text = th_slurp(from[k], &len);
        cr_assert_not_null(fp = fopen(path, "w"), "%s: %s", names[k], strerror(errno));
        fwrite(text, 1, len, fp);
        fclose(fp);
        free(text);
    }
    /* targets.in, the truncated name, exists: it must not be read as targets.ini */
    cr_assert(eq(int, run(cmd_coverage, (const char *[]){ "coverage", "--check", dir, NULL }),
                 EXIT_NOINPUT));
    text = calloc(1, 8192);
    len = fread(text, 1, 8191, cr_get_redirected_stderr());
    cr_assert(not(eq(ptr, strstr(text, "/targets.ini': File name too long"), NULL)), "%s", text);
    free(text);
}

/* Issue 15, defects 18 and 20: work that grows faster than the data is bounded, and refused
 * with the figure and the option that lifts the bound (exit 65). data/projection: p has 3
 * actors and q 2, so the co-membership projection counts 3 + 1 ties; p and q share a and b. */
Test(cli_limits, max_ties_and_max_shared, .init = redirect_all)
{
    cr_assert(eq(int, run(cmd_centrality, (const char *[]){ "centrality", "-g", "comembership",
                                                             "--max-ties", "3", "data/projection",
                                                             NULL }),
                 EXIT_DATA));
    cr_assert(eq(int, run(cmd_overlap, (const char *[]){ "overlap", "--max-shared", "1",
                                                          "data/projection", NULL }),
                 EXIT_DATA));
    cr_assert(eq(int, run(cmd_centrality, (const char *[]){ "centrality", "--max-ties", "0",
                                                             "data/projection", NULL }),
                 EXIT_USAGE));
    cr_assert_stdout_eq_str("");
    cr_assert_stderr_eq_str("collabnet: the co-membership projection would have up to 4 ties, "
                            "more than the limit of 3 (max_ties; --max-ties N raises it)\n"
                            "collabnet: pairs of networks share 2 members in all, over the limit "
                            "of 1 (max_shared; --max-shared N raises it)\n"
                            "collabnet: --max-ties needs a positive integer, not '0'\n");
}

/* The same through render, report and export; at the limit itself they run. A chain of
 * 100,000 nested networks: overlap --transitive is refused at once (before: over 200 s). */
Test(cli_binary, limits_in_every_command, .timeout = 120)
{
    char dir[96], cmd[1024];

    cr_assert_not_null(mkdtemp(th_tmpl(dir, sizeof dir, "cn-limits")));
    cr_assert(eq(int, th_sh("$COLLABNET render -v collaboration --ties comembership --max-ties 3 "
                            "data/projection -o /dev/null -T dot 2>/dev/null"), EXIT_DATA));
    cr_assert(eq(int, th_sh("$COLLABNET render -v collaboration --ties comembership --max-ties 4 "
                            "data/projection -o - -T dot >/dev/null"), 0));
    cr_assert(eq(int, th_sh("$COLLABNET render -v overlap --max-shared 1 data/projection -o - -T "
                            "dot 2>/dev/null"), EXIT_DATA));
    cr_assert(eq(int, th_sh("$COLLABNET export data/projection --with centrality -g comembership "
                            "--max-ties 3 --to json -o - 2>/dev/null >/dev/null"), EXIT_DATA));
    snprintf(cmd, sizeof cmd, "$COLLABNET report data/projection --max-shared 1 -o %s/r 2>%s/err; "
             "test $? -eq 65 && grep -q 'over the limit of 1' %s/err", dir, dir, dir);
    cr_assert(eq(int, th_sh("%s", cmd), 0));
    /* one network with three fields: no pair of networks, three pairs of fields */
    snprintf(cmd, sizeof cmd, "cd %s && mkdir f3 && printf 'id,label,kind,fields\\nx,X,expert,\\n"
             "p,P,network,a;b;c\\n' > f3/nodes.csv && printf 'source,target,kind\\nx,p,membership\\n'"
             " > f3/edges.csv", dir);
    cr_assert(eq(int, system(cmd), 0));
    snprintf(cmd, sizeof cmd, "$COLLABNET overlap --by field --max-shared 2 %s/f3 2>%s/err "
             ">/dev/null; test $? -eq 65 && "
             "grep -q 'pairs of groups would share more than 2' %s/err",
             dir, dir, dir);
    cr_assert(eq(int, th_sh("%s", cmd), 0));
    snprintf(cmd, sizeof cmd, "$COLLABNET overlap --by field --max-shared 3 %s/f3 -f csv | wc -l "
             "| grep -qx 7", dir);
    cr_assert(eq(int, th_sh("%s", cmd), 0));
    snprintf(cmd, sizeof cmd, "cd %s && mkdir chain && { echo id,label,kind; echo x,X,expert; "
             "seq 0 99999 | sed 's/.*/n&,N,network/'; } > chain/nodes.csv && "
             "{ echo source,target,kind; echo x,n0,membership; "
             "seq 1 99999 | awk '{ print \"n\" $1 - 1 \",n\" $1 \",membership\" }'; } "
             "> chain/edges.csv", dir);
    cr_assert(eq(int, system(cmd), 0));
    snprintf(cmd, sizeof cmd, "$COLLABNET overlap --transitive %s/chain 2>%s/err >/dev/null; "
             "test $? -eq 65 && grep -q 'more than 5000000 memberships are walked' %s/err",
             dir, dir, dir);
    cr_assert(eq(int, th_sh("%s", cmd), 0));
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    cr_assert(eq(int, system(cmd), 0));
}

/* The children of process @p pid (its worker processes), at most @p max; returns how many. */
static size_t children_of(pid_t pid, pid_t *out, size_t max)
{
    char path[64];
    size_t n = 0;
    long v;
    FILE *fp;

    snprintf(path, sizeof path, "/proc/%d/task/%d/children", (int)pid, (int)pid);
    if (!(fp = fopen(path, "r"))) {
        return 0;
    }
    while (n < max && fscanf(fp, "%ld", &v) == 1) {
        out[n++] = (pid_t)v;
    }
    fclose(fp);
    return n;
}

static double seconds(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

/* Killing the command mid-computation ends its forked workers with it (issue 15, defect 7: they
 * went on computing for tens of seconds, adopted by init). This test process is made the
 * subreaper, so that the orphaned workers become its children and their end can be waited for. */
Test(cli_binary, killed_command_leaves_no_worker, .timeout = 300)
{
    char dir[96], data[160], cmd[256];
    pid_t cli, workers[16];
    size_t nw = 0, left = 0;
    int st;

    cr_assert_not_null(mkdtemp(th_tmpl(dir, sizeof dir, "cn-workers")));
    cr_assert(eq(int, prctl(PR_SET_CHILD_SUBREAPER, 1), 0));
    snprintf(data, sizeof data, "%s/S", dir);
    snprintf(cmd, sizeof cmd, "$COLLABNET generate --scale S -o %s >/dev/null 2>&1", data);
    cr_assert(eq(int, th_sh("%s", cmd), 0));
    /* betweenness on S's co-membership graph: about 6 CPU-seconds, in two workers and the
     * command itself */
    cli = fork();
    cr_assert(ge(int, cli, 0));
    if (cli == 0) {
        int null = open("/dev/null", O_WRONLY);
        dup2(null, STDOUT_FILENO);
        dup2(null, STDERR_FILENO);
        /* through sh's exec: under the valgrind setup, which does not trace /bin programs,
         * the command then runs at full speed */
        execl("/bin/sh", "sh", "-c",
              "exec \"$0\" centrality -g comembership -m betweenness --exact -j 3 -f csv \"$1\"",
              getenv("COLLABNET"), data, (char *)NULL);
        _exit(127);
    }
    for (double end = seconds() + 240; nw < 2 && seconds() < end;) { /* -j 3: two workers */
        usleep(5000);
        nw = children_of(cli, workers, sizeof workers / sizeof *workers);
    }
    cr_assert(eq(sz, nw, 2), "the workers did not start");
    cr_assert(eq(int, kill(cli, SIGTERM), 0));
    cr_assert(eq(int, waitpid(cli, &st, 0), cli));
    cr_assert(eq(int, WIFSIGNALED(st) ? WTERMSIG(st) : -1, SIGTERM), "not ended by SIGTERM");
    /* each worker ends within a second of its parent: it is then reaped here */
    double deadline = seconds() + 1.0;
    for (size_t k = 0; k < nw; k++) {
        pid_t r;
        while ((r = waitpid(workers[k], NULL, WNOHANG)) == 0 && seconds() < deadline) {
            usleep(5000);
        }
        if (r != workers[k]) {
            left++;
            kill(workers[k], SIGKILL); /* not left behind by the test either */
            waitpid(workers[k], NULL, 0);
        }
    }
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    cr_assert(eq(int, system(cmd), 0));
    cr_assert(eq(sz, left, 0), "%zu of %zu workers still ran a second after the command died",
              left, nw);
}

/* -t is the targets and -f the output format in every command; the old spellings (info -t,
 * --table; render -T) still work, and say so in the help. */
Test(cli_binary, old_option_spellings_still_work)
{
    char dir[256];

    snprintf(dir, sizeof dir, "%s/alias", th_tmp());
    cr_assert(eq(int, th_sh("mkdir -p %s", dir), 0));
    cr_assert(eq(int, th_sh("$COLLABNET render ../data/vn-374 -T dot -o - > %s/a && $COLLABNET "
                            "render ../data/vn-374 -f dot -o - > %s/b && $COLLABNET render "
                            "../data/vn-374 --format dot -o - > %s/c && test -s %s/a && "
                            "cmp -s %s/a %s/b && cmp -s %s/a %s/c",
                            dir, dir, dir, dir, dir, dir, dir, dir),
                 0));
    cr_assert(eq(int, th_sh("$COLLABNET export ../data/vn-374 -f graphml > %s/a && $COLLABNET "
                            "export ../data/vn-374 --to graphml > %s/b && test -s %s/a && "
                            "cmp -s %s/a %s/b", dir, dir, dir, dir, dir),
                 0));
    cr_assert(eq(int, th_sh("$COLLABNET info -f csv -t regions ../data/vn-374 > %s/a && "
                            "$COLLABNET info -f csv --section regions ../data/vn-374 > %s/b && "
                            "test -s %s/a && cmp -s %s/a %s/b && grep -q '^region,' %s/a",
                            dir, dir, dir, dir, dir, dir),
                 0));
    cr_assert(eq(int, th_sh("$COLLABNET render --help | grep -q -- '-T F *deprecated alias of "
                            "-f, --format'"), 0));
    cr_assert(eq(int, th_sh("$COLLABNET info --help | grep -q -- '-t, --table NAME *deprecated "
                            "alias of -s, --section'"), 0));
}

/* --wrap and --lines are parsed once (cli_fit_option) for render and report alike. */
Test(cli_labels, render_refuses_a_wrap_of_0, .init = redirect_all)
{
    cr_assert(eq(int, run(cmd_render, (const char *[]){ "render", "--wrap", "0", "-o",
                                                        "/tmp/never.svg", "data/analysis_small",
                                                        NULL }),
                 EXIT_USAGE));
    cr_assert_stderr_eq_str("collabnet: --wrap needs a positive integer, not '0'\n");
}

Test(cli_labels, report_refuses_lines_that_are_not_a_number, .init = redirect_all)
{
    cr_assert(eq(int, run(cmd_report, (const char *[]){ "report", "--lines", "x", "-o",
                                                        "/tmp/never-report", "data/analysis_small",
                                                        NULL }),
                 EXIT_USAGE));
    cr_assert_stderr_eq_str("collabnet: --lines needs a positive integer, not 'x'\n");
}

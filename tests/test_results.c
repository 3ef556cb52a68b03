/* One result, one schema: each report table (tables/NAME.csv) is byte-identical to the CLI's
 * CSV of the same result (README "Output formats"). The tests themselves are in
 * tests/test_results_*.c, one file per command's results; this file has what they share. */
#define _GNU_SOURCE
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "helpers.h"
#include "results.h"
#include "results/results.h"

/* The reports are written once, by Criterion's runner before the tests (each test runs in a
 * child process), into a temporary directory removed after them: data/vn-374 and a generated
 * S dataset ("S"). */
static char base[64];

static const command *find(const char *name);
static int run(const char *const *args, const char *out);

/* Tests run in processes of their own (boxfort), started after PRE_ALL: the base directory
 * reaches them through the environment. */
static const char *base_dir(void)
{
    const char *b = getenv("CN_RESULTS_BASE");
    return base[0] ? base : b ? b : "";
}

static void report_path(char *buf, size_t size, const char *dataset)
{
    snprintf(buf, size, "%s/report-%s", base_dir(), strcmp(dataset, "S") == 0 ? "S" : "vn-374");
}

const char *tr_dataset(const char *dataset)
{
    static char path[128];

    if (strcmp(dataset, "S") != 0) {
        return "../data/vn-374"; /* tests run in tests/ */
    }
    snprintf(path, sizeof path, "%s/S", base_dir());
    return path;
}

/* The collabnet binary ($COLLABNET, set by meson), in a process of its own: the runner's
 * threads run with valgrind's error reporting disabled (Criterion), and igraph's OpenMP
 * threads started there made valgrind warn at their exit. Its messages go to a log shown only
 * when it fails. */
static void collabnet(const char *args, const char *what)
{
    char cmd[1024];
    const char *bin = getenv("COLLABNET");

    snprintf(cmd, sizeof cmd, "'%s' %s > '%s/pre.log' 2>&1", bin ? bin : "collabnet", args, base);
    if (system(cmd) != 0) {
        snprintf(cmd, sizeof cmd, "cat '%s/pre.log' >&2", base);
        if (system(cmd) != 0) {
            fprintf(stderr, "(no log)\n");
        }
        fprintf(stderr, "cannot %s\n", what);
        snprintf(cmd, sizeof cmd, "rm -rf '%s'", base); /* POST_ALL will not run */
        if (system(cmd) != 0) {
            fprintf(stderr, "cannot remove %s\n", base);
        }
        exit(1);
    }
}

ReportHook(PRE_ALL)(struct criterion_test_set *set)
{
    const char *tmp = getenv("TMPDIR");
    char args[512], report[128];

    (void)set;
    snprintf(base, sizeof base, "%s/cn-results-XXXXXX", tmp && tmp[0] ? tmp : "/tmp");
    if (!mkdtemp(base)) {
        perror("mkdtemp");
        exit(1);
    }
    setenv("CN_RESULTS_BASE", base, 1);
    snprintf(args, sizeof args, "generate --scale S -o '%s/S'", base);
    collabnet(args, "generate S");
    for (int k = 0; k < 2; k++) {
        const char *dataset = k ? "S" : "data/vn-374";
        report_path(report, sizeof report, dataset);
        snprintf(args, sizeof args, "report '%s' -o '%s'", tr_dataset(dataset), report);
        collabnet(args, k ? "write the report of S" : "write the report of vn-374");
    }
}

ReportHook(POST_ALL)(struct criterion_global_stats *stats)
{
    char cmd[128];

    (void)stats;
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", base);
    if (base[0] && system(cmd) != 0) {
        fprintf(stderr, "cannot remove %s\n", base);
    }
}

static const command *find(const char *name)
{
    for (const command *c = cli_commands; c->name; c++) {
        if (strcmp(c->name, name) == 0) {
            return c;
        }
    }
    cr_assert(false, "no command '%s'", name);
    return NULL;
}

/* Run a command in-process (argv[0] is its name); returns its exit status. */
static int run(const char *const *args, const char *out)
{
    char *argv[40];
    int argc = 0, status;

    for (; args[argc] && argc < 36; argc++) {
        argv[argc] = strdup(args[argc]);
    }
    argv[argc++] = strdup("-o");
    argv[argc++] = strdup(out);
    argv[argc] = NULL;
    status = find(args[0])->run(argc, argv);
    fflush(stdout);
    for (int i = 0; i < argc; i++) {
        free(argv[i]);
    }
    return status;
}

const char *tr_report(const char *dataset)
{
    static char path[128];

    report_path(path, sizeof path, dataset);
    return path;
}

char *tr_cli(const char *const *argv)
{
    char *text;
    size_t len;

    char out[128];
    int status;

    snprintf(out, sizeof out, "%s/cli-%d.out", base_dir(), (int)getpid()); /* one per test process */
    status = run(argv, out);
    cr_assert(eq(int, status, 0), "collabnet %s failed", argv[0]);
    text = th_slurp(out, &len);
    unlink(out);
    cr_assert(text != NULL);
    return text;
}

void tr_same_csv(const char *dataset, const char *table, const char *const *argv)
{
    char path[512], *report_csv, *cli_csv;
    size_t len;

    snprintf(path, sizeof path, "%s/tables/%s.csv", tr_report(dataset), table);
    report_csv = th_slurp(path, &len);
    cr_assert(report_csv != NULL, "the report has no %s", path);
    cli_csv = tr_cli(argv);
    cr_assert(eq(str, report_csv, cli_csv), "tables/%s.csv differs from the CLI's CSV", table);
    free(report_csv);
    free(cli_csv);
}

/* The sources of vn-374, counted by hand from data/vn-374/edges.csv: 26 rows (lines 2-27)
 * cite the VietnamPlus article, 9 (lines 28-36) the Vietnam Investment Review. */
Test(results_sources, vn374_counts_rows_per_source)
{
    cn_graph *g = NULL;
    cn_diag_list *d = NULL;
    cni_table *t = NULL;
    char *csv = NULL;
    size_t len = 0;
    FILE *fp;

    cr_assert(eq(int, cn_diag_list_create(&d, 0), 0));
    cr_assert(eq(int, cn_load_dataset(&g, tr_dataset("vn-374"), NULL, d), 0));
    cr_assert(eq(int, cni_results_sources(&t, g), 0));
    cr_assert(eq(sz, cni_table_row_count(t), 4));
    fp = open_memstream(&csv, &len);
    cr_assert(eq(int, cni_table_write(t, CNI_TABLE_CSV, NULL, fp), 0));
    fclose(fp);
    cr_assert(strstr(csv, "\n\"Vietnam Investment Review, 2025-08-26\",9,28;29;30;31;32;33;34;35;36\n")
              != NULL);
    cr_assert(strstr(csv, ".vnp,26,2;3;4;5;6;7;8;9;10;11;12;13;14;15;16;17;18;19;20;21;22;23;24;25;26;27\n")
              != NULL);
    free(csv);
    cni_table_destroy(t);
    cn_diag_list_destroy(d);
    cn_graph_destroy(g);
}

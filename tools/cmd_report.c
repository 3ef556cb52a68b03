/* collabnet report: one directory with the whole picture of a dataset. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "commands.h"

/* The stage lines on stderr: each stage's name as it starts, or with --timings its wall time
 * and processor time (this process's and its forked workers') once it ends; tests/bench/bench.py
 * reads them. */
typedef struct stages {
    bool timings;
    const char *name; /* the stage running, NULL before the first */
    struct timespec start, first;
    double cpu_start, cpu_first;
} stages;

static double cpu_seconds(void)
{
    struct rusage self, kids;

    getrusage(RUSAGE_SELF, &self);
    getrusage(RUSAGE_CHILDREN, &kids);
    return (double)(self.ru_utime.tv_sec + self.ru_stime.tv_sec + kids.ru_utime.tv_sec
                    + kids.ru_stime.tv_sec)
           + (double)(self.ru_utime.tv_usec + self.ru_stime.tv_usec + kids.ru_utime.tv_usec
                      + kids.ru_stime.tv_usec) / 1e6;
}

static void stage_line(const char *name, const struct timespec *t0, double cpu0)
{
    fprintf(stderr, "collabnet report: %-11s %8.2f s, cpu %8.2f s\n", name, cli_elapsed(t0),
            cpu_seconds() - cpu0);
}

static void progress(const char *stage, void *ctx)
{
    stages *s = ctx;

    if (s->timings && s->name) {
        stage_line(s->name, &s->start, s->cpu_start);
    }
    if (!s->timings) {
        fprintf(stderr, "collabnet report: %s\n", stage);
    }
    s->name = stage;
    clock_gettime(CLOCK_MONOTONIC, &s->start);
    s->cpu_start = cpu_seconds();
    if (strcmp(stage, "load") == 0) { /* the first */
        s->first = s->start;
        s->cpu_first = s->cpu_start;
    }
}

enum { OPT_TITLE = 1, OPT_COMPARE, OPT_SCENARIO = 300, OPT_WITHOUT, OPT_TIMINGS,
       OPT_LABEL_COLUMN = 320 };

static const cli_option options[] = {
    { "output", 'o', "DIR",
      "the report directory (required; not '-': a report\n"
      "is a directory)", 0 },
    CLI_OPT_CSV_RAW,
    CLI_OPT_CSV_BOM,
    { "targets", 't', "FILE",
      "coverage gaps against FILE (default:\n"
      "DATASET_DIR/targets.ini if present)", 0 },
    { "title", 0, "TEXT",
      "the report's title (default: from the first\n"
      "heading of SOURCES.md, else the directory's name,\n"
      "and the --at date)", OPT_TITLE },
    { "compare", 0, "D1 D2",
      "the coverage section also tells what changed\n"
      "between two dates (as collabnet coverage\n"
      "--compare; needs targets)", OPT_COMPARE },
    { "top", 'n', "N", "actors listed per kind (default 10)", 0 },
    { "scenario", 0, "DIR",
      "with targets: the gaps a scenario closes and\n"
      "opens (as collabnet coverage --scenario)", OPT_SCENARIO },
    { "without", 0, "ID[,ID...]",
      "the same for these actors or networks gone", OPT_WITHOUT },
    { "max-shared", 0, "N",
      "refuse (exit 65) an overlap of more than N shared\n"
      "members in all (default 5000000; collabnet\n"
      "overlap)", OPT_MAX_SHARED },
    { "label-column", 0, "C",
      "the diagrams label nodes with node column C (e.g.\n"
      "name_en) where set; the report says so", OPT_LABEL_COLUMN },
    { "wrap", 0, "N", "diagram labels wrap at N characters (default 22)", OPT_WRAP },
    { "lines", 0, "N", "diagram labels keep at most N lines (default 3)", OPT_LINES },
    { "fit", 0, "BOX", CLI_FIT_HELP "\n(default a4: a figure that cannot fit is drawn\n"
      "at its own size and its caption says so)", OPT_FIT },
    { "font-size", 0, "PT", CLI_FONT_SIZE_HELP, OPT_FONT_SIZE },
    { "dpi", 0, "N", CLI_DPI_HELP, OPT_DPI },
    CLI_DATASET_OPTIONS,
    { "quiet", 'q', NULL, "no progress lines", 0 },
    { "timings", 0, NULL,
      "each stage's wall and processor time on stderr as\n"
      "it ends, from the load to writing, then the total", OPT_TIMINGS },
    CLI_OPTION_END
};

const cli_spec cmd_report_spec = {
    "report", "report [OPTIONS] DATASET_DIR -o DIR",
    "Write a report of the dataset into DIR: index.html (one self-contained page:\n"
    "summary, networks, central actors, single points of failure, overlap, coverage\n"
    "and gaps with who could close them, diagrams, sources, what the data lack),\n"
    "report.md (the same in Markdown), figures/ (every diagram as SVG, PNG and PDF)\n"
    "and tables/ (every table as CSV), and .collabnet-manifest (the files written).\n"
    "DIR must be new, empty or an earlier report (nothing in it but what its manifest\n"
    "lists); it is checked first, and changed only once the whole report is written.\n",
    options,
    "DATASET_DIR/SOURCES.md, when present, is copied into the report and linked; a\n"
    "symbolic link or special file there is left out (the report and stderr say so).\n"
    "Progress goes to stderr when it is a terminal; with --timings, each stage's\n"
    "seconds of wall time and of processor time (forked workers included); past\n"
    "50,000 nodes the centrality section runs in a worker beside the others, and\n"
    "its line, the wait for it, comes after sources.\n\n"
    "Exit status: 0 ok, 64 usage (also: no such --label-column, a malformed --fit),\n"
    "65 data, targets or scenario error (also: a figure does not fit the --fit\n"
    "given), 66 no such dataset, targets file or scenario, 70 internal or Graphviz\n"
    "error, 73 DIR cannot be created or holds other files, 74 cannot read SOURCES.md\n"
    "or write the report.\n",
    true
};

int cmd_report(int argc, char **argv)
{
    cn_report_options ro = CN_REPORT_OPTIONS_INIT;
    cn_render_options fit = CN_RENDER_OPTIONS_INIT; /* --fit, --font-size, --dpi, --wrap, --lines */
    cli_dataset_opts dopts = { 0 }, d1 = { 0 }, d2 = { 0 };
    const char *output = NULL, *targets_path = NULL;
    char *default_targets = NULL, *sources = NULL, at[16];
    cn_targets *t = NULL;
    cn_graph *g = NULL, *g2 = NULL, *gc1 = NULL, *gc2 = NULL;
    const char *scenario = NULL, *without = NULL;
    char **ids = NULL, *scen_name = NULL;
    size_t nids = 0;
    bool quiet = false;
    stages stg = { 0 };
    struct stat st;
    cli_parser p;
    int c, status = EXIT_OK, rc;

    cli_parse_begin(&p, &cmd_report_spec, argc, argv, &dopts);
    while ((c = cli_parse_next(&p)) >= 0) {
        switch (c) {
        case 'o': output = optarg; break;
        case 't': targets_path = optarg; break;
        case OPT_TITLE: ro.title = optarg; break;
        case 'n':
            if (!cli_parse_positive("--top", optarg, &ro.top)) {
                return EXIT_USAGE;
            }
            break;
        case 'q': quiet = true; break;
        case OPT_TIMINGS: stg.timings = true; break;
        case OPT_SCENARIO: scenario = optarg; break;
        case OPT_WITHOUT:
            if (without) {
                cli_error("--without is given once, with the ids separated by commas");
                return EXIT_USAGE;
            }
            without = optarg;
            break;
        case OPT_COMPARE:
            if (optind >= argc) {
                cli_error("--compare needs two dates");
                return EXIT_USAGE;
            }
            ro.compare_from_name = optarg;
            ro.compare_to_name = argv[optind++];
            if (cn_date_parse(&d1.at, ro.compare_from_name) < 0 || d1.at.year == 0
                || cn_date_parse(&d2.at, ro.compare_to_name) < 0 || d2.at.year == 0) {
                cli_error("--compare needs two dates YYYY, YYYY-MM or YYYY-MM-DD, not '%s' '%s'",
                          ro.compare_from_name, ro.compare_to_name);
                return EXIT_USAGE;
            }
            break;
        case OPT_MAX_SHARED:
            if (!cli_parse_positive("--max-shared", optarg, &ro.max_shared)) {
                return EXIT_USAGE;
            }
            break;
        case OPT_LABEL_COLUMN: ro.label_column = optarg; break;
        case OPT_FIT:
        case OPT_FONT_SIZE:
        case OPT_DPI:
        case OPT_WRAP:
        case OPT_LINES:
            if (cli_fit_option(&fit, c, optarg, &status), status != EXIT_OK) {
                return status;
            }
            ro.fit_required = ro.fit_required || c == OPT_FIT;
            break;
        }
    }
    if (c == CLI_STOP) {
        return p.status;
    }
    if (!ro.fit_required) {
        cn_render_fit_parse(&fit.fit_width, &fit.fit_height, "a4");
    }
    ro.fit_width = fit.fit_width;
    ro.fit_height = fit.fit_height;
    ro.font_size = fit.font_size;
    ro.label_width = fit.label_width;
    ro.label_lines = fit.label_lines;
    ro.dpi = fit.dpi;
    ro.csv_raw = !cli_csv_guard; /* --csv-raw, a shared option */
    ro.csv_bom = cli_csv_bom != CLI_BOM_NO;
    if (!cli_output_dir(output, &cmd_report_spec, &status)) {
        return status;
    }
    /* a directory that is not ours is refused before anything is loaded or computed */
    if ((rc = cni_outdir_check(output, "report")) < 0) {
        return cli_status(rc);
    }
    if (stg.timings) {
        progress("load", &stg); /* the targets, the dataset, the scenario */
    }
    if ((status = cli_load_targets(&t, &targets_path, &default_targets, argv[optind],
                                   dopts.max_errors)) != EXIT_OK) {
        return status;
    }
    if (((scenario || without) && !t) || (ro.compare_from_name && !targets_path)) {
        cli_error("no targets: give --targets FILE or put targets.ini in the dataset");
        free(default_targets);
        return EXIT_USAGE;
    }
    if (ro.compare_from_name) {
        d1.max_errors = d2.max_errors = dopts.max_errors;
        if ((status = cli_load(&gc1, argv[optind], &d1)) == EXIT_OK) {
            status = cli_load(&gc2, argv[optind], &d2);
        }
        ro.compare_from = gc1;
        ro.compare_to = gc2;
    }
    if (status == EXIT_OK && without && !cli_parse_ids(&ids, &nids, "--without", without)) {
        status = EXIT_USAGE;
    }
    if (status == EXIT_OK && (status = cli_load(&g, argv[optind], &dopts)) == EXIT_OK
        && (status = cli_check_targets(t, targets_path, g, false, dopts.max_errors)) == EXIT_OK) {
        sources = cli_dataset_file(argv[optind], "SOURCES.md", &st, &status);
    }
    if (status == EXIT_OK && (scenario || without)
        && (status = cli_load_scenario(&g2, argv[optind], &dopts, scenario,
                                       (const char *const *)ids, nids)) == EXIT_OK) {
        /* named as `coverage --scenario` names it: "DIR without ID,..." */
        size_t len = (scenario ? strlen(scenario) : 0) + (without ? strlen(without) : 0) + 16;
        if ((scen_name = malloc(len))) {
            snprintf(scen_name, len, "%s%s%s", scenario ? scenario : "",
                     without ? (scenario ? " without " : "without ") : "",
                     without ? without : "");
        } else {
            cli_error("out of memory");
            status = EXIT_INTERNAL;
        }
    }
    if (status == EXIT_OK) {
        if (S_ISLNK(st.st_mode) || (st.st_mode && !S_ISREG(st.st_mode))) {
            cli_error("'%s' is %s: left out of the report", sources,
                      S_ISLNK(st.st_mode) ? "a symbolic link" : "not a regular file");
        }
        ro.sources = st.st_mode ? sources : NULL;
        ro.dataset = argv[optind];
        ro.targets = t;
        ro.targets_name = targets_path;
        ro.at = dopts.at.year ? cn_date_format(at, dopts.at) : NULL;
        ro.scenario = g2;
        ro.scenario_name = scen_name;
        ro.stage = stg.timings || (!quiet && isatty(STDERR_FILENO)) ? progress : NULL;
        ro.stage_ctx = &stg;
        rc = cn_report_write(output, g, &ro);
        if (rc == 0 && stg.timings) {
            stage_line(stg.name, &stg.start, stg.cpu_start);
            stage_line("total", &stg.first, stg.cpu_first);
        }
        status = rc == CN_EIO ? (cli_error("%s", cn_errmsg()), EXIT_IOERR) : cli_status(rc);
    }
    cn_graph_destroy(g);
    cn_graph_destroy(g2);
    cn_graph_destroy(gc1);
    cn_graph_destroy(gc2);
    cli_free_ids(ids, nids);
    free(scen_name);
    cn_targets_destroy(t);
    free(default_targets);
    free(sources);
    return status;
}

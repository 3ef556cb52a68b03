/* collabnet centrality: who brokers, who is central, who is a single point of failure. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../libnet/results/results.h"
#include "cli.h"


void cmd_centrality_usage(FILE *fp)
{
    fprintf(fp,
        "Usage: collabnet centrality [OPTIONS] DATASET_DIR\n\n"
        "Centrality of every node of the chosen graph, one row per node.\n\n"
        "  -m, --measures LIST   comma-separated, or all (default): degree, strength,\n"
        "                        betweenness, closeness, harmonic, eigenvector, pagerank,\n"
        "                        constraint, coreness\n"
        "  -g, --graph G         collaboration (default: actors and their ties), membership\n"
        "                        (actors and networks), combined (both), comembership (actors\n"
        "                        tied by the networks they share)\n"
        "      --projection-weight W  for comembership: count (default), newman, jaccard\n"
        "      --max-ties N      comembership: refuse (exit 65) a projection of more\n"
        "                        than N ties, counted before it is built (default\n"
        "                        10000000)\n"
        "      --unweighted      every tie counts 1\n"
        "      --normalized      betweenness / ((n-1)(n-2)/2); harmonic and degree / (n-1)\n"
        "      --sample K        estimate betweenness, closeness and harmonic from K sampled\n"
        "                        sources (above %d vertices K = %d unless --exact)\n"
        "      --seed S          seed for --sample (default 1)\n"
        "      --exact           never sample\n"
        "  -j, --jobs N          worker processes for path-based measures (default: CPUs)\n"
        "      --cut-points      list articulation points and bridges instead: what each one's\n"
        "                        removal cuts off from the rest of its component\n"
        "      --no-bridges      with --cut-points: the articulation points alone\n"
        "  -n, --top N           only the first N rows\n"
        "      --kind K[,K...]   only nodes of these kinds (institution, enterprise,\n"
        "                        expert, network)\n"
        "      --region R        only nodes in region R\n"
        "      --field F         only nodes with field F\n"
        "  -f, --format F        table (default), csv or json\n"
        "  -o, --output FILE     write to FILE, atomically; '-': stdout\n"
        "      --max-errors N    print at most N dataset problems (default 100)\n"
        "      --at DATE         the ecosystem as it stood then: only edges in force\n"
        "                        (since <= DATE <= until; README \"Time\")\n"
        "      --csv-raw         CSV cells as they are (else text starting with = + - @\n"
        "                        gets a ' in front against spreadsheet formulas)\n"
        "  -h, --help            show this help\n\n"
        "Rows are sorted by the first measure, highest first (constraint: lowest first, since\n"
        "low constraint means brokerage). Weights are tie strengths: strength, eigenvector,\n"
        "PageRank and constraint use them as such; betweenness, closeness and harmonic use\n"
        "length = 1/weight. Closeness is 1 / mean distance to the nodes a node reaches.\n"
        "CSV and JSON print 17 significant digits; an undefined value (closeness of an\n"
        "isolated node) is empty in CSV and null in JSON.\n\n"
        "Exit status: 0 ok, 64 usage, 65 data error, 66 no such dataset, 70 internal\n"
        "error, 73 cannot create output, 74 I/O error.\n",
        CLI_AUTO_SAMPLE_VERTICES, CLI_AUTO_SAMPLE_SOURCES);
}

/* ---- progress ---- */

typedef struct progress {
    struct timespec start;
    const char *what;
    bool shown;
    int last;
} progress;

static double elapsed(const struct timespec *t0)
{
    struct timespec t;

    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)(t.tv_sec - t0->tv_sec) + (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

static void on_progress(double fraction, void *ctx)
{
    progress *p = ctx;
    int pct = (int)(fraction * 100 + 0.5), bars = pct / 5;

    if (pct == p->last || (!p->shown && elapsed(&p->start) < 2.0)) {
        return;
    }
    p->shown = true;
    p->last = pct;
    fprintf(stderr, "\r%-12s [%.*s%*s] %3d%%", p->what, bars, "####################",
            20 - bars, "", pct);
    fflush(stderr);
}

static const char *kind_name(int k) { return cn_node_kind_name((cn_node_kind)k); }

/* ---- output ---- */

/* A table filled: JSON as the command's document @p d, text aligned; CSV was streamed. */
static int finish(FILE *fp, cli_format format, const cni_table *t, const cni_doc *d)
{
    return format == FORMAT_JSON    ? cli_write_doc(fp, d)
           : format == FORMAT_TABLE ? cli_write_table(fp, format, t)
                                    : 0;
}

/* The measures table (results/centrality.c): CSV streamed, else built and written, JSON as the
 * command's document. Returns 0 or a library status. */
static int emit_measures(FILE *fp, const cn_graph *g, const size_t *rows, size_t nrows,
                         const cn_measure *ms, size_t nm, double *const *vals,
                         cli_format format, const cn_centrality_options *o)
{
    cni_table *t = NULL;
    cni_doc *d = NULL;
    int rc;

    if ((rc = cni_centrality_table(&t, "centrality", ms, nm)) == 0
        && (format != FORMAT_CSV || (rc = cli_stream_table(t, fp)) == 0)
        && (rc = cni_centrality_add(t, g, rows, nrows, nm, vals)) == 0
        && (format != FORMAT_JSON || (rc = cni_centrality_doc(&d, t, o)) == 0)) {
        rc = finish(fp, format, t, d);
    }
    cni_doc_destroy(d);
    cni_table_destroy(t);
    return rc;
}

/* The cut-point table, the same way. */
static int emit_cuts(FILE *fp, const cn_graph *g, const cn_cut *cuts, size_t n, size_t top,
                     const cni_node_filter *f, bool bridges, cli_format format, cn_view view)
{
    cni_table *t = NULL;
    cni_doc *d = NULL;
    int rc;

    if ((rc = cni_cuts_table(&t, "cut_points")) == 0
        && (format != FORMAT_CSV || (rc = cli_stream_table(t, fp)) == 0)
        && (rc = cni_cuts_add(t, g, cuts, n, f, bridges, top)) == 0
        && (format != FORMAT_JSON || (rc = cni_cuts_doc(&d, t, view)) == 0)) {
        rc = finish(fp, format, t, d);
    }
    cni_doc_destroy(d);
    cni_table_destroy(t);
    return rc;
}

/* --kind K[,K...]: a bit per kind in *kinds. */
static bool parse_kinds(const char *list, unsigned *kinds)
{
    char *copy = strdup(list), *save = NULL, *tok;
    bool ok = true;

    if (!copy) {
        cli_error("out of memory");
        return false;
    }
    *kinds = 0;
    for (tok = strtok_r(copy, ",", &save); tok && ok; tok = strtok_r(NULL, ",", &save)) {
        int k;
        if (!cli_parse_enum(tok, kind_name, CN_NODE_KIND_COUNT, &k)) {
            cli_error("unknown kind '%s' (expected institution, enterprise, expert or "
                      "network)", tok);
            ok = false;
        } else {
            *kinds |= 1u << k;
        }
    }
    if (ok && !*kinds) {
        cli_error("unknown kind '%s' (expected institution, enterprise, expert or network)",
                  list);
        ok = false;
    }
    free(copy);
    return ok;
}

enum { OPT_CUTS = 256, OPT_KIND, OPT_REGION, OPT_FIELD, OPT_NO_BRIDGES };

int cmd_centrality(int argc, char **argv)
{
    static const struct option opts[] = {
        CLI_CENTRALITY_OPTIONS, { "cut-points", no_argument, NULL, OPT_CUTS },
        { "top", required_argument, NULL, 'n' }, { "kind", required_argument, NULL, OPT_KIND },
        { "region", required_argument, NULL, OPT_REGION },
        { "field", required_argument, NULL, OPT_FIELD },
        { "no-bridges", no_argument, NULL, OPT_NO_BRIDGES },
        CLI_DATASET_OPTIONS, CLI_OUTPUT_OPTIONS,
        { "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 }
    };
    cli_centrality ca = CLI_CENTRALITY_INIT;
    cn_centrality_options o;
    cn_measure ms[CN_MEASURE_COUNT];
    size_t nm = 0, top = (size_t)-1;
    cli_dataset_opts dopts = { 0 };
    cni_node_filter f = CNI_NODE_FILTER_INIT;
    cli_format format = FORMAT_TABLE;
    const char *output = NULL;
    bool cuts = false, bridges = true;
    cn_graph *g = NULL;
    double *vals[CN_MEASURE_COUNT] = { 0 };
    size_t *rows = NULL, nrows = 0;
    cn_cut *cutv = NULL;
    size_t ncuts = 0;
    progress prog = { .what = "centrality", .last = -1 };
    cli_out out;
    int c, status = EXIT_OK;

    cli_reset_getopt();
    while ((c = getopt_long(argc, argv, "m:g:j:n:f:o:h", opts, NULL)) != -1) {
        switch (c) {
        case OPT_CUTS: cuts = true; break;
        case OPT_NO_BRIDGES: bridges = false; break;
        case 'n':
            if (!cli_parse_positive("--top", optarg, &top)) {
                return EXIT_USAGE;
            }
            break;
        case OPT_KIND:
            if (!parse_kinds(optarg, &f.kinds)) {
                return EXIT_USAGE;
            }
            break;
        case OPT_REGION: f.region = optarg; break;
        case OPT_FIELD: f.field = optarg; break;
        case 'h': cmd_centrality_usage(stdout); return EXIT_OK;
        default:
            if (cli_centrality_option(&ca, c, optarg, &status)) {
                if (status != EXIT_OK) {
                    return status;
                }
                break;
            }
            if ((status = cli_other_option(&dopts, c, optarg, cmd_centrality_usage)) != EXIT_OK) {
                return status;
            }
            break;
        }
    }
    if (!cli_one_dataset(argc, "centrality", cmd_centrality_usage)) {
        return EXIT_USAGE;
    }
    format = dopts.format;
    output = dopts.output;
    if (!cli_centrality_measures(&ca, ms, &nm)) {
        return EXIT_USAGE;
    }
    if ((status = cli_load(&g, argv[optind], &dopts)) != EXIT_OK) {
        return status;
    }
    if (!cuts) {
        cli_centrality_auto_sample(&ca, g, ms, nm);
    }
    o = ca.o;
    if (isatty(STDERR_FILENO)) {
        clock_gettime(CLOCK_MONOTONIC, &prog.start);
        o.progress = on_progress;
        o.progress_ctx = &prog;
    }
    if (cuts) {
        status = cli_status(cn_cut_points(&cutv, &ncuts, g, o.view, &o));
    } else {
        for (size_t m = 0; m < nm && status == EXIT_OK; m++) {
            if (!(vals[m] = malloc((cn_graph_node_count(g) + 1) * sizeof(double)))) {
                cli_error("out of memory");
                status = EXIT_INTERNAL;
            }
        }
        if (status == EXIT_OK) {
            status = cli_status(cn_centrality(vals, g, ms, nm, &o));
        }
    }
    if (prog.shown) {
        fputc('\n', stderr);
    }
    if (status == EXIT_OK && !cuts) {
        status = cli_status(cni_centrality_rows(&rows, &nrows, g, o.view, &f, ms, vals, top));
    }
    if (status == EXIT_OK && (status = cli_out_open(&out, output)) == EXIT_OK) {
        int rc = cuts ? emit_cuts(out.fp, g, cutv, ncuts, top, &f, bridges, format, o.view)
                      : emit_measures(out.fp, g, rows, nrows, ms, nm, vals, format, &o);
        if (rc < 0) {
            status = cli_status(rc);
            cli_out_abort(&out);
        } else {
            status = cli_out_commit(&out);
        }
    }
    for (size_t m = 0; m < nm; m++) {
        free(vals[m]);
    }
    free(rows);
    cn_free(cutv);
    cn_graph_destroy(g);
    return status;
}

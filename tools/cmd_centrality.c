/* collabnet centrality: who brokers, who is central, who is a single point of failure. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../libnet/results/results.h"
#include "commands.h"



/* ---- progress ---- */

typedef struct progress {
    struct timespec start;
    const char *what;
    bool shown;
    int last;
} progress;

static void on_progress(double fraction, void *ctx)
{
    progress *p = ctx;
    int pct = (int)(fraction * 100 + 0.5), bars = pct / 5;

    if (pct == p->last || (!p->shown && cli_elapsed(&p->start) < 2.0)) {
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

static const cli_option options[] = {
    CLI_CENTRALITY_OPTIONS,
    { "cut-points", 0, NULL,
      "list articulation points and bridges instead:\n"
      "what each one's removal cuts off from the rest\n"
      "of its component", OPT_CUTS },
    { "no-bridges", 0, NULL, "with --cut-points: the articulation points alone",
      OPT_NO_BRIDGES },
    { "top", 'n', "N", "only the first N rows", 0 },
    { "kind", 0, "K[,K...]",
      "only nodes of these kinds (institution,\n"
      "enterprise, expert, network)", OPT_KIND },
    { "region", 0, "R", "only nodes in region R", OPT_REGION },
    { "field", 0, "F", "only nodes with field F", OPT_FIELD },
    CLI_OUTPUT_OPTIONS,
    CLI_DATASET_OPTIONS,
    CLI_OPTION_END
};

const cli_spec cmd_centrality_spec = {
    "centrality", "centrality [OPTIONS] DATASET_DIR",
    "Centrality of every node of the chosen graph, one row per node.\n",
    options,
    "Rows are sorted by the first measure, highest first (constraint: lowest first,\n"
    "since low constraint means brokerage). Weights are tie strengths: strength,\n"
    "eigenvector, PageRank and constraint use them as such; betweenness, closeness\n"
    "and harmonic use length = 1/weight. Closeness is 1 / mean distance to the nodes\n"
    "a node reaches. CSV and JSON print 17 significant digits; an undefined value\n"
    "(closeness of an isolated node) is empty in CSV and null in JSON.\n\n"
    "Exit status: 0 ok, 64 usage, 65 data error, 66 no such dataset, 70 internal\n"
    "error, 73 cannot create output, 74 I/O error.\n",
    true
};

int cmd_centrality(int argc, char **argv)
{
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
    cli_parser p;
    int c, status = EXIT_OK;

    cli_parse_begin(&p, &cmd_centrality_spec, argc, argv, &dopts);
    while ((c = cli_parse_next(&p)) >= 0) {
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
        default:
            if (cli_centrality_option(&ca, c, optarg, &status) && status != EXIT_OK) {
                return status;
            }
            break;
        }
    }
    if (c == CLI_STOP) {
        return p.status;
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

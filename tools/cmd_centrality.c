/* collabnet centrality: who brokers, who is central, who is a single point of failure. */
#include <getopt.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "commands.h"


typedef struct filter {
    int kind;            /* -1: any */
    const char *region;  /* NULL: any */
    const char *field;
} filter;

static bool keep(const cn_graph *g, size_t i, const filter *f)
{
    return (f->kind < 0 || (int)cn_graph_node_kind(g, i) == f->kind)
           && (!f->region || strcmp(cn_graph_node_region(g, i), f->region) == 0)
           && (!f->field || cn_graph_node_has_field(g, i, f->field));
}

/* Sorting rows by the first measure. */
static const double *sort_key;
static bool sort_ascending;

static int by_key(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    double kx = sort_key[x], ky = sort_key[y];

    if (isnan(kx) || isnan(ky)) {
        if (isnan(kx) && isnan(ky)) {
            return x < y ? -1 : 1;
        }
        return isnan(kx) ? 1 : -1; /* undefined values last */
    }
    if (kx != ky) {
        return (kx > ky) != sort_ascending ? -1 : 1;
    }
    return x < y ? -1 : 1;
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

/* ---- output ---- */

static void fmt_value(char *buf, size_t size, double v, cli_format format)
{
    if (isnan(v)) {
        buf[0] = '\0';
    } else if (format == FORMAT_TABLE) {
        snprintf(buf, size, "%.6g", v);
    } else {
        snprintf(buf, size, "%.17g", v);
    }
}

/* Returns 0, -1 when out of memory, -2 when a value cannot be written (reported). */
static int emit_measures(FILE *fp, const cn_graph *g, const size_t *rows, size_t nrows,
                         const cn_measure *ms, size_t nm, double *const *vals, cli_format format,
                         const cn_centrality_options *o)
{
    if (format == FORMAT_JSON) {
        json_t *root = json_object(), *arr = json_array(), *meta = json_object();
        json_object_set_new(meta, "graph", json_string(cn_view_name(o->view)));
        if (o->view == CN_VIEW_COMEMBERSHIP) {
            json_object_set_new(meta, "projection_weight",
                                json_string(cn_projection_name(o->projection)));
        }
        json_object_set_new(meta, "weighted", json_boolean(o->weighted));
        json_object_set_new(meta, "normalized", json_boolean(o->normalized));
        json_object_set_new(meta, "sample", o->sample ? json_integer((json_int_t)o->sample)
                                                      : json_null());
        json_object_set_new(meta, "seed", json_integer((json_int_t)o->seed));
        json_object_set_new(root, "collabnet", json_string(cn_version()));
        json_object_set_new(root, "parameters", meta);
        for (size_t r = 0; r < nrows; r++) {
            size_t i = rows[r];
            json_t *o2 = json_object();
            json_object_set_new(o2, "id", json_string(cn_graph_node_id(g, i)));
            json_object_set_new(o2, "label", json_string(cn_graph_node_label(g, i)));
            json_object_set_new(o2, "kind", json_string(cn_node_kind_name(cn_graph_node_kind(g, i))));
            for (size_t k = 0; k < nm; k++) {
                double v = vals[k][i];
                /* jansson has no infinity: json_real() would give NULL and the key would go
                 * silently; the loader bounds weight sums, so this is an internal error */
                if (isinf(v)) {
                    cli_error("%s of '%s' is infinite, which JSON cannot hold",
                              cn_measure_name(ms[k]), cn_graph_node_id(g, i));
                    json_decref(o2);
                    json_decref(root);
                    return -2;
                }
                json_object_set_new(o2, cn_measure_name(ms[k]), isnan(v) ? json_null() : json_real(v));
            }
            json_array_append_new(arr, o2);
        }
        json_object_set_new(root, "nodes", arr);
        int rc = json_dumpf(root, fp, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(17));
        fputc('\n', fp);
        json_decref(root);
        return rc;
    }
    {
        const char *h[3 + CN_MEASURE_COUNT] = { "id", "label", "kind" };
        cli_table t;
        char cells[CN_MEASURE_COUNT][32];
        int rc = 0;
        for (size_t k = 0; k < nm; k++) {
            h[3 + k] = cn_measure_name(ms[k]);
        }
        if (cli_table_start(&t, fp, format, 3 + nm, h) < 0) {
            return -1;
        }
        for (size_t k = 0; k < nm; k++) {
            t.right[3 + k] = true;
        }
        for (size_t r = 0; r < nrows && rc == 0; r++) {
            size_t i = rows[r];
            const char *row[3 + CN_MEASURE_COUNT] = { cn_graph_node_id(g, i),
                                                      cn_graph_node_label(g, i),
                                                      cn_node_kind_name(cn_graph_node_kind(g, i)) };
            for (size_t k = 0; k < nm; k++) {
                fmt_value(cells[k], sizeof cells[k], vals[k][i], format);
                row[3 + k] = cells[k];
            }
            rc = cli_table_add(&t, row);
        }
        if (rc == 0) {
            cli_table_emit(&t, fp, format);
        }
        cli_table_fini(&t);
        return rc;
    }
}

static int emit_cuts(FILE *fp, const cn_graph *g, const cn_cut *cuts, size_t n, size_t top,
                     const filter *f, cli_format format, cn_view view)
{
    const char *h[] = { "cut", "id", "label", "kind", "other_id", "other_label", "component",
                        "separated", "separated_institution", "separated_enterprise",
                        "separated_expert", "separated_network" };
    json_t *arr = format == FORMAT_JSON ? json_array() : NULL;
    cli_table t;
    size_t shown = 0;
    int rc = 0;

    if (format != FORMAT_JSON && cli_table_start(&t, fp, format, 12, h) < 0) {
        return -1;
    }
    if (format != FORMAT_JSON) {
        for (size_t c = 6; c < 12; c++) {
            t.right[c] = true;
        }
    }
    for (size_t k = 0; k < n && shown < top && rc == 0; k++) {
        const cn_cut *c = &cuts[k];
        bool bridge = c->b != CN_NONE;
        char num[6][24];
        if (!keep(g, c->a, f) && !(bridge && keep(g, c->b, f))) {
            continue;
        }
        shown++;
        if (arr) {
            json_t *o = json_object(), *by = json_object();
            json_object_set_new(o, "cut", json_string(bridge ? "tie" : "node"));
            json_object_set_new(o, "id", json_string(cn_graph_node_id(g, c->a)));
            json_object_set_new(o, "label", json_string(cn_graph_node_label(g, c->a)));
            json_object_set_new(o, "kind", json_string(cn_node_kind_name(cn_graph_node_kind(g, c->a))));
            json_object_set_new(o, "other_id", bridge ? json_string(cn_graph_node_id(g, c->b)) : json_null());
            json_object_set_new(o, "component", json_integer((json_int_t)c->component));
            json_object_set_new(o, "separated", json_integer((json_int_t)c->separated));
            for (int kk = 0; kk < CN_NODE_KIND_COUNT; kk++) {
                json_object_set_new(by, cn_node_kind_name((cn_node_kind)kk),
                                    json_integer((json_int_t)c->separated_by_kind[kk]));
            }
            json_object_set_new(o, "separated_by_kind", by);
            json_array_append_new(arr, o);
            continue;
        }
        snprintf(num[0], 24, "%zu", c->component);
        snprintf(num[1], 24, "%zu", c->separated);
        for (int kk = 0; kk < 4; kk++) {
            snprintf(num[2 + kk], 24, "%zu", c->separated_by_kind[kk]);
        }
        const char *row[] = { bridge ? "tie" : "node", cn_graph_node_id(g, c->a),
                              cn_graph_node_label(g, c->a),
                              cn_node_kind_name(cn_graph_node_kind(g, c->a)),
                              bridge ? cn_graph_node_id(g, c->b) : "",
                              bridge ? cn_graph_node_label(g, c->b) : "", num[0], num[1], num[2],
                              num[3], num[4], num[5] };
        rc = cli_table_add(&t, row);
    }
    if (arr) {
        json_t *root = json_object();
        json_object_set_new(root, "collabnet", json_string(cn_version()));
        json_object_set_new(root, "graph", json_string(cn_view_name(view)));
        json_object_set_new(root, "cuts", arr);
        rc = json_dumpf(root, fp, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
        fputc('\n', fp);
        json_decref(root);
        return rc;
    }
    if (rc == 0) {
        cli_table_emit(&t, fp, format);
    }
    cli_table_fini(&t);
    return rc;
}

static const char *kind_name(int k) { return cn_node_kind_name((cn_node_kind)k); }

enum { OPT_CUTS = 256, OPT_KIND, OPT_REGION, OPT_FIELD };

static const cli_option options[] = {
    CLI_CENTRALITY_OPTIONS,
    { "cut-points", 0, NULL,
      "list articulation points and bridges instead:\n"
      "what each one's removal cuts off from the rest\n"
      "of its component", OPT_CUTS },
    { "top", 'n', "N", "only the first N rows", 0 },
    { "kind", 0, "K",
      "only nodes of kind K (institution, enterprise,\n"
      "expert, network)", OPT_KIND },
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
    filter f = { -1, NULL, NULL };
    cli_format format = FORMAT_TABLE;
    const char *output = NULL;
    bool cuts = false;
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
        case 'n':
            if (!cli_parse_positive("--top", optarg, &top)) {
                return EXIT_USAGE;
            }
            break;
        case OPT_KIND:
            if (!cli_parse_enum(optarg, kind_name, CN_NODE_KIND_COUNT, &f.kind)) {
                cli_error("unknown kind '%s' (expected institution, enterprise, expert or "
                          "network)", optarg);
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
        rows = malloc((cn_graph_node_count(g) + 1) * sizeof *rows);
        if (!rows) {
            cli_error("out of memory");
            status = EXIT_INTERNAL;
        }
        for (size_t i = 0; rows && i < cn_graph_node_count(g); i++) {
            if (cn_view_includes(g, o.view, i) && keep(g, i, &f)) {
                rows[nrows++] = i;
            }
        }
        sort_key = vals[0];
        sort_ascending = ms[0] == CN_MEASURE_CONSTRAINT;
        if (rows) {
            qsort(rows, nrows, sizeof *rows, by_key);
        }
        nrows = nrows < top ? nrows : top;
    }
    if (status == EXIT_OK && (status = cli_out_open(&out, output)) == EXIT_OK) {
        int rc = cuts ? emit_cuts(out.fp, g, cutv, ncuts, top, &f, format, o.view)
                      : emit_measures(out.fp, g, rows, nrows, ms, nm, vals, format, &o);
        if (rc < 0) {
            if (rc == -1) {
                cli_error("out of memory"); /* -2: reported already */
            }
            cli_out_abort(&out);
            status = EXIT_INTERNAL;
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

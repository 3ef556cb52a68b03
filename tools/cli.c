#include <errno.h>
#include <signal.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "../libnet/util/util.h" /* cni_escape_dup: the library's one escaping */

/* One line, escaped (cni_escape_dup()): a path or value in it cannot act on a terminal or
 * forge a line. Escaping is idempotent, so the library's messages, escaped already, pass as
 * they are. */
static void escaped_line(FILE *fp, const char *prefix, const char *fmt, va_list ap)
{
    char small[1024], small_esc[4 * sizeof small]; /* no allocation: "out of memory" gets out */
    char *line = small, *esc = NULL;
    va_list again;
    int n;

    va_copy(again, ap);
    n = vsnprintf(small, sizeof small, fmt, ap);
    if (n >= 0 && n < (int)sizeof small) {
        cni_escape(small_esc, sizeof small_esc, small, (size_t)n);
        esc = small_esc;
    } else if (n >= 0 && (line = malloc((size_t)n + 1))) {
        vsnprintf(line, (size_t)n + 1, fmt, again);
        esc = cni_escape_dup(line);
    }
    va_end(again);
    if (esc) {
        fprintf(fp, "%s%s\n", prefix, esc);
    }
    if (line != small) {
        free(line);
    }
    if (esc != small_esc) {
        free(esc);
    }
}

void cli_error(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    escaped_line(stderr, "collabnet: ", fmt, ap);
    va_end(ap);
}

void cli_line(FILE *fp, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    escaped_line(fp, "", fmt, ap);
    va_end(ap);
}

int cli_status(int rc)
{
    if (rc >= 0) {
        return EXIT_OK;
    }
    cli_error("%s", cn_errmsg()[0] ? cn_errmsg() : cn_strerror(rc));
    switch (rc) {
    case CN_EDATA:
    case CN_ELIMIT: return EXIT_DATA;
    case CN_ENOENT: return EXIT_NOINPUT;
    case CN_ECREATE: return EXIT_CANTCREAT;
    case CN_EIO: return EXIT_IOERR;
    case CN_EINVAL: return EXIT_USAGE;
    default: return EXIT_INTERNAL;
    }
}

bool cli_parse_size(const char *s, size_t *out)
{
    char *end;
    unsigned long long v;

    if (!s || *s < '0' || *s > '9') {
        return false;
    }
    errno = 0;
    v = strtoull(s, &end, 10);
    if (*end || errno || v > SIZE_MAX) {
        return false;
    }
    *out = (size_t)v;
    return true;
}

double cli_elapsed(const struct timespec *t0)
{
    struct timespec t;

    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)(t.tv_sec - t0->tv_sec) + (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

bool cli_parse_positive(const char *opt, const char *arg, size_t *out)
{
    if (!cli_parse_size(arg, out) || *out == 0) {
        cli_error("%s needs a positive integer, not '%s'", opt, arg);
        return false;
    }
    return true;
}

bool cli_fit_option(cn_render_options *ro, int c, const char *arg, int *status)
{
    char *end = NULL;
    size_t n = 0;

    *status = EXIT_OK;
    switch (c) {
    case OPT_FIT:
        if (cn_render_fit_parse(&ro->fit_width, &ro->fit_height, arg) != 0) {
            cli_error("--fit: %s", cn_errmsg());
            *status = EXIT_USAGE;
        }
        return true;
    case OPT_FONT_SIZE:
        errno = 0;
        ro->font_size = arg[0] >= '0' && arg[0] <= '9' ? strtod(arg, &end) : 0;
        if (ro->font_size <= 0 || *end || errno || ro->font_size > 1000) {
            cli_error("--font-size needs a size in points above 0 and at most 1000, not '%s'",
                      arg);
            *status = EXIT_USAGE;
        }
        return true;
    case OPT_DPI:
        if (!cli_parse_positive("--dpi", arg, &n) || n > CN_RENDER_MAX_DPI) {
            if (n > CN_RENDER_MAX_DPI) {
                cli_error("--dpi must be at most %u", CN_RENDER_MAX_DPI);
            }
            *status = EXIT_USAGE;
        } else {
            ro->dpi = (unsigned)n;
        }
        return true;
    case OPT_WRAP:
        if (!cli_parse_positive("--wrap", arg, &ro->label_width)) {
            *status = EXIT_USAGE;
        }
        return true;
    case OPT_LINES:
        if (!cli_parse_positive("--lines", arg, &ro->label_lines)) {
            *status = EXIT_USAGE;
        }
        return true;
    default: return false;
    }
}

bool cli_dataset_option(cli_dataset_opts *d, int c, const char *arg, int *status)
{
    if (c == OPT_MAX_ERRORS) {
        if (!cli_parse_positive("--max-errors", arg, &d->max_errors)) {
            *status = EXIT_USAGE;
        }
        return true;
    }
    if (c == OPT_FORMAT) {
        if (!cli_parse_format(arg, &d->format)) {
            cli_error("unknown format '%s' (expected table, csv or json)", arg);
            *status = EXIT_USAGE;
        }
        return true;
    }
    if (c == OPT_OUTPUT) {
        d->output = arg;
        return true;
    }
    if (c == OPT_CSV_RAW) {
        cli_csv_guard = false;
        return true;
    }
    if (c == OPT_CSV_BOM) {
        cli_csv_bom = CLI_BOM_DUE;
        return true;
    }
    if (c == OPT_AT) {
        if (cn_date_parse(&d->at, arg) < 0 || d->at.year == 0) {
            cli_error("--at needs a date YYYY, YYYY-MM or YYYY-MM-DD, not '%s'", arg);
            *status = EXIT_USAGE;
        }
        return true;
    }
    return false;
}

void cli_print_diags(const cn_diag_list *diags)
{
    for (size_t i = 0; i < cn_diag_list_count(diags); i++) {
        const cn_diag *d = cn_diag_list_at(diags, i);
        if (d->line) {
            fprintf(stderr, "%s:%zu: %s\n", d->file, d->line, d->message);
        } else {
            fprintf(stderr, "%s: %s\n", d->file, d->message);
        }
    }
    if (cn_diag_list_total(diags) > cn_diag_list_count(diags)) {
        size_t more = cn_diag_list_total(diags) - cn_diag_list_count(diags);
        cli_error("%zu more problem%s not shown (--max-errors N shows more)", more,
                  more == 1 ? "" : "s");
    }
}

bool cli_parse_ids(char ***ids, size_t *n, const char *opt, const char *arg)
{
    const char *p = arg;

    do {
        const char *end = strchr(p, ',');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        char **grown = realloc(*ids, (*n + 1) * sizeof *grown);
        if (!grown) {
            cli_error("out of memory");
            return false;
        }
        *ids = grown;
        if (len == 0) {
            cli_error("%s needs ids separated by commas, not '%s'", opt, arg);
            return false;
        }
        if (!((*ids)[*n] = strndup(p, len))) {
            cli_error("out of memory");
            return false;
        }
        (*n)++;
        p = end ? end + 1 : NULL;
    } while (p);
    return true;
}

void cli_free_ids(char **ids, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        free(ids[k]);
    }
    free(ids);
}

int cli_load(cn_graph **out, const char *dir, const cli_dataset_opts *d)
{
    return cli_load_scenario(out, dir, d, NULL, NULL, 0);
}

int cli_load_scenario(cn_graph **out, const char *dir, const cli_dataset_opts *d,
                      const char *scenario, const char *const *without, size_t nwithout)
{
    cn_diag_list *diags = NULL;
    cn_load_options opts = CN_LOAD_OPTIONS_INIT;
    int rc, status;

    *out = NULL;
    if (d && d->max_errors) {
        opts.max_errors = d->max_errors;
    }
    if (d) {
        opts.at = d->at;
    }
    opts.scenario = scenario;
    opts.without = without;
    opts.nwithout = nwithout;
    if ((rc = cn_diag_list_create(&diags, opts.max_errors)) < 0) {
        return cli_status(rc);
    }
    rc = cn_load_dataset(out, dir, &opts, diags);
    cli_print_diags(diags);
    if (rc == CN_EDATA && cn_diag_list_total(diags) >= opts.max_errors) {
        cli_error("%s: stopped after %zu problem%s (--max-errors N raises the limit); nothing "
                  "written", dir, cn_diag_list_total(diags),
                  cn_diag_list_total(diags) == 1 ? "" : "s");
        status = EXIT_DATA;
    } else if (rc == CN_EDATA) {
        cli_error("%s: %zu problem%s; nothing written", dir, cn_diag_list_total(diags),
                  cn_diag_list_total(diags) == 1 ? "" : "s");
        status = EXIT_DATA;
    } else {
        status = cli_status(rc);
    }
    cn_diag_list_destroy(diags);
    return status;
}

/* Unfinished outputs' temporary files and directories are removed before the process dies of
 * the signal (cni_output_cleanup() is async-signal-safe). */
static void on_fatal_signal(int sig)
{
    cni_output_cleanup();
    signal(sig, SIG_DFL);
    raise(sig);
}

void cli_install_signal_cleanup(void)
{
    static const int sigs[] = { SIGINT, SIGTERM, SIGHUP, SIGPIPE };
    for (size_t k = 0; k < sizeof sigs / sizeof *sigs; k++) {
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = on_fatal_signal;
        sigemptyset(&sa.sa_mask);
        sigaction(sigs[k], &sa, NULL);
    }
}

int cli_out_open(cli_out *o, const char *path)
{
    int rc;

    memset(o, 0, sizeof *o);
    o->f.fd = -1;
    if (!path || strcmp(path, "-") == 0) {
        o->fp = stdout;
        return EXIT_OK;
    }
    if (!*path) {
        cli_error("-o needs a file name ('-' for standard output)");
        return EXIT_USAGE;
    }
    if ((rc = cni_outfile_open(&o->f, path)) < 0) {
        return cli_status(rc);
    }
    if (!(o->fp = fdopen(o->f.fd, "w"))) {
        cli_error("cannot create '%s': %s", path, strerror(errno));
        cni_outfile_abort(&o->f);
        return EXIT_CANTCREAT;
    }
    return EXIT_OK;
}

int cli_out_commit(cli_out *o)
{
    int status = EXIT_OK, rc;

    if (o->fp == stdout) {
        if (fflush(stdout) != 0) {
            cli_error("cannot write output: %s", strerror(errno));
            status = EXIT_IOERR;
        }
        o->fp = NULL;
        return status;
    }
    if (!o->fp) {
        return EXIT_INTERNAL;
    }
    /* ferror catches a write that failed earlier; fclose a failing final flush (full disk) */
    if (ferror(o->fp) | (fclose(o->fp) != 0)) {
        cli_error("cannot write '%s': %s", o->f.path, strerror(errno));
        o->fp = NULL;
        o->f.fd = -1;
        cni_outfile_abort(&o->f);
        return EXIT_IOERR;
    }
    o->fp = NULL;
    o->f.fd = -1; /* closed by fclose */
    rc = cni_outfile_commit(&o->f);
    return rc < 0 ? cli_status(rc) : EXIT_OK;
}

void cli_out_abort(cli_out *o)
{
    if (o->fp && o->fp != stdout) {
        fclose(o->fp);
        o->f.fd = -1;
        cni_outfile_abort(&o->f);
    }
    memset(o, 0, sizeof *o);
    o->f.fd = -1;
}

bool cli_parse_format(const char *s, cli_format *out)
{
    if (strcmp(s, "table") == 0) {
        *out = FORMAT_TABLE;
    } else if (strcmp(s, "csv") == 0) {
        *out = FORMAT_CSV;
    } else if (strcmp(s, "json") == 0) {
        *out = FORMAT_JSON;
    } else {
        return false;
    }
    return true;
}

/* ---- tables ---- */

static const cni_table_format TABLE_FORMAT[] = { [FORMAT_TABLE] = CNI_TABLE_TEXT,
                                                 [FORMAT_CSV] = CNI_TABLE_CSV,
                                                 [FORMAT_JSON] = CNI_TABLE_JSON };

/* The byte-order mark in front of the first CSV table of the output, with --csv-bom. */
static void csv_bom(FILE *fp)
{
    if (cli_csv_bom == CLI_BOM_DUE) {
        fputs(CNI_UTF8_BOM, fp);
        cli_csv_bom = CLI_BOM_WRITTEN;
    }
}

int cli_write_table(FILE *fp, cli_format format, const cni_table *t)
{
    cni_table_style st = CNI_TABLE_STYLE_INIT;

    st.csv_guard = cli_csv_guard;
    if (format == FORMAT_CSV) {
        csv_bom(fp);
    }
    return cni_table_write(t, TABLE_FORMAT[format], &st, fp);
}

int cli_stream_table(cni_table *t, FILE *fp)
{
    csv_bom(fp);
    return cni_table_stream_csv(t, fp, cli_csv_guard);
}

int cli_write_doc(FILE *fp, const cni_doc *d)
{
    return cni_doc_write(d, fp);
}

/* CSV text cells starting with = + - @ get a ' in front unless --csv-raw (README). */
bool cli_csv_guard = true;
int cli_csv_bom = CLI_BOM_NO;

bool cli_output_dir(const char *output, const cli_spec *spec, int *status)
{
    *status = EXIT_USAGE;
    if (!output) {
        cli_usage_error(spec, "no output: give -o DIR");
    } else if (!*output) {
        cli_error("-o needs a directory name");
    } else if (strcmp(output, "-") == 0) {
        cli_error("%s writes a directory: -o - (standard output) is not possible", spec->name);
    } else {
        *status = EXIT_OK;
    }
    return *status == EXIT_OK;
}

char *cli_dataset_file(const char *dir, const char *name, struct stat *st, int *status)
{
    char *path = malloc(strlen(dir) + strlen(name) + 2);

    memset(st, 0, sizeof *st);
    *status = EXIT_OK;
    if (!path) {
        cli_error("out of memory");
        *status = EXIT_INTERNAL;
        return NULL;
    }
    sprintf(path, "%s/%s", dir, name);
    if (lstat(path, st) != 0) {
        if (errno != ENOENT && errno != ENOTDIR) { /* a missing DIR is the loader's to report */
            cli_error("cannot read '%s': %s", path, strerror(errno));
            *status = EXIT_NOINPUT;
            free(path);
            return NULL;
        }
        memset(st, 0, sizeof *st);
    }
    return path;
}

int cli_load_targets(cn_targets **out, const char **path, char **owned, const char *dir,
                     size_t max_errors)
{
    cn_diag_list *diags = NULL;
    struct stat st;
    int rc, status;

    *out = NULL;
    *owned = NULL;
    if (!*path) {
        if (!(*owned = cli_dataset_file(dir, "targets.ini", &st, &status))) {
            return status;
        }
        if (st.st_mode == 0) {
            return EXIT_OK;
        }
        if (!S_ISREG(st.st_mode)) {
            cli_error("'%s' is %s: not read (give it with -t FILE to use it)", *owned,
                      S_ISLNK(st.st_mode) ? "a symbolic link" : "not a regular file");
            return EXIT_OK;
        }
        *path = *owned;
    }
    if ((rc = cn_diag_list_create(&diags, max_errors)) < 0) {
        return cli_status(rc);
    }
    rc = cn_targets_load(out, *path, diags);
    cli_print_diags(diags);
    cn_diag_list_destroy(diags);
    if (rc == CN_EDATA) {
        cli_error("%s: the targets cannot be read; nothing written", *path);
        return EXIT_DATA;
    }
    if (rc == CN_ENOENT) {
        cli_error("%s", cn_errmsg());
        return EXIT_NOINPUT;
    }
    return cli_status(rc);
}

int cli_check_targets(const cn_targets *t, const char *path, const cn_graph *g, bool strict,
                      size_t max_errors)
{
    cn_diag_list *diags = NULL;
    size_t n = 0;
    int rc;

    if (!t) {
        return EXIT_OK;
    }
    if ((rc = cn_diag_list_create(&diags, max_errors)) < 0
        || (rc = cn_targets_check(&n, t, g, diags)) < 0) {
        cn_diag_list_destroy(diags);
        return cli_status(rc);
    }
    cli_print_diags(diags);
    cn_diag_list_destroy(diags);
    if (strict && n > 0) {
        cli_error("%s: %zu warning%s, errors with --strict; nothing written", path, n,
                  n == 1 ? "" : "s");
        return EXIT_DATA;
    }
    return EXIT_OK;
}

bool cli_parse_enum(const char *s, const char *(*name)(int), int count, int *out)
{
    for (int k = 0; k < count; k++) {
        if (strcmp(s, name(k)) == 0) {
            *out = k;
            return true;
        }
    }
    return false;
}

static const char *view_name(int k) { return cn_view_name((cn_view)k); }
static const char *proj_name(int k) { return cn_projection_name((cn_projection)k); }

bool cli_centrality_option(cli_centrality *a, int c, const char *arg, int *status)
{
    size_t v;
    int k;

    *status = EXIT_OK;
    switch (c) {
    case 'm': a->measures = arg; return true;
    case 'g':
        if (!cli_parse_enum(arg, view_name, 4, &k)) {
            cli_error("unknown graph '%s' (expected collaboration, membership, combined or "
                      "comembership)", arg);
            *status = EXIT_USAGE;
        } else {
            a->o.view = (cn_view)k;
        }
        return true;
    case OPT_PROJ:
        if (!cli_parse_enum(arg, proj_name, 3, &k)) {
            cli_error("unknown projection weight '%s' (expected count, newman or jaccard)", arg);
            *status = EXIT_USAGE;
        } else {
            a->o.projection = (cn_projection)k;
        }
        return true;
    case OPT_UNWEIGHTED: a->o.weighted = false; return true;
    case OPT_NORMALIZED: a->o.normalized = true; return true;
    case OPT_SAMPLE:
        if (!cli_parse_positive("--sample", arg, &a->o.sample)) {
            *status = EXIT_USAGE;
        }
        a->sample_given = true;
        return true;
    case OPT_SEED:
        if (!cli_parse_size(arg, &v)) {
            cli_error("--seed needs a non-negative integer, not '%s'", arg);
            *status = EXIT_USAGE;
        }
        a->o.seed = v;
        return true;
    case OPT_EXACT: a->exact = true; return true;
    case OPT_MAX_TIES:
        if (!cli_parse_positive("--max-ties", arg, &a->o.max_ties)) {
            *status = EXIT_USAGE;
        }
        return true;
    case 'j':
        if (!cli_parse_size(arg, &v) || v == 0 || v > 256) {
            cli_error("--jobs needs an integer from 1 to 256, not '%s'", arg);
            *status = EXIT_USAGE;
        }
        a->o.processes = (unsigned)v;
        return true;
    default: return false;
    }
}

static bool parse_measures(const char *list, cn_measure *ms, size_t *nm)
{
    char *copy = strdup(list), *save = NULL;
    bool ok = copy != NULL;

    *nm = 0;
    if (ok && strcmp(list, "all") == 0) {
        for (int m = 0; m < CN_MEASURE_COUNT; m++) {
            ms[(*nm)++] = (cn_measure)m;
        }
        free(copy);
        return true;
    }
    for (char *tok = ok ? strtok_r(copy, ",", &save) : NULL; tok && ok;
         tok = strtok_r(NULL, ",", &save)) {
        cn_measure m;
        if (cn_measure_parse(&m, tok) < 0) {
            cli_error("unknown measure '%s' (expected degree, strength, betweenness, closeness, "
                      "harmonic, eigenvector, pagerank, constraint, coreness or all)", tok);
            ok = false;
        } else {
            for (size_t k = 0; k < *nm; k++) {
                ok = ok && ms[k] != m;
            }
            if (!ok) {
                cli_error("measure '%s' given twice", tok);
            } else {
                ms[(*nm)++] = m;
            }
        }
    }
    free(copy);
    return ok && *nm > 0;
}


bool cli_centrality_measures(cli_centrality *a, cn_measure *ms, size_t *nm)
{
    if (a->exact && a->sample_given) {
        cli_error("--exact and --sample exclude each other");
        return false;
    }
    if (!parse_measures(a->measures, ms, nm)) {
        if (*nm == 0 && strcmp(a->measures, "") == 0) {
            cli_error("--measures is empty");
        }
        return false;
    }
    return true;
}

void cli_centrality_auto_sample(cli_centrality *a, const cn_graph *g, const cn_measure *ms,
                                size_t nm)
{
    size_t nv = 0;
    bool path = false;

    for (size_t i = 0; i < cn_graph_node_count(g); i++) {
        nv += cn_view_includes(g, a->o.view, i);
    }
    for (size_t m = 0; m < nm; m++) {
        path = path || ms[m] == CN_MEASURE_BETWEENNESS || ms[m] == CN_MEASURE_CLOSENESS
               || ms[m] == CN_MEASURE_HARMONIC;
    }
    if (path && !a->exact && !a->sample_given && nv > CLI_AUTO_SAMPLE_VERTICES) {
        a->o.sample = CLI_AUTO_SAMPLE_SOURCES;
        cli_error("%zu vertices: betweenness, closeness and harmonic are estimated from %d "
                  "sampled sources (seed %llu); --exact computes them exactly",
                  nv, CLI_AUTO_SAMPLE_SOURCES, (unsigned long long)a->o.seed);
    }
}

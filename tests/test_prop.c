/* Property test: generated datasets (tests/gen/testgen.c) of many shapes through every command
 * and view, in-process, checking invariants besides the exit status: overlap symmetric and
 * bounded, coverage consistent with info, degree sums twice the ties, the GraphML round trip
 * giving back the same dataset, exports and reports byte-identical on a rerun.
 *
 * Each dataset runs in a child process, so that one crash names its seed and the others still
 * run. CN_PROPTEST_SEED=S runs seeds from S, CN_PROPTEST_COUNT=N that many (default 300),
 * CN_PROPTEST_SMALL=1 draws smaller datasets and CN_PROPTEST_INPROCESS=1 runs them all in this
 * process (the valgrind setup sets both: valgrind checks every process for leaks at its exit,
 * which would take most of the time; under ASan, a child checks for leaks on every 25th
 * dataset, a second each). A failure prints
 * the seed, the command and what broke; replay it with CN_PROPTEST_SEED=S CN_PROPTEST_COUNT=1
 * (CN_PROPTEST_KEEP=1 keeps the dataset and the outputs in the temporary directory). */
#define _XOPEN_SOURCE 700 /* nftw */
#include <dirent.h>
#include <errno.h>
#include <ftw.h>
#include <jansson.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <collabnet/collabnet.h>

#include "commands.h"
#include "gen/testgen.h"

/* Every k-th dataset gets the costly steps: SVG layout, centrality in the export, the report. */
enum {
    LEAK_CHECK_EVERY = 25,
    SVG_EVERY = 10,
    EXPORT_CENTRALITY_EVERY = 6,
    REPORT_EVERY = 100,
    JOBS_EVERY = 10
};

typedef struct ctx {
    uint64_t seed;
    size_t index;        /* of the dataset in this run */
    char tmp[256];       /* the dataset's work directory */
    char ds[300];        /* tmp/ds: the dataset */
    tgen_dataset d;
    char cmdline[2048];  /* the last command run, for failure messages */
    int failures;
    cn_graph *g;         /* the dataset, loaded once */
} ctx;

static void fail(ctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void fail(ctx *c, const char *fmt, ...)
{
    va_list ap;
    char shapes[256];

    if (++c->failures > 8) {
        return; /* enough to go on */
    }
    fprintf(stderr, "proptest: seed %llu [%s]: %s: ", (unsigned long long)c->seed,
            tgen_shape_names(c->d.shapes, shapes, sizeof shapes), c->cmdline);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

#define CHECK(c, cond, ...)                                                                    \
    do {                                                                                       \
        if (!(cond)) {                                                                         \
            fail(c, __VA_ARGS__);                                                              \
        }                                                                                      \
    } while (0)

/* Run a command on a NULL-terminated list (copied: getopt permutes argv). */
static int run(ctx *c, int (*cmd)(int, char **), const char *const *args)
{
    char *argv[40];
    int argc = 0, status;
    size_t used = 0;
    struct timespec t0, t1;
    double secs;

    for (; args[argc] && argc < 39; argc++) {
        argv[argc] = strdup(args[argc]);
        used += (size_t)snprintf(c->cmdline + used, sizeof c->cmdline - used, "%s%s",
                                 argc ? " " : "collabnet ", args[argc]);
        if (used >= sizeof c->cmdline) {
            used = sizeof c->cmdline - 1;
        }
    }
    argv[argc] = NULL;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    status = cmd(argc, argv);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    if (getenv("CN_PROPTEST_SLOW") && secs > atof(getenv("CN_PROPTEST_SLOW"))) {
        fprintf(stderr, "proptest: seed %llu: %.2f s: %s\n", (unsigned long long)c->seed, secs,
                c->cmdline);
    }
    fflush(stdout);
    fflush(stderr);
    for (int i = 0; i < argc; i++) {
        free(argv[i]);
    }
    return status;
}

#define RUN(c, cmd, ...) run(c, cmd, (const char *const[]){ __VA_ARGS__, NULL })

static void path(const ctx *c, char *buf, size_t size, const char *name)
{
    snprintf(buf, size, "%s/%s", c->tmp, name);
}

static json_t *load_json(ctx *c, const char *file)
{
    json_error_t err;
    json_t *j = json_load_file(file, 0, &err);

    CHECK(c, j, "%s is not JSON: %s (line %d)", file, err.text, err.line);
    return j;
}

static char *slurp(const char *file, size_t *len)
{
    FILE *fp = fopen(file, "rb");
    char *buf = NULL;
    long n;

    *len = 0;
    if (!fp) {
        return NULL;
    }
    if (fseek(fp, 0, SEEK_END) == 0 && (n = ftell(fp)) >= 0 && fseek(fp, 0, SEEK_SET) == 0
        && (buf = malloc((size_t)n + 1)) && fread(buf, 1, (size_t)n, fp) == (size_t)n) {
        buf[n] = '\0';
        *len = (size_t)n;
    } else {
        free(buf);
        buf = NULL;
    }
    fclose(fp);
    return buf;
}

static bool same_file(const char *a, const char *b)
{
    size_t la, lb;
    char *x = slurp(a, &la), *y = slurp(b, &lb);
    bool same = x && y && la == lb && memcmp(x, y, la) == 0;

    free(x);
    free(y);
    return same;
}

static size_t jsize(const json_t *o, const char *key)
{
    return (size_t)json_integer_value(json_object_get(o, key));
}

/* ---- info ---- */

static json_t *check_info(ctx *c, const char *at)
{
    char out[300];
    json_t *j;
    int st;

    path(c, out, sizeof out, at ? "info-at.json" : "info.json");
    st = at ? RUN(c, cmd_info, "info", "-f", "json", "--at", at, "-o", out, c->ds)
            : RUN(c, cmd_info, "info", "-f", "json", "-o", out, c->ds);
    CHECK(c, st == 0, "exit %d", st);
    if (st != 0 || !(j = load_json(c, out))) {
        return NULL;
    }
    if (!at) {
        json_t *nodes = json_object_get(j, "nodes"), *edges = json_object_get(j, "edges");
        CHECK(c, jsize(nodes, "total") == c->d.nodes_count, "nodes total %zu, generated %zu",
              jsize(nodes, "total"), c->d.nodes_count);
        CHECK(c, jsize(edges, "membership") == c->d.memberships, "memberships %zu, generated %zu",
              jsize(edges, "membership"), c->d.memberships);
        CHECK(c, jsize(edges, "collaboration_rows") == c->d.collaborations,
              "collaboration rows %zu, generated %zu", jsize(edges, "collaboration_rows"),
              c->d.collaborations);
        CHECK(c, json_array_size(json_object_get(j, "networks")) == c->d.networks,
              "%zu networks listed, %zu generated", json_array_size(json_object_get(j, "networks")),
              c->d.networks);
    }
    return j;
}

/* ---- centrality ---- */

/* Co-membership ties: actor pairs sharing a direct network, counted from the model. */
static size_t comembership_ties(const cn_graph *g)
{
    size_t n = cn_graph_node_count(g), ties = 0, *mem = NULL, cap = 0;
    unsigned char *seen;

    if (!(seen = calloc(n ? (n * n + 7) / 8 : 1, 1))) {
        return (size_t)-1;
    }
    for (size_t net = 0; net < n; net++) {
        size_t k = 0, m;
        if (cn_graph_node_kind(g, net) != CN_NODE_NETWORK) {
            continue;
        }
        m = cn_graph_network_member_count(g, net);
        if (m > cap) {
            free(mem);
            cap = m;
            if (!(mem = malloc(cap * sizeof *mem))) {
                free(seen);
                return (size_t)-1;
            }
        }
        for (size_t i = 0; i < m; i++) {
            cn_edge e;
            cn_graph_edge(g, cn_graph_network_member_edge(g, net, i), &e);
            if (cn_graph_node_kind(g, e.source) != CN_NODE_NETWORK) {
                mem[k++] = e.source;
            }
        }
        for (size_t x = 0; x < k; x++) {
            for (size_t y = 0; y < k; y++) {
                size_t a = mem[x], b = mem[y], bit = a * n + b;
                if (a < b && !(seen[bit / 8] & (1u << (bit % 8)))) {
                    seen[bit / 8] |= (unsigned char)(1u << (bit % 8));
                    ties++;
                }
            }
        }
    }
    free(mem);
    free(seen);
    return ties;
}

static void check_degrees(ctx *c, cn_view view, size_t ties)
{
    size_t n = cn_graph_node_count(c->g);
    double *deg = calloc(n + 1, sizeof *deg), sum = 0;
    cn_measure m = CN_MEASURE_DEGREE;
    cn_centrality_options o = CN_CENTRALITY_OPTIONS_INIT;
    int rc;

    snprintf(c->cmdline, sizeof c->cmdline, "cn_centrality(degree, %s)", cn_view_name(view));
    o.view = view;
    o.processes = 1;
    rc = cn_centrality(&deg, c->g, &m, 1, &o);
    CHECK(c, rc == 0, "%s", cn_errmsg());
    for (size_t i = 0; rc == 0 && i < n; i++) {
        sum += isnan(deg[i]) ? 0 : deg[i];
    }
    CHECK(c, rc != 0 || sum == 2.0 * (double)ties, "degree sum %.0f, expected 2 x %zu ties", sum,
          ties);
    free(deg);
}

static void check_centrality(ctx *c, const char *graph, size_t ties)
{
    char out[300];
    const char *jobs = c->index % JOBS_EVERY == 0 ? "2" : "1";
    json_t *j, *nodes;
    double degrees = 0, pagerank = 0;
    size_t with_pr = 0, idx;
    json_t *n;
    int st;

    path(c, out, sizeof out, "centrality.json");
    if (c->d.shapes & TGEN_BIG && strcmp(graph, "comembership") == 0) {
        /* the big network is a clique of half a million ties and more here: the measures
         * linear in the ties only */
        st = RUN(c, cmd_centrality, "centrality", "-g", graph, "-m",
                 "degree,strength,eigenvector,pagerank,coreness", "-j", jobs, "-f", "json", "-o",
                 out, c->ds);
    } else if (c->d.shapes & TGEN_BIG) {
        st = RUN(c, cmd_centrality, "centrality", "-g", graph, "-m", "all", "--sample", "8", "-j",
                 jobs, "-f", "json", "-o", out, c->ds);
    } else {
        st = RUN(c, cmd_centrality, "centrality", "-g", graph, "-m", "all", "-j", jobs, "-f",
                 "json", "-o", out, c->ds);
    }
    CHECK(c, st == 0, "exit %d", st);
    if (st != 0 || !(j = load_json(c, out))) {
        return;
    }
    nodes = json_object_get(j, "nodes");
    json_array_foreach(nodes, idx, n) {
        static const char *const nonneg[] = { "degree", "strength", "betweenness", "closeness",
                                              "harmonic", "eigenvector", "pagerank",
                                              "constraint", "coreness" };
        json_t *pr = json_object_get(n, "pagerank");
        for (size_t k = 0; k < sizeof nonneg / sizeof nonneg[0]; k++) {
            json_t *v = json_object_get(n, nonneg[k]);
            CHECK(c, v || (c->d.shapes & TGEN_BIG && strcmp(graph, "comembership") == 0
                           && (k == 2 || k == 3 || k == 4 || k == 7)),
                  "node %zu has no %s (a value that is not finite, dropped from the JSON?)",
                  idx, nonneg[k]);
            if (v && !json_is_null(v)) {
                double x = json_number_value(v);
                CHECK(c, json_is_number(v) && isfinite(x) && x >= 0,
                      "node %zu: %s is %g", idx, nonneg[k], x);
            }
        }
        degrees += json_number_value(json_object_get(n, "degree"));
        if (pr && json_is_number(pr)) {
            pagerank += json_number_value(pr);
            with_pr++;
        }
    }
    CHECK(c, degrees == 2.0 * (double)ties, "degree sum %.0f, expected 2 x %zu ties", degrees,
          ties);
    CHECK(c, with_pr == 0 || fabs(pagerank - 1.0) < 1e-6, "PageRank sums to %.17g", pagerank);
    json_decref(j);

    path(c, out, sizeof out, "cuts.json");
    st = RUN(c, cmd_centrality, "centrality", "-g", graph, "--cut-points", "-f", "json", "-o", out,
             c->ds);
    CHECK(c, st == 0, "exit %d", st);
}

/* ---- overlap ---- */

static void check_overlap(ctx *c, bool transitive)
{
    const char *tr = transitive ? "--transitive" : "--min-shared=1";
    char out[300], mout[300];
    json_t *pairs = NULL, *matrix = NULL, *p, *rows, *names;
    size_t idx, nnet, nonzero = 0;
    int st;

    path(c, out, sizeof out, "overlap.json");
    path(c, mout, sizeof mout, "matrix.json");
    st = RUN(c, cmd_overlap, "overlap", tr, "-f", "json", "-o", out, c->ds);
    CHECK(c, st == 0, "exit %d", st);
    if (st != 0 || !(pairs = load_json(c, out))) {
        return;
    }
    st = RUN(c, cmd_overlap, "overlap", tr, "--matrix", "-f", "json", "-o", mout, c->ds);
    CHECK(c, st == 0, "exit %d", st);
    if (st != 0 || !(matrix = load_json(c, mout))) {
        json_decref(pairs);
        return;
    }
    rows = json_object_get(matrix, "matrix");
    names = json_object_get(matrix, "networks");
    nnet = json_array_size(names);
    CHECK(c, nnet == c->d.networks && json_array_size(rows) == nnet, "matrix of %zu networks",
          nnet);
    for (size_t a = 0; a < json_array_size(rows); a++) {
        for (size_t b = 0; b < json_array_size(rows); b++) {
            json_int_t x = json_integer_value(json_array_get(json_array_get(rows, a), b));
            json_int_t y = json_integer_value(json_array_get(json_array_get(rows, b), a));
            CHECK(c, x == y, "matrix[%zu][%zu] = %lld, [%zu][%zu] = %lld", a, b, (long long)x, b,
                  a, (long long)y);
            nonzero += a < b && x > 0;
            if (a != b) {
                json_int_t da = json_integer_value(json_array_get(json_array_get(rows, a), a));
                CHECK(c, x <= da, "matrix[%zu][%zu] = %lld exceeds the size %lld", a, b,
                      (long long)x, (long long)da);
            }
        }
    }
    CHECK(c, json_array_size(json_object_get(pairs, "pairs")) == nonzero,
          "%zu pairs, %zu nonzero matrix cells",
          json_array_size(json_object_get(pairs, "pairs")), nonzero);
    json_array_foreach(json_object_get(pairs, "pairs"), idx, p) {
        size_t shared = jsize(p, "shared"), sa = jsize(p, "size_a"), sb = jsize(p, "size_b");
        size_t bykind = 0;
        double jac = json_number_value(json_object_get(p, "jaccard"));
        double ov = json_number_value(json_object_get(p, "overlap"));
        const char *key;
        json_t *v;
        CHECK(c, shared >= 1 && shared <= (sa < sb ? sa : sb),
              "pair %zu: shared %zu, sizes %zu %zu", idx, shared, sa, sb);
        CHECK(c, jac >= 0 && jac <= 1 && ov >= 0 && ov <= 1, "pair %zu: jaccard %g, overlap %g",
              idx, jac, ov);
        CHECK(c, fabs(jac - (double)shared / (double)(sa + sb - shared)) < 1e-12,
              "pair %zu: jaccard %.17g", idx, jac);
        CHECK(c, fabs(ov - (double)shared / (double)(sa < sb ? sa : sb)) < 1e-12,
              "pair %zu: overlap %.17g", idx, ov);
        json_object_foreach(json_object_get(p, "shared_by_kind"), key, v) {
            bykind += (size_t)json_integer_value(v);
        }
        CHECK(c, bykind == shared, "pair %zu: shared by kind sums to %zu, shared %zu", idx,
              bykind, shared);
    }
    json_decref(pairs);
    json_decref(matrix);
}

/* Pairs and matrix, plain or transitive in turn, then one of the other views in turn. */
static void check_overlap_views(ctx *c)
{
    char out[300];
    int st;

    check_overlap(c, c->index % 2 == 1);
    path(c, out, sizeof out, "overlap-more.txt");
    switch (c->index % 5) {
    case 0:
        st = RUN(c, cmd_overlap, "overlap", "--actors", "-f", "json", "-o", out, c->ds);
        break;
    case 1:
        st = RUN(c, cmd_overlap, "overlap", "--by", "field", "-f", "json", "-o", out, c->ds);
        break;
    case 2:
        st = RUN(c, cmd_overlap, "overlap", "--by", "region", "-f", "csv", "-o", out, c->ds);
        break;
    case 3:
        st = RUN(c, cmd_overlap, "overlap", "--kind", "expert", "-f", "csv", "-o", out, c->ds);
        break;
    default:
        st = RUN(c, cmd_overlap, "overlap", "--transitive", "--actors", "-f", "csv", "-o", out,
                 c->ds);
        break;
    }
    CHECK(c, st == 0, "exit %d", st);
}

/* ---- mixing and brokerage: every tie counted once, representative = gatekeeper ---- */

static void check_mixing(ctx *c)
{
    const char *by = c->index % 2 ? "field" : "region";
    char out[300];
    json_t *j = NULL, *sum, *a;
    size_t idx;
    int st;

    path(c, out, sizeof out, "mixing.json");
    st = RUN(c, cmd_mixing, "mixing", "--by", by, "-f", "json", "-o", out, c->ds);
    /* 65: no actor with a value, or no tie between two of them */
    CHECK(c, st == 0 || st == 65, "exit %d", st);
    if (st == 0 && (j = load_json(c, out))) {
        sum = json_object_get(j, "summary");
        double in = json_number_value(json_object_get(sum, "ties_internal"));
        double ex = json_number_value(json_object_get(sum, "ties_external"));
        double ties = json_number_value(json_object_get(sum, "ties"));
        CHECK(c, fabs(in + ex - ties) <= 1e-9 * ties, "%.17g + %.17g ties, not %.17g", in, ex,
              ties);
    }
    json_decref(j);
    j = NULL;
    path(c, out, sizeof out, "brokerage.json");
    st = RUN(c, cmd_brokerage, "brokerage", "-f", "json", "-o", out, c->ds);
    CHECK(c, st == 0 || st == 65, "exit %d", st);
    if (st == 0 && (j = load_json(c, out))) {
        json_array_foreach(json_object_get(j, "actors"), idx, a) {
            static const char *const roles[] = { "coordinator", "itinerant", "representative",
                                                 "gatekeeper", "liaison" };
            double total = 0;
            for (size_t r = 0; r < 5; r++) {
                total += json_number_value(json_object_get(a, roles[r]));
            }
            CHECK(c, json_equal(json_object_get(a, "representative"),
                                json_object_get(a, "gatekeeper")),
                  "%s: representative and gatekeeper differ",
                  json_string_value(json_object_get(a, "id")));
            CHECK(c, total == json_number_value(json_object_get(a, "total")),
                  "%s: the roles do not sum to the total",
                  json_string_value(json_object_get(a, "id")));
        }
    }
    json_decref(j);
}

/* ---- coverage against info ---- */

static bool has_string(const json_t *arr, const char *s)
{
    size_t i;
    json_t *v;

    json_array_foreach(arr, i, v) {
        if (json_is_string(v) && strcmp(json_string_value(v), s) == 0) {
            return true;
        }
    }
    return false;
}

static const char *umbrella_of(const char *targets)
{
    static char id[200];
    const char *p = strstr(targets, "\numbrella = ");

    if (!p) {
        return NULL;
    }
    p += strlen("\numbrella = ");
    snprintf(id, sizeof id, "%.*s", (int)strcspn(p, "\n"), p);
    return id;
}

/* In scope: the umbrella's direct sub-networks, or every network. */
static bool in_scope(const json_t *net, const char *umbrella)
{
    return !umbrella || has_string(json_object_get(net, "parents"), umbrella);
}

static void check_coverage(ctx *c, const json_t *info, const char *at)
{
    char out[300], tpath[320];
    const char *umbrella = umbrella_of(c->d.targets);
    json_t *cov, *r, *cell, *nets = json_object_get(info, "networks"), *net;
    size_t idx, k;
    int st;

    path(c, out, sizeof out, "coverage.json");
    snprintf(tpath, sizeof tpath, "%s/targets.ini", c->ds);
    st = at ? RUN(c, cmd_coverage, "coverage", "--at", at, "-f", "json", "-o", out, c->ds)
            : RUN(c, cmd_coverage, "coverage", "-t", tpath, "-f", "json", "-o", out, c->ds);
    CHECK(c, st == 0, "exit %d", st);
    if (st != 0 || !(cov = load_json(c, out))) {
        return;
    }
    json_array_foreach(json_object_get(cov, "results"), idx, r) {
        const char *type = json_string_value(json_object_get(r, "type"));
        size_t have = jsize(r, "have"), count = 0;
        if (strcmp(type, "field-networks") == 0) {
            const char *f = json_string_value(json_object_get(r, "field"));
            json_array_foreach(nets, k, net) {
                count += in_scope(net, umbrella) && has_string(json_object_get(net, "fields"), f);
            }
            CHECK(c, have == count, "field '%s': coverage has %zu networks, info %zu", f, have,
                  count);
        } else if (strcmp(type, "network-lead") == 0) {
            const char *id = json_string_value(json_object_get(r, "network"));
            json_array_foreach(nets, k, net) {
                if (strcmp(json_string_value(json_object_get(net, "id")), id) == 0) {
                    count = jsize(json_object_get(net, "roles"), "lead");
                }
            }
            CHECK(c, have == count, "network '%s': coverage has %zu leads, info %zu", id, have,
                  count);
        }
        if (strcmp(type, "field-networks") == 0 || strcmp(type, "network-lead") == 0
            || strcmp(type, "network-members") == 0) {
            bool met = json_is_true(json_object_get(r, "met"));
            size_t need = jsize(r, "need");
            CHECK(c, met == (type[8] == 'l' ? have == need : have >= need),
                  "result %zu (%s): met is %d with have %zu, need %zu", idx, type, met, have, need);
        }
    }
    json_array_foreach(json_object_get(cov, "matrix"), idx, cell) {
        const char *f = json_string_value(json_object_get(cell, "field"));
        const char *reg = json_string_value(json_object_get(cell, "region"));
        size_t led = 0;
        json_array_foreach(nets, k, net) {
            const char *lr = json_string_value(json_object_get(net, "lead_region"));
            led += in_scope(net, umbrella) && has_string(json_object_get(net, "fields"), f) && lr
                   && strcmp(lr, reg) == 0;
        }
        CHECK(c, jsize(cell, "led") == led, "cell %s/%s: coverage has %zu networks led, info %zu",
              f, reg, jsize(cell, "led"), led);
    }
    json_decref(cov);
}

/* ---- render ---- */

/* Render view variant v (of RENDER_VARIANTS) to @p file, as DOT or (svg) laid out. */
enum { RENDER_VARIANTS = 7 };
static int render(ctx *c, size_t v, const char *file, bool svg)
{
    const char *t = svg ? "svg" : "dot";
    const char *focus = c->d.focus ? c->d.focus : "none";

    switch (v) {
    case 0:
    case 1:
    case 2:
    case 3: {
        static const char *const views[] = { "membership", "overlap", "coverage", "collaboration" };
        return RUN(c, cmd_render, "render", "-v", views[v], "-T", t, "-o", file, c->ds);
    }
    case 4:
        return RUN(c, cmd_render, "render", "-v", "collaboration", "--ties", "comembership", "-T",
                   t, "-o", file, c->ds);
    case 5:
        return c->d.focus ? RUN(c, cmd_render, "render", "-v", "ego", "--focus", focus, "--depth",
                                "2", "-T", t, "-o", file, c->ds)
                          : 0;
    default:
        return c->d.col_extra
                   ? RUN(c, cmd_render, "render", "-v", "membership", "--group", "region",
                         "--label-column", "name_en", "-T", t, "-o", file, c->ds)
                   : RUN(c, cmd_render, "render", "-v", "membership", "--group", "region", "-T", t,
                         "-o", file, c->ds);
    }
}

/* Two views as DOT, the first twice (byte-identical); every tenth dataset one view as SVG. */
static void check_render(ctx *c)
{
    char out[300], again[300];
    size_t v = c->index % RENDER_VARIANTS;
    int st;

    path(c, out, sizeof out, "view.dot");
    path(c, again, sizeof again, "view-again.dot");
    st = render(c, v, out, false);
    CHECK(c, st == 0, "exit %d", st);
    st = render(c, v, again, false);
    CHECK(c, st == 0 && ((v == 5 && !c->d.focus) || same_file(out, again)),
          "exit %d, or a rerun differs", st);
    st = render(c, (v + 3) % RENDER_VARIANTS, out, false);
    CHECK(c, st == 0, "exit %d", st);
    if (c->index % SVG_EVERY == 0) {
        path(c, out, sizeof out, "view.svg");
        st = render(c, (c->index / SVG_EVERY) % RENDER_VARIANTS, out, true);
        CHECK(c, st == 0, "exit %d", st);
    }
}

/* ---- export, import, the round trip ---- */

/* Text as the exports write it: control characters other than tab and newline become U+FFFD. */
static void xml_text(FILE *fp, const char *s)
{
    for (; s && *s; s++) {
        unsigned char b = (unsigned char)*s;
        if ((b < 0x20 && b != '\t' && b != '\n') || b == 0x7f) {
            fputs("\xef\xbf\xbd", fp);
        } else {
            fputc(b, fp);
        }
    }
    fputc('\x1f', fp);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void date_text(FILE *fp, cn_date d)
{
    fprintf(fp, "%d-%d-%d\x1f", d.year, d.month, d.day);
}

/* The dataset as sorted lines, one per node and per edge row, every attribute by name. */
static char **canonical(const cn_graph *g, size_t *count)
{
    size_t n = cn_graph_node_count(g), m = cn_graph_edge_count(g), k = 0;
    char **lines = calloc(n + m + 1, sizeof *lines);

    for (size_t i = 0; lines && i < n; i++, k++) {
        size_t len, nf = cn_graph_node_field_count(g, i);
        char **fields = calloc(nf + 1, sizeof *fields);
        FILE *fp = open_memstream(&lines[k], &len);
        fputs("node\x1f", fp);
        xml_text(fp, cn_graph_node_id(g, i));
        xml_text(fp, cn_graph_node_label(g, i));
        xml_text(fp, cn_node_kind_name(cn_graph_node_kind(g, i)));
        xml_text(fp, cn_graph_node_region(g, i));
        xml_text(fp, cn_graph_node_country(g, i));
        for (size_t f = 0; f < nf; f++) {
            fields[f] = (char *)cn_graph_node_field(g, i, f);
        }
        qsort(fields, nf, sizeof *fields, cmp_str);
        for (size_t f = 0; f < nf; f++) {
            fprintf(fp, "%s;", fields[f]);
        }
        free(fields);
        for (size_t a = 0; a < cn_graph_node_attr_count(g); a++) {
            const char *v = cn_graph_node_attr(g, i, a);
            if (v && *v) {
                fprintf(fp, "\x1f%s=", cn_graph_node_attr_name(g, a));
                xml_text(fp, v);
            }
        }
        fclose(fp);
    }
    for (size_t e = 0; lines && e < m; e++, k++) {
        size_t len;
        cn_edge x;
        FILE *fp = open_memstream(&lines[k], &len);
        cn_graph_edge(g, e, &x);
        fputs("edge\x1f", fp);
        xml_text(fp, cn_graph_node_id(g, x.source));
        xml_text(fp, cn_graph_node_id(g, x.target));
        fprintf(fp, "%s\x1f%s\x1f%.17g\x1f", cn_edge_kind_name(x.kind), cn_role_name(x.role),
                x.weight);
        date_text(fp, x.since);
        date_text(fp, x.until);
        xml_text(fp, x.ref);
        for (size_t a = 0; a < cn_graph_edge_attr_count(g); a++) {
            const char *v = cn_graph_edge_attr(g, e, a);
            if (v && *v) {
                fprintf(fp, "\x1f%s=", cn_graph_edge_attr_name(g, a));
                xml_text(fp, v);
            }
        }
        fclose(fp);
    }
    if (lines) {
        qsort(lines, k, sizeof *lines, cmp_str);
    }
    *count = k;
    return lines;
}

static void free_lines(char **lines, size_t n)
{
    for (size_t i = 0; lines && i < n; i++) {
        free(lines[i]);
    }
    free(lines);
}

/* A line for a failure message: separators shown as |, at most 300 bytes. */
static const char *show(const char *s)
{
    static char buf[2][320];
    static int which;
    char *b = buf[which ^= 1];
    size_t i = 0;

    for (; s && *s && i < 300; s++) {
        b[i++] = *s == '\x1f' ? '|' : *s == '\n' ? '~' : *s;
    }
    b[i] = '\0';
    return b;
}

static void check_round_trip(ctx *c, const char *graphml)
{
    char imp[300];
    cn_load_options o = CN_LOAD_OPTIONS_INIT;
    cn_graph *back = NULL;
    char **x = NULL, **y = NULL;
    size_t nx = 0, ny = 0;
    int st;

    path(c, imp, sizeof imp, "imported");
    st = RUN(c, cmd_import, "import", graphml, "-o", imp);
    CHECK(c, st == 0, "exit %d", st);
    if (st != 0) {
        return;
    }
    snprintf(c->cmdline, sizeof c->cmdline, "the GraphML round trip (export, import)");
    if (cn_load_dataset(&back, imp, &o, NULL) < 0) {
        fail(c, "the imported dataset does not load: %s", cn_errmsg());
        return;
    }
    x = canonical(c->g, &nx);
    y = canonical(back, &ny);
    CHECK(c, x && y && nx == ny, "%zu nodes and edges exported, %zu imported", nx, ny);
    for (size_t i = 0; x && y && i < nx && i < ny; i++) {
        if (strcmp(x[i], y[i]) != 0) {
            fail(c, "first difference:\n  exported %s\n  imported %s", show(x[i]), show(y[i]));
            break;
        }
    }
    free_lines(x, nx);
    free_lines(y, ny);
    cn_graph_destroy(back);
}

static void check_export(ctx *c)
{
    static const char *const formats[] = { "graphml", "gexf", "json", "dot" };
    char out[300], again[300];
    json_t *j;
    int st;

    /* GraphML every time (the round trip), one other format in turn */
    for (size_t f = 0; f < 4; f++) {
        char name[32];
        if (f != 0 && f != 1 + c->index % 3) {
            continue;
        }
        snprintf(name, sizeof name, "export.%s", formats[f]);
        path(c, out, sizeof out, name);
        st = RUN(c, cmd_export, "export", "--to", formats[f], "-o", out, c->ds);
        CHECK(c, st == 0, "exit %d", st);
    }
    path(c, out, sizeof out, "export.json");
    if (c->index % 3 == 1 && (j = load_json(c, out))) {
        CHECK(c, json_array_size(json_object_get(j, "nodes")) == c->d.nodes_count
                     && json_array_size(json_object_get(j, "links"))
                            == c->d.memberships + c->d.collaborations,
              "%zu nodes and %zu links", json_array_size(json_object_get(j, "nodes")),
              json_array_size(json_object_get(j, "links")));
        json_decref(j);
    }
    path(c, out, sizeof out, "export.graphml");
    check_round_trip(c, out);
    if (c->index % EXPORT_CENTRALITY_EVERY == 0) {
        const char *g = c->index % 2 ? "combined" : "collaboration";
        path(c, out, sizeof out, "centrality.graphml");
        path(c, again, sizeof again, "centrality-again.graphml");
        st = RUN(c, cmd_export, "export", "--with", "centrality", "-g", g, "-o", out, c->ds);
        CHECK(c, st == 0, "exit %d", st);
        st = RUN(c, cmd_export, "export", "--with", "centrality", "-g", g, "-o", again, c->ds);
        CHECK(c, st == 0 && same_file(out, again), "exit %d, or a rerun differs", st);
    }
}

/* ---- report ---- */

static int remove_one(const char *p, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    return remove(p);
}

static void rm_rf(const char *dir)
{
    nftw(dir, remove_one, 16, FTW_DEPTH | FTW_PHYS);
}

/* Whether every file under a is byte-identical to the same file under b, and b has no more. */
static bool same_tree(const char *a, const char *b, char *diff, size_t size)
{
    DIR *da = opendir(a);
    struct dirent *e;
    size_t na = 0, nb = 0;
    bool same = da != NULL;
    DIR *db = opendir(b);

    while (db && (e = readdir(db))) {
        nb += e->d_name[0] != '.';
    }
    if (db) {
        closedir(db);
    }
    while (same && (e = readdir(da))) {
        char pa[1024], pb[1024];
        struct stat st;
        if (e->d_name[0] == '.') {
            continue;
        }
        na++;
        snprintf(pa, sizeof pa, "%s/%s", a, e->d_name);
        snprintf(pb, sizeof pb, "%s/%s", b, e->d_name);
        if (stat(pa, &st) == 0 && S_ISDIR(st.st_mode)) {
            same = same_tree(pa, pb, diff, size);
        } else if (!same_file(pa, pb)) {
            snprintf(diff, size, "%s", pa);
            same = false;
        }
    }
    if (da) {
        closedir(da);
    }
    if (same && na != nb) {
        snprintf(diff, size, "%s: %zu files, %s: %zu", a, na, b, nb);
        same = false;
    }
    return same;
}

static void check_report(ctx *c)
{
    char r1[300], r2[300], diff[1100] = "";
    int st;

    path(c, r1, sizeof r1, "report1");
    path(c, r2, sizeof r2, "report2");
    st = RUN(c, cmd_report, "report", "-q", "-o", r1, c->ds);
    CHECK(c, st == 0, "exit %d", st);
    st = RUN(c, cmd_report, "report", "-q", "-o", r2, c->ds);
    CHECK(c, st == 0, "exit %d", st);
    CHECK(c, same_tree(r1, r2, diff, sizeof diff), "a rerun differs: %s", diff);
}

/* ---- one dataset ---- */

static int one_dataset(ctx *c, const tgen_params *p)
{
    tgen_src src;
    cn_load_options o = CN_LOAD_OPTIONS_INIT;
    json_t *info, *info_at = NULL;
    size_t ties, memberships;
    int st;

    tgen_src_seed(&src, c->seed);
    snprintf(c->cmdline, sizeof c->cmdline, "generate");
    if (tgen_make(&c->d, &src, p) < 0) {
        fail(c, "out of memory");
        return 1;
    }
    snprintf(c->ds, sizeof c->ds, "%s/ds", c->tmp);
    if (mkdir(c->ds, 0777) < 0 || tgen_write(&c->d, c->ds) < 0) {
        fail(c, "cannot write %s: %s", c->ds, strerror(errno));
        return 1;
    }
    st = RUN(c, cmd_validate, "validate", "-q", c->ds);
    CHECK(c, st == 0, "exit %d: the generator made an invalid dataset", st);
    if (st != 0 || cn_load_dataset(&c->g, c->ds, &o, NULL) < 0) {
        return 1;
    }
    ties = cn_graph_tie_count(c->g);
    memberships = cn_graph_count_edge_kind(c->g, CN_EDGE_MEMBERSHIP);
    if ((info = check_info(c, NULL))) {
        CHECK(c, jsize(json_object_get(info, "edges"), "collaboration_ties") == ties,
              "%zu ties, the model has %zu", jsize(json_object_get(info, "edges"),
                                                  "collaboration_ties"), ties);
    }
    if (c->d.at[0] && c->d.targets) {
        info_at = check_info(c, c->d.at);
    }
    {
        /* degree sums on every graph through the library; every measure on one graph in turn
         * through the command */
        static const char *const graphs[] = { "collaboration", "membership", "combined",
                                              "comembership" };
        size_t expect[4] = { ties, memberships, memberships + ties, comembership_ties(c->g) };
        for (int v = 0; v < 4; v++) {
            check_degrees(c, (cn_view)v, expect[v]);
        }
        check_centrality(c, graphs[c->index % 4], expect[c->index % 4]);
    }
    check_overlap_views(c);
    check_mixing(c);
    if (c->d.targets && info) {
        check_coverage(c, info, NULL);
        if (info_at) {
            check_coverage(c, info_at, c->d.at);
        }
    } else {
        char out[300];
        path(c, out, sizeof out, "coverage.json");
        st = RUN(c, cmd_coverage, "coverage", "-f", "json", "-o", out, c->ds);
        CHECK(c, st == 0, "exit %d", st);
    }
    check_render(c);
    check_export(c);
    if (c->index % REPORT_EVERY == 0 && !(c->d.shapes & (TGEN_BIG | TGEN_REGIONS))) {
        check_report(c);
    }
    json_decref(info);
    json_decref(info_at);
    cn_graph_destroy(c->g);
    tgen_free(&c->d);
    return c->failures > 0;
}

static uint64_t env_u64(const char *name, uint64_t dflt)
{
    const char *v = getenv(name);
    return v && *v ? strtoull(v, NULL, 10) : dflt;
}

int main(void)
{
    uint64_t first = env_u64("CN_PROPTEST_SEED", 1), count = env_u64("CN_PROPTEST_COUNT", 300);
    bool keep = env_u64("CN_PROPTEST_KEEP", 0) != 0;
    bool inprocess = env_u64("CN_PROPTEST_INPROCESS", 0) != 0;
    tgen_params p = TGEN_PARAMS_DEFAULT;
    const char *tmp = getenv("TMPDIR");
    char root[192];
    size_t failed = 0;
    struct timespec t0, t1;

    if (env_u64("CN_PROPTEST_SMALL", 0)) {
        p = (tgen_params){ 12, 6, 300, 20, 20, 24 };
    }
    if (snprintf(root, sizeof root, "%s/cn-proptest-XXXXXX", tmp && tmp[0] ? tmp : "/tmp")
            >= (int)sizeof root
        || !mkdtemp(root)) {
        perror("proptest: mkdtemp");
        return 1;
    }
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (uint64_t k = 0; k < count; k++) {
        struct timespec d0, d1;
        clock_gettime(CLOCK_MONOTONIC, &d0);
        ctx c = { .seed = first + k, .index = (size_t)(first + k) }; /* replays rotate alike */
        pid_t pid;
        int status = 0;
        snprintf(c.tmp, sizeof c.tmp, "%s/%llu", root, (unsigned long long)c.seed);
        if (mkdir(c.tmp, 0777) < 0) {
            perror("proptest: mkdir");
            return 1;
        }
        fflush(NULL);
        if (inprocess) {
            printf("proptest: seed %llu\n", (unsigned long long)c.seed);
            fflush(stdout);
            status = one_dataset(&c, &p) << 8; /* as an exit status */
        } else if ((pid = fork()) == 0) {
            int rc = one_dataset(&c, &p);
            fflush(NULL);
            if (k % LEAK_CHECK_EVERY == 0) {
                exit(rc); /* LeakSanitizer checks at exit: a second each, so not every time */
            }
            _exit(rc);
        } else if (pid < 0 || waitpid(pid, &status, 0) < 0) {
            perror("proptest: fork");
            return 1;
        }
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
            failed++;
            if (WIFSIGNALED(status)) {
                fprintf(stderr, "proptest: seed %llu: killed by signal %d\n",
                        (unsigned long long)c.seed, WTERMSIG(status));
            } else if (WEXITSTATUS(status) != 1) {
                fprintf(stderr, "proptest: seed %llu: exit %d (a sanitizer?)\n",
                        (unsigned long long)c.seed, WEXITSTATUS(status));
            }
            fprintf(stderr, "proptest: replay: CN_PROPTEST_SEED=%llu CN_PROPTEST_COUNT=1%s\n",
                    (unsigned long long)c.seed, p.big == 300 ? " CN_PROPTEST_SMALL=1" : "");
        }
        if (!keep) {
            rm_rf(c.tmp);
        }
        clock_gettime(CLOCK_MONOTONIC, &d1);
        if (getenv("CN_PROPTEST_SLOW")) {
            fprintf(stderr, "proptest: seed %llu: %.2f s in all\n", (unsigned long long)c.seed,
                    (double)(d1.tv_sec - d0.tv_sec) + (double)(d1.tv_nsec - d0.tv_nsec) / 1e9);
        }
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    if (!keep) {
        rm_rf(root);
    }
    printf("proptest: %llu datasets from seed %llu, %zu failed, %.1f s\n",
           (unsigned long long)count, (unsigned long long)first, failed,
           (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
    return failed > 0;
}

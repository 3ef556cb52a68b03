/* A synthetic ecosystem for benchmarks and tests: deterministic for a seed, streamed to disk.
 * Nothing in it is real: ids, labels and ties are made up (README says so). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <collabnet/load.h>

#include "../util/outfile.h"
#include "../util/table.h"
#include "../util/util.h"

typedef struct scale_params {
    size_t institutions, enterprises, experts, networks, collaborations;
} scale_params;

static const scale_params scales[] = {
    { 120, 300, 1530, 50, 7000 },            /* S: 2,000 nodes, ~10,000 edge rows */
    { 4000, 10000, 85000, 1000, 850000 },    /* M: 100,000 nodes, ~1,000,000 */
    { 30000, 90000, 870000, 10000, 8500000 } /* L: 1,000,000 nodes, ~10,000,000 */
};

static const char *const regions[] = { "North", "Central", "South" };
static const char *const fields[] = { "ai", "semiconductor", "biotech", "edtech",
                                      "new-materials", "smart-transport", "cybersecurity",
                                      "renewable-energy", "quantum", "uav", "multimedia",
                                      "hydrogen" };
#define NFIELDS (sizeof fields / sizeof fields[0])
static const char *const abroad[] = { "US", "JP", "KR", "FR", "DE", "AU", "SG", "GB", "CA" };

typedef struct rng {
    uint64_t s;
} rng;

static uint64_t next(rng *r)
{
    uint64_t z = (r->s += 0x9E3779B97F4A7C15ULL);

    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

static size_t below(rng *r, size_t n)
{
    return n ? (size_t)(next(r) % n) : 0;
}

static double uniform(rng *r)
{
    return (double)(next(r) >> 11) / 9007199254740992.0;
}

/* 1 + geometric(p): small counts, now and then larger */
static size_t geometric(rng *r, double p, size_t max)
{
    size_t k = 1;

    while (k < max && uniform(r) < p) {
        k++;
    }
    return k;
}

/* An actor's region: 0..2 (North, Central, South) or 3 (abroad). */
typedef struct actor {
    uint8_t region, field;
} actor;

typedef struct gen {
    rng r;
    const scale_params *p;
    size_t nactors;              /* institutions, then enterprises, then experts */
    actor *actors;
    uint32_t *by_region[4];      /* actor indices per region, for homophily */
    size_t nby_region[4];
    FILE *fp;
    cni_table *t;                /* the file's rows, streamed as CSV (util/table.h) */
    size_t memberships, collaborations;
} gen;

/* The table of one file, its rows streamed to G->fp as CSV as they are made (memory stays
 * flat at scale L), without the formula guard: these are data to load, not to open in a
 * spreadsheet, and a ' would change them. */
static int open_table(gen *G, const char *name, const char *const *cols, const cni_col_type *types,
                      size_t n)
{
    int rc;

    if ((rc = cni_table_create(&G->t, name)) < 0) {
        return rc;
    }
    for (size_t k = 0; k < n && rc >= 0; k++) {
        rc = cni_table_column(G->t, cols[k], types[k]);
    }
    return rc < 0 ? rc : cni_table_stream_csv(G->t, G->fp, false);
}

static int write_nodes(gen *G)
{
    static const char *const cols[] = { "id", "label", "kind", "region", "country", "fields" };
    static const cni_col_type types[] = { CNI_COL_ID, CNI_COL_TEXT, CNI_COL_TEXT, CNI_COL_TEXT,
                                          CNI_COL_TEXT, CNI_COL_LIST };
    const scale_params *p = G->p;
    char id[32];
    int rc;

    if ((rc = open_table(G, "nodes", cols, types, 6)) < 0) {
        return rc;
    }
    for (size_t i = 0; i < G->nactors; i++) {
        actor *a = &G->actors[i];
        const char *kind;
        char label[96];
        size_t f2;
        bool two;
        if (i < p->institutions) {
            kind = "institution";
            /* Vietnamese labels, so every run exercises UTF-8 */
            snprintf(label, sizeof label, "Trường Đại học Tổng hợp %zu", i + 1);
            a->region = (uint8_t)below(&G->r, 3);
        } else if (i < p->institutions + p->enterprises) {
            kind = "enterprise";
            snprintf(label, sizeof label, "Công ty Công nghệ %zu", i - p->institutions + 1);
            a->region = (uint8_t)(uniform(&G->r) < 0.1 ? 3 : below(&G->r, 3));
        } else {
            kind = "expert";
            snprintf(label, sizeof label, "Expert %zu", i - p->institutions - p->enterprises + 1);
            a->region = (uint8_t)(uniform(&G->r) < 0.2 ? 3 : below(&G->r, 3));
        }
        a->field = (uint8_t)below(&G->r, NFIELDS);
        f2 = (a->field + 1 + below(&G->r, NFIELDS - 1)) % NFIELDS;
        two = uniform(&G->r) < 0.3;
        snprintf(id, sizeof id, "a%zu", i);
        cni_table_text(G->t, id);
        cni_table_text(G->t, label);
        cni_table_text(G->t, kind);
        cni_table_text(G->t, a->region < 3 ? regions[a->region] : "");
        cni_table_text(G->t, a->region < 3 ? "VN"
                                           : abroad[below(&G->r, sizeof abroad / sizeof abroad[0])]);
        cni_table_list_begin(G->t);
        cni_table_list_item(G->t, fields[a->field]);
        if (two) {
            cni_table_list_item(G->t, fields[f2]);
        }
        cni_table_list_end(G->t);
    }
    for (size_t n = 0; n < p->networks; n++) {
        unsigned f = (unsigned)(n % NFIELDS);
        char label[96];
        snprintf(id, sizeof id, "n%zu", n);
        snprintf(label, sizeof label, "Mạng lưới %s %zu", fields[f], n + 1);
        cni_table_text(G->t, id);
        cni_table_text(G->t, label);
        cni_table_text(G->t, "network");
        cni_table_text(G->t, regions[n % 3]);
        cni_table_text(G->t, "VN");
        cni_table_list(G->t, &fields[f], 1);
    }
    return cni_table_status(G->t);
}

/* A random actor from [lo, hi) preferring region @p reg (homophily). */
static size_t pick(gen *G, size_t lo, size_t hi, unsigned reg)
{
    for (int tries = 0; tries < 4; tries++) {
        size_t a = lo + below(&G->r, hi - lo);
        if (G->actors[a].region == reg || tries == 3) {
            return a;
        }
    }
    return lo;
}

static void date(gen *G, char *buf, size_t size)
{
    snprintf(buf, size, "%u-%02u", 2015 + (unsigned)below(&G->r, 11), 1 + (unsigned)below(&G->r, 12));
}

/* One row of edges.csv: source and target are a prefix and a number ("a12", "n3"); weight 0
 * is none (a membership's). */
/* "a12", "n3": a node id, written by hand (two snprintf calls per edge were a fifth of
 * generating M). */
static const char *node_id(char buf[24], char prefix, size_t index)
{
    char *p = buf + 23;

    *p = '\0';
    do {
        *--p = (char)('0' + index % 10);
    } while ((index /= 10) != 0);
    *--p = prefix;
    return p;
}

static void edge(gen *G, char sp, size_t source, char tp, size_t target, const char *kind,
                 const char *role, size_t weight, const char *since, const char *until)
{
    char s[24], t[24];

    cni_table_text(G->t, node_id(s, sp, source));
    cni_table_text(G->t, node_id(t, tp, target));
    cni_table_text(G->t, kind);
    cni_table_text(G->t, role);
    if (weight) {
        cni_table_size(G->t, weight);
    } else {
        cni_table_null(G->t);
    }
    cni_table_text(G->t, since);
    cni_table_text(G->t, until);
    cni_table_text(G->t, "synthetic");
}

static int write_edges(gen *G)
{
    static const char *const cols[] = { "source", "target", "kind",  "role",
                                        "weight", "since",  "until", "ref" };
    static const cni_col_type types[] = { CNI_COL_ID,   CNI_COL_ID,   CNI_COL_TEXT, CNI_COL_TEXT,
                                          CNI_COL_INT,  CNI_COL_TEXT, CNI_COL_TEXT, CNI_COL_TEXT };
    const scale_params *p = G->p;
    size_t inst = p->institutions, ent = p->enterprises, umbrellas = p->networks / 20;
    size_t cap = 2 * p->collaborations + 2, nends = 0;
    uint32_t *ends = cni_alloc_array(cap, sizeof *ends); /* tie endpoints: degree-biased draws */
    char since[16], until[16];
    size_t chosen[32], nchosen;
    int rc;

    if (!ends) {
        return cni_fail(CN_ENOMEM, "out of memory");
    }
    if ((rc = open_table(G, "edges", cols, types, 8)) < 0) {
        free(ends);
        return rc;
    }
    /* networks: the first twentieth are umbrellas holding a few of the others */
    for (size_t n = 0; n < p->networks; n++) {
        unsigned reg = (unsigned)(n % 3);
        size_t ni = 5 + below(&G->r, 11), ne = 2 + below(&G->r, 7), lead = pick(G, 0, inst, reg);
        if (n < umbrellas) {
            continue;
        }
        if (umbrellas && uniform(&G->r) < 0.5) {
            edge(G, 'n', n, 'n', below(&G->r, umbrellas), "membership", "member", 0, "", "");
            G->memberships++;
        }
        edge(G, 'a', lead, 'n', n, "membership", "lead", 0, "", "");
        G->memberships++;
        chosen[0] = lead;
        nchosen = 1;
        for (size_t k = 0; k < ni + ne; k++) {
            size_t a = k < ni ? pick(G, 0, inst, reg) : pick(G, inst, inst + ent, reg);
            bool dup = false;
            for (size_t q = 0; q < nchosen; q++) {
                dup = dup || chosen[q] == a; /* a member once per network */
            }
            if (dup) {
                continue;
            }
            chosen[nchosen++] = a;
            edge(G, 'a', a, 'n', n, "membership",
                 k >= ni && uniform(&G->r) < 0.1 ? "partner" : "member", 0, "", "");
            G->memberships++;
        }
    }
    /* experts join one network or a few; repeats within an expert are skipped */
    for (size_t x = inst + ent; x < G->nactors && p->networks > umbrellas; x++) {
        size_t k = geometric(&G->r, 0.4, 4), prev[4];
        for (size_t j = 0; j < k; j++) {
            size_t n = umbrellas + below(&G->r, p->networks - umbrellas);
            bool dup = false;
            for (size_t q = 0; q < j; q++) {
                dup = dup || prev[q] == n;
            }
            prev[j] = n;
            if (!dup) {
                edge(G, 'a', x, 'n', n, "membership", "member", 0, "", "");
                G->memberships++;
            }
        }
    }
    /* collaborations: one end uniform, the other by preferential attachment (an end of an
     * earlier tie), or in the same region, or anywhere */
    for (size_t t = 0; t < p->collaborations; t++) {
        size_t a = below(&G->r, G->nactors), b;
        double u = uniform(&G->r);
        unsigned reg = G->actors[a].region;
        if (nends > 0 && u < 0.55) {
            b = ends[below(&G->r, nends)];
        } else if (u < 0.9 && G->nby_region[reg] > 0) {
            b = G->by_region[reg][below(&G->r, G->nby_region[reg])];
        } else {
            b = below(&G->r, G->nactors);
        }
        if (a == b) {
            b = (b + 1) % G->nactors;
        }
        since[0] = until[0] = '\0';
        if (uniform(&G->r) < 0.2) {
            date(G, since, sizeof since);
            if (uniform(&G->r) < 0.25) {
                snprintf(until, sizeof until, "%d", atoi(since) + 1 + (int)below(&G->r, 4));
            }
        }
        edge(G, 'a', a, 'a', b, "collaboration", "", geometric(&G->r, 0.3, 20), since, until);
        ends[nends++] = (uint32_t)a;
        ends[nends++] = (uint32_t)b;
        G->collaborations++;
    }
    free(ends);
    return cni_table_status(G->t);
}

/* Write one file of the dataset being built in @p d. */
static int write_file(gen *G, cni_outdir *d, const char *name, int (*body)(gen *))
{
    char *path = NULL, *buf = malloc(1 << 20);
    int rc;

    if (!buf) {
        return cni_fail(CN_ENOMEM, "out of memory");
    }
    if ((rc = cni_outdir_path(&path, d, name)) < 0) {
        free(buf);
        return rc;
    }
    if (!(G->fp = fopen(path, "w"))) {
        rc = cni_fail(CN_ECREATE, "cannot create '%s': %s", path, strerror(errno));
        free(path);
        free(buf);
        return rc;
    }
    setvbuf(G->fp, buf, _IOFBF, 1 << 20);
    rc = body(G);
    cni_table_destroy(G->t);
    G->t = NULL;
    /* a write that failed is named with its file (the table's CN_EIO does not know it) */
    if ((ferror(G->fp) | (fclose(G->fp) != 0)) && (rc == 0 || rc == CN_EIO)) {
        rc = cni_fail(CN_EIO, "cannot write '%s/%s': %s", d->dir, name, strerror(errno));
    }
    free(path);
    free(buf);
    return rc;
}

/* mkdir -p of the directory that holds @p dir. */
static int make_parents(const char *dir)
{
    char *path = cni_strdup(dir);
    size_t n = path ? strlen(path) : 0;
    int rc = 0;

    if (!path) {
        errno = ENOMEM;
        return -1;
    }
    while (n > 1 && path[n - 1] == '/') {
        path[--n] = '\0';
    }
    for (size_t i = 1; i < n && rc == 0; i++) {
        if (path[i] == '/') {
            path[i] = '\0';
            rc = mkdir(path, 0777) != 0 && errno != EEXIST ? -1 : 0;
            path[i] = '/';
        }
    }
    free(path);
    return rc;
}

int cn_generate(cn_generate_stats *out, const char *dir, cn_scale scale, uint64_t seed)
{
    gen G = { 0 };
    cni_outdir d;
    int rc;

    cni_clear_error();
    memset(&d, 0, sizeof d);
    if ((rc = CNI_CHECK_PTR(dir)) < 0) {
        return rc;
    }
    if ((unsigned)scale > CN_SCALE_L) {
        return CNI_EINVAL("scale is not a cn_scale");
    }
    if (!*dir) {
        return CNI_EINVAL("dir is empty");
    }
    /* refused before anything is made when DIR holds anything but an earlier generated
     * dataset; built beside (or inside) DIR and moved into place only when complete */
    if (make_parents(dir) != 0) {
        return cni_fail(CN_ECREATE, "cannot create '%s': %s", dir, strerror(errno));
    }
    if ((rc = cni_outdir_open(&d, dir, "generated dataset")) < 0) {
        return rc;
    }
    G.r.s = seed;
    G.p = &scales[scale];
    G.nactors = G.p->institutions + G.p->enterprises + G.p->experts;
    if (!(G.actors = cni_calloc_array(G.nactors, sizeof *G.actors))) {
        rc = cni_fail(CN_ENOMEM, "out of memory");
        goto done;
    }
    if ((rc = write_file(&G, &d, "nodes.csv", write_nodes)) < 0) {
        goto done;
    }
    for (int r = 0; r < 4; r++) {
        if (!(G.by_region[r] = cni_alloc_array(G.nactors, sizeof *G.by_region[r]))) {
            rc = cni_fail(CN_ENOMEM, "out of memory");
            goto done;
        }
    }
    for (size_t i = 0; i < G.nactors; i++) {
        uint8_t r = G.actors[i].region;
        G.by_region[r][G.nby_region[r]++] = (uint32_t)i;
    }
    if ((rc = write_file(&G, &d, "edges.csv", write_edges)) < 0
        || (rc = cni_outdir_commit(&d)) < 0) {
        goto done;
    }
    if (out) {
        out->nodes = G.nactors + G.p->networks;
        out->memberships = G.memberships;
        out->collaborations = G.collaborations;
    }
done:
    cni_outdir_abort(&d); /* no-op after the commit */
    for (int r = 0; r < 4; r++) {
        free(G.by_region[r]);
    }
    free(G.actors);
    return rc;
}

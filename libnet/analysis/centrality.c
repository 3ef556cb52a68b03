/* Centrality, components and cut points on a view. igraph does the graph algorithms (ig.c),
 * except betweenness from sources, which brandes.c computes with the same bits, and degree,
 * strength and coreness, which degree.c computes without an igraph graph; this file
 * chooses what to compute, splits work across processes, samples, normalises, and maps vertices
 * back to nodes. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../model/graph.h"
#include "brandes.h"
#include "degree.h"
#include "ig.h"
#include "parallel.h"
#include "view.h"

/* Below this many vertices a fork costs more than it saves. */
#define PARALLEL_MIN_VERTICES 2000
/* Pivots whose distances are held at once when sampling closeness (batch x vertices doubles). */
#define PIVOT_BATCH 32

static const char *const measure_names[CN_MEASURE_COUNT] = {
    "degree", "strength", "betweenness", "closeness", "harmonic",
    "eigenvector", "pagerank", "constraint", "coreness"
};

const char *cn_measure_name(cn_measure m)
{
    return (unsigned)m < CN_MEASURE_COUNT ? measure_names[m] : NULL;
}

int cn_measure_parse(cn_measure *out, const char *name)
{
    int rc;

    if ((rc = CNI_CHECK_PTR(out)) < 0 || (rc = CNI_CHECK_PTR(name)) < 0) {
        return rc;
    }
    for (int m = 0; m < CN_MEASURE_COUNT; m++) {
        if (strcmp(name, measure_names[m]) == 0) {
            *out = (cn_measure)m;
            return 0;
        }
    }
    return cni_fail(CN_EINVAL, "unknown measure '%s'", name);
}

int cn_graph_components(cn_components *out, const cn_graph *g, cn_view view, size_t *membership)
{
    cni_view v;
    cni_ig_graph *gr = NULL;
    uint32_t *comp = NULL;
    size_t *csize = NULL, ncomp = 0;
    int rc;

    if ((rc = CNI_CHECK_PTR(out)) < 0) {
        return rc;
    }
    memset(out, 0, sizeof *out);
    if ((rc = CNI_CHECK_PTR(g)) < 0) {
        return rc;
    }
    if (!cn_view_name(view)) {
        return CNI_EINVAL("view is not a cn_view");
    }
    if ((rc = cni_view_build(&v, g, view, CN_PROJECTION_COUNT, 0)) < 0) {
        return rc;
    }
    comp = cni_alloc_array(v.nv, sizeof *comp);
    if (!comp) {
        rc = cni_fail(CN_ENOMEM, "out of memory");
        goto done;
    }
    if ((rc = cni_ig_graph_create(&gr, &v, 0)) < 0
        || (rc = cni_ig_components(comp, &ncomp, &csize, gr)) < 0) {
        goto done;
    }
    out->count = ncomp;
    for (size_t c = 0; c < ncomp; c++) {
        out->largest = csize[c] > out->largest ? csize[c] : out->largest;
        out->isolated += csize[c] == 1;
    }
    if (membership) {
        for (size_t i = 0; i < g->n; i++) {
            uint32_t vx = v.vert_of_node[i];
            membership[i] = vx == UINT32_MAX ? CN_NONE : comp[vx];
        }
    }
done:
    free(comp);
    free(csize);
    cni_ig_graph_destroy(gr);
    cni_view_fini(&v);
    return rc;
}

/* ---- sampling ---- */

static uint64_t splitmix64(uint64_t *state)
{
    uint64_t z = (*state += 0x9E3779B97F4A7C15ULL);

    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

/* k distinct vertices of nv, uniformly, by a partial Fisher-Yates shuffle; deterministic for a
 * seed on every platform (our own generator, not the C library's). */
static uint32_t *sample_vertices(size_t nv, size_t k, uint64_t seed)
{
    uint32_t *idx = cni_alloc_array(nv, sizeof *idx);
    uint64_t state = seed;

    if (!idx) {
        return NULL;
    }
    for (size_t i = 0; i < nv; i++) {
        idx[i] = (uint32_t)i;
    }
    for (size_t i = 0; i < k; i++) {
        size_t j = i + (size_t)(splitmix64(&state) % (nv - i));
        uint32_t t = idx[i];
        idx[i] = idx[j];
        idx[j] = t;
    }
    return idx; /* the first k entries are the sample */
}

/* ---- path-based measures, split across processes ---- */

typedef struct path_job {
    const cni_ig_graph *gr;
    const cni_bc_graph *bc; /* betweenness: our kernel's arrays */
    size_t nv;
    cn_measure m;
    const uint32_t *ids;  /* sources (betweenness) / pivots (sampled closeness) / all vertices */
    size_t k;
    bool sampled;
    bool twin; /* closeness and harmonic from one pass: out[nv..2nv) holds the other one */
    cni_bc_work *work; /* betweenness: this process's scratch arrays, once it has some */
} path_job;

/* Betweenness's slices a part: 20, so that the caller's progress bar moves as each part goes,
 * and a held report job (parallel.h) can give its slices to a second process as soon as one is
 * free. The parts and slices fix the order of the sums, and so their bits (parallel.h). */
#define BETWEENNESS_SLICES 20

/* The items of @p u (ids: sources, pivots or vertices): those of part u->part, every nparts-th
 * id so that parts get similar mixes of vertices, and of those, slice u->slice of @p nslices:
 * consecutive runs of count / nslices + 1. *count is 0 for an empty slice. */
static uint32_t *share(const path_job *job, const cni_par_unit *u, size_t nslices, size_t *count)
{
    size_t all = job->k > u->part ? (job->k - u->part + u->nparts - 1) / u->nparts : 0;
    size_t step = nslices > 1 ? all / nslices + 1 : all;
    size_t from = u->slice * step, n = from < all ? (all - from < step ? all - from : step) : 0;
    uint32_t *mine = cni_alloc_array(n + 1, sizeof *mine);

    *count = n;
    for (size_t i = 0; mine && i < n; i++) {
        mine[i] = job->ids[u->part + (from + i) * u->nparts];
    }
    return mine;
}

/* Sampled closeness and harmonic: per vertex v, over pivots p != v, accumulate
 * [0] sum of 1/d, [1] pivots, [2] sum of d over reached pivots, [3] reached pivots. */
static int pivot_sums(double *out, const path_job *job, const uint32_t *mine, size_t count,
                      const cni_par_unit *u)
{
    size_t nv = job->nv;
    double *dist = cni_alloc_array(PIVOT_BATCH * nv, sizeof *dist);
    int rc = 0;

    if (!dist) {
        return cni_fail(CN_ENOMEM, "out of memory");
    }
    for (size_t b = 0; b < count && rc == 0; b += PIVOT_BATCH) {
        size_t nb = count - b < PIVOT_BATCH ? count - b : PIVOT_BATCH;
        if ((rc = cni_ig_distances_from(dist, job->gr, mine + b, nb)) < 0) {
            break;
        }
        for (size_t i = 0; i < nb; i++) {
            for (size_t v = 0; v < nv; v++) {
                double d = dist[i * nv + v];
                if (v == mine[b + i]) {
                    continue;
                }
                out[v * 4 + 1] += 1;
                if (isfinite(d)) {
                    out[v * 4] += 1.0 / d;
                    out[v * 4 + 2] += d;
                    out[v * 4 + 3] += 1;
                }
            }
        }
        cni_par_done(u, b + nb);
    }
    free(dist);
    return rc;
}

/* One unit of a path-based measure. Betweenness: a slice of its part's sources, halved and
 * added to out, as when a slice was one call of igraph_betweenness_subset(), with this
 * process's scratch arrays (kept in the job, released by path_release()). Closeness and
 * harmonic: the whole part (one slice). */
static int path_part(double *out, size_t len, const cni_par_unit *u, void *ctx)
{
    path_job *job = ctx;
    bool between = job->m == CN_MEASURE_BETWEENNESS;
    size_t count;
    uint32_t *mine = share(job, u, between ? BETWEENNESS_SLICES : 1, &count);
    int rc = 0;

    (void)len;
    if (!mine) {
        return cni_fail(CN_ENOMEM, "out of memory");
    }
    if (count == 0 && (between || u->slice > 0)) {
        free(mine);
        return 1; /* past the last slice of this part (betweenness: adds nothing) */
    }
    if (between) {
        if (!job->work) {
            rc = cni_bc_work_create(&job->work, job->bc);
        }
        if (rc == 0) {
            rc = cni_bc_from(out, job->work, mine, count);
        }
    } else if (job->sampled) {
        rc = pivot_sums(out, job, mine, count, u);
    } else {
        rc = cni_ig_closeness_of(out, job->twin ? out + job->nv : NULL, job->gr, mine, count,
                                 job->m == CN_MEASURE_HARMONIC);
    }
    cni_par_done(u, count);
    free(mine);
    return rc;
}

static void path_release(void *ctx)
{
    path_job *job = ctx;

    cni_bc_work_destroy(job->work);
    job->work = NULL;
}

/* path_measure()'s cni_par_sum(): its parts, slices and progress. */
static int path_sum(double *out, size_t len, path_job *job, size_t workers,
                    const cni_par_progress *progress)
{
    cni_par_plan plan = { workers, job->m == CN_MEASURE_BETWEENNESS ? BETWEENNESS_SLICES : 1,
                          path_part, path_release, job, progress };

    return cni_par_sum(out, len, &plan);
}

/* ---- progress ---- */

/* The one progress bar of a cn_centrality() call: measure k of count maps its own fraction f to
 * (k + f) / count, and the caller's callback hears only fractions that grew. Lives in the
 * calling process: forked workers count their sources in cni_par_sum()'s shared page. */
typedef struct overall {
    const cn_centrality_options *opts;
    size_t k, count;
    double last;
} overall;

static void on_measure_progress(double f, void *ctx)
{
    overall *ov = ctx;
    double total = ((double)ov->k + (f < 1.0 ? f : 1.0)) / (double)ov->count;

    if (total > ov->last) {
        ov->last = total;
        ov->opts->progress(total, ov->opts->progress_ctx);
    }
}

/* igraph's own loop for measure @p m, its progress reports forwarded (NULL @p ov: none). */
static int ig_measure(double *res, const cni_ig_graph *gr, cn_measure m, overall *ov)
{
    int rc;

    cni_ig_set_progress(ov ? on_measure_progress : NULL, ov);
    rc = cni_ig_measure(res, gr, m);
    cni_ig_set_progress(NULL, NULL);
    return rc;
}

/* The processes a path-based measure is split across: an explicit count is obeyed; the
 * automatic one skips small graphs. */
static size_t path_workers(size_t nv, const cn_centrality_options *opts)
{
    size_t workers = opts->processes ? opts->processes
                     : nv >= PARALLEL_MIN_VERTICES ? cni_par_workers(0)
                                                   : 1;

    return workers < CN_CENTRALITY_MAX_PROCESSES ? workers : CN_CENTRALITY_MAX_PROCESSES;
}

/* Whether measure @p m needs igraph's graph: not degree, strength and coreness (degree.c), nor
 * betweenness when our kernel computes it (sampled or split: path_measure()). */
static bool needs_igraph(const cni_view *v, cn_measure m, const cn_centrality_options *opts)
{
    if (m == CN_MEASURE_BETWEENNESS) {
        return !(opts->sample > 0 && opts->sample < v->nv) && path_workers(v->nv, opts) == 1;
    }
    return !cni_degree_handles(v, m);
}

/* Our kernel's graph of @p v, with the lengths igraph's graph has (brandes.h: cni_bc_lengths):
 * borrowed from @p gr when it was built (another path measure asked for too), else computed. */
static int bc_graph(cni_bc_graph **out, const cni_view *v, const cni_ig_graph *gr, bool weighted)
{
    double *len = NULL;
    int rc;

    if (gr || !weighted) {
        return cni_bc_graph_create(out, v->nv, v->from, v->to, v->m,
                                   gr ? cni_ig_betweenness_lengths(gr) : NULL);
    }
    if (!(len = cni_alloc_array(v->m ? v->m : 1, sizeof *len))) {
        *out = NULL;
        return cni_fail(CN_ENOMEM, "out of memory");
    }
    cni_bc_lengths(len, v->weight, v->m);
    rc = cni_bc_graph_create(out, v->nv, v->from, v->to, v->m, len);
    free(len);
    return rc;
}

/* Closeness and harmonic come from the same distances: when both are asked for and the pass
 * is ours (sampled, or weighted: closeness_by_distances), @p twin (else NULL) gets the other one
 * of the two from the same pass. @p gr is NULL when only betweenness is computed by our kernel
 * (needs_igraph()). */
static int path_measure(double *res, double *twin, const cni_ig_graph *gr, const cni_view *v,
                        cn_measure m, const cn_centrality_options *opts, overall *ov)
{
    size_t nv = v->nv;
    size_t workers = path_workers(nv, opts);
    bool sampled = opts->sample > 0 && opts->sample < nv;
    path_job job = { gr, NULL, nv, m, NULL, sampled ? opts->sample : nv, sampled, twin != NULL,
                     NULL };
    cni_par_progress progress = { job.k, ov ? on_measure_progress : NULL, ov };
    cni_bc_graph *bc = NULL;
    uint32_t *ids = NULL;
    double *sums = NULL;
    int rc;

    if (!sampled && workers == 1 && !twin) {
        return ig_measure(res, gr, m, ov); /* igraph's own loop, no subset bookkeeping */
    }
    /* built once, before the workers fork (they share it copy-on-write), from the edges and
     * path lengths igraph gets */
    if (m == CN_MEASURE_BETWEENNESS && (rc = bc_graph(&bc, v, gr, opts->weighted)) < 0) {
        return rc;
    }
    job.bc = bc;
    if (!(ids = sampled ? sample_vertices(nv, opts->sample, opts->seed)
                        : sample_vertices(nv, 0, 0))) {
        cni_bc_graph_destroy(bc);
        return cni_fail(CN_ENOMEM, "out of memory");
    }
    job.ids = ids;
    if (sampled && m != CN_MEASURE_BETWEENNESS) {
        if (!(sums = cni_alloc_array(4 * nv, sizeof *sums))) {
            free(ids);
            return cni_fail(CN_ENOMEM, "out of memory");
        }
        rc = path_sum(sums, 4 * nv, &job, workers, &progress);
        for (size_t v = 0; rc == 0 && v < nv; v++) {
            double inv = sums[v * 4], piv = sums[v * 4 + 1], sd = sums[v * 4 + 2];
            double reached = sums[v * 4 + 3];
            double harmonic = piv > 0 ? inv * (double)(nv - 1) / piv : 0.0;
            double closeness = reached > 0 ? reached / sd : NAN;
            res[v] = m == CN_MEASURE_HARMONIC ? harmonic : closeness;
            if (twin) {
                twin[v] = m == CN_MEASURE_HARMONIC ? closeness : harmonic;
            }
        }
        free(sums);
    } else if (twin) { /* exact closeness and harmonic: [0, nv) this one, [nv, 2nv) the other */
        if (!(sums = cni_alloc_array(2 * nv, sizeof *sums))) {
            free(ids);
            return cni_fail(CN_ENOMEM, "out of memory");
        }
        rc = path_sum(sums, 2 * nv, &job, workers, &progress);
        if (rc == 0) {
            memcpy(res, sums, nv * sizeof *res);
            memcpy(twin, sums + nv, nv * sizeof *twin);
        }
        free(sums);
    } else {
        rc = path_sum(res, nv, &job, workers, &progress);
        if (rc == 0 && sampled) {
            /* each source stands for nv / k sources */
            for (size_t v = 0; v < nv; v++) {
                res[v] *= (double)nv / (double)opts->sample;
            }
        }
    }
    free(ids);
    cni_bc_graph_destroy(bc);
    return rc;
}

static bool wants(const cn_measure *ms, size_t count, cn_measure m)
{
    for (size_t k = 0; k < count; k++) {
        if (ms[k] == m) {
            return true;
        }
    }
    return false;
}

/* What the measures asked for need of igraph's graph (ig.h). */
static unsigned ig_flags(const cn_measure *ms, size_t count, const cn_centrality_options *opts)
{
    bool paths = wants(ms, count, CN_MEASURE_BETWEENNESS) || wants(ms, count, CN_MEASURE_CLOSENESS)
                 || wants(ms, count, CN_MEASURE_HARMONIC);

    return opts->weighted ? CNI_IG_WEIGHTED | (paths ? CNI_IG_LENGTHS : 0) : 0;
}

static void normalise(double *res, size_t nv, cn_measure m)
{
    double scale = 1.0;

    if (m == CN_MEASURE_BETWEENNESS) {
        scale = nv > 2 ? 2.0 / ((double)(nv - 1) * (double)(nv - 2)) : 1.0;
    } else if (m == CN_MEASURE_HARMONIC || m == CN_MEASURE_DEGREE) {
        scale = nv > 1 ? 1.0 / (double)(nv - 1) : 1.0;
    }
    for (size_t v = 0; v < nv; v++) {
        res[v] *= scale;
    }
}

int cn_centrality(double *const *out, const cn_graph *g, const cn_measure *measures,
                  size_t count, const cn_centrality_options *opts)
{
    static const cn_centrality_options defaults = CN_CENTRALITY_OPTIONS_INIT;
    cni_view v;
    cni_ig_graph *gr = NULL;
    double *res = NULL, *twin = NULL; /* twin: harmonic or closeness computed with the other */
    int twin_holds = -1; /* the measure twin holds, -1: none */
    overall ov = { opts, 0, count, -1.0 };
    int rc;

    cni_clear_error();
    if (!opts) {
        opts = ov.opts = &defaults;
    }
    if ((rc = CNI_CHECK_PTR(g)) < 0 || (count && ((rc = CNI_CHECK_PTR(out)) < 0
                                                  || (rc = CNI_CHECK_PTR(measures)) < 0))) {
        return rc;
    }
    for (size_t k = 0; k < count; k++) {
        if (!cn_measure_name(measures[k])) {
            return cni_fail(CN_EINVAL, "%s: measures[%zu] is not a cn_measure", __func__, k);
        }
        if (!out[k]) {
            return cni_fail(CN_EINVAL, "%s: out[%zu] is NULL", __func__, k);
        }
    }
    if (!cn_view_name(opts->view)) {
        return CNI_EINVAL("opts->view is not a cn_view");
    }
    if (!cn_projection_name(opts->projection)) {
        return CNI_EINVAL("opts->projection is not a cn_projection");
    }
    if (opts->processes > CN_CENTRALITY_MAX_PROCESSES) {
        return cni_fail(CN_EINVAL, "%s: opts->processes is above CN_CENTRALITY_MAX_PROCESSES (%u)",
                        __func__, CN_CENTRALITY_MAX_PROCESSES);
    }
    if ((rc = cni_view_build(&v, g, opts->view, opts->projection, opts->max_ties)) < 0) {
        return rc;
    }
    if (!(res = cni_alloc_array(v.nv, sizeof *res))) {
        rc = cni_fail(CN_ENOMEM, "out of memory");
        goto done;
    }
    for (size_t k = 0; k < count && !gr; k++) {
        /* igraph's graph only when a measure needs it (at L its build took 3 s and 0.4 GB),
         * and the path lengths only for path-based measures */
        if (needs_igraph(&v, measures[k], opts)
            && (rc = cni_ig_graph_create(&gr, &v, ig_flags(measures, count, opts))) < 0) {
            goto done;
        }
    }
    if (wants(measures, count, CN_MEASURE_CLOSENESS) && wants(measures, count, CN_MEASURE_HARMONIC)
        && (opts->weighted || (opts->sample > 0 && opts->sample < v.nv))
        && !(twin = cni_alloc_array(v.nv, sizeof *twin))) {
        rc = cni_fail(CN_ENOMEM, "out of memory");
        goto done;
    }
    for (size_t k = 0; k < count && rc == 0; k++) {
        cn_measure m = measures[k];
        bool distances = m == CN_MEASURE_CLOSENESS || m == CN_MEASURE_HARMONIC;
        ov.k = k;
        if ((int)m == twin_holds) { /* computed with the other one */
            memcpy(res, twin, v.nv * sizeof *res);
            twin_holds = -1;
        } else if (distances && twin) {
            rc = path_measure(res, twin, gr, &v, m, opts, opts->progress ? &ov : NULL);
            twin_holds = m == CN_MEASURE_CLOSENESS ? CN_MEASURE_HARMONIC : CN_MEASURE_CLOSENESS;
        } else if (distances || m == CN_MEASURE_BETWEENNESS) {
            rc = path_measure(res, NULL, gr, &v, m, opts, opts->progress ? &ov : NULL);
        } else if (cni_degree_handles(&v, m)) {
            rc = cni_degree_measure(res, &v, m, opts->weighted);
        } else {
            rc = ig_measure(res, gr, m, opts->progress ? &ov : NULL);
        }
        if (rc < 0) {
            break;
        }
        if (opts->progress) {
            on_measure_progress(1.0, &ov);
        }
        if (opts->normalized) {
            normalise(res, v.nv, m);
        }
        for (size_t i = 0; i < g->n; i++) {
            /* + 0.0 turns igraph's -0 (eigenvector of other components) into 0 */
            out[k][i] = v.vert_of_node[i] == UINT32_MAX ? NAN : res[v.vert_of_node[i]] + 0.0;
        }
    }
done:
    free(twin);
    free(res);
    cni_ig_graph_destroy(gr);
    cni_view_fini(&v);
    return rc;
}

/* Internal: run independent parts of a computation in worker processes and sum their results.
 * Debian's igraph is built without thread safety (global error state, RNG, finally stack), so
 * parallelism uses fork(): each worker has its own copy of every global, and the graph built
 * before the fork is shared copy-on-write. */
#ifndef CNI_PARALLEL_H
#define CNI_PARALLEL_H

#include <stdbool.h>
#include <stddef.h>

#include <collabnet/analysis.h>

#include "../util/buf.h"

/* Progress of one cni_par_sum() call, summed over its units (see cni_par_done()). */
typedef struct cni_par_tally cni_par_tally;

/* One unit of a cni_par_sum() call: slice @p slice of part @p part of @p nparts; @p index
 * numbers it among all units (cni_par_done()). */
typedef struct cni_par_unit {
    size_t part, nparts, slice, index;
    cni_par_tally *tally;
} cni_par_unit;

/* Add unit @p u's results to @p out (len doubles), telling u->tally how many of its items are
 * done as it goes (cni_par_done). Return 0, 1 when the slice is empty (out untouched), or < 0. */
typedef int cni_part_fn(double *out, size_t len, const cni_par_unit *u, void *ctx);

/* How a cni_par_sum() call reports progress: @p fn, when not NULL, hears the fraction of @p units
 * (the items of all units together) done so far. */
typedef struct cni_par_progress {
    size_t units;
    cn_progress_fn *fn;
    void *ctx;
} cni_par_progress;

/* A computation split into @p nparts parts of @p nslices slices each. */
typedef struct cni_par_plan {
    size_t nparts, nslices;
    cni_part_fn *fn;
    void (*release)(void *ctx); /* may be NULL: frees what fn kept in ctx in one process, called
                                   in every process that ran fn, after its last unit */
    void *ctx;
    const cni_par_progress *progress; /* may be NULL */
} cni_par_plan;

/* out[0..len) = part 0 + part 1 + ... + part nparts-1, summed in that order, where part p is
 * 0 + slice 0 + slice 1 + ..., also in order: the bits depend on nparts and nslices only, never
 * on which process computed which slice. The units (slice j of part p is unit j * nparts + p)
 * are taken from a shared counter by this process and nparts - 1 forked workers (fewer when
 * fork fails; none when the shared pages or pipes cannot be had: then this process computes
 * every unit, with the same bits). A worker computes its units into pages shared with this
 * process, which sums the finished ones in order after each unit of its own and while it waits,
 * and gives their pages back (MADV_REMOVE): a few units' results are held at a time, unless a
 * worker runs far ahead. Within a job started held (cni_par_start()), the last worker waits
 * until the job is released, or leaves when this process has taken every unit. Returns 0, the
 * failure of the first unit that failed (a worker's with its message), CN_ENOMEM, or CN_ERROR
 * when a worker died. A worker dies with the calling thread (PR_SET_PDEATHSIG, SIGKILL) and
 * otherwise leaves by itself, after its unit, once the units are taken or one failed; a signal
 * that interrupts the wait does not end it (EINTR is retried): harmless signals (SIGCHLD,
 * SIGWINCH, a timer's) must not cancel a computation, and a fatal one kills the caller and so
 * its workers.
 * Progress: the units count their items done in a shared page (MAP_SHARED | MAP_ANONYMOUS,
 * one slot a unit), and the caller alone calls progress->fn, with the fraction of all items
 * done, never decreasing: while it runs a unit itself, and about every 100 ms while it waits
 * for the workers; 1.0 last, when every unit succeeded. */
int cni_par_sum(double *out, size_t len, const cni_par_plan *plan);

/* In a unit: @p done of its items are finished (counts only grow). In a worker, an atomic
 * store; in the caller, it also calls the progress callback. @p u->tally may be NULL. */
void cni_par_done(const cni_par_unit *u, size_t done);

/* One computation run in a forked worker while the caller goes on (the report computes its
 * centrality section so while it draws the rest). */
typedef struct cni_par_job cni_par_job;

/* The job itself, run in the worker: append its result to @p out and return 0, or return < 0
 * (its cn_errmsg() reaches the caller). */
typedef int cni_job_fn(cni_buf *out, void *ctx);

/* Start @p fn(ctx) in a forked worker; *job is the handle for cni_par_join(). *job is NULL (and
 * 0 returned) when no worker can be started (fork or memfd_create failed): the caller then runs
 * fn itself. The worker dies with the calling thread (as cni_par_sum's), writes its result into
 * an anonymous file (it never waits for the caller to read) and leaves with _exit. @p held: the
 * last worker of each cni_par_sum() call fn makes waits until cni_par_release(), so that the
 * job uses one processor fewer while the caller works (on two CPUs, the job's own process
 * computes alone; it never waits, so a job never released is still computed). Returns 0 or
 * CN_ENOMEM. */
int cni_par_start(cni_par_job **job, cni_job_fn *fn, void *ctx, bool held);

/* Let a held job's cni_par_sum() workers start (the caller has a processor free for them);
 * again, or for a job not held: a no-op. */
void cni_par_release(cni_par_job *job);

/* Wait for @p job's worker and release the job. On success its result is appended to @p out and
 * fn's status is returned, with fn's message in cn_errmsg() when < 0; CN_ERROR when the worker
 * died or its result cannot be read. A signal that interrupts the wait does not end it. */
int cni_par_join(cni_par_job *job, cni_buf *out);

/* Stop @p job's worker (SIGKILL), reap it and release the job; NULL is a no-op. */
void cni_par_cancel(cni_par_job *job);

/* Worker processes to use for @p requested (0: online CPUs). */
size_t cni_par_workers(unsigned requested);

#endif
